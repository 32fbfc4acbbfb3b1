"""``tipgraph publish``: into a real Oxigraph server on loopback, and against stub servers for
the failure modes (unreachable, refusing, flaky, no update endpoint)."""

from __future__ import annotations

import csv
import http.server
import io
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlencode, urlsplit

import pyoxigraph as ox
import pytest

from tipgraph.cli.main import main
from tipgraph.core.errors import InputError, OutputError
from tipgraph.serve.publish import chunks, default_update_endpoint, graph_store_url, publish
from tipgraph.serve.store import prepare_store

ID = "https://w3id.org/tipgraph/id/"
ONTOLOGY = "https://w3id.org/tipgraph/ontology"


def report_trig(year: int, narratives: int, tag: str = "") -> str:
    """A small TriG: ontology triple, a report graph with ``narratives`` narratives, and the
    dataset description in the default graph (as ``tipgraph build -o x.trig`` lays it out)."""
    lines = [
        "@prefix tip: <https://w3id.org/tipgraph/ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        f"<{ID}dataset> <http://purl.org/dc/terms/source> <{ID}report/{year}> .",
        f"<{ONTOLOGY}> {{ tip:CountryNarrative a <http://www.w3.org/2002/07/owl#Class> . }}",
        f"<{ID}graph/{year}> {{",
        f"  <{ID}report/{year}> a tip:Report ; tip:reportYear {year} .",
    ]
    for index in range(narratives):
        lines.append(f'  <{ID}narrative/{year}/C{index:02d}> a tip:CountryNarrative ; '
                     f'rdfs:label "Country {index}{tag} ({year})" ; '
                     f"tip:report <{ID}report/{year}> .")
    lines.append("}")
    return "\n".join(lines) + "\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def oxigraph_binary() -> str | None:
    beside = shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    return beside or shutil.which("oxigraph")


