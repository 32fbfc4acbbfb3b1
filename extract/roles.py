"""The roles a narrative gives its country (source, transit, destination).

The gold reads roles from the profile's *first sentence* only, so this is a plain function
over the profile doc (no component): the pipeline driver calls it once per narrative.

Two phrasings are read, both from data (``patterns/roles.jsonl``; the closed-class words
of the rule below are lists of ``patterns/flows_words.jsonl``):

* up to the late 2010s: "X is a source, transit, and destination country for ..." and
  "X is a destination and, to a lesser extent, a source and transit country" - every role
  word of the sentence counts, because the sentence is a list of them;
* later years: "traffickers exploit domestic and foreign victims in X, and traffickers
  exploit victims from X abroad" - *foreign victims in X* make X a destination, *victims
  from X abroad* (or *X's nationals abroad*) a source, and any *transit* a transit role.

A first sentence that says none of this (a partial profile, "Few victims are identified")
gives the empty set.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from tipgraph.extract import patterns
from tipgraph.extract.flowread.words import FlowWords, flow_words

__all__ = ["NarrativeRole", "roles_from_profile", "roles_of_sentence"]

ROLES_FILE = "roles.jsonl"


class NarrativeRole(StrEnum):
    """A role the narrative gives its country (the gold's ``role`` notations)."""

    SOURCE = "source"
    TRANSIT = "transit"
    DESTINATION = "destination"


def _role(line: int, row: dict[str, Any]) -> NarrativeRole:
    try:
        return NarrativeRole(str(row.get("role")))
    except ValueError:
        raise patterns.pattern_error(ROLES_FILE, line, f"role must be one of "
                                     f"{', '.join(NarrativeRole)}") from None


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, NarrativeRole], frozenset[str], dict[str, NarrativeRole]]:
    """Role words, the context nouns that make a sentence a role statement, later phrases.

    Raises:
        ExtractionError: E230 when a row of ``roles.jsonl`` is malformed.
    """
    words: dict[str, NarrativeRole] = {}
    context: set[str] = set()
    later: dict[str, NarrativeRole] = {}
    for line, row in patterns.objects(ROLES_FILE, "label"):
        label = row["label"]
        key = "phrase" if label == "LATER" else "word"
        if label not in ("ROLE", "ROLE_CONTEXT", "LATER") or key not in row:
            raise patterns.pattern_error(ROLES_FILE, line, "expected a ROLE or ROLE_CONTEXT "
                                         "row with 'word' or a LATER row with 'phrase'")
        if label == "ROLE":
            words[row["word"]] = _role(line, row)
        elif label == "ROLE_CONTEXT":
            context.add(row["word"])
        else:
            later[row["phrase"]] = _role(line, row)
    return words, frozenset(context), later


def _predicated(tokens: list[str], noun: int, context: frozenset[str], w: FlowWords) -> bool:
    """Whether ``tokens[noun]`` is a role noun the sentence predicates with "a"/"an".

    "Nepal is a country of origin", "Ukraine is a major country of origin and transit":
    an indefinite article at most three words before the noun ("country", "point"), and a
    verb "is"/"remains" before that.
    """
    if noun < 0 or tokens[noun] not in context:
        return False
    if not w.indefinite_articles.intersection(tokens[max(0, noun - 4):noun]):
        return False
    return any(t in w.role_predicates for t in tokens[max(0, noun - 7):noun])


def roles_of_sentence(text: str) -> set[str]:
    """The roles one sentence states (see the module docstring).

    Example:
        >>> sorted(roles_of_sentence("Kenya is a source, transit, and destination country."))
        ['destination', 'source', 'transit']
        >>> sorted(roles_of_sentence("Traffickers exploit domestic and foreign victims in "
        ...                          "Chad, and traffickers exploit victims from Chad abroad."))
        ['destination', 'source']
    """
    words, context, later = _lexicon()
    w = flow_words()
    edges = "".join(sorted(w.role_edge_punctuation))
    low = text.lower()
    spaced = low
    for mark in w.role_word_breaks:
        spaced = spaced.replace(mark, " ")
    tokens = [t.strip(edges) for t in spaced.split()]
    roles: set[str] = set()
    if any(t in context for t in tokens if t not in w.role_context_links):
        for i, t in enumerate(tokens):
            role = words.get(t)
            if role is None:
                continue
            # "the country of origin of their employers" is not a role statement, but the
            # early reports' "X is a (major) country of origin for women trafficked to Y" is.
            if t == "origin" and i > 0 and tokens[i - 1] == "of" and not _predicated(
                    tokens, i - 2, context, w):
                continue
            roles.add(role.value)
    for phrase, role in later.items():
        if phrase in low:
            roles.add(role.value)
    return roles


def roles_from_profile(doc: Doc) -> set[str]:
    """The roles stated by the first sentence of a profile section's doc.

    Args:
        doc: the TRAFFICKING PROFILE section's doc with sentence boundaries set.

    Returns:
        A subset of ``{"source", "transit", "destination"}``; empty when the first sentence
        names no role.
    """
    for sent in doc.sents:
        if sent.text.strip():
            return roles_of_sentence(sent.text)
    return set()
