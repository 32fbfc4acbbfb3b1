"""The store a build maps into answers every lookup as rdflib's own store does.

A build's graphs live in ``tipgraph.graph.triple_index.TripleIndex``; the validation, the
writers and the queries read them through rdflib's ``Graph``, so every triple pattern,
removal, count and namespace binding must come out as rdflib's ``Memory`` gives it.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from tipgraph.graph.mapping import free_graph, new_graph
from tipgraph.graph.triple_index import TripleIndex
from tipgraph.shapes.validate import validate

X = Namespace("urn:x:")
_TERMS = [X.a, X.b, X.c, Literal("a"), Literal(1)]
_TRIPLE = st.tuples(st.sampled_from(_TERMS[:3]), st.sampled_from([X.p, X.q]),
                    st.sampled_from(_TERMS))


def _patterns(graph: Graph) -> dict[tuple[object, object, object], set[tuple[object, ...]]]:
    """Every pattern over the test vocabulary, with the triples it matches."""
    found = {}
    for s, p, o in itertools.product([None, *_TERMS[:3]], [None, X.p, X.q], [None, *_TERMS]):
        found[(s, p, o)] = set(graph.triples((s, p, o)))
    return found


@settings(max_examples=60, deadline=None)
@given(st.lists(_TRIPLE, max_size=25), st.lists(_TRIPLE, max_size=8))
def test_every_pattern_matches_what_rdflib_memory_matches(added: list, removed: list) -> None:
    ours, theirs = Graph(store=TripleIndex()), Graph()
    for triple in added:
        ours.add(triple)
        theirs.add(triple)
    assert len(ours) == len(theirs)
    assert _patterns(ours) == _patterns(theirs)
    for triple in removed:
        ours.remove(triple)
        theirs.remove(triple)
    ours.remove((None, X.q, None))
    theirs.remove((None, X.q, None))
    assert len(ours) == len(theirs)
    assert _patterns(ours) == _patterns(theirs)


def test_new_graph_binds_the_project_prefixes_and_frees_its_triples() -> None:
    graph = new_graph()
    assert isinstance(graph.store, TripleIndex)
    assert dict(graph.namespaces())["tip"] == URIRef("https://w3id.org/tipgraph/ontology#")
    graph.add((X.a, RDF.type, URIRef("https://w3id.org/tipgraph/ontology#Law")))
    assert "a tip:Law" in graph.serialize(format="turtle")
    free_graph(graph)
    assert len(graph) == 0 and list(graph) == []


def test_the_validation_reads_a_graph_in_the_store() -> None:
    """pySHACL wraps a data graph in a Dataset; the store must let it and show the triples."""
    graph = new_graph()
    graph.add((X.n, RDF.type, URIRef("https://w3id.org/tipgraph/ontology#CountryNarrative")))
    outcome = validate(graph)
    assert not outcome.conforms  # a narrative with none of what the shapes require
    assert {r.focus for r in outcome.results} == {X.n}
