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

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tipgraph.extract.figure_clauses import read_clause
from tipgraph.extract.figure_compare import attach_orphan
from tipgraph.extract.figure_matches import FigureMatcher
from tipgraph.extract.figure_measures import count_drafts
from tipgraph.extract.figure_money import funding_drafts
from tipgraph.extract.figure_periods import merge_previous
from tipgraph.extract.figure_rules import (
    COUNT_UNITS,
    E_PATTERN_DATA,
    MEASURES,
    PATTERN_FILE,
    load_rules,
)
from tipgraph.extract.figure_text import Clause, Draft, Money, Reading, tokenize
from tipgraph.extract.records import Figure, Sentence
from tipgraph.extract.tokens import TokenTable, tokens_of

__all__ = [
    "COUNT_UNITS",
    "DEFAULT_SECTIONS",
    "E_PATTERN_DATA",
    "MEASURES",
    "PATTERN_FILE",
    "FigureExtractor",
    "FigureMention",
    "figures_from_mentions",
    "make_figures",
]

#: Section kinds read by default: where the report states the government's statistics. The
#: introduction repeats them in summary and the profile quotes others' estimates.
DEFAULT_SECTIONS = ("prosecution", "protection", "prevention")


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


class FigureExtractor:
    """The ``tip_figures`` pipeline component; see the module docstring for the rules.

    It tokenises ``doc.text`` once more, finer than spaCy's English tokenizer (which keeps
    ``traffickers—18`` and ``NT$5,000`` whole), runs one Matcher over that
    (:mod:`~tipgraph.extract.figure_matches`), and reads the figures clause by clause of each
    sentence (``doc.sents`` when set, else the whole text): counts
    (:mod:`~tipgraph.extract.figure_counts`, :mod:`~tipgraph.extract.figure_measures`), money
    (:mod:`~tipgraph.extract.figure_money`), periods (:mod:`~tipgraph.extract.figure_periods`)
    and comparisons (:mod:`~tipgraph.extract.figure_compare`).

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
        self._rules = load_rules()
        self.matcher = FigureMatcher(vocab, self._rules)

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
        toks = tokenize(text)
        spans = sentences if sentences is not None else [(0, len(text))]
        ranges = [(bisect_left(toks.starts, a), bisect_left(toks.starts, b)) for a, b in spans]
        t = self.matcher.read(toks, ranges, country)
        drafts: list[Draft] = []
        history: list[Draft] = []
        for ts, te in ranges:
            first = bisect_left(t.cand_starts, ts)
            if first == len(t.cand_starts) or t.cand_starts[first] >= te:
                history = []  # no count or amount: no figure, and nothing to compare with
                continue
            history = merge_previous(self._sentence(t, ts, te, history))
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

    def _sentence(self, t: Reading, ts: int, te: int, history: list[Draft]) -> list[Draft]:
        """The figures of sentence ``[ts, te)``, clause by clause; a comparison that opens a
        clause of its own goes to the latest figure of ``history`` (the sentence before) or of
        this sentence."""
        rules = self._rules
        sentence: list[Draft] = []
        cs = ts
        for i in range(ts, te + 1):
            if i < te and t.toks.lowers[i] not in rules.w["clause_breaks"]:
                continue
            if cs < i:
                clause = read_clause(rules, t, cs, i)
                for region in clause.orphans:
                    attach_orphan(t, region, [*history, *sentence])
                sentence.extend(self._drafts(t, clause))
            cs = i + 1
        return sentence

    def _drafts(self, t: Reading, clause: Clause) -> list[Draft]:
        """The figures of a clause's statements, breakdowns left out."""
        drafts: list[Draft] = []
        primaries = clause.primaries
        for i, c in enumerate(primaries):
            if id(c) in clause.breakdown:
                continue
            nxt = primaries[i + 1].start if i + 1 < len(primaries) else clause.end
            if isinstance(c, Money):
                drafts.extend(funding_drafts(self._rules, t, clause, c, nxt))
            else:
                drafts.extend(count_drafts(self._rules, t, clause, c, nxt))
        return drafts


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
