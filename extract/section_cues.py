"""Tell the section of a paragraph from its opening words, when no heading says it.

Web copies of the TIP reports drop or restyle headings, and the 2001-2016 reports never
printed one over the trafficking profile, which opens the narrative ("X is a source,
transit, and destination country for ..."). Each section opens with formulaic words, so a
paragraph's first words tell which section starts there. The cues are data:
``patterns/section_cues.jsonl``, one ``{"kind", "opening", "why"}`` object a line, where
``opening`` is a regular expression matched at the start of the paragraph (after a list
item's marker); a cue with ``"list_item": true`` holds only for a paragraph that is a list
item ("• Increase efforts ..." is a recommendation, "Increase ..." in prose need not be).
"""

from __future__ import annotations

import re
from functools import cache

from tipgraph.extract import patterns
from tipgraph.extract.records import SECTION_KINDS
from tipgraph.extract.repair import strip_list_marker

__all__ = ["CUES_FILE", "FRAGMENT_CUES_FILE", "load_cues", "load_fragment_cues", "paragraph_kind"]

CUES_FILE = "section_cues.jsonl"
#: Words whose counts tell a trafficking profile from the government-effort sections in a
#: fragment cut out of a report (``{"kind": "profile"|"effort", "cue": ...}`` a line).
FRAGMENT_CUES_FILE = "fragment_cues.jsonl"
# The cues look at a paragraph's opening only: enough for "The Government of the Democratic
# Republic of the Congo does not fully meet", and it keeps each match short.
_OPENING = 240


@cache
def load_cues() -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """Read the packaged cues once, as ``(kind, compiled opening, list items only)`` in file
    order.

    Raises:
        ExtractionError: E230 when a line names a kind that is not a section kind.
    """
    cues: list[tuple[str, re.Pattern[str], bool]] = []
    for number, cue in patterns.objects(CUES_FILE, "kind", "opening"):
        if cue["kind"] not in SECTION_KINDS:
            raise patterns.pattern_error(CUES_FILE, number, f"{cue['kind']!r} is no section kind")
        cues.append((cue["kind"], re.compile(cue["opening"]), bool(cue.get("list_item"))))
    return tuple(cues)


@cache
def load_fragment_cues() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Read the packaged fragment cues once: ``(profile cues, effort cues)``, lower case.

    Raises:
        ExtractionError: E230 when a line's kind is neither ``profile`` nor ``effort``.
    """
    cues: dict[str, list[str]] = {"profile": [], "effort": []}
    for number, cue in patterns.objects(FRAGMENT_CUES_FILE, "kind", "cue"):
        if cue["kind"] not in cues:
            raise patterns.pattern_error(FRAGMENT_CUES_FILE, number, f"{cue['kind']!r} is "
                                         "neither 'profile' nor 'effort'")
        cues[cue["kind"]].append(str(cue["cue"]).lower())
    return tuple(cues["profile"]), tuple(cues["effort"])


def paragraph_kind(paragraph: str) -> str | None:
    """The section kind a paragraph's opening words announce, or None.

    Example:
        >>> paragraph_kind("Haiti is a source, transit, and destination country for men.")
        'profile'
        >>> paragraph_kind("The Government of Haiti does not fully meet the minimum standards")
        'intro'
        >>> paragraph_kind("• Increase efforts to prosecute traffickers.")
        'recommendations'
        >>> paragraph_kind("Some victims are men.") is None
        True
    """
    item, rest = strip_list_marker(paragraph)
    opening = rest[:_OPENING]
    for kind, pattern, list_only in load_cues():
        if (item or not list_only) and pattern.match(opening):
            return kind
    return None
