#!/usr/bin/env python3
"""Inter-annotator agreement on laws and agencies of the real-text legal sets (issue #12).

Pooled first runs of the extractor on real text score agencies near F1 0.87 against golds
that one annotator wrote alone. How much of that gap is the extractor's, and how much is two
careful readers of the same guidelines disagreeing? Eight committed sets
(``tests/data/legal_years_heldoutNN.jsonl``, annotator A) were annotated again blind, from
their texts alone, by annotator B (``tests/data/real_years/agreement/
legal_years_heldoutNN.blind.jsonl``). This script scores B against A with the evaluation's own
rule (``match_names`` of ``tests/eval/score.py``: name equal after ``norm``, or an acronym equal
to the other's acronym or name), per set and pooled; that F1 is the agreement, the ceiling a
single-annotator gold allows. It then scores the extractor (the current code, through
``benchmarks/legal_years.py``) against each annotator, and lists every entry the two
annotators do not share, line by line.

    .venv/bin/python benchmarks/agreement.py              # figures, then each disagreement
    .venv/bin/python benchmarks/agreement.py --quiet      # figures only
    .venv/bin/python benchmarks/agreement.py --no-extractor --sets 34 35
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import ROOT, load_scorer
from legal_years import extract, read_cases, score

SETS = ("31", "32", "33", "34", "35", "36", "37", "38")
KEYS = ("laws", "agencies")
BLIND = ROOT / "tests" / "data" / "real_years" / "agreement"

Counts = dict[str, list[int]]


def set_paths(number: str) -> tuple[Path, Path]:
    """(annotator A's committed gold, annotator B's blind file) of one set."""
    gold = ROOT / "tests" / "data" / f"legal_years_heldout{number}.jsonl"
    return gold, BLIND / f"legal_years_heldout{number}.blind.jsonl"


def entries(case: dict[str, Any], key: str, scorer: ModuleType) -> set[tuple[str, str | None]]:
    """A line's laws or agencies as the scorer compares them: (norm name, norm acronym)."""
    norm = scorer.norm
    if key == "laws":
        return {(norm(x["name"]), None) for x in case["laws"]}
    return {
        (norm(x["name"]), norm(x["acronym"]) if x.get("acronym") else None)
        for x in case["agencies"]
    }


def agreement(
    a_cases: list[dict[str, Any]], b_cases: list[dict[str, Any]], scorer: ModuleType
) -> tuple[Counts, list[str]]:
    """tp/fp/fn of B against A (B in the system's place) and one line per unshared entry.

    ``totals["years"]`` is [laws of equal name whose years also agree, laws of equal name]:
    the scorer does not compare years, so a year read differently is listed here only.

    The two files must hold the same texts in the same order: a blind file is the committed
    set's lines with the gold written again, so a text that differs is a wrong pairing.
    """
    totals: Counts = {key: [0, 0, 0] for key in KEYS}
    totals["years"] = [0, 0]
    lines: list[str] = []
    for number, (a, b) in enumerate(zip(a_cases, b_cases, strict=True), start=1):
        if a["text"] != b["text"]:
            raise ValueError(f"line {number}: the two annotators' texts differ")
        for key in KEYS:
            want, got = entries(a, key, scorer), entries(b, key, scorer)
            for i, v in enumerate(scorer.match_names(got, want)):
                totals[key][i] += v
            for item in sorted(want, key=str):
                if scorer.match_names({item}, got)[0] == 0:
                    lines.append(
                        f"line {number} {a['country']} {a['style']} {key} A only {item[0]!r}"
                    )
            for item in sorted(got, key=str):
                if scorer.match_names({item}, want)[0] == 0:
                    lines.append(
                        f"line {number} {a['country']} {a['style']} {key} B only {item[0]!r}"
                    )
        year_of = {scorer.norm(x["name"]): x["year"] for x in a["laws"]}
        for x in b["laws"]:
            if scorer.norm(x["name"]) in year_of:
                totals["years"][1] += 1
                if year_of[scorer.norm(x["name"])] == x["year"]:
                    totals["years"][0] += 1
                else:
                    lines.append(f"line {number} {a['country']} year of {x['name']!r} differs")
    return totals, lines


