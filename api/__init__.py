"""tipgraph: TIP reports as a linked-data knowledge graph, from Python or a notebook.

The functions of ``tipgraph.api`` are importable from here::

    >>> import tipgraph
    >>> graph = tipgraph.build()                  # the built-in 2017 sample   # doctest: +SKIP
    >>> tipgraph.query(graph, "flows-into", country="USA")[:1]                  # doctest: +SKIP
    [{'flow': 'https://w3id.org/tipgraph/id/flow/...', 'origin': ..., ...}]

They are loaded on first use (``__getattr__``), so ``import tipgraph.core`` or the command
line, which import this package first, do not pay for rdflib, spaCy and networkx.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

#: The names ``tipgraph.api`` exports, served lazily from here.
__all__ = ["build", "dataframe", "load", "network", "query", "query_frame", "rows", "value"]


def __getattr__(name: str) -> Any:
    """``tipgraph.build`` and the rest: imported from ``tipgraph.api`` when first asked for."""
    if name in __all__:
        return getattr(import_module("tipgraph.api"), name)
    if name == "__version__":
        return import_module("tipgraph.core").__version__
    raise AttributeError(f"module 'tipgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
