"""``tipgraph build [REPORT ...] [-o OUT]``: build the graph of report files."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tipgraph.graph.formats import formats

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult, ReportSummary

#: The first TIP report is the 2001 one; a report is dated the year it is published, so
#: next year's is the latest a draft can carry.
FIRST_YEAR = 2001

NAME = "build"
HELP = ("build the knowledge graph of TIP report files: PDF, saved web page or text "
        "(default: the built-in sample)")
#: One example for ``--help``.
EXAMPLE = ("tipgraph build -o sample.ttl", "the built-in sample, as Turtle")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph build``."""
    parser.add_argument("reports", nargs="*", type=Path, metavar="REPORT",
                        help="report files: the report's PDF, a saved web page of narratives "
                             "or UTF-8 text (told by content); none builds the built-in 2017 "
                             "sample")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="output file; the format follows the extension ("
                             + ", ".join(f"{f.extension} {f.name}"
                                         for f in formats("rdf", writable=True))
                             + "); default: Turtle on stdout")
    parser.add_argument("--year", type=_year, metavar="YYYY",
                        help=f"the report year, {FIRST_YEAR} to next year (default: inferred "
                             "from each text)")
    parser.add_argument("--model", metavar="NAME",
                        help="an installed spaCy pipeline to start from (default: blank English)")
    parser.add_argument("--timestamp", action="store_true",
                        help="record the wall-clock build time (output then differs per run; "
                             "SOURCE_DATE_EPOCH is honoured without it)")
    parser.add_argument("--no-validate", dest="validate", action="store_false",
                        help="write the graph even if it violates the SHACL shapes")
    parser.add_argument("--shapes", type=Path, metavar="FILE",
                        help="validate against these SHACL shapes instead of the shipped ones")
    parser.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                        help="worker processes for the report years (default 1; 0: one per "
                             "CPU core); the graph is the same for any N")
    parser.add_argument("--store", type=Path, metavar="DIR",
                        help="add or replace each report year as its own named graph in this "
                             "archive store (an Oxigraph directory); years whose input, "
                             "version and options are unchanged are skipped")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")


def _year(text: str) -> int:
    """``--year``: a year the reports exist for, refused before any work (not after a whole
    build and a page of SHACL violations)."""
    latest = time.gmtime().tm_year + 1
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"E126: {text!r} is not a year") from None
    if not FIRST_YEAR <= year <= latest:
        raise argparse.ArgumentTypeError(
            f"E126: {year} is not a report year: the TIP reports run from {FIRST_YEAR} to "
            f"{latest}")
    return year


def _jobs(text: str) -> int:
    """``--jobs``: a whole number of processes, 0 standing for one per CPU core."""
    from tipgraph.pipeline.parallel import default_jobs

    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (0 or more)")
    return jobs or default_jobs()


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar on a terminal; nothing when piped or quiet."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress, TaskID

    with Progress(transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def update(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(f"reading {name}", total=total)
            bar.update(tasks[name], completed=done)

        yield update


#: How the summary names each tier notation.
_TIER_NAMES = {"1": "Tier 1", "2": "Tier 2", "2WL": "Tier 2 Watch List", "3": "Tier 3",
               "special": "Special Case", "none": "no tier", "partial": "partial"}
#: How the summary says where an inferred year came from.
_YEAR_SOURCES = {"title": "the title", "file name": "the file name",
                 "reporting period": "the reporting period", "statistics": "dated statistics"}


def _summary(result: BuildResult, target: str) -> str:
    """One line: narratives per tier, sentences, triples, time, each input's year and its
    source, and how many heading lines could not be read."""
    tiers: dict[str, int] = {}
    for s in result.summaries:
        for tier, count in s.tiers.items():
            tiers[tier] = tiers.get(tier, 0) + count
    order = list(_TIER_NAMES)
    per_tier = ", ".join(f"{_TIER_NAMES.get(t, t)}: {tiers[t]}"
                         for t in sorted(tiers, key=lambda t: [*order, t].index(t)))
    years = ", ".join(
        f"{s.source}: {s.year}"
        + (f" (from {_YEAR_SOURCES.get(s.year_source, s.year_source)}; use --year to set it)"
           if s.year_inferred else "")
        + _read(s)
        for s in result.summaries)
    unread = sum(len(s.warnings) for s in result.summaries)
    tail = f"; {unread} heading line(s) not read, see the warnings above" if unread else ""
    return (f"built {target}: {result.narratives} narratives ({per_tier}), "
            f"{result.sentences} sentences, {len(result.union)} triples in "
            f"{result.seconds:.1f} s [{years}]{tail}")


def _warn(result: BuildResult) -> None:
    """Each line the reader could not read, on stderr, so nothing is dropped silently."""
    for s in result.summaries:
        for warning in s.warnings:
            sys.stderr.write(f"tipgraph: warning {warning.code}: {warning.message}\n")


def _read(summary: ReportSummary) -> str:
    """", 12 PDF pages; set aside, not read as narrative: 3 box, 2 caption" for a PDF or page."""
    parts = [f"{summary.pages} PDF pages"] if summary.pages else []
    if summary.set_aside:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(summary.set_aside.items()))
        parts.append(f"set aside, not read as narrative: {kinds}")
    return "".join(f"; {part}" for part in parts)


def run(args: argparse.Namespace) -> int:
    """Build, then write atomically (or to stdout), or into an archive store."""
    from tipgraph.pipeline.build import now

    if args.store is not None:
        from tipgraph.cli.store_build import run_store

        return run_store(args, now() if args.timestamp else None)
    from tipgraph.graph.formats import output_format
    from tipgraph.graph.serialize import serialize, write_graph
    from tipgraph.pipeline.build import build_graph
    from tipgraph.shapes.validate import load_shapes

    if args.output is not None:
        output_format(args.output)  # fail on a bad extension before doing any work
    paths: list[Path | None] = list(args.reports) or [None]
    shapes = load_shapes(args.shapes) if args.shapes is not None and args.validate else None
    with _progress(not args.quiet) as progress:
        result = build_graph(paths, year=args.year, model=args.model,
                             timestamp=now() if args.timestamp else None, progress=progress,
                             validate=args.validate, shapes=shapes, jobs=args.jobs)
    if args.output is None:
        sys.stdout.buffer.write(serialize(result.union, "turtle"))
        target = "stdout"
    else:
        write_graph(args.output, result.union, ontology=result.ontology, reports=result.reports)
        target = str(args.output)
    _warn(result)
    if not args.quiet:
        sys.stderr.write(_summary(result, target) + "\n")
    return 0
