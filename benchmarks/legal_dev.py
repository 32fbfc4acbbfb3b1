#!/usr/bin/env python3
"""Dev benchmark for the law and agency extractors against the dev gold.

Splits the built-in 2017 sample into narratives by their heading lines (``JAMAICA: TIER 2``)
and each narrative into sections (``PROSECUTION`` ...), undoes the PDF-conversion escapes,
rejoins paragraphs split by page breaks, runs ``spacy.blank("en")`` with spaCy's
``sentencizer`` and the ``tip_laws`` / ``tip_agencies`` components over every section, resolves
the mentions per narrative and scores them the way ``/work/shared/eval/score.py`` does (its
``norm`` and ``match_names`` are imported from that file when it exists, else the copies below
are used).

The reader of the real pipeline is somebody else's; this script has its own small one so the
extractors can be measured on their own.

    .venv/bin/python benchmarks/legal_dev.py            # per-narrative misses, then totals
    .venv/bin/python benchmarks/legal_dev.py --quiet    # totals only
    .venv/bin/python benchmarks/legal_dev.py --only JAM,KEN
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import spacy

import tipgraph.extract.agencies as agencies_mod
import tipgraph.extract.laws as laws_mod
from tipgraph.extract.records import Sentence

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
SCORER = Path("/work/shared/eval/score.py")

HEADING = re.compile(r"^([A-Z][A-Z ,.'’()-]+?): (?:TIER|SPECIAL CASE)", re.M)
SECTION = re.compile(
    r"^(RECOMMENDATIONS FOR .+|PROSECUTION|PROTECTION|PREVENTION|TRAFFICKING PROFILE)\s*$", re.M
)
SECTION_KIND = {
    "PROSECUTION": "prosecution",
    "PROTECTION": "protection",
    "PREVENTION": "prevention",
    "TRAFFICKING PROFILE": "profile",
}
# A paragraph that ends without closing punctuation continues after a page break.
_OPEN_END = re.compile(r"[^.;:!?\"”)\]]\s*$")


def _norm(name: str) -> str:
    """Copy of score.py's ``norm``: lower-case, drop a leading 'the', punctuation, spaces."""
    s = name.lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s.strip())
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def _match_names(system: set[Any], gold: set[Any]) -> tuple[int, int, int]:
    """Copy of score.py's ``match_names``: greedy one-to-one name/acronym matching."""
    gold_left = list(gold)
    tp = 0
    for name, acr in system:
        for i, (gname, gacr) in enumerate(gold_left):
            if name == gname or (acr and acr in (gacr, gname)) or (gacr and gacr == name):
                tp += 1
                del gold_left[i]
                break
    return tp, len(system) - tp, len(gold_left)


def _load_scorer() -> tuple[Callable[[str], str], Callable[..., tuple[int, int, int]]]:
    """Use the shared scorer's own functions when it is there, so the figures agree."""
    if SCORER.exists():
        spec = importlib.util.spec_from_file_location("tip_score", SCORER)
        if spec and spec.loader:
            mod: ModuleType = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            return mod.norm, mod.match_names
    return _norm, _match_names


def repair(text: str) -> str:
    """Undo ``\\$`` and ``*`` escapes and rejoin paragraphs split by page breaks."""
    text = text.replace("\\$", "$").replace("*", "")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    out: list[str] = []
    for p in paras:
        if not p:
            continue
        if out and _OPEN_END.search(out[-1]) and p[:1].islower():
            out[-1] = out[-1] + " " + p
        else:
            out.append(p)
    return "\n\n".join(out)


