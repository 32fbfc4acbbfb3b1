"""One clause of a sentence (up to or between semicolons): its statements and comparisons.

A clause's counts and amounts are sorted into statements: the primary count of each, the
second count it carries (``nine cases against 13 alleged traffickers``), the breakdowns that
only repeat parts of a figure just stated (after ``including`` or ``of which``), and the
comparison each statement is made against (:mod:`~tipgraph.extract.figure_compare`).
"""

from __future__ import annotations

from bisect import bisect_left

from tipgraph.extract.figure_compare import comparison_regions, opens_figure, parallel_pairs
from tipgraph.extract.figure_rules import FigureRules
from tipgraph.extract.figure_text import Cand, Clause, Count, Reading, Region, Tokens

__all__ = ["breakdown_members", "opens_with", "read_clause", "secondary_count", "under_qualified"]


def read_clause(rules: FigureRules, t: Reading, cs: int, ce: int) -> Clause:
    """Find a clause's comparisons and attach each to the statement it follows."""
    lo = bisect_left(t.cand_starts, cs)
    hi = bisect_left(t.cand_starts, ce)
    cands = [c for c in t.cands[lo:hi] if c.end <= ce]
    regions = comparison_regions(rules, t, cs, ce) if cands else []
    free = [c for c in cands if not any(r.start <= c.start < r.end for r in regions)]
    breakdown = breakdown_members(rules, t, free, regions, cs, ce)
    primary_of: dict[int, Cand] = {}
    members: dict[int, list[Count]] = {}
    paren_at = {r.start: r for r in regions if r.paren}
    for c in free:
        if id(c) in primary_of or not isinstance(c, Count):
            continue
        sec = secondary_count(rules, t, c, paren_at)
        if sec is not None and any(sec is f for f in free):
            primary_of[id(sec)] = c
            members.setdefault(id(c), []).append(sec)
    primaries = [c for c in free if id(c) not in primary_of]
    attached: dict[int, Region] = {}
    orphans: list[Region] = []
    for r in regions:
        if r.respectively:
            before = [c for c in primaries if c.end <= r.start][-len(r.items) :]
            for c, item in zip(before, r.items, strict=False):
                attached.setdefault(id(c), Region(r.start, r.end, [item], r.period))
            continue
        parallel = parallel_pairs(r, [c for c in primaries if id(c) not in breakdown])
        if parallel:
            for c, item in parallel:
                attached.setdefault(id(c), Region(r.start, r.end, [item], r.period))
            continue
        # A parenthesis follows its own count, even a breakdown's ("37 female ...
        # victims (20 in 2015)"); a "compared with" skips the breakdown back to the total.
        before_r = [c for c in free if c.end <= r.start and (r.paren or id(c) not in breakdown)]
        if not before_r:
            if opens_with(t, cs, r.start, rules.w["orphan_openers"]):
                orphans.append(r)
            continue
        c = before_r[-1]
        attached.setdefault(id(primary_of.get(id(c), c)), r)
    under = under_qualified(rules, t.toks, cs, ce)
    return Clause(cs, ce, free, regions, primaries, members, attached, breakdown, orphans, under)


def breakdown_members(
    rules: FigureRules, t: Reading, free: list[Cand], regions: list[Region], cs: int, ce: int
) -> set[int]:
    """Candidates after ``including`` / ``of which`` up to the next statement: the parts
    of a figure just stated (``..., including 24 million KZT ... and 1.97 million KZT``)."""
    toks = t.toks
    cue_starts = {r.start for r in regions if not r.paren}
    out: set[int] = set()
    active = False
    firsts = rules.breakdown_firsts
    for i in range(cs, ce):
        if i in cue_starts or (i in t.trigger_starts and opens_figure(rules, t, i)):
            active = False
        if toks.lowers[i] in firsts:
            for opener in rules.breakdown_openers:
                if tuple(toks.lowers[i : i + len(opener)]) == opener:
                    active = True
        if active and i in t.by_start and any(t.by_start[i] is c for c in free):
            out.add(id(t.by_start[i]))
    return out


def under_qualified(rules: FigureRules, toks: Tokens, cs: int, ce: int) -> bool:
    """``... convicted 409 defendants under article 4 (Child Prostitution)``: a trailing
    ``under`` phrase naming a subgroup narrows every count of its clause."""
    for i in range(cs, ce):
        if toks.lowers[i] != "under":
            continue
        for j in range(i + 1, min(i + 7, ce)):
            low = toks.lowers[j]
            if low in {",", ";", "."}:
                break
            if low in rules.w["subgroup_modifiers"]:
                return True
    return False


def secondary_count(
    rules: FigureRules, t: Reading, c: Count, paren_at: dict[int, Region]
) -> Count | None:
    """``nine cases against 13 alleged traffickers``: the second count of a statement."""
    toks = t.toks
    k = c.end
    if k in paren_at:
        k = paren_at[k].end
    for link in rules.secondary_links:
        if tuple(toks.lowers[k : k + len(link)]) != link:
            continue
        j = k + len(link)
        while toks.lower(j) in rules.w["number_filler"] and j not in t.by_start:
            j += 1
        sec = t.by_start.get(j)
        if (
            isinstance(sec, Count)
            and sec.form == "plain"
            and {sec.unit, c.unit} == {"cases", "persons"}
        ):
            return sec
    return None


def opens_with(t: Reading, cs: int, at: int, openers: frozenset[str]) -> bool:
    """Tell whether a clause opens with ``this``/``which`` and reaches ``at`` within 8 tokens."""
    return t.toks.lower(cs) in openers and at - cs <= 8
