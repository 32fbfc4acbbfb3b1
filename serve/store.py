"""The embedded store: an Oxigraph (RocksDB) directory holding one named graph per report.

The directory is the very format ``oxigraph serve`` and ``oxigraph serve-read-only`` read, so
a store built here can be served by the Oxigraph server as it is (see docs/publishing.md).

Graph files are split into named graphs the way ``tipgraph build -o x.trig`` writes them:
the ontology in ``https://w3id.org/tipgraph/ontology``, each report's triples in
``graph_iri(year)`` and the dataset description in the default graph. A quad file (TriG,
N-Quads) keeps the graphs it names; a triple file (Turtle, N-Triples, JSON-LD) is split by
subject: ontology terms to the ontology graph, the dataset node to the default graph, the rest
to the one report the file holds. A triple file with two reports cannot be split without
guessing which report a shared country belongs to, so it is refused with the way out.

Example:
    >>> graphs = read_graph_file(Path("sample.trig"))  # doctest: +SKIP
    >>> sorted(g or "(default)" for g in graphs)  # doctest: +SKIP
    ['(default)', 'https://w3id.org/tipgraph/id/graph/2017', 'https://w3id.org/tipgraph/ontology']
"""

from __future__ import annotations

import contextlib
import fcntl
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from tipgraph.core.errors import InputError, OutputError
from tipgraph.core.inputfile import decode_text, read_input
from tipgraph.graph.formats import formats, input_format
from tipgraph.graph.guards import JSONLD_FORMATS, XML_FORMATS, check_jsonld, check_xml
from tipgraph.graph.iris import DATASET_IRI, graph_iri
from tipgraph.ontology import ID_BASE, ONTOLOGY_IRI
from tipgraph.serve.negotiation import oxigraph_format

#: Graph file extensions (every RDF format of the table, ``tipgraph.graph.formats``) and
#: their pyoxigraph formats.
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    ext: oxigraph_format(f.media_type) for f in formats("rdf", readable=True)
    for ext in f.extensions}
QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}

#: A graph's name: an IRI, or None for the default graph.
GraphName = str | None

_YEAR = re.compile(re.escape(ID_BASE)
                   + r"(?:report|narrative|graph|dataset/figures)/(\d{4})(?:/|$)")
_ONTOLOGY = str(ONTOLOGY_IRI)
_DATASET = str(DATASET_IRI)
#: How the default graph is named in counts and messages.
DEFAULT_GRAPH = "(default graph)"

#: A materialised union of every other graph, which the endpoint queries as its default
#: graph. Oxigraph's own union default graph keeps a triple once per graph that holds it, and
#: every report graph holds the countries, regions, laws and agencies it names, so over an
#: archive of reports its joins multiply rows; a graph of its own holds each triple once.
UNION_GRAPH = "https://w3id.org/tipgraph/id/graph/union"
#: What an archive store holds (``tipgraph.serve.archive_store``): about the store, not the
#: reports, so never part of the union.
MANIFEST_GRAPH = "https://w3id.org/tipgraph/id/graph/archive-manifest"


def is_graph_file(path: Path) -> bool:
    """True for an RDF file by its extension (anything else is taken as a report text)."""
    return Path(path).suffix.lower() in GRAPH_FORMATS


