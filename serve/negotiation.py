"""HTTP content negotiation: pick the response's media type from ``Accept`` or ``format``.

Linked-data clients and SPARQL clients both say what they want in the ``Accept`` header
(RFC 9110 §12.5.1: media ranges with ``q`` weights, ``*/*`` and ``type/*`` wildcards); a
browser link cannot set headers, so a ``format`` parameter (``format=ttl`` or a full media
type) overrides it. The server lists its offers in its own order of preference, which breaks
ties: a client that accepts anything gets the first offer. The graph formats, their media
types, names and extensions are rows of the format table, ``tipgraph.graph.formats``.

Example:
    >>> choose("text/turtle;q=0.5, application/ld+json", [TURTLE, JSON_LD])
    'application/ld+json'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from tipgraph.graph.formats import by_name, formats

#: The graph formats the server answers with: the RDF rows of the format table that hold
#: triples (CONSTRUCT and DESCRIBE give no named graphs), in its order of preference.
GRAPH_FORMATS = tuple(f for f in formats("rdf", readable=True) if not f.quads)

HTML = by_name("html").media_type
TURTLE = by_name("turtle").media_type
N_TRIPLES = by_name("ntriples").media_type
JSON_LD = by_name("jsonld").media_type
RDF_XML = by_name("rdfxml").media_type
# The solutions of SELECT and ASK are no file format of the table: they are the server's.
SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"

#: Media types for the graph results of CONSTRUCT and DESCRIBE, in order of preference.
RDF_TYPES = tuple(f.media_type for f in GRAPH_FORMATS)
#: Media types for the solutions of SELECT and the boolean of ASK, in order of preference.
RESULT_TYPES = (SPARQL_JSON, SPARQL_XML, CSV, TSV)


def _format_names() -> dict[str, tuple[str, ...]]:
    """``format=`` short names: the result formats', then each graph format's name, aliases
    and extensions; a name may stand for a result type and a graph type (``json``, ``xml``),
    the result type first."""
    names: dict[str, tuple[str, ...]] = {
        "html": (HTML,), "json": (SPARQL_JSON,), "srj": (SPARQL_JSON,),
        "xml": (SPARQL_XML,), "srx": (SPARQL_XML,), "csv": (CSV,), "tsv": (TSV,)}
    for fmt in GRAPH_FORMATS:
        for name in (fmt.name, *fmt.aliases, *(ext[1:] for ext in fmt.extensions)):
            if fmt.media_type not in names.get(name, ()):
                names[name] = (*names.get(name, ()), fmt.media_type)
    return names


#: ``format=`` short names (and the file extensions of the ``/data/`` documents); a name may
#: stand for a result type or a graph type, whichever the query gives.
FORMAT_NAMES: dict[str, tuple[str, ...]] = _format_names()

#: Other names clients use for what an offer is (``application/json`` is both JSON kinds).
EQUIVALENTS: dict[str, tuple[str, ...]] = {
    SPARQL_JSON: ("application/json",),
    JSON_LD: ("application/json",),
    SPARQL_XML: ("application/xml", "text/xml"),
    RDF_XML: ("application/xml", "text/xml"),
    TURTLE: ("application/x-turtle",),
    N_TRIPLES: ("text/plain",),
    HTML: ("application/xhtml+xml",),
}

#: File extension of each RDF media type (for ``/data/<path>.<ext>`` documents).
EXTENSIONS: dict[str, str] = {HTML: "html",
                              **{f.media_type: f.extension[1:] for f in GRAPH_FORMATS}}


def oxigraph_format(media_type: str) -> ox.RdfFormat:
    """Oxigraph's reader and writer of a graph format of the table, by its media type."""
    found = ox.RdfFormat.from_media_type(media_type)
    if found is None:
        raise ValueError(f"Oxigraph has no RDF format for {media_type}")
    return found


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One element of an ``Accept`` header."""

    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> bool:
        """True if ``media_type`` (``type/subtype``) falls in this range."""
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        """2 for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*`` (more specific wins)."""
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an ``Accept`` header; malformed elements are skipped, never an error.

    A missing or empty header means ``*/*`` (RFC 9110: the client accepts anything).
    """
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges: list[MediaRange] = []
    for element in header.split(","):
        media, *params = (part.strip() for part in element.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(kind, sub, q))
    return ranges


def _quality(ranges: Sequence[MediaRange], media_type: str) -> tuple[float, int]:
    best: MediaRange | None = None
    for media_range in ranges:
        if media_range.matches(media_type) and (
                best is None or media_range.specificity > best.specificity):
            best = media_range
    return (best.q, best.specificity) if best is not None else (0.0, -1)


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The weight the client gives ``media_type`` or one of its equivalent names.

    Each name takes the weight of its most specific matching range (``text/turtle;q=0.2,
    */*`` gives Turtle 0.2); among the names the most specific match decides.
    """
    names = (media_type, *EQUIVALENTS.get(media_type, ()))
    return max((_quality(ranges, name) for name in names), key=lambda qs: (qs[1], qs[0]))[0]


def choose(accept: str | None, offers: Sequence[str], fmt: str | None = None) -> str | None:
    """The offer to answer with, or None when the client accepts none of them (406).

    Args:
        accept: the ``Accept`` header (None or empty: anything).
        offers: the media types the server can produce, most preferred first.
        fmt: a ``format`` parameter (short name or media type); when given it decides alone.

    Example:
        >>> choose("*/*", [SPARQL_JSON, CSV]), choose(None, [TURTLE], fmt="nt")
        ('application/sparql-results+json', None)
    """
    if fmt:
        name = fmt.strip().lower().split(";")[0].strip()
        wanted = FORMAT_NAMES.get(name) or (name, *(
            offer for offer, names in EQUIVALENTS.items() if name in names))
        return next((offer for offer in wanted if offer in offers), None)
    ranges = parse_accept(accept)
    scored = [(quality(ranges, offer), -index, offer) for index, offer in enumerate(offers)]
    q, _, offer = max(scored)
    return offer if q > 0 else None


def prefers_html(accept: str | None) -> bool:
    """True when a browser asks: ``text/html`` is accepted and weighted above Turtle.

    Browsers send ``text/html,...,*/*;q=0.8``; RDF clients send their RDF types and at most
    ``*/*``, so for them the first RDF offer wins the tie-break instead.
    """
    ranges = parse_accept(accept)
    html = quality(ranges, HTML)
    return html > 0 and any(r.matches(HTML) and r.specificity == 2 for r in ranges) and (
        html >= quality(ranges, TURTLE))


__all__ = [
    "CSV", "EQUIVALENTS", "EXTENSIONS", "FORMAT_NAMES", "GRAPH_FORMATS", "HTML", "JSON_LD",
    "N_TRIPLES", "RDF_TYPES", "RDF_XML", "RESULT_TYPES", "SPARQL_JSON", "SPARQL_XML", "TSV",
    "TURTLE", "MediaRange", "choose", "oxigraph_format", "parse_accept", "prefers_html",
    "quality",
]
