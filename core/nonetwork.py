"""A guard that makes any network request during a block fail, and remembers what it was.

Parsers reach out on their own: rdflib's JSON-LD parser fetches a ``@context`` given as a URL,
an XML parser may fetch an external DTD or entity. tipgraph checks its inputs for those
before parsing (``tipgraph.graph.guards``); this guard is the second line, for whatever a
library does that the checks do not know of. It is a ``sys.audit`` hook (PEP 578), the one
place every socket connection and urllib request of the process passes through; the hook is
installed once, on first use, and does nothing outside a ``no_network()`` block (a context
variable says whether one is active, so other threads and the server are not affected).

Example:
    >>> with no_network("reading graph.jsonld") as blocked:  # doctest: +SKIP
    ...     graph.parse(...)
    >>> blocked.attempts  # doctest: +SKIP
    ['urllib.Request http://example.org/context.jsonld']
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from tipgraph.core.errors import InputError

#: Audit events that stand for a network request (``urllib.Request`` names the URL).
_EVENTS = frozenset({"urllib.Request", "socket.connect", "socket.getaddrinfo",
                     "socket.gethostbyname", "http.client.connect"})


@dataclass(slots=True)
class Blocked:
    """What a ``no_network`` block refused: one line per attempt."""

    what: str
    attempts: list[str] = field(default_factory=list)

    def error(self) -> InputError:
        """The one-line error for the first refused request."""
        return InputError(f"{self.what} tried to make a network request "
                          f"({self.attempts[0]}); tipgraph makes none, so the file must be "
                          "usable offline", code="E117")


_active: ContextVar[Blocked | None] = ContextVar("tipgraph_no_network", default=None)
_installed = False


class NetworkRefusedError(OSError):
    """Raised inside the library that tried to connect (an OSError, as a failed connect)."""


def _describe(event: str, args: tuple[object, ...]) -> str:
    if event == "urllib.Request" and args:
        return f"{args[0]}"
    if event == "socket.connect" and len(args) > 1:
        return f"connect to {args[1]}"
    if args:
        return f"{event} {args[0]}"
    return event


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event not in _EVENTS:
        return
    blocked = _active.get()
    if blocked is None:
        return
    description = _describe(event, args)
    blocked.attempts.append(description)
    raise NetworkRefusedError(f"network request refused: {description}")


@contextlib.contextmanager
def no_network(what: str) -> Iterator[Blocked]:
    """Refuse every network request made inside the block; the caller checks ``attempts``.

    The refusal is raised inside the library that made the request, which may wrap or
    swallow it; ``Blocked.attempts`` keeps the record either way, so the caller can raise
    ``Blocked.error()`` instead of whatever the library made of it.
    """
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    blocked = Blocked(what)
    token = _active.set(blocked)
    try:
        yield blocked
    finally:
        _active.reset(token)


__all__ = ["Blocked", "NetworkRefusedError", "no_network"]
