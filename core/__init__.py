"""Shared foundations of tipgraph: the error tree and atomic file output.

Every layer (extract, graph, shapes, queries, cli) may import from here; this package
imports nothing of theirs, so it can never close a cycle.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tipgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
