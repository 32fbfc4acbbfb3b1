"""Exports: every format parses back with its reference reader to the network view's counts,
attribute types survive, output is byte-identical per graph, errors are one coded line."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from tipgraph.cli.main import main
from tipgraph.core.errors import OutputError
from tipgraph.exports.flowmap import flowmap_data
from tipgraph.exports.network import flow_network
from tipgraph.exports.rdf import export_rdf, split_reports
from tipgraph.exports.writers import (
    CSV_COLUMNS,
    NETWORK_FORMATS,
    RDF_FORMATS,
    check_format,
    export_network,
)
from tipgraph.ontology import PREFIXES, TIP

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult

SMALL = Path(__file__).parent / "data" / "flows_small.ttl"
ID = "https://w3id.org/tipgraph/id/"

# rdflib 7.6's own TriG serialiser and JSON-LD parser call its deprecated ConjunctiveGraph
# API; these messages come from inside rdflib, never from tipgraph, so they are not errors here.
pytestmark = pytest.mark.filterwarnings(
    r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def small() -> Graph:
    return Graph().parse(SMALL, format="turtle")


@pytest.fixture(scope="module")
def net(small: Graph) -> nx.MultiDiGraph:
    return flow_network(small)


# ---------------------------------------------------------------------------- readers
def read_graphml(data: bytes) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(data), force_multigraph=True)


def read_gexf(data: bytes) -> nx.MultiDiGraph:
    graph = nx.read_gexf(io.BytesIO(data))
    return graph if graph.is_multigraph() else nx.MultiDiGraph(graph)


def read_cytoscape(data: bytes) -> nx.MultiDiGraph:
    return nx.cytoscape_graph(json.loads(data))


def read_nodelink(data: bytes) -> nx.MultiDiGraph:
    """The installed networkx's reader with its defaults (``edges="edges"`` in 3.4+)."""
    return nx.node_link_graph(json.loads(data))


_DOT_STRING = r'"(?:[^"\\]|\\.)*"'
_DOT_ATTR = rf"[A-Za-z_][A-Za-z0-9_]*={_DOT_STRING}"
_DOT_ATTRS = rf"\[(?:{_DOT_ATTR}(?:, {_DOT_ATTR})*)?\]"
_DOT_NODE = re.compile(rf"  ({_DOT_STRING}) ({_DOT_ATTRS});")
_DOT_EDGE = re.compile(rf"  ({_DOT_STRING}) -> ({_DOT_STRING}) ({_DOT_ATTRS});")
_DOT_DEFAULTS = re.compile(rf"  (graph|node|edge) {_DOT_ATTRS};")


def _unquote(token: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), token[1:-1])


def read_dot(data: bytes) -> nx.MultiDiGraph:
    """A strict reader of the DOT subset the writer emits: every line must parse."""
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == 'digraph "tipgraph" {' and lines[-1] == "}"
    graph = nx.MultiDiGraph()
    for line in lines[1:-1]:
        if _DOT_DEFAULTS.fullmatch(line):
            continue
        if match := _DOT_EDGE.fullmatch(line):
            attrs = dict((k, _unquote(v)) for k, v in
                         re.findall(rf"([A-Za-z_][A-Za-z0-9_]*)=({_DOT_STRING})", match[3]))
            graph.add_edge(_unquote(match[1]), _unquote(match[2]), key=attrs.pop("key"), **attrs)
        elif match := _DOT_NODE.fullmatch(line):
            attrs = dict((k, _unquote(v)) for k, v in
                         re.findall(rf"([A-Za-z_][A-Za-z0-9_]*)=({_DOT_STRING})", match[2]))
            graph.add_node(_unquote(match[1]), **attrs)
        else:
            raise AssertionError(f"not a DOT statement of the writer: {line!r}")
    return graph


def read_csv(data: bytes) -> nx.MultiDiGraph:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    graph = nx.MultiDiGraph()
    for row in rows:
        graph.add_edge(row["origin"], row["destination"], key=row["flow"], **row)
        for via in filter(None, row["via"].split(";")):
            graph.add_node(via)
    return graph


class _PageParser(HTMLParser):
    """Collects what the flow map page loads and the JSON its script reads."""

    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.scripts: dict[str, str] = {}
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("src", "href", "data", "srcset"):
            if values.get(name):
                self.external.append(f"<{tag} {name}={values[name]}>")
        if tag == "link":
            self.external.append(f"<link {values}>")
        if tag == "script":
            self._script = values.get("id") or f"inline-{len(self.scripts)}"
            self.scripts[self._script] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts[self._script] += data


