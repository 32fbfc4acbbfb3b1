"""Map extracted records to RDF triples in the tipgraph ontology, with provenance.

One function per kind of record, each adding its triples to a shared ``rdflib.Graph``. Every
fact points at the sentences that state it (``prov:wasDerivedFrom``) and at the narrative it
is stated in (``tip:statedIn``); every sentence carries its exact source span (NIF), its
section and its narrative, so a reader can always get back to the words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV
from rdflib.plugins.stores.memory import Memory

from tipgraph.extract.gazetteer import Gazetteer
from tipgraph.extract.records import (
    Agency,
    Figure,
    Flow,
    Law,
    Narrative,
    NarrativeFacts,
    Place,
    Report,
    Sentence,
    SexTourism,
)
from tipgraph.graph import iris
from tipgraph.graph.route_years import RouteYears
from tipgraph.graph.triple_index import TripleIndex
from tipgraph.ontology import NIF, ONTOLOGY_IRI, PREFIXES, QB, SCHEMA, TIP, WD
from tipgraph.ontology.concepts import concept

# Terms of the per-sentence triples, looked up once (a DefinedNamespace lookup is a call).
_SENTENCE = TIP.Sentence
_IN_NARRATIVE = TIP.inNarrative
_IN_SECTION = TIP.inSection
_PART_OF_SECTION = TIP.partOfSection
_SENTENCE_INDEX = TIP.sentenceIndex
_PARAGRAPH_INDEX = TIP.paragraphIndex
_TEXT = TIP.text
_PAGE = TIP.page
_BEGIN = NIF.beginIndex
_END = NIF.endIndex
_ANCHOR_OF = NIF.anchorOf
_REFERENCE_CONTEXT = NIF.referenceContext
_NON_NEGATIVE = XSD.nonNegativeInteger
_POSITIVE = XSD.positiveInteger


@dataclass(frozen=True, slots=True)
class BuildInfo:
    """What the build activity records.

    Attributes:
        version: the tipgraph version.
        fingerprint: a hash of the inputs and the version; names the activity.
        started: an ``xsd:dateTime`` string, or None to leave the time out (the default, so
            that the same input gives byte-identical output; see ``tipgraph build --timestamp``
            and ``SOURCE_DATE_EPOCH``).
    """

    version: str
    fingerprint: str
    started: str | None = None


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound, in a ``TripleIndex`` store.

    A build only adds to the graphs it maps into, then validates and writes them; rdflib's
    default ``Memory`` store also keeps every triple's contexts and sends an event per add,
    which cost more than the triples themselves (``tipgraph.graph.triple_index``).
    """
    graph = Graph(store=TripleIndex())
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def free_graph(graph: Graph) -> None:
    """Empty a finished graph's in-memory store so that its triples are freed at once.

    rdflib's ``Memory`` store keeps the graph as a key of its context table, so a graph and
    its store form a cycle that only a full collection frees, and that collection visits
    every tuple and dict of the triples first (0.7 s for a 2 MB report year). Re-initialising
    the store drops its index tables, which hold no cycle, so reference counting frees the
    triples (0.3 s) and the collection after it finds only the small cycle that is left.
    A ``TripleIndex`` is cleared the same way. Other stores are left alone. The graph is
    empty afterwards.
    """
    if isinstance(graph.store, TripleIndex):
        graph.store.clear()
    elif type(graph.store) is Memory:
        Memory.__init__(graph.store)


