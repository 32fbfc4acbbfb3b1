"""Tests of the report reader: narrative and section headings, the sample's structure, errors."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from tipgraph.core.errors import ExtractionError
from tipgraph.extract.headings import match_chapter_heading, odd_narrative_heading
from tipgraph.extract.reader import (
    classify_fragment,
    match_narrative_heading,
    match_section_heading,
    read_report,
    report_year,
)
from tipgraph.extract.records import SECTION_KINDS, TIERS, Report
from tipgraph.extract.repair import repair

GOLD = Path(__file__).parent / "gold"
GOLD_FILES = sorted(GOLD.glob("*.json"))
SIX = ["intro", "recommendations", "prosecution", "protection", "prevention", "profile"]
EXTRA_NAMES = {"NIGERIA": "NGA", "ITALY": "ITA", "MACAU": "MAC", "BURMA": "MMR"}


def _gold(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _names() -> dict[str, str]:
    names = dict(EXTRA_NAMES)
    for path in GOLD_FILES:
        gold = _gold(path)
        names[str(gold["narrative"])] = str(gold["country"])
    return names


def _guess(fragment: str) -> tuple[str, str] | None:
    return ("ITA", "Italy") if "Italy" in fragment else None


def _read(text: str, year: int | None = 2017, **kwargs: object) -> Report:
    options: dict[str, object] = {
        "source_name": "test.txt",
        "sha256": "0" * 64,
        "year": year,
        "resolve_country": _names().get,
        "guess_country": _guess,
    }
    options.update(kwargs)
    return read_report(text, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sample() -> Report:
    text = (
        resources.files("tipgraph.extract.sample")
        .joinpath("tip-2017-jamaica-namibia.txt")
        .read_text(encoding="utf-8")
    )
    return _read(text, year=None)


# --- headings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # 2017 and earlier reports
        ("JAMAICA: TIER 2", ("JAMAICA", "2")),
        ("KOREA, REPUBLIC OF: TIER 1", ("KOREA, REPUBLIC OF", "1")),
        (
            "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF: TIER 3",
            ("KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF", "3"),
        ),
        ("MACAU: TIER 2 WATCH LIST", ("MACAU", "2WL")),
        ("SOMALIA: SPECIAL CASE", ("SOMALIA", "special")),
        ("CÔTE D’IVOIRE: TIER 2", ("CÔTE D’IVOIRE", "2")),
        ("ST. VINCENT & THE GRENADINES: TIER 2", ("ST. VINCENT & THE GRENADINES", "2")),
        ("GUINEA-BISSAU: TIER 3", ("GUINEA-BISSAU", "3")),
        # later reports
        ("NIGERIA: Tier 2", ("NIGERIA", "2")),
        ("NIGERIA: Tier 2 Watch List", ("NIGERIA", "2WL")),
        ("NIGERIA (Tier 2)", ("NIGERIA", "2")),
        ("NIGERIA (Tier 2 Watch List)", ("NIGERIA", "2WL")),
        ("NIGERIA: TIER 2 WATCH LIST", ("NIGERIA", "2WL")),
        ("NIGERIA: Tier 2 Watchlist", ("NIGERIA", "2WL")),
        ("NIGERIA: TIER 2 WATCHLIST", ("NIGERIA", "2WL")),
        ("LIBYA: Special Case", ("LIBYA", "special")),
        # tolerated decorations
        ("JAMAICA: TIER 2   ", ("JAMAICA", "2")),
        ("  JAMAICA: TIER 2\r", ("JAMAICA", "2")),
        ("JAMAICA: TIER 2*", ("JAMAICA", "2")),
        ("JAMAICA*: TIER 2", ("JAMAICA", "2")),
        ("BURMA: TIER 3‡", ("BURMA", "3")),
        ("BURMA: TIER 3 †", ("BURMA", "3")),
        ("JAMAICA:TIER 2", ("JAMAICA", "2")),
        # every form the reports and their web copies print, 2001-2025
        ("HAITI (Tier 2)", ("HAITI", "2")),
        ("Haiti (Tier 2)", ("Haiti", "2")),
        ("Jamaica: Tier 2", ("Jamaica", "2")),
        ("BOLIVIA (TIER 2)", ("BOLIVIA", "2")),
        ("Zambia (Tier 2 Watch List)", ("Zambia", "2WL")),
        ("SAMOA: Tier 2", ("SAMOA", "2")),
        ("CHAD: Tier 2 Watch List", ("CHAD", "2WL")),
        ("MALI: TIER 2", ("MALI", "2")),
        ("SOMALIA (Special Case)", ("SOMALIA", "special")),
        ("Somalia (Special Case)", ("Somalia", "special")),
        ("Bosnia and Herzegovina (Tier 2)", ("Bosnia and Herzegovina", "2")),
        ("Congo, Democratic Republic of the (Tier 3)", ("Congo, Democratic Republic of the", "3")),
        ("Côte d’Ivoire (Tier 2)", ("Côte d’Ivoire", "2")),
        ("KOREA, NORTH: TIER 3", ("KOREA, NORTH", "3")),
        # reposting sites: a tier label, a dated copy, a credit line naming the report
        ("Nigeria TIER rankig: TIER 2 (TIP 2019)", ("Nigeria", "2")),
        ("Nigeria Tier ranking: TIER 2 (TIP 2023)", ("Nigeria", "2")),
        ("Kenya Tier placement: Tier 2 Watch List", ("Kenya", "2WL")),
        ("Haiti (Tier 2) (2019 TIP Report)", ("Haiti", "2")),
        ("THE PHILIPPINES (Tier 1) Extracted in part  from the U.S. State Dept 2023 TIP Report",
         ("THE PHILIPPINES", "1")),
        # a special case with the tier first (2017-2019 reports and their web copies)
        ("SPECIAL CASE: LIBYA", ("LIBYA", "special")),
        ("Special Case (Libya)", ("Libya", "special")),
        ("SPECIAL CASE: YEMEN*", ("YEMEN", "special")),
    ],
)
def test_narrative_heading_forms(line: str, expected: tuple[str, str]) -> None:
    assert match_narrative_heading(line) == expected
    assert expected[1] in TIERS


@pytest.mark.parametrize(
    "line",
    [
        "The government's ranking: Tier 2",  # prose: lower-case words that join no name
        "Its ranking on the Watch List: Tier 2",
        "JAMAICA: TIER 4",
        "JAMAICA: TIER 2 WATCH",
        "JAMAICA: TIER 2 and more words",
        "TIER 2",
        "JAMAICA TIER 2",
        "In 2016 JAMAICA was moved to TIER 2.",
        "RECOMMENDATIONS FOR JAMAICA",
        "",
        "Nigeria Tier ranking: TIER 2 (in 2019 it was Tier 3)",
        "Haiti (Tier 2) taken from the ministry's own statement",
        "Nigeria TIER ranking dropped: TIER 2",
        "SPECIAL CASES",
        "Special case: the government did not respond",
    ],
)
def test_not_narrative_headings(line: str) -> None:
    assert match_narrative_heading(line) is None


@pytest.mark.parametrize(
    ("line", "kind", "heading", "body_offset"),
    [
        ("RECOMMENDATIONS FOR JAMAICA", "recommendations", "RECOMMENDATIONS FOR JAMAICA", 27),
        ("RECOMMENDATIONS FOR THE REPUBLIC OF KOREA", "recommendations", None, None),
        ("PRIORITIZED RECOMMENDATIONS:", "recommendations", "PRIORITIZED RECOMMENDATIONS:", None),
        (
            "PRIORITIZED RECOMMENDATIONS: Increase efforts.",
            "recommendations",
            "PRIORITIZED RECOMMENDATIONS:",
            29,
        ),
        ("RECOMMENDATIONS FOR ST. KITTS AND NEVIS", "recommendations", None, None),
        ("  RECOMMENDATIONS FOR JAMAICA: Prosecute.", "recommendations", None, 31),
        ("PROSECUTION", "prosecution", "PROSECUTION", None),
        ("Prosecution", "prosecution", "Prosecution", None),
        ("PROTECTION:", "protection", "PROTECTION:", None),
        ("PREVENTION  ", "prevention", "PREVENTION", None),
        ("TRAFFICKING PROFILE", "profile", "TRAFFICKING PROFILE", None),
        ("TRAFFICKING PROFILE:", "profile", "TRAFFICKING PROFILE:", None),
        ("Trafficking Profile", "profile", "Trafficking Profile", None),
        (
            "TRAFFICKING PROFILE: As reported over the past five years,",
            "profile",
            "TRAFFICKING PROFILE:",
            21,
        ),
    ],
)
def test_section_heading_forms(
    line: str, kind: str, heading: str | None, body_offset: int | None
) -> None:
    found = match_section_heading(line)
    assert found is not None
    assert found[0] == kind
    assert found[1] == (
        heading
        if heading is not None
        else line.strip().split(":")[0] + (":" if ":" in line else "")
    )
    assert found[2] == (body_offset if body_offset is not None else len(line))


@pytest.mark.parametrize(
    "line",
    [
        "Protection of victims remained weak.",
        "Prosecution: the government did little.",  # text after a colon only for capitals
        "The government increased prevention efforts.",
        "RECOMMENDATIONS FOR JAMAICA. Vigorously prosecute.",
        "PROSECUTIONS",
    ],
)
def test_not_section_headings(line: str) -> None:
    assert match_section_heading(line) is None


# --- later-era texts built by hand ---------------------------------------------------------------

LATER = """NIGERIA: Tier 2 Watch List

