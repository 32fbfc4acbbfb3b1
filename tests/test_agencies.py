"""Tests of the agency extractor: hard cases one sentence at a time, merging, and the dev gold.

The pipeline is ``spacy.blank("en")`` + spaCy's ``sentencizer`` + ``tip_agencies``; no
trained model is loaded. Cases come in the 2017 report's phrasing ("The Public Security
Directorate and Ministry of Labor (MOL) joint anti-trafficking unit ...") and in later
years' ("The National Police's Anti-Trafficking in Persons Unit (DIVITRA) ..."). The file is
self-contained (the tests run with ``--import-mode=importlib``): its dev-gold regression
carries its own copy of the narrative splitter and of the scorer's matching.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
import spacy
from spacy.language import Language

from tipgraph.extract import agencies as _agencies  # noqa: F401  (registers tip_agencies)
from tipgraph.extract.agencies import AgencyMention
from tipgraph.extract.agency_resolve import resolve_agencies
from tipgraph.extract.legal_words import country_words
from tipgraph.extract.records import Sentence
from tipgraph.pipeline.build import BuildResult


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("tip_agencies")
    return pipeline


def _named(nlp: Language, text: str, country: str | None = None) -> list[tuple[str, str | None]]:
    """The named mentions (bare acronym uses left out) as (name, acronym)."""
    doc = nlp.make_doc(text)
    doc._.country = country
    doc = nlp(doc)
    return [(m.name, m.acronym) for m in doc._.agency_mentions if m.name != m.acronym]


@pytest.mark.cases("agencies.jsonl")
def test_case(nlp: Language, case: dict[str, Any]) -> None:
    """One text of ``tests/data/cases/agencies.jsonl`` read as a narrative of ``country``: its
    named mentions as (name, acronym) in order (``[]``: no body is named)."""
    got = _named(nlp, case["text"], case["country"])
    assert got == [tuple(x) for x in case["agencies"]]


def test_bare_heads_are_back_references(nlp: Language) -> None:
    doc = nlp("The taskforce met. The Secretariat assigned the task.")
    assert [(m.name, m.acronym) for m in doc._.agency_mentions] == [
        ("taskforce", None),
        ("Secretariat", None),
    ]


def test_acronym_uses_are_candidates(nlp: Language) -> None:
    # "unit" after the owner's possessive is a back-reference; NGOs and U.S. are no bodies
    doc = nlp("The NPA and MOI's unit met NGOs in the U.S.")
    assert [(m.name, m.acronym) for m in doc._.agency_mentions] == [
        ("NPA", "NPA"),
        ("MOI", "MOI"),
        ("unit", None),
    ]


def test_offsets_index_the_doc_text(nlp: Language) -> None:
    text = "In 2016, Japan's National Police Agency (NPA) and the labor ministry met."
    doc = nlp(text)
    # the acronym of a definition is part of that mention, not a use of its own
    assert [text[m.start : m.end] for m in doc._.agency_mentions] == [
        "National Police Agency",
        "labor ministry",
    ]


def test_named_mentions_do_not_overlap(nlp: Language, sample_build: BuildResult) -> None:
    """Over every section of the sample, as the real reader cuts and repairs them."""
    for facts in sample_build.facts:
        for section in (s.clean for s in facts.narrative.sections):
            doc = nlp(section)
            # bare acronym uses may sit inside a name ("JCF anti-trafficking unit")
            spans = sorted({(m.start, m.end) for m in doc._.agency_mentions if m.name != m.acronym})
            for (_, end), (start, _) in pairwise(spans):
                assert end <= start, section[start - 40 : start + 40]


def test_no_sentence_boundaries_needed() -> None:
    bare = spacy.blank("en")
    bare.add_pipe("tip_agencies")
    doc = bare("The Ministry of Justice met. The labor ministry agreed.")
    assert [m.name for m in doc._.agency_mentions] == ["Ministry of Justice", "labor ministry"]


def test_component_can_be_added_twice() -> None:
    for _ in range(2):
        pipe = spacy.blank("en")
        pipe.add_pipe("tip_agencies")
        assert pipe("the Supreme Court")._.agency_mentions[0].name == "Supreme Court"


def test_country_words() -> None:
    assert {"jamaica", "jamaican"} <= country_words("JAM")
    assert "kosovo" in country_words("XKX")
    assert country_words("ZZZ") == frozenset()


# -- resolution ---------------------------------------------------------------------------


def _sent(index: int, section: str = "prosecution") -> Sentence:
    return Sentence(index, index * 100, index * 100 + 99, "x", "x", section)


def _resolve(
    given: list[tuple[str, str | None]], country: str | None = "JPN"
) -> list[tuple[str, str | None]]:
    pairs = [
        (AgencyMention(name, acronym, 0, len(name)), _sent(i))
        for i, (name, acronym) in enumerate(given)
    ]
    return [(a.name, a.acronym) for a in resolve_agencies(pairs, country)]


@pytest.mark.cases("agencies_resolve.jsonl")
def test_resolve(nlp: Language, case: dict[str, Any]) -> None:
    """One narrative of ``tests/data/cases/agencies_resolve.jsonl``: its (name, acronym)
    mentions, one per sentence, resolve to its ``agencies``; a case with a ``text`` instead
    has its mentions read from that text (where a bare acronym's context counts)."""
    if "text" in case:
        doc = nlp.make_doc(case["text"])
        doc._.country = case["country"]
        pairs = [(m, _sent(0)) for m in nlp(doc)._.agency_mentions]
        got = [(a.name, a.acronym) for a in resolve_agencies(pairs, case["country"])]
    else:
        got = _resolve([tuple(x) for x in case["mentions"]], case["country"])
    assert got == [tuple(x) for x in case["agencies"]]


def test_resolve_drops_own_country_adjective() -> None:
    assert _resolve([("Mongolian Gender Equality Center", None)], "MNG") == [
        ("Gender Equality Center", None)
    ]
    assert _resolve([("Bangladeshi High Commission", None)], "MUS") == [
        ("Bangladeshi High Commission", None)
    ]


def test_resolve_records() -> None:
    s0, s1, s2 = _sent(0), _sent(1, "protection"), _sent(2, "prevention")
    pairs = [
        (AgencyMention("Police Directorate", None, 0, 18), s0),
        (AgencyMention("police directorate", None, 40, 58), s1),
        (AgencyMention("Police Directorate", None, 0, 18), s2),
        (AgencyMention("Police Directorate", None, 30, 48), s0),
    ]
    (agency,) = resolve_agencies(pairs, "MNE")
    assert agency.name == "Police Directorate"
    assert agency.alt_names == {"police directorate"}
    assert agency.jurisdiction == "MNE"
    assert agency.sentences == [s0, s1, s2]


def test_resolve_nothing() -> None:
    assert resolve_agencies([], None) == []


# The dev-gold regression of this extractor is tests/test_gold.py: the real reader and
# pipeline, scored by the evaluation's own scorer, with floors no lower than the ones kept here
# before.
