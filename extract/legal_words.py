"""The words both legal extractors read, their word lists, and the gazetteer's country words.

``tip_laws`` and ``tip_agencies`` walk the same *words* of a doc (:func:`words_of`: one
regular expression over ``doc.text``, hyphenated words kept whole, a :class:`Word` built only
when a walk reaches it), read their word lists the same way
(:func:`tipgraph.extract.patterns.word_lists`), stop at the same kinds of words
(:func:`is_stop`), write names the same way (:func:`clean_name`) and stop names at the same
country names. These used to live in
``laws.py`` and ``agencies.py``, which then imported each other; here both import them.

Example:
    >>> import spacy
    >>> [w.text for w in words_of(spacy.blank("en")("Jordan's anti-trafficking law"))]
    ['Jordan', "'s", 'anti-trafficking', 'law']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple, overload

from spacy.tokens import Doc

from tipgraph.extract import patterns
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.tokens import TokenTable, tokens_of

__all__ = [
    "Word",
    "Words",
    "all_country_names",
    "clean_name",
    "comma_enumeration",
    "country_table",
    "country_words",
    "glued_plural_possessive",
    "is_stop",
    "text_of",
    "words_and_text",
    "words_of",
]

class Word(NamedTuple):
    """A word of a doc as a reader sees it: "anti-trafficking" and "6/2008" are one word.

    spaCy's English tokenizer splits "anti-trafficking" into three tokens; the rules here
    reason about words, so :func:`words_of` reads them from the text with one regular
    expression (cheaper than walking spaCy tokens) and keeps the doc's sentence starts.
    A NamedTuple, because a doc has tens of thousands of words and tuples are cheap to make.

    Attributes:
        text: the word as written.
        lower: lower-cased text with curly apostrophes straightened.
        start: character offset of its first character in ``doc.text``.
        end: character offset one past its last character.
        sent_start: True when the word opens a sentence or paragraph, so its capital letter
            says nothing about it being a name.
        cap: first character is an upper-case letter.
        upper: an acronym: two or more letters, all capitals (a plural ``s`` allowed).
        alpha: starts with a letter.
    """

    text: str
    lower: str
    start: int
    end: int
    sent_start: bool
    cap: bool
    upper: bool
    alpha: bool


# dotted abbreviations (U.S.), words with inner hyphens, slashes or dots (anti-trafficking,
# 6/2008, 27.14) or an inner apostrophe of a transliterated name after two letters (Ewa’a,
# Ma'an; not a possessive or contraction: country's, didn't, nor d'Ivoire), the possessive
# 's, any other single character. A dot between a lower-case
# and a capital letter is no inner dot: ecoi.net's 2020-2021 copies run list items together
# ("under the trafficking statute.Enhance efforts"), and spaCy's tokenizer splits there too.
# Nor is a dot before a capitalised word ("Law 006/PR/18.Develop formal procedures"): the
# run-together item may follow a number, and no statute number goes on in a lower-case word.
_WORD = re.compile(
    r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:(?:[-/]|\.(?![A-Z])|(?<![a-z])\.(?![A-Z][a-z])"
    r"|(?<=[^\W\d_]{2})['’](?!(?:s|t|re|ve|m|ll|d)\b)(?=[^\W\d_]))[^\W_]+)*"
    r"|['’]s\b|[^\w\s]")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*[A-Z0-9]s?$")


@lru_cache(maxsize=1)
def _spaced_prefix() -> re.Pattern[str]:
    """A hyphen prefix ("anti", "counter", ... of ``patterns/hyphen_prefixes.jsonl``) printed
    with a space after its hyphen before a word: ecoi.net's 2022 copies keep the PDF's
    line-break hyphen and turn the line break into a space ("The Anti- Trafficking Council",
    "its anti- trafficking capacity"). A word that is no prefix ("awareness- raising") is left
    as printed."""
    words = sorted((str(row.value) for row in patterns.load("hyphen_prefixes.jsonl")),
                   key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?i:" + "|".join(map(re.escape, words)) + r")- (?=[^\W\d_])")


def _join_spaced_prefixes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join each spaced prefix (see :func:`_spaced_prefix`), its hyphen and the next word
    into one word, as the unspaced "Anti-Trafficking" is one."""
    joins = {m.start(): m.end() for m in _spaced_prefix().finditer(text)}
    if not joins:
        return spans
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        a, b = spans[i]
        nxt = joins.get(a)
        if (nxt is not None and i + 2 < len(spans)
                and spans[i + 1][0] == b and spans[i + 2][0] == nxt):
            out.append((a, spans[i + 2][1]))
            i += 3
        else:
            out.append((a, b))
            i += 1
    return out


