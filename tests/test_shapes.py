"""SHACL shapes: a small mapped graph conforms; each constraint rejects the graph breaking it.

The small graph is mapped by ``GraphMapper`` from hand-built records, so the shapes are
tested against exactly the triples the mapper writes; every break is a SPARQL Update in
``tests/data/shapes/violations.toml`` with the message it must be rejected with.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, SH
from rdflib.plugins.stores.memory import Memory

from tipgraph.core.errors import InputError
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.records import (
    Agency,
    Figure,
    Flow,
    Law,
    Narrative,
    NarrativeFacts,
    Place,
    Report,
    Section,
    Sentence,
    SexTourism,
)
from tipgraph.graph.mapping import BuildInfo, GraphMapper
from tipgraph.ontology import TIP, ontology_graph
from tipgraph.shapes import SHAPES_FILE, TIPSH, shapes_files, shapes_graph, shapes_text
from tipgraph.shapes.targets import resolve_sparql_targets
from tipgraph.shapes.validate import (
    ShapeResult,
    ValidationOutcome,
    batched,
    readable_report,
    validate,
)

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult

CASES_FILE = Path(__file__).parent / "data" / "shapes" / "violations.toml"
CASES: dict[str, Any] = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))

TEXT = ("Jamaica is a source country. Jamaicans are exploited in Canada. "
        "The Trafficking in Persons Act of 2007 applies. "
        "The Jamaica Constabulary Force (JCF) investigated 40 cases in 2016 (26 in 2015).")


def _sentence(index: int, phrase: str, section: str) -> Sentence:
    start = TEXT.index(phrase)
    # Read from a two-page PDF: the first two sentences on page 1, the others on page 2.
    return Sentence(index=index, start=start, end=start + len(phrase), text=phrase,
                    clean=phrase, section=section, page=1 if index < 2 else 2)


def small_records() -> tuple[Report, NarrativeFacts]:
    """One narrative of every kind of fact, each tied to the sentence that states it."""
    intro = _sentence(0, "Jamaica is a source country.", "intro")
    profile = _sentence(1, "Jamaicans are exploited in Canada.", "profile")
    law_sentence = _sentence(2, "The Trafficking in Persons Act of 2007 applies.", "prosecution")
    figure_sentence = _sentence(3, TEXT[TEXT.index("The Jamaica"):], "prosecution")
    narrative = Narrative(heading="JAMAICA", iso3="JAM", tier="2", partial=False, start=0,
                          end=len(TEXT), sections=[
                              Section("intro", None, 0, intro.end, sentences=[intro]),
                              Section("profile", "TRAFFICKING PROFILE", profile.start,
                                      profile.end, sentences=[profile]),
                              Section("prosecution", "PROSECUTION", law_sentence.start,
                                      len(TEXT), sentences=[law_sentence, figure_sentence]),
                          ])
    report = Report(source_name="small.txt", sha256="0" * 64, year=2017, year_inferred=False,
                    text=TEXT, narratives=[narrative])
    jam, can, caribbean = Place("country", "JAM"), Place("country", "CAN"), \
        Place("region", "caribbean")
    facts = NarrativeFacts(
        narrative=narrative, roles={"source"},
        flows=[Flow(jam, can, via=[caribbean], forms={"labor", "sex"},
                    subforms={"domestic-servitude"}, victims={"women"},
                    sectors={"hospitality"}, certainty="hedged", sentences=[profile])],
        sex_tourism=[SexTourism(can, jam, sentences=[profile])],
        laws=[Law("Trafficking in Persons Act", 2007, ["up to 20 years imprisonment"],
                  sentences=[law_sentence])],
        agencies=[Agency("Jamaica Constabulary Force", "JCF", {"the Constabulary"},
                         sentences=[figure_sentence])],
        figures=[Figure("investigations", 40, "cases", 2016, 26, 2015,
                        sentences=[figure_sentence]),
                 Figure("funding", 6300000, "JMD", 2016, usd_value=49220,
                        sentences=[figure_sentence])],
    )
    return report, facts


def small_data() -> Graph:
    """The small graph as the mapper writes it (no ontology)."""
    mapper = GraphMapper(load_gazetteer(), BuildInfo("0.1.0", "fingerprint",
                                                     "2017-06-27T00:00:00Z"))
    report, facts = small_records()
    mapper.add_report(report, [facts])
    return mapper.graph


@pytest.fixture(scope="module")
def data() -> Graph:
    return small_data()


@pytest.fixture(scope="module")
def with_ontology(data: Graph) -> Graph:
    graph = ontology_graph()
    for triple in data:
        graph.add(triple)
    return graph


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


PREFIXES = dict(re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", CASES["prefixes"]))


def _expand(name: str) -> URIRef:
    if name.startswith("<") and name.endswith(">"):
        return URIRef(name[1:-1])
    prefix, local = name.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


def _update(graph: Graph, update: str) -> None:
    """Apply a case's update; ``initNs`` gives every operation of it the prefixes."""
    graph.update(update, initNs=PREFIXES)


