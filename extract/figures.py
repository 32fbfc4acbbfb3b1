"""The statistics of a narrative: investigations, prosecutions, convictions, victims, funding.

The PROSECUTION and PROTECTION sections state their numbers in a small set of phrasings that
change little from one report year to the next::

    The government reported investigating 44 cases ... in 2016, the same as in 2015.
    It initiated prosecution of 43 suspected traffickers in 2016 (26 in 2015) and ...
    Authorities provided 6.3 million Jamaican dollars ($49,220) for victim assistance in 2016,
    compared with 13 million Jamaican dollars ($101,600) for victim assistance in 2015.

The ``tip_figures`` component reads them with rules only (no trained model): a spaCy
``Matcher`` finds the words that say *what* is counted (triggers such as ``convicted``,
``initiated prosecution of``, ``allocated``), comparison cues (``compared with``, ``up
from``, ``(26 in 2015)``) and period phrases (``in 2016``, ``during the reporting period``);
small parsers read the numbers (``nine``, ``Twenty-three``, ``1,234``, ``32.5 million``), the
counted noun (cases, persons, victims) and amounts of money with their currency. All words and
patterns are data: ``figures.jsonl`` (Matcher patterns), ``figures_lexicon.jsonl`` (word
lists) and ``figures_currencies.jsonl`` (ISO 4217 codes and their names) in
``tipgraph.extract.patterns``.

A wrong number in the graph misleads an analyst more than a missing one, so the rules keep
to statements they can attribute and skip the rest:

* a count needs a trigger right before it (``identified 50 victims``), a lead-in that names
  the measure (``decreased investigations in 2016, carrying out 151 trafficking cases``), or
  must be a measure noun itself stated as such (``reported 530 investigations``, ``resulting
  in 33 convictions``; not the subject ``Two investigations resulted in ...``);
* ``Ten of the 37 convicted traffickers``, ``the eight identified victims`` and ``30 of these
  investigations`` refer to figures already stated and are not new ones (except after an
  assistance trigger: ``offered protection to the eight identified victims``);
* a count narrowed to a subgroup (``37 female sex trafficking victims``, ``288 state
  investigations``, ``cases of "children in prostitution"``, ``17 convictions of
  employers``, ``The federal government identified 179 victims``) is skipped, because the
  record has no field that would say so; subgroups joined into a whole (``127 federal and
  state cases``, ``victims of sex and labor trafficking``) are kept;
* breakdowns are skipped: between dashes (``35 traffickers—18 for labor trafficking ...—``)
  and after ``including`` or ``of which`` up to the next statement;
* figures of others are skipped: a non-government subject nearest before the trigger
  (``NGOs reported assisting 167 victims``), and ``jointly investigated`` counts;
* an amount is funding only after a funding trigger of its clause (``allocated``,
  ``provided``, ``received``, ``funding allocation``), with no other amount in between, and
  never when a fine, restitution, damages, wages or a per-head amount is in between or right
  after it.

Decisions on the values:

* ``value`` is the number as stated; approximations are read as the number (``more than
  7,500`` is 7500).
* ``unit`` is ``cases`` for counts of cases and of the measure nouns themselves (``40
  investigations``, ``two convictions``), ``persons`` for traffickers, suspects, defendants
  and the like, ``victims`` for victims, and the ISO 4217 code for money.
* A converted amount keeps the local currency as the figure (``6.3 million Jamaican dollars
  ($49,220)`` is 6,300,000 JMD) because that is what the government spent; the report's
  conversion goes to :attr:`FigureMention.usd_value` (``49220.0``) and an amount stated in US
  dollars has ``usd_value == value``. ``records.Figure`` has no field for it yet, so
  :func:`figures_from_mentions` leaves it out.
* A currency is given only where it is clear: a symbol (``$`` is USD in the TIP report, ``¥``
  is JPY unless the narrative is China's), a code (``JMD 20 million``, ``RM``), a qualified
  name (``Kenyan shillings``) or a bare name that only one currency has (``tenge``). A bare
  name several currencies share (``pesos``, ``shillings``, ``dollars``) is resolved by the
  narrative's country when the caller sets ``doc._.figure_country`` (ISO alpha-3); otherwise
  the amount is dropped.
* ``period`` is a year only when one is stated for the figure (``in 2016``, ``during
  2016``, ``During the 2016 reporting period``, a clause-opening ``In 2016,`` or an
  introductory ``Of the 26 cases concluded in 2016, ...``). ``during the reporting period``,
  fiscal-year spans (``fiscal year 2016-2017``), months and no period at all give None: the
  report year is not known here.
* ``previous_value`` and ``previous_period`` come from the comparison that follows the figure
  in its clause (``(26 in 2015)``, ``compared with 54 in 2015``, ``up from 38``, ``a marked
  increase over the 305 victims confirmed in 2015``, ``to €133,275 from €162,562 in 2015``);
  numbers are matched by unit (``compared to 86 traffickers involved in 36 ... cases``), in
  order for parallel lists and ``respectively``. ``the previous year`` and ``the previous
  reporting period`` give ``previous_period=None`` (no year is stated); ``the same as in
  2015`` copies the value. A following ``this was an increase from 14 ... in 2015`` (next
  clause or sentence) compares with the latest figure of that unit. A clause that states only
  a previous period's figure (``during the previous year, it reported identifying 153
  victims``) becomes the comparison of the same measure's figure earlier in the sentence, or
  is dropped.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sentencizer")
    >>> _ = nlp.add_pipe("tip_figures")
    >>> doc = nlp("The government identified 50 trafficking victims, compared with 54 in 2015.")
    >>> [(m.measure, m.value, m.unit, m.previous_value, m.previous_period)
    ...  for m in doc._.figure_mentions]
    [('victims_identified', 50.0, 'victims', 54.0, 2015)]
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.resources import files
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tipgraph.core.errors import ExtractionError
from tipgraph.extract.anchors import anchor_extents, windows
from tipgraph.extract.records import Figure, Sentence
from tipgraph.extract.tokens import TokenTable, tokens_of

__all__ = [
    "COUNT_UNITS",
    "DEFAULT_SECTIONS",
    "MEASURES",
    "FigureExtractor",
    "FigureMention",
    "figures_from_mentions",
    "make_figures",
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
#: Section kinds read by default: where the report states the government's statistics. The
#: introduction repeats them in summary and the profile quotes others' estimates.
DEFAULT_SECTIONS = ("prosecution", "protection", "prevention")
#: Units of counts; money has its ISO 4217 code instead.
COUNT_UNITS = ("cases", "persons", "victims")

PATTERN_FILE = "figures.jsonl"
LEXICON_FILE = "figures_lexicon.jsonl"
CURRENCY_FILE = "figures_currencies.jsonl"

#: Error code of unusable pattern data (a broken installation, not a user error).
E_PATTERN_DATA = "E230"

_LAW_MEASURES = frozenset({"investigations", "prosecutions", "convictions"})
_VICTIM_MEASURES = frozenset({"victims_identified", "victims_assisted"})
_UNITS_OF = {
    "investigations": frozenset({"cases", "persons"}),
    "prosecutions": frozenset({"cases", "persons"}),
    "convictions": frozenset({"cases", "persons"}),
    "victims_identified": frozenset({"victims"}),
    "victims_assisted": frozenset({"victims"}),
}

# Tokens of the component's own fine-grained tokenisation: numbers with thousands separators
# and decimals stay whole; letters and digits are split ("RM3", "traffickers—18"); a
# converter's backslash before punctuation ("\$") is skipped so unrepaired text reads alike.
_TOKEN = re.compile(
    r"\\(?=[$*_#\[\]().\-+!])|(\d+(?:,\d{3})*(?:\.\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*|\S)"
)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NAME_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


def _register_extensions() -> None:
    """Register ``doc._.figure_mentions`` and ``doc._.figure_country`` once.

    Idempotent, so that importing the module twice (or another component registering the
    same names first) is not an error.
    """
    if not Doc.has_extension("figure_mentions"):
        Doc.set_extension("figure_mentions", default=None)
    if not Doc.has_extension("figure_country"):
        Doc.set_extension("figure_country", default=None)


_register_extensions()


@dataclass(frozen=True, slots=True)
class FigureMention:
    """One figure as stated in a doc, with the character span of the phrase stating it.

    Attributes:
        measure: one of :data:`MEASURES`.
        value: the number; for money, the amount in ``unit``.
        unit: ``cases``, ``persons``, ``victims`` or an ISO 4217 currency code.
        period: the year the figure covers when the text states it, else None.
        previous_value: the comparison value of the previous period, when stated.
        previous_period: the year of ``previous_value`` when stated.
        start: offset in ``doc.text`` of the phrase's first character (its trigger).
        end: offset one past the phrase's last character (its comparison, if any).
        usd_value: for money, the report's US-dollar amount (its conversion, or the value
            itself for an amount in USD); None for counts and unconverted amounts.
    """

    measure: str
    value: float
    unit: str
    period: int | None
    previous_value: float | None
    previous_period: int | None
    start: int
    end: int
    usd_value: float | None = None


def figures_from_mentions(mentions: Iterable[tuple[FigureMention, Sentence]]) -> list[Figure]:
    """Turn mentions into ``records.Figure`` records, one per mention with its sentence.

    A sentence that states the same figure twice (the same measure, value, unit, period and
    comparison) gives one record: repeating a number does not make two facts. The same figure
    in two sentences gives two records; merging those is the graph layer's call.

    Args:
        mentions: each mention with the sentence it was found in.

    Returns:
        The records, in the order of ``mentions``.

    Example:
        >>> s = Sentence(0, 0, 19, "It convicted 2 men.", "It convicted 2 men.", "prosecution")
        >>> m = FigureMention("convictions", 2.0, "persons", None, None, None, 3, 18)
        >>> [(f.measure, f.value, len(f.sentences)) for f in figures_from_mentions([(m, s)] * 2)]
        [('convictions', 2.0, 1)]
    """
    seen: set[tuple[Any, ...]] = set()
    out: list[Figure] = []
    for mention, sentence in mentions:
        key = (
            mention.measure,
            mention.value,
            mention.unit,
            mention.period,
            mention.previous_value,
            mention.previous_period,
            sentence.index,
            sentence.start,
            sentence.end,
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Figure(
                measure=mention.measure,
                value=mention.value,
                unit=mention.unit,
                period=mention.period,
                previous_value=mention.previous_value,
                previous_period=mention.previous_period,
                usd_value=mention.usd_value,
                sentences=[sentence],
            )
        )
    return out


# --------------------------------------------------------------------------- pattern data


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    """Read one JSONL file of ``tipgraph.extract.patterns`` as a list of objects.

    Raises:
        ExtractionError: (E230) when the file is missing or a line is not a JSON object, with
            the file and line, since every figure would silently be lost otherwise.
    """
    resource = files("tipgraph.extract.patterns").joinpath(name)
    try:
        text = resource.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ExtractionError(
            f"pattern file {name} is missing from tipgraph.extract.patterns; reinstall tipgraph",
            code=E_PATTERN_DATA,
        ) from exc
    rows: list[dict[str, Any]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExtractionError(
                f"{name}:{lineno}: not valid JSON ({exc.msg}); fix the line",
                code=E_PATTERN_DATA,
            ) from exc
        if not isinstance(row, dict):
            raise ExtractionError(f"{name}:{lineno}: expected a JSON object", code=E_PATTERN_DATA)
        rows.append(row)
    return rows


class _Lexicon:
    """The named word lists of ``figures_lexicon.jsonl``."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._words: dict[str, frozenset[str]] = {}
        self._values: dict[str, dict[str, Any]] = {}
        for lineno, row in enumerate(rows, start=1):
            name = row.get("list")
            if not isinstance(name, str):
                raise ExtractionError(
                    f"{LEXICON_FILE}:{lineno}: a word list needs a 'list' name",
                    code=E_PATTERN_DATA,
                )
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
            raise ExtractionError(
                f"{LEXICON_FILE} has no word list {name!r}; "
                f"known: {', '.join(sorted(self._words))}",
                code=E_PATTERN_DATA,
            ) from None

    def values(self, name: str) -> dict[str, Any]:
        """Return the word-to-value table of list ``name``."""
        try:
            return self._values[name]
        except KeyError:
            raise ExtractionError(
                f"{LEXICON_FILE} has no value table {name!r}; "
                f"known: {', '.join(sorted(self._values))}",
                code=E_PATTERN_DATA,
            ) from None


