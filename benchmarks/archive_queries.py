"""Time the across-year queries of the library on the four-year fixture (tests/data/archive).

Builds the four report years with ``tipgraph build A B C D -o x.nq`` into a temporary
directory, loads the union as ``tipgraph query --graph`` does (``tipgraph.graph.load``) and
runs each across-year query ``--repeat`` times through ``tipgraph.queries.run_query``
(rdflib, parameters bound as RDF terms), printing the median and the worst time and the row
count. The fixture is small (16 narratives): the figures say what the query shapes cost in
rdflib, not what a 25-year store costs.

``--store DIR`` times EVERY query of the library instead on an archive store (``build
--store``; ``benchmarks/archive.py --years 25`` leaves its 25-year store in
``WORK/store-25``), as ``tipgraph query NAME --graph DIR`` answers it in-process
(``tipgraph.cli.storequery.run_on_store``: the store opened read-only, Oxigraph, the query
jailed off the network), with the parameters of ``STORE_PARAMS``. Issue #13's target: every
library query under 200 ms median on the 25-year store.

Usage::

    .venv/bin/python benchmarks/archive_queries.py [--repeat 7]
    .venv/bin/python benchmarks/archive_queries.py --store /work/bench/archive/store-25
    .venv/bin/python benchmarks/archive_queries.py --store DIR --only tier-table routes
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import load_avg, table
from serve_load import free_port, get

from tipgraph.cli.main import main as tipgraph
from tipgraph.cli.storequery import run_on_store, store_years
from tipgraph.graph.load import load_graph
from tipgraph.queries import list_queries, newest_param, run_query
from tipgraph.queries.remote import query_text

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "archive"
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("tier-history", {"country": "THA"}),
    ("tier-changes", {"from_year": "2017", "to_year": "2019"}),
    ("route-history", {"origin": "MMR", "destination": "THA"}),
    ("new-routes", {"from_year": "2017", "to_year": "2019"}),
    ("dropped-routes", {"from_year": "2005", "to_year": "2009"}),
    ("persistent-routes", {"min_years": "2"}),
    ("country-timeline", {"country": "SWZ"}),
]

#: Parameters for the store run: a country every synthetic year holds (Thailand, from the
#: sample), a route of it, a span of years; a query not listed runs with its defaults.
STORE_PARAMS: dict[str, dict[str, str]] = {
    "agencies-of": {"country": "THA"}, "country-profile": {"country": "THA"},
    "country-timeline": {"country": "THA"}, "figures-of": {"country": "THA"},
    "laws-of": {"country": "THA"}, "tier-history": {"country": "THA"},
    "flows-from": {"country": "MMR"}, "flows-into": {"country": "THA"},
    "chains": {"origin": "MMR"}, "flows-between": {"origin": "MMR", "destination": "THA"},
    "route-history": {"origin": "MMR", "destination": "THA"},
    "dropped-routes": {"from_year": "2005", "to_year": "2015"},
    "new-routes": {"from_year": "2005", "to_year": "2015"},
    "tier-changes": {"from_year": "2005", "to_year": "2015"},
}


#: A whole CLI process given up after this many seconds (its time is then shown as ">N").
CLI_LIMIT = 60.0


def _cli_ms(store: Path, name: str, params: dict[str, str]) -> float:
    """Wall milliseconds of ``tipgraph query NAME --graph STORE`` in a fresh process
    (``inf`` when it ran past ``CLI_LIMIT``)."""
    argv = [sys.executable, "-m", "tipgraph", "query", name, "--graph", str(store),
            "--format", "csv", *[f"-p{k}={v}" for k, v in params.items()]]
    start = time.perf_counter()
    try:
        subprocess.run(argv, check=True, capture_output=True, timeout=CLI_LIMIT)
    except subprocess.TimeoutExpired:
        return float("inf")
    return (time.perf_counter() - start) * 1000


def _cli_median(store: Path, name: str, params: dict[str, str], runs: int = 3) -> float:
    """Median of ``runs`` CLI processes; one only when the first ran past 10 s (the
    answers of hundreds of thousands of rows would otherwise take minutes each)."""
    first = _cli_ms(store, name, params)
    if first > 10_000:
        return first
    return statistics.median([first, *(_cli_ms(store, name, params) for _ in range(runs - 1))])


def _ms(value: float) -> str:
    return f">{CLI_LIMIT:.0f}000" if value == float("inf") else f"{value:.0f}"


def _serve(store: Path) -> tuple[subprocess.Popen[bytes], int]:
    """``tipgraph serve --store STORE`` (on disk, not --memory) on a free port, answering."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "tipgraph", "serve", "--store", str(store),
                               "--port", str(port), "-q"], stdin=subprocess.DEVNULL)
    for _ in range(600):  # bounded: at most ~60 s to start
        try:
            if get(port, "/sparql?query=ASK%7B%7D", "application/json")[0] == 200:
                return server, port
        except OSError:
            if server.poll() is not None:
                raise SystemExit("the server exited") from None
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not answer")