def _summary(results: list[ShapeResult]) -> str:
    return "\n".join(f"{r.focus} {r.path}: {r.message}" for r in results) or "(conforms)"


# ------------------------------------------------------------------------------ conforming graphs

def test_small_data_graph_conforms_on_its_own(data: Graph) -> None:
    outcome = validate(data)
    assert outcome.conforms, _summary(outcome.results)


def test_small_graph_with_the_ontology_conforms(with_ontology: Graph) -> None:
    outcome = validate(with_ontology)
    assert outcome.conforms, _summary(outcome.results)


def test_the_ontology_concepts_conform() -> None:
    outcome = validate(ontology_graph())
    assert outcome.conforms, _summary(outcome.results)


def test_sample_graph_conforms(sample_build: BuildResult) -> None:
    outcome = validate(sample_build.union)
    assert outcome.conforms, readable_report(outcome, sample_build.union)


# ---------------------------------------------------------------------- one case a constraint

@pytest.mark.parametrize("case", CASES["case"], ids=[c["id"] for c in CASES["case"]])
def test_break_is_rejected_with_its_message(with_ontology: Graph, case: dict[str, str]) -> None:
    graph = _copy(with_ontology)
    before = len(graph)
    _update(graph, case["update"])
    assert len(graph) != before or "DELETE" in case["update"], "the update changed nothing"
    outcome = validate(graph)
    assert not outcome.conforms
    focus = _expand(case["focus"])
    found = [r.message for r in outcome.results if r.focus == focus]
    assert case["expect"] in found, _summary(outcome.results)


def _template(message: str) -> re.Pattern[str]:
    parts = re.split(r"\{[?$]\w+\}", message)
    return re.compile(".+".join(re.escape(p) for p in parts) + r"\Z")


def test_every_message_of_the_shapes_has_a_case() -> None:
    messages = {str(m) for m in shapes_graph().objects(None, SH.message)}
    expected = [c["expect"] for c in CASES["case"]]
    missing = sorted(m for m in messages
                     if not any(_template(m).match(e) for e in expected))
    assert not missing, "constraints without a case in violations.toml:\n" + "\n".join(missing)


def test_case_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES["case"]]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------------- shapes and ontology agree

def test_every_ontology_class_has_a_node_shape() -> None:
    ontology = ontology_graph()
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(TIP._NS)}
    targeted = set(shapes_graph().objects(None, SH.targetClass))
    assert classes - targeted == set()


SCHEME_PATHS = [
    (TIP.tier, TIP.Tier, None),
    (TIP.role, TIP.Role, None),
    (TIP.sectionKind, TIP.SectionKind, None),
    (TIP.inSection, TIP.SectionKind, None),
    (TIP.form, TIP.Form, "top"),
    (TIP.subform, TIP.Form, "narrower"),
    (TIP.victims, TIP.VictimGroup, None),
    (TIP.sector, TIP.Sector, None),
    (TIP.certainty, TIP.Certainty, None),
    (TIP.measure, TIP.Measure, None),
]


@pytest.mark.parametrize(("path", "cls", "level"), SCHEME_PATHS,
                         ids=[str(p).rsplit("#", 1)[1] for p, _, _ in SCHEME_PATHS])
def test_controlled_values_list_exactly_their_scheme(path: URIRef, cls: URIRef,
                                                     level: str | None) -> None:
    ontology = ontology_graph()
    concepts = set(ontology.subjects(RDF.type, cls))
    if level == "top":
        concepts = {c for c in concepts if (c, SKOS.broader, None) not in ontology}
    elif level == "narrower":
        concepts = {c for c in concepts if (c, SKOS.broader, None) in ontology}
    shapes = shapes_graph()
    lists = [set(Collection(shapes, values)) for shape in shapes.subjects(SH.path, path)
             for values in shapes.objects(shape, SH["in"])]
    assert lists, f"no sh:in for {path}"
    for values in lists:
        assert values == concepts


