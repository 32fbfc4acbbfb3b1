"""Write a built graph in the format its file extension names, deterministically.

The extensions and their writers are rows of ``tipgraph.graph.formats``.

The same input must give byte-identical output, so every writer here is made canonical:
N-Triples and N-Quads are sorted line by line, JSON-LD nodes are sorted by ``@id`` with sorted
keys, and Turtle and TriG go through ``tipgraph.graph.oxwriter`` (Oxigraph's writer, subjects
and their predicates and objects sorted; named graphs sorted by name, the default graph
last). A graph with blank-node subjects (never a build's, but ``tipgraph export`` takes any
graph file) is written by rdflib's Turtle and TriG writers instead, which nest blank nodes.
Writes go through ``atomic_writer`` so a failure never leaves half a file behind.
"""

from __future__ import annotations

import json
import warnings
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from tipgraph.core.atomic import atomic_writer, write_bytes_atomic
from tipgraph.graph import oxwriter
from tipgraph.graph.formats import formats, output_format
from tipgraph.graph.iris import graph_iri
from tipgraph.ontology import ONTOLOGY_IRI, PREFIXES

#: The writer names of the formats that hold named graphs (``trig``, ``nquads``).
QUAD_FORMATS = frozenset(f.writer for f in formats("rdf", writable=True) if f.quads)


class _PnameMemo:
    """Remembers ``get_pname`` answers, which rdflib recomputes for every occurrence of a term.

    rdflib's Turtle writer asks the namespace manager for a prefixed name of every node of
    every triple, twice (once while scanning, once while writing). For an IRI under no bound
    prefix (every instance IRI of tipgraph) the manager raises before it caches its answer,
    so it splits the IRI and walks its namespace trie again on each of the ~200k asks of
    the sample: 80 % of the Turtle writer's time. The answer only changes when a prefix is
    bound, and that only happens when a predicate's namespace gets a generated prefix; the
    memo is dropped whenever the set of prefixes the writer uses grows, so the output is
    exactly rdflib's.
    """

    namespaces: dict[str, URIRef]
    _pname_memo: dict[tuple[Node, bool], str | None]

    def reset(self) -> None:
        super().reset()  # type: ignore[misc]
        self._pname_memo = {}

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        memo = self._pname_memo
        key = (uri, gen_prefix)
        if key in memo:
            return memo[key]
        known = len(self.namespaces)
        pname: str | None = super().get_pname(uri, gen_prefix)  # type: ignore[misc]
        if len(self.namespaces) != known:
            memo.clear()
        memo[key] = pname
        return pname


class _TurtleWriter(_PnameMemo, TurtleSerializer):
    """rdflib's Turtle serializer with prefixed names remembered (same bytes, 5x faster)."""


class _TrigWriter(_PnameMemo, TrigSerializer):
    """rdflib's TriG serializer with prefixed names remembered, graphs in a fixed order.

    rdflib writes the named graphs in the order its store's set of contexts yields them,
    which changes from run to run; here they come sorted by name, the default graph last.
    """

    def __init__(self, store: Graph) -> None:
        with warnings.catch_warnings():
            # rdflib's TriG writer calls its own deprecated Dataset.contexts.
            warnings.simplefilter("ignore", DeprecationWarning)
            super().__init__(store)
        default = self.default_context
        self.contexts.sort(key=lambda g: (g.identifier == default, str(g.identifier)))


def _write_with(writer: type[TurtleSerializer], graph: Graph, stream: BinaryIO) -> None:
    """Write what ``graph.serialize(format=..., encoding="utf-8")`` gives, through ``writer``."""
    writer(graph).serialize(stream, base=graph.base, encoding="utf-8")


def _to_bytes(writer: type[TurtleSerializer], graph: Graph) -> bytes:
    stream = BytesIO()
    _write_with(writer, graph, stream)
    return stream.getvalue()


