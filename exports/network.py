"""Project the RDF graph onto a network of places for graph tools and network analysis.

The RDF graph is the record: every flow is a node with its provenance. Gephi, Cytoscape,
D3 and networkx think in nodes and edges instead, so this module reads the graph once and
builds a ``networkx.MultiDiGraph`` whose nodes are places (countries and regions) and whose
edges are the trafficking flows between them, one edge per ``tip:TraffickingFlow`` (a
multigraph, since several narratives and years state the same origin and destination).

Node keys are the places' short codes (``"JAM"``, ``"region-europe"``, as in the IRIs), and
every value is a plain Python value (str, int, float, list, dict), so the exporters decide
how to flatten them for each file format. Node attributes:

- ``kind`` ("country" or "region"), ``label``, ``iri``; ``iso3`` for a country, ``notation``
  for a region;
- ``lat``/``lon``: the country's representative point from the graph, or for a region the
  spherical mean of its member countries' points (members per the gazetteer);
- ``regions`` (notations a country is in), ``tiers`` (report year -> tier notation),
  ``tier`` (the latest), ``roles`` (role notations);
- ``members``: the countries rolled up into a region (with ``rollup=True``);
- ``years``: the report years of the kept flows that start, end or pass there (sorted), so
  a tool with a timeline (Gephi) or a year filter knows when a place is on the map.

Edge attributes (the key is the flow's IRI): ``flow``, ``label``, ``year``, ``narrative``
and ``reporter`` (the IRI and code of the narrative that states it), ``forms``, ``subforms``,
``victims``, ``sectors``, ``certainty``, ``support`` (sentences that state it), ``sentences``
(their IRIs), ``texts`` and ``sections`` (of those sentences), ``via`` (codes of the transit
places, in order).

Example:
    >>> net = flow_network(graph, years={2017}, forms={"labor"})  # doctest: +SKIP
    >>> net.number_of_edges()  # doctest: +SKIP
    12
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Node, URIRef
from rdflib.namespace import PROV

from tipgraph.core.errors import QueryError
from tipgraph.extract.gazetteer import Gazetteer, load_gazetteer
from tipgraph.extract.records import FORMS as RECORD_FORMS
from tipgraph.extract.records import SECTION_KINDS
from tipgraph.ontology import NIF, SCHEMA, TIP, ontology_graph

#: Top-level forms in the order the exports colour and list them; section kinds in reading
#: order (the extract layer's controlled values, which the ontology's notations match).
FORMS = RECORD_FORMS
SECTIONS = SECTION_KINDS


# ---------------------------------------------------------------------------- notations
@cache
def _ontology_notations() -> dict[URIRef, str]:
    graph = ontology_graph()
    return {s: str(o) for s, o in graph.subject_objects(SKOS.notation)
            if isinstance(s, URIRef)}


def form_notations() -> list[str]:
    """Every form notation the ontology knows (top-level forms and sub-forms), sorted."""
    graph = ontology_graph()
    return sorted(str(graph.value(c, SKOS.notation)) for c in graph.subjects(RDF.type, TIP.Form))


def _notation(graph: Graph, node: Node) -> str:
    """A concept's notation: from the graph, else the ontology (a data-only file), else the IRI.

    A graph file may have been written without the ontology, so the lookup falls back to the
    shipped ontology before it falls back to the IRI's local name.
    """
    value = graph.value(node, SKOS.notation)
    if value is not None:
        return str(value)
    known = _ontology_notations().get(node) if isinstance(node, URIRef) else None
    if known is not None:
        return known
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _label(graph: Graph, node: object) -> str:
    """The English (or any) preferred label, else rdfs:label, else the IRI's last segment."""
    for prop in (SKOS.prefLabel, RDFS.label):
        values = sorted(graph.objects(node, prop), key=lambda v: (  # type: ignore[arg-type]
            getattr(v, "language", None) not in ("en", None), str(v)))
        if values:
            return str(values[0])
    return str(node).rsplit("/", 1)[-1]


def _int(value: object) -> int | None:
    if isinstance(value, Literal):
        try:
            return int(value.toPython())
        except (TypeError, ValueError):
            return None
    return None


def _float(value: object) -> float | None:
    if isinstance(value, Literal):
        try:
            return float(value.toPython())
        except (TypeError, ValueError):
            return None
    return None


