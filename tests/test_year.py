"""Tests of report-year inference and of how the reader uses it."""

from __future__ import annotations

from importlib import resources

import pytest

from tipgraph.core.errors import ExtractionError
from tipgraph.extract.reader import read_report
from tipgraph.extract.year import YearEvidence, infer_report_year, infer_year


def test_sample_is_the_2017_report() -> None:
    text = (
        resources.files("tipgraph.extract.sample")
        .joinpath("tip-2017-jamaica-namibia.txt")
        .read_text(encoding="utf-8")
    )
    assert infer_year(text) == 2017


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police investigated 44 cases in 2016.", 2017),
        ("It identified 12 victims in fiscal year 2016.", 2017),
        ("It spent 5,000 euros in FY 2019.", 2020),
        ("In 2016, officials convicted two traffickers.", 2017),
        # Comparisons name the previous period: they vote for the year after next.
        ("Authorities identified 70 victims, compared with 54 in 2015.", 2017),
        ("It convicted 13 traffickers (nine in 2015).", 2017),
        ("It investigated 51 cases, the same as in 2015.", 2017),
        # Comparisons outnumber the period figures and still give the right year.
        (
            "It prosecuted 9 cases in 2016, compared with 8 in 2015; convicted 3, compared to 2 "
            "in 2015; and identified 10 victims, compared with 4 in 2015.",
            2017,
        ),
        # Years of laws and plans are not statistics.
        ("The Child Care and Protection Act of 2004 was amended in 2016.", 2017),
        ("The plan is valid through 2018 and the law of 2010 applies.", None),
        ("It spent funds in fiscal year 2016-2017.", None),
        ("No year at all.", None),
        ("", None),
    ],
)
def test_year_from_statistics(text: str, expected: int | None) -> None:
    assert infer_year(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TRAFFICKING IN PERSONS REPORT JUNE 2012\n\nIt acted in 2016 and in 2016.", 2012),
        ("Trafficking in Persons Report 2019\nin 2016, in 2016", 2019),
        ("Trafficking in Persons Report – June 2021\nin 2016", 2021),
        ("It acted in 2016.\n\nJUNE 2014\n\nIt acted in 2016.", 2014),
        # A month in a sentence is not a page footer.
        ("The law took effect in June 2016. It acted in 2016.", 2017),
    ],
)
def test_title_wins(text: str, expected: int) -> None:
    assert infer_year(text) == expected


def _read(text: str, year: int | None) -> int:
    report = read_report(
        text,
        source_name="t.txt",
        sha256="0",
        year=year,
        resolve_country={"JAMAICA": "JAM"}.get,
        guess_country=lambda _: None,
    )
    return report.year if not report.year_inferred else -report.year


@pytest.mark.parametrize(
    ("body", "year", "expected"),
    [
        ("It identified 8 victims in 2016.", None, -2017),
        ("It identified 8 victims in 2016.", 2020, 2020),
        ("It identified victims.", 2017, 2017),
    ],
)
def test_reader_uses_given_or_inferred_year(body: str, year: int | None, expected: int) -> None:
    assert _read(f"JAMAICA: TIER 2\n\n{body}\n", year) == expected


def test_reader_without_any_year_asks_for_one() -> None:
    with pytest.raises(ExtractionError) as info:
        _read("JAMAICA: TIER 2\n\nIt identified victims.\n", None)
    assert info.value.code == "E203"
    assert "--year" in info.value.message


@pytest.mark.parametrize(
    ("text", "name", "year", "source"),
    [
        ("It acted.", "2009-tip-report.txt", 2009, "file name"),
        ("It acted.", "tip-2013-haiti.txt", 2013, "file name"),
        ("It acted.", "TIP_Report_2015.txt", 2015, "file name"),
        # A title in the text wins over the file name.
        ("Trafficking in Persons Report, June 2003\n\nIt acted.", "tip-2005.txt", 2003, "title"),
        ("2024 Trafficking in Persons Report: Zambia\n\nIt acted.", "z.txt", 2024, "title"),
        ("U.S. Department of State 2001 Trafficking in Persons Report - Albania", "a", 2001,
         "title"),
        # The reporting period the later reports state.
        ("It acted from April 2018 through March 2019.", "x.txt", 2019, "reporting period"),
        ("between April 1, 2020, and March 31, 2021, it acted", "x.txt", 2021,
         "reporting period"),
        ("It investigated 44 cases in 2016.", "x.txt", 2017, "statistics"),
        # A cited report is a floor, not the year: it agrees with a later year.
        ("As the 2019 TIP Report noted, it acted in 2020.", "x.txt", 2021, "statistics"),
    ],
)
def test_report_year_and_where_it_came_from(text: str, name: str, year: int,
                                            source: str) -> None:
    assert infer_report_year(text, name) == YearEvidence(year, source)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A file name that does not say it is a TIP report says nothing of its year.
        ("It acted.", "scan-2019.txt"),
        ("It acted.", "tip-2012-vs-2013.txt"),
        # A year below a report the text cites is refused, not guessed.
        ("As in the 2019 TIP Report, it acted in 2016.", "x.txt"),
        ("It acted.", ""),
    ],
)
def test_report_year_refused_when_nothing_tells_or_evidence_disagrees(text: str,
                                                                      name: str) -> None:
    assert infer_report_year(text, name).year is None


def test_reader_names_the_source_of_the_year_and_refuses_a_contradiction() -> None:
    report = read_report("JAMAICA: TIER 2\n\nIt acted.\n", source_name="tip-2008.txt",
                         sha256="0", year=None, resolve_country={"JAMAICA": "JAM"}.get,
                         guess_country=lambda _: None)
    assert (report.year, report.year_inferred, report.year_source) == (2008, True, "file name")
    with pytest.raises(ExtractionError, match=r"E203.*cites the 2019 report.*--year"):
        read_report("JAMAICA: TIER 2\n\nSince the 2019 TIP Report it acted in 2016.\n",
                    source_name="t.txt", sha256="0", year=None,
                    resolve_country={"JAMAICA": "JAM"}.get, guess_country=lambda _: None)


def test_file_name_and_reporting_period_that_disagree_are_refused() -> None:
    evidence = infer_report_year("It acted from April 2020 through March 2021.", "tip-2019.txt")
    assert evidence.year is None
    assert "file name says 2019" in evidence.problem and "2021" in evidence.problem