def read_html(data: bytes) -> nx.MultiDiGraph:
    page = _PageParser()
    page.feed(data.decode("utf-8"))
    assert page.external == [], "the flow map must load nothing"
    doc = json.loads(page.scripts["flowmap-data"])
    graph = nx.MultiDiGraph()
    for node in doc["nodes"]:
        graph.add_node(node["id"], **node)
    for edge in doc["edges"]:
        graph.add_edge(edge["source"], edge["target"], key=edge["id"], **edge)
    return graph


READERS: dict[str, Callable[[bytes], nx.MultiDiGraph]] = {
    "graphml": read_graphml, "gexf": read_gexf, "cytoscape": read_cytoscape,
    "nodelink": read_nodelink, "dot": read_dot, "csv": read_csv, "html": read_html,
}


def test_every_network_format_has_a_reader() -> None:
    assert set(READERS) == set(NETWORK_FORMATS)


# ---------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("fmt", NETWORK_FORMATS)
@pytest.mark.parametrize("options", [{}, {"years": [2018]}, {"forms": ["labor"]},
                                     {"rollup": True}, {"sections": ["protection"]}])
def test_format_parses_back_with_the_same_counts(small: Graph, fmt: str,
                                                 options: dict[str, Any]) -> None:
    net = flow_network(small, **options)
    back = READERS[fmt](export_network(net, fmt))
    assert back.number_of_edges() == net.number_of_edges()
    assert back.number_of_nodes() == net.number_of_nodes()
    assert set(back.nodes) == set(net.nodes)
    assert {str(k) for *_, k in _edge_keys(back, fmt)} == {k for *_, k in net.edges(keys=True)}


def _edge_keys(graph: nx.MultiDiGraph, fmt: str) -> list[tuple[str, str, str]]:
    if fmt == "gexf":  # GEXF edge ids are the flow IRIs; networkx keeps them as "id"
        return [(u, v, d["id"]) for u, v, d in graph.edges(data=True)]
    return list(graph.edges(keys=True))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "nodelink", "cytoscape"])
def test_attribute_types_survive(net: nx.MultiDiGraph, fmt: str) -> None:
    back = READERS[fmt](export_network(net, fmt))
    jam = back.nodes["JAM"]
    assert isinstance(jam["lat"], float) and jam["lat"] == 18.1
    assert isinstance(jam["lon"], float) and jam["lon"] == -77.3
    assert jam["label"] == "Jamaica" and jam["kind"] == "country"
    edges = [d for u, v, d in back.edges(data=True) if (u, v) == ("NGA", "ITA")]
    (nga,) = edges
    assert isinstance(nga["year"], int) and nga["year"] == 2018
    assert isinstance(nga["support"], int) and nga["support"] == 3
    assert isinstance(nga["certainty"], str) and nga["certainty"] == "stated"
    if fmt in {"nodelink", "cytoscape"}:  # JSON keeps lists and the tier table
        assert nga["via"] == ["LBY", "ESP"] and isinstance(nga["texts"], list)
        assert jam["tiers"] == {"2017": "2", "2018": "2WL"}
    else:  # the XML formats hold scalars: lists joined, texts one a line
        assert nga["via"] == "LBY;ESP"
        original = next(d for *_, d in net.edges(data=True) if d["via"])
        assert nga["texts"].split("\n") == original["texts"]
        assert jam["tiers"] == "2017:2;2018:2WL"


def test_gexf_positions_are_longitude_and_latitude(net: nx.MultiDiGraph) -> None:
    back = read_gexf(export_network(net, "gexf"))
    position = back.nodes["NGA"]["viz"]["position"]
    assert (position["x"], position["y"]) == (8.7, 9.1)
    assert "position" not in back.nodes["XXA"].get("viz", {})
    weights = {d["id"]: d["weight"] for *_, d in back.edges(data=True)}
    assert weights[ID + "narrative/2018/NGA/flow/NGA/ITA"] == 3.0


def test_dot_escapes_quotes_and_newlines(net: nx.MultiDiGraph) -> None:
    back = read_dot(export_network(net, "dot"))
    (data,) = [d for u, v, d in back.edges(data=True) if (u, v) == ("JAM", "USA")
               and d["year"] == "2017"]
    assert '"recruiters"' in data["texts"] and "\n" in data["texts"]
    assert back.nodes["JAM"]["pos"] == "-773.0,181.0!"


