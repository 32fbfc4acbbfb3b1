"""The HTTP server: SPARQL 1.1 Protocol, dereferenceable IRIs, ontology, shapes, VoID, home.

Routes:

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
========================  ===================================================================

Resource IRIs are slash IRIs that name things (a narrative, a country), not documents, so
``/id/...`` answers 303 with the document's address (the "Cool URIs for the Semantic Web"
convention, W3C note 2008, §4.3); the ontology's terms are hash IRIs, so ``/ontology`` is the
document itself and answers 200 with ``Vary: Accept``.

The standard library's ``ThreadingHTTPServer`` is enough: every request thread only parses
and forwards, while the queries run in the worker pool, which is what bounds the load. No
web framework would add a time limit that pyoxigraph lacks.

Example:
    >>> with Server(Path("store"), port=0) as server:  # doctest: +SKIP
    ...     urllib.request.urlopen(server.url + "/sparql?query=ASK{}").read()
    b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import contextlib
import re
import sys
import threading
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pyoxigraph as ox

from tipgraph.core.errors import OutputError
from tipgraph.ontology import ID_BASE, PREFIXES, ontology_text
from tipgraph.serve import describe as desc
from tipgraph.serve import negotiation as media
from tipgraph.serve import pages
from tipgraph.serve.framing import check_framing
from tipgraph.serve.pool import QueryPool
from tipgraph.serve.worker import QueryRequest, QueryResponse

_PATH = re.compile(r"^[A-Za-z0-9._~\-]+(?:/[A-Za-z0-9._~\-]+)*$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")
_DATA_EXTENSIONS = {ext: mt for mt, ext in media.EXTENSIONS.items() if mt != media.HTML}
_DOC_TYPES = (media.TURTLE, media.N_TRIPLES, media.JSON_LD)
_ALL_DOC_TYPES = (*_DOC_TYPES, media.RDF_XML)
_TEXT_TYPES = {media.HTML, media.TURTLE, media.N_TRIPLES, media.CSV, media.TSV}
_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
#: Sent with every answer. The pages load only /style.css and submit forms only here; no
#: script runs, so none is allowed, and a page can never be framed. The policy is on RDF and
#: JSON answers too: a browser that shows one runs nothing from it either. Referrer-Policy:
#: a results page's address holds the query, which a link to another site must not carry.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@dataclass(frozen=True, slots=True)
class Limits:
    """What one query may cost; every value is a ``tipgraph serve`` option.

    Attributes:
        timeout: seconds a query may run before its worker is killed (503 E544).
        max_result_bytes: bytes a serialised result may take (422 E545).
        max_query_length: characters a query may have (413 E543).
        workers: queries that run at once (each in its own process).
        queue_timeout: seconds a request waits for a free worker (503 E546); default timeout.
        memory: each worker holds the union graph in memory too and answers the queries
            that read only the default graph from it (``--memory``): 2-4 times faster on
            a large archive, for the union's size in memory per worker.
        slow_workers: processes of the slow lane, and long queries at once (503 E554).
        slow_after: seconds after which a query counts as long (default 1, at most timeout).
        queue: requests that may wait for a worker (503 E555 past it).
        worker_memory: bytes each worker may use (503 E551); None: a share of the machine's
            memory (``tipgraph.serve.limits.default_worker_memory``); 0: no cap.
        client_header: who a client is, for the slow-client rule (``QueryPool``): "" the
            peer address; a header name (``X-Forwarded-For``, its last value) behind a
            proxy that sets it; "none" no per-client rule.
    """

    timeout: float = 10.0
    max_result_bytes: int = 16 * 1024 * 1024
    max_query_length: int = 65536
    workers: int = 2
    queue_timeout: float | None = None
    memory: bool = False
    slow_workers: int = 1
    slow_after: float | None = None
    queue: int = 64
    worker_memory: int | None = None
    client_header: str = ""

    @property
    def max_body_bytes(self) -> int:
        """The largest request body: a form-encoded query takes up to 3 bytes a character
        (``%XX``), and a UTF-8 character up to 4 more."""
        return self.max_query_length * 12 + 4096


class _ReplyError(Exception):
    """Raised inside a handler to answer with an error at once."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise _ReplyError(400, "E540", f"give the {name!r} parameter once, not {len(values)} times")
    return values[0] if values else None


