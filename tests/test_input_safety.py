"""Hostile inputs: nothing reaches out, nothing blows up, every refusal is one line and exit 2.

Files that made a command fetch a URL, hang or allocate gigabytes, each given to every command
that reads it. A local listener on 127.0.0.1 records any connection a command makes. Cases
that used to hang or exhaust memory run in a subprocess with a generous timeout and an
address-space limit, so a regression fails the test instead of the machine; how long and
how much memory each refusal takes is measured by benchmarks/hostile_inputs.py, not here.
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tipgraph.cli.main import main
from tipgraph.core.errors import InputError
from tipgraph.core.inputfile import decode_text, parse_size, read_input
from tipgraph.extract.sample import sample_text
from tipgraph.extract.source import read_source

HANG_GUARD = 120  # seconds: only so that a regression fails instead of hanging the suite
MEMORY_GUARD = 4 * 1024 ** 3  # address space of a subprocess, so a regression cannot swap


class Listener:
    """A TCP listener on 127.0.0.1 that records and closes every connection it gets."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(0.5)
                try:
                    self.connections.append(conn.recv(4096))
                except OSError:
                    self.connections.append(b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    try:
        yield server
    finally:
        server.close()


def run_cli(args: list[str], *, stdin: bytes | None = None,
            timeout: float = HANG_GUARD) -> subprocess.CompletedProcess[bytes]:
    """``tipgraph ARGS`` in a subprocess, bounded in time and address space."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_GUARD, MEMORY_GUARD))

    return subprocess.run([sys.executable, "-m", "tipgraph.cli", *args], input=stdin,
                          capture_output=True, timeout=timeout, preexec_fn=limit,
                          check=False)


def one_line(err: str | bytes, code: str) -> str:
    text = err.decode() if isinstance(err, bytes) else err
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert code in lines[0], text
    assert "Traceback" not in text
    return lines[0]


#: The commands that read a graph file, with how they are given one.
GRAPH_COMMANDS = {
    "info": lambda g: ["info", g],
    "validate": lambda g: ["validate", g, "-q"],
    "query": lambda g: ["query", "tier-table", "--graph", g],
    "export": lambda g: ["export", "--graph", g, "-f", "csv"],
    "stats": lambda g: ["stats", "--graph", g],
}


# ----------------------------------------------------------------------- JSON-LD contexts
def _remote_context(tmp_path: Path, listener: Listener) -> tuple[Path, str]:
    url = listener.url("context.jsonld")
    path = tmp_path / "remote.jsonld"
    path.write_text(f'{{"@context": "{url}", "@id": "urn:x:a", "name": "A"}}',
                    encoding="utf-8")
    return path, url


@pytest.mark.parametrize("command", sorted(GRAPH_COMMANDS))
def test_jsonld_remote_context_is_never_fetched(tmp_path: Path, listener: Listener,
                                                command: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path, url = _remote_context(tmp_path, listener)
    assert main(GRAPH_COMMANDS[command](str(path))) == 2
    line = one_line(capsys.readouterr().err, "E115")
    assert url in line
    assert listener.connections == []


def test_jsonld_context_inside_a_context_is_never_fetched(
        tmp_path: Path, listener: Listener, capsys: pytest.CaptureFixture[str]) -> None:
    url = listener.url("imported.jsonld")
    path = tmp_path / "nested.jsonld"
    path.write_text(f'{{"@context": {{"@version": 1.1, "@import": "{url}"}}, "@graph": '
                    f'[{{"@id": "urn:x:a", "urn:x:p": {{"@context": ["{url}"], '
                    '"@id": "urn:x:b"}}]}', encoding="utf-8")
    assert main(["info", str(path)]) == 2
    assert url in one_line(capsys.readouterr().err, "E115")
    assert listener.connections == []


@pytest.mark.parametrize("command", ["serve", "publish"])
def test_jsonld_remote_context_refused_by_serve_and_publish(tmp_path: Path, listener: Listener,
                                                            command: str) -> None:
    path, url = _remote_context(tmp_path, listener)
    args = (["serve", str(path), "--port", "0"] if command == "serve" else
            ["publish", str(path), "--endpoint", listener.url("store"), "--retries", "0"])
    done = run_cli(args)
    assert done.returncode == 2, done.stderr
    assert url in one_line(done.stderr, "E115")
    assert listener.connections == []


def test_jsonld_with_inline_context_still_loads(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "inline.jsonld"
    path.write_text('{"@context": {"tip": "https://w3id.org/tipgraph/ontology#"}, '
                    '"@id": "urn:x:a", "tip:name": "A"}', encoding="utf-8")
    assert main(["info", str(path)]) == 0
    assert "1 triples" in capsys.readouterr().out


# ----------------------------------------------------------------------- XML entities
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "lollollollollollollollollollol">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="urn:x:">
 <rdf:Description rdf:about="urn:x:a"><x:p>&i;</x:p></rdf:Description>
</rdf:RDF>
"""

GOOD_XML = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="urn:x:">
 <rdf:Description rdf:about="urn:x:a"><x:p>plain</x:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("command", ["info", "validate", "query", "export", "stats", "serve",
                                     "publish"])
def test_billion_laughs_is_refused_by_every_command(tmp_path: Path, command: str) -> None:
    path = tmp_path / "laughs.rdf"
    path.write_text(LAUGHS, encoding="utf-8")
    if command == "serve":
        args = ["serve", str(path), "--port", "0"]
    elif command == "publish":
        args = ["publish", str(path), "--endpoint", "http://127.0.0.1:9/store", "--retries", "0"]
    else:
        args = GRAPH_COMMANDS[command](str(path))
    done = run_cli(args)
    assert done.returncode == 2, done.stderr[-500:]
    assert "entity a" in one_line(done.stderr, "E116")


@pytest.mark.parametrize("doctype", ["entity", "dtd"])
def test_xml_external_entity_or_dtd_is_never_fetched(tmp_path: Path, listener: Listener,
                                                     doctype: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    url = listener.url("secret.dtd")
    head = (f'<!DOCTYPE rdf:RDF [<!ENTITY ext SYSTEM "{url}">]>' if doctype == "entity"
            else f'<!DOCTYPE rdf:RDF SYSTEM "{url}">')
    path = tmp_path / "external.rdf"
    path.write_text(GOOD_XML.replace("<!DOCTYPE rdf:RDF>", head).replace("plain", "&ext;"),
                    encoding="utf-8")
    assert main(["info", str(path)]) == 2
    assert url in one_line(capsys.readouterr().err, "E116")
    assert listener.connections == []


def test_xml_with_a_doctype_that_declares_nothing_loads(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    path = tmp_path / "plain.rdf"
    path.write_text(GOOD_XML, encoding="utf-8")
    assert main(["info", str(path)]) == 0
    assert "1 triples" in capsys.readouterr().out


# ----------------------------------------------------------------------- long lines
@pytest.mark.parametrize("suffix", [".nt", ".nq"])
def test_a_ten_megabyte_literal_loads(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"long{suffix}"
    graph = " <urn:x:g>" if suffix == ".nq" else ""
    path.write_text(f'<urn:x:a> <urn:x:p> "{"x" * 10_000_000}"{graph} .\r\n'
                    f'<urn:x:a> <urn:x:q> "short"{graph} .\r', encoding="utf-8")
    done = run_cli(["info", str(path)])
    assert done.returncode == 0, done.stderr
    assert f"{path}: 2 triples" in done.stdout.decode()


def test_line_parsers_read_what_rdflib_reads(tmp_path: Path) -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from tipgraph.graph.load import load_graph

    text = ('<urn:x:a> <urn:x:p> "caf\\u00e9"@fr .\n_:b <urn:x:p> "1"^^<urn:x:t> .\r\n'
            '# a comment\r<urn:x:a> <urn:x:q> _:b .')
    path = tmp_path / "mixed.nt"
    path.write_text(text, encoding="utf-8")
    assert isomorphic(load_graph(path), Graph().parse(data=text, format="nt"))
    quads = text.replace(" .", " <urn:x:g> .", 2) + " <urn:x:h> .\n"
    path = tmp_path / "mixed.nq"
    path.write_text(quads.replace("q> _:b .", "q> _:b"), encoding="utf-8")
    from rdflib import Dataset

    expected = Graph()
    with warnings.catch_warnings():  # rdflib's own N-Quads parser uses deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        parsed = Dataset().parse(data=path.read_text(encoding="utf-8"), format="nquads")
        for s, p, o, _ in parsed.quads((None, None, None, None)):
            expected.add((s, p, o))
    assert len(expected) == 3 and isomorphic(load_graph(path), expected)


# ----------------------------------------------------------------------- not regular files
ALL_COMMANDS = ["build", "info", "validate", "query", "export", "stats", "serve", "publish"]


def _args(command: str, path: str) -> list[str]:
    if command == "build":
        return ["build", path, "-q"]
    if command == "serve":
        return ["serve", path, "--port", "0"]
    if command == "publish":
        return ["publish", path, "--endpoint", "http://127.0.0.1:9/store", "--retries", "0"]
    return GRAPH_COMMANDS[command](path)


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / ("fifo.txt" if command == "build" else "fifo.ttl")
    os.mkfifo(fifo)
    done = run_cli(_args(command, str(fifo)))
    assert done.returncode == 2, done.stderr[-500:]
    assert "FIFO" in one_line(done.stderr, "E108")


@pytest.mark.parametrize("command", ["build", "serve", "info"])
def test_dev_zero_is_refused(tmp_path: Path, command: str) -> None:
    zero = tmp_path / ("zero.txt" if command == "build" else "zero.ttl")
    zero.symlink_to("/dev/zero")
    done = run_cli(_args(command, str(zero)))
    assert done.returncode == 2, done.stderr[-500:]
    assert "character device" in one_line(done.stderr, "E108")


# ----------------------------------------------------------------------- size limit, stdin
def test_size_limit_refuses_with_the_way_out_and_the_flag_raises_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.txt"
    report.write_text(sample_text(), encoding="utf-8")
    out = tmp_path / "out.nt"
    assert main(["build", str(report), "-o", str(out), "-q", "--max-input-size", "100K"]) == 2
    line = one_line(capsys.readouterr().err, "E109")
    assert "--max-input-size" in line and "100 KiB" in line
    assert not out.exists()
    graph = tmp_path / "g.nt"
    graph.write_text("<urn:x:a> <urn:x:p> <urn:x:b> .\n" * 100, encoding="utf-8")
    assert main(["info", str(graph), "--max-input-size", "1K"]) == 2
    one_line(capsys.readouterr().err, "E109")
    assert main(["info", str(graph), "--max-input-size", "4K"]) == 0


def test_max_input_size_parses_units() -> None:
    assert parse_size("300") == 300
    assert parse_size("64M") == 64 * 1024 ** 2
    assert parse_size("1.5g") == 3 * 1024 ** 3 // 2
    assert parse_size("2MiB") == 2 * 1024 ** 2
    for bad in ["", "ten", "0", "-5M"]:
        with pytest.raises(ValueError):
            parse_size(bad)


def test_bad_max_input_size_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["info", "x.ttl", "--max-input-size", "lots"])
    assert exited.value.code == 2
    assert "lots" in capsys.readouterr().err


def test_build_reads_stdin_for_dash_within_the_limit(tmp_path: Path) -> None:
    text = "JAMAICA: TIER 2\n\nThe government identified 8 victims in 2016.\n"
    out = tmp_path / "out.nt"
    done = run_cli(["build", "-", "-o", str(out), "-q"], stdin=text.encode())
    assert done.returncode == 0, done.stderr
    assert "<stdin>" in out.read_text(encoding="utf-8")
    done = run_cli(["build", "-", "-q", "--max-input-size", "10"], stdin=text.encode())
    assert done.returncode == 2
    assert "<stdin>" in one_line(done.stderr, "E109")
    done = run_cli(["build", "-", "-", "-q"], stdin=text.encode())
    assert done.returncode == 2
    assert "more than once" in one_line(done.stderr, "E118")


def test_read_input_stops_one_byte_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 10)
    assert read_input(path, max_size=10) == b"x" * 10
    with pytest.raises(InputError) as err:
        read_input(path, max_size=9)
    assert err.value.code == "E109"


# ----------------------------------------------------------------------- encodings
@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"),
                                          ("utf-16-be", b"\xfe\xff"),
                                          ("utf-8", b"\xef\xbb\xbf"),
                                          ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_a_report_with_a_byte_order_mark_reads_as_its_text(tmp_path: Path, encoding: str,
                                                          bom: bytes) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bom + sample_text().encode(encoding))
    assert read_source(path).text == sample_text()
    assert decode_text("x", path.read_bytes())[1] == encoding.upper()


def test_utf16_without_bom_is_named_not_called_binary(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(sample_text().encode("utf-16-le"))
    assert main(["build", str(path), "-q"]) == 2
    assert "UTF-16-LE" in one_line(capsys.readouterr().err, "E110")


def test_broken_utf16_names_the_encoding_and_offset() -> None:
    data = b"\xff\xfe" + "JAMAICA".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    with pytest.raises(InputError) as err:
        decode_text("r.txt", data)
    assert err.value.code == "E110"
    assert "UTF-16-LE" in str(err.value) and "offset 16" in str(err.value)


def test_a_utf16_graph_file_with_bom_loads(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.ttl"
    path.write_bytes(b"\xff\xfe" + '<urn:x:a> <urn:x:p> "Côte" .\n'.encode("utf-16-le"))
    assert main(["info", str(path)]) == 0
    assert "1 triples" in capsys.readouterr().out


# ----------------------------------------------------------------------- SIGTERM, stale .tmp
CHILD = """
import sys, time
from pathlib import Path
import tipgraph.cli.build as build
from tipgraph.cli.main import main
from tipgraph.core.atomic import atomic_writer

def slow(args):
    with atomic_writer(Path(args.output)) as fh:
        fh.write(b"half a graph")
        print("writing", flush=True)
        time.sleep(60)
    return 0

build.run = slow
sys.exit(main(["build", "-o", sys.argv[1]]))
"""


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(out)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline() == b"writing\n"
        assert len(list(tmp_path.iterdir())) == 1  # the temporary file
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=HANG_GUARD)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == 143, err
    assert b"terminated" in err
    assert list(tmp_path.iterdir()) == []


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_next_write_removes_only_dead_writers_temporaries(tmp_path: Path) -> None:
    from tipgraph.core.atomic import _host, write_bytes_atomic

    host = _host()
    dead = tmp_path / f".out.ttl.tipgraph-{host}-{_dead_pid()}-abc123.tmp"
    other_target = tmp_path / f".other.nt.tipgraph-{host}-{_dead_pid()}-x_9.tmp"
    live = tmp_path / f".out.ttl.tipgraph-{host}-{os.getppid()}-abc123.tmp"
    elsewhere = tmp_path / f".out.ttl.tipgraph-otherhost-{_dead_pid()}-abc123.tmp"
    foreign = tmp_path / ".out.ttl.k2j3h4.tmp"  # not our pattern (another program's)
    for path in (dead, other_target, live, elsewhere, foreign):
        path.write_bytes(b"partial")
    link = tmp_path / f".link.ttl.tipgraph-{host}-{_dead_pid()}-abc123.tmp"
    link.symlink_to(foreign)
    write_bytes_atomic(tmp_path / "out.ttl", b"whole")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([*(p.name for p in (live, elsewhere, foreign, link)), "out.ttl"])


# ----------------------------------------------------------------------- the second line
def test_a_request_a_guard_missed_is_refused_and_named(tmp_path: Path, listener: Listener,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the JSON-LD check to miss a context, the parse still makes no request (E117)."""
    import tipgraph.graph.load as load

    monkeypatch.setattr(load, "check_jsonld", lambda _name, _text: None)
    path, url = _remote_context(tmp_path, listener)
    with pytest.raises(InputError) as err:
        load.load_graph(path)
    assert err.value.code == "E117" and url in str(err.value)
    assert listener.connections == []


def test_no_network_blocks_only_inside_the_block(listener: Listener) -> None:
    import urllib.request

    from tipgraph.core.nonetwork import no_network

    with no_network("a test") as blocked, pytest.raises(OSError):
        urllib.request.urlopen(listener.url("inside"), timeout=5)
    assert blocked.attempts == [listener.url("inside")]
    with pytest.raises(OSError):  # the listener closes without answering
        urllib.request.urlopen(listener.url("outside"), timeout=5)
    assert len(listener.connections) == 1 and b"/outside" in listener.connections[0]


@pytest.mark.parametrize("bom,encoding", [(b"", "utf-8"), (b"\xef\xbb\xbf", "utf-8"),
                                          (b"\xff\xfe", "utf-16-le")])
def test_serve_and_publish_read_graph_files_in_every_encoding(tmp_path: Path, bom: bytes,
                                                              encoding: str) -> None:
    from tipgraph.serve.store import read_graph_file

    path = tmp_path / "g.nt"
    path.write_bytes(bom + '<urn:x:a> <urn:x:p> "Côte" .\n'.encode(encoding))
    (triple,) = read_graph_file(path)[None]
    assert triple.object.value == "Côte"
