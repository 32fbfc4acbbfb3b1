"""``tipgraph serve`` under abuse: the memory cap, panics and crashes told apart, runaway
queries kept off the fast lane, strict HTTP framing, and HTML that never links a script.

The store is a small one made with pyoxigraph here (300 statements, two hostile IRIs and one
tipgraph resource that points at them); every test talks to a real server on a free
loopback port, or to a real pool of worker processes.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest

from tipgraph.cli.main import main
from tipgraph.ontology import ID_BASE
from tipgraph.serve import failures
from tipgraph.serve.app import SECURITY_HEADERS, Limits, Server
from tipgraph.serve.framing import check_framing
from tipgraph.serve.limits import default_worker_memory, parse_size
from tipgraph.serve.pages import linkable
from tipgraph.serve.pool import QueryPool
from tipgraph.serve.worker import QueryRequest

EX = "http://example.org/"
RDFS_SEE_ALSO = "http://www.w3.org/2000/01/rdf-schema#seeAlso"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
JAVASCRIPT = "javascript:alert(document.cookie)"
DATA_IRI = "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E"
RESOURCE = ID_BASE + "country/XSS"
# Queries that really allocate: a cross product of the statements where each row's label is
# doubled 16 times (a 2 MiB string a row), then sorted (every row held at once) or
# concatenated into one string. The cap stops either within a second or two.
_DOUBLED = "".join(f" BIND(CONCAT(?d{i}, ?d{i}) AS ?d{i + 1})" for i in range(16))
_CROSS = f"?a ?p ?d0 . ?b ?q ?y .{_DOUBLED}"
ORDERED_CROSS = f"SELECT ?d16 WHERE {{ {_CROSS} }} ORDER BY ?d16 ?y"
CONCATENATED = f"SELECT (GROUP_CONCAT(?d16) AS ?g) WHERE {{ {_CROSS} }}"
# Runs until stopped and allocates next to nothing: counts a 300^5 cross product.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o }"
CHEAP = "ASK { ?s ?p ?o }"
CAP = 320 << 20  # an idle worker with the store open uses about 100 MiB


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Oxigraph store on disk: 300 labelled things, hostile IRIs, a tipgraph resource."""
    path = tmp_path_factory.mktemp("hardening") / "store"
    store = ox.Store(str(path))
    quads = [ox.Quad(ox.NamedNode(f"{EX}thing/{i}"), ox.NamedNode(RDFS_LABEL),
                     ox.Literal(f"thing number {i} of three hundred"))
             for i in range(297)]
    resource = ox.NamedNode(RESOURCE)
    quads += [ox.Quad(resource, ox.NamedNode(RDFS_LABEL), ox.Literal("Hostile links")),
              ox.Quad(resource, ox.NamedNode(RDFS_SEE_ALSO), ox.NamedNode(JAVASCRIPT)),
              ox.Quad(resource, ox.NamedNode(RDFS_SEE_ALSO), ox.NamedNode(DATA_IRI)),
              ox.Quad(resource, ox.NamedNode(RDFS_SEE_ALSO), ox.NamedNode(f"{EX}safe"))]
    store.extend(quads)
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[Server]:
    limits = Limits(timeout=10.0, workers=2, worker_memory=CAP, slow_after=1.0)
    with Server(store_dir, port=0, limits=limits) as running:
        yield running


def fetch(url: str, *, accept: str | None = None, timeout: float = 60
          ) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def sparql(server: Server, query: str, **params: str) -> str:
    return f"{server.url}/sparql?" + urlencode({"query": query, **params})


