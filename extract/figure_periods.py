"""When a figure was counted: period phrases (``in 2016``, ``during the previous year``).

A figure's ``period`` is a year only where the text states one for it: after the figure in
its statement (skipping a parenthesised comparison and dashed asides), or introducing it
(``In 2016, ...``, ``Of the 26 cases concluded in 2016, ...``). A figure of "the previous
year" is folded into the comparison of the same measure stated before it
(:func:`merge_previous`). See :mod:`tipgraph.extract.figures` for the rules in full.
"""

from __future__ import annotations

from tipgraph.extract.figure_rules import FigureRules
from tipgraph.extract.figure_text import YEAR, Clause, Draft, Marker, Reading, Region, Tokens

__all__ = ["figure_period", "merge_previous", "period_marker", "region_year", "skip_aside"]


def period_marker(
    rules: FigureRules, toks: Tokens, start: int, end: int, kind: str
) -> Marker | None:
    """A period phrase; a ``year`` one needs a real year (patterns match any ``dddd``)."""
    words = toks.words[start:end]
    years = [int(w) for w in words if YEAR.match(w)]
    if not years and any(len(w) == 4 and w.isdigit() for w in words):
        return None
    if kind != "year":
        return Marker(start, end, kind)
    year = years[0]
    after = end + 1
    if (
        toks.lower(end) in rules.w["range_separators"]
        and after < len(toks.words)
        and toks.words[after].isdigit()
    ):
        return Marker(start, after + 1, "other")
    return Marker(start, end, "year", year)


def figure_period(
    rules: FigureRules,
    t: Reading,
    clause: Clause,
    group_end: int,
    nxt: int,
    trigger_start: int,
    first: bool,
) -> tuple[Marker | None, int]:
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
    after = _period_after(rules, t, clause, group_end, nxt)
    if after is not None:
        return after, after.end
    return _period_before(rules, t, clause, trigger_start, first), 0


def _period_after(
    rules: FigureRules, t: Reading, clause: Clause, group_end: int, nxt: int
) -> Marker | None:
    """The period phrase after a figure, up to the next statement's trigger; a dashed aside
    or a parenthesis is skipped, a comparison other than ``(26 in 2015)`` ends the search."""
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
        if low in rules.w["dashes"]:
            k = skip_aside(rules, toks, k, limit)
            continue
        if low == "(":
            close = next((j for j in range(k + 1, limit) if toks.lowers[j] == ")"), None)
            k = close + 1 if close is not None else k + 1
            continue
        if k in t.marker_at:
            return t.marker_at[k]
        k += 1
    return None


def _period_before(
    rules: FigureRules, t: Reading, clause: Clause, trigger_start: int, first: bool
) -> Marker | None:
    """The period phrase introducing a figure: one that opens its clause (after scope
    words), an introductory ``..., in 2016,`` when no count precedes, or one followed by
    ``when``/``whereas``."""
    toks = t.toks
    regions = clause.regions
    openers = rules.w["scope_openers"]
    before = [
        m
        for m in t.markers
        if clause.start <= m.start
        and m.end <= trigger_start
        and not any(r.start <= m.start < r.end for r in regions)
    ]
    for m in reversed(before):
        if all(toks.lowers[i] in openers for i in range(clause.start, m.start)):
            return m
        if first and toks.lower(m.end) == ",":
            return m
        if toks.lower(m.end) in {"when", "whereas"}:
            return m  # "on par with the previous reporting period when it initiated ..."
    return None


def skip_aside(rules: FigureRules, toks: Tokens, k: int, limit: int) -> int:
    """Jump over ``—three men and one girl—`` (or to ``limit`` if it does not close)."""
    for j in range(k + 1, limit):
        if toks.lowers[j] in rules.w["dashes"]:
            return j + 1
    return limit


def region_year(region: Region) -> int | None:
    """The year a comparison covers, None for "the previous year" or none stated."""
    if region.period is not None and region.period.kind == "year":
        return region.period.year
    return None


def merge_previous(drafts: list[Draft]) -> list[Draft]:
    """A figure of "the previous year" is the comparison of the sentence's figure of the
    same measure and unit stated before it; alone, it is dropped (its year is unknown)."""
    out: list[Draft] = []
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
