"""Nothing reaches out: no query, by the endpoint or the CLI, opens a network connection.

Every test runs a recording listener on 127.0.0.1 (it answers HTTP 500 and counts the
connections) and points SERVICE / LOAD / FROM at it: a connection, however it came about,
shows up in its count. The endpoint's promise rests on the network jail of its workers
(``tipgraph.core.netjail``), not on the guard reading the text as pyoxigraph does, so the
tests send queries both through the guard and around it (``trusted``), generated from the
lexical pieces SPARQL readers disagree on.
"""

from __future__ import annotations

import contextlib
import errno
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef

from tipgraph.cli.main import main
from tipgraph.core import netjail
from tipgraph.core.errors import OutputError, QueryError
from tipgraph.queries import offline as cli_offline
from tipgraph.queries import parse_query, run_query
from tipgraph.serve.guard import RefusedQueryError, check_query
from tipgraph.serve.pool import QueryPool
from tipgraph.serve.store import prepare_store
from tipgraph.serve.worker import QueryRequest

#: A graph file with no report in it: what is served does not matter here, only that it runs.
GRAPH_TEXT = ('@prefix ex: <http://e/> .\n'
              'ex:a ex:b "SERVICE is a word here" ; ex:c <http://e/#x> .\n')
NEEDS_SECCOMP = pytest.mark.skipif(netjail.available() is not None,
                                   reason=f"no seccomp here: {netjail.available()}")

#: The example of the issue: rdflib expands \u005C first and reads one string up to the
#: comment; the old tokenizer took ex:a\# for a comment; Oxigraph reads a SERVICE clause.
EXAMPLE = ('PREFIX ex: <http://e/>\n'
           'SELECT * WHERE { BIND(ex:a\\# AS ?z) BIND("\\u005C" AS ?x) '
           'SERVICE <http://127.0.0.1:PORT/x> { ?a ?b ?c } # " AS ?x)\n}')


# ---------------------------------------------------------------------- the listener


