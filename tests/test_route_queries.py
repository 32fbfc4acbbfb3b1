"""The flow and route queries on a graph of many report years, on both engines (issue #13).

The four-year fixture of test_archive.py (tests/data/archive: 2005, 2009, 2017, 2019) is
built once as a graph file (answered by rdflib) and once as a store (answered by Oxigraph,
``tipgraph query --graph DIR``). The flow listings and rankings whose work grows with the
archive (busiest-origins, busiest-destinations, region-flows, flows-into, flows-from) answer
for the newest report year when no year is given, ``year=all`` for every year; each answer
is checked against a count made in Python from the graph, and both engines give the same rows.
So are routes (rewritten to join routes of the year first), chains and tier-feeds.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from tipgraph.cli.storequery import run_on_store
from tipgraph.ontology import ID_BASE, TIP
from tipgraph.pipeline.build import BuildResult
from tipgraph.queries import load_query, report_years, run_query
from tipgraph.queries.remote import query_text

pytestmark = pytest.mark.filterwarnings(
    r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated:DeprecationWarning")

Rows = list[tuple[str | None, ...]]
Built = tuple[Path, Path, Dataset]

#: The flow queries that answer for the newest year by default, with the parameters that
#: give them rows in more than one year of the fixture.
FLOW_QUERIES: list[tuple[str, dict[str, str]]] = [
    ("busiest-origins", {}), ("busiest-destinations", {}), ("region-flows", {}),
    ("busiest-origins", {"form": "sex"}), ("flows-into", {"country": "THA"}),
    ("flows-from", {"country": "MMR"})]


@pytest.fixture(scope="module")
def built(four_years: tuple[Path, Path, Dataset]) -> Built:
    """The four years (conftest.four_years)."""
    return four_years


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value).removeprefix(ID_BASE) if isinstance(value, URIRef) else str(value)


def _plain(rows: Rows) -> Rows:
    """The rows sorted, a GROUP_CONCAT's words as a set (their order is the engine's own)."""
    return sorted(tuple(" ".join(sorted(v.split())) if v else v for v in row) for row in rows)


def on_file(built: Built, name: str, params: dict[str, str]) -> Rows:
    return _plain([tuple(_text(v) for v in row)  # type: ignore[union-attr]
                   for row in run_query(built[2], name, params)])


def on_store(built: Built, name: str, params: dict[str, str]) -> Rows:
    return _plain([tuple(_text(v) for v in row)  # type: ignore[union-attr]
                   for row in run_on_store(built[1], load_query(name), params)])


def _year_of_flow(graph: Graph, flow: URIRef) -> int:
    narrative = graph.value(flow, TIP.statedIn)
    year = graph.value(narrative, TIP.reportYear)
    assert isinstance(year, Literal)
    return int(year.toPython())


def _code(place: object) -> str:
    text = str(place)
    for prefix, short in ((f"{ID_BASE}country/", ""), (f"{ID_BASE}region/", "region:")):
        if text.startswith(prefix):
            return short + text.removeprefix(prefix)
    raise AssertionError(text)


@pytest.mark.parametrize(("name", "params"), FLOW_QUERIES)
def test_a_flow_query_without_a_year_answers_for_the_newest_on_both_engines(
        built: Built, name: str, params: dict[str, str]) -> None:
    newest = {**params, "year": "2019"}
    every = {**params, "year": "all"}
    default = on_file(built, name, params)
    assert default, (name, params)
    assert default == on_file(built, name, newest)
    assert default != on_file(built, name, every), "the fixture's other years change it"
    assert default == on_store(built, name, params)
    assert on_file(built, name, every) == on_store(built, name, every)


@pytest.mark.parametrize(("name", "end", "other"), [
    ("busiest-origins", TIP.origin, TIP.destination),
    ("busiest-destinations", TIP.destination, TIP.origin),
])
@pytest.mark.parametrize("year", ["all", "2019", "2005"])
def test_busiest_ends_equal_a_count_in_python(built: Built, name: str, end: URIRef,
                                              other: URIRef, year: str) -> None:
    graph = built[2]
    others: defaultdict[str, set[object]] = defaultdict(set)
    flows: defaultdict[str, set[object]] = defaultdict(set)
    narratives: defaultdict[str, set[object]] = defaultdict(set)
    for flow in set(graph.subjects(TIP.origin, None)):
        assert isinstance(flow, URIRef)
        if year != "all" and _year_of_flow(graph, flow) != int(year):
            continue
        here, there = graph.value(flow, end), graph.value(flow, other)
        if here != there:
            key = _code(here)
            others[key].add(there)
            flows[key].add(flow)
            narratives[key].add(graph.value(flow, TIP.statedIn))
    expected = {key: (len(others[key]), len(flows[key]), len(narratives[key]))
                for key in others}
    assert expected
    for run in (on_file, on_store):
        got = {row[0]: (int(row[2] or 0), int(row[3] or 0), int(row[4] or 0))
               for row in run(built, name, {"year": year})}
        assert got == expected, (run.__name__, year)


@pytest.mark.parametrize(("name", "end"), [("flows-into", TIP.destination),
                                           ("flows-from", TIP.origin)])
@pytest.mark.parametrize("year", ["all", "2019", "2017"])
def test_flows_of_a_country_are_its_flows_of_the_year(built: Built, name: str, end: URIRef,
                                                      year: str) -> None:
    graph = built[2]
    iso = "THA" if name == "flows-into" else "MMR"
    place = URIRef(f"{ID_BASE}country/{iso}")
    expected = {str(flow).removeprefix(ID_BASE) for flow in graph.subjects(end, place)
                if (flow, RDF.type, TIP.TraffickingFlow) in graph
                and (year == "all" or _year_of_flow(graph, flow) == int(year))}  # type: ignore[arg-type]
    for run in (on_file, on_store):
        assert {row[-1] for row in run(built, name, {"country": iso, "year": year})} == \
            expected, (run.__name__, year)


def _tier_feeds(graph: Graph, year: str) -> set[str]:
    """The flows of ``year`` (or every year) between countries placed on different tiers in
    the flow's own report year, worked out from the triples."""
    tiers = {(narrative_country, int(year_literal.toPython())): tier
             for narrative in set(graph.subjects(TIP.tier, None))
             for tier in [graph.value(narrative, TIP.tier)]
             for narrative_country in [graph.value(narrative, TIP.country)]
             for year_literal in [graph.value(narrative, TIP.reportYear)]
             if isinstance(year_literal, Literal)}
    found = set()
    for flow in set(graph.subjects(TIP.origin, None)):
        assert isinstance(flow, URIRef)
        flow_year = _year_of_flow(graph, flow)
        if year != "all" and flow_year != int(year):
            continue
        origin = tiers.get((graph.value(flow, TIP.origin), flow_year))
        destination = tiers.get((graph.value(flow, TIP.destination), flow_year))
        if origin is not None and destination is not None and origin != destination:
            found.add(str(flow).removeprefix(ID_BASE))
    return found


