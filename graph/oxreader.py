"""Turtle, TriG, N-Triples and N-Quads read by Oxigraph's parser into an rdflib graph.

rdflib's Turtle parser takes about 2.5 s for the 43k-triple sample graph, on every
``tipgraph query``; pyoxigraph's parser reads it in 0.15 s, and handing its terms to rdflib
(each distinct term converted once, triples added straight to the store) about 0.5 s more.
Its errors name the line and the columns (``Parser error at line 3 between columns 7 and
13: Unexpected end of file``), which rdflib's cut after a colon. Oxigraph's parser never
fetches anything, and reads a long line in linear time.

Oxigraph reads a plain literal as ``xsd:string`` (RDF 1.1 makes them the same); rdflib
keeps them apart and tipgraph's graphs use plain literals, so ``xsd:string`` becomes a plain
literal here, as rdflib's own parser gives for ``"text"``. Blank nodes get fresh rdflib
labels per file, as rdflib's parsers give them.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

#: rdflib format names -> Oxigraph's formats; the others (JSON-LD, RDF/XML) stay with rdflib.
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
              "nt": ox.RdfFormat.N_TRIPLES, "nt11": ox.RdfFormat.N_TRIPLES,
              "nquads": ox.RdfFormat.N_QUADS}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class OxSyntaxError(ValueError):
    """The text is not in the format: the parser's message, with line and column."""


def parse_into(text: str, fmt: str, graph: Graph, *, base_iri: str) -> None:
    """Add every triple of ``text`` (of every graph, for TriG and N-Quads) to ``graph``, and
    bind the prefixes the text declares that ``graph`` does not bind yet.

    Raises:
        OxSyntaxError: with Oxigraph's message (line and columns) on bad syntax, or for an
            RDF-star triple term, which an rdflib graph cannot hold.
    """
    terms: dict[object, Node] = {}
    add = graph.store.add

    def term(node: object) -> Node:
        found = terms.get(node)
        if found is None:
            found = terms[node] = _convert(node)
        return found

    parser = ox.parse(text, format=OX_FORMATS[fmt], base_iri=base_iri)
    try:
        for quad in parser:
            add((term(quad.subject), term(quad.predicate), term(quad.object)), graph,
                quoted=False)
    except SyntaxError as exc:
        raise OxSyntaxError(" ".join(str(exc.msg if exc.msg else exc).split())) from None
    for prefix, namespace in parser.prefixes.items():
        graph.bind(prefix, namespace, override=False)


def _convert(node: object) -> Node:
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        return Literal(node.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    if isinstance(node, ox.BlankNode):
        return BNode()
    raise OxSyntaxError(f"a triple term ({node}) is RDF-star, which tipgraph does not read")


__all__ = ["OX_FORMATS", "OxSyntaxError", "parse_into"]
