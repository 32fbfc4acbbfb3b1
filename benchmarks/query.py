"""Benchmark every query of the library on the 20-report graph: rdflib in memory vs Oxigraph.

The graph is the synthetic 20-report archive of ``benchmarks/scale.py`` (built on first use
with ``scale.py --sizes 20 --keep DIR``: its Turtle union and its TriG, one named graph per
report). Each library query (``tipgraph.queries``) runs with sample parameters, results
read to the end, on

* the shipped store: an Oxigraph (RocksDB) directory prepared the way ``tipgraph serve
  --store DIR archive.trig`` prepares it (``tipgraph.serve.store.prepare_store``: one named
  graph per report and the materialised union graph ``UNION_GRAPH``), each query answered
  the way a server worker answers a request (``tipgraph.serve.worker.execute``: the guard,
  the union graph as the default graph, the report graphs as the named graphs, the result
  serialised as SPARQL JSON under the server's default size limit);
* the shipped store with the union copied into memory, as each worker of
  ``tipgraph serve --memory`` holds it, queried through the same ``execute``;
* the same store format holding the build's union once, in the default graph, bulk-loaded
  from the Turtle and read by iterating the solutions (no guard, no serialisation: what the
  engine alone costs);
* rdflib: the union parsed into an in-memory ``Graph``, through
  ``tipgraph.queries.run_query`` (parameters bound as ``initBindings``).

Parameters reach the stores as a ``VALUES`` block opening the ``WHERE`` clause (Oxigraph's
SEP-0007 substitutions only take projected variables). Every engine and query runs in a
forked child, killed after ``--timeout`` seconds; the table gives median and p95 latency
and the row count, so differences in what the engines answer show. The target is a median
under 100 ms for each query.

Usage::

    .venv/bin/python benchmarks/query.py                     # archive in /tmp/tipgraph-archive
    .venv/bin/python benchmarks/query.py --archive DIR --runs 21 --timeout 30
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import load_avg, median, p95, peak_rss_mib, table

REPORTS = 20
#: Sample values for required parameters, by query then by parameter; by type otherwise.
PARAMS: dict[str, dict[str, str]] = {
    "flows-between": {"origin": "JAM", "destination": "USA"},
    "flows-from": {"country": "JAM"},
    "flows-into": {"country": "USA"},
    "chains": {"origin": "NGA"},
    # The across-year queries: two report years of the archive (2001 onwards), a route the
    # sample states.
    "tier-changes": {"from_year": "2009", "to_year": "2010"},
    "new-routes": {"from_year": "2009", "to_year": "2010"},
    "dropped-routes": {"from_year": "2009", "to_year": "2010"},
    "route-history": {"origin": "JAM", "destination": "CAN"},
}
BY_TYPE = {"country": "JAM", "place": "JAM", "region": "caribbean", "tier": "2",
           "role": "source", "form": "sex", "integer": "2010", "string": "x",
           "boolean": "true", "decimal": "1"}


def params_for(query: Any) -> dict[str, str]:
    """Values for the required parameters of a library query (optional ones left out)."""
    given = PARAMS.get(query.name, {})
    return {p.name: given.get(p.name, BY_TYPE.get(p.kind, "x"))
            for p in query.params if p.required}


def ensure_archive(directory: Path) -> tuple[Path, Path]:
    """The union Turtle and the TriG of the 20-report archive, built if missing."""
    ttl, trig = directory / f"archive-{REPORTS}.ttl", directory / f"archive-{REPORTS}.trig"
    if not (ttl.exists() and trig.exists()):
        sys.stderr.write(f"building the {REPORTS}-report archive in {directory} "
                         "(benchmarks/scale.py; a few minutes)\n")
        subprocess.run([sys.executable, str(Path(__file__).with_name("scale.py")),
                        "--sizes", str(REPORTS), "--keep", str(directory)], check=True,
                       stdout=subprocess.DEVNULL)
    return ttl, trig


def with_values(text: str, bindings: dict[str, Any]) -> str:
    """The query with its parameters bound by a ``VALUES`` block opening its ``WHERE``.

    Oxigraph's SEP-0007 substitutions only take projected variables, and the library binds
    parameters that are not projected (``chains`` binds ``?origin``), so the store gets the
    values the way a SPARQL client would send them. rdflib gets them as ``initBindings``
    through ``run_query``; the row counts printed side by side show they agree.
    """
    if not bindings:
        return text
    where = _WHERE.search(text)
    if where is None:
        raise ValueError("a library query without WHERE {")
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(v.n3() for v in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    return text[: where.end()] + block + text[where.end():]


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def timed_runs(run: Any, runs: int, budget: float) -> tuple[list[float], int]:
    """Latencies (ms) of up to ``runs`` calls of ``run`` within ``budget`` seconds (>= 1)."""
    latencies: list[float] = []
    rows = 0
    started = time.perf_counter()
    while len(latencies) < runs:
        t = time.perf_counter()
        rows = run()
        latencies.append(1000 * (time.perf_counter() - t))
        if time.perf_counter() - started > budget:
            break
    return latencies, rows


def in_child(job: Any, timeout: float) -> tuple[list[float], int] | None:
    """Run ``job()`` in a forked child (it sees the parent's loaded graph); None on timeout.

    A query that runs away (a join multiplied by duplicates) is killed instead of stalling
    the whole benchmark.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def target() -> None:
        send.send(job())

    child = context.Process(target=target, daemon=True)
    child.start()
    send.close()
    got = receive.recv() if receive.poll(timeout) else None
    if got is None:
        child.kill()
    child.join()
    return got


def ox_engine(path: str, runs: int, budget: float) -> Any:
    """A job factory: open the store read-only in the child and time a query text there."""

    def for_query(text: str) -> Any:
        def job() -> tuple[list[float], int]:
            import pyoxigraph as ox

            from tipgraph.ontology import PREFIXES

            store = ox.Store.read_only(path)
            prefixes = {p: str(ns) for p, ns in PREFIXES.items()}

            def run() -> int:
                return sum(1 for _ in store.query(text, prefixes=prefixes))

            run()  # the first run pays for opening files; the server's workers stay warm
            return timed_runs(run, runs, budget)

        return job

    return for_query


def served_engine(path: str, runs: int, budget: float, memory: bool = False) -> Any:
    """A job factory: answer a query text in the child as a server worker answers it.

    The worker's own ``execute`` runs on the store opened as the worker opens it (read-only,
    and with ``memory`` the union copied into memory as ``tipgraph serve --memory`` does,
    once, in the parent, so the forked children share it), so the figure is what a request
    costs past the HTTP layer: the guard (its verdict is cached, as it is for a client repeating a
    query), the union graph as the default graph, evaluation and serialisation. An answer
    other than 200 counts as -1 rows.
    """
    from tipgraph.serve.worker import open_store, union_in_memory

    shared = open_store(path) if memory else None
    copy = union_in_memory(shared) if shared is not None else None

    def for_query(text: str) -> Any:
        def job() -> tuple[list[float], int]:
            import json

            from tipgraph.ontology import PREFIXES
            from tipgraph.serve.worker import QueryRequest, execute

            store = shared if shared is not None else open_store(path)
            prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
            request = QueryRequest(text=text, fmt="json")
            answers: list[Any] = []

            def run() -> int:
                answers.append(execute(store, request, prefixes, copy))
                return 0

            run()  # the first run pays for opening files; the server's workers stay warm
            latencies, _ = timed_runs(run, runs, budget)
            last = answers[-1]
            rows = len(json.loads(last.body)["results"]["bindings"]) if last.ok else -1
            return latencies, rows

        return job

    return for_query


def cell(result: tuple[list[float], int] | None, timeout: float) -> list[object]:
    if result is None:
        return [f"> {timeout * 1000:.0f}", "", "killed"]
    latencies, rows = result
    return [median(latencies), p95(latencies), rows if rows >= 0 else "refused"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=Path(tempfile.gettempdir())
                        / "tipgraph-archive", help="where scale.py keeps the archive")
    parser.add_argument("--runs", type=int, default=21, help="runs per query on a store")
    parser.add_argument("--rdflib-runs", type=int, default=5, help="runs per query on rdflib")
    parser.add_argument("--budget", type=float, default=10.0,
                        help="stop repeating a query after this many seconds")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="kill a query still running after this many seconds")
    parser.add_argument("--no-rdflib", action="store_true", help="only the stores")
    args = parser.parse_args(argv)

    import pyoxigraph as ox
    from rdflib import Graph

    from tipgraph.queries import bind, list_queries, prepare, run_query
    from tipgraph.serve.store import UNION_GRAPH, prepare_store

    ttl, trig = ensure_archive(args.archive)
    queries = list_queries()
    texts = {q.name: with_values(q.text, bind(q, params_for(q))) for q in queries}
    work = Path(tempfile.mkdtemp(prefix="tipgraph-stores-"))
    t = time.perf_counter()
    prepared = prepare_store([trig], work / "shipped")
    ship_load = time.perf_counter() - t
    triples = sum(prepared.loaded.values())
    union_size = sum(1 for _ in ox.Store.read_only(str(work / "shipped")).quads_for_pattern(
        None, None, None, ox.NamedNode(UNION_GRAPH)))
    t = time.perf_counter()
    merged = ox.Store(str(work / "merged"))
    merged.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    merged.flush()
    union_triples = len(merged)
    merge_load = time.perf_counter() - t
    del merged
    sys.stderr.write(f"stores loaded: {triples:,} quads in {ship_load:.1f} s, union "
                     f"{union_triples:,} triples in {merge_load:.1f} s\n")
    t = time.perf_counter()
    engines = {"shipped": served_engine(str(work / "shipped"), args.runs, args.budget),
               "memory": served_engine(str(work / "shipped"), args.runs, args.budget,
                                       memory=True),
               "merged": ox_engine(str(work / "merged"), args.runs, args.budget)}
    memory_load = time.perf_counter() - t
    results: dict[str, dict[str, tuple[list[float], int] | None]] = {e: {} for e in engines}
    for name, engine in engines.items():
        for query in queries:
            results[name][query.name] = in_child(engine(texts[query.name]), args.timeout)
            got = results[name][query.name]
            sys.stderr.write(f"{name} {query.name}: "
                             f"{median(got[0]) if got else float('inf'):.1f} ms\n")
    rdf_load = float("nan")
    if not args.no_rdflib:
        t = time.perf_counter()
        graph = Graph().parse(ttl, format="turtle")
        rdf_load = time.perf_counter() - t
        results["rdflib"] = {}
        for query in queries:
            prepare(query)

            def job(query: Any = query) -> tuple[list[float], int]:
                params = params_for(query)
                return timed_runs(lambda: sum(1 for _ in run_query(graph, query, params)),
                                  args.rdflib_runs, args.budget)

            results["rdflib"][query.name] = in_child(job, args.timeout)
            got = results["rdflib"][query.name]
            sys.stderr.write(f"rdflib {query.name}: "
                             f"{median(got[0]) if got else float('inf'):.1f} ms\n")

    header = ["query", "parameters", "shipped store ms", "p95", "rows",
              "serve --memory ms", "p95", "rows", "union in default graph ms", "p95", "rows"]
    if "rdflib" in results:
        header += ["rdflib in memory ms", "p95", "rows"]
    rows = []
    for query in queries:
        line: list[object] = [query.name, ", ".join(f"{k}={v}" for k, v in
                                                    params_for(query).items()) or "-"]
        for engine in ("shipped", "memory", "merged", "rdflib"):
            if engine in results:
                line += cell(results[engine][query.name], args.timeout)
        rows.append(line)
    print(f"{len(queries)} library queries on the {REPORTS}-report archive ({load_avg()}); "
          f"stores: {args.runs} runs, rdflib up to {args.rdflib_runs}, each within "
          f"{args.budget:.0f} s, killed after {args.timeout:.0f} s")
    print()
    print(table(header, rows))
    print()
    print(f"shipped store: Oxigraph (RocksDB) as tipgraph serve prepares it, one named graph per "
          f"report ({triples:,} triples) and their union ({union_size:,}), queried and "
          f"serialised (SPARQL JSON) as a server worker does; prepared in {ship_load:.1f} s")
    print(f"serve --memory: the shipped store's union copied into memory as a worker of "
          f"tipgraph serve --memory copies it, in {memory_load:.1f} s")
    print(f"union in default graph: the same store format holding the build's union once, "
          f"{union_triples:,} triples, bulk-loaded in {merge_load:.1f} s")
    print(f"rdflib: the union parsed into an in-memory Graph in {rdf_load:.1f} s; "
          f"peak RSS {peak_rss_mib():.0f} MiB")
    for engine in ("shipped", "memory", "merged"):
        worst = max((median(v[0]) if v else float("inf")) for v in results[engine].values())
        print(f"slowest median, {engine}: {worst:.1f} ms   [target < 100 ms each]")
    for path in sorted(work.glob("**/*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    work.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