def shared_errors(
    a_cases: list[dict[str, Any]], b_cases: list[dict[str, Any]], scorer: ModuleType
) -> Counts:
    """How many of the extractor's errors against A are readings B shares, per key.

    [fp against A that B counts, fp against A, fn against A that B leaves out too, fn against
    A]: an error of the first and third kind sits where the two annotators disagree, so a
    second reader would not call it wrong.
    """
    norm = scorer.norm
    counts: Counts = {key: [0, 0, 0, 0] for key in KEYS}
    for a, b, (laws, agencies) in zip(a_cases, b_cases, extract(a_cases), strict=True):
        got = {
            "laws": {(norm(x.name), None) for x in laws},
            "agencies": {(norm(x.name), norm(x.acronym) if x.acronym else None) for x in agencies},
        }
        for key in KEYS:
            want, other = entries(a, key, scorer), entries(b, key, scorer)
            for item in got[key]:
                if scorer.match_names({item}, want)[0] == 0:
                    counts[key][1] += 1
                    counts[key][0] += scorer.match_names({item}, other)[0]
            for item in want:
                if scorer.match_names(got[key], {item})[0] == 0:
                    counts[key][3] += 1
                    counts[key][2] += 1 - scorer.match_names(other, {item})[0]
    return counts


def add(into: Counts, counts: Counts) -> None:
    """Add one set's counts (tp/fp/fn, and years where both have them) to the pooled ones."""
    for key, values in counts.items():
        if key in into:
            for i, v in enumerate(values):
                into[key][i] += v


def row(label: str, counts: Counts, scorer: ModuleType) -> str:
    """One table row: F1 with tp/fp/fn of laws and of agencies."""
    cells = []
    for key in KEYS:
        tp, fp, fn = counts[key]
        cells.append(f"{key} F1={scorer.prf(tp, fp, fn)[2]:.3f} (tp={tp} fp={fp} fn={fn})")
    if "years" in counts:
        cells.append(f"law years {counts['years'][0]}/{counts['years'][1]}")
    return f"{label:22} " + "  ".join(cells)


def report(
    sets: list[str], with_extractor: bool, scorer: ModuleType
) -> tuple[list[str], list[str]]:
    """The figure rows and the disagreement lines of the chosen sets."""
    pooled: dict[str, Counts] = {
        name: {key: [0, 0, 0] for key in KEYS} for name in ("agree", "A", "B")
    }
    pooled["agree"]["years"] = [0, 0]
    shared: Counts = {key: [0, 0, 0, 0] for key in KEYS}
    rows: list[str] = []
    disagreements: list[str] = []
    for number in sets:
        gold, blind = set_paths(number)
        a_cases, b_cases = read_cases(gold), read_cases(blind)
        counts, lines = agreement(a_cases, b_cases, scorer)
        add(pooled["agree"], counts)
        rows.append(row(f"heldout{number} B vs A", counts, scorer))
        disagreements += [f"heldout{number} {line}" for line in lines]
        if with_extractor:
            for name, cases in (("A", a_cases), ("B", b_cases)):
                figures, _ = score(cases, scorer)
                add(pooled[name], figures["counts"])
                rows.append(row(f"heldout{number} tip vs {name}", figures["counts"], scorer))
            for key, values in shared_errors(a_cases, b_cases, scorer).items():
                shared[key] = [x + y for x, y in zip(shared[key], values, strict=True)]
    rows.append(row("pooled B vs A", pooled["agree"], scorer))
    if with_extractor:
        rows.append(row("pooled tip vs A", pooled["A"], scorer))
        rows.append(row("pooled tip vs B", pooled["B"], scorer))
        rows.append(
            "tip's errors vs A that B shares: "
            + "  ".join(f"{key} fp {v[0]}/{v[1]} fn {v[2]}/{v[3]}" for key, v in shared.items())
        )
    return rows, disagreements


def main(argv: list[str] | None = None) -> int:
    """Print the disagreements (unless --quiet) and the figures."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quiet", action="store_true", help="print the figures only")
    ap.add_argument("--sets", nargs="+", default=list(SETS), help="set numbers (31-38)")
    ap.add_argument(
        "--no-extractor", action="store_true", help="agreement only; do not run the extractor"
    )
    args = ap.parse_args(argv)
    rows, disagreements = report(args.sets, not args.no_extractor, load_scorer())
    if not args.quiet:
        print("\n".join(disagreements))
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
