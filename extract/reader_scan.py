"""Find the heading lines of a report text: narratives, tier chapters, sections, report parts.

The first pass of the reader (:mod:`tipgraph.extract.reader`): every line is tried, in this
order, as a row of an appendix's table of countries, a chapter title of the whole report
(:mod:`tipgraph.extract.report_parts`), a tier chapter line, a narrative heading (read, or
reported when its country or tier cannot be read: ``E207``/``E208``), a section heading, a
bare country name that opens a narrative, a name printed over its tier line, and a title in
capitals that none of these reads (it ends the narrative it follows: ``E214``). What a
line is depends on the lines around it (a bare name opens a narrative only when prose about
that country follows), so the pass keeps the chapter it is in and the table it is inside.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tipgraph.extract.headings import (
    match_chapter_heading,
    match_narrative_heading,
    match_section_heading,
    name_like,
    odd_narrative_heading,
)
from tipgraph.extract.records import ReadWarning
from tipgraph.extract.repair import ends_sentence
from tipgraph.extract.report_parts import example_country, match_report_part, table_row
from tipgraph.extract.section_cues import paragraph_kind

__all__ = ["BOUNDARIES", "TAIL", "Heading", "caps_title", "scan"]

#: A line of the text: ``(number from 1, offset, text without its newline)``.
Line = tuple[int, int, str]

# A bare country-name line is short and does not end like a sentence.
_BARE_MAX = 60
# What a narrative's first paragraph must have to follow a bare name in a tier chapter: a
# run of prose, not the next name of a tier table.
_PROSE_MIN = 60
# "<Country> is a ...": the subject of a narrative's first sentence (a bracketed short form
# after it, "the Democratic Republic of the Congo (DRC) is a", is no part of the name).
_SUBJECT = re.compile(
    r"(?P<subject>[^.;:()\n]{1,60}?)(?: \([^()\n]{1,12}\))? (?:is|are) (?:[a-z]+ )?an? "
)
# How many characters of a paragraph's end the sentence-end test needs.
TAIL = 8
# How many rows of countries with ratification marks in a row make an appendix's table.
_TABLE_ROWS = 3
# A title in capitals: as long as a chapter title may be, with this many letters at least
# (a line of initials or a page number is no title).
_CAPS_MAX = 140
_CAPS_LETTERS_MIN = 4


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line found in the text, as the reader uses it.

    ``kind`` is a section kind, ``"narrative"`` (``iso3`` set), ``"chapter"`` (a tier chapter
    of the early reports), ``"unread"`` (a narrative heading that cannot be read), ``"front"``
    (the title of a chapter before the narratives, or the example heading of the "How to
    Read a Country Narrative" page) or ``"back"`` (the title of an appendix after them).
    """

    line: int
    start: int
    end: int
    body_start: int
    text: str
    kind: str
    tier: str | None = None
    iso3: str | None = None
    bare: bool = False


BOUNDARIES = frozenset(("narrative", "chapter", "unread", "back"))


def _lines(text: str) -> list[Line]:
    """Every line of ``text`` as ``(number, offset, line)``, numbered from 1."""
    out: list[Line] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        out.append((number, offset, line))
        offset += len(line) + 1
    return out


def _next_line(lines: list[Line], i: int) -> int:
    """The index of the first non-blank line after line index ``i``, or ``len(lines)``."""
    j = i + 1
    while j < len(lines) and not lines[j][2].strip():
        j += 1
    return j


def _next_paragraph(lines: list[Line], i: int) -> str:
    """The first non-blank line after line index ``i`` (stripped), or ``""``."""
    j = _next_line(lines, i)
    return lines[j][2].strip() if j < len(lines) else ""


def _is_name_line(line: str) -> bool:
    """Tell whether a line could hold nothing but a country's name."""
    content = line.strip()
    return bool(content) and len(content) <= _BARE_MAX and content[-1] not in ".;,:" \
        and name_like(content)


def _bare_heading(
    lines: list[Line],
    i: int,
    resolve: Callable[[str], str | None],
    in_chapter: bool,
) -> str | None:
    """The ISO code of the country a bare-name line opens a narrative of, or None.

    A line holding only a country's name opens a narrative inside a tier chapter when prose
    naming the country follows it (a tier table lists the next name instead), and anywhere
    when the next line starts "<that country> is a ...".
    """
    content = lines[i][2].strip()
    if not _is_name_line(content):
        return None
    iso3 = resolve(content)
    if iso3 is None:
        return None
    following = _next_paragraph(lines, i)
    if (
        in_chapter
        and len(following) >= _PROSE_MIN
        and content.casefold() in following.casefold()
    ):
        return iso3
    m = _SUBJECT.match(following)
    if m is not None and resolve(m.group("subject")) == iso3:
        return iso3
    return None


