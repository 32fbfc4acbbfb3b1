"""A SPARQL 1.1 Graph Store HTTP Protocol client on urllib: retries, credentials, errors.

Apart from ``tipgraph.serve.publish`` (what is sent, staged and swapped) so that what picks
the graphs to send (``tipgraph.serve.publish_archive``, which reads the endpoint's copy of an
archive's manifest) can use the client without importing the publisher.
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from tipgraph.core import __version__
from tipgraph.core.errors import OutputError
from tipgraph.serve.store import GraphName

NTRIPLES = "application/n-triples"
_RETRY_STATUSES = {408, 429, 500, 502, 503, 504}


def _first_line(data: bytes | str) -> str:
    """What an answer's body says, on one line: its first line, or for an HTML error page
    (Virtuoso's: the reason is on its last line) every line of its text."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    if text.lstrip().startswith("<"):
        words = [" ".join(line.split()) for line in re.sub(r"<[^>]*>", " ", text).splitlines()]
        return " / ".join(word for word in words if word)[:300]
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:200] if lines else ""


def split_credentials(url: str) -> tuple[str, str | None]:
    """Take ``user:password@`` out of a URL and return it as a Basic authorization header."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    netloc = parts.hostname or ""
    if parts.port is not None:
        netloc += f":{parts.port}"
    token = base64.b64encode(f"{parts.username}:{parts.password or ''}".encode()).decode()
    return urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"


def _beside(endpoint: str, service: str) -> str | None:
    """The URL of ``service`` beside an Oxigraph (``/store``) or Fuseki (``/data``) Graph
    Store URL, or None for any other server."""
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for tail in ("/store", "/data"):
        if path.endswith(tail):
            return urlunsplit(parts._replace(path=path[:-len(tail)] + service, query=""))
    return None


def default_update_endpoint(endpoint: str) -> str | None:
    """The SPARQL Update URL beside a Graph Store URL, for the stores that have one.

    Oxigraph serves ``/store`` and ``/update``; Fuseki serves ``/<dataset>/data`` and
    ``/<dataset>/update``. Anything else: None (give ``--update-endpoint``).
    """
    return _beside(endpoint, "/update")


def default_query_endpoint(endpoint: str) -> str | None:
    """The SPARQL query URL beside a Graph Store URL: ``/query`` for Oxigraph and Fuseki."""
    return _beside(endpoint, "/query")


def graph_store_url(endpoint: str) -> str:
    """The Graph Store URL: an Oxigraph server's root URL stands for its ``/store``."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise OutputError(f"--endpoint {endpoint!r} is not an http:// or https:// URL",
                          code="E620")
    if parts.path in ("", "/"):
        return urlunsplit(parts._replace(path="/store"))
    return endpoint


