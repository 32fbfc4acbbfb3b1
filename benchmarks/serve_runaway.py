"""Runaway benchmark of ``tipgraph serve`` (not a test): cheap queries with 10 % runaway traffic.

The target (docs/security-serve.md): with one request in ten a runaway query, cheap queries
keep at least half their throughput and none of them fails. Three phases against one server,
started as a second process on a free loopback port over the synthetic report-shaped graph
of ``serve_load.py``:

1. ``baseline``: ``--clients`` threads send the cheap mix of ``serve_load.py`` (SPARQL
   listings and aggregates, ASK, ``/data`` documents, ``/page`` HTML) back to back, each on
   its own keep-alive connection, ``--requests`` in all.
2. ``runaway-repeated``: the same, while a dispatcher sends runaway queries (a cross product
   that only the time limit stops) at one ninth of the baseline's throughput, so that they
   are 10 % of the requests at that rate (more if cheap queries slow down): three texts,
   each sent again and again, as a retried or scheduled query is.
3. ``runaway-distinct``: the same with every runaway text new (a counter in a comment), so
   that no memory of slow texts can help: only the per-query demotion can.

Each runaway request runs in a thread of its own (at most ``--max-in-flight`` at once, the
rest counted as not sent), so a slow answer never slows the cheap clients' sending. A cheap
request that does not answer 200 is an error (503 busy included). Afterwards the server must
still answer correctly, or the script exits 1; it also exits 1 when a phase misses the
target. Only 127.0.0.1 is ever contacted, and every loop is bounded.

    .venv/bin/python benchmarks/serve_runaway.py
    .venv/bin/python benchmarks/serve_runaway.py --server-python /other/checkout/.venv/bin/python
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_load import (
    COUNT_NARRATIVES,
    HEAVY,
    free_port,
    get,
    mix,
    print_rows,
    stop,
    synthetic_graph,
)

#: Loopback source addresses (all of 127.0.0.0/8 is this machine): the cheap clients and the
#: runaway sender are two clients to the server, as they are in the wild; each phase has a
#: runaway sender of its own, which the server has not seen before.
CHEAP_FROM = "127.0.0.2"
RUNAWAY_FROM = {"runaway-repeated": "127.0.0.3", "runaway-distinct": "127.0.0.4"}

RUNAWAY_TEXTS = [HEAVY, HEAVY.replace("?r }", "?r . ?s ?t ?u }"),
                 HEAVY.replace("COUNT(*)", "COUNT(?a)")]


def cheap_phase(port: int, requests: list[tuple[str, str]], clients: int) -> dict[str, object]:
    """Send ``requests`` with ``clients`` keep-alive connections; the cheap side's figures."""
    lock = threading.Lock()
    cursor = iter(range(len(requests)))
    latencies: list[float] = []
    errors: collections.Counter[str] = collections.Counter()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                          source_address=(CHEAP_FROM, 0))
        try:
            while True:
                with lock:
                    index = next(cursor, None)
                if index is None:
                    return
                path, accept = requests[index]
                started = time.perf_counter()
                try:
                    conn.request("GET", path, headers={"Accept": accept})
                    answer = conn.getresponse()
                    body = answer.read()
                    status = answer.status
                    if answer.getheader("Connection", "").lower() == "close":
                        conn.close()
                except (OSError, http.client.HTTPException):
                    status, body = 0, b""
                    conn.close()
                took = time.perf_counter() - started
                with lock:
                    if status == 200:
                        latencies.append(took)
                    else:
                        errors[f"{status} {body[:4].decode('ascii', 'replace')}"] += 1
        finally:
            conn.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    seconds = time.perf_counter() - started
    ordered = sorted(latencies)
    return {"requests": len(requests), "seconds": round(seconds, 2),
            "cheap_rps": round(len(requests) / seconds, 1),
            "median_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
            "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000, 1)
            if ordered else None,
            "cheap_errors": sum(errors.values()), "cheap_error_kinds": dict(errors)}


