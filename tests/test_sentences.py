"""Tests of the tip_sentencizer component, Sentence records and report segmentation."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from itertools import pairwise
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from tipgraph.core.errors import ExtractionError
from tipgraph.extract.reader import read_report
from tipgraph.extract.records import SECTION_KINDS, Report, Section
from tipgraph.extract.repair import repair
from tipgraph.extract.sentences import (
    TipSentencizer,
    blank_pipeline,
    load_abbreviations,
    segment_report,
    sentences_from_doc,
)

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


def _split(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    "text",
    [
        "It helped the U.S. government and the U.N. Office on Drugs and Crime.",
        "It adopted Decree No. 3 of 2015 on victims.",
        "Decrees Nos. 4 and 5 apply.",
        "The law protected approx. 500 victims.",
        "It met Gov. Smith and Govt. officials.",
        "The court cited Art. 5 of the code.",
        "Police met Mr. Lee, Mrs. Lee, Ms. Kim and Dr. Ali in St. Kitts.",
        "The law took effect on Jan. 5 and was amended on Dec. 12.",
        "Some forms, e.g. forced begging, and i.e. the worst forms, are rare.",
        "Brothels, bars, etc. remained open.",
        "It charged Acme Inc. and Beta Ltd. with fraud.",
        "It charged Gamma Co. and the State vs. Doe was heard.",
        "The prosecutor J. Smith and A. B. Jones filed charges.",
        "The unit (known as the U.S. Desk) acted.",
    ],
)
def test_abbreviations_do_not_split(nlp: Language, text: str) -> None:
    assert _split(nlp, text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ended. The next began.", ["It ended.", "The next began."]),
        ("It acted in 2016. 40 new cases.", ["It acted in 2016.", "40 new cases."]),
        ('It said "enough." The next.', ['It said "enough."', "The next."]),
        ("It ended (in 2015.) The next.", ["It ended (in 2015.)", "The next."]),
        ("It ended.” Then it began.", ["It ended.”", "Then it began."]),
        ('It ended. "Quote" began.', ["It ended.", '"Quote" began.']),
        ("It ended. (The next) began.", ["It ended.", "(The next) began."]),
        ("Was it? Yes! It was.", ["Was it?", "Yes!", "It was."]),
        ("Brothels, bars, etc. The next.", ["Brothels, bars, etc.", "The next."]),
        ("It went to the UAE. The next.", ["It went to the UAE.", "The next."]),
        ("It rose to 12.5 million. The next.", ["It rose to 12.5 million.", "The next."]),
        # A lower-case word after a period is not a new sentence...
        ("It ended. and then more.", ["It ended. and then more."]),
        # ...but a paragraph break always is, whatever follows it.
        ("fight human\n\ntrafficking and more.", ["fight human", "trafficking and more."]),
        ("One.\n\nTwo.", ["One.", "Two."]),
    ],
)
def test_sentence_boundaries(nlp: Language, text: str, expected: list[str]) -> None:
    assert _split(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2020-2025 prioritized recommendations, as printed and as web copies render them
        (
            "Finalize the plan.\n• Increase efforts to prosecute\n• Train officials.",
            ["Finalize the plan.", "• Increase efforts to prosecute", "• Train officials."],
        ),
        ("Do this • and that", ["Do this", "• and that"]),
        (
            "1. Increase efforts.\n2. Train officials.\n10) Adopt a law.",
            ["1. Increase efforts.", "2. Train officials.", "10) Adopt a law."],
        ),
        (
            "Increase efforts\n- Screen migrants\n* Train judges",
            ["Increase efforts", "- Screen migrants", "* Train judges"],
        ),
        # Not list items: a dash inside a line, a number not at a line start.
        ("It identified 12 - not 13 - victims.", ["It identified 12 - not 13 - victims."]),
        ("It was Article 2. Increase efforts.", ["It was Article 2.", "Increase efforts."]),
    ],
)
def test_each_list_item_is_a_sentence(nlp: Language, text: str, expected: list[str]) -> None:
    assert _split(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("the U.S. government", ["the", "U.S.", "government"]),
        ("Decree No. 3", ["Decree", "No", ".", "3"]),
        ("approx. 500", ["approx", ".", "500"]),
        ("Gov. Smith", ["Gov.", "Smith"]),
        ("in 2016.\n\nThe", ["in", "2016", ".", "\n\n", "The"]),
    ],
)
def test_tokenizer_splits_as_the_component_expects(text: str, tokens: list[str]) -> None:
    """The rules rely on how spaCy's blank English tokenizer treats these cases."""
    assert [t.text for t in spacy.blank("en")(text)] == tokens


