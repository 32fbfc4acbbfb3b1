"""A query's parameters written into its text as a ``VALUES`` block, for another store.

Locally rdflib binds parameters with ``initBindings``; a SPARQL endpoint takes only text.
Pasting a value into the text would let the value change the query (``KWT> } DROP ...``),
so each value goes in as one RDF term written by rdflib's ``n3()`` (a literal's quotes and
backslashes escaped; IRIs are checked by ``tipgraph.queries.term`` and cannot hold ``>``),
in a ``VALUES (?a ?b) { (term term) }`` block that opens the query's ``WHERE`` group: the
group joins the values with its patterns, as ``initBindings`` does. The same block also opens
each branch of a ``UNION`` in that group, so that an engine binds the branches before it
answers them. The ``WHERE`` is found
with comments, strings and IRIs blanked out, so a ``WHERE {`` inside them is not taken.

Example:
    >>> from rdflib import Literal
    >>> with_values("SELECT ?y WHERE { ?s ?p ?y }", {"y": Literal("a")})
    'SELECT ?y WHERE { VALUES (?y) { ("a") } ?s ?p ?y }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise

from rdflib.term import Identifier

from tipgraph.core.errors import QueryError

#: What may hold a ``WHERE {`` that is not one: long and short strings, IRIs, comments.
_OPAQUE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_UNION = re.compile(r"\s*UNION\s*", re.IGNORECASE)
_SUBQUERY = re.compile(r"\s*SELECT\b", re.IGNORECASE)


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
    block = f" VALUES ({names}) {{ ({terms}) }}"
    for cut in sorted([at, *_union_branches(blank, at)], reverse=True):
        text = f"{text[:cut]}{block}{text[cut:]}"
    return text


def _union_branches(blank: str, at: int) -> list[int]:
    """Where the groups that are branches of a ``UNION`` of the ``WHERE`` group open.

    Oxigraph joins a ``VALUES`` block with a ``UNION`` after answering each branch unbound
    (a route query from a destination: 0.6 s instead of 0.14 s on a 25-year store), so the
    block is put into each branch as well: (V join A) union (V join B), joined with V again
    at the top, is the same answer. Only a union that opens the ``WHERE`` group is taken
    (offsets just after its branches' opening braces): after patterns of the group, Oxigraph
    already answers the branches row by row with the bindings those patterns give, and a
    block in each branch makes that slower (country-timeline: 80 ms to 160 ms).
    """
    groups: list[tuple[int, int]] = []  # (offset after "{", offset of "}") of depth-2 groups
    depth, opened = 1, 0
    for index in range(at, len(blank)):
        char = blank[index]
        if char == "{":
            depth += 1
            if depth == 2:
                opened = index + 1
        elif char == "}":
            depth -= 1
            if depth == 1:
                groups.append((opened, index))
            elif depth == 0:
                break
    if not groups or blank[at:groups[0][0] - 1].strip():
        return []
    branches = [groups[0][0]]
    for (_, close_a), (open_b, _) in pairwise(groups):
        if not _UNION.fullmatch(blank[close_a + 1:open_b - 1]):
            break
        branches.append(open_b)
    # A branch that is a subquery ({ SELECT ... }) takes no block before its SELECT.
    return [b for b in branches if len(branches) > 1 and not _SUBQUERY.match(blank, b)]


__all__ = ["with_values"]
