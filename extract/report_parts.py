"""Tell the chapters of a whole TIP report that are not country narratives by their titles.

A whole report prints, before its narratives, the Secretary's letter, the introduction and
thematic chapters, the tier placement list and the "How to Read a Country Narrative" page
(whose example heading is ``COUNTRY X: TIER 2 WATCH LIST``); after the last narrative and the
special cases, the appendices ("Relevant International Conventions", "TVPA Minimum
Standards", "Glossary", "Closing Note", "Photo Credits"...). None of them is narrative: read
into one, their sentences (and the laws, agencies and flows in them) would be put on a
country they are not about. Their titles, collected across the eras' tables of contents, are
data: ``patterns/report_chapters.jsonl``, one ``{"part", "title", "why"}`` object a line,
where ``part`` is ``front`` (a chapter before the narratives), ``back`` (an appendix after
them) or ``example`` (a placeholder country of the example narrative heading) and ``title``
a regular expression that must match the whole line (case aside, after a chapter number
such as ``IV.`` and before a colon).
"""

from __future__ import annotations

import re
from functools import cache

from tipgraph.extract import patterns

__all__ = ["CHAPTERS_FILE", "PARTS", "example_country", "match_report_part", "table_row"]

CHAPTERS_FILE = "report_chapters.jsonl"
#: The parts a title can mark; ``row`` is a row of an appendix's table of countries.
PARTS = ("front", "back", "example", "row")
# Chapter titles are short; longer lines are prose and never tried.
_TITLE_MAX = 140
# The leading run of words in capitals of a line: a title a PDF conversion ran into the
# first words of the text under it ("RELEVANT INTERNATIONAL CONVENTIONS Country UN ...").
_CAPS_RUN = re.compile(r"(?:[A-Z0-9][A-Z0-9'’.,()-]*(?:[ \t]+|$))+")
# A chapter number or letter printed before a title ("IV.", "3.", "Chapter 2:").
_NUMBER = r"(?:(?:chapter[ \t]+)?(?:[ivx]+|\d{1,2})[.:)][ \t]*)?"


@cache
def _titles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Read the packaged titles once, as ``(part, compiled title)`` in file order.

    Raises:
        ExtractionError: E230 when a line names a part that is not one of ``PARTS``.
    """
    titles: list[tuple[str, re.Pattern[str]]] = []
    for number, entry in patterns.objects(CHAPTERS_FILE, "part", "title"):
        if entry["part"] not in PARTS:
            raise patterns.pattern_error(CHAPTERS_FILE, number, f"{entry['part']!r} is not "
                                         f"one of {', '.join(PARTS)}")
        pattern = rf"{_NUMBER}(?:{entry['title']})[ \t]*:?"
        titles.append((entry["part"], re.compile(pattern, re.IGNORECASE)))
    return tuple(titles)


def match_report_part(line: str) -> str | None:
    """The part of the report a chapter title line opens: ``"front"`` or ``"back"``, or None.

    Example:
        >>> match_report_part("RELEVANT INTERNATIONAL CONVENTIONS")
        'back'
        >>> match_report_part("How to Read a Country Narrative")
        'front'
        >>> match_report_part("GLOSSARY Debt bondage: the use of a debt to hold a person.")
        'back'
        >>> match_report_part("Relevant international conventions bind Jamaica.") is None
        True
    """
    content = " ".join(line.split())
    if not content or len(content) > _TITLE_MAX:
        return None
    for part, pattern in _titles():
        if part in ("front", "back") and pattern.fullmatch(content):
            return part
    run = _CAPS_RUN.match(content)
    if run is not None and run.end() < len(content):
        # An appendix title in capitals run into its text: it still ends the narratives.
        title = run.group().strip()
        for end in range(len(title), 0, -1):
            if end < len(title) and title[end] != " ":
                continue
            if any(part == "back" and pattern.fullmatch(title[:end])
                   for part, pattern in _titles()):
                return "back"
    return None


def table_row(line: str) -> bool:
    """Tell whether a line is a row of an appendix's table of countries ("Jamaica X X X(a)"),
    as the conventions table prints ratifications: a run of them ends the narratives even
    where the table's title was lost in conversion.

    Example:
        >>> table_row("Antigua & Barbuda X X(a) X X"), table_row("Jamaica is a source country")
        (True, False)
    """
    content = " ".join(line.split())
    return len(content) <= _TITLE_MAX and any(
        part == "row" and pattern.fullmatch(content) for part, pattern in _titles())


def example_country(name: str) -> bool:
    """Tell whether a narrative heading's country is the placeholder of the example page.

    Example:
        >>> example_country("COUNTRY X"), example_country("JAMAICA")
        (True, False)
    """
    content = " ".join(name.split())
    return any(part == "example" and pattern.fullmatch(content) for part, pattern in _titles())
