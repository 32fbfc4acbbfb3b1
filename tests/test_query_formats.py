"""Every ``tipgraph query --format`` with every query form (issue 16).

``--format json`` on a CONSTRUCT once printed Turtle, and csv did too: a graph is now written
as Turtle, N-Triples or JSON-LD (``json``: JSON-LD with an inline context, nothing to fetch),
an ASK as ``true``/``false`` or SPARQL JSON, a SELECT as rows; any other pair is one line
with E570, before the graph is read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic

from tipgraph.cli.main import main

DATA = """@prefix tip: <https://w3id.org/tipgraph/ontology#> .
<https://w3id.org/tipgraph/id/narrative/2017/KWT> a tip:CountryNarrative ;
    tip:reportYear 2017 .
<https://w3id.org/tipgraph/id/narrative/2017/NGA> a tip:CountryNarrative ;
    tip:reportYear 2017 .
"""
# rdflib 7.6's JSON-LD parser (reading the output back) calls its deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings(
    r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated:DeprecationWarning")
PREFIX = "PREFIX tip: <https://w3id.org/tipgraph/ontology#>\n"
KWT = "https://w3id.org/tipgraph/id/narrative/2017/KWT"
QUERIES = {
    "SELECT": "SELECT ?n WHERE { ?n a tip:CountryNarrative } ORDER BY ?n",
    "ASK": "ASK { ?n a tip:CountryNarrative }",
    "CONSTRUCT": "CONSTRUCT { ?n a tip:CountryNarrative } WHERE { ?n a tip:CountryNarrative }",
    "DESCRIBE": f"DESCRIBE <{KWT}>",
}
FORMATS = ("table", "csv", "tsv", "json", "turtle", "ntriples", "jsonld")
FITS = {
    "SELECT": {"table", "csv", "tsv", "json"},
    "ASK": {"table", "json"},
    "CONSTRUCT": {"table", "json", "turtle", "ntriples", "jsonld"},
    "DESCRIBE": {"table", "json", "turtle", "ntriples", "jsonld"},
}
#: The rdflib parser of each graph format's output.
GRAPH_PARSERS = {"table": "turtle", "turtle": "turtle", "ntriples": "nt", "json": "json-ld",
                 "jsonld": "json-ld"}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    graph = tmp_path / "g.ttl"
    graph.write_text(DATA, encoding="utf-8")
    paths = {"graph": graph}
    for form, text in QUERIES.items():
        path = tmp_path / f"{form.lower()}.rq"
        path.write_text(PREFIX + text + "\n", encoding="utf-8")
        paths[form] = path
    return paths


def _expected_graph(form: str) -> Graph:
    graph = Graph().parse(data=DATA, format="turtle")
    # DESCRIBE: the resource's own triples (rdflib's description); CONSTRUCT: the types
    pattern = (URIRef(KWT), None, None) if form == "DESCRIBE" else (None, RDF.type, None)
    result = Graph()
    for triple in graph.triples(pattern):
        result.add(triple)
    return result


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("form", list(QUERIES))
def test_each_format_with_each_query_form(form: str, fmt: str, files: dict[str, Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["query", str(files[form]), "--graph", str(files["graph"]), "--format", fmt])
    out, err = capsys.readouterr()
    if fmt not in FITS[form]:
        assert code == 2 and out == ""
        assert err.startswith(f"tipgraph: E570: --format {fmt} writes ")
        assert f"query gives {'rows' if form == 'SELECT' else ''}" in err
        assert err.count("\n") == 1
        return
    assert code == 0, err
    if form in ("CONSTRUCT", "DESCRIBE"):
        got = Graph().parse(data=out, format=GRAPH_PARSERS[fmt])
        assert isomorphic(got, _expected_graph(form))
        if GRAPH_PARSERS[fmt] == "json-ld":
            assert isinstance(json.loads(out)["@context"], dict)  # inline: nothing to fetch
    elif form == "ASK":
        assert out == ('{\n "head": {},\n "boolean": true\n}\n' if fmt == "json" else "true\n")
    else:
        rows = out.splitlines()
        if fmt == "json":
            bindings = json.loads(out)["results"]["bindings"]
            assert [b["n"]["value"] for b in bindings] == [KWT, KWT.replace("KWT", "NGA")]
        elif fmt in ("csv", "tsv"):
            assert rows == ["n", KWT, KWT.replace("KWT", "NGA")]
        else:
            assert rows[0] == "n" and len(rows) == 4


@pytest.mark.parametrize(("form", "fmt"), [("CONSTRUCT", "csv"), ("ASK", "tsv"),
                                           ("SELECT", "jsonld"), ("DESCRIBE", "tsv")])
def test_a_format_that_does_not_fit_is_refused_before_the_graph_is_read(
        form: str, fmt: str, files: dict[str, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.ttl"
    assert main(["query", str(files[form]), "--graph", str(missing), "--format", fmt]) == 2
    assert capsys.readouterr().err.startswith("tipgraph: E570: ")


def test_the_error_names_the_formats_that_fit(files: dict[str, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    main(["query", str(files["CONSTRUCT"]), "--graph", str(files["graph"]), "--format", "csv"])
    assert capsys.readouterr().err == (
        "tipgraph: E570: --format csv writes rows, but a CONSTRUCT query gives a graph; use "
        "table, json, turtle, ntriples, jsonld\n")
