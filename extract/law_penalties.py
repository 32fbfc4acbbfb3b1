"""Prison terms stated for a law: "up to 20 years imprisonment", "life imprisonment".

A penalty goes to the law mention that precedes it in the same sentence (or, failing that,
the first one of the sentence); each mention keeps the first term it is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tipgraph.extract.legal_words import Word

__all__ = ["penalties"]

_NUM_WORD = (
    r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-five|thirty|"
    r"forty|fifty)"
)
_UNIT = r"(?:years?|months?)(?:['’])?"
_JAIL = (
    r"(?:imprisonment|in\s+prison|prison|incarceration|in\s+jail|jail|deprivation\s+of\s+liberty)"
)
_JAIL_HINT = re.compile(r"impris|prison|jail|incarcerat|liberty|penalt|sentence|punish", re.I)
# older reports drop the word: "prescribes penalties of five to 15 years"
_TERM_AFTER_PENALTY = re.compile(
    rf"(?:penalt(?:y|ies)|sentences?|punishments?|punishable)\s+(?:that\s+range\s+|ranging\s+)?"
    rf"(?:of|from|by)\s+((?:up\s+to\s+|between\s+)?{_NUM_WORD}(?:\s+{_UNIT})?"
    rf"(?:\s*(?:-|–|to|and)\s*{_NUM_WORD})?\s+{_UNIT})",
    re.I,
)
_PENALTY = re.compile(
    rf"(?:(?:up\s+to|as\s+much\s+as|a\s+maximum\s+of|maximum\s+of|at\s+least|a\s+minimum\s+of|"
    rf"minimum\s+of|between)\s+)?{_NUM_WORD}(?:\s+{_UNIT})?"
    rf"(?:\s*(?:-|–|to|and)\s*{_NUM_WORD})?\s+{_UNIT}\s+(?:of\s+)?{_JAIL}"
    rf"|{_JAIL}\s+(?:of|for)\s+(?:up\s+to\s+|between\s+|at\s+least\s+)?{_NUM_WORD}"
    rf"(?:\s*(?:-|–|to|and)\s*{_NUM_WORD})?\s+{_UNIT}"
    rf"|{_NUM_WORD}\s+{_UNIT}\s+to\s+life(?:\s+imprisonment)?"
    rf"|life\s+imprisonment",
    re.I,
)


def penalties(text: str, w: Sequence[Word], spans: list[tuple[int, int]]) -> dict[int, str]:
    """The prison term of each mention (by index in ``spans``) that its sentence gives.

    Args:
        text: the doc's text.
        w: its words.
        spans: ``(first word, last word)`` of each law mention, in order.

    Returns:
        ``{mention index: term as written, whitespace collapsed}``.
    """
    found: dict[int, str] = {}
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for idx, (first, name_last) in enumerate(spans):
        by_sentence.setdefault(_sentence_around(w, first, name_last, len(text)), []).append(idx)
    for (s_start, s_end), idxs in by_sentence.items():
        if not _JAIL_HINT.search(text, s_start, s_end):
            continue  # the full pattern is slow to try at every position
        terms = [(m.start(), m.group(0)) for m in _PENALTY.finditer(text, s_start, s_end)]
        if not terms:
            terms = [
                (m.start(1), m.group(1))
                for m in _TERM_AFTER_PENALTY.finditer(text, s_start, s_end)
            ]
        for pos, term in terms:
            before = [x for x in idxs if w[spans[x][1]].end <= pos]
            owner = before[-1] if before else idxs[0]
            found.setdefault(owner, " ".join(term.split()))
    return found


def _sentence_around(w: Sequence[Word], first: int, last: int, size: int) -> tuple[int, int]:
    """Character span of the sentence holding words ``first..last`` (as the words see it)."""
    j = first
    while j > 0 and not w[j].sent_start:
        j -= 1
    k = last + 1
    n = len(w)
    while k < n and not w[k].sent_start:
        k += 1
    return w[j].start, (w[k].start if k < n else size)