def run_store(store: Path, repeat: int, only: list[str] | None = None) -> None:
    """Every library query on the store three ways, ``repeat`` times each (after a warm-up):
    in-process as ``query --graph DIR`` runs it, through ``tipgraph serve --store`` over
    HTTP, and as a whole ``tipgraph query`` process (start-up included, 3 runs)."""
    print(f"# every library query on {store}: median of {repeat} in-process and over HTTP "
          f"(one warm-up first), of 3 whole CLI processes; {load_avg()}")
    rows, cli = [], {}
    queries = [q for q in list_queries() if not only or q.name in only]
    for query in queries:
        cli[query.name] = _cli_median(store, query.name, STORE_PARAMS.get(query.name, {}))
    server, port = _serve(store)
    try:
        for query in queries:
            params = STORE_PARAMS.get(query.name, {})
            # the text `query --endpoint` sends: a year=newest default as the store's newest year
            newest = store_years(store)[-1] if newest_param(query, params) else None
            path = "/sparql?" + urlencode({"query": query_text(query, params, newest)})
            status, _body = get(port, path, "text/csv")
            if status != 200:  # past the server's --timeout (10 s): no median to give
                rows.append([query.name, "-", f"HTTP {status}", "-", _ms(cli[query.name]),
                             "-"])
                continue
            count = len(list(run_on_store(store, query, params)))
            local, http = [], []
            for _ in range(repeat):
                start = time.perf_counter()
                run_on_store(store, query, params)
                local.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                get(port, path, "text/csv")
                http.append((time.perf_counter() - start) * 1000)
            rows.append([query.name, f"{statistics.median(local):.1f}",
                         f"{statistics.median(http):.1f}", f"{max(http):.1f}",
                         _ms(cli[query.name]), count])
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(table(["query", "in-process ms", "serve median ms", "serve max ms",
                 "CLI process ms", "rows"], rows))
    served = [float(r[2]) for r in rows if not r[2].startswith("HTTP")]
    processes = [cli[name] for name in cli]
    print(f"# slowest: serve median {max(served, default=0):.1f} ms (target 200; "
          f"{len(rows) - len(served)} past the server's time limit), CLI process "
          f"{_ms(max(processes))} ms (target 1000); {load_avg()}")


def run() -> None:
    """Build the fixture, then time each query."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--store", type=Path, metavar="DIR",
                        help="time every library query on this archive store instead")
    parser.add_argument("--only", nargs="+", metavar="NAME",
                        help="with --store: time only these queries")
    args = parser.parse_args()
    if args.store is not None:
        run_store(args.store, args.repeat, args.only)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "archive.nq"
        reports = sorted(str(p) for p in DATA.glob("tip-*-archive.txt"))
        assert tipgraph(["build", *reports, "-o", str(out), "-q"]) == 0
        graph = load_graph(out)
    print(f"{len(graph)} triples in the union of {len(reports)} report years")
    print(f"{'query':<20} {'median ms':>10} {'max ms':>8} {'rows':>5}")
    for name, params in QUERIES:
        times, rows = [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            rows = len(list(run_query(graph, name, params)))
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name:<20} {statistics.median(times):>10.1f} {max(times):>8.1f} {rows:>5}")


if __name__ == "__main__":
    run()
