"""The rule data of ``tip_figures``: its word lists, number words and currencies, read once.

The figure readers (:mod:`~tipgraph.extract.figure_counts`, ``figure_money``,
``figure_periods``, ``figure_compare``, ``figure_clauses``, ``figure_measures``) are plain
functions of one :class:`FigureRules`, so every one of them reads the same words and none
keeps state of its own. The words are data in ``tipgraph.extract.patterns``
(``figures_lexicon.jsonl``, ``figures_currencies.jsonl``), read through
:mod:`tipgraph.extract.patterns`: broken data is ``E230`` with the file and line, since every
figure would silently be lost otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tipgraph.extract.patterns import E_PATTERN_DATA, objects, pattern_error

__all__ = [
    "COUNT_UNITS",
    "CURRENCY_FILE",
    "E_PATTERN_DATA",
    "LAW_MEASURES",
    "LEXICON_FILE",
    "MEASURES",
    "PATTERN_FILE",
    "UNITS_OF",
    "VICTIM_MEASURES",
    "Currencies",
    "FigureRules",
    "Lexicon",
    "load_rules",
    "norm_name",
]

#: The measures the component reads, as the slugs ``Figure.measure`` takes.
MEASURES = (
    "investigations",
    "prosecutions",
    "convictions",
    "victims_identified",
    "victims_assisted",
    "funding",
)
#: Units of counts; money has its ISO 4217 code instead.
COUNT_UNITS = ("cases", "persons", "victims")

PATTERN_FILE = "figures.jsonl"
LEXICON_FILE = "figures_lexicon.jsonl"
CURRENCY_FILE = "figures_currencies.jsonl"

LAW_MEASURES = frozenset({"investigations", "prosecutions", "convictions"})
VICTIM_MEASURES = frozenset({"victims_identified", "victims_assisted"})
#: The units a count may have to be a figure of each counted measure.
UNITS_OF = {
    "investigations": frozenset({"cases", "persons"}),
    "prosecutions": frozenset({"cases", "persons"}),
    "convictions": frozenset({"cases", "persons"}),
    "victims_identified": frozenset({"victims"}),
    "victims_assisted": frozenset({"victims"}),
}

#: The word lists of ``figures_lexicon.jsonl`` the readers look up by name in ``rules.w``.
_LISTS = (
    "number_filler",
    "neutral_modifiers",
    "subgroup_modifiers",
    "offtopic_words",
    "union_joiners",
    "modifier_joiners",
    "government_levels",
    "government_heads",
    "nongovernment_subjects",
    "government_subjects",
    "partial_adverbs",
    "anaphora",
    "partitive_determiners",
    "post_qualifier_links",
    "service_words",
    "funding_blockers",
    "dashes",
    "clause_breaks",
    "aside_skips",
    "respectively",
    "conversion_openers",
    "range_separators",
    "gerund_particles",
    "orphan_openers",
    "noun_count_blockers",
    "ordinal_blockers",
    "scope_openers",
)

_NAME_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


class Lexicon:
    """The named word lists of ``figures_lexicon.jsonl`` (``words`` or ``values`` tables)."""

    def __init__(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        self._words: dict[str, frozenset[str]] = {}
        self._values: dict[str, dict[str, Any]] = {}
        for line, row in rows:
            name = row.get("list")
            if not isinstance(name, str):
                raise pattern_error(LEXICON_FILE, line, "a word list needs a 'list' name")
            if "words" in row:
                self._words[name] = frozenset(str(w).lower() for w in row["words"])
            if "values" in row:
                values = {str(k).lower(): v for k, v in row["values"].items()}
                self._values[name] = values
                self._words.setdefault(name, frozenset(values))

    def words(self, name: str) -> frozenset[str]:
        """Return the words of list ``name``; an unknown name is an error listing the known."""
        try:
            return self._words[name]
        except KeyError:
            raise pattern_error(
                LEXICON_FILE,
                None,
                f"no word list {name!r}; known: {', '.join(sorted(self._words))}",
            ) from None

    def values(self, name: str) -> dict[str, Any]:
        """Return the word-to-value table of list ``name``."""
        try:
            return self._values[name]
        except KeyError:
            raise pattern_error(
                LEXICON_FILE,
                None,
                f"no value table {name!r}; known: {', '.join(sorted(self._values))}",
            ) from None


def norm_name(text: str) -> str:
    """Normalise a currency name for lookup: ``"U.S. dollars"`` -> ``"u s dollars"``."""
    return " ".join(_NAME_WORD.findall(text.lower()))


class Currencies:
    """ISO 4217 codes with the names, symbols and codes the reports write them with."""

    def __init__(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        self.by_name: dict[str, list[str]] = {}
        self.by_mark: dict[str, list[str]] = {}
        self.countries: dict[str, frozenset[str]] = {}
        self.defaults: dict[str, frozenset[str]] = {}
        for line, row in rows:
            code = row.get("code")
            if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
                raise pattern_error(CURRENCY_FILE, line, "'code' must be an ISO 4217 code")
            for name in [*row.get("names", []), *row.get("bare", [])]:
                self.by_name.setdefault(norm_name(name), []).append(code)
            for mark in [*row.get("symbols", []), *row.get("aliases", [])]:
                self.by_mark.setdefault(mark, []).append(code)
            self.countries[code] = frozenset(row.get("countries", []))
            self.defaults[code] = frozenset(row.get("default", []))
        self.longest_name = max((len(n.split()) for n in self.by_name), default=1)

    def resolve(self, codes: list[str], key: str, country: str | None) -> str | None:
        """Pick the currency a name or mark means, or None when it is not clear.

        One candidate is clear; among several, the one of the narrative's country wins, then
        the one the data marks as the default for this name (``¥`` is JPY).
        """
        unique = list(dict.fromkeys(codes))
        if len(unique) == 1:
            return unique[0]
        if country:
            local = [c for c in unique if country in self.countries[c]]
            if len(local) == 1:
                return local[0]
        fallback = [c for c in unique if key in self.defaults[c]]
        return fallback[0] if len(fallback) == 1 else None


@dataclass(frozen=True, slots=True)
class FigureRules:
    """Everything the figure readers look up, built once per component from the data files.

    Attributes:
        lexicon: the word lists, for the Matcher patterns' ``"@list"`` references.
        currencies: the currency table.
        w: the named word lists of :data:`_LISTS`.
        number_words: ``nine`` -> 9, ``twenty`` -> 20.
        scales: ``million`` -> 1000000.
        measure_nouns: a noun that is a measure when counted (``investigations``).
        unit_of: a counted noun -> ``cases``, ``persons`` or ``victims``.
        secondary_links: word sequences before a statement's second count (``against``).
        breakdown_openers: word sequences that open a breakdown (``including``, ``of which``).
        breakdown_firsts: their first words (a cheap pre-test).
        noun_licensors: word sequences that state a measure noun's count as the measure.
        gap: the most tokens between a funding trigger and its amount.
    """

    lexicon: Lexicon
    currencies: Currencies
    w: dict[str, frozenset[str]]
    number_words: dict[str, int]
    scales: dict[str, int]
    measure_nouns: dict[str, str]
    unit_of: dict[str, str]
    secondary_links: list[tuple[str, ...]]
    breakdown_openers: list[tuple[str, ...]]
    breakdown_firsts: frozenset[str]
    noun_licensors: list[tuple[str, ...]]
    gap: int


def load_rules() -> FigureRules:
    """Read the lexicon and currency files into one :class:`FigureRules`.

    Raises:
        ExtractionError: E230 when a file is missing or a line or list is broken.
    """
    lex = Lexicon(objects(LEXICON_FILE))
    unit_of: dict[str, str] = {}
    for unit in COUNT_UNITS:
        for word in lex.words(f"unit_{unit}"):
            unit_of[word] = unit
    breakdown_openers = [tuple(s.split()) for s in lex.words("breakdown_openers")]
    return FigureRules(
        lexicon=lex,
        currencies=Currencies(objects(CURRENCY_FILE)),
        w={name: lex.words(name) for name in _LISTS},
        number_words={k: int(v) for k, v in lex.values("number_words").items()},
        scales={k: int(v) for k, v in lex.values("number_scales").items()},
        measure_nouns={k: str(v) for k, v in lex.values("measure_nouns").items()},
        unit_of=unit_of,
        secondary_links=[tuple(s.split()) for s in lex.words("secondary_links")],
        breakdown_openers=breakdown_openers,
        breakdown_firsts=frozenset(o[0] for o in breakdown_openers),
        noun_licensors=[tuple(s.split()) for s in lex.words("noun_count_licensors")],
        gap=int(lex.values("funding_gap_limit")["tokens"]),
    )
