"""The word lists the flow reader matches: cues, nouns, forms, trafficking terms, sectors.

Every list is package data (``tipgraph/extract/patterns/flows_*.jsonl``, ``forms*.jsonl``),
so a new report year's phrasing is a new line of data, not new code. All phrase lists are
compiled into ONE :class:`spacy.matcher.Matcher` that runs once over a whole section's
``Doc``; the flow reader then only looks matches up by token index. That keeps the cost of
the component linear in the section length and independent of the number of sentences.

Files and their rows:

* ``flows_cues.jsonl``: ``{"label": "DEST", "phrase": "bound for"}`` - what a phrase does to
  the places after it (``ORIGIN``, ``DEST``, ``VIA``, ``AGENT``, ...) or what it says of the
  clause (``HEDGE``, ``NEG``, ``VULN``, ``INTERNAL``, ``ABROAD``, ...); ``BOTH`` ("to and
  from", "between") makes each place after it an origin and a destination of the home;
  ``SAME_FORMS`` ("for the same purposes listed above", "similar exploitation") gives a
  clause the forms its paragraph (or the one before) has named; ``SUFFER`` ("endure",
  "experience", "fall victim to") is a predicate that states exploitation, so a
  vulnerability cue before it ("are at risk of trafficking, and some endure forced labor")
  no longer governs what follows it.
* ``flows_nouns.jsonl``: ``{"kind": "victim", "word": "girls", "category": "girls"}`` - the
  head nouns that tell a victim's nationality ("Nigerian women") from a trafficker's
  ("Nigerian traffickers") or a place's ("Jamaican waters"), and the list words
  (``continuation``) that keep a preposition's reading over "X, Y, and other Z countries";
  ``origin_np`` words keep "from" over an origin's own noun phrase ("from refugee
  settlements in Uganda", "from rural provinces of Laos"). An agent word after a hyphen
  ("Chinese-financed", "Korean-run") makes the demonym an actor's, not the victims'.
* ``forms.jsonl``: ``{"form": "labor", "subform": "debt-bondage", "phrase": "debt bondage"}``,
  or with a token ``"pattern"`` instead of a phrase, or a *force rule*
  ``{"form": "labor", "force": {"verbs": ["forced", ...], "gap": 3, "prep": "to",
  "objects": ["beg"]}}`` for "forced X to beg", "force Mauritanian children to beg" (a verb
  of force, up to ``gap`` words, then ``prep`` and an object). Force rules are read by a
  plain scan instead of the Matcher, whose optional-token states cost more than all the
  phrase lists together. A row with ``"weak": true`` ("brokered marriages", "early
  marriage") gives its form only to a clause that states trafficking by other words.
* ``flows_terms.jsonl``: words that state trafficking without naming a form ("victims",
  "trafficked", "recruitment fraud").
* ``forms_sectors.jsonl``: ``{"sector": "mining", "phrase": "gold mines"}``.
* ``forms_by_sector.jsonl``: ``{"sector": "fishing", "form": "labor"}`` - the form a sector
  gives a clause that names no form but says victims are exploited (a ``SECTOR_VERB`` cue:
  "Vietnamese workers are exploited in construction and fishing in Taiwan", "Traffickers
  exploit Burmese men in fishing"); "may be trafficking victims" near logging areas states
  no form. Sectors not listed (entertainment, hospitality, services) name no form.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from tipgraph.core.errors import InputError
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.tokens import tokens_of

__all__ = [
    "DocMatches",
    "Lexicon",
    "load_lexicon",
    "match_doc",
]

PATTERNS_PACKAGE = "tipgraph.extract.patterns"
CUES_FILE = "flows_cues.jsonl"
NOUNS_FILE = "flows_nouns.jsonl"
TERMS_FILE = "flows_terms.jsonl"
FORMS_FILE = "forms.jsonl"
SECTORS_FILE = "forms_sectors.jsonl"
SECTOR_FORMS_FILE = "forms_by_sector.jsonl"

# The forms a pattern row may name (the gold's notation).
FORMS = frozenset({"sex", "labor", "organ", "marriage"})
# Cue labels whose matches compete: at one token only the longest one counts.
CUE_LABELS = frozenset({
    "ORIGIN", "IGNORE", "DEST", "DEST_WEAK", "VIA", "ENROUTE", "PROMISE", "EXCLUDE", "AGENT",
    "SPOUSE", "BOTH",
    "FILLER", "FRAME",
    "INTERNAL_DEST", "INTERNAL_ORIGIN", "INTERNAL", "ABROAD", "TRANSIT_OF", "THESE_COUNTRIES",
})
# Cue labels read as flags anywhere in a clause; they may overlap the competing ones.
FLAG_LABELS = frozenset({
    "HEDGE", "NEG", "VULN", "ST_TOURIST", "ST_TOURISM", "ST_ENGAGE", "ANAPHOR",
    "COMPATRIOT", "FOREIGN", "HOST", "ACTIVE", "BE", "BOUNDARY", "WHERE", "ROLE_WORD",
    "SECTOR_VERB", "SAME_FORMS", "SUFFER",
})


def _rows(filename: str) -> list[tuple[int, dict[str, Any]]]:
    """The JSON objects of a pattern file with their line numbers (blank lines skipped)."""
    try:
        text = files(PATTERNS_PACKAGE).joinpath(filename).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"pattern file {filename} is missing from {PATTERNS_PACKAGE}; "
                         "reinstall tipgraph", code="E301") from None
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                out.append((number, json.loads(line)))
            except json.JSONDecodeError as err:
                raise InputError(f"pattern file {filename}, line {number}: {err.msg}",
                                 code="E302") from None
    return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the flow reader looks up, compiled for one pipeline's vocabulary.

    Attributes:
        phrases: one PhraseMatcher (on ``LOWER``) over all phrase rows; its match keys are
            ``"KIND|value|sub"`` strings (``"CUE|DEST"``, ``"FORM|labor|debt-bondage"``).
        matcher: a Matcher for the few rows that need token patterns (same keys).
        force_rules: verb -> [(gap, prep, objects, form, subform)].
        victim_nouns: lower-cased noun -> victim category (``""`` when the noun names
            people without saying men, women or children: "workers").
        agent_nouns: nouns of traffickers, exploiters and institutions.
        place_nouns: nouns of places and settings ("waters", "farms", "countries").
        vessel_nouns: nouns of ships, whose flag is not where victims are.
        continuation: list words over which a preposition keeps its reading.
        verbs: finite verbs and participles, to tell a clause that has its own predicate
            ("..., and Liberian women have been ...") from a list ("..., and Liberia").
        country_regions: ISO alpha-3 -> the gazetteer's region slugs of that country, to
            tell which regions of "South and Southeast Asia, particularly Nepal and the
            Philippines" a country frames.
        sector_forms: sector slug -> the form it gives a trafficking clause without one.
        origin_np: words of a noun phrase an origin's place sits in ("from refugee
            settlements in Uganda", "from rural provinces of Laos"): "from" keeps its
            reading over them, so the place at the end is the origin.
        perpetrator_nouns: the agent nouns (rows marked ``"perpetrator": true``) of people
            who exploit without moving victims (peacekeepers, soldiers, officials,
            investors, tourists): when they are the narrative country's own nationals, the
            victims are not assumed to be (unlike "Nigerian traffickers take women to Mali").
    """

    phrases: PhraseMatcher
    matcher: Matcher
    force_rules: dict[str, list[tuple[int, str, frozenset[str], str, str]]]
    victim_nouns: dict[str, str]
    agent_nouns: frozenset[str]
    place_nouns: frozenset[str]
    vessel_nouns: frozenset[str]
    continuation: frozenset[str]
    verbs: frozenset[str]
    country_regions: dict[str, frozenset[str]] = field(default_factory=dict)
    sector_forms: dict[str, str] = field(default_factory=dict)
    origin_np: frozenset[str] = frozenset()
    perpetrator_nouns: frozenset[str] = frozenset()


