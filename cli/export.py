"""``tipgraph export [--graph GRAPH] --format FORMAT [-o OUT] [filters]``: files for other tools.

The network formats (GraphML, GEXF, Cytoscape.js, node-link JSON, DOT, CSV, the HTML flow map)
write the network view of the flows, which the filters narrow; the RDF formats (Turtle,
N-Triples, JSON-LD, TriG) write the full graph. Without ``--graph`` the built-in sample is
built in memory first, as ``tipgraph build`` would.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tipgraph.cli.empty import empty_selection
from tipgraph.cli.inputs import add_graph_argument, graph_or_sample
from tipgraph.core.errors import QueryError
from tipgraph.extract.records import SECTION_KINDS as SECTIONS
from tipgraph.graph.formats import names

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

NAME = "export"
HELP = ("export the flow network for Gephi, yEd, Cytoscape, D3 or Graphviz, a CSV table, an "
        "offline HTML flow map, or the full graph as RDF")
#: One example for ``--help``.
EXAMPLE = ("tipgraph export --graph sample.ttl -f html -o flows.html --year 2017",
           "an offline flow map of the 2017 flows")


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The flow filters shared by ``export`` and ``stats``, and the range of report years
    (which ``export`` applies to the full graph's formats too)."""
    span = parser.add_argument_group("report years (export: every format)")
    span.add_argument("--from-year", metavar="YYYY",
                      help="only report years from this one on (with --to-year: a range, "
                           "both included)")
    span.add_argument("--to-year", metavar="YYYY", help="only report years up to this one")
    group = parser.add_argument_group("filters of the network view")
    group.add_argument("--year", type=int, action="append", metavar="YYYY",
                       help="only flows of this report year (repeat for several)")
    group.add_argument("--form", action="append", metavar="FORM",
                       help="only flows of this form or sub-form: sex, labor, organ, marriage, "
                            "domestic-servitude, forced-begging, ... (repeat for several)")
    group.add_argument("--section", action="append", metavar="KIND", choices=SECTIONS,
                       help="only flows stated in this section, counting its sentences only "
                            f"({', '.join(SECTIONS)}; repeat for several)")
    group.add_argument("--no-regions", action="store_true",
                       help="drop flows from or to world regions (countries only)")
    group.add_argument("--rollup", action="store_true",
                       help="merge each country into the most specific region it is in")


def has_filters(args: argparse.Namespace) -> bool:
    """True when any filter of the network view only was given (a year range is not one:
    it narrows the full graph's formats too)."""
    return bool(args.year or args.form or args.section or args.no_regions or args.rollup)


def years_from_args(graph: Graph, args: argparse.Namespace) -> list[int] | None:
    """The report years ``--year`` and ``--from-year``/``--to-year`` keep (None: all).

    Raises:
        QueryError: E575/E576 for a bad range.
        EmptyError: E560 when the range holds no report year of the graph.
    """
    from tipgraph.exports.years import chosen_years, year_range

    span = year_range(args.from_year, args.to_year)
    years = chosen_years(graph, args.year, span)
    if years == []:
        raise empty_selection(f"the graph holds no report year {span.describe()}")
    return years


def network_from_args(graph: Graph, args: argparse.Namespace) -> nx.MultiDiGraph:
    """The network view with the command line's filters."""
    from tipgraph.exports.network import flow_network

    return flow_network(graph, years=years_from_args(graph, args), forms=args.form,
                        sections=args.section, regions=not args.no_regions,
                        rollup=args.rollup)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph export``."""
    add_graph_argument(parser)
    parser.add_argument("-f", "--format", metavar="FORMAT",
                        help=f"one of {', '.join((*names('network'), *names('rdf')))} "
                             "(network view, then full graph); default: the one OUT's "
                             "extension names")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="output file (written atomically); default: stdout. An "
                             "extension that names another format than -f is refused")
    parser.add_argument("--force-format", action="store_true",
                        help="write -f's format even where OUT's extension names another")
    add_filter_arguments(parser)


def output_format(args: argparse.Namespace) -> str:
    """-f's format, checked against OUT's extension; or the one OUT's extension names."""
    from tipgraph.exports.writers import FORMATS
    from tipgraph.graph.formats import check_extension, format_from_extension

    if args.format is None:
        return format_from_extension(args.output, FORMATS)
    if args.output is not None and not args.force_format and args.format in FORMATS:
        check_extension(args.output, args.format)
    return str(args.format)


def run(args: argparse.Namespace) -> int:
    """Load or build the graph, export it, write it."""
    from tipgraph.exports.rdf import export_rdf
    from tipgraph.exports.writers import check_format, export_network, write_export
    from tipgraph.exports.years import year_range

    fmt = check_format(output_format(args))
    year_range(args.from_year, args.to_year)  # a bad range fails before the graph is read
    if fmt not in names("network") and has_filters(args):
        raise QueryError(f"the filters select flows of the network view; {fmt} writes the "
                         "full graph, so drop the filters or use a network format",
                         code="E523")
    graph = graph_or_sample(args.graph)
    if fmt in names("network"):
        net = network_from_args(graph, args)
        if net.number_of_nodes() == 0:
            raise empty_selection(f"the network view has no place to export as {fmt}")
        data = export_network(net, fmt)
        what = f"{net.number_of_nodes()} places, {net.number_of_edges()} flows"
    else:
        years = years_from_args(graph, args)
        data = export_rdf(graph, fmt, years=years)
        what = (f"{len(graph)} triples" if years is None
                else f"report years {', '.join(map(str, years))}")
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    size = write_export(args.output, data)
    sys.stderr.write(f"wrote {args.output}: {fmt}, {what}, {size} bytes\n")
    return 0
