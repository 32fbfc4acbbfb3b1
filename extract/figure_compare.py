"""Comparisons: the previous period's numbers a figure is stated against.

A comparison follows its figure in the clause: after a cue (``compared with 54 in 2015``,
``up from 38``, ``the same as in 2015``), after ``from`` right behind an amount (``to
€133,275 from €162,562 in 2015``), or in parentheses holding a number and a previous period
(``(26 in 2015)``). Its numbers are matched to the figure by unit, in order for parallel
lists and ``respectively``; a comparison that opens its own clause (``this was an increase
from 14 ... in 2015``) compares with the latest earlier figure of its unit
(:func:`attach_orphan`).
"""

from __future__ import annotations

from tipgraph.extract.figure_periods import region_year, skip_aside
from tipgraph.extract.figure_rules import UNITS_OF, FigureRules
from tipgraph.extract.figure_text import Cand, Count, Draft, Money, Num, Reading, Region

__all__ = [
    "attach_orphan",
    "comparison_regions",
    "fill_region",
    "measure_hint",
    "opens_figure",
    "parallel_pairs",
    "set_comparison",
]


def comparison_regions(rules: FigureRules, t: Reading, cs: int, ce: int) -> list[Region]:
    """A clause's comparisons: after a cue (``compared with``, ``up from``, ``the same
    as``), after ``from`` right behind an amount, and parentheses holding a number and a
    previous period (``(26 in 2015)``)."""
    toks = t.toks
    regions: list[Region] = []
    for start, end, same in t.cues:
        if not cs <= start < ce:
            continue
        region = Region(start, end, same=same)
        fill_region(rules, t, region, end, ce, stop=None)
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
            region = Region(c.end, c.end + 1, strict=True)
            fill_region(rules, t, region, c.end + 1, ce, stop=None)
            if region.items and not isinstance(region.items[0], Num):
                regions.append(region)
    inside_money = {
        i
        for c in t.by_start.values()
        if isinstance(c, Money) and cs <= c.start < ce
        for i in range(c.start, c.end)
    }
    for i in range(cs, ce):
        if toks.lowers[i] != "(" or i in inside_money:
            continue
        close = next((j for j in range(i + 1, min(i + 25, ce)) if toks.lowers[j] == ")"), None)
        if close is None:
            continue
        j = i + 1
        while toks.lower(j) in rules.w["aside_skips"]:
            j += 1
        if j not in t.numbers and j not in t.by_start:
            continue
        if not any(
            m.kind in {"year", "previous"} and i < m.start < close
            for m in t.markers
            if cs <= m.start < ce
        ):
            continue
        region = Region(i, close + 1, paren=True)
        fill_region(rules, t, region, i + 1, close, stop=")")
        region.end = close + 1
        if region.items and not any(r.start <= i < r.end for r in regions):
            regions.append(region)
    regions.sort(key=lambda r: r.start)
    return regions


def fill_region(
    rules: FigureRules, t: Reading, region: Region, k: int, limit: int, stop: str | None
) -> None:
    """Read a comparison's numbers up to its period (``compared with 54 in 2015``)."""
    toks = t.toks
    begin = k
    while k < limit and k - begin < 24:
        low = toks.lowers[k]
        if low == stop:
            break
        if low in rules.w["respectively"]:
            region.respectively = True
        if low in rules.w["dashes"]:
            k = skip_aside(rules, toks, k, limit)
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
        if region.items and k in t.trigger_starts and opens_figure(rules, t, k):
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


def opens_figure(rules: FigureRules, t: Reading, k: int) -> bool:
    """Tell whether a trigger at ``k`` is followed by a count: a new statement begins."""
    for end in t.trigger_ends_by_start.get(k, []):
        j = end
        while t.toks.lower(j) in rules.w["number_filler"] and j not in t.by_start:
            j += 1
        if j in t.by_start:
            return True
    return False


def parallel_pairs(region: Region, primaries: list[Cand]) -> list[tuple[Cand, Cand | Num]]:
    """``four investigations, two prosecutions ..., compared with two investigations, two
    prosecutions``: as many comparison numbers as statements before, unit for unit."""
    k = len(region.items)
    before = [c for c in primaries if c.end <= region.start]
    if region.paren or region.same or k < 2 or len(before) < k:
        return []
    pairs = list(zip(before[-k:], region.items, strict=True))
    for c, item in pairs:
        if isinstance(c, Money):
            if not isinstance(item, Money) or item.currency != c.currency:
                return []
        elif (
            not isinstance(item, Count)
            or item.unit != c.unit
            or (
                None not in (item.noun_measure, c.noun_measure)
                and item.noun_measure != c.noun_measure
            )
        ):
            return []
    return pairs


def set_comparison(
    rules: FigureRules, d: Draft, region: Region, used: set[int], primary: bool
) -> None:
    """Set a draft's comparison from a region, matching numbers by unit."""
    if region.same:
        if primary:
            d.previous_value = d.value
            d.previous_period = region_year(region)
        return
    chosen: int | None = None
    for idx, item in enumerate(region.items):
        if idx in used:
            continue
        if (isinstance(item, Money) and item.currency == d.unit) or (
            isinstance(item, Count) and item.unit == d.unit
        ):
            chosen = idx
            break
    if chosen is None and primary and not region.strict:
        chosen = next(
            (i for i, it in enumerate(region.items) if isinstance(it, Num) and i not in used),
            None,
        )
    if chosen is None:
        return
    used.add(chosen)
    d.previous_value = region.items[chosen].value
    d.previous_period = region_year(region)


def attach_orphan(t: Reading, region: Region, drafts: list[Draft]) -> None:
    """``...; this was an increase from 14 ISF investigations in 2015``: the comparison of
    the latest earlier figure of the same unit (and measure, when the comparison says:
    ``the 124 victims the government identified in 2015``)."""
    if region.same:
        return
    for item in region.items:
        unit = item.currency if isinstance(item, Money) else getattr(item, "unit", None)
        hint = measure_hint(t, item)
        fits = [d for d in drafts if d.previous_value is None and (unit is None or d.unit == unit)]
        if hint is not None and any(d.measure == hint for d in fits):
            fits = [d for d in fits if d.measure == hint]
        if fits:
            fits[-1].previous_value = item.value
            fits[-1].previous_period = region_year(region)
        return


def measure_hint(t: Reading, item: Cand | Num) -> str | None:
    """The measure a trigger right after a comparison's count names
    (``78 victims identified in 2015``, ``the 124 victims the government identified``)."""
    if not isinstance(item, Count):
        return None
    for j in range(item.end, min(item.end + 4, len(t.toks.words))):
        for end in t.trigger_ends_by_start.get(j, []):
            for measure, start in t.triggers_by_end.get(end, []):
                if start == j and item.unit in UNITS_OF[measure]:
                    return measure
    return None
