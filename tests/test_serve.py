"""``tipgraph serve``: SPARQL 1.1 Protocol, negotiation, refusals, limits, linked data, VoID.

Every test talks HTTP to a real server on a free loopback port, started in this process;
the data is a small two-report graph made with ``GraphMapper`` (no extraction needed).
"""

from __future__ import annotations

import contextlib
import csv
import http.server
import io
import json
import socket
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SH, VOID

from tipgraph.cli.main import main
from tipgraph.core.errors import InputError
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.records import (
    Figure,
    Flow,
    Law,
    Narrative,
    NarrativeFacts,
    Place,
    Report,
    Section,
    Sentence,
)
from tipgraph.graph.iris import DATASET_IRI, graph_iri
from tipgraph.graph.mapping import BuildInfo, GraphMapper, add_dataset_description, new_graph
from tipgraph.graph.serialize import write_graph
from tipgraph.ontology import ID_BASE, ONTOLOGY_IRI, TIP, ontology_graph
from tipgraph.pipeline.build import BuildResult
from tipgraph.serve import negotiation as media
from tipgraph.serve.app import Limits, Server
from tipgraph.serve.guard import RefusedQueryError, check_query, has_service_keyword
from tipgraph.serve.pages import examples
from tipgraph.serve.store import UNION_GRAPH, prepare_store, read_graph_file, store_lock
from tipgraph.serve.worker import QueryRequest, execute, open_store, union_in_memory

# rdflib 7.6's own quad serialisers and JSON-LD parser call its deprecated Dataset API; these
# messages come from inside rdflib, never from tipgraph, so they are not errors here.
pytestmark = pytest.mark.filterwarnings(
    r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated:DeprecationWarning")

HEAVY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
         "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u }")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
NARRATIVES = "PREFIX tip: <https://w3id.org/tipgraph/ontology#> " \
             "SELECT ?n WHERE { ?n a tip:CountryNarrative } ORDER BY ?n"
SENTENCE = "Traffickers exploit Nigerian women in Italy & <b>bars</b>."


# ---------------------------------------------------------------------- data


def report_graph(year: int) -> Graph:
    """Two narratives (Jamaica, Namibia) with a sentence-backed flow, law and figure each."""
    graph = new_graph()
    mapper = GraphMapper(load_gazetteer(), BuildInfo(version="0.1.0", fingerprint=f"t{year}"),
                         graph)
    facts = []
    for iso3, heading, tier in (("JAM", "JAMAICA", "2"), ("NAM", "NAMIBIA", "2WL")):
        first = f"{heading.title()} is a source and destination country."
        s1 = Sentence(0, 0, len(first), first, first, "profile")
        s2 = Sentence(1, 60, 60 + len(SENTENCE), SENTENCE, SENTENCE, "profile", 1)
        section = Section("profile", "TRAFFICKING PROFILE", 0, 200, sentences=[s1, s2])
        narrative = Narrative(heading, iso3, tier, False, 0, 200, [section])
        facts.append(NarrativeFacts(
            narrative, roles={"source", "destination"},
            flows=[Flow(Place("country", "NGA"), Place("country", "ITA"), forms={"sex"},
                        victims={"women"}, sentences=[s2])],
            laws=[Law("Trafficking in Persons Act", 2007, jurisdiction=iso3, sentences=[s1])],
            figures=[Figure("investigations", 12, "cases", period=year - 1,
                            sentences=[s1])]))
    report = Report(f"tip-{year}.txt", "0" * 64, year, False, "",
                    [f.narrative for f in facts])
    mapper.add_report(report, facts)
    return graph


def write_dataset(path: Path, years: tuple[int, ...]) -> Graph:
    """Write the ontology and the reports of ``years`` as one file; return the union."""
    ontology = ontology_graph()
    reports = {year: report_graph(year) for year in years}
    union = new_graph()
    for graph in (ontology, *reports.values()):
        for triple in graph:
            union.add(triple)
    add_dataset_description(union, reports)
    write_graph(path, union, ontology=ontology, reports=reports)
    return union


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    write_dataset(folder / "two.nq", (2016, 2017))
    write_dataset(folder / "one.ttl", (2017,))
    write_dataset(folder / "two.ttl", (2016, 2017))
    return folder


