"""Refuse what a public read-only endpoint must never run: updates, ``SERVICE`` and ``LOAD``.

pyoxigraph (like rdflib and the Oxigraph server) makes the outbound HTTP request for
``SERVICE <url>`` and ``LOAD <url>`` with no switch to turn that off, and it offers no way to
look inside a parsed query. So the query is checked *before* it reaches the store, twice:

1. **rdflib's SPARQL 1.1 parser** (``parseQuery``; ``parseUpdate`` only to say why a text is
   refused) gives the full parse tree; a ``ServiceGraphPattern`` anywhere in it refuses the
   query, and a text that parses only as an update is refused as an update (``LOAD`` is an
   update operation). A text rdflib cannot parse is refused too: failing closed costs a
   rare SPARQL extension, failing open would let one through.
2. **A tokenizer** that blanks out strings, IRIs and comments and looks for the ``SERVICE``
   keyword. It is there because two parsers can disagree: rdflib expands ``\\uXXXX`` escapes
   before parsing (as SPARQL 1.1 §19.2 says) while Oxigraph decodes them only inside strings
   and IRIs, so ``"\\u005C" SERVICE ...`` is one string to rdflib and a string followed by a
   ``SERVICE`` clause to Oxigraph. The tokenizer reads the text both ways and refuses if
   either reading has the keyword outside a string.

Outside strings and IRIs a backslash can only escape a character of a prefixed name
(``ex:a\\#``, SPARQL's ``PN_LOCAL_ESC``), so the tokenizer reads it with the next character
as one opaque token: Oxigraph reads ``ex:a\\#`` as a name, not as a comment that would hide
what follows.

The two readers catch each other's blind spots, which is why both run. Oxigraph matches
keywords with no word boundary after them, so ``SERVICE:x {...}`` (with ``PREFIX :``),
``SERVICEx:y {...}`` and ``SERVICESILENT<...> {...}`` all make the outbound request there;
rdflib reads the first as a ``SERVICE`` clause and cannot parse the other two, and the
tokenizer refuses all three because it looks only at what comes before the word. Neither
alone is enough, and even together they are only a reading of the text: that is why the
guarantee does not rest on them. The worker that runs the query is jailed off the network
by the kernel (``tipgraph.core.netjail``), so a query both readers misread fails there
with E509 instead of connecting; the guard's 403 is the answer a client normally sees,
the jail is what makes it a promise. The store is also opened read-only, so an update
that got past both could still not write.

rdflib's parser is slow (5-30 ms for a typical query), so a worker keeps the verdicts of
the last few hundred distinct query texts (``check_query_cached``).

Example:
    >>> check_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1").form
    'SELECT'
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from tipgraph.core.errors import QueryError

#: Query forms, as the first clause rdflib's parser names them.
_FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "AskQuery": "ASK",
          "DescribeQuery": "DESCRIBE"}

# Strings (long forms first), IRIs and comments: the spans in which a keyword is not one.
_OPAQUE = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|\\."  # an escaped character of a prefixed name (ex:a\#) starts no comment
    r"|#[^\n\r]*",
    re.DOTALL)
# SERVICE as a keyword. Oxigraph matches keywords without a word boundary after them, so
# "SERVICE:x", "SERVICEx:y" and "SERVICESILENT<...>" all run a SERVICE clause there: nothing
# may follow-exclude. Only what comes before can rule it out: a variable (?SERVICE), the
# local part of a prefixed name (schema:Service) or the tail of a longer word.
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class RefusedQueryError(QueryError):
    """A query the endpoint will not run, with the HTTP status that says why.

    Attributes:
        status: 400 malformed, 403 forbidden (update, ``SERVICE``), 413 too long.
    """

    def __init__(self, message: str, *, code: str, status: int) -> None:
        super().__init__(message, code=code)
        self.status = status


@dataclass(frozen=True, slots=True)
class CheckedQuery:
    """A query that passed the guard.

    Attributes:
        text: the query as given (the store parses it again).
        form: ``SELECT``, ``CONSTRUCT``, ``ASK`` or ``DESCRIBE``.
        names_graphs: whether it reads named graphs or sets its own dataset (a ``GRAPH``
            pattern, ``FROM`` or ``FROM NAMED``); a query that does not sees only the
            default graph, which lets a worker answer it from the union alone.
    """

    text: str
    form: str
    names_graphs: bool = True


def _expand_escapes(text: str) -> str:
    def expand(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _ESCAPE.sub(expand, text)


def has_service_keyword(text: str) -> bool:
    """True if ``SERVICE`` may be read as a keyword in ``text`` either way (see above).

    It errs on the side of refusing: ``PREFIX service: <...>`` followed by ``service:x`` is
    refused too.

    Example:
        >>> has_service_keyword('SELECT * { ?s ?p "SERVICE" } # SERVICE')
        False
        >>> has_service_keyword(r'SELECT * { BIND("\\u005C" AS ?x) SERVICE <x:y> {} }')
        True
    """
    for reading in (text, _expand_escapes(text)):
        if _SERVICE.search(_OPAQUE.sub(" ", reading)):
            return True
    return False


def _walk_names(node: object, names: set[str], depth: int = 0) -> None:
    """Collect the names of the parse tree's nodes (``CompValue.name``)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > 500:  # rdflib itself recurses far less deep; a cycle would be a bug
        raise RefusedQueryError("the query is nested too deeply to check", code="E540", status=400)
    if isinstance(node, CompValue):
        names.add(node.name)
        for value in node.values():
            _walk_names(value, names, depth + 1)
    elif isinstance(node, list | tuple) or hasattr(node, "as_list"):
        for value in node:  # type: ignore[attr-defined]
            _walk_names(value, names, depth + 1)