def _norm_name(text: str) -> str:
    """Normalise a currency name for lookup: ``"U.S. dollars"`` -> ``"u s dollars"``."""
    return " ".join(_NAME_WORD.findall(text.lower()))


class _Currencies:
    """ISO 4217 codes with the names, symbols and codes the reports write them with."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.by_name: dict[str, list[str]] = {}
        self.by_mark: dict[str, list[str]] = {}
        self.countries: dict[str, frozenset[str]] = {}
        self.defaults: dict[str, frozenset[str]] = {}
        for lineno, row in enumerate(rows, start=1):
            code = row.get("code")
            if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
                raise ExtractionError(
                    f"{CURRENCY_FILE}:{lineno}: 'code' must be an ISO 4217 code",
                    code=E_PATTERN_DATA,
                )
            for name in [*row.get("names", []), *row.get("bare", [])]:
                self.by_name.setdefault(_norm_name(name), []).append(code)
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


# --------------------------------------------------------------------------- parse records


@dataclass(slots=True)
class _Tokens:
    """The component's tokens of one text, with character offsets."""

    words: list[str]
    lowers: list[str]
    starts: list[int]
    ends: list[int]
    glued: list[bool]

    def lower(self, i: int) -> str:
        """Return the lower-cased token ``i``, or ``""`` past either end."""
        return self.lowers[i] if 0 <= i < len(self.lowers) else ""


@dataclass(slots=True)
class _Num:
    """A number: ``nine``, ``Twenty-three``, ``1,234``, ``32.5 million``."""

    start: int
    end: int
    value: Decimal


@dataclass(slots=True)
class _Count:
    """A number with the noun it counts (``40 new trafficking investigations``)."""

    start: int
    end: int
    value: Decimal
    unit: str
    noun_measure: str | None = None
    qualified: bool = False
    form: str = "plain"  # plain | as | partitive | implicit
    anaphoric: bool = False


@dataclass(slots=True)
class _Money:
    """An amount with its currency (None when not clear) and the report's USD conversion."""

    start: int
    end: int
    value: Decimal
    currency: str | None
    usd: Decimal | None


_Cand = _Count | _Money


@dataclass(slots=True)
class _Marker:
    """A period phrase: a ``year``, the ``current`` or ``previous`` period, or ``other``."""

    start: int
    end: int
    kind: str
    year: int | None = None


@dataclass(slots=True)
class _Region:
    """A comparison: the previous period's numbers and the period they cover."""

    start: int
    end: int
    items: list[_Cand | _Num] = field(default_factory=list)
    period: _Marker | None = None
    same: bool = False
    respectively: bool = False
    paren: bool = False
    strict: bool = False  # only counts and amounts, no bare numbers ("to €133,275 from ...")


@dataclass(slots=True)
class _Draft:
    """A figure being assembled, in token offsets."""

    measure: str
    value: Decimal
    unit: str
    period: int | None
    previous: bool
    start: int
    end: int
    previous_value: Decimal | None = None
    previous_period: int | None = None
    usd: Decimal | None = None


