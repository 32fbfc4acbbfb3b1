"""The flow reader's lexicon: cues, nouns, forms, trafficking terms and sectors, from data.

Every list is package data (``patterns/flows_*.jsonl``, ``forms*.jsonl``) read through
:mod:`tipgraph.extract.patterns`, so a new report year's phrasing is a new line of data, not
new code, and broken data is ``E230`` with its file and line. All phrase lists are compiled
into ONE :class:`spacy.matcher.PhraseMatcher` (plus a Matcher for the few token patterns)
that runs once over a whole section's ``Doc`` (:mod:`.matching`).

Files and their rows:

* ``flows_cues.jsonl``: ``{"label": "DEST", "phrase": "bound for"}`` - what a phrase does to
  the places after it (a :class:`~.labels.Cue`: ``ORIGIN``, ``DEST``, ``VIA``, ``AGENT``,
  ...) or what it says of the clause (a :class:`~.labels.Flag`: ``HEDGE``, ``NEG``,
  ``VULN``, ...); ``BOTH`` ("to and from", "between") makes each place after it an origin
  and a destination of the home; ``SAME_FORMS`` ("for the same purposes listed above")
  gives a clause the forms its paragraph (or the one before) has named; ``SUFFER``
  ("endure", "fall victim to") is a predicate that states exploitation, so a vulnerability
  cue before it no longer governs what follows it.
* ``flows_nouns.jsonl``: ``{"kind": "victim", "word": "girls", "category": "girls"}`` - the
  head nouns that tell a victim's nationality ("Nigerian women") from a trafficker's
  ("Nigerian traffickers") or a place's ("Jamaican waters"), and the list words
  (``continuation``) that keep a preposition's reading over "X, Y, and other Z countries";
  ``origin_np`` words keep "from" over an origin's own noun phrase ("from refugee
  settlements in Uganda"). An agent word after a hyphen ("Chinese-financed") makes the
  demonym an actor's, not the victims'.
* ``forms.jsonl``: ``{"form": "labor", "subform": "debt-bondage", "phrase": "debt bondage"}``,
  or with a token ``"pattern"`` instead of a phrase, or a *force rule*
  ``{"form": "labor", "force": {"verbs": ["forced", ...], "gap": 3, "prep": "to",
  "objects": ["beg"]}}`` for "forced X to beg" (a verb of force, up to ``gap`` words, then
  ``prep`` and an object), read by a plain scan instead of the Matcher. A row with
  ``"weak": true`` ("brokered marriages") gives its form only to a clause that states
  trafficking by other words.
* ``flows_terms.jsonl``: words that state trafficking without naming a form ("victims").
* ``forms_sectors.jsonl``: ``{"sector": "mining", "phrase": "gold mines"}``.
* ``forms_by_sector.jsonl``: ``{"sector": "fishing", "form": "labor"}`` - the form a sector
  gives a clause that names no form but says victims are exploited (a ``SECTOR_VERB`` cue).
* ``flows_words.jsonl``: the closed-class words the rules test (:mod:`.words`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from tipgraph.extract import patterns
from tipgraph.extract.flowread.labels import Cue, Flag
from tipgraph.extract.flowread.words import FlowWords, flow_words
from tipgraph.extract.gazetteer import load_gazetteer

__all__ = ["ForceRule", "Lexicon", "Nouns", "load_lexicon"]

CUES_FILE = "flows_cues.jsonl"
NOUNS_FILE = "flows_nouns.jsonl"
TERMS_FILE = "flows_terms.jsonl"
FORMS_FILE = "forms.jsonl"
SECTORS_FILE = "forms_sectors.jsonl"
SECTOR_FORMS_FILE = "forms_by_sector.jsonl"

CUE_LABELS = frozenset(Cue)
FLAG_LABELS = frozenset(Flag)


class ForceRule(NamedTuple):
    """"<verb> <object> <prep> <object word>", with up to ``gap`` other words in between."""

    gap: int
    prep: str
    objects: frozenset[str]
    form: str
    subform: str


@dataclass(frozen=True, slots=True)
class Nouns:
    """The head nouns of ``flows_nouns.jsonl``, by kind.

    Attributes:
        victims: lower-cased noun -> victim category (``""`` when the noun names people
            without saying men, women or children: "workers").
        agents: nouns of traffickers, exploiters and institutions.
        places: nouns of places and settings ("waters", "farms", "countries").
        vessels: nouns of ships, whose flag is not where victims are.
        continuation: list words over which a preposition keeps its reading.
        verbs: finite verbs and participles, to tell a clause that has its own predicate
            ("..., and Liberian women have been ...") from a list ("..., and Liberia").
        origin_np: words of a noun phrase an origin's place sits in ("from refugee
            settlements in Uganda"): "from" keeps its reading over them.
        perpetrators: the agent nouns marked ``"perpetrator": true`` (peacekeepers,
            soldiers, officials, investors, tourists): people who exploit without moving
            victims, so their own nationals are not assumed to be the victims.
        finders: the agent nouns marked ``"finder": true`` ("authorities"): a foreign
            country's finders name where the victims they identified are.
    """

    victims: dict[str, str]
    agents: frozenset[str]
    places: frozenset[str]
    vessels: frozenset[str]
    continuation: frozenset[str]
    verbs: frozenset[str]
    origin_np: frozenset[str]
    perpetrators: frozenset[str]
    finders: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the flow reader looks up, compiled for one pipeline's vocabulary.

    Attributes:
        phrases: one PhraseMatcher (on ``LOWER``) over all phrase rows; its match keys are
            ``"KIND|value|sub"`` strings (``"CUE|DEST"``, ``"FORM|labor|debt-bondage"``).
        matcher: a Matcher for the few rows that need token patterns (same keys).
        force_rules: verb -> its force rules.
        nouns: the head nouns by kind.
        words: the closed-class word lists.
        country_regions: ISO alpha-3 -> the gazetteer's region slugs of that country, to
            tell which regions of "South and Southeast Asia, particularly Nepal" it frames.
        sector_forms: sector slug -> the form it gives a trafficking clause without one.
    """

    phrases: PhraseMatcher
    matcher: Matcher
    force_rules: dict[str, list[ForceRule]]
    nouns: Nouns
    words: FlowWords
    country_regions: dict[str, frozenset[str]] = field(default_factory=dict)
    sector_forms: dict[str, str] = field(default_factory=dict)


