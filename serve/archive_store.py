"""The archive store: one named graph per report year in an Oxigraph directory.

``tipgraph build REPORT... --store DIR`` adds or replaces report years one at a time; this
module holds what is done to the directory. The directory stays a plain Oxigraph store, so
``tipgraph serve --store DIR`` and ``oxigraph serve`` read it as it is:

* each year's triples in ``graph_iri(year)``, the ontology in its own graph, the dataset
  description (DCAT, one ``dcterms:source`` per report) in the default graph, as
  ``tipgraph build -o x.trig`` lays them out;
* ``UNION_GRAPH``, the deduplicated union the endpoint answers from, kept up to date year by
  year in the store (a new year's triples are bulk-loaded into it; a replaced or removed
  year's triples leave it only when no other graph holds them), never held in Python;
* ``MANIFEST_GRAPH``, what the store holds (DCAT / VoID / PROV / SPDX): per year the source
  file, its sha256, the fingerprint that says whether a rebuild is needed, the tool
  version, the triple count and when it was added. It is not part of the union (it is
  about the store, not the reports), so exports of the union do not change with the time
  of a rebuild.

**All or nothing.** A change is made on a checkpoint of the store (``Store.backup``: hard
links to RocksDB's immutable files, 10 ms), written there without transactions (the bulk
loader), then swapped in with one ``renameat2(RENAME_EXCHANGE)``, which exchanges the two
directories atomically; the old one is then removed. A process killed at any point before
the exchange leaves the store as it was and a scratch directory that the next run removes;
after it, the store is the new one. Why not a staging graph moved in with one SPARQL
update (one transaction in Oxigraph, checked: a failing ``LOAD`` after a ``DROP`` in one
request leaves the store unchanged)? Oxigraph holds a transaction's writes in memory:
``ADD`` + ``MOVE`` of 300k quads took 129 s and 1.9 GiB peak here, and ``Store.extend`` of
them 27 s, against a whole report year's build of 18 s and 1.0 GiB.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from tipgraph.core.errors import OutputError
from tipgraph.graph.iris import DATASET_IRI, graph_iri, report_iri
from tipgraph.ontology import ID_BASE, ONTOLOGY_IRI
from tipgraph.serve.store import MANIFEST_GRAPH, UNION_GRAPH, open_store

ARCHIVE_IRI = ID_BASE + "archive"

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_DCAT = "http://www.w3.org/ns/dcat#"
_DCT = "http://purl.org/dc/terms/"
_VOID = "http://rdfs.org/ns/void#"
_PROV = "http://www.w3.org/ns/prov#"
_SPDX = "http://spdx.org/rdf/terms#"
_SCHEMA = "https://schema.org/"
_TIP = "https://w3id.org/tipgraph/ontology#"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class YearEntry:
    """What the manifest records about one report year of the store."""

    year: int
    source: str
    sha256: str
    fingerprint: str
    version: str
    triples: int
    added: str


def scratch_path(path: Path) -> Path:
    """The checkpoint a change is written to, beside the store (never inside it)."""
    path = Path(path).resolve()
    return path.parent / f".{path.name}.tipgraph-next"


def clean_leftovers(path: Path) -> bool:
    """Remove the scratch directory a killed change left; True if there was one.

    Call under ``store_lock``: the lock says no other change is running. If the store
    itself is missing while a scratch is there, the process died between the two renames
    of the fallback swap (no ``renameat2``): the scratch is the old store, moved back.
    """
    path = Path(path).resolve()
    scratch = scratch_path(path)
    if not scratch.exists():
        return False
    if not path.exists():
        scratch.rename(path)
        return True
    shutil.rmtree(scratch)
    return True


def _exchange(a: Path, b: Path) -> None:
    """Exchange two directories atomically (Linux ``renameat2``); else two renames."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd, rename_exchange = -100, 2
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
            return
    # No atomic exchange: b goes aside under a's name only after a is out of the way;
    # clean_leftovers undoes a death in between.
    aside = a.with_name(a.name + ".old")
    b.rename(aside)
    a.rename(b)
    aside.rename(a)