@dataclass(slots=True)
class _Text:
    """What is read from one text before its sentences are assembled."""

    toks: _Tokens
    numbers: dict[int, _Num]
    cands: list[_Cand]
    cand_starts: list[int]
    by_start: dict[int, _Cand]
    triggers_by_end: dict[int, list[tuple[str, int]]] = field(default_factory=dict)
    trigger_ends_by_start: dict[int, list[int]] = field(default_factory=dict)
    post_by_start: dict[int, list[str]] = field(default_factory=dict)
    leads_by_end: dict[int, list[str]] = field(default_factory=dict)
    funding: list[tuple[int, int]] = field(default_factory=list)
    cues: list[tuple[int, int, bool]] = field(default_factory=list)
    markers: list[_Marker] = field(default_factory=list)
    marker_at: dict[int, _Marker] = field(default_factory=dict)
    marker_ending_at: dict[int, _Marker] = field(default_factory=dict)
    trigger_starts: set[int] = field(default_factory=set)


@dataclass(slots=True)
class _Clause:
    """One clause (a sentence up to or between semicolons) with its comparisons resolved."""

    start: int
    end: int
    free: list[_Cand]
    regions: list[_Region]
    primaries: list[_Cand]
    members: dict[int, list[_Count]]
    attached: dict[int, _Region]
    breakdown: set[int]
    orphans: list[_Region]
    under: bool


# --------------------------------------------------------------------------- the component

_LABELS = frozenset({"TRIGGER", "POST_TRIGGER", "LEAD", "FUNDING", "COMPARE", "SAME", "PERIOD"})
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


