"""``tipgraph stats [--graph GRAPH] [--top N] [filters]``: the flow network at a glance.

Prints one table: the places most flows start from (out-degree) and end at (in-degree), the
transit hubs (betweenness on the stated routes), the groups of places that reach each other
(strongly connected components) and the longest routes a single flow states.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tipgraph.cli.empty import empty_selection
from tipgraph.cli.export import (
    add_filter_arguments,
    network_from_args,
)
from tipgraph.cli.inputs import add_graph_argument, graph_or_sample
from tipgraph.cli.serve import positive_int

if TYPE_CHECKING:
    from tipgraph.exports.analysis import Hub, NetworkStats

NAME = "stats"
HELP = "hubs, transit hubs, strongly connected groups and longest stated chains of the flows"
#: One example for ``--help``.
EXAMPLE = ("tipgraph stats --graph sample.ttl --top 5", "five rows per part")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph stats``."""
    add_graph_argument(parser)
    parser.add_argument("--top", type=positive_int, default=10, metavar="N",
                        help="rows per part of the table, 1 or more (default 10)")
    add_filter_arguments(parser)


def _hops(count: int) -> str:
    return f"{count} hop" if count == 1 else f"{count} hops"


def _place(code: str, labels: dict[str, str]) -> str:
    label = labels.get(code, code)
    return code if label == code else f"{label} ({code})"


def format_stats(stats: NetworkStats, labels: dict[str, str]) -> str:
    """The table ``tipgraph stats`` prints (plain text, aligned, the same on every run).

    The place column comes last, so a long group or chain does not widen the others.
    """
    rows: list[tuple[str, ...]] = [("part", "rank", "value", "place(s)")]
    parts: list[tuple[str, list[Hub], bool]] = [
        ("out-degree (flows from)", stats.out_hubs, True),
        ("in-degree (flows to)", stats.in_hubs, True),
        ("transit (betweenness)", stats.transit_hubs, False)]
    for part, hubs, integer in parts:
        rows += [(part, str(rank), str(int(hub.score)) if integer else f"{hub.score:.4f}",
                  _place(hub.code, labels)) for rank, hub in enumerate(hubs, 1)]
    for rank, group in enumerate(stats.groups, 1):
        rows.append(("strongly connected group", str(rank), f"{len(group)} places",
                     ", ".join(_place(c, labels) for c in group)))
    for rank, chain in enumerate(stats.chains, 1):
        year = f" {chain.year}" if chain.year is not None else ""
        rows.append(("longest stated chain", str(rank),
                     f"{_hops(len(chain.places) - 1)}{year}, {chain.support} sent.",
                     " -> ".join(_place(c, labels) for c in chain.places)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = [f"{stats.nodes} places, {stats.edges} flows"]
    for index, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
        if index == 0:
            lines.append("  ".join(["-" * w for w in widths] + ["-" * len(row[-1])]))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Compute and print the table."""
    from tipgraph.exports.analysis import network_stats

    net = network_from_args(graph_or_sample(args.graph), args)
    if net.number_of_edges() == 0:
        raise empty_selection("the network view has no flow")
    stats = network_stats(net, top=args.top)
    labels = {str(node): str(data.get("label", node)) for node, data in net.nodes(data=True)}
    print(format_stats(stats, labels), end="")
    return 0
