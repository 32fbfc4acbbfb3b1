"""What a count counts: the trigger, lead-in or noun that makes it a figure of a measure.

A count needs a trigger right before it (``identified 50 victims``), a lead-in that names the
measure (``decreased investigations in 2016, carrying out 151 trafficking cases``), or must
be a measure noun itself stated as such (``reported 530 investigations``). Counts that refer
to figures already stated, that are someone else's (``NGOs reported assisting ...``) or a
subgroup's are no figures. :func:`count_drafts` turns a statement into its figures, with
its period and comparison.
"""

from __future__ import annotations

from tipgraph.extract.figure_compare import set_comparison
from tipgraph.extract.figure_periods import figure_period
from tipgraph.extract.figure_rules import LAW_MEASURES, UNITS_OF, VICTIM_MEASURES, FigureRules
from tipgraph.extract.figure_text import Clause, Count, Draft, Reading, Tokens

__all__ = [
    "count_drafts",
    "count_measures",
    "lead_measures",
    "noun_stated",
    "post_trigger",
    "subject_excluded",
    "victim_chain",
]


def count_drafts(rules: FigureRules, t: Reading, clause: Clause, c: Count, nxt: int) -> list[Draft]:
    """The figures of a count and its second count: one per measure its trigger names,
    with the period and comparison of the statement."""
    if c.qualified or clause.under:
        return []
    found = count_measures(rules, t, c, clause.start)
    if not found:
        return []
    trigger_start = min(s for _, s in found)
    if subject_excluded(rules, t.toks, clause.start, trigger_start):
        return []
    region = clause.attached.get(id(c))
    group: list[Count] = [c, *clause.members.get(id(c), [])]
    group_end = max(g.end for g in group)
    first = not any(
        f.start < trigger_start and not (isinstance(f, Count) and f.anaphoric) for f in clause.free
    )
    marker, marker_end = figure_period(rules, t, clause, group_end, nxt, trigger_start, first)
    period = marker.year if marker is not None and marker.kind == "year" else None
    previous = marker is not None and marker.kind == "previous"
    end = max(group_end, marker_end, region.end if region is not None else 0)
    drafts: list[Draft] = []
    for measure, start in sorted(found, key=lambda f: f[1]):
        used: set[int] = set()
        for g in group:
            if g is not c and measure not in LAW_MEASURES:
                continue
            d = Draft(measure, g.value, g.unit, period, previous, start, end)
            if region is not None:
                set_comparison(rules, d, region, used, primary=g is c)
            drafts.append(d)
    return drafts


def count_measures(rules: FigureRules, t: Reading, c: Count, cs: int) -> list[tuple[str, int]]:
    """What a count counts, with where its trigger starts."""
    toks = t.toks
    if c.noun_measure is not None:
        if c.anaphoric or c.form != "plain" or not noun_stated(rules, t, c, cs):
            return []
        return [(c.noun_measure, c.start)]
    found: list[tuple[str, int]] = []
    p = c.start
    through_article = False
    for _ in range(5):
        for measure, start in t.triggers_by_end.get(p, []):
            if start < cs or c.unit not in UNITS_OF[measure]:
                continue
            if (c.anaphoric or through_article or c.form == "implicit") and (
                measure != "victims_assisted"
            ):
                continue
            known = [i for i, (m, _) in enumerate(found) if m == measure]
            if not known:
                found.append((measure, start))
            elif start < found[known[0]][1]:
                found[known[0]] = (measure, start)
        if found:
            break
        prev = toks.lower(p - 1)
        if prev == "the" and not through_article:
            through_article = True
        elif prev not in rules.w["number_filler"]:
            break
        p -= 1
    if found:
        before = toks.lower(min(s for _, s in found) - 1)
        if before in rules.w["partial_adverbs"] or before in rules.w["ordinal_blockers"]:
            return []
        if all(m in VICTIM_MEASURES for m, _ in found):
            found = victim_chain(t, found, cs)
        return found
    if c.form != "plain" or c.anaphoric:
        return []
    if c.unit == "victims":
        return post_trigger(t, c)
    return lead_measures(rules, t, c, p, cs)