class Listener:
    """A TCP listener on 127.0.0.1 that counts every connection and answers HTTP 500."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            self._idle.set()
            if not select.select([self.sock], [], [], 0.05)[0]:
                continue
            self._idle.clear()
            with contextlib.suppress(OSError):
                conn, _ = self.sock.accept()
                with conn:
                    conn.settimeout(2)
                    first = b""
                    with contextlib.suppress(OSError):
                        first = conn.recv(65536)
                    self.hits.append(first)
                    with contextlib.suppress(OSError):
                        conn.sendall(b"HTTP/1.1 500 Nope\r\nContent-Length: 0\r\n"
                                     b"Connection: close\r\n\r\n")

    def settle(self, patience: float = 10.0) -> int:
        """The count once no connection waits in the queue and none is being handled.

        Both are needed: a connection the serving thread has just accepted is no longer
        in the queue but not yet counted (CI once read the count in that gap).
        """
        deadline = time.monotonic() + patience
        quiet = 0
        while time.monotonic() < deadline and quiet < 3:
            pending = select.select([self.sock], [], [], 0.02)[0]
            quiet = 0 if pending or not self._idle.is_set() else quiet + 1
            if quiet == 0:
                time.sleep(0.01)
        return len(self.hits)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    running = Listener()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "small.ttl"
    path.write_text(GRAPH_TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(graph_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepare_store([graph_file], tmp_path_factory.mktemp("store")).path


@pytest.fixture(scope="module")
def pool(store: Path) -> Iterator[QueryPool]:
    with QueryPool(store, workers=1, timeout=10) as running:
        yield running


def remote(listener: Listener) -> str:
    return f"http://127.0.0.1:{listener.port}/x"


# ---------------------------------------------------------------------- the jail itself


def test_the_listener_sees_a_connection_made_outside_the_jail(listener: Listener) -> None:
    """The witness works: a plain connection from the test process is counted."""
    before = listener.settle()
    socket.create_connection(("127.0.0.1", listener.port), timeout=5).close()
    assert listener.settle() == before + 1


@NEEDS_SECCOMP
def test_a_jailed_thread_cannot_open_any_socket_and_the_rest_of_the_process_can(
        listener: Listener) -> None:
    before = listener.settle()
    refused: list[str] = []

    def every_way_out() -> None:
        attempts: dict[str, Callable[[], object]] = {
            "tcp": lambda: socket.create_connection(("127.0.0.1", listener.port), timeout=5),
            "tcp6": lambda: socket.socket(socket.AF_INET6, socket.SOCK_STREAM),
            "udp": lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(
                b"x", ("127.0.0.1", listener.port)),
            "unix": lambda: socket.socket(socket.AF_UNIX, socket.SOCK_STREAM),
            "dns": lambda: socket.getaddrinfo("example.org", 80),
            "urlopen": lambda: urllib.request.urlopen(remote(listener), timeout=5),
        }
        for name, attempt in attempts.items():
            try:
                attempt()
            except (OSError, urllib.error.URLError):
                refused.append(name)

    netjail.run_offline(every_way_out)
    assert refused == ["tcp", "tcp6", "udp", "unix", "dns", "urlopen"]
    assert listener.settle() == before
    socket.socket().close()  # this thread is not jailed


def test_the_start_up_check_fails_where_nothing_is_jailed() -> None:
    """The check is real: run without the filter, it reports the socket it could open."""
    with pytest.raises(OutputError) as caught:
        netjail.Probe().check()
    assert caught.value.code == "E634" and "was allowed" in caught.value.message


def test_no_seccomp_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert "Linux" in (netjail.available() or "")
    with pytest.raises(OutputError) as caught:
        netjail.confine_process()  # refused before anything is loaded
    assert caught.value.code == "E634"
    assert netjail.run_offline(lambda: 42, required=False) == 42
    with pytest.raises(OutputError):
        netjail.run_offline(lambda: 42)


# ---------------------------------------------------------------------- the endpoint's workers


@NEEDS_SECCOMP
def test_a_worker_refuses_service_even_when_the_guard_is_skipped(
        pool: QueryPool, listener: Listener) -> None:
    """``trusted`` skips the guard: only the jail stands between pyoxigraph and the listener."""
    before = listener.settle()
    query = f"SELECT * WHERE {{ SERVICE <{remote(listener)}> {{ ?a ?b ?c }} }}"
    answer = pool.run(QueryRequest(query, trusted=True))
    assert (answer.status, answer.code) == (403, "E509"), answer
    assert listener.settle() == before
    assert pool.run(QueryRequest("ASK { ?s ?p ?o }")).body.endswith(b"true}")


def test_an_unconfined_worker_would_have_connected(store: Path, listener: Listener) -> None:
    """Why the jail is there: the same request to a worker without it reaches the listener."""
    before = listener.settle()
    query = f"SELECT * WHERE {{ SERVICE <{remote(listener)}> {{ ?a ?b ?c }} }}"
    with QueryPool(store, workers=1, timeout=10, confine=False) as unconfined:
        unconfined.run(QueryRequest(query, trusted=True))
    assert listener.settle() > before


# ---------------------------------------------------------------------- generated queries

_ESCAPES = [r"\u005C", r"\u005c", r"\U0000005C", r"\u0022", r"\u0027", r"\u0023", r"\u003E",
            r"\u003C", r"\u000A", r"\u0053ERVICE", r"\u007B", r"\u007D"]
_NAMES = [r"ex:a\#", r"ex:a\'", r'ex:a\"', r"ex:a\.b", r"ex:\-x", r"ex:a\\", "ex:a#b"]
_IRIS = ["<http://e/#x>", "<http://e/a#>", "<#>", "<http://e/\\u0023>"]
_QUOTES = ["'", '"', "'''", '"""']


def _strings(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda q, body, close: f"{q}{body}{q if close else ''}",
                     st.sampled_from(_QUOTES), inner, st.booleans())


