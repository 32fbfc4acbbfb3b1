"""Network analysis of the flow network for ``tipgraph stats``: hubs, transit, groups, chains.

Works on the ``networkx.MultiDiGraph`` of ``tipgraph.exports.network.flow_network``, whose
edges carry the transit places a flow states (``via``), so a transit country that a
sentence names only as "via" still counts as one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import networkx as nx


@dataclass(frozen=True, slots=True)
class Hub:
    """A place with a score (degree counts flows; betweenness is a fraction)."""

    code: str
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class Chain:
    """A route one flow states: origin, transit places, destination."""

    places: tuple[str, ...]
    flow: str
    year: int | None
    support: int


@dataclass(frozen=True, slots=True)
class NetworkStats:
    """What ``tipgraph stats`` prints."""

    nodes: int
    edges: int
    out_hubs: list[Hub]
    in_hubs: list[Hub]
    transit_hubs: list[Hub]
    groups: list[list[str]]
    chains: list[Chain]


def route_graph(net: nx.MultiDiGraph) -> nx.DiGraph:
    """The hops the flows state: origin -> via ... -> destination, one edge per hop.

    Betweenness on the plain flow edges never sees a transit country that a sentence names
    only as ``via``; expanding each flow into its stated hops does. Self-loops are dropped.
    """
    routes = nx.DiGraph()
    routes.add_nodes_from(net.nodes)
    for u, v, data in net.edges(data=True):
        path = [u, *data.get("via", []), v]
        for a, b in pairwise(path):
            if a != b:
                routes.add_edge(a, b)
    return routes


def network_stats(net: nx.MultiDiGraph, top: int = 10) -> NetworkStats:
    """Hubs by out- and in-degree, transit hubs by betweenness, strongly connected groups and
    the longest stated chains of a flow network.

    Degrees count flows (parallel edges count each); betweenness is computed on
    ``route_graph`` so stated transit places count; groups are the strongly connected
    components with more than one place; chains are the flows with the most stated hops.
    Ties are broken by code, so the table is the same on every run.
    """
    def label(code: str) -> str:
        return str(net.nodes[code].get("label", code))

    def ranked(scores: Mapping[str, float], positive: bool = True) -> list[Hub]:
        items = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [Hub(code, label(code), float(score)) for code, score in items
                if not positive or score > 0][:top]

    def no_loops(degree: Any, loops: Mapping[str, int]) -> dict[str, float]:
        return {code: float(d - loops.get(code, 0)) for code, d in degree}

    loops: dict[str, int] = defaultdict(int)
    for u, v in net.edges():
        if u == v:
            loops[u] += 1
    routes = route_graph(net)
    betweenness = nx.betweenness_centrality(routes) if routes.number_of_nodes() > 2 else {}
    transit = ranked({k: round(v, 6) for k, v in betweenness.items()})
    groups = sorted((sorted(c) for c in nx.strongly_connected_components(routes) if len(c) > 1),
                    key=lambda c: (-len(c), c))
    chains = sorted(
        (Chain(tuple([u, *d.get("via", []), v]), str(d.get("flow", k)), d.get("year"),
               int(d.get("support", 0)))
         for u, v, k, d in net.edges(keys=True, data=True)),
        key=lambda c: (-len(c.places), -c.support, c.places, c.flow))
    return NetworkStats(
        nodes=net.number_of_nodes(), edges=net.number_of_edges(),
        out_hubs=ranked(no_loops(net.out_degree(), loops)),
        in_hubs=ranked(no_loops(net.in_degree(), loops)),
        transit_hubs=transit, groups=groups[:top], chains=chains[:top])


__all__ = ["Chain", "Hub", "NetworkStats", "network_stats", "route_graph"]