def service_refused() -> RefusedQueryError:
    """The refusal of a query with a SERVICE clause (the guard's and a pre-checked query's)."""
    return RefusedQueryError("SERVICE (federated query to another endpoint) is refused here; "
                             "query the other endpoint yourself", code="E542", status=403)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]


def check_query(text: str, *, max_length: int = 65536) -> CheckedQuery:
    """Return the checked query, or raise why it is refused.

    Args:
        text: the SPARQL text from the request.
        max_length: the longest text (in characters) the endpoint parses.

    Raises:
        RefusedQueryError: E543 too long (413); E541 an update or ``LOAD`` (403); E542 a
            ``SERVICE`` clause (403); E540 not a SPARQL 1.1 query (400).
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if len(text) > max_length:
        raise RefusedQueryError(f"the query is {len(text)} characters long; the limit is "
                           f"{max_length}", code="E543", status=413)
    if not text.strip():
        raise RefusedQueryError("the query is empty", code="E540", status=400)
    if has_service_keyword(text):
        raise service_refused()
    try:
        parsed = parseQuery(text)
    except (ParseBaseException, ValueError, TypeError, RecursionError) as exc:
        try:
            parseUpdate(text)
        except (ParseBaseException, ValueError, TypeError, RecursionError):
            raise RefusedQueryError(f"not a SPARQL 1.1 query: {_first_line(exc)}", code="E540",
                               status=400) from None
        raise RefusedQueryError("this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, "
                           "CLEAR, DROP, ...) are refused", code="E541", status=403) from None
    names: set[str] = set()
    _walk_names(parsed, names)
    if "ServiceGraphPattern" in names:
        raise service_refused()
    top = parsed[-1] if len(parsed) else None
    form = _FORMS.get(getattr(top, "name", ""))
    if form is None:
        raise RefusedQueryError("not a SELECT, CONSTRUCT, ASK or DESCRIBE query", code="E540",
                           status=400)
    return CheckedQuery(text=text, form=form,
                        names_graphs=bool(names & {"GraphGraphPattern", "DatasetClause"}))


_CACHE: OrderedDict[tuple[str, int], CheckedQuery | RefusedQueryError] = OrderedDict()
_CACHE_SIZE = 512


def check_query_cached(text: str, *, max_length: int = 65536) -> CheckedQuery:
    """``check_query`` with the verdicts of recent texts kept (a refusal is kept too).

    Per process and not locked: each worker answers one query at a time.
    """
    key = (text, max_length)
    verdict = _CACHE.get(key)
    if verdict is None:
        try:
            verdict = check_query(text, max_length=max_length)
        except RefusedQueryError as exc:
            verdict = exc
        _CACHE[key] = verdict
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    if isinstance(verdict, RefusedQueryError):
        raise verdict
    return verdict


__all__ = ["CheckedQuery", "RefusedQueryError", "check_query", "check_query_cached",
           "has_service_keyword", "service_refused"]