@pytest.mark.parametrize("year", ["all", "2019", "2017", "2009", "2005"])
def test_tier_feeds_are_the_flows_between_tiers_of_their_year(built: Built, year: str) -> None:
    expected = _tier_feeds(built[2], year)  # the fixture has none: the sample's test has
    for run in (on_file, on_store):
        assert {row[-1] for row in run(built, "tier-feeds", {"year": year})} == expected, \
            (run.__name__, year)
    assert on_file(built, "tier-feeds", {"year": year}) == \
        on_store(built, "tier-feeds", {"year": year})


@pytest.mark.parametrize("params", [{}, {"origin_tier": "3"}, {"destination_tier": "2"}])
def test_tier_feeds_of_the_sample_on_both_engines(sample_build: BuildResult,
                                                  params: dict[str, str]) -> None:
    graph = sample_build.union
    store = ox.Store()
    store.load(graph.serialize(format="nt").encode(), ox.RdfFormat.N_TRIPLES)
    text = query_text(load_query("tier-feeds"), params, report_years(graph)[-1])
    solutions = store.query(text)
    assert isinstance(solutions, ox.QuerySolutions)
    from_store = _plain([tuple(_text(ox_value(v)) for v in row) for row in solutions])
    from_file = _plain([tuple(_text(v) for v in row)  # type: ignore[union-attr]
                        for row in run_query(graph, "tier-feeds", params)])
    assert from_file == from_store
    expected = _tier_feeds(graph, "all")
    if not params:
        assert len(expected) >= 2, "the sample states flows between tiers (Mali to Lebanon)"
    assert {row[-1] for row in from_file} <= expected
    if not params:
        assert {row[-1] for row in from_file} == expected


def ox_value(term: object) -> object:
    """An Oxigraph term as rdflib's: an IRI as a URIRef, a literal as its lexical form."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    return None if term is None else term.value  # type: ignore[attr-defined]


def _flows_by_year(graph: Graph) -> dict[int, list[tuple[str, object, object]]]:
    """Each year's flows: (IRI without the base, origin, destination)."""
    years: defaultdict[int, list[tuple[str, object, object]]] = defaultdict(list)
    for flow in set(graph.subjects(TIP.origin, None)):
        assert isinstance(flow, URIRef)
        years[_year_of_flow(graph, flow)].append((str(flow).removeprefix(ID_BASE),
                                                  graph.value(flow, TIP.origin),
                                                  graph.value(flow, TIP.destination)))
    return years


