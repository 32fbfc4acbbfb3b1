"""Run a parsed query on a local graph so that it cannot reach the network.

rdflib evaluates ``SERVICE <url>`` with ``urlopen`` and, on a ``Dataset``, loads the graph of
a ``FROM <url>`` / ``FROM NAMED <url>`` it does not hold from the web; ``LOAD <url>`` is an
update that fetches too. ``tipgraph query`` answers questions about a graph file, so none of
that is ever wanted, and a query file may come from anywhere. Three walls, each enough on
its own for rdflib:

1. **The parse tree is checked, and exactly that tree is evaluated.** ``prepare`` parses
   the text once; ``refuse_remote`` walks the algebra rdflib will evaluate (sub-queries,
   ``EXISTS`` filters and all) and refuses a ``ServiceGraphPattern`` (E506); the evaluation
   is given the same ``Query`` object, never the text again, so no second reading can
   differ from the checked one.
2. **Updates are refused by name** (E507): ``LOAD``, ``INSERT``, ``CLEAR``... are not queries.
3. **Graphs the dataset does not hold are refused** (E508), since rdflib would fetch them.

And the evaluation itself runs in a thread jailed off the network by the kernel
(``tipgraph.core.netjail.run_offline``) where this machine has seccomp: a connection
attempt there fails with EPERM, reported as E509, whatever the tree said.

Example:
    >>> from rdflib.plugins.sparql import prepareQuery
    >>> refuse_remote(prepareQuery("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }"), "q.rq")
    Traceback (most recent call last):
    ...
    tipgraph.core.errors.QueryError: E506: q.rq: ...
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Mapping

from rdflib import ConjunctiveGraph, Graph
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Identifier

from tipgraph.core.errors import QueryError
from tipgraph.core.netjail import run_offline

#: Nesting deeper than this is not a query a person wrote; rdflib's own parser stops sooner.
_MAX_DEPTH = 2000


def _nodes(node: object, depth: int = 0) -> Iterator[CompValue]:
    """Every ``CompValue`` of an algebra tree (the operators rdflib dispatches on)."""
    if depth > _MAX_DEPTH:
        raise QueryError("the query is nested too deeply to check", code="E506")
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _nodes(value, depth + 1)
    elif isinstance(node, list | tuple | set | frozenset):
        for value in node:
            yield from _nodes(value, depth + 1)


def refuse_remote(query: Query, source: str) -> None:
    """Refuse a query whose algebra holds a ``SERVICE`` clause.

    Raises:
        QueryError: E506 naming the endpoint it would call.
    """
    for node in _nodes(query.algebra):
        if node.name == "ServiceGraphPattern":
            target = node.get("term")
            raise QueryError(f"{source}: SERVICE {target.n3() if target is not None else ''} "
                             "would query another server; tipgraph query only reads the "
                             "graph it is given", code="E506")


def refuse_update(text: str, source: str) -> None:
    """Refuse a text that is a SPARQL update (``LOAD``, ``INSERT``...), not a query.

    Called when the text did not parse as a query, to say why in terms of what it is.

    Raises:
        QueryError: E507 when the text parses as an update.
    """
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # not an update either: the caller reports the query's parse error
        return
    raise QueryError(f"{source} is a SPARQL update (LOAD, INSERT, DELETE, CLEAR...); "
                     "tipgraph query runs queries only and never loads from the web",
                     code="E507")


def refuse_unheld_graphs(query: Query, graph: Graph, source: str) -> None:
    """Refuse ``FROM``/``FROM NAMED`` graphs a dataset does not hold (rdflib would fetch them).

    A plain ``Graph`` ignores the dataset clause, so only a ``Dataset`` is checked, with
    the test rdflib's ``QueryContext`` applies before it loads: an empty graph of that name.

    Raises:
        QueryError: E508 naming the first graph that is not there.
    """
    clauses = query.algebra.get("datasetClause") or []
    if not clauses or not isinstance(graph, ConjunctiveGraph):
        return
    for clause in clauses:
        name = clause.get("default") or clause.get("named")
        with warnings.catch_warnings():  # rdflib's own test, deprecated API and all
            warnings.simplefilter("ignore", DeprecationWarning)
            empty = name is not None and not graph.get_context(name)
        if empty:
            raise QueryError(f"{source}: FROM {name.n3()} is not a graph of this dataset, "
                             "and tipgraph query does not fetch graphs", code="E508")


def _denied(exc: BaseException) -> bool:
    """True if ``exc`` or what it wraps is the jail's EPERM (urllib wraps it in URLError)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, PermissionError):
            return True
        seen.add(id(current))
        reason = getattr(current, "reason", None)
        current = reason if isinstance(reason, BaseException) else (
            current.__cause__ or current.__context__)
    return False


def evaluate(graph: Graph, query: Query, bindings: Mapping[str, Identifier],
             source: str) -> Result:
    """Evaluate the checked ``query`` object on ``graph`` in a thread jailed off the network.

    The result is computed completely inside the jail (rdflib evaluates SELECT lazily, so
    its rows are drawn there), then handed back.

    Raises:
        QueryError: E506-E508 (see above); E509 when the evaluation tried to connect.
    """
    refuse_remote(query, source)
    refuse_unheld_graphs(query, graph, source)

    def work() -> Result:
        result = graph.query(query, initBindings=dict(bindings))
        if result.type == "SELECT":
            result.bindings  # noqa: B018 - draws every row now, inside the jail
        return result

    job: Callable[[], Result] = work
    try:
        result: Result = run_offline(job, required=False)
        return result
    except Exception as exc:
        if _denied(exc):
            raise QueryError(f"{source}: the query tried to open a network connection, "
                             "which was refused", code="E509") from None
        raise


__all__ = ["evaluate", "refuse_remote", "refuse_unheld_graphs", "refuse_update"]
