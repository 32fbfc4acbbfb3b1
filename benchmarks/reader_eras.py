"""How well the reader reads the era fixtures of tests/data/reader_eras (figures, not a test).

For each fixture: the narratives it expects that were read (country), with the right tier,
with a ``profile`` section that starts where the expected profile starts, and whether the
report year was inferred right. Run: ``.venv/bin/python benchmarks/reader_eras.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

from tipgraph.core.errors import TipgraphError
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.reader import read_report

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "reader_eras"


def main() -> None:
    gazetteer = load_gazetteer()

    totals = {"narratives": 0, "read": 0, "tiers": 0, "profiles": 0, "years": 0, "files": 0}
    for line in (DATA / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        text = (DATA / case["file"]).read_text(encoding="utf-8")
        totals["files"] += 1
        totals["narratives"] += len(case["narratives"])
        year_ok = False
        try:
            try:
                report = read_report(text, source_name=case["file"], sha256="0", year=None,
                                     resolve_country=gazetteer.heading_iso3,
                                     guess_country=gazetteer.fragment_country)
                year_ok = report.year == case["year"]
            except TipgraphError as exc:
                if exc.code != "E203":
                    raise
                report = read_report(text, source_name=case["file"], sha256="0",
                                     year=case["year"], resolve_country=gazetteer.heading_iso3,
                                     guess_country=gazetteer.fragment_country)
        except TipgraphError as exc:
            print(f"{case['file']}: {exc}")
            continue
        totals["years"] += year_ok
        read = {n.iso3: n for n in report.narratives if not n.partial}
        for iso3, tier in case["narratives"]:
            narrative = read.get(iso3)
            if narrative is None:
                continue
            totals["read"] += 1
            totals["tiers"] += narrative.tier == tier
            profile = [s for s in narrative.sections if s.kind == "profile"]
            totals["profiles"] += bool(profile) and profile[0].clean.startswith(
                case["profiles"][iso3])
        print(f"{case['file']}: year {report.year} ({'ok' if year_ok else 'WRONG/none'}), "
              + ", ".join(f"{n.iso3}/{n.tier}:{'+'.join(s.kind for s in n.sections)}"
                          for n in report.narratives))
    n = totals["narratives"]
    print(f"narratives read {totals['read']}/{n}, tiers right {totals['tiers']}/{n}, "
          f"profiles found {totals['profiles']}/{n}, years right "
          f"{totals['years']}/{totals['files']}")


if __name__ == "__main__":
    main()
