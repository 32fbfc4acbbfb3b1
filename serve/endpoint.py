"""The SPARQL 1.1 Protocol endpoint, ``/sparql``: read-only queries by GET and POST.

A query comes as the ``query`` parameter of a GET, a form-encoded POST, or the body of a
``application/sparql-query`` POST (§2.1 of the protocol); updates (§2.2) are refused with
403 however they come. The query runs in the worker pool under the server's limits; a
browser gets the results as an HTML page, any other client the negotiated media type.
Without a query, ``/sparql`` is the query form (browsers) or the service description.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from tipgraph.serve import describe as desc
from tipgraph.serve import negotiation as media
from tipgraph.serve import pages
from tipgraph.serve.documents import serialize_triples
from tipgraph.serve.request import ReplyError, Request, one

_READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"


def _posted_query(request: Request, params: dict[str, list[str]]
                  ) -> tuple[str | None, dict[str, list[str]]]:
    """The query of a POST (form or direct) and the parameters with the form's added."""
    content_type = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    body = request.read_body()
    if content_type == "application/x-www-form-urlencoded":
        try:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            raise ReplyError(400, "E540", "the form is not UTF-8") from None
        if "update" in form:
            raise ReplyError(403, "E541", _READ_ONLY)
        params = {**params, **form}
        return one(params, "query"), params
    if content_type == "application/sparql-query":
        try:
            return body.decode("utf-8"), params
        except UnicodeDecodeError:
            raise ReplyError(400, "E540", "the query is not UTF-8") from None
    if content_type == "application/sparql-update":
        raise ReplyError(403, "E541", _READ_ONLY)
    raise ReplyError(415, "E540", f"POST a query as application/sparql-query or "
                     f"application/x-www-form-urlencoded, not {content_type or '(none)'}")


def sparql(request: Request, method: str, params: dict[str, list[str]]) -> None:
    """The SPARQL 1.1 Protocol (§2.1 query operation; §2.2 update is refused)."""
    query: str | None
    if method == "POST":
        query, params = _posted_query(request, params)
        if query is None:
            raise ReplyError(400, "E540", "no 'query' in the request")
    else:
        if "update" in params:
            raise ReplyError(403, "E541", _READ_ONLY + " (and are never sent by GET)")
        query = one(params, "query")
    accept = request.headers.get("Accept")
    fmt = one(params, "format") or one(params, "output")
    if query is None:
        service_description(request, accept, fmt)
        return
    default_graphs = tuple(params.get("default-graph-uri", []))
    named_graphs = tuple(params.get("named-graph-uri", []))
    wants_html = (fmt or "").lower() == "html" or (not fmt and media.prefers_html(accept))
    if wants_html:
        response = request.app.query(query, accept=f"{media.SPARQL_JSON}, {media.TURTLE}",
                                     default_graphs=default_graphs, named_graphs=named_graphs,
                                     client=request.client())
        if response.ok:
            request.send(200, pages.results(query, response.form, response.media_type,
                                            response.body), media.HTML,
                         headers={"Vary": "Accept"})
            return
        request.send_response_of(response)
        return
    request.send_response_of(request.app.query(query, accept=accept, fmt=fmt,
                                                default_graphs=default_graphs,
                                                named_graphs=named_graphs,
                                                client=request.client()))


def service_description(request: Request, accept: str | None, fmt: str | None) -> None:
    """``GET /sparql`` with no query: the form for a browser, the service description
    (SPARQL 1.1 Service Description) for a program."""
    if (fmt or "").lower() == "html" or (not fmt and media.prefers_html(accept)):
        body = pages.page("SPARQL", "<h1>SPARQL query</h1>" + pages.query_form(""))
        request.send(200, body, media.HTML, headers={"Vary": "Accept"})
        return
    chosen = media.choose(accept, media.RDF_TYPES, fmt)
    if chosen is None:
        raise ReplyError(406, "E547", "the service description is RDF; ask for "
                         + ", ".join(media.RDF_TYPES))
    request.send(200, serialize_triples(desc.service_description(request.base_url()), chosen),
                 chosen, headers={"Vary": "Accept"})


__all__ = ["service_description", "sparql"]