# ---------------------------------------------------------------------------- places
def place_code(graph: Graph, node: URIRef) -> str:
    """The short code of a place node: ISO alpha-3 for a country, ``region-<slug>`` else.

    The same codes name places in the IRIs (``id/narrative/2017/JAM/flow/NGA/ITA``), so a
    reader who knows one knows the other.
    """
    if (node, RDF.type, TIP.Region) in graph:
        notation = graph.value(node, SKOS.notation)
        if notation is not None:
            return f"region-{notation}"
        return f"region-{str(node).rsplit('/', 1)[-1]}"
    iso3 = graph.value(node, TIP.iso3)
    if iso3 is not None:
        return str(iso3)
    return str(node).rsplit("/", 1)[-1]


def _spherical_mean(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """Mean of (lat, lon) points on the sphere: right for regions that cross the antimeridian."""
    x = y = z = 0.0
    count = 0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
        count += 1
    if count == 0 or math.hypot(x, y, z) < 1e-9:
        return None
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 4), round(lon, 4)


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in radians between two (lat, lon) points (haversine)."""
    phi1, phi2 = math.radians(a[0]), math.radians(b[0])
    dphi, dlam = phi2 - phi1, math.radians(b[1] - a[1])
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class _Places:
    """Everything about the graph's places that the projection needs, read once.

    The gazetteer is the reference the graph was built from: it places a region at the mean
    of all its member countries (not only those a report happens to name) and orders a
    country's regions most specific first, which the graph (a set of ``tip:inRegion``
    values) cannot say.
    """

    graph: Graph
    years: frozenset[int] | None
    gazetteer: Gazetteer
    narrower: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    members: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    regions_of: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    tiers: dict[URIRef, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    roles: dict[URIRef, set[str]] = field(default_factory=lambda: defaultdict(set))
    _points: dict[URIRef, tuple[float, float] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        g = self.graph
        for region, broader in g.subject_objects(SKOS.broader):
            if (region, RDF.type, TIP.Region) in g and isinstance(broader, URIRef):
                self.narrower[broader].add(region)  # type: ignore[arg-type]
        for country, region in g.subject_objects(TIP.inRegion):
            if isinstance(country, URIRef) and isinstance(region, URIRef):
                self.regions_of[country].add(region)
                self.members[region].add(country)
        for narrative in g.subjects(RDF.type, TIP.CountryNarrative):
            subject = g.value(narrative, TIP.country)
            year = _int(g.value(narrative, TIP.reportYear))
            if not isinstance(subject, URIRef) or year is None:
                continue
            if self.years is not None and year not in self.years:
                continue
            tier = g.value(narrative, TIP.tier)
            if tier is not None:
                self.tiers[subject][year] = _notation(g, tier)
            for role in g.objects(narrative, TIP.role):
                self.roles[subject].add(_notation(g, role))

    def all_members(self, region: URIRef) -> set[URIRef]:
        """Countries in a region or any region narrower than it."""
        seen: set[URIRef] = set()
        out: set[URIRef] = set()
        stack = [region]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            out |= self.members.get(current, set())
            stack.extend(self.narrower.get(current, ()))
        return out

    def point(self, node: URIRef) -> tuple[float, float] | None:
        """The place's own coordinates, or for a region the mean of its members' (cached)."""
        if node not in self._points:
            self._points[node] = self._point(node)
        return self._points[node]

    def _point(self, node: URIRef) -> tuple[float, float] | None:
        lat = _float(self.graph.value(node, SCHEMA.latitude))
        lon = _float(self.graph.value(node, SCHEMA.longitude))
        if lat is not None and lon is not None:
            return lat, lon
        if not self.is_region(node):
            country = self.gazetteer.countries.get(str(self.graph.value(node, TIP.iso3)))
            if country is not None and country.lat is not None and country.lon is not None:
                return country.lat, country.lon
            return None
        region = self.gazetteer.regions.get(str(self.graph.value(node, SKOS.notation)))
        points = []
        if region is not None:
            for iso3 in sorted(region.members):
                known = self.gazetteer.countries.get(iso3)
                if known is not None and known.lat is not None and known.lon is not None:
                    points.append((known.lat, known.lon))
        if not points:
            for member in sorted(self.all_members(node)):
                mlat = _float(self.graph.value(member, SCHEMA.latitude))
                mlon = _float(self.graph.value(member, SCHEMA.longitude))
                if mlat is not None and mlon is not None:
                    points.append((mlat, mlon))
        return _spherical_mean(points)

    def route_order(self, origin: URIRef, via: Iterable[object]) -> list[URIRef]:
        """Transit places in the order a route would pass them: nearest to the origin first.

        RDF keeps no order among the values of ``tip:via``; distance from the origin gives
        the order a reader expects (Nigeria via Libya, then Spain, to Italy) and is the same
        on every run. Places without coordinates go last, by IRI.
        """
        start = self.point(origin)

        def key(node: URIRef) -> tuple[float, str]:
            point = self.point(node)
            if start is None or point is None:
                return (math.inf, str(node))
            return (_distance(start, point), str(node))

        return sorted((v for v in via if isinstance(v, URIRef)), key=key)

    def rollup_target(self, node: URIRef) -> URIRef:
        """The most specific region a country is in (itself when it is in none).

        The gazetteer's first region of the country that the graph also gives it; for a
        country the gazetteer does not know, the graph's narrowest region (one that is not
        broader than another of its regions), ties to the smallest notation.
        """
        regions = self.regions_of.get(node)
        if not regions:
            return node
        country = self.gazetteer.countries.get(str(self.graph.value(node, TIP.iso3)))
        if country is not None:
            by_slug = {_notation(self.graph, r): r for r in regions}
            for slug in country.regions:
                if slug in by_slug:
                    return by_slug[slug]
        broader_of_others = set()
        for region in regions:
            for other in regions:
                if other != region and region in self._all_broader(other):
                    broader_of_others.add(region)
        candidates = sorted(regions - broader_of_others or regions,
                            key=lambda r: _notation(self.graph, r))
        return candidates[0]

    def _all_broader(self, region: URIRef) -> set[URIRef]:
        out: set[URIRef] = set()
        stack = [region]
        while stack:
            for broader in self.graph.objects(stack.pop(), SKOS.broader):
                if isinstance(broader, URIRef) and broader not in out:
                    out.add(broader)
                    stack.append(broader)
        return out

    def is_region(self, node: URIRef) -> bool:
        """True for a ``tip:Region`` node."""
        return (node, RDF.type, TIP.Region) in self.graph

    def attributes(self, node: URIRef) -> dict[str, Any]:
        """The node attributes documented in the module docstring."""
        g = self.graph
        attrs: dict[str, Any] = {"kind": "region" if self.is_region(node) else "country",
                                 "label": _label(g, node), "iri": str(node)}
        if attrs["kind"] == "country":
            iso3 = g.value(node, TIP.iso3)
            attrs["iso3"] = str(iso3) if iso3 is not None else place_code(g, node)
        else:
            attrs["notation"] = place_code(g, node).removeprefix("region-")
        point = self.point(node)
        if point is not None:
            attrs["lat"], attrs["lon"] = float(point[0]), float(point[1])
        regions = sorted(_notation(g, r) for r in self.regions_of.get(node, ()))
        if regions:
            attrs["regions"] = regions
        tiers = self.tiers.get(node)
        if tiers:
            attrs["tiers"] = dict(sorted(tiers.items()))
            attrs["tier"] = tiers[max(tiers)]
        roles = self.roles.get(node)
        if roles:
            attrs["roles"] = sorted(roles, key=_role_order)
        return attrs


def _role_order(role: str) -> tuple[int, str]:
    order = ("source", "transit", "destination")
    return (order.index(role) if role in order else len(order), role)


# ---------------------------------------------------------------------------- flows
@dataclass(frozen=True, slots=True)
class _Sentence:
    iri: str
    index: int
    section: str | None
    text: str


def _sentence(graph: Graph, node: URIRef) -> _Sentence:
    index = _int(graph.value(node, TIP.sentenceIndex))
    section = graph.value(node, TIP.inSection)
    text = graph.value(node, TIP.text)
    if text is None:
        text = graph.value(node, NIF.anchorOf)
    return _Sentence(iri=str(node), index=index if index is not None else -1,
                     section=_notation(graph, section) if section is not None else None,
                     text=str(text) if text is not None else "")


def _check_choice(kind: str, values: Iterable[str] | None, known: Iterable[str],
                  code: str) -> frozenset[str] | None:
    if values is None:
        return None
    chosen = frozenset(values)
    known_sorted = sorted(set(known))
    unknown = sorted(chosen - set(known_sorted))
    if unknown:
        raise QueryError(f"unknown {kind} {', '.join(map(repr, unknown))}; known: "
                         f"{', '.join(known_sorted)}", code=code)
    return chosen


def flow_network(graph: Graph, *, years: Iterable[int] | None = None,
                 forms: Iterable[str] | None = None, sections: Iterable[str] | None = None,
                 regions: bool = True, rollup: bool = False,
                 gazetteer: Gazetteer | None = None) -> nx.MultiDiGraph:
    """Project the RDF graph onto a directed multigraph of places, one edge per flow.

    The filters select flows; the nodes are exactly the places the selected flows start at,
    end at or pass through, so a filter shrinks both counts.

    Args:
        graph: a tipgraph graph (built, or loaded from a file).
        years: keep flows stated in reports of these years (default: all).
        forms: keep flows with any of these form or sub-form notations (``"sex"``,
            ``"labor"``, ``"domestic-servitude"``; default: all).
        sections: keep flows stated by a sentence in one of these section kinds, counting
            and listing only those sentences (default: all sentences).
        regions: False drops flows that start or end at a region, and regions from the
            ``via`` lists.
        rollup: replace every country by the most specific region it is in (countries in
            no region stay), keeping one edge per flow; ``members`` lists who was merged.
        gazetteer: reference data for region points and region order (default: the
            shipped one); pass ``Gazetteer({}, {})`` to use the graph alone.

    Returns:
        A ``networkx.MultiDiGraph`` with the attributes of the module docstring; nodes and
        edges are inserted in sorted order so every writer's output is deterministic.

    Raises:
        QueryError: E520 unknown form, E521 unknown section, E522 ``rollup`` without
            ``regions``.

    Example:
        >>> net = flow_network(graph, sections={"profile"})  # doctest: +SKIP
        >>> sorted(net.nodes)[:2]  # doctest: +SKIP
        ['ITA', 'JAM']
    """
    form_filter = _check_choice("form", forms, form_notations(), "E520")
    section_filter = _check_choice("section", sections, SECTIONS, "E521")
    year_filter = frozenset(int(y) for y in years) if years is not None else None
    if rollup and not regions:
        raise QueryError("rolling countries up to regions needs the regions; drop one of "
                         "rollup and no-regions", code="E522")
    places = _Places(graph, year_filter,
                     gazetteer if gazetteer is not None else load_gazetteer())
    projection = _Projection(graph, places, year_filter, form_filter, section_filter,
                             regions, rollup)
    for flow in sorted(graph.subjects(RDF.type, TIP.TraffickingFlow), key=str):
        projection.add(flow)
    return projection.network()


@dataclass(slots=True)
class _Projection:
    """The flows ``flow_network`` keeps, as edges between the places they are drawn at.

    ``used`` maps each node's code to its place, ``merged`` each rolled-up region to the
    codes of the countries merged into it.
    """

    graph: Graph
    places: _Places
    years: frozenset[int] | None
    forms: frozenset[str] | None
    sections: frozenset[str] | None
    regions: bool
    rollup: bool
    edges: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    used: dict[str, URIRef] = field(default_factory=dict)
    merged: dict[URIRef, set[str]] = field(default_factory=lambda: defaultdict(set))
    years_at: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def node_of(self, place: URIRef) -> URIRef:
        """Where a place is drawn: itself, or with ``rollup`` a country's region."""
        if self.rollup and not self.places.is_region(place):
            return self.places.rollup_target(place)
        return place

    def project(self, place: URIRef) -> str:
        """The code of the node a place is drawn at, noting what a region merged."""
        projected = self.node_of(place)
        if projected != place:
            self.merged[projected].add(place_code(self.graph, place))
        code = place_code(self.graph, projected)
        self.used[code] = projected
        return code

    def add(self, flow: Node) -> None:
        """Add a flow as an edge, unless the filters drop it."""
        graph, places = self.graph, self.places
        origin = graph.value(flow, TIP.origin)
        destination = graph.value(flow, TIP.destination)
        narrative = graph.value(flow, TIP.statedIn)
        if not isinstance(origin, URIRef) or not isinstance(destination, URIRef):
            return
        year = _int(graph.value(narrative, TIP.reportYear)) if narrative is not None else None
        if self.years is not None and year not in self.years:
            return
        if not self.regions and (places.is_region(origin) or places.is_region(destination)):
            return
        form_values = sorted({_notation(graph, f) for f in graph.objects(flow, TIP.form)},
                             key=_form_order)
        subform_values = sorted({_notation(graph, f) for f in graph.objects(flow, TIP.subform)})
        if self.forms is not None and not self.forms & {*form_values, *subform_values}:
            return
        sentences = sorted((_sentence(graph, s) for s in graph.objects(flow, PROV.wasDerivedFrom)
                            if isinstance(s, URIRef)), key=lambda s: (s.index, s.iri))
        if self.sections is not None:
            sentences = [s for s in sentences if s.section in self.sections]
            if not sentences:
                return
            support = len(sentences)
        else:
            stated = _int(graph.value(flow, TIP.supportCount))
            support = stated if stated is not None else len(sentences)
        via_nodes = [v for v in places.route_order(origin, graph.objects(flow, TIP.via))
                     if self.regions or not places.is_region(v)]
        u, v = self.project(origin), self.project(destination)
        attrs = _flow_attributes(graph, flow, form_values, subform_values, sentences)
        attrs["support"] = support
        attrs["via"] = [self.project(via) for via in via_nodes]
        if year is not None:
            attrs["year"] = year
            for code in (u, v, *attrs["via"]):
                self.years_at[code].add(year)
        if narrative is not None:
            attrs["narrative"] = str(narrative)
            reporter = graph.value(narrative, TIP.country)
            if isinstance(reporter, URIRef):
                attrs["reporter"] = place_code(graph, reporter)
        self.edges.append((u, v, str(flow), attrs))

    def network(self) -> nx.MultiDiGraph:
        """The multigraph: nodes and edges inserted in sorted order."""
        net = nx.MultiDiGraph()
        years_seen = sorted({a["year"] for *_, a in self.edges if "year" in a})
        net.graph.update({"name": "tipgraph trafficking flows", "years": years_seen,
                          "rollup": self.rollup, "regions": self.regions})
        for code in sorted(self.used):
            node = self.used[code]
            attrs = self.places.attributes(node)
            if self.merged.get(node):
                attrs["members"] = sorted(self.merged[node])
            if self.years_at.get(code):
                attrs["years"] = sorted(self.years_at[code])
            net.add_node(code, **attrs)
        for u, v, key, attrs in sorted(self.edges, key=lambda e: (e[0], e[1],
                                                                   e[3].get("year", 0), e[2])):
            net.add_edge(u, v, key=key, **attrs)
        return net


def _flow_attributes(graph: Graph, flow: Node, forms: list[str], subforms: list[str],
                     sentences: list[_Sentence]) -> dict[str, Any]:
    """A flow's edge attributes that do not depend on where its places are drawn."""
    certainty = graph.value(flow, TIP.certainty)
    return {
        "flow": str(flow),
        "label": _label(graph, flow),
        "forms": forms,
        "subforms": subforms,
        "victims": sorted({_notation(graph, g) for g in graph.objects(flow, TIP.victims)}),
        "sectors": sorted({_notation(graph, x) for x in graph.objects(flow, TIP.sector)}),
        "certainty": _notation(graph, certainty) if certainty is not None else "stated",
        "sentences": [s.iri for s in sentences],
        "texts": [s.text for s in sentences],
        "sections": sorted({s.section for s in sentences if s.section is not None},
                           key=_section_order),
    }


def _form_order(form: str) -> tuple[int, str]:
    return (FORMS.index(form) if form in FORMS else len(FORMS), form)


def _section_order(section: str) -> tuple[int, str]:
    return (SECTIONS.index(section) if section in SECTIONS else len(SECTIONS), section)


__all__ = [
    "FORMS", "SECTIONS", "flow_network", "form_notations", "place_code",
]