The Government of Nigeria does not fully meet the minimum standards.

PRIORITIZED RECOMMENDATIONS: Increase efforts to convict traffickers. Train officials.

PROSECUTION:

The government increased law enforcement efforts.

PROTECTION:

The government maintained protection efforts.

PREVENTION:

The government increased prevention efforts.

TRAFFICKING PROFILE:

As reported over the past five years, human traffickers exploit victims.

NIGER (Tier 2)

The Government of Niger meets some standards.

Prioritized Recommendations:

Increase efforts.
"""


def test_later_era_text() -> None:
    report = _read(LATER, resolve_country={"NIGERIA": "NGA", "NIGER": "NER"}.get)
    nigeria, niger = report.narratives
    assert (nigeria.heading, nigeria.iso3, nigeria.tier, nigeria.partial) == (
        "NIGERIA",
        "NGA",
        "2WL",
        False,
    )
    assert (niger.heading, niger.iso3, niger.tier) == ("NIGER", "NER", "2")
    assert [s.kind for s in nigeria.sections] == SIX
    assert [s.kind for s in niger.sections] == ["intro", "recommendations"]
    recommendations = nigeria.sections[1]
    assert recommendations.heading == "PRIORITIZED RECOMMENDATIONS:"
    assert LATER[recommendations.start :].startswith("Increase efforts to convict")
    assert recommendations.clean == "Increase efforts to convict traffickers. Train officials."
    assert nigeria.sections[5].heading == "TRAFFICKING PROFILE:"
    assert niger.sections[1].heading == "Prioritized Recommendations:"
    assert niger.sections[1].clean == "Increase efforts."
    assert LATER[nigeria.start : nigeria.end].startswith("NIGERIA: Tier 2 Watch List")
    assert LATER[nigeria.start : nigeria.end].endswith("exploit victims.")


def test_empty_sections_are_dropped() -> None:
    text = (
        "JAMAICA: TIER 2\n\nPROSECUTION\n\n \n\nPROTECTION\n\nIt protected victims.\n\nPREVENTION\n"
    )
    report = _read(text)
    (jamaica,) = report.narratives
    assert [(s.kind, s.clean) for s in jamaica.sections] == [
        ("protection", "It protected victims.")
    ]


def test_a_repeated_section_heading_is_an_input_error() -> None:
    """Two sections of one kind would be one section IRI twice (an E401 blamed on the
    extraction); the reader refuses the input instead, naming the heading and both lines."""
    text = "JAMAICA: TIER 2\n\nPROTECTION\n\nOne.\n\nPROTECTION\n\nTwo."
    with pytest.raises(ExtractionError) as info:
        _read(text)
    assert info.value.code == "E209"
    assert "line 7" in info.value.message and "line 3" in info.value.message
    assert "'PROTECTION'" in info.value.message and "JAMAICA" in info.value.message


def test_a_repeated_section_heading_in_title_case_is_an_input_error() -> None:
    text = "Jamaica (Tier 2)\n\nProsecution: It did.\n\nPROSECUTION\n\nTwo."
    with pytest.raises(ExtractionError, match=r"E209.*line 5"):
        _read(text, resolve_country={"Jamaica": "JAM"}.get)


# --- the leading fragment ---------------------------------------------------------------------


def test_unattributed_fragment_is_dropped() -> None:
    text = "a tail of some narrative.\n\nJAMAICA: TIER 2\n\nIt acted."
    report = _read(text, guess_country=lambda _: None)
    assert [n.iso3 for n in report.narratives] == ["JAM"]


def test_blank_lead_is_no_fragment() -> None:
    report = _read("\n \n\t\nJAMAICA: TIER 2\n\nIt acted.")
    assert [n.partial for n in report.narratives] == [False]


def test_fragment_with_its_own_section_headings() -> None:
    text = (
        "The government trained 40 officials in Italy.\n\nTRAFFICKING PROFILE\n\n"
        "Women are subjected to sex trafficking in Italy.\n\nJAMAICA: TIER 2\n\nIt acted."
    )
    italy, jamaica = _read(text).narratives
    assert (italy.heading, italy.iso3, italy.tier, italy.partial) == ("Italy", "ITA", None, True)
    assert [(s.kind, s.heading) for s in italy.sections] == [
        ("intro", None),
        ("profile", "TRAFFICKING PROFILE"),
    ]
    assert jamaica.partial is False


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Nigerian women and girls are subjected to sex trafficking; victims from Romania too.",
            "profile",
        ),
        ("Traffickers exploit migrants, who are subjected to debt bondage.", "profile"),
        ("The government prosecuted 12 traffickers and convicted three.", "intro"),
        ("Women are subjected to abuse.", "intro"),  # one cue is not enough
        ("", "intro"),
    ],
)
def test_classify_fragment(text: str, kind: str) -> None:
    assert classify_fragment(text) == kind


# --- the sample -----------------------------------------------------------------------------


def test_sample_narratives_in_file_order(sample: Report) -> None:
    assert sample.year == 2017 and sample.year_inferred
    assert sample.source_name == "test.txt" and sample.sha256 == "0" * 64
    assert len(sample.narratives) == 37
    headings = [n.heading for n in sample.narratives]
    assert headings[:3] == ["Italy", "JAMAICA", "JAPAN"]
    assert headings[-1] == "NAMIBIA"
    starts = [n.start for n in sample.narratives]
    assert starts == sorted(starts)
    assert all(
        a.end <= b.start for a, b in zip(sample.narratives, sample.narratives[1:], strict=False)
    )


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_sample_tiers_and_headings_match_gold(sample: Report, path: Path) -> None:
    gold = _gold(path)
    matches = [n for n in sample.narratives if n.iso3 == gold["country"]]
    assert len(matches) == 1
    narrative = matches[0]
    assert narrative.tier == gold["tier"]
    assert narrative.partial is (gold["tier"] is None)
    if not narrative.partial:
        assert narrative.heading == gold["narrative"]


def test_sample_section_kinds_and_order(sample: Report) -> None:
    full = [n for n in sample.narratives if [s.kind for s in n.sections] == SIX]
    assert len(full) == 35
    assert all(not n.partial for n in full)
    rest = {n.iso3: [s.kind for s in n.sections] for n in sample.narratives if n not in full}
    assert rest == {"ITA": ["profile"], "NAM": ["intro", "recommendations"]}


def test_sample_italy_fragment_is_a_partial_profile(sample: Report) -> None:
    italy = sample.narratives[0]
    assert (italy.iso3, italy.tier, italy.partial) == ("ITA", None, True)
    (profile,) = italy.sections
    assert profile.kind == "profile" and profile.heading is None
    assert profile.clean.startswith("are often subjected to sex trafficking in Italy")
    assert profile.clean.endswith("or were forced by traffickers into begging.")


def test_sample_section_headings_as_written(sample: Report) -> None:
    korea = next(n for n in sample.narratives if n.iso3 == "KOR")
    assert [s.heading for s in korea.sections] == [
        None,
        "RECOMMENDATIONS FOR THE REPUBLIC OF KOREA",
        "PROSECUTION",
        "PROTECTION",
        "PREVENTION",
        "TRAFFICKING PROFILE",
    ]


def test_sample_sections_are_repaired_exactly(sample: Report) -> None:
    for narrative in sample.narratives:
        for section in narrative.sections:
            assert section.kind in SECTION_KINDS
            body = sample.text[section.start : section.end]
            assert body == body.strip() and body
            assert (section.clean, section.clean_map) == repair(
                sample.text, section.start, section.end
            )
            assert "\\$" not in section.clean
            assert "*" not in section.clean
            assert "\n\n\n" not in section.clean


def test_sample_page_break_joins_and_real_breaks_stay(sample: Report) -> None:
    jamaica = next(n for n in sample.narratives if n.iso3 == "JAM")
    intro = jamaica.sections[0]
    assert "identified eight trafficking victims who were provided" in intro.clean
    assert "identified eight\n\ntrafficking" in sample.text[intro.start : intro.end]
    prosecution = jamaica.sections[2]
    # "...amendment in 2017." ends with a period and a blank line: a real paragraph break.
    assert "the amendment in 2017.\n\nAuthorities initiated 40" in prosecution.clean
    assert "($253,900)" in prosecution.clean
    japan = next(n for n in sample.narratives if n.iso3 == "JPN")
    assert "Enjo kosai, also known as “compensated dating,”" in japan.sections[5].clean


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"), [("", "E204"), (" \n\n\t\n", "E204"), ("Just prose.\n", "E201")]
)
def test_empty_text_and_missing_heading(text: str, code: str) -> None:
    with pytest.raises(ExtractionError) as info:
        _read(text)
    assert info.value.code == code


def test_no_heading_message_says_what_to_expect() -> None:
    with pytest.raises(ExtractionError, match="JAMAICA: TIER 2"):
        _read("The government acted in 2016.\n\nPROSECUTION\n\nIt did.")


def test_unknown_country_is_reported_and_not_merged() -> None:
    text = "JAMAICA: TIER 2\n\nIt acted.\n\nATLANTIS: TIER 3\n\nIt did not."
    report = _read(text)
    (jamaica,) = report.narratives
    assert [s.clean for s in jamaica.sections] == ["It acted."]
    assert text[jamaica.start : jamaica.end].endswith("It acted.")
    (warning,) = report.warnings
    assert (warning.code, warning.line) == ("E207", 5)
    assert "line 5" in warning.message and "ATLANTIS: TIER 3" in warning.message


def test_odd_tier_is_reported_and_not_merged() -> None:
    text = "JAMAICA: TIER 2\n\nIt acted.\n\nJAPAN: TIER 4\n\nIt did not.\n\nPROSECUTION\n\nNo."
    report = _read(text)
    (jamaica,) = report.narratives
    assert [(s.kind, s.clean) for s in jamaica.sections] == [("intro", "It acted.")]
    (warning,) = report.warnings
    assert (warning.code, warning.line) == ("E208", 5)


def test_only_unknown_countries_is_an_error_naming_the_line() -> None:
    with pytest.raises(ExtractionError) as info:
        _read("Intro.\n\nATLANTIS: TIER 3\n\nIt did not.")
    assert info.value.code == "E202"
    assert "line 3" in info.value.message and "ATLANTIS: TIER 3" in info.value.message


@pytest.mark.parametrize(("text", "year"), [
    ("", 2017), ("Just prose.\n", 2017), ("Intro.\n\nATLANTIS: TIER 3\n\nIt did not.", 2017),
    ("JAMAICA: TIER 2\n\nIt acted.", None),
    ("JAMAICA: TIER 2\n\nIt acted in 2016, against 12 in 2015.", None),
    ("2019 Trafficking in Persons Report\n\nJAMAICA: TIER 2\n\nIt acted in 2016.", None),
    ("JAMAICA: TIER 2\n\nIt acted.", 2020),
])
def test_report_year_says_what_the_reader_says(text: str, year: int | None) -> None:
    """An archive build learns each input's year with ``report_year`` before building any:
    it must give the reader's year, or raise the reader's error, for every text."""
    try:
        expected: int | str = _read(text, year).year
    except ExtractionError as exc:
        expected = exc.code
    try:
        got: int | str = report_year(text, source_name="test.txt", year=year,
                                     resolve_country=_names().get)
    except ExtractionError as exc:
        got = exc.code
    assert got == expected


# --- the gazetteer (written alongside) ----------------------------------------------------------


def test_sample_with_the_real_gazetteer() -> None:
    from tipgraph.extract.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    text = (
        resources.files("tipgraph.extract.sample")
        .joinpath("tip-2017-jamaica-namibia.txt")
        .read_text(encoding="utf-8")
    )
    report = read_report(
        text, source_name="s", sha256="0", year=None, resolve_country=gazetteer.heading_iso3,
        guess_country=gazetteer.fragment_country,
    )
    expected = {str(_gold(p)["country"]) for p in GOLD_FILES}
    assert [n.iso3 for n in report.narratives][:2] == ["ITA", "JAM"]
    assert {n.iso3 for n in report.narratives} == expected
    assert report.narratives[0].partial and report.narratives[0].sections[0].kind == "profile"


# --- linear time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "a" + " " * 50_000 + "b",
        "PROSECUTION: a" + " " * 50_000 + "b",
        "RECOMMENDATIONS FOR " + "X " * 50_000,
        "JAMAICA" + " " * 50_000 + ": TIER 2 x",
        "*a " * 20_000,
        "\\" * 50_000,
        "word\n\n" * 20_000,
    ],
    ids=["spaces", "colon", "recommendations", "heading", "stars", "backslashes", "paragraphs"],
)
def test_pathological_lines_are_read_in_linear_time(body: str) -> None:
    """A quadratic regex would take minutes on these; the reader takes milliseconds."""
    report = _read(f"JAMAICA: TIER 2\n{body}\n")
    assert report.narratives[0].iso3 == "JAM"


# --- every era's layout -------------------------------------------------------------------------

ERA_NAMES = {
    "ALBANIA": "ALB", "Albania": "ALB", "BURMA": "MMR", "Burma": "MMR", "Bahrain": "BHR",
    "JAMAICA": "JAM", "Jamaica": "JAM", "HAITI": "HTI", "Haiti": "HTI", "ARGENTINA": "ARG",
    "AUSTRALIA": "AUS", "ZIMBABWE": "ZWE",
}


def _era(text: str, **kwargs: object) -> Report:
    return _read(text, resolve_country=ERA_NAMES.get, **kwargs)


@pytest.mark.parametrize(
    ("line", "tier"),
    [("TIER 1", "1"), ("Tier 2 Countries", "2"), ("TIER 2 WATCH LIST:", "2WL"),
     ("Tier 3", "3"), ("SPECIAL CASES", "special")],
)
def test_tier_chapter_headings(line: str, tier: str) -> None:
    assert match_chapter_heading(line) == tier


@pytest.mark.parametrize(
    "line", ["Tier 2 countries made progress.", "TIER 4", "Tier 2 Watch List countries are"]
)
def test_not_tier_chapter_headings(line: str) -> None:
    assert match_chapter_heading(line) is None


def test_tier_chapter_bare_names_open_narratives_with_the_chapter_tier() -> None:
    text = (
        "TIER 3\n\nAlbania\n\nAlbania is a source and transit country for trafficking.\n\n"
        "The Government of Albania does not meet the minimum standards.\n\n"
        "Tier 2 Countries\n\nBahrain\n\nBahrain is a destination country for men from Asia.\n"
    )
    albania, bahrain = _era(text).narratives
    assert (albania.iso3, albania.tier, albania.heading) == ("ALB", "3", "Albania")
    assert (bahrain.iso3, bahrain.tier) == ("BHR", "2")
    assert [s.kind for s in albania.sections] == ["profile", "intro"]
    assert text[albania.start : albania.end].endswith("minimum standards.")


def test_a_tier_table_is_no_narrative() -> None:
    """The tier placement pages list bare names under tier lines: no prose names them."""
    text = (
        "TIER 1\n\nARGENTINA\nAUSTRALIA\n\nZIMBABWE\n\n"
        "The tier placements above reflect efforts during the reporting period.\n\n"
        "JAMAICA: TIER 2\n\nThe Government of Jamaica does not fully meet the standards.\n"
    )
    report = _era(text)
    assert [(n.iso3, n.tier) for n in report.narratives] == [("JAM", "2")]


def test_bare_name_outside_a_chapter_needs_its_narrative_opening() -> None:
    opening = "Haiti\n\nHaiti is a source, transit, and destination country for men.\n"
    assert [(n.iso3, n.tier) for n in _era(opening).narratives] == [("HTI", None)]
    prose = "JAMAICA: TIER 2\n\nIt acted.\n\nHaiti\n\nThe ministry of Haiti trained police.\n"
    (jamaica,) = _era(prose).narratives
    assert jamaica.sections[0].clean == "It acted.\n\nHaiti The ministry of Haiti trained police."


def test_title_case_heading_is_not_merged_into_the_narrative_before() -> None:
    text = (
        "JAMAICA: TIER 2\n\nThe Government of Jamaica does not fully meet the standards.\n\n"
        "Haiti (Tier 2 Watch List)\n\nHaiti is a source country for children.\n"
    )
    jamaica, haiti = _era(text).narratives
    assert (haiti.iso3, haiti.tier, haiti.heading) == ("HTI", "2WL", "Haiti")
    assert [s.kind for s in jamaica.sections] == ["intro"]
    assert [s.kind for s in haiti.sections] == ["profile"]


def test_second_narrative_of_one_country_is_an_input_error() -> None:
    text = "JAMAICA: TIER 2\n\nIt acted.\n\nJamaica (Tier 2)\n\nIt acted again.\n"
    with pytest.raises(ExtractionError) as info:
        _era(text)
    assert info.value.code == "E211" and "line 5" in info.value.message


def test_early_layout_profile_first_then_run_in_sections() -> None:
    text = (
        "HAITI (Tier 2)\n\nHaiti is a source, transit, and destination country for men.\n\n"
        "Haitian children are exploited in domestic servitude.\n\n"
        "The Government of Haiti does not fully comply with the minimum standards.\n\n"
        "Recommendations for Haiti: Enact a law; train police.\n\n"
        "Prosecution: The government made little progress.\n\n"
        "Protection\nThe government did not fund shelters.\n"
    )
    (haiti,) = _era(text).narratives
    assert [(s.kind, s.heading) for s in haiti.sections] == [
        ("profile", None),
        ("intro", None),
        ("recommendations", "Recommendations for Haiti:"),
        ("prosecution", "Prosecution:"),
        ("protection", "Protection"),
    ]
    assert haiti.sections[0].clean.endswith("exploited in domestic servitude.")
    assert haiti.sections[2].clean == "Enact a law; train police."


def test_a_page_break_inside_a_sentence_is_no_section_break() -> None:
    text = (
        "HAITI (Tier 2)\n\nHaiti is a source country for men, and\n\n"
        "The Government of Haiti does not fully comply with the minimum standards.\n"
    )
    (haiti,) = _era(text).narratives
    assert [s.kind for s in haiti.sections] == ["profile"]


def test_a_dropped_profile_heading_is_inferred_at_the_end() -> None:
    text = (
        "Jamaica: Tier 2\n\nThe Government of Jamaica does not fully meet the standards.\n\n"
        "Prevention\n\nThe government increased efforts to prevent trafficking.\n\n"
        "As reported over the past five years, Jamaica is a source and destination country.\n"
    )
    (jamaica,) = _era(text).narratives
    assert [s.kind for s in jamaica.sections] == ["intro", "prevention", "profile"]
    assert jamaica.sections[2].clean.startswith("As reported over the past five years")


def test_a_headed_kind_is_never_inferred_again() -> None:
    """A profile-like paragraph before the TRAFFICKING PROFILE heading stays where it is."""
    text = (
        "JAMAICA: TIER 2\n\nThe Government of Jamaica does not fully meet the standards.\n\n"
        "Jamaica is a source country, officials said, and acted on it.\n\n"
        "TRAFFICKING PROFILE\n\nAs reported over the past five years, Jamaica is a source.\n"
    )
    (jamaica,) = _era(text).narratives
    assert [s.kind for s in jamaica.sections] == ["intro", "profile"]
    assert "officials said" in jamaica.sections[0].clean


def test_a_title_page_is_no_fragment() -> None:
    text = "2024 Trafficking in Persons Report: Jamaica\n\nJamaica: Tier 2\n\nIt acted.\n"
    report = _era(text, guess_country=lambda _: ("JAM", "Jamaica"))
    assert [n.partial for n in report.narratives] == [False]
    assert report.warnings == []
    prose = (
        "Women are subjected to sex trafficking in Jamaica; victims from Haiti too.\n\n"
        "Jamaica: Tier 2\n\nIt acted.\n"
    )
    report = _era(prose, guess_country=lambda _: ("JAM", "Jamaica"))
    assert [n.partial for n in report.narratives] == [False]
    assert [(w.code, w.line) for w in report.warnings] == [("E210", 1)]


def test_a_web_copys_page_chrome_is_no_fragment() -> None:
    """refworld's header names the United States Department of State: no US narrative."""
    text = (
        "U.S. Department of State 2004 Trafficking in Persons Report - Albania\n"
        "Publisher\tUnited States Department of State\n"
        "Disclaimer\tThis is not a UNHCR publication. UNHCR is not responsible for it.\n\n"
        "Albania (Tier 2)\n\nAlbania is a source country for women.\n"
    )
    report = _era(text, year=None, guess_country=lambda _: ("USA", "United States"))
    assert [(n.iso3, n.partial) for n in report.narratives] == [("ALB", False)]
    assert report.warnings == []
    assert (report.year, report.year_source) == (2004, "title")