@dataclass(slots=True)
class DocMatches:
    """The lexicon's matches in one doc, indexed by token.

    Attributes:
        cues: token index -> (end, label) of the longest competing cue starting there.
        flags: label -> sorted start token indexes (and a parallel dict of ends).
        forms: (start, end, form, subform) for every form phrase, longest first dropped of
            overlaps within the same form.
        terms: start token indexes of trafficking terms.
        sectors: (start, sector slug).
        weak_forms: (start, form, subform) of the forms matched only by ``"weak"`` rows:
            they name a form for a clause that states trafficking otherwise, but do not
            state it themselves ("brokered marriages" are not forced ones).
    """

    cues: dict[int, tuple[int, str]] = field(default_factory=dict)
    flags: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    forms: list[tuple[int, int, str, str]] = field(default_factory=list)
    terms: list[tuple[int, int]] = field(default_factory=list)
    sectors: list[tuple[int, str]] = field(default_factory=list)
    weak_forms: frozenset[tuple[int, str, str]] = frozenset()


def _build(nlp: Language) -> Lexicon:
    # Phrases go through the hash-based PhraseMatcher (cheap per token whatever the number
    # of phrases); only the rows with gaps need the Matcher's state machine.
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher = Matcher(nlp.vocab)
    by_key: dict[str, list[list[dict[str, Any]]]] = defaultdict(list)
    phrase_docs: dict[str, list[Doc]] = defaultdict(list)

    def add(key: str, row: dict[str, Any], filename: str, number: int) -> None:
        if "pattern" in row:
            by_key[key].append(row["pattern"])
        elif "phrase" in row:
            phrase_docs[key].append(nlp.make_doc(row["phrase"]))
        else:
            raise InputError(f"pattern file {filename}, line {number}: needs 'phrase' or "
                             "'pattern'", code="E303")

    for number, row in _rows(CUES_FILE):
        label = row.get("label")
        if label not in CUE_LABELS | FLAG_LABELS:
            raise InputError(f"pattern file {CUES_FILE}, line {number}: unknown label "
                             f"{label!r}; known: {sorted(CUE_LABELS | FLAG_LABELS)}",
                             code="E303")
        add(f"CUE|{label}", row, CUES_FILE, number)
    for number, row in _rows(TERMS_FILE):
        add("TERM", row, TERMS_FILE, number)
    force: dict[str, list[tuple[int, str, frozenset[str], str, str]]] = defaultdict(list)
    for number, row in _rows(FORMS_FILE):
        if "force" in row:
            rule = row["force"]
            for verb in rule["verbs"]:
                force[verb.lower()].append((int(rule["gap"]), rule["prep"],
                                            frozenset(rule["objects"]), row["form"],
                                            row.get("subform") or ""))
            continue
        kind = "WEAKFORM" if row.get("weak") else "FORM"
        add(f"{kind}|{row['form']}|{row.get('subform') or ''}", row, FORMS_FILE, number)
    for number, row in _rows(SECTORS_FILE):
        add(f"SECTOR|{row['sector']}", row, SECTORS_FILE, number)
    sector_slugs = {row["sector"] for _n, row in _rows(SECTORS_FILE)}
    sector_forms: dict[str, str] = {}
    for number, row in _rows(SECTOR_FORMS_FILE):
        if row.get("sector") not in sector_slugs or row.get("form") not in FORMS:
            raise InputError(f"pattern file {SECTOR_FORMS_FILE}, line {number}: needs a "
                             f"sector of {SECTORS_FILE} and a form of {sorted(FORMS)}",
                             code="E303")
        sector_forms[row["sector"]] = row["form"]
    for key, patterns in by_key.items():
        matcher.add(key, patterns)
    for key, docs in phrase_docs.items():
        phrases.add(key, docs)

    victims: dict[str, str] = {}
    agents: set[str] = set()
    places: set[str] = set()
    cont: set[str] = set()
    verbs: set[str] = set()
    vessels: set[str] = set()
    origin_np: set[str] = set()
    perpetrators: set[str] = set()
    for _number, row in _rows(NOUNS_FILE):
        word = str(row["word"]).lower()
        kind = row["kind"]
        if kind == "victim":
            victims[word] = row.get("category", "")
        elif kind == "agent":
            agents.add(word)
            if row.get("perpetrator"):
                perpetrators.add(word)
        elif kind == "place":
            places.add(word)
        elif kind == "verb":
            verbs.add(word)
        elif kind == "vessel":
            vessels.add(word)
        elif kind == "origin_np":
            origin_np.add(word)
        else:
            cont.add(word)
    gazetteer = load_gazetteer()
    regions = {c.iso3: frozenset(c.regions) for c in gazetteer.countries.values()}
    return Lexicon(phrases, matcher, dict(force), victims, frozenset(agents), frozenset(places),
                   frozenset(vessels), frozenset(cont),
                   frozenset(verbs), regions, sector_forms, frozenset(origin_np),
                   frozenset(perpetrators))


