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
and the appendices are no part of the last narrative. A front chapter's title after the last
narrative is an appendix's; a title in capitals the list does not know, after a narrative's
last sentence, ends the narrative too and is reported (``E214``).

Nothing is merged silently: a line that looks like a narrative heading but names no known
country, or has a tier that cannot be read, ends the narrative before it and is reported
as a warning on the report (its text is not read); a section heading that appears twice
in one narrative is refused (``E209``).

The reader finds structure only: sections carry their repaired text
(:func:`tipgraph.extract.repair.repair`), and sentences are added later by
:func:`tipgraph.extract.sentences.segment_report`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import replace

from tipgraph.core.errors import ExtractionError
from tipgraph.extract.headings import (
    match_narrative_heading,
    match_section_heading,
)
from tipgraph.extract.reader_scan import BOUNDARIES, TAIL, Heading, scan
from tipgraph.extract.records import Aside, Narrative, ReadWarning, Report, Section
from tipgraph.extract.repair import ends_sentence, paragraph_spans, repair, starts_list_item
from tipgraph.extract.section_cues import load_fragment_cues, paragraph_kind
from tipgraph.extract.year import infer_report_year

__all__ = [
    "classify_fragment",
    "match_narrative_heading",
    "match_section_heading",
    "read_report",
    "report_year",
]


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
        real = first or ends_sentence(text[max(previous_end - TAIL, 0) : previous_end]) \
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
    text: str, start: int, end: int, headings: list[Heading], first_kind: str
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


def _check_repeats(source_name: str, country: str, headings: list[Heading]) -> None:
    """Refuse a narrative in which one section heading appears twice (E209)."""
    first: dict[str, Heading] = {}
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
    text: str, source_name: str, heading: Heading, end: int, warnings: list[ReadWarning]
) -> None:
    """Report prose under a tier line that opens no narrative (E212): it is not read, and a
    tier line inside a narrative would otherwise cut it short without a word."""
    spans = [(a, b) for a, b in paragraph_spans(text, heading.body_start, end)
             if ends_sentence(text[max(b - TAIL, a) : b])]
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


def _front_end(headings: list[Heading]) -> int:
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


def _late_fronts_as_back(headings: list[Heading], last_narrative: int) -> list[Heading]:
    """A front-matter title after the last narrative heading is back matter: some years
    print a chapter of the front ("TIP REPORT HEROES") after the narratives, and as a
    front title there it would be read into the last narrative as a section of its own."""
    return [replace(h, kind="back") if h.kind == "front" and h.start > last_narrative else h
            for h in headings]


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
        whole report's front matter, ``E214`` a title in capitals that ends a narrative),
        each with its line; the front and back matter of a
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
    headings, warnings, opening = _openings(text, source_name, resolve_country)
    headings = _late_fronts_as_back(headings, opening[-1].start)
    set_aside: list[Aside] = []
    front_end = _front_end(headings)
    if front_end:
        headings = _drop_front_matter(text, source_name, headings, front_end, warnings,
                                      set_aside)
    boundaries = [h for h in headings if h.kind in BOUNDARIES]
    narratives = _leading_fragment(text, source_name, headings, opening, front_end,
                                   boundaries[0].start, guess_country, warnings)
    narratives += _headed_narratives(text, source_name, headings, boundaries, opening,
                                     warnings, set_aside)
    year_inferred = year is None
    year, year_source = _report_year(text, source_name, year)
    return Report(source_name, sha256, year, year_inferred, text, narratives, warnings,
                  year_source, set_aside=set_aside)


def report_year(text: str, *, source_name: str, year: int | None,
                resolve_country: Callable[[str], str | None]) -> int:
    """The year :func:`read_report` gives ``text``, without cutting it into narratives.

    An archive build learns the year of every input before it builds any (two inputs of
    one year are refused first); this finds the headings and the year as ``read_report``
    does and raises its errors for a text with no narrative or no year, but skips the
    sections and their repair, two thirds of reading a 2 MB report.

    Raises:
        ExtractionError: as ``read_report``: E204, E201, E202, E203.
    """
    _openings(text, source_name, resolve_country)
    return _report_year(text, source_name, year)[0]