def change(path: Path, work: Callable[[ox.Store], T]) -> T:
    """Run ``work`` on a writable copy of the store at ``path``, then swap the copy in whole.

    An exception in ``work`` (or a kill) leaves the store as it was. ``work`` must not keep
    the store it is given: the copy is closed before it is moved. Call under ``store_lock``
    with ``clean_leftovers`` done.

    Raises:
        OutputError: E632 when the store cannot be opened; E682 when the new store cannot
            be swapped in.
    """
    path = Path(path).resolve()
    scratch = scratch_path(path)
    existed = path.exists()
    if existed:
        current = open_store(path)
        try:
            current.backup(str(scratch))
        except OSError as exc:
            raise OutputError(f"cannot checkpoint the store {path}: {exc}",
                              code="E682") from None
        finally:
            del current
    try:
        store = open_store(scratch)
        outcome = work(store)
        store.flush()
        del store  # closed: RocksDB must not have the directory open while it moves
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    try:
        if existed:
            _exchange(scratch, path)
            shutil.rmtree(scratch)  # now the old store
        else:
            scratch.rename(path)
    except OSError as exc:
        raise OutputError(f"cannot swap the new store into {path}: {exc}", code="E682") from None
    return outcome


# -------------------------------------------------------------------- the manifest
def utc_now() -> str:
    """The time now as the manifest writes it (``xsd:dateTime``, UTC, to the second)."""
    return datetime.now(tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _nn(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def entry_iri(year: int) -> str:
    """The manifest's node for one report year (what a compaction records it has merged)."""
    return f"{ARCHIVE_IRI}/year/{year}"


def read_manifest(store: ox.Store) -> dict[int, YearEntry]:
    """The years the manifest records, by year (empty for a store with none)."""
    rows = store.query(f"""
        SELECT ?year ?source ?sha ?fp ?version ?triples ?added WHERE {{
          GRAPH <{MANIFEST_GRAPH}> {{
            ?entry <{_TIP}reportYear> ?year ; <{_DCT}identifier> ?fp ;
                   <{_SCHEMA}softwareVersion> ?version ; <{_VOID}triples> ?triples ;
                   <{_PROV}generatedAtTime> ?added ; <{_PROV}wasDerivedFrom> ?file .
            ?file <{_DCT}title> ?source ; <{_SPDX}checksum> ?sum .
            ?sum <{_SPDX}checksumValue> ?sha .
          }} }}""")
    assert isinstance(rows, ox.QuerySolutions)
    entries: dict[int, YearEntry] = {}
    for row in rows:
        year = int(row["year"].value)
        entries[year] = YearEntry(year=year, source=row["source"].value, sha256=row["sha"].value,
                                  fingerprint=row["fp"].value, version=row["version"].value,
                                  triples=int(row["triples"].value), added=row["added"].value)
    return entries


def _manifest_quads(entry: YearEntry) -> list[ox.Quad]:
    g = _nn(MANIFEST_GRAPH)
    e, f, c = (_nn(entry_iri(entry.year)), _nn(f"{entry_iri(entry.year)}/source"),
               _nn(f"{entry_iri(entry.year)}/source/checksum"))
    lit = ox.Literal

    def typed(value: object, kind: str) -> ox.Literal:
        return ox.Literal(str(value), datatype=_nn(_XSD + kind))

    rows: list[tuple[ox.NamedNode, str, ox.NamedNode | ox.Literal]] = [
        (_nn(ARCHIVE_IRI), _RDF + "type", _nn(_DCAT + "Catalog")),
        (_nn(ARCHIVE_IRI), _DCAT + "dataset", e),
        (e, _RDF + "type", _nn(_DCAT + "Dataset")),
        (e, _RDF + "type", _nn(_VOID + "Dataset")),
        (e, _TIP + "reportYear", typed(entry.year, "integer")),
        (e, _DCT + "source", _nn(str(report_iri(entry.year)))),
        (e, _DCAT + "accessURL", _nn(str(graph_iri(entry.year)))),
        (e, _VOID + "triples", typed(entry.triples, "integer")),
        (e, _DCT + "identifier", lit(entry.fingerprint)),
        (e, _SCHEMA + "softwareVersion", lit(entry.version)),
        (e, _PROV + "generatedAtTime", typed(entry.added, "dateTime")),
        (e, _PROV + "wasDerivedFrom", f),
        (f, _RDF + "type", _nn(_PROV + "Entity")),
        (f, _DCT + "title", lit(entry.source)),
        (f, _SPDX + "checksum", c),
        (c, _RDF + "type", _nn(_SPDX + "Checksum")),
        (c, _SPDX + "algorithm", _nn(_SPDX + "checksumAlgorithm_sha256")),
        (c, _SPDX + "checksumValue", lit(entry.sha256)),
    ]
    return [ox.Quad(s, _nn(p), o, g) for s, p, o in rows]


def _forget_manifest(store: ox.Store, year: int) -> None:
    entry = entry_iri(year)
    store.update(f"""
        DELETE WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ <{entry}> ?p ?o }} }};
        DELETE WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ <{entry}/source> ?p ?o }} }};
        DELETE WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ <{entry}/source/checksum> ?p ?o }} }};
        DELETE WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ ?s ?p <{entry}> }} }}""")


# -------------------------------------------------------------------- the union
def _forget_in_union(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph,
                     quads: Iterable[ox.Quad] | None = None) -> int:
    """Take out of the union the triples of ``graph`` (or just ``quads`` of it) that no
    other graph holds."""
    union = _nn(UNION_GRAPH)
    skip = {str(graph), str(union), MANIFEST_GRAPH}
    gone = []
    for quad in store.quads_for_pattern(None, None, None, graph) if quads is None else quads:
        held = any(str(other.graph_name) not in skip for other in
                   store.quads_for_pattern(quad.subject, quad.predicate, quad.object, None))
        if not held:
            gone.append(ox.Quad(quad.subject, quad.predicate, quad.object, union))
    for quad in gone:
        store.remove(quad)
    return len(gone)


def _load(store: ox.Store, data: bytes | Path, graph: ox.NamedNode | ox.DefaultGraph) -> None:
    """Bulk-load N-Triples (bytes or a file) into ``graph`` and into the union."""
    for target in (graph, _nn(UNION_GRAPH)):
        if isinstance(data, Path):
            store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES, to_graph=target)
        else:
            store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES, to_graph=target)


