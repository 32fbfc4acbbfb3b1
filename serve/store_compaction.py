"""When and how an archive store is compacted: its files rewritten as one sorted layer.

Every change of an archive store bulk-loads a year's triples into its graph and into the
union (``tipgraph.serve.archive_store``). RocksDB ingests each load as files of their own,
and the union's (and the quad indexes') keys of a new year fall all over the key space, so
each load lies as one more layer over the earlier ones that every index lookup must
search. Measured on a 25-year store of 2 MB years (``docs/performance.md``): the routes of
one year took 7.8 s on the store as 25 loads left it and 0.76 s after a compaction; one
year added to a compacted store doubled it again (1.5 s). ``Store.optimize()`` merges the
layers (12 s on that 1.8 GB store), but costs about as much as building a year, so:

* a build that leaves ``COMPACT_AFTER`` or more years loaded since the store was last
  compacted compacts it at its end (a whole archive built at once, or the second year
  added one at a time); a single year added to a compacted store is not (it would cost
  about 1.7 times the add);
* ``tipgraph store remove`` compacts after its removals (they rewrite the union);
* ``tipgraph store compact DIR`` compacts on demand.

A compaction is a change like any other (``archive_store.change``: on a checkpoint, then
swapped in whole), so a reader never sees a half-compacted store and an interrupted one
leaves the store as it was. It is kept in the manifest graph as a PROV activity that
``prov:used`` the year entries it merged; replacing a year takes its entry, and with it that
link, out of the manifest, so the years loaded since are the entries it did not use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from tipgraph.serve import archive_store
from tipgraph.serve.store import MANIFEST_GRAPH

#: Years loaded since the last compaction at which a build compacts the store at its end.
COMPACT_AFTER = 2

_PROV = "http://www.w3.org/ns/prov#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
COMPACTION_IRI = archive_store.ARCHIVE_IRI + "/compaction"


def last_compaction(store: ox.Store) -> str | None:
    """When the store was last compacted (``xsd:dateTime`` text), None if never."""
    graph = ox.NamedNode(MANIFEST_GRAPH)
    for quad in store.quads_for_pattern(ox.NamedNode(COMPACTION_IRI),
                                        ox.NamedNode(_PROV + "endedAtTime"), None, graph):
        if isinstance(quad.object, ox.Literal):
            return quad.object.value
    return None


def loads_since_compaction(store: ox.Store) -> int:
    """The years of the manifest added or replaced since the last compaction."""
    graph = ox.NamedNode(MANIFEST_GRAPH)
    used = ox.NamedNode(_PROV + "used")
    node = ox.NamedNode(COMPACTION_IRI)
    return sum(1 for year in archive_store.read_manifest(store)
               if not any(True for _ in store.quads_for_pattern(
                   node, used, ox.NamedNode(archive_store.entry_iri(year)), graph)))


def compact(store: ox.Store, *, when: str) -> None:
    """Merge the store's files into one layer; record ``when`` and the years it merged."""
    graph = ox.NamedNode(MANIFEST_GRAPH)
    node = ox.NamedNode(COMPACTION_IRI)
    for quad in list(store.quads_for_pattern(node, None, None, graph)):
        store.remove(quad)
    store.extend([
        ox.Quad(node, ox.NamedNode(_RDF + "type"), ox.NamedNode(_PROV + "Activity"), graph),
        ox.Quad(node, ox.NamedNode(_PROV + "endedAtTime"),
                ox.Literal(when, datatype=ox.NamedNode(_XSD + "dateTime")), graph),
        *(ox.Quad(node, ox.NamedNode(_PROV + "used"),
                  ox.NamedNode(archive_store.entry_iri(year)), graph)
          for year in sorted(archive_store.read_manifest(store))),
    ])
    store.optimize()


def compact_store(path: Path, *, when: str) -> None:
    """Compact the store at ``path`` as one all-or-nothing change (call under its lock)."""
    archive_store.change(path, lambda store: compact(store, when=when))


def compact_if_due(path: Path, *, when: str, say: Callable[[str], object]) -> bool:
    """Compact the store at ``path`` when ``COMPACT_AFTER`` or more years were loaded since
    it last was; say so. True if it was compacted. Call under the store's lock."""
    store = archive_store.open_read_only(path)
    loads = loads_since_compaction(store)
    del store  # closed before the change takes its checkpoint
    if loads < COMPACT_AFTER:
        return False
    compact_store(path, when=when)
    say(f"{path}: compacted ({loads} report years loaded since the last compaction)")
    return True


__all__ = ["COMPACT_AFTER", "compact", "compact_if_due", "compact_store", "last_compaction",
           "loads_since_compaction"]
