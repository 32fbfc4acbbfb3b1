"""A digest of the installed code and data that shape a year's graph.

An archive store keys each year by its input's bytes, the options and the tool version.
The version alone is not enough: a development install (or a patched release) keeps its
version while the mapping, the patterns or the shapes change, and a store that trusted
the version would keep years built by the old code beside years built by the new one,
with no sign of it. Hashing the packages that decide a year's graph (the reader and the
extractors, the mapping, the ontology, the shapes and this pipeline layer) costs a few
milliseconds and makes any change of them rebuild every year on the next ``build --store``.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

# The packages whose code or data can change the triples of a year; the CLI, the
# queries, the exports and the server only read graphs.
_PACKAGES = ("tipgraph.core", "tipgraph.extract", "tipgraph.graph", "tipgraph.ontology",
             "tipgraph.shapes", "tipgraph.pipeline")
_SUFFIXES = (".py", ".ttl", ".jsonl", ".json", ".tsv", ".txt")


def _walk(node: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    """Every file under node with its path relative to the package, skipping caches."""
    found: list[tuple[str, Traversable]] = []
    for child in node.iterdir():
        name = f"{prefix}/{child.name}"
        if child.is_dir():
            if child.name != "__pycache__":
                found.extend(_walk(child, name))
        elif child.name.endswith(_SUFFIXES):
            found.append((name, child))
    return found


@cache
def code_digest() -> str:
    """A sha256 over the sorted paths and bytes of the graph-shaping packages' files."""
    digest = hashlib.sha256()
    for package in _PACKAGES:
        for name, node in sorted(_walk(files(package), package), key=lambda item: item[0]):
            digest.update(name.encode())
            digest.update(b"\0")
            digest.update(hashlib.sha256(node.read_bytes()).digest())
    return digest.hexdigest()
