"""The server's documents: the ontology, the SHACL shapes, the VoID description, the home
page and the style sheet.

Each is one resource in several formats: a file extension on the path (``/ontology.nt``)
decides first, then the ``format`` parameter, then ``Accept``. The ontology's terms are
hash IRIs of ``/ontology``, so it answers 200 with ``Vary: Accept`` (no 303). RDF is
converted with Oxigraph's writers, by the media types of the format table.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

from tipgraph.ontology import PREFIXES, ontology_graph, ontology_text
from tipgraph.serve import describe as desc
from tipgraph.serve import negotiation as media
from tipgraph.serve import pages
from tipgraph.serve.request import ReplyError, Request, one

#: The project's prefixes, for the Turtle the server writes.
PREFIX_IRIS = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
#: The RDF documents' offers: the graph formats that have a ``/data/`` extension.
DOC_TYPES = (media.TURTLE, media.N_TRIPLES, media.JSON_LD)
ALL_DOC_TYPES = (*DOC_TYPES, media.RDF_XML)


def serialize_triples(triples: list[ox.Triple], media_type: str) -> bytes:
    """Triples in a graph media type of the format table (Turtle with the prefixes)."""
    fmt = media.oxigraph_format(media_type)
    return ox.serialize(triples, format=fmt, prefixes=PREFIX_IRIS
                        if fmt == ox.RdfFormat.TURTLE else None) or b""


def convert(turtle: str, media_type: str) -> bytes:
    """A Turtle text in another graph media type."""
    triples = [q.triple for q in ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)]
    return serialize_triples(triples, media_type)


@cache
def _ontology_bytes(media_type: str) -> bytes:
    text = ontology_text()
    if media_type == media.TURTLE:
        return text.encode("utf-8")
    if media_type == media.HTML:
        return pages.ontology(ontology_graph())
    return convert(text, media_type)


@cache
def _shapes_turtle() -> str | None:
    """The shipped SHACL shapes as one Turtle text, or None if this install has none."""
    try:
        from tipgraph.shapes import shapes_files, shapes_text
    except ImportError:
        return None
    names = shapes_files()
    return "\n".join(shapes_text(name) for name in names) if names else None


def document_type(request: Request, path: str, params: dict[str, list[str]],
                  html: bool = True) -> str:
    """The media type for a document route: extension, ``format``, then ``Accept``."""
    _, dot, ext = path.rpartition(".")
    if dot and "/" not in ext:
        return media.FORMAT_NAMES[ext][0]
    fmt, accept = one(params, "format"), request.headers.get("Accept")
    if html and ((fmt or "").lower() == "html" or (not fmt and media.prefers_html(accept))):
        return media.HTML
    chosen = media.choose(accept, ALL_DOC_TYPES, fmt)
    if chosen is None:
        raise ReplyError(406, "E547", "ask for text/html, " + ", ".join(DOC_TYPES))
    return chosen


def ontology(request: Request, path: str, params: dict[str, list[str]]) -> None:
    """The ontology document (200: its terms are hash IRIs of this document)."""
    chosen = document_type(request, path, params)
    request.send(200, _ontology_bytes(chosen), chosen, headers={"Vary": "Accept"})


def shapes(request: Request, path: str, params: dict[str, list[str]]) -> None:
    """The SHACL shapes the data is validated against."""
    turtle = _shapes_turtle()
    if turtle is None:
        raise ReplyError(404, "E550", "no SHACL shapes are shipped with this installation")
    chosen = document_type(request, path, params)
    if chosen == media.HTML:
        body = pages.rdf_document(
            "tipgraph SHACL shapes", "The shapes every tipgraph graph is validated "
            "against (<code>tipgraph validate</code>).", turtle,
            [("Turtle", "/shapes.ttl"), ("N-Triples", "/shapes.nt"),
             ("JSON-LD", "/shapes.jsonld")])
    elif chosen == media.TURTLE:
        body = turtle.encode("utf-8")
    else:
        body = convert(turtle, chosen)
    request.send(200, body, chosen, headers={"Vary": "Accept"})


def void(request: Request, params: dict[str, list[str]]) -> None:
    """The VoID / DCAT description of the dataset, with counts and the endpoint."""
    chosen = document_type(request, "", params)
    triples = desc.void_triples(request.app.stats(), request.base_url())
    if chosen == media.HTML:
        turtle = serialize_triples(triples, media.TURTLE).decode("utf-8")
        body = pages.rdf_document(
            "Dataset description (VoID, DCAT)", "What this dataset holds, where it comes "
            "from, under which licence, and where to query it.", turtle,
            [("Turtle", "/.well-known/void?format=ttl"),
             ("N-Triples", "/.well-known/void?format=nt"),
             ("JSON-LD", "/.well-known/void?format=jsonld")])
    else:
        body = serialize_triples(triples, chosen)
    request.send(200, body, chosen, headers={"Vary": "Accept"})


def home(request: Request, params: dict[str, list[str]]) -> None:
    """The home page."""
    limits = request.app.limits
    body = pages.home(request.app.stats(), timeout=limits.timeout,
                      max_bytes=limits.max_result_bytes, query=one(params, "query") or "")
    request.send(200, body, media.HTML)


def style(request: Request) -> None:
    """The pages' one style sheet."""
    request.send(200, pages.asset("style.css").encode(), "text/css",
                 headers={"Cache-Control": "max-age=3600"})


__all__ = ["ALL_DOC_TYPES", "DOC_TYPES", "PREFIX_IRIS", "convert", "document_type", "home",
           "ontology", "serialize_triples", "shapes", "style", "void"]
