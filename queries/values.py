"""A query's parameters written into its text as a ``VALUES`` block, for another store.

Locally rdflib binds parameters with ``initBindings``; a SPARQL endpoint takes only text.
Pasting a value into the text would let the value change the query (``KWT> } DROP ...``),
so each value goes in as one RDF term written by rdflib's ``n3()`` (a literal's quotes and
backslashes escaped; IRIs are checked by ``tipgraph.queries.term`` and cannot hold ``>``),
in a ``VALUES (?a ?b) { (term term) }`` block that opens the query's ``WHERE`` group: the
group joins the values with its patterns, as ``initBindings`` does. The ``WHERE`` is found
with comments, strings and IRIs blanked out, so a ``WHERE {`` inside them is not taken.

Example:
    >>> from rdflib import Literal
    >>> with_values("SELECT ?y WHERE { ?s ?p ?y }", {"y": Literal("a")})
    'SELECT ?y WHERE { VALUES (?y) { ("a") } ?s ?p ?y }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib.term import Identifier

from tipgraph.core.errors import QueryError

#: What may hold a ``WHERE {`` that is not one: long and short strings, IRIs, comments.
_OPAQUE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _blanked(text: str) -> str:
    """``text`` with every string, IRI and comment replaced by spaces (same length)."""
    return _OPAQUE.sub(lambda match: " " * len(match.group()), text)


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """The query text with ``bindings`` in a ``VALUES`` block opening its ``WHERE`` group.

    Raises:
        QueryError: E565 when the query has no ``WHERE`` group to put the values in.
    """
    if not bindings:
        return text
    blank = _blanked(text)
    where = _WHERE.search(blank)
    if where is not None:
        at = where.end()
    else:  # SELECT and ASK may leave out the keyword: their first brace opens the group
        form = _FORM.search(blank)
        brace = blank.find("{", form.end()) if form is not None else -1
        if form is None or form.group(1).upper() not in ("SELECT", "ASK") or brace < 0:
            raise QueryError("the query has no WHERE group to bind its parameters in",
                             code="E565")
        at = brace + 1
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term.n3() for term in bindings.values())
    return f"{text[:at]} VALUES ({names}) {{ ({terms}) }}{text[at:]}"


__all__ = ["with_values"]
