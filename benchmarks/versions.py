#!/usr/bin/env python3
"""Score two versions of tipgraph on the same annotated sets: how far does a code change carry
to text neither version was tuned on?

Issue #12 was measured, on narratives we do not have, with the code of its filing (912ffe7);
our stand-ins for those narratives are the annotated sets of ``tests/data``. Running an older
revision on today's sets says two things no figure of one version can:

- how the stand-in reads against the issue's unseen sets for the SAME code (the issue quotes
  that code's figures there), and
- what a later version gains over an earlier one on sets that NEITHER was tuned on (a set
  added after both, e.g. ``legal_years_heldout39`` onward for the code of stop 32).

``dump`` runs the tipgraph installed in the running interpreter, so an old revision runs from
its own checkout and venv while the data and this script come from this tree::

    git worktree add --detach /tmp/tip-old 912ffe7
    (cd /tmp/tip-old && python3 -m venv .venv && .venv/bin/pip install -q -e .)
    /tmp/tip-old/.venv/bin/python benchmarks/versions.py dump /tmp/dump-old
    .venv/bin/python benchmarks/versions.py dump /tmp/dump-now
    .venv/bin/python benchmarks/versions.py score /tmp/dump-old /tmp/dump-now --since 39

Every legal line (``legal_years*.jsonl``) is read as a narrative of the 2017 layout (its
country's heading, one ``PROSECUTION`` section) through the whole build, so that versions
whose extractor APIs differ are read alike; lines are grouped into reports with one narrative
per country. Every held-out real-years narrative is built alone from the layout
``real_years.py --normalised`` gives it (the old reader could not read the raw web copies:
that was issue #11). The scoring is the project's copy of the evaluation scorer.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
from importlib import import_module, resources
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import real_years
from _harness import ROOT, load_scorer

DATA = ROOT / "tests" / "data"
_HELDOUT = re.compile(r"legal_years_heldout(?P<n>\d*)")
KINDS = ("laws", "agencies")


def _build_graph() -> Any:
    """The installed version's ``build_graph`` (it moved to ``tipgraph.pipeline`` in #14)."""
    for module in ("tipgraph.pipeline.build", "tipgraph.graph.build"):
        try:
            return import_module(module).build_graph
        except ImportError:
            continue
    raise SystemExit("no tipgraph build_graph in this interpreter")


def heldout_number(path: Path) -> int:
    """1 for ``legal_years_heldout``, N for ``legal_years_heldoutN``, 0 for a written set."""
    m = _HELDOUT.fullmatch(path.stem)
    return int(m["n"] or 1) if m else 0


def legal_files() -> list[Path]:
    """The legal sets in the order they were added (the written ones, then heldout, 2, 3...)."""
    return sorted(DATA.glob("legal_years*.jsonl"), key=lambda p: (heldout_number(p), p.stem))


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def dump_legal(out: Path) -> int:
    """Laws and agencies of every legal line as the installed version reads them."""
    build_graph = _build_graph()
    table = resources.files("tipgraph") / "extract" / "gazetteer" / "countries.tsv"
    with table.open(encoding="utf-8") as stream:
        heading = {row["iso3"]: row["tip_name"] for row in csv.DictReader(stream, delimiter="\t")}
    cases = [(f"{path.stem}#{i}", case) for path in legal_files()
             for i, case in enumerate(_lines(path))]
    reports: list[list[tuple[str, dict[str, Any]]]] = []
    for key, case in cases:
        report = next((r for r in reports if all(c["country"] != case["country"] for _, c in r)),
                      None)
        if report is None:
            reports.append(report := [])
        report.append((key, case))
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="tip-versions-") as tmp:
        for index, report in enumerate(reports):
            path = Path(tmp) / f"tip-2017-lines{index}.txt"
            path.write_text("".join(f"{heading[c['country']]}: TIER 2\n\nPROSECUTION\n\n"
                                    f"{c['text']}\n\n" for _, c in report), encoding="utf-8")
            facts = {f.narrative.iso3: f for f in build_graph([path], year=2017,
                                                                validate=False).facts}
            for key, case in report:
                f = facts.get(case["country"])
                found[key] = None if f is None else {
                    "laws": [x.name for x in f.laws],
                    "agencies": [[x.name, x.acronym] for x in f.agencies]}
    (out / "legal.json").write_text(json.dumps(found, indent=0, sort_keys=True), encoding="utf-8")
    return sum(v is None for v in found.values())


def _lists(only: str | None) -> list[str]:
    """The real-years held-out lists to build or score: all, or the comma-separated names."""
    names = list(real_years.LISTS)
    if only is None:
        return names
    wanted = only.split(",")
    unknown = sorted(set(wanted) - set(names))
    if unknown:
        raise SystemExit(f"no real-years list {', '.join(unknown)}")
    return [name for name in names if name in wanted]


