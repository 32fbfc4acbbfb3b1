"""Infer which year's Trafficking in Persons report a text comes from.

A converted excerpt of a report seldom carries its title page, but its statistics always say
which year they cover: the 2017 report counts "40 new trafficking investigations in 2016"
and compares them with "30 in 2015". The report year is the covered year plus one.

Years in law names ("the Child Care and Protection Act of 2004") or plans ("valid through
2018") say nothing about the report, so only statistics phrases are counted:

* ``in 2016``, ``in fiscal year 2016``, ``in FY 2016``: a vote for report year 2016 + 1;
* comparisons: ``compared with 54 in 2015``, ``(27 in 2015)``, ``the same as in 2015``,
  ``than in 2015``: the previous period, a vote for report year 2015 + 2.

A title (``Trafficking in Persons Report 2017``, ``TRAFFICKING IN PERSONS REPORT JUNE 2017``)
or a page footer line ``JUNE 2017`` names the year outright and wins over the votes.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["FIRST_REPORT_YEAR", "infer_year"]

#: The first TIP report appeared in 2001; an earlier "report year" is a misreading.
FIRST_REPORT_YEAR = 2001
_LAST_REPORT_YEAR = 2100

_YEAR = r"((?:19|20)\d\d)"

_TITLE = re.compile(
    rf"trafficking\s+in\s+persons\s+report\s*[,:\-–—]?\s*(?:june\s+)?{_YEAR}\b"
    rf"|^[ \t]*june\s+{_YEAR}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
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
    for m in _TITLE.finditer(text):
        year = int(m.group(1) or m.group(2))
        if FIRST_REPORT_YEAR <= year <= _LAST_REPORT_YEAR:
            return year
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