@pytest.mark.parametrize(
    ("line", "name"),
    [("JAMAICA: TIER 4", "JAMAICA"), ("Haiti (Tier Two)", "Haiti"), ("BURMA: Special", "BURMA"),
     ("JAMAICA: TIER 2 WATCH", "JAMAICA")],
)
def test_odd_narrative_headings(line: str, name: str) -> None:
    assert odd_narrative_heading(line) == name


@pytest.mark.parametrize(
    "line",
    ["JAMAICA: TIER 2", "The government's rank: Tier 2 was kept", "Tier 2", "Prosecution"],
)
def test_not_odd_narrative_headings(line: str) -> None:
    assert odd_narrative_heading(line) is None


def test_a_tier_line_over_a_narrative_opening_opens_it() -> None:
    """The 2009-2017 state.gov archive pages print the country only in their title."""
    text = (
        "2013 Trafficking in Persons Report\nTier 2 Watch List\n\n"
        "Jamaica is a source, transit, and destination country for adults and children.\n\n"
        "The government does not yet fully meet the minimum standards.\n"
    )
    (jamaica,) = _era(text).narratives
    assert (jamaica.iso3, jamaica.tier, jamaica.heading, jamaica.partial) == (
        "JAM", "2WL", "Jamaica", False)
    assert [s.kind for s in jamaica.sections] == ["profile", "intro"]


