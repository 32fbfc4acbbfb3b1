"""Infer which year's Trafficking in Persons report a text comes from.

A converted excerpt of a report seldom carries its title page, but its statistics always say
which year they cover: the 2017 report counts "40 new trafficking investigations in 2016"
and compares them with "30 in 2015". The report year is the covered year plus one.

Years in law names ("the Child Care and Protection Act of 2004") or plans ("valid through
2018") say nothing about the report, so only statistics phrases are counted:

* ``in 2016``, ``in fiscal year 2016``, ``in FY 2016``: a vote for report year 2016 + 1;
* comparisons: ``compared with 54 in 2015``, ``(27 in 2015)``, ``the same as in 2015``,
  ``than in 2015``: the previous period, a vote for report year 2015 + 2.

A title (``Trafficking in Persons Report 2017``, ``TRAFFICKING IN PERSONS REPORT JUNE 2017``,
``2024 Trafficking in Persons Report: Zambia`` at the start of a line) or a page footer line
``JUNE 2017`` names the year outright and wins over the votes.

:func:`infer_report_year` also reads the file name (``2009-tip-report.txt``,
``tip-2013-haiti.txt``) and the reporting period the later reports state ("April 2018
through March 2019" is the 2019 report), and says where the year came from. A report cites
earlier reports ("the 2019 TIP Report" in the 2021 report), so a cited year is no evidence
of the year, only a floor: a year below it is refused rather than guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["FIRST_REPORT_YEAR", "YearEvidence", "infer_report_year", "infer_year"]

#: The first TIP report appeared in 2001; an earlier "report year" is a misreading.
FIRST_REPORT_YEAR = 2001
_LAST_REPORT_YEAR = 2100

_YEAR = r"((?:19|20)\d\d)"

_TITLE = re.compile(
    rf"trafficking\s+in\s+persons\s+report\s*[,:\-–—]?\s*(?:june\s+)?{_YEAR}\b"
    rf"|^[ \t]*june\s+{_YEAR}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A title line that puts the year first: "2024 Trafficking in Persons Report: Zambia",
# "U.S. Department of State 2001 Trafficking in Persons Report - Albania". Case-sensitive
# forms (title case or capitals): a case-insensitive scan of a whole report costs twice.
_TITLE_LEAD = re.compile(
    rf"^[ \t]*(?:U\.S\.\s+Department\s+of\s+State\s+)?{_YEAR}\s+"
    r"(?:Trafficking\s+in\s+Persons|TRAFFICKING\s+IN\s+PERSONS)\s+(?:\(TIP\)\s+)?"
    r"(?:Report|REPORT)\b",
    re.MULTILINE,
)

# A year in a file name, between separators: "2009-tip-report", "tip_2013_haiti".
_FILE_YEAR = re.compile(r"(?<![0-9])(20\d\d)(?![0-9])")
# A file name that says it is a TIP report, so that its year is the report's.
_FILE_TIP = re.compile(r"(?<![a-z])(?:tip|trafficking|tvpa)(?![a-z])", re.IGNORECASE)

# The reporting period the 2010s-2020s reports state: "April 1, 2018, through March 31,
# 2019", "April 2020 to March 2021".
_PERIOD_SPAN = re.compile(
    rf"\b(?:April|APRIL)\s+(?:1,?\s+)?{_YEAR},?\s+(?:through|to|until|and|[-–—])\s+"
    rf"(?:March|MARCH)\s+(?:31,?\s+)?{_YEAR}\b"
)

# A citation of a report of some year: only a floor for the year of this one.
_CITATION = re.compile(
    rf"\b{_YEAR}\s+(?:TIP|[Tt]rafficking\s+in\s+[Pp]ersons|TRAFFICKING\s+IN\s+PERSONS)\s+"
    r"(?:[Rr]eport|REPORT)\b"
)

# A period statistic: "in 2016", "in fiscal year 2016", not "in 2016-2017" (a fiscal span).
_PERIOD = re.compile(
    rf"\bin\s+(?:(?:the\s+)?fiscal\s+year\s+|FY\s*)?{_YEAR}\b(?!\s*[-–]\s*\d)", re.IGNORECASE
)

# The comparison a period statistic is set against: the year before the reporting period.
_COMPARISON = re.compile(
    r"(?:compared\s+(?:with|to)|versus|vs\.|(?:the\s+)?same\s+as|than|from)"
    r"\s+(?:[^\s;]*[^\s;.]\s+){0,6}?in\s+$"
    r"|\(\s*(?:[^\s;()]+\s+){0,6}?in\s+$",
    re.IGNORECASE,
)
_LOOKBACK = 80


def infer_year(text: str) -> int | None:
    """Infer the report year of a TIP report text.

    Args:
        text: the report text, or any part of it.

    Returns:
        The year of the report (2017 for the report published in June 2017 that covers
        2016), or None when the text has neither a title nor a dated statistic.

    Example:
        >>> infer_year("Police investigated 44 cases in 2016, compared with 30 in 2015.")
        2017
        >>> infer_year("TRAFFICKING IN PERSONS REPORT JUNE 2012 ... in 2016")
        2012
        >>> infer_year("The Child Care and Protection Act of 2004.") is None
        True
    """
    title = _title_year(text)
    if title is not None:
        return title
    votes: Counter[int] = Counter()
    for m in _PERIOD.finditer(text):
        covered = int(m.group(1))
        before = text[max(0, m.start() - _LOOKBACK) : m.start() + 3]
        report_year = covered + (2 if _COMPARISON.search(before) else 1)
        if FIRST_REPORT_YEAR <= report_year <= _LAST_REPORT_YEAR:
            votes[report_year] += 1
    if not votes:
        return None
    # Most votes wins; on a tie the later year, since reports cite earlier years' figures.
    return max(votes.items(), key=lambda item: (item[1], item[0]))[0]


@dataclass(frozen=True, slots=True)
class YearEvidence:
    """The year of a report and where it came from.

    Attributes:
        year: the report year, or None when nothing tells it or the evidence disagrees.
        source: ``"title"``, ``"file name"``, ``"reporting period"`` or ``"statistics"``.
        problem: when ``year`` is None, why (for the error message).
    """

    year: int | None
    source: str
    problem: str = ""


def _title_year(text: str) -> int | None:
    """The year of the first title in the text, of either form, or None."""
    found: list[tuple[int, int]] = []
    for pattern in (_TITLE, _TITLE_LEAD):
        for m in pattern.finditer(text):
            year = int(next(g for g in m.groups() if g))
            if FIRST_REPORT_YEAR <= year <= _LAST_REPORT_YEAR:
                found.append((m.start(), year))
                break
    return min(found)[1] if found else None


def _file_year(name: str) -> int | None:
    """The one plausible year in a file name that says it is a TIP report, else None."""
    if not _FILE_TIP.search(name):
        return None
    years = {int(y) for y in _FILE_YEAR.findall(name)}
    years = {y for y in years if FIRST_REPORT_YEAR <= y <= _LAST_REPORT_YEAR}
    return years.pop() if len(years) == 1 else None


def _period_year(text: str) -> int | None:
    """The report year of a stated reporting period, when every statement agrees."""
    years = {int(m.group(2)) for m in _PERIOD_SPAN.finditer(text)
             if int(m.group(2)) == int(m.group(1)) + 1}
    return years.pop() if len(years) == 1 else None


def infer_report_year(text: str, source_name: str = "") -> YearEvidence:
    """Infer a report's year from its title, file name, reporting period or statistics.

    The first that tells wins, in that order: a title in the text, a file name that says it
    is a TIP report and holds one year, the reporting period ("April 2018 through March
    2019": 2019), the dated statistics (:func:`infer_year`). A year below one the text
    cites ("the 2019 TIP Report") is refused: the report cannot cite a later one; so is a
    file name that disagrees with the reporting period (one of them is wrong).

    Args:
        text: the report text.
        source_name: the file's name (no directories needed).

    Returns:
        The evidence; ``year`` is None when nothing tells or the evidence disagrees.

    Example:
        >>> infer_report_year("It acted.", "2009-tip-report.txt")
        YearEvidence(year=2009, source='file name', problem='')
        >>> infer_report_year("from April 2018 through March 2019").year
        2019
        >>> infer_report_year("As in the 2019 TIP Report, it acted in 2016.").year is None
        True
    """
    title = _title_year(text)
    if title is not None:
        return YearEvidence(title, "title")
    cited = [int(y) for y in _CITATION.findall(text)]
    floor = max((y for y in cited if y <= _LAST_REPORT_YEAR), default=None)
    named, period = _file_year(source_name), _period_year(text)
    if named is not None and period is not None and named != period:
        return YearEvidence(None, "file name", f"its file name says {named}, but the reporting "
                                               f"period it states is the {period} report's")
    for source, year in (("file name", named),
                         ("reporting period", period),
                         ("statistics", infer_year(text))):
        if year is None:
            continue
        if floor is not None and year < floor:
            return YearEvidence(None, source, f"its {source} says {year}, but it cites the "
                                              f"{floor} report")
        return YearEvidence(year, source)
    return YearEvidence(None, "", "it has no title, no year in its file name, no reporting "
                                  "period and no dated statistics")
