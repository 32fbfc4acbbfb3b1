"""The ontology file, the closed TIP namespace and the evaluation vocabulary agree."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, URIRef

from tipgraph.ontology import TIP, ontology_graph

NS = str(TIP._NS)
EVALUATION_TERMS = [
    "CountryNarrative", "country", "iso3", "tier", "role", "Region", "TraffickingFlow",
    "origin", "destination", "form", "Law", "enactedYear", "Agency", "acronym", "inNarrative",
    "inSection", "Country",
]


def declared_terms() -> set[str]:
    graph = ontology_graph()
    return {str(s)[len(NS):] for s in graph.subjects() if str(s).startswith(NS)}


def test_namespace_terms_equal_the_ttl_declarations() -> None:
    annotated = set(TIP.__annotations__)
    assert annotated == declared_terms()


def test_unknown_term_is_an_error() -> None:
    with pytest.raises(AttributeError):
        _ = TIP.Flow


@pytest.mark.parametrize("term", EVALUATION_TERMS)
def test_evaluation_vocabulary_is_declared(term: str) -> None:
    graph = ontology_graph()
    iri = URIRef(NS + term)
    kinds = set(graph.objects(iri, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, term


def test_page_is_a_positive_integer_of_a_sentence() -> None:
    """tip:page (the PDF page a sentence starts on) is declared with its domain and range."""
    graph = ontology_graph()
    assert (TIP.page, RDF.type, OWL.DatatypeProperty) in graph
    assert (TIP.page, RDFS.domain, TIP.Sentence) in graph
    assert (TIP.page, RDFS.range, XSD.positiveInteger) in graph


def test_every_class_and_property_has_label_and_comment() -> None:
    graph = ontology_graph()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in graph.subjects(RDF.type, kind):
            if str(term).startswith(NS):
                assert graph.value(term, RDFS.label) is not None, term
                assert graph.value(term, RDFS.comment) is not None, term


@pytest.mark.parametrize(("cls", "notations"), [
    (TIP.Tier, {"1", "2", "2WL", "3", "special"}),
    (TIP.Role, {"source", "transit", "destination"}),
    (TIP.SectionKind, {"intro", "recommendations", "prosecution", "protection", "prevention",
                       "profile"}),
])
def test_concept_schemes_carry_the_evaluation_notations(cls: URIRef, notations: set[str]) -> None:
    graph = ontology_graph()
    found = {str(graph.value(c, SKOS.notation)) for c in graph.subjects(RDF.type, cls)}
    assert found == notations


def test_top_level_forms_are_the_evaluation_forms() -> None:
    graph = ontology_graph()
    tops = {str(graph.value(c, SKOS.notation))
            for c in graph.subjects(SKOS.topConceptOf, TIP.FormScheme)}
    assert tops == {"sex", "labor", "organ", "marriage"}