def test_a_numbered_country_narratives_chapter_line() -> None:
    text = "IV. Country Narratives - Tier 3\n\nBurma\n\nBurma is a source country for women.\n"
    (burma,) = _era(text).narratives
    assert (burma.iso3, burma.tier) == ("MMR", "3")


def test_prose_under_a_tier_line_that_opens_no_narrative_is_reported() -> None:
    text = (
        "JAMAICA: TIER 2\n\nIt acted.\n\nTIER 3\n\nThe government did nothing at all.\n\n"
        "More of it.\n"
    )
    report = _era(text)
    (jamaica,) = report.narratives
    assert [s.clean for s in jamaica.sections] == ["It acted."]
    assert [(w.code, w.line) for w in report.warnings] == [("E212", 7)]
    assert "lines 7-9" in report.warnings[0].message


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Haiti – Tier 2", ("Haiti", "2")), ("HAITI - TIER 2 WATCH LIST", ("HAITI", "2WL")),
     ("Guinea-Bissau - Tier 3", ("Guinea-Bissau", "3"))],
)
def test_dash_separated_headings_of_web_copies(line: str, expected: tuple[str, str]) -> None:
    assert match_narrative_heading(line) == expected


def test_bare_name_needs_is_a_not_any_is() -> None:
    located = "JAMAICA: TIER 2\n\nIt acted.\n\nHaiti\n\nHaiti is located east of Cuba, and acted.\n"
    assert [n.iso3 for n in _era(located).narratives] == ["JAM"]
    bracketed = "Haiti\n\nHaiti (HT) is primarily a source country for children.\n"
    assert [n.iso3 for n in _era(bracketed).narratives] == ["HTI"]


