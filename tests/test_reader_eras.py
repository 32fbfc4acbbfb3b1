"""The reader on narratives in the layout of each era of the TIP report, 2001-2024.

Each fixture in ``tests/data/reader_eras`` is modelled on real narratives as the report or a
web copy of it prints them (state.gov and its archives, refworld): the heading lines, section
headings and formulaic openings as printed ("X is a source, transit, and destination country
for ...", "The Government of X does not fully meet ...", "As reported over the past five
years, ..."), the bodies shortened. The layouts: 2001 tier chapters with bare country names;
2003-2016 profile first with short or run-in headings; 2017-2019 the sample's layout;
2020-2025 prioritized recommendations as lists; title-case web copies that drop the profile
heading. Verbatim real narratives are the real-years set's (``tests/data/real_years``).
``expected.jsonl`` says what must be read from each: the narratives with their tiers, where
each one's trafficking profile starts, and the year with where it comes from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.reader import read_report
from tipgraph.extract.records import Report

DATA = Path(__file__).parent / "data" / "reader_eras"
CASES = [json.loads(line) for line in (DATA / "expected.jsonl").read_text().splitlines()]


def _read(name: str) -> Report:
    gazetteer = load_gazetteer()

    return read_report((DATA / name).read_text(encoding="utf-8"), source_name=name,
                       sha256="0", year=None, resolve_country=gazetteer.heading_iso3,
                       guess_country=gazetteer.fragment_country)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_era_narratives_tiers_profiles_and_year(case: dict[str, object]) -> None:
    report = _read(str(case["file"]))
    assert [[n.iso3, n.tier] for n in report.narratives] == case["narratives"]
    assert not any(n.partial for n in report.narratives)
    assert report.warnings == []
    profiles = case["profiles"]
    assert isinstance(profiles, dict)
    for narrative in report.narratives:
        kinds = [s.kind for s in narrative.sections]
        assert len(kinds) == len(set(kinds)), kinds
        (profile,) = [s for s in narrative.sections if s.kind == "profile"]
        assert profile.clean.startswith(profiles[narrative.iso3])
        # The profile holds no heading and none of the assessment or effort sections.
        assert "Government of" not in profile.clean
        assert "minimum standards" not in profile.clean
    assert (report.year, report.year_inferred, report.year_source) == (
        case["year"], True, case["year_source"])


@pytest.mark.parametrize(
    ("printed", "web"),
    [
        ("tip-2018-albania.txt", "albania-2018-web-copy.txt"),
        ("tip-2021-chad.txt", "chad-web-copy.txt"),
        ("tip-2024-zambia.txt", "zambia-web-copy.txt"),
    ],
)
def test_title_case_web_copy_reads_like_the_report(printed: str, web: str) -> None:
    """Web copies restyle the headings and drop the profile's: the same sections come out."""
    report, copy = _read(printed), _read(web)
    first, other = report.narratives[0], copy.narratives[0]
    assert (first.iso3, first.tier) == (other.iso3, other.tier)
    assert [s.kind for s in first.sections] == [s.kind for s in other.sections]
    assert [s.clean for s in first.sections if s.kind != "recommendations"] == [
        s.clean for s in other.sections if s.kind != "recommendations"
    ]


def test_early_layout_sections_in_reading_order() -> None:
    """2001-2016: profile first (no heading), then the assessment, run-in recommendations,
    then the three efforts under short headings."""
    (namibia, _nepal) = _read("tip-2012-namibia.txt").narratives
    assert [(s.kind, s.heading) for s in namibia.sections] == [
        ("profile", None),
        ("intro", None),
        ("recommendations", "Recommendations for Namibia:"),
        ("prosecution", "Prosecution"),
        ("protection", "Protection"),
        ("prevention", "Prevention"),
    ]
    assert namibia.sections[2].clean.startswith("Pass and enact a comprehensive")


def test_run_in_effort_headings_and_special_case() -> None:
    afghanistan, libya = _read("tip-2016-pdf.txt").narratives
    assert [(s.kind, s.heading) for s in afghanistan.sections][3:] == [
        ("prosecution", "Prosecution:"),
        ("protection", "Protection:"),
        ("prevention", "Prevention:"),
    ]
    assert afghanistan.sections[3].clean.startswith("The government maintained law")
    assert [(s.kind, s.heading) for s in libya.sections] == [
        ("profile", None),
        ("intro", "Government Efforts:"),
    ]