def wait_until(condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    """Poll ``condition`` for at most ``seconds`` (a bounded loop)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def in_background(call: Callable[[], object]) -> tuple[threading.Thread, dict[str, object]]:
    box: dict[str, object] = {}
    thread = threading.Thread(target=lambda: box.update(answer=call()), daemon=True)
    thread.start()
    return thread, box


def full(pool: QueryPool) -> bool:
    """Every worker of both lanes, and the spare, is started and idle."""
    return (pool.idle == pool.size and pool._slow_idle.qsize() == pool.slow_size
            and pool._spare.qsize() == 1)


# ---------------------------------------------------------------------- the memory cap


@pytest.mark.parametrize("query", [ORDERED_CROSS, CONCATENATED], ids=["order-by", "group-concat"])
def test_a_query_over_the_memory_cap_gets_503_and_its_worker_is_replaced(
        server: Server, query: str) -> None:
    assert wait_until(lambda: full(server.pool))
    started = time.monotonic()
    thread, box = in_background(lambda: fetch(sparql(server, query)))
    # other clients see nothing while it grows and dies
    for _ in range(5):
        status, _, body = fetch(sparql(server, CHEAP))
        assert status == 200 and json.loads(body)["boolean"] is True
    thread.join(timeout=60)
    status, _, body = box["answer"]  # type: ignore[misc]
    assert status == 503 and body.startswith(b"E551"), body
    assert b"320 MiB per query worker" in body
    assert time.monotonic() - started < server.limits.timeout, "stopped by the cap, not the clock"
    assert wait_until(lambda: full(server.pool)), "the worker was replaced"
    assert fetch(sparql(server, CHEAP))[0] == 200


def test_every_worker_runs_under_the_cap(server: Server) -> None:
    assert wait_until(lambda: full(server.pool))
    pids = [w.process.pid for w in list(server.pool._all)]
    assert len(pids) == server.pool.size + server.pool.slow_size + 1  # and the spare
    for pid in pids:
        limits = Path(f"/proc/{pid}/limits").read_text()
        line = next(row for row in limits.splitlines() if row.startswith("Max data size"))
        assert line.split()[3:5] == [str(CAP), str(CAP)] or line.split()[3] == str(CAP), line


def test_the_default_cap_is_a_share_of_the_machine() -> None:
    assert default_worker_memory(4, physical=16 << 30) == 3 << 30
    assert default_worker_memory(100, physical=1 << 30) == 256 << 20  # never below the floor
    pool = QueryPool(Path("unused"), workers=3, slow_workers=1)
    assert pool.worker_memory == default_worker_memory(3 + 2 * 1 + 1)
    assert parse_size("512M") == 512 << 20 and parse_size("1.5g") == 3 << 29
    for bad in ("0", "-1G", "lots", "nan", "inf"):
        with pytest.raises(ValueError, match=re.escape(repr(bad))):
            parse_size(bad)


def test_a_cap_too_low_to_start_is_one_line_and_exit_2(store_dir: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    code = main(["serve", "--store", str(store_dir), "--port", "0", "--worker-memory", "16M"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines()[-1] == ("tipgraph: E556: the query workers cannot open the store "
                                    "within their memory limit of 16 MiB; raise "
                                    "--worker-memory")


# ---------------------------------------------------------------------- what happened


# A real pyoxigraph panic: the result serialiser slices its buffer by what the sink says it
# wrote, so a sink that claims more makes Rust panic ("range start index ... out of range"),
# and this build of pyoxigraph aborts the process on it.
_PANIC_PATCH = (
    "import tipgraph.serve.worker as w; _write = w.LimitedBuffer.write\n"
    "def write(self, data):\n"
    "    n = _write(self, data)\n"
    "    return n + 1000 if self.limit == 777001 else n\n"
    "w.LimitedBuffer.write = write\n")


def _pool(store_dir: Path, **options: object) -> QueryPool:
    return QueryPool(store_dir, workers=1, timeout=5.0, worker_memory=CAP,
                     **options)  # type: ignore[arg-type]


def test_an_oxigraph_panic_is_reported_as_a_panic(store_dir: Path) -> None:
    pool = _pool(store_dir)
    head, tail = pool.boot.split("from tipgraph.serve.worker import main")
    pool.boot = f"exec({_PANIC_PATCH!r}); " + head + "from tipgraph.serve.worker import main" \
        + tail
    with pool:
        answer = pool.run(QueryRequest("SELECT * WHERE { ?s ?p ?o }", fmt="json",
                                       max_result_bytes=777001))
        assert answer.status == 500 and answer.code == "E552", answer
        assert "Oxigraph" in answer.message and "out of range" in answer.message
        assert "memory" not in answer.message
        assert wait_until(lambda: full(pool))
        assert pool.run(QueryRequest(CHEAP, fmt="json")).ok


def test_a_crash_is_reported_as_a_crash_with_its_signal(store_dir: Path) -> None:
    with _pool(store_dir, slow_after=5.0) as pool:
        thread, box = in_background(lambda: pool.run(QueryRequest(RUNAWAY, fmt="json")))
        assert wait_until(lambda: pool.idle == 0)
        spare = list(pool._spare.queue)
        busy = [w for w in list(pool._all) if not w.slow and w not in spare]
        assert len(busy) == 1
        os.kill(busy[0].process.pid, signal.SIGSEGV)
        thread.join(timeout=30)
        answer = box["answer"]
        assert answer.status == 500 and answer.code == "E553", answer  # type: ignore[attr-defined]
        assert "killed by SIGSEGV" in answer.message  # type: ignore[attr-defined]
        assert wait_until(lambda: full(pool))


def test_a_panic_that_unwinds_into_python_is_answered_by_the_worker() -> None:
    """pyo3 raises a panic that can unwind as ``pyo3_runtime.PanicException``, a
    ``BaseException``; the worker answers it as a panic (E552) instead of dying with it."""
    panic = type("PanicException", (BaseException,), {"__module__": "pyo3_runtime"})
    assert failures.is_panic(panic("index out of bounds"))
    assert not failures.is_panic(KeyboardInterrupt()) and not failures.is_panic(ValueError())
    status, code, message = failures.panicked("index out of bounds")
    assert (status, code) == (500, "E552") and "index out of bounds" in message


@pytest.mark.parametrize(("returncode", "stderr", "code", "says"), [
    (-6, ["memory allocation of 448 bytes failed"], "E551", "1 GiB per query worker"),
    (-6, ["terminate called after throwing an instance of 'std::bad_alloc'"], "E551", "1 GiB"),
    (-6, ["thread '<unnamed>' panicked at src/x.rs:1:5:", "index out of bounds"], "E552",
     "index out of bounds"),
    (-9, [], "E553", "SIGKILL (not by this server: the system may be out of memory)"),
    (3, [], "E553", "exited with status 3"),
])
def test_a_dead_worker_is_told_apart(returncode: int, stderr: list[str], code: str,
                                     says: str) -> None:
    status, got, message = failures.death(returncode, stderr, 1 << 30)
    assert got == code and says in message
    assert status == (503 if code == "E551" else 500)


# ---------------------------------------------------------------------- runaway queries


def test_a_query_that_ran_long_goes_to_the_slow_lane_and_leaves_the_fast_one_free(
        store_dir: Path) -> None:
    limits = Limits(timeout=2.0, workers=2, slow_after=0.5, worker_memory=CAP,
                    queue_timeout=0.3, client_header="none")
    other = RUNAWAY.replace("COUNT(*)", "COUNT(?a)")
    with Server(store_dir, port=0, limits=limits) as slow:
        pool = slow.pool
        for text in (RUNAWAY, other):  # each demoted after 0.5 s, then stopped by the clock
            status, headers, body = fetch(sparql(slow, text))
            assert status == 503 and body.startswith(b"E544"), body
        assert wait_until(lambda: full(pool))
        # the same text again runs in the slow lane: both fast workers stay free meanwhile
        thread, box = in_background(lambda: fetch(sparql(slow, RUNAWAY)))
        assert wait_until(lambda: pool._slow_idle.qsize() == 0, 10)
        # an identical request waits for that run and shares its answer: no worker of its own
        twin, twin_box = in_background(lambda: fetch(sparql(slow, RUNAWAY)))
        for _ in range(10):
            assert pool.idle == pool.size, "a known runaway took a fast worker"
            assert fetch(sparql(slow, CHEAP))[0] == 200
        # the other known one finds the slow lane busy: refused with Retry-After
        status, headers, body = fetch(sparql(slow, other))
        assert status == 503 and body.startswith(b"E554"), body
        assert headers["Retry-After"] == "2"
        thread.join(timeout=30)
        twin.join(timeout=30)
        assert box["answer"][0] == twin_box["answer"][0] == 503  # type: ignore[index]
        assert box["answer"][2] == twin_box["answer"][2]  # type: ignore[index]


def test_a_client_whose_queries_run_long_is_sent_to_the_slow_lane(store_dir: Path) -> None:
    """Distinct runaway texts (no memory of texts can catch them) from one client: after two,
    that client's queries go to the slow lane, and another client keeps the fast one."""
    limits = Limits(timeout=2.0, workers=2, slow_after=0.3, worker_memory=CAP,
                    queue_timeout=0.3, client_header="X-Client")

    def ask(server: Server, query: str, client: str) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(sparql(server, query), headers={"X-Client": client})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    with Server(store_dir, port=0, limits=limits) as slow:
        pool = slow.pool
        for number in range(2):
            assert ask(slow, f"{RUNAWAY} # {number}", "10.0.0.1")[0] == 503
        assert wait_until(lambda: full(pool))
        thread, _ = in_background(lambda: ask(slow, f"{RUNAWAY} # 2", "10.0.0.1"))
        assert wait_until(lambda: pool._slow_idle.qsize() == 0, 10), "it went to the slow lane"
        assert pool.idle == pool.size
        started = time.monotonic()
        status, _, body = ask(slow, f"{RUNAWAY} # 3", "10.0.0.1")
        assert status == 503 and body.startswith(b"E554") and time.monotonic() - started < 2
        assert ask(slow, CHEAP, "10.0.0.2")[0] == 200  # the other client: the fast lane
        assert pool.idle == pool.size
        thread.join(timeout=30)


def test_a_new_long_query_is_stopped_at_once_when_the_slow_lane_is_busy(
        store_dir: Path) -> None:
    limits = Limits(timeout=4.0, workers=2, slow_after=0.5, worker_memory=CAP)
    with Server(store_dir, port=0, limits=limits) as slow:
        pool = slow.pool
        thread, box = in_background(lambda: fetch(sparql(slow, RUNAWAY)))
        # demoted after 0.5 s: a fresh fast worker takes its place while it runs on
        assert wait_until(lambda: pool.idle == pool.size and thread.is_alive()
                          and any(w.demoted for w in list(pool._all)), 20)
        started = time.monotonic()
        status, headers, body = fetch(sparql(slow, RUNAWAY + " # another text"))
        took = time.monotonic() - started
        assert status == 503 and body.startswith(b"E554"), body
        assert took < 3.0, f"stopped after {took:.1f} s: it held a fast worker too long"
        assert headers["Retry-After"] == "4"
        thread.join(timeout=30)
        assert box["answer"][0] == 503  # type: ignore[index]


def test_a_full_queue_answers_503_with_retry_after_at_once(store_dir: Path) -> None:
    limits = Limits(timeout=3.0, workers=1, slow_after=3.0, queue=1, queue_timeout=3.0,
                    worker_memory=CAP)
    with Server(store_dir, port=0, limits=limits) as narrow:
        pool = narrow.pool
        runaway, _ = in_background(lambda: fetch(sparql(narrow, RUNAWAY)))
        assert wait_until(lambda: pool.idle == 0)
        waiting, _ = in_background(lambda: fetch(sparql(narrow, CHEAP)))
        assert wait_until(lambda: pool._fast_gate.waiting == 1)
        started = time.monotonic()
        status, headers, body = fetch(sparql(narrow, CHEAP + " # another"))
        assert status == 503 and body.startswith(b"E555"), body
        assert headers["Retry-After"] == "1"
        assert time.monotonic() - started < 1.0
        runaway.join(timeout=30)
        waiting.join(timeout=30)


# ---------------------------------------------------------------------- HTTP framing


def raw_exchange(server: Server, request: bytes, seconds: float = 10.0) -> bytes:
    """Send ``request`` as is and read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=seconds) as conn:
        conn.sendall(request)
        chunks = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def statuses(answer: bytes) -> list[int]:
    """The status of every response in ``answer`` (a body need not end with a newline)."""
    return [int(code) for code in re.findall(rb"HTTP/1\.[01] (\d{3}) ", answer)]


QUERY_BODY = b"ASK { ?s ?p ?o }"
SMUGGLED = b"GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n"


def post(headers: str, body: bytes = QUERY_BODY) -> bytes:
    return (f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            f"{headers}\r\n").encode() + body


@pytest.mark.parametrize(("request_bytes", "status", "code"), [
    (post("Content-Length: 16\r\nContent-Length: 16\r\n"), 400, b"E557"),
    (post("Content-Length: 16\r\nContent-Length: 55\r\n"), 400, b"E557"),
    (post("Content-Length: +16\r\n"), 400, b"E557"),
    (post("Content-Length: -0\r\n"), 400, b"E557"),
    (post("Content-Length: 1_6\r\n"), 400, b"E557"),
    (post("Content-Length: 16 \r\n"), 400, b"E557"),
    (post("Content-Length: 1 6\r\n"), 400, b"E557"),
    (post("Content-Length : 16\r\n"), 400, b"E557"),
    (post("X-Folded: a\r\n b\r\nContent-Length: 16\r\n"), 400, b"E557"),
    (post("Transfer-Encoding: chunked\r\nContent-Length: 16\r\n"), 400, b"E557"),
    (post("Transfer-Encoding: chunked\r\n", b"10\r\n" + QUERY_BODY + b"\r\n0\r\n\r\n"), 411,
     b"E558"),
    (post("Transfer-Encoding: gzip, chunked\r\n", b"0\r\n\r\n"), 501, b"E558"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 411, b"E558"),
], ids=["two-equal-lengths", "two-lengths", "plus-sign", "minus-sign", "underscore",
        "trailing-space", "inner-space", "space-before-colon", "folded-header",
        "chunked-and-length", "chunked", "gzip", "chunked-get"])
def test_ambiguous_framing_is_refused_and_the_connection_closed(
        server: Server, request_bytes: bytes, status: int, code: bytes) -> None:
    answer = raw_exchange(server, request_bytes + SMUGGLED)
    assert statuses(answer) == [status], answer  # nothing after it is read as a request
    assert code in answer and b"Connection: close" in answer


def test_a_get_with_a_body_is_answered_once_and_its_body_never_read(server: Server) -> None:
    smuggled = SMUGGLED
    request = (f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n"
               f"Content-Length: {len(smuggled)}\r\n\r\n").encode() + smuggled
    answer = raw_exchange(server, request)
    assert statuses(answer) == [200], answer
    assert b"Connection: close" in answer


def test_a_well_framed_keep_alive_connection_still_works(server: Server) -> None:
    request = post(f"Content-Length: {len(QUERY_BODY)}\r\n")
    answer = raw_exchange(server, request + request.replace(b"Host: x", b"Host: x\r\n"
                                                            b"Connection: close"))
    assert statuses(answer) == [200, 200], answer


def test_the_framing_check_alone() -> None:
    import email.message

    def headers(*pairs: tuple[str, str]) -> email.message.Message:
        message = email.message.Message()
        for name, value in pairs:
            message[name] = value
        return message

    assert check_framing(headers(("Content-Length", "42"))).length == 42
    assert check_framing(headers()).length == 0
    assert check_framing(headers(("Content-Length", "1" * 16))).status == 400
    assert check_framing(headers(("Transfer-Encoding", "Chunked"))).status == 411


# ---------------------------------------------------------------------- HTML


class _Tags(HTMLParser):
    """Every tag with its attributes, and the text of <script> and <style> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(body: bytes) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(body.decode("utf-8"))
    return parser.tags


def hrefs(body: bytes) -> list[str]:
    return [attrs["href"] or "" for tag, attrs in tags(body) if tag == "a"]


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize("where", ["results", "resource-page"])
def test_only_http_and_https_iris_become_links(server: Server, where: str) -> None:
    if where == "results":
        url = sparql(server, f"SELECT ?o WHERE {{ <{RESOURCE}> <{RDFS_SEE_ALSO}> ?o }}")
    else:
        url = f"{server.url}/page/country/XSS"
    status, _, body = fetch(url, accept=BROWSER)
    assert status == 200, body
    links = hrefs(body)
    assert f"{EX}safe" in links
    assert not [h for h in links if not h.startswith(("/", "http://", "https://"))], links
    text = body.decode()
    assert "javascript:alert(document.cookie)" in text  # shown, as text
    assert DATA_IRI in text


@pytest.mark.parametrize("iri", [JAVASCRIPT, "JavaScript:x", DATA_IRI, "vbscript:x",
                                 "java\tscript:x", "\x01javascript:x", "file:///etc/passwd",
                                 "urn:isbn:1", "mailto:a@b.c", "httpx://a"])
def test_linkable_refuses_every_other_scheme(iri: str) -> None:
    assert not linkable(iri)
    assert linkable("http://a/b") and linkable("HTTPS://a/b")


HTML_PAGES = ["/", "/sparql", "/page/country/XSS", "/ontology", "/shapes",
              "/.well-known/void", "/nothing-here"]


@pytest.mark.parametrize("path", [*HTML_PAGES, "/sparql?query=ASK%7B%7D"])
def test_every_answer_carries_the_security_headers(server: Server, path: str) -> None:
    for accept in (BROWSER, None):
        _, headers, _ = fetch(server.url + path, accept=accept)
        for name, value in SECURITY_HEADERS.items():
            assert headers.get(name) == value, (path, accept, name)
    assert "script-src" not in SECURITY_HEADERS["Content-Security-Policy"]  # default: none
    answer = raw_exchange(server, b"BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert statuses(answer) == [501] and b"Content-Security-Policy: default-src 'none'" in answer


@pytest.mark.parametrize("path", [*HTML_PAGES, "/sparql?" + urlencode({"query": CHEAP})])
def test_the_pages_still_work_under_the_policy(server: Server, path: str) -> None:
    """What the policy allows (no script, styles from /style.css, forms to this server) is
    all the pages use: no inline script, style or event handler, every stylesheet served."""
    _, headers, body = fetch(server.url + path, accept=BROWSER)
    assert headers["Content-Type"].startswith("text/html")
    found = tags(body)
    assert not [t for t, _ in found if t in ("script", "style", "iframe", "object", "embed")]
    assert not [(t, a) for t, a in found for name in a if name == "style"
                or name.startswith("on")]
    sheets = [a["href"] for t, a in found if t == "link" and a.get("rel") == "stylesheet"]
    assert sheets == ["/style.css"]
    status, css_headers, css = fetch(server.url + "/style.css")
    assert status == 200 and css_headers["Content-Type"] == "text/css" and b"{" in css
    for tag, attrs in found:
        if tag == "form":
            assert (attrs.get("action") or "").startswith("/"), attrs
