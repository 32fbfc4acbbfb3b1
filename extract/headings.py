"""Recognise the heading lines of a TIP report: narratives, tier chapters and sections.

Every year of the report and every web copy of it prints the same headings differently::

    JAMAICA: TIER 2            HAITI (Tier 2)           Zambia (Tier 2 Watch List)
    LIBYA: Special Case        SOMALIA (Special Case)   MALI: TIER 2
    TIER 2 COUNTRIES           (a tier chapter of the 2001-2003 reports)
    RECOMMENDATIONS FOR X      Recommendations for X: Increase ...   PRIORITIZED RECOMMENDATIONS:
    PROSECUTION                Prosecution: The government ...       Trafficking Profile

This module only tells what a single line looks like; which country a name denotes, and
whether a bare country name opens a narrative, is the reader's business
(:mod:`tipgraph.extract.reader`), which has the gazetteer and the lines around it.
"""

from __future__ import annotations

import re

__all__ = [
    "match_chapter_heading",
    "match_narrative_heading",
    "match_section_heading",
    "name_like",
    "odd_narrative_heading",
]

_MARKERS = "*‡†"
_TIER = r"tier[ \t]*[123](?:[ \t]*watch[ \t-]*list)?|special[ \t]+cases?"
# Reposting sites label the tier ("Nigeria Tier ranking: TIER 2", with the typo "rankig"
# in the 2019 copy) and date the copy after it ("(TIP 2019)"), or follow the heading with
# their credit line ("THE PHILIPPINES (Tier 1) Extracted in part from the U.S. State Dept
# 2023 TIP Report"). Only a label naming the tier, a bracketed year and a credit line that
# names the report are allowed, so prose after a tier still is no heading.
_TIER_LABEL = r"[ \t]+tier[ \t]+(?:rank\w*|placement|rating|status)"
_COPY_NOTE = (r"[ \t]*\((?:tip[ \t]+)?(?:19|20)\d\d(?:[ \t]+tip(?:[ \t]+report)?)?\)"
              r"|[ \t]+(?:extracted|excerpted|adapted|reproduced|taken)\b[^\n]*?"
              r"\b(?:tip|trafficking[ \t]+in[ \t]+persons)[ \t]+report\b[^\n]*")
_NARRATIVE = re.compile(
    rf"(?P<country>[^\W\d_][^:\n()]*?)(?:{_TIER_LABEL})?[ \t{_MARKERS}]*"
    rf"(?:(?::|[ \t]+[-–—])[ \t]*(?P<tier>{_TIER})|\([ \t]*(?P<ptier>{_TIER})[ \t]*\))"
    rf"[ \t{_MARKERS}]*(?:{_COPY_NOTE})?",
    re.IGNORECASE,
)
# What a narrative heading with a tier the reader cannot read looks like: a name, then a
# colon or an opening bracket, then "Tier ..." or "Special ..." ("JAMAICA: TIER 4",
# "Haiti (Tier Two)"). Such a line is reported, never read as prose of the narrative before.
_ODD_NARRATIVE = re.compile(
    rf"(?P<country>[^\W\d_][^:\n()]*?)[ \t{_MARKERS}]*(?::|\(|[ \t]+[-–—])[ \t]*"
    rf"(?:tier|special)\b[^\n]*",
    re.IGNORECASE,
)
# The 2017-2019 reports head a special case's narrative with the tier first: "SPECIAL CASE:
# LIBYA" (web copies: "Special Case (Libya)").
_SPECIAL_FIRST = re.compile(
    rf"special[ \t]+case[ \t{_MARKERS}]*(?::[ \t]*(?P<country>[^\W\d_][^:\n()]*?)"
    rf"|\([ \t]*(?P<pcountry>[^\W\d_][^:\n()]*?)[ \t]*\))[ \t{_MARKERS}]*",
    re.IGNORECASE,
)
_COUNTRY_MAX = 80
_ODD_MAX = 60

# A tier chapter of the early reports: "TIER 1", "Tier 2 Countries", "TIER 2 WATCH LIST:",
# "SPECIAL CASES", "IV. Country Narratives - Tier 2"; also the tier line of a web page that
# prints the country only in its title.
_CHAPTER = re.compile(
    rf"(?:(?:[IVX]+\.[ \t]*)?country[ \t]+narratives[ \t]*[-–—:][ \t]*)?"
    rf"(?P<tier>{_TIER})(?:[ \t]+countries)?[ \t]*:?",
    re.IGNORECASE,
)

_SECTION = re.compile(
    r"(?P<head>(?:prioritized[ \t]+)?recommendations(?:[ \t]+for[ \t]+(?P<country>[^:;\n]+?))?"
    r"|prosecution|protection|prevention|trafficking[ \t]+profile|government[ \t]+efforts)"
    r"[ \t]*(?:(?P<colon>:)[ \t]*(?P<rest>.*))?",
    re.IGNORECASE,
)
# Heading lines are short; longer lines are prose, and are not given to the regexes at all
# (which also keeps their backtracking bounded).
_HEADING_MAX = 160

# Words a country name written in title case may have in lower case ("Bosnia and
# Herzegovina", "Congo, Democratic Republic of the", "Saint Vincent and the Grenadines").
_NAME_JOINERS = frozenset(("of", "the", "and", "da", "de", "del", "do", "du", "e", "y", "la"))
_NAME_WORDS_MAX = 8


def _tier_notation(tier: str) -> str:
    """Map a heading's tier words ("TIER 2 WATCH LIST", "Special Case") to ``TIERS``."""
    words = re.sub(r"[^a-z0-9]", "", tier.lower())
    if words.startswith("special"):
        return "special"
    return words[4] + ("WL" if words.endswith("watchlist") else "")