def _paths_by_class(shapes: Graph) -> dict[URIRef, set[object]]:
    paths: dict[URIRef, set[object]] = {}
    for shape, cls in shapes.subject_objects(SH.targetClass):
        found = paths.setdefault(cls, set())  # type: ignore[arg-type]
        found.update(shapes.objects(shape, SH.path))
        for prop in shapes.objects(shape, SH.property):
            found.update(shapes.objects(prop, SH.path))
    return paths


def _undescribed(graph: Graph) -> set[tuple[str, str]]:
    """(class, predicate) pairs the graph uses on tip: instances that no shape has a path for.

    A node of several classes (a country is a tip:Country and a tip:Place) is described
    when a shape of any of its classes has the path.
    """
    paths = _paths_by_class(shapes_graph())
    missing = set()
    for node, cls in graph.subject_objects(RDF.type):
        if not str(cls).startswith(TIP._NS) or cls in paths.get(TIP.Tier, ()):
            continue
        described = set().union(*(paths.get(kind, set())  # type: ignore[call-overload]
                                   for kind in graph.objects(node, RDF.type)))
        for predicate in graph.predicates(node, None):
            if predicate != RDF.type and predicate not in described:
                missing.add((str(cls), str(predicate)))
    return missing


def test_shapes_describe_every_property_the_mapper_writes(data: Graph) -> None:
    assert _undescribed(data) == set()


def test_shapes_describe_every_property_of_the_sample(sample_build: BuildResult) -> None:
    data = Graph()
    for graph in sample_build.reports.values():
        for triple in graph:
            data.add(triple)
    assert _undescribed(data) == set()


# ------------------------------------------------------------------------------ validate()

def test_batched_shapes_give_the_same_results(with_ontology: Graph) -> None:
    """Handing targets down to property shapes is an optimisation: results do not change."""
    graph = _copy(with_ontology)
    _update(graph, """
        DELETE WHERE { sentence:2 tip:inNarrative ?n } ;
        INSERT DATA { flow:CAN tip:origin sentence:1 . figure:0 tip:value '-1.0'^^xsd:decimal }""")
    shapes = shapes_graph()

    def key(results: list[ShapeResult]) -> set[tuple[object, object, object, str]]:
        return {(r.focus, r.path, r.value, r.message) for r in results}

    assert len(list(batched(shapes).triples((None, SH.property, None)))) == 0
    fast = validate(graph, shapes)
    _, report, _ = pyshacl_validate(graph, shacl_graph=shapes, inference="none", advanced=True)
    assert isinstance(report, Graph)
    plain = ValidationOutcome(False, report, "")
    assert key(fast.results) == key(plain.results)
    assert len(fast.results) == len(plain.results) >= 3


def test_a_closed_or_referenced_node_shape_is_not_batched() -> None:
    shapes = Graph().parse(format="turtle", data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:Closed> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:closed true ;
            sh:property [ sh:path <urn:p> ] .
        <urn:Used> a sh:NodeShape ; sh:targetClass <urn:D> ; sh:property [ sh:path <urn:q> ] .
        <urn:User> a sh:NodeShape ; sh:targetClass <urn:E> ;
            sh:property [ sh:path <urn:r> ; sh:node <urn:Used> ] .
    """)
    flat = batched(shapes)
    assert (URIRef("urn:Closed"), SH.property, None) in flat
    assert (URIRef("urn:Used"), SH.property, None) in flat
    assert (URIRef("urn:User"), SH.property, None) not in flat


def test_validate_sees_the_default_graph_of_a_context_aware_store(data: Graph) -> None:
    """A wrapper over a store's default graph without its identifier would look empty."""
    store = Memory()
    default = Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID)
    for triple in data:
        default.add(triple)
    default.remove((URIRef("https://w3id.org/tipgraph/id/narrative/2017/JAM"), TIP.country, None))
    view = Graph(store=store)
    assert len(view) == 0
    outcome = validate(view)
    assert not outcome.conforms
    assert any("exactly one tip:country" in r.message for r in outcome.results)


