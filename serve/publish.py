"""Load a graph into a team's SPARQL store over the SPARQL 1.1 Graph Store HTTP Protocol.

One named graph per report year (and one for the ontology), sent as N-Triples in chunks so
that no single request is too big for a proxy or the store. Every request is retried with
exponential backoff on a connection error, a timeout or a 5xx/429 answer; a 4xx answer is
not retried, it is explained.

Where the store has a SPARQL Update endpoint (Oxigraph, Fuseki) every graph, new or
replaced, is uploaded into a staging graph (``urn:tipgraph:staging:...``, see
``tipgraph.serve.staging``) and one update request ``MOVE <staging> TO <graph>`` per graph
puts them all in place in one transaction: a reader, and a store that dies half-way, sees a
year graph old or new, never half of it. Staging graphs left by a run that died are found
through the SPARQL query endpoint and dropped by the next run (or ``--cleanup``).

Without an update endpoint a graph can only be sent by PUT (the first chunk) and POST (the
rest), which is atomic only when it fits in one chunk: a replace in several requests is said
in a warning, and when the store goes away while a graph is being sent the error says that
the graph may be left partly written and that ``--replace`` on the next run replaces it whole.

Without ``replace`` a graph that already exists is not touched (E623): adding a new build to
an old one would mix two versions of the same facts. The default graph (the dataset
description) is merged, never replaced, since other data may live there.

Example:
    >>> publish(Path("graph.trig"), "http://127.0.0.1:7878/store", replace=True)  # doctest: +SKIP
    PublishResult(graphs={'https://w3id.org/tipgraph/id/graph/2017': 41234, ...}, ...)
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from tipgraph.core import __version__
from tipgraph.core.errors import InputError, OutputError
from tipgraph.serve.staging import StagingRun, is_orphaned, list_url, parse_graph_list
from tipgraph.serve.store import DEFAULT_GRAPH, GraphName, read_graph_file

NTRIPLES = "application/n-triples"
_RETRY_STATUSES = {408, 429, 500, 502, 503, 504}


@dataclass(slots=True)
class PublishResult:
    """What was published.

    Attributes:
        graphs: triples sent per graph (the default graph as ``DEFAULT_GRAPH``).
        requests: HTTP requests made (retries included).
        atomic: True when every replaced graph was swapped in one transaction.
        warnings: what the user should know (a non-atomic replace).
        cleaned: orphaned staging graphs of earlier runs that were dropped.
    """

    graphs: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    atomic: bool = True
    warnings: list[str] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)


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


def default_update_endpoint(endpoint: str) -> str | None:
    """The SPARQL Update URL beside a Graph Store URL, for the stores that have one.

    Oxigraph serves ``/store`` and ``/update``; Fuseki serves ``/<dataset>/data`` and
    ``/<dataset>/update``. Anything else: None (give ``--update-endpoint``).
    """
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for tail in ("/store", "/data"):
        if path.endswith(tail):
            return urlunsplit(parts._replace(path=path[:-len(tail)] + "/update", query=""))
    return None


def default_query_endpoint(endpoint: str) -> str | None:
    """The SPARQL query URL beside a Graph Store URL: ``/query`` for Oxigraph and Fuseki."""
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for tail in ("/store", "/data"):
        if path.endswith(tail):
            return urlunsplit(parts._replace(path=path[:-len(tail)] + "/query", query=""))
    return None


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
        query = f"ASK {{ GRAPH {_ref(name)} {{ ?s ?p ?o }} }}"
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


def _ref(iri: str) -> str:
    """``<iri>`` for update text; pyoxigraph refuses anything that is not an IRI."""
    return str(ox.NamedNode(iri))


def chunks(triples: list[ox.Triple], size: int) -> list[bytes]:
    """N-Triples chunks of at most ``size`` triples (at least one chunk, maybe empty).

    Triples with blank nodes all go into the first chunk: a blank node label means the same
    node only within one request, so splitting them would split the node.
    """
    if size < 1:
        raise OutputError("--chunk-size must be at least 1", code="E620")
    with_blank = [t for t in triples if isinstance(t.subject, ox.BlankNode)
                  or isinstance(t.object, ox.BlankNode)]
    ground = [t for t in triples if not (isinstance(t.subject, ox.BlankNode)
                                        or isinstance(t.object, ox.BlankNode))]
    groups: list[list[ox.Triple]] = []
    first = with_blank + ground[:max(0, size - len(with_blank))]
    groups.append(first)
    rest = ground[len(first) - len(with_blank):]
    groups.extend(rest[i:i + size] for i in range(0, len(rest), size))
    return [ox.serialize(group, format=ox.RdfFormat.N_TRIPLES) or b"" for group in groups]


def _client(endpoint: str, update_endpoint: str | None, timeout: float, retries: int,
            backoff: float, sleep: Callable[[float], None],
            query_endpoint: str | None = None) -> GraphStoreClient:
    store_url = graph_store_url(endpoint)
    update_url = update_endpoint or default_update_endpoint(store_url)
    return GraphStoreClient(store_url, update_endpoint=update_url,
                            query_endpoint=query_endpoint or default_query_endpoint(store_url),
                            timeout=timeout, retries=retries, backoff=backoff, sleep=sleep)


def remove_orphans(client: GraphStoreClient, query_endpoint: str | None, *,
                   everything: bool = False) -> list[str]:
    """Drop the staging graphs no running publish owns (``tipgraph.serve.staging``).

    Args:
        client: the store's Graph Store client (the graphs are dropped with DELETE).
        query_endpoint: the SPARQL query URL to list the staging graphs with.
        everything: also drop another host's staging graphs younger than ``ORPHAN_AGE``.

    Raises:
        OutputError: E624 when there is no query endpoint, or it cannot list the graphs.
    """
    if query_endpoint is None:
        raise OutputError("cannot look for orphaned staging graphs: no SPARQL query endpoint "
                          "is known for this store; give --query-endpoint", code="E624")
    url, auth = split_credentials(list_url(query_endpoint))
    client._auth = client._auth or auth
    status, body = client.request("GET", url, accept="application/sparql-results+json")
    client.check(status, body, "list the staging graphs", url)
    try:
        names = parse_graph_list(body)
    except (ValueError, KeyError, TypeError):
        raise OutputError(f"{url.split('?')[0]} did not answer the staging-graph query with "
                          "SPARQL JSON results; is --query-endpoint a SPARQL query URL?",
                          code="E624") from None
    orphans = [name for name in names if is_orphaned(name, everything=everything)]
    for name in orphans:
        client.delete(name)
    return orphans


def cleanup(endpoint: str, *, query_endpoint: str | None = None, timeout: float = 60.0,
            retries: int = 3, backoff: float = 0.5,
            sleep: Callable[[float], None] = time.sleep) -> PublishResult:
    """``publish --cleanup``: drop every orphaned staging graph, another host's included.

    Only this host's running publishes keep theirs; give it when no other host publishes.
    """
    client = _client(endpoint, None, timeout, retries, backoff, sleep)
    result = PublishResult()
    result.cleaned = remove_orphans(
        client, query_endpoint or default_query_endpoint(client.endpoint), everything=True)
    result.requests = client.requests
    return result


def publish(path: Path, endpoint: str, *, graph: str | None = None, replace: bool = False,
            update_endpoint: str | None = None, query_endpoint: str | None = None,
            chunk_size: int = 50_000, timeout: float = 60.0, retries: int = 3,
            backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep,
            progress: Callable[[str], None] | None = None) -> PublishResult:
    """Publish a graph file into a SPARQL store, one named graph per report.

    Args:
        path: a graph file (TriG/N-Quads keep their graphs; see ``read_graph_file``).
        endpoint: the Graph Store Protocol URL.
        graph: the named graph for the report's triples (default ``graph_iri(year)``).
        replace: replace graphs that exist (atomically where possible, see above).
        update_endpoint: the SPARQL Update URL; derived for Oxigraph and Fuseki when None.
        query_endpoint: the SPARQL query URL, to find orphaned staging graphs; derived for
            Oxigraph and Fuseki when None.
        chunk_size: triples per request.
        timeout, retries, backoff, sleep: per-request behaviour (see ``GraphStoreClient``).
        progress: called with one line per step.

    Raises:
        InputError: for an unreadable graph file (E1xx); E125 for one without a triple,
            before any request.
        OutputError: E620 bad URL; E621 unreachable; E622 refused; E623 a graph exists and
            ``replace`` was not given; E625 the store went away while a graph was sent
            without staging (the graph may be partly written).
    """
    say = progress or (lambda _line: None)
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError:
            raise OutputError(f"--graph-iri {graph!r} is not an IRI", code="E620") from None
    graphs = read_graph_file(path, graph=graph, require_named=True)
    if not any(graphs.values()):
        raise InputError(f"{path} holds no triples: nothing to publish", code="E125")
    client = _client(endpoint, update_endpoint, timeout, retries, backoff, sleep,
                     query_endpoint)
    named = {name: triples for name, triples in graphs.items() if name is not None}
    result = PublishResult()
    run = StagingRun.begin()
    try:
        status, _ = client.update(f"DROP SILENT GRAPH {_ref(run.name(0))}")
        staged = 200 <= status < 300
        if staged:
            query_url = query_endpoint or default_query_endpoint(client.endpoint)
            try:
                result.cleaned = remove_orphans(client, query_url)
            except OutputError as exc:
                result.warnings.append(f"orphaned staging graphs were not looked for: "
                                       f"{exc.message}")
            for name in result.cleaned:
                say(f"removed the orphaned staging graph {name}")
        existing = [name for name in sorted(named) if client.exists(name)]
        if existing and not replace:
            raise OutputError(f"the store already has {', '.join(existing)}; pass --replace "
                              "to swap in this file's graphs", code="E623")
        if staged:
            _publish_staged(client, named, chunk_size, result, say, run)
        else:
            _publish_unstaged(client, named, existing, chunk_size, result, say)
    finally:
        run.end()
    if graphs.get(None):
        try:
            for part in chunks(graphs[None], chunk_size):
                client.send("POST", None, part)
        except OutputError as exc:  # Virtuoso's graph-crud endpoint has no default graph
            result.warnings.append(
                f"the store did not take the default graph, so its {len(graphs[None])} "
                f"triples (the dataset description) are not published; the report graphs "
                f"are: {exc.message}")
        else:
            result.graphs[DEFAULT_GRAPH] = len(graphs[None])
            say(f"merged {len(graphs[None])} triples into the default graph")
    result.requests = client.requests
    return result


def _publish_unstaged(client: GraphStoreClient, named: dict[str, list[ox.Triple]],
                      existing: list[str], chunk_size: int, result: PublishResult,
                      say: Callable[[str], None]) -> None:
    """No SPARQL Update: each graph by PUT/POST, atomic only when it fits in one request."""
    for name in sorted(named):
        parts = chunks(named[name], chunk_size)
        _send_all(client, name, parts, replace=name in existing, say=say)
        result.graphs[name] = len(named[name])
        if name in existing and len(parts) > 1:
            result.atomic = False
            result.warnings.append(
                f"{name} was replaced in {len(parts)} requests (the store has no SPARQL "
                "Update endpoint to swap it in one; give --update-endpoint if it has "
                "one), so readers may have seen it partly loaded")


def _send_all(client: GraphStoreClient, name: str, parts: list[bytes], *, replace: bool,
              say: Callable[[str], None]) -> None:
    """PUT-then-POST (replace) or POST only (a new graph); a new graph half sent is removed.

    When the store cannot be reached to remove it (or to finish a replace), the error says
    that the graph may be left partly written, and how to put it right.
    """
    sent = 0
    try:
        for index, part in enumerate(parts):
            method = "PUT" if replace and index == 0 else "POST"
            client.send(method, name, part)
            sent += 1
            say(f"{name}: chunk {index + 1}/{len(parts)} sent")
    except OutputError as exc:
        removed = False
        if not replace:
            try:
                client.delete(name)
                removed = True
            except OutputError:
                pass
        if sent and not removed:
            raise OutputError(f"{exc.message}; {name} got {sent} of its {len(parts)} requests "
                              "and may be left partly written (the store has no SPARQL "
                              "Update endpoint to stage it): run again with --replace once "
                              "the store is back", code="E625") from None
        raise


def _publish_staged(client: GraphStoreClient, named: dict[str, list[ox.Triple]],
                    chunk_size: int, result: PublishResult, say: Callable[[str], None],
                    run: StagingRun) -> None:
    """Upload into staging graphs, then move all of them in with one update request.

    ``MOVE`` without ``SILENT``: should a staging graph be gone (dropped by someone's
    ``--cleanup``), the whole update fails and no graph changes, instead of the target
    being dropped and left empty.
    """
    staging = {name: run.name(index + 1) for index, name in enumerate(sorted(named))}
    try:
        for name in sorted(named):
            parts = chunks(named[name], chunk_size)
            for index, part in enumerate(parts):
                client.send("POST", staging[name], part)
                say(f"{name}: chunk {index + 1}/{len(parts)} staged")
        operations = []
        for name in sorted(named):
            if named[name]:
                operations.append(f"MOVE GRAPH {_ref(staging[name])} TO GRAPH {_ref(name)}")
            else:
                operations.append(f"DROP SILENT GRAPH {_ref(name)}")
        status, body = client.update(" ;\n".join(operations))
        client.check(status, body, "swap the staged graphs in", client.update_endpoint or "")
    except OutputError:
        for stage in staging.values():
            with contextlib.suppress(OutputError):
                client.delete(stage)
        raise
    for name in sorted(named):
        result.graphs[name] = len(named[name])
        say(f"{name}: swapped in atomically")


__all__ = ["GraphStoreClient", "PublishResult", "chunks", "cleanup", "default_query_endpoint",
           "default_update_endpoint", "graph_store_url", "publish", "remove_orphans"]
