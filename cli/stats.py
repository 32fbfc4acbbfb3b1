"""``tipgraph stats [--graph GRAPH] [--top N] [filters]``: the flow network at a glance.

Prints one table: the places most flows start from (out-degree) and end at (in-degree), the
transit hubs (betweenness on the stated routes), the groups of places that reach each other
(strongly connected components) and the longest routes a single flow states.
"""

from __future__ import annotations

import argparse

from tipgraph.cli.export import (
    add_filter_arguments,
    add_graph_argument,
    load_input,
    network_from_args,
)
from tipgraph.graph.network import Hub, NetworkStats, network_stats

NAME = "stats"
HELP = "hubs, transit hubs, strongly connected groups and longest stated chains of the flows"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph stats``."""
    add_graph_argument(parser)
    parser.add_argument("--top", type=int, default=10, metavar="N",
                        help="rows per part of the table (default 10)")
    add_filter_arguments(parser)


def _hub_rows(part: str, hubs: list[Hub], integer: bool) -> list[tuple[str, ...]]:
    return [(part, str(rank), hub.label, hub.code,
             str(int(hub.score)) if integer else f"{hub.score:.4f}")
            for rank, hub in enumerate(hubs, 1)]


def format_stats(stats: NetworkStats, labels: dict[str, str]) -> str:
    """The table ``tipgraph stats`` prints (plain text, aligned, the same on every run)."""
    rows: list[tuple[str, ...]] = [("part", "rank", "place(s)", "code(s)", "value")]
    rows += _hub_rows("out-degree (flows from)", stats.out_hubs, True)
    rows += _hub_rows("in-degree (flows to)", stats.in_hubs, True)
    rows += _hub_rows("transit (betweenness)", stats.transit_hubs, False)
    for rank, group in enumerate(stats.groups, 1):
        rows.append(("strongly connected group", str(rank),
                     ", ".join(labels.get(c, c) for c in group), " ".join(group),
                     f"{len(group)} places"))
    for rank, chain in enumerate(stats.chains, 1):
        year = f", {chain.year}" if chain.year is not None else ""
        rows.append(("longest stated chain", str(rank),
                     " -> ".join(labels.get(c, c) for c in chain.places),
                     " ".join(chain.places),
                     f"{len(chain.places) - 1} hops{year}, {chain.support} sent."))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [f"{stats.nodes} places, {stats.edges} flows"]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Compute and print the table."""
    net = network_from_args(load_input(args.graph), args)
    stats = network_stats(net, top=max(1, args.top))
    labels = {str(node): str(data.get("label", node)) for node, data in net.nodes(data=True)}
    print(format_stats(stats, labels), end="")
    return 0