def _table_starts(lines: list[Line], i: int) -> bool:
    """Tell whether line index ``i`` and the non-blank lines after it are ``_TABLE_ROWS``
    rows of a table of countries (:func:`tipgraph.extract.report_parts.table_row`)."""
    for _ in range(_TABLE_ROWS - 1):
        i = _next_line(lines, i)
        if i >= len(lines) or not table_row(lines[i][2]):
            return False
    return True


def _prose_follows(lines: list[Line], i: int) -> bool:
    """Tell whether the paragraph after line index ``i`` is prose, not a heading or a name."""
    following = _next_paragraph(lines, i)
    return len(following) >= _PROSE_MIN or ends_sentence(following[-TAIL:])


def _opened_by_tier_line(
    lines: list[Line], i: int, resolve: Callable[[str], str | None]
) -> tuple[str, str] | None:
    """``(name, iso3)`` when the tier line at ``i`` is directly followed by a narrative's
    opening ("Jamaica is a source, transit, and destination country ..."), else None.

    The state.gov archive pages of 2009-2017 print the country only in the page title and
    give the narrative under a bare tier line.
    """
    following = _next_paragraph(lines, i)
    m = _SUBJECT.match(following)
    if m is None or paragraph_kind(following) != "profile":
        return None
    iso3 = resolve(m.group("subject"))
    return None if iso3 is None else (m.group("subject").strip(), iso3)


def caps_title(line: str) -> bool:
    """Tell whether a line is written as a title in capitals ("CLOSING NOTES", "TIP REPORT
    HEROES"): no lower-case letter, four letters or more, short, and not ending like a
    sentence or a list item.

    Example:
        >>> caps_title("CLOSING NOTES"), caps_title("Closing Notes"), caps_title("NGO.")
        (True, False, False)
    """
    content = " ".join(line.split())
    if not content or len(content) > _CAPS_MAX or content[-1] in ".;,":
        return False
    return sum(c.isalpha() for c in content) >= _CAPS_LETTERS_MIN \
        and not any(c.islower() for c in content)


