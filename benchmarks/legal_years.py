#!/usr/bin/env python3
"""Laws and agencies on other report years: the annotated set ``tests/data/legal_years.jsonl``.

The dev gold is one 2017 sample; these paragraphs are in the phrasing of the 2018-2025
reports (Gulf numbered laws, Latin American and African institutions), annotated by the gold
guidelines before the extractors were run on them. Each line is read as one narrative (its
``country`` set on the doc), resolved as the pipeline resolves a narrative, and scored with the
evaluation's own matching (``tests/eval/score.py``). Prints each line's misses, then micro
P/R/F1 of laws, of agencies, and how many matched laws carry the right enactment year.

    .venv/bin/python benchmarks/legal_years.py            # per-line misses, then totals
    .venv/bin/python benchmarks/legal_years.py --quiet    # totals only
    .venv/bin/python benchmarks/legal_years.py --data tests/data/legal_years_heldout.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import spacy

from tipgraph.extract import agencies as _agencies  # noqa: F401  (registers tip_agencies)
from tipgraph.extract import laws as _laws  # noqa: F401  (registers tip_laws)
from tipgraph.extract import sentences as _sentences  # noqa: F401  (registers the sentencizer)
from tipgraph.extract.agency_resolve import resolve_agencies
from tipgraph.extract.law_resolve import resolve_laws
from tipgraph.extract.records import Sentence

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import ROOT, load_scorer

DATA = ROOT / "tests" / "data" / "legal_years.jsonl"


def read_cases(path: Path = DATA) -> list[dict[str, Any]]:
    """The annotated lines, in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def extract(cases: list[dict[str, Any]]) -> list[tuple[list[Any], list[Any]]]:
    """(laws, agencies) records of each case, as the pipeline resolves one narrative."""
    nlp = spacy.blank("en")
    for name in ("tip_sentencizer", "tip_laws", "tip_agencies"):
        nlp.add_pipe(name)
    docs = []
    for case in cases:
        doc = nlp.make_doc(case["text"])
        doc._.country = case["country"]
        doc._.section = "prosecution"
        docs.append(doc)
    out = []
    for case, doc in zip(cases, nlp.pipe(docs), strict=True):
        sents = [
            Sentence(i, s.start_char, s.end_char, s.text, s.text, "prosecution")
            for i, s in enumerate(doc.sents)
        ]

        def sentence_at(offset: int, sents: list[Sentence] = sents) -> Sentence:
            return next(s for s in reversed(sents) if s.start <= offset)

        laws = resolve_laws(
            [(m, sentence_at(m.start)) for m in doc._.law_mentions], case["country"]
        )
        agencies = resolve_agencies(
            [(m, sentence_at(m.start)) for m in doc._.agency_mentions], case["country"]
        )
        out.append((laws, agencies))
    return out


def score(cases: list[dict[str, Any]], scorer: ModuleType) -> tuple[dict[str, Any], list[str]]:
    """Micro figures over the file and one line per miss."""
    norm, match = scorer.norm, scorer.match_names
    totals = {"laws": [0, 0, 0], "agencies": [0, 0, 0]}
    years = [0, 0]  # matched laws with the gold's year, matched laws
    misses: list[str] = []
    for number, (case, (laws, agencies)) in enumerate(
        zip(cases, extract(cases), strict=True), start=1
    ):
        got = {
            "laws": {(norm(x.name), None) for x in laws},
            "agencies": {(norm(x.name), norm(x.acronym) if x.acronym else None) for x in agencies},
        }
        want = {
            "laws": {(norm(x["name"]), None) for x in case["laws"]},
            "agencies": {
                (norm(x["name"]), norm(x["acronym"]) if x.get("acronym") else None)
                for x in case["agencies"]
            },
        }
        for key in totals:
            for i, v in enumerate(match(got[key], want[key])):
                totals[key][i] += v
            for item in sorted(want[key], key=str):
                if match({item}, got[key])[0] == 0:
                    misses.append(f"line {number} {case['country']} {key} missed   {item[0]!r}")
            for item in sorted(got[key], key=str):
                if match({item}, want[key])[0] == 0:
                    misses.append(f"line {number} {case['country']} {key} spurious {item[0]!r}")
        year_of = {norm(x.name): x.year for x in laws}
        for x in case["laws"]:
            if norm(x["name"]) in year_of:
                years[1] += 1
                if year_of[norm(x["name"])] == x["year"]:
                    years[0] += 1
                else:
                    misses.append(
                        f"line {number} {case['country']} year of {x['name']!r}: "
                        f"{year_of[norm(x['name'])]} != {x['year']}"
                    )
    figures: dict[str, Any] = {key: scorer.prf(*t) for key, t in totals.items()}
    figures["counts"] = totals
    figures["years"] = years
    return figures, misses


def main(argv: list[str] | None = None) -> int:
    """Print the misses and the figures."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quiet", action="store_true", help="print the totals only")
    ap.add_argument(
        "--data",
        type=Path,
        default=DATA,
        help="another annotated file (tests/data/legal_years_heldout.jsonl)",
    )
    args = ap.parse_args(argv)
    figures, misses = score(read_cases(args.data), load_scorer())
    if not args.quiet:
        print("\n".join(misses))
    for key in ("laws", "agencies"):
        p, r, f = figures[key]
        tp, fp, fn = figures["counts"][key]
        print(f"{key:8} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn})")
    ok, n = figures["years"]
    print(f"law years {ok}/{n} of the matched laws")
    return 0


if __name__ == "__main__":
    sys.exit(main())