def _count(store: ox.Store, graph: ox.NamedNode) -> int:
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")
    assert isinstance(rows, ox.QuerySolutions)
    return int(next(iter(rows))["n"].value)


def _describe(store: ox.Store, description: bytes) -> None:
    """Replace the dataset description (the default graph), in the union too.

    Only the triples that change are written (a year's ``dcterms:source`` and counts): a
    cleared graph loaded again cost two bulk loads, each one more layer of files in the
    store, for a few dozen triples (0.2-0.4 s of CPU a year).
    """
    default = ox.DefaultGraph()
    union = _nn(UNION_GRAPH)
    new = {ox.Quad(t.subject, t.predicate, t.object, default)
           for t in ox.parse(description, format=ox.RdfFormat.N_TRIPLES)}
    old = set(store.quads_for_pattern(None, None, None, default))
    gone = old - new
    for quad in gone:
        store.remove(quad)
    _forget_in_union(store, default, gone)
    added = new - old
    store.extend([*added, *(ox.Quad(q.subject, q.predicate, q.object, union) for q in added)])


def ensure_ontology(store: ox.Store, ontology: bytes) -> bool:
    """Load the ontology graph when it is missing or differs; True if it was (re)loaded."""
    node = _nn(str(ONTOLOGY_IRI))
    fresh = ox.Store()
    fresh.bulk_load(input=ontology, format=ox.RdfFormat.N_TRIPLES, to_graph=node)
    have = set(store.quads_for_pattern(None, None, None, node))
    if have == set(fresh):
        return False
    _forget_in_union(store, node)
    store.remove_graph(node)
    _load(store, ontology, node)
    return True