class Runaways:
    """Sends runaway queries at ``rate`` per second until stopped, each in its own thread."""

    def __init__(self, port: int, rate: float, distinct: bool, max_in_flight: int,
                 source: str) -> None:
        self.port, self.rate, self.distinct, self.source = port, rate, distinct, source
        self.slots = threading.BoundedSemaphore(max_in_flight)
        self.outcomes: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []
        self.sent = 0
        self.dispatcher = threading.Thread(target=self._dispatch, daemon=True)

    def _one(self, text: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60,
                                          source_address=(self.source, 0))
        try:
            conn.request("GET", "/sparql?" + urlencode({"query": text}),
                         headers={"Accept": "application/sparql-results+json"})
            answer = conn.getresponse()
            status, body = answer.status, answer.read()
            outcome = f"{status} {body[:4].decode('ascii', 'replace')}"
        except (OSError, http.client.HTTPException) as exc:
            outcome = f"failed {type(exc).__name__}"
        finally:
            conn.close()
            self.slots.release()
        with self.lock:
            self.outcomes[outcome] += 1

    def _dispatch(self) -> None:
        number = 0
        next_at = time.perf_counter()
        while not self.stop.is_set():
            next_at += 1.0 / self.rate
            self.stop.wait(max(0.0, next_at - time.perf_counter()))
            if self.stop.is_set():
                return
            text = RUNAWAY_TEXTS[number % len(RUNAWAY_TEXTS)]
            if self.distinct:
                text += f" # runaway {number}"
            number += 1
            if not self.slots.acquire(blocking=False):
                with self.lock:
                    self.outcomes["not sent (too many in flight)"] += 1
                continue
            self.sent += 1
            thread = threading.Thread(target=self._one, args=(text,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def __enter__(self) -> Runaways:
        self.dispatcher.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.dispatcher.join(timeout=5)
        for thread in self.threads:
            thread.join(timeout=120)


def main(argv: list[str] | None = None) -> int:
    """Run the three phases; print one table (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10000, help="cheap requests per phase")
    parser.add_argument("--clients", type=int, default=8, help="cheap clients at once")
    parser.add_argument("--workers", type=int, default=2, help="server query workers")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="server query time limit (default: the server's own, 10 s)")
    parser.add_argument("--share", type=float, default=0.10, help="runaway share of requests")
    parser.add_argument("--max-in-flight", type=int, default=200,
                        help="runaway requests waiting for an answer at most")
    parser.add_argument("--server-python", default=sys.executable,
                        help="the Python whose tipgraph serves (another checkout's venv)")
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="tipgraph-runaway-") as tmp:
        graph = Path(tmp) / "bench.ttl"
        narratives = synthetic_graph(graph)
        print(f"synthetic graph: {narratives} narratives, {graph.stat().st_size:,} bytes",
              file=sys.stderr)
        port = free_port()
        server = subprocess.Popen(
            [args.server_python, "-m", "tipgraph.cli", "serve", str(graph), "--store",
             str(Path(tmp) / "store"), "--port", str(port), "--workers", str(args.workers),
             "--timeout", str(args.timeout), "-q"], stdin=subprocess.DEVNULL)
        rows: list[dict[str, object]] = []
        healthy = False
        try:
            for _ in range(600):  # bounded: at most ~60 s to load and start
                try:
                    if get(port, "/sparql?query=ASK%7B%7D", "application/json")[0] == 200:
                        break
                except OSError:
                    if server.poll() is not None:
                        print("the server exited", file=sys.stderr)
                        return 1
                    time.sleep(0.1)
            count = "/sparql?" + urlencode({"query": COUNT_NARRATIVES})
            expected = json.loads(get(port, count, "application/json")[1])
            iso3s = get(port, "/sparql?" + urlencode({
                "query": "PREFIX tip: <https://w3id.org/tipgraph/ontology#> SELECT ?c WHERE "
                         "{ ?n a tip:CountryNarrative ; tip:country/tip:iso3 ?c } ORDER BY ?c",
                "format": "csv"}), "text/csv")[1].decode().split()[1:]
            cheap = mix(iso3s, 2017)
            batch = [cheap[i % len(cheap)] for i in range(args.requests)]
            cheap_phase(port, batch[: max(50, args.requests // 10)], args.clients)  # warm up
            baseline = cheap_phase(port, batch, args.clients)
            baseline["phase"] = "baseline"
            rows.append(baseline)
            rate = float(baseline["cheap_rps"]) * args.share / (1 - args.share)  # type: ignore[arg-type]
            for name, distinct in (("runaway-repeated", False), ("runaway-distinct", True)):
                with Runaways(port, rate, distinct, args.max_in_flight,
                              RUNAWAY_FROM[name]) as runaways:
                    row = cheap_phase(port, batch, args.clients)
                sent = runaways.sent
                offered = sent + runaways.outcomes["not sent (too many in flight)"]
                row.update(phase=name, runaway_rate=round(rate, 1), runaway_sent=sent,
                           runaway_share=round(sent / (sent + args.requests), 3),
                           runaway_offered=round(offered / (offered + args.requests), 3),
                           runaway_outcomes=dict(runaways.outcomes),
                           ratio=round(float(row["cheap_rps"])  # type: ignore[arg-type]
                                       / float(baseline["cheap_rps"]), 2))  # type: ignore[arg-type]
                rows.append(row)
            time.sleep(args.timeout + 1)  # the last runaway ends; its worker is replaced
            healthy = json.loads(get(port, count, "application/json")[1]) == expected
        finally:
            stop(server)

    print_rows(("phase", "cheap_rps", "ratio", "median_ms", "p99_ms", "cheap_errors",
                "runaway_sent", "runaway_share", "runaway_offered"), rows)
    for row in rows[1:]:
        print(f"{row['phase']}: runaway answers {row['runaway_outcomes']}; cheap errors "
              f"{row['cheap_error_kinds']}")
    print(f"after the load: {'answers correctly' if healthy else 'WRONG OR DOWN'}")
    if args.json:
        print(json.dumps(rows, indent=1))
    met = all(float(r["ratio"]) >= 0.5 and r["cheap_errors"] == 0  # type: ignore[arg-type]
              for r in rows[1:])
    print(f"target (ratio >= 0.5, no cheap errors): {'met' if met else 'MISSED'}")
    return 0 if healthy and met else 1


if __name__ == "__main__":
    sys.exit(main())
