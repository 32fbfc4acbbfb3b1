"""Exports over time: ``--from-year``/``--to-year`` in every format, and the years on the records.

The archive fixture (tests/data/archive: 2005, 2009, 2017 and 2019) is built as a user would;
each test reads the exported file back and checks the report years it holds against those
the four texts state (Burma -> Thailand in every year, Colombia -> Curacao in 2017 only).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from tipgraph.cli.main import main
from tipgraph.exports.network import flow_network
from tipgraph.exports.writers import NETWORK_FORMATS, RDF_FORMATS, to_csv, year_spells
from tipgraph.exports.years import YearRange, chosen_years, year_range
from tipgraph.ontology import TIP

DATA = Path(__file__).parent / "data" / "archive"
YEARS = (2005, 2009, 2017, 2019)
GEXF = "{http://www.gexf.net/1.2draft}"

pytestmark = pytest.mark.filterwarnings(
    r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four-year archive and its 2017 report built alone, as N-Quads files."""
    folder = tmp_path_factory.mktemp("years")
    out = {"archive": folder / "archive.nq", "2017": folder / "y2017.nq"}
    reports = [str(DATA / f"tip-{year}-archive.txt") for year in YEARS]
    assert main(["build", *reports, "-o", str(out["archive"]), "-q"]) == 0
    assert main(["build", str(DATA / "tip-2017-archive.txt"), "-o", str(out["2017"]),
                 "-q"]) == 0
    return out


def export(graph: Path, tmp_path: Path, fmt: str, *options: str) -> bytes:
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--graph", str(graph), "-f", fmt, "-o", str(out), *options]) == 0
    return out.read_bytes()


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


# ------------------------------------------------------------------------------ the range
@pytest.mark.parametrize(("options", "years"), [
    (["--from-year", "2009", "--to-year", "2017"], {2009, 2017}),
    (["--from-year", "2017"], {2017, 2019}),
    (["--to-year", "2009"], {2005, 2009}),
    (["--from-year", "2006", "--to-year", "2018"], {2009, 2017}),  # bounds need not be held
    (["--year", "2009", "--year", "2019", "--from-year", "2009", "--to-year", "2017"], {2009}),
])
def test_a_range_keeps_the_flows_and_tiers_of_its_years_only(
        builds: dict[str, Path], tmp_path: Path, options: list[str], years: set[int]) -> None:
    doc = json.loads(export(builds["archive"], tmp_path, "nodelink", *options))
    assert {edge["year"] for edge in doc["edges"]} == years
    tiers = {int(year) for node in doc["nodes"] for year in node.get("tiers", {})}
    assert tiers and tiers <= years
    assert {year for node in doc["nodes"] for year in node["years"]} == years
    assert doc["graph"]["years"] == sorted(years)
    rows = csv_rows(export(builds["archive"], tmp_path, "csv", *options))
    assert {int(row["year"]) for row in rows} == years


@pytest.mark.parametrize("fmt", NETWORK_FORMATS)
def test_a_one_year_range_exports_what_that_year_built_alone_exports(
        builds: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    sliced = export(builds["archive"], tmp_path, fmt, "--from-year", "2017", "--to-year", "2017")
    assert sliced == export(builds["2017"], tmp_path, fmt)
    assert sliced == export(builds["archive"], tmp_path, fmt, "--from-year", "2017",
                            "--to-year", "2017")  # same input, same bytes


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_a_range_narrows_the_full_graph_formats_to_its_report_graphs(
        builds: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    data = export(builds["archive"], tmp_path, fmt, "--from-year", "2018")
    parser = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig",
              "nquads": "nquads"}[fmt]
    dataset = Dataset(default_union=True)
    dataset.parse(data=data.decode("utf-8"), format=parser)
    narratives = set(dataset.subjects(TIP.reportYear, None))
    assert narratives
    assert {int(dataset.value(n, TIP.reportYear)) for n in narratives} == {2019}  # type: ignore[arg-type]
    assert (URIRef("https://w3id.org/tipgraph/id/narrative/2019/THA"), TIP.tier, None) in dataset
    if fmt in ("trig", "nquads"):
        named = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert not any("2005" in n or "2009" in n or "2017" in n for n in named), named


@pytest.mark.parametrize("fmt", ["csv", "turtle", "html"])
@pytest.mark.parametrize("options", [["--from-year", "2010", "--to-year", "2016"],
                                     ["--to-year", "2004"], ["--from-year", "2020"]])
def test_a_range_with_no_year_of_the_graph_is_the_empty_selection(
        builds: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        fmt: str, options: list[str]) -> None:
    out = tmp_path / "out"
    assert main(["export", "--graph", str(builds["archive"]), "-f", fmt, "-o", str(out),
                 *options]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "E560" in err[0] and "no report year" in err[0]
    assert not out.exists()


@pytest.mark.parametrize(("options", "code"), [
    (["--from-year", "2019", "--to-year", "2009"], "E576"),
    (["--from-year", "abc"], "E575"),
    (["--to-year", "17"], "E575"),
    (["--from-year", "2017.5"], "E575"),
])
def test_a_bad_range_is_one_coded_line_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str],
        code: str) -> None:
    missing = tmp_path / "never-read.nq"  # the range is checked before the graph is read
    assert main(["export", "--graph", str(missing), "-f", "csv", *options]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"tipgraph: {code}:"), err


