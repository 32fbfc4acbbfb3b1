"""Run a library query (or a ``.rq`` file) on a SPARQL endpoint: ``tipgraph query --endpoint``.

The library's queries are plain SPARQL 1.1 and run unchanged on other stores (the team
store ``tipgraph publish`` filled, ``tipgraph serve``, Virtuoso, Fuseki). The query is
parsed and checked here first, as for a local graph (E503 malformed, E506 ``SERVICE``,
E507 an update), its parameters are bound as RDF terms in a ``VALUES`` block
(``tipgraph.queries.values``: never text pasted into the query), and it is sent by the
SPARQL 1.1 Protocol (POST, form-encoded) to the one URL the user gave: redirects are not
followed, since the user did not ask for another address. The answer (SPARQL JSON results,
or N-Triples for a graph) is read into an rdflib ``Result``, so it prints as a local one.

Errors: E563 the endpoint cannot be reached, refuses the query or answers something that is
not SPARQL results; E564 a URL that is not http:// or https://.
"""

from __future__ import annotations

import base64
import http.client
import urllib.error
import urllib.request
from collections.abc import Mapping
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

from rdflib import Graph
from rdflib.query import Result

from tipgraph.core import __version__
from tipgraph.core.errors import QueryError
from tipgraph.graph.oxreader import parse_into
from tipgraph.queries import NamedQuery, bind, newest_param, prepare, query_form
from tipgraph.queries.answers import read_json_results
from tipgraph.queries.values import with_values

RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
#: The largest answer read (a library query's results are far smaller).
MAX_ANSWER = 256 * 1024 * 1024


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: urllib.request.Request, fp: object, code: int, msg: str,
                         headers: object, newurl: str) -> None:
        raise QueryError(f"{req.full_url.split('?')[0]} redirects to {newurl}; give that URL "
                         "with --endpoint if it is the endpoint you mean", code="E563")


_OPENER = urllib.request.build_opener(_NoRedirect)


def _split(url: str) -> tuple[str, str | None]:
    """The URL without ``user:password@``, and that as a Basic authorization header."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise QueryError(f"--endpoint {url!r} is not an http:// or https:// URL", code="E564")
    if parts.username is None:
        return url, None
    netloc = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    if ":" in (parts.hostname or ""):
        netloc = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port else "")
    secret = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
    header = "Basic " + base64.b64encode(secret.encode("utf-8")).decode("ascii")
    return urlunsplit(parts._replace(netloc=netloc)), header


#: The report years of a graph, for a ``year=newest`` parameter (``report_years``).
YEARS_QUERY = ("SELECT DISTINCT ?year WHERE { ?of <https://w3id.org/tipgraph/ontology#"
               "reportYear> ?year }")


def query_text(query: NamedQuery, params: Mapping[str, str] | None,
               newest: int | None = None) -> str:
    """The text sent: the checked query with its parameters in a ``VALUES`` block, a
    ``year=newest`` parameter as the year ``newest`` (the caller looked it up).

    Raises:
        QueryError: E501-E507 as for a local graph, E565 no ``WHERE`` group to bind in.
    """
    prepare(query)
    return with_values(query.text, bind(query, params, newest))


def years_of(result: Result) -> list[int]:
    """The integer years of a ``YEARS_QUERY`` answer, oldest first."""
    values = [str(row[0]) for row in result]  # type: ignore[index]
    return sorted({int(value) for value in values if value.lstrip("-").isdigit()})


def run_remote(endpoint: str, query: NamedQuery, params: Mapping[str, str] | None = None,
               *, timeout: float = 60.0) -> Result:
    """Run ``query`` with ``params`` on the SPARQL endpoint at ``endpoint``.

    Raises:
        QueryError: as ``query_text``; E563 unreachable, refused or not SPARQL results;
            E564 not an http(s) URL.
    """
    url, auth = _split(endpoint)
    newest = None
    if newest_param(query, params):  # the newest year, asked of the same endpoint
        years = remote_years(endpoint, timeout=timeout)
        newest = years[-1] if years else None
    text = query_text(query, params, newest)
    return _post(url, auth, text, is_graph_query(query), timeout)


def remote_years(endpoint: str, *, timeout: float = 60.0) -> list[int]:
    """The report years the endpoint's default graph holds, oldest first.

    Raises:
        QueryError: E563 unreachable, refused or not SPARQL results; E564 not an http(s) URL.
    """
    url, auth = _split(endpoint)
    return years_of(_post(url, auth, YEARS_QUERY, False, timeout))


def _post(url: str, auth: str | None, text: str, graph_result: bool,
          timeout: float) -> Result:
    """POST ``text`` to ``url`` by the SPARQL 1.1 Protocol and read the answer."""
    headers = {"User-Agent": f"tipgraph/{__version__}",
               "Accept": NTRIPLES if graph_result else RESULTS_JSON,
               "Content-Type": "application/x-www-form-urlencoded"}
    if auth:
        headers["Authorization"] = auth
    request = urllib.request.Request(url, data=urlencode({"query": text}).encode("utf-8"),
                                     headers=headers, method="POST")
    where = url.split("?")[0]
    try:
        with _OPENER.open(request, timeout=timeout) as answer:
            body = answer.read(MAX_ANSWER + 1)
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(2000).decode("utf-8", "replace").split())[:300]
        raise QueryError(f"{where} refused the query: HTTP {exc.code} {exc.reason}"
                         + (f": {detail}" if detail else ""), code="E563") from None
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        why = str(getattr(reason, "strerror", None) or reason) or type(exc).__name__
        raise QueryError(f"cannot reach {where}: {why}; is the endpoint running and the URL "
                         "right?", code="E563") from None
    if len(body) > MAX_ANSWER:
        raise QueryError(f"{where} answered more than {MAX_ANSWER} bytes", code="E563")
    return read_answer(body, graph_result, where)


def is_graph_query(query: NamedQuery) -> bool:
    """True for a CONSTRUCT or DESCRIBE query (answered with a graph, not results)."""
    return query_form(query) in ("CONSTRUCT", "DESCRIBE")


def read_answer(body: bytes, graph_result: bool, where: str) -> Result:
    """An answer's body (SPARQL JSON results, or N-Triples for a graph) as an rdflib Result.

    Raises:
        QueryError: E563 when the body is not what was asked for.
    """
    try:
        if graph_result:
            result = Result("CONSTRUCT")
            result.graph = Graph()
            parse_into(body.decode("utf-8"), "nt", result.graph, base_iri="urn:tipgraph:answer")
            return result
        return read_json_results(body)
    except Exception as exc:  # rdflib raises many types for a body that is not results
        first = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise QueryError(f"{where} did not answer with SPARQL results: {first}",
                         code="E563") from None


__all__ = ["YEARS_QUERY", "is_graph_query", "query_text", "read_answer", "remote_years",
           "run_remote", "years_of"]