class _Scanner:
    """One pass over the lines, with the state the next line's reading depends on."""

    def __init__(self, text: str, source_name: str,
                 resolve: Callable[[str], str | None]) -> None:
        self.lines = _lines(text)
        self.source_name = source_name
        self.resolve = resolve
        self.found: list[Heading] = []
        self.warnings: list[ReadWarning] = []
        self.chapter: str | None = None  # the tier chapter the lines are in
        self.skip = -1  # a tier line already read with the name above it
        self.in_table = False

    def run(self) -> tuple[list[Heading], list[ReadWarning]]:
        steps = (self._report_part, self._tier_line, self._narrative, self._section,
                 self._bare_name, self._name_over_tier, self._caps_title)
        for i, (_number, _offset, line) in enumerate(self.lines):
            if not line.strip() or i == self.skip or self._table(i):
                continue
            self.in_table = False
            for step in steps:
                if step(i):
                    break
        return self.found, self.warnings

    def _add(self, i: int, text: str, kind: str, tier: str | None = None,
             iso3: str | None = None, *, body_end: int | None = None,
             bare: bool = False) -> None:
        number, offset, line = self.lines[i]
        end = offset + len(line)
        self.found.append(Heading(number, offset, end, end if body_end is None else body_end,
                                  text, kind, tier, iso3, bare))

    def _table(self, i: int) -> bool:
        """A row of the conventions table of the appendices (True: the line is taken)."""
        line = self.lines[i][2]
        if not table_row(line):
            return False
        if not self.in_table and _table_starts(self.lines, i):
            # The table with its title lost in conversion (under its title, it is in the
            # back matter already).
            if next((h.kind for h in reversed(self.found) if h.kind in BOUNDARIES),
                    None) != "back":
                # From the table's first line: its column heads are in its paragraph.
                k = i
                while k > 0 and self.lines[k - 1][2].strip() and (
                        not self.found or self.lines[k - 1][1] > self.found[-1].start):
                    k -= 1
                number, offset, _ = self.lines[k]
                end = self.lines[i][1] + len(line)
                self.found.append(Heading(number, offset, end, end, line.strip(), "back"))
            self.chapter = None
            self.in_table = True
        return self.in_table

    def _report_part(self, i: int) -> bool:
        """A chapter of the whole report that is no narrative: an appendix ends the
        narrative before it, and the tier chapter it was in."""
        line = self.lines[i][2]
        part = match_report_part(line)
        if part is None:
            return False
        self._add(i, line.strip(), part)
        self.chapter = None
        return True

    def _tier_line(self, i: int) -> bool:
        line = self.lines[i][2]
        tier = match_chapter_heading(line)
        if tier is None:
            return False
        self.chapter = tier
        opened = _opened_by_tier_line(self.lines, i, self.resolve)
        if opened is not None:
            self._add(i, opened[0], "narrative", tier, opened[1])
        else:
            self._add(i, line.strip(), "chapter", tier)
        return True

    def _narrative(self, i: int) -> bool:
        number, _offset, line = self.lines[i]
        narrative = match_narrative_heading(line)
        odd = None if narrative is not None else odd_narrative_heading(line)
        if narrative is None and odd is None:
            return False
        name = narrative[0] if narrative is not None else str(odd)
        iso3 = self.resolve(name)
        if narrative is not None and iso3 is not None:
            self._add(i, name, "narrative", narrative[1], iso3)
            self.chapter = None
            return True
        if narrative is not None and example_country(name):
            self._add(i, line.strip(), "front")
            return True
        if narrative is not None:
            code, why = "E207", f"names a country tipgraph does not know ({name!r}); add " \
                "the name to the gazetteer (extract/gazetteer/countries.tsv, names column)"
        else:
            code, why = "E208", "has a tier tipgraph cannot read; write it as 'Tier 1', " \
                "'Tier 2', 'Tier 2 Watch List', 'Tier 3' or 'Special Case'"
        self.warnings.append(ReadWarning(code, number, f"{self.source_name}, line {number}: "
                                         f"{line.strip()!r} looks like a narrative heading "
                                         f"but {why}; the text under it is not read"))
        self._add(i, name, "unread")
        return True

    def _section(self, i: int) -> bool:
        _number, offset, line = self.lines[i]
        section = match_section_heading(line)
        if section is None:
            return False
        kind, heading, body = section
        self._add(i, heading, kind, body_end=offset + body)
        return True

    def _bare_name(self, i: int) -> bool:
        line = self.lines[i][2]
        iso3 = _bare_heading(self.lines, i, self.resolve, self.chapter is not None)
        if iso3 is None:
            return False
        self._add(i, line.strip(), "narrative", self.chapter, iso3, bare=True)
        return True

    def _name_over_tier(self, i: int) -> bool:
        """"Haiti" over "Tier 2": a heading an HTML page prints on two lines (in a tier
        placement list, "Nepal" over "TIER 3" is followed by the next name instead)."""
        line = self.lines[i][2]
        if not _is_name_line(line):
            return False
        j = _next_line(self.lines, i)
        tier = match_chapter_heading(self.lines[j][2]) if j < len(self.lines) else None
        if tier is None or not _prose_follows(self.lines, j):
            return False
        iso3 = self.resolve(line.strip())
        if not iso3:
            return False
        tier_end = self.lines[j][1] + len(self.lines[j][2])
        self._add(i, line.strip(), "narrative", tier, iso3, body_end=tier_end)
        self.skip = j
        return True

    def _caps_title(self, i: int) -> bool:
        """A title in capitals after a narrative's last sentence that is no section heading,
        no country and no chapter ``report_chapters.jsonl`` knows (a new appendix such as
        "CLOSING NOTES"): it ends the narrative instead of being read into it, the text
        under it is back matter, and it is reported with its line (``E214``)."""
        number, _offset, line = self.lines[i]
        if not caps_title(line) or self.resolve(line.strip()) is not None:
            return False
        opened = next((h for h in reversed(self.found) if h.kind in BOUNDARIES), None)
        if opened is None or opened.kind != "narrative" or not self._after_sentence(i):
            return False
        self.warnings.append(ReadWarning(
            "E214", number,
            f"{self.source_name}, line {number}: {line.strip()!r} is a title in capitals that "
            f"is no section heading and no country; the narrative of {opened.text} ends "
            "before it and the text under it, up to the next narrative heading, is set "
            "aside as back matter; if it is a chapter of the report, add it to "
            "extract/patterns/report_chapters.jsonl"))
        self._add(i, line.strip(), "back")
        return True

    def _after_sentence(self, i: int) -> bool:
        """Tell whether the non-blank line before line index ``i`` ends a sentence (a title
        follows a paragraph's end; a line in capitals inside a sentence is no title)."""
        j = i - 1
        while j >= 0 and not self.lines[j][2].strip():
            j -= 1
        return j >= 0 and ends_sentence(self.lines[j][2].rstrip()[-TAIL:])


def scan(text: str, source_name: str,
         resolve: Callable[[str], str | None]) -> tuple[list[Heading], list[ReadWarning]]:
    """Find every heading line of ``text`` in order, and the heading-like lines not read."""
    return _Scanner(text, source_name, resolve).run()
