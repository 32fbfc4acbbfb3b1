"""Load a graph file that tipgraph (or anyone) wrote, with one clear error when it is bad."""

from __future__ import annotations

import warnings
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.util import guess_format

from tipgraph.core.errors import InputError
from tipgraph.graph.serialize import FORMATS
from tipgraph.ontology import PREFIXES

QUAD_FORMATS = {"trig", "nquads"}


def graph_format(path: Path) -> str:
    """The rdflib parser for a path's extension.

    Raises:
        InputError: E111 when the extension names no RDF format.
    """
    fmt = FORMATS.get(Path(path).suffix.lower()) or guess_format(str(path))
    if fmt is None:
        raise InputError(f"{path}: cannot tell the RDF format from the extension; use .ttl, "
                         ".nt, .jsonld, .trig or .nq", code="E111")
    return fmt


def load_graph(path: Path) -> Graph:
    """Parse an RDF file into one graph (the union of its named graphs for quad formats).

    Raises:
        InputError: E101 missing, E102 a directory, E111 unknown format, E112 parse error.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file", code="E101")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a graph file", code="E102")
    fmt = graph_format(path)
    graph: Graph = Dataset(default_union=True) if fmt in QUAD_FORMATS else Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    try:
        with warnings.catch_warnings():
            # rdflib's own JSON-LD and TriG parsers use its deprecated ConjunctiveGraph.
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path} is not valid {fmt}: {first[:200]}", code="E112") from None
    if fmt in QUAD_FORMATS:
        union = Graph()
        for prefix, ns in graph.namespaces():
            union.bind(prefix, ns)
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return graph