def _chains(graph: Graph, origin: str, year: str) -> set[tuple[str, ...]]:
    """Three flows of one year end to end through four different places, from ``origin``."""
    start = URIRef(f"{ID_BASE}country/{origin}")
    found: set[tuple[str, ...]] = set()
    for flow_year, flows in _flows_by_year(graph).items():
        if year != "all" and flow_year != int(year):
            continue
        for first, a, b in flows:
            for second, b2, c in flows:
                for third, c2, d in flows:
                    if (a == start and b2 == b and c2 == c and len({a, b, c, d}) == 4):
                        found.add((str(flow_year), first, second, third))
    return found


@pytest.mark.parametrize(("origin", "year"), [("MMR", "all"), ("MMR", "2019"),
                                              ("THA", "all"), ("KHM", "all")])
def test_chains_are_three_flows_of_one_year_end_to_end(built: Built, origin: str,
                                                        year: str) -> None:
    expected = _chains(built[2], origin, year)
    for run in (on_file, on_store):
        got = {(row[0], row[5], row[6], row[7])
               for row in run(built, "chains", {"origin": origin, "year": year})}
        assert got == expected, (run.__name__, origin, year)


def test_chains_of_the_sample_are_found(sample_build: BuildResult) -> None:
    graph = sample_build.union
    expected = _chains(graph, "UZB", "all")
    assert expected, "the sample states chains from Uzbekistan"
    answer = {(str(row[0]), *(str(v).removeprefix(ID_BASE) for v in row[5:8]))  # type: ignore[index]
              for row in run_query(graph, "chains", {"origin": "UZB"})}
    assert answer == expected


def _two_hops(graph: Graph, year: str) -> set[tuple[str, ...]]:
    """The routes of two hops of ``year`` (or every year), as routes.rq lists them: a flow
    through a transit place (stated by that flow), or two routes of one year that meet, three
    places apart (stated by their two route-years), once however many flows state them."""
    found: set[tuple[str, ...]] = set()
    for flow_year, flows in _flows_by_year(graph).items():
        if year != "all" and flow_year != int(year):
            continue
        for flow, a, b in flows:
            for via in graph.objects(URIRef(ID_BASE + flow), TIP.via):
                found.add(("via", str(flow_year), _code(a), _code(via), _code(b),
                           ID_BASE + flow))
            for _second, b2, c in flows:
                if b2 == b and len({a, b, c}) == 3:
                    legs = (f"{ID_BASE}route/{_segment(x)}/{_segment(y)}/{flow_year}"
                            for x, y in ((a, b), (b, c)))
                    found.add(("chain", str(flow_year), _code(a), _code(b), _code(c),
                               " ".join(legs)))
    return found


def _segment(place: object) -> str:
    """A place's segment of a route's IRI: its ISO code, or ``region-<slug>``."""
    return _code(place).replace("region:", "region-")


@pytest.mark.parametrize("params", [{"origin": "MMR"}, {"transit": "THA"},
                                    {"destination": "*"}, {}])
@pytest.mark.parametrize("year", ["all", "2019"])
def test_routes_are_the_routes_that_meet_in_one_year(built: Built, params: dict[str, str],
                                                     year: str) -> None:
    column = {"origin": 2, "transit": 3, "destination": 4}
    if params.get("destination") == "*":  # the destination of a chain the fixture states
        params = {"destination": min(row[4] for row in _two_hops(built[2], "all")
                                     if row[0] == "chain")}
    expected = {row for row in _two_hops(built[2], year)
                if all(row[column[key]] == value for key, value in params.items())}
    assert expected or year != "all", params
    for run in (on_file, on_store):
        answer = run(built, "routes", {**params, "year": year})
        got = [tuple(row[:6]) for row in answer]
        assert set(got) == expected, (run.__name__, params, year)
        assert len(got) == len(expected), "one row per route, however many flows state it"


def test_flows_carry_the_tiers_their_report_gives_both_ends(built: Built,
                                                             sample_build: BuildResult) -> None:
    """tip:originTier / tip:destinationTier: the tier of the end's narrative in the report
    that states the flow, and nothing for a region or a country without a narrative there."""
    for graph in (built[2], sample_build.union):
        tiers = {(graph.value(n, TIP.country), graph.value(n, TIP.reportYear).toPython()): t
                 for n, t in graph.subject_objects(TIP.tier)}  # type: ignore[union-attr]
        flows = set(graph.subjects(TIP.origin, None))
        stated = 0
        for flow in flows:
            assert isinstance(flow, URIRef)
            year = _year_of_flow(graph, flow)
            for end, prop in ((TIP.origin, TIP.originTier),
                              (TIP.destination, TIP.destinationTier)):
                want = tiers.get((graph.value(flow, end), year))
                assert set(graph.objects(flow, prop)) == ({want} if want else set()), flow
                stated += want is not None
        assert stated >= len(flows) // 2 > 0  # the stating country is usually one end
