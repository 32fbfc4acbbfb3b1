"""The N-Triples text an archive build writes each year from, and loads for its validation.

What a user relies on: the year stored in the archive, and the graph its shapes were checked
on, are the triples the extraction made, whatever the text of a sentence holds; a term the
text could not carry safely never reaches the store as another triple.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, BNode, Graph, Literal, URIRef

from tipgraph.graph.ntriples import ntriples
from tipgraph.graph.oxterms import OxTerms
from tipgraph.shapes.targets import oxigraph_copy

S, P = URIRef("urn:x:s"), URIRef("urn:x:p")


def _term_by_term(graph: Graph) -> set[ox.Quad]:
    """The reference: each rdflib term made a pyoxigraph term (the validation's old copy)."""
    quad = OxTerms(blank_nodes=False).quad
    return {quad(s, p, o) for s, p, o in graph}


def _parsed(graph: Graph) -> set[ox.Quad]:
    text = ntriples(graph)
    assert text is not None
    return set(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize("value", [
    Literal('He said "no" \\ left'), Literal("two\nlines\r\nand\ttab"),
    Literal("Côte d’Ivoire — “quoted” ünïcode 😀"), Literal("Kenya", lang="en-GB"),
    Literal(42), Literal("2017", datatype=XSD.gYear), Literal(""), Literal("a\x00b\x1fc"),
    URIRef("https://w3id.org/tipgraph/id/country/KEN"), URIRef("urn:x:é-ü"),
])
def test_the_text_parses_back_to_the_graph(value: URIRef | Literal) -> None:
    graph = Graph()
    graph.add((S, P, value))
    graph.add((URIRef("urn:x:t"), P, value))
    assert _parsed(graph) == _term_by_term(graph)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.text(max_size=30),
                          st.sampled_from([None, "en", "fr-BE"])), min_size=1, max_size=8))
def test_any_literal_text_parses_back_to_itself(rows: list[tuple[int, str, str | None]]) -> None:
    graph = Graph()
    for subject, text, language in rows:
        graph.add((URIRef(f"urn:x:n{subject}"), P, Literal(text, lang=language)))
    assert _parsed(graph) == _term_by_term(graph)


@pytest.mark.parametrize("triple", [
    (S, P, URIRef("urn:x:o> <urn:x:q")),  # would say a second triple
    (S, P, URIRef("urn:x:o o")),
    (URIRef("urn:x:a\nb"), P, Literal(1)),
    (S, P, Literal("x", datatype=URIRef("urn:x:d> <urn:x:e"))),
    (S, P, BNode("b0")),
    (BNode("b0"), P, Literal(1)),
])
def test_a_term_the_text_cannot_carry_gives_none(triple: tuple[object, object, object]) -> None:
    graph = Graph()
    graph.add(triple)  # type: ignore[arg-type]
    assert ntriples(graph) is None
    assert oxigraph_copy(graph) is None


def test_a_bad_language_tag_gives_none() -> None:
    literal = Literal("x", lang="en")
    object.__setattr__(literal, "_language", "en> <urn:x:q")  # rdflib checks tags it is given
    assert ntriples([(S, P, literal)]) is None


def test_the_copy_holds_the_text_it_was_loaded_from() -> None:
    graph = Graph()
    graph.add((S, P, Literal("it acted in 2016")))
    graph.add((S, URIRef("urn:x:q"), Literal(3)))
    copy = oxigraph_copy(graph)
    assert copy is not None
    store, text = copy
    assert set(store) == _term_by_term(graph)
    assert set(ox.parse(text, format=ox.RdfFormat.N_TRIPLES)) == set(store)


def test_a_literal_the_engines_read_differently_gives_no_copy() -> None:
    graph = Graph()
    graph.add((S, P, Literal("abc", datatype=XSD.integer)))
    assert oxigraph_copy(graph) is None
