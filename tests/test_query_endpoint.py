"""``tipgraph query NAME --endpoint URL``: a library query with its parameters on a SPARQL
endpoint (here ``tipgraph serve`` on loopback), values bound in a VALUES block."""

from __future__ import annotations

import csv
import http.server
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from tipgraph.cli.main import main
from tipgraph.exports.rdf import export_rdf
from tipgraph.graph.load import load_graph
from tipgraph.queries import parse_query, run_query
from tipgraph.queries.values import with_values
from tipgraph.serve.app import Limits, Server
from tipgraph.serve.store import prepare_store

SMALL = Path(__file__).parent / "data" / "flows_small.ttl"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    trig = tmp_path_factory.mktemp("data") / "small.trig"  # one named graph per report
    trig.write_bytes(export_rdf(load_graph(SMALL), "trig"))
    prepared = prepare_store([trig], tmp_path_factory.mktemp("store"))
    limits = Limits(timeout=5.0, max_result_bytes=1_000_000, max_query_length=65536, workers=1)
    with Server(prepared.path, port=0, limits=limits) as running:
        yield f"{running.url}/sparql"


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(("name", "params", "key"), [
    ("flows-into", ["country=USA"], "flow"),
    ("flows-from", ["country=NGA", "year=2018"], "flow"),
    ("tier-table", [], "tierName"),
    ("busiest-origins", ["year=2017"], "origin"),
])
def test_a_library_query_answers_on_the_endpoint_as_on_the_file(
        endpoint: str, name: str, params: list[str], key: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    flags = [flag for param in params for flag in ("-p", param)]
    assert main(["query", name, *flags, "--endpoint", endpoint, "--format", "csv"]) == 0
    remote = capsys.readouterr().out
    local = run_query(load_graph(SMALL), name, dict(p.split("=", 1) for p in params))
    expected = sorted(str(row[key]) for row in local)  # type: ignore[index]
    got = sorted(row[key] for row in _rows(remote))
    assert got == expected and got  # same rows, and some


def test_a_parameter_changes_the_answer(endpoint: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "flows-into", "-p", "country=USA", "--endpoint", endpoint,
                 "--format", "csv"]) == 0
    usa = _rows(capsys.readouterr().out)
    assert main(["query", "flows-into", "-p", "country=ITA", "--endpoint", endpoint,
                 "--format", "csv"]) == 0
    ita = _rows(capsys.readouterr().out)
    assert {r["flow"] for r in usa}.isdisjoint({r["flow"] for r in ita})


def test_bad_use_is_one_coded_line(endpoint: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "flows-into", "--endpoint", endpoint]) == 2  # country missing
    assert "E504" in capsys.readouterr().err
    assert main(["query", "tier-table", "--endpoint", "ftp://127.0.0.1/"]) == 2
    assert "E564" in capsys.readouterr().err
    assert main(["query", "tier-table", "--endpoint", endpoint, "--graph", str(SMALL)]) == 2
    assert "E566" in capsys.readouterr().err


class _Redirect(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared by the handler's instances on purpose

    def do_POST(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/else")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_redirect_is_not_followed(capsys: pytest.CaptureFixture[str],
                                    loopback: Callable[[type[_Redirect]], str]) -> None:
    """Only the URL the user gave is asked (issue #17's rule)."""
    _Redirect.hits = []
    url = loopback(_Redirect) + "/sparql"
    assert main(["query", "tier-table", "--endpoint", url]) == 2
    err = capsys.readouterr().err
    assert "E563" in err and "redirects" in err
    assert _Redirect.hits == ["/sparql"]


def test_values_are_terms_not_text() -> None:
    """A value with quotes, braces and a comment sign stays one literal of the query."""
    query = parse_query("# @param name string  a name\n"
                        "SELECT ?s WHERE { ?s <urn:p> ?name }", name="t.rq", source="t.rq")
    hostile = 'x" } } ; DROP ALL # { "'
    text = with_values(query.text, {"name": Literal(hostile)})
    graph = Graph()
    graph.add((URIRef("urn:s"), URIRef("urn:p"), Literal(hostile)))
    graph.add((URIRef("urn:t"), URIRef("urn:p"), Literal("x")))
    rows = list(graph.query(prepareQuery(text)))
    assert [str(r[0]) for r in rows] == ["urn:s"]  # type: ignore[index]
    assert "DROP" not in text.replace(Literal(hostile).n3(), "")


# ------------------------------------------------------------ --graph an Oxigraph store
@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    trig = tmp_path_factory.mktemp("data") / "small.trig"
    trig.write_bytes(export_rdf(load_graph(SMALL), "trig"))
    return prepare_store([trig], tmp_path_factory.mktemp("store") / "db").path


@pytest.mark.parametrize(("name", "params", "key"), [
    ("flows-into", ["country=USA"], "flow"),
    ("tier-table", [], "tierName"),
])
def test_a_store_directory_is_queried_without_loading_a_file(
        store_dir: Path, name: str, params: list[str], key: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``--graph DIR`` (a store ``tipgraph serve --store DIR`` made): before, E102."""
    flags = [flag for param in params for flag in ("-p", param)]
    assert main(["query", name, *flags, "--graph", str(store_dir), "--format", "csv"]) == 0
    got = sorted(row[key] for row in _rows(capsys.readouterr().out))
    local = run_query(load_graph(SMALL), name, dict(p.split("=", 1) for p in params))
    assert got == sorted(str(row[key]) for row in local) and got  # type: ignore[index]


def test_a_directory_that_is_not_a_store_is_one_line(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "tier-table", "--graph", str(tmp_path)]) == 2
    assert "E129" in capsys.readouterr().err