def put_year(store: ox.Store, entry: YearEntry, data: bytes | Path, ontology: bytes,
             description: bytes) -> int:
    """Add or replace one year's graph (N-Triples ``data``); return its triple count.

    ``description`` is the new default graph (the dataset description of every year the
    store will hold); the manifest entry's triple count is the loaded graph's.
    """
    node = _nn(str(graph_iri(entry.year)))
    ensure_ontology(store, ontology)
    if store.contains_named_graph(node):
        _forget_in_union(store, node)
        store.remove_graph(node)
    _load(store, data, node)
    triples = _count(store, node)
    _forget_manifest(store, entry.year)
    store.extend(_manifest_quads(YearEntry(
        year=entry.year, source=entry.source, sha256=entry.sha256,
        fingerprint=entry.fingerprint, version=entry.version, triples=triples,
        added=entry.added)))
    _describe(store, description)
    return triples


def drop_year(store: ox.Store, year: int, description: bytes) -> None:
    """Remove one year's graph, its manifest entry and its triples held nowhere else."""
    node = _nn(str(graph_iri(year)))
    _forget_in_union(store, node)
    store.remove_graph(node)
    _forget_manifest(store, year)
    _describe(store, description)


def open_read_only(path: Path) -> ox.Store:
    """Open an existing store directory read-only (for query, list).

    Raises:
        OutputError: E681 when there is no store there.
    """
    path = Path(path)
    if not path.is_dir() or not any(path.iterdir()):
        raise OutputError(f"{path} is not a store directory (build one with tipgraph build "
                          "REPORT... --store DIR)", code="E681")
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        first = (str(exc).strip().splitlines() or ["cannot open"])[0][:200]
        raise OutputError(f"cannot open the store {path}: {first}", code="E681") from None


def union_size(store: ox.Store) -> int:
    """Triples of the union graph."""
    return _count(store, _nn(UNION_GRAPH))


def union_graph(path: Path) -> Graph:
    """The union graph of a store directory as an rdflib graph (export, stats, query).

    Opened read-only; each term converted as it is read, nothing parsed again.

    Raises:
        OutputError: E681 when ``path`` is not a store.
    """
    return named_graph(open_read_only(path), UNION_GRAPH)


def named_graph(store: ox.Store, name: str) -> Graph:
    """One named graph of an open store as an rdflib graph (a year's, to validate it alone)."""
    from tipgraph.graph.mapping import new_graph

    graph = new_graph()
    add = graph.store.add

    def term(node: object) -> Node:
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        assert isinstance(node, ox.Literal)
        if node.language:
            return Literal(node.value, lang=node.language)
        if node.datatype.value == _XSD + "string":
            return Literal(node.value)
        return Literal(node.value, datatype=URIRef(node.datatype.value))

    for quad in store.quads_for_pattern(None, None, None, _nn(name)):
        add((term(quad.subject), term(quad.predicate), term(quad.object)), graph, False)
    return graph


def dataset_description(years: Iterable[int]) -> bytes:
    """The default graph of a store holding ``years``: the DCAT description, N-Triples."""
    from tipgraph.graph.mapping import add_dataset_description, new_graph

    graph = new_graph()
    add_dataset_description(graph, years)
    return sorted_nt(graph.serialize(format="nt", encoding="utf-8"))


def sorted_nt(data: bytes) -> bytes:
    """N-Triples lines in one order (rdflib's follows its hash tables)."""
    lines = sorted(line for line in data.splitlines() if line.strip())
    return b"\n".join(lines) + b"\n"


__all__ = [
    "ARCHIVE_IRI",
    "DATASET_IRI",
    "MANIFEST_GRAPH",
    "YearEntry",
    "change",
    "clean_leftovers",
    "dataset_description",
    "drop_year",
    "ensure_ontology",
    "named_graph",
    "open_read_only",
    "put_year",
    "read_manifest",
    "scratch_path",
    "sorted_nt",
    "union_graph",
    "union_size",
]
