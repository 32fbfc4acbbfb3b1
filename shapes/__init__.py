"""The SHACL shapes every tipgraph graph is validated against, shipped as ``.ttl`` package data.

The shapes are data, not code: ``tipgraph-shapes.ttl`` beside this module says what a graph
must hold (one node shape per ontology class, plus SHACL-SPARQL domain checks), and this
module only finds and parses it through ``importlib.resources``. Validation itself lives in
``tipgraph.shapes.validate``.

Example:
    >>> from tipgraph.shapes import shapes_graph
    >>> len(shapes_graph()) > 0
    True
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rdflib import Graph, Namespace

from tipgraph.core.errors import InputError
from tipgraph.ontology import PREFIXES

#: The namespace the shapes are named in (``tipsh:FlowShape``).
TIPSH = Namespace("https://w3id.org/tipgraph/shapes#")
#: The file holding the project's shapes.
SHAPES_FILE = "tipgraph-shapes.ttl"


def shapes_files() -> list[str]:
    """Names of the ``.ttl`` shape files shipped in the package, sorted."""
    return sorted(entry.name for entry in files(__name__).iterdir()
                  if entry.name.endswith(".ttl"))


def shapes_text(name: str = SHAPES_FILE) -> str:
    """Return the Turtle source of one shipped shapes file.

    Raises:
        InputError: E113 when no shapes file of that name is shipped; the message lists them.
    """
    known = shapes_files()
    if name not in known:
        raise InputError(f"no shapes file {name!r} in tipgraph.shapes; known: {known}",
                         code="E113")
    return files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def _parsed() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("tipsh", TIPSH)
    for name in shapes_files():
        graph.parse(data=shapes_text(name), format="turtle")
    return graph


def shapes_graph() -> Graph:
    """Return a fresh copy of every shipped shapes file in one graph (callers may change it).

    Parsing happens once per process; the copy keeps the cached graph safe from callers.
    """
    copy = Graph()
    for prefix, namespace in _parsed().namespaces():
        copy.bind(prefix, namespace)
    for triple in _parsed():
        copy.add(triple)
    return copy


__all__ = ["SHAPES_FILE", "TIPSH", "shapes_files", "shapes_graph", "shapes_text"]
