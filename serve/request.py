"""What the route modules see of a request and of the server: two protocols and one error.

The HTTP handler (``tipgraph.serve.handler``) hands each request to the module of its job
(``endpoint`` for SPARQL, ``resources`` for the linked-data pages, ``documents`` for the
ontology, shapes, VoID, home page and style sheet). Those modules depend on these protocols,
not on the handler or the server classes, so none of them imports the modules that import
them.
"""

from __future__ import annotations

from email.message import Message
from typing import Protocol

from tipgraph.serve.describe import Stats
from tipgraph.serve.limits import Limits
from tipgraph.serve.worker import QueryResponse


class ReplyError(Exception):
    """Raised inside a route to answer with an error at once (``code: message``)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def one(params: dict[str, list[str]], name: str) -> str | None:
    """The single value of a query parameter, None when absent.

    Raises:
        ReplyError: 400 E540 when the parameter is given more than once.
    """
    values = params.get(name, [])
    if len(values) > 1:
        raise ReplyError(400, "E540", f"give the {name!r} parameter once, not {len(values)} times")
    return values[0] if values else None


class App(Protocol):
    """The server as a route sees it (``tipgraph.serve.app.Server``)."""

    limits: Limits
    public_url: str | None
    log: bool

    @property
    def url(self) -> str: ...

    def query(self, text: str, *, accept: str | None = None, fmt: str | None = None,
              union: bool = True, default_graphs: tuple[str, ...] = (),
              named_graphs: tuple[str, ...] = (), trusted: bool = False,
              client: str = "") -> QueryResponse: ...

    def run_json(self, text: str, *, union: bool = True) -> dict[str, object]: ...

    def stats(self) -> Stats: ...


class Request(Protocol):
    """One request as a route sees it (``tipgraph.serve.handler.Handler``)."""

    app: App
    headers: Message
    close_connection: bool

    def send(self, status: int, body: bytes, media_type: str = "text/plain", *,
             headers: dict[str, str] | None = None) -> None: ...

    def send_error_reply(self, status: int, code: str, message: str, *,
                         headers: dict[str, str] | None = None) -> None: ...

    def send_response_of(self, response: QueryResponse) -> None: ...

    def read_body(self) -> bytes: ...

    def client(self) -> str: ...

    def base_url(self) -> str: ...


__all__ = ["App", "ReplyError", "Request", "one"]
