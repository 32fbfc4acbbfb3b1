"""``tipgraph validate GRAPH|DIR [--shapes FILE] [--report OUT.ttl]``: check any graph file, or
each report year of an archive store.

The readable report goes to stdout (it is what the command answers), the one-line verdict
to stderr; the exit code is 0 when the graph conforms, 1 when it does not, 2 when the graph
or shapes file cannot be read (as pySHACL's own command line).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from tipgraph.cli.empty import empty_graph
from tipgraph.cli.inputs import load_nonempty
from tipgraph.core.atomic import write_bytes_atomic

if TYPE_CHECKING:
    from rdflib import Graph

    from tipgraph.graph.formats import Format

NAME = "validate"
HELP = "check a graph file against the SHACL shapes (exit 0 conforms, 1 violations, 2 bad input)"
#: One example for ``--help``.
EXAMPLE = ("tipgraph validate sample.ttl", "exit 0 when it conforms")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph validate``."""
    parser.add_argument("graph", type=Path, metavar="GRAPH|DIR",
                        help="a graph file (.ttl, .nt, .jsonld, .trig, .nq) or an archive store "
                             "directory (build --store DIR: each report year on its own)")
    parser.add_argument("--shapes", type=Path, metavar="FILE",
                        help="SHACL shapes to check against (default: the shipped tipgraph "
                             "shapes)")
    parser.add_argument("--report", type=Path, metavar="OUT.ttl",
                        help="also write the SHACL validation report graph there; the format "
                             "follows the extension, as for build -o (.ttl, .nt, .jsonld, "
                             ".trig, .nq)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print no report, only the verdict line and the exit code")


def run(args: argparse.Namespace) -> int:
    """Validate, print the readable report, write the report graph when asked."""
    from tipgraph.graph.formats import output_format
    from tipgraph.graph.serialize import serialize
    from tipgraph.shapes.validate import load_shapes, readable_report, validate

    started = time.perf_counter()
    report_format = output_format(args.report) if args.report is not None else None
    shapes = load_shapes(args.shapes) if args.shapes is not None else None
    if args.graph.is_dir():
        return _validate_store(args, shapes, started, report_format)
    graph = load_nonempty(args.graph)
    outcome = validate(graph, shapes)
    if args.report is not None and report_format is not None and report_format.writer:
        write_bytes_atomic(args.report, serialize(outcome.report_graph, report_format.writer))
    seconds = time.perf_counter() - started
    if not args.quiet and not outcome.conforms:
        sys.stdout.write(readable_report(outcome, graph) + "\n")
    if outcome.conforms:
        sys.stderr.write(f"{args.graph}: conforms ({len(graph)} triples, {seconds:.1f} s)\n")
        return 0
    sys.stderr.write(f"{args.graph}: does not conform: {len(outcome.results)} results "
                     f"({len(graph)} triples, {seconds:.1f} s)\n")
    return 1


def _validate_store(args: argparse.Namespace, shapes: Graph | None, started: float,
                    report_format: Format | None) -> int:
    """Each report year of an archive store validated on its own, as ``build`` validated it.

    One year at a time, so memory follows the largest year, not the archive; the verdict
    names every year that does not conform, and ``--report`` holds all their results.
    """
    from rdflib import Graph

    from tipgraph.cli.storequery import require_store
    from tipgraph.graph.iris import graph_iri
    from tipgraph.graph.serialize import serialize
    from tipgraph.serve.archive_store import named_graph, open_read_only, read_manifest
    from tipgraph.shapes.validate import readable_report, validate

    require_store(args.graph)
    store = open_read_only(args.graph)
    years = sorted(read_manifest(store))
    if not years:
        raise empty_graph(args.graph)
    failed: list[int] = []
    report = Graph()
    triples = 0
    for year in years:
        graph = named_graph(store, str(graph_iri(year)))
        triples += len(graph)
        outcome = validate(graph, shapes)
        report += outcome.report_graph
        if not outcome.conforms:
            failed.append(year)
            if not args.quiet:
                sys.stdout.write(f"{year}:\n{readable_report(outcome, graph)}\n")
    if args.report is not None and report_format is not None and report_format.writer:
        write_bytes_atomic(args.report, serialize(report, report_format.writer))
    seconds = time.perf_counter() - started
    counts = f"{len(years)} report years, {triples} triples, {seconds:.1f} s"
    if not failed:
        sys.stderr.write(f"{args.graph}: conforms ({counts})\n")
        return 0
    sys.stderr.write(f"{args.graph}: does not conform: {', '.join(map(str, failed))} "
                     f"({counts})\n")
    return 1
