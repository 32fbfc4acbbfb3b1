"""The ``--graph`` input shared by the commands that read a built graph.

``export``, ``stats`` and ``query`` all work on a graph file written by ``tipgraph build``
or, without one, on the built-in sample built in memory; one definition keeps their help
text and behaviour the same.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tipgraph.cli.empty import empty_graph
from tipgraph.graph.formats import formats

if TYPE_CHECKING:
    from rdflib import Graph


def add_graph_argument(parser: argparse.ArgumentParser) -> None:
    """``--graph``: a built graph file or store directory; without it, the built-in sample."""
    parser.add_argument("--graph", type=Path, metavar="GRAPH",
                        help="a graph file written by 'tipgraph build' ("
                             + ", ".join(f.extension for f in formats("rdf", readable=True))
                             + ") or an archive store directory (build --store DIR: its union "
                             "graph); default: build the built-in sample")


def load_nonempty(path: Path) -> Graph:
    """The graph of a file, or the union graph of an archive store directory, that the user
    asked about; one without a triple is E125 (exit 3).

    Raises:
        InputError: E129 a directory that is not a store; the errors of ``load_graph``.
        EmptyError: E125 when the file or store holds no triple (an empty ``.ttl``,
            ``{"a":1}`` as JSON-LD), which would otherwise "conform" or count nothing with
            exit 0.
    """
    if path.is_dir():
        from tipgraph.cli.storequery import require_store
        from tipgraph.serve.archive_store import union_graph

        require_store(path)
        graph = union_graph(path)
    else:
        from tipgraph.graph.load import load_graph

        graph = load_graph(path)
    if len(graph) == 0:
        raise empty_graph(path)
    return graph


def graph_or_sample(path: Path | None) -> Graph:
    """The graph to work on: the file or store given, or the sample built (and validated)."""
    if path is not None:
        return load_nonempty(path)
    from tipgraph.pipeline.build import build_graph

    return build_graph([None]).union
