"""Benchmark the archive store (issue #13): memory and time per MB as the archive grows.

Writes a synthetic archive with ``archive_corpus.py`` (YEARS + 1 report years of about MB
each), then, each in a fresh interpreter (``_harness.run_child``), with ``tipgraph build
REPORT... --store DIR``:

* stores of 1, 5 and YEARS years built from empty: peak RSS, seconds per MB, the ratio of
  seconds per MB to the 1-year store's;
* the extra year added to the YEARS-year store, against that year built alone into an
  empty store;
* a rebuild of the YEARS-year store with nothing changed;
* the whole YEARS-year store built with ``--jobs 2`` (wall time, the parent's peak and the
  workers' peak; ``--jobs-years N`` builds only the first N years that way).

Targets of the issue: peak RSS under 1.5 GiB whatever the number of years, seconds per MB
within 20 % from 1 to 25 years, an added year under 1.5x its build alone, a no-change
rebuild under 5 s, the whole archive with ``--jobs 2`` under 4 minutes. On a machine
shared with other jobs, quote the figures with the load printed beside them.

Usage::

    .venv/bin/python benchmarks/archive.py [--years 25] [--mb 2] [--work /tmp/archive-bench]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import ROOT, load_avg, peak_rss_mib, run_child, table

HERE = Path(__file__).resolve()


def child(argv: list[str]) -> None:
    """Run one ``tipgraph build`` in this process; print wall seconds and peak RSS."""
    from tipgraph.cli.main import main

    started = time.perf_counter()
    code = main(argv, one_shot=True)
    seconds = time.perf_counter() - started
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"code": code, "seconds": seconds, "rss": peak_rss_mib(),
                      "workers_rss": workers}))


def build(files: list[Path], store: Path, *extra: str, fresh: bool = True) -> dict[str, float]:
    if fresh:
        shutil.rmtree(store, ignore_errors=True)
    out = run_child(HERE, ["build", *map(str, files), "--store", str(store), "-q", *extra])
    if out["code"] != 0:
        raise SystemExit(f"build failed: {out}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--work", type=Path, default=Path("/tmp/archive-bench"))
    parser.add_argument("--jobs-years", type=int, default=None, metavar="N",
                        help="years built with --jobs 2 (default: all of them)")
    parser.add_argument("--child", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    corpus = args.work / "corpus"
    shutil.rmtree(args.work, ignore_errors=True)
    run = [sys.executable, str(ROOT / "benchmarks" / "archive_corpus.py"), str(corpus),
           "--years", str(args.years + 1), "--mb", str(args.mb)]
    import subprocess

    subprocess.run(run, check=True, capture_output=True)
    files = sorted(corpus.glob("tip-*.txt"))
    extra_year, files = files[-1], files[:-1]
    mb = {f: f.stat().st_size / 1e6 for f in [*files, extra_year]}
    print(f"# archive store, {args.years} years of about {args.mb} MB ({load_avg()} at start)")
    rows = []
    base = None
    for count in sorted({1, min(5, args.years), args.years}):
        chosen = files[:count]
        out = build(chosen, args.work / f"store-{count}")
        size = sum(mb[f] for f in chosen)
        per_mb = out["seconds"] / size
        base = base or per_mb
        rows.append([f"build {count} year(s)", f"{size:.1f}", f"{out['seconds']:.1f}",
                     f"{per_mb:.2f}", f"{per_mb / base:.2f}", f"{out['rss']:.0f}"])
    big = args.work / f"store-{args.years}"
    alone = build([extra_year], args.work / "store-alone")
    added = build([extra_year], big, fresh=False)
    rows.append(["that year alone", f"{mb[extra_year]:.1f}", f"{alone['seconds']:.1f}",
                 f"{alone['seconds'] / mb[extra_year]:.2f}", "", f"{alone['rss']:.0f}"])
    rows.append([f"add it to the {args.years}-year store", f"{mb[extra_year]:.1f}",
                 f"{added['seconds']:.1f}", f"{added['seconds'] / mb[extra_year]:.2f}",
                 f"{added['seconds'] / alone['seconds']:.2f} x alone", f"{added['rss']:.0f}"])
    same = build([*files, extra_year], big, fresh=False)
    rows.append(["no-change rebuild", "", f"{same['seconds']:.1f}", "", "", f"{same['rss']:.0f}"])
    count = min(args.jobs_years or args.years, args.years)
    jobs = build(files[:count], args.work / "store-jobs", "--jobs", "2")
    size = sum(mb[f] for f in files[:count])
    rows.append([f"build {count} year(s) --jobs 2", f"{size:.1f}", f"{jobs['seconds']:.1f}",
                 f"{jobs['seconds'] / size:.2f}", f"{jobs['seconds'] / size / base:.2f}",
                 f"{jobs['rss']:.0f} (workers {jobs['workers_rss']:.0f})"])
    print(table(["run", "MB", "seconds", "s/MB", "ratio", "peak RSS MiB"], rows))
    print(f"# {load_avg()} at the end")


if __name__ == "__main__":
    main()