class GraphMapper:
    """Adds reports and their facts to one graph.

    Places are added once each, however many narratives name them; the build activity is
    added once for all reports of the build.
    """

    def __init__(self, gazetteer: Gazetteer, build: BuildInfo, graph: Graph | None = None,
                 also: Graph | None = None):
        """Map into ``graph``; with ``also``, every triple goes into that graph too.

        The build keeps each report's graph (validated and written as a named graph) and
        the union of all of them; adding to both as the triples are made costs less than
        copying the report graphs into the union afterwards (a third of a second on the
        sample, spent iterating rdflib's store).
        """
        self.graph = graph if graph is not None else new_graph()
        self.gazetteer = gazetteer
        self.build = build
        self.build_iri = iris.build_iri(build.fingerprint)
        self._places: set[Place] = set()
        # The stores' own add: the mapper makes every term itself, so Graph.add's checks of
        # each one are not needed (they cost a fifth of the mapping).
        self._targets = [(self.graph.store.add, self.graph)]
        if also is not None:
            self._targets.append((also.store.add, also))
        # One IRI object per sentence, shared by its own triples and the facts derived from
        # it (less to build, and one object instead of several in the store's indexes).
        self._sentences: dict[tuple[int, str, int], URIRef] = {}
        # The tiers of the report being mapped, by country (``add_report`` sets them).
        self._tiers: dict[str, set[str]] = {}
        self._route_years = RouteYears(self._add)
        self._add_build()

    # ------------------------------------------------------------------ helpers
    def _add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        triple = (s, p, o)
        for add, graph in self._targets:
            add(triple, graph, False)

    def _sentence_iri(self, year: int, iso3: str, index: int) -> URIRef:
        key = (year, iso3, index)
        iri = self._sentences.get(key)
        if iri is None:
            iri = self._sentences[key] = iris.sentence_iri(year, iso3, index)
        return iri

    def _derived(self, node: URIRef, narrative: URIRef, year: int, iso3: str,
                 sentences: Iterable[Sentence]) -> None:
        count = 0
        seen: set[int] = set()
        for sentence in sentences:
            if sentence.index in seen:
                continue
            seen.add(sentence.index)
            count += 1
            self._add(node, PROV.wasDerivedFrom, self._sentence_iri(year, iso3, sentence.index))
        self._add(node, TIP.statedIn, narrative)
        self._add(node, TIP.supportCount, Literal(count))
        self._add(node, PROV.wasGeneratedBy, self.build_iri)

    # ------------------------------------------------------------------ build and report
    def _add_build(self) -> None:
        b = self.build_iri
        self._add(b, RDF.type, TIP.Build)
        self._add(b, RDFS.label, Literal(f"tipgraph {self.build.version} build"))
        self._add(b, TIP.toolVersion, Literal(self.build.version))
        self._add(b, PROV.wasAssociatedWith, iris.TOOL_IRI)
        self._add(iris.TOOL_IRI, RDF.type, PROV.SoftwareAgent)
        self._add(iris.TOOL_IRI, RDFS.label, Literal("tipgraph"))
        self._add(iris.TOOL_IRI, SCHEMA.softwareVersion, Literal(self.build.version))
        if self.build.started is not None:
            self._add(b, PROV.startedAtTime, Literal(self.build.started, datatype=XSD.dateTime))

    def add_report(self, report: Report, facts: Iterable[NarrativeFacts]) -> None:
        """Add one report, its narratives, sections, sentences and facts."""
        r = iris.report_iri(report.year)
        self._add(r, RDF.type, TIP.Report)
        self._add(r, RDFS.label, Literal(f"Trafficking in Persons Report {report.year}"))
        self._add(r, DCTERMS.title, Literal(f"Trafficking in Persons Report {report.year}",
                                            lang="en"))
        self._add(r, TIP.reportYear, Literal(report.year))
        self._add(r, TIP.sourceFile, Literal(report.source_name))
        self._add(r, TIP.sha256, Literal(report.sha256))
        self._add(r, DCTERMS.publisher, Literal("US Department of State"))
        self._add(self.build_iri, PROV.used, r)
        dataset = iris.dataset_iri(report.year)
        self._tiers = tiers_of(report)
        for narrative_facts in facts:
            self.add_narrative(report, narrative_facts, dataset)
        self._route_years.add_meetings()

    def add_narrative(self, report: Report, facts: NarrativeFacts, dataset: URIRef) -> None:
        """Add a narrative with everything read from it."""
        nar = facts.narrative
        year, iso3 = report.year, nar.iso3
        n = iris.narrative_iri(year, iso3)
        self._add(n, RDF.type, TIP.CountryNarrative)
        label = f"{nar.heading.title() if nar.heading.isupper() else nar.heading} ({year})"
        self._add(n, RDFS.label, Literal(label))
        self._add(n, TIP.heading, Literal(nar.heading))
        self._add(n, TIP.country, self.add_place(Place("country", iso3)))
        self._add(n, TIP.report, iris.report_iri(year))
        self._add(n, TIP.reportYear, Literal(year))
        self._add(n, TIP.partial, Literal(nar.partial))
        self._add(n, NIF.beginIndex, Literal(nar.start, datatype=XSD.nonNegativeInteger))
        self._add(n, NIF.endIndex, Literal(nar.end, datatype=XSD.nonNegativeInteger))
        self._add(n, PROV.wasGeneratedBy, self.build_iri)
        if nar.tier is not None:
            self._add(n, TIP.tier, concept("tier", nar.tier))
        for role in sorted(facts.roles):
            self._add(n, TIP.role, concept("role", role))
        self._add_text(year, nar, n)
        for sentence in facts.automatic_downgrade:
            self._add(n, TIP.automaticDowngradeSentence,
                      self._sentence_iri(year, iso3, sentence.index))
        for flow in facts.flows:
            self._add_flow(year, iso3, n, flow)
        for tourism in facts.sex_tourism:
            self._add_sex_tourism(year, iso3, n, tourism)
        for law in facts.laws:
            self._add_law(year, iso3, n, law)
        for agency in facts.agencies:
            self._add_agency(year, iso3, n, agency)
        for index, figure in enumerate(facts.figures):
            self._add_figure(year, iso3, n, dataset, index, figure)

    def _add_text(self, year: int, nar: Narrative, n: URIRef) -> None:
        report = iris.report_iri(year)
        for section in nar.sections:
            sec = iris.section_iri(year, nar.iso3, section.kind)
            kind = concept("section", section.kind)
            self._add(n, TIP.section, sec)
            self._add(sec, RDF.type, TIP.NarrativeSection)
            self._add(sec, TIP.sectionKind, kind)
            self._add(sec, DCTERMS.isPartOf, n)
            self._add(sec, NIF.beginIndex, Literal(section.start, datatype=XSD.nonNegativeInteger))
            self._add(sec, NIF.endIndex, Literal(section.end, datatype=XSD.nonNegativeInteger))
            if section.heading:
                self._add(sec, RDFS.label, Literal(section.heading))
            for sentence in section.sentences:
                self._add_sentence(year, nar.iso3, n, kind, sec, report, sentence)

    def _add_sentence(self, year: int, iso3: str, n: URIRef, kind: URIRef, sec: URIRef,
                      report: URIRef, sentence: Sentence) -> None:
        # The hottest loop of the mapping (eleven triples per sentence, twelve with the page
        # of a PDF): terms looked up once.
        s = self._sentence_iri(year, iso3, sentence.index)
        triples = [(s, p, o) for p, o in (
            (RDF.type, _SENTENCE),
            (_IN_NARRATIVE, n),
            (_IN_SECTION, kind),
            (_PART_OF_SECTION, sec),
            (_SENTENCE_INDEX, Literal(sentence.index)),
            (_PARAGRAPH_INDEX, Literal(sentence.paragraph)),
            (_BEGIN, Literal(sentence.start, datatype=_NON_NEGATIVE)),
            (_END, Literal(sentence.end, datatype=_NON_NEGATIVE)),
            (_ANCHOR_OF, Literal(sentence.text)),
            (_TEXT, Literal(sentence.clean)),
            (_REFERENCE_CONTEXT, report),
        )]
        if sentence.page is not None:
            triples.append((s, _PAGE, Literal(sentence.page, datatype=_POSITIVE)))
        for add, graph in self._targets:
            for triple in triples:
                add(triple, graph, False)

    # ------------------------------------------------------------------ places
    def add_place(self, place: Place) -> URIRef:
        """Add a country or region node (once) with its reference data; return its IRI."""
        node = iris.place_iri(place)
        if place in self._places:
            return node
        self._places.add(place)
        # Typed tip:Place as well as its subclass, so that a query or a shape asks one
        # class (sh:class tip:Place) instead of an sh:or of two, which cost pySHACL a
        # discarded result per value node (0.9 s of a 2 MB year's 3.4 s).
        self._add(node, RDF.type, TIP.Place)
        if place.kind == "country":
            self._add_country(node, place.code)
        else:
            self._add_region(node, place.code)
        return node

    def _add_country(self, node: URIRef, iso3: str) -> None:
        self._add(node, RDF.type, TIP.Country)
        self._add(node, TIP.iso3, Literal(iso3))
        country = self.gazetteer.countries.get(iso3)
        if country is None:
            self._add(node, RDFS.label, Literal(iso3))
            return
        self._add(node, RDFS.label, Literal(country.name, lang="en"))
        self._add(node, SKOS.prefLabel, Literal(country.name, lang="en"))
        if country.iso2:
            self._add(node, TIP.iso2, Literal(country.iso2))
        if country.m49:
            self._add(node, TIP.m49, Literal(country.m49))
        if country.wikidata:
            self._add(node, TIP.wikidata, WD[country.wikidata])
        if country.lat is not None and country.lon is not None:
            self._add(node, SCHEMA.latitude, Literal(_decimal(country.lat), datatype=XSD.decimal))
            self._add(node, SCHEMA.longitude, Literal(_decimal(country.lon), datatype=XSD.decimal))
        for slug in country.regions:
            self._add(node, TIP.inRegion, self.add_place(Place("region", slug)))
        self._add_succession(node, iso3)

    def _add_succession(self, node: URIRef, iso3: str) -> None:
        """Dates and successor links of a state that began or ended (``succession.tsv``).

        The states at the other end are added too, so each year's graph is whole on its
        own (a 2019 graph that names Serbia also holds Serbia and Montenegro, with its dates).
        """
        item = self.gazetteer.succession.get(iso3)
        if item is None:
            return
        if item.founded is not None:
            self._add(node, SCHEMA.foundingDate, Literal(item.founded, datatype=XSD.date))
        if item.dissolved is not None:
            self._add(node, SCHEMA.dissolutionDate, Literal(item.dissolved, datatype=XSD.date))
        for earlier in item.replaces:
            self._add(node, DCTERMS.replaces, self.add_place(Place("country", earlier)))
        for later in item.replaced_by:
            self._add(node, DCTERMS.isReplacedBy, self.add_place(Place("country", later)))
        if item.separated_from is not None:
            self._add(node, TIP.separatedFrom,
                      self.add_place(Place("country", item.separated_from)))

    def _add_region(self, node: URIRef, slug: str) -> None:
        self._add(node, RDF.type, TIP.Region)
        self._add(node, SKOS.notation, Literal(slug))
        region = self.gazetteer.regions.get(slug)
        if region is None:
            self._add(node, RDFS.label, Literal(slug))
            return
        self._add(node, RDFS.label, Literal(region.label, lang="en"))
        self._add(node, SKOS.prefLabel, Literal(region.label, lang="en"))
        if region.m49:
            self._add(node, TIP.m49, Literal(region.m49))
        if region.broader:
            self._add(node, SKOS.broader, self.add_place(Place("region", region.broader)))

    # ------------------------------------------------------------------ facts
    def _add_flow(self, year: int, iso3: str, n: URIRef, flow: Flow) -> None:
        f = iris.flow_iri(year, iso3, flow.origin, flow.destination)
        self._add(f, RDF.type, TIP.TraffickingFlow)
        origin = self.add_place(flow.origin)
        destination = self.add_place(flow.destination)
        self._add(f, TIP.origin, origin)
        self._add(f, TIP.destination, destination)
        ends = f"{iris.place_code(flow.origin)} -> {iris.place_code(flow.destination)}"
        self._add(f, RDFS.label, Literal(f"{ends} ({iso3} {year})"))
        for via in flow.via:
            self._add(f, TIP.via, self.add_place(via))
        for form in sorted(flow.forms):
            self._add(f, TIP.form, concept("form", form))
        for subform in sorted(flow.subforms):
            self._add(f, TIP.subform, concept("form", subform))
        for group in sorted(flow.victims):
            self._add(f, TIP.victims, concept("victims", group))
        for sector in sorted(flow.sectors):
            self._add(f, TIP.sector, concept("sector", sector))
        self._add(f, TIP.certainty, concept("certainty", flow.certainty))
        self._derived(f, n, year, iso3, flow.sentences)
        for end, prop in ((flow.origin, TIP.originTier), (flow.destination, TIP.destinationTier)):
            for tier in sorted(self._tiers.get(end.code, ())) if end.kind == "country" else ():
                self._add(f, prop, concept("tier", tier))
        route = self._add_route(f, flow.origin, flow.destination, origin, destination)
        self._add_route_year(route, year)
        self._route_years.link(f, route, year, origin, destination)

    def _add_route(self, flow: URIRef, origin: Place, destination: Place, origin_node: URIRef,
                   destination_node: URIRef) -> URIRef:
        """The route of a flow: one node per (origin, destination) across every year.

        Each year's graph states the route's own triples again (the same triples, merged in
        any union), so a year's graph can be added, replaced or dropped without touching the
        others, and the route's years are read from the flows it links.
        """
        route = iris.route_iri(origin, destination)
        self._add(route, RDF.type, TIP.Route)
        self._add(route, TIP.routeOrigin, origin_node)
        self._add(route, TIP.routeDestination, destination_node)
        self._add(route, RDFS.label, Literal(f"{iris.place_code(origin)} -> "
                                             f"{iris.place_code(destination)}"))
        self._add(flow, TIP.onRoute, route)
        return route

    def _add_route_year(self, route: URIRef, year: int) -> None:
        """The report year on the route node (``tip:routeYear``), once per year's graph.

        The years of a route are those of the flows on it, but reading them from the flows
        visits every flow, its narrative and that narrative's year (120 000 flows on a
        26-year archive): stated on the route, they are one lookup per route, which is what
        the across-year route queries (persistent-routes, new-routes, dropped-routes,
        country-timeline) need. Like the route's other triples, a year's graph holds its own.
        """
        self._add(route, TIP.routeYear, Literal(year))

    def _add_sex_tourism(self, year: int, iso3: str, n: URIRef, item: SexTourism) -> None:
        t = iris.sex_tourism_iri(year, iso3, item.origin, item.destination)
        self._add(t, RDF.type, TIP.ChildSexTourism)
        self._add(t, TIP.touristOrigin, self.add_place(item.origin))
        self._add(t, TIP.touristDestination, self.add_place(item.destination))
        self._derived(t, n, year, iso3, item.sentences)

    def _add_law(self, year: int, iso3: str, n: URIRef, law: Law) -> None:
        jurisdiction = law.jurisdiction or iso3
        node = iris.law_iri(jurisdiction, law.name)
        self._add(node, RDF.type, TIP.Law)
        self._add(node, RDFS.label, Literal(law.name))
        self._add(node, TIP.jurisdiction, self.add_place(Place("country", jurisdiction)))
        if law.year is not None:
            self._add(node, TIP.enactedYear, Literal(law.year))
        for penalty in law.penalties:
            self._add(node, TIP.penalty, Literal(penalty))
        self._derived(node, n, year, iso3, law.sentences)

    def _add_agency(self, year: int, iso3: str, n: URIRef, agency: Agency) -> None:
        jurisdiction = agency.jurisdiction or iso3
        node = iris.agency_iri(jurisdiction, agency.name)
        self._add(node, RDF.type, TIP.Agency)
        self._add(node, RDFS.label, Literal(agency.name))
        self._add(node, SKOS.prefLabel, Literal(agency.name))
        if agency.acronym:
            self._add(node, TIP.acronym, Literal(agency.acronym))
        for alt in sorted(agency.alt_names):
            self._add(node, SKOS.altLabel, Literal(alt))
        self._add(node, TIP.jurisdiction, self.add_place(Place("country", jurisdiction)))
        self._derived(node, n, year, iso3, agency.sentences)

    def _add_figure(self, year: int, iso3: str, n: URIRef, dataset: URIRef, index: int,
                    figure: Figure) -> None:
        node = iris.figure_iri(year, iso3, index)
        self._add(dataset, RDF.type, QB.DataSet)
        self._add(dataset, RDFS.label, Literal(f"Figures of the {year} report"))
        self._add(node, RDF.type, TIP.Figure)
        self._add(node, QB.dataSet, dataset)
        self._add(node, TIP.measure, concept("measure", figure.measure))
        self._add(node, TIP.value, Literal(_decimal(figure.value), datatype=XSD.decimal))
        self._add(node, TIP.unit, Literal(figure.unit))
        if figure.period is not None:
            self._add(node, TIP.period, Literal(figure.period))
        if figure.previous_value is not None:
            self._add(node, TIP.previousValue,
                      Literal(_decimal(figure.previous_value), datatype=XSD.decimal))
        if figure.previous_period is not None:
            self._add(node, TIP.previousPeriod, Literal(figure.previous_period))
        if figure.usd_value is not None:
            self._add(node, TIP.usdValue, Literal(_decimal(figure.usd_value), datatype=XSD.decimal))
        self._derived(node, n, year, iso3, figure.sentences)