class GraphStoreClient:
    """A minimal SPARQL 1.1 Graph Store HTTP Protocol client on urllib, with retries.

    Args:
        endpoint: the Graph Store URL (``http://host:7878/store``).
        update_endpoint: the SPARQL Update URL, if the store has one.
        timeout: seconds per request.
        retries: further attempts after a failed one.
        backoff: seconds before the first retry, doubled each time.
        sleep: how to wait (tests pass a no-op).
    """

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None,
                 query_endpoint: str | None = None,
                 timeout: float = 60.0, retries: int = 3, backoff: float = 0.5,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.endpoint, self._auth = split_credentials(graph_store_url(endpoint))
        self.update_endpoint = update_endpoint
        #: where to ASK whether a graph exists when the store does not implement HEAD
        self.query_endpoint = query_endpoint
        #: False once the store answered HEAD with 405 or 501 (Virtuoso: 501)
        self.head = True
        if update_endpoint is not None:
            self.update_endpoint, update_auth = split_credentials(update_endpoint)
            self._auth = self._auth or update_auth
        self.timeout, self.retries, self.backoff, self.sleep = timeout, retries, backoff, sleep
        self.requests = 0

    def graph_url(self, name: GraphName) -> str:
        """The URL of one graph (``?graph=<IRI>``, or ``?default``)."""
        joiner = "&" if "?" in self.endpoint else "?"
        if name is None:
            return f"{self.endpoint}{joiner}default"
        return f"{self.endpoint}{joiner}graph={quote(name, safe='')}"

    def request(self, method: str, url: str, body: bytes | None = None,
                content_type: str | None = None, accept: str = "*/*") -> tuple[int, bytes]:
        """Send one request with retries; return (status, body) of the final answer.

        Raises:
            OutputError: E621 when the server cannot be reached after every retry, or keeps
                answering 5xx.
        """
        headers = {"User-Agent": f"tipgraph/{__version__}", "Accept": accept}
        if content_type:
            headers["Content-Type"] = content_type
        if self._auth:
            headers["Authorization"] = self._auth
        delay = self.backoff
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(delay)
                delay *= 2
            self.requests += 1
            req = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as answer:
                    return answer.status, answer.read()
            except urllib.error.HTTPError as exc:
                data = exc.read()
                if exc.code not in _RETRY_STATUSES:
                    return exc.code, data
                last = f"{exc.code} {exc.reason}: {_first_line(data)}".rstrip(": ")
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                last = str(getattr(reason, "strerror", None) or reason) or type(exc).__name__
        tries = f"{self.retries + 1} attempts" if self.retries else "1 attempt"
        raise OutputError(f"cannot reach {url.split('?')[0]} after {tries}: {last}; is the "
                          "store running and the URL right?",
                          code="E621")

    def check(self, status: int, body: bytes, what: str, url: str) -> None:
        if 200 <= status < 300:
            return
        hint = {401: "the store wants credentials (user:password@ in the URL)",
                403: "the store refuses writes (is it read-only, or an update endpoint off?)",
                404: "no Graph Store Protocol service at this URL",
                405: "this URL does not take this method (is it the Graph Store URL?)",
                413: "the request is too big for the server; use a smaller --chunk-size",
                415: "the store does not take N-Triples here"}.get(status, "")
        detail = _first_line(body)
        raise OutputError(f"{url.split('?')[0]} refused to {what}: HTTP {status}"
                          + (f" ({hint})" if hint else "") + (f": {detail}" if detail else ""),
                          code="E622")

    def exists(self, name: GraphName) -> bool:
        """True when the store has the graph.

        HEAD first; a store that does not implement it (Virtuoso answers 501, others 405) is
        asked with ``ASK { GRAPH <g> { ?s ?p ?o } }`` at its query endpoint when one is known
        (no graph's triples travel), else with GET, and HEAD is not tried again.
        """
        url = self.graph_url(name)
        status, body = self.request("HEAD", url) if self.head else (501, b"")
        if status in (405, 501):
            self.head = False
            if name is not None and self.query_endpoint is not None:
                return self._ask(name)
            status, body = self.request("GET", url, accept=NTRIPLES)
        if status == 404:
            return False
        self.check(status, body, "say whether it has the graph", url)
        return True

    def _ask(self, name: str) -> bool:
        """Whether the query endpoint holds a graph of that name (with a triple in it)."""
        assert self.query_endpoint is not None
        url, auth = split_credentials(self.query_endpoint)
        query = f"ASK {{ GRAPH {ref(name)} {{ ?s ?p ?o }} }}"
        saved, self._auth = self._auth, auth or self._auth
        try:
            status, body = self.request("POST", url, urlencode({"query": query}).encode(),
                                        "application/x-www-form-urlencoded",
                                        accept="application/sparql-results+json")
        finally:
            self._auth = saved
        self.check(status, body, "say whether it has the graph (HEAD is not implemented "
                   "there, and ASK failed)", url)
        try:
            answer = json.loads(body)["boolean"]
        except (ValueError, KeyError, TypeError):
            raise OutputError(f"{url}: the answer to ASK is not SPARQL JSON results: "
                              f"{_first_line(body)}", code="E622") from None
        return answer is True

    def send(self, method: str, name: GraphName, data: bytes) -> None:
        """PUT (replace) or POST (merge) N-Triples into one graph."""
        url = self.graph_url(name)
        status, body = self.request(method, url, data, NTRIPLES)
        self.check(status, body, f"take {method} of {name or 'the default graph'}", url)

    def delete(self, name: GraphName) -> None:
        """Drop a graph, ignoring a 404 (best effort, for clean-up)."""
        url = self.graph_url(name)
        status, body = self.request("DELETE", url)
        if status != 404:
            self.check(status, body, f"delete {name}", url)

    def update(self, text: str) -> tuple[int, bytes]:
        """Send a SPARQL Update; return (status, body)."""
        if self.update_endpoint is None:
            return 404, b""
        return self.request("POST", self.update_endpoint, text.encode("utf-8"),
                            "application/sparql-update")


def ref(iri: str) -> str:
    """``<iri>`` for update text; pyoxigraph refuses anything that is not an IRI."""
    return str(ox.NamedNode(iri))


__all__ = ["NTRIPLES", "GraphStoreClient", "default_query_endpoint", "default_update_endpoint",
           "graph_store_url", "ref", "split_credentials"]
