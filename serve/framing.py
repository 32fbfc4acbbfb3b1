"""Where a request's body ends: one strict reading of ``Content-Length`` and ``Transfer-Encoding``.

Request smuggling: behind a proxy, the proxy and this server must agree on where each
request ends, or bytes the proxy took for the body of one request are read here as a
request of their own (which the proxy never checked, and whose answer goes to the next
client). Python's ``http.server`` reads the first of two ``Content-Length`` headers, passes
``+5``, `` 5 `` and ``1_0`` to ``int()`` (which takes all three), ignores
``Transfer-Encoding`` and the body of a ``GET``, and stops reading headers silently at a
malformed line (``Content-Length : 5``), keeping none of them. Proxies read each of those
differently. So every request's framing is checked here before anything else, and what
two readers could disagree on is refused, with the connection closed after the answer:

- 400 E557: two ``Content-Length`` headers (even equal ones), a value that is not plain
  digits, both ``Transfer-Encoding`` and ``Content-Length``, a malformed header line
  (whitespace before the colon, no colon) or an obsolete folded one (RFC 9112 §5.2).
- 411 E558: ``Transfer-Encoding: chunked`` (a query fits in one ``Content-Length`` body;
  RFC 9112 §6.3 lets a server ask for one).
- 501 E558: any other transfer coding (RFC 9112 §6.1: one the server does not understand).

A ``GET`` (or ``HEAD``, ``OPTIONS``) with a body is answered, but its connection is closed
afterwards (``tipgraph.serve.handler``) so the unread body can never become a request.

Example:
    >>> import email.message
    >>> headers = email.message.Message()
    >>> headers["Content-Length"] = "+5"
    >>> check_framing(headers).status
    400
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message

_DIGITS = re.compile(r"[0-9]{1,15}")


@dataclass(frozen=True, slots=True)
class Framing:
    """A request's framing verdict: its body length, or why it is refused.

    Attributes:
        length: the body's length in bytes (0 without ``Content-Length``); None if refused.
        status: 0 when accepted; the HTTP status of the refusal otherwise.
        code: the error code of the refusal.
        message: what was wrong, in one line.
    """

    length: int | None
    status: int = 0
    code: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        """Whether the request may be read."""
        return self.status == 0


def _bad(message: str, status: int = 400, code: str = "E557") -> Framing:
    return Framing(None, status, code, message)


def check_framing(headers: Message) -> Framing:
    """The framing of a request whose headers ``http.server`` parsed into ``headers``."""
    if headers.defects or headers.get_payload():
        return _bad("a header line is malformed (whitespace before the colon, or no colon)")
    for name, value in headers.items():
        if "\r" in value or "\n" in value:
            return _bad(f"the header {name} is folded over several lines")
    lengths = headers.get_all("Content-Length") or []
    codings = headers.get_all("Transfer-Encoding") or []
    if len(lengths) > 1:
        return _bad(f"{len(lengths)} Content-Length headers; send one")
    if codings and lengths:
        return _bad("both Transfer-Encoding and Content-Length; send only Content-Length")
    if codings:
        named = ", ".join(c.strip() for c in codings).lower()
        if named == "chunked":
            return _bad("chunked bodies are not accepted; send the body with a Content-Length",
                        411, "E558")
        return _bad(f"the transfer coding {named!r} is not supported; send the body with a "
                    "Content-Length", 501, "E558")
    if not lengths:
        return Framing(0)
    if not _DIGITS.fullmatch(lengths[0]):
        return _bad(f"Content-Length {lengths[0]!r} is not a number of bytes (digits only)")
    return Framing(int(lengths[0]))


__all__ = ["Framing", "check_framing"]
