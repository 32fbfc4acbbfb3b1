"""Plain records that the extract layer hands to the graph layer.

They hold no spaCy or RDF objects, only strings, numbers and character offsets into the
*original* report file, so the graph layer can be written and tested without spaCy and the
extract layer without rdflib. Offsets are half-open ``[start, end)`` and always index the
source text exactly as it was read (before any PDF-conversion repair); for a PDF or a saved
web page, that is the text tipgraph converted it to (:mod:`tipgraph.extract.pdftext`,
:mod:`tipgraph.extract.htmltext`), whose :class:`PageMap` gives each offset its PDF page.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field

# Controlled values; the ontology's SKOS schemes carry the same notations.
SECTION_KINDS = ("intro", "recommendations", "prosecution", "protection", "prevention", "profile")
TIERS = ("1", "2", "2WL", "3", "special")
ROLES = ("source", "transit", "destination")
FORMS = ("sex", "labor", "organ", "marriage")
VICTIMS = ("men", "women", "children", "adults", "boys", "girls")
CERTAINTIES = ("stated", "hedged")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a section.

    Attributes:
        index: position of the sentence in its narrative, from 0.
        start: offset of its first character in the source file.
        end: offset one past its last character in the source file.
        text: ``source[start:end]``, exactly, page-break whitespace and escapes included.
        clean: the repaired reading text (page breaks joined, ``\\$`` and ``*`` undone).
        section: the section kind it belongs to (one of ``SECTION_KINDS``).
        paragraph: index of the paragraph (in the repaired text) inside its section.
        page: the page of the PDF its first character is on (1 for the first page of the
            file); None when the report was not read from a PDF.
    """

    index: int
    start: int
    end: int
    text: str
    clean: str
    section: str
    paragraph: int = 0
    page: int | None = None


@dataclass(frozen=True, slots=True)
class PageMap:
    """Where each page of a PDF starts in the text it was converted to.

    Attributes:
        starts: offsets into the converted text, increasing: ``starts[i]`` is that of the first
            character that came from page ``numbers[i]``.
        numbers: the pages, counted from 1 as a PDF viewer counts them (not the printed
            folio, which the report may not print on every page); pages that gave no
            narrative text (a photo page, a blank page) are not listed.

    Example:
        >>> PageMap((0, 120), (3, 4)).page_at(119), PageMap((0, 120), (3, 4)).page_at(120)
        (3, 4)
    """

    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    def page_at(self, offset: int) -> int | None:
        """The page of the converted text's character at ``offset`` (None before the first)."""
        i = bisect_right(self.starts, offset) - 1
        return self.numbers[i] if i >= 0 else None


@dataclass(frozen=True, slots=True)
class Aside:
    """Text of a PDF or a web page that is not narrative and was kept out of the converted text.

    Attributes:
        page: the PDF page it is on; None for a web page.
        kind: ``"box"`` (a story or sidebar in a shaded or framed box, a figure), ``"caption"``
            (a photo caption, set smaller than the narrative), ``"preamble"`` (a web page's
            title and what precedes its first narrative heading) or ``"front matter"`` (a
            whole report's pages before its first narrative).
        text: its words, lines joined.
    """

    page: int | None
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Converted:
    """A PDF or a saved web page turned into report text the reader reads.

    Attributes:
        kind: ``"pdf"`` or ``"html"``.
        text: headings on lines of their own, paragraphs separated by blank lines.
        pages: for a PDF, the page of every offset of ``text``; None for a web page.
        asides: boxes and captions kept out of the text, in page order.
        year: the report year that the furniture or preamble kept out names (a running head
            ``TRAFFICKING IN PERSONS REPORT 2017``, a page title), for when the narratives'
            text alone would leave the year to be guessed; None when they name none.
    """

    kind: str
    text: str
    pages: PageMap | None = None
    asides: tuple[Aside, ...] = ()
    year: int | None = None