class FigureExtractor:
    """The ``tip_figures`` pipeline component; see the module docstring for the rules.

    It tokenises ``doc.text`` once more, finer than spaCy's English tokenizer (which keeps
    ``traffickers—18`` and ``NT$5,000`` whole), runs one Matcher over that, and reads the
    figures clause by clause of each sentence (``doc.sents`` when set, else the whole text).

    Args:
        vocab: the pipeline's vocabulary, shared by the Matcher.
        name: the component's name in the pipeline.
        sections: the section kinds to read when ``doc._.section`` is set (the pipeline
            driver sets it); None reads every doc.
    """

    def __init__(
        self,
        vocab: Vocab,
        name: str = "tip_figures",
        sections: Iterable[str] | None = DEFAULT_SECTIONS,
    ) -> None:
        self.name = name
        self.vocab = vocab
        self.sections = None if sections is None else frozenset(sections)
        lex = _Lexicon(_read_jsonl(LEXICON_FILE))
        self._currencies = _Currencies(_read_jsonl(CURRENCY_FILE))
        self._number_words = {k: int(v) for k, v in lex.values("number_words").items()}
        self._scales = {k: int(v) for k, v in lex.values("number_scales").items()}
        self._measure_nouns = {k: str(v) for k, v in lex.values("measure_nouns").items()}
        self._unit_of: dict[str, str] = {}
        for unit in COUNT_UNITS:
            for word in lex.words(f"unit_{unit}"):
                self._unit_of[word] = unit
        self._w = {name: lex.words(name) for name in _LISTS}
        self._secondary_links = [tuple(s.split()) for s in lex.words("secondary_links")]
        self._breakdown_openers = [tuple(s.split()) for s in lex.words("breakdown_openers")]
        self._breakdown_firsts = frozenset(o[0] for o in self._breakdown_openers)
        self._noun_licensors = [tuple(s.split()) for s in lex.words("noun_count_licensors")]
        self._gap = int(lex.values("funding_gap_limit")["tokens"])
        self._matcher = Matcher(vocab, validate=True)
        self._labels: dict[int, tuple[str, str]] = {}
        self._load_patterns(lex)

    def _load_patterns(self, lex: _Lexicon) -> None:
        """Add the JSONL patterns to the Matcher, expanding ``"@list"`` references."""

        def expand(node: Any) -> Any:
            if isinstance(node, dict):
                return {k: expand(v) for k, v in node.items()}
            if isinstance(node, list):
                return [expand(v) for v in node]
            if isinstance(node, str) and node.startswith("@"):
                return sorted(lex.words(node[1:]))
            return node

        grouped: dict[str, list[list[dict[str, Any]]]] = {}
        expanded: list[list[dict[str, Any]]] = []
        for lineno, row in enumerate(_read_jsonl(PATTERN_FILE), start=1):
            label = row.get("label")
            pattern = row.get("pattern")
            if label not in _LABELS:
                raise ExtractionError(
                    f"{PATTERN_FILE}:{lineno}: unknown label {label!r}; "
                    f"known: {', '.join(sorted(_LABELS))}",
                    code=E_PATTERN_DATA,
                )
            detail = str(row.get("measure") or row.get("kind") or "")
            if label in {"TRIGGER", "POST_TRIGGER", "LEAD"} and detail not in _UNITS_OF:
                raise ExtractionError(
                    f"{PATTERN_FILE}:{lineno}: measure {detail!r} is not one of "
                    f"{', '.join(_UNITS_OF)}",
                    code=E_PATTERN_DATA,
                )
            if not isinstance(pattern, list) or not pattern:
                raise ExtractionError(
                    f"{PATTERN_FILE}:{lineno}: 'pattern' must be a non-empty list",
                    code=E_PATTERN_DATA,
                )
            expanded.append(expand(pattern))
            grouped.setdefault(f"{label}|{detail}", []).append(expanded[-1])
        for key, patterns in grouped.items():
            try:
                self._matcher.add(key, patterns)
            except (ValueError, KeyError) as exc:
                raise ExtractionError(
                    f"{PATTERN_FILE}: invalid Matcher pattern for {key}: {exc}",
                    code=E_PATTERN_DATA,
                ) from exc
            label, detail = key.split("|")
            self._labels[self.vocab.strings[key]] = (label, detail)
        self._extents = anchor_extents(expanded)

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.figure_mentions`` to the figures stated in ``doc``.

        The narrative's country, for bare currency names, is ``doc._.figure_country`` or
        else ``doc._.country`` (set by the pipeline driver) when that extension exists.
        """
        kind = doc._.section if Doc.has_extension("section") else None
        if self.sections is not None and kind is not None and kind not in self.sections:
            doc._.figure_mentions = []
            return doc
        country = doc._.figure_country
        if country is None and Doc.has_extension("country"):
            country = doc._.country
        table = tokens_of(doc)
        doc._.figure_mentions = self.extract(
            table.text, _sentence_spans(table), country if isinstance(country, str) else None
        )
        return doc

    # ------------------------------------------------------------------ public reader

    def extract(
        self,
        text: str,
        sentences: list[tuple[int, int]] | None = None,
        country: str | None = None,
    ) -> list[FigureMention]:
        """Read the figures of a text.

        Args:
            text: a section's repaired text (``\\$`` escapes are tolerated).
            sentences: ``(start, end)`` character spans of its sentences; None reads the text
                as one sentence.
            country: ISO alpha-3 of the narrative, to resolve bare currency names.

        Returns:
            The mentions in text order.

        Example:
            >>> import spacy
            >>> ext = FigureExtractor(spacy.blank("en").vocab)
            >>> [(m.measure, m.value, m.unit) for m in ext.extract("It convicted 3 traffickers.")]
            [('convictions', 3.0, 'persons')]
        """
        toks = self._tokenize(text)
        spans = sentences if sentences is not None else [(0, len(text))]
        ranges = [(bisect_left(toks.starts, a), bisect_left(toks.starts, b)) for a, b in spans]
        t = self._read(toks, ranges, country)
        drafts: list[_Draft] = []
        history: list[_Draft] = []
        for ts, te in ranges:
            first = bisect_left(t.cand_starts, ts)
            if first == len(t.cand_starts) or t.cand_starts[first] >= te:
                history = []  # no count or amount: no figure, and nothing to compare with
                continue
            sentence: list[_Draft] = []
            cs = ts
            for i in range(ts, te + 1):
                if i < te and toks.lowers[i] not in self._w["clause_breaks"]:
                    continue
                if cs < i:
                    clause = self._clause(t, cs, i)
                    for region in clause.orphans:
                        self._attach_orphan(t, region, [*history, *sentence])
                    sentence.extend(self._drafts(t, clause))
                cs = i + 1
            history = self._merge_previous(sentence)
            drafts.extend(history)
        return [
            FigureMention(
                measure=d.measure,
                value=float(d.value),
                unit=d.unit,
                period=d.period,
                previous_value=None if d.previous_value is None else float(d.previous_value),
                previous_period=d.previous_period,
                start=toks.starts[d.start],
                end=toks.ends[d.end - 1],
                usd_value=None if d.usd is None else float(d.usd),
            )
            for d in drafts
        ]

    # ------------------------------------------------------------------ tokens and matches

    def _read(self, toks: _Tokens, ranges: list[tuple[int, int]], country: str | None) -> _Text:
        """Find every number, count and amount of a text, and match the sentences that hold
        one (a sentence without a count or an amount states no figure, and matching only
        those keeps the Matcher off most of a narrative)."""
        numbers = self._numbers(toks)
        cands = self._candidates(toks, numbers, country)
        starts = [c.start for c in cands]
        t = _Text(toks, numbers, cands, starts, {c.start: c for c in cands})
        if not cands:
            return t
        spans = [w for ts, te in ranges
                 if (i := bisect_left(starts, ts)) < len(starts) and starts[i] < te
                 for w in self._windows(toks, ts, te)]
        # One doc of the windows' words only, each window matched as a span of its own.
        doc = Doc(self.vocab, words=[w for a, b in spans for w in toks.words[a:b]])
        matches: list[tuple[int, int, int]] = []
        at = 0
        for a, b in spans:
            matches.extend((m, a + s, a + e) for m, s, e in self._matcher(doc[at:at + b - a]))
            at += b - a
        markers: list[_Marker] = []
        for match_id, start, end in matches:
            label, detail = self._labels[match_id]
            if label == "TRIGGER":
                t.triggers_by_end.setdefault(end, []).append((detail, start))
                t.trigger_ends_by_start.setdefault(start, []).append(end)
                t.trigger_starts.add(start)
            elif label == "POST_TRIGGER":
                t.post_by_start.setdefault(start, []).append(detail)
            elif label == "LEAD":
                t.leads_by_end.setdefault(end, []).append(detail)
            elif label == "FUNDING":
                t.funding.append((start, end))
                t.trigger_starts.add(start)
            elif label in {"COMPARE", "SAME"}:
                t.cues.append((start, end, label == "SAME"))
            else:
                marker = self._marker(toks, start, end, detail)
                if marker is not None:
                    markers.append(marker)
        # Overlapping period phrases: the longest wins ("in the previous reporting period"
        # over "the previous reporting period").
        markers.sort(key=lambda m: (m.start - m.end, m.start))
        taken: set[int] = set()
        for m in markers:
            if taken.isdisjoint(range(m.start, m.end)):
                t.markers.append(m)
                taken.update(range(m.start, m.end))
        t.markers.sort(key=lambda m: m.start)
        t.marker_at = {m.start: m for m in t.markers}
        t.marker_ending_at = {m.end: m for m in t.markers}
        t.funding.sort()
        t.cues.sort()
        return t

    def _windows(self, toks: _Tokens, ts: int, te: int) -> list[tuple[int, int]]:
        """The token ranges of sentence ``[ts, te)`` where a pattern can match: around the
        patterns' anchors (see :mod:`tipgraph.extract.anchors`), the Matcher's ``IN``
        predicates cost more than the rest of the component when it sees every token."""
        if self._extents is None:
            return [(ts, te)]
        by_lower = self._extents.get("LOWER", {})
        by_orth = self._extents.get("ORTH", {})
        lowers, words = toks.lowers, toks.words
        hits = [(k, by_lower[lowers[k]]) for k in range(ts, te) if lowers[k] in by_lower]
        if by_orth:
            hits += [(k, by_orth[words[k]]) for k in range(ts, te) if words[k] in by_orth]
        return windows(hits, ts, te)

    @staticmethod
    def _tokenize(text: str) -> _Tokens:
        """Split a text into the component's tokens, skipping ``\\`` escapes."""
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in _TOKEN.finditer(text):
            if m.group(1) is None:
                continue
            words.append(m.group(1))
            starts.append(m.start(1))
            ends.append(m.end(1))
        glued = [text[ends[i] : starts[i + 1]] in ("", "\\") for i in range(len(words) - 1)]
        glued.append(False)
        return _Tokens(words, [w.lower() for w in words], starts, ends, glued)

    def _marker(self, toks: _Tokens, start: int, end: int, kind: str) -> _Marker | None:
        """A period phrase; a ``year`` one needs a real year (patterns match any ``dddd``)."""
        words = toks.words[start:end]
        years = [int(w) for w in words if _YEAR.match(w)]
        if not years and any(len(w) == 4 and w.isdigit() for w in words):
            return None
        if kind != "year":
            return _Marker(start, end, kind)
        year = years[0]
        after = end + 1
        if (
            toks.lower(end) in self._w["range_separators"]
            and after < len(toks.words)
            and toks.words[after].isdigit()
        ):
            return _Marker(start, after + 1, "other")
        return _Marker(start, end, "year", year)

    # ------------------------------------------------------------------ numbers

    def _numbers(self, toks: _Tokens) -> dict[int, _Num]:
        """Find numbers: digits (``1,234``, ``3.06``), words (``nine``, ``Twenty-three``)
        and scales (``32.5 million``, ``two hundred``). Four-digit years are not numbers."""
        found: dict[int, _Num] = {}
        number_words = self._number_words
        # Only a word that starts with a digit or is a number word can start a number.
        maybe = [i for i, (word, low) in enumerate(zip(toks.words, toks.lowers, strict=True))
                 if word[0].isdigit() or low in number_words]
        after = 0  # a number's scale words are not read again
        for i in maybe:
            if i < after:
                continue
            word, low = toks.words[i], toks.lowers[i]
            value: Decimal | None = None
            j = i + 1
            if _DIGITS.match(word):
                if _YEAR.match(word) and toks.lower(j) not in self._scales:
                    continue
                value = Decimal(word.replace(",", ""))
            elif low in self._number_words:
                value = Decimal(self._number_words[low])
                if (
                    value >= 20
                    and value % 10 == 0
                    and toks.lower(j) == "-"
                    and self._number_words.get(toks.lower(j + 1), 10) < 10
                ):
                    value += self._number_words[toks.lower(j + 1)]
                    j += 2
            if value is None:
                continue
            while toks.lower(j) in self._scales:
                value *= self._scales[toks.lower(j)]
                j += 1
            found[i] = _Num(i, j, value)
            after = j
        return found

    # ------------------------------------------------------------------ counts and money

    def _candidates(
        self, toks: _Tokens, numbers: dict[int, _Num], country: str | None
    ) -> list[_Cand]:
        """Read each number as an amount of money or else a count, left to right; the
        numbers inside an amount (its USD conversion) are not read again."""
        cands: list[_Cand] = []
        covered = -1
        for start in sorted(numbers):
            if start < covered:
                continue
            num = numbers[start]
            money = self._money(toks, numbers, num, country)
            if money is not None:
                cands.append(money)
                covered = money.end
                continue
            count = self._count(toks, num)
            if count is not None:
                cands.append(count)
        return cands

    def _mark_before(self, toks: _Tokens, start: int) -> tuple[str, int] | None:
        """The currency mark right before a number: ``$``, ``NT$``, ``¥``, ``JMD``, ``RM``."""
        if start == 0:
            return None
        mark, mstart = toks.words[start - 1], start - 1
        if (
            mark == "$"
            and mstart > 0
            and toks.glued[mstart - 1]
            and toks.words[mstart - 1].isalpha()
            and toks.words[mstart - 1].isupper()
        ):
            joined = toks.words[mstart - 1] + "$"
            if joined in self._currencies.by_mark:
                return joined, mstart - 1
        if mark in self._currencies.by_mark:
            return mark, mstart
        return None

    def _name_after(self, toks: _Tokens, start: int) -> tuple[str, list[str], int] | None:
        """The currency name or code right after an amount: ``Jamaican dollars``, ``RM``."""
        n = len(toks.words)
        for length in range(min(self._currencies.longest_name + 3, n - start), 0, -1):
            last = start + length - 1
            if not toks.words[last][0].isalpha():
                continue
            key = _norm_name(" ".join(toks.words[start : start + length]))
            codes = self._currencies.by_name.get(key)
            if codes:
                return key, codes, start + length
        if start < n and toks.words[start].isalpha():
            codes = self._currencies.by_mark.get(toks.words[start])
            if codes:
                return toks.words[start], codes, start + 1
        return None

    def _money(
        self, toks: _Tokens, numbers: dict[int, _Num], num: _Num, country: str | None
    ) -> _Money | None:
        """An amount: a mark before the number or a currency name after it (the name wins:
        ``$32.5 million Jamaican dollars`` is JMD), then an optional ``(RM)`` and a ``($N)``
        conversion."""
        before = self._mark_before(toks, num.start)
        after = self._name_after(toks, num.end)
        cur = self._currencies
        if after is not None:
            key, codes, end = after
        elif before is not None:
            key, codes, end = before[0], cur.by_mark[before[0]], num.end
        else:
            return None
        start = before[1] if before is not None else num.start
        currency = cur.resolve(codes, key, country)
        # A code in parentheses after a name: "120 Malaysian ringgit (RM) ($27)".
        if (
            toks.lower(end) == "("
            and toks.lower(end + 2) == ")"
            and toks.words[end + 1] in cur.by_mark
        ):
            end += 3
        usd: Decimal | None = None
        if toks.lower(end) == "(":
            j = end + 1
            while toks.lower(j) in self._w["conversion_openers"]:
                j += 1
            dollar = False
            if toks.lower(j) == "$":
                dollar, j = True, j + 1
            elif toks.lower(j) == "us" and toks.lower(j + 1) == "$":
                dollar, j = True, j + 2
            conv = numbers.get(j)
            if dollar and conv is not None and toks.lower(conv.end) == ")":
                usd = conv.value
                end = conv.end + 1
        if currency == "USD":
            usd = num.value
        return _Money(start, end, num.value, currency, usd)

    def _count(self, toks: _Tokens, num: _Num) -> _Count | None:
        """A count: the number, known modifiers and a unit noun (``nine trafficking cases``),
        or ``N as ... victims``, ``N of the ... victims``, ``N to services``."""
        w = self._w
        k = num.end
        form = "plain"
        if toks.lower(k) == "as":
            form, k = "as", k + 1
        elif toks.lower(k) == "of" and toks.lower(k + 1) in w["partitive_determiners"]:
            form, k = "partitive", k + 2
        elif toks.lower(k) == "to" and toks.lower(k + 1) in w["service_words"]:
            return _Count(num.start, num.end, num.value, "victims", form="implicit")
        mods: list[str] = []
        unit: str | None = None
        noun_measure: str | None = None
        for _ in range(8):
            if k >= len(toks.words):
                return None
            low, word = toks.lowers[k], toks.words[k]
            if low in self._measure_nouns and form == "plain":
                unit, noun_measure = "cases", self._measure_nouns[low]
                break
            if low in self._unit_of:
                unit = self._unit_of[low]
                break
            if (
                low in w["neutral_modifiers"]
                or low in w["subgroup_modifiers"]
                or low in w["modifier_joiners"]
                or low in _QUOTES
            ):
                mods.append(low)
            elif word.isalpha() and word[0].isupper():
                mods.append("<name>")  # a nationality, place or agency: "Nigerian victims"
            else:
                return None
            k += 1
        if unit is None:
            return None
        end = k + 1
        qualified = self._narrowed(mods) or self._narrowed_after(toks, end)
        anaphoric = toks.lower(num.start - 1) in w["anaphora"]
        return _Count(num.start, end, num.value, unit, noun_measure, qualified, form, anaphoric)

    def _narrowed(self, words: list[str]) -> bool:
        """Tell whether words narrow a count to a subgroup: some subgroup word, and no joiner
        between two of them that makes a whole (``sex and labor``, ``federal and state``)."""
        subs = [
            i for i, x in enumerate(words) if x in self._w["subgroup_modifiers"] or x == "<name>"
        ]
        if not subs:
            return False
        return not any(
            x in self._w["union_joiners"] and subs[0] < i < subs[-1] for i, x in enumerate(words)
        )

    def _narrowed_after(self, toks: _Tokens, end: int) -> bool:
        """``cases of "children in prostitution"``, ``convictions of employers``,
        ``investigations of trafficking-related crimes, including pimping``."""
        if toks.lower(end) in {"in", "during"} and _YEAR.match(toks.lower(end + 1)):
            end += 2  # "convicted three traffickers in 2016 for child sexual abuse crimes"
        link = toks.lower(end)
        if link not in self._w["post_qualifier_links"] or link == "under":
            return False
        seen: list[str] = []
        for j in range(end + 1, min(end + 14, len(toks.words))):
            low = toks.lowers[j]
            if low in _QUOTES or low in {"-", ","}:
                continue
            if not low.isalpha() or low in self._number_words:
                break
            seen.append(low)
            if len(seen) == 8:
                break
        if any(x in self._w["offtopic_words"] for x in seen):
            return True
        return self._narrowed(seen)

    # ------------------------------------------------------------------ one clause

    def _clause(self, t: _Text, cs: int, ce: int) -> _Clause:
        """Find a clause's comparisons and attach each to the statement it follows."""
        lo = bisect_left(t.cand_starts, cs)
        hi = bisect_left(t.cand_starts, ce)
        cands = [c for c in t.cands[lo:hi] if c.end <= ce]
        regions = self._regions(t, cs, ce) if cands else []
        free = [c for c in cands if not any(r.start <= c.start < r.end for r in regions)]
        breakdown = self._breakdowns(t, free, regions, cs, ce)
        primary_of: dict[int, _Cand] = {}
        members: dict[int, list[_Count]] = {}
        paren_at = {r.start: r for r in regions if r.paren}
        for c in free:
            if id(c) in primary_of or not isinstance(c, _Count):
                continue
            sec = self._secondary(t, c, paren_at)
            if sec is not None and any(sec is f for f in free):
                primary_of[id(sec)] = c
                members.setdefault(id(c), []).append(sec)
        primaries = [c for c in free if id(c) not in primary_of]
        attached: dict[int, _Region] = {}
        orphans: list[_Region] = []
        for r in regions:
            if r.respectively:
                before = [c for c in primaries if c.end <= r.start][-len(r.items) :]
                for c, item in zip(before, r.items, strict=False):
                    attached.setdefault(id(c), _Region(r.start, r.end, [item], r.period))
                continue
            parallel = self._parallel(r, [c for c in primaries if id(c) not in breakdown])
            if parallel:
                for c, item in parallel:
                    attached.setdefault(id(c), _Region(r.start, r.end, [item], r.period))
                continue
            # A parenthesis follows its own count, even a breakdown's ("37 female ...
            # victims (20 in 2015)"); a "compared with" skips the breakdown back to the total.
            before_r = [c for c in free if c.end <= r.start and (r.paren or id(c) not in breakdown)]
            if not before_r:
                if _opens_with(t, cs, r.start, self._w["orphan_openers"]):
                    orphans.append(r)
                continue
            c = before_r[-1]
            attached.setdefault(id(primary_of.get(id(c), c)), r)
        under = self._under_qualified(t.toks, cs, ce)
        return _Clause(
            cs, ce, free, regions, primaries, members, attached, breakdown, orphans, under
        )

    @staticmethod
    def _parallel(region: _Region, primaries: list[_Cand]) -> list[tuple[_Cand, _Cand | _Num]]:
        """``four investigations, two prosecutions ..., compared with two investigations, two
        prosecutions``: as many comparison numbers as statements before, unit for unit."""
        k = len(region.items)
        before = [c for c in primaries if c.end <= region.start]
        if region.paren or region.same or k < 2 or len(before) < k:
            return []
        pairs = list(zip(before[-k:], region.items, strict=True))
        for c, item in pairs:
            if isinstance(c, _Money):
                if not isinstance(item, _Money) or item.currency != c.currency:
                    return []
            elif (
                not isinstance(item, _Count)
                or item.unit != c.unit
                or (
                    None not in (item.noun_measure, c.noun_measure)
                    and item.noun_measure != c.noun_measure
                )
            ):
                return []
        return pairs

    def _drafts(self, t: _Text, clause: _Clause) -> list[_Draft]:
        """The figures of a clause's statements, breakdowns left out."""
        drafts: list[_Draft] = []
        primaries = clause.primaries
        for i, c in enumerate(primaries):
            if id(c) in clause.breakdown:
                continue
            nxt = primaries[i + 1].start if i + 1 < len(primaries) else clause.end
            if isinstance(c, _Money):
                drafts.extend(self._funding(t, clause, c, nxt))
            else:
                drafts.extend(self._counts(t, clause, c, nxt))
        return drafts

    def _breakdowns(
        self, t: _Text, free: list[_Cand], regions: list[_Region], cs: int, ce: int
    ) -> set[int]:
        """Candidates after ``including`` / ``of which`` up to the next statement: the parts
        of a figure just stated (``..., including 24 million KZT ... and 1.97 million KZT``)."""
        toks = t.toks
        cue_starts = {r.start for r in regions if not r.paren}
        out: set[int] = set()
        active = False
        firsts = self._breakdown_firsts
        for i in range(cs, ce):
            if i in cue_starts or (i in t.trigger_starts and self._opens_figure(t, i)):
                active = False
            if toks.lowers[i] in firsts:
                for opener in self._breakdown_openers:
                    if tuple(toks.lowers[i : i + len(opener)]) == opener:
                        active = True
            if active and i in t.by_start and any(t.by_start[i] is c for c in free):
                out.add(id(t.by_start[i]))
        return out

    def _under_qualified(self, toks: _Tokens, cs: int, ce: int) -> bool:
        """``... convicted 409 defendants under article 4 (Child Prostitution)``: a trailing
        ``under`` phrase naming a subgroup narrows every count of its clause."""
        for i in range(cs, ce):
            if toks.lowers[i] != "under":
                continue
            for j in range(i + 1, min(i + 7, ce)):
                low = toks.lowers[j]
                if low in {",", ";", "."}:
                    break
                if low in self._w["subgroup_modifiers"]:
                    return True
        return False

    def _secondary(self, t: _Text, c: _Count, paren_at: dict[int, _Region]) -> _Count | None:
        """``nine cases against 13 alleged traffickers``: the second count of a statement."""
        toks = t.toks
        k = c.end
        if k in paren_at:
            k = paren_at[k].end
        for link in self._secondary_links:
            if tuple(toks.lowers[k : k + len(link)]) != link:
                continue
            j = k + len(link)
            while toks.lower(j) in self._w["number_filler"] and j not in t.by_start:
                j += 1
            sec = t.by_start.get(j)
            if (
                isinstance(sec, _Count)
                and sec.form == "plain"
                and {sec.unit, c.unit} == {"cases", "persons"}
            ):
                return sec
        return None

    # ------------------------------------------------------------------ comparisons

    def _regions(self, t: _Text, cs: int, ce: int) -> list[_Region]:
        """A clause's comparisons: after a cue (``compared with``, ``up from``, ``the same
        as``), after ``from`` right behind an amount, and parentheses holding a number and a
        previous period (``(26 in 2015)``)."""
        toks = t.toks
        regions: list[_Region] = []
        for start, end, same in t.cues:
            if not cs <= start < ce:
                continue
            region = _Region(start, end, same=same)
            self._fill(t, region, end, ce, stop=None)
            if region.items or (same and region.period is not None):
                regions.append(region)
        for c in t.cands:
            # "decreased funding ... to €133,275 ($140,437) from €162,562 ($171,393) in 2015"
            if (
                cs <= c.start
                and c.end + 1 < ce
                and toks.lowers[c.end] == "from"
                and c.end + 1 in t.by_start
            ):
                region = _Region(c.end, c.end + 1, strict=True)
                self._fill(t, region, c.end + 1, ce, stop=None)
                if region.items and not isinstance(region.items[0], _Num):
                    regions.append(region)
        inside_money = {
            i
            for c in t.by_start.values()
            if isinstance(c, _Money) and cs <= c.start < ce
            for i in range(c.start, c.end)
        }
        for i in range(cs, ce):
            if toks.lowers[i] != "(" or i in inside_money:
                continue
            close = next((j for j in range(i + 1, min(i + 25, ce)) if toks.lowers[j] == ")"), None)
            if close is None:
                continue
            j = i + 1
            while toks.lower(j) in self._w["aside_skips"]:
                j += 1
            if j not in t.numbers and j not in t.by_start:
                continue
            if not any(
                m.kind in {"year", "previous"} and i < m.start < close
                for m in t.markers
                if cs <= m.start < ce
            ):
                continue
            region = _Region(i, close + 1, paren=True)
            self._fill(t, region, i + 1, close, stop=")")
            region.end = close + 1
            if region.items and not any(r.start <= i < r.end for r in regions):
                regions.append(region)
        regions.sort(key=lambda r: r.start)
        return regions

    def _fill(self, t: _Text, region: _Region, k: int, limit: int, stop: str | None) -> None:
        """Read a comparison's numbers up to its period (``compared with 54 in 2015``)."""
        toks = t.toks
        begin = k
        while k < limit and k - begin < 24:
            low = toks.lowers[k]
            if low == stop:
                break
            if low in self._w["respectively"]:
                region.respectively = True
            if low in self._w["dashes"]:
                k = self._skip_aside(toks, k, limit)
                continue
            marker = t.marker_at.get(k)
            if marker is not None:
                if not (region.items or region.same):
                    if stop is None:
                        return  # "compared to the previous reporting period": no numbers
                elif region.period is None:
                    region.period = marker
                    region.end = max(region.end, marker.end)
                    if stop is None:
                        return
                k = marker.end
                continue
            if region.items and k in t.trigger_starts and self._opens_figure(t, k):
                return
            cand = t.by_start.get(k)
            if cand is not None:
                region.items.append(cand)
                region.end = max(region.end, cand.end)
                k = cand.end
                continue
            num = t.numbers.get(k)
            if num is not None:
                region.items.append(num)
                region.end = max(region.end, num.end)
                k = num.end
                continue
            k += 1

    def _opens_figure(self, t: _Text, k: int) -> bool:
        """Tell whether a trigger at ``k`` is followed by a count: a new statement begins."""
        for end in t.trigger_ends_by_start.get(k, []):
            j = end
            while t.toks.lower(j) in self._w["number_filler"] and j not in t.by_start:
                j += 1
            if j in t.by_start:
                return True
        return False

    def _skip_aside(self, toks: _Tokens, k: int, limit: int) -> int:
        """Jump over ``—three men and one girl—`` (or to ``limit`` if it does not close)."""
        for j in range(k + 1, limit):
            if toks.lowers[j] in self._w["dashes"]:
                return j + 1
        return limit

    def _attach_orphan(self, t: _Text, region: _Region, drafts: list[_Draft]) -> None:
        """``...; this was an increase from 14 ISF investigations in 2015``: the comparison of
        the latest earlier figure of the same unit (and measure, when the comparison says:
        ``the 124 victims the government identified in 2015``)."""
        if region.same:
            return
        for item in region.items:
            unit = item.currency if isinstance(item, _Money) else getattr(item, "unit", None)
            hint = self._hint(t, item)
            fits = [
                d for d in drafts if d.previous_value is None and (unit is None or d.unit == unit)
            ]
            if hint is not None and any(d.measure == hint for d in fits):
                fits = [d for d in fits if d.measure == hint]
            if fits:
                fits[-1].previous_value = item.value
                fits[-1].previous_period = self._region_year(region)
            return

    def _hint(self, t: _Text, item: _Cand | _Num) -> str | None:
        """The measure a trigger right after a comparison's count names
        (``78 victims identified in 2015``, ``the 124 victims the government identified``)."""
        if not isinstance(item, _Count):
            return None
        for j in range(item.end, min(item.end + 4, len(t.toks.words))):
            for end in t.trigger_ends_by_start.get(j, []):
                for measure, start in t.triggers_by_end.get(end, []):
                    if start == j and item.unit in _UNITS_OF[measure]:
                        return measure
        return None

    # ------------------------------------------------------------------ figures

    def _counts(self, t: _Text, clause: _Clause, c: _Count, nxt: int) -> list[_Draft]:
        """The figures of a count and its second count: one per measure its trigger names,
        with the period and comparison of the statement."""
        if c.qualified or clause.under:
            return []
        found = self._measures(t, c, clause.start)
        if not found:
            return []
        trigger_start = min(s for _, s in found)
        if self._subject_excluded(t.toks, clause.start, trigger_start):
            return []
        region = clause.attached.get(id(c))
        group: list[_Count] = [c, *clause.members.get(id(c), [])]
        group_end = max(g.end for g in group)
        first = not any(
            f.start < trigger_start and not (isinstance(f, _Count) and f.anaphoric)
            for f in clause.free
        )
        marker, marker_end = self._period(t, clause, group_end, nxt, trigger_start, first)
        period = marker.year if marker is not None and marker.kind == "year" else None
        previous = marker is not None and marker.kind == "previous"
        end = max(group_end, marker_end, region.end if region is not None else 0)
        drafts: list[_Draft] = []
        for measure, start in sorted(found, key=lambda f: f[1]):
            used: set[int] = set()
            for g in group:
                if g is not c and measure not in _LAW_MEASURES:
                    continue
                d = _Draft(measure, g.value, g.unit, period, previous, start, end)
                if region is not None:
                    self._compare(d, region, used, primary=g is c)
                drafts.append(d)
        return drafts

    def _measures(self, t: _Text, c: _Count, cs: int) -> list[tuple[str, int]]:
        """What a count counts, with where its trigger starts."""
        toks = t.toks
        if c.noun_measure is not None:
            if c.anaphoric or c.form != "plain" or not self._noun_stated(t, c, cs):
                return []
            return [(c.noun_measure, c.start)]
        found: list[tuple[str, int]] = []
        p = c.start
        through_article = False
        for _ in range(5):
            for measure, start in t.triggers_by_end.get(p, []):
                if start < cs or c.unit not in _UNITS_OF[measure]:
                    continue
                if (c.anaphoric or through_article or c.form == "implicit") and (
                    measure != "victims_assisted"
                ):
                    continue
                known = [i for i, (m, _) in enumerate(found) if m == measure]
                if not known:
                    found.append((measure, start))
                elif start < found[known[0]][1]:
                    found[known[0]] = (measure, start)
            if found:
                break
            prev = toks.lower(p - 1)
            if prev == "the" and not through_article:
                through_article = True
            elif prev not in self._w["number_filler"]:
                break
            p -= 1
        if found:
            before = toks.lower(min(s for _, s in found) - 1)
            if before in self._w["partial_adverbs"] or before in self._w["ordinal_blockers"]:
                return []
            if all(m in _VICTIM_MEASURES for m, _ in found):
                found = self._chain(t, found, cs)
            return found
        if c.form != "plain" or c.anaphoric:
            return []
        if c.unit == "victims":
            return self._post_trigger(t, c)
        return self._lead(t, c, p, cs)

    def _noun_stated(self, t: _Text, c: _Count, cs: int) -> bool:
        """Whether a measure-noun count is stated as the measure (``reported 530
        investigations``, ``resulting in 33 convictions``, ``80 investigations (60 in 2019),
        30 prosecutions``) rather than used as a subject or a prepositional object."""
        toks = t.toks
        p = c.start
        while p - 1 >= cs and toks.lowers[p - 1] in self._w["number_filler"]:
            p -= 1
        if p - 1 < cs:
            return False
        for lic in self._noun_licensors:
            if tuple(toks.lowers[p - len(lic) : p]) == lic:
                return True
        prev = toks.lowers[p - 1]
        if prev in {",", "and", "or"}:
            q = p - 1
            while q - 1 >= cs and toks.lowers[q - 1] in {",", "and", "or"}:
                q -= 1
            earlier = [x for x in t.cands if cs <= x.start and x.end <= q and x.start < c.start]
            if not earlier or not isinstance(earlier[-1], _Count):
                return False
            e = earlier[-1]
            gap = toks.lowers[e.end : q]
            if gap and not (gap[0] == "(" and gap[-1] == ")"):
                return False
            return bool(self._measures(t, e, cs))
        return prev.isalpha() and prev not in self._w["noun_count_blockers"]

    def _chain(self, t: _Text, found: list[tuple[str, int]], cs: int) -> list[tuple[str, int]]:
        """``identifying and referring to care 530 victims``: both victim measures count."""
        start = min(s for _, s in found)
        while True:
            q = start
            while t.toks.lower(q - 1) in {"and", "or", ","} and q - 1 > cs:
                q -= 1
            if q == start:
                return found
            prior = [
                (m, s)
                for m, s in t.triggers_by_end.get(q, [])
                if m in _VICTIM_MEASURES and s >= cs and all(m != f for f, _ in found)
            ]
            if not prior:
                return found
            found.extend(prior)
            start = min(s for _, s in prior)

    def _post_trigger(self, t: _Text, c: _Count) -> list[tuple[str, int]]:
        """``Twenty-three victims, including ..., received services``."""
        toks = t.toks
        k = c.end
        if toks.lower(k) == ",":
            close = next(
                (j for j in range(k + 1, min(k + 14, len(toks.words))) if toks.lowers[j] == ","),
                None,
            )
            k = close + 1 if close is not None else k
        return [(m, c.start) for m in t.post_by_start.get(k, [])]

    def _lead(self, t: _Text, c: _Count, p: int, cs: int) -> list[tuple[str, int]]:
        """``The government decreased prosecutions, completing 33 cases``: a gerund after a
        lead-in that names the measure."""
        toks = t.toks
        q = p - 1
        if toks.lower(q) in self._w["gerund_particles"]:
            q -= 1
        gerund = toks.lower(q)
        if not (gerund.endswith("ing") and gerund.isalpha()) or toks.lower(q - 1) != ",":
            return []
        s = q - 1
        marker = t.marker_ending_at.get(s)
        if marker is not None:
            s = marker.start
        return [(m, q) for m in t.leads_by_end.get(s, []) if c.unit in _UNITS_OF[m] and s - 2 >= cs]

    def _subject_excluded(self, toks: _Tokens, cs: int, trigger_start: int) -> bool:
        """Whether the subject makes the figure a part or someone else's: ``The federal
        government identified 179 victims``, ``NGOs reported assisting 167 victims``."""
        for i in range(cs, trigger_start):
            if toks.lowers[i] in self._w["government_levels"]:
                j = i + 1
                if toks.lower(j) == "-":
                    j += 1
                if toks.lower(j) in self._w["government_heads"]:
                    return True
        for i in range(trigger_start - 1, cs - 1, -1):
            low = toks.lowers[i]
            if low in self._w["government_subjects"]:
                return False
            if low in self._w["nongovernment_subjects"]:
                return True
        return False

    def _period(
        self,
        t: _Text,
        clause: _Clause,
        group_end: int,
        nxt: int,
        trigger_start: int,
        first: bool,
    ) -> tuple[_Marker | None, int]:
        """The period phrase of a figure: after it in its statement, else introducing it.

        Args:
            t: the text.
            clause: the figure's clause.
            group_end: where the figure's counts end.
            nxt: where the clause's next statement begins.
            trigger_start: where the figure's trigger begins.
            first: whether no other count precedes the figure in its clause, so that an
                introductory ``..., in 2016,`` is its own.

        Returns:
            The marker (None when there is none) and the token where the phrase ends (0 when
            the period came before the figure, which is then not part of the phrase).
        """
        toks = t.toks
        regions = clause.regions
        region_at = {r.start: r for r in regions}
        limit = nxt
        later = [
            s
            for s in t.trigger_starts
            if group_end <= s < limit and not any(r.start <= s < r.end for r in regions)
        ]
        if later:
            limit = min(later)
        k = group_end
        while k < limit:
            if k in region_at:
                # A period after "(26 in 2015)" is still the figure's; one after "compared
                # with 762 in 2015 and 65 in 2014" belongs to the comparison.
                if not region_at[k].paren:
                    break
                k = region_at[k].end
                continue
            low = toks.lowers[k]
            if low in self._w["dashes"]:
                k = self._skip_aside(toks, k, limit)
                continue
            if low == "(":
                close = next((j for j in range(k + 1, limit) if toks.lowers[j] == ")"), None)
                k = close + 1 if close is not None else k + 1
                continue
            if k in t.marker_at:
                return t.marker_at[k], t.marker_at[k].end
            k += 1
        openers = self._w["scope_openers"]
        before = [
            m
            for m in t.markers
            if clause.start <= m.start
            and m.end <= trigger_start
            and not any(r.start <= m.start < r.end for r in regions)
        ]
        for m in reversed(before):
            if all(toks.lowers[i] in openers for i in range(clause.start, m.start)):
                return m, 0
            if first and toks.lower(m.end) == ",":
                return m, 0
            if toks.lower(m.end) in {"when", "whereas"}:
                return m, 0  # "on par with the previous reporting period when it initiated ..."
        return None, 0

    def _compare(self, d: _Draft, region: _Region, used: set[int], primary: bool) -> None:
        """Set a draft's comparison from a region, matching numbers by unit."""
        if region.same:
            if primary:
                d.previous_value = d.value
                d.previous_period = self._region_year(region)
            return
        chosen: int | None = None
        for idx, item in enumerate(region.items):
            if idx in used:
                continue
            if (isinstance(item, _Money) and item.currency == d.unit) or (
                isinstance(item, _Count) and item.unit == d.unit
            ):
                chosen = idx
                break
        if chosen is None and primary and not region.strict:
            chosen = next(
                (i for i, it in enumerate(region.items) if isinstance(it, _Num) and i not in used),
                None,
            )
        if chosen is None:
            return
        used.add(chosen)
        d.previous_value = region.items[chosen].value
        d.previous_period = self._region_year(region)

    @staticmethod
    def _region_year(region: _Region) -> int | None:
        """The year a comparison covers, None for "the previous year" or none stated."""
        if region.period is not None and region.period.kind == "year":
            return region.period.year
        return None

    def _funding(self, t: _Text, clause: _Clause, money: _Money, nxt: int) -> list[_Draft]:
        """An amount after a funding trigger of its clause, with nothing that makes it a fine,
        restitution, a wage or a per-head sum, and no other amount in between."""
        if money.currency is None:
            return []
        toks = t.toks
        blockers = self._w["funding_blockers"]
        trigger = None
        for start, end in t.funding:
            if clause.start <= start and end <= money.start:
                trigger = (start, end)
        if trigger is None:
            return []
        gap = range(trigger[1], money.start)
        if len(gap) > self._gap:
            return []
        for i in gap:
            if toks.lowers[i] in blockers or toks.lowers[i] in self._w["dashes"]:
                return []
            if isinstance(t.by_start.get(i), _Money):
                return []
        if toks.lower(money.end) in blockers or toks.lower(money.end + 1) in blockers:
            return []
        first = not any(f.start < trigger[0] for f in clause.free)
        marker, marker_end = self._period(t, clause, money.end, nxt, trigger[0], first)
        region = clause.attached.get(id(money))
        d = _Draft(
            "funding",
            money.value,
            money.currency,
            marker.year if marker is not None and marker.kind == "year" else None,
            marker is not None and marker.kind == "previous",
            trigger[0],
            max(money.end, marker_end, region.end if region is not None else 0),
            usd=money.usd,
        )
        if region is not None:
            if region.same:
                d.previous_value = d.value
                d.previous_period = self._region_year(region)
            else:
                monies = [it for it in region.items if isinstance(it, _Money)]
                if monies:
                    if monies[0].currency == d.unit:
                        d.previous_value = monies[0].value
                        d.previous_period = self._region_year(region)
                elif region.items and isinstance(region.items[0], _Num) and not region.strict:
                    d.previous_value = region.items[0].value
                    d.previous_period = self._region_year(region)
        return [d]

    # ------------------------------------------------------------------ one sentence

    @staticmethod
    def _merge_previous(drafts: list[_Draft]) -> list[_Draft]:
        """A figure of "the previous year" is the comparison of the sentence's figure of the
        same measure and unit stated before it; alone, it is dropped (its year is unknown)."""
        out: list[_Draft] = []
        for d in drafts:
            if not d.previous:
                out.append(d)
                continue
            for earlier in reversed(out):
                if (
                    earlier.measure == d.measure
                    and earlier.unit == d.unit
                    and earlier.previous_value is None
                ):
                    earlier.previous_value = d.value
                    earlier.previous_period = None
                    earlier.end = max(earlier.end, d.end)
                    break
        return out


