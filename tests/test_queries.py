"""The SPARQL query library: headers, parameter binding, and answers on the sample graph.

Answers are checked against a direct computation over the graph with rdflib's triple API
(so the test fails when a query drops or invents rows, not when extraction quality moves),
and against the dev gold where a person reading the sample knows the answer (Kuwait's
tier, origins of the flows into Kuwait as far as the extractor finds them).
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.query import Result

from tipgraph.core.errors import QueryError
from tipgraph.ontology import ID_BASE, TIP
from tipgraph.queries import (
    TYPES,
    Param,
    bind,
    list_queries,
    load_query,
    parse_query,
    prepare,
    query_from_file,
    run_query,
    term,
)

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult

GOLD = Path(__file__).parent / "gold"
REQUIRED_NAMES = {"flows-into", "flows-from", "routes", "tier-table"}

#: Parameters for running each query on the sample; a query missing here fails the test.
EXAMPLES: dict[str, dict[str, str]] = {
    "agencies-of": {"country": "KEN"},
    "busiest-destinations": {},
    "busiest-origins": {"form": "labor"},
    "chains": {"origin": "UZB"},
    "countries-by-role": {"role": "destination"},
    "country-profile": {"country": "KWT"},
    "figures-of": {"country": "JAM"},
    "flows-between": {"origin": "JAM", "destination": "CAN"},
    "flows-from": {"country": "JAM"},
    "flows-into": {"country": "KWT", "year": "2017"},
    "laws-of": {"country": "JAM"},
    "region-flows": {"year": "2017"},
    "routes": {"transit": "KGZ"},
    "sex-tourism": {},
    "tier-feeds": {"origin_tier": "3"},
    "tier-table": {"year": "2017"},
    # The queries across years (tests/test_archive.py checks their answers on four years);
    # on the one-year sample, every 2017 route is new against 2016 and dropped by 2018.
    "country-timeline": {"country": "JAM"},
    "dropped-routes": {"from_year": "2017", "to_year": "2018"},
    "new-routes": {"from_year": "2016", "to_year": "2017"},
    "persistent-routes": {"min_years": "1"},
    "route-history": {"origin": "JAM", "destination": "CAN"},
    "tier-changes": {"from_year": "2016", "to_year": "2017"},
    "tier-history": {"country": "KWT"},
}


@pytest.fixture(scope="module")
def graph(sample_build: BuildResult) -> Graph:
    return sample_build.union


def rows(result: Result) -> list[dict[str, object]]:
    """Result rows as dicts of Python values (None for unbound)."""
    names = [str(v) for v in result.vars or []]
    return [{n: (v.toPython() if isinstance(v, Literal) else v) for n, v in zip(names, r,
                                                                              strict=True)}
            for r in result]  # type: ignore[call-overload]


def code(graph: Graph, place: object) -> str:
    """A place as the queries write it: ISO code or region:<slug>."""
    iso = graph.value(place, TIP.iso3)  # type: ignore[arg-type]
    if iso is not None:
        return str(iso)
    return "region:" + str(graph.value(place, SKOS.notation))  # type: ignore[arg-type]


def country(iso: str) -> URIRef:
    return URIRef(f"{ID_BASE}country/{iso}")


def notation(graph: Graph, concept: object) -> str:
    return str(graph.value(concept, SKOS.notation))  # type: ignore[arg-type]


def year_of(graph: Graph, fact: object) -> int:
    narrative = graph.value(fact, TIP.statedIn)  # type: ignore[arg-type]
    return int(graph.value(narrative, TIP.reportYear))  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ the library

def test_library_has_the_named_queries() -> None:
    names = {q.name for q in list_queries()}
    assert names >= REQUIRED_NAMES
    assert names == set(EXAMPLES), "add an example for every query to EXAMPLES"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_header_documents_the_query_and_its_parameters(name: str) -> None:
    query = load_query(name)
    assert len(query.description) > 40 and query.summary.endswith(".")
    body = "\n".join(line for line in query.text.splitlines()
                     if not line.lstrip().startswith("#"))
    for param in query.params:
        assert param.kind in TYPES
        assert param.doc, f"{name}: parameter {param.name} is not documented"
        assert re.search(rf"[?$]{param.name}\b", body), f"{name} never uses ?{param.name}"
    prepare(query)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_query_runs_on_the_sample(graph: Graph, name: str) -> None:
    result = run_query(graph, name, EXAMPLES[name])
    assert result.type == "SELECT"
    assert list(result)


# ------------------------------------------------------------------------------ flows

def _flow_rows(graph: Graph, place: URIRef, end: URIRef,
               other: URIRef) -> set[tuple[str, str, int]]:
    found = set()
    for flow in graph.subjects(end, place):
        if (flow, RDF.type, TIP.TraffickingFlow) not in graph:
            continue
        found.add((str(flow), code(graph, graph.value(flow, other)),
                   len(set(graph.objects(flow, PROV.wasDerivedFrom)))))
    return found


def test_flows_into_kuwait_equal_the_graph_and_meet_the_gold(graph: Graph) -> None:
    answer = rows(run_query(graph, "flows-into", {"country": "KWT"}))
    got = {(str(r["flow"]), str(r["origin"]), int(r["sentences"])) for r in answer}  # type: ignore[call-overload]
    assert got == _flow_rows(graph, country("KWT"), TIP.destination, TIP.origin)
    assert len(got) == len(answer), "one row per flow"
    for row in answer:
        assert row["origin"] is not None and row["originLabel"] is not None
        place = next(p for p in graph.objects(URIRef(str(row["flow"])), TIP.origin))
        assert {(place, RDF.type, TIP.Country), (place, RDF.type, TIP.Region)} & set(
            graph.triples((place, RDF.type, None)))
        flow = URIRef(str(row["flow"]))
        forms = {notation(graph, f) for f in graph.objects(flow, TIP.form)}
        assert set(str(row["forms"]).split()) == forms
    gold = json.loads((GOLD / "KWT.json").read_text(encoding="utf-8"))
    gold_origins = {f["origin"] for f in gold["flows"] if f["destination"] == "KWT"}
    stated_by_kuwait = {str(r["origin"]) for r in answer if r["statedBy"] == "KWT"}
    assert stated_by_kuwait & gold_origins, "none of Kuwait's gold origins was found"


def test_flows_into_a_year_without_a_report_is_empty(graph: Graph) -> None:
    # list(), not len(): rdflib counts an empty aggregate as one (empty) binding
    assert list(run_query(graph, "flows-into", {"country": "KWT", "year": "2001"})) == []


def test_flows_from_jamaica_equal_the_graph(graph: Graph) -> None:
    answer = rows(run_query(graph, "flows-from", {"country": "JAM"}))
    got = {(str(r["flow"]), str(r["destination"]), int(r["sentences"])) for r in answer}  # type: ignore[call-overload]
    assert got == _flow_rows(graph, country("JAM"), TIP.origin, TIP.destination)
    assert got, "the sample states flows out of Jamaica"


def test_flows_between_list_the_sentences_that_state_them(graph: Graph) -> None:
    answer = rows(run_query(graph, "flows-between", {"origin": "JAM", "destination": "CAN"}))
    expected = set()
    for flow in graph.subjects(TIP.origin, country("JAM")):
        if (flow, TIP.destination, country("CAN")) in graph:
            expected |= {(str(flow), str(s)) for s in graph.objects(flow, PROV.wasDerivedFrom)}
    assert {(str(r["flow"]), str(r["sentence"])) for r in answer} == expected
    for row in answer:
        sentence = URIRef(str(row["sentence"]))
        assert row["text"] == str(graph.value(sentence, TIP.text))
        assert row["section"] == notation(graph, graph.value(sentence, TIP.inSection))


# ------------------------------------------------------------------------------ routes

def _ends(graph: Graph) -> list[tuple[URIRef, object, object, int]]:
    return [(f, graph.value(f, TIP.origin), graph.value(f, TIP.destination), year_of(graph, f))
            for f in graph.subjects(RDF.type, TIP.TraffickingFlow)]  # type: ignore[misc]


def _routes(graph: Graph) -> set[tuple[str, str, str, str]]:
    found = set()
    flows = _ends(graph)
    for flow, origin, destination, _ in flows:
        for via in graph.objects(flow, TIP.via):
            found.add(("via", code(graph, origin), code(graph, via), code(graph, destination)))
    by_origin = defaultdict(list)
    for flow in flows:
        by_origin[flow[1]].append(flow)
    for _, a, b, year in flows:
        for _, _, c, second_year in by_origin[b]:
            if year == second_year and len({a, b, c}) == 3:
                found.add(("chain", code(graph, a), code(graph, b), code(graph, c)))
    return found


@pytest.mark.parametrize("params", [{}, {"transit": "KGZ"}, {"origin": "UZB", "year": "2017"},
                                    {"destination": "region:europe"}],
                         ids=["all", "through-KGZ", "from-UZB", "to-europe"])
def test_routes_equal_the_graph(graph: Graph, params: dict[str, str]) -> None:
    got = {(str(r["kind"]), str(r["from"]), str(r["through"]), str(r["to"]))
           for r in rows(run_query(graph, "routes", params))}
    expected = _routes(graph)
    if "transit" in params:
        expected = {r for r in expected if r[2] == params["transit"]}
    if "origin" in params:
        expected = {r for r in expected if r[1] == params["origin"]}
    if "destination" in params:
        expected = {r for r in expected if r[3] == params["destination"]}
    assert got == expected
    assert got


def test_chains_join_three_flows_of_one_year(graph: Graph) -> None:
    answer = rows(run_query(graph, "chains", {"origin": "UZB"}))
    assert answer
    for row in answer:
        hops = [URIRef(str(row[k])) for k in ("first", "second", "third")]
        places = [row["a"], row["b"], row["c"], row["d"]]
        assert len(set(places)) == 4 and places[0] == "UZB"
        for hop, (start, end) in zip(hops, itertools.pairwise(places), strict=True):
            assert code(graph, graph.value(hop, TIP.origin)) == start
            assert code(graph, graph.value(hop, TIP.destination)) == end
            assert year_of(graph, hop) == row["year"]


# ------------------------------------------------------------------------------ tiers and roles

def _narratives(graph: Graph) -> dict[str, URIRef]:
    return {str(graph.value(graph.value(n, TIP.country), TIP.iso3)): n  # type: ignore[arg-type]
            for n in graph.subjects(RDF.type, TIP.CountryNarrative)}  # type: ignore[misc]


def test_tier_table_has_one_row_per_narrative_with_the_gold_tier(graph: Graph) -> None:
    answer = rows(run_query(graph, "tier-table"))
    narratives = _narratives(graph)
    assert sorted(str(r["country"]) for r in answer) == sorted(narratives)
    for row in answer:
        gold = json.loads((GOLD / f"{row['country']}.json").read_text(encoding="utf-8"))
        assert row["tierName"] == gold["tier"]
    order = {"1": 0, "2": 1, "2WL": 2, "3": 3, "special": 4, None: 5}
    ranks = [order[r["tierName"]] for r in answer]  # type: ignore[index]
    assert ranks == sorted(ranks)


def test_tier_table_filters_by_tier(graph: Graph) -> None:
    answer = rows(run_query(graph, "tier-table", {"tier": "2WL"}))
    assert "KWT" in {r["country"] for r in answer}
    assert {r["tierName"] for r in answer} == {"2WL"}


def test_countries_by_role_equal_the_graph(graph: Graph) -> None:
    got = {(r["year"], r["roleName"], r["country"])
           for r in rows(run_query(graph, "countries-by-role"))}
    expected = {(int(graph.value(n, TIP.reportYear)), notation(graph, role), iso)  # type: ignore[arg-type]
                for iso, n in _narratives(graph).items() for role in graph.objects(n, TIP.role)}
    assert got == expected
    only = {r["roleName"] for r in rows(run_query(graph, "countries-by-role",
                                                  {"role": "transit"}))}
    assert only == {"transit"}


def test_tier_feeds_join_the_tiers_of_both_ends(graph: Graph) -> None:
    answer = rows(run_query(graph, "tier-feeds", {"origin_tier": "3"}))
    narratives = _narratives(graph)
    tiers = {iso: notation(graph, graph.value(n, TIP.tier)) for iso, n in narratives.items()
             if graph.value(n, TIP.tier) is not None}
    expected = {str(f) for f, o, d, _ in _ends(graph)
                if graph.value(o, TIP.iso3) is not None and graph.value(d, TIP.iso3) is not None
                and tiers.get(code(graph, o)) == "3"
                and tiers.get(code(graph, d)) not in (None, "3")}
    assert {str(r["flow"]) for r in answer} == expected
    for row in answer:
        assert row["originTier"] == "3" and row["destinationTier"] == tiers[str(row["destination"])]


# ---------------------------------------------------------------------- roll-ups and rankings

def _top_regions(graph: Graph, place: object) -> set[str]:
    """Top-level regions of a place: itself if a region, its regions, their broader ones."""
    todo = list(graph.objects(place, TIP.inRegion))  # type: ignore[arg-type]
    if (place, RDF.type, TIP.Region) in graph:
        todo.append(place)
    seen: set[object] = set()
    while todo:
        region = todo.pop()
        if region not in seen:
            seen.add(region)
            todo.extend(graph.objects(region, SKOS.broader))  # type: ignore[arg-type]
    return {str(graph.value(r, SKOS.notation)) for r in seen  # type: ignore[arg-type]
            if graph.value(r, SKOS.broader) is None}  # type: ignore[arg-type]


def test_region_flows_equal_a_roll_up_in_python(graph: Graph) -> None:
    expected: Counter[tuple[str, str]] = Counter()
    for _, origin, destination, _ in _ends(graph):
        for a in _top_regions(graph, origin):
            for b in _top_regions(graph, destination):
                expected[(a, b)] += 1
    got = {(str(r["from"]), str(r["to"])): r["flows"]
           for r in rows(run_query(graph, "region-flows"))}
    assert got == dict(expected)


@pytest.mark.parametrize(("name", "end", "other"), [
    ("busiest-origins", TIP.origin, TIP.destination),
    ("busiest-destinations", TIP.destination, TIP.origin),
])
def test_busiest_ends_count_the_other_ends(graph: Graph, name: str, end: URIRef,
                                           other: URIRef) -> None:
    counts: defaultdict[str, set[object]] = defaultdict(set)
    for flow in graph.subjects(RDF.type, TIP.TraffickingFlow):
        here, there = graph.value(flow, end), graph.value(flow, other)
        if here != there:
            counts[code(graph, here)].add(there)
    answer = rows(run_query(graph, name))
    column = "destinations" if name == "busiest-origins" else "origins"
    key = "origin" if name == "busiest-origins" else "destination"
    assert {str(r[key]): r[column] for r in answer} == {k: len(v) for k, v in counts.items()}
    ranking = [r[column] for r in answer]
    assert ranking == sorted(ranking, reverse=True)  # type: ignore[type-var]


# ---------------------------------------------------------------------- laws, agencies, figures

@pytest.mark.parametrize(("name", "iso", "cls"), [("laws-of", "JAM", TIP.Law),
                                                  ("agencies-of", "KEN", TIP.Agency)])
def test_laws_and_agencies_of_a_country(graph: Graph, name: str, iso: str,
                                        cls: URIRef) -> None:
    answer = rows(run_query(graph, name, {"country": iso}))
    key = "law" if cls == TIP.Law else "agency"
    expected = {n for n in graph.subjects(TIP.jurisdiction, country(iso))
                if (n, RDF.type, cls) in graph}
    assert {URIRef(str(r[key])) for r in answer} == expected
    for row in answer:
        node = URIRef(str(row[key]))
        assert row["name"] == min(str(v) for v in graph.objects(node, RDFS.label))
        assert row["sentences"] == len(set(graph.objects(node, PROV.wasDerivedFrom)))
        assert str(row["years"]) == "2017"
        if cls == TIP.Law:
            enacted = graph.value(node, TIP.enactedYear)
            assert row["enacted"] == (enacted.toPython() if enacted is not None else None)


def test_jamaica_laws_include_its_trafficking_act(graph: Graph) -> None:
    gold = json.loads((GOLD / "JAM.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in rows(run_query(graph, "laws-of", {"country": "JAM"}))}
    assert names & {law["name"] for law in gold["laws"]}


def test_figures_of_a_country_over_the_years(graph: Graph) -> None:
    answer = rows(run_query(graph, "figures-of", {"country": "JAM"}))
    narrative = _narratives(graph)["JAM"]
    expected = set(graph.subjects(TIP.statedIn, narrative)) & set(
        graph.subjects(RDF.type, TIP.Figure))
    assert {URIRef(str(r["figure"])) for r in answer} == expected
    for row in answer:
        figure = URIRef(str(row["figure"]))
        assert row["value"] == graph.value(figure, TIP.value).toPython()  # type: ignore[union-attr]
        assert row["measureName"] == notation(graph, graph.value(figure, TIP.measure))
        sentence = graph.value(figure, PROV.wasDerivedFrom)
        assert row["text"] == str(graph.value(sentence, TIP.text))  # type: ignore[arg-type]
    only = rows(run_query(graph, "figures-of", {"country": "JAM", "measure": "convictions"}))
    assert only and {r["measureName"] for r in only} == {"convictions"}


def test_sex_tourism_statements(graph: Graph) -> None:
    answer = rows(run_query(graph, "sex-tourism"))
    expected = {(code(graph, graph.value(s, TIP.touristOrigin)),
                 code(graph, graph.value(s, TIP.touristDestination)), str(s))
                for s in graph.subjects(RDF.type, TIP.ChildSexTourism)}
    assert {(r["touristsFrom"], r["exploitIn"], str(r["statement"])) for r in answer} == expected
    japan = rows(run_query(graph, "sex-tourism", {"place": "JPN"}))
    assert japan and all("JPN" in (r["touristsFrom"], r["exploitIn"]) for r in japan)


def test_country_profile_brings_everything_with_its_sentence(graph: Graph) -> None:
    answer = rows(run_query(graph, "country-profile", {"country": "KWT"}))
    kinds = Counter(str(r["kind"]) for r in answer)
    assert {r["says"] for r in answer if r["kind"] == "tier"} == {"Tier 2 Watch List"}
    flows_in = {str(r["flow"]) for r in rows(run_query(graph, "flows-into", {"country": "KWT"}))}
    assert {str(r["node"]) for r in answer if r["kind"] == "flow in"} == flows_in
    laws = {str(r["law"]) for r in rows(run_query(graph, "laws-of", {"country": "KWT"}))}
    assert {str(r["node"]) for r in answer if r["kind"] == "law"} == laws
    assert kinds["role"] >= 1
    for row in answer:
        if row["kind"] in ("tier", "role"):
            assert row["sentence"] is None
        else:
            sentence = URIRef(str(row["sentence"]))
            assert (URIRef(str(row["node"])), PROV.wasDerivedFrom, sentence) in graph
            assert row["text"] == str(graph.value(sentence, TIP.text))


# ------------------------------------------------------------------------------ binding

@pytest.mark.parametrize(("kind", "value", "expected"), [
    ("country", "KWT", URIRef(f"{ID_BASE}country/KWT")),
    ("country", "jam", URIRef(f"{ID_BASE}country/JAM")),
    ("region", "south-asia", URIRef(f"{ID_BASE}region/south-asia")),
    ("place", "XKX", URIRef(f"{ID_BASE}country/XKX")),
    ("place", "region:gulf", URIRef(f"{ID_BASE}region/gulf")),
    ("place", "southeast-asia", URIRef(f"{ID_BASE}region/southeast-asia")),
    ("tier", "2WL", TIP.Tier2WatchList),
    ("role", "transit", TIP.TransitCountry),
    ("form", "labor", TIP.ForcedLabor),
    ("measure", "victims_identified", TIP.VictimsIdentified),
    ("integer", "2017", Literal(2017)),
    ("boolean", "TRUE", Literal(True)),
    ("string", 'a "quoted" } value', Literal('a "quoted" } value')),
    ("iri", "http://www.wikidata.org/entity/Q817", URIRef("http://www.wikidata.org/entity/Q817")),
])
def test_values_become_rdf_terms(kind: str, value: str, expected: object) -> None:
    assert term(Param("p", kind, True, None, ""), value) == expected


@pytest.mark.parametrize(("kind", "value"), [
    ("country", "Kuwait"), ("country", "KW"), ("country", "KWT> } UNION { ?s ?p ?o"),
    ("region", "South Asia"), ("tier", "4"), ("role", "sender"), ("integer", "2017.5"),
    ("decimal", "many"), ("boolean", "yes"), ("iri", "not an iri"), ("iri", "<urn:x>"),
])
def test_bad_values_are_refused(kind: str, value: str) -> None:
    with pytest.raises(QueryError) as info:
        term(Param("p", kind, True, None, ""), value)
    assert info.value.code == "E505"


def test_a_string_value_cannot_change_the_query(tmp_path: Path) -> None:
    path = tmp_path / "label.rq"
    path.write_text("# Nodes with a label.\n#\n# @param label string  the label\n"
                    "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> "
                    "?label }\n", encoding="utf-8")
    graph = Graph()
    graph.add((URIRef("urn:a"), RDFS.label, Literal("a")))
    graph.add((URIRef("urn:b"), RDFS.label, Literal('x" } UNION { ?s ?p ?o }')))
    hostile = 'x" } UNION { ?s ?p ?o }'
    assert [r[0] for r in run_query(graph, path, {"label": hostile})] == [URIRef("urn:b")]
    assert list(run_query(graph, path, {"label": '" } UNION { ?s ?p ?o'})) == []


def test_unknown_parameter_is_e502() -> None:
    with pytest.raises(QueryError) as info:
        bind(load_query("flows-into"), {"country": "KWT", "colour": "red"})
    assert info.value.code == "E502"
    assert "country, year" in str(info.value)


def test_missing_required_parameter_is_e504() -> None:
    with pytest.raises(QueryError) as info:
        bind(load_query("flows-into"), {})
    assert info.value.code == "E504"
    assert "country=<country>" in str(info.value)


def test_optional_parameters_stay_unbound_and_defaults_apply() -> None:
    assert bind(load_query("flows-into"), {"country": "KWT"}) == {
        "country": URIRef(f"{ID_BASE}country/KWT")}
    query = parse_query("# A query.\n#\n# @param tier tier=3 the tier\nSELECT ?tier WHERE {}",
                        name="x", source="x")
    assert query.params[0].default == "3" and not query.params[0].required
    assert bind(query, {}) == {"tier": TIP.Tier3}


def test_unknown_query_name_lists_the_library() -> None:
    with pytest.raises(QueryError) as info:
        load_query("flows-to")
    assert info.value.code == "E501"
    assert "flows-into" in str(info.value) and "tier-table" in str(info.value)


def test_missing_query_file_is_e501(tmp_path: Path) -> None:
    with pytest.raises(QueryError) as info:
        query_from_file(tmp_path / "nope.rq")
    assert info.value.code == "E501"


@pytest.mark.parametrize("text", [
    "SELECT ?x WHERE { ?x",
    "SELECT ?x WHERE { ?x nope:p ?y }",
    "# Bad header.\n# @param country\nSELECT ?x WHERE {}",
    "# Bad type.\n# @param country nation  the country\nSELECT ?x WHERE {}",
])
def test_malformed_query_is_e503(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryError) as info:
        run_query(Graph(), path)
    assert info.value.code == "E503"


def test_header_parsing_reads_description_and_continued_parameter_lines() -> None:
    query = load_query("figures-of")
    assert query.description.startswith("Figures of a country over the years")
    measure = query.param("measure")
    assert not measure.required and "victims_identified" in measure.doc
    assert measure.signature() == "[measure=measure]"
    assert query.param("country").signature() == "country=country"
