"""One table of a doc's tokens, read once per doc and shared by every tipgraph component.

The extractors look at each token many times, by index. Reading ``token.lower_`` in a loop
makes a spaCy ``Token`` object per access, and ``doc.text`` joins the text from the tokens
again on every access; in a profile of the build, making those objects was more than half
of ``tip_flows``, and ``tip_laws``, ``tip_agencies`` and ``tip_figures`` each paid for
``doc.text`` once more. :func:`tokens_of` instead reads the token attributes with one
``Doc.to_array`` call, turns the ``LOWER`` hashes into strings through a cache of the words
seen so far, and keeps the result on the doc (``doc._.tip_tokens``), so the components
after the first one get it for free.

The table is made on first use. It is valid as long as the doc keeps its tokens and its
sentence boundaries: the pipeline sets boundaries first (``tip_sentencizer``) and no
component retokenizes. A doc whose length changed since is read again.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("Nigerian women in Italy.")
    >>> table = tokens_of(doc)
    >>> table.lower, table.idx
    (['nigerian', 'women', 'in', 'italy', '.'], [0, 9, 15, 18, 23])
    >>> tokens_of(doc) is table
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import numpy
from numpy.typing import NDArray
from spacy.attrs import (
    IDX,
    IS_PUNCT,
    IS_SPACE,
    IS_TITLE,
    LENGTH,
    LIKE_NUM,
    LOWER,
    ORTH,
    SENT_START,
    SPACY,
)
from spacy.tokens import Doc

__all__ = ["TokenTable", "token_strings", "tokens_of"]

_EXTENSION = "tip_tokens"
_COLUMNS = [ORTH, LOWER, IDX, LENGTH, SENT_START, SPACY, IS_SPACE, IS_PUNCT, LIKE_NUM, IS_TITLE]

if not Doc.has_extension(_EXTENSION):
    Doc.set_extension(_EXTENSION, default=None)


@dataclass(slots=True, eq=False)
class TokenTable:
    """The attributes of a doc's tokens the components read, as plain Python lists.

    Attributes:
        text: ``doc.text``.
        lower: ``token.lower_`` of every token.
        idx: ``token.idx`` (character offset in ``text``) of every token.
        ends: ``token.idx + len(token)``, one past its last character.
        space: ``token.is_space``.
        punct: ``token.is_punct``.
        num: ``token.like_num``.
        title: ``token.is_title``.
        sent_start: ``token.sent_start`` (1 opens a sentence, -1 does not, 0 unset).
        segmented: whether the doc has sentence boundaries
            (``doc.has_annotation("SENT_START")``).
        sentences: ``(start, end)`` token ranges of ``doc.sents``; empty when not segmented.
        orth_ids: the ``ORTH`` hashes as an array (for ``numpy.isin`` anchor searches).
        lower_ids: the ``LOWER`` hashes as an array.
        derived: other per-doc tables made from this one, by the component that needs them
            (the word table of ``tip_laws`` and ``tip_agencies``), so they share its life.
    """

    text: str
    lower: list[str]
    idx: list[int]
    ends: list[int]
    space: list[bool]
    punct: list[bool]
    num: list[bool]
    title: list[bool]
    sent_start: list[int]
    segmented: bool
    sentences: list[tuple[int, int]]
    orth_ids: NDArray[numpy.uint64]
    lower_ids: NDArray[numpy.uint64]
    derived: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lower)


def tokens_of(doc: Doc) -> TokenTable:
    """The token table of ``doc``, made on the first call and kept on the doc.

    Args:
        doc: a tokenized doc (with its sentence boundaries set, if it is to have any).
    """
    table: TokenTable | None = doc._.get(_EXTENSION)
    if table is None or len(table) != len(doc):
        table = _read(doc)
        doc._.set(_EXTENSION, table)
    return table


#: hash -> string of the words seen so far. A hash is a function of the string alone (the
#: same in every vocab), so one cache serves every pipeline, and a word is looked up in a
#: StringStore once per process rather than once per token.
_WORDS: dict[int, str] = {}


def token_strings(doc: Doc, hashes: list[int]) -> list[str]:
    """The strings of ``hashes`` (hashes of ``doc``'s vocab, such as a ``Doc.to_array``
    column of ``ORTH`` or ``LOWER``), in order, without making a ``Token`` per token."""
    if len(hashes) < 2:
        return [doc.vocab.strings[h] for h in hashes]
    try:
        return list(itemgetter(*hashes)(_WORDS))
    except KeyError:
        strings = doc.vocab.strings
        for h in set(hashes).difference(_WORDS):
            _WORDS[h] = strings[h]
        return list(itemgetter(*hashes)(_WORDS))


def _read(doc: Doc) -> TokenTable:
    n = len(doc)
    arr = doc.to_array(_COLUMNS).reshape(n, len(_COLUMNS))
    lower = token_strings(doc, arr[:, 1].tolist())
    sent_start = arr[:, 4].astype(numpy.int64).tolist()  # uint64 holds -1 as 2**64-1
    if "sents" in doc.user_hooks:
        segmented = doc.has_annotation("SENT_START")
        sentences = [(s.start, s.end) for s in doc.sents] if segmented else []
    else:
        segmented = n <= 1 or any(sent_start[1:])
        starts = [0, *(i for i in range(1, n) if sent_start[i] == 1)]
        sentences = list(zip(starts, [*starts[1:], n], strict=True)) if segmented and n else []
    flags = arr[:, 6:].astype(bool)
    return TokenTable(
        text=_text(doc, arr[:, 0].tolist(), arr[:, 5].tolist()),
        lower=lower,
        idx=arr[:, 2].tolist(),
        ends=(arr[:, 2] + arr[:, 3]).tolist(),
        space=flags[:, 0].tolist(),
        punct=flags[:, 1].tolist(),
        num=flags[:, 2].tolist(),
        title=flags[:, 3].tolist(),
        sent_start=sent_start,
        segmented=segmented,
        sentences=sentences,
        orth_ids=numpy.array(arr[:, 0], dtype=numpy.uint64),
        lower_ids=numpy.array(arr[:, 1], dtype=numpy.uint64),
    )


def _text(doc: Doc, orth: list[int], spacy: list[int]) -> str:
    """``doc.text`` from the ``ORTH`` and ``SPACY`` columns: spaCy's own property makes a
    ``Token`` per token to join it, which profiled as much as the rest of the table."""
    words = token_strings(doc, orth)
    return "".join([w + " " if s else w for w, s in zip(words, spacy, strict=True)])