_ATOM = st.one_of(st.sampled_from(_ESCAPES), st.sampled_from(_NAMES), st.sampled_from(_IRIS),
                  st.sampled_from(["#", "# x", "\n", "\\", " ", "?v", "AS", "(", ")", ".", "'",
                                   '"', "{", "}"]))
_PIECE = st.one_of(_ATOM, _strings(st.lists(_ATOM, max_size=4).map(" ".join)),
                   st.builds(lambda e: f"BIND({e} AS ?b)",
                             st.one_of(_strings(st.lists(_ATOM, max_size=3).map("".join)),
                                       st.sampled_from(_NAMES))))
_KEYWORD = st.sampled_from(["SERVICE", "service", "SERVICE SILENT", "SERVICESILENT",
                            r"\u0053ERVICE", "SERVICE:x", "LOAD"])


@st.composite
def hostile_queries(draw: st.DrawFn, url: str) -> str:
    """A query text with a SERVICE (or LOAD) to ``url`` among pieces readers disagree on."""
    before = draw(st.lists(_PIECE, max_size=5))
    after = draw(st.lists(_PIECE, max_size=4))
    keyword = draw(_KEYWORD)
    if keyword == "SERVICE:x":
        call = "SERVICE:x { ?a ?b ?c }"
    elif keyword == "LOAD":
        call = f"LOAD <{url}>"
    else:
        call = f"{keyword} <{url}> {{ ?a ?b ?c }}"
    sep = draw(st.sampled_from([" ", "\n"]))
    body = sep.join([*before, call, *after])
    head = f"PREFIX ex: <http://e/>\nPREFIX : <{url}>\n"
    if keyword == "LOAD" and draw(st.booleans()):
        return head + body
    return head + f"SELECT * WHERE {{ {body} }}"


def _worker_query_is_harmless(pool: QueryPool, listener: Listener, text: str) -> None:
    before = listener.settle()
    # the guard whole, skipped (trusted), and its tokenizer alone (a pre-parsed query)
    for request in (QueryRequest(text), QueryRequest(text, trusted=True),
                    QueryRequest(text, checked_form="SELECT")):
        answer = pool.run(request)
        assert answer.status in (200, 400, 403, 500), answer
    assert listener.settle() == before, text


def test_a_pre_parsed_query_still_meets_the_guards_tokenizer(pool: QueryPool,
                                                             listener: Listener) -> None:
    """``checked_form`` skips the guard's second parse, not its SERVICE keyword check."""
    before = listener.settle()
    query = f"SELECT * WHERE {{ SERVICE <{remote(listener)}> {{ ?a ?b ?c }} }}"
    answer = pool.run(QueryRequest(query, checked_form="SELECT"))
    assert (answer.status, answer.code) == (403, "E542"), answer
    assert listener.settle() == before
    assert pool.run(QueryRequest("ASK { ?s ?p ?o }", checked_form="ASK")).body.endswith(b"true}")