@cache
def _ontology_bytes(media_type: str) -> bytes:
    text = ontology_text()
    if media_type == media.TURTLE:
        return text.encode("utf-8")
    if media_type == media.HTML:
        from tipgraph.ontology import ontology_graph

        return pages.ontology(ontology_graph())
    return _convert(text, media_type)


def _convert(turtle: str, media_type: str) -> bytes:
    triples = [q.triple for q in ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)]
    return _serialize(triples, media_type)


@cache
def _shapes_turtle() -> str | None:
    """The shipped SHACL shapes as one Turtle text, or None if this install has none."""
    try:
        from tipgraph.shapes import shapes_files, shapes_text
    except ImportError:
        return None
    names = shapes_files()
    return "\n".join(shapes_text(name) for name in names) if names else None


def _serialize(triples: list[ox.Triple], media_type: str) -> bytes:
    fmt = media.oxigraph_format(media_type)
    return ox.serialize(triples, format=fmt, prefixes=_PREFIXES if fmt == ox.RdfFormat.TURTLE
                        else None) or b""


class Server:
    """The tipgraph HTTP server over one store directory.

    Args:
        store_path: an Oxigraph store directory (not open for writing by anyone).
        host: the address to listen on (loopback by default: exposing it is a choice).
        port: the port; 0 picks a free one (see ``url``).
        limits: per-query limits and the number of workers.
        public_url: the server's address as clients see it (behind a proxy), for VoID.
        log: write one access-log line per request to stderr.
        confine: jail the query workers off the network (``tipgraph.core.netjail``); False
            only for ``--unconfined-queries``.
    """

    def __init__(self, store_path: Path, *, host: str = "127.0.0.1", port: int = 8000,
                 limits: Limits | None = None, public_url: str | None = None,
                 log: bool = False, confine: bool = True) -> None:
        self.store_path = Path(store_path)
        self.limits = limits or Limits()
        self.host, self.port = host, port
        self.public_url = public_url.rstrip("/") if public_url else None
        self.log = log
        self.pool = QueryPool(self.store_path, workers=self.limits.workers,
                              timeout=self.limits.timeout,
                              queue_timeout=self.limits.queue_timeout, prefixes=_PREFIXES,
                              memory=self.limits.memory,
                              slow_workers=self.limits.slow_workers,
                              slow_after=self.limits.slow_after, max_waiting=self.limits.queue,
                              worker_memory=self.limits.worker_memory, confine=confine)
        self._http: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stats: desc.Stats | None = None
        self._stats_lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle
    def bind(self) -> Server:
        """Start the workers and bind the socket (``url`` is known from here on).

        Raises:
            OutputError: E630 when the address cannot be bound; E633 when the store cannot
                be opened; E634 when the workers cannot be jailed off the network.
        """
        self.pool.start()
        try:
            http = ThreadingHTTPServer((self.host, self.port), _Handler, bind_and_activate=True)
        except OSError as exc:
            self.pool.close()
            raise OutputError(f"cannot listen on {self.host}:{self.port}: "
                              f"{exc.strerror or exc}", code="E630") from None
        http.daemon_threads = True
        http.app = self  # type: ignore[attr-defined]
        self._http = http
        self.port = http.server_address[1]
        return self

    @property
    def url(self) -> str:
        """The server's base URL, ``http://host:port``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> Server:
        """Bind and serve in a background thread (for tests and embedding)."""
        if self._http is None:
            self.bind()
        assert self._http is not None
        # a short poll interval so that close() returns promptly
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.1,),
                                        name="tipgraph-http", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Bind if needed and serve in this thread until ``close`` or Ctrl-C."""
        if self._http is None:
            self.bind()
        assert self._http is not None
        self._http.serve_forever()

    def close(self) -> None:
        """Stop serving and end the workers."""
        if self._http is not None:
            if self._thread is not None:
                self._http.shutdown()
                self._thread.join(timeout=5)
            self._http.server_close()
            self._http = None
        self.pool.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------------ queries
    def query(self, text: str, *, accept: str | None = None, fmt: str | None = None,
              union: bool = True, default_graphs: tuple[str, ...] = (),
              named_graphs: tuple[str, ...] = (), trusted: bool = False,
              client: str = "") -> QueryResponse:
        """Run one query in the pool under the server's limits.

        ``trusted`` is for queries this server wrote (see ``QueryRequest``), never a client's.
        ``client`` says who asked (``_Handler.client``), for the slow-client rule.
        """
        return self.pool.run(QueryRequest(
            text=text, accept=accept, fmt=fmt, default_graphs=default_graphs,
            named_graphs=named_graphs, union_default=union,
            max_result_bytes=self.limits.max_result_bytes,
            max_query_length=self.limits.max_query_length, trusted=trusted), client)

    def run_json(self, text: str, *, union: bool = True) -> dict[str, object]:
        """Run an internal SELECT/ASK and parse its JSON (``describe.Runner``)."""
        response = self.query(text, fmt="json", union=union, trusted=True)
        if not response.ok:
            raise desc.DescribeError(response.status, f"{response.code}: {response.message}")
        return desc.parse_json(response.body)

    def stats(self) -> desc.Stats:
        """The store's counts, computed on first use (the store does not change)."""
        with self._stats_lock:
            if self._stats is None:
                self._stats = desc.statistics(self.run_json)
            return self._stats