@lru_cache(maxsize=1)
def _detached_prefix() -> re.Pattern[str]:
    """A lower-case time prefix hyphened to a capitalised word ("the then-Ministry of Women,
    Families, and Childhood", legal_years_heldout34's SEN 2019): the prefix dates the name and
    is no part of it (``detached_prefix`` of ``patterns/laws_lexicon.jsonl``)."""
    words = sorted(patterns.word_lists("laws_lexicon.jsonl")["detached_prefix"],
                   key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words)) + r")-(?=[A-Z])")


def _split_detached_prefixes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split each word that opens with a detached prefix (see :func:`_detached_prefix`) into
    the prefix, its hyphen and the capitalised rest, as if written apart."""
    cuts = {m.start(): m.end() for m in _detached_prefix().finditer(text)}
    if not cuts:
        return spans
    out: list[tuple[int, int]] = []
    for a, b in spans:
        rest = cuts.get(a)
        if rest is None or rest >= b:
            out.append((a, b))
            continue
        out.extend(((a, rest - 1), (rest - 1, rest), (rest, b)))
    return out


_SENT_END = frozenset({".", "!", "?"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")"})
_WORDS_KEY = "laws.words"


class Words(Sequence[Word]):
    """The words of one doc, made on first use.

    A report has tens of thousands of words and the rules look at the few around each head
    noun, so only the spans are found up front (one regular-expression pass) and a
    :class:`Word` is built, and kept, when a walk first reaches it.
    """

    __slots__ = ("_cache", "_sent_starts", "_text", "ends", "starts")

    def __init__(self, text: str, sent_starts: set[int]) -> None:
        """Find the word spans of ``text``.

        Args:
            text: the doc's text.
            sent_starts: character offsets where the doc says a sentence starts.
        """
        self._text = text
        self._sent_starts = sent_starts
        spans = [m.span() for m in _WORD.finditer(text)]
        if "- " in text:
            spans = _join_spaced_prefixes(text, spans)
        if "-" in text:
            spans = _split_detached_prefixes(text, spans)
        self.starts: list[int] = [a for a, _ in spans]
        self.ends: list[int] = [b for _, b in spans]
        self._cache: list[Word | None] = [None] * len(spans)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, k: int) -> Word: ...

    @overload
    def __getitem__(self, k: slice) -> list[Word]: ...

    def __getitem__(self, k: int | slice) -> Word | list[Word]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        word = self._cache[k]
        if word is None:
            if k < 0:
                k += len(self.starts)
            word = self._cache[k] = self._make(k)
        return word

    def __iter__(self) -> Iterator[Word]:
        for k in range(len(self.starts)):
            yield self[k]

    def text_at(self, k: int) -> str:
        """The text of word ``k`` without building the word."""
        return self._text[self.starts[k] : self.ends[k]]

    def _make(self, k: int) -> Word:
        text = self._text
        a, b = self.starts[k], self.ends[k]
        x = text[a:b]
        lower = x.lower()
        if "’" in lower:
            lower = lower.replace("’", "'")
        if "- " in lower:
            lower = lower.replace("- ", "-")  # "Anti- Trafficking": see _join_spaced_prefixes
        first = x[0]
        cap = first.isupper()
        return tuple.__new__(
            Word,
            (
                x,
                lower,
                a,
                b,
                self._opens(k),
                cap,
                cap and len(x) > 1 and x[1].isupper() and _ACRONYM.match(x) is not None,
                first.isalpha(),
            ),
        )

    def _opens(self, k: int) -> bool:
        """Does word ``k`` open a sentence (doc boundary, paragraph break, after ``.``)?"""
        a = self.starts[k]
        if k == 0 or a in self._sent_starts:
            return True
        before = self.starts[k - 1]
        if "\n" in self._text[self.ends[k - 1] : a]:
            return True
        prev = self._text[before : self.ends[k - 1]]
        if prev in _SENT_END:
            return True
        return prev in _CLOSERS and k >= 2 and self.text_at(k - 2) in _SENT_END


def words_of(doc: Doc) -> Words:
    """Return the doc's words, found once per doc and shared by both extractors.

    A word opens a sentence when the doc's sentence boundaries say so (when it has them),
    after a paragraph break, or after ``.``/``?``/``!`` (with closing quotes or brackets), so
    the rules still know which capitals are sentence-initial when the boundaries are missing
    or imperfect.

    Args:
        doc: a tokenized doc.

    Returns:
        The words in order, as a lazy sequence (see :class:`Words`).

    Example:
        >>> import spacy
        >>> [w.text for w in words_of(spacy.blank("en")("Jordan's anti-trafficking law"))]
        ['Jordan', "'s", 'anti-trafficking', 'law']
    """
    return words_and_text(doc)[0]


def text_of(doc: Doc) -> str:
    """``doc.text``, read once per doc (spaCy joins it from the tokens on every access)."""
    return tokens_of(doc).text


def words_and_text(doc: Doc) -> tuple[Words, str]:
    """The words and text of a doc, made once and kept with the doc's token table (so
    both components, and a second call, share them)."""
    table = tokens_of(doc)
    words = table.derived.get(_WORDS_KEY)
    if words is None:
        words = table.derived[_WORDS_KEY] = Words(table.text, _doc_sentence_starts(table))
    return words, table.text


def _doc_sentence_starts(table: TokenTable) -> set[int]:
    """Character offsets of the doc's sentence starts, empty when it has no boundaries."""
    if len(table) < 2 or -1 not in table.sent_start:
        return set()  # not segmented
    return {i for i, flag in zip(table.idx, table.sent_start, strict=True) if flag == 1}


