"""Read a TIP report text into narratives and sections with exact source offsets.

A report is a run of country narratives, each opened by a heading line that names the
country and its tier, and cut into sections by heading lines of their own::

    JAMAICA: TIER 2                        <- narrative heading (2017 form)
    The Government of Jamaica ...          <- intro (no heading)
    RECOMMENDATIONS FOR JAMAICA            <- recommendations
    PROSECUTION / PROTECTION / PREVENTION
    TRAFFICKING PROFILE

Later reports write ``NIGERIA: Tier 2 Watch List`` or ``NIGERIA (Tier 2)``, and
``PRIORITIZED RECOMMENDATIONS:`` with the recommendations on the same line; both eras are
read. A file cut out of a report may begin with the tail of the previous narrative; that
fragment is kept as a *partial* narrative when its country can be guessed.

The reader finds structure only: sections carry their repaired text
(:func:`tipgraph.extract.repair.repair`), and sentences are added later by
:func:`tipgraph.extract.sentences.segment_report`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tipgraph.core.errors import ExtractionError
from tipgraph.extract.records import Narrative, Report, Section
from tipgraph.extract.repair import repair
from tipgraph.extract.year import infer_year

__all__ = [
    "classify_fragment",
    "match_narrative_heading",
    "match_section_heading",
    "read_report",
]

_MARKERS = "*‡†"
_TIER = r"tier[ \t]*[123](?:[ \t]*watch[ \t-]*list)?|special[ \t]+cases?"
_NARRATIVE = re.compile(
    rf"(?P<country>[^\W\d_][^:\n()]*?)[ \t{_MARKERS}]*"
    rf"(?::[ \t]*(?P<tier>{_TIER})|\([ \t]*(?P<ptier>{_TIER})[ \t]*\))"
    rf"[ \t{_MARKERS}]*",
    re.IGNORECASE,
)
_COUNTRY_MAX = 80

_SECTION = re.compile(
    r"(?P<head>(?:prioritized[ \t]+)?recommendations(?:[ \t]+for[ \t]+(?P<country>[^:;\n]+?))?"
    r"|prosecution|protection|prevention|trafficking[ \t]+profile)"
    r"[ \t]*(?:(?P<colon>:)[ \t]*(?P<rest>.*))?",
    re.IGNORECASE,
)
# Heading lines are short; longer lines are prose, and are not given to the regexes at all
# (which also keeps their backtracking bounded).
_HEADING_MAX = 160

# Cues of a trafficking profile ("who is exploited where") and of the government-effort
# sections ("what the government did"), for a fragment whose heading is not in the text.
_PROFILE_CUES = (
    "subjected to",
    "trafficking victims from",
    "victims from",
    "traffickers exploit",
    "traffickers recruit",
    "traffickers lure",
    "are exploited",
    "are forced",
    "forced to work",
    "source country",
    "transit country",
    "destination country",
    "debt bondage",
    "child sex tourism",
    "vulnerable to",
    "at risk of",
)
_EFFORT_CUES = (
    "the government",
    "authorities",
    "prosecut",
    "convict",
    "investigat",
    "shelter",
    "funding",
    "allocated",
    "trained",
    "minimum standards",
    "action plan",
)


@dataclass(frozen=True, slots=True)
class _Heading:
    """A heading line found in the text, as the reader uses it."""

    line: int
    start: int
    end: int
    body_start: int
    text: str
    kind: str
    tier: str | None = None


def _tier_notation(tier: str) -> str:
    """Map a heading's tier words ("TIER 2 WATCH LIST", "Special Case") to ``TIERS``."""
    words = re.sub(r"[^a-z0-9]", "", tier.lower())
    if words.startswith("special"):
        return "special"
    return words[4] + ("WL" if words.endswith("watchlist") else "")


