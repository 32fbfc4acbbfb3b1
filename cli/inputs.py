"""The ``--graph`` input shared by the commands that read a built graph.

``export``, ``stats`` and ``query`` all work on a graph file written by ``tipgraph build``
or, without one, on the built-in sample built in memory; one definition keeps their help
text and behaviour the same.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rdflib import Graph


def add_graph_argument(parser: argparse.ArgumentParser) -> None:
    """``--graph``: a built graph file; without it, the built-in sample."""
    parser.add_argument("--graph", type=Path, metavar="GRAPH",
                        help="a graph file written by 'tipgraph build' (.ttl, .nt, .jsonld, "
                             ".trig, .nq) or an archive store directory (build --store: its "
                             "union graph); default: build the built-in sample")


def graph_or_sample(path: Path | None) -> Graph:
    """The graph to work on: the file given, or the sample built (and validated) in memory."""
    if path is not None and path.is_dir():
        from tipgraph.serve.archive_store import union_graph

        return union_graph(path)
    if path is not None:
        from tipgraph.graph.load import load_graph

        return load_graph(path)
    from tipgraph.graph.build import build_graph

    return build_graph([None]).union