def test_readable_report_names_focus_path_message_and_sentence(data: Graph) -> None:
    graph = _copy(data)
    _update(graph, "DELETE WHERE { flow:CAN tip:destination ?place }")
    outcome = validate(graph)
    text = readable_report(outcome, graph)
    assert text.startswith("The graph does not conform to the shapes: 1 violation on 1 node.")
    assert "focus:    <https://w3id.org/tipgraph/id/narrative/2017/JAM/flow/JAM/CAN>" in text
    assert "(tip:TraffickingFlow)" in text
    assert "path:     tip:destination" in text
    assert "message:  A trafficking flow has exactly one tip:destination." in text
    assert "shape:    tipsh:FlowShape" in text
    assert "sentence: <https://w3id.org/tipgraph/id/narrative/2017/JAM/sentence/1>" in text
    assert "\u201cJamaicans are exploited in Canada.\u201d" in text


def test_readable_report_writes_inverse_paths_the_sparql_way(data: Graph) -> None:
    graph = _copy(data)
    _update(graph, "DELETE DATA { narrative:JAM tip:section section:prosecution }")
    text = readable_report(validate(graph), graph)
    assert "path:     ^tip:section" in text


def test_readable_report_of_a_conforming_graph(data: Graph) -> None:
    assert readable_report(validate(data), data) == "The graph conforms to the shapes."


# ------------------------------------------------------------------------------ accessors

def test_shapes_are_package_data() -> None:
    assert SHAPES_FILE in shapes_files()
    assert "tipsh:FlowShape" in shapes_text()
    assert (TIPSH.FlowShape, RDF.type, SH.NodeShape) in shapes_graph()


def test_shapes_graph_is_a_fresh_copy() -> None:
    first = shapes_graph()
    first.add((TIPSH.Extra, RDFS.label, Literal("extra")))
    assert (TIPSH.Extra, None, None) not in shapes_graph()


def test_unknown_shapes_file_lists_the_known_ones() -> None:
    with pytest.raises(InputError) as info:
        shapes_text("nope.ttl")
    assert info.value.code == "E113"
    assert SHAPES_FILE in str(info.value)


# ------------------------------------------------------------------ SPARQL targets selected ahead

def _results_key(results: list[ShapeResult]) -> set[tuple[object, ...]]:
    return {(r.focus, r.path, r.value, r.message, r.severity, r.shape) for r in results}


def _pyshacl_results(graph: Graph, shapes: Graph) -> list[ShapeResult]:
    """pySHACL's own results, its SPARQL targets evaluated by rdflib (no selection ahead)."""
    _, report, _ = pyshacl_validate(graph, shacl_graph=batched(shapes), inference="none",
                                    advanced=True)
    assert isinstance(report, Graph)
    return ValidationOutcome(False, report, "").results


def _sparql_target_shapes(shapes: Graph) -> set[object]:
    return {shape for shape, target in shapes.subject_objects(SH.target)
            if (target, SH.select, None) in shapes}


def test_sparql_targets_selected_ahead_give_pyshacls_own_results(with_ontology: Graph) -> None:
    """Every domain check fires at once, and validate() reports exactly what pySHACL does."""
    shapes = shapes_graph()
    targeted = _sparql_target_shapes(shapes)
    messages = [_template(str(m)) for shape in targeted
                for constraint in shapes.objects(shape, SH.sparql)
                for m in shapes.objects(constraint, SH.message)]
    graph = _copy(with_ontology)
    for case in CASES["case"]:
        if any(template.match(case["expect"]) for template in messages):
            _update(graph, case["update"])
    prepared = batched(shapes)
    assert resolve_sparql_targets(prepared, graph) == len(targeted) == 13
    assert (None, SH.target, None) not in prepared
    outcome = validate(graph)
    assert {r.shape for r in outcome.results} >= targeted
    assert _results_key(outcome.results) == _results_key(_pyshacl_results(graph, shapes))


CUSTOM_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<urn:shapes> a owl:Ontology ;
    sh:declare [ sh:prefix "ex" ; sh:namespace "urn:ex:"^^xsd:anyURI ] .