def tiers_of(report: Report) -> dict[str, set[str]]:
    """The tiers the report places each of its countries on (``tip:originTier`` and
    ``tip:destinationTier`` of its flows); a set, for a report with two narratives of one
    country."""
    tiers: dict[str, set[str]] = {}
    for narrative in report.narratives:
        if narrative.tier is not None:
            tiers.setdefault(narrative.iso3, set()).add(narrative.tier)
    return tiers


def _decimal(value: float) -> str:
    """The canonical ``xsd:decimal`` lexical form (``7500.0``, ``0.25``).

    Turtle writes a decimal as a bare number that must contain a point, so only the form
    with at least one fractional digit survives a round trip unchanged.
    """
    text = f"{value:.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def add_dataset_description(graph: Graph, years: Iterable[int]) -> None:
    """Describe the built graph as a DCAT / VoID dataset linked to the ontology."""
    node = iris.DATASET_IRI
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, RDFS.label, Literal("tipgraph knowledge graph of the TIP reports")))
    graph.add((node, DCTERMS.license,
               URIRef("https://creativecommons.org/publicdomain/zero/1.0/")))
    graph.add((node, DCTERMS.conformsTo, ONTOLOGY_IRI))
    graph.add((ONTOLOGY_IRI, RDF.type, OWL.Ontology))
    for year in sorted(set(years)):
        graph.add((node, DCTERMS.source, iris.report_iri(year)))