@lru_cache(maxsize=8)
def _cached(nlp_id: int, nlp: Language) -> Lexicon:
    return _build(nlp)


def load_lexicon(nlp: Language) -> Lexicon:
    """The compiled lexicon for a pipeline (built once per pipeline and cached).

    Example:
        >>> import spacy
        >>> lex = load_lexicon(spacy.blank("en"))
        >>> lex.victim_nouns["girls"]
        'girls'
    """
    return _cached(id(nlp), nlp)


# Tokens a force rule looks at, at most: a coordinated object ("force Burmese men, women,
# and boys to work") is longer than the rule's gap, which counts only the other words.
_FORCE_WINDOW = 14
_FORCE_BREAKS = frozenset({"and", "or", "but", "to", "into", ",", ";", "."})


def _force_match(lexicon: Lexicon, title: list[bool], lower: list[str], start: int, stop: int,
                 gap: int, prep: str, objects: frozenset[str]) -> int | None:
    """End token of "<verb> <object> <prep> <object word>" scanned from ``start``, or None.

    Victim nouns and capitalised words (demonyms) of the verb's object, and the "and", "or"
    and commas between them, are free: "force Burmese men and boys to work" is as much a
    force rule as "force them to work". Any other word counts toward ``gap``.
    """
    used = 0
    for j in range(start, stop):
        low = lower[j]
        if low == prep and lower[j + 1] in objects:
            return j + 2
        if low in lexicon.victim_nouns or (title[j] and low not in _FORCE_BREAKS):
            continue
        if low in ("and", "or", ",") and (
                lower[j + 1] in lexicon.victim_nouns or title[j + 1]
                or lower[j + 1] in ("and", "or")):
            continue
        if low in _FORCE_BREAKS:
            return None
        used += 1
        if used > gap:
            return None
    return None


