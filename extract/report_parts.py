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

import json
import re
from functools import cache
from importlib import resources

__all__ = ["CHAPTERS_FILE", "PARTS", "example_country", "match_report_part"]

CHAPTERS_FILE = "report_chapters.jsonl"
#: The parts a title can mark.
PARTS = ("front", "back", "example")
# Chapter titles are short; longer lines are prose and never tried.
_TITLE_MAX = 140
# A chapter number or letter printed before a title ("IV.", "3.", "Chapter 2:").
_NUMBER = r"(?:(?:chapter[ \t]+)?(?:[ivx]+|\d{1,2})[.:)][ \t]*)?"


@cache
def _titles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Read the packaged titles once, as ``(part, compiled title)`` in file order.

    Raises:
        ValueError: when a line names a part that is not one of ``PARTS``.
    """
    text = resources.files("tipgraph.extract.patterns").joinpath(CHAPTERS_FILE).read_text(
        encoding="utf-8")
    titles: list[tuple[str, re.Pattern[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        entry = json.loads(line)
        if entry["part"] not in PARTS:
            raise ValueError(f"{CHAPTERS_FILE}, line {number}: {entry['part']!r} is not one "
                             f"of {', '.join(PARTS)}")
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
        >>> match_report_part("Relevant international conventions bind Jamaica.") is None
        True
    """
    content = " ".join(line.split())
    if not content or len(content) > _TITLE_MAX:
        return None
    for part, pattern in _titles():
        if part != "example" and pattern.fullmatch(content):
            return part
    return None


def example_country(name: str) -> bool:
    """Tell whether a narrative heading's country is the placeholder of the example page.

    Example:
        >>> example_country("COUNTRY X"), example_country("JAMAICA")
        (True, False)
    """
    content = " ".join(name.split())
    return any(part == "example" and pattern.fullmatch(content) for part, pattern in _titles())