def test_dropped_recommendation_headings_are_inferred() -> None:
    semicolons = (
        "Jamaica: Tier 2\n\nThe Government of Jamaica does not fully meet the standards.\n\n"
        "Vigorously prosecute and convict traffickers; increase efforts to identify victims.\n\n"
        "Prosecution\n\nThe government maintained law enforcement efforts.\n"
    )
    (jamaica,) = _era(semicolons).narratives
    assert [s.kind for s in jamaica.sections] == ["intro", "recommendations", "prosecution"]
    bullets = (
        "Jamaica: Tier 2\n\nThe Government of Jamaica does not fully meet the standards.\n\n"
        "• Increase efforts to prosecute traffickers.\n• Train judges.\n\n"
        "The government decreased law enforcement efforts.\n"
    )
    (jamaica,) = _era(bullets).narratives
    assert [(s.kind, s.clean) for s in jamaica.sections] == [
        ("intro", "The Government of Jamaica does not fully meet the standards."),
        ("recommendations", "• Increase efforts to prosecute traffickers.\n• Train judges."),
        ("prosecution", "The government decreased law enforcement efforts."),
    ]


def test_a_name_over_a_tier_line_is_one_heading() -> None:
    """HTML pages print the country and its tier as two lines: one narrative, nothing stray."""
    text = (
        "JAMAICA: TIER 2\n\nIt acted.\n\nHaiti\n\nTier 2 Watch List\n\n"
        "The Government of Haiti does not fully meet the minimum standards.\n"
    )
    jamaica, haiti = _era(text).narratives
    assert [s.clean for s in jamaica.sections] == ["It acted."]
    assert (haiti.iso3, haiti.tier, haiti.heading) == ("HTI", "2WL", "Haiti")
    assert [s.kind for s in haiti.sections] == ["intro"]
    assert text[haiti.sections[0].start :].startswith("The Government of Haiti")