def start_oxigraph(args: list[str]) -> tuple[subprocess.Popen[bytes], str]:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install '.[test]')")
    port = free_port()
    process = subprocess.Popen([binary, *args, "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):  # bounded: at most ~10 s
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                return process, url
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None:
                raise RuntimeError(f"oxigraph exited with {process.returncode}") from None
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("oxigraph did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """A fresh read-write Oxigraph server on a free loopback port."""
    process, url = start_oxigraph(["serve", "--location", str(tmp_path / "oxigraph")])
    try:
        yield url
    finally:
        stop(process)


def graph_sizes(url: str) -> dict[str, int]:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    request = urllib.request.Request(f"{url}/query?" + urlencode({"query": query}),
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        rows = list(csv.reader(io.StringIO(answer.read().decode())))
    return {g: int(n) for g, n in rows[1:]}


def labels(url: str, year: int) -> set[str]:
    query = (f"SELECT ?l WHERE {{ GRAPH <{ID}graph/{year}> {{ ?n "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
    request = urllib.request.Request(f"{url}/query?" + urlencode({"query": query}),
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return {row[0] for row in list(csv.reader(io.StringIO(answer.read().decode())))[1:]}


# ---------------------------------------------------------------------- a real store


def test_publish_into_oxigraph_and_query_it_back(oxigraph: str, tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    path.write_text(report_trig(2016, 3) + report_trig(2017, 5), encoding="utf-8")
    result = publish(path, oxigraph, chunk_size=4)
    sizes = graph_sizes(oxigraph)
    assert sizes == {f"{ID}graph/2016": 3 * 3 + 2, f"{ID}graph/2017": 5 * 3 + 2, ONTOLOGY: 1}
    assert result.graphs[f"{ID}graph/2017"] == 17 and result.atomic
    assert result.requests >= 17 // 4 + 11 // 4  # chunked
    assert labels(oxigraph, 2017) == {f"Country {i} (2017)" for i in range(5)}


def test_an_existing_graph_is_not_touched_without_replace(oxigraph: str, tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    path.write_text(report_trig(2017, 2), encoding="utf-8")
    publish(path, oxigraph)
    path.write_text(report_trig(2017, 4, tag="b"), encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        publish(path, oxigraph)
    assert caught.value.code == "E623" and "--replace" in caught.value.message
    assert labels(oxigraph, 2017) == {"Country 0 (2017)", "Country 1 (2017)"}


def test_replace_swaps_the_graph_atomically_and_leaves_no_staging(oxigraph: str,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    path.write_text(report_trig(2017, 6), encoding="utf-8")
    publish(path, oxigraph)
    path.write_text(report_trig(2017, 2, tag="b"), encoding="utf-8")
    result = publish(path, oxigraph, replace=True, chunk_size=3)
    assert result.atomic and not result.warnings
    assert labels(oxigraph, 2017) == {"Country 0b (2017)", "Country 1b (2017)"}
    assert set(graph_sizes(oxigraph)) == {f"{ID}graph/2017", ONTOLOGY}  # no urn:uuid left


def test_cli_publish_a_turtle_file_into_a_named_graph(oxigraph: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.ttl"
    path.write_text(f'<{ID}narrative/2017/JAM> <http://www.w3.org/2000/01/rdf-schema#label> '
                    '"Jamaica (2017)" .\n', encoding="utf-8")
    assert main(["publish", str(path), "--endpoint", f"{oxigraph}/store"]) == 0
    assert f"{ID}graph/2017" in graph_sizes(oxigraph)
    assert main(["publish", str(path), "--endpoint", f"{oxigraph}/store", "--graph-iri",
                 "urn:x:mine", "-q"]) == 0
    assert graph_sizes(oxigraph)["urn:x:mine"] == 1
    assert "published 1 triples in 1 graphs" in capsys.readouterr().err


def test_the_embedded_store_is_served_by_oxigraph_read_only(tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    path.write_text(report_trig(2017, 3), encoding="utf-8")
    prepared = prepare_store([path], tmp_path / "store")
    process, url = start_oxigraph(["serve-read-only", "--location", str(prepared.path)])
    try:
        assert graph_sizes(url)[f"{ID}graph/2017"] == 11
    finally:
        stop(process)


# ---------------------------------------------------------------------- failures


def test_unreachable_store_is_one_clear_error(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "graph.trig"
    path.write_text(report_trig(2017, 1), encoding="utf-8")
    port = free_port()  # nothing listens there
    with pytest.raises(OutputError) as caught:
        publish(path, f"http://127.0.0.1:{port}/store", retries=2, sleep=lambda _s: None)
    assert caught.value.code == "E621" and "3 attempts" in caught.value.message
    assert main(["publish", str(path), "--endpoint", f"http://127.0.0.1:{port}/store",
                 "--retries", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "E621" in err[0]


class _Stub(http.server.BaseHTTPRequestHandler):
    """A scriptable store: answers from ``script`` (status per method), records requests."""

    script: ClassVar[dict[str, list[int]]] = {}
    default: ClassVar[dict[str, int]] = {}
    seen: ClassVar[list[tuple[str, str, bytes]]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        type(self).seen.append((self.command, self.path, body))
        queue = type(self).script.get(self.command, [])
        status = queue.pop(0) if queue else type(self).default.get(self.command, 204)
        payload = b"" if self.command == "HEAD" else b"refused by the stub\n"
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _answer  # noqa: N815 - http.server

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def stub(loopback: Callable[[type[_Stub]], str]) -> str:
    _Stub.script, _Stub.default, _Stub.seen = {}, {"HEAD": 404}, []
    return loopback(_Stub) + "/store"


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    path = tmp_path / "graph.trig"
    path.write_text(report_trig(2017, 4), encoding="utf-8")
    return path


@pytest.mark.parametrize(("status", "hint"), [(403, "refuses writes"), (401, "credentials"),
                                              (404, "no Graph Store"), (415, "N-Triples")])
def test_a_refusing_store_is_one_clear_error(stub: str, small: Path, status: int,
                                             hint: str) -> None:
    _Stub.default["POST"] = status
    with pytest.raises(OutputError) as caught:
        publish(small, stub, sleep=lambda _s: None)
    assert caught.value.code == "E622" and f"HTTP {status}" in caught.value.message
    assert hint in caught.value.message and "\n" not in caught.value.message


def test_server_errors_are_retried_with_backoff(stub: str, small: Path) -> None:
    _Stub.script["POST"] = [503, 500]
    waits: list[float] = []
    result = publish(small, stub, backoff=0.5, sleep=waits.append)
    assert waits == [0.5, 1.0]
    posts = [path for method, path, _ in _Stub.seen if method == "POST"]
    # two failed tries of the update probe, the probe, ontology and report staged, the move,
    # the default graph
    assert len(posts) == 2 + 5
    assert result.requests == len(_Stub.seen)


def test_a_new_graph_half_sent_is_removed(stub: str, small: Path) -> None:
    _Stub.script["POST"] = [404, 204, 400]  # no update endpoint: the graph is sent unstaged
    with pytest.raises(OutputError):
        publish(small, stub, chunk_size=5, sleep=lambda _s: None)
    assert any(method == "DELETE" for method, _, _ in _Stub.seen)


def test_replace_without_an_update_endpoint_warns_it_is_not_atomic(stub: str, small: Path
                                                                   ) -> None:
    _Stub.default["HEAD"] = 200  # the graphs exist
    _Stub.script["POST"] = [404]  # the update probe: no /update here
    result = publish(small, stub, replace=True, chunk_size=5, sleep=lambda _s: None)
    assert not result.atomic and len(result.warnings) == 1
    report_requests = [(m, p) for m, p, _ in _Stub.seen if "graph%2F2017" in p and m != "HEAD"]
    assert report_requests[0][0] == "PUT" and {m for m, _ in report_requests[1:]} == {"POST"}


def test_the_update_probe_and_swap_go_to_the_update_endpoint(stub: str, small: Path) -> None:
    _Stub.default["HEAD"] = 200
    publish(small, stub, replace=True, sleep=lambda _s: None)
    updates = [body.decode() for method, path, body in _Stub.seen
               if method == "POST" and urlsplit(path).path == "/update"]
    assert updates[0].startswith("DROP SILENT GRAPH <urn:tipgraph:staging:")
    assert "MOVE GRAPH <urn:tipgraph:staging:" in updates[1]
    assert f"TO GRAPH <{ID}graph/2017>" in updates[1]
    staged = {parse_qs(urlsplit(p).query)["graph"][0] for m, p, _ in _Stub.seen
              if m == "POST" and urlsplit(p).path == "/store" and "graph=" in p}
    assert all(g.startswith("urn:tipgraph:staging:") for g in staged)


def test_bad_arguments(tmp_path: Path, small: Path) -> None:
    with pytest.raises(OutputError) as caught:
        publish(small, "ftp://127.0.0.1/store")
    assert caught.value.code == "E620"
    with pytest.raises(OutputError):
        publish(small, "http://127.0.0.1:9/store", graph="not an iri")
    (tmp_path / "nothing.ttl").write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n", encoding="utf-8")
    with pytest.raises(InputError) as given:
        publish(tmp_path / "nothing.ttl", "http://127.0.0.1:9/store")
    assert given.value.code == "E121"


def test_urls_of_oxigraph_and_fuseki() -> None:
    assert graph_store_url("http://127.0.0.1:7878") == "http://127.0.0.1:7878/store"
    assert default_update_endpoint("http://127.0.0.1:7878/store") == "http://127.0.0.1:7878/update"
    assert default_update_endpoint("http://127.0.0.1:3030/tip/data") == (
        "http://127.0.0.1:3030/tip/update")
    assert default_update_endpoint("http://127.0.0.1:9/gsp") is None


def test_blank_nodes_stay_in_one_chunk() -> None:
    node = ox.BlankNode()
    p = ox.NamedNode("urn:x:p")
    triples = [ox.Triple(ox.NamedNode(f"urn:x:{i}"), p, ox.Literal(str(i))) for i in range(7)]
    triples += [ox.Triple(ox.NamedNode("urn:x:a"), p, node),
                ox.Triple(node, p, ox.Literal("x"))]
    parts = chunks(triples, 3)
    assert sum(part.count(b"\n") for part in parts) == 9
    assert [part.count(b"_:") for part in parts] == [2, 0, 0]


# ---------------------------------------------------------------------- a store that dies


def _staging(url: str) -> set[str]:
    return {g for g in graph_sizes(url) if g.startswith("urn:tipgraph:staging:")}


def _publish_until_killed(path: Path, url: str, process: subprocess.Popen[bytes],
                          **options: object) -> None:
    """Publish, killing the server (SIGKILL) once the second chunk is through."""
    def progress(line: str) -> None:
        if "chunk 2/" in line:
            process.kill()
            process.wait(timeout=5)

    with pytest.raises(OutputError) as caught:
        publish(path, url, chunk_size=2, retries=0, progress=progress, **options)  # type: ignore[arg-type]
    assert caught.value.code == "E621"


def test_a_store_dying_mid_publish_leaves_no_half_new_graph_and_the_next_run_cleans_up(
        tmp_path: Path) -> None:
    location = str(tmp_path / "oxigraph")
    path = tmp_path / "graph.trig"
    path.write_text(report_trig(2016, 3) + report_trig(2017, 5), encoding="utf-8")
    process, url = start_oxigraph(["serve", "--location", location])
    try:
        _publish_until_killed(path, url, process)
    finally:
        stop(process)
    process, url = start_oxigraph(["serve", "--location", location])
    try:
        left = graph_sizes(url)
        assert f"{ID}graph/2016" not in left and f"{ID}graph/2017" not in left  # none half new
        assert _staging(url)  # what the dead run had staged, under a recognizable name
        result = publish(path, url, chunk_size=2)
        assert sorted(result.cleaned) == sorted(set(left) - {ONTOLOGY})
        assert graph_sizes(url) == {f"{ID}graph/2016": 11, f"{ID}graph/2017": 17, ONTOLOGY: 1}
    finally:
        stop(process)


def test_an_interrupted_replace_keeps_the_old_graph_and_cleanup_drops_the_staging(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    location = str(tmp_path / "oxigraph")
    path = tmp_path / "graph.trig"
    path.write_text(report_trig(2017, 2), encoding="utf-8")
    process, url = start_oxigraph(["serve", "--location", location])
    try:
        publish(path, url)
        path.write_text(report_trig(2017, 6, tag="b"), encoding="utf-8")
        _publish_until_killed(path, url, process, replace=True)
    finally:
        stop(process)
    process, url = start_oxigraph(["serve", "--location", location])
    try:
        assert labels(url, 2017) == {"Country 0 (2017)", "Country 1 (2017)"}
        orphans = _staging(url)
        assert orphans
        store = ox.Store()  # a graph of someone else's, which no cleanup may touch
        store.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:p"),
                          ox.NamedNode("urn:x:b"), ox.NamedNode("urn:x:mine")))
        request = urllib.request.Request(f"{url}/store", method="POST",
                                         data=store.dump(format=ox.RdfFormat.N_QUADS),
                                         headers={"Content-Type": "application/n-quads"})
        urllib.request.urlopen(request, timeout=10).close()
        assert main(["publish", "--cleanup", "--endpoint", url]) == 0
        assert f"removed {len(orphans)} orphaned staging graphs" in capsys.readouterr().err
        assert set(graph_sizes(url)) == {f"{ID}graph/2017", ONTOLOGY, "urn:x:mine"}
    finally:
        stop(process)


def test_which_staging_graphs_are_orphaned() -> None:
    from tipgraph.serve.staging import ORPHAN_AGE, StagingRun, _host, is_orphaned

    run = StagingRun.begin()
    running = run.name(1)
    assert not is_orphaned(running) and not is_orphaned(running, everything=True)
    run.end()
    assert is_orphaned(running)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    dead = f"urn:tipgraph:staging:1:{_host()}:{child.pid}:ab12:1"
    assert is_orphaned(dead)
    now = time.time()
    elsewhere = f"urn:tipgraph:staging:{int(now) - 60}:another-host:1:ab12:1"
    assert not is_orphaned(elsewhere) and is_orphaned(elsewhere, everything=True)
    stale = f"urn:tipgraph:staging:{int(now) - ORPHAN_AGE - 60}:another-host:1:ab12:1"
    assert is_orphaned(stale)
    for other in ["urn:uuid:0b5c", f"{ID}graph/2017", "urn:tipgraph:staging:junk"]:
        assert not is_orphaned(other, everything=True)


def test_cleanup_without_a_query_endpoint_says_what_to_give(
        stub: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", "--cleanup", "--endpoint", stub.replace("/store", "/gsp")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "E624" in err[0] and "--query-endpoint" in err[0]
    assert main(["publish", "--endpoint", stub]) == 2
    assert "E626" in capsys.readouterr().err


def test_without_update_a_graph_half_sent_to_a_dead_store_is_said_to_be_partial(
        tmp_path: Path) -> None:
    process, url = start_oxigraph(["serve", "--location", str(tmp_path / "oxigraph")])
    path = tmp_path / "graph.trig"
    path.write_text(report_trig(2017, 4), encoding="utf-8")
    try:
        def progress(line: str) -> None:
            if "chunk 2/" in line:
                process.kill()
                process.wait(timeout=5)

        with pytest.raises(OutputError) as caught:
            publish(path, f"{url}/store", update_endpoint=f"{url}/nothing-here", chunk_size=2,
                    retries=0, progress=progress)
    finally:
        stop(process)
    assert caught.value.code == "E625"
    assert "partly written" in caught.value.message and "--replace" in caught.value.message


# ---------------------------------------------------------------------- an archive store
REAL_YEARS = Path(__file__).resolve().parent / "data" / "real_years" / "texts"


def _store_of(tmp_path: Path, *names: str) -> Path:
    """An archive store (``build --store``) of narratives of ``tests/data/real_years``."""
    store = tmp_path / "archive"
    files = []
    for name in names:
        target = tmp_path / f"tip-{name}.txt"
        if not target.exists():
            shutil.copy(REAL_YEARS / f"{name}.txt", target)
        files.append(str(target))
    assert main(["build", *files, "--store", str(store), "-q"]) == 0
    return store


def test_a_store_publishes_only_the_years_changed_since_the_last_publish(
        oxigraph: str, tmp_path: Path) -> None:
    store = _store_of(tmp_path, "2001-AGO", "2004-KEN")
    first = publish(store, f"{oxigraph}/store", sleep=lambda _s: None)
    sizes = graph_sizes(oxigraph)
    years = {f"{ID}graph/2001", f"{ID}graph/2004"}
    manifest = f"{ID}graph/archive-manifest"
    assert years | {ONTOLOGY, manifest} == set(sizes)  # not the union: it is derived
    assert years <= set(first.graphs) and first.unchanged == []

    again = publish(store, f"{oxigraph}/store", sleep=lambda _s: None)
    assert again.graphs == {} and again.unchanged == [2001, 2004]
    assert again.requests == 1  # one GET of the endpoint's copy of the manifest
    assert graph_sizes(oxigraph) == sizes

    _store_of(tmp_path, "2001-AGO", "2004-KEN", "2022-MEX")  # 2022 added
    kenya = tmp_path / "tip-2004-KEN.txt"
    kenya.write_text(kenya.read_text(encoding="utf-8").replace("Kenya", "Kenya", 1) + "\n",
                     encoding="utf-8")  # same facts, new bytes: 2004 is rebuilt
    _store_of(tmp_path, "2001-AGO", "2004-KEN", "2022-MEX")
    third = publish(store, f"{oxigraph}/store", sleep=lambda _s: None)  # no --replace needed
    sent = {name for name in third.graphs if name and name.startswith(f"{ID}graph/2")}
    assert sent == {f"{ID}graph/2004", f"{ID}graph/2022"} and third.unchanged == [2001]
    assert f"{ID}graph/2022" in graph_sizes(oxigraph)


def test_a_store_does_not_replace_a_graph_it_did_not_publish(oxigraph: str,
                                                             tmp_path: Path) -> None:
    trig = tmp_path / "other.trig"
    trig.write_text(report_trig(2001, 2), encoding="utf-8")
    publish(trig, f"{oxigraph}/store", sleep=lambda _s: None)
    theirs = graph_sizes(oxigraph)[f"{ID}graph/2001"]
    store = _store_of(tmp_path, "2001-AGO")
    with pytest.raises(OutputError) as caught:
        publish(store, f"{oxigraph}/store", sleep=lambda _s: None)
    assert caught.value.code == "E623" and f"{ID}graph/2001" in caught.value.message
    assert graph_sizes(oxigraph)[f"{ID}graph/2001"] == theirs  # untouched
    publish(store, f"{oxigraph}/store", replace=True, sleep=lambda _s: None)
    assert graph_sizes(oxigraph)[f"{ID}graph/2001"] > theirs


def test_a_year_removed_from_the_store_is_reported_and_left_on_the_endpoint(
        oxigraph: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = _store_of(tmp_path, "2001-AGO", "2004-KEN")
    assert main(["publish", str(store), "--endpoint", f"{oxigraph}/store", "-q"]) == 0
    assert main(["store", "remove", str(store), "2001", "-q"]) == 0
    capsys.readouterr()
    assert main(["publish", str(store), "--endpoint", f"{oxigraph}/store"]) == 0
    err = capsys.readouterr().err
    assert "the endpoint has 2001" in err and "no longer holds" in err
    assert "1 report years unchanged" in err
    assert f"{ID}graph/2001" in graph_sizes(oxigraph)


def test_a_store_with_graph_iri_or_a_plain_directory_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = _store_of(tmp_path, "2001-AGO")
    url = f"http://127.0.0.1:{free_port()}/store"  # nothing listens: refused before a request
    assert main(["publish", str(store), "--endpoint", url, "--graph-iri", "urn:x:g"]) == 2
    assert "E627" in capsys.readouterr().err
    plain = tmp_path / "plain"
    plain.mkdir()
    assert main(["publish", str(plain), "--endpoint", url]) == 2
    assert "E681" in capsys.readouterr().err
