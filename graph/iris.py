"""Deterministic, readable IRIs for every resource tipgraph mints.

The same fact read from the same report always gets the same IRI, so rebuilding a graph
gives byte-identical output and links from other datasets keep working. All IRIs live under
``https://w3id.org/tipgraph/id/``; paths say what the resource is
(``id/narrative/2017/JAM/flow/NGA/ITA``).
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from tipgraph.extract.records import Place
from tipgraph.ontology import ID_BASE


def slug(text: str) -> str:
    """Lower-case ASCII slug: ``"Ministry of Labor (MOL)"`` -> ``"ministry-of-labor-mol"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


def _iri(*parts: object) -> URIRef:
    return URIRef(ID_BASE + "/".join(str(p) for p in parts))


def report_iri(year: int) -> URIRef:
    """The report of one year."""
    return _iri("report", year)


def graph_iri(year: int) -> URIRef:
    """The named graph that holds one report's triples (TriG, N-Quads, stores)."""
    return _iri("graph", year)


def narrative_iri(year: int, iso3: str) -> URIRef:
    """One country's narrative in one report."""
    return _iri("narrative", year, iso3)


def section_iri(year: int, iso3: str, kind: str) -> URIRef:
    """One section of a narrative."""
    return _iri("narrative", year, iso3, "section", kind)


def sentence_iri(year: int, iso3: str, index: int) -> URIRef:
    """The index-th sentence of a narrative."""
    return _iri("narrative", year, iso3, "sentence", index)


def place_code(place: Place) -> str:
    """The path segment of a place: its ISO code, or ``region-<slug>``."""
    return place.code if place.kind == "country" else f"region-{place.code}"


def place_iri(place: Place) -> URIRef:
    """A country (``id/country/JAM``) or region (``id/region/southeast-asia``)."""
    if place.kind == "country":
        return _iri("country", place.code)
    return _iri("region", place.code)


def flow_iri(year: int, iso3: str, origin: Place, destination: Place) -> URIRef:
    """The flow a narrative states from origin to destination."""
    return _iri("narrative", year, iso3, "flow", place_code(origin), place_code(destination))


def route_iri(origin: Place, destination: Place) -> URIRef:
    """A route (``id/route/NGA/ITA``): the pair alone, the same in every year's graph."""
    return _iri("route", place_code(origin), place_code(destination))


def route_year_iri(route: URIRef, year: int) -> URIRef:
    """A route in one report year: the route's IRI and the year (``id/route/NGA/ITA/2017``)."""
    return URIRef(f"{route}/{year}")


def sex_tourism_iri(year: int, iso3: str, origin: Place, destination: Place) -> URIRef:
    """Child sex tourism a narrative states from origin to destination."""
    return _iri("narrative", year, iso3, "sex-tourism", place_code(origin),
                place_code(destination))


def law_iri(jurisdiction: str, name: str) -> URIRef:
    """A law of a jurisdiction, shared by every report that names it."""
    return _iri("law", jurisdiction, slug(name))


def agency_iri(jurisdiction: str, name: str) -> URIRef:
    """A government body of a jurisdiction, shared by every report that names it."""
    return _iri("agency", jurisdiction, slug(name))


def figure_iri(year: int, iso3: str, index: int) -> URIRef:
    """The index-th figure of a narrative."""
    return _iri("narrative", year, iso3, "figure", index)


def dataset_iri(year: int) -> URIRef:
    """The Data Cube data set of one report's figures."""
    return _iri("dataset", "figures", year)


def build_iri(fingerprint: str) -> URIRef:
    """A build activity, named by a fingerprint of its inputs and the tool version."""
    return _iri("build", fingerprint)


TOOL_IRI = _iri("software", "tipgraph")
DATASET_IRI = _iri("dataset")
