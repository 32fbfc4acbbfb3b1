"""The HTTP request handler: framing, security headers, answers; the routes do the rest.

Every request passes ``tipgraph.serve.framing`` before anything else (one request's end must
be known, or the connection closes), then ``tipgraph.serve.routes`` hands it to the module of
its job: ``endpoint`` (SPARQL), ``resources`` (linked-data IRIs), ``documents`` (ontology,
shapes, VoID, home page, style sheet). What stays here is how an answer is sent: the status,
the content type, the security headers on every answer, an error as one line
``E544: ...`` (or a page for a browser), and no body for HEAD.
"""

from __future__ import annotations

import contextlib
import re
import sys
from http.server import BaseHTTPRequestHandler

from tipgraph.serve import describe as desc
from tipgraph.serve import negotiation as media
from tipgraph.serve import pages
from tipgraph.serve.framing import check_framing
from tipgraph.serve.request import App, ReplyError
from tipgraph.serve.routes import route
from tipgraph.serve.worker import QueryResponse

_HOST = re.compile(r"^[A-Za-z0-9.\-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")
_TEXT_TYPES = {media.HTML, media.TURTLE, media.N_TRIPLES, media.CSV, media.TSV}
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



class Handler(BaseHTTPRequestHandler):
    """One request: framing, then the route's module answers; never raises out (an error is
    an answer). The routes see it as a ``tipgraph.serve.request.Request``."""

    protocol_version = "HTTP/1.1"
    server_version = "tipgraph"
    timeout = 60  # a client that stops sending is dropped, not waited for
    # headers and body are two writes; with Nagle on, a keep-alive client's delayed ACK
    # would hold the body back ~40 ms
    disable_nagle_algorithm = True
    app: App

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

    def read_body(self) -> bytes:
        """The request body (the framing is checked already); at most ``max_body_bytes``."""
        if self.headers.get("Content-Length") is None:  # the framing is checked already
            self.close_connection = True
            raise ReplyError(411, "E540", "send the request body with a Content-Length")
        size, self._body_length = self._body_length, 0  # read now, or the connection closes
        if size > self.app.limits.max_body_bytes:
            self.close_connection = True  # the body is not read, so the connection is spent
            raise ReplyError(413, "E543", f"the request body is {size} bytes; the limit is "
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
            route(self, method, self.path)
        except ReplyError as reply:
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


__all__ = ["SECURITY_HEADERS", "Handler"]