def is_stop(lower: str, stop: frozenset[str], ed_ok: frozenset[str]) -> bool:
    """Can the word not modify a head? Function words and common verbs (``stop``), -ed verbs
    (unless listed in ``ed_ok`` or hyphenated) and -ly adverbs (but "assembly", "family").

    Laws and agencies pass their own ``stop`` lists; the rule is one, so both walks stop at
    the same kinds of words.
    """
    return (
        lower in stop
        or (lower.endswith("ed") and lower not in ed_ok and "-" not in lower)
        or (lower.endswith("ly") and lower not in {"assembly", "family"})
    )


def comma_enumeration(
    w: Sequence[Word], k: int, item_word: Callable[[Word], bool], items: int = 6
) -> tuple[int, bool] | None:
    """At the comma ``w[k]``, walk an enumeration inside a name to the "and" that closes it.

    Law titles ("Law Against Sexual Violence, Exploitation, and Trafficking in Persons") and
    body names ("Ministry of Labor, Employment and Social Security") list their items the same
    way: ", Item" runs of words that ``item_word`` accepts, closed by "and" with or without a
    serial comma. What may follow the "and", and which items end the list, is the caller's
    business (a title wants a capital, a body's list must not start another body).

    Returns:
        ``(index of the closing "and", whether a serial comma precedes it)``, or None when the
        words at ``k`` are not such an enumeration (of at most ``items`` items).
    """
    n = len(w)
    m = k
    for _ in range(items):
        if m >= n or w[m].text != ",":
            return None
        m += 1
        if m < n and w[m].lower == "and":
            return m, True
        if m >= n or not item_word(w[m]):
            return None
        while m < n and item_word(w[m]):
            m += 1
        if m < n and w[m].lower == "and":
            return m, False
    return None


def glued_plural_possessive(w: Sequence[Word], k: int) -> bool:
    """Is the word at ``k`` a bare apostrophe glued to a capitalised word ending in "s"
    ("Earners'", "Employees'")? Laws' titles and bodies' names hold such plural possessives
    ("Employees' Minimum Standards Act", "Wage Earners' Welfare Board"); whether this one is
    inside a name is the caller's to say (a country's, "the Philippines'", owns what follows)."""
    return (
        1 <= k < len(w)
        and w[k].lower == "'"
        and w[k].start == w[k - 1].end
        and w[k - 1].cap
        and w[k - 1].alpha
        and w[k - 1].lower.endswith("s")
    )


def clean_name(name: str) -> str:
    """Drop a leading "the" and surrounding quotes/punctuation; collapse whitespace and the
    space after a spaced hyphen prefix ("Anti- Trafficking Council" -> "Anti-Trafficking
    Council")."""
    name = " ".join(name.split())
    if "- " in name:
        name = _spaced_prefix().sub(lambda m: m.group(0)[:-1], name)
    name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    return name.strip(" \"'“”‘’,;:.")


@lru_cache(maxsize=1)
def country_table() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """ISO3 -> (lower-case names, lower-case adjectives), from the shared gazetteer.

    All-capital abbreviations ("US", "UAE") are left out: lower-cased they would be common
    words ("us"), and the rules that use these lists compare lower-case words.
    """
    out = {}
    for iso3, country in load_gazetteer().countries.items():
        names = frozenset(n.lower() for n in country.all_names if not n.isupper())
        adjectives = frozenset(d.lower() for d in country.demonyms if not d.isupper())
        out[iso3] = (names, adjectives)
    return out


def country_words(iso3: str) -> frozenset[str]:
    """Lower-case names and adjectives of a country (``"JAM"`` -> jamaica, jamaican).

    Args:
        iso3: ISO 3166-1 alpha-3 code (Kosovo ``"XKX"``).

    Returns:
        The words, empty for an unknown code.
    """
    names, adjectives = country_table().get(iso3.upper(), (frozenset(), frozenset()))
    return names | adjectives


def all_country_names() -> frozenset[str]:
    """Lower-case names of all countries of the gazetteer."""
    return frozenset(n for names, _ in country_table().values() for n in names)