def test_factory_is_registered_and_abbreviations_load() -> None:
    nlp = spacy.blank("en")
    component = nlp.add_pipe("tip_sentencizer")
    assert isinstance(component, TipSentencizer)
    abbreviations = load_abbreviations()
    assert {"U.S.", "No.", "approx.", "Gov.", "Jan.", "Dec.", "e.g.", "Inc."} <= abbreviations
    assert "etc." not in abbreviations
    assert all(a.endswith(".") for a in abbreviations)
    raw = (
        resources.files("tipgraph.extract.patterns")
        .joinpath("abbreviations.jsonl")
        .read_text(encoding="utf-8")
    )
    assert all(isinstance(json.loads(line), str) for line in raw.splitlines())


@pytest.mark.parametrize(
    ("abbreviations", "text", "count"),
    [
        (["Sen."], "It met Sen. Ali. Then it left.", 2),
        ([], "It met Sen. Ali. Then it left.", 3),
        ([], "Decree No. 3 applies.", 2),
    ],
)
def test_abbreviations_are_configurable(
    nlp: Language, abbreviations: list[str], text: str, count: int
) -> None:
    doc = TipSentencizer(abbreviations)(nlp.make_doc(text))
    assert len(list(doc.sents)) == count


def _section(source: str, start: int, end: int, kind: str = "intro") -> Section:
    return Section(kind, None, start, end, *repair(source, start, end))


def test_sentences_map_to_exact_source_spans(nlp: Language) -> None:
    source = (
        "JAMAICA: TIER 2\n\n*Enjo kosai*, a practice, grew. It allocated \\$32.5 million and"
        " identified eight\n\n \n\ntrafficking victims.\n\nA second paragraph. \\$5 went far."
    )
    start = source.index("*Enjo")
    section = _section(source, start, len(source))
    sentences = sentences_from_doc(section, nlp(section.clean), source, first_index=7)
    assert [s.clean for s in sentences] == [
        "Enjo kosai, a practice, grew.",
        "It allocated $32.5 million and identified eight trafficking victims.",
        "A second paragraph.",
        "$5 went far.",
    ]
    assert [s.text for s in sentences] == [
        "*Enjo kosai*, a practice, grew.",
        "It allocated \\$32.5 million and identified eight\n\n \n\ntrafficking victims.",
        "A second paragraph.",
        "\\$5 went far.",
    ]
    assert [s.index for s in sentences] == [7, 8, 9, 10]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]
    for s in sentences:
        assert source[s.start : s.end] == s.text
        assert s.section == "intro"
        assert repair(source, s.start, s.end)[0] == s.clean


def test_sentences_from_doc_rejects_a_doc_of_other_text(nlp: Language) -> None:
    section = _section("Some text.", 0, 10)
    with pytest.raises(ValueError, match="clean text"):
        sentences_from_doc(section, nlp("Other text."), "Some text.")


def _resolver() -> dict[str, str]:
    names = {}
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        names[gold["narrative"]] = gold["country"]
    return names


@pytest.fixture(scope="module")
def sample() -> Report:
    text = (
        resources.files("tipgraph.extract.sample")
        .joinpath("tip-2017-jamaica-namibia.txt")
        .read_text(encoding="utf-8")
    )
    report = read_report(
        text,
        source_name="tip-2017-jamaica-namibia.txt",
        sha256="0" * 64,
        year=None,
        resolve_country=_resolver().get,
        guess_country=lambda fragment: ("ITA", "Italy") if "Italy" in fragment else None,
    )
    segment_report(report)
    return report


def test_every_sample_sentence_is_exact(sample: Report) -> None:
    count = 0
    for narrative in sample.narratives:
        for section in narrative.sections:
            assert section.sentences, (narrative.heading, section.kind)
            for s in section.sentences:
                count += 1
                assert sample.text[s.start : s.end] == s.text
                assert s.text.strip() == s.text
                assert s.clean.strip() == s.clean
                assert repair(sample.text, s.start, s.end)[0] == s.clean
                assert s.section == section.kind
                assert section.start <= s.start < s.end <= section.end
    assert count > 2000


def test_sample_sentence_indexes_run_per_narrative(sample: Report) -> None:
    for narrative in sample.narratives:
        sentences = narrative.sentences
        assert [s.index for s in sentences] == list(range(len(sentences)))
        assert all(a.end <= b.start for a, b in pairwise(sentences))


