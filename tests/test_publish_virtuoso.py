"""Publishing to stores that do not implement HEAD (Virtuoso answers 501): a stub on loopback
that answers HEAD with 501, and a real Virtuoso started here when ``virtuoso-t`` is
installed (Debian: virtuoso-opensource; .ci/run installs it)."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tipgraph.cli.main import main
from tipgraph.core.errors import OutputError
from tipgraph.serve.publish import publish

ID = "https://w3id.org/tipgraph/id/"
TRIG = (f"<{ID}dataset> <http://purl.org/dc/terms/source> <{ID}report/2017> .\n"
        f"<{ID}graph/2017> {{\n"
        + "".join(f"  <{ID}narrative/2017/N{i}> <http://www.w3.org/2000/01/rdf-schema#label> "
                  f"\"narrative {i}\" .\n" for i in range(4))
        + "}\n")


class _NoHead(http.server.BaseHTTPRequestHandler):
    """A Graph Store that answers HEAD with 501 (as Virtuoso), holds graphs in memory, and
    answers ASK at /query from what it holds."""

    graphs: ClassVar[dict[str, bytes]] = {}
    seen: ClassVar[list[tuple[str, str]]] = []

    def _reply(self, status: int, body: bytes = b"", kind: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _graph(self) -> str:
        query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        return query["graph"][0] if "graph" in query else ""

    def do_HEAD(self) -> None:
        type(self).seen.append(("HEAD", self.path))
        self._reply(501, b"Method Not Implemented")

    def do_GET(self) -> None:
        type(self).seen.append(("GET", self.path))
        name = self._graph()
        if name in type(self).graphs:
            self._reply(200, type(self).graphs[name], "application/n-triples")
        else:
            self._reply(404, b"no such graph")

    def do_PUT(self) -> None:
        type(self).seen.append(("PUT", self.path))
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).graphs[self._graph()] = body
        self._reply(201)

    def do_POST(self) -> None:
        type(self).seen.append(("POST", self.path))
        body = self.rfile.read(int(self.headers["Content-Length"]))
        path = urlsplit(self.path).path
        if path == "/query":
            query = parse_qs(body.decode())["query"][0]
            name = re.search(r"GRAPH <([^>]+)>", query)
            answer = name is not None and name[1] in type(self).graphs
            self._reply(200, json.dumps({"head": {}, "boolean": answer}).encode(),
                        "application/sparql-results+json")
        elif path == "/update":
            self._reply(404, b"no update here")
        else:
            name = self._graph()
            type(self).graphs[name] = type(self).graphs.get(name, b"") + body
            self._reply(204)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def no_head(loopback: Callable[[type[_NoHead]], str]) -> str:
    _NoHead.graphs, _NoHead.seen = {}, []
    return loopback(_NoHead) + "/store"


@pytest.fixture()
def trig(tmp_path: Path) -> Path:
    path = tmp_path / "graph.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


def test_a_store_without_head_is_asked_at_its_query_endpoint(no_head: str, trig: Path) -> None:
    """Before: E622 "refused to say whether it has the graph: HTTP 501" at once."""
    first = publish(trig, no_head, sleep=lambda _s: None)
    assert first.graphs[f"{ID}graph/2017"] == 4
    heads = [m for m, _ in _NoHead.seen if m == "HEAD"]
    assert len(heads) == 1  # 501 once: not asked with HEAD again
    assert ("POST", "/query") in _NoHead.seen
    assert not [p for m, p in _NoHead.seen if m == "GET"]  # no graph downloaded to ask
    with pytest.raises(OutputError) as caught:
        publish(trig, no_head, sleep=lambda _s: None)
    assert caught.value.code == "E623"  # it exists now, and the ASK says so
    again = publish(trig, no_head, replace=True, sleep=lambda _s: None)
    assert again.graphs[f"{ID}graph/2017"] == 4


def test_without_a_query_endpoint_a_store_without_head_is_asked_with_get(
        no_head: str, trig: Path) -> None:
    url = no_head.replace("/store", "/sparql-graph-crud")  # no /query beside it
    publish(trig, url, sleep=lambda _s: None)
    assert [m for m, _ in _NoHead.seen].count("GET") >= 1
    with pytest.raises(OutputError) as caught:
        publish(trig, url, sleep=lambda _s: None)
    assert caught.value.code == "E623"


def test_publish_prints_the_named_graph_hint_and_refuses_an_empty_file(
        no_head: str, trig: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", str(trig), "--endpoint", no_head]) == 0
    err = capsys.readouterr().err
    assert "--union-default-graph" in err.splitlines()[-1]
    empty = tmp_path / "empty.ttl"
    empty.write_text("# nothing\n", encoding="utf-8")
    _NoHead.seen.clear()
    assert main(["publish", str(empty), "--endpoint", no_head]) == 3
    assert "warning E125" in capsys.readouterr().err
    assert _NoHead.seen == []  # nothing was sent


# ----------------------------------------------------------------------- real Virtuoso
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture()
def virtuoso(tmp_path: Path) -> Iterator[str]:
    """A Virtuoso started here on loopback ports, with SPARQL updates granted (the set-up
    line the README gives), stopped at the end; its base URL."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    ini = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
    if binary is None or isql is None or not ini.exists():
        pytest.skip("virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    db = tmp_path / "virtuoso"
    db.mkdir()
    sql_port, http_port = _free_port(), _free_port()
    text = ini.read_text(encoding="utf-8").replace("/var/lib/virtuoso-opensource-7/db/",
                                                   f"{db}/")
    text = re.sub(r"(?m)^ServerPort(\s*)=\s*1111\b", f"ServerPort = 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort(\s*)=\s*8890\b", f"ServerPort = 127.0.0.1:{http_port}",
                  text)
    (db / "virtuoso.ini").write_text(text, encoding="utf-8")
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(db / "virtuoso.ini")],
                               cwd=db, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.skip("Virtuoso did not start here")
                time.sleep(0.5)
        subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                        'exec=grant SPARQL_UPDATE to "SPARQL";'], check=True,
                       capture_output=True, timeout=60)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _count(base: str, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(f"{base}/sparql?{urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        document = json.load(answer)
    return int(document["results"]["bindings"][0]["n"]["value"])


def test_publish_and_replace_into_a_real_virtuoso(virtuoso: str, trig: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    crud, sparql = f"{virtuoso}/sparql-graph-crud", f"{virtuoso}/sparql"
    argv = ["publish", str(trig), "--endpoint", crud, "--query-endpoint", sparql,
            "--retries", "0"]
    assert main(argv) == 0, capsys.readouterr().err
    err = capsys.readouterr().err
    assert "published 4 triples in 1 graphs" in err
    assert "dataset description" in err  # Virtuoso's graph-crud has no default graph: said
    assert _count(virtuoso, f"{ID}graph/2017") == 4
    assert main(argv) == 2
    assert "E623" in capsys.readouterr().err
    assert main([*argv, "--replace"]) == 0
    assert _count(virtuoso, f"{ID}graph/2017") == 4
