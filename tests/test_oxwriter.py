"""Turtle and TriG through Oxigraph's writer: the same triples in any order give the same bytes."""

from __future__ import annotations

import random
from io import BytesIO

import pyoxigraph as ox
import pytest
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from tipgraph.graph.oxwriter import write_trig, write_turtle
from tipgraph.graph.serialize import serialize
from tipgraph.ontology import TIP

S = URIRef("https://w3id.org/tipgraph/id/narrative/2017/JAM")
T = URIRef("https://w3id.org/tipgraph/id/narrative/2017/JAM/sentence/3")
OBJECTS = [
    Literal("plain"), Literal("Jamaïque", lang="fr"), Literal("Jamaica", lang="en"),
    Literal("7500.0", datatype=XSD.decimal), Literal(3), Literal(True),
    Literal('two\nlines with "quotes" and \\ a backslash'), Literal("2017", datatype=XSD.gYear),
    URIRef("https://w3id.org/tipgraph/id/country/JAM"), Literal("https://w3id.org/x"),
    URIRef("https://w3id.org/x"),
]


def _triples() -> list[tuple[URIRef, URIRef, object]]:
    triples = [(S, RDF.type, TIP.CountryNarrative), (T, RDF.type, TIP.Sentence),
               (T, TIP.inNarrative, S)]
    triples += [(S, TIP.heading, o) for o in OBJECTS]
    return triples


def _turtle(triples: list[tuple[URIRef, URIRef, object]]) -> bytes:
    graph = Graph()
    for triple in triples:
        graph.add(triple)  # type: ignore[arg-type]
    stream = BytesIO()
    write_turtle(graph, stream)
    return stream.getvalue()


def test_every_kind_of_term_survives_and_order_does_not_matter() -> None:
    triples = _triples()
    first = _turtle(triples)
    for seed in range(5):
        shuffled = triples[:]
        random.Random(seed).shuffle(shuffled)
        assert _turtle(shuffled) == first
    back = Graph().parse(data=first, format="turtle")
    assert set(back) == set(_triples())
    # rdf:type comes first under its subject, as "a"
    text = first.decode("utf-8")
    assert f"<{S}> a tip:CountryNarrative ;" in text


def test_trig_keeps_the_graphs_in_the_given_order() -> None:
    one, two = Graph(), Graph()
    one.add((S, RDF.type, TIP.CountryNarrative))
    two.add((T, RDF.type, TIP.Sentence))
    name = URIRef("https://w3id.org/tipgraph/id/graph/2017")
    stream = BytesIO()
    write_trig([(name, one), (None, two)], stream)
    quads = list(ox.parse(stream.getvalue(), format=ox.RdfFormat.TRIG))
    assert [(q.subject.value, str(q.graph_name)) for q in quads] == \
        [(str(S), f"<{name}>"), (str(T), "DEFAULT")]
    assert stream.getvalue().index(str(S).encode()) < stream.getvalue().index(str(T).encode())


def test_blank_nodes_keep_rdflibs_nested_writer() -> None:
    graph = Graph()
    node = BNode()
    graph.add((S, TIP.heading, node))
    graph.add((node, RDF.type, TIP.Sentence))
    untouched = BytesIO()
    assert write_turtle(graph, untouched) is False and untouched.getvalue() == b""
    assert write_trig([(None, graph)], untouched) is False and untouched.getvalue() == b""
    data = serialize(graph, "turtle")
    assert b"[" in data and b"_:" not in data, "rdflib nests a blank node used once"
    assert isomorphic(Graph().parse(data=data, format="turtle"), graph)


def test_every_rdf_writer_gives_the_same_bytes_whatever_the_insertion_order() -> None:
    """A parallel build merges the years' graphs in the order the workers finish."""
    from tipgraph.graph.formats import formats

    def graph_of(triples: list[tuple[URIRef, URIRef, object]]) -> Graph:
        graph = Graph()
        for triple in triples:
            graph.add(triple)  # type: ignore[arg-type]
        return graph

    triples = _triples()
    for row in formats("rdf", writable=True):
        assert row.writer is not None
        first = serialize(graph_of(triples), row.writer)
        for seed in range(3):
            shuffled = triples[:]
            random.Random(seed).shuffle(shuffled)
            assert serialize(graph_of(shuffled), row.writer) == first, row.name


def test_a_writer_name_without_a_deterministic_writer_is_refused() -> None:
    """rdflib's own names (``ntriples``, ``xml``) would write in the store's insertion order."""
    graph = Graph()
    graph.add((S, RDF.type, TIP.CountryNarrative))
    for name in ("ntriples", "xml", "pretty-xml"):
        with pytest.raises(ValueError, match="no deterministic RDF writer"):
            serialize(graph, name)
