"""Time ``tipgraph export`` over time on a synthetic archive: every format, all years and a range.

Writes a synthetic archive with ``benchmarks/archive_corpus.py`` (``--years`` report years of
about ``--mb`` MB each), builds it with ``tipgraph build ... -o archive.nq`` as a user would,
loads the union once as ``tipgraph export --graph`` does (``tipgraph.graph.load``), then for
every export format times, ``--repeat`` times, what ``export`` does after loading: the
network view (``flow_network``) and the writer, or the RDF writer, for all years and for the
last two years (``--from-year``), and prints the median wall time, the bytes and the count of
flows or report years. Loading is timed once and printed apart: it is the same for every
format and the larger part of a real ``export`` run.

Usage::

    .venv/bin/python benchmarks/export_years.py [--years 5] [--mb 2] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tipgraph.cli.main import main as tipgraph
from tipgraph.exports.network import flow_network
from tipgraph.exports.rdf import export_rdf
from tipgraph.exports.writers import NETWORK_FORMATS, RDF_FORMATS, export_network
from tipgraph.exports.years import chosen_years, graph_years, year_range
from tipgraph.graph.load import load_graph

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import archive_corpus  # noqa: E402  (a sibling script, not a package)


def _median_ms(run: object, repeat: int) -> tuple[float, bytes]:
    times, data = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        data = run()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), data


def measure(folder: Path, years: int, mb: float, repeat: int) -> None:
    """Make, build and load the archive in ``folder``; print one line per format and range."""
    corpus = folder / "corpus"
    assert archive_corpus.main([str(corpus), "--years", str(years), "--mb", str(mb)]) == 0
    reports = sorted(str(p) for p in corpus.glob("tip-*-archive.txt"))
    out = folder / "archive.nq"
    start = time.perf_counter()
    assert tipgraph(["build", *reports, "-o", str(out), "-q"]) == 0
    built = time.perf_counter() - start
    start = time.perf_counter()
    graph = load_graph(out)
    loaded = time.perf_counter() - start
    held = graph_years(graph)
    print(f"{len(reports)} report years {held[0]}-{held[-1]}, "
          f"{sum(Path(r).stat().st_size for r in reports) / 1e6:.1f} MB of text, "
          f"{len(graph)} triples; build {built:.1f} s, load {loaded:.1f} s")
    ranges = {"all years": None,
              f"--from-year {held[-2]}": chosen_years(graph, None, year_range(held[-2], None))}
    print(f"{'format':<10} {'range':<18} {'median ms':>10} {'bytes':>11} {'what':>14}")
    for label, chosen in ranges.items():
        net = flow_network(graph, years=chosen)
        for fmt in NETWORK_FORMATS:
            ms, data = _median_ms(
                lambda fmt=fmt, chosen=chosen: export_network(  # type: ignore[misc]
                    flow_network(graph, years=chosen), fmt), repeat)
            print(f"{fmt:<10} {label:<18} {ms:>10.0f} {len(data):>11} "
                  f"{net.number_of_edges():>8} flows")
        for fmt in RDF_FORMATS:
            ms, data = _median_ms(
                lambda fmt=fmt, chosen=chosen: export_rdf(graph, fmt, years=chosen),  # type: ignore[misc]
                repeat)
            kept = len(chosen) if chosen is not None else len(held)
            print(f"{fmt:<10} {label:<18} {ms:>10.0f} {len(data):>11} {kept:>8} years")


def run() -> None:
    """Parse the options and measure in a temporary (or kept) directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--mb", type=float, default=2.0, help="MB of narratives per year")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        measure(args.keep, args.years, args.mb, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        measure(Path(tmp), args.years, args.mb, args.repeat)


if __name__ == "__main__":
    run()
