"""Dereferenceable IRIs: ``/id/...`` redirects, ``/page/...`` HTML, ``/data/...`` RDF.

Resource IRIs are slash IRIs that name things (a narrative, a country), not documents, so
``/id/...`` answers 303 with the document's address (the "Cool URIs for the Semantic Web"
convention, W3C note 2008, §4.3): the HTML page for a browser, the RDF document of the
negotiated format for anyone else. ``/data/<path>.<ext>`` names its format by the extension
(the format table's: ``ttl``, ``nt``, ``jsonld``, ``rdf``).
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from tipgraph.ontology import ID_BASE
from tipgraph.serve import describe as desc
from tipgraph.serve import negotiation as media
from tipgraph.serve import pages
from tipgraph.serve.documents import ALL_DOC_TYPES, DOC_TYPES
from tipgraph.serve.request import ReplyError, Request, one

_PATH = re.compile(r"^[A-Za-z0-9._~\-]+(?:/[A-Za-z0-9._~\-]+)*$")
_DATA_EXTENSIONS = {ext: mt for mt, ext in media.EXTENSIONS.items() if mt != media.HTML}


def iri_of(raw: str) -> tuple[str, str]:
    """The resource IRI for a request path (``narrative/2017/JAM``), or 404."""
    path = unquote(raw)
    if not _PATH.match(path):
        raise ReplyError(404, "E550", f"/id/{raw} is not a tipgraph IRI")
    return ID_BASE + path, path


def resource_id(request: Request, raw: str, params: dict[str, list[str]]) -> None:
    """``/id/...``: 303 to the page or the data document, by negotiation."""
    iri, path = iri_of(raw)
    if not desc.exists(request.app.run_json, iri):
        raise ReplyError(404, "E550", f"no resource {iri} in this dataset")
    accept, fmt = request.headers.get("Accept"), one(params, "format")
    if (fmt or "").lower() == "html" or (not fmt and media.prefers_html(accept)):
        location = f"/page/{quote(path)}"
    else:
        chosen = media.choose(accept, ALL_DOC_TYPES, fmt)
        if chosen is None:
            raise ReplyError(406, "E547", "ask for text/html, " + ", ".join(DOC_TYPES))
        location = f"/data/{quote(path)}.{media.EXTENSIONS[chosen]}"
    request.send(303, f"See {location}\n".encode(), headers={
        "Location": location, "Vary": "Accept"})


def resource_page(request: Request, raw: str) -> None:
    """``/page/...``: the HTML description."""
    iri, path = iri_of(raw)
    description = desc.describe(request.app.run_json, iri)
    if description is None:
        raise ReplyError(404, "E550", f"no resource {iri} in this dataset")
    request.send(200, pages.resource(description, quote(path)), media.HTML)


def resource_data(request: Request, raw: str, params: dict[str, list[str]]) -> None:
    """``/data/...[.ext]``: the RDF description, by extension or negotiation."""
    stem, dot, ext = raw.rpartition(".")
    chosen: str | None
    if dot and ext in _DATA_EXTENSIONS:
        raw, chosen = stem, _DATA_EXTENSIONS[ext]
        headers = {}
    else:
        chosen = media.choose(request.headers.get("Accept"), ALL_DOC_TYPES,
                              one(params, "format"))
        if chosen is None:
            raise ReplyError(406, "E547", "ask for " + ", ".join(DOC_TYPES))
        headers = {"Vary": "Accept",
                   "Content-Location": f"/data/{raw}.{media.EXTENSIONS[chosen]}"}
    iri, _path = iri_of(raw)
    if not desc.exists(request.app.run_json, iri):
        raise ReplyError(404, "E550", f"no resource {iri} in this dataset")
    response = request.app.query(desc.construct_query(iri), fmt=chosen, trusted=True)
    if not response.ok:
        request.send_response_of(response)
        return
    request.send(200, response.body, response.media_type, headers=headers)


__all__ = ["iri_of", "resource_data", "resource_id", "resource_page"]