def match_narrative_heading(line: str) -> tuple[str, str] | None:
    """Tell whether a line is a narrative heading, and read it.

    The country part must be written in capitals (as every report does), so that prose which
    happens to mention a tier ("Rank: Tier 2") is not taken for a heading; the tier part may
    be in any case. Trailing ``*``, ``‡`` or ``†`` markers are allowed.

    Args:
        line: one line of the text, without its newline.

    Returns:
        ``(country, tier)`` with the country as written and the tier in ``TIERS``
        notation, or None.

    Example:
        >>> match_narrative_heading("KOREA, REPUBLIC OF: TIER 1")
        ('KOREA, REPUBLIC OF', '1')
        >>> match_narrative_heading("NIGERIA (Tier 2 Watchlist)*")
        ('NIGERIA', '2WL')
        >>> match_narrative_heading("Nigeria: Tier 2") is None
        True
    """
    content = line.strip()
    if len(content) > _HEADING_MAX:
        return None
    m = _NARRATIVE.fullmatch(content)
    if m is None:
        return None
    country = m.group("country").strip()
    if len(country) > _COUNTRY_MAX or country != country.upper():
        return None
    return country, _tier_notation(m.group("tier") or m.group("ptier"))


def match_section_heading(line: str) -> tuple[str, str, int] | None:
    """Tell whether a line is a section heading, and read it.

    Headings are lines of their own, matched case-insensitively with an optional trailing
    colon; ``RECOMMENDATIONS FOR <country>`` takes any country name not ending with a period
    (so a sentence is not taken for one). A heading written in capitals may also carry its
    section's first words after the colon (``PRIORITIZED RECOMMENDATIONS: Increase efforts
    ...``, as later reports do).

    Args:
        line: one line of the text, without its newline.

    Returns:
        ``(kind, heading, body_offset)``: the section kind, the heading as written, and the
        offset in ``line`` where the body starts (``len(line)`` when it starts on the next
        line); or None.

    Example:
        >>> match_section_heading("RECOMMENDATIONS FOR THE REPUBLIC OF KOREA")
        ('recommendations', 'RECOMMENDATIONS FOR THE REPUBLIC OF KOREA', 41)
        >>> match_section_heading("PRIORITIZED RECOMMENDATIONS: Increase efforts.")
        ('recommendations', 'PRIORITIZED RECOMMENDATIONS:', 29)
        >>> match_section_heading("Protection of victims.") is None
        True
    """
    lead = len(line) - len(line.lstrip())
    content = line.strip()
    if len(content.split(":", 1)[0]) > _HEADING_MAX:
        return None
    m = _SECTION.fullmatch(content)
    if m is None or (m.group("country") or "").rstrip().endswith("."):
        return None
    head = m.group("head")
    lowered = head.lower()
    kind = (
        "recommendations"
        if "recommendations" in lowered
        else "profile"
        if "profile" in lowered
        else lowered
    )
    end = m.end("colon") if m.group("colon") else m.end("head")
    heading = content[m.start("head") : end]
    if m.group("rest"):
        if head != head.upper():
            return None
        return kind, heading, lead + m.start("rest")
    return kind, heading, len(line)


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
    profile = sum(lowered.count(cue) for cue in _PROFILE_CUES)
    effort = sum(lowered.count(cue) for cue in _EFFORT_CUES)
    return "profile" if profile >= 2 and profile > effort else "intro"


def _scan(text: str) -> list[_Heading]:
    """Find every narrative and section heading line of ``text``, in order."""
    found: list[_Heading] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line_end = offset + len(line)
        if line.strip():
            narrative = match_narrative_heading(line)
            if narrative is not None:
                country, tier = narrative
                found.append(
                    _Heading(number, offset, line_end, line_end, country, "narrative", tier)
                )
            else:
                section = match_section_heading(line)
                if section is not None:
                    kind, heading, body = section
                    found.append(_Heading(number, offset, line_end, offset + body, heading, kind))
        offset = line_end + 1
    return found


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