def _sorted_lines(data: str) -> bytes:
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def _canonical_jsonld(graph: Graph) -> bytes:
    context = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    raw = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = raw.get("@graph", [raw] if "@id" in raw else [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    nodes.sort(key=lambda n: str(n.get("@id", "")))
    doc = {"@context": context, "@graph": nodes}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _named_graphs(union: Graph, ontology: Graph,
                  reports: dict[int, Graph]) -> list[tuple[URIRef | None, Graph]]:
    """The graphs of a quad file: the ontology and each report's graph, sorted by name, then
    the default graph (None) with the triples of ``union`` that are in neither (the dataset
    description), so a quad file parses back to the same union."""
    named: list[tuple[URIRef | None, Graph]] = [(ONTOLOGY_IRI, ontology)]
    named.extend((URIRef(graph_iri(year)), graph) for year, graph in reports.items())
    named.sort(key=lambda pair: str(pair[0]))
    default = Graph()
    for triple in union:
        if not any(triple in graph for _, graph in named):
            default.add(triple)
    named.append((None, default))
    return named


def to_dataset(union: Graph, ontology: Graph, reports: dict[int, Graph]) -> Dataset:
    """Put the ontology and each report's triples into named graphs of one dataset
    (``_named_graphs``), for rdflib's quad writers."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    for name, graph in _named_graphs(union, ontology, reports):
        target = dataset.graph(name) if name is not None else dataset.default_graph
        for triple in graph:
            target.add(triple)
    return dataset


def _write_turtle(union: Graph, stream: BinaryIO) -> None:
    """Turtle through Oxigraph's writer; rdflib's for a graph with blank-node subjects."""
    if not oxwriter.write_turtle(union, stream):
        _write_with(_TurtleWriter, union, stream)


def serialize(union: Graph, fmt: str, *, ontology: Graph | None = None,
              reports: dict[int, Graph] | None = None) -> bytes:
    """Serialise to bytes in ``fmt``, the writer name of an RDF format
    (``tipgraph.graph.formats``: ``turtle``, ``nt``, ``json-ld``, ``trig``, ``nquads``).

    ``union`` is written for the triple formats; the quad formats also take the ontology
    and the per-report graphs to put each in its own named graph.
    """
    if fmt == "trig":
        stream = BytesIO()
        if oxwriter.write_trig(_named_graphs(union, ontology if ontology is not None else Graph(),
                                             reports or {}), stream):
            return stream.getvalue()
    if fmt in QUAD_FORMATS:
        dataset = to_dataset(union, ontology if ontology is not None else Graph(), reports or {})
        if fmt == "nquads":
            with warnings.catch_warnings():
                # rdflib's N-Quads writer calls its own deprecated Dataset.contexts.
                warnings.simplefilter("ignore", DeprecationWarning)
                return _sorted_lines(dataset.serialize(format="nquads"))
        return _to_bytes(_TrigWriter, dataset)
    if fmt == "nt":
        return _sorted_lines(union.serialize(format="nt"))
    if fmt == "json-ld":
        return _canonical_jsonld(union)
    if fmt == "turtle":
        stream = BytesIO()
        _write_turtle(union, stream)
        return stream.getvalue()
    # Any other name would reach rdflib's writer, whose output follows the store's insertion
    # order: two builds of one input (``--jobs 1`` and ``--jobs 2``) would differ in bytes.
    raise ValueError(f"no deterministic RDF writer named {fmt!r}; use a writer name of "
                     "tipgraph.graph.formats (turtle, nt, json-ld, trig, nquads)")


def write_graph(path: Path, union: Graph, *, ontology: Graph | None = None,
                reports: dict[int, Graph] | None = None) -> int:
    """Write atomically in the format of ``path``'s extension; return the bytes written.

    Turtle goes to the file as it is written, not through a copy in memory (two copies of
    the output, 120 MB for 20 reports, at the build's peak).
    """
    fmt = output_format(path).writer
    assert fmt is not None  # output_format only gives formats with a writer
    if fmt == "turtle":
        with atomic_writer(Path(path)) as stream:
            _write_turtle(union, stream)
            return stream.tell()
    data = serialize(union, fmt, ontology=ontology, reports=reports)
    write_bytes_atomic(Path(path), data)
    return len(data)