class _Compiler:
    """Collects the phrase and token-pattern rows of every file under their match keys."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.patterns: dict[str, list[list[dict[str, Any]]]] = defaultdict(list)
        self.phrases: dict[str, list[Doc]] = defaultdict(list)

    def add(self, key: str, row: dict[str, Any], filename: str, line: int) -> None:
        if "pattern" in row:
            self.patterns[key].append(row["pattern"])
        elif "phrase" in row:
            self.phrases[key].append(self.nlp.make_doc(row["phrase"]))
        else:
            raise patterns.pattern_error(filename, line, "needs 'phrase' or 'pattern'")

    def matchers(self) -> tuple[PhraseMatcher, Matcher]:
        # Phrases go through the hash-based PhraseMatcher (cheap per token whatever the
        # number of phrases); only the rows with gaps need the Matcher's state machine.
        phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        matcher = Matcher(self.nlp.vocab)
        for key, rows in self.patterns.items():
            matcher.add(key, rows)
        for key, docs in self.phrases.items():
            phrases.add(key, docs)
        return phrases, matcher


def _force_rules(compiler: _Compiler) -> dict[str, list[ForceRule]]:
    """The force rules of ``forms.jsonl``; its phrase rows go to the compiler."""
    force: dict[str, list[ForceRule]] = defaultdict(list)
    for line, row in patterns.objects(FORMS_FILE, "form"):
        if "force" in row:
            rule = row["force"]
            for verb in rule["verbs"]:
                force[verb.lower()].append(ForceRule(int(rule["gap"]), rule["prep"],
                                                     frozenset(rule["objects"]), row["form"],
                                                     row.get("subform") or ""))
            continue
        kind = "WEAKFORM" if row.get("weak") else "FORM"
        compiler.add(f"{kind}|{row['form']}|{row.get('subform') or ''}", row, FORMS_FILE, line)
    return dict(force)


def _sector_forms(compiler: _Compiler, forms: frozenset[str]) -> dict[str, str]:
    """Sector phrases go to the compiler; returns the sector -> form table."""
    for line, row in patterns.objects(SECTORS_FILE, "sector"):
        compiler.add(f"SECTOR|{row['sector']}", row, SECTORS_FILE, line)
    slugs = {row["sector"] for _line, row in patterns.objects(SECTORS_FILE, "sector")}
    out: dict[str, str] = {}
    for line, row in patterns.objects(SECTOR_FORMS_FILE):
        if row.get("sector") not in slugs or row.get("form") not in forms:
            raise patterns.pattern_error(SECTOR_FORMS_FILE, line, f"needs a sector of "
                                         f"{SECTORS_FILE} and a form of {sorted(forms)}")
        out[row["sector"]] = row["form"]
    return out


def _nouns() -> Nouns:
    victims: dict[str, str] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    perpetrators: set[str] = set()
    finders: set[str] = set()
    for _line, row in patterns.objects(NOUNS_FILE, "kind", "word"):
        word = str(row["word"]).lower()
        kind = row["kind"]
        if kind == "victim":
            victims[word] = row.get("category", "")
        elif kind in ("agent", "place", "verb", "vessel", "origin_np"):
            kinds[kind].add(word)
            if kind == "agent" and row.get("perpetrator"):
                perpetrators.add(word)
            if kind == "agent" and row.get("finder"):
                finders.add(word)
        else:
            kinds["continuation"].add(word)
    return Nouns(victims, frozenset(kinds["agent"]), frozenset(kinds["place"]),
                 frozenset(kinds["vessel"]), frozenset(kinds["continuation"]),
                 frozenset(kinds["verb"]), frozenset(kinds["origin_np"]),
                 frozenset(perpetrators), frozenset(finders))


def _build(nlp: Language) -> Lexicon:
    compiler = _Compiler(nlp)
    for line, row in patterns.objects(CUES_FILE, "label"):
        label = row["label"]
        if label not in CUE_LABELS | FLAG_LABELS:
            raise patterns.pattern_error(CUES_FILE, line, f"unknown label {label!r}; known: "
                                         f"{sorted(CUE_LABELS | FLAG_LABELS)}")
        compiler.add(f"CUE|{label}", row, CUES_FILE, line)
    for line, row in patterns.objects(TERMS_FILE):
        compiler.add("TERM", row, TERMS_FILE, line)
    words = flow_words()
    force = _force_rules(compiler)
    sector_forms = _sector_forms(compiler, words.forms)
    phrases, matcher = compiler.matchers()
    regions = {c.iso3: frozenset(c.regions) for c in load_gazetteer().countries.values()}
    return Lexicon(phrases, matcher, force, _nouns(), words, regions, sector_forms)


@lru_cache(maxsize=8)
def _cached(nlp_id: int, nlp: Language) -> Lexicon:
    return _build(nlp)


def load_lexicon(nlp: Language) -> Lexicon:
    """The compiled lexicon for a pipeline (built once per pipeline and cached).

    Example:
        >>> import spacy
        >>> lex = load_lexicon(spacy.blank("en"))
        >>> lex.nouns.victims["girls"]
        'girls'
    """
    return _cached(id(nlp), nlp)