def test_chosen_years_without_a_filter_is_no_filter() -> None:
    assert chosen_years(Graph(), None, YearRange()) is None
    assert year_range(None, None).open
    assert sorted(year_range("2009", 2017).select(YEARS)) == [2009, 2017]


# ------------------------------------------------------------------------------ the records
def test_csv_has_one_row_per_route_and_year(builds: dict[str, Path], tmp_path: Path) -> None:
    rows = csv_rows(export(builds["archive"], tmp_path, "csv"))
    burma = [int(r["year"]) for r in rows if (r["origin"], r["destination"]) == ("MMR", "THA")]
    assert burma == [2005, 2009, 2017, 2019]
    assert len({(r["origin"], r["destination"], r["year"]) for r in rows}) == len(rows)


def test_csv_merges_the_flows_two_narratives_state_for_one_route_in_one_year() -> None:
    net = nx.MultiDiGraph()
    net.add_node("NGA", label="Nigeria")
    net.add_node("ITA", label="Italy")
    net.add_node("LBY", label="Libya")
    for reporter, forms, support, via in (("NGA", ["sex"], 2, ["LBY"]), ("ITA", ["labor"], 1, [])):
        flow = f"f/{reporter}"
        net.add_edge("NGA", "ITA", key=flow, flow=flow, year=2018, reporter=reporter,
                     forms=forms, support=support, via=via, certainty="stated",
                     sentences=[f"s/{reporter}/1"], sections=["profile"])
    net.add_edge("NGA", "ITA", key="f/old", flow="f/old", year=2017, reporter="NGA",
                 forms=["sex"], support=1, via=[], certainty="stated", sentences=["s/old"],
                 sections=["profile"])
    rows = csv_rows(to_csv(net))
    assert [(r["year"], r["reporter"], r["forms"], r["support"], r["via"], r["flow"],
             r["sentences"]) for r in rows] == [
        ("2017", "NGA", "sex", "1", "", "f/old", "s/old"),
        ("2018", "ITA;NGA", "sex;labor", "3", "LBY", "f/ITA;f/NGA", "s/NGA/1;s/ITA/1"),
    ]


def test_gexf_is_dynamic_with_a_spell_per_year(builds: dict[str, Path], tmp_path: Path) -> None:
    root = ET.fromstring(export(builds["archive"], tmp_path, "gexf"))
    graph = root.find(f"{GEXF}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    edges = graph.findall(f"{GEXF}edges/{GEXF}edge")
    assert edges and all(e.get("start", "")[:4] == e.get("end", "")[:4] for e in edges)
    burma = sorted(e.get("start", "") for e in edges
                   if (e.get("source"), e.get("target")) == ("MMR", "THA"))
    assert burma == [f"{y}-01-01" for y in YEARS]
    (curacao,) = [n for n in graph.findall(f"{GEXF}nodes/{GEXF}node") if n.get("id") == "CUW"]
    spells = [(s.get("start"), s.get("end")) for s in curacao.iter(f"{GEXF}spell")]
    assert spells == [("2017-01-01", "2017-12-31"), ("2019-01-01", "2019-12-31")]
    back = nx.read_gexf(io.BytesIO(export(builds["archive"], tmp_path, "gexf")))
    assert back.number_of_edges() == len(edges)


def test_year_spells_join_consecutive_years() -> None:
    assert year_spells([2019, 2017, 2018, 2009]) == [("2009-01-01", "2009-12-31"),
                                                      ("2017-01-01", "2019-12-31")]


def test_graphml_places_carry_their_years(builds: dict[str, Path], tmp_path: Path) -> None:
    back = nx.read_graphml(io.BytesIO(export(builds["archive"], tmp_path, "graphml")))
    assert back.nodes["THA"]["years"] == "2005;2009;2017;2019"
    assert back.nodes["ANT"]["years"] == "2009"
    burma = {d["year"] for u, v, d in back.edges(data=True) if (u, v) == ("MMR", "THA")}
    assert burma == set(YEARS)


def test_a_place_on_a_flow_only_as_transit_has_the_flows_years() -> None:
    net = flow_network(Graph().parse(Path(__file__).parent / "data" / "flows_small.ttl"))
    for code in ("LBY", "ESP"):  # Nigeria -> Libya -> Spain -> Italy, 2018
        assert 2018 in net.nodes[code]["years"]


def test_stats_takes_the_range(builds: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    graph = Dataset(default_union=True)
    graph.parse(builds["archive"], format="nquads")
    net = flow_network(graph, years=[2017, 2019])
    assert main(["stats", "--graph", str(builds["archive"]), "--from-year", "2017"]) == 0
    assert capsys.readouterr().out.startswith(
        f"{net.number_of_nodes()} places, {net.number_of_edges()} flows\n")
    assert main(["stats", "--graph", str(builds["archive"]), "--to-year", "2001"]) == 3
    assert "E560" in capsys.readouterr().err
