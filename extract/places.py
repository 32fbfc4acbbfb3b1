"""The ``tip_places`` spaCy component: countries, nationalities and regions in TIP prose.

It works on a blank English pipeline (no trained model): every name, demonym, region name and
region adjective of the gazetteer (``tipgraph.extract.gazetteer``) becomes a phrase pattern,
and a few rules stored as JSONL beside the other patterns handle what a phrase list cannot:

- ``places_ambiguous.jsonl``: forms whose country depends on the narrative ("Korean" is PRK in
  the DPRK's narrative and KOR elsewhere; "Congolese" is COD unless the narrative is COG's).
- ``places_within.jsonl``: places inside one country that TIP names as destinations ("Niger
  Delta" is Nigeria, "England" the United Kingdom), and the capitals and large cities that
  name one country wherever they are named ("exploited in Istanbul", "in Dubai"; not "Rome"
  of the Rome Statute, "Palermo" of the Protocol, nor a name several countries share, "San
  Jose", "Santiago", "Tripoli"); labelled ``COUNTRY``.
- ``places_neighborhood.jsonl``: "neighboring countries", "other countries in the region"; the
  region is the narrative country's ``neighborhood`` (Lithuania's is eastern-europe), so
  these are entities only when ``doc._.country`` is set.
- ``places_home.jsonl`` with pycountry's ISO 3166-2 subdivisions: places inside the narrative's
  own country ("in Kampala", "in the Kvemo Kartli region"), ``COUNTRY`` with the narrative's
  code, only when ``doc._.country`` is set; which names count is
  :mod:`tipgraph.extract.home_places`'s business.
- ``places_vetoes.jsonl``: contexts where a word only looks like a place ("Guinea pig",
  "Atlanta, Georgia", "Michael Jordan", "New Mexico"); a veto's ``target`` tokens cannot be
  (part of) a place unless a longer place covers them ("Papua New Guinea" beats "New Guinea").

Entities are ``COUNTRY`` (a country's name), ``NATIONALITY`` (a demonym, also when it names a
language or sits in an agency name: downstream decides), ``REGION`` (a region's name, or a
neighbourhood phrase) and ``REGION_ADJ`` ("West African" in "other West African countries").
The code of each is the span's ``kb_id_`` and ``span._.place_code`` (ISO alpha-3 or region
slug); ``span._.place_kind`` is ``"country"`` or ``"region"``. Overlaps go to the longest
match. Elliptic coordinations are split: "South and Southeast Asia" gives "South"
(south-asia) and "Southeast Asia" (southeast-asia).

Matching is case-sensitive for one-word forms ("Turkey", not "turkey"; "US", never "us") and
case-insensitive for longer ones ("southern Africa", "former Soviet Union"). A leading "the"
is never part of an entity.

Set the narrative's country before running the pipeline::

    nlp = make_place_pipeline()
    doc = nlp.make_doc("Men from neighboring countries are exploited in Lithuania.")
    doc._.country = "LTU"
    doc = nlp(doc)
    [(e.text, e.label_, e._.place_code) for e in doc.ents]
    # [('neighboring countries', 'REGION', 'eastern-europe'), ('Lithuania', 'COUNTRY', 'LTU')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tipgraph.core.errors import InputError
from tipgraph.extract import patterns
from tipgraph.extract.anchors import anchor_extents, windows
from tipgraph.extract.gazetteer import Gazetteer, load_gazetteer
from tipgraph.extract.home_places import home_names
from tipgraph.extract.records import Place
from tipgraph.extract.tokens import tokens_of

__all__ = [
    "COUNTRY",
    "LABELS",
    "NATIONALITY",
    "REGION",
    "REGION_ADJ",
    "PlaceRecognizer",
    "make_place_pipeline",
    "make_places",
    "place_of",
]

COUNTRY = "COUNTRY"
NATIONALITY = "NATIONALITY"
REGION = "REGION"
REGION_ADJ = "REGION_ADJ"
LABELS = (COUNTRY, NATIONALITY, REGION, REGION_ADJ)
_KIND = {COUNTRY: "country", NATIONALITY: "country", REGION: "region", REGION_ADJ: "region"}

AMBIGUOUS_FILE = "places_ambiguous.jsonl"
WITHIN_FILE = "places_within.jsonl"
NEIGHBORHOOD_FILE = "places_neighborhood.jsonl"
VETOES_FILE = "places_vetoes.jsonl"

# Words that can stand for a shared head in "South and Southeast Asia".
DEFAULT_COORDINATION_MODIFIERS = (
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "middle",
)
_CONJUNCTIONS = ("and", "or", "&")

# A key kind for forms that are both a region's name and its adjective ("Caribbean", "Gulf"):
# REGION after "the" ("from the Caribbean"), REGION_ADJ otherwise ("Caribbean countries").
_EITHER = "EITHER"
_AMBIGUOUS = "AMBIGUOUS"
_NEIGHBORHOOD = "NEIGHBORHOOD"
_HOME = "HOME"
_VETO = "VETO"


def _place_kind(span: Span) -> str | None:
    return _KIND.get(span.label_)


def _place_code(span: Span) -> str | None:
    if span.label_ not in _KIND:
        return None
    return span.kb_id_ or None


def _doc_places(doc: Doc) -> list[Span]:
    return [ent for ent in doc.ents if ent.label_ in _KIND and ent.kb_id_]


def _register_extensions() -> None:
    """Register the extensions once; re-importing the module (or reloading) is harmless."""
    if not Doc.has_extension("country"):
        Doc.set_extension("country", default=None)
    if not Doc.has_extension("places"):
        Doc.set_extension("places", getter=_doc_places)
    if not Span.has_extension("place_kind"):
        Span.set_extension("place_kind", getter=_place_kind)
    if not Span.has_extension("place_code"):
        Span.set_extension("place_code", getter=_place_code)


_register_extensions()


def place_of(span: Span) -> Place | None:
    """The ``Place`` record an entity of this component denotes, or None for other entities.

    Example:
        >>> nlp = make_place_pipeline()
        >>> place_of(nlp("Victims from Nigeria.").ents[0])
        Place(kind='country', code='NGA')
    """
    kind, code = _place_kind(span), _place_code(span)
    if kind is None or code is None:
        return None
    return Place(kind, code)


@dataclass(frozen=True, slots=True)
class _Entry:
    """What a matched form means: a label and code, or a rule that decides them per doc."""

    kind: str
    code: str | None = None
    label: str | None = None
    by_narrative: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Veto:
    target: tuple[int, int | None]
    unless_place: tuple[int, int] | None


def _variants(form: str) -> set[str]:
    """A form with straight and curly apostrophes, "St." and "Saint", "and" and "&"."""
    out = {form}
    if "'" in form or "’" in form:
        out |= {form.replace("’", "'"), form.replace("'", "’")}
    for a, b in (("Saint ", "St. "), (" and ", " & ")):
        out |= {v.replace(a, b) for v in out if a in v}
    return out


class PlaceRecognizer:
    """Find countries, nationalities and regions; set them as ``doc.ents``.

    The matchers are built once, in the constructor, from the packaged gazetteer and pattern
    files, so a pipeline pays for them once and each doc is matched in one pass.

    Args:
        nlp: the pipeline (its tokenizer tokenizes the patterns).
        name: the component name.
        overwrite_ents: replace entities already on the doc; when False (the default) places
            overlapping an existing entity are dropped, as spaCy's EntityRuler does.
        coordination_modifiers: lower-case words that may share the head of the region or
            country name after them ("South" in "South and Southeast Asia"); empty to disable.
        gazetteer: the gazetteer; None for the packaged one.

    Raises:
        ExtractionError: E230 when a pattern file is malformed.
        InputError: E192 when two forms of the gazetteer or pattern data claim one text.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "tip_places",
        *,
        overwrite_ents: bool = False,
        coordination_modifiers: Sequence[str] = DEFAULT_COORDINATION_MODIFIERS,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.name = name
        self.overwrite_ents = overwrite_ents
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self._modifiers = frozenset(m.lower() for m in coordination_modifiers)
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._rules = Matcher(nlp.vocab)
        self._entries: dict[str, _Entry] = {}
        self._vetoes: dict[str, _Veto] = {}
        # (modifier, head) -> entry key, for "South and Southeast Asia".
        self._coordination: dict[tuple[str, str], str] = {}
        # The places inside each narrative's own country, a matcher per country made when
        # its first doc comes (a report names a few dozen countries of about 250).
        self._make_doc = nlp.make_doc
        self._home_names = home_names(self.gazetteer)
        self._home: dict[str, PhraseMatcher | None] = {}
        self._build(nlp)

    # ------------------------------------------------------------------ building
    def _forms(self) -> Iterator[tuple[str, str, _Entry]]:
        """Every (form, key, entry) the phrase matchers learn, from the data files."""
        for country in self.gazetteer.countries.values():
            entry = _Entry(COUNTRY, country.iso3)
            for form in country.all_names:
                yield form, f"{COUNTRY}:{country.iso3}", entry
            entry = _Entry(NATIONALITY, country.iso3)
            for form in country.demonyms:
                yield form, f"{NATIONALITY}:{country.iso3}", entry
        for region in self.gazetteer.regions.values():
            names = {n.lower() for n in region.names}
            adjectives = {a.lower() for a in region.adjectives}
            for forms, label in ((region.names, REGION), (region.adjectives, REGION_ADJ)):
                for form in forms:
                    kind = _EITHER if form.lower() in names & adjectives else label
                    yield form, f"{kind}:{region.slug}", _Entry(kind, region.slug)
        for line, row in patterns.objects(WITHIN_FILE, "text"):
            code = row.get("code")
            if code not in self.gazetteer.countries:
                raise patterns.pattern_error(WITHIN_FILE, line, f"unknown country {code!r}")
            yield row["text"], f"{COUNTRY}:{code}", _Entry(COUNTRY, code)
        for line, row in patterns.objects(AMBIGUOUS_FILE, "text"):
            codes = [row.get("default"), *row.get("by_narrative", {}).values()]
            if row.get("label") not in (COUNTRY, NATIONALITY) or any(
                c not in self.gazetteer.countries for c in codes
            ):
                raise patterns.pattern_error(AMBIGUOUS_FILE, line, "needs a label COUNTRY or "
                                             "NATIONALITY and known country codes")
            yield row["text"], f"{_AMBIGUOUS}:{row['text']}", _Entry(
                _AMBIGUOUS, row["default"], row["label"], dict(row.get("by_narrative", {})))

    def _build(self, nlp: Language) -> None:
        claimed: dict[tuple[bool, str], str] = {}
        exact: dict[str, list[Doc]] = {}
        lower: dict[str, list[Doc]] = {}
        for form, key, entry in self._forms():
            self._entries[key] = entry
            for variant in _variants(form):
                doc = nlp.make_doc(variant)
                if len(doc) == 0:
                    continue
                one_word = len(doc) == 1
                texts = {variant, variant.upper()} if one_word else {variant.lower()}
                for text in texts:
                    other = claimed.setdefault((one_word, text), key)
                    if other != key:
                        raise InputError(f"place patterns: {text!r} is claimed by both {other} "
                                         f"and {key}; fix the gazetteer or pattern data",
                                         code="E192")
                    # A LOWER pattern keeps its case: "St." is one token, "st." is two.
                    target = exact if one_word else lower
                    target.setdefault(key, []).append(
                        doc if text == variant or not one_word else nlp.make_doc(text))
                if len(doc) == 2 and doc[0].lower_ in self._modifiers:
                    self._coordination.setdefault((doc[0].lower_, doc[1].lower_), key)
        for key, docs in exact.items():
            self._exact.add(key, docs)
        for key, docs in lower.items():
            self._lower.add(key, docs)
        rules: list[list[dict[str, Any]]] = []
        for _line, row in patterns.objects(NEIGHBORHOOD_FILE, "pattern"):
            self._rules.add(_NEIGHBORHOOD, [row["pattern"]])
            rules.append(row["pattern"])
        for line, row in patterns.objects(VETOES_FILE, "pattern"):
            key = f"{_VETO}:{row.get('id', line)}"
            target = row.get("target", [0, None])
            unless = row.get("unless_place")
            self._vetoes[key] = _Veto((int(target[0]), target[1]),
                                      None if unless is None else (int(unless[0]), int(unless[1])))
            self._rules.add(key, [row["pattern"]])
            rules.append(row["pattern"])
        # The anchors as the token table's ORTH and LOWER hashes (for one numpy ``isin``
        # each), with how far a match can reach on each side of them.
        extents = anchor_extents(rules)
        strings = nlp.vocab.strings
        self._anchors: list[tuple[dict[int, tuple[int, int]], Any]] | None = None
        if extents is not None:
            self._anchors = []
            for attr in ("ORTH", "LOWER"):
                reach = {strings.add(v): r for v, r in extents.get(attr, {}).items()}
                self._anchors.append((reach, numpy.array(sorted(reach), dtype=numpy.uint64)))

    # ------------------------------------------------------------------ matching
    def __call__(self, doc: Doc) -> Doc:
        """Find the places of a doc and add them to ``doc.ents``."""
        strings = doc.vocab.strings
        country = doc._.country
        candidates: list[tuple[int, int, str]] = [
            (start, end, strings[match_id])
            for match_id, start, end in (*self._exact(doc), *self._lower(doc))
        ]
        # After the gazetteer's, so that of two equal spans the gazetteer's is kept.
        candidates.extend((start, end, _HOME) for _id, start, end in self._home_matches(doc))
        vetoes: list[tuple[int, int, _Veto]] = []
        for match_id, start, end in self._rule_matches(doc):
            key = strings[match_id]
            if key == _NEIGHBORHOOD:
                candidates.append((start, end, key))
            else:
                vetoes.append((start, end, self._vetoes[key]))
        spans = [self._span(doc, start, end, key, country) for start, end, key in
                 self._without_vetoed(candidates, vetoes)]
        found = filter_spans([s for s in spans if s is not None])
        found = self._split_coordinations(doc, found, country)
        doc.ents = self._merge(doc, found)
        return doc

    def _home_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The places inside the narrative's own country (``doc._.country``) that ``doc``
        names, matched on their exact text; none when the country is not set."""
        country = doc._.country
        if not country:
            return []
        if country not in self._home:
            names = self._home_names.get(country, frozenset())
            matcher = None
            if names:
                matcher = PhraseMatcher(doc.vocab, attr="ORTH")
                matcher.add(_HOME, [self._make_doc(v) for name in sorted(names)
                                    for v in sorted(_variants(name))])
            self._home[country] = matcher
        matcher = self._home[country]
        return [] if matcher is None else list(matcher(doc))

    def _rule_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The token-pattern matches of ``doc``, as ``Matcher`` finds them over the whole doc.

        Every pattern has a token it cannot match without (its *anchor*: "region" in
        "countries in the region", "Georgia" in "Atlanta, Georgia"), so the matcher only
        runs on the windows around anchors that a match can reach
        (:mod:`tipgraph.extract.anchors`), merged where they touch. Each match lies within
        its anchor's window, so the matches are the same; the Matcher's per-token
        predicates (``IN`` lists) ran on every token, for 90 % of this component's time.
        """
        if self._anchors is None:
            return list(self._rules(doc))
        if not len(doc):
            return []
        table = tokens_of(doc)  # the doc's shared token table (made here, read by the rest)
        columns = (table.orth_ids, table.lower_ids)
        found_at = numpy.flatnonzero(numpy.logical_or.reduce(
            [numpy.isin(ids, keys) for ids, (_, keys) in zip(columns, self._anchors,
                                                               strict=True)]))
        hits = []
        for i in found_at.tolist():
            reaches = [r for ids, (reach, _) in zip(columns, self._anchors, strict=True)
                       if (r := reach.get(int(ids[i]))) is not None]
            hits.append((i, (max(r[0] for r in reaches), max(r[1] for r in reaches))))
        found: list[tuple[int, int, int]] = []
        for begin, end in windows(hits, 0, len(doc)):
            found.extend((key, begin + start, begin + stop)
                         for key, start, stop in self._rules(doc[begin:end]))
        return found

    @staticmethod
    def _without_vetoed(candidates: list[tuple[int, int, str]],
                        vetoes: list[tuple[int, int, _Veto]]) -> list[tuple[int, int, str]]:
        """Drop candidates lying inside a veto's target tokens (a longer place survives)."""
        if not vetoes:
            return candidates
        blocked: list[tuple[int, int]] = []
        for origin, end, veto in vetoes:
            if veto.unless_place is not None:
                u0, u1 = origin + veto.unless_place[0], origin + veto.unless_place[1]
                if any(s < u1 and u0 < e for s, e, _k in candidates):
                    continue
            t0 = origin + veto.target[0]
            t1 = end if veto.target[1] is None else origin + veto.target[1]
            blocked.append((t0, t1))
        return [(s, e, k) for s, e, k in candidates
                if not any(b0 <= s and e <= b1 for b0, b1 in blocked)]

    def _span(self, doc: Doc, start: int, end: int, key: str, country: str | None) -> Span | None:
        if key == _NEIGHBORHOOD:
            home = self.gazetteer.countries.get(country) if country else None
            if home is None or home.neighborhood is None:
                return None
            return Span(doc, start, end, label=REGION, kb_id=home.neighborhood)
        if key == _HOME:
            return Span(doc, start, end, label=COUNTRY, kb_id=country or "")
        entry = self._entries[key]
        if entry.kind == _AMBIGUOUS:
            code = entry.by_narrative.get(country or "", entry.code)
            return Span(doc, start, end, label=entry.label or COUNTRY, kb_id=code or "")
        label = entry.kind
        if label == _EITHER:
            after_the = start > 0 and doc[start - 1].lower_ == "the"
            label = REGION if after_the else REGION_ADJ
        return Span(doc, start, end, label=label, kb_id=entry.code or "")

    def _split_coordinations(self, doc: Doc, spans: list[Span],
                             country: str | None) -> list[Span]:
        """Add "South" (south-asia) for "South and Southeast Asia", and the like.

        Walks left from a two-word name over "and"/"or" and commas while each word is a
        modifier whose pairing with the name's head word is itself a known name ("South
        Asia", "Central Europe" in "Southern, Central, and Western Europe").
        """
        if not self._coordination:
            return spans
        covered = {i for span in spans for i in range(span.start, span.end)}
        added: list[Span] = []
        for span in spans:
            if len(span) < 2:
                continue
            head = span[-1].lower_
            i = span.start - 1
            if i < 0 or doc[i].lower_ not in _CONJUNCTIONS:
                continue
            i -= 1
            if i >= 0 and doc[i].text == ",":
                i -= 1
            while i >= 0 and i not in covered:
                key = self._coordination.get((doc[i].lower_, head))
                made = None if key is None else self._span(doc, i, i + 1, key, country)
                if made is None or _KIND.get(made.label_) != _KIND.get(span.label_):
                    break
                added.append(Span(doc, i, i + 1, label=span.label_, kb_id=made.kb_id_))
                covered.add(i)
                i -= 1
                if i >= 0 and (doc[i].text == "," or doc[i].lower_ in _CONJUNCTIONS):
                    i -= 1
                else:
                    break
        return sorted([*spans, *added], key=lambda s: s.start)

    def _merge(self, doc: Doc, found: Iterable[Span]) -> list[Span]:
        if self.overwrite_ents:
            return sorted(found, key=lambda s: s.start)
        existing = list(doc.ents)
        taken = {i for ent in existing for i in range(ent.start, ent.end)}
        kept = [s for s in found if not any(i in taken for i in range(s.start, s.end))]
        return sorted([*existing, *kept], key=lambda s: s.start)


@Language.factory(
    "tip_places",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_kb_id"],
    default_config={
        "overwrite_ents": False,
        "coordination_modifiers": list(DEFAULT_COORDINATION_MODIFIERS),
    },
)
def make_places(nlp: Language, name: str, overwrite_ents: bool,
                coordination_modifiers: list[str]) -> PlaceRecognizer:
    """spaCy factory of ``tip_places`` (``nlp.add_pipe("tip_places")``)."""
    return PlaceRecognizer(nlp, name, overwrite_ents=overwrite_ents,
                           coordination_modifiers=coordination_modifiers)


def make_place_pipeline() -> Language:
    """A blank English pipeline with only ``tip_places``, for tests and quick looks.

    Example:
        >>> nlp = make_place_pipeline()
        >>> [(e.text, e.label_, e._.place_code) for e in nlp("Nigerian women in Italy").ents]
        [('Nigerian', 'NATIONALITY', 'NGA'), ('Italy', 'COUNTRY', 'ITA')]
    """
    nlp = spacy.blank("en")
    nlp.add_pipe("tip_places")
    return nlp
