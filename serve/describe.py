"""What the server says about the data: resource descriptions, statistics, VoID and DCAT.

Every query here goes through the same worker pool as the public endpoint, so a page for a
resource with a million links is under the same deadline and size limit as anyone's query.
IRIs are put into query text only after pyoxigraph has accepted them as IRIs
(``ox.NamedNode``), which rules out a ``>`` or a space that would let a path rewrite the query.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from tipgraph.graph.formats import formats
from tipgraph.graph.iris import DATASET_IRI, TOOL_IRI
from tipgraph.ontology import ID_BASE, ONTOLOGY_IRI, PREFIXES

#: Links shown (and described) in each direction; a narrative has hundreds of sentences.
MAX_LINKS = 500

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
PROV = "http://www.w3.org/ns/prov#"
SD = "http://www.w3.org/ns/sparql-service-description#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TIP = str(PREFIXES["tip"])
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"

_LABELS = f"<{RDFS}label>|<{SKOS}prefLabel>|<{TIP}text>"

#: ``run(query, union=True) -> parsed SPARQL JSON``; raises ``DescribeError`` on failure.
Runner = Callable[..., dict[str, object]]


class DescribeError(Exception):
    """A description query failed (too slow, too big, the pool busy); carries the answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class Term:
    """An RDF term from SPARQL JSON results, as pages show it."""

    kind: str  # "uri", "literal" or "bnode"
    value: str
    lang: str = ""
    datatype: str = ""

    @classmethod
    def from_json(cls, binding: dict[str, str]) -> Term:
        """A term from one SPARQL JSON binding."""
        kind = binding.get("type", "literal")
        kind = "literal" if kind == "typed-literal" else kind
        return cls(kind, binding.get("value", ""), binding.get("xml:lang", ""),
                   binding.get("datatype", ""))


@dataclass(frozen=True, slots=True)
class Link:
    """One property value of a resource, or one resource pointing at it."""

    predicate: Term
    node: Term
    label: str = ""
    predicate_label: str = ""


@dataclass(slots=True)
class Description:
    """Everything a resource page shows."""

    iri: str
    label: str = ""
    types: list[Link] = field(default_factory=list)
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    incoming_truncated: bool = False
    sentences: list[tuple[Term, str, Term | None]] = field(default_factory=list)


def iri_ref(iri: str) -> str:
    """``<iri>`` for query text, refusing anything pyoxigraph does not accept as an IRI.

    Raises:
        ValueError: for a string that is not an absolute IRI.
    """
    return str(ox.NamedNode(iri))


def _rows(result: dict[str, object]) -> list[dict[str, dict[str, str]]]:
    results = result.get("results")
    bindings = results.get("bindings", []) if isinstance(results, dict) else []
    return [row for row in bindings if isinstance(row, dict)]


def exists(run: Runner, iri: str) -> bool:
    """True when the store has a triple with ``iri`` as subject or object."""
    ref = iri_ref(iri)
    result = run(f"ASK {{ {{ {ref} ?p ?o }} UNION {{ ?s ?p {ref} }} }}")
    return bool(result.get("boolean"))


def construct_query(iri: str) -> str:
    """The CONSTRUCT that gives a resource's RDF document: its triples and links to it."""
    ref = iri_ref(iri)
    return (f"CONSTRUCT {{ {ref} ?p ?o . ?s ?q {ref} }} WHERE {{ "
            f"{{ SELECT DISTINCT ?p ?o WHERE {{ {ref} ?p ?o }} LIMIT {MAX_LINKS * 10} }} "
            f"UNION {{ SELECT DISTINCT ?s ?q WHERE {{ ?s ?q {ref} }} LIMIT {MAX_LINKS} }} }}")


