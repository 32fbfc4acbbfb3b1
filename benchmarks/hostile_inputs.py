"""Time and peak memory of each hostile input's refusal (not a test): the promise is exit 2,
one line, in under 5 s and under 500 MB, for every command that reads the input.

Each case runs ``python -m tipgraph.cli ...`` as a fresh process (cold imports included, as a
user runs it) under an address-space limit of 4 GiB, so a regression ends in a failed case
rather than a machine in swap, and with a 60 s timeout. Its peak resident memory comes from
``wait4`` on that very process. Only 127.0.0.1 is ever contacted (a listener that records and
closes connections stands in for the remote JSON-LD context and the XML external entity, and
must record none). Run from the repository root::

    .venv/bin/python benchmarks/hostile_inputs.py

Exits 1 when a case misses its promise.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TIMEOUT, LIMIT_SECONDS, LIMIT_MIB = 60.0, 5.0, 500.0
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY a "lollollollollol">\n'
          + "".join(f' <!ENTITY {b} "{("&" + a + ";") * 10}">\n'
                    for a, b in zip("abcdefgh", "bcdefghi", strict=True))
          + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
          'xmlns:x="urn:x:">\n <rdf:Description rdf:about="urn:x:a"><x:p>&i;</x:p>'
          "</rdf:Description>\n</rdf:RDF>\n")


def listener() -> tuple[socket.socket, list[bytes]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    seen: list[bytes] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn:
                seen.append(conn.recv(1024))

    threading.Thread(target=accept, daemon=True).start()
    return sock, seen


def run(args: list[str]) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MiB, last stderr line) of one command."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "tipgraph.cli", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               preexec_fn=limit)
    timer = threading.Timer(TIMEOUT, process.kill)
    timer.start()
    assert process.stderr is not None
    err = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = err.strip().splitlines()
    return process.returncode, seconds, usage.ru_maxrss / 1024, (lines[-1] if lines else "")


def cases(tmp: Path, port: int) -> list[tuple[str, list[str]]]:
    (tmp / "remote.jsonld").write_text(
        f'{{"@context": "http://127.0.0.1:{port}/c.jsonld", "@id": "urn:x:a", "urn:x:p": 1}}',
        encoding="utf-8")
    (tmp / "laughs.rdf").write_text(LAUGHS, encoding="utf-8")
    (tmp / "external.rdf").write_text(LAUGHS.split("<!DOCTYPE")[0] + (
        f'<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM "http://127.0.0.1:{port}/e">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="urn:x:">'
        '<rdf:Description rdf:about="urn:x:a"><x:p>&e;</x:p></rdf:Description></rdf:RDF>'),
        encoding="utf-8")
    (tmp / "long.nt").write_text(f'<urn:x:a> <urn:x:p> "{"x" * 10_000_000}" .\n',
                                 encoding="utf-8")
    os.mkfifo(tmp / "fifo.ttl")
    os.mkfifo(tmp / "fifo.txt")
    (tmp / "zero.ttl").symlink_to("/dev/zero")
    (tmp / "u16.txt").write_bytes("JAMAICA: TIER 2\n\nText.\n".encode("utf-16-le"))
    (tmp / "big.nt").write_text("<urn:x:a> <urn:x:p> <urn:x:b> .\n" * 40_000,
                                encoding="utf-8")
    store = "http://127.0.0.1:9/store"
    out: list[tuple[str, list[str]]] = []
    for name in ("remote.jsonld", "laughs.rdf", "external.rdf", "fifo.ttl", "zero.ttl"):
        path = str(tmp / name)
        for command in (["info", path], ["validate", path], ["query", "tier-table", "--graph",
                        path], ["export", "--graph", path, "-f", "csv"],
                        ["stats", "--graph", path], ["serve", path, "--port", "0"],
                        ["publish", path, "--endpoint", store, "--retries", "0"]):
            out.append((f"{name} {command[0]}", command))
    out += [("fifo.txt build", ["build", str(tmp / "fifo.txt"), "-q"]),
            ("/dev/zero build", ["build", "/dev/zero", "-q"]),
            ("u16 no BOM build", ["build", str(tmp / "u16.txt"), "-q"]),
            ("1.3 MB over 1M info", ["info", str(tmp / "big.nt"), "--max-input-size", "1M"]),
            ("10 MB literal info (exit 0)", ["info", str(tmp / "long.nt")])]
    return out


def main() -> int:
    sock, seen = listener()
    failed = 0
    with tempfile.TemporaryDirectory(prefix="tipgraph-hostile-") as tmp:
        print(f"{'case':34} {'rc':>3} {'s':>6} {'MiB':>6}  message")
        for name, args in cases(Path(tmp), sock.getsockname()[1]):
            code, seconds, mib, line = run(args)
            want = 0 if "exit 0" in name else 2
            ok = code == want and seconds < LIMIT_SECONDS and mib < LIMIT_MIB
            failed += not ok
            print(f"{name:34} {code:>3} {seconds:6.2f} {mib:6.0f}  {'' if ok else 'MISSED '}"
                  f"{line[:90]}")
    sock.close()
    print(f"connections to the listener: {len(seen)}")
    return 1 if failed or seen else 0


if __name__ == "__main__":
    sys.exit(main())
