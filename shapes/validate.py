"""Validate a graph against the tipgraph shapes with pySHACL, and say what is wrong in words.

``validate`` returns pySHACL's triple (conforms, report graph, report text) as a
``ValidationOutcome``; ``readable_report`` turns the report graph into a list a person can act
on: each result's focus node, path, value and message, and, for a fact derived from sentences,
the sentence that states it, so the fix can start from the words of the report.

Choices, each measured here:

- no inference (``inference="none"``): RDFS or OWL-RL inference costs 4-13 times as much and
  changes the results (inferred types make new focus nodes); the shapes target the classes
  the mapper writes, so nothing needs inferring;
- no ontology mixed in: the shapes check controlled values with ``sh:in`` lists, so the data
  graph validates on its own, and pySHACL does not have to copy it to mix an ontology in;
- advanced (SHACL-AF) features on: the SHACL-SPARQL domain checks select their candidates
  with ``sh:SPARQLTarget`` in one query each (see the header of the shapes file);
- those target queries run on Oxigraph first (``tipgraph.shapes.targets``), and pySHACL is
  given what they select as ``sh:targetNode``: rdflib's SPARQL engine took 1.4 s of the
  2.2 s validation of the sample's 2017 graph for them.

Example:
    >>> from rdflib import Graph
    >>> validate(Graph()).conforms
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph
from rdflib.namespace import PROV, SH, NamespaceManager
from rdflib.term import BNode, Node

from tipgraph.core.errors import InputError
from tipgraph.ontology import NIF, PREFIXES, TIP
from tipgraph.shapes import TIPSH, shapes_graph
from tipgraph.shapes.targets import resolve_sparql_targets

if TYPE_CHECKING:
    import pyoxigraph as ox

#: Longest sentence text the readable report quotes before it cuts with an ellipsis.
QUOTE_CHARS = 240


@dataclass(frozen=True, slots=True)
class ShapeResult:
    """One validation result, read out of the report graph.

    Attributes:
        focus: the node that was validated.
        path: the property path the result is about (None for a node-level constraint).
        value: the offending value, when the constraint names one.
        message: the shape's ``sh:message`` (or pySHACL's own text when the shape has none).
        severity: ``sh:Violation``, ``sh:Warning`` or ``sh:Info``.
        shape: the shape whose constraint failed.
    """

    focus: Node
    path: Node | None
    value: Node | None
    message: str
    severity: URIRef
    shape: Node | None


@dataclass(frozen=True)
class ValidationOutcome:
    """What a validation gave: pySHACL's (conforms, report graph, report text)."""

    conforms: bool
    report_graph: Graph
    report_text: str
    shapes: Graph | None = None

    @cached_property
    def results(self) -> list[ShapeResult]:
        """The report's results, sorted by severity, focus node, path and message."""
        return _results(self.report_graph)


def validate(data: Graph, shapes: Graph | None = None, *,
             oxigraph: ox.Store | None = None) -> ValidationOutcome:
    """Validate ``data`` against ``shapes`` (default: the shipped tipgraph shapes).

    The data graph is validated as it is, without inference and without copying it.

    Args:
        data: the graph to check (a build's data graph, or a whole graph file).
        shapes: a SHACL shapes graph; None uses ``tipgraph.shapes.shapes_graph()``.
        oxigraph: ``tipgraph.shapes.targets.oxigraph_store(data)``, made by a caller that
            needs the graph in Oxigraph too; the SPARQL targets are selected there instead
            of in a conversion of their own. Ignored unless ``data`` is what pySHACL sees.

    Example:
        >>> from rdflib import Graph
        >>> outcome = validate(Graph().parse(data="<urn:x> a <urn:y> .", format="turtle"))
        >>> outcome.conforms, outcome.results
        (True, [])
    """
    from pyshacl import validate as pyshacl_validate  # imported here: it is slow to import

    shapes = shapes if shapes is not None else shapes_graph()
    visible = _visible(data)
    prepared = batched(shapes)
    resolve_sparql_targets(prepared, visible, oxigraph if visible is data else None)
    conforms, report_graph, report_text = pyshacl_validate(
        visible,
        shacl_graph=prepared,
        inference="none",
        advanced=True,
        # In advanced mode pySHACL copies the data graph first, in case SHACL rules write
        # to it (a second or more per 40k triples); shapes without rules cannot, so the
        # copy is skipped for them.
        inplace=(None, SH.rule, None) not in shapes,
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
    )
    assert isinstance(report_graph, Graph)
    for prefix, namespace in _namespaces().namespaces():
        report_graph.bind(prefix, namespace)
    return ValidationOutcome(bool(conforms), report_graph, str(report_text), shapes)


