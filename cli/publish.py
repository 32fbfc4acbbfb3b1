"""``tipgraph publish GRAPH|DIR --endpoint URL``: load a graph file or an archive store into a
SPARQL store (Graph Store Protocol), one named graph per report year; of a store, only the
years changed since the last publish to that endpoint (``tipgraph.serve.publish_archive``).

``tipgraph publish --cleanup --endpoint URL`` drops the staging graphs that publishes which
died left on the store (every publish also drops those that are surely orphaned first).

Exit codes: 0 published; 2 a bad graph file or URL, an unreachable or refusing store, or a
graph that exists without ``--replace`` (one line on stderr, with its code: E62x); 3 a graph
file without a triple (E125: nothing is sent).

Each report goes into a named graph, which a store started plainly (``oxigraph serve``)
leaves out of default-graph queries; the summary is followed by ``UNION_HINT``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tipgraph.cli.empty import EmptyError
from tipgraph.cli.serve import positive_float, positive_int
from tipgraph.core.errors import InputError, OutputError

NAME = "publish"
HELP = "load a graph into a SPARQL store over the Graph Store Protocol (one graph per report)"
#: One line after a publish: a plain Oxigraph server answers a query without GRAPH or FROM
#: from its default graph only, which holds none of the reports.
UNION_HINT = ("hint: each report is a named graph, which a store that keeps its default graph "
              "apart (a plain 'oxigraph serve') leaves out of queries without GRAPH or FROM: "
              "use GRAPH ?g { ... } or FROM <graph IRI>, or 'oxigraph serve "
              "--union-default-graph'")
#: One example for ``--help``.
EXAMPLE = ("tipgraph publish sample.ttl --endpoint http://127.0.0.1:7878/store",
           "into an Oxigraph server")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph publish``."""
    parser.add_argument("graph", type=Path, metavar="GRAPH|DIR", nargs="?",
                        help="a graph file (.trig/.nq keep their named graphs, a triple file "
                             "holds one report) or an archive store directory (build --store "
                             "DIR: only the years changed since the last publish to this "
                             "endpoint are sent); optional with --cleanup")
    parser.add_argument("--endpoint", required=True, metavar="URL",
                        help="the Graph Store Protocol URL (Oxigraph: http://HOST:7878/store; "
                             "Fuseki: http://HOST:3030/DATASET/data); user:password@ for "
                             "Basic authentication")
    parser.add_argument("--graph-iri", metavar="IRI",
                        help="the named graph for the report (default: "
                             "https://w3id.org/tipgraph/id/graph/YEAR)")
    parser.add_argument("--replace", action="store_true",
                        help="replace graphs the store already has (atomically when it has a "
                             "SPARQL Update endpoint)")
    parser.add_argument("--update-endpoint", metavar="URL",
                        help="the SPARQL Update URL for the atomic swap (default: beside the "
                             "Graph Store URL, for Oxigraph and Fuseki)")
    parser.add_argument("--query-endpoint", metavar="URL",
                        help="the SPARQL query URL, to find staging graphs left by publishes "
                             "that died (default: beside the Graph Store URL, for Oxigraph and "
                             "Fuseki)")
    parser.add_argument("--cleanup", action="store_true",
                        help="drop every orphaned staging graph (urn:tipgraph:staging:...), "
                             "other hosts' included: give it when no other publish runs")
    parser.add_argument("--chunk-size", type=positive_int, default=50_000, metavar="N",
                        help="triples per request (default 50000)")
    parser.add_argument("--retries", type=int, default=3, metavar="N",
                        help="retries of a failed request, with backoff (default 3)")
    parser.add_argument("--timeout", type=positive_float, default=60.0, metavar="S",
                        help="seconds per request (default 60)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")


def run(args: argparse.Namespace) -> int:
    """Publish and print a summary line (and any warning) on stderr."""
    from tipgraph.serve.publish import cleanup, publish
    from tipgraph.serve.publish_client import split_credentials

    def progress(line: str) -> None:
        if not args.quiet:
            sys.stderr.write(line + "\n")

    if args.graph is None and not args.cleanup:
        raise OutputError("give a GRAPH file to publish, or --cleanup", code="E626")
    where = split_credentials(args.endpoint)[0]
    if args.cleanup:
        cleaned = cleanup(args.endpoint, query_endpoint=args.query_endpoint,
                          timeout=args.timeout, retries=max(0, args.retries))
        if not args.quiet:
            for name in cleaned.cleaned:
                sys.stderr.write(f"removed the orphaned staging graph {name}\n")
            sys.stderr.write(f"removed {len(cleaned.cleaned)} orphaned staging graphs from "
                             f"{where}\n")
        if args.graph is None:
            return 0
    try:
        result = publish(args.graph, args.endpoint, graph=args.graph_iri, replace=args.replace,
                         update_endpoint=args.update_endpoint,
                         query_endpoint=args.query_endpoint, chunk_size=args.chunk_size,
                         timeout=args.timeout, retries=max(0, args.retries), progress=progress)
    except InputError as exc:
        if exc.code == "E125":  # nothing to publish: a warning and exit 3, as for any command
            raise EmptyError(exc.message, code=exc.code) from None
        raise
    for warning in result.warnings:
        sys.stderr.write(f"tipgraph: warning: {warning}\n")
    if not args.quiet:
        if result.unchanged:
            years = ", ".join(str(year) for year in result.unchanged)
            sys.stderr.write(f"{len(result.unchanged)} report years unchanged since the last "
                             f"publish to {where}, not sent: {years}\n")
        total = sum(result.graphs.values())
        sys.stderr.write(f"published {total} triples in {len(result.graphs)} graphs to {where} "
                         f"in {result.requests} requests\n")
        sys.stderr.write(UNION_HINT + "\n")
    return 0
