"""Tests of the law extractor: hard cases one sentence at a time, merging, and the dev gold.

The pipeline is ``spacy.blank("en")`` + spaCy's ``sentencizer`` + ``tip_laws``; no trained
model is loaded. Cases come in the 2017 report's phrasing ("The government prohibits all
forms of trafficking through its ... Act") and in later years' ("The Anti-Trafficking in
Persons Act, 2020 criminalized sex trafficking and labor trafficking and prescribed
penalties of ... years' imprisonment"). The file is self-contained (the tests run with
``--import-mode=importlib``): its dev-gold regression carries its own copy of the narrative
splitter and of the scorer's matching.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
import spacy
from spacy.language import Language

from tipgraph.extract import laws as _laws  # noqa: F401  (registers tip_laws)
from tipgraph.extract.law_resolve import resolve_laws
from tipgraph.extract.laws import LawMention
from tipgraph.extract.legal_words import words_of
from tipgraph.extract.records import Sentence
from tipgraph.pipeline.build import BuildResult


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("tip_laws")
    return pipeline


def _found(nlp: Language, text: str) -> list[tuple[str, int | None]]:
    return [(m.name, m.year) for m in nlp(text)._.law_mentions]


@pytest.mark.cases("laws.jsonl")
def test_case(nlp: Language, case: dict[str, Any]) -> None:
    """One text of ``tests/data/cases/laws.jsonl``: its ``laws`` as (name, year) in order
    (``[]``: no law is named), or the ``penalty`` of its one law."""
    mentions = nlp(case["text"])._.law_mentions
    if "laws" in case:
        assert [(m.name, m.year) for m in mentions] == [tuple(x) for x in case["laws"]]
    if "penalty" in case:
        (mention,) = mentions
        assert mention.penalty == case["penalty"]


def test_penalty_goes_to_the_law_before_it(nlp: Language) -> None:
    doc = nlp(
        "The labor code applies, and the Trafficking Act prescribes penalties of up to 15 "
        "years imprisonment. The penal code prescribes up to 20 years imprisonment for rape."
    )
    assert [(m.name, m.penalty) for m in doc._.law_mentions] == [
        ("labor code", None),
        ("Trafficking Act", "up to 15 years imprisonment"),
        ("penal code", "up to 20 years imprisonment"),
    ]


def test_offsets_index_the_doc_text(nlp: Language) -> None:
    text = "In 2016, Kenya's 2010 Counter-Trafficking in Persons Act and the penal code applied."
    doc = nlp(text)
    assert [text[m.start : m.end] for m in doc._.law_mentions] == [
        "Counter-Trafficking in Persons Act",
        "penal code",
    ]


def test_mentions_do_not_overlap(nlp: Language, sample_build: BuildResult) -> None:
    """Over every section of the sample, as the real reader cuts and repairs them."""
    for facts in sample_build.facts:
        for section in facts.narrative.sections:
            mentions = nlp(section.clean)._.law_mentions
            for a, b in pairwise(mentions):
                assert a.end <= b.start, (a, b)


def test_no_sentence_boundaries_needed() -> None:
    bare = spacy.blank("en")
    bare.add_pipe("tip_laws")
    text = "Article 5 of the Labor Standards Act prohibits forced labor. The penal code too."
    assert [m.name for m in bare(text)._.law_mentions] == ["Labor Standards Act", "penal code"]


def test_component_can_be_added_twice() -> None:
    # the Doc extension is registered once and both pipelines work
    for _ in range(2):
        pipe = spacy.blank("en")
        pipe.add_pipe("tip_laws")
        assert pipe("the penal code")._.law_mentions[0].name == "penal code"


def test_words_glue_hyphens_and_keep_possessives() -> None:
    doc = spacy.blank("en")("Jordan’s anti-trafficking law 27.14 (U.S. text)")
    expected = ["Jordan", "’s", "anti-trafficking", "law", "27.14", "(", "U.S.", "text", ")"]
    assert [w.text for w in words_of(doc)] == expected


# -- resolution ---------------------------------------------------------------------------


def _sent(index: int, text: str = "x") -> Sentence:
    return Sentence(index, index * 100, index * 100 + 99, text, text, "prosecution")


def _mention(name: str, year: int | None = None, penalty: str | None = None) -> LawMention:
    return LawMention(name, year, penalty, 0, len(name))


@pytest.mark.cases("laws_resolve.jsonl")
def test_resolve(case: dict[str, Any]) -> None:
    """One narrative of ``tests/data/cases/laws_resolve.jsonl``: its (name, year[, apposed
    title]) mentions, one per sentence (of ``sentences`` where the case gives them), resolve to
    its ``laws``."""
    texts = case.get("sentences") or ["x"] * len(case["mentions"])
    pairs = [
        (LawMention(m[0], m[1], None, 0, len(m[0]), m[2] if len(m) > 2 else None),
         _sent(i, texts[i]))
        for i, m in enumerate(case["mentions"])
    ]
    got = [(law.name, law.year) for law in resolve_laws(pairs, case["country"])]
    assert got == [tuple(x) for x in case["laws"]]


def test_resolve_records() -> None:
    s0, s1, s2 = _sent(0), _sent(1), _sent(2)
    pairs = [
        (_mention("Trafficking in Persons Act", 2015, "up to 14 years imprisonment"), s0),
        (_mention("anti-trafficking law"), s0),
        (_mention("Trafficking in Persons Act", None, "up to 14 years imprisonment"), s2),
        (_mention("anti-trafficking act", None, "a fine"), s1),
    ]
    (law,) = resolve_laws(pairs, "MWI")
    assert law.name == "Trafficking in Persons Act"
    assert law.year == 2015
    assert law.jurisdiction == "MWI"
    assert law.sentences == [s0, s1, s2]
    assert law.penalties == ["up to 14 years imprisonment", "a fine"]


def test_resolve_nothing() -> None:
    assert resolve_laws([], None) == []


# The dev-gold regression of this extractor is tests/test_gold.py: the real reader and
# pipeline, scored by the evaluation's own scorer, with floors no lower than the ones kept here
# before.
