"""Building the sample: narratives, tiers, sentences with provenance, formats, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from tipgraph.extract.sample import sample_text
from tipgraph.graph.load import load_graph
from tipgraph.graph.serialize import write_graph
from tipgraph.ontology import NIF, TIP
from tipgraph.pipeline.build import BuildResult, build_graph

GOLD = Path(__file__).parent / "gold"
GOLD_TIERS = {
    json.loads(p.read_text(encoding="utf-8"))["country"]:
        json.loads(p.read_text(encoding="utf-8"))["tier"]
    for p in sorted(GOLD.glob("*.json"))
}


def narratives(graph: Graph) -> dict[str, object]:
    out = {}
    for n in graph.subjects(RDF.type, TIP.CountryNarrative):
        iso = str(graph.value(graph.value(n, TIP.country), TIP.iso3))
        out[iso] = n
    return out


def test_one_narrative_per_heading_and_the_fragment(sample_build: BuildResult) -> None:
    found = narratives(sample_build.union)
    assert set(found) == set(GOLD_TIERS)
    assert sample_build.narratives == 37


@pytest.mark.parametrize("iso", sorted(GOLD_TIERS))
def test_tier_matches_gold(sample_build: BuildResult, iso: str) -> None:
    graph = sample_build.union
    n = narratives(graph)[iso]
    tier = graph.value(n, TIP.tier)
    notation = str(graph.value(tier, SKOS.notation)) if tier is not None else None
    assert notation == GOLD_TIERS[iso]


def test_italy_fragment_is_partial(sample_build: BuildResult) -> None:
    graph = sample_build.union
    n = narratives(graph)["ITA"]
    assert graph.value(n, TIP.partial) == Literal(True)
    assert graph.value(n, TIP.tier) is None


def test_every_sentence_has_offsets_section_narrative_and_exact_text(
        sample_build: BuildResult) -> None:
    graph = sample_build.union
    text = sample_text()
    sentences = list(graph.subjects(RDF.type, TIP.Sentence))
    assert len(sentences) > 1000
    for s in sentences:
        begin = graph.value(s, NIF.beginIndex)
        end = graph.value(s, NIF.endIndex)
        assert begin is not None and end is not None, s
        assert int(begin) < int(end)
        assert str(graph.value(s, NIF.anchorOf)) == text[int(begin):int(end)]
        assert graph.value(s, TIP.inNarrative) is not None
        section = graph.value(s, TIP.inSection)
        assert graph.value(section, SKOS.notation) is not None


def test_facts_point_at_sentences(sample_build: BuildResult) -> None:
    graph = sample_build.union
    for cls in (TIP.TraffickingFlow, TIP.Law, TIP.Agency):
        nodes = list(graph.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            derived = list(graph.objects(node, PROV.wasDerivedFrom))
            assert derived, node
            assert all((d, RDF.type, TIP.Sentence) in graph for d in derived)


def test_report_document_and_build_activity(sample_build: BuildResult) -> None:
    graph = sample_build.union
    report = next(graph.subjects(RDF.type, TIP.Report))
    assert int(graph.value(report, TIP.reportYear)) == 2017
    assert len(str(graph.value(report, TIP.sha256))) == 64
    build = next(graph.subjects(RDF.type, TIP.Build))
    assert (build, PROV.used, report) in graph
    assert graph.value(build, TIP.toolVersion) is not None


def test_year_is_inferred_and_flagged(sample_build: BuildResult) -> None:
    (summary,) = sample_build.summaries
    assert (summary.year, summary.year_inferred) == (2017, True)


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".trig", ".nq"])
def test_every_format_parses_back_to_the_same_graph(sample_build: BuildResult, tmp_path: Path,
                                                   suffix: str) -> None:
    out = tmp_path / f"sample{suffix}"
    write_graph(out, sample_build.union, ontology=sample_build.ontology,
                reports=sample_build.reports)
    back = load_graph(out)
    assert len(back) == len(sample_build.union)
    assert isomorphic(back, sample_build.union)


def test_building_twice_gives_byte_identical_ntriples(tmp_path: Path) -> None:
    first, second = tmp_path / "a.nt", tmp_path / "b.nt"
    for out in (first, second):
        result = build_graph([None])
        write_graph(out, result.union)
    assert first.read_bytes() == second.read_bytes()