@dataclass(slots=True)
class Section:
    """A section of a narrative, with the heading it started under (None for the intro).

    Attributes:
        kind: one of ``SECTION_KINDS``.
        heading: the heading line as written (``"TRAFFICKING PROFILE"``), None for the intro.
        start: offset of the section body's first character in the source file.
        end: offset one past its last character.
        clean: the repaired body text that spaCy reads (paragraphs separated by ``"\\n\\n"``).
        clean_map: ``len(clean) + 1`` source offsets: ``clean_map[i]`` is where ``clean[i]``
            came from, and the last entry is one past the source character of the last one,
            so a clean span ``[a, b)`` is the source span ``[clean_map[a], clean_map[b-1] + 1)``.
        sentences: filled by the sentence stage.
    """

    kind: str
    heading: str | None
    start: int
    end: int
    clean: str = ""
    clean_map: array[int] = field(default_factory=lambda: array("q"))
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Narrative:
    """One country's chapter of one report.

    Attributes:
        heading: the country name exactly as in the heading (``"KOREA, REPUBLIC OF"``); for a
            partial leading fragment, the name of the country it was attributed to.
        iso3: ISO 3166-1 alpha-3 code (Kosovo ``"XKX"``).
        tier: one of ``TIERS`` or None when the heading is not in the text.
        partial: True for a fragment whose heading is not in the text.
    """

    heading: str
    iso3: str
    tier: str | None
    partial: bool
    start: int
    end: int
    sections: list[Section] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        """All sentences of the narrative in reading order."""
        return [s for sec in self.sections for s in sec.sentences]


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """Something the reader saw but could not read, said with its line.

    Attributes:
        code: a stable code such as ``"E207"``.
        line: the 1-based line of the source file it is about.
        message: one line saying what was not read and what to do.
    """

    code: str
    line: int
    message: str


@dataclass(slots=True)
class Report:
    """A whole report file as read: its narratives, year and checksum.

    Attributes:
        warnings: what the reader saw but could not read (heading lines naming no known
            country, or with a tier it cannot read), in file order.
        year_source: where the year came from: ``"given"`` (``--year``), ``"title"``,
            ``"file name"``, ``"reporting period"`` or ``"statistics"``.
        pages: the page map of a report read from a PDF (None otherwise); the sentence
            stage gives each sentence the page its first character is on.
        set_aside: the paragraphs of a whole report that are no narrative's and were not
            read, as asides without a page: its ``"front matter"`` (letters, introduction,
            tier placements, the example narrative) and ``"back matter"`` (the appendices
            after the narratives), so that the summary counts them.
    """

    source_name: str
    sha256: str
    year: int
    year_inferred: bool
    text: str
    narratives: list[Narrative] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    year_source: str = "given"
    pages: PageMap | None = None
    set_aside: list[Aside] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Place:
    """A country (``kind="country"``, ``code`` = ISO alpha-3) or region (``code`` = slug)."""

    kind: str
    code: str


@dataclass(slots=True)
class Flow:
    """Victims moved from an origin to a destination, as stated by one or more sentences."""

    origin: Place
    destination: Place
    via: list[Place] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)
    subforms: set[str] = field(default_factory=set)
    victims: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    certainty: str = "stated"
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class SexTourism:
    """Nationals of ``origin`` who engage in child sex tourism in ``destination``."""

    origin: Place
    destination: Place
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Law:
    """A named statute, code, act or decree of a narrative."""

    name: str
    year: int | None = None
    penalties: list[str] = field(default_factory=list)
    jurisdiction: str | None = None
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Agency:
    """A named government body (or named NGO) of a narrative, however often it is named."""

    name: str
    acronym: str | None = None
    alt_names: set[str] = field(default_factory=set)
    jurisdiction: str | None = None
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Figure:
    """A number the narrative reports, such as ``investigated 44 cases in 2016 (26 in 2015)``.

    Attributes:
        measure: what is counted (``investigations``, ``prosecutions``, ``convictions``,
            ``victims_identified``, ``funding``).
        value: the number.
        unit: what the number counts (``cases``, ``persons``, ``victims``) or a currency code.
        period: the year the figure covers, when stated.
        previous_value: the comparison value for ``previous_period``, when stated.
        usd_value: the report's own US-dollar conversion of an amount in another currency.
    """

    measure: str
    value: float
    unit: str
    period: int | None = None
    previous_value: float | None = None
    previous_period: int | None = None
    usd_value: float | None = None
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class NarrativeFacts:
    """Everything the extractors read out of one narrative."""

    narrative: Narrative
    roles: set[str] = field(default_factory=set)
    flows: list[Flow] = field(default_factory=list)
    sex_tourism: list[SexTourism] = field(default_factory=list)
    laws: list[Law] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    #: the sentences that say the country's downgrade to Tier 3 was automatic
    automatic_downgrade: list[Sentence] = field(default_factory=list)