@NEEDS_SECCOMP
@settings(max_examples=120, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_generated_queries_never_connect_from_a_worker(pool: QueryPool, listener: Listener,
                                                        data: st.DataObject) -> None:
    _worker_query_is_harmless(pool, listener, data.draw(hostile_queries(remote(listener))))


@settings(max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_generated_queries_never_connect_from_the_cli(listener: Listener, tmp_path: Path,
                                                     graph_file: Path,
                                                     data: st.DataObject,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    text = data.draw(hostile_queries(remote(listener)))
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    before = listener.settle()
    with contextlib.suppress(Exception):  # the promise is no connection, whatever the answer
        main(["query", str(path), "--graph", str(graph_file), "--format", "csv"])
    capsys.readouterr()
    assert listener.settle() == before, text


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_generated_queries_never_connect_from_the_cli_on_a_store(
        listener: Listener, tmp_path: Path, store: Path, data: st.DataObject,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``query --graph STORE`` parses once and hands the worker the form: still no way out."""
    text = data.draw(hostile_queries(remote(listener)))
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    before = listener.settle()
    with contextlib.suppress(Exception):
        main(["query", str(path), "--graph", str(store), "--format", "csv"])
    capsys.readouterr()
    assert listener.settle() == before, text


def test_the_generated_pieces_do_reach_out_when_nothing_stops_them(listener: Listener) -> None:
    """The generator is not toothless: pyoxigraph alone connects for such texts, and some
    of them are misread by the guard's parsers (the jail is what stops those)."""
    url = remote(listener)
    texts = [
        EXAMPLE.replace("http://127.0.0.1:PORT/x", url),
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ BIND(ex:a\\' AS ?b) "
        f"SERVICE <{url}> {{ ?a ?b ?c }} }}",
        f'SELECT * WHERE {{ BIND("\\u005C" AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} }} #" AS ?y) }}',
    ]
    for text in texts:
        before = listener.settle()
        with contextlib.suppress(OSError):
            list(ox.Store().query(text))  # type: ignore[arg-type]
        assert listener.settle() > before, text


# ---------------------------------------------------------------------- tipgraph serve


def _serve(graph_file: Path, args: list[str]) -> tuple[subprocess.Popen[str], str]:
    """Start ``tipgraph serve`` on a free port; (process, base URL or '' if it exited)."""
    command = [sys.executable, "-m", "tipgraph.cli", "serve", str(graph_file), "--port", "0",
               "-q", *args]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if line.startswith("serving at "):
            process.stderr_text = "".join(lines)  # type: ignore[attr-defined]
            return process, line.split()[2].rstrip("/")
    process.wait(timeout=30)
    process.stderr.close()
    process.stderr_text = "".join(lines)  # type: ignore[attr-defined]
    return process, ""


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
    if process.stderr is not None:
        process.stderr.close()


def _request(url: str, data: bytes | None = None, content_type: str | None = None
             ) -> tuple[int, bytes]:
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_the_example_of_the_issue_is_refused_by_get_and_both_posts(listener: Listener,
                                                                   graph_file: Path) -> None:
    query = EXAMPLE.replace("127.0.0.1:PORT", f"127.0.0.1:{listener.port}")
    before = listener.settle()
    process, base = _serve(graph_file, [])
    try:
        assert base, getattr(process, "stderr_text", "")
        answers = [
            _request(f"{base}/sparql?" + urlencode({"query": query})),
            _request(f"{base}/sparql", urlencode({"query": query}).encode(),
                     "application/x-www-form-urlencoded"),
            _request(f"{base}/sparql", query.encode(), "application/sparql-query"),
        ]
    finally:
        _stop(process)
    assert listener.settle() == before
    for status, body in answers:
        assert status == 403 and body.startswith(b"E542"), (status, body)


def test_the_guard_alone_refuses_the_example() -> None:
    with pytest.raises(RefusedQueryError) as caught:
        check_query(EXAMPLE.replace("PORT", "8123"))
    assert caught.value.code == "E542"


def _without_seccomp() -> None:
    """Make this thread (and the processes it starts) unable to load a seccomp filter, as
    in a container whose runtime forbids it: seccomp() is ENOSYS, prctl(PR_SET_SECCOMP)
    EPERM."""
    import pyseccomp

    rules = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    rules.add_rule(pyseccomp.ERRNO(errno.ENOSYS), "seccomp")
    rules.add_rule(pyseccomp.ERRNO(errno.EPERM), "prctl",
                   pyseccomp.Arg(0, pyseccomp.EQ, 22))  # PR_SET_SECCOMP
    rules.load()


def _in_thread(function: Callable[[], object]) -> object:
    box: list[object] = []
    thread = threading.Thread(target=lambda: box.append(function()))
    thread.start()
    thread.join()
    return box[0]


@NEEDS_SECCOMP
def test_serve_refuses_to_start_unjailed_unless_told(graph_file: Path) -> None:
    def start_both() -> list[tuple[int | None, str, str]]:
        _without_seccomp()
        results = []
        for args in ([], ["--unconfined-queries"]):
            process, base = _serve(graph_file, args)
            status = None
            if base:
                status = _request(f"{base}/sparql?" + urlencode({"query": "ASK {}"}))[0]
                _stop(process)
            results.append((process.returncode if not base else status, base,
                            process.stderr_text))  # type: ignore[attr-defined]
        return results

    refused, unconfined = _in_thread(start_both)  # type: ignore[misc]
    code, base, err = refused
    assert code == 2 and not base
    assert err.strip().splitlines()[-1].startswith("tipgraph: E634:"), err
    assert "--unconfined-queries" in err and "Traceback" not in err
    status, base, err = unconfined
    assert base and status == 200
    assert "WARNING: --unconfined-queries" in err and "E634" not in err


# ---------------------------------------------------------------------- tipgraph query


def _one_line(capsys: pytest.CaptureFixture[str], code: str) -> None:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and code in err and "Traceback" not in err, err


@pytest.mark.parametrize(("text", "code"), [
    ("SELECT * WHERE { SERVICE <URL> { ?a ?b ?c } }", "E506"),
    ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT <URL> { } } }", "E506"),
    ("SELECT * WHERE { { SELECT * WHERE { SERVICE <URL> { ?a ?b ?c } } } }", "E506"),
    ("LOAD <URL>", "E507"),
    ("LOAD SILENT <URL> INTO GRAPH <http://e/g>", "E507"),
    ("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "E507"),
])
def test_cli_refuses_before_running_in_one_line(text: str, code: str, tmp_path: Path,
                                                listener: Listener, graph_file: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "q.rq"
    path.write_text(text.replace("URL", remote(listener)), encoding="utf-8")
    before = listener.settle()
    assert main(["query", str(path), "--graph", str(graph_file)]) == 2
    _one_line(capsys, code)
    assert listener.settle() == before


# rdflib 7.6's Dataset.query calls its own deprecated API (not tipgraph's doing)
@pytest.mark.filterwarnings(r"ignore:Dataset\.[a-z_]+ is deprecated:DeprecationWarning")
def test_from_a_graph_the_dataset_lacks_is_refused(listener: Listener) -> None:
    dataset = Dataset()
    dataset.graph(URIRef("http://e/g")).add((URIRef("http://e/a"), URIRef("http://e/b"),
                                             Literal(1)))
    query = parse_query(f"SELECT * FROM <{remote(listener)}> WHERE {{ ?s ?p ?o }}",
                        name="from.rq", source="from.rq")
    before = listener.settle()
    with pytest.raises(QueryError) as caught:
        run_query(dataset, query)
    assert caught.value.code == "E508" and listener.settle() == before
    held = parse_query("SELECT ?o FROM <http://e/g> WHERE { ?s ?p ?o }", name="h.rq",
                       source="h.rq")
    assert [row[0] for row in run_query(dataset, held)] == [Literal(1)]


@NEEDS_SECCOMP
def test_cli_evaluation_is_jailed_too(listener: Listener,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """With the tree check switched off, rdflib's own SERVICE call meets the jail: E509."""
    monkeypatch.setattr(cli_offline, "refuse_remote", lambda query, source: None)
    query = parse_query(f"SELECT * WHERE {{ SERVICE <{remote(listener)}> {{ ?a ?b ?c }} }}",
                        name="s.rq", source="s.rq")
    from tipgraph.queries import _prepared

    _prepared.cache_clear()
    before = listener.settle()
    try:
        with pytest.raises(QueryError) as caught:
            run_query(Graph(), query)
    finally:
        _prepared.cache_clear()
    assert caught.value.code == "E509" and listener.settle() == before


def test_the_cli_evaluates_the_checked_tree_not_the_text(listener: Listener, tmp_path: Path,
                                                        graph_file: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    """rdflib reads the example as one string; it runs that reading, so nothing calls out."""
    path = tmp_path / "example.rq"
    path.write_text(EXAMPLE.replace("127.0.0.1:PORT", f"127.0.0.1:{listener.port}"),
                    encoding="utf-8")
    before = listener.settle()
    assert main(["query", str(path), "--graph", str(graph_file), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "SERVICE" in out  # inside the string rdflib read
    assert listener.settle() == before
