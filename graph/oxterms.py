"""rdflib terms as pyoxigraph terms, each distinct term converted once.

Two stages hand rdflib graphs to Oxigraph: the validation, which selects the SHACL-SPARQL
targets in an in-memory store (``tipgraph.shapes.targets``), and the Turtle and TriG writer
(``tipgraph.graph.oxwriter``). Converting term by term (IRIs, which repeat, from a cache)
costs about as much as rdflib's N-Triples writer alone, without the text to parse again.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

OxTerm = ox.NamedNode | ox.Literal | ox.BlankNode


class OxTerms:
    """A converter of rdflib terms to pyoxigraph terms, with the IRIs it has seen.

    Args:
        accept: a test every literal must pass; one that fails raises ``ValueError`` (the
            validation uses it to refuse literals the two engines read differently).
        blank_nodes: whether blank nodes are converted (under their rdflib label) or
            refused with ``ValueError``.
        remember_literals: keep every converted literal too (for a graph loaded whole,
            where ``accept`` is costly and small numbers repeat; a writer streaming a big
            graph keeps only the IRIs).
    """

    def __init__(self, accept: Callable[[Literal], bool] | None = None,
                 blank_nodes: bool = True, remember_literals: bool = False) -> None:
        self._iris: dict[str, ox.NamedNode] = {}
        self._literals: dict[Literal, ox.Literal] | None = {} if remember_literals else None
        self._accept = accept
        self._blank_nodes = blank_nodes

    def iri(self, node: URIRef | str) -> ox.NamedNode:
        """The pyoxigraph IRI of ``node`` (one object per distinct IRI)."""
        found = self._iris.get(node)
        if found is None:
            found = self._iris[node] = ox.NamedNode(node)
        return found

    def term(self, node: Node) -> OxTerm:
        """The pyoxigraph term of an rdflib IRI, literal or blank node.

        Raises:
            ValueError: for a term refused by ``accept`` or ``blank_nodes``, or an IRI or
                language tag Oxigraph does not accept.
        """
        if isinstance(node, URIRef):
            return self.iri(node)
        if isinstance(node, Literal):
            if self._literals is None:
                return self._literal(node)
            found = self._literals.get(node)
            if found is None:
                found = self._literals[node] = self._literal(node)
            return found
        if not self._blank_nodes:
            raise ValueError(f"blank node refused: {node!r}")
        return ox.BlankNode(str(node))

    def triple(self, subject: Node, predicate: Node, value: Node) -> ox.Triple:
        """The pyoxigraph triple of an rdflib one.

        Raises:
            ValueError: as ``term``, and for a literal subject or a predicate that is not
                an IRI (rdflib lets a graph hold them; RDF does not).
        """
        s, p = self._ends(subject, predicate)
        return ox.Triple(s, p, self.term(value))

    def quad(self, subject: Node, predicate: Node, value: Node) -> ox.Quad:
        """The pyoxigraph quad, in the default graph, of an rdflib triple (as ``triple``)."""
        s, p = self._ends(subject, predicate)
        return ox.Quad(s, p, self.term(value))

    def _ends(self, subject: Node, predicate: Node) -> tuple[ox.NamedNode | ox.BlankNode,
                                                              ox.NamedNode]:
        s, p = self.term(subject), self.term(predicate)
        if isinstance(s, ox.Literal) or not isinstance(p, ox.NamedNode):
            raise ValueError(f"not an RDF triple: {subject!r} {predicate!r}")
        return s, p

    def _literal(self, node: Literal) -> ox.Literal:
        if self._accept is not None and not self._accept(node):
            raise ValueError(f"literal refused: {node!r}")
        if node.language:
            return ox.Literal(node, language=node.language)
        if node.datatype is not None:
            return ox.Literal(node, datatype=self.iri(node.datatype))
        return ox.Literal(node)


__all__ = ["OxTerm", "OxTerms"]
