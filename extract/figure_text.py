"""What ``tip_figures`` reads from one text: its tokens, and the parts found in them.

The readers work in token offsets of the component's own tokenisation (:func:`tokenize`),
finer than spaCy's English tokenizer, which keeps ``traffickers—18`` and ``NT$5,000``
whole. A number (:class:`Num`) becomes a count (:class:`Count`) or an amount of money
(:class:`Money`); period phrases are :class:`Marker` s, comparisons :class:`Region` s; the
Matcher's hits over a text are gathered in a :class:`Reading`, a clause's statements and
comparisons in a :class:`Clause`, and the figures being assembled are :class:`Draft` s.
These are plain records, so each reader module can take them without importing another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "DIGITS",
    "QUOTES",
    "YEAR",
    "Cand",
    "Clause",
    "Count",
    "Draft",
    "Marker",
    "Money",
    "Num",
    "Reading",
    "Region",
    "Tokens",
    "tokenize",
]

# Tokens of the component's own fine-grained tokenisation: numbers with thousands separators
# and decimals stay whole; letters and digits are split ("RM3", "traffickers—18"); a
# converter's backslash before punctuation ("\$") is skipped so unrepaired text reads alike.
_TOKEN = re.compile(
    r"\\(?=[$*_#\[\]().\-+!])|(\d+(?:,\d{3})*(?:\.\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*|\S)"
)
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
YEAR = re.compile(r"^(?:19|20)\d\d$")
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


@dataclass(slots=True)
class Tokens:
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
class Num:
    """A number: ``nine``, ``Twenty-three``, ``1,234``, ``32.5 million``."""

    start: int
    end: int
    value: Decimal


@dataclass(slots=True)
class Count:
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
class Money:
    """An amount with its currency (None when not clear) and the report's USD conversion."""

    start: int
    end: int
    value: Decimal
    currency: str | None
    usd: Decimal | None


Cand = Count | Money


@dataclass(slots=True)
class Marker:
    """A period phrase: a ``year``, the ``current`` or ``previous`` period, or ``other``."""

    start: int
    end: int
    kind: str
    year: int | None = None


@dataclass(slots=True)
class Region:
    """A comparison: the previous period's numbers and the period they cover."""

    start: int
    end: int
    items: list[Cand | Num] = field(default_factory=list)
    period: Marker | None = None
    same: bool = False
    respectively: bool = False
    paren: bool = False
    strict: bool = False  # only counts and amounts, no bare numbers ("to €133,275 from ...")


@dataclass(slots=True)
class Draft:
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
class Reading:
    """What is read from one text before its sentences are assembled."""

    toks: Tokens
    numbers: dict[int, Num]
    cands: list[Cand]
    cand_starts: list[int]
    by_start: dict[int, Cand]
    triggers_by_end: dict[int, list[tuple[str, int]]] = field(default_factory=dict)
    trigger_ends_by_start: dict[int, list[int]] = field(default_factory=dict)
    post_by_start: dict[int, list[str]] = field(default_factory=dict)
    leads_by_end: dict[int, list[str]] = field(default_factory=dict)
    funding: list[tuple[int, int]] = field(default_factory=list)
    cues: list[tuple[int, int, bool]] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    marker_at: dict[int, Marker] = field(default_factory=dict)
    marker_ending_at: dict[int, Marker] = field(default_factory=dict)
    trigger_starts: set[int] = field(default_factory=set)


@dataclass(slots=True)
class Clause:
    """One clause (a sentence up to or between semicolons) with its comparisons resolved."""

    start: int
    end: int
    free: list[Cand]
    regions: list[Region]
    primaries: list[Cand]
    members: dict[int, list[Count]]
    attached: dict[int, Region]
    breakdown: set[int]
    orphans: list[Region]
    under: bool


def tokenize(text: str) -> Tokens:
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
    return Tokens(words, [w.lower() for w in words], starts, ends, glued)