def dump_flows(out: Path, only: str | None = None) -> int:
    """The graph of every held-out real-years narrative (or those of the ``only`` lists),
    normalised, as Turtle."""
    build_graph = _build_graph()
    write_graph = import_module("tipgraph.graph.serialize").write_graph
    folder = out / "flows"
    folder.mkdir(exist_ok=True)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="tip-versions-") as tmp:
        for name in _lists(only):
            for case in real_years.cases(name):
                gold = json.loads(case.gold.read_text(encoding="utf-8"))
                source = Path(tmp) / case.text.name
                source.write_text(real_years.normalise(case.text.read_text(encoding="utf-8"),
                                                       gold["narrative"]), encoding="utf-8")
                try:
                    result = build_graph([source], year=case.year, validate=False,
                                         timestamp=real_years.TIMESTAMP)
                except Exception as error:  # an old version's refusal is a narrative not read
                    print(f"{case.key}: {error}", file=sys.stderr)
                    failed += 1
                    continue
                write_graph(folder / f"{case.key}.ttl", result.union)
    return failed


def _legal_counts(dump: dict[str, Any], paths: list[Path], scorer: Any) -> dict[str, list[int]]:
    norm, match = scorer.norm, scorer.match_names
    totals = {kind: [0, 0, 0] for kind in KINDS}
    for path in paths:
        for i, case in enumerate(_lines(path)):
            got = dump.get(f"{path.stem}#{i}") or {"laws": [], "agencies": []}
            system = {"laws": {(norm(x), None) for x in got["laws"]},
                      "agencies": {(norm(a), norm(b) if b else None) for a, b in got["agencies"]}}
            gold = {"laws": {(norm(x["name"]), None) for x in case["laws"]},
                    "agencies": {(norm(x["name"]), norm(x["acronym"]) if x.get("acronym")
                                  else None) for x in case["agencies"]}}
            for kind in KINDS:
                for j, v in enumerate(match(system[kind], gold[kind])):
                    totals[kind][j] += v
    return totals


def _flows_summary(folder: Path, keys: list[str], scorer: Any) -> dict[str, Any]:
    system, gold = {}, {}
    for key in keys:
        year, iso = key.split("-")
        gold[key] = scorer.read_gold(real_years.GOLD / year)[iso]
        ttl = folder / f"{key}.ttl"
        record = scorer.read_graph(ttl).get(iso) if ttl.is_file() else None
        if record is not None:
            system[key] = record
    summary: dict[str, Any] = scorer.score(system, gold)["summary"]
    return summary


def score(dumps: list[Path], since: int, only: str | None = None) -> None:
    """One line per set group and dump."""
    scorer = load_scorer()
    files = legal_files()
    held = [p for p in files if heldout_number(p)]
    groups = {"legal, written sets": [p for p in files if p not in held],
              "legal, every held-out set": held,
              f"legal, held-out sets {since} on": [p for p in held if heldout_number(p) >= since]}
    for label, paths in groups.items():
        print(f"== {label} ({len(paths)} files)")
        for dump in dumps:
            counts = _legal_counts(json.loads((dump / "legal.json").read_text()), paths, scorer)
            print(f"  {dump.name:24}" + "  ".join(
                f"{kind} F1={scorer.prf(*c)[2]:.3f} ({c[0]}/{c[1]}/{c[2]})"
                for kind, c in counts.items()))
    keys = [c.key for name in _lists(only) for c in real_years.cases(name)]
    print(f"== flows, held-out real-years narratives, normalised ({len(keys)}: "
          f"{only or 'every list'})")
    for dump in dumps:
        s = _flows_summary(dump / "flows", keys, scorer)
        print(f"  {dump.name:24}narratives {s['narratives_found']}/{s['narratives']} | "
              f"flows P={s['pairs'][0]:.3f} R={s['pairs'][1]:.3f} F1={s['pairs'][2]:.3f} | "
              f"+form F1={s['triples'][2]:.3f} | tier={s['tier_acc']:.3f} "
              f"roles={s['roles_acc']:.3f} | laws F1={s['laws'][2]:.3f} | "
              f"agencies F1={s['agencies'][2]:.3f}")


def main(argv: list[str] | None = None) -> int:
    """``dump DIR`` with the installed version, or ``score DIR [DIR ...]``."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="run the installed tipgraph on every set")
    d.add_argument("out", type=Path)
    d.add_argument("--legal-only", action="store_true", help="skip the real-years narratives")
    d.add_argument("--lists", help="build only these real-years lists (heldout38,heldout39)")
    s = sub.add_parser("score", help="score dumps side by side")
    s.add_argument("dumps", type=Path, nargs="+")
    s.add_argument("--since", type=int, default=39,
                   help="also pool the held-out legal sets numbered from N on (default 39)")
    s.add_argument("--lists", help="score only these real-years lists (heldout38,heldout39)")
    args = ap.parse_args(argv)
    if args.command == "dump":
        args.out.mkdir(parents=True, exist_ok=True)
        lost = dump_legal(args.out)
        failed = 0 if args.legal_only else dump_flows(args.out, args.lists)
        print(f"{args.out}: legal lines not read {lost}, narratives refused {failed}")
        return 0
    score(args.dumps, args.since, args.lists)
    return 0


if __name__ == "__main__":
    sys.exit(main())
