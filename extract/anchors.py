"""Run a spaCy ``Matcher`` only where its patterns can match: the windows around anchors.

The ``Matcher`` tries every pattern's first token at every token it is given, and ``IN``
predicates run in Python, so its cost grows with the text it sees times the number of
patterns. Every pattern has a token it cannot match without (its *anchor*: "convicted" in
"convicted 37 traffickers", "fy" in "in FY 2016"); a match lies within the pattern's length
of that token. :func:`anchor_extents` picks one anchor per pattern and says how far a match
can reach on each side of it; :func:`windows` turns the anchors found in a text into the
disjoint token ranges to match, in order. Matching those ranges gives exactly the matches of the
whole text (a match found in a range is a match in the text, and every match lies in the
range of its anchor), in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["UNBOUNDED", "Extents", "anchor_extents", "windows"]

#: Reach of a pattern with a ``+`` or ``*`` token on that side: the rest of the range.
UNBOUNDED = 1 << 62
#: attribute (``"LOWER"`` or ``"ORTH"``) -> value -> (tokens before, tokens after) a match
#: holding that anchor can reach.
Extents = dict[str, dict[str, tuple[int, int]]]

#: Words too frequent to be a good anchor (any other mandatory token is taken first).
_COMMON = frozenset({
    "the", "a", "an", "of", "and", "or", "in", "on", "to", "for", "from", "by", "with", "as",
    "at", "over", "during", "since", "between", "within", "this", "that", ",", ".", "-", "&",
})


def _values(token: dict[str, Any], attr: str) -> list[str] | None:
    value = token.get(attr)
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        values = value["IN"]
        if values and all(isinstance(v, str) for v in values):
            return values
    return None


def _reach(pattern: Sequence[dict[str, Any]]) -> list[int]:
    """Tokens each slot of a pattern can take at most (``+`` and ``*`` are unbounded)."""
    return [UNBOUNDED if t.get("OP", "1") in ("+", "*") else 1 for t in pattern]


def anchor_extents(patterns: Iterable[Sequence[dict[str, Any]]],
                   common: frozenset[str] = _COMMON) -> Extents | None:
    """One anchor per pattern, with how far its matches reach; None if some has none.

    The anchor is a mandatory token (no ``OP``, ``"1"`` or ``"+"``) that constrains
    ``LOWER`` or ``ORTH`` to a string or an ``IN`` list, the one with the fewest common
    words and then the fewest values.

    Example:
        >>> anchor_extents([[{"LOWER": "in"}, {"LOWER": {"IN": ["fy", "cy"]}}, {"SHAPE": "dddd"}]])
        {'LOWER': {'fy': (1, 1), 'cy': (1, 1)}}
    """
    out: Extents = {"LOWER": {}, "ORTH": {}}
    for pattern in patterns:
        best: tuple[tuple[int, int], int, str, list[str]] | None = None
        for k, token in enumerate(pattern):
            if token.get("OP", "1") not in ("1", "+"):
                continue
            for attr in ("LOWER", "ORTH"):
                values = _values(token, attr)
                if values is None:
                    continue
                score = (sum(v.lower() in common for v in values), len(values))
                if best is None or score < best[0]:
                    best = (score, k, attr, values)
        if best is None:
            return None
        _score, k, attr, values = best
        reach = _reach(pattern)
        before, after = min(UNBOUNDED, sum(reach[:k])), min(UNBOUNDED, sum(reach[k + 1:]))
        for v in values:
            b, a = out[attr].get(v, (0, 0))
            out[attr][v] = (max(b, before), max(a, after))
    return {attr: found for attr, found in out.items() if found}


def windows(hits: Iterable[tuple[int, tuple[int, int]]], lo: int,
            hi: int) -> list[tuple[int, int]]:
    """Disjoint ``[start, end)`` token ranges within ``[lo, hi)`` around anchor hits, in order.

    Args:
        hits: ``(token index, (before, after))`` of every anchor in the range.
        lo: first token of the range.
        hi: one past its last token.
    """
    out: list[tuple[int, int]] = []
    # Sorted by start: an anchor with a longer reach backwards can start before the last one.
    for a, b in sorted((max(lo, i - before), min(hi, i + after + 1)) for i, (before, after)
                       in hits):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out