def noun_stated(rules: FigureRules, t: Reading, c: Count, cs: int) -> bool:
    """Whether a measure-noun count is stated as the measure (``reported 530
    investigations``, ``resulting in 33 convictions``, ``80 investigations (60 in 2019),
    30 prosecutions``) rather than used as a subject or a prepositional object."""
    toks = t.toks
    p = c.start
    while p - 1 >= cs and toks.lowers[p - 1] in rules.w["number_filler"]:
        p -= 1
    if p - 1 < cs:
        return False
    for lic in rules.noun_licensors:
        if tuple(toks.lowers[p - len(lic) : p]) == lic:
            return True
    prev = toks.lowers[p - 1]
    if prev in {",", "and", "or"}:
        q = p - 1
        while q - 1 >= cs and toks.lowers[q - 1] in {",", "and", "or"}:
            q -= 1
        earlier = [x for x in t.cands if cs <= x.start and x.end <= q and x.start < c.start]
        if not earlier or not isinstance(earlier[-1], Count):
            return False
        e = earlier[-1]
        gap = toks.lowers[e.end : q]
        if gap and not (gap[0] == "(" and gap[-1] == ")"):
            return False
        return bool(count_measures(rules, t, e, cs))
    return prev.isalpha() and prev not in rules.w["noun_count_blockers"]


def victim_chain(t: Reading, found: list[tuple[str, int]], cs: int) -> list[tuple[str, int]]:
    """``identifying and referring to care 530 victims``: both victim measures count."""
    start = min(s for _, s in found)
    while True:
        q = start
        while t.toks.lower(q - 1) in {"and", "or", ","} and q - 1 > cs:
            q -= 1
        if q == start:
            return found
        prior = [
            (m, s)
            for m, s in t.triggers_by_end.get(q, [])
            if m in VICTIM_MEASURES and s >= cs and all(m != f for f, _ in found)
        ]
        if not prior:
            return found
        found.extend(prior)
        start = min(s for _, s in prior)


def post_trigger(t: Reading, c: Count) -> list[tuple[str, int]]:
    """``Twenty-three victims, including ..., received services``."""
    toks = t.toks
    k = c.end
    if toks.lower(k) == ",":
        close = next(
            (j for j in range(k + 1, min(k + 14, len(toks.words))) if toks.lowers[j] == ","),
            None,
        )
        k = close + 1 if close is not None else k
    return [(m, c.start) for m in t.post_by_start.get(k, [])]


def lead_measures(
    rules: FigureRules, t: Reading, c: Count, p: int, cs: int
) -> list[tuple[str, int]]:
    """``The government decreased prosecutions, completing 33 cases``: a gerund after a
    lead-in that names the measure."""
    toks = t.toks
    q = p - 1
    if toks.lower(q) in rules.w["gerund_particles"]:
        q -= 1
    gerund = toks.lower(q)
    if not (gerund.endswith("ing") and gerund.isalpha()) or toks.lower(q - 1) != ",":
        return []
    s = q - 1
    marker = t.marker_ending_at.get(s)
    if marker is not None:
        s = marker.start
    return [(m, q) for m in t.leads_by_end.get(s, []) if c.unit in UNITS_OF[m] and s - 2 >= cs]


def subject_excluded(rules: FigureRules, toks: Tokens, cs: int, trigger_start: int) -> bool:
    """Whether the subject makes the figure a part or someone else's: ``The federal
    government identified 179 victims``, ``NGOs reported assisting 167 victims``."""
    for i in range(cs, trigger_start):
        if toks.lowers[i] in rules.w["government_levels"]:
            j = i + 1
            if toks.lower(j) == "-":
                j += 1
            if toks.lower(j) in rules.w["government_heads"]:
                return True
    for i in range(trigger_start - 1, cs - 1, -1):
        low = toks.lowers[i]
        if low in rules.w["government_subjects"]:
            return False
        if low in rules.w["nongovernment_subjects"]:
            return True
    return False