def _sections(
    text: str, start: int, end: int, headings: list[_Heading], first_kind: str
) -> list[Section]:
    """Cut ``text[start:end]`` into sections at the given section headings.

    The text before the first heading is a section of ``first_kind`` without a heading.
    """
    sections: list[Section] = []
    bounds = [*(h.start for h in headings), end]
    lead = _section(text, first_kind, None, start, bounds[0])
    if lead is not None:
        sections.append(lead)
    for heading, body_end in zip(headings, bounds[1:], strict=True):
        section = _section(text, heading.kind, heading.text, heading.body_start, body_end)
        if section is not None:
            sections.append(section)
    return sections


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

    Narratives are found by their heading lines (see :func:`match_narrative_heading`) and
    cut into sections at section heading lines (see :func:`match_section_heading`); the text
    between a narrative heading and its first section heading is its ``intro``. Sections with
    an empty body are dropped. Text before the first narrative heading is the tail of a
    narrative whose heading is not in the file: it becomes a ``partial`` narrative with no
    tier when ``guess_country`` can attribute it, and is dropped otherwise (a fragment naming
    no country cannot be given an ISO code, and every narrative needs one). Its headless
    first part is classified by :func:`classify_fragment`.

    Args:
        text: the report text as read from the file; all offsets index it.
        source_name: the file's name, kept on the report for provenance.
        sha256: the file's checksum, kept as given.
        year: the report year; inferred from the text (:func:`infer_year`) when None.
        resolve_country: maps a heading's country part (``"KOREA, REPUBLIC OF"``) to its
            ISO alpha-3 code, or None when it is not a known country.
        guess_country: maps a fragment's text to ``(iso3, display_name)`` of the country
            it is about, or None.

    Returns:
        The report, narratives in file order, sections without sentences yet.

    Raises:
        ExtractionError: E204 when the text is empty or blank; E201 when it has no narrative
            heading; E202 when a heading's country is not known (the message gives the
            heading and its line); E203 when ``year`` is None and the text gives none.

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
    headings = _scan(text)
    opening = [h for h in headings if h.kind == "narrative"]
    if not opening:
        raise ExtractionError(
            f"no narrative heading found in {source_name}: expected a line such as "
            "'JAMAICA: TIER 2' or 'NIGERIA: Tier 2 Watch List' opening each country narrative",
            code="E201",
        )
    iso3s: list[str] = []
    for heading in opening:
        iso3 = resolve_country(heading.text)
        if iso3 is None:
            raise ExtractionError(
                f"{source_name}, line {heading.line}: the narrative heading "
                f"{text[heading.start : heading.end].strip()!r} names a country tipgraph "
                f"does not know ({heading.text!r}); add the name to the gazetteer",
                code="E202",
            )
        iso3s.append(iso3)

    narratives: list[Narrative] = []
    first = opening[0].start
    fragment_start, fragment_end = _strip_span(text, 0, first)
    if fragment_start < fragment_end:
        guess = guess_country(text[fragment_start:fragment_end])
        if guess is not None:
            iso3, name = guess
            lead = [h for h in headings if h.start < first]
            kind = classify_fragment(text[fragment_start : lead[0].start if lead else first])
            narratives.append(
                Narrative(
                    name, iso3, None, True, fragment_start, fragment_end,
                    _sections(text, fragment_start, fragment_end, lead, kind),
                )
            )  # fmt: skip

    groups: list[list[_Heading]] = []
    for h in headings:
        if h.kind == "narrative":
            groups.append([])
        elif groups:
            groups[-1].append(h)
    for i, (heading, iso3, inner) in enumerate(zip(opening, iso3s, groups, strict=True)):
        region_end = opening[i + 1].start if i + 1 < len(opening) else len(text)
        start, end = _strip_span(text, heading.start, region_end)
        narratives.append(
            Narrative(
                heading.text, iso3, heading.tier, False, start, end,
                _sections(text, heading.body_start, region_end, inner, "intro"),
            )
        )  # fmt: skip

    year_inferred = year is None
    if year is None:
        year = infer_year(text)
        if year is None:
            raise ExtractionError(
                f"cannot tell which year's report {source_name} is: it has no title and no "
                "dated statistics; pass the year with --year",
                code="E203",
            )
    return Report(source_name, sha256, year, year_inferred, text, narratives)
