"""The Matcher of ``tip_figures``: triggers, lead-ins, funding words, comparison cues, periods.

``figures.jsonl`` holds the spaCy ``Matcher`` patterns, one per line with its ``label``
(``TRIGGER``, ``POST_TRIGGER``, ``LEAD``, ``FUNDING``, ``COMPARE``, ``SAME``, ``PERIOD``) and
the ``measure`` or ``kind`` it stands for; a ``"@list"`` value is the word list of that name
in ``figures_lexicon.jsonl``. :meth:`FigureMatcher.read` runs them over the sentences of a
text that hold a count or an amount, only around the patterns' anchors
(:mod:`tipgraph.extract.anchors`), and gathers the hits in a
:class:`~tipgraph.extract.figure_text.Reading`.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tipgraph.extract.anchors import anchor_extents, windows
from tipgraph.extract.figure_counts import read_candidates, read_numbers
from tipgraph.extract.figure_periods import period_marker
from tipgraph.extract.figure_rules import PATTERN_FILE, UNITS_OF, FigureRules, Lexicon
from tipgraph.extract.figure_text import Marker, Reading, Tokens
from tipgraph.extract.patterns import objects, pattern_error

__all__ = ["LABELS", "FigureMatcher"]

#: The labels a line of ``figures.jsonl`` may have.
LABELS = frozenset({"TRIGGER", "POST_TRIGGER", "LEAD", "FUNDING", "COMPARE", "SAME", "PERIOD"})


def _expand(node: Any, lex: Lexicon) -> Any:
    """A pattern with each ``"@list"`` string replaced by that word list, sorted."""
    if isinstance(node, dict):
        return {k: _expand(v, lex) for k, v in node.items()}
    if isinstance(node, list):
        return [_expand(v, lex) for v in node]
    if isinstance(node, str) and node.startswith("@"):
        return sorted(lex.words(node[1:]))
    return node


class FigureMatcher:
    """One compiled Matcher of ``figures.jsonl`` and the reading of a text with it.

    Args:
        vocab: the pipeline's vocabulary, shared by the Matcher.
        rules: the figure rules (for ``"@list"`` references and the number readers).

    Raises:
        ExtractionError: E230 with the file and line when a pattern line is broken.
    """

    def __init__(self, vocab: Vocab, rules: FigureRules) -> None:
        self.vocab = vocab
        self.rules = rules
        self.matcher = Matcher(vocab, validate=True)
        self._labels: dict[int, tuple[str, str]] = {}
        grouped: dict[str, list[list[dict[str, Any]]]] = {}
        expanded: list[list[dict[str, Any]]] = []
        for line, row in objects(PATTERN_FILE):
            label = row.get("label")
            pattern = row.get("pattern")
            if label not in LABELS:
                raise pattern_error(
                    PATTERN_FILE,
                    line,
                    f"unknown label {label!r}; known: {', '.join(sorted(LABELS))}",
                )
            detail = str(row.get("measure") or row.get("kind") or "")
            if label in {"TRIGGER", "POST_TRIGGER", "LEAD"} and detail not in UNITS_OF:
                raise pattern_error(
                    PATTERN_FILE,
                    line,
                    f"measure {detail!r} is not one of {', '.join(UNITS_OF)}",
                )
            if not isinstance(pattern, list) or not pattern:
                raise pattern_error(PATTERN_FILE, line, "'pattern' must be a non-empty list")
            expanded.append(_expand(pattern, rules.lexicon))
            grouped.setdefault(f"{label}|{detail}", []).append(expanded[-1])
        for key, patterns in grouped.items():
            try:
                self.matcher.add(key, patterns)
            except (ValueError, KeyError) as exc:
                raise pattern_error(
                    PATTERN_FILE, None, f"invalid Matcher pattern for {key}: {exc}"
                ) from exc
            label, detail = key.split("|")
            self._labels[self.vocab.strings[key]] = (label, detail)
        self.extents = anchor_extents(expanded)

    def read(self, toks: Tokens, ranges: list[tuple[int, int]], country: str | None) -> Reading:
        """Find every number, count and amount of a text, and match the sentences that hold
        one (a sentence without a count or an amount states no figure, and matching only
        those keeps the Matcher off most of a narrative)."""
        numbers = read_numbers(self.rules, toks)
        cands = read_candidates(self.rules, toks, numbers, country)
        starts = [c.start for c in cands]
        t = Reading(toks, numbers, cands, starts, {c.start: c for c in cands})
        if not cands:
            return t
        spans = [
            w
            for ts, te in ranges
            if (i := bisect_left(starts, ts)) < len(starts) and starts[i] < te
            for w in self.sentence_windows(toks, ts, te)
        ]
        # One doc of the windows' words only, each window matched as a span of its own.
        doc = Doc(self.vocab, words=[w for a, b in spans for w in toks.words[a:b]])
        matches: list[tuple[int, int, int]] = []
        at = 0
        for a, b in spans:
            matches.extend((m, a + s, a + e) for m, s, e in self.matcher(doc[at : at + b - a]))
            at += b - a
        self._sort_matches(t, matches)
        return t

    def _sort_matches(self, t: Reading, matches: list[tuple[int, int, int]]) -> None:
        """File each match under its label; of overlapping period phrases the longest wins
        ("in the previous reporting period" over "the previous reporting period")."""
        markers: list[Marker] = []
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
                marker = period_marker(self.rules, t.toks, start, end, detail)
                if marker is not None:
                    markers.append(marker)
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

    def sentence_windows(self, toks: Tokens, ts: int, te: int) -> list[tuple[int, int]]:
        """The token ranges of sentence ``[ts, te)`` where a pattern can match: around the
        patterns' anchors (see :mod:`tipgraph.extract.anchors`), the Matcher's ``IN``
        predicates cost more than the rest of the component when it sees every token."""
        if self.extents is None:
            return [(ts, te)]
        by_lower = self.extents.get("LOWER", {})
        by_orth = self.extents.get("ORTH", {})
        lowers, words = toks.lowers, toks.words
        hits = [(k, by_lower[lowers[k]]) for k in range(ts, te) if lowers[k] in by_lower]
        if by_orth:
            hits += [(k, by_orth[words[k]]) for k in range(ts, te) if words[k] in by_orth]
        return windows(hits, ts, te)
