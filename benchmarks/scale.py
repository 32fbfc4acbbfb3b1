"""Benchmark the build of a synthetic archive of 1, 5 and 20 reports: is the cost linear?

The archive is made from the sample: its text is written out once per report as
``tip-<year>-sample.txt`` and each copy is read as the report of a different year
(2001, 2002, ...), the way ``--year`` would set it for a single file. The text is the same,
but every narrative, section, sentence, flow and figure IRI carries the year, so nothing
merges by accident; what does merge is what merges in a real archive: countries, regions,
and laws and agencies, whose IRIs are per jurisdiction. (``tipgraph build`` takes one
``--year`` for all its inputs, so the benchmark gives each copy its year itself, by
wrapping the build's ``read`` step; nothing else of the build is changed.)

Each size is built in a fresh interpreter, whole (read, extraction, mapping, SHACL
validation, Turtle written to a file), and the script prints, per size, the seconds, the
seconds per MB of input text, the peak RSS and the ratio of the time per MB to the time per MB
of one report (linear is 1.0; the target is within 20 %).

Usage::

    .venv/bin/python benchmarks/scale.py                    # sizes 1, 5, 20
    .venv/bin/python benchmarks/scale.py --sizes 1,5 --runs 3
    .venv/bin/python benchmarks/scale.py --keep /tmp/archive   # keep the 20-report TriG

Each child sets the collector thresholds of the ``tipgraph`` console script
(``tipgraph.core.collector.one_shot``); ``--default-gc`` keeps Python's defaults.
``--jobs N`` builds the report years in N worker processes, as ``tipgraph build --jobs N``;
CPU seconds then count the parent and its workers (``RUSAGE_CHILDREN``), the peak RSS is the
parent's and, separately, the largest worker's.

``--keep DIR`` leaves the inputs and the largest graph (``DIR/archive-<n>.trig``) there, for
``benchmarks/query.py``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import (
    Clock,
    instrument_build,
    load_avg,
    median,
    peak_rss_mib,
    run_child,
    table,
)

FIRST_YEAR = 2001
MB = 1_000_000


def write_archive(directory: Path, reports: int) -> list[Path]:
    """Write the sample text once per report year; return the files in year order."""
    from tipgraph.extract.source import read_source

    text = read_source(None).text
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for year in range(FIRST_YEAR, FIRST_YEAR + reports):
        path = directory / f"tip-{year}-sample.txt"
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def year_of(name: str) -> int:
    """The year a file of ``write_archive`` stands for (``tip-2003-sample.txt`` -> 2003)."""
    return int(name.split("-")[1])


def child(args: argparse.Namespace) -> dict[str, Any]:
    """Build the archive of ``args.inputs`` in this fresh process; return the figures."""
    from tipgraph.core import collector

    if not args.default_gc:
        collector.one_shot()  # as the tipgraph console script does for a build
    from tipgraph.graph.serialize import write_graph
    from tipgraph.pipeline import build

    clock = Clock()
    instrument_build(clock)
    read = build.read

    def read_as_year(source: Any, gazetteer: Any, year: int | None) -> Any:
        return read(source, gazetteer, year_of(source.name))

    build.read = read_as_year
    paths = [Path(p) for p in args.inputs]
    w0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    result = build.build_graph(paths, jobs=args.jobs)
    out = Path(args.output)
    with clock.measure("serialize"):
        size = write_graph(out, result.union, ontology=result.ontology, reports=result.reports)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0 + _children_cpu() - k0
    chars = sum(p.stat().st_size for p in paths)
    workers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"reports": len(paths), "bytes_in": chars, "bytes_out": size, "wall": wall,
            "cpu": cpu, "triples": len(result.union), "rss_mib": peak_rss_mib(),
            "workers_rss_mib": workers_rss,
            "clock": clock.as_dict(), "narratives": result.narratives}


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the build's worker processes)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="1,5,20", help="numbers of reports (default 1,5,20)")
    parser.add_argument("--runs", type=int, default=3,
                        help="fresh runs per size below 20 reports (median); 20+ run once")
    parser.add_argument("--big-runs", type=int, default=1,
                        help="fresh runs per size of 20 reports or more")
    parser.add_argument("--format", default="ttl", help="output extension (default ttl)")
    parser.add_argument("--keep", type=Path, help="keep the inputs and the largest graph here")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--default-gc", action="store_true",
                        help="keep Python's default collector thresholds (the console script "
                             "sets tipgraph.core.collector.one_shot's)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="worker processes for the report years (tipgraph build --jobs)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="tipgraph-scale-"))
    inputs = write_archive(work / "reports", max(sizes))
    results: dict[int, list[dict[str, Any]]] = {}
    for size in sizes:
        runs = args.big_runs if size >= 20 else args.runs
        out = work / f"archive-{size}.{args.format}"
        results[size] = []
        for n in range(runs):
            child_args = [*map(str, inputs[:size]), "--output", str(out),
                          "--jobs", str(args.jobs), *(["--default-gc"] * args.default_gc)]
            results[size].append(run_child(Path(__file__), child_args))
            got = results[size][-1]
            workers = (f", workers {got['workers_rss_mib']:.0f} MiB each at most"
                       if args.jobs > 1 else "")
            sys.stderr.write(f"{size} reports, run {n + 1}/{runs}: {got['wall']:.1f} s wall, "
                             f"{got['cpu']:.1f} s CPU, {got['rss_mib']:.0f} MiB{workers}\n")
    if args.keep is not None and args.format != "trig":
        # query.py loads the named graphs: write the largest archive as TriG as well
        run_child(Path(__file__), [*map(str, inputs[:max(sizes)]), "--output",
                                   str(work / f"archive-{max(sizes)}.trig")])
    base: dict[str, float] = {}
    rows = []
    summary = []
    for size, runs in results.items():
        mb = runs[0]["bytes_in"] / MB
        wall, cpu = median(r["wall"] for r in runs), median(r["cpu"] for r in runs)
        per = {"wall": wall / mb, "cpu": cpu / mb}
        base = base or per
        rss = max(r["rss_mib"] for r in runs)
        rows.append([size, f"{mb:.1f}", runs[0]["triples"], wall, cpu, per["wall"], per["cpu"],
                     f"{per['wall'] / base['wall']:.2f}", f"{per['cpu'] / base['cpu']:.2f}",
                     f"{rss:.0f}"])
        summary.append({"reports": size, "mb": mb, "runs": len(runs), "triples": runs[0]["triples"],
                        "wall": wall, "cpu": cpu, "wall_per_mb": per["wall"],
                        "cpu_per_mb": per["cpu"], "rss_mib": rss,
                        "stages_cpu": {k: median(r["clock"]["cpu"].get(k, 0.0) for r in runs)
                                       for k in runs[0]["clock"]["cpu"]}})
    print(f"synthetic archive of the sample, one report per year from {FIRST_YEAR} "
          f"({load_avg()}); whole build with validation and {args.format} output")
    print()
    print(table(["reports", "MB in", "triples", "wall s", "CPU s", "wall s/MB", "CPU s/MB",
                 "wall vs 1", "CPU vs 1", "peak RSS MiB"], rows))
    print()
    stages = sorted({k for s in summary for k in s["stages_cpu"]} - {"extract"})
    print("CPU seconds per MB by stage (linear: the same in every column)")
    print(table(["stage", *(str(s["reports"]) for s in summary)],
                [[k, *(s["stages_cpu"].get(k, 0.0) / s["mb"] for s in summary)] for k in stages]))
    if args.json is not None:
        args.json.write_text(json.dumps(summary, indent=1) + "\n")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