@pytest.fixture(scope="module")
def server(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    prepared = prepare_store([data_dir / "two.nq"], tmp_path_factory.mktemp("store"))
    limits = Limits(timeout=2.0, max_result_bytes=50_000, max_query_length=4096, workers=2)
    with Server(prepared.path, port=0, limits=limits) as running:
        yield running


# ---------------------------------------------------------------------- HTTP helpers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, *, accept: str | None = None, data: bytes | None = None,
          content_type: str | None = None, method: str | None = None
          ) -> tuple[int, dict[str, str], bytes]:
    """One request; (status, headers, body), errors included, redirects not followed."""
    headers = {}
    if accept:
        headers["Accept"] = accept
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with _OPENER.open(request, timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def sparql(server: Server, query: str, **params: str) -> str:
    return f"{server.url}/sparql?" + urlencode({"query": query, **params})


def bindings(body: bytes) -> list[dict[str, str]]:
    answer = json.loads(body)
    return [{k: v["value"] for k, v in row.items()} for row in answer["results"]["bindings"]]


# ---------------------------------------------------------------------- protocol


def check_json(body: bytes) -> int:
    return len(bindings(body))


def check_xml(body: bytes) -> int:
    ns = "{http://www.w3.org/2005/sparql-results#}"
    return len(ET.fromstring(body).findall(f"{ns}results/{ns}result"))


def check_csv(body: bytes) -> int:
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["n"]
    return len(rows) - 1


def check_tsv(body: bytes) -> int:
    lines = body.decode().splitlines()
    assert lines[0] == "?n"
    assert all(line.startswith("<") for line in lines[1:])  # TSV terms are N-Triples
    return len(lines) - 1


RESULT_FORMATS = [
    (media.SPARQL_JSON, "json", check_json),
    (media.SPARQL_XML, "xml", check_xml),
    (media.CSV, "csv", check_csv),
    (media.TSV, "tsv", check_tsv),
]


@pytest.mark.parametrize(("accept", "fmt", "check"), RESULT_FORMATS,
                         ids=[r[1] for r in RESULT_FORMATS])
def test_select_in_every_result_format_by_accept_and_by_format(server: Server, accept: str,
                                                                fmt: str, check: object) -> None:
    for url, header in ((sparql(server, NARRATIVES), accept),
                        (sparql(server, NARRATIVES, format=fmt), "text/turtle")):
        status, headers, body = fetch(url, accept=header)
        assert status == 200, body
        assert headers["Content-Type"].split(";")[0] == accept
        assert check(body) == 4  # type: ignore[operator]


def test_get_post_form_and_post_direct_give_the_same_answer(server: Server) -> None:
    got = fetch(sparql(server, NARRATIVES), accept=media.SPARQL_JSON)[2]
    form = fetch(f"{server.url}/sparql", data=urlencode({"query": NARRATIVES}).encode(),
                 content_type="application/x-www-form-urlencoded",
                 accept=media.SPARQL_JSON)[2]
    direct = fetch(f"{server.url}/sparql", data=NARRATIVES.encode(),
                   content_type="application/sparql-query", accept=media.SPARQL_JSON)[2]
    assert bindings(got) == bindings(form) == bindings(direct)
    assert len(bindings(got)) == 4


def test_no_accept_header_gives_json_for_select_and_turtle_for_construct(server: Server
                                                                         ) -> None:
    _, headers, _ = fetch(sparql(server, NARRATIVES))
    assert headers["Content-Type"].startswith(media.SPARQL_JSON)
    _, headers, _ = fetch(sparql(server, "CONSTRUCT WHERE { ?s a ?o } LIMIT 3"))
    assert headers["Content-Type"].startswith(media.TURTLE)


def test_ask(server: Server) -> None:
    status, _, body = fetch(sparql(server, "ASK { ?s a ?o }"), accept=media.SPARQL_JSON)
    assert status == 200 and json.loads(body)["boolean"] is True


GRAPH_FORMATS = [(media.TURTLE, "turtle"), (media.N_TRIPLES, "nt"), (media.JSON_LD, "json-ld"),
                 (media.RDF_XML, "xml")]


@pytest.mark.parametrize("form", ["CONSTRUCT", "DESCRIBE"])
def test_construct_and_describe_in_every_graph_format_parse_to_the_same_graph(
        server: Server, form: str) -> None:
    iri = f"{ID_BASE}narrative/2017/JAM"
    query = (f"DESCRIBE <{iri}>" if form == "DESCRIBE"
             else f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}")
    graphs = []
    for accept, rdflib_format in GRAPH_FORMATS:
        status, headers, body = fetch(sparql(server, query), accept=accept)
        assert status == 200, body
        assert headers["Content-Type"].split(";")[0] == accept
        graph = Graph().parse(data=body, format=rdflib_format)
        assert (URIRef(iri), RDF.type, TIP.CountryNarrative) in graph
        graphs.append(graph)
    assert len({len(g) for g in graphs}) == 1


def test_a_graph_cannot_be_sent_as_csv_406(server: Server) -> None:
    status, _, body = fetch(sparql(server, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"),
                            accept=media.CSV)
    assert status == 406 and body.startswith(b"E547")


@pytest.mark.parametrize(("query", "status", "code"), [
    ("SELECT * WHERE { ?s ?p ", 400, b"E540"),
    ("", 400, b"E540"),
    ("SELECT * WHERE { ?s ?p ?o } " + "#" * 5000, 413, b"E543"),
])
def test_malformed_or_too_long_queries(server: Server, query: str, status: int,
                                       code: bytes) -> None:
    got, _, body = fetch(f"{server.url}/sparql", data=query.encode(),
                         content_type="application/sparql-query")
    assert got == status and body.startswith(code), body
    assert len(body.decode().strip().splitlines()) == 1


def test_default_and_named_graph_parameters_choose_the_dataset(server: Server) -> None:
    one_year = sparql(server, NARRATIVES) + "&" + urlencode(
        {"default-graph-uri": str(graph_iri(2016))})
    rows = bindings(fetch(one_year, accept=media.SPARQL_JSON)[2])
    assert [r["n"] for r in rows] == [f"{ID_BASE}narrative/2016/JAM",
                                      f"{ID_BASE}narrative/2016/NAM"]
    named = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    url = sparql(server, named) + "&" + urlencode({"named-graph-uri": str(graph_iri(2017))})
    assert [r["g"] for r in bindings(fetch(url)[2])] == [str(graph_iri(2017))]


def test_a_triple_two_report_graphs_share_is_answered_once(server: Server) -> None:
    """Both reports name Jamaica; its label is one row, not one per report graph."""
    country = "https://w3id.org/tipgraph/id/country/JAM"
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    query = f"SELECT ?label WHERE {{ <{country}> <{label}> ?label }}"
    status, _, body = fetch(sparql(server, query), accept="application/sparql-results+json")
    assert status == 200
    assert len(bindings(body)) == 1


def test_the_materialised_union_is_not_one_of_the_named_graphs(server: Server) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    status, _, body = fetch(sparql(server, query), accept="application/sparql-results+json")
    assert status == 200
    graphs = {row["g"] for row in bindings(body)}
    assert "https://w3id.org/tipgraph/id/graph/2016" in graphs
    assert not any(g.endswith("/graph/union") for g in graphs)


def test_service_description_and_query_form_without_a_query(server: Server) -> None:
    status, _, body = fetch(f"{server.url}/sparql", accept="text/turtle")
    assert status == 200
    graph = Graph().parse(data=body, format="turtle")
    endpoint = URIRef(f"{server.url}/sparql")
    assert (endpoint, RDF.type, URIRef("http://www.w3.org/ns/sparql-service-description#Service")
            ) in graph
    status, headers, body = fetch(f"{server.url}/sparql", accept=BROWSER)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'<form action="/sparql"' in body


def test_html_results_for_a_browser(server: Server) -> None:
    status, headers, body = fetch(sparql(server, NARRATIVES), accept=BROWSER)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"4 rows" in body and b'href="/id/narrative/2016/JAM"' in body


def test_head_has_the_headers_and_no_body(server: Server) -> None:
    status, headers, body = fetch(sparql(server, NARRATIVES), method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0


def test_cors_allows_any_origin(server: Server) -> None:
    _, headers, _ = fetch(sparql(server, "ASK {}"))
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = fetch(f"{server.url}/sparql", method="OPTIONS")
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]


# ---------------------------------------------------------------------- refusals


def count_triples(server: Server) -> int:
    body = fetch(sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))[2]
    return int(bindings(body)[0]["n"])


UPDATE = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }"