def load_shapes(path: Path) -> Graph:
    """Read a shapes file given on the command line (any RDF format ``load_graph`` reads).

    Raises:
        InputError: E101/E102/E111/E112 as ``load_graph``; E114 when the file declares no
            shape, which would make every graph "conform".
    """
    from tipgraph.graph.load import load_graph

    graph: Graph = load_graph(path)
    if not any(True for kind in (SH.NodeShape, SH.PropertyShape)
               for _ in graph.subjects(RDF.type, kind)) and \
            next(graph.subjects(SH.targetClass, None), None) is None:
        raise InputError(f"{path} declares no SHACL shape (no sh:NodeShape, sh:PropertyShape "
                         "or sh:targetClass); give a shapes file", code="E114")
    return graph


#: The target predicates a node shape hands down to its property shapes in ``batched``.
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def batched(shapes: Graph) -> Graph:
    """A copy of ``shapes`` in which property shapes carry their node shapes' targets.

    pySHACL validates a top-level shape once for all its focus nodes, but a property shape
    nested under a node shape (``sh:property``) once per focus node: on the sample's 2,600
    sentences that is four times slower. Validating a node shape's focus nodes against its
    property shapes is by definition the same as giving each property shape the node
    shape's targets, so the copy does that, for every node shape where it is exactly the
    same: the node shape is referenced by no other shape (``sh:node``, ``sh:or``, ...), is
    not ``sh:closed`` (closedness reads the ``sh:property`` list) nor deactivated, and each
    property shape moved is nested under such node shapes only.
    """
    copy = Graph(identifier=shapes.identifier)  # pySHACL reads sh:declare of the graph's name
    for prefix, namespace in shapes.namespaces():
        copy.bind(prefix, namespace)
    for triple in shapes:
        copy.add(triple)

    def flag(node: Node, predicate: URIRef) -> bool:
        value = shapes.value(node, predicate)
        return isinstance(value, Literal) and value.toPython() is True

    def movable(node: Node) -> bool:
        return (any(True for target in TARGETS for _ in shapes.objects(node, target))
                and next(shapes.subjects(None, node), None) is None
                and not flag(node, SH.closed) and not flag(node, SH.deactivated))

    nested = {(n, p) for n, p in shapes.subject_objects(SH.property)}
    owners: dict[Node, set[Node]] = {}
    for node, prop in nested:
        owners.setdefault(prop, set()).add(node)
    for prop, nodes in owners.items():
        if not all(movable(node) for node in nodes):
            continue
        for node in nodes:
            copy.remove((node, SH.property, prop))
            for target in TARGETS:
                for value in shapes.objects(node, target):
                    copy.add((prop, target, value))
        copy.add((prop, RDF.type, SH.PropertyShape))
    return copy


def _visible(data: Graph) -> Graph:
    """The view of ``data`` whose triples pySHACL should see.

    A plain ``Graph`` over a context-aware store (an Oxigraph store through an rdflib
    wrapper, or rdflib's own Dataset store) sees only the named graph of its identifier;
    opened without ``identifier=DATASET_DEFAULT_GRAPH_ID`` it sees nothing of a store whose
    triples sit in the default graph, and pySHACL then reports an empty graph as
    conforming. When the view is empty but the store's default graph is not, that default
    graph is what the caller meant.
    """
    if isinstance(data, ConjunctiveGraph) or not data.store.context_aware:
        return data
    if data.identifier == DATASET_DEFAULT_GRAPH_ID or len(data) > 0:
        return data
    default = Graph(store=data.store, identifier=DATASET_DEFAULT_GRAPH_ID,
                    namespace_manager=data.namespace_manager)
    return default if len(default) > 0 else data


def _namespaces() -> NamespaceManager:
    manager = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace)
    manager.bind("tipsh", TIPSH)
    manager.bind("sh", SH)
    return manager


def _results(report: Graph) -> list[ShapeResult]:
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        if focus is None:
            continue
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        found.append(ShapeResult(
            focus=focus,
            path=report.value(result, SH.resultPath),
            value=report.value(result, SH.value),
            message=str(message) if message is not None else "",
            severity=severity if isinstance(severity, URIRef) else SH.Violation,
            shape=report.value(result, SH.sourceShape),
        ))
    order = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}
    found.sort(key=lambda r: (order.get(r.severity, 3), str(r.focus), str(r.path), r.message))
    return found


