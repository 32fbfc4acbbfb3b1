"""Load benchmark of ``tipgraph serve`` (not a test): throughput and latency by concurrency.

Starts ``tipgraph serve`` as a second process on a free loopback port, then drives it from
this process with a bounded number of requests at several concurrency levels, each client
thread on its own keep-alive connection, and reports throughput, median and p99 latency and
errors per level. The request mix is what a linked-data server sees: SPARQL SELECT (a listing
and an aggregate), ASK, RDF documents (``/data/...ttl``) and HTML pages (``/page/...``, four
queries each). A last level runs the same mix while one more client sends nothing but
runaway queries back to back, which the time limit must stop (503 E544, counted as
"stopped"): the rest must still be served, since one slow query holds one worker only.
Answers are counted as ok (200), busy (503 E546: every worker taken for the whole queue
wait) or errors (anything else). Afterwards the server must still answer correctly, or the
script exits 1.

Only 127.0.0.1 is ever contacted. Run from the repository root::

    .venv/bin/python benchmarks/serve_load.py                  # synthetic graph, 4 levels
    .venv/bin/python benchmarks/serve_load.py --graph out.trig --requests 400 --levels 1 8 32
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

HEAVY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
         "?m ?n1 ?o . ?p ?q ?r }")
TIERS = ("PREFIX tip: <https://w3id.org/tipgraph/ontology#> "
         "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
         "SELECT ?n ?label ?tier WHERE { ?n a tip:CountryNarrative ; rdfs:label ?label . "
         "OPTIONAL { ?n tip:tier/skos:prefLabel ?tier } } ORDER BY ?label LIMIT 50")
FLOWS = ("PREFIX tip: <https://w3id.org/tipgraph/ontology#> "
         "SELECT ?d (COUNT(?f) AS ?n) WHERE { ?f a tip:TraffickingFlow ; tip:destination ?d } "
         "GROUP BY ?d ORDER BY DESC(?n) LIMIT 20")
COUNT_NARRATIVES = ("PREFIX tip: <https://w3id.org/tipgraph/ontology#> "
                    "SELECT (COUNT(?n) AS ?c) WHERE { ?n a tip:CountryNarrative }")


def synthetic_graph(path: Path, year: int = 2017, sentences: int = 30) -> int:
    """Write a report-shaped graph (every country of the gazetteer as a narrative with
    sentences, flows, a law and figures) made with the project's own mapper; no spaCy.

    Returns the number of narratives.
    """
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
    from tipgraph.graph.mapping import BuildInfo, GraphMapper, add_dataset_description, new_graph
    from tipgraph.graph.serialize import write_graph
    from tipgraph.ontology import ontology_graph

    gazetteer = load_gazetteer()
    codes = sorted(gazetteer.countries)
    graph = new_graph()
    mapper = GraphMapper(gazetteer, BuildInfo(version="bench", fingerprint="bench"), graph)
    facts = []
    for number, iso3 in enumerate(codes):
        said = [Sentence(i, i * 100, i * 100 + 80, f"Sentence {i} of {iso3}.",
                         f"Sentence {i} of {iso3}.", "profile", i // 5)
                for i in range(sentences)]
        narrative = Narrative(iso3, iso3, ("1", "2", "2WL", "3")[number % 4], False, 0,
                              sentences * 100,
                              [Section("profile", "TRAFFICKING PROFILE", 0, sentences * 100,
                                       sentences=said)])
        flows = [Flow(Place("country", codes[(number + k) % len(codes)]), Place("country", iso3),
                      forms={"sex" if k % 2 else "labor"}, sentences=[said[k]])
                 for k in range(1, 4)]
        facts.append(NarrativeFacts(
            narrative, roles={"destination"}, flows=flows,
            laws=[Law(f"Anti-Trafficking Act of {iso3}", 2010, sentences=[said[0]])],
            figures=[Figure("investigations", number, "cases", period=year - 1,
                            sentences=[said[1]])]))
    mapper.add_report(Report("bench.txt", "0" * 64, year, False, "",
                             [f.narrative for f in facts]), facts)
    ontology = ontology_graph()
    union = new_graph()
    for source in (ontology, graph):
        for triple in source:
            union.add(triple)
    add_dataset_description(union, [year])
    write_graph(path, union)
    return len(codes)


@dataclass(slots=True)
class Level:
    """What one concurrency level gave."""

    name: str
    concurrency: int
    requests: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    busy: int = 0
    stopped: int = 0

    def row(self) -> dict[str, object]:
        ordered = sorted(self.latencies)
        p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0
        return {"level": self.name, "concurrency": self.concurrency, "requests": self.requests,
                "throughput_rps": round(self.requests / self.seconds, 1) if self.seconds else 0,
                "median_ms": round(statistics.median(ordered) * 1000, 1) if ordered else 0,
                "p99_ms": round(p99 * 1000, 1), "errors": self.errors, "busy": self.busy,
                "stopped_by_limit": self.stopped}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def mix(iso3s: list[str], year: int) -> list[tuple[str, str]]:
    """The request mix: (path, Accept)."""
    def q(text: str) -> str:
        return "/sparql?" + urlencode({"query": text})

    paths: list[tuple[str, str]] = []
    for index, iso3 in enumerate(iso3s):
        paths.append((q(TIERS), "application/sparql-results+json"))
        paths.append((q(FLOWS), "text/csv"))
        paths.append((q(f"ASK {{ <https://w3id.org/tipgraph/id/country/{iso3}> ?p ?o }}"),
                      "application/sparql-results+json"))
        paths.append((f"/data/narrative/{year}/{quote(iso3)}.ttl", "text/turtle"))
        if index % 2 == 0:
            paths.append((f"/page/country/{quote(iso3)}", "text/html"))
    return paths


def drive(port: int, level: Level, requests: list[tuple[str, str]],
          expect: Callable[[int, bytes], str], runaway: list[tuple[str, str]] | None = None
          ) -> None:
    """Send ``requests`` with ``level.concurrency`` threads, each on its own connection;
    with ``runaway``, one more thread sends those, one after another, until the others are
    done (at most all of them). The level's time is that of ``requests`` alone."""
    lock = threading.Lock()
    cursor = iter(range(len(requests)))
    local = threading.local()
    done = threading.Event()

    def one(queue: list[tuple[str, str]] | None = None) -> None:
        pending = iter(queue) if queue is not None else None
        while True:
            if pending is not None:
                item = next(pending, None)
                if item is None or done.is_set():
                    return
                path, accept = item
            else:
                with lock:
                    index = next(cursor, None)
                if index is None:
                    return
                path, accept = requests[index]
            if not hasattr(local, "conn"):
                local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            started = time.perf_counter()
            body = b""
            try:
                local.conn.request("GET", path, headers={"Accept": accept})
                answer = local.conn.getresponse()
                body = answer.read()
                status = answer.status
                if answer.getheader("Connection", "").lower() == "close":
                    local.conn.close()
                    del local.conn
            except (OSError, http.client.HTTPException):
                status = 0
                local.conn.close()
                del local.conn
            took = time.perf_counter() - started
            verdict = expect(status, body)
            with lock:
                if verdict == "ok":
                    level.latencies.append(took)
                elif verdict == "stopped":
                    level.stopped += 1
                elif verdict == "busy":
                    level.busy += 1
                else:
                    level.errors += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=level.concurrency + 1) as pool:
        slow = pool.submit(one, runaway) if runaway else None
        for future in [pool.submit(one) for _ in range(level.concurrency)]:
            future.result()
        level.seconds = time.perf_counter() - started
        done.set()
        if slow is not None:
            slow.result()