@pytest.mark.parametrize("how", ["direct", "form", "get", "as-query", "load", "drop"])
def test_updates_are_refused_with_403_and_change_nothing(server: Server, how: str) -> None:
    before = count_triples(server)
    url = f"{server.url}/sparql"
    if how == "direct":
        answer = fetch(url, data=UPDATE.encode(), content_type="application/sparql-update")
    elif how == "form":
        answer = fetch(url, data=urlencode({"update": UPDATE}).encode(),
                       content_type="application/x-www-form-urlencoded")
    elif how == "get":
        answer = fetch(f"{url}?" + urlencode({"update": UPDATE}))
    elif how == "as-query":
        answer = fetch(sparql(server, UPDATE))
    elif how == "load":
        answer = fetch(sparql(server, "LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <urn:x:g>"))
    else:
        answer = fetch(url, data=b"DROP ALL", content_type="application/sparql-query")
    status, _, body = answer
    assert status == 403 and body.startswith(b"E541"), body
    assert count_triples(server) == before


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_graph_store_writes_are_not_allowed(server: Server, method: str) -> None:
    status, headers, _ = fetch(f"{server.url}/sparql?graph=urn:x:g", data=b"<a:b> <a:c> <a:d> .",
                               method=method, content_type="application/n-triples")
    assert status == 405 and "GET" in headers["Allow"]


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A loopback 'remote endpoint' that records every request it gets."""

    hits: ClassVar[list[str]] = []

    def _answer(self) -> None:
        type(self).hits.append(f"{self.command} {self.path}")
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _answer  # noqa: N815 - http.server's naming

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def recorder(loopback: Callable[[type[_Recorder]], str]) -> tuple[str, list[str]]:
    _Recorder.hits = []
    return loopback(_Recorder) + "/sparql", _Recorder.hits


def service_queries(remote: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x a ?y OPTIONAL {{ SERVICE SILENT <{remote}> {{ ?s ?p ?o }} }} }}",
        f"ASK {{ FILTER EXISTS {{ service <{remote}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ BIND(<{remote}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        # rdflib reads one string here; Oxigraph reads a string, then a SERVICE clause
        f'SELECT * WHERE {{ BIND("\\u005C" AS ?x) SERVICE <{remote}> {{ ?a ?b ?c }} }} '
        '#" AS ?y) }',
        # Oxigraph matches keywords with no boundary after them; each of these calls out
        f"PREFIX : <{remote}> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{remote}> SELECT * WHERE {{ SERVICEx:y {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICESILENT<{remote}> {{ ?s ?p ?o }} }}",
    ]


def test_service_is_refused_and_no_request_leaves_the_server(
        server: Server, recorder: tuple[str, list[str]]) -> None:
    remote, hits = recorder
    for query in service_queries(remote):
        status, _, body = fetch(sparql(server, query))
        assert status == 403 and body.startswith(b"E542"), (query, body)
    assert hits == []


def test_without_the_guard_pyoxigraph_would_call_out(recorder: tuple[str, list[str]]) -> None:
    """Why the guard exists: the queries that slip past one of its readers reach the remote
    when run raw (the differential one and the three keyword-boundary ones)."""
    remote, hits = recorder
    for query in service_queries(remote)[4:]:
        before = len(hits)
        with contextlib.suppress(OSError):
            list(ox.Store().query(query))
        assert len(hits) > before, query
    assert all(hit.startswith("POST") for hit in hits)


@pytest.mark.parametrize(("query", "code"), [
    ("SELECT * WHERE { ?s ?p ?o }", None),
    ("PREFIX ex: <http://ex/> SELECT ?SERVICE WHERE { ?SERVICE ex:SERVICE 'SERVICE' } "
     "# SERVICE <x:y>", None),
    ('SELECT ?t WHERE { ?s ?p ?t FILTER(CONTAINS(?t, "domestic service")) }', None),
    ("CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 1 } }", None),
    ("LOAD <http://127.0.0.1:9/x>", "E541"),
    ("CLEAR ALL", "E541"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { } }", "E542"),
    ("PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE:x { } }", "E542"),
    ("SELECT * WHERE { SERVICESILENT<http://127.0.0.1:9/> { } }", "E542"),
    ("SELECT * WHERE { ?s a <http://schema.org/Service> , schema:Service }", None),
    ("PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s a schema:Service }", None),
    ("SELEC * WHERE {}", "E540"),
])
def test_guard(query: str, code: str | None) -> None:
    if code is None:
        assert check_query(query).form in ("SELECT", "CONSTRUCT")
    else:
        with pytest.raises(RefusedQueryError) as caught:
            check_query(query)
        assert caught.value.code == code


@pytest.mark.parametrize(("text", "found"), [
    ("SELECT * { SERVICE <x:y> {} }", True),
    ("SELECT * { ?s ?p 'SERVICE <x:y> {}' }", False),
    ('SELECT * { ?s ?p """multi\nline SERVICE""" }', False),
    ("SELECT * { ?s ?p ?o } # SERVICE <x:y>", False),
    ("SELECT * { <http://x/SERVICE> ?p ?o }", False),
    (r"SELECT * { \u0053ERVICE <x:y> {} }", True),
    ("SELECT * { ?s ex:SERVICE ?o . ?SERVICE ?p $SERVICE . ?s ?p ex:myService }", False),
    ("SELECT * { SERVICE:x {} }", True),
    ("SELECT * { SERVICEx:y {} }", True),
    ("SELECT * { ?s ?p ?o .SERVICE <x:y> {} }", True),
])
def test_service_keyword_tokenizer(text: str, found: bool) -> None:
    assert has_service_keyword(text) is found


# ---------------------------------------------------------------------- limits


def test_result_size_limit_gives_a_clear_error(server: Server) -> None:
    status, _, body = fetch(sparql(server, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert status == 422 and body.startswith(b"E545") and b"50000 bytes" in body


def test_a_slow_query_is_stopped_and_does_not_block_the_others(server: Server) -> None:
    slow: dict[str, tuple[int, dict[str, str], bytes]] = {}
    thread = threading.Thread(target=lambda: slow.update(answer=fetch(sparql(server, HEAVY))))
    thread.start()
    try:
        for _ in range(200):  # bounded: wait until the slow query holds a worker
            if server.pool.idle < server.limits.workers:
                break
            threading.Event().wait(0.01)
        status, _, body = fetch(sparql(server, "ASK { ?s a ?o }"))
        assert status == 200 and json.loads(body)["boolean"] is True
        assert thread.is_alive(), "the fast query was answered while the slow one ran"
    finally:
        thread.join(timeout=30)
    status, _, body = slow["answer"]
    assert status == 503 and body.startswith(b"E544"), body
    # the killed worker is replaced and the server answers correctly afterwards
    for _ in range(3):
        assert len(bindings(fetch(sparql(server, NARRATIVES))[2])) == 4


def test_memory_workers_answer_as_the_store_does_and_survive_a_kill(
        server: Server, data_dir: Path, tmp_path: Path) -> None:
    """``tipgraph serve --memory``: default-graph queries are answered from the union copied
    into memory, the others from the store; the answers are the same, and a worker that
    replaces a killed one copies the union again."""
    prepared = prepare_store([data_dir / "two.nq"], tmp_path / "store")
    queries = [NARRATIVES,
               "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
               "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
               "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/tipgraph/ontology> "
               "WHERE { ?s ?p ?o }"]
    with Server(prepared.path, port=0, limits=Limits(timeout=2.0, workers=1,
                                                     memory=True)) as copied:
        assert copied.pool.memory
        for query in queries:
            assert bindings(fetch(sparql(copied, query))[2]) == \
                bindings(fetch(sparql(server, query))[2]), query
        status, _, body = fetch(sparql(copied, HEAVY))
        assert status == 503 and body.startswith(b"E544"), body
        for query in queries:
            assert bindings(fetch(sparql(copied, query))[2]) == \
                bindings(fetch(sparql(server, query))[2]), query


def test_the_union_in_memory_answers_only_default_graph_queries(tmp_path: Path,
                                                                data_dir: Path) -> None:
    """A marker only the in-memory copy holds shows which store answered."""
    prepared = prepare_store([data_dir / "two.nq"], tmp_path / "store")
    store = open_store(str(prepared.path))
    copy = union_in_memory(store)
    assert copy is not None and len(copy) == sum(
        1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(UNION_GRAPH)))
    copy.add(ox.Quad(ox.NamedNode("urn:x:marker"), ox.NamedNode(str(RDF.type)),
                     ox.NamedNode("urn:x:Marker")))
    marker = "ASK { <urn:x:marker> ?p ?o }"

    def ask(text: str, **extra: object) -> bool:
        request = QueryRequest(text=text, fmt="json", **extra)  # type: ignore[arg-type]
        answer = execute(store, request, None, copy)
        assert answer.ok, answer
        return bool(json.loads(answer.body)["boolean"])

    assert ask(marker), "a default-graph query is answered from memory"
    # the copy has no named graphs: these are true only when the store answers them
    assert ask("ASK { GRAPH ?g { ?s ?p ?o } }")
    assert ask(f"ASK FROM <{graph_iri(2017)}> {{ ?s ?p ?o }}")
    assert not ask(marker, default_graphs=(UNION_GRAPH,))
    assert not ask(marker, trusted=True), "the server's own queries go to the store"
    assert union_in_memory(ox.Store()) is None, "no union graph, no copy"


def test_a_full_pool_answers_busy_instead_of_hanging(data_dir: Path, tmp_path: Path) -> None:
    prepared = prepare_store([data_dir / "one.ttl"], tmp_path / "store")
    limits = Limits(timeout=2.0, workers=1, queue_timeout=0.2)
    with Server(prepared.path, port=0, limits=limits) as busy:
        thread = threading.Thread(target=lambda: fetch(sparql(busy, HEAVY)))
        thread.start()
        try:
            for _ in range(200):
                if busy.pool.idle == 0:
                    break
                threading.Event().wait(0.01)
            status, headers, body = fetch(sparql(busy, "ASK {}"))
            assert status == 503 and body.startswith(b"E546")
            assert headers["Retry-After"] == "1"
        finally:
            thread.join(timeout=30)


# ---------------------------------------------------------------------- linked data


@pytest.mark.parametrize(("accept", "location"), [
    (BROWSER, "/page/narrative/2017/JAM"),
    ("text/turtle", "/data/narrative/2017/JAM.ttl"),
    ("application/n-triples", "/data/narrative/2017/JAM.nt"),
    ("application/ld+json", "/data/narrative/2017/JAM.jsonld"),
    ("*/*", "/data/narrative/2017/JAM.ttl"),
])
def test_resource_iris_answer_303_by_negotiation(server: Server, accept: str,
                                                 location: str) -> None:
    status, headers, _ = fetch(f"{server.url}/id/narrative/2017/JAM", accept=accept)
    assert status == 303
    assert headers["Location"] == location and headers["Vary"] == "Accept"


@pytest.mark.parametrize(("ext", "rdflib_format"), [("ttl", "turtle"), ("nt", "nt"),
                                                     ("jsonld", "json-ld")])
def test_resource_documents(server: Server, ext: str, rdflib_format: str) -> None:
    status, _, body = fetch(f"{server.url}/data/narrative/2017/JAM.{ext}")
    assert status == 200
    graph = Graph().parse(data=body, format=rdflib_format)
    narrative = URIRef(f"{ID_BASE}narrative/2017/JAM")
    assert (narrative, RDF.type, TIP.CountryNarrative) in graph
    assert (narrative, TIP.country, URIRef(f"{ID_BASE}country/JAM")) in graph
    # links to the resource are part of its document
    assert any(graph.subjects(TIP.inNarrative, narrative))


def test_a_negotiated_document_says_where_it_is(server: Server) -> None:
    status, headers, _ = fetch(f"{server.url}/data/country/JAM", accept="application/ld+json")
    assert status == 200 and headers["Content-Location"] == "/data/country/JAM.jsonld"


def test_resource_page_shows_labels_links_and_escaped_source_sentences(server: Server) -> None:
    status, headers, body = fetch(f"{server.url}/page/narrative/2017/JAM/flow/NGA/ITA")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    assert "NGA -&gt; ITA (JAM 2017)" in page
    assert 'href="/id/country/NGA"' in page and ">Nigeria<" in page
    assert "Stated in" in page and "&lt;b&gt;bars&lt;/b&gt;" in page and "<b>bars" not in page
    assert 'href="/data/narrative/2017/JAM/flow/NGA/ITA.ttl"' in page


@pytest.mark.parametrize("path", ["/id/narrative/2017/ATL", "/page/narrative/2017/ATL",
                                  "/data/narrative/2017/ATL.ttl", "/id/" + quote("a b>"),
                                  "/id/", "/nothing-here"])
def test_unknown_iris_are_404(server: Server, path: str) -> None:
    status, _, body = fetch(server.url + path)
    assert status == 404 and body.startswith(b"E550")


def test_ontology_is_served_at_its_namespace(server: Server) -> None:
    status, headers, body = fetch(f"{server.url}/ontology", accept="text/turtle")
    assert status == 200 and headers["Vary"] == "Accept"
    assert len(Graph().parse(data=body, format="turtle")) == len(ontology_graph())
    status, _, body = fetch(f"{server.url}/ontology", accept="application/ld+json")
    assert len(Graph().parse(data=body, format="json-ld")) == len(ontology_graph())
    status, _, body = fetch(f"{server.url}/ontology", accept=BROWSER)
    assert b'id="CountryNarrative"' in body and b'id="Tier2WatchList"' in body


def test_shapes_are_served(server: Server) -> None:
    try:
        from tipgraph.shapes import shapes_files
        shipped = bool(shapes_files())
    except ImportError:
        shipped = False
    status, _, body = fetch(f"{server.url}/shapes", accept="text/turtle")
    if not shipped:
        assert status == 404
        return
    assert status == 200
    assert any(Graph().parse(data=body, format="turtle").subjects(RDF.type, SH.NodeShape))


def test_void_describes_the_dataset(server: Server, data_dir: Path) -> None:
    status, _, body = fetch(f"{server.url}/.well-known/void", accept="text/turtle")
    assert status == 200
    graph = Graph().parse(data=body, format="turtle")
    dataset = URIRef(str(DATASET_IRI))
    loaded = read_graph_file(data_dir / "two.nq")
    assert graph.value(dataset, VOID.triples) == Literal(sum(map(len, loaded.values())))
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{server.url}/sparql")
    assert graph.value(dataset, DCTERMS.license) is not None
    assert set(graph.objects(dataset, DCTERMS.source)) == {
        URIRef(f"{ID_BASE}report/2016"), URIRef(f"{ID_BASE}report/2017")}
    assert len(set(graph.objects(dataset, PROV.wasGeneratedBy))) == 2
    partitions = {graph.value(p, VOID["class"]): graph.value(p, VOID.entities)
                  for p in graph.objects(dataset, VOID.classPartition)}
    assert partitions[TIP.CountryNarrative] == Literal(4)
    subsets = set(graph.objects(dataset, VOID.subset))
    assert {graph_iri(2016), graph_iri(2017), ONTOLOGY_IRI} <= subsets


def test_home_page_and_every_example_query(server: Server) -> None:
    status, _, body = fetch(f"{server.url}/", accept=BROWSER)
    page = body.decode()
    assert status == 200 and "country narratives" in page and "<textarea" in page
    assert len(examples()) >= 5
    for example in examples():
        assert f"/sparql?{urlencode({'query': example.text})}".replace("&", "&amp;") in page
        status, _, answer = fetch(sparql(server, example.text))
        assert status == 200, (example.name, answer)


# ---------------------------------------------------------------------- store and CLI


def test_graph_files_split_into_one_named_graph_per_report(data_dir: Path) -> None:
    graphs = read_graph_file(data_dir / "one.ttl")
    assert set(graphs) == {str(graph_iri(2017)), str(ONTOLOGY_IRI), None}
    assert len(graphs[str(ONTOLOGY_IRI)]) == len(ontology_graph())
    trig = read_graph_file(data_dir / "two.nq")
    assert {str(graph_iri(2016)), str(graph_iri(2017))} <= set(trig)
    renamed = read_graph_file(data_dir / "one.ttl", graph="urn:x:mine")
    assert "urn:x:mine" in renamed and str(graph_iri(2017)) not in renamed


@pytest.mark.parametrize(("name", "content", "code"), [
    ("two.ttl", None, "E120"),
    ("bad.ttl", "<a:b> <a:c> .", "E112"),
    ("x.csv", "a,b", "E111"),
    ("missing.ttl", "", "E101"),
])
def test_bad_graph_files(data_dir: Path, tmp_path: Path, name: str, content: str | None,
                         code: str) -> None:
    path = data_dir / name if content is None else tmp_path / name
    if content:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_graph_file(path)
    assert caught.value.code == code


def test_a_restart_reuses_the_store_on_disk(data_dir: Path, tmp_path: Path) -> None:
    first = prepare_store([data_dir / "two.nq"], tmp_path / "store")
    again = prepare_store([], tmp_path / "store")
    assert not first.reused and again.reused
    assert again.counts == first.counts and sum(again.counts.values()) > 0
    with Server(again.path, port=0, limits=Limits(workers=1)) as restarted:
        assert len(bindings(fetch(sparql(restarted, NARRATIVES))[2])) == 4


def test_cli_serve_bad_input_and_busy_port_exit_2(data_dir: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "missing.ttl")]) == 2
    assert "E101" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", str(data_dir / "one.ttl"), "--port", str(port), "--workers", "1",
                     "-q"])
    err = capsys.readouterr().err
    assert code == 2 and "E630" in err and "Traceback" not in err
    with store_lock(tmp_path / "store"):  # another server has this store
        assert main(["serve", "--store", str(tmp_path / "store"), "--port", "0"]) == 2
    assert "E632" in capsys.readouterr().err


def test_serve_with_no_graph_serves_the_built_in_sample(sample_build: BuildResult,
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """``tipgraph serve`` with no GRAPH builds the sample (the session's build is reused)."""
    import tipgraph.pipeline.build as build

    monkeypatch.setattr(build, "build_graph", lambda paths, **_kw: sample_build)
    prepared = prepare_store([], tmp_path / "store")
    assert not prepared.reused
    assert set(prepared.counts) >= {str(graph_iri(2017)), str(ONTOLOGY_IRI)}
    assert sum(prepared.counts.values()) == len(sample_build.union)
    with Server(prepared.path, port=0, limits=Limits(workers=1)) as sample:
        narratives = bindings(fetch(sparql(sample, NARRATIVES))[2])
        assert len(narratives) == sample_build.narratives
        status, _, body = fetch(f"{sample.url}/page/narrative/2017/JAM")
        assert status == 200 and b"Jamaica" in body
        facts = bindings(fetch(sparql(
            sample, "SELECT ?f WHERE { ?f <http://www.w3.org/ns/prov#wasDerivedFrom> ?s } "
                    "LIMIT 1"))[2])
        if facts:  # a fact's page quotes the sentence it was read from
            path = facts[0]["f"][len(ID_BASE):]
            page = fetch(f"{sample.url}/page/{path}")[2]
            assert b"Stated in" in page and b"<blockquote>" in page
