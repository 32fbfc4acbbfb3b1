#!/usr/bin/env python3
"""Score the real build on the real-years development set (issue #11).

``tests/data/real_years`` holds 256 country narratives of 24 report years (2001-2025) as their
web copies print them (26 development narratives, the 11 held-out ones of ``heldout.txt``,
the 5 of ``heldout2.txt``, the 4 of ``heldout3.txt``, the 6 of ``heldout4.txt``, the 3
of ``heldout5.txt``, the 4 of ``heldout6.txt``, the 5 of ``heldout7.txt``, the 5 of
``heldout8.txt``, the 3 of ``heldout9.txt``, the 3 of ``heldout10.txt``, the 4 of
``heldout11.txt``, the 4 of ``heldout12.txt``, the 5 of ``heldout13.txt``, the 6 of
``heldout14.txt``, the 5 of ``heldout15.txt``, the 5 of ``heldout16.txt``, the 5 of
``heldout17.txt``, the 5 of ``heldout18.txt``, the 6 of ``heldout19.txt``, the 6 of
``heldout20.txt``, the 5 of ``heldout21.txt``, the 6 of ``heldout22.txt``, the 11 of
``heldout23.txt``, the 7 of ``heldout24.txt``, the 9 of ``heldout25.txt``, the 11 of
``heldout26.txt``, the 10 of ``heldout27.txt``, the 6 of ``heldout28.txt``, the 8 of
``heldout29.txt``, the 4 of ``heldout30.txt``, the 7 of ``heldout31.txt``, the 6 of
``heldout32.txt``, the 1 of ``heldout33.txt``, the 6 of ``heldout34.txt``, the 5 of
``heldout35.txt``, the 6 of ``heldout36.txt``, the 6 of ``heldout37.txt``, the 3 of
``heldout38.txt``, the 7 of ``heldout39.txt`` and the 6 of ``heldout40.txt``),
each with its hand annotation (``gold/<YEAR>/<ISO3>.json``; see
``SOURCES.md`` there). The dev gold is one 2017 sample; this set says how the whole build
(reader, sentences, places, flows, roles, mapping) fares on the headings and layouts of other
years.

Each text file is built on its own through ``tipgraph.pipeline.build.build_graph`` (with the
year of its file name, as ``tipgraph build --year`` would), the graph written to Turtle and
read back with the project's copy of the evaluation scorer (``tests/eval/score.py``), whose
own functions do the scoring. The scorer keys narratives by country, and a country occurs in
several years, so each narrative is keyed ``YEAR-ISO3`` on both sides before ``score()``
micro-averages them. A file the build refuses (no heading found, ...) counts as a narrative
not read, with its error line printed.

``--normalised`` builds each text with its layout normalised the way issue #11 did by hand
(see :func:`normalise`): the narrative heading in capitals in the 2017 form, and the profile
paragraphs moved under a ``TRAFFICKING PROFILE`` heading after the rest of the narrative. That
measures the extractors apart from the reader's handling of old headings and headless
profiles.

    .venv/bin/python benchmarks/real_years.py                # raw texts: per-file misses, totals
    .venv/bin/python benchmarks/real_years.py --normalised
    .venv/bin/python benchmarks/real_years.py --both --quiet # the two summary lines only
    .venv/bin/python benchmarks/real_years.py --set heldout  # the held-out files alone
    .venv/bin/python benchmarks/real_years.py --set heldout2 # the second held-out list
    .venv/bin/python benchmarks/real_years.py --set heldout3 # the third
    .venv/bin/python benchmarks/real_years.py --set heldout4 # the fourth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout5 # the fifth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout6 # the sixth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout7 # the seventh (flows, laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout8 # the eighth (profiles: flows, forms)
    .venv/bin/python benchmarks/real_years.py --set heldout9 # the ninth (one profile)
    .venv/bin/python benchmarks/real_years.py --set heldout10 # the tenth (three profiles)
    .venv/bin/python benchmarks/real_years.py --set heldout11 # the eleventh (four profiles)
    .venv/bin/python benchmarks/real_years.py --set heldout12 # the twelfth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout13 # the thirteenth (tiers, a profile)
    .venv/bin/python benchmarks/real_years.py --set heldout14 # the fourteenth (2024-2025 forms)
    .venv/bin/python benchmarks/real_years.py --set heldout15 # the fifteenth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout16 # the sixteenth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout17 # the seventeenth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout18 # the eighteenth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout19 # the nineteenth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout20 # the twentieth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout21 # the twenty-first (2023-2024 forms)
    .venv/bin/python benchmarks/real_years.py --set heldout22 # the twenty-second (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout24 # the twenty-fourth (flows, profiles)
    .venv/bin/python benchmarks/real_years.py --set heldout25 # the twenty-fifth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout26 # the twenty-sixth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout27 # the twenty-seventh (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout28 # the twenty-eighth (flows, profiles)
    .venv/bin/python benchmarks/real_years.py --set heldout29 # the twenty-ninth (2023-2024 forms)
    .venv/bin/python benchmarks/real_years.py --set heldout30 # the thirtieth (flows, profiles)
    .venv/bin/python benchmarks/real_years.py --set heldout31 # the thirty-first (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout32 # the thirty-second (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout33 # the thirty-third (one profile)
    .venv/bin/python benchmarks/real_years.py --set heldout34 # the thirty-fourth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout35 # the thirty-fifth (2019-2024 forms)
    .venv/bin/python benchmarks/real_years.py --set heldout36 # the thirty-sixth (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout37 # the thirty-seventh (laws, agencies)
    .venv/bin/python benchmarks/real_years.py --set heldout38 # the thirty-eighth (2017 profiles)
    .venv/bin/python benchmarks/real_years.py --set heldout39 # the thirty-ninth (2010-16 profiles)
    .venv/bin/python benchmarks/real_years.py --set heldout40 # the fortieth (2013-2015 profiles)

``--set`` picks the files: ``dev`` (the development narratives the extractors were tuned on),
``heldout`` (the narratives listed in ``heldout.txt``, annotated before tipgraph ran on them),
``heldout2`` (those of ``heldout2.txt``, added before the flow work of issue #12, when
``heldout`` was about to be tuned on: the honest figure after it), ``heldout3`` (those of
``heldout3.txt``, added when ``heldout2`` had been tuned on as well), ``heldout4`` (those of
``heldout4.txt``: government-effort sections added for the laws and agencies of issue #12,
when the first three had been tuned on), ``heldout5`` (those of ``heldout5.txt``, added the
same way when ``heldout4`` had been tuned on), ``heldout6`` (those of ``heldout6.txt``, added
the same way when ``heldout5`` had been tuned on), ``heldout7`` (those of ``heldout7.txt``, two
profiles and three government-effort pieces added when ``heldout6`` had been tuned on),
``heldout8`` (those of ``heldout8.txt``, five profiles added when ``heldout7`` had been tuned
on), ``heldout9`` (that of ``heldout9.txt``, one profile added when ``heldout8`` had been tuned
on), ``heldout10`` (those of ``heldout10.txt``, three profiles added when ``heldout9`` had been
tuned on), ``heldout11`` (those of ``heldout11.txt``, four profiles added when ``heldout10``
had been tuned on), ``heldout12`` (those of ``heldout12.txt``, three government-effort pieces
and one profile added when ``heldout11`` had been tuned on), ``heldout13`` (those of
``heldout13.txt``, four headings with assessments or government-effort pieces and one profile
added when ``heldout12`` had been tuned on), ``heldout14`` (those of ``heldout14.txt``, six
2018-2025 headings with assessments and recommendations, the first of the 2024 and 2025 report
forms, added when ``heldout13`` had been tuned on), ``heldout15`` (those of ``heldout15.txt``,
five 2017-2022 headings with assessments and government-effort sections, dense in laws and
agencies, added when ``heldout14`` had been tuned on), ``heldout16`` (those of ``heldout16.txt``,
five 2019-2022 headings with assessments and, for two, a government-effort section, from the
Balkans, francophone Africa and the Caribbean, added when ``heldout15`` had been tuned on),
``heldout17`` (those of ``heldout17.txt``, five 2017-2021 headings with assessments and, for
four, a government-effort section, from the Pacific, the Andes, the Nordic and Baltic states and
Southern Africa, added when ``heldout16`` had been tuned on), ``heldout18`` (those of
``heldout18.txt``, five 2019-2023 headings with assessments and recommendations, from Central
Asia, the Gulf, Central Europe and the Caribbean, added when ``heldout17`` had been tuned on),
``heldout19`` (those of ``heldout19.txt``, six 2018-2022 headings with assessments and, for
five, a government-effort section, from Africa and the Middle East, added when ``heldout18`` had
been tuned on), ``heldout20`` (those of ``heldout20.txt``, six 2019-2022 headings with
assessments and recommendations and, for four, a government-effort section, from Asia-Pacific,
Europe and the Americas, collected beside ``heldout19``, before its fixes), ``heldout21``
(those of ``heldout21.txt``, five 2023-2024 headings with assessments, recommendations and, for
one, a protection section, from Ireland, Bhutan, Portugal, Slovakia and Slovenia, added when
``heldout19`` had been tuned on), ``heldout22`` (those of ``heldout22.txt``, six 2017-2023
headings with assessments, recommendations and, for four, the first sentences of a prosecution
section, from Western Europe and Oceania, added when ``heldout21`` had been tuned on),
``heldout24`` (those of ``heldout24.txt``, seven 2009 and 2016 headings with whole trafficking
profiles and assessments, long lists of origins and destinations, added when ``heldout22`` had
been tuned on), ``heldout25`` (those of ``heldout25.txt``, nine 2020-2023 headings of the dev
gold's countries, Jamaica to Namibia, in later years, with assessments, recommendations and
prosecution or protection sections, added when ``heldout23`` and ``heldout24`` had been tuned
on), ``heldout26`` (those of ``heldout26.txt``, eleven 2020-2022 headings of countries whose
earlier editions are in other lists, with assessments, recommendations and prosecution or
protection sections, added when ``heldout25`` had been tuned on),
``heldout27`` (those of ``heldout27.txt``, ten 2020-2022 headings of countries whose
earlier editions are in other lists, with assessments, recommendations and, for eight,
prosecution or protection sections, added when ``heldout25`` had been tuned on),
``heldout28`` (those of ``heldout28.txt``, six 2018-2022 headings and assessments with the
first stored piece of their trafficking profile in the 2017-2022 phrasing, from Africa, Eurasia
and the Caribbean, added when ``heldout25`` had been tuned on), ``heldout29`` (those of
``heldout29.txt``, eight 2023-2024 headings of the newest editions from the Balkans, the
Caucasus, Latin America and the Gulf, with assessments, recommendations and, for one, a
protection section, added when ``heldout27`` had been tuned on), ``heldout30`` (those of
``heldout30.txt``, four 2018-2021 trafficking profiles of Vietnam, Venezuela, the Philippines
and Iraq, whose other years are in other lists, added when ``heldout28`` had been tuned on),
``heldout31`` (those of ``heldout31.txt``, seven 2023 headings with assessments and, for four,
prosecution, protection or prevention sections, from Sub-Saharan Africa and the Middle East and
North Africa, added when ``heldout29`` and ``heldout30`` had been tuned on), ``heldout32``
(those of ``heldout32.txt``, six 2020-2022 narratives of Fiji, Georgia, Kazakhstan, Japan and
the Kyrgyz Republic with prosecution or protection sections, for laws and agencies, added when
``heldout30`` had been tuned on), ``heldout33`` (that of ``heldout33.txt``, the 2022 Colombia
profile, the only new real profile of the regions asked that the stored pages hold, added when
``heldout30`` had been tuned on), ``heldout34`` (those of ``heldout34.txt``, six 2018-2019
narratives of Mexico, the Philippines and Kosovo with headings, assessments, recommendations
and, for three, a protection section, for laws and agencies, added when ``heldout32`` and
``heldout33`` had been tuned on), ``heldout35`` (those of ``heldout35.txt``, the 2021 Uganda
profile and the headings and assessments of 2021 Cambodia and Peru, 2024 Moldova and 2019
Thailand, added when ``heldout30``, ``heldout33`` and ``heldout34`` had been tuned on),
``heldout36`` (those of ``heldout36.txt``, six 2018-2021 pieces of Bangladesh, Egypt, Tanzania
and Mozambique: headings, assessments, recommendations, a prosecution and a prevention section,
for laws and agencies, added when ``heldout35`` had been tuned on), ``heldout37`` (those of
``heldout37.txt``, six 2020-2023 headings and assessments of Jordan, Lebanon, Mali, Burkina Faso,
Ethiopia and Guinea, two with recommendations, for tier, laws and agencies, added when
``heldout35`` and ``heldout36`` had been tuned on), ``heldout38`` (those of ``heldout38.txt``,
the 2017 Niger, Burma and Egypt trafficking profiles with their headings (and assessments,
but Egypt's), for flows, tier and roles, added when ``heldout35``-``heldout37`` had been tuned
on), ``heldout39`` (those of ``heldout39.txt``, seven 2010-2016 trafficking profiles of Lebanon,
Albania, Ukraine, Tunisia, Morocco and Mali with their headings, for flows, tier and roles, added
when ``heldout35``-``heldout38`` had been tuned on), ``heldout40`` (those of ``heldout40.txt``,
the 2013-2015 Peru, Indonesia, Micronesia, Bangladesh, Bolivia and Guyana trafficking profiles
with their headings, for flows, tier and roles, added when ``heldout38`` had been tuned on) or
``all`` (the default).

The sets are scored apart because one micro-average over them would hide the held-out figures
behind the tuned one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import ROOT, load_scorer

DATA = ROOT / "tests" / "data" / "real_years"
TEXTS = DATA / "texts"
GOLD = DATA / "gold"
_LIST_FILE = re.compile(r"heldout(?P<n>[0-9]*)\.txt")


def _lists() -> dict[str, Path]:
    """The held-out lists in the order they were added: ``heldout.txt``, then
    ``heldout2.txt``, ``heldout3.txt``, ... Each list is a file, whose header says what it
    holds and what had been tuned on when it was added (``HELDOUT.md`` has the figures), so a
    new list is a new file, with its floors in ``floors.toml``."""
    found = {(int(m["n"] or 1), path.stem): path for path in DATA.glob("heldout*.txt")
             if (m := _LIST_FILE.fullmatch(path.name))}
    return {name: found[(n, name)] for n, name in sorted(found)}


LISTS = _lists()
SETS = ("all", "dev", *LISTS)
# A fixed build time, so two runs write the same graphs.
TIMESTAMP = "2025-01-01T00:00:00Z"

_NAME = re.compile(r"(?P<year>\d{4})-(?P<iso>[A-Z]{3})\.txt")
_TIER = re.compile(r"(?i)\b(tier\s*[123](?:\s*watch\s*list)?|special\s+cases?)\b")
# The assessment paragraph ("The Government of X does not fully meet the minimum standards")
# opens the government-effort part of every pre-2017 narrative; the profile is before it.
_ASSESSMENT_CUE = "minimum standards"
_PROFILE_HEADING = "TRAFFICKING PROFILE"


@dataclass(frozen=True)
class Case:
    """One narrative of the set: its text file and its gold annotation."""

    year: int
    iso: str
    text: Path
    gold: Path

    @property
    def key(self) -> str:
        return f"{self.year}-{self.iso}"


def heldout_keys(name: str = "heldout") -> set[str]:
    """The ``YEAR-ISO3`` keys listed in a held-out list (``heldout.txt`` or ``heldout2.txt``;
    ``#`` starts a comment line)."""
    lines = LISTS[name].read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def cases(subset: str = "all") -> list[Case]:
    """Every text file with its gold file, or those of one set (``dev``, ``heldout`` or
    ``heldout2``); a text without gold (or a badly named file, a held-out key with no text, or a
    key in both lists) is an error, so that no narrative drops out of the figures unseen."""
    if subset not in SETS:
        raise ValueError(f"unknown set {subset!r}: expected one of {', '.join(SETS)}")
    found = []
    for path in sorted(TEXTS.glob("*.txt")):
        m = _NAME.fullmatch(path.name)
        if m is None:
            raise ValueError(f"{path.name}: expected <YEAR>-<ISO3>.txt")
        gold = GOLD / m["year"] / f"{m['iso']}.json"
        if not gold.is_file():
            raise ValueError(f"{path.name}: no gold file {gold.relative_to(DATA)}")
        found.append(Case(int(m["year"]), m["iso"], path, gold))
    lists = {name: heldout_keys(name) for name in LISTS}
    for name, keys in lists.items():
        unknown = keys - {c.key for c in found}
        if unknown:
            raise ValueError(f"{LISTS[name].name} names files that are not there: "
                             f"{sorted(unknown)}")
    names = sorted(lists)
    both = {key for i, a in enumerate(names) for b in names[i + 1:]
            for key in lists[a] & lists[b]}
    if both:
        raise ValueError(f"keys in two held-out lists: {sorted(both)}")
    if subset == "all":
        return found
    if subset == "dev":
        held = set().union(*lists.values())
        return [c for c in found if c.key not in held]
    return [c for c in found if c.key in lists[subset]]


def _heading(lines: list[str], narrative: str) -> tuple[int, str]:
    """The index of the narrative heading line and the tier it names."""
    for index, line in enumerate(lines):
        m = _TIER.search(line)
        if m is not None and len(line) <= 160 and (
                line.strip() == m.group(1) or narrative.lower() in line.lower()):
            return index, m.group(1)
    raise ValueError(f"no heading line naming a tier for {narrative}")


def normalise(text: str, narrative: str) -> str:
    """The layout issue #11 normalised by hand, so the extractors can be measured apart from
    the reader's reading of old layouts.

    The heading is the first short line naming a tier that is either the tier alone (the
    2009-2017 archive prints no country name) or names the narrative's country; it becomes
    ``NARRATIVE: TIER ...`` in capitals, and the lines above it (page titles, tier chapter
    headings) are dropped. A text that already has a ``TRAFFICKING PROFILE`` heading keeps its
    layout. Otherwise the paragraphs before the first one that speaks of the "minimum
    standards" are the profile: they move to the end under a ``TRAFFICKING PROFILE`` heading,
    after the rest of the narrative, as 2017+ reports print it.

    Args:
        text: the narrative as its web copy prints it.
        narrative: the country name as the gold's ``narrative`` field gives it.
    """
    lines = text.split("\n")
    index, tier = _heading(lines, narrative)
    heading = f"{narrative.upper()}: {' '.join(tier.split()).upper()}"
    body = "\n".join(lines[index + 1:]).strip("\n")
    paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", body) if p.strip()]
    if any(p.strip() == _PROFILE_HEADING for p in paragraphs):
        return "\n\n".join([heading, *paragraphs]) + "\n"
    cut = next((i for i, p in enumerate(paragraphs) if _ASSESSMENT_CUE in p), len(paragraphs))
    return "\n\n".join([heading, *paragraphs[cut:], _PROFILE_HEADING, *paragraphs[:cut]]) + "\n"


def build_case(case: Case, workdir: Path, scorer: ModuleType, *,
               normalised: bool) -> tuple[dict[str, Any] | None, str | None]:
    """Build one narrative and read its record back through the scorer.

    Returns:
        ``(record, None)``, with record None when the graph has no narrative of the case's
        country, or ``(None, error line)`` when the build refuses the file.
    """
    from tipgraph.core.errors import TipgraphError
    from tipgraph.graph.serialize import write_graph
    from tipgraph.pipeline.build import build_graph

    source = case.text
    if normalised:
        gold = json.loads(case.gold.read_text(encoding="utf-8"))
        source = workdir / case.text.name
        source.write_text(normalise(case.text.read_text(encoding="utf-8"), gold["narrative"]),
                          encoding="utf-8")
    try:
        result = build_graph([source], year=case.year, timestamp=TIMESTAMP)
    except TipgraphError as error:
        return None, str(error)
    out = workdir / f"{case.key}.ttl"
    write_graph(out, result.union)
    return scorer.read_graph(out).get(case.iso), None


def evaluate(*, normalised: bool = False, subset: str = "all") -> dict[str, Any]:
    """Build and score every case of a set; the scorer's result plus the build errors by case
    key."""
    scorer = load_scorer()
    system: dict[str, dict[str, Any]] = {}
    gold: dict[str, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="tip-real-years-") as tmp:
        for case in cases(subset):
            gold[case.key] = scorer.read_gold(case.gold.parent)[case.iso]
            record, error = build_case(case, Path(tmp), scorer, normalised=normalised)
            if record is not None:
                system[case.key] = record
            if error is not None:
                errors[case.key] = error
    result: dict[str, Any] = scorer.score(system, gold)
    result["errors"] = errors
    result["names"] = {key: {kind: unmatched(system.get(key, {}).get(kind, set()), g[kind])
                             for kind in ("laws", "agencies")}
                       for key, g in gold.items()}
    return result


def unmatched(system: set[tuple[str, str | None]],
              gold: set[tuple[str, str | None]]) -> tuple[list[str], list[str]]:
    """The law or agency names left over by the scorer's greedy matching (same rule as
    ``match_names``), as (spurious, missed), so a run shows which names cost the F1."""
    gold_left = sorted(gold, key=str)
    spurious = []
    for name, acr in sorted(system, key=str):
        for i, (gname, gacr) in enumerate(gold_left):
            if name == gname or (acr and acr in (gacr, gname)) or (gacr and gacr == name):
                del gold_left[i]
                break
        else:
            spurious.append(name + (f" ({acr})" if acr else ""))
    return spurious, [n + (f" ({a})" if a else "") for n, a in gold_left]


def figures(result: dict[str, Any]) -> dict[str, float]:
    """The figures the regression test holds floors for."""
    s = result["summary"]
    return {
        "narratives_read": s["narratives_found"] / s["narratives"],
        "tier_acc": s["tier_acc"],
        "roles_acc": s["roles_acc"],
        "flows_p": s["pairs"][0],
        "flows_r": s["pairs"][1],
        "flows_f1": s["pairs"][2],
        "flows_form_f1": s["triples"][2],
        "laws_f1": s["laws"][2],
        "agencies_f1": s["agencies"][2],
    }


def summary_line(label: str, result: dict[str, Any]) -> str:
    s = result["summary"]
    return (f"{label}: narratives {s['narratives_found']}/{s['narratives']} | "
            f"flows P={s['pairs'][0]:.3f} R={s['pairs'][1]:.3f} F1={s['pairs'][2]:.3f} | "
            f"flows+form F1={s['triples'][2]:.3f} | tier={s['tier_acc']:.3f} "
            f"roles={s['roles_acc']:.3f} | laws F1={s['laws'][2]:.3f} | "
            f"agencies F1={s['agencies'][2]:.3f}")


def show(result: dict[str, Any]) -> None:
    """Per-file lines: what was missed or added, and why a file was not read."""
    for row in result["rows"]:
        key = row["country"]
        tp, fp, fn = row["pairs"]
        marks = [] if row["tier_ok"] else ["tier"]
        marks += [] if row["roles_ok"] else ["roles"]
        print(f"{key}  flows tp/fp/fn {tp}/{fp}/{fn}"
              + (f"  wrong: {', '.join(marks)}" if marks else ""))
        if key in result["errors"]:
            print(f"    not read: {result['errors'][key]}")
        if row["missed"]:
            print("    missed:   " + ", ".join(f"{o}->{d}" for o, d in row["missed"]))
        if row["spurious"]:
            print("    spurious: " + ", ".join(f"{o}->{d}" for o, d in row["spurious"]))
        for kind, (extra, lost) in result.get("names", {}).get(key, {}).items():
            if lost:
                print(f"    {kind} missed:   " + "; ".join(lost))
            if extra:
                print(f"    {kind} spurious: " + "; ".join(extra))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--normalised", action="store_true",
                      help="build the texts with normalised headings and profile heading")
    mode.add_argument("--both", action="store_true", help="raw texts, then normalised")
    ap.add_argument("--quiet", action="store_true", help="print the summary lines only")
    ap.add_argument("--set", choices=SETS, default="all", dest="subset",
                    help="the files to score: all (default), dev, or a held-out list: "
                         + ", ".join(f"{name} ({path.name})" for name, path in LISTS.items()))
    args = ap.parse_args(argv)
    runs = [False, True] if args.both else [args.normalised]
    for normalised in runs:
        result = evaluate(normalised=normalised, subset=args.subset)
        if not args.quiet:
            show(result)
        label = "normalised" if normalised else "raw"
        print(summary_line(label if args.subset == "all" else f"{label} {args.subset}", result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
