"""Benchmark one report year of ``tipgraph build --store``, stage by stage (issue #13).

The archive's ``--jobs 2`` wall time is the CPU time of its years over two cores, so this
script measures where a year's CPU time goes, the way a ``--jobs`` worker spends it and the
way the parent then stores it. One fresh interpreter (``--child``) builds each given report
in turn with ``tipgraph.cli.store_build``'s own worker function, as one worker builds the
years it is given, and then loads it into an empty store with ``archive_store.put_year``, as
the parent does. Every stage is timed by wrapping the function that does it (a function that
is not there is simply not timed: its time shows up as "other"):

* read (source file, reader, repair), set-up (gazetteer, spaCy pipeline, ontology),
  extraction (spaCy and the rule-based components), mapping (facts to rdflib triples),
  validation (the SPARQL targets on Oxigraph, then pySHACL), writing the year's file,
  the full garbage collection after the year, the parent's load into the store.

CPU seconds are the steadier figure on a shared machine; wall seconds are printed beside.
Module imports happen before the clock starts. ``--default-gc`` keeps Python's collector
thresholds instead of those of a one-shot process (what the workers ran with before they
were given ``collector.one_shot``).

Usage::

    .venv/bin/python benchmarks/archive_year.py REPORT.txt [REPORT.txt ...] [--default-gc]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Clock, load_avg, peak_rss_mib, run_child, table

#: Display rows: (label, stage names summed into it).
ROWS = (
    ("read and repair", ("read",)),
    ("set-up (gazetteer, spaCy pipeline, ontology)", ("setup",)),
    ("extraction (spaCy + rule components)", ("extract",)),
    ("mapping (facts to rdflib triples)", ("map",)),
    ("the year's graph into Oxigraph (targets, writer)", ("convert",)),
    ("validation: SPARQL targets on Oxigraph", ("targets",)),
    ("validation: pySHACL", ("pyshacl",)),
    ("writing the year's file", ("write",)),
    ("full collection after the year", ("collect",)),
    ("other (worker)", ("other",)),
    ("worker total", ("worker",)),
    ("parent: load into the store", ("store",)),
)


def _instrument(clock: Clock) -> None:
    """Wrap the functions of each stage in timers of ``clock``."""
    import gc

    import pyshacl
    from rdflib import Graph

    from tipgraph.pipeline import build
    from tipgraph.shapes import validate

    for owner, attr, stage in (
            (build, "read_source", "read"), (build, "read", "read"),
            (build, "load_gazetteer", "setup"), (build, "build_pipeline", "setup"),
            (build, "ontology_graph", "setup"), (build, "extract_report", "extract"),
            (build.GraphMapper, "add_report", "map"),
            (validate, "resolve_sparql_targets", "targets"),
            (pyshacl, "validate", "pyshacl"), (Graph, "serialize", "write"),
            (gc, "collect", "collect")):
        clock.patch(owner, attr, stage)
    from tipgraph.cli import store_build
    from tipgraph.shapes import targets

    # Where they exist: the conversion shared by the targets and the writer, and the writer.
    clock.patch(targets, "oxigraph_store", "convert")
    clock.patch(store_build, "_write_year", "write")


def child(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Build each report as a worker does, store it as the parent does; time the stages."""
    from tipgraph.core import collector

    if not args.default_gc:
        collector.one_shot()
    import pyoxigraph as ox
    import pyshacl  # noqa: F401  (imports are not part of the year's cost)
    import spacy  # noqa: F401

    from tipgraph.cli import store_build
    from tipgraph.core import __version__
    from tipgraph.serve import archive_store

    years = []
    clock = Clock()
    _instrument(clock)
    for path in args.inputs:
        clock.wall.clear()
        clock.cpu.clear()
        clock.calls.clear()
        with tempfile.TemporaryDirectory() as folder:
            with clock.measure("worker"):
                built = store_build.build_year(Path(path), None, None, True, None, None,
                                               folder)
            entry = archive_store.YearEntry(year=built.year, source=Path(path).name,
                                            sha256="0" * 64, fingerprint="0" * 32,
                                            version=__version__, triples=0,
                                            added="2026-01-01T00:00:00Z")
            description = archive_store.dataset_description([built.year])
            with clock.measure("store"):
                store = ox.Store(str(Path(folder) / "store"))
                triples = archive_store.put_year(store, entry, built.data, built.ontology,
                                                 description)
                store.flush()
                del store
        for kind in ("wall", "cpu"):
            stages = getattr(clock, kind)
            counted = sum(v for k, v in stages.items() if k not in ("worker", "store"))
            stages["other"] = max(0.0, stages["worker"] - counted)
        years.append({"year": built.year, "triples": triples,
                      "clock": json.loads(json.dumps(clock.as_dict())),  # a copy
                      "rss_mib": peak_rss_mib()})
    return years


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="report files, built in turn")
    parser.add_argument("--default-gc", action="store_true",
                        help="keep Python's collector thresholds (the workers' before)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args)))
        return 0
    years = run_child(Path(__file__), [*args.inputs, *(["--default-gc"] * args.default_gc)])
    header = ["stage", *(f"{y['year']} CPU s" for y in years),
              *(f"{y['year']} wall s" for y in years)]
    rows = []
    for label, names in ROWS:
        rows.append([label,
                     *(f"{sum(y['clock']['cpu'].get(n, 0.0) for n in names):.2f}" for y in years),
                     *(f"{sum(y['clock']['wall'].get(n, 0.0) for n in names):.2f}"
                       for y in years)])
    print(f"# one report year as a --store worker builds it ({load_avg()})")
    print(table(header, rows))
    print("# triples: " + ", ".join(f"{y['year']}: {y['triples']:,}" for y in years)
          + f"; peak RSS {max(y['rss_mib'] for y in years):.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
