"""Tests of the shared per-doc token table (``tipgraph.extract.tokens``).

Every extractor reads token attributes from this table instead of spaCy ``Token`` objects,
so it must say exactly what the tokens say, sentence boundaries included, for the texts the
pipeline sees (the sample's sections) and for the edge cases (empty and one-token docs,
docs without boundaries).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tipgraph.extract import sentences  # noqa: F401  (registers tip_sentencizer)
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.source import read_source
from tipgraph.extract.tokens import tokens_of
from tipgraph.pipeline.build import read


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("tip_sentencizer")
    return nlp


def _same_as_tokens(doc: Doc) -> None:
    table = tokens_of(doc)
    assert table.text == doc.text
    assert table.lower == [t.lower_ for t in doc]
    assert table.idx == [t.idx for t in doc]
    assert table.ends == [t.idx + len(t.text) for t in doc]
    assert table.space == [t.is_space for t in doc]
    assert table.punct == [t.is_punct for t in doc]
    assert table.num == [t.like_num for t in doc]
    assert table.title == [t.is_title for t in doc]
    assert table.segmented == doc.has_annotation("SENT_START")
    if table.segmented:
        assert table.sentences == [(s.start, s.end) for s in doc.sents]
    assert table.orth_ids.tolist() == [t.orth for t in doc]
    assert table.lower_ids.tolist() == [t.lower for t in doc]


def test_table_says_what_the_tokens_say_on_the_sample(nlp: Language) -> None:
    report = read(read_source(None), load_gazetteer(), None)
    texts = [s.clean for n in report.narratives for s in n.sections]
    for doc in nlp.pipe(texts):
        _same_as_tokens(doc)


@pytest.mark.parametrize("text", ["", "x", "Hello  world.\n\nAgain 5 times!", "U.S. law 27.14"])
def test_table_edge_cases(nlp: Language, text: str) -> None:
    _same_as_tokens(nlp(text))  # with boundaries
    _same_as_tokens(nlp.make_doc(text))  # without


def test_table_is_made_once_per_doc(nlp: Language) -> None:
    doc = nlp("Nigerian women are exploited in Italy. They are also exploited in Spain.")
    assert tokens_of(doc) is tokens_of(doc)
    assert doc._.tip_tokens is tokens_of(doc)


def test_table_is_read_again_when_the_doc_is_retokenized(nlp: Language) -> None:
    doc = nlp("Nigerian women are exploited in Saudi Arabia.")
    assert tokens_of(doc).lower[-3:] == ["saudi", "arabia", "."]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[5:7])
    assert tokens_of(doc).lower[-2:] == ["saudi arabia", "."]
