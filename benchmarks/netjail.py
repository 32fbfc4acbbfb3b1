"""What the network jail costs (not a test): worker start-up, per-query latency, CLI query.

Three figures, each with and without the jail (``tipgraph.core.netjail``):

* **worker start**: ``QueryPool(...).start()`` with one worker, to "ready" (a fresh
  interpreter that imports the worker, loads the seccomp filter, runs the start-up check
  and opens the store). Median of ``--starts`` runs.
* **per query**: median and 90th percentile of ``pool.run`` for an ASK and a SELECT of
  100 rows on a synthetic store, ``--queries`` times each (the guard's verdict is cached
  after the first run, as it is for a repeated query on a live server).
* **CLI evaluation**: ``tipgraph.queries.offline.evaluate`` (a new jailed thread per query:
  filter, check, evaluate) against ``graph.query`` with the rows drawn, on an rdflib graph;
  and ``netjail.run_offline`` of nothing, the jail's own cost per query.

Only 127.0.0.1 is ever touched (the jail's own check). Run from the repository root::

    .venv/bin/python benchmarks/netjail.py
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from tipgraph.core import netjail
from tipgraph.queries import offline
from tipgraph.serve.pool import QueryPool
from tipgraph.serve.store import prepare_store
from tipgraph.serve.worker import QueryRequest

SELECT = "SELECT ?s ?o WHERE { ?s <http://e/p> ?o } LIMIT 100"
ASK = "ASK { ?s ?p ?o }"


def _graph_text(triples: int) -> str:
    lines = ["@prefix ex: <http://e/> ."]
    lines.extend(f"ex:s{i} ex:p {i} ; ex:q ex:s{(i * 7) % triples} ." for i in range(triples // 2))
    return "\n".join(lines) + "\n"


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    return f"median {statistics.median(ordered) * 1000:7.3f} ms  p90 {p90 * 1000:7.3f} ms"


def _timed(function: Callable[[], object], times: int) -> list[float]:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    """Measure and print the three figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=20000)
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bench.ttl"
        source.write_text(_graph_text(args.triples), encoding="utf-8")
        store = prepare_store([source], Path(folder) / "store").path
        for confine in (False, True):
            label = "jailed  " if confine else "unjailed"
            starts = []
            for _ in range(args.starts):
                begin = time.perf_counter()
                pool = QueryPool(store, workers=1, confine=confine).start()
                starts.append(time.perf_counter() - begin)
                pool.close()
            print(f"{label} worker start   {_ms(starts)}")
            with QueryPool(store, workers=1, confine=confine) as pool:
                for name, text in (("ASK", ASK), ("SELECT", SELECT)):
                    request = QueryRequest(text)
                    assert pool.run(request).ok
                    print(f"{label} {name:6} query  "
                          f"{_ms(_timed(lambda r=request, p=pool: p.run(r), args.queries))}")
        graph = Graph().parse(source, format="turtle")


        prepared = prepareQuery(SELECT)

        def plain() -> None:
            graph.query(prepared).bindings  # noqa: B018 - draw the rows

        def jailed() -> None:
            offline.evaluate(graph, prepared, {}, "bench.rq")

        print(f"unjailed CLI evaluation {_ms(_timed(plain, args.queries))}")
        print(f"jailed   CLI evaluation {_ms(_timed(jailed, args.queries))}")
        print(f"a jailed thread alone   "
              f"{_ms(_timed(lambda: netjail.run_offline(lambda: None), args.queries))}")


if __name__ == "__main__":
    main()
