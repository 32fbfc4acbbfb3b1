"""Start-up of the everyday loop: ``--help``, ``--version``, each command's ``--help`` and
``tipgraph query NAME --graph GRAPH`` on the sample graph, each a fresh process.

Targets (issue #16): help and version under 0.3 s; a library query on the 43k-triple sample
graph under 1 s, start-up and loading the Turtle included; on a store directory (``--graph
DIR``, prepared as ``tipgraph serve --store DIR`` prepares it) under 0.5 s. Each command
runs ``--runs`` times in a fresh process; the table gives the median and the fastest wall-
clock seconds and the median CPU seconds of the process (user + system): on a machine shared
with other jobs the wall clock drifts up with the load, the CPU time much less.

Usage::

    .venv/bin/python benchmarks/cli_startup.py                   # this checkout's tipgraph
    .venv/bin/python benchmarks/cli_startup.py --exe /other/.venv/bin/tipgraph --runs 7
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = ("build", "info", "export", "stats", "serve", "publish", "query", "validate")
QUERIES = (("tier-table", ()), ("flows-into", ("-p", "country=USA")),
           ("busiest-origins", ()))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one fresh process running ``argv`` (output discarded)."""
    cpu, started = _cpu(), time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()[-400:]}")
    return seconds, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exe", default=str(Path(sys.executable).with_name("tipgraph")),
                        help="the tipgraph command to time (default: this venv's)")
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    parser.add_argument("--graph", type=Path,
                        help="the graph to query (default: the sample, built once)")
    args = parser.parse_args()
    exe = args.exe
    with tempfile.TemporaryDirectory(prefix="tipgraph-startup-") as tmp:
        graph = args.graph
        if graph is None:
            graph = Path(tmp) / "sample.ttl"
            subprocess.run([exe, "build", "-q", "-o", str(graph)], check=True)
        cases: list[tuple[str, list[str]]] = [("--version", [exe, "--version"]),
                                              ("--help", [exe, "--help"])]
        cases += [(f"{name} --help", [exe, name, "--help"]) for name in COMMANDS]
        cases += [(f"query {name} --graph sample.ttl", [exe, "query", name, *extra,
                                                        "--graph", str(graph)])
                  for name, extra in QUERIES]
        store = Path(tmp) / "store"
        subprocess.run([str(Path(exe).with_name("python")), "-c",
                        "import sys; from pathlib import Path; "
                        "from tipgraph.serve.store import prepare_store; "
                        "prepare_store([Path(sys.argv[1])], Path(sys.argv[2]))",
                        str(graph), str(store)], check=True)
        cases += [(f"query {name} --graph store/", [exe, "query", name, *extra,
                                                    "--graph", str(store)])
                  for name, extra in QUERIES]
        print(f"{exe}: {args.runs} runs each (seconds)")
        print(f"{'command':44} {'median':>7} {'fastest':>7} {'cpu':>7}")
        for label, argv in cases:
            runs = [timed(argv) for _ in range(args.runs)]
            wall = [w for w, _ in runs]
            cpu = statistics.median(c for _, c in runs)
            print(f"{label:44} {statistics.median(wall):7.3f} {min(wall):7.3f} {cpu:7.3f}")


if __name__ == "__main__":
    main()