def _parse(path: Path) -> tuple[ox.RdfFormat, list[ox.Quad]]:
    """Read a graph file through the bounded reader and its guards, then parse it.

    The same acquisition as ``tipgraph.graph.load`` (regular file, size limit, no XML
    entities, no remote JSON-LD context): Oxigraph's RDF/XML parser expands nested entities
    until it has allocated gigabytes, and a FIFO given as a graph would block the server's
    start for ever.
    """
    path = Path(path)
    data = read_input(path, what="graph file")
    fmt = oxigraph_format(input_format(path).media_type)  # E111 for an unknown extension
    if fmt.name in XML_FORMATS:
        check_xml(str(path), data)
    else:
        text, encoding = decode_text(str(path), data)
        if fmt.name in JSONLD_FORMATS:
            check_jsonld(str(path), text)
        if encoding != "UTF-8":  # Oxigraph reads UTF-8 only; the usual case needs no copy
            data = text.encode("utf-8")
        elif data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        del text
    try:
        # rename_blank_nodes: two files that both say _:b0 must not share a node
        return fmt, list(ox.parse(data, format=fmt, rename_blank_nodes=True))
    except (SyntaxError, ValueError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise InputError(f"{path} is not valid {fmt.name}: {first}", code="E112") from None


def report_years(subjects: Iterable[str]) -> set[int]:
    """The report years named by tipgraph IRIs among ``subjects`` (report, narrative, ...)."""
    years: set[int] = set()
    for subject in subjects:
        match = _YEAR.match(subject)
        if match:
            years.add(int(match.group(1)))
    return years


def _subject(triple: ox.Triple | ox.Quad) -> str:
    subject = triple.subject
    return subject.value if isinstance(subject, ox.NamedNode) else ""


def read_graph_file(path: Path, *, graph: str | None = None,
                    require_named: bool = False) -> dict[GraphName, list[ox.Triple]]:
    """Read a graph file into its named graphs (see the module docstring for the rules).

    Args:
        path: a ``.ttl``, ``.nt``, ``.jsonld``, ``.trig``, ``.nq`` or ``.rdf`` file.
        graph: put the report's triples in this graph instead of ``graph_iri(year)``.
        require_named: refuse report triples that would land in the default graph (publishing
            into a shared store's default graph would mix them with other data).

    Raises:
        InputError: E101/E102/E104/E105/E108/E109/E110/E111/E112/E115/E116 for a missing,
            unreadable, oversized or invalid file (see ``tipgraph.core.inputfile`` and
            ``tipgraph.graph.guards``);
            E120 a triple file holding several reports; E121 report triples with no graph to
            go to; E122 ``graph`` given for a file with several report graphs.
    """
    fmt, quads = _parse(path)
    graphs: dict[GraphName, list[ox.Triple]] = {}
    if fmt in QUAD_FORMATS:
        names = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
        reports = sorted(n for n in names if n != _ONTOLOGY)
        if graph is not None and len(reports) > 1:
            raise InputError(f"{path} holds {len(reports)} report graphs; --graph-iri names one "
                             "graph, so give a file with one report", code="E122")
        for quad in quads:
            name: GraphName = (quad.graph_name.value
                               if isinstance(quad.graph_name, ox.NamedNode) else None)
            if graph is not None and name is not None and name != _ONTOLOGY:
                name = graph
            graphs.setdefault(name, []).append(quad.triple)
        return graphs

    years = report_years(_subject(q) for q in quads)
    if len(years) > 1 and graph is None:
        listed = ", ".join(str(y) for y in sorted(years))
        raise InputError(f"{path} holds the reports of {listed} in one graph; write it as "
                         ".trig or .nq (tipgraph build -o graph.trig) to keep one named graph "
                         "per report", code="E120")
    target: GraphName = graph if graph is not None else (
        str(graph_iri(years.pop())) if years else None)
    for quad in quads:
        subject = _subject(quad)
        if subject.startswith(_ONTOLOGY):
            name = _ONTOLOGY
        elif subject == _DATASET:
            name = None
        else:
            name = target
        graphs.setdefault(name, []).append(quad.triple)
    if require_named and target is None and graphs.get(None):
        raise InputError(f"{path} names no report (no id/report/YYYY or id/narrative/YYYY/... "
                         "resource); give --graph-iri to say which graph to load it into",
                         code="E121")
    return graphs


def merge_graphs(parts: Iterable[dict[GraphName, list[ox.Triple]]]
                 ) -> dict[GraphName, list[ox.Triple]]:
    """Merge the graphs of several files; a graph named by two files gets both parts."""
    merged: dict[GraphName, list[ox.Triple]] = {}
    for part in parts:
        for name, triples in part.items():
            merged.setdefault(name, []).extend(triples)
    return merged


def _node(name: GraphName) -> ox.NamedNode | ox.DefaultGraph:
    return ox.NamedNode(name) if name is not None else ox.DefaultGraph()


def is_empty(store: ox.Store) -> bool:
    """True for a store without a quad, found without counting them: ``len(store)`` reads
    every quad (1.3 s of a query's 1.6 s on a 26-year archive store of 2 GB)."""
    return next(iter(store.quads_for_pattern(None, None, None, None)), None) is None


def open_store(path: Path) -> ox.Store:
    """Open (or create) a read-write store directory.

    Raises:
        OutputError: E632 when the directory is in use by another process or is not a store.
    """
    try:
        return ox.Store(str(path))
    except OSError as exc:
        first = (str(exc).strip().splitlines() or ["cannot open"])[0][:200]
        raise OutputError(f"cannot open the store {path}: {first} (is another tipgraph serve "
                          "or oxigraph using it?)", code="E632") from None


@contextlib.contextmanager
def store_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on a store directory for as long as a server uses it.

    RocksDB locks a store only while it is open for writing, and the server closes its
    writer before the read-only workers open it; without this lock a second ``tipgraph
    serve --store DIR GRAPH`` could write under the first one's readers. The lock is a
    ``flock`` on ``.<name>.tipgraph-lock`` beside the directory (never inside it, which
    belongs to RocksDB), released when the process ends, however it ends.

    Raises:
        OutputError: E632 when another process holds it.
    """
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.parent / f".{path.name}.tipgraph-lock"
    with lock_path.open("a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(f"the store {path} is in use by another tipgraph serve",
                              code="E632") from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def replace_graphs(store: ox.Store, graphs: dict[GraphName, list[ox.Triple]]) -> dict[str, int]:
    """Replace each named graph whole with the given triples; return triples per graph.

    Graphs the input does not name are left alone. The triples go in with the bulk loader,
    which writes sorted files instead of one transaction per graph. It is safe here because
    this runs only before the server opens the store, under ``store_lock``: no reader sees a
    graph half loaded and no other writer shares the directory. A crash during a load leaves
    a graph cleared or partly filled, which the next load of the same input replaces whole.
    """
    counts: dict[str, int] = {}
    for name, triples in graphs.items():
        node = _node(name)
        store.clear_graph(node)
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, node) for t in triples)
        counts[name or DEFAULT_GRAPH] = len(triples)
    store.flush()
    return counts


def refresh_union(store: ox.Store,
                  loaded: dict[GraphName, list[ox.Triple]] | None = None) -> int:
    """Rebuild ``UNION_GRAPH`` from every other graph; return its size.

    Bulk-loaded like the graphs (see ``replace_graphs``); the loader keeps a triple that
    several graphs hold once. The graphs just ``loaded`` are taken from memory and only the
    others read back from the store, as decoding a stored quad costs more than writing it.
    """
    union = ox.NamedNode(UNION_GRAPH)
    given = loaded or {}
    stored: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        g for g in store.named_graphs()
        if g != union and g.value not in given and g.value != MANIFEST_GRAPH]
    if None not in given:
        stored.append(ox.DefaultGraph())

    def quads() -> Iterator[ox.Quad]:
        for triples in given.values():
            for t in triples:
                yield ox.Quad(t.subject, t.predicate, t.object, union)
        for graph in stored:
            for q in store.quads_for_pattern(None, None, None, graph):
                yield ox.Quad(q.subject, q.predicate, q.object, union)

    store.clear_graph(union)
    store.bulk_extend(quads())
    store.flush()
    return sum(1 for _ in store.quads_for_pattern(None, None, None, union))


def graph_counts(store: ox.Store) -> dict[str, int]:
    """Triples per graph of a store (the default graph as ``DEFAULT_GRAPH``)."""
    counts: dict[str, int] = {}
    named = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert isinstance(named, ox.QuerySolutions)
    for row in named:
        if row["g"].value != UNION_GRAPH:
            counts[str(row["g"].value)] = int(row["n"].value)
    default = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(default, ox.QuerySolutions)
    in_default = int(next(iter(default))["n"].value)
    if in_default:
        counts[DEFAULT_GRAPH] = in_default
    return counts


@dataclass(slots=True)
class PreparedStore:
    """A store directory ready to serve, and what was done to it.

    Attributes:
        path: the store directory.
        loaded: triples per graph loaded now (empty when an existing store was reused).
        counts: triples per graph of the whole store, as it will be served.
        reused: True when an existing, non-empty store was served as it was.
        temporary: the temporary directory to clean up when the server stops, if any.
    """

    path: Path
    loaded: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    reused: bool = False
    temporary: tempfile.TemporaryDirectory[str] | None = None

    def cleanup(self) -> None:
        """Remove the store if it was a temporary one."""
        if self.temporary is not None:
            self.temporary.cleanup()
            self.temporary = None


def build_graphs(reports: Sequence[Path | None]) -> dict[GraphName, list[ox.Triple]]:
    """Build report texts (None: the built-in sample) into named graphs, as the TriG output.

    The graphs are those of ``tipgraph build -o x.trig``: the ontology, one per report, and
    what is in neither (the dataset description) in the default graph. Imported lazily:
    building needs the extractors and spaCy, serving a store does not.
    """
    from rdflib import Graph

    from tipgraph.pipeline.build import build_graph

    result = build_graph(list(reports))

    def triples(graph: Graph) -> list[ox.Triple]:
        data = graph.serialize(format="nt", encoding="utf-8")
        return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES,
                                           rename_blank_nodes=True)]

    graphs: dict[GraphName, list[ox.Triple]] = {_ONTOLOGY: triples(result.ontology)}
    placed = set(result.ontology)
    for year, graph in sorted(result.reports.items()):
        graphs[str(graph_iri(year))] = triples(graph)
        placed.update(graph)
    rest = Graph()
    for triple in result.union:
        if triple not in placed:
            rest.add(triple)
    if len(rest):
        graphs[None] = triples(rest)
    return graphs


def prepare_store(inputs: Sequence[Path], store_dir: Path | None = None) -> PreparedStore:
    """Open the store to serve: load graph files and reports, or reuse it, or build the sample.

    Args:
        inputs: graph files (by extension, see ``GRAPH_FORMATS``) and report text files; their
            graphs replace the same graphs in the store.
        store_dir: a store directory to keep; None for a temporary one removed at the end.

    With no inputs an existing non-empty store is reused as it is (a restart costs nothing);
    an empty one gets the built-in sample. The store is closed again before returning, so
    the query workers can open it read-only.
    """
    temporary = None
    if store_dir is None:
        temporary = tempfile.TemporaryDirectory(prefix="tipgraph-store-")
        store_dir = Path(temporary.name)
    prepared = PreparedStore(path=Path(store_dir), temporary=temporary)
    try:
        graph_files = [p for p in inputs if is_graph_file(p)]
        reports: list[Path | None] = [p for p in inputs if not is_graph_file(p)]
        parts = [read_graph_file(p) for p in graph_files]  # fail on bad input before opening
        store = open_store(prepared.path)
        try:
            if not inputs and not is_empty(store):
                prepared.reused = True
            else:
                if not inputs:
                    reports = [None]
                if reports:
                    parts.append(build_graphs(reports))
                graphs = merge_graphs(parts)
                prepared.loaded = replace_graphs(store, graphs)
                refresh_union(store, graphs)
            if prepared.reused and not store.contains_named_graph(ox.NamedNode(UNION_GRAPH)):
                refresh_union(store)
            prepared.counts = graph_counts(store)
        finally:
            del store  # close: read-only openers must not share the directory with a writer
    except BaseException:
        prepared.cleanup()
        raise
    return prepared


__all__ = [
    "DEFAULT_GRAPH",
    "GRAPH_FORMATS",
    "MANIFEST_GRAPH",
    "UNION_GRAPH",
    "GraphName",
    "PreparedStore",
    "build_graphs",
    "graph_counts",
    "is_empty",
    "is_graph_file",
    "merge_graphs",
    "open_store",
    "prepare_store",
    "read_graph_file",
    "refresh_union",
    "replace_graphs",
    "report_years",
    "store_lock",
]
