"""Write the full RDF graph for ``tipgraph export``: every RDF format ``build`` writes.

A graph loaded from a file is one union; the quad formats (TriG, N-Quads) want it split
back into the ontology and one named graph per report year, as ``tipgraph build`` writes
them, which ``split_reports`` does. The bytes come from ``tipgraph.graph.serialize``, so an
export of a build's graph equals the build's own file.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS

from tipgraph.core.errors import OutputError
from tipgraph.exports.writers import RDF_FORMATS, check_format
from tipgraph.graph.formats import by_name
from tipgraph.graph.serialize import serialize
from tipgraph.ontology import TIP, ontology_graph


def split_reports(union: Graph) -> tuple[Graph, dict[int, Graph]]:
    """Split a graph into the ontology and one graph per report year, as ``build_graph`` has
    them, so TriG can be written from a graph loaded from a triples file.

    A triple goes to the year of its subject: a narrative's or report's ``tip:reportYear``,
    or that of the narrative a fact is ``tip:statedIn``, a sentence is ``tip:inNarrative``
    or a section ``dct:isPartOf``. Shared resources (places, the build, data sets) go to
    every year that refers to them, without their links to other years' resources. The
    ontology's triples go to the ontology graph; what is left (the dataset description) is
    put in the default graph by ``serialize``.
    """
    ontology_triples = set(ontology_graph())
    ontology = Graph()
    for triple in union:
        if triple in ontology_triples:
            ontology.add(triple)

    year_of: dict[Node, int] = {}
    for cls in (TIP.CountryNarrative, TIP.Report):
        for dated in union.subjects(RDF.type, cls):
            stated = union.value(dated, TIP.reportYear)
            if isinstance(stated, Literal) and isinstance(stated.toPython(), int):
                year_of[dated] = int(stated.toPython())
    for prop in (TIP.statedIn, TIP.inNarrative, DCTERMS.isPartOf):
        for part, narrative in union.subject_objects(prop):
            if narrative in year_of and part not in year_of:
                year_of[part] = year_of[narrative]

    reports: dict[int, Graph] = {year: Graph() for year in sorted(set(year_of.values()))}
    shared: dict[Node, set[int]] = {}
    frontier: list[tuple[Node, int]] = []
    for s, p, o in union:
        if (s, p, o) in ontology_triples or s not in year_of:
            continue
        reports[year_of[s]].add((s, p, o))
        if o not in year_of and isinstance(o, URIRef):
            frontier.append((o, year_of[s]))
    while frontier:
        resource, into = frontier.pop()
        if into in shared.setdefault(resource, set()):
            continue
        shared[resource].add(into)
        for p, o in union.predicate_objects(resource):
            if (resource, p, o) in ontology_triples:
                continue
            if o in year_of and year_of[o] != into:
                continue  # a shared resource's link into another year stays there
            reports[into].add((resource, p, o))
            if o not in year_of and isinstance(o, URIRef):
                frontier.append((o, into))
    return ontology, reports


def year_slice(union: Graph, years: Iterable[int]) -> tuple[Graph, Graph, dict[int, Graph]]:
    """The graph of some report years only: (their union, the ontology, one graph per year).

    Each year's graph is what ``split_reports`` gives it (its narratives, sentences and facts,
    and the shared places they refer to); the description of the whole build (the triples
    of no year) is left out, since its counts and parts describe every year.
    """
    ontology, reports = split_reports(union)
    kept = {year: reports[year] for year in sorted(set(years)) if year in reports}
    sliced = Graph()
    for prefix, namespace in union.namespaces():
        sliced.bind(prefix, namespace, override=True)
    for triple in ontology:
        sliced.add(triple)
    for graph in kept.values():
        for triple in graph:
            sliced.add(triple)
    return sliced, ontology, kept


def export_rdf(union: Graph, fmt: str, *, years: Iterable[int] | None = None) -> bytes:
    """The full graph in one of ``RDF_FORMATS`` (TriG and N-Quads: one named graph per
    report, as ``tipgraph build`` writes them); with ``years``, only those report years
    (``year_slice``).

    Raises:
        OutputError: E610 for an unknown format, E612 for a network-view format.
    """
    check_format(fmt)
    row = by_name(fmt)
    if fmt not in RDF_FORMATS or row.writer is None:
        raise OutputError(f"{fmt} is a format of the network view; use export_network",
                          code="E612")
    if years is not None:
        sliced, ontology, reports = year_slice(union, years)
        if row.quads:
            return serialize(sliced, row.writer, ontology=ontology, reports=reports)
        return serialize(sliced, row.writer)
    if row.quads:
        ontology, reports = split_reports(union)
        return serialize(union, row.writer, ontology=ontology, reports=reports)
    return serialize(union, row.writer)


__all__ = ["export_rdf", "split_reports", "year_slice"]
