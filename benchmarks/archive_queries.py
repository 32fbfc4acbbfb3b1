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
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tipgraph.cli.main import main as tipgraph
from tipgraph.cli.storequery import run_on_store
from tipgraph.graph.load import load_graph
from tipgraph.queries import list_queries, run_query

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


def run_store(store: Path, repeat: int) -> None:
    """Every library query on the store, ``repeat`` times each (after one warm-up run)."""
    print(f"# every library query on {store}, median of {repeat} (one warm-up run first)")
    print(f"{'query':<22} {'median ms':>10} {'max ms':>8} {'rows':>6}")
    slowest = 0.0
    for query in list_queries():
        params = STORE_PARAMS.get(query.name, {})
        rows = len(list(run_on_store(store, query, params)))
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            run_on_store(store, query, params)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        slowest = max(slowest, median)
        print(f"{query.name:<22} {median:>10.1f} {max(times):>8.1f} {rows:>6}")
    print(f"# slowest median {slowest:.1f} ms (target: under 200 ms)")


def run() -> None:
    """Build the fixture, then time each query."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--store", type=Path, metavar="DIR",
                        help="time every library query on this archive store instead")
    args = parser.parse_args()
    if args.store is not None:
        run_store(args.store, args.repeat)
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
