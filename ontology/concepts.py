"""Look up the SKOS concepts of the ontology by their notation.

The extract layer speaks in notations (``"2WL"``, ``"sex"``, ``"profile"``); the ontology
file is the one place that says which concept IRI carries which notation, so this module
reads it from there instead of repeating the table in Python.
"""

from __future__ import annotations

from functools import cache

from rdflib import RDF, SKOS, Literal, URIRef

from tipgraph.core.errors import MappingError
from tipgraph.ontology import TIP, ontology_graph

SCHEMES = {
    "tier": TIP.Tier,
    "role": TIP.Role,
    "section": TIP.SectionKind,
    "form": TIP.Form,
    "victims": TIP.VictimGroup,
    "sector": TIP.Sector,
    "certainty": TIP.Certainty,
    "measure": TIP.Measure,
}


@cache
def _table() -> dict[tuple[str, str], URIRef]:
    graph = ontology_graph()
    table: dict[tuple[str, str], URIRef] = {}
    for scheme, cls in SCHEMES.items():
        for concept in graph.subjects(RDF.type, cls):
            for notation in graph.objects(concept, SKOS.notation):
                if isinstance(concept, URIRef) and isinstance(notation, Literal):
                    table[(scheme, str(notation))] = concept
    return table


def concept(scheme: str, notation: str) -> URIRef:
    """Return the concept of ``scheme`` (a key of ``SCHEMES``) whose notation is given.

    Raises:
        MappingError: E301 when the scheme has no such notation.

    Example:
        >>> concept("tier", "2WL")
        rdflib.term.URIRef('https://w3id.org/tipgraph/ontology#Tier2WatchList')
    """
    try:
        return _table()[(scheme, notation)]
    except KeyError:
        known = sorted(n for s, n in _table() if s == scheme)
        raise MappingError(f"no {scheme} concept with notation {notation!r}; known: {known}",
                           code="E301") from None


def notations(scheme: str) -> list[str]:
    """All notations of a scheme, sorted."""
    return sorted(n for s, n in _table() if s == scheme)
