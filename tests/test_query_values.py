"""``queries.values.with_values``: parameters as a VALUES block, also in each branch of a
UNION that opens the query, with the same answers as rdflib's own bindings."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from tipgraph.queries.values import with_values

P, Q = URIRef("urn:p"), URIRef("urn:q")
BLOCK = 'VALUES (?x) { ("a") }'


def _graph() -> Graph:
    graph = Graph()
    for subject, predicate, value in (("s1", P, "a"), ("s2", P, "b"), ("s3", Q, "a"),
                                      ("s4", Q, "c")):
        graph.add((URIRef(f"urn:{subject}"), predicate, Literal(value)))
    return graph


QUERIES = [
    # a union that opens the WHERE group: the block goes into both branches
    "SELECT ?s ?kind WHERE { { ?s <urn:p> ?x BIND ('p' AS ?kind) } UNION "
    "{ ?s <urn:q> ?x BIND ('q' AS ?kind) } }",
    # a union after a pattern: the pattern binds it already, the block stays at the top
    "SELECT ?s WHERE { ?s ?any ?x { ?s <urn:p> ?x } UNION { ?s <urn:q> ?x } }",
    # a subquery branch takes no block before its SELECT
    "SELECT ?s WHERE { { SELECT ?s ?x WHERE { ?s <urn:p> ?x } } UNION { ?s <urn:q> ?x } }",
]


@pytest.mark.parametrize("text", QUERIES)
def test_bound_text_answers_as_rdflib_bindings(text: str) -> None:
    graph = _graph()
    expected = {tuple(map(str, row)) for row in  # type: ignore[arg-type]
                graph.query(prepareQuery(text), initBindings={"x": Literal("a")})}
    bound = with_values(text, {"x": Literal("a")})
    assert {tuple(map(str, row)) for row in graph.query(bound)} == expected  # type: ignore[arg-type]
    store = ox.Store()
    for s, p, o in graph:
        store.add(ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), ox.Literal(str(o))))
    answer = store.query(bound)
    assert isinstance(answer, ox.QuerySolutions)
    assert {tuple(term.value for term in row) for row in answer} == expected
    assert expected  # every case matches something


def test_each_branch_of_an_opening_union_is_bound() -> None:
    bound = with_values(QUERIES[0], {"x": Literal("a")})
    assert bound.count(BLOCK) == 3
    assert bound.index("UNION") > bound.index(BLOCK, bound.index(BLOCK) + 1)


def test_a_later_union_and_a_subquery_branch_are_left_alone() -> None:
    assert with_values(QUERIES[1], {"x": Literal("a")}).count(BLOCK) == 1
    subquery = with_values(QUERIES[2], {"x": Literal("a")})
    assert subquery.count(BLOCK) == 2
    assert "{ SELECT" in subquery
