"""rdflib triples as N-Triples text that Oxigraph parses back into the same terms.

An archive build's worker needs each year's graph twice outside rdflib: in an in-memory
Oxigraph store, where the validation selects its SPARQL targets, and as an N-Triples file,
which the parent loads into the archive. Writing the text once (each distinct term once: an
IRI by its plain string, a literal by the rdflib term) and letting Oxigraph's parser load it
costs less than making a pyoxigraph object of every term and dumping the store: 1.8-2.2 s
against 2.3-3.1 s of CPU for the 196k triples of a 2 MB report year (three runs each), and
the text is the file.

The text must not be able to say a triple the graph does not hold: an IRI holding a character
that N-Triples forbids in ``<...>`` (a space, ``<``, ``>``, ``"``, ``{``, ``}``, ``|``, ``^``,
a backquote, a backslash or a control character) or a language tag not shaped like BCP 47
could close its term early, so a graph holding one gives None, as does a blank node (the
validation's copy refuses them: ``tipgraph.shapes.targets``). Literal text is escaped as the
N-Triples grammar says (``\\``, ``"``, line feed, carriage return); everything else is
written as UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rdflib import Literal, URIRef
from rdflib.term import Node

__all__ = ["ntriples"]

_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
_LINES_PER_CHUNK = 4096
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class _RefusedError(Exception):
    """A term the text cannot carry safely (see the module docstring)."""


def ntriples(triples: Iterable[tuple[Node, Node, Node]],
             accept: Callable[[Literal], bool] | None = None) -> bytearray | None:
    """The triples as N-Triples (UTF-8, one line each, in the order given), or None.

    The text is encoded a few thousand lines at a time, so that a year's 35 MB is held
    once as bytes, not also as a list of Python strings and a joined string (which put
    100 MB on a worker's peak).

    Args:
        triples: an rdflib graph, or any triples of rdflib terms.
        accept: a test every literal must pass (the validation refuses literals that rdflib
            and Oxigraph read differently); a literal that fails gives None.

    Example:
        >>> from rdflib import Graph, URIRef, Literal
        >>> g = Graph()
        >>> _ = g.add((URIRef("urn:x:s"), URIRef("urn:x:p"), Literal('say "hi"', lang="en")))
        >>> bytes(ntriples(g))
        b'<urn:x:s> <urn:x:p> "say \\\\"hi\\\\""@en .\\n'
        >>> ntriples([(URIRef("urn:x:s"), URIRef("urn:x:p"), URIRef("urn:x:o> <urn:x:q"))])
    """
    term = _Terms(accept).term
    text = bytearray()
    lines: list[str] = []
    try:
        for subject, predicate, value in triples:
            lines.append(f"{term(subject)} {term(predicate)} {term(value)} .\n")
            if len(lines) == _LINES_PER_CHUNK:
                text += "".join(lines).encode("utf-8")
                lines.clear()
    except _RefusedError:
        return None
    text += "".join(lines).encode("utf-8")
    return text


class _Terms:
    """The N-Triples text of each distinct term, written once (see the module docstring)."""

    def __init__(self, accept: Callable[[Literal], bool] | None) -> None:
        self._accept = accept
        self._iris: dict[str, str] = {}
        self._literals: dict[Literal, str] = {}

    def term(self, node: Node) -> str:
        """The text of an IRI or a literal; ``_RefusedError`` for anything else."""
        kind = type(node)
        if kind is URIRef:
            return self._iri(str.__str__(node))
        if kind is Literal:
            assert isinstance(node, Literal)
            found = self._literals.get(node)
            if found is None:
                found = self._literals[node] = self._literal(node)
            return found
        raise _RefusedError  # a blank node, a variable, a subclass of a term

    def _iri(self, text: str) -> str:
        found = self._iris.get(text)
        if found is None:
            if _IRI_UNSAFE.search(text):
                raise _RefusedError
            found = self._iris[text] = f"<{text}>"
        return found

    def _literal(self, node: Literal) -> str:
        if self._accept is not None and not self._accept(node):
            raise _RefusedError
        text = '"' + str.__str__(node).translate(_ESCAPES) + '"'
        if node.language:
            if _LANGUAGE.fullmatch(node.language) is None:
                raise _RefusedError
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^{self._iri(str(node.datatype))}"
        return text
