#!/usr/bin/env python3
"""Dev benchmark of the flow and role readers against the dev gold (tests/gold/*.json).

Reads the built-in 2017 sample with the real reader (``read_report``), runs
``spacy.blank("en")`` + ``tip_sentencizer`` + ``tip_places`` + ``tip_flows`` over every
section in one ``nlp.pipe`` stream, and scores like ``/work/shared/eval/score.py``: per
narrative, the set of (origin, destination) pairs of the mentions from the TRAFFICKING
PROFILE section, micro-averaged P/R/F1; the same with forms ((o, d, form) triples); roles
exact-match accuracy (roles from the profile's first sentence, none for partial narratives).

    .venv/bin/python benchmarks/flows_dev.py             # misses and spurious pairs, totals
    .venv/bin/python benchmarks/flows_dev.py --quiet     # totals only
    .venv/bin/python benchmarks/flows_dev.py --only KEN,JOR --forms
    .venv/bin/python benchmarks/flows_dev.py --years     # the other-years held-out set
    .venv/bin/python benchmarks/flows_dev.py --years --batch 7   # one batch of it

``--years`` scores ``tests/data/flows_years.jsonl`` instead: hand-annotated sentences in the
phrasing of other report years and countries (2001-2025), one doc per line with the line's
narrative country set, scored the same way (pairs, pairs with forms, roles of the lines that
are a profile's first sentence) plus sex-tourism pairs and victims of the matched pairs. The
dev sample is all 2017; this is what says whether a rule reads the language or the sample.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language

from tipgraph.extract import flows as _flows  # noqa: F401  (registers tip_flows)
from tipgraph.extract import places as _places  # noqa: F401
from tipgraph.extract import sentences as _sentences  # noqa: F401
from tipgraph.extract.flows import FlowMention, roles_from_profile
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.records import Report
from tipgraph.extract.source import read_source
from tipgraph.pipeline.build import read

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
YEARS = ROOT / "tests" / "data" / "flows_years.jsonl"


def _code(place: object) -> str:
    kind, code = place.kind, place.code  # type: ignore[attr-defined]
    return code if kind == "country" else f"region:{code}"


@dataclass
class System:
    """What the readers produced for one narrative."""

    pairs: set[tuple[str, str]] = field(default_factory=set)
    triples: set[tuple[str, str, str]] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    forms: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    evidence: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))


def build_nlp() -> Language:
    """The pipeline the benchmark (and the regression test) measures."""
    nlp = spacy.blank("en")
    for name in ("tip_sentencizer", "tip_places", "tip_flows"):
        nlp.add_pipe(name)
    return nlp


def read_sample() -> Report:
    """The built-in sample as the real reader reads it (the build's own ``read``)."""
    return read(read_source(None), load_gazetteer(), None)


def run(nlp: Language, report: Report) -> dict[str, System]:
    """Pairs, triples and roles per narrative ISO code."""
    jobs = []
    for narrative in report.narratives:
        for section in narrative.sections:
            doc = nlp.make_doc(section.clean)
            doc._.country = narrative.iso3
            doc._.section = section.kind
            jobs.append((narrative, section, doc))
    out: dict[str, System] = defaultdict(System)
    docs = nlp.pipe([d for _n, _s, d in jobs], batch_size=32)
    for (narrative, section, _), doc in zip(jobs, docs, strict=True):
        system = out[narrative.iso3]
        if section.kind != "profile":
            continue
        if not narrative.partial and not system.roles:
            system.roles = roles_from_profile(doc)
        mentions: list[FlowMention] = doc._.flow_mentions
        for m in mentions:
            pair = (_code(m.origin), _code(m.destination))
            system.pairs.add(pair)
            system.forms[pair] |= m.forms
            system.evidence[pair].append(doc.text[m.start:m.end])
    for system in out.values():
        # As merge_flows does: marriage only when no other form is stated for the pair.
        for pair, forms in system.forms.items():
            kept = forms - {"marriage"} if len(forms) > 1 else forms
            system.triples |= {(*pair, form) for form in kept}
    return out


def read_gold() -> dict[str, dict[str, set]]:
    gold = {}
    for path in sorted(GOLD.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        pairs, triples = set(), set()
        for f in g.get("flows", []):
            pair = (f["origin"], f["destination"])
            pairs.add(pair)
            triples |= {(*pair, form) for form in f.get("forms") or []}
        gold[g["country"]] = {"pairs": pairs, "triples": triples,
                              "roles": set(g.get("roles") or []),
                              "quotes": {(f["origin"], f["destination"]): f["quote"]
                                         for f in g.get("flows", [])}}
    return gold


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(system: dict[str, System], gold: dict[str, dict[str, set]],
          only: set[str] | None = None, show: bool = True,
          show_forms: bool = False) -> dict[str, float]:
    totals = {"pairs": [0, 0, 0], "triples": [0, 0, 0]}
    roles_ok = 0
    n = 0
    for iso, g in sorted(gold.items()):
        if only and iso not in only:
            continue
        n += 1
        s = system.get(iso, System())
        for key in ("pairs", "triples"):
            got = getattr(s, key)
            tp = len(got & g[key])
            totals[key][0] += tp
            totals[key][1] += len(got) - tp
            totals[key][2] += len(g[key]) - tp
        roles_ok += s.roles == g["roles"]
        if not show:
            continue
        missed = sorted(g["pairs"] - s.pairs)
        spurious = sorted(s.pairs - g["pairs"])
        bad_roles = s.roles != g["roles"]
        form_errs = sorted((g["triples"] ^ s.triples) - {
            t for t in g["triples"] ^ s.triples if t[:2] in set(missed) | set(spurious)})
        if missed or spurious or bad_roles or (show_forms and form_errs):
            p, r, _ = prf(len(s.pairs & g["pairs"]), len(spurious), len(missed))
            print(f"== {iso}  P={p:.2f} R={r:.2f}"
                  + (f"  roles {sorted(s.roles)} != {sorted(g['roles'])}" if bad_roles else ""))
            for pair in missed:
                print(f"   MISSED   {pair[0]}->{pair[1]}  | {g['quotes'][pair][:110]}")
            for pair in spurious:
                print(f"   SPURIOUS {pair[0]}->{pair[1]}  | {s.evidence[pair][0][:110]}")
            if show_forms:
                for t in form_errs:
                    side = "gold-only" if t in g["triples"] else "sys-only"
                    print(f"   FORM {side} {t}")
    pp, pr, pf = prf(*totals["pairs"])
    _tp, _tr, tf = prf(*totals["triples"])
    return {"P": pp, "R": pr, "F1": pf, "form_F1": tf, "roles": roles_ok / (n or 1),
            "tp": totals["pairs"][0], "fp": totals["pairs"][1], "fn": totals["pairs"][2]}


def _kept(forms: set[str]) -> set[str]:
    """As merge_flows: marriage only when no other form is stated for the pair."""
    return forms - {"marriage"} if len(forms) > 1 else forms


def score_years(nlp: Language, rows: list[dict], show: bool = True) -> dict[str, float]:
    """Score the readers on the held-out lines (see the module docstring).

    Each line is its own narrative: its pairs are compared as a set, as score.py compares a
    narrative's, and the counts are micro-averaged over the lines.
    """
    tot = {"pairs": [0, 0, 0], "triples": [0, 0, 0], "tourism": [0, 0, 0]}
    roles_ok = roles_n = victims_ok = victims_n = 0
    docs = []
    for row in rows:
        doc = nlp.make_doc(row["text"])
        doc._.country = row["country"]
        doc._.section = "profile"
        docs.append(doc)
    for number, (row, doc) in enumerate(zip(rows, nlp.pipe(docs), strict=True), start=1):
        forms: dict[tuple[str, str], set[str]] = defaultdict(set)
        victims: dict[tuple[str, str], set[str]] = defaultdict(set)
        for m in doc._.flow_mentions:
            pair = (_code(m.origin), _code(m.destination))
            forms[pair] |= m.forms
            victims[pair] |= m.victims - {"boys", "girls"}
        got = set(forms)
        gold = {(f["origin"], f["destination"]) for f in row["flows"]}
        g_forms = {(f["origin"], f["destination"]): set(f["forms"]) for f in row["flows"]}
        g_victims = {(f["origin"], f["destination"]): set(f.get("victims") or [])
                     for f in row["flows"]}
        triples = {(*p, f) for p, fs in forms.items() for f in _kept(fs)}
        g_triples = {(*p, f) for p, fs in g_forms.items() for f in fs}
        tour = {(_code(m.origin), _code(m.destination)) for m in doc._.sex_tourism_mentions}
        g_tour = {(t["from"], t["to"]) for t in row["sex_tourism"]}
        for key, s_set, g_set in (("pairs", got, gold), ("triples", triples, g_triples),
                                  ("tourism", tour, g_tour)):
            tp = len(s_set & g_set)
            tot[key][0] += tp
            tot[key][1] += len(s_set) - tp
            tot[key][2] += len(g_set) - tp
        problems = []
        if row["roles"] is not None:
            roles_n += 1
            roles = roles_from_profile(doc)
            if roles == set(row["roles"]):
                roles_ok += 1
            else:
                problems.append(f"ROLES {sorted(roles)} != {sorted(row['roles'])}")
        for pair in sorted(gold & got):
            if g_victims[pair]:
                victims_n += 1
                if victims[pair] == g_victims[pair]:
                    victims_ok += 1
                else:
                    problems.append(f"VICTIMS {pair}: {sorted(victims[pair])} != "
                                    f"{sorted(g_victims[pair])}")
            if _kept(forms[pair]) != g_forms[pair]:
                problems.append(f"FORMS {pair}: {sorted(_kept(forms[pair]))} != "
                                f"{sorted(g_forms[pair])}")
        problems += [f"MISSED {p[0]}->{p[1]}" for p in sorted(gold - got)]
        problems += [f"SPURIOUS {p[0]}->{p[1]}" for p in sorted(got - gold)]
        problems += [f"TOURISM missed {p}" for p in sorted(g_tour - tour)]
        problems += [f"TOURISM spurious {p}" for p in sorted(tour - g_tour)]
        if show and problems:
            print(f"== line {number} {row['country']} ({row.get('style')}): {row['text'][:150]}")
            for problem in problems:
                print(f"   {problem}")
    p, r, f = prf(*tot["pairs"])
    _p, _r, form_f = prf(*tot["triples"])
    _tp, _tr, tf_ = prf(*tot["tourism"])
    return {"P": p, "R": r, "F1": f, "form_F1": form_f, "tourism_F1": tf_,
            "roles": roles_ok / (roles_n or 1), "victims": victims_ok / (victims_n or 1),
            "tp": tot["pairs"][0], "fp": tot["pairs"][1], "fn": tot["pairs"][2]}


def read_years(path: Path = YEARS) -> list[dict]:
    """The held-out lines, one JSON object each."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quiet", action="store_true", help="print the totals only")
    ap.add_argument("--only", help="comma-separated ISO codes")
    ap.add_argument("--forms", action="store_true", help="also list form differences")
    ap.add_argument("--years", action="store_true",
                    help="score tests/data/flows_years.jsonl (other report years) instead")
    ap.add_argument("--batch", type=int,
                    help="with --years: only the lines of this batch (a first run is measured "
                         "on its own batch, so that the older lines cannot hide it)")
    args = ap.parse_args(argv)
    nlp = build_nlp()
    if args.years:
        rows = read_years()
        if args.batch is not None:
            rows = [row for row in rows if row.get("batch") == args.batch]
        res = score_years(nlp, rows, show=not args.quiet)
        print(f"years flows P={res['P']:.3f} R={res['R']:.3f} F1={res['F1']:.3f} "
              f"(tp={res['tp']} fp={res['fp']} fn={res['fn']}) | +form F1={res['form_F1']:.3f}"
              f" | roles={res['roles']:.3f} | victims={res['victims']:.3f}"
              f" | sex tourism F1={res['tourism_F1']:.3f}")
        return 0
    report = read_sample()
    started = time.perf_counter()
    system = run(nlp, report)
    elapsed = time.perf_counter() - started
    only = set(args.only.split(",")) if args.only else None
    res = score(system, read_gold(), only, show=not args.quiet, show_forms=args.forms)
    print(f"flows P={res['P']:.3f} R={res['R']:.3f} F1={res['F1']:.3f} "
          f"(tp={res['tp']} fp={res['fp']} fn={res['fn']}) | flows+form F1={res['form_F1']:.3f}"
          f" | roles={res['roles']:.3f} | {elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
