"""The server's routes: which module answers which path.

========================  ===================================================================
``/``                     home page: the data, counts, example queries, a query form
``/sparql``               SPARQL 1.1 Protocol: GET, POST form, POST direct; read-only
``/id/<path>``            303 See Other to ``/page/<path>`` (browsers) or
                          ``/data/<path>.<ext>`` (RDF clients); 404 for an unknown IRI
``/page/<path>``          the resource as HTML
``/data/<path>[.<ext>]``  the resource as Turtle, N-Triples, JSON-LD or RDF/XML
``/ontology``             the ontology (its IRI is ``https://w3id.org/tipgraph/ontology``)
``/shapes``               the SHACL shapes (``https://w3id.org/tipgraph/shapes#``)
``/.well-known/void``     VoID and DCAT description of the dataset and the service
``/style.css``            the pages' style sheet
========================  ===================================================================

``/sparql`` is the only route that takes POST. A route answers through the request
(``tipgraph.serve.request.Request``) or raises ``ReplyError``; the handler turns errors into
answers.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from tipgraph.serve import documents, endpoint, resources
from tipgraph.serve.request import ReplyError, Request

#: A route: called with the request, the path (less the prefix, for prefixed routes) and
#: the query parameters.
Route = Callable[[Request, str, dict[str, list[str]]], None]

#: Routes of one path each.
EXACT: dict[str, Route] = {
    "/": lambda request, _path, params: documents.home(request, params),
    **dict.fromkeys(("/ontology", "/ontology.ttl", "/ontology.nt", "/ontology.jsonld",
                     "/ontology.html"), documents.ontology),
    **dict.fromkeys(("/shapes", "/shapes.ttl", "/shapes.nt", "/shapes.jsonld"),
                    documents.shapes),
    **dict.fromkeys(("/.well-known/void", "/void"),
                    lambda request, _path, params: documents.void(request, params)),
    "/style.css": lambda request, _path, _params: documents.style(request),
}
#: Routes of every path under a prefix.
PREFIXED: tuple[tuple[str, Route], ...] = (
    ("/id/", resources.resource_id),
    ("/page/", lambda request, rest, _params: resources.resource_page(request, rest)),
    ("/data/", resources.resource_data),
)


def route(request: Request, method: str, target: str) -> None:
    """Answer ``method target`` (GET or POST; HEAD is GET without the body).

    Raises:
        ReplyError: 405 for a POST anywhere but ``/sparql``, 404 for an unknown path, or
            what the route raises.
    """
    parts = urlsplit(target)
    path = parts.path
    params = parse_qs(parts.query, keep_blank_values=True)
    if path == "/sparql":
        endpoint.sparql(request, method, params)
        return
    if method == "POST":
        request.close_connection = True  # the body is not read
        raise ReplyError(405, "E540", "only /sparql takes POST")
    answer = EXACT.get(path)
    if answer is not None:
        answer(request, path, params)
        return
    for prefix, prefixed in PREFIXED:
        if path.startswith(prefix):
            prefixed(request, path[len(prefix):], params)
            return
    raise ReplyError(404, "E550", f"nothing at {path}")


__all__ = ["EXACT", "PREFIXED", "Route", "route"]
