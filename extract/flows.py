"""The ``tip_flows`` spaCy component and the merge of its mentions into ``Flow`` records.

The component runs after ``tip_places`` on one section's doc. It matches the whole lexicon
once over the doc and reads each clause with the stages of :mod:`tipgraph.extract.flowread`
(where the maintainer's map is); it never calls the pipeline again per sentence.

* ``doc._.flow_mentions``: one :class:`FlowMention` per (origin, destination) a sentence
  states, with the forms, victims and sectors of that clause and the character span of the
  sentence in ``doc.text``.
* ``doc._.sex_tourism_mentions``: :class:`SexTourismMention` for "tourists from X travel to
  Y to exploit children" - these are not flows (the victims are in Y, the tourists from X).

It runs on every section, not only the profile; the graph records where each mention came
from, so a flow stated only in PROTECTION stays apart from the profile's.

Example:
    >>> import spacy
    >>> from tipgraph.extract import places, sentences  # registers the factories
    >>> nlp = spacy.blank("en")
    >>> for name in ("tip_sentencizer", "tip_places", "tip_flows"):
    ...     _ = nlp.add_pipe(name)
    >>> doc = nlp.make_doc("Nigerian women are subjected to sex trafficking in Italy.")
    >>> doc._.country = "ITA"
    >>> [(m.origin.code, m.destination.code, sorted(m.forms)) for m in nlp(doc)._.flow_mentions]
    [('NGA', 'ITA', ['sex'])]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from tipgraph.extract import places as _places  # noqa: F401  (registers the Span extensions)
from tipgraph.extract.flowread import (
    FlowMention,
    SexTourismMention,
    load_lexicon,
    match_doc,
    read_section,
)
from tipgraph.extract.flowread.words import flow_words
from tipgraph.extract.records import Flow, Place, Sentence, SexTourism
from tipgraph.extract.roles import roles_from_profile

PROFILE = "profile"  # the section kind whose sentences say what a pair's forms are

__all__ = [
    "FlowMention",
    "FlowReader",
    "SexTourismMention",
    "make_flows",
    "merge_flows",
    "merge_sex_tourism",
    "roles_from_profile",
]


def _register_extensions() -> None:
    for name in ("flow_mentions", "sex_tourism_mentions"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("section", "country"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


_register_extensions()


def _victims(cats: Iterable[str]) -> frozenset[str]:
    """Boys and girls are children too (``child_words`` of ``flows_words.jsonl``)."""
    out = set(cats)
    if out & flow_words().child_words:
        out.add("children")
    return frozenset(out)


class FlowReader:
    """Reads flows and sex tourism out of a section doc (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "tip_flows") -> None:
        self.name = name
        self.lexicon = load_lexicon(nlp)

    def __call__(self, doc: Doc) -> Doc:
        matches = match_doc(self.lexicon, doc)
        flows, tourism = read_section(doc, self.lexicon, matches, doc._.country)
        doc._.flow_mentions = [replace(f, victims=_victims(f.victims)) for f in flows]
        doc._.sex_tourism_mentions = list(tourism)
        return doc


@Language.factory("tip_flows", assigns=["doc._.flow_mentions", "doc._.sex_tourism_mentions"])
def make_flows(nlp: Language, name: str) -> FlowReader:
    """spaCy factory of ``tip_flows`` (``nlp.add_pipe("tip_flows")`` after ``tip_places``)."""
    return FlowReader(nlp, name)


def _add_sentence(sentences: list[Sentence], sentence: Sentence) -> None:
    if all(s.index != sentence.index or s.start != sentence.start for s in sentences):
        sentences.append(sentence)


def merge_flows(mentions: list[tuple[FlowMention, Sentence]]) -> list[Flow]:
    """One ``Flow`` per (origin, destination) of a narrative, all its sentences merged.

    Forms, subforms, victims, sectors and vias are united (forms only from the profile's
    sentences when the profile states the pair); ``marriage`` is kept only when
    no other form is stated for the pair; the flow is ``hedged`` only when every sentence
    that states it is hedged; sentences are in reading order without duplicates.

    Example:
        >>> from tipgraph.extract.records import Place, Sentence
        >>> a, b = Place("country", "NGA"), Place("country", "ITA")
        >>> s = Sentence(0, 0, 10, "x", "x", "profile")
        >>> m = FlowMention(a, b, (), frozenset({"sex"}), frozenset(), frozenset(),
        ...                 frozenset(), "hedged", 0, 10)
        >>> [(f.origin.code, f.certainty) for f in merge_flows([(m, s)])]
        [('NGA', 'hedged')]
    """
    out: dict[tuple[Place, Place], Flow] = {}
    stated: dict[tuple[Place, Place], bool] = {}
    profiled = {(m.origin, m.destination) for m, s in mentions if s.section == PROFILE}
    for mention, sentence in mentions:
        key = (mention.origin, mention.destination)
        flow = out.get(key)
        if flow is None:
            flow = out[key] = Flow(origin=mention.origin, destination=mention.destination)
            stated[key] = False
        for v in mention.via:
            if v not in flow.via:
                flow.via.append(v)
        if sentence.section == PROFILE or key not in profiled:
            # A form named only in another section (a recommendation, a prevention
            # campaign, an official's suspicion) is not what the profile says of the pair.
            flow.forms |= mention.forms
            flow.subforms |= mention.subforms
        flow.victims |= mention.victims
        flow.sectors |= mention.sectors
        stated[key] = stated[key] or mention.certainty == "stated"
        _add_sentence(flow.sentences, sentence)
    for key, flow in out.items():
        if len(flow.forms) > 1:
            flow.forms.discard("marriage")
        flow.certainty = "stated" if stated[key] else "hedged"
        flow.sentences.sort(key=lambda s: (s.index, s.start))
    return list(out.values())


def merge_sex_tourism(mentions: list[tuple[SexTourismMention, Sentence]]) -> list[SexTourism]:
    """One ``SexTourism`` per (origin, destination) of a narrative, sentences in order."""
    out: dict[tuple[Place, Place], SexTourism] = {}
    for mention, sentence in mentions:
        key = (mention.origin, mention.destination)
        record = out.setdefault(key, SexTourism(origin=mention.origin,
                                                destination=mention.destination))
        _add_sentence(record.sentences, sentence)
    for record in out.values():
        record.sentences.sort(key=lambda s: (s.index, s.start))
    return list(out.values())