<urn:ex:BigShape> a sh:NodeShape ; sh:severity sh:Warning ;
    sh:target [ a sh:SPARQLTarget ; sh:prefixes <urn:shapes> ;
        sh:select "SELECT ?this WHERE { ?this ex:size ?size . FILTER (?size > 10) }" ] ;
    sh:sparql [ sh:prefixes <urn:shapes> ;
        sh:message "{$this} is too big: {?size}." ;
        sh:select "SELECT $this ?size WHERE { $this ex:size ?size . FILTER (?size > 10) }" ] .
"""


def _sized(*sizes: object) -> Graph:
    graph = Graph()
    for number, size in enumerate(sizes):
        graph.add((URIRef(f"urn:ex:n{number}"), URIRef("urn:ex:size"), Literal(size)))
    return graph


def test_a_custom_sparql_target_with_its_own_prefixes_fires() -> None:
    shapes = Graph().parse(data=CUSTOM_SHAPES, format="turtle")
    graph = _sized(3, 12, 40)
    assert resolve_sparql_targets(batched(shapes), graph) == 1
    outcome = validate(graph, shapes)
    assert not outcome.conforms
    assert sorted((str(r.focus), r.message, r.severity) for r in outcome.results) == [
        ("urn:ex:n1", "urn:ex:n1 is too big: 12.", SH.Warning),
        ("urn:ex:n2", "urn:ex:n2 is too big: 40.", SH.Warning)]
    assert {r.shape for r in outcome.results} == {URIRef("urn:ex:BigShape")}
    assert _results_key(outcome.results) == _results_key(_pyshacl_results(graph, shapes))


def test_a_custom_sparql_target_that_selects_nothing_conforms() -> None:
    shapes = Graph().parse(data=CUSTOM_SHAPES, format="turtle")
    graph = _sized(3, 4)
    prepared = batched(shapes)
    assert resolve_sparql_targets(prepared, graph) == 1
    assert (URIRef("urn:ex:BigShape"), SH.target, None) not in prepared
    assert validate(graph, shapes).conforms


@pytest.mark.parametrize(("change", "data"), [
    ("a blank node in the data", "_:b <urn:ex:size> 50 ."),
    ("a decimal rdflib and Oxigraph read differently", None),
    ("a query calling a function by IRI", "<urn:ex:n5> <urn:ex:size> 50 ."),
    ("a shape pySHACL does not find", "<urn:ex:n5> <urn:ex:size> 50 ."),
])
def test_sparql_targets_left_to_pyshacl_still_fire(change: str, data: str | None) -> None:
    """Where selecting ahead might differ, pySHACL selects, and the results are its own."""
    text = CUSTOM_SHAPES
    if change == "a query calling a function by IRI":
        text = text.replace("FILTER (?size > 10)", "FILTER (xsd:integer(?size) > 10)", 1)
    if change == "a shape pySHACL does not find":
        text = text.replace("<urn:ex:BigShape> a sh:NodeShape ;", "<urn:ex:BigShape>")
    shapes = Graph().parse(data=text, format="turtle")
    graph = _sized(3)
    if data is None:
        graph.add((URIRef("urn:ex:n5"), URIRef("urn:ex:size"),
                   Literal(1e16, datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    else:
        graph.parse(data=data, format="turtle")
    assert resolve_sparql_targets(batched(shapes), graph) == 0
    outcome = validate(graph, shapes)
    expected = _pyshacl_results(graph, shapes)
    assert _results_key(outcome.results) == _results_key(expected)
    assert len(expected) == (0 if change == "a shape pySHACL does not find" else 1)


def test_sparql_targets_are_selected_in_the_oxigraph_copy_the_caller_gives() -> None:
    """A caller that has the data graph in Oxigraph already (the archive store's workers,
    which write the year from it) hands it over, and the targets are selected there."""
    from tipgraph.shapes.targets import oxigraph_store

    shapes = Graph().parse(data=CUSTOM_SHAPES, format="turtle")
    big, small = _sized(3, 12, 40), _sized(3, 4)
    given = oxigraph_store(small)
    assert given is not None
    prepared = batched(shapes)
    assert resolve_sparql_targets(prepared, big, given) == 1
    assert (URIRef("urn:ex:BigShape"), SH.target, None) not in prepared  # small selects none
    assert not validate(big, shapes).conforms
    copy = oxigraph_store(big)
    assert not validate(big, shapes, oxigraph=copy).conforms
    assert validate(big, shapes, oxigraph=given).conforms  # the copy given is what is read