def render_term(term: Node | None, graph: Graph | None = None,
                manager: NamespaceManager | None = None) -> str:
    """A term as a person reads it: a prefixed name, ``<iri>``, a literal, or a path.

    Paths in a report are blank nodes (``[ sh:inversePath tip:section ]``); ``graph`` (the
    report graph) lets them be written the SPARQL way (``^tip:section``).
    """
    manager = manager or _namespaces()
    if term is None:
        return "-"
    if isinstance(term, BNode) and graph is not None:
        inverse = graph.value(term, SH.inversePath)
        if inverse is not None:
            return "^" + render_term(inverse, graph, manager)
        items = list(graph.items(term))
        if items:
            return "/".join(render_term(item, graph, manager) for item in items)
        alternatives = graph.value(term, SH.alternativePath)
        if alternatives is not None:
            return "|".join(render_term(item, graph, manager) for item in graph.items(alternatives))
    if isinstance(term, URIRef | Literal | BNode):
        return term.n3(manager)
    return str(term)


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > QUOTE_CHARS:
        flat = flat[:QUOTE_CHARS - 1].rstrip() + "…"
    return f"\u201c{flat}\u201d"


def source_sentences(data: Graph, node: Node | None) -> list[URIRef]:
    """The sentences a node stands on: itself if it is a sentence, else those it derives from.

    Sorted by narrative and position, so the first is the earliest statement.
    """
    if not isinstance(node, URIRef):
        return []
    if (node, RDF.type, TIP.Sentence) in data:
        return [node]
    sentences = [s for s in data.objects(node, PROV.wasDerivedFrom) if isinstance(s, URIRef)]

    def position(sentence: URIRef) -> tuple[str, int]:
        index = data.value(sentence, TIP.sentenceIndex)
        narrative = data.value(sentence, TIP.inNarrative)
        number = int(index) if isinstance(index, Literal) and index.isnumeric() else -1
        return (str(narrative), number)

    return sorted(sentences, key=position)


def readable_report(outcome: ValidationOutcome, data: Graph, *, limit: int | None = None,
                    more: str = "") -> str:
    """The outcome as text: one block per result with focus, path, value, message, sentence.

    Args:
        outcome: what ``validate`` returned.
        data: the graph that was validated, to look up the sentences behind each focus node
            (or behind the offending value, when the focus has none).
        limit: show at most this many results (all when None); a last line counts the rest.
        more: appended to that last line, to say where to see them all.

    Example:
        >>> from rdflib import Graph
        >>> print(readable_report(validate(Graph()), Graph()))
        The graph conforms to the shapes.
    """
    if outcome.conforms:
        return "The graph conforms to the shapes."
    data = _visible(data)
    results = outcome.results
    violations = sum(1 for r in results if r.severity == SH.Violation)
    nodes = len({r.focus for r in results})
    others = len(results) - violations
    counted = _count(violations, "violation") + (
        f" and {_count(others, 'other result')}" if others else "")
    lines = [f"The graph does not conform to the shapes: {counted} on {_count(nodes, 'node')}."]
    shown = results if limit is None else results[:limit]
    for number, result in enumerate(shown, 1):
        lines.append("")
        lines.extend(_block(number, result, outcome, data))
    if len(shown) < len(results):
        lines.extend(["", f"({len(results) - len(shown)} more results not shown{more})"])
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _block(number: int, result: ShapeResult, outcome: ValidationOutcome,
           data: Graph) -> list[str]:
    """The lines of one result: what, where, why, and the words it stands on."""
    manager = _namespaces()

    def show(term: Node | None) -> str:
        return render_term(term, outcome.report_graph, manager)

    kinds = sorted(show(kind) for kind in data.objects(result.focus, RDF.type))
    head = f"{number}. focus:    {show(result.focus)}"
    if kinds:
        head += f"  ({', '.join(kinds)})"
    if result.severity != SH.Violation:
        head += f"  [{show(result.severity)}]"
    path = show(result.path) if result.path is not None else "(the node itself)"
    lines = [head, f"   path:     {path}"]
    if result.value is not None and result.value != result.focus:
        lines.append(f"   value:    {show(result.value)}")
    lines.append(f"   message:  {result.message}")
    shape = _named_shape(result.shape, outcome.shapes)
    if shape is not None:
        lines.append(f"   shape:    {show(shape)}")
    sentences = source_sentences(data, result.focus) or source_sentences(data, result.value)
    if sentences:
        first = sentences[0]
        text = data.value(first, TIP.text) or data.value(first, NIF.anchorOf)
        more = f" (and {len(sentences) - 1} more)" if len(sentences) > 1 else ""
        lines.append(f"   sentence: {show(first)}{more}")
        lines.append(f"             {_quote(str(text)) if text is not None else '(no text)'}")
    return lines


def _named_shape(shape: Node | None, shapes: Graph | None) -> Node | None:
    """The shape to name in the report: a blank property shape is named by its node shape."""
    if shape is None or not isinstance(shape, BNode):
        return shape
    if shapes is None:
        return None
    owner = next(shapes.subjects(SH.property, shape), None)
    return owner if isinstance(owner, URIRef) else None


__all__ = ["ShapeResult", "ValidationOutcome", "batched", "load_shapes", "readable_report",
           "render_term", "source_sentences", "validate"]
