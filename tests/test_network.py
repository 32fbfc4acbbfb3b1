"""The network view: one edge per flow, filters, roll-up, attributes, statistics, the sample."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pytest
from rdflib import RDF, Graph

from tipgraph.core.errors import QueryError
from tipgraph.exports.analysis import network_stats, route_graph
from tipgraph.exports.network import _spherical_mean, flow_network
from tipgraph.extract.gazetteer import Gazetteer
from tipgraph.ontology import TIP

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult

SMALL = Path(__file__).parent / "data" / "flows_small.ttl"
ID = "https://w3id.org/tipgraph/id/"
NO_REFERENCE = Gazetteer({}, {})


@pytest.fixture(scope="module")
def small() -> Graph:
    """Two reports, three narratives, seven flows, written by hand (tests/data)."""
    return Graph().parse(SMALL, format="turtle")


@pytest.mark.parametrize(("options", "nodes", "edges"), [
    ({}, 9, 7),
    ({"years": [2017]}, 4, 3),
    ({"years": [2018]}, 7, 4),
    ({"years": [2016]}, 0, 0),
    ({"years": [2017, 2018]}, 9, 7),
    ({"forms": ["sex"]}, 7, 4),
    ({"forms": ["labor"]}, 5, 4),
    ({"forms": ["domestic-servitude"]}, 2, 1),
    ({"forms": ["sex", "domestic-servitude"]}, 8, 5),
    ({"forms": ["organ"]}, 0, 0),
    ({"sections": ["prosecution"]}, 2, 1),
    ({"sections": ["protection"]}, 4, 1),
    ({"sections": ["profile"]}, 8, 6),
    ({"regions": False}, 8, 6),
    ({"rollup": True}, 7, 7),
    ({"years": [2018], "forms": ["sex"]}, 6, 2),
    ({"years": [2017], "rollup": True}, 3, 3),
])
def test_filters_change_the_counts(small: Graph, options: dict[str, Any], nodes: int,
                                   edges: int) -> None:
    net = flow_network(small, **options)
    assert (net.number_of_nodes(), net.number_of_edges()) == (nodes, edges)
    # the nodes are exactly the places the kept flows start at, end at or pass through
    touched = {n for u, v, d in net.edges(data=True) for n in (u, v, *d["via"])}
    assert touched == set(net.nodes)


def test_one_edge_per_flow_keyed_by_its_iri(small: Graph) -> None:
    net = flow_network(small)
    flows = {str(f) for f in small.subjects(RDF.type, TIP.TraffickingFlow)}
    assert {k for _, _, k in net.edges(keys=True)} == flows
    assert isinstance(net, nx.MultiDiGraph)
    # two narratives state Jamaica -> United States: two parallel edges
    assert net.number_of_edges("JAM", "USA") == 2


def test_country_attributes(small: Graph) -> None:
    jam = flow_network(small).nodes["JAM"]
    assert jam["kind"] == "country" and jam["label"] == "Jamaica" and jam["iso3"] == "JAM"
    assert jam["iri"] == ID + "country/JAM"
    assert (jam["lat"], jam["lon"]) == (18.1, -77.3)
    assert jam["tiers"] == {2017: "2", 2018: "2WL"} and jam["tier"] == "2WL"
    assert jam["roles"] == ["source", "transit", "destination"]
    assert jam["regions"] == ["caribbean"]
    # a year filter narrows the tier table to that year
    assert flow_network(small, years=[2017]).nodes["JAM"]["tiers"] == {2017: "2"}
    # a country the graph has no coordinates for has none
    assert "lat" not in flow_network(small).nodes["XXA"]


@pytest.mark.parametrize(("gazetteer", "box"), [
    (None, (45.0, 55.0, 5.0, 25.0)),          # all European countries of the gazetteer
    (NO_REFERENCE, (41.0, 42.5, 3.5, 5.0)),   # the graph's members only: Spain and Italy
])
def test_region_point_is_the_mean_of_its_members(small: Graph, gazetteer: Gazetteer | None,
                                                 box: tuple[float, ...]) -> None:
    europe = flow_network(small, gazetteer=gazetteer).nodes["region-europe"]
    assert europe["kind"] == "region" and europe["notation"] == "europe"
    lat_min, lat_max, lon_min, lon_max = box
    assert lat_min < europe["lat"] < lat_max and lon_min < europe["lon"] < lon_max


@pytest.mark.parametrize(("points", "expected"), [
    ([(0.0, 179.0), (0.0, -179.0)], (0.0, 180.0)),  # across the antimeridian, not 0
    ([(10.0, 10.0)], (10.0, 10.0)),
    ([(0.0, 0.0), (0.0, 90.0)], (0.0, 45.0)),
])
def test_spherical_mean(points: list[tuple[float, float]],
                        expected: tuple[float, float]) -> None:
    mean = _spherical_mean(points)
    assert mean is not None
    assert mean[0] == pytest.approx(expected[0], abs=1e-3)
    assert abs(mean[1]) == pytest.approx(abs(expected[1]), abs=1e-3)


def test_edge_attributes(small: Graph) -> None:
    net = flow_network(small)
    (data,) = net.get_edge_data("NGA", "ITA").values()
    assert data["year"] == 2018 and data["reporter"] == "NGA"
    assert data["narrative"] == ID + "narrative/2018/NGA"
    assert data["forms"] == ["sex"] and data["victims"] == ["girls", "women"]
    assert data["support"] == 3 and data["certainty"] == "stated"
    # sentences in narrative order (by index, not by IRI text), texts aligned with them
    assert data["sentences"] == [ID + f"narrative/2018/NGA/sentence/{i}" for i in (40, 41, 42)]
    assert data["texts"][0].startswith("Nigerian women are transported through Libya")
    assert data["sections"] == ["protection", "profile"]
    # transit places ordered from the origin outwards: Libya before Spain
    assert data["via"] == ["LBY", "ESP"]
    (hedged,) = net.get_edge_data("HTI", "JAM").values()
    assert hedged["certainty"] == "hedged" and hedged["subforms"] == ["domestic-servitude"]


def test_section_filter_counts_only_that_sections_sentences(small: Graph) -> None:
    net = flow_network(small, sections=["protection"])
    (data,) = net.get_edge_data("NGA", "ITA").values()
    assert data["support"] == 1
    assert data["sentences"] == [ID + "narrative/2018/NGA/sentence/42"]
    assert data["sections"] == ["protection"]


def test_no_regions_drops_region_ends(small: Graph) -> None:
    net = flow_network(small, regions=False)
    assert not [n for n, kind in net.nodes(data="kind") if kind == "region"]


@pytest.mark.parametrize("gazetteer", [None, NO_REFERENCE])
def test_rollup_merges_countries_into_their_narrowest_region(
        small: Graph, gazetteer: Gazetteer | None) -> None:
    net = flow_network(small, rollup=True, gazetteer=gazetteer)
    assert set(net.nodes) == {"LBY", "XXA", "region-caribbean", "region-europe",
                              "region-north-america", "region-southern-europe",
                              "region-west-africa"}
    assert net.nodes["region-caribbean"]["members"] == ["HTI", "JAM"]
    assert net.nodes["region-southern-europe"]["members"] == ["ESP", "ITA"]
    assert "members" not in net.nodes["region-europe"]  # named as a region, nothing merged
    # Haiti -> Jamaica stays as a flow within the Caribbean; via Spain becomes the region
    assert net.number_of_edges("region-caribbean", "region-caribbean") == 1
    (nga,) = net.get_edge_data("region-west-africa", "region-southern-europe").values()
    assert nga["via"] == ["LBY", "region-southern-europe"]


@pytest.mark.parametrize(("options", "code"), [
    ({"forms": ["slavery"]}, "E520"),
    ({"sections": ["summary"]}, "E521"),
    ({"rollup": True, "regions": False}, "E522"),
])
def test_bad_options_are_one_coded_error(small: Graph, options: dict[str, Any],
                                         code: str) -> None:
    with pytest.raises(QueryError) as info:
        flow_network(small, **options)
    assert info.value.code == code
    assert "\n" not in str(info.value)


def test_projection_is_deterministic(small: Graph) -> None:
    again = Graph().parse(SMALL, format="turtle")
    one, two = flow_network(small), flow_network(again)
    assert list(one.nodes(data=True)) == list(two.nodes(data=True))
    assert list(one.edges(keys=True, data=True)) == list(two.edges(keys=True, data=True))
    assert list(one.nodes) == sorted(one.nodes)


def test_stats(small: Graph) -> None:
    stats = network_stats(flow_network(small), top=3)
    assert (stats.nodes, stats.edges) == (9, 7)
    assert [(h.code, h.score) for h in stats.out_hubs] == [("JAM", 3), ("NGA", 2), ("HTI", 1)]
    assert [(h.code, h.score) for h in stats.in_hubs] == [("JAM", 2), ("USA", 2), ("ITA", 1)]
    # the stated transit places carry shortest routes; Jamaica links Haiti to the US
    assert {h.code for h in stats.transit_hubs} == {"JAM", "LBY", "ESP"}
    assert stats.transit_hubs[0].code == "JAM"
    assert stats.groups == [["JAM", "USA"]]
    assert stats.chains[0].places == ("NGA", "LBY", "ESP", "ITA")
    assert stats.chains[0].support == 3 and stats.chains[0].year == 2018
    assert len(stats.chains) == 3


def test_route_graph_expands_via_and_drops_loops(small: Graph) -> None:
    routes = route_graph(flow_network(small, rollup=True))
    assert routes.has_edge("region-west-africa", "LBY")
    assert routes.has_edge("LBY", "region-southern-europe")
    assert not any(u == v for u, v in routes.edges)


def test_stats_do_not_count_loops_as_degree(small: Graph) -> None:
    stats = network_stats(flow_network(small, rollup=True))
    out = {h.code: h.score for h in stats.out_hubs}
    # the Caribbean states three flows out of it and one within it
    assert out["region-caribbean"] == 3


# ---------------------------------------------------------------------------- the mapper
def test_graph_mapper_output_projects_as_documented() -> None:
    """Records through the real GraphMapper: the view reads exactly what the mapper writes."""
    from tipgraph.extract.gazetteer import load_gazetteer
    from tipgraph.extract.records import (
        Flow,
        Narrative,
        NarrativeFacts,
        Place,
        Report,
        Section,
        Sentence,
    )
    from tipgraph.graph.mapping import BuildInfo, GraphMapper

    text = "Nigerian women are moved through Niger and Libya to Italy. Some go to Europe."
    first = Sentence(index=0, start=0, end=58, text=text[:58], clean=text[:58],
                     section="profile")
    second = Sentence(index=1, start=59, end=len(text), text=text[59:], clean=text[59:],
                      section="profile")
    narrative = Narrative(heading="NIGERIA", iso3="NGA", tier="2", partial=False, start=0,
                          end=len(text),
                          sections=[Section(kind="profile", heading="TRAFFICKING PROFILE",
                                            start=0, end=len(text),
                                            sentences=[first, second])])
    facts = NarrativeFacts(narrative=narrative, roles={"source", "transit"}, flows=[
        Flow(origin=Place("country", "NGA"), destination=Place("country", "ITA"),
             via=[Place("country", "LBY"), Place("country", "NER")], forms={"sex"},
             victims={"women"}, sentences=[first]),
        Flow(origin=Place("country", "NGA"), destination=Place("region", "europe"),
             forms={"labor"}, subforms={"domestic-servitude"}, certainty="hedged",
             sentences=[second, second]),
    ])
    report = Report(source_name="test.txt", sha256="0" * 64, year=2019, year_inferred=False,
                    text=text, narratives=[narrative])
    mapper = GraphMapper(load_gazetteer(), BuildInfo(version="test", fingerprint="f" * 16))
    mapper.add_report(report, [facts])

    net = flow_network(mapper.graph)
    assert sorted(net.nodes) == ["ITA", "LBY", "NER", "NGA", "region-europe"]
    nga = net.nodes["NGA"]
    assert nga["label"] == "Nigeria" and nga["tiers"] == {2019: "2"}
    assert nga["roles"] == ["source", "transit"] and "lat" in nga and "lon" in nga
    (italy,) = net.get_edge_data("NGA", "ITA").values()
    assert italy["via"] == ["NER", "LBY"]  # Niger is nearer Nigeria than Libya is
    assert italy["texts"] == [text[:58]] and italy["sections"] == ["profile"]
    assert italy["year"] == 2019 and italy["support"] == 1 and italy["forms"] == ["sex"]
    (europe,) = net.get_edge_data("NGA", "region-europe").values()
    assert europe["support"] == 1  # the mapper counts a sentence once
    assert europe["certainty"] == "hedged" and europe["subforms"] == ["domestic-servitude"]
    assert net.nodes["region-europe"]["label"] == "Europe"


# ---------------------------------------------------------------------------- the sample
def test_sample_network_has_one_edge_per_flow(sample_build: BuildResult) -> None:
    union = sample_build.union
    net = flow_network(union)
    flows = set(union.subjects(RDF.type, TIP.TraffickingFlow))
    assert flows, "the sample states flows"
    assert net.number_of_edges() == len(flows)
    assert {k for _, _, k in net.edges(keys=True)} == {str(f) for f in flows}
    for _, data in net.nodes(data=True):
        assert data["kind"] in {"country", "region"} and data["label"]
    # every place of the sample has a point, so the flow map can draw it on the map
    assert all("lat" in d and "lon" in d for _, d in net.nodes(data=True))
    assert sum(d["support"] for *_, d in net.edges(data=True)) >= len(flows)


def test_sample_filters_partition_the_flows(sample_build: BuildResult) -> None:
    union = sample_build.union
    total = flow_network(union).number_of_edges()
    assert flow_network(union, years=[2017]).number_of_edges() == total
    assert flow_network(union, years=[2016]).number_of_edges() == 0
    countries_only = flow_network(union, regions=False).number_of_edges()
    to_or_from_region = sum(
        1 for f in union.subjects(RDF.type, TIP.TraffickingFlow)
        if any((union.value(f, p), RDF.type, TIP.Region) in union
               for p in (TIP.origin, TIP.destination)))
    assert countries_only == total - to_or_from_region
    rolled = flow_network(union, rollup=True)
    assert rolled.number_of_edges() == total
    assert rolled.number_of_nodes() < flow_network(union).number_of_nodes()