def test_sample_sentences_cover_each_paragraph(sample: Report) -> None:
    for narrative in sample.narratives:
        for section in narrative.sections:
            paragraphs = section.clean.split("\n\n")
            found = Counter(s.paragraph for s in section.sentences)
            assert sorted(found) == list(range(len(paragraphs)))


def test_sample_page_break_sentence(sample: Report) -> None:
    jamaica = next(n for n in sample.narratives if n.iso3 == "JAM")
    joined = [s for s in jamaica.sentences if "identified eight trafficking victims" in s.clean]
    assert len(joined) == 1
    assert "identified eight\n\ntrafficking victims" in joined[0].text


def test_sample_abbreviations_stay_inside_sentences(sample: Report) -> None:
    sentences = [s for n in sample.narratives for s in n.sentences]
    for abbreviation in ("U.S.", "No."):
        holding = [s for s in sentences if abbreviation in s.clean]
        assert holding
        assert not any(s.clean.endswith(abbreviation) for s in holding)


def test_segment_report_accepts_a_pipeline_and_resets_indexes(nlp: Language) -> None:
    text = "JAMAICA: TIER 2\n\nOne. Two.\n\nPROSECUTION\n\nThree.\n\nJAPAN: TIER 2\n\nFour."
    report = read_report(
        text,
        source_name="t",
        sha256="0",
        year=2017,
        resolve_country={"JAMAICA": "JAM", "JAPAN": "JPN"}.get,
        guess_country=lambda _: None,
    )
    segment_report(report, nlp)
    assert [[(s.index, s.section, s.clean) for s in n.sentences] for n in report.narratives] == [
        [(0, "intro", "One."), (1, "intro", "Two."), (2, "prosecution", "Three.")],
        [(0, "intro", "Four.")],
    ]


_LINES = st.one_of(
    st.sampled_from(
        [
            "JAMAICA: TIER 2",
            "KOREA, REPUBLIC OF: Tier 2 Watch List",
            "NIGERIA (Tier 3)",
            "RECOMMENDATIONS FOR JAMAICA",
            "PRIORITIZED RECOMMENDATIONS: Increase efforts.",
            "PROSECUTION",
            "Protection:",
            "TRAFFICKING PROFILE",
            # every era's forms
            "Haiti (Tier 2)",
            "TIER 2",
            "Tier 3 Countries",
            "Haiti",
            "ATLANTIS: TIER 4",
            "Haiti is a source country for men.",
            "The Government of Haiti does not fully meet the minimum standards.",
            "Recommendations for Haiti: Train police; fund shelters.",
            "Prosecution: The government acted.",
            "• Increase efforts",
            "2. Train judges.",
            "As reported over the past five years, traffickers exploit men.",
            "",
            " ",
            "\x0c",
            "It identified 8 victims in 2016.",
        ]
    ),
    st.lists(
        st.sampled_from([*'aZ .?!:;,*\\$"”“()—-\t\r0', "U.S.", "No. 3", "*x*", "approx."]),
        max_size=25,
    ).map("".join),
)


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    before=st.lists(_LINES, max_size=6),
    after=st.lists(_LINES, max_size=12),
    attribute=st.booleans(),
)
def test_reader_and_segmentation_never_crash_and_stay_exact(
    nlp: Language, before: list[str], after: list[str], attribute: bool
) -> None:
    text = "\n".join([*before, "JAMAICA: TIER 2", *after])
    try:
        report = read_report(
            text,
            source_name="h",
            sha256="0",
            year=2017,
            resolve_country=lambda _: "JAM",
            guess_country=lambda _: ("ITA", "Italy") if attribute else None,
        )
    except ExtractionError as exc:
        # A section heading twice in one narrative, or a second narrative of one country
        # (every name resolves to JAM here), is refused as the input error it is.
        assert exc.code in ("E209", "E211"), exc
        return
    segment_report(report, nlp)
    assert report.narratives
    for narrative in report.narratives:
        assert narrative.tier is not None or narrative.partial or narrative.heading != "JAMAICA"
        assert (
            text[narrative.start : narrative.end].strip() == text[narrative.start : narrative.end]
        )
        kinds = [section.kind for section in narrative.sections]
        assert len(kinds) == len(set(kinds)), kinds  # one section IRI per kind
        for section in narrative.sections:
            assert section.kind in SECTION_KINDS
            assert (section.clean, section.clean_map) == repair(text, section.start, section.end)
            assert narrative.start <= section.start < section.end <= narrative.end
            for s in section.sentences:
                assert text[s.start : s.end] == s.text
                assert s.text and s.text.strip() == s.text
                assert section.start <= s.start < s.end <= section.end