def split_narratives(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return ``(heading, [(section kind, repaired text)])`` for each headed narrative."""
    heads = list(HEADING.finditer(text))
    out = []
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = text[m.end() : end]
        body = body.split("\n", 1)[1] if "\n" in body else ""
        parts = SECTION.split(body)
        sections = [("intro", parts[0])]
        for j in range(1, len(parts) - 1, 2):
            head = parts[j].strip()
            kind = "recommendations" if head.startswith("RECOMMENDATIONS") else SECTION_KIND[head]
            sections.append((kind, parts[j + 1]))
        out.append((m.group(1), [(k, repair(t)) for k, t in sections]))
    return out


def load_gold(norm: Callable[[str], str]) -> dict[str, dict[str, Any]]:
    """Gold per narrative heading: raw entries and normalised sets as score.py builds them."""
    gold = {}
    for path in sorted(GOLD.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        gold[g["narrative"]] = {
            "iso": g["country"],
            "laws": g.get("laws", []),
            "agencies": g.get("agencies", []),
            "law_set": {(norm(x["name"]), None) for x in g.get("laws", [])},
            "agency_set": {
                (norm(x["name"]), norm(x["acronym"]) if x.get("acronym") else None)
                for x in g.get("agencies", [])
            },
        }
    return gold


def extract(
    nlp: spacy.language.Language, sections: list[tuple[str, str]], iso: str | None
) -> tuple[list[Any], list[Any]]:
    """Run the pipeline over a narrative's sections and resolve laws and agencies."""
    law_pairs: list[tuple[laws_mod.LawMention, Sentence]] = []
    agency_pairs: list[tuple[agencies_mod.AgencyMention, Sentence]] = []
    index = 0
    offset = 0
    for kind, text in sections:
        doc = nlp.make_doc(text)
        if iso:
            doc._.country = iso
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        sents = []
        for s in doc.sents:
            sents.append(
                Sentence(
                    index=index,
                    start=offset + s.start_char,
                    end=offset + s.end_char,
                    text=s.text,
                    clean=s.text,
                    section=kind,
                )
            )
            index += 1
        starts = [s.start - offset for s in sents]

        def sent_of(char: int, sents: list[Sentence] = sents, starts: list[int] = starts) -> Any:
            i = max(0, _bisect(starts, char) - 1)
            return sents[i]

        law_pairs += [(m, sent_of(m.start)) for m in doc._.law_mentions]
        agency_pairs += [(m, sent_of(m.start)) for m in doc._.agency_mentions]
        offset += len(text) + 2
    return (
        laws_mod.resolve_laws(law_pairs, iso),
        agencies_mod.resolve_agencies(agency_pairs, iso),
    )


def _bisect(a: list[int], x: int) -> int:
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    """Print per-narrative misses and spurious entries, then micro P/R/F1."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quiet", action="store_true", help="print the totals only")
    ap.add_argument("--only", help="comma-separated ISO3 codes to show")
    ap.add_argument("--no-country", action="store_true", help="leave doc._.country unset")
    args = ap.parse_args(argv)
    norm, match_names = _load_scorer()

    text = (
        resources.files("tipgraph.extract.sample")
        .joinpath("tip-2017-jamaica-namibia.txt")
        .read_text(encoding="utf-8")
    )
    narratives = split_narratives(text)
    gold = load_gold(norm)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("tip_laws")
    nlp.add_pipe("tip_agencies")

    totals = {"laws": [0, 0, 0], "agencies": [0, 0, 0]}
    only = set(args.only.split(",")) if args.only else None
    t0 = time.perf_counter()
    for heading, sections in narratives:
        g = gold.get(heading)
        if g is None:
            print(f"no gold for {heading}", file=sys.stderr)
            continue
        laws, agencies = extract(nlp, sections, None if args.no_country else g["iso"])
        sys_laws = {(norm(x.name), None) for x in laws}
        sys_ags = {(norm(x.name), norm(x.acronym) if x.acronym else None) for x in agencies}
        report = []
        for key, sys_set, gold_set in (
            ("laws", sys_laws, g["law_set"]),
            ("agencies", sys_ags, g["agency_set"]),
        ):
            tp, fp, fn = match_names(sys_set, gold_set)
            for i, v in enumerate((tp, fp, fn)):
                totals[key][i] += v
            missed = _unmatched(gold_set, sys_set, match_names)
            spurious = _unmatched(sys_set, gold_set, match_names)
            report.append((key, tp, fp, fn, missed, spurious))
        if args.quiet or (only and g["iso"] not in only):
            continue
        print(f"== {g['iso']} {heading}")
        for key, tp, fp, fn, missed, spurious in report:
            print(f"   {key:8} tp={tp} fp={fp} fn={fn}")
            for x in missed:
                print(f"      - missed   {x}")
            for x in spurious:
                print(f"      + spurious {x}")
    elapsed = time.perf_counter() - t0
    for key, (tp, fp, fn) in totals.items():
        p, r, f = _prf(tp, fp, fn)
        print(f"{key:8} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn})")
    print(f"time {elapsed:.2f}s")
    return 0


def _unmatched(a: set[Any], b: set[Any], match_names: Callable[..., Any]) -> list[Any]:
    """Entries of ``a`` that find no partner in ``b`` under the scorer's matching."""
    left = []
    for item in sorted(a, key=str):
        if match_names({item}, b)[0] == 0:
            left.append(item)
    return left


if __name__ == "__main__":
    sys.exit(main())
