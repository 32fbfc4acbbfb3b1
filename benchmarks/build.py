"""Benchmark a build of the sample, stage by stage, against the floor of bare spaCy.

Each run is a fresh interpreter that builds the graph the way ``tipgraph build -o x.ttl``
does (read and repair, spaCy, extraction, RDF mapping, SHACL validation, serialization),
with every stage timed, and then times the *floor* over the very same section texts:
spaCy's blank English tokenizer and its rule-based ``sentencizer``, a fresh pipeline so its
tokenizer cache is cold. The script prints the median of each stage over the runs, its share
of the build, chars/s, peak RSS, and the ratio whole build / floor, in wall-clock and in CPU
seconds (the machine is shared: CPU time is the steadier one, quote ratios). Module imports
(spaCy, rdflib, pySHACL, pyoxigraph) happen before the clock starts and are printed apart:
``tipgraph build`` pays them once per process, whatever it builds.

Usage::

    .venv/bin/python benchmarks/build.py                 # 5 runs over the sample
    .venv/bin/python benchmarks/build.py --runs 9 --format nt
    .venv/bin/python benchmarks/build.py REPORT.txt ...  # other inputs
    .venv/bin/python benchmarks/build.py --json out.json # the medians as JSON too
    .venv/bin/python benchmarks/build.py --default-gc    # without the CLI's GC thresholds

Each child sets the garbage-collector thresholds the ``tipgraph`` console script sets for a
build (``tipgraph.core.collector.one_shot``), so the figures are those of ``tipgraph build``.

Validation is the build's own when ``build_graph`` validates; otherwise this script runs
``tipgraph.shapes.validate.validate`` on each report's data graph, as the build will.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import (
    Clock,
    floor_seconds,
    instrument_build,
    load_avg,
    median,
    peak_rss_mib,
    run_child,
    table,
)

from tipgraph.graph.formats import formats

#: ``--format`` (the usual extension without its dot) -> the writer's name, from the table.
FORMATS = {f.extension[1:]: f.writer for f in formats("rdf", writable=True)}
EXTRACTORS = ("tip_places", "tip_flows", "tip_laws", "tip_agencies", "tip_figures")
#: Display rows: (label, stages summed into it).
ROWS = (
    ("read and repair", ("read",)),
    ("set-up (gazetteer, ontology, matchers)", ("setup",)),
    ("spaCy: tokenizer + tip_sentencizer + sentences", ("tokenizer", "tip_sentencizer",
                                                         "sentences", "spacy_other")),
    ("flow and entity extraction", (*EXTRACTORS, "facts")),
    ("RDF mapping (records to triples)", ("map", "union")),
    ("SHACL validation", ("validate",)),
    ("serialization", ("serialize",)),
    ("other (ontology into the union, dataset description)", ("other",)),
)


def child(args: argparse.Namespace) -> dict[str, Any]:
    """One measured build in this (fresh) process; returns what the parent aggregates."""
    from tipgraph.core import collector

    if not args.default_gc:
        collector.one_shot()  # as the tipgraph console script does for a build
    t_import = time.perf_counter()
    import pyshacl  # noqa: F401  (the validation imports it on first use: an import, not work)

    from tipgraph.graph.serialize import serialize
    from tipgraph.pipeline import build

    imported = time.perf_counter() - t_import
    clock = Clock()
    instrument_build(clock)
    paths = [Path(p) for p in args.inputs] or [None]
    w0, c0 = time.perf_counter(), time.process_time()
    result = build.build_graph(paths, year=args.year)
    if "validate" not in clock.wall:
        from tipgraph.shapes.validate import validate

        with clock.measure("validate"):
            for graph in result.reports.values():
                validate(graph)
    fmt = FORMATS[args.format]
    with clock.measure("serialize"):
        data = serialize(result.union, fmt, ontology=result.ontology, reports=result.reports)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    for kind, total in (("wall", wall), ("cpu", cpu)):
        stages = getattr(clock, kind)
        inner = sum(stages.get(k, 0.0) for k in ("tokenizer", "tip_sentencizer", *EXTRACTORS,
                                                  "sentences", "facts"))
        stages["spacy_other"] = max(0.0, stages.get("extract", 0.0) - inner)
        counted = sum(v for k, v in stages.items() if k != "extract")
        stages["other"] = max(0.0, total - counted)
        stages["total"] = total
    texts = [s.clean for f in result.facts for s in f.narrative.sections]
    floor_wall, floor_cpu = floor_seconds(texts)
    chars = sum(len(r) for r in _sources(paths))
    return {"clock": clock.as_dict(), "floor": {"wall": floor_wall, "cpu": floor_cpu},
            "chars": chars, "clean_chars": sum(map(len, texts)), "triples": len(result.union),
            "bytes": len(data), "rss_mib": peak_rss_mib(), "import_s": imported,
            "sentences": result.sentences, "narratives": result.narratives}


def _sources(paths: list[Path | None]) -> list[str]:
    from tipgraph.extract.source import read_source

    return [read_source(p).text for p in paths]


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the runs of every stage and figure."""

    def med(kind: str, stage: str) -> float:
        return median(r["clock"][kind].get(stage, 0.0) for r in runs)

    stages = sorted({s for r in runs for s in r["clock"]["wall"]})
    out: dict[str, Any] = {
        "runs": len(runs),
        "stages": {s: {"wall": med("wall", s), "cpu": med("cpu", s)} for s in stages},
        "floor": {k: median(r["floor"][k] for r in runs) for k in ("wall", "cpu")},
        "ratio": {k: median(r["clock"][k]["total"] / r["floor"][k] for r in runs)
                  for k in ("wall", "cpu")},
        "validate_share": {k: median(r["clock"][k].get("validate", 0.0)
                                     / r["clock"][k]["total"] for r in runs)
                           for k in ("wall", "cpu")},
        "rss_mib": max(r["rss_mib"] for r in runs),
        "import_s": median(r["import_s"] for r in runs),
    }
    first = runs[0]
    for key in ("chars", "clean_chars", "triples", "bytes", "sentences", "narratives"):
        out[key] = first[key]
    out["chars_per_s"] = {k: first["chars"] / out["stages"]["total"][k] for k in ("wall", "cpu")}
    return out


