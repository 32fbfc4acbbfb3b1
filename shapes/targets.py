"""Select the focus nodes of SHACL-AF ``sh:SPARQLTarget`` targets with Oxigraph, ahead of pySHACL.

pySHACL evaluates each SPARQL target with rdflib's SPARQL engine: on the sample's 42k triples
the nine targets of the tipgraph shapes took two thirds of validation (1.4 s), the same nine
queries on Oxigraph 0.06 s, plus the load of the data graph into it. ``resolve_sparql_targets``
runs each target query there and writes what it selects into the shapes graph as
``sh:targetNode`` (or drops the target when it selects nothing), so pySHACL validates the same
focus nodes against the same shape: results, messages, severities and ``sh:sourceShape`` do
not change, and the ``sh:sparql`` constraints still run in pySHACL with ``$this`` bound.

The query is the text pySHACL itself would run: its own ``SPARQLQueryHelper`` collects the
prefixes (``sh:prefixes`` / ``sh:declare``, with its defaults for rdf, rdfs and owl). A
target is left for pySHACL whenever the rewrite could change anything:

- the data graph is a dataset (``ConjunctiveGraph``), whose default graph depends on
  pySHACL's union settings;
- the shapes graph has SHACL rules (they add triples before targets are evaluated) or
  SHACL functions (pySHACL registers them with rdflib; Oxigraph does not know them);
- the shape is deactivated (pySHACL never runs its target), is not declared with
  ``rdf:type sh:NodeShape`` / ``sh:PropertyShape`` (adding ``sh:targetNode`` would make
  pySHACL find a shape it does not find now), or the target has more or fewer than one
  ``sh:select``;
- the query names a dataset or service (``GRAPH``, ``FROM``, ``SERVICE``), calls a function
  by IRI (an rdflib extension function Oxigraph lacks), or draws random values;
- Oxigraph cannot parse or run the query, or a solution leaves ``?this`` unbound or binds it
  to anything but an IRI;
- the data graph holds a term the two engines read differently, and then no target is
  selected ahead at all: a blank node (rdflib gives ``STR`` of one its label, SPARQL an
  error), an ill-typed literal or a number whose lexical form XSD does not allow (see
  ``_same_in_both``), or an IRI Oxigraph refuses (one with a space, say).

On graphs without such terms, 1,357 random graphs of odd literals (mixed numeric types,
language tags, astral characters, years as strings and gYears) gave the same selection
for all nine shipped targets in both engines; where rdflib raised an error instead
(``AttributeError`` on an IRI as ``nif:anchorOf``), Oxigraph selects without one.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, cast

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH

if TYPE_CHECKING:
    import pyoxigraph as ox
    from pyshacl.shapes_graph import ShapesGraph
    from rdflib.term import Node

#: SHACL with the SHACL-AF and SHACL-JS terms rdflib's closed ``SH`` namespace lacks.
SHACL = Namespace(str(SH))
#: Types of the SHACL functions pySHACL registers with rdflib's SPARQL engine.
FUNCTION_TYPES = (SHACL.SPARQLFunction, SHACL.SHACLFunction, SHACL.JSFunction, SHACL.Function)

#: Query text that Oxigraph might evaluate differently from rdflib over the same graph:
#: datasets and services, random values, and calls of functions named by an IRI or a
#: prefixed name (``ex:f(``; this also refuses casts such as ``xsd:integer(``).
UNSAFE_QUERY = re.compile(
    r"\b(?:GRAPH|FROM|SERVICE|RAND|UUID|STRUUID|BNODE)\b"
    r"|(?:<[^<>\s]*>|[A-Za-z_][\w.-]*:[\w.-]*)\s*\(",
    flags=re.IGNORECASE)

_INTEGER = re.compile(r"[+-]?[0-9]+")
#: Lexical forms of the datatypes both engines compute with, as XSD defines them.
LEXICAL: dict[URIRef, re.Pattern[str]] = {
    XSD.decimal: re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"),
    XSD.double: re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?INF|NaN"),
    XSD.float: re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?INF|NaN"),
    XSD.boolean: re.compile(r"true|false|1|0"),
}
#: The value range of xsd:integer and the types derived from it.
INTEGER_BOUNDS: dict[URIRef, tuple[float, float]] = {
    XSD.integer: (-math.inf, math.inf),
    XSD.nonNegativeInteger: (0, math.inf), XSD.positiveInteger: (1, math.inf),
    XSD.nonPositiveInteger: (-math.inf, 0), XSD.negativeInteger: (-math.inf, -1),
    XSD.long: (-2**63, 2**63 - 1), XSD.int: (-2**31, 2**31 - 1),
    XSD.short: (-2**15, 2**15 - 1), XSD.byte: (-2**7, 2**7 - 1),
    XSD.unsignedLong: (0, 2**64 - 1), XSD.unsignedInt: (0, 2**32 - 1),
    XSD.unsignedShort: (0, 2**16 - 1), XSD.unsignedByte: (0, 2**8 - 1),
}
LEXICAL.update(dict.fromkeys(INTEGER_BOUNDS, _INTEGER))


def resolve_sparql_targets(shapes: Graph, data: Graph, store: ox.Store | None = None) -> int:
    """Replace, in place, each SPARQL target that can be selected ahead by what it selects.

    Args:
        shapes: the shapes graph pySHACL will be given (changed in place: pass a copy).
        data: the data graph pySHACL will validate, as it will see it.
        store: ``oxigraph_store(data)``, when the caller made it for its own use too (the
            archive store's workers write the year from it): the graph is converted once.

    Returns:
        How many ``sh:target`` values were replaced.
    """
    targets = _candidates(shapes, data)
    if not targets:
        return 0
    store = store if store is not None else oxigraph_store(data)
    if store is None:
        return 0
    resolved = 0
    for shape, target, query in targets:
        nodes = _select(store, query)
        if nodes is None:
            continue
        shapes.remove((shape, SH.target, target))
        for node in nodes:
            shapes.add((shape, SH.targetNode, node))
        resolved += 1
    return resolved


def _candidates(shapes: Graph, data: Graph) -> list[tuple[Node, Node, str]]:
    """(shape, target, query text) of each target the rewrite is exactly equivalent for."""
    if isinstance(data, ConjunctiveGraph) or (None, SH.target, None) not in shapes:
        return []
    if (None, SH.rule, None) in shapes or any(
            True for kind in FUNCTION_TYPES for _ in shapes.subjects(RDF.type, kind)):
        return []
    from pyshacl.shapes_graph import ShapesGraph

    graph = ShapesGraph(shapes)
    declared = {SH.NodeShape, SH.PropertyShape}
    found = []
    for shape, target in shapes.subject_objects(SH.target):
        if not declared & set(shapes.objects(shape, RDF.type)):
            continue
        if any(isinstance(flag, Literal) and flag.toPython() is True
               for flag in shapes.objects(shape, SH.deactivated)):
            continue
        selects = list(shapes.objects(target, SH.select))
        if len(selects) != 1 or not isinstance(selects[0], Literal):
            continue
        query = _query_text(graph, shape, target, selects[0])
        if query is not None and not UNSAFE_QUERY.search(str(selects[0])):
            found.append((shape, target, query))
    return found


def _query_text(graph: ShapesGraph, shape: Node, target: Node, select: Literal) -> str | None:
    """The query exactly as pySHACL runs it for this target, or None when it would fail.

    pySHACL's own helper builds it, so prefixes resolve as they would in pySHACL.
    """
    from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
    from pyshacl.shape import Shape

    if not isinstance(shape, URIRef | BNode):
        return None
    try:
        # pySHACL's helper has no type hints
        helper = SPARQLQueryHelper(Shape(graph, shape), target, select)  # type: ignore[no-untyped-call]
        helper.collect_prefixes()  # type: ignore[no-untyped-call]
        return str(helper.apply_prefixes(helper.select_text))  # type: ignore[no-untyped-call]
    except Exception:  # pySHACL reports its own error when it runs the target itself
        return None


def oxigraph_store(data: Graph) -> ox.Store | None:
    """The data graph in an in-memory Oxigraph store, or None when it holds an unsafe term."""
    copy = oxigraph_copy(data)
    return None if copy is None else copy[0]


def oxigraph_copy(data: Graph) -> tuple[ox.Store, bytearray] | None:
    """The data graph in an in-memory Oxigraph store and as the N-Triples it was loaded from.

    None when the graph holds a term the two engines may read differently (a blank node,
    an ill-typed or non-canonical literal: ``_same_in_both``) or that N-Triples text cannot
    carry safely (``tipgraph.graph.ntriples``); the validation then leaves the targets to
    pySHACL. The text is written once and parsed by Oxigraph, which costs less than
    converting term by term; an archive build writes the year's file from it.
    """
    import pyoxigraph as ox

    from tipgraph.graph.ntriples import ntriples

    text = ntriples(data, accept=_same_in_both)
    if text is None:
        return None
    store = ox.Store()
    try:
        # pyoxigraph reads any buffer; its stub names bytes only, and a copy would add
        # the year's 35 MB to a worker's peak
        store.bulk_load(input=cast(bytes, text), format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError):  # an IRI or tag Oxigraph refuses
        return None
    return store, text


def _same_in_both(literal: Literal) -> bool:
    """Whether rdflib and Oxigraph read this literal as the same value.

    They differ on ill-typed literals (rdflib compares ``"abc"^^xsd:integer`` and calls it
    numeric; Oxigraph does not) and on lexical forms rdflib accepts but XSD does not: a
    decimal made from a Python float is written ``"1e-05"^^xsd:decimal``, which rdflib
    holds as the float and Oxigraph as an ill-typed literal.
    """
    if literal.ill_typed:
        return False
    datatype = literal.datatype
    if datatype is None or datatype not in LEXICAL:
        return True
    text = str(literal)
    if LEXICAL[datatype].fullmatch(text) is None:
        return False
    bounds = INTEGER_BOUNDS.get(datatype)
    return bounds is None or bounds[0] <= int(text) <= bounds[1]


def _select(store: ox.Store, query: str) -> list[Node] | None:
    """The ``?this`` of each solution as rdflib terms, or None when the target must stay."""
    import pyoxigraph as ox

    try:
        solutions = store.query(query)
        if not isinstance(solutions, ox.QuerySolutions) or \
                ox.Variable("this") not in solutions.variables:
            return None
        selected = [solution["this"] for solution in solutions]
    except (SyntaxError, OSError, ValueError, TypeError, RuntimeError):
        return None
    nodes: list[Node] = []
    for node in selected:
        if not isinstance(node, ox.NamedNode):
            return None
        nodes.append(URIRef(node.value))
    return nodes


__all__ = ["FUNCTION_TYPES", "UNSAFE_QUERY", "oxigraph_copy", "oxigraph_store",
           "resolve_sparql_targets"]