def get(port: int, path: str, accept: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Accept": accept})
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop a server started for a run: ask, then kill one that does not leave in 10 s."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def print_rows(header: tuple[str, ...], rows: list[dict[str, object]]) -> None:
    """The rows as a ' | '-separated table under header (a missing cell is empty)."""
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(str(row.get(h, "")) for h in header))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print one table (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="graph file to serve (default: synthetic)")
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 4, 16, 32])
    parser.add_argument("--requests", type=int, default=300, help="requests per level")
    parser.add_argument("--workers", type=int, default=2, help="server query workers")
    parser.add_argument("--timeout", type=float, default=2.0, help="server query time limit")
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="tipgraph-bench-") as tmp:
        graph = args.graph
        year = 2017
        if graph is None:
            graph = Path(tmp) / "bench.ttl"
            narratives = synthetic_graph(graph, year)
            print(f"synthetic graph: {narratives} narratives -> {graph.stat().st_size:,} bytes",
                  file=sys.stderr)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "tipgraph.cli", "serve", str(graph), "--store",
             str(Path(tmp) / "store"), "--port", str(port), "--workers", str(args.workers),
             "--timeout", str(args.timeout), "-q"], stdin=subprocess.DEVNULL)
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
            status, body = get(port, "/sparql?" + urlencode({"query": COUNT_NARRATIVES}),
                               "application/sparql-results+json")
            expected = json.loads(body)["results"]["bindings"][0]["c"]["value"]
            status, body = get(port, "/sparql?" + urlencode({
                "query": "PREFIX tip: <https://w3id.org/tipgraph/ontology#> SELECT ?c WHERE "
                         "{ ?n a tip:CountryNarrative ; tip:country/tip:iso3 ?c } ORDER BY ?c",
                "format": "csv"}), "text/csv")
            iso3s = body.decode().split()[1:]
            years = get(port, "/sparql?" + urlencode({
                "query": "PREFIX tip: <https://w3id.org/tipgraph/ontology#> SELECT ?y WHERE "
                         "{ ?r a tip:Report ; tip:reportYear ?y } LIMIT 1", "format": "csv"}),
                "text/csv")[1].decode().split()
            year = int(years[1]) if len(years) > 1 else year
            requests = mix(iso3s, year)

            def verdict(status: int, body: bytes) -> str:
                if status == 200:
                    return "ok"
                if status == 503 and body.startswith(b"E544"):
                    return "stopped"
                if status == 503 and body.startswith(b"E546"):
                    return "busy"
                return "error"

            rows = []
            for concurrency in args.levels:
                batch = [requests[i % len(requests)] for i in range(args.requests)]
                level = Level(f"{concurrency}", concurrency, len(batch))
                drive(port, level, batch, verdict)
                rows.append(level.row())
            top = max(args.levels)
            batch = [requests[i % len(requests)] for i in range(args.requests)]
            level = Level(f"{top}+runaway", top, len(batch))
            runaway = [("/sparql?" + urlencode({"query": HEAVY}), "application/json")] * 20
            drive(port, level, batch, verdict, runaway)
            level.requests = len(batch)  # the runaway ones are counted apart, as stopped
            rows.append(level.row())

            status, body = get(port, "/sparql?" + urlencode({"query": COUNT_NARRATIVES}),
                               "application/sparql-results+json")
            after = json.loads(body)["results"]["bindings"][0]["c"]["value"] if status == 200 \
                else None
            healthy = status == 200 and after == expected
        finally:
            stop(server)

    print_rows(("level", "concurrency", "requests", "throughput_rps", "median_ms", "p99_ms",
                "errors", "busy", "stopped_by_limit"), rows)
    print(f"after the load: {'answers correctly' if healthy else 'WRONG OR DOWN'} "
          f"({after} narratives, expected {expected})")
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0 if healthy and all(r["errors"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