def test_csv_is_an_origin_destination_table(net: nx.MultiDiGraph) -> None:
    rows = list(csv.DictReader(io.StringIO(export_network(net, "csv").decode("utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["origin"], r["destination"]) for r in rows] == [(u, v) for u, v in net.edges()]
    nga = next(r for r in rows if r["origin"] == "NGA" and r["destination"] == "ITA")
    assert nga["origin_label"] == "Nigeria" and nga["destination_label"] == "Italy"
    assert int(nga["support"]) == 3 and int(nga["year"]) == 2018
    assert nga["sentences"].split(";")[0] == ID + "narrative/2018/NGA/sentence/40"


def test_html_embeds_the_sentences_and_cannot_break_out_of_its_script(
        net: nx.MultiDiGraph) -> None:
    page = export_network(net, "html").decode("utf-8")
    assert page.count("</script>") == 3  # data, world, code: the data closed none early
    texts = [t for e in flowmap_data(net)["edges"] for t in e["texts"]]
    assert "Traffickers bring US children to Jamaica <for> sex trafficking & worse." in texts
    assert "<for>" not in page  # escaped inside the JSON
    back = read_html(page.encode("utf-8"))
    (usa_jam,) = [d for u, v, d in back.edges(data=True) if (u, v) == ("USA", "JAM")]
    assert usa_jam["texts"] == ["Traffickers bring US children to Jamaica <for> sex "
                                "trafficking & worse."]
    assert "http://" not in re.sub(r'xmlns="http://www.w3.org/2000/svg"', "", page.split(
        '<script type="application/json"')[0]), "no URL in the page's markup or style"


# ---------------------------------------------------------------------------- determinism
@pytest.mark.parametrize("fmt", [*NETWORK_FORMATS, *RDF_FORMATS])
def test_same_graph_gives_byte_identical_output(small: Graph, fmt: str) -> None:
    again = Graph().parse(SMALL, format="turtle")

    def render(graph: Graph) -> bytes:
        if fmt in NETWORK_FORMATS:
            return export_network(flow_network(graph), fmt)
        return export_rdf(graph, fmt)

    assert render(small) == render(again)
    assert b"lastmodifieddate" not in render(small)


# ---------------------------------------------------------------------------- RDF formats
@pytest.mark.parametrize(("fmt", "parser"), [("turtle", "turtle"), ("ntriples", "nt"),
                                             ("jsonld", "json-ld")])
def test_rdf_formats_parse_back_to_the_same_graph(small: Graph, fmt: str, parser: str) -> None:
    back = Graph().parse(data=export_rdf(small, fmt), format=parser)
    assert isomorphic(back, small)


def test_jsonld_context_is_the_projects_prefixes(small: Graph) -> None:
    doc = json.loads(export_rdf(small, "jsonld"))
    assert doc["@context"] == {p: str(ns) for p, ns in PREFIXES.items()}


def test_trig_has_one_named_graph_per_report(small: Graph) -> None:
    dataset = Dataset()
    dataset.parse(data=export_rdf(small, "trig"), format="trig")
    named = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert set(named) == {ID + "graph/2017", ID + "graph/2018"}
    quads = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert quads == set(small)  # nothing lost, nothing added
    y2017, y2018 = named[ID + "graph/2017"], named[ID + "graph/2018"]
    narrative_2018 = URIRef(ID + "narrative/2018/JAM")
    assert (narrative_2018, None, None) not in y2017 and (narrative_2018, None, None) in y2018
    # a place both years name is in both graphs; one only 2018 names is in 2018's only
    jamaica, italy = URIRef(ID + "country/JAM"), URIRef(ID + "country/ITA")
    assert (jamaica, RDF.type, TIP.Country) in y2017 and (jamaica, RDF.type, TIP.Country) in y2018
    assert (italy, None, None) not in y2017 and (italy, None, None) in y2018
    # regions a place is in travel with it
    assert (URIRef(ID + "region/caribbean"), None, None) in y2017


def test_split_reports_keeps_the_ontology_apart() -> None:
    from tipgraph.ontology import ontology_graph

    union = Graph().parse(SMALL, format="turtle")
    for triple in ontology_graph():
        union.add(triple)
    ontology, reports = split_reports(union)
    assert set(ontology) == set(ontology_graph())
    assert sorted(reports) == [2017, 2018]
    assert not any(t in ontology for g in reports.values() for t in g)


# ---------------------------------------------------------------------------- errors
@pytest.mark.parametrize(("call", "code"), [
    (lambda net, g: check_format("pdf"), "E610"),
    (lambda net, g: export_network(net, "svg"), "E610"),
    (lambda net, g: export_network(net, "turtle"), "E611"),
    (lambda net, g: export_rdf(g, "graphml"), "E612"),
])
def test_bad_formats_are_one_coded_line(net: nx.MultiDiGraph, small: Graph,
                                        call: Callable[[Any, Any], object], code: str) -> None:
    with pytest.raises(OutputError) as info:
        call(net, small)
    assert info.value.code == code and "\n" not in str(info.value)


# ---------------------------------------------------------------------------- CLI
@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory, small: Graph) -> Path:
    path = tmp_path_factory.mktemp("graph") / "small.jsonld"
    path.write_bytes(export_rdf(small, "jsonld"))
    return path


@pytest.mark.parametrize("fmt", [*NETWORK_FORMATS, *RDF_FORMATS])
def test_cli_export_writes_the_library_bytes(graph_file: Path, small: Graph, tmp_path: Path,
                                             fmt: str, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--graph", str(graph_file), "--format", fmt, "-o", str(out)]) == 0
    expected = (export_network(flow_network(small), fmt) if fmt in NETWORK_FORMATS
                else export_rdf(Graph().parse(graph_file, format="json-ld"), fmt))
    assert out.read_bytes() == expected
    assert f"wrote {out}" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".trig"])
def test_cli_export_reads_every_graph_format(small: Graph, tmp_path: Path, suffix: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """``--graph`` takes what ``tipgraph build -o`` writes; the network is the same."""
    fmt = {".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld", ".trig": "trig"}[suffix]
    path = tmp_path / f"small{suffix}"
    path.write_bytes(export_rdf(small, fmt))
    assert main(["export", "--graph", str(path), "-f", "graphml"]) == 0
    assert capsys.readouterr().out.encode("utf-8") == export_network(flow_network(small),
                                                                     "graphml")


def test_cli_export_filters_and_stdout(graph_file: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--graph", str(graph_file), "-f", "csv", "--year", "2018",
                 "--form", "sex"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sorted((r["origin"], r["destination"]) for r in rows) == [("NGA", "ITA"),
                                                                    ("USA", "JAM")]


@pytest.mark.parametrize(("argv", "code"), [
    (["--format", "pdf"], "E610"),
    (["--format", "turtle", "--year", "2017"], "E523"),
    (["--format", "csv", "--form", "slavery"], "E520"),
    (["--format", "csv", "--rollup", "--no-regions"], "E522"),
])
def test_cli_export_bad_input_is_one_line_exit_2(graph_file: Path, argv: list[str], code: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--graph", str(graph_file), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tipgraph: {code}: ") and err.count("\n") == 1


def test_cli_export_missing_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    out.write_text("an earlier export\n", encoding="utf-8")
    assert main(["export", "--graph", str(tmp_path / "none.ttl"), "-f", "csv",
                 "-o", str(out)]) == 2
    assert "E101" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "an earlier export\n"


def test_cli_stats_table(graph_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--graph", str(graph_file), "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("9 places, 7 flows\n")
    lines = out.splitlines()
    assert re.fullmatch(r"out-degree \(flows from\)\s+1\s+3\s+Jamaica \(JAM\)", lines[3])
    assert re.fullmatch(r"out-degree \(flows from\)\s+2\s+2\s+Nigeria \(NGA\)", lines[4])
    assert re.fullmatch(r"in-degree \(flows to\)\s+1\s+2\s+Jamaica \(JAM\)", lines[5])
    assert re.fullmatch(r"strongly connected group\s+1\s+2 places\s+Jamaica \(JAM\), "
                        r"United States \(USA\)", lines[9])
    assert re.fullmatch(r"longest stated chain\s+1\s+3 hops 2018, 3 sent\.\s+Nigeria \(NGA\) "
                        r"-> Libya \(LBY\) -> Spain \(ESP\) -> Italy \(ITA\)", lines[10])
    assert main(["stats", "--graph", str(graph_file), "--year", "2017"]) == 0
    assert capsys.readouterr().out.startswith("4 places, 3 flows\n")


# ---------------------------------------------------------------------------- the sample
@pytest.fixture(scope="module")
def sample_net(sample_build: BuildResult) -> nx.MultiDiGraph:
    return flow_network(sample_build.union)


@pytest.mark.parametrize("fmt", NETWORK_FORMATS)
def test_sample_formats_parse_back(sample_net: nx.MultiDiGraph, fmt: str) -> None:
    net = sample_net
    back = READERS[fmt](export_network(net, fmt))
    # the CSV has one row per route and report year: flows of one route stated by two
    # narratives of one year are one row (the sample has four such routes)
    edges = (len({(u, v, d["year"]) for u, v, d in net.edges(data=True)}) if fmt == "csv"
             else net.number_of_edges())
    assert (back.number_of_nodes(), back.number_of_edges()) == (net.number_of_nodes(), edges)


def test_sample_trig_split_matches_the_build(sample_build: BuildResult) -> None:
    """Splitting the union gives back the per-report graphs the build made."""
    _, reports = split_reports(sample_build.union)
    assert sorted(reports) == sorted(sample_build.reports)
    for year, graph in sample_build.reports.items():
        assert set(reports[year]) == set(graph)