def _opens_with(t: _Text, cs: int, at: int, openers: frozenset[str]) -> bool:
    """Tell whether a clause opens with ``this``/``which`` and reaches ``at`` within 8 tokens."""
    return t.toks.lower(cs) in openers and at - cs <= 8


def _sentence_spans(table: TokenTable) -> list[tuple[int, int]] | None:
    """Character spans of the doc's sentences, or None when no boundaries are set.

    Reads the ``SENT_START`` flags of the doc's token table instead of ``doc.sents``, which
    builds a Span per sentence.
    """
    if len(table) == 0 or not table.segmented:
        return None
    idx = table.idx
    chars = [0, *(idx[i] for i, flag in enumerate(table.sent_start) if flag == 1 and i > 0)]
    return list(zip(chars, [*chars[1:], len(table.text)], strict=True))


@Language.factory(
    "tip_figures",
    assigns=["doc._.figure_mentions"],
    default_config={"sections": list(DEFAULT_SECTIONS)},
)
def make_figures(nlp: Language, name: str, sections: list[str] | None) -> FigureExtractor:
    """Build the ``tip_figures`` component (patterns are read and compiled once, here).

    Args:
        nlp: the pipeline.
        name: the component's name.
        sections: the section kinds read when a doc says its kind in ``doc._.section``;
            None reads every doc.
    """
    _register_extensions()
    return FigureExtractor(nlp.vocab, name, sections=sections)