def name_like(text: str) -> bool:
    """Tell whether text is written the way a country name is: capitals or title case.

    Prose that happens to end in a tier ("The government's ranking: Tier 2") has lower-case
    words that are not name joiners; a name has at most eight words.

    Example:
        >>> name_like("KOREA, NORTH"), name_like("Bosnia and Herzegovina")
        (True, True)
        >>> name_like("The government's ranking")
        False
    """
    text = text.strip()
    if not text or len(text) > _COUNTRY_MAX:
        return False
    if text == text.upper():
        return True
    words = re.split(r"[ \t,]+", text)
    if len(words) > _NAME_WORDS_MAX:
        return False
    for word in filter(None, words):
        if word.lower() in _NAME_JOINERS:
            continue
        first = re.sub(r"^[dl]['’]", "", word.lstrip("(\"'‘“"))[:1]
        if not first or not (first.isupper() or first.isdigit()):
            return False
    return True


def match_narrative_heading(line: str) -> tuple[str, str] | None:
    """Tell whether a line is a narrative heading, and read it.

    The country part must be written in capitals or in title case (as every report and web
    copy does), so that prose which happens to mention a tier ("the ranking: Tier 2") is not
    taken for a heading; the tier part may be in any case, after a colon, a dash (``Haiti –
    Tier 2``, as some web copies print it) or in brackets.
    Trailing ``*``, ``‡`` or ``†`` markers are allowed. Whether the name is a country is
    not checked here.

    Args:
        line: one line of the text, without its newline.

    Returns:
        ``(country, tier)`` with the country as written and the tier in ``TIERS``
        notation, or None.

    Example:
        >>> match_narrative_heading("KOREA, REPUBLIC OF: TIER 1")
        ('KOREA, REPUBLIC OF', '1')
        >>> match_narrative_heading("Zambia (Tier 2 Watch List)*")
        ('Zambia', '2WL')
        >>> match_narrative_heading("SPECIAL CASE: LIBYA")
        ('LIBYA', 'special')
        >>> match_narrative_heading("The ranking: Tier 2") is None
        True
    """
    content = line.strip()
    if len(content) > _HEADING_MAX:
        return None
    m = _NARRATIVE.fullmatch(content)
    if m is None:
        special = _SPECIAL_FIRST.fullmatch(content)
        if special is None:
            return None
        country = (special.group("country") or special.group("pcountry")).strip()
        return (country, "special") if name_like(country) else None
    country = m.group("country").strip()
    if not name_like(country):
        return None
    return country, _tier_notation(m.group("tier") or m.group("ptier"))


def odd_narrative_heading(line: str) -> str | None:
    """Tell whether a line looks like a narrative heading whose tier cannot be read.

    Args:
        line: one line of the text, without its newline.

    Returns:
        The name part (``"JAMAICA"`` of ``"JAMAICA: TIER 4"``) when the line is a short
        name followed by ``:`` or ``(`` and "Tier"/"Special" but is no narrative heading
        that :func:`match_narrative_heading` reads; else None.

    Example:
        >>> odd_narrative_heading("JAMAICA: TIER 4")
        'JAMAICA'
        >>> odd_narrative_heading("JAMAICA: TIER 2") is None
        True
    """
    content = line.strip()
    if len(content) > _ODD_MAX or match_narrative_heading(content) is not None:
        return None
    m = _ODD_NARRATIVE.fullmatch(content)
    if m is None or not name_like(m.group("country")):
        return None
    return m.group("country").strip()


def match_chapter_heading(line: str) -> str | None:
    """Tell whether a line is a tier chapter heading of the early reports, and read it.

    Example:
        >>> match_chapter_heading("Tier 2 Countries"), match_chapter_heading("SPECIAL CASES")
        ('2', 'special')
        >>> match_chapter_heading("IV. Country Narratives - Tier 2 Watch List")
        '2WL'
        >>> match_chapter_heading("Tier 2 countries made progress.") is None
        True
    """
    content = line.strip()
    if len(content) > _HEADING_MAX:
        return None
    m = _CHAPTER.fullmatch(content)
    return None if m is None else _tier_notation(m.group("tier"))


def match_section_heading(line: str) -> tuple[str, str, int] | None:
    """Tell whether a line is a section heading, and read it.

    Headings are lines of their own, matched case-insensitively with an optional trailing
    colon; ``RECOMMENDATIONS FOR <country>`` takes any country name not ending with a period
    (so a sentence is not taken for one). A heading may also carry its section's first
    words after the colon, run in as the 2001-2016 reports print them (``Recommendations
    for Haiti: Increase ...``, ``Prosecution: The government ...``) or as later reports do
    (``PRIORITIZED RECOMMENDATIONS: Increase efforts ...``): a heading in capitals takes any
    text, one in title case only text that starts like a sentence. "Government Efforts",
    the one section of a special case's narrative, is an ``intro``.

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
        >>> match_section_heading("Prosecution: The government acted.")
        ('prosecution', 'Prosecution:', 13)
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
        else "intro"
        if "efforts" in lowered
        else lowered
    )
    end = m.end("colon") if m.group("colon") else m.end("head")
    heading = content[m.start("head") : end]
    rest = m.group("rest")
    if rest:
        first = rest[:1]
        if head != head.upper() and not (first.isupper() or first.isdigit() or first in "“\"'"):
            return None
        return kind, heading, lead + m.start("rest")
    return kind, heading, len(line)
