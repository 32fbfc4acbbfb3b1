"""Read a TIP report text into narratives and sections with exact source offsets.

A report is a run of country narratives, each opened by a heading line that names the
country and its tier (every form of :mod:`tipgraph.extract.headings`: ``JAMAICA: TIER 2``,
``Haiti (Tier 2)``, ``LIBYA: Special Case``...), cut into sections by heading lines of their
own or, where a heading is missing, by what a paragraph's first words say
(:mod:`tipgraph.extract.section_cues`). The layouts of all eras are read::

    2001-2016                         2017-2019                   2020-2025
    HAITI (Tier 2)                    JAMAICA: TIER 2             CHAD: Tier 2 Watch List
    Haiti is a source ... (profile)   The Government ... (intro)  The Government ... (intro)
    The Government of Haiti ...       RECOMMENDATIONS FOR JAMAICA PRIORITIZED RECOMMENDATIONS:
    Recommendations for Haiti: ...    PROSECUTION ...             PROSECUTION ...
    Prosecution / Protection / ...    TRAFFICKING PROFILE         TRAFFICKING PROFILE

The 2001-2003 reports group the narratives in tier chapters ("TIER 2", "Tier 3
Countries"), where a line holding only a country's name opens its narrative; elsewhere such
a line does only when the next paragraph starts "<Country> is ...". A tier line directly
followed by such an opening opens that country's narrative (web pages that print the
country only in their title). A file cut out of a
report may begin with the tail of the previous narrative; that fragment is kept as a
*partial* narrative when its country can be guessed.

A whole report also has chapters that are no narrative's (:mod:`tipgraph.extract.report_parts`
knows their titles): what precedes the first narrative after the last front-matter title
(letters, introduction, tier placement list, the example narrative of "How to Read a Country
Narrative") and each appendix after the narratives are set aside, paragraph by paragraph, on
``Report.set_aside``, so that an introduction naming many countries is no partial narrative
and the appendices are no part of the last narrative.

Nothing is merged silently: a line that looks like a narrative heading but names no known
country, or has a tier that cannot be read, ends the narrative before it and is reported
as a warning on the report (its text is not read); a section heading that appears twice
in one narrative is refused (``E209``).

The reader finds structure only: sections carry their repaired text
(:func:`tipgraph.extract.repair.repair`), and sentences are added later by
:func:`tipgraph.extract.sentences.segment_report`.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass

from tipgraph.core.errors import ExtractionError
from tipgraph.extract.headings import (
    match_chapter_heading,
    match_narrative_heading,
    match_section_heading,
    name_like,
    odd_narrative_heading,
)
from tipgraph.extract.records import Aside, Narrative, ReadWarning, Report, Section
from tipgraph.extract.repair import ends_sentence, paragraph_spans, repair, starts_list_item
from tipgraph.extract.report_parts import example_country, match_report_part, table_row
from tipgraph.extract.section_cues import load_fragment_cues, paragraph_kind
from tipgraph.extract.year import infer_report_year

__all__ = [
    "classify_fragment",
    "match_narrative_heading",
    "match_section_heading",
    "read_report",
]

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
_TAIL = 8
# How many rows of countries with ratification marks in a row make an appendix's table.
_TABLE_ROWS = 3

@dataclass(frozen=True, slots=True)
class _Heading:
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


_BOUNDARIES = frozenset(("narrative", "chapter", "unread", "back"))


def classify_fragment(text: str) -> str:
    """Guess the kind of a section whose heading is not in the text.

    A file cut out of a report may start inside a narrative, most often inside its trafficking
    profile, the last section. The guess is a keyword score: each occurrence of a profile cue
    ("subjected to", "victims from", "traffickers exploit", "debt bondage", ...) counts one
    for ``profile``, each occurrence of a government-effort cue ("the government",
    "prosecut", "shelter", "allocated", ...) one against it.

    Args:
        text: the fragment's text.

    Returns:
        ``"profile"`` when at least two profile cues occur and they outnumber the effort
        cues, else ``"intro"``.

    Example:
        >>> classify_fragment("Women are subjected to sex trafficking; victims from Nepal ...")
        'profile'
        >>> classify_fragment("The government increased efforts to prosecute traffickers.")
        'intro'
    """
    lowered = text.lower()
    profile_cues, effort_cues = load_fragment_cues()
    profile = sum(lowered.count(cue) for cue in profile_cues)
    effort = sum(lowered.count(cue) for cue in effort_cues)
    return "profile" if profile >= 2 and profile > effort else "intro"




def _about_trafficking(text: str) -> bool:
    """Tell whether text reads like a narrative (two cues of :func:`classify_fragment`), not
    like the title page or page chrome of a web copy ("Publisher: United States Department
    of State", "Disclaimer: ...")."""
    lowered = text.lower()
    profile_cues, effort_cues = load_fragment_cues()
    return sum(lowered.count(cue) for cue in (*profile_cues, *effort_cues)) >= 2


def _lines(text: str) -> list[tuple[int, int, str]]:
    """Every line of ``text`` as ``(number, offset, line)``, numbered from 1."""
    out: list[tuple[int, int, str]] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        out.append((number, offset, line))
        offset += len(line) + 1
    return out


def _next_line(lines: list[tuple[int, int, str]], i: int) -> int:
    """The index of the first non-blank line after line index ``i``, or ``len(lines)``."""
    j = i + 1
    while j < len(lines) and not lines[j][2].strip():
        j += 1
    return j


def _next_paragraph(lines: list[tuple[int, int, str]], i: int) -> str:
    """The first non-blank line after line index ``i`` (stripped), or ``""``."""
    j = _next_line(lines, i)
    return lines[j][2].strip() if j < len(lines) else ""


def _is_name_line(line: str) -> bool:
    """Tell whether a line could hold nothing but a country's name."""
    content = line.strip()
    return bool(content) and len(content) <= _BARE_MAX and content[-1] not in ".;,:" \
        and name_like(content)


def _bare_heading(
    lines: list[tuple[int, int, str]],
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


def _table_starts(lines: list[tuple[int, int, str]], i: int) -> bool:
    """Tell whether line index ``i`` and the non-blank lines after it are ``_TABLE_ROWS``
    rows of a table of countries (:func:`tipgraph.extract.report_parts.table_row`)."""
    for _ in range(_TABLE_ROWS - 1):
        i = _next_line(lines, i)
        if i >= len(lines) or not table_row(lines[i][2]):
            return False
    return True


def _prose_follows(lines: list[tuple[int, int, str]], i: int) -> bool:
    """Tell whether the paragraph after line index ``i`` is prose, not a heading or a name."""
    following = _next_paragraph(lines, i)
    return len(following) >= _PROSE_MIN or ends_sentence(following[-_TAIL:])


def _opened_by_tier_line(
    lines: list[tuple[int, int, str]], i: int, resolve: Callable[[str], str | None]
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


def _scan(
    text: str, source_name: str, resolve: Callable[[str], str | None]
) -> tuple[list[_Heading], list[ReadWarning]]:
    """Find every heading line of ``text`` in order, and the heading-like lines not read."""
    found: list[_Heading] = []
    warnings: list[ReadWarning] = []
    lines = _lines(text)
    chapter: str | None = None
    skip = -1
    in_table = False
    for i, (number, offset, line) in enumerate(lines):
        if not line.strip() or i == skip:
            continue
        line_end = offset + len(line)
        if table_row(line):
            if not in_table and _table_starts(lines, i):
                # The conventions table of the appendices, its title lost in conversion
                # (under its title, it is in the back matter already).
                if next((h.kind for h in reversed(found) if h.kind in _BOUNDARIES),
                        None) != "back":
                    # From the table's first line: its column heads are in its paragraph.
                    k = i
                    while k > 0 and lines[k - 1][2].strip() and (
                            not found or lines[k - 1][1] > found[-1].start):
                        k -= 1
                    found.append(_Heading(lines[k][0], lines[k][1], line_end, line_end,
                                          line.strip(), "back"))
                chapter = None
                in_table = True
            if in_table:
                continue
        in_table = False
        part = match_report_part(line)
        if part is not None:
            # A chapter of the whole report that is no narrative: an appendix ends the
            # narrative before it, and the tier chapter it was in.
            found.append(_Heading(number, offset, line_end, line_end, line.strip(), part))
            chapter = None
            continue
        tier = match_chapter_heading(line)
        if tier is not None:
            chapter = tier
            opened = _opened_by_tier_line(lines, i, resolve)
            if opened is not None:
                found.append(_Heading(number, offset, line_end, line_end, opened[0],
                                      "narrative", tier, opened[1]))
            else:
                found.append(_Heading(number, offset, line_end, line_end, line.strip(),
                                      "chapter", tier))
            continue
        narrative = match_narrative_heading(line)
        odd = None if narrative is not None else odd_narrative_heading(line)
        if narrative is not None or odd is not None:
            name = narrative[0] if narrative is not None else str(odd)
            iso3 = resolve(name)
            if narrative is not None and iso3 is not None:
                found.append(_Heading(number, offset, line_end, line_end, name, "narrative",
                                      narrative[1], iso3))
                chapter = None
                continue
            if narrative is not None and example_country(name):
                found.append(_Heading(number, offset, line_end, line_end, line.strip(),
                                      "front"))
                continue
            if narrative is not None:
                code, why = "E207", f"names a country tipgraph does not know ({name!r}); add " \
                    "the name to the gazetteer (extract/gazetteer/countries.tsv, names column)"
            else:
                code, why = "E208", "has a tier tipgraph cannot read; write it as 'Tier 1', " \
                    "'Tier 2', 'Tier 2 Watch List', 'Tier 3' or 'Special Case'"
            warnings.append(ReadWarning(code, number, f"{source_name}, line {number}: "
                                        f"{line.strip()!r} looks like a narrative heading "
                                        f"but {why}; the text under it is not read"))
            found.append(_Heading(number, offset, line_end, line_end, name, "unread"))
            continue
        section = match_section_heading(line)
        if section is not None:
            kind, heading, body = section
            found.append(_Heading(number, offset, line_end, offset + body, heading, kind))
            continue
        iso3 = _bare_heading(lines, i, resolve, chapter is not None)
        if iso3 is not None:
            found.append(_Heading(number, offset, line_end, line_end, line.strip(), "narrative",
                                  chapter, iso3, bare=True))
            continue
        if not _is_name_line(line):
            continue
        j = _next_line(lines, i)
        tier = match_chapter_heading(lines[j][2]) if j < len(lines) else None
        if tier is not None and _prose_follows(lines, j) and (iso3 := resolve(line.strip())):
            # "Haiti" over "Tier 2": a heading an HTML page prints on two lines (in a tier
            # placement list, "Nepal" over "TIER 3" is followed by the next name instead).
            tier_end = lines[j][1] + len(lines[j][2])
            found.append(_Heading(number, offset, line_end, tier_end, line.strip(),
                                  "narrative", tier, iso3))
            skip = j
    return found, warnings


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` of ``text`` to its first and last non-space characters."""
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    if lead == len(chunk):
        return start, start
    return start + lead, end - (len(chunk) - len(chunk.rstrip()))


def _section(text: str, kind: str, heading: str | None, start: int, end: int) -> Section | None:
    """Build a Section over the body ``text[start:end]``, or None when the body is empty."""
    start, end = _strip_span(text, start, end)
    if start == end:
        return None
    clean, clean_map = repair(text, start, end)
    return Section(kind, heading, start, end, clean, clean_map)


def _pieces(
    text: str, kind: str, start: int, end: int, taken: set[str], headless: bool
) -> list[tuple[str, int, int]]:
    """Cut one section body into ``(kind, start, end)`` pieces where a paragraph's opening
    words announce a section no heading of the narrative gives (:func:`paragraph_kind`).

    Only real paragraph breaks are cut at (the paragraph before ends a sentence or the next
    starts a list item: a page break inside a sentence is no section break), and only to a
    kind not in ``taken`` (the narrative's headings and the pieces so far), so a narrative
    never has two sections of one kind. A ``headless`` body (the text under the narrative
    heading) takes its first paragraph's kind, when it announces one.
    """
    pieces: list[tuple[str, int, int]] = []
    piece_kind, piece_start = kind, start
    previous_end = -1
    for par_start, par_end in paragraph_spans(text, start, end):
        first = previous_end < 0
        real = first or ends_sentence(text[max(previous_end - _TAIL, 0) : previous_end]) \
            or starts_list_item(text[par_start:par_end])
        cue = paragraph_kind(text[par_start:par_end]) if real and (headless or not first) \
            else None
        if cue is not None and cue != piece_kind and cue not in taken:
            if not first:
                pieces.append((piece_kind, piece_start, previous_end))
                taken.add(piece_kind)
            piece_kind, piece_start = cue, par_start
        previous_end = par_end
    pieces.append((piece_kind, piece_start, end))
    taken.add(piece_kind)
    return pieces


def _sections(
    text: str, start: int, end: int, headings: list[_Heading], first_kind: str
) -> list[Section]:
    """Cut ``text[start:end]`` into sections at the given section headings and cues.

    The text before the first heading is a section of ``first_kind`` (or of the kind its
    first paragraph announces) without a heading.
    """
    taken = {h.kind for h in headings}
    sections: list[Section] = []
    bounds = [*(h.start for h in headings), end]
    parts: list[tuple[str, str | None, int, int, bool]] = [
        (first_kind, None, start, bounds[0], True),
        *((h.kind, h.text, h.body_start, b, False)
          for h, b in zip(headings, bounds[1:], strict=True)),
    ]
    for kind, heading, body_start, body_end, headless in parts:
        if not headless:
            taken.discard(kind)
        for n, (piece, piece_start, piece_end) in enumerate(
            _pieces(text, kind, body_start, body_end, taken, headless)
        ):
            section = _section(text, piece, heading if n == 0 and not headless else None,
                               piece_start, piece_end)
            if section is not None and sections and sections[-1].kind == section.kind:
                # "Libya is a Special Case for the third consecutive year." over GOVERNMENT
                # EFFORTS (2017-2025): the opening and the one section are both the intro.
                sections[-1] = _joined(sections[-1], section)
            elif section is not None:
                sections.append(section)
    return sections


def _joined(first: Section, second: Section) -> Section:
    """One section of two consecutive ones of a kind, the heading line between them left out
    of its text; the paragraph break between them maps to the end of the first."""
    clean_map = array("q", first.clean_map[:-1])
    clean_map.extend((first.end, first.end))
    clean_map.extend(second.clean_map)
    return Section(first.kind, first.heading, first.start, second.end,
                   f"{first.clean}\n\n{second.clean}", clean_map)


def _check_repeats(source_name: str, country: str, headings: list[_Heading]) -> None:
    """Refuse a narrative in which one section heading appears twice (E209)."""
    first: dict[str, _Heading] = {}
    for h in headings:
        seen = first.setdefault(h.kind, h)
        if seen is not h:
            raise ExtractionError(
                f"{source_name}, line {h.line}: the section heading {h.text!r} appears a "
                f"second time in the narrative of {country} (first as {seen.text!r} on line "
                f"{seen.line}); a narrative has one section of each kind: remove the repeated "
                "heading or give the narrative heading that is missing before it",
                code="E209",
            )


def _check_chapter_text(
    text: str, source_name: str, heading: _Heading, end: int, warnings: list[ReadWarning]
) -> None:
    """Report prose under a tier line that opens no narrative (E212): it is not read, and a
    tier line inside a narrative would otherwise cut it short without a word."""
    spans = [(a, b) for a, b in paragraph_spans(text, heading.body_start, end)
             if ends_sentence(text[max(b - _TAIL, a) : b])]
    if not spans:
        return
    first, last = _end_line(text, spans[0][0]), _end_line(text, spans[-1][1])
    warnings.append(ReadWarning(
        "E212", first,
        f"{source_name}, lines {first}-{last}: the text under the tier line "
        f"{heading.text!r} (line {heading.line}) belongs to no narrative and is not read; "
        "put the narrative's heading line above it to read it"))


def _end_line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _front_end(headings: list[_Heading]) -> int:
    """Where the narratives of a whole report begin: the first narrative heading after the
    last front-matter title (0 when the text has none, as a file of narratives only).

    Only titles before the last narrative heading count, so a title-like line at the end of
    a file never makes its narratives front matter. Everything before is front matter: the
    letters, the introduction (which names many countries and would otherwise be taken for
    the tail of a narrative of the one it names most), the tier placement list, the example
    narrative of the "How to Read a Country Narrative" page.
    """
    narratives = [h.start for h in headings if h.kind == "narrative"]
    if not narratives:
        return 0
    fronts = [h.start for h in headings if h.kind == "front" and h.start < narratives[-1]]
    if not fronts:
        return 0
    return min(start for start in narratives if start > fronts[-1])


def _set_aside(text: str, start: int, end: int, kind: str) -> list[Aside]:
    """The paragraphs of ``text[start:end]`` as asides of ``kind``, so that the summary
    counts what was not read as narrative."""
    return [Aside(None, kind, text[a:b]) for a, b in paragraph_spans(text, start, end)
            if text[a:b].strip()]


def read_report(
    text: str,
    *,
    source_name: str,
    sha256: str,
    year: int | None,
    resolve_country: Callable[[str], str | None],
    guess_country: Callable[[str], tuple[str, str] | None],
) -> Report:
    """Read a TIP report text into its narratives and sections.

    Narratives are found by their heading lines (see :func:`match_narrative_heading`, and
    the bare names of tier chapters) and cut into sections at section heading lines (see
    :func:`match_section_heading`) and at paragraphs whose opening words announce a section
    no heading gives (:mod:`tipgraph.extract.section_cues`); the text between a narrative
    heading and its first section is its ``intro``, or its ``profile`` when it opens like
    one (2001-2016). Sections with an empty body are dropped. Text before the first heading
    is the tail of a narrative whose heading is not in the file: it becomes a ``partial``
    narrative with no tier when it has prose about trafficking (a paragraph ending a
    sentence, and two cues of :func:`classify_fragment`: not title lines or a web page's
    chrome) and ``guess_country`` can attribute it to a country that has no narrative in the
    file (else it is a title page: warning ``E210``), and is dropped otherwise (a fragment
    naming no country cannot be given an ISO code, and every narrative needs one). Its
    headless first part is classified by :func:`classify_fragment`.

    Args:
        text: the report text as read from the file; all offsets index it.
        source_name: the file's name, kept on the report for provenance; its year is the
            report's when the text has no title (``2009-tip-report.txt``).
        sha256: the file's checksum, kept as given.
        year: the report year; inferred when None
            (:func:`tipgraph.extract.year.infer_report_year`, which says from where).
        resolve_country: maps a heading's country part (``"KOREA, REPUBLIC OF"``) to its
            ISO alpha-3 code, or None when it is not a known country.
        guess_country: maps a fragment's text to ``(iso3, display_name)`` of the country
            it is about, or None.

    Returns:
        The report, narratives in file order, sections without sentences yet; heading-like
        lines that could not be read are in ``report.warnings`` (``E207`` unknown country,
        ``E208`` unreadable tier, ``E210`` a title page about a country read later, ``E212``
        prose under a tier line that opens no narrative, ``E213`` a narrative heading in a
        whole report's front matter), each with its line; the front and back matter of a
        whole report, not read, in ``report.set_aside``.

    Raises:
        ExtractionError: E204 when the text is empty or blank; E201 when it has no narrative
            heading; E202 when it has heading lines but none names a known country; E209
            when a section heading appears twice in one narrative; E211 when two headings
            name one country; E203 when ``year`` is
            None and nothing tells the year (or the evidence disagrees).

    Example:
        >>> text = "JAMAICA: TIER 2\\n\\nIt acted in 2016.\\n\\nPROSECUTION\\n\\nIt did."
        >>> report = read_report(text, source_name="x.txt", sha256="0", year=None,
        ...                      resolve_country={"JAMAICA": "JAM"}.get,
        ...                      guess_country=lambda fragment: None)
        >>> report.year, [(s.kind, s.clean) for s in report.narratives[0].sections]
        (2017, [('intro', 'It acted in 2016.'), ('prosecution', 'It did.')])
    """
    if not text.strip():
        raise ExtractionError(
            f"{source_name} is empty: there is no report text to read", code="E204"
        )
    headings, warnings = _scan(text, source_name, resolve_country)
    opening = [h for h in headings if h.kind == "narrative"]
    if not opening:
        unread = [w for w in warnings if w.code == "E207"]
        if unread:
            raise ExtractionError(unread[0].message.replace(
                "; the text under it is not read", ""), code="E202")
        raise ExtractionError(
            f"no narrative heading found in {source_name}: expected a line such as "
            "'JAMAICA: TIER 2', 'Haiti (Tier 2)' or 'NIGERIA: Tier 2 Watch List' opening "
            "each country narrative",
            code="E201",
        )

    narratives: list[Narrative] = []
    set_aside: list[Aside] = []
    front_end = _front_end(headings)
    if front_end:
        for h in headings:
            if h.kind == "narrative" and not h.bare and h.start < front_end:
                warnings.append(ReadWarning(
                    "E213", h.line,
                    f"{source_name}, line {h.line}: the narrative heading {h.text!r} is in the "
                    "report's front matter (before the narratives that follow its last "
                    "chapter title) and is not read; move it after the front matter"))
        set_aside.extend(_set_aside(text, 0, front_end, "front matter"))
        headings = [h for h in headings if h.start >= front_end]
        warnings.sort(key=lambda w: w.line)
    boundaries = [h for h in headings if h.kind in _BOUNDARIES]
    first = boundaries[0].start
    fragment_start, fragment_end = _strip_span(text, front_end, first)
    prose = any(ends_sentence(text[max(b - _TAIL, a) : b])
                for a, b in paragraph_spans(text, fragment_start, fragment_end)) \
        and _about_trafficking(text[fragment_start:fragment_end])
    if prose:
        guess = guess_country(text[fragment_start:fragment_end])
        if guess is not None and guess[0] in {h.iso3 for h in opening}:
            warnings.insert(0, ReadWarning(
                "E210", _end_line(text, fragment_start),
                f"{source_name}, line {_end_line(text, fragment_start)}: the text before the "
                f"first narrative heading is about {guess[1]}, whose narrative follows; it is "
                "not read as a fragment of another narrative"))
            guess = None
        if guess is not None:
            iso3, name = guess
            lead = [h for h in headings if h.start < first]
            _check_repeats(source_name, name, lead)
            kind = classify_fragment(text[fragment_start : lead[0].start if lead else first])
            narratives.append(
                Narrative(
                    name, iso3, None, True, fragment_start, fragment_end,
                    _sections(text, fragment_start, fragment_end, lead, kind),
                )
            )  # fmt: skip

    first_of: dict[str, _Heading] = {}
    for i, heading in enumerate(boundaries):
        region_end = boundaries[i + 1].start if i + 1 < len(boundaries) else len(text)
        if heading.kind == "chapter" and heading.start > opening[0].start:
            # Under a tier line before any narrative is the report's front matter (tier
            # tables and their explanations), never read; after one, it may be a narrative's.
            _check_chapter_text(text, source_name, heading, region_end, warnings)
        if heading.kind == "back":
            # An appendix: it ends the narrative before it and is no narrative's.
            set_aside.extend(_set_aside(text, heading.start, region_end, "back matter"))
            continue
        if heading.kind != "narrative" or heading.iso3 is None:
            continue
        earlier = first_of.setdefault(heading.iso3, heading)
        if earlier is not heading:
            raise ExtractionError(
                f"{source_name}, line {heading.line}: the heading {heading.text!r} opens a "
                f"second narrative of {heading.iso3} (the first is {earlier.text!r} on line "
                f"{earlier.line}); give each narrative once, or correct the heading",
                code="E211",
            )
        inner = [h for h in headings if heading.start < h.start < region_end]
        _check_repeats(source_name, heading.text, inner)
        start, end = _strip_span(text, heading.start, region_end)
        narratives.append(
            Narrative(
                heading.text, heading.iso3, heading.tier, False, start, end,
                _sections(text, heading.body_start, region_end, inner, "intro"),
            )
        )  # fmt: skip

    year_inferred = year is None
    year_source = "given"
    if year is None:
        evidence = infer_report_year(text, source_name)
        if evidence.year is None:
            raise ExtractionError(
                f"cannot tell which year's report {source_name} is: {evidence.problem}; "
                "pass the year with --year",
                code="E203",
            )
        year, year_source = evidence.year, evidence.source
    return Report(source_name, sha256, year, year_inferred, text, narratives, warnings,
                  year_source, set_aside=set_aside)