class _Handler(BaseHTTPRequestHandler):
    """One request: route, negotiate, answer. Never raises out (an error is an answer)."""

    protocol_version = "HTTP/1.1"
    server_version = "tipgraph"
    timeout = 60  # a client that stops sending is dropped, not waited for
    # headers and body are two writes; with Nagle on, a keep-alive client's delayed ACK
    # would hold the body back ~40 ms
    disable_nagle_algorithm = True
    app: Server

    # ------------------------------------------------------------------ plumbing
    def setup(self) -> None:
        super().setup()
        self.app = self.server.app  # type: ignore[attr-defined]
        self._head = False

    def parse_request(self) -> bool:
        self._head = False  # per request: a keep-alive connection may follow HEAD with GET
        self._body_length = 0
        if not super().parse_request():
            return False
        framing = check_framing(self.headers)  # tipgraph.serve.framing: before anything else
        if not framing.ok:
            self.close_connection = True  # where this request ends is not known
            with contextlib.suppress(OSError):
                self.send_error_reply(framing.status, framing.code, framing.message)
            return False
        self._body_length = framing.length or 0
        return True

    def end_headers(self) -> None:
        """Every answer, http.server's own error pages included, carries SECURITY_HEADERS."""
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if self.app.log:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def send(self, status: int, body: bytes, media_type: str = "text/plain", *,
             headers: dict[str, str] | None = None) -> None:
        """Answer with ``body``; the charset is added for text types."""
        content_type = media_type
        if media_type in _TEXT_TYPES or media_type == "text/plain":
            content_type += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not self._head:
            self.wfile.write(body)

    def send_error_reply(self, status: int, code: str, message: str, *,
                         headers: dict[str, str] | None = None) -> None:
        """An error: a page for a browser, one line ``E544: ...`` for everyone else."""
        if media.prefers_html(self.headers.get("Accept")):
            self.send(status, pages.error_page(status, f"{code}: {message}"), media.HTML,
                      headers=headers)
        else:
            self.send(status, f"{code}: {message}\n".encode(), headers=headers)

    def send_response_of(self, response: QueryResponse) -> None:
        """Forward a worker's answer."""
        if response.ok:
            self.send(200, response.body, response.media_type, headers={"Vary": "Accept"})
        else:
            self.send_error_reply(response.status, response.code, response.message,
                                  headers=dict(response.headers) or None)

    def _read_body(self) -> bytes:
        if self.headers.get("Content-Length") is None:  # the framing is checked already
            self.close_connection = True
            raise _ReplyError(411, "E540", "send the request body with a Content-Length")
        size, self._body_length = self._body_length, 0  # read now, or the connection closes
        if size > self.app.limits.max_body_bytes:
            self.close_connection = True  # the body is not read, so the connection is spent
            raise _ReplyError(413, "E543", f"the request body is {size} bytes; the limit is "
                         f"{self.app.limits.max_body_bytes}")
        return self.rfile.read(size) if size > 0 else b""

    def _close_if_body(self) -> None:
        """A body this request will not read (a GET's): close the connection after the
        answer, so that its bytes can never be read as the next request."""
        if self._body_length:
            self.close_connection = True

    def _dispatch(self, method: str) -> None:
        if method != "POST":
            self._close_if_body()
        try:
            parts = urlsplit(self.path)
            path = parts.path
            params = parse_qs(parts.query, keep_blank_values=True)
            if path == "/sparql":
                self.sparql(method, params)
            elif method == "POST":
                self.close_connection = True  # the body is not read
                raise _ReplyError(405, "E540", "only /sparql takes POST")
            elif path == "/":
                self.home(params)
            elif path.startswith("/id/"):
                self.resource_id(path[len("/id/"):], params)
            elif path.startswith("/page/"):
                self.resource_page(path[len("/page/"):])
            elif path.startswith("/data/"):
                self.resource_data(path[len("/data/"):], params)
            elif path in ("/ontology", "/ontology.ttl", "/ontology.nt", "/ontology.jsonld",
                          "/ontology.html"):
                self.ontology(path, params)
            elif path in ("/shapes", "/shapes.ttl", "/shapes.nt", "/shapes.jsonld"):
                self.shapes(path, params)
            elif path in ("/.well-known/void", "/void"):
                self.void(params)
            elif path == "/style.css":
                self.send(200, pages.asset("style.css").encode(), "text/css",
                          headers={"Cache-Control": "max-age=3600"})
            else:
                raise _ReplyError(404, "E550", f"nothing at {path}")
        except _ReplyError as reply:
            headers = {"Allow": "GET, HEAD, POST, OPTIONS"} if reply.status == 405 else None
            self.send_error_reply(reply.status, reply.code, reply.message, headers=headers)
        except desc.DescribeError as exc:
            self.send_error_reply(exc.status, "E548", exc.message)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as exc:  # the last line of defence: one line, never a traceback
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.send_error_reply(500, "E549", f"internal error: {type(exc).__name__}")

    def do_GET(self) -> None:
        """GET every route."""
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        """HEAD: as GET, without the body."""
        self._head = True
        self._dispatch("GET")

    def do_POST(self) -> None:
        """POST: SPARQL queries only."""
        self._dispatch("POST")

    def do_OPTIONS(self) -> None:
        """CORS preflight: any origin may query this read-only data."""
        self._close_if_body()
        self.send(204, b"", headers={
            "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Accept, Content-Type",
            "Access-Control-Max-Age": "86400",
            "Allow": "GET, HEAD, POST, OPTIONS"})

    def _refuse_method(self) -> None:
        self.close_connection = True
        self.send_error_reply(405, "E541", "this server is read-only",
                              headers={"Allow": "GET, HEAD, POST, OPTIONS"})

    def do_PUT(self) -> None:
        """Refused: read-only."""
        self._refuse_method()

    def do_DELETE(self) -> None:
        """Refused: read-only."""
        self._refuse_method()

    def do_PATCH(self) -> None:
        """Refused: read-only."""
        self._refuse_method()

    def client(self) -> str:
        """Who sent this request, for the slow-client rule (``Limits.client_header``)."""
        header = self.app.limits.client_header
        if header.lower() == "none":
            return ""
        if header:
            return (self.headers.get(header) or "").split(",")[-1].strip()
        return str(self.client_address[0])

    def base_url(self) -> str:
        """How clients reach this server: ``--public-url``, else the Host they used."""
        if self.app.public_url:
            return self.app.public_url
        host = self.headers.get("Host", "")
        return f"http://{host}" if _HOST.match(host) else self.app.url

    # ------------------------------------------------------------------ SPARQL
    def sparql(self, method: str, params: dict[str, list[str]]) -> None:
        """The SPARQL 1.1 Protocol (§2.1 query operation; §2.2 update is refused)."""
        query: str | None
        if method == "POST":
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            body = self._read_body()
            if content_type == "application/x-www-form-urlencoded":
                try:
                    form = parse_qs(body.decode("utf-8"), keep_blank_values=True,
                                    strict_parsing=False)
                except UnicodeDecodeError:
                    raise _ReplyError(400, "E540", "the form is not UTF-8") from None
                if "update" in form:
                    raise _ReplyError(403, "E541", "this endpoint is read-only: SPARQL updates are "
                                 "refused")
                params = {**params, **form}
                query = _one(params, "query")
            elif content_type == "application/sparql-query":
                try:
                    query = body.decode("utf-8")
                except UnicodeDecodeError:
                    raise _ReplyError(400, "E540", "the query is not UTF-8") from None
            elif content_type == "application/sparql-update":
                raise _ReplyError(403, "E541", "this endpoint is read-only: SPARQL updates are "
                             "refused")
            else:
                raise _ReplyError(415, "E540", f"POST a query as application/sparql-query or "
                             f"application/x-www-form-urlencoded, not {content_type or '(none)'}")
            if query is None:
                raise _ReplyError(400, "E540", "no 'query' in the request")
        else:
            if "update" in params:
                raise _ReplyError(403, "E541", "this endpoint is read-only: SPARQL updates are "
                             "refused (and are never sent by GET)")
            query = _one(params, "query")
        accept = self.headers.get("Accept")
        fmt = _one(params, "format") or _one(params, "output")
        if query is None:
            self.service_description(accept, fmt)
            return
        default_graphs = tuple(params.get("default-graph-uri", []))
        named_graphs = tuple(params.get("named-graph-uri", []))
        wants_html = (fmt or "").lower() == "html" or (not fmt and media.prefers_html(accept))
        if wants_html:
            response = self.app.query(query, accept=f"{media.SPARQL_JSON}, {media.TURTLE}",
                                      default_graphs=default_graphs, named_graphs=named_graphs,
                                      client=self.client())
            if response.ok:
                self.send(200, pages.results(query, response.form, response.media_type,
                                             response.body), media.HTML,
                          headers={"Vary": "Accept"})
                return
            self.send_response_of(response)
            return
        self.send_response_of(self.app.query(query, accept=accept, fmt=fmt,
                                             default_graphs=default_graphs,
                                             named_graphs=named_graphs, client=self.client()))

    def service_description(self, accept: str | None, fmt: str | None) -> None:
        """``GET /sparql`` with no query: the form for a browser, the service description
        (SPARQL 1.1 Service Description) for a program."""
        if (fmt or "").lower() == "html" or (not fmt and media.prefers_html(accept)):
            body = pages.page("SPARQL", "<h1>SPARQL query</h1>" + pages.query_form(""))
            self.send(200, body, media.HTML, headers={"Vary": "Accept"})
            return
        chosen = media.choose(accept, media.RDF_TYPES, fmt)
        if chosen is None:
            raise _ReplyError(406, "E547", "the service description is RDF; ask for "
                         + ", ".join(media.RDF_TYPES))
        self.send(200, _serialize(desc.service_description(self.base_url()), chosen), chosen,
                  headers={"Vary": "Accept"})

    # ------------------------------------------------------------------ home
    def home(self, params: dict[str, list[str]]) -> None:
        """The home page."""
        limits = self.app.limits
        body = pages.home(self.app.stats(), timeout=limits.timeout,
                          max_bytes=limits.max_result_bytes, query=_one(params, "query") or "")
        self.send(200, body, media.HTML)

    # ------------------------------------------------------------------ linked data
    def _iri(self, raw: str) -> tuple[str, str]:
        """The resource IRI for a request path (``narrative/2017/JAM``), or 404."""
        path = unquote(raw)
        if not _PATH.match(path):
            raise _ReplyError(404, "E550", f"/id/{raw} is not a tipgraph IRI")
        return ID_BASE + path, path

    def resource_id(self, raw: str, params: dict[str, list[str]]) -> None:
        """``/id/...``: 303 to the page or the data document, by negotiation."""
        iri, path = self._iri(raw)
        if not desc.exists(self.app.run_json, iri):
            raise _ReplyError(404, "E550", f"no resource {iri} in this dataset")
        accept, fmt = self.headers.get("Accept"), _one(params, "format")
        if (fmt or "").lower() == "html" or (not fmt and media.prefers_html(accept)):
            location = f"/page/{quote(path)}"
        else:
            chosen = media.choose(accept, _ALL_DOC_TYPES, fmt)
            if chosen is None:
                raise _ReplyError(406, "E547", "ask for text/html, " + ", ".join(_DOC_TYPES))
            location = f"/data/{quote(path)}.{media.EXTENSIONS[chosen]}"
        self.send(303, f"See {location}\n".encode(), headers={
            "Location": location, "Vary": "Accept"})

    def resource_page(self, raw: str) -> None:
        """``/page/...``: the HTML description."""
        iri, path = self._iri(raw)
        description = desc.describe(self.app.run_json, iri)
        if description is None:
            raise _ReplyError(404, "E550", f"no resource {iri} in this dataset")
        self.send(200, pages.resource(description, quote(path)), media.HTML)

    def resource_data(self, raw: str, params: dict[str, list[str]]) -> None:
        """``/data/...[.ext]``: the RDF description, by extension or negotiation."""
        stem, dot, ext = raw.rpartition(".")
        chosen: str | None
        if dot and ext in _DATA_EXTENSIONS:
            raw, chosen = stem, _DATA_EXTENSIONS[ext]
            headers = {}
        else:
            chosen = media.choose(self.headers.get("Accept"), _ALL_DOC_TYPES,
                                  _one(params, "format"))
            if chosen is None:
                raise _ReplyError(406, "E547", "ask for " + ", ".join(_DOC_TYPES))
            headers = {"Vary": "Accept",
                       "Content-Location": f"/data/{raw}.{media.EXTENSIONS[chosen]}"}
        iri, _path = self._iri(raw)
        if not desc.exists(self.app.run_json, iri):
            raise _ReplyError(404, "E550", f"no resource {iri} in this dataset")
        response = self.app.query(desc.construct_query(iri), fmt=chosen, trusted=True)
        if not response.ok:
            self.send_response_of(response)
            return
        self.send(200, response.body, response.media_type, headers=headers)

    # ------------------------------------------------------------------ documents
    def _document_type(self, path: str, params: dict[str, list[str]],
                       html: bool = True) -> str:
        """The media type for a document route: extension, ``format``, then ``Accept``."""
        _, dot, ext = path.rpartition(".")
        if dot and "/" not in ext:
            return media.FORMAT_NAMES[ext][0]
        fmt, accept = _one(params, "format"), self.headers.get("Accept")
        if html and ((fmt or "").lower() == "html" or (not fmt and media.prefers_html(accept))):
            return media.HTML
        chosen = media.choose(accept, _ALL_DOC_TYPES, fmt)
        if chosen is None:
            raise _ReplyError(406, "E547", "ask for text/html, " + ", ".join(_DOC_TYPES))
        return chosen

    def ontology(self, path: str, params: dict[str, list[str]]) -> None:
        """The ontology document (200: its terms are hash IRIs of this document)."""
        chosen = self._document_type(path, params)
        self.send(200, _ontology_bytes(chosen), chosen, headers={"Vary": "Accept"})

    def shapes(self, path: str, params: dict[str, list[str]]) -> None:
        """The SHACL shapes the data is validated against."""
        turtle = _shapes_turtle()
        if turtle is None:
            raise _ReplyError(404, "E550", "no SHACL shapes are shipped with this installation")
        chosen = self._document_type(path, params)
        if chosen == media.HTML:
            body = pages.rdf_document(
                "tipgraph SHACL shapes", "The shapes every tipgraph graph is validated "
                "against (<code>tipgraph validate</code>).", turtle,
                [("Turtle", "/shapes.ttl"), ("N-Triples", "/shapes.nt"),
                 ("JSON-LD", "/shapes.jsonld")])
        elif chosen == media.TURTLE:
            body = turtle.encode("utf-8")
        else:
            body = _convert(turtle, chosen)
        self.send(200, body, chosen, headers={"Vary": "Accept"})

    def void(self, params: dict[str, list[str]]) -> None:
        """The VoID / DCAT description of the dataset, with counts and the endpoint."""
        chosen = self._document_type("", params)
        triples = desc.void_triples(self.app.stats(), self.base_url())
        if chosen == media.HTML:
            turtle = _serialize(triples, media.TURTLE).decode("utf-8")
            body = pages.rdf_document(
                "Dataset description (VoID, DCAT)", "What this dataset holds, where it comes "
                "from, under which licence, and where to query it.", turtle,
                [("Turtle", "/.well-known/void?format=ttl"),
                 ("N-Triples", "/.well-known/void?format=nt"),
                 ("JSON-LD", "/.well-known/void?format=jsonld")])
        else:
            body = _serialize(triples, chosen)
        self.send(200, body, chosen, headers={"Vary": "Accept"})


__all__ = ["Limits", "Server"]