def report(summary: dict[str, Any]) -> str:
    st = summary["stages"]
    total = st["total"]

    def row(label: str, names: tuple[str, ...]) -> list[object]:
        w = sum(st.get(n, {}).get("wall", 0.0) for n in names)
        c = sum(st.get(n, {}).get("cpu", 0.0) for n in names)
        return [label, w, c, f"{100 * w / total['wall']:.0f} %", f"{100 * c / total['cpu']:.0f} %"]

    rows = [row(label, names) for label, names in ROWS]
    rows.extend(row(f"  {name}", (name,)) for name in EXTRACTORS)
    rows.append(["whole build", total["wall"], total["cpu"], "100 %", "100 %"])
    rows.append(["floor: blank tokenizer + sentencizer", summary["floor"]["wall"],
                 summary["floor"]["cpu"], "", ""])
    lines = [
        f"{summary['narratives']} narratives, {summary['sentences']} sentences, "
        f"{summary['chars']:,} chars -> {summary['triples']:,} triples, "
        f"{summary['bytes']:,} bytes; median of {summary['runs']} fresh runs ({load_avg()})",
        "",
        table(["stage", "wall s", "CPU s", "wall share", "CPU share"], rows),
        "",
        f"chars/s: {summary['chars_per_s']['wall']:,.0f} (wall), "
        f"{summary['chars_per_s']['cpu']:,.0f} (CPU); peak RSS {summary['rss_mib']:.0f} MiB; "
        f"module imports before the build (not in it): {summary['import_s']:.2f} s wall",
        f"whole build / floor: {summary['ratio']['wall']:.1f}x (wall), "
        f"{summary['ratio']['cpu']:.1f}x (CPU)   [target <= 5x]",
        f"SHACL validation share: {100 * summary['validate_share']['wall']:.0f} % (wall), "
        f"{100 * summary['validate_share']['cpu']:.0f} % (CPU)   [target <= 30 %]",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", help="report files (default: the sample)")
    parser.add_argument("--runs", type=int, default=5, help="fresh runs to take medians of")
    parser.add_argument("--year", type=int)
    parser.add_argument("--format", choices=sorted(FORMATS), default="ttl")
    parser.add_argument("--json", type=Path, help="also write the medians to this file")
    parser.add_argument("--default-gc", action="store_true",
                        help="keep Python's default collector thresholds (the console script "
                             "sets tipgraph.core.collector.one_shot's)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args)))
        return 0
    passed = [*args.inputs, "--format", args.format, *(["--default-gc"] * args.default_gc)]
    if args.year is not None:
        passed += ["--year", str(args.year)]
    runs = []
    for n in range(args.runs):
        runs.append(run_child(Path(__file__), passed))
        sys.stderr.write(f"run {n + 1}/{args.runs}: {runs[-1]['clock']['wall']['total']:.2f} s\n")
    summary = summarize(runs)
    print(report(summary))
    if args.json is not None:
        args.json.write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