def _openings(text: str, source_name: str, resolve_country: Callable[[str], str | None],
              ) -> tuple[list[Heading], list[ReadWarning], list[Heading]]:
    """The text's headings, the reader's warnings and the narrative headings among them.

    Raises:
        ExtractionError: E204 for an empty text, E201/E202 when no heading opens a narrative.
    """
    if not text.strip():
        raise ExtractionError(
            f"{source_name} is empty: there is no report text to read", code="E204"
        )
    headings, warnings = scan(text, source_name, resolve_country)
    opening = [h for h in headings if h.kind == "narrative"]
    if not opening:
        raise _no_narrative(source_name, warnings)
    return headings, warnings, opening


def _no_narrative(source_name: str, warnings: list[ReadWarning]) -> ExtractionError:
    """E202 when heading lines name only unknown countries, E201 when there are none."""
    unread = [w for w in warnings if w.code == "E207"]
    if unread:
        return ExtractionError(unread[0].message.replace(
            "; the text under it is not read", ""), code="E202")
    return ExtractionError(
        f"no narrative heading found in {source_name}: expected a line such as "
        "'JAMAICA: TIER 2', 'Haiti (Tier 2)' or 'NIGERIA: Tier 2 Watch List' opening "
        "each country narrative",
        code="E201",
    )


def _drop_front_matter(text: str, source_name: str, headings: list[Heading], front_end: int,
                       warnings: list[ReadWarning], set_aside: list[Aside]) -> list[Heading]:
    """Set a whole report's front matter aside; a narrative heading in it is ``E213``."""
    for h in headings:
        if h.kind == "narrative" and not h.bare and h.start < front_end:
            warnings.append(ReadWarning(
                "E213", h.line,
                f"{source_name}, line {h.line}: the narrative heading {h.text!r} is in the "
                "report's front matter (before the narratives that follow its last "
                "chapter title) and is not read; move it after the front matter"))
    set_aside.extend(_set_aside(text, 0, front_end, "front matter"))
    warnings.sort(key=lambda w: w.line)
    return [h for h in headings if h.start >= front_end]


def _leading_fragment(text: str, source_name: str, headings: list[Heading],
                      opening: list[Heading], front_end: int, first: int,
                      guess_country: Callable[[str], tuple[str, str] | None],
                      warnings: list[ReadWarning]) -> list[Narrative]:
    """The partial narrative before the first heading, when it is prose about trafficking
    and about a country whose narrative is not in the file (else ``E210`` or nothing)."""
    fragment_start, fragment_end = _strip_span(text, front_end, first)
    prose = any(ends_sentence(text[max(b - TAIL, a) : b])
                for a, b in paragraph_spans(text, fragment_start, fragment_end)) \
        and _about_trafficking(text[fragment_start:fragment_end])
    if not prose:
        return []
    guess = guess_country(text[fragment_start:fragment_end])
    if guess is None:
        return []
    if guess[0] in {h.iso3 for h in opening}:
        line = _end_line(text, fragment_start)
        warnings.insert(0, ReadWarning(
            "E210", line,
            f"{source_name}, line {line}: the text before the first narrative heading is "
            f"about {guess[1]}, whose narrative follows; it is not read as a fragment of "
            "another narrative"))
        return []
    iso3, name = guess
    lead = [h for h in headings if h.start < first]
    _check_repeats(source_name, name, lead)
    kind = classify_fragment(text[fragment_start : lead[0].start if lead else first])
    return [Narrative(name, iso3, None, True, fragment_start, fragment_end,
                      _sections(text, fragment_start, fragment_end, lead, kind))]


def _headed_narratives(text: str, source_name: str, headings: list[Heading],
                       boundaries: list[Heading], opening: list[Heading],
                       warnings: list[ReadWarning], set_aside: list[Aside]) -> list[Narrative]:
    """One narrative per narrative heading, up to the next boundary; appendices set aside.

    Raises:
        ExtractionError: E211 when two headings name one country.
    """
    narratives: list[Narrative] = []
    first_of: dict[str, Heading] = {}
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
        narratives.append(Narrative(
            heading.text, heading.iso3, heading.tier, False, start, end,
            _sections(text, heading.body_start, region_end, inner, "intro")))
    return narratives


def _report_year(text: str, source_name: str, year: int | None) -> tuple[int, str]:
    """The year given, or inferred with where from.

    Raises:
        ExtractionError: E203 when nothing tells the year (or the evidence disagrees).
    """
    if year is not None:
        return year, "given"
    evidence = infer_report_year(text, source_name)
    if evidence.year is None:
        raise ExtractionError(
            f"cannot tell which year's report {source_name} is: {evidence.problem}; "
            "pass the year with --year",
            code="E203",
        )
    return evidence.year, evidence.source
