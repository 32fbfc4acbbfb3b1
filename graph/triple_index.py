"""An rdflib store for the one graph a build maps a report year into.

rdflib's ``Memory`` store keeps, for every triple, the contexts (graphs) it is in and sends
an event for every add; a build's year graph is one graph that is only added to, then
read by the validation and written out. For a 2 MB year (200k triples) the bookkeeping
was most of the mapping's CPU and a third of pySHACL's lookups (``Memory.triples`` asks
the context table of each triple it yields). ``TripleIndex`` keeps the three indexes
(subject, predicate, object first) and nothing else. Namespace bindings are kept by
rdflib's own ``SimpleMemory``, so that they behave exactly as before.

The store holds ONE graph: every ``Graph`` over it sees all its triples, whatever the
graph's identifier. It says it is context- and graph-aware only because pySHACL wraps a
data graph in a ``Dataset``, which asserts both of a store; the wrapper reads through the
graph it was given.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.store import Store
from rdflib.term import Node, URIRef

Triple = tuple[Node, Node, Node]
_NO_CONTEXTS: tuple[()] = ()


class TripleIndex(Store):
    """Triples in three nested-dict indexes; no contexts, no events (see the module)."""

    context_aware = True
    graph_aware = True
    formula_aware = False
    transaction_aware = False

    def __init__(self) -> None:
        super().__init__()
        self._names = SimpleMemory()
        self.clear()

    def clear(self) -> None:
        """Drop every triple (the indexes hold no cycle: reference counting frees them)."""
        self._spo: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._pos: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._osp: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._size = 0

    # ------------------------------------------------------------------ writing
    def add(self, triple: Triple, context: Any = None, quoted: bool = False) -> None:
        """Add ``triple`` (``context`` and ``quoted`` are ignored: one plain graph)."""
        s, p, o = triple
        by_p = self._spo.get(s)
        if by_p is None:
            by_p = self._spo[s] = {}
        objects = by_p.get(p)
        if objects is None:
            objects = by_p[p] = {}
        elif o in objects:
            return
        objects[o] = None
        self._size += 1
        _put(self._pos, p, o, s)
        _put(self._osp, o, s, p)

    def remove(self, triple: Any, context: Any = None) -> None:
        """Remove every triple matching the pattern ``triple``."""
        for (s, p, o), _ in list(self.triples(triple)):
            _drop(self._spo, s, p, o)
            _drop(self._pos, p, o, s)
            _drop(self._osp, o, s, p)
            self._size -= 1

    # ------------------------------------------------------------------ reading
    def triples(self, triple_pattern: Any, context: Any = None
                ) -> Generator[tuple[Triple, Iterator[Any]], None, None]:
        """The triples matching the pattern (None is a wildcard), each with no context."""
        s, p, o = triple_pattern
        none = iter(_NO_CONTEXTS)
        if s is not None:
            for p2, o2 in _pairs(self._spo.get(s), p, o):
                yield (s, p2, o2), none
        elif p is not None:
            for o2, s2 in _pairs(self._pos.get(p), o, None):
                yield (s2, p, o2), none
        elif o is not None:
            for s2, p2 in _pairs(self._osp.get(o), None, None):
                yield (s2, p2, o), none
        else:
            for s2, by_p in list(self._spo.items()):
                for p2, objects in list(by_p.items()):
                    for o2 in list(objects):
                        yield (s2, p2, o2), none

    def __len__(self, context: Any = None) -> int:
        return self._size

    def contexts(self, triple: Any = None) -> Generator[Any, None, None]:
        """No contexts: the store is one graph."""
        yield from ()

    # ------------------------------------------------------------------ namespaces
    def bind(self, prefix: str, namespace: URIRef, override: bool = True) -> None:
        self._names.bind(prefix, namespace, override=override)

    def namespace(self, prefix: str) -> URIRef | None:
        return self._names.namespace(prefix)

    def prefix(self, namespace: URIRef) -> str | None:
        return self._names.prefix(namespace)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        return self._names.namespaces()


def _put(index: dict[Node, dict[Node, dict[Node, None]]], a: Node, b: Node, c: Node) -> None:
    inner = index.get(a)
    if inner is None:
        inner = index[a] = {}
    last = inner.get(b)
    if last is None:
        last = inner[b] = {}
    last[c] = None


def _drop(index: dict[Node, dict[Node, dict[Node, None]]], a: Node, b: Node, c: Node) -> None:
    inner = index[a]
    last = inner[b]
    del last[c]
    if not last:
        del inner[b]
        if not inner:
            del index[a]


def _pairs(inner: dict[Node, dict[Node, None]] | None, b: Node | None, c: Node | None
           ) -> Iterator[tuple[Node, Node]]:
    """The (second, third) keys under one first key, ``b`` and ``c`` fixing them if given."""
    if not inner:
        return
    under = [(b, inner.get(b))] if b is not None else list(inner.items())
    for second, last in under:
        if not last:
            continue
        if c is not None:
            if c in last:
                yield second, c
        else:
            for third in list(last):
                yield second, third


__all__ = ["TripleIndex"]