def _short_text(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def describe(run: Runner, iri: str) -> Description | None:
    """The description of ``iri`` for its HTML page, or None if the store does not know it."""
    ref = iri_ref(iri)
    out = _rows(run(
        f"SELECT DISTINCT ?p ?o ?label ?plabel WHERE {{ {ref} ?p ?o "
        f"OPTIONAL {{ ?o {_LABELS} ?label }} OPTIONAL {{ ?p <{RDFS}label> ?plabel }} }} "
        f"LIMIT {MAX_LINKS * 10}"))
    incoming = _rows(run(
        f"SELECT ?p ?s ?label ?plabel WHERE {{ "
        f"{{ SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {ref} }} ORDER BY ?p ?s LIMIT {MAX_LINKS + 1} }}"
        f" OPTIONAL {{ ?s {_LABELS} ?label }} OPTIONAL {{ ?p <{RDFS}label> ?plabel }} }}"))
    if not out and not incoming:
        return None
    description = Description(iri=iri)
    description.outgoing = _links(out, "o")
    links = _links(incoming, "s")
    description.incoming_truncated = len({(lk.predicate, lk.node) for lk in links}) > MAX_LINKS
    description.incoming = links[:MAX_LINKS]
    description.types = [lk for lk in description.outgoing if lk.predicate.value == RDF_TYPE]
    for wanted in (f"{SKOS}prefLabel", f"{RDFS}label", f"{DCT}title", f"{TIP}text"):
        value = next((lk.node.value for lk in description.outgoing
                      if lk.predicate.value == wanted and lk.node.kind == "literal"), "")
        if value:
            description.label = _short_text(value)
            break
    sentences = _rows(run(
        f"SELECT DISTINCT ?sentence ?text ?narrative WHERE {{ "
        f"{ref} <{PROV}wasDerivedFrom> ?sentence . ?sentence <{TIP}text> ?text "
        f"OPTIONAL {{ ?sentence <{TIP}inNarrative> ?narrative }} }} ORDER BY ?sentence "
        f"LIMIT {MAX_LINKS}"))
    for row in sentences:
        narrative = Term.from_json(row["narrative"]) if "narrative" in row else None
        description.sentences.append(
            (Term.from_json(row["sentence"]), row["text"]["value"], narrative))
    description.sentences.sort(key=lambda s: _natural(s[0].value))
    return description


def _natural(text: str) -> tuple[str, int]:
    """Sort ``.../sentence/10`` after ``.../sentence/9``."""
    head, _, tail = text.rpartition("/")
    return (head, int(tail)) if tail.isdigit() else (text, -1)


def _links(rows: list[dict[str, dict[str, str]]], node_key: str) -> list[Link]:
    """One link per (predicate, node), with the first label found for each."""
    seen: dict[tuple[Term, Term], Link] = {}
    for row in rows:
        if "p" not in row or node_key not in row:
            continue
        predicate, node = Term.from_json(row["p"]), Term.from_json(row[node_key])
        key = (predicate, node)
        label = _short_text(row["label"]["value"]) if "label" in row else ""
        plabel = row["plabel"]["value"] if "plabel" in row else ""
        if key not in seen or (label and not seen[key].label):
            seen[key] = Link(predicate, node, label, plabel)
    return sorted(seen.values(), key=lambda lk: (lk.predicate.value, _natural(lk.node.value)))


# ---------------------------------------------------------------------- statistics


@dataclass(slots=True)
class Stats:
    """Counts for the home page and the VoID description (computed once: the store is
    read-only while it is served)."""

    triples: int = 0
    graphs: dict[str, int] = field(default_factory=dict)
    classes: dict[str, int] = field(default_factory=dict)
    subjects: int = 0
    properties: int = 0
    licenses: list[str] = field(default_factory=list)
    reports: list[tuple[str, str]] = field(default_factory=list)  # (IRI, label)
    builds: list[tuple[str, str]] = field(default_factory=list)   # (IRI, version)
    example: str = ""


def _int(row: dict[str, dict[str, str]], key: str) -> int:
    try:
        return int(row[key]["value"])
    except (KeyError, ValueError):
        return 0


def statistics(run: Runner) -> Stats:
    """Count triples, graphs, classes and subjects; read licence, sources and builds."""
    stats = Stats()
    for row in _rows(run("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                         "GROUP BY ?g ORDER BY ?g")):
        stats.graphs[row["g"]["value"]] = _int(row, "n")
    default = _rows(run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", union=False))
    if default and _int(default[0], "n"):
        stats.graphs[""] = _int(default[0], "n")
    stats.triples = sum(stats.graphs.values())
    for row in _rows(run("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } "
                         "GROUP BY ?c ORDER BY DESC(?n) ?c")):
        stats.classes[row["c"]["value"]] = _int(row, "n")
    distinct = _rows(run("SELECT (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?p) AS ?p_) "
                         "WHERE { ?s ?p ?o }"))
    if distinct:
        stats.subjects, stats.properties = _int(distinct[0], "s_"), _int(distinct[0], "p_")
    dataset = iri_ref(str(DATASET_IRI))
    stats.licenses = sorted({r["l"]["value"] for r in _rows(run(
        f"SELECT DISTINCT ?l WHERE {{ {dataset} <{DCT}license> ?l }}"))})
    stats.reports = [(r["r"]["value"], r.get("label", {}).get("value", "")) for r in _rows(run(
        f"SELECT DISTINCT ?r (SAMPLE(?l) AS ?label) WHERE {{ ?r a <{TIP}Report> "
        f"OPTIONAL {{ ?r <{RDFS}label> ?l }} }} GROUP BY ?r ORDER BY ?r"))]
    stats.builds = [(r["b"]["value"], r.get("v", {}).get("value", "")) for r in _rows(run(
        f"SELECT DISTINCT ?b (SAMPLE(?version) AS ?v) WHERE {{ ?b a <{TIP}Build> "
        f"OPTIONAL {{ ?b <{TIP}toolVersion> ?version }} }} GROUP BY ?b ORDER BY ?b"))]
    example = _rows(run(f"SELECT ?n WHERE {{ ?n a <{TIP}CountryNarrative> }} ORDER BY ?n LIMIT 1"))
    stats.example = example[0]["n"]["value"] if example else ""
    return stats


# ---------------------------------------------------------------------- VoID and DCAT


class _Triples:
    """Triples being written, with the two shorthands the descriptions below use."""

    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []

    def add(self, s: ox.NamedNode | ox.BlankNode, p: str,
            o: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        self.triples.append(ox.Triple(s, ox.NamedNode(p), o))

    @staticmethod
    def count(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=ox.NamedNode(f"{XSD}integer"))


def void_triples(stats: Stats, base_url: str) -> list[ox.Triple]:
    """The VoID and DCAT description of the served dataset and its SPARQL service.

    Args:
        stats: the counts (see ``statistics``).
        base_url: where this server is reached (``http://host:port``), for the endpoint.
    """
    node = ox.NamedNode(str(DATASET_IRI))
    endpoint = ox.NamedNode(f"{base_url}/sparql")
    triples = _Triples()
    _describe_dataset(triples, node, endpoint, stats)
    _describe_contents(triples, node, stats)
    _describe_service(triples, node, endpoint)
    return triples.triples


def _describe_dataset(triples: _Triples, node: ox.NamedNode, endpoint: ox.NamedNode,
                      stats: Stats) -> None:
    """What the dataset is, where it comes from, under which licence, where to query it."""
    add = triples.add
    add(node, RDF_TYPE, ox.NamedNode(f"{VOID}Dataset"))
    add(node, RDF_TYPE, ox.NamedNode(f"{DCAT}Dataset"))
    add(node, f"{DCT}title", ox.Literal("tipgraph knowledge graph of the Trafficking in "
                                        "Persons reports", language="en"))
    add(node, f"{DCT}description", ox.Literal(
        "Country narratives of the US State Department's Trafficking in Persons reports, with "
        "the trafficking flows, laws, agencies and figures they state, each tied by PROV-O "
        "and NIF to the sentence that states it.", language="en"))
    for licence in stats.licenses or [CC0]:
        add(node, f"{DCT}license", ox.NamedNode(licence))
    add(node, f"{DCT}publisher", ox.Literal("tipgraph"))
    for report, _label in stats.reports:
        add(node, f"{DCT}source", ox.NamedNode(report))
    for build, _version in stats.builds:
        add(node, f"{PROV}wasGeneratedBy", ox.NamedNode(build))
    add(node, f"{PROV}wasAttributedTo", ox.NamedNode(str(TOOL_IRI)))
    add(node, f"{DCT}conformsTo", ox.NamedNode(str(ONTOLOGY_IRI)))
    add(node, f"{VOID}vocabulary", ox.NamedNode(TIP))
    for prefix in ("prov", "nif", "skos", "qb", "org", "schema"):
        add(node, f"{VOID}vocabulary", ox.NamedNode(str(PREFIXES[prefix])))
    add(node, f"{VOID}uriSpace", ox.Literal(ID_BASE))
    add(node, f"{VOID}sparqlEndpoint", endpoint)
    add(node, f"{VOID}rootResource", ox.NamedNode(str(DATASET_IRI)))
    if stats.example:
        add(node, f"{VOID}exampleResource", ox.NamedNode(stats.example))


def _describe_contents(triples: _Triples, node: ox.NamedNode, stats: Stats) -> None:
    """The counts: triples, subjects, properties, classes and each named graph's size."""
    add, count = triples.add, triples.count
    add(node, f"{VOID}triples", count(stats.triples))
    add(node, f"{VOID}distinctSubjects", count(stats.subjects))
    add(node, f"{VOID}properties", count(stats.properties))
    add(node, f"{VOID}classes", count(len(stats.classes)))
    for cls, entities in stats.classes.items():
        partition = ox.BlankNode()
        add(node, f"{VOID}classPartition", partition)
        add(partition, f"{VOID}class", ox.NamedNode(cls))
        add(partition, f"{VOID}entities", count(entities))
    for graph, size in stats.graphs.items():
        if not graph:
            continue
        subset = ox.NamedNode(graph)
        add(node, f"{VOID}subset", subset)
        add(subset, RDF_TYPE, ox.NamedNode(f"{VOID}Dataset"))
        add(subset, f"{VOID}triples", count(size))
        add(subset, f"{SD}name", subset)


def _describe_service(triples: _Triples, node: ox.NamedNode, endpoint: ox.NamedNode) -> None:
    """The distribution and the SPARQL service (SPARQL 1.1 Service Description)."""
    add = triples.add
    distribution = ox.BlankNode()
    add(node, f"{DCAT}distribution", distribution)
    add(distribution, RDF_TYPE, ox.NamedNode(f"{DCAT}Distribution"))
    add(distribution, f"{DCAT}accessURL", endpoint)
    add(distribution, f"{DCAT}accessService", endpoint)
    add(distribution, f"{DCAT}mediaType",
        ox.NamedNode("https://www.iana.org/assignments/media-types/application/sparql-results+json"))
    add(endpoint, RDF_TYPE, ox.NamedNode(f"{DCAT}DataService"))
    add(endpoint, RDF_TYPE, ox.NamedNode(f"{SD}Service"))
    add(endpoint, f"{DCAT}endpointURL", endpoint)
    add(endpoint, f"{DCAT}servesDataset", node)
    add(endpoint, f"{SD}endpoint", endpoint)
    add(endpoint, f"{SD}supportedLanguage", ox.NamedNode(f"{SD}SPARQL11Query"))
    graph_formats = (f.w3c for f in formats("rdf") if not f.quads)  # what CONSTRUCT gives
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                "SPARQL_Results_TSV", *graph_formats):
        add(endpoint, f"{SD}resultFormat", ox.NamedNode(f"http://www.w3.org/ns/formats/{fmt}"))
    add(endpoint, f"{SD}feature", ox.NamedNode(f"{SD}UnionDefaultGraph"))


def service_description(base_url: str) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description answered at ``GET /sparql`` with no query."""
    return [t for t in void_triples(Stats(), base_url)
            if isinstance(t.subject, ox.NamedNode) and t.subject.value == f"{base_url}/sparql"]


def parse_json(body: bytes) -> dict[str, object]:
    """Parse a SPARQL JSON answer."""
    parsed = json.loads(body)
    return parsed if isinstance(parsed, dict) else {}


__all__ = [
    "MAX_LINKS",
    "DescribeError",
    "Description",
    "Link",
    "Stats",
    "Term",
    "construct_query",
    "describe",
    "exists",
    "iri_ref",
    "parse_json",
    "service_description",
    "statistics",
    "void_triples",
]
