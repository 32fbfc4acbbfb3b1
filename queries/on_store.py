"""Run a library query (or a ``.rq`` file) on an Oxigraph store directory, read-only.

``tipgraph query NAME --store DIR`` answers from the store an archive build wrote, without
loading it into rdflib: Oxigraph evaluates the query over the store's deduplicated union
graph (the endpoint's default graph), and the rows are handed back as an rdflib ``Result``
so that the command renders them exactly as it renders a graph file's.

The query goes through the same checks as on a graph file (``prepare``: parsed once by
rdflib, ``SERVICE`` and updates refused) and is evaluated in a thread jailed off the network
(``tipgraph.core.netjail.run_offline``). Parameters are given to Oxigraph as substitutions
as a ``VALUES`` block opening the query's outer ``WHERE`` group, so the variable is bound
for every pattern and filter of the group, as rdflib's ``initBindings`` binds it (Oxigraph's
own substitutions refuse a variable the query does not project).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from tipgraph.core.errors import QueryError
from tipgraph.core.netjail import run_offline
from tipgraph.queries import NamedQuery, bind, prepare


def to_ox(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


def to_rdflib(term: object) -> Identifier | None:
    """A pyoxigraph term as an rdflib term (None for an unbound value)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"a result term tipgraph cannot show: {term!r}", code="E503")


def _term(term: object) -> Identifier:
    """A term of a constructed triple (never unbound)."""
    converted = to_rdflib(term)
    assert converted is not None
    return converted


_COMMENT = re.compile(r"#[^\n]*")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(query: NamedQuery, values: Mapping[str, ox.NamedNode | ox.BlankNode | ox.Literal]
                ) -> str:
    """The query text with ``VALUES (?a ?b) { (x y) }`` opening its outer WHERE group.

    Comments are blanked (same length) only to find the group, so an IRI holding ``#``
    before it does not matter and the text keeps its offsets.

    Raises:
        QueryError: E503 for a parameterised query with no ``WHERE {`` to bind it in.
    """
    if not values:
        return query.text
    found = _WHERE.search(_COMMENT.sub(lambda m: " " * len(m.group()), query.text))
    if found is None:
        raise QueryError(f"{query.source}: parameters need a WHERE {{ ... }} group to bind "
                         "them in", code="E503")
    names = " ".join(f"?{name}" for name in values)
    terms = " ".join(str(term) for term in values.values())
    block = f" VALUES ({names}) {{ ({terms}) }} "
    return query.text[:found.end()] + block + query.text[found.end():]


def run_on_store(store: ox.Store, query: NamedQuery, params: Mapping[str, str] | None,
                 default_graph: str) -> Result:
    """Evaluate ``query`` on ``store`` with ``default_graph`` as the default graph.

    Raises:
        QueryError: E501-E509 as ``tipgraph.queries.run_query``.
    """
    prepare(query)
    bindings = bind(query, params)
    text = with_values(query, {name: to_ox(value) for name, value in bindings.items()})
    named = [g for g in store.named_graphs() if g.value != default_graph]

    def work() -> Result:
        answer = store.query(text, default_graph=ox.NamedNode(default_graph),
                             named_graphs=named)
        if isinstance(answer, ox.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
            return result
        if isinstance(answer, ox.QueryTriples):
            graph = Graph()
            for triple in answer:
                graph.add((_term(triple.subject), _term(triple.predicate),
                           _term(triple.object)))
            result = Result("CONSTRUCT")
            result.graph = graph
            return result
        names = [v.value for v in answer.variables]
        result = Result("SELECT")
        result.vars = [Variable(n) for n in names]
        result.bindings = [
            {Variable(n): value for n in names
             if (value := to_rdflib(row[n])) is not None}
            for row in answer]
        return result

    try:
        outcome: Result = run_offline(work, required=False)
    except SyntaxError as exc:
        raise QueryError(f"{query.source}: Oxigraph cannot run this query: "
                         f"{str(exc).strip().splitlines()[0][:200]}", code="E503") from None
    except PermissionError:
        raise QueryError(f"{query.source}: the query tried to open a network connection, "
                         "which was refused", code="E509") from None
    return outcome


__all__ = ["run_on_store", "to_ox", "to_rdflib"]
