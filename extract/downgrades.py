"""The sentences of a narrative that say its country's downgrade to Tier 3 was automatic.

The Trafficking Victims Protection Act limits how many consecutive years a country may stay on
Tier 2 Watch List; a country that reaches the limit without a waiver is downgraded to Tier 3
by law, and its narrative says so ("was automatically downgraded to Tier 3", "no longer
eligible for a waiver"). The tier-changes query reports such downgrades with the sentence
that states them. Reading those sentences at build time, once per narrative, and recording
them on the narrative (``tip:automaticDowngradeSentence``) spares the query a regular
expression over every sentence of the report at query time (issue #13: 23 s on a 26-year
store).

A sentence counts when its reading text matches a ``says`` pattern of
``patterns/downgrades.jsonl`` and no ``unless`` pattern (a downgrade that *would* have
happened, or a waiver granted instead), case-insensitively.

Example:
    >>> from tipgraph.extract.records import Sentence
    >>> said = Sentence(3, 0, 10, "", "Thailand was automatically downgraded to Tier 3.",
    ...                 "overview")
    >>> waived = Sentence(4, 0, 10, "", "It would have been automatically downgraded.",
    ...                   "overview")
    >>> [s.index for s in automatic_downgrade_sentences([said, waived])]
    [3]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tipgraph.extract import patterns
from tipgraph.extract.records import Sentence

__all__ = ["automatic_downgrade_sentences"]

DOWNGRADES_FILE = "downgrades.jsonl"
KINDS = ("says", "unless")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The ``says`` and the ``unless`` patterns, each joined into one expression.

    Raises:
        ExtractionError: E230 when a row is malformed or its pattern does not compile.
    """
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for line, row in patterns.objects(DOWNGRADES_FILE, "kind", "pattern"):
        kind, pattern = row["kind"], row["pattern"]
        if kind not in KINDS:
            raise patterns.pattern_error(DOWNGRADES_FILE, line,
                                         f"kind must be one of {', '.join(KINDS)}")
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise patterns.pattern_error(DOWNGRADES_FILE, line,
                                         f"pattern does not compile ({exc})") from None
        found[kind].append(pattern)
    if not found["says"]:
        raise patterns.pattern_error(DOWNGRADES_FILE, None, "no 'says' pattern")
    says, unless = ("|".join(f"(?:{p})" for p in found[k]) for k in KINDS)
    never = r"(?!)"  # no 'unless' pattern: nothing vetoes a sentence
    return (re.compile(says, re.IGNORECASE), re.compile(unless or never, re.IGNORECASE))


def automatic_downgrade_sentences(sentences: Iterable[Sentence]) -> list[Sentence]:
    """The sentences, in order, whose reading text says the downgrade was automatic."""
    says, unless = _patterns()
    return [s for s in sentences if says.search(s.clean) and not unless.search(s.clean)]
