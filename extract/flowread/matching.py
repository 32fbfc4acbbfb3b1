"""Run the lexicon once over a section's doc and index its matches by token.

The stages after this one never call a matcher: they look matches up by token index, which
keeps the reader linear in the section's length whatever the number of sentences.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc

from tipgraph.extract.flowread.labels import Cue, Flag
from tipgraph.extract.flowread.lexicon import Lexicon
from tipgraph.extract.tokens import tokens_of

__all__ = ["DocMatches", "FormMatch", "match_doc"]


class FormMatch(NamedTuple):
    """A form phrase: its tokens ``[start, end)``, its form and subform (``""`` if none)."""

    start: int
    end: int
    form: str
    subform: str


@dataclass(slots=True)
class DocMatches:
    """The lexicon's matches in one doc, indexed by token.

    Attributes:
        cues: token index -> (end, label) of the longest competing cue starting there.
        flags: label -> sorted (start, end) token spans.
        forms: every form phrase, sorted, a phrase inside a longer one of other forms dropped.
        terms: (start, end) of trafficking terms.
        sectors: (start, sector slug).
        weak_forms: (start, form, subform) of the forms matched only by ``"weak"`` rows:
            they name a form for a clause that states trafficking otherwise, but do not
            state it themselves ("brokered marriages" are not forced ones).
    """

    cues: dict[int, tuple[int, Cue]] = field(default_factory=dict)
    flags: dict[Flag, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    forms: list[FormMatch] = field(default_factory=list)
    terms: list[tuple[int, int]] = field(default_factory=list)
    sectors: list[tuple[int, str]] = field(default_factory=list)
    weak_forms: frozenset[tuple[int, str, str]] = frozenset()


# Tokens a force rule looks at, at most: a coordinated object ("force Burmese men, women,
# and boys to work") or an origin list ("force children from neighboring countries including
# Chad, the Central African Republic, ..., to labor") is longer than the rule's gap, which
# counts only the other words.
_FORCE_WINDOW = 24

_FormKey = tuple[int, str, str]  # (start, form, subform)
# Labels by their text: a dict lookup per match, where calling the enum is a Python call.
_CUES: dict[str, Cue] = {c.value: c for c in Cue}
_FLAGS: dict[str, Flag] = {f.value: f for f in Flag}


def _force_match(lexicon: Lexicon, title: list[bool], lower: list[str], start: int, stop: int,
                 gap: int, prep: str, objects: frozenset[str]) -> int | None:
    """End token of "<verb> <object> <prep> <object word>" scanned from ``start``, or None.

    Victim nouns and capitalised words (demonyms) of the verb's object, and the "and", "or"
    and commas between them, are free: "force Burmese men and boys to work" is as much a
    force rule as "force them to work". So is the object's origin phrase, opened by a word of
    ``force_origin_openers`` after a victim noun and kept over place names, list words
    (``continuation`` nouns but the rule's preposition) and their joins: "force children from
    neighboring countries including Chad, the Central African Republic, and Benin to labor".
    Any other word counts toward ``gap``.
    """
    victims, words = lexicon.nouns.victims, lexicon.words
    listing = lexicon.nouns.continuation
    used = 0
    origin = False  # inside the object's "from <places>" phrase
    for j in range(start, stop):
        low = lower[j]
        if low == prep and lower[j + 1] in objects:
            return j + 2
        if origin and low != prep and (title[j] or low in listing or low in words.list_joins):
            continue
        origin = False
        if low in words.force_origin_openers and j > start and lower[j - 1] in victims:
            origin = True
            continue
        if low in victims or (title[j] and low not in words.force_breaks):
            continue
        if low in words.list_joins and (
                lower[j + 1] in victims or title[j + 1] or lower[j + 1] in words.coordinators):
            continue
        if low in words.force_breaks:
            return None
        used += 1
        if used > gap:
            return None
    return None


def _force_forms(lexicon: Lexicon, doc: Doc, best: dict[_FormKey, int]) -> None:
    """Record in ``best`` the longest force-rule match per (start, form, subform)."""
    table = tokens_of(doc)
    lower, title = table.lower, table.title
    n = len(lower)
    rules = lexicon.force_rules
    for i in [i for i, low in enumerate(lower) if low in rules]:
        for gap, prep, objects, form, sub in rules[lower[i]]:
            end = _force_match(lexicon, title, lower, i + 1, min(n - 1, i + _FORCE_WINDOW),
                               gap, prep, objects)
            if end is not None:
                k = (i, form, sub)
                if end > best.get(k, -1):
                    best[k] = end


def _longest_decides(forms: list[FormMatch], weak: set[_FormKey]) -> list[FormMatch]:
    """Drop a form phrase inside a longer phrase of other forms: "sexual servitude" and "sex
    slavery" are sex, not also labor for the "servitude" and "slavery" in them. A longer
    phrase that names both forms ("labor and sexual exploitation" has a row of each) keeps
    both; a weak phrase decides nothing.
    """
    spans: dict[tuple[int, int], set[str]] = defaultdict(set)
    for s, e, f, sub in forms:
        if (s, f, sub) not in weak:
            spans[(s, e)].add(f)
    kept = []
    for match in forms:
        s, e, f, _sub = match
        if any(a <= s and e <= b and b - a > e - s and f not in fs
               for (a, b), fs in spans.items()):
            continue
        kept.append(match)
    return kept


def _longest_cues(cues: dict[int, tuple[int, Cue]]) -> dict[int, tuple[int, Cue]]:
    """A longer cue swallows the shorter cues that start inside it ("en route to" > "to")."""
    covered: dict[int, tuple[int, Cue]] = {}
    last_end = -1
    for start in sorted(cues):
        end, label = cues[start]
        if start < last_end:
            continue
        covered[start] = (end, label)
        last_end = end
    return covered


def match_doc(lexicon: Lexicon, doc: Doc) -> DocMatches:
    """Run the lexicon's matchers once over a doc and index the matches by token."""
    out = DocMatches()
    strings = doc.vocab.strings
    best_form: dict[_FormKey, int] = {}
    weak: set[_FormKey] = set()
    strong: set[_FormKey] = set()
    found = [*lexicon.phrases(doc)]
    if len(lexicon.matcher):
        found.extend(lexicon.matcher(doc))
    _force_forms(lexicon, doc, best_form)
    for key_id, start, end in found:
        kind, _, rest = strings[key_id].partition("|")
        if kind == "CUE":
            cue = _CUES.get(rest)
            if cue is not None:
                old = out.cues.get(start)
                if old is None or end > old[0]:
                    out.cues[start] = (end, cue)
            else:
                out.flags[_FLAGS[rest]].append((start, end))
        elif kind == "TERM":
            out.terms.append((start, end))
        elif kind in ("FORM", "WEAKFORM"):
            form, _, sub = rest.partition("|")
            k = (start, form, sub)
            if end > best_form.get(k, -1):
                best_form[k] = end
            (weak if kind == "WEAKFORM" else strong).add(k)
        elif kind == "SECTOR":
            out.sectors.append((start, rest))
    out.forms = _longest_decides(
        sorted(FormMatch(s, e, f, sub) for (s, f, sub), e in best_form.items()), weak - strong)
    out.weak_forms = frozenset(weak - strong)
    for spans in out.flags.values():
        spans.sort()
    out.terms.sort()
    out.sectors.sort()
    out.cues = _longest_cues(out.cues)
    return out
