"""Time the across-year queries of the library on the four-year fixture (tests/data/archive).

Builds the four report years with ``tipgraph build A B C D -o x.nq`` into a temporary
directory, loads the union as ``tipgraph query --graph`` does (``tipgraph.graph.load``) and
runs each across-year query ``--repeat`` times through ``tipgraph.queries.run_query``
(rdflib, parameters bound as RDF terms), printing the median and the worst time and the row
count. The fixture is small (16 narratives): the figures say what the query shapes cost in
rdflib, not what a 25-year store costs (that is the store part of issue #13).

Usage::

    .venv/bin/python benchmarks/archive_queries.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tipgraph.cli.main import main as tipgraph
from tipgraph.graph.load import load_graph
from tipgraph.queries import run_query

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


def run() -> None:
    """Build the fixture, then time each query."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
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
