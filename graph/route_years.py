"""The routes one report year states, as nodes of their own, and the year's routes that meet.

A flow links to its across-year ``tip:Route``; the route queries of two and three hops
(``routes``, ``chains``) need the routes of one year that meet (A -> B, then B -> C in the same
year). Searched for at query time on an archive, that is a join over every year's flows on
each route and a test of each flow's year: 1.4 s for the chains from one country of a
25-year store. Each year's graph therefore states its routes once more as ``tip:RouteYear``
nodes, links its flows to them, and links each to the routes of the same year that go on
from its destination (``tip:continuesAs``): the same year's facts only, so a year can still
be added or dropped alone, and the queries walk the links instead of searching.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rdflib import RDF, Literal, URIRef

from tipgraph.graph.iris import route_year_iri
from tipgraph.ontology import TIP

Add = Callable[[URIRef, URIRef, "URIRef | Literal"], None]


class RouteYears:
    """Collects the route-year nodes of the flows mapped, then states where they meet.

    ``link`` is called for each flow as it is mapped; ``add_meetings`` once the report's
    narratives are all mapped, since a route of one narrative can go on as a route of
    another (Nigeria -> Libya in Nigeria's, Libya -> Italy in Libya's).
    """

    def __init__(self, add: Add) -> None:
        self._add = add
        # (year, origin node, destination node) -> route-year node
        self._nodes: dict[tuple[int, URIRef, URIRef], URIRef] = {}

    def link(self, flow: URIRef, route: URIRef, year: int, origin: URIRef,
             destination: URIRef) -> None:
        """Link ``flow`` to its route in ``year``, minting the node on first use."""
        key = (year, origin, destination)
        node = self._nodes.get(key)
        if node is None:
            node = self._nodes[key] = route_year_iri(route, year)
            self._add(node, RDF.type, TIP.RouteYear)
            self._add(node, TIP.ofRoute, route)
            self._add(node, TIP.inYear, Literal(year))
        self._add(flow, TIP.onRouteYear, node)

    def add_meetings(self) -> None:
        """``tip:continuesAs`` from each route-year to those of its year leaving its destination.

        Only three different places make a two-hop route: a route within one country
        (A -> A) neither continues nor is continued, and A -> B does not continue as B -> A.
        """
        leaving: dict[tuple[int, URIRef], list[tuple[URIRef, URIRef]]] = defaultdict(list)
        for (year, origin, destination), node in self._nodes.items():
            leaving[(year, origin)].append((destination, node))
        for (year, origin, through), node in sorted(self._nodes.items()):
            if origin == through:
                continue
            for destination, onward in sorted(leaving.get((year, through), ())):
                if destination not in (origin, through):
                    self._add(node, TIP.continuesAs, onward)
        self._nodes.clear()
