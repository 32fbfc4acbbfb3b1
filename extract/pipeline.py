"""The extraction pipeline: one spaCy pass over every section, then per-narrative records.

Every section's repaired text becomes one ``Doc`` (so rules see whole paragraphs and can
carry a subject from one sentence to the next) and all of them go through ``nlp.pipe`` in
one batch stream: spaCy's cost is paid once per report, not once per sentence. The mentions
each component leaves on the doc are then tied to the ``Sentence`` records that contain them
and merged per narrative.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tipgraph.core.errors import InputError

# Importing the component modules registers their factories with spaCy.
from tipgraph.extract import agencies, figures, flows, laws, places, sentences  # noqa: F401
from tipgraph.extract.agency_resolve import resolve_agencies
from tipgraph.extract.downgrades import automatic_downgrade_sentences
from tipgraph.extract.figures import figures_from_mentions
from tipgraph.extract.flows import merge_flows, merge_sex_tourism, roles_from_profile
from tipgraph.extract.law_resolve import resolve_laws
from tipgraph.extract.records import Narrative, NarrativeFacts, Report, Section, Sentence
from tipgraph.extract.sentences import sentences_from_doc

COMPONENTS = ("tip_sentencizer", "tip_places", "tip_flows", "tip_laws", "tip_agencies",
              "tip_figures")

if not Doc.has_extension("section"):
    Doc.set_extension("section", default=None)


class _Mention(Protocol):
    start: int
    end: int


def build_pipeline(model: str | None = None) -> Language:
    """A blank English pipeline (or an installed trained one) with tipgraph's components.

    Args:
        model: the name or path of an installed spaCy pipeline to start from; None (the
            default, and what the tests use) starts from ``spacy.blank("en")``.

    Raises:
        InputError: E106 when ``model`` cannot be loaded.
    """
    if model is None:
        nlp = spacy.blank("en")
    else:
        try:
            nlp = spacy.load(model, exclude=["senter"])
        except OSError:
            raise InputError(f"spaCy pipeline {model!r} is not installed; run without --model "
                             "or install it with pip", code="E106") from None
    for name in COMPONENTS:
        if name == "tip_sentencizer":
            nlp.add_pipe(name, first=True)
        else:
            nlp.add_pipe(name)
    return nlp


@dataclass(slots=True)
class _SectionResult:
    narrative: Narrative
    section: Section
    doc: Doc
    starts: list[int] = field(default_factory=list)


def _docs(nlp: Language, report: Report) -> Iterator[tuple[Narrative, Section, Doc]]:
    pairs = [(n, s) for n in report.narratives for s in n.sections]
    made: list[Doc] = []
    for narrative, section in pairs:
        doc = nlp.make_doc(section.clean)
        doc._.country = narrative.iso3
        doc._.section = section.kind
        made.append(doc)
    for (narrative, section), doc in zip(pairs, nlp.pipe(made, batch_size=32), strict=True):
        yield narrative, section, doc


def _sentence_of(result: _SectionResult, clean_offset: int) -> Sentence | None:
    """The sentence of the section that holds a clean-text offset (mentions are inside one)."""
    sents = result.section.sentences
    if not sents:
        return None
    source = result.section.clean_map[min(clean_offset, len(result.section.clean) - 1)]
    i = bisect_right(result.starts, source) - 1
    if i < 0:
        return None
    sentence = sents[i]
    return sentence if source < sentence.end else None


def _attach(results: list[_SectionResult], attr: str) -> list[tuple[Any, Sentence]]:
    pairs: list[tuple[Any, Sentence]] = []
    for result in results:
        mentions: Iterable[_Mention] = getattr(result.doc._, attr)
        for mention in mentions:
            sentence = _sentence_of(result, mention.start)
            if sentence is not None:
                pairs.append((mention, sentence))
    return pairs


def _facts(narrative: Narrative, results: list[_SectionResult]) -> NarrativeFacts:
    facts = NarrativeFacts(narrative=narrative)
    profile = [r for r in results if r.section.kind == "profile"]
    if profile and not narrative.partial:
        facts.roles = roles_from_profile(profile[0].doc)
    facts.flows = merge_flows(_attach(results, "flow_mentions"))
    facts.sex_tourism = merge_sex_tourism(_attach(results, "sex_tourism_mentions"))
    facts.laws = resolve_laws(_attach(results, "law_mentions"), narrative.iso3)
    facts.agencies = resolve_agencies(_attach(results, "agency_mentions"), narrative.iso3)
    facts.figures = figures_from_mentions(_attach(results, "figure_mentions"))
    facts.automatic_downgrade = automatic_downgrade_sentences(
        sentence for result in results for sentence in result.section.sentences)
    return facts


def extract_report(report: Report, nlp: Language,
                   progress: Callable[[int], None] | None = None) -> list[NarrativeFacts]:
    """Segment every section into sentences and read the facts of every narrative.

    Fills ``section.sentences`` in place (indexes run through each narrative) and returns
    one ``NarrativeFacts`` per narrative, in report order. A narrative's docs are dropped as
    soon as its facts are read, so memory stays flat however long the report is.

    Args:
        report: a report from ``read_report``.
        nlp: a pipeline from ``build_pipeline``.
        progress: called with the number of sections done after each one (for a bar).
    """
    facts: list[NarrativeFacts] = []
    current: Narrative | None = None
    results: list[_SectionResult] = []
    index = 0
    for done, (narrative, section, doc) in enumerate(_docs(nlp, report), start=1):
        if narrative is not current:
            if current is not None:
                facts.append(_facts(current, results))
            current, results, index = narrative, [], 0
        section.sentences = sentences_from_doc(section, doc, report.text, index,
                                               report.pages)
        index += len(section.sentences)
        results.append(_SectionResult(narrative, section, doc,
                                      [s.start for s in section.sentences]))
        if progress is not None:
            progress(done)
    if current is not None:
        facts.append(_facts(current, results))
    seen = {id(f.narrative) for f in facts}
    facts.extend(NarrativeFacts(narrative=n) for n in report.narratives if id(n) not in seen)
    order = {id(n): i for i, n in enumerate(report.narratives)}
    facts.sort(key=lambda f: order[id(f.narrative)])
    return facts