def test_front_matter_under_tier_lines_is_not_reported() -> None:
    text = (
        "TIER 2 WATCH LIST\n\nCountries whose governments do not fully meet the standards.\n\n"
        "JAMAICA: TIER 2\n\nIt acted.\n"
    )
    report = _era(text)
    assert [n.iso3 for n in report.narratives] == ["JAM"] and report.warnings == []


def test_a_special_case_headed_tier_first_is_a_narrative_with_its_sections() -> None:
    """2017-2019: 'SPECIAL CASE: LIBYA', then GOVERNMENT EFFORTS and TRAFFICKING PROFILE."""
    text = (
        "SPECIAL CASE: LIBYA\n\nLibya is a Special Case for the third consecutive year. The "
        "government struggled to gain institutional capacity.\n\nGOVERNMENT EFFORTS\n\nThe "
        "government appointed a focal point.\n\nTRAFFICKING PROFILE\n\nLibya is a destination "
        "and transit country for men and women from sub-Saharan Africa.\n\n"
        "LIECHTENSTEIN: TIER 1\n\nThe Government of Liechtenstein fully meets the minimum "
        "standards.\n"
    )
    names = {"LIBYA": "LBY", "LIECHTENSTEIN": "LIE"}
    libya, liechtenstein = _read(text, resolve_country=names.get).narratives
    assert (libya.iso3, libya.tier, liechtenstein.iso3) == ("LBY", "special", "LIE")
    profile = [s for s in libya.sections if s.kind == "profile"]
    assert profile and profile[0].clean.startswith("Libya is a destination")
