"""The tipgraph ontology: the ``tip:`` namespace and the ``.ttl`` it is defined in.

``TIP`` is a closed ``DefinedNamespace``: ``TIP.Flow`` (a typo for ``TIP.TraffickingFlow``)
raises instead of minting a new IRI, and a test keeps its terms equal to those the
``tipgraph.ttl`` file declares. Other vocabularies the graph uses are re-exported here so
every module names them the same way.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD, DefinedNamespace

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ORG = Namespace("http://www.w3.org/ns/org#")
QB = Namespace("http://purl.org/linked-data/cube#")
SCHEMA = Namespace("https://schema.org/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
WD = Namespace("http://www.wikidata.org/entity/")

ONTOLOGY_IRI = URIRef("https://w3id.org/tipgraph/ontology")
ID_BASE = "https://w3id.org/tipgraph/id/"
ONTOLOGY_FILE = "tipgraph.ttl"


class TIP(DefinedNamespace):
    """Terms of ``https://w3id.org/tipgraph/ontology#`` (see ``tipgraph.ttl`` for meanings)."""

    _NS = Namespace("https://w3id.org/tipgraph/ontology#")
    _fail = True

    # classes
    Agency: URIRef
    Build: URIRef
    Certainty: URIRef
    ChildSexTourism: URIRef
    Country: URIRef
    CountryNarrative: URIRef
    Figure: URIRef
    Form: URIRef
    Law: URIRef
    Measure: URIRef
    NarrativeSection: URIRef
    Place: URIRef
    Region: URIRef
    Report: URIRef
    Role: URIRef
    Route: URIRef
    RouteYear: URIRef
    SectionKind: URIRef
    Sector: URIRef
    Sentence: URIRef
    Tier: URIRef
    TraffickingFlow: URIRef
    VictimGroup: URIRef
    # properties
    acronym: URIRef
    automaticDowngradeSentence: URIRef
    certainty: URIRef
    continuesAs: URIRef
    country: URIRef
    destination: URIRef
    destinationTier: URIRef
    enactedYear: URIRef
    form: URIRef
    heading: URIRef
    inNarrative: URIRef
    inRegion: URIRef
    inSection: URIRef
    inYear: URIRef
    iso2: URIRef
    iso3: URIRef
    jurisdiction: URIRef
    m49: URIRef
    measure: URIRef
    ofRoute: URIRef
    onRoute: URIRef
    onRouteYear: URIRef
    origin: URIRef
    originTier: URIRef
    page: URIRef
    paragraphIndex: URIRef
    partOfSection: URIRef
    partial: URIRef
    penalty: URIRef
    period: URIRef
    previousPeriod: URIRef
    previousValue: URIRef
    report: URIRef
    reportYear: URIRef
    role: URIRef
    routeDestination: URIRef
    routeOrigin: URIRef
    routeYear: URIRef
    section: URIRef
    sectionKind: URIRef
    sector: URIRef
    sentenceIndex: URIRef
    separatedFrom: URIRef
    sha256: URIRef
    sourceFile: URIRef
    statedIn: URIRef
    subform: URIRef
    supportCount: URIRef
    text: URIRef
    tier: URIRef
    tierRank: URIRef
    toolVersion: URIRef
    touristDestination: URIRef
    touristOrigin: URIRef
    unit: URIRef
    usdValue: URIRef
    value: URIRef
    via: URIRef
    victims: URIRef
    wikidata: URIRef
    # concept schemes and concepts
    Adults: URIRef
    Agriculture: URIRef
    Begging: URIRef
    Boys: URIRef
    Care: URIRef
    CertaintyScheme: URIRef
    ChildSoldiering: URIRef
    Children: URIRef
    Construction: URIRef
    Convictions: URIRef
    DebtBondage: URIRef
    DestinationCountry: URIRef
    DomesticServitude: URIRef
    DomesticWork: URIRef
    Entertainment: URIRef
    Fishing: URIRef
    ForcedBegging: URIRef
    ForcedCriminality: URIRef
    ForcedLabor: URIRef
    ForcedMarriage: URIRef
    FormScheme: URIRef
    Funding: URIRef
    Girls: URIRef
    Hedged: URIRef
    Hospitality: URIRef
    IntroSection: URIRef
    Investigations: URIRef
    Logging: URIRef
    Manufacturing: URIRef
    MeasureScheme: URIRef
    Men: URIRef
    Mining: URIRef
    OrganRemoval: URIRef
    PreventionSection: URIRef
    ProfileSection: URIRef
    ProsecutionSection: URIRef
    Prosecutions: URIRef
    ProtectionSection: URIRef
    RecommendationsSection: URIRef
    RoleScheme: URIRef
    SectionScheme: URIRef
    SectorScheme: URIRef
    Services: URIRef
    SexTrafficking: URIRef
    SourceCountry: URIRef
    SpecialCase: URIRef
    Stated: URIRef
    Textiles: URIRef
    Tier1: URIRef
    Tier2: URIRef
    Tier2WatchList: URIRef
    Tier3: URIRef
    TierScheme: URIRef
    TransitCountry: URIRef
    VictimScheme: URIRef
    VictimsAssisted: URIRef
    VictimsIdentified: URIRef
    Women: URIRef

PREFIXES: dict[str, Namespace] = {
    "tip": TIP._NS,
    "prov": PROV._NS,
    "skos": SKOS._NS,
    "rdfs": RDFS._NS,
    "rdf": RDF._NS,
    "owl": OWL._NS,
    "xsd": XSD._NS,
    "dct": DCTERMS._NS,
    "dcat": DCAT._NS,
    "void": VOID._NS,
    "nif": NIF,
    "org": ORG,
    "qb": QB,
    "schema": SCHEMA,
    "eli": ELI,
    "wd": WD,
}


def ontology_text() -> str:
    """Return the ontology's Turtle source as shipped in the package."""
    return files(__name__).joinpath(ONTOLOGY_FILE).read_text(encoding="utf-8")


@cache
def _ontology_graph() -> Graph:
    graph = Graph()
    graph.parse(data=ontology_text(), format="turtle")
    return graph


def ontology_graph() -> Graph:
    """Return a fresh copy of the ontology graph (callers may add to it)."""
    copy = Graph()
    for prefix, ns in PREFIXES.items():
        copy.bind(prefix, ns)
    for triple in _ontology_graph():
        copy.add(triple)
    return copy


__all__ = [
    "ELI", "ID_BASE", "NIF", "ONTOLOGY_IRI", "ORG", "PREFIXES", "QB", "SCHEMA", "TIP", "WD",
    "ontology_graph", "ontology_text",
]
