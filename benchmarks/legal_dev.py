#!/usr/bin/env python3
"""Dev benchmark for the law and agency extractors against the dev gold.

Builds the built-in 2017 sample with the real pipeline (reader, sentencizer, every
component) and scores each narrative's laws and agencies with the evaluation's own scorer
(``tests/eval/score.py``: its ``norm``, ``match_names`` and ``prf``), printing what was missed
and what was spurious, so the figures are the ones ``score.py --graph`` prints.

    .venv/bin/python benchmarks/legal_dev.py            # per-narrative misses, then totals
    .venv/bin/python benchmarks/legal_dev.py --quiet    # totals only
    .venv/bin/python benchmarks/legal_dev.py --only JAM,KEN
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tipgraph.pipeline.build import build_graph

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import ROOT, load_scorer

GOLD = ROOT / "tests" / "gold"


def load_gold(norm: Callable[[str], str]) -> dict[str, dict[str, set[Any]]]:
    """Gold per country code: laws and agencies normalised as score.py builds them."""
    gold = {}
    for path in sorted(GOLD.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        gold[g["country"]] = {
            "laws": {(norm(x["name"]), None) for x in g.get("laws", [])},
            "agencies": {
                (norm(x["name"]), norm(x["acronym"]) if x.get("acronym") else None)
                for x in g.get("agencies", [])
            },
        }
    return gold


def unmatched(a: set[Any], b: set[Any], match_names: Callable[..., Any]) -> list[Any]:
    """Entries of ``a`` that find no partner in ``b`` under the scorer's matching."""
    return [item for item in sorted(a, key=str) if match_names({item}, b)[0] == 0]


def main(argv: list[str] | None = None) -> int:
    """Print per-narrative misses and spurious entries, then micro P/R/F1."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quiet", action="store_true", help="print the totals only")
    ap.add_argument("--only", help="comma-separated ISO3 codes to show")
    args = ap.parse_args(argv)
    score = load_scorer()
    norm, match_names = score.norm, score.match_names
    gold = load_gold(norm)
    only = set(args.only.split(",")) if args.only else None

    t0 = time.perf_counter()
    result = build_graph([None], validate=False)
    elapsed = time.perf_counter() - t0
    totals = {"laws": [0, 0, 0], "agencies": [0, 0, 0]}
    for facts in result.facts:
        iso = facts.narrative.iso3
        if iso not in gold:
            print(f"no gold for {iso}", file=sys.stderr)
            continue
        found = {
            "laws": {(norm(x.name), None) for x in facts.laws},
            "agencies": {(norm(x.name), norm(x.acronym) if x.acronym else None)
                         for x in facts.agencies},
        }
        lines = []
        for key in ("laws", "agencies"):
            tp, fp, fn = match_names(found[key], gold[iso][key])
            for i, v in enumerate((tp, fp, fn)):
                totals[key][i] += v
            lines.append(f"   {key:8} tp={tp} fp={fp} fn={fn}")
            lines += [f"      - missed   {x}" for x in unmatched(gold[iso][key], found[key],
                                                                 match_names)]
            lines += [f"      + spurious {x}" for x in unmatched(found[key], gold[iso][key],
                                                                 match_names)]
        if not args.quiet and (only is None or iso in only):
            print(f"== {iso} {facts.narrative.heading}")
            print("\n".join(lines))
    for key, (tp, fp, fn) in totals.items():
        p, r, f = score.prf(tp, fp, fn)
        print(f"{key:8} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn})")
    print(f"build {elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