def _longest_decides(forms: list[tuple[int, int, str, str]],
                     weak: set[tuple[int, str, str]]) -> list[tuple[int, int, str, str]]:
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
    for s, e, f, sub in forms:
        if any(a <= s and e <= b and b - a > e - s and f not in fs
               for (a, b), fs in spans.items()):
            continue
        kept.append((s, e, f, sub))
    return kept


def match_doc(lexicon: Lexicon, doc: Doc) -> DocMatches:
    """Run the lexicon's matcher once over a doc and index the matches by token."""
    out = DocMatches()
    strings = doc.vocab.strings
    best_form: dict[tuple[int, str, str], int] = {}
    weak: set[tuple[int, str, str]] = set()
    strong: set[tuple[int, str, str]] = set()
    found = [*lexicon.phrases(doc)]
    if len(lexicon.matcher):
        found.extend(lexicon.matcher(doc))
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
                if end > best_form.get(k, -1):
                    best_form[k] = end
    for key_id, start, end in found:
        key = strings[key_id]
        kind, _, rest = key.partition("|")
        if kind == "CUE":
            if rest in CUE_LABELS:
                old = out.cues.get(start)
                if old is None or end > old[0]:
                    out.cues[start] = (end, rest)
            else:
                out.flags[rest].append((start, end))
        elif kind == "TERM":
            out.terms.append((start, end))
        elif kind in ("FORM", "WEAKFORM"):
            form, _, sub = rest.partition("|")
            k = (start, form, sub)
            if end > best_form.get(k, -1):
                best_form[k] = end
            if kind == "WEAKFORM":
                weak.add(k)
            else:
                strong.add(k)
        elif kind == "SECTOR":
            out.sectors.append((start, rest))
    out.forms = _longest_decides(
        sorted((s, e, f, sub) for (s, f, sub), e in best_form.items()), weak - strong)
    out.weak_forms = frozenset(weak - strong)
    for spans in out.flags.values():
        spans.sort()
    out.terms.sort()
    out.sectors.sort()
    # A longer cue swallows the shorter cues that start inside it ("en route to" > "to").
    covered: dict[int, tuple[int, str]] = {}
    last_end = -1
    for start in sorted(out.cues):
        end, label = out.cues[start]
        if start < last_end:
            continue
        covered[start] = (end, label)
        last_end = end
    out.cues = covered
    return out
