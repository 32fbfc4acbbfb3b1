"""Stage 4: turn a resolved clause into flow mentions, each pair with its own forms.

A clause that names several destinations gives each the forms nearest before it
(:func:`_dest_forms`: "forced labor in Turkey and Sweden and to sex trafficking in Japan"
gives Turkey and Sweden labor, Japan sex); ``marriage`` is dropped when another form is
named; transit places are every ``Role.TRANSIT`` place but the pair's own ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from tipgraph.extract.flowread.labels import Role
from tipgraph.extract.flowread.reading import FlowMention, FormAt, Placed, Reading, unique
from tipgraph.extract.records import Place

__all__ = ["borrow_forms", "emit", "forms_of"]


def _dest_forms(r: Reading, dests: list[Placed]) -> dict[int, list[FormAt]]:
    """Forms per destination (by index): the nearest group of forms before it, else those
    after it, plus the forms after the last destination."""
    events = sorted([(p, 0, i) for i, (_pl, p) in enumerate(dests)]
                    + [(f.at, 1, j) for j, f in enumerate(r.forms)])
    out: dict[int, list[FormAt]] = {}
    group: list[FormAt] = []
    last_dest = False
    for _pos, kind, idx in events:
        if kind == 1:
            if last_dest:
                group = []
                last_dest = False
            group.append(r.forms[idx])
        else:
            out[idx] = list(group)
            last_dest = True
    last = max((pos for _pl, pos in dests), default=-1)
    trailing = [f for f in r.forms if f.at > last]
    for i, (_pl, pos) in enumerate(dests):
        if not out.get(i):
            out[i] = [f for f in r.forms if f.at > pos] or list(r.forms)
        else:
            out[i] = out[i] + trailing  # "... in X and Y, and forced into domestic servitude"
    return out


def forms_of(forms: Iterable[FormAt]) -> tuple[frozenset[str], frozenset[str]]:
    """The forms and subforms of a pair; ``marriage`` only when it is the only form."""
    fs = {f.form for f in forms}
    subs = {f.subform for f in forms if f.subform}
    if len(fs) > 1:
        fs.discard("marriage")
    return frozenset(fs), frozenset(subs)


def emit(r: Reading, origins: list[Place], dests: list[Placed], forms: list[FormAt] | None,
         hedged: bool, span: tuple[int, int], out: list[FlowMention]) -> None:
    """Pair each origin with each destination of the clause; ``forms`` None: the clause's
    own, per destination; else those forms for every pair."""
    per_dest = _dest_forms(r, dests) if forms is None else {
        i: forms for i in range(len(dests))}
    pair_forms: dict[tuple[Place, Place], list[FormAt]] = {}
    for i, (dest, _pos) in enumerate(dests):
        for origin in origins:
            # "forced labor in Turkey and Sweden and to sex trafficking in Sweden": both.
            pair_forms.setdefault((origin, dest), []).extend(per_dest.get(i, []))
    vias = unique(r.places(Role.TRANSIT))
    for (origin, dest), found in pair_forms.items():
        fs, subs = forms_of(found)
        via = tuple(v for v in vias if v not in (origin, dest))
        out.append(FlowMention(origin, dest, via, fs, subs, _group_victims(r, origin),
                               frozenset(r.sectors), "hedged" if hedged else "stated",
                               span[0], span[1]))


def _group_victims(r: Reading, origin: Place) -> frozenset[str]:
    """The victims of ``origin``'s own group when the clause names several ("men and women
    from Kenya, as well as Sudanese women and children": Kenya's are men and women); all
    the clause's victims when the origin is not in it, its group names none, or a group
    names victims but no origin ("Nepali women, along with children": one group)."""
    at = next((pos for place, pos in r.at(Role.ORIGIN) if place == origin), None)
    if at is None or not r.group_breaks or not r.victim_at:
        return frozenset(r.victims)
    bounds = [r.start, *sorted(r.group_breaks), r.end]
    groups = list(pairwise(bounds))
    origins_at = [pos for _p, pos in r.at(Role.ORIGIN)]
    if any(any(lo <= v < hi for v, _c in r.victim_at)
           and not any(lo <= o < hi for o in origins_at) for lo, hi in groups):
        return frozenset(r.victims)
    lo, hi = next((g for g in groups if g[0] <= at < g[1]), (r.start, r.end))
    own = frozenset(cat for pos, cat in r.victim_at if lo <= pos < hi)
    return own or frozenset(r.victims)


def borrow_forms(readings: list[Reading], flows: list[FlowMention]) -> list[FlowMention]:
    """Give form-less pairs the forms of a later clause of the sentence that names no origin.

    "... experience recruitment fraud before arriving in Maldives; recruitment agents ...
    facilitate fraudulent recruitment and forced labor of migrant workers."
    """
    if not flows or len(readings) < 2:
        return flows
    later = [r for r in readings[1:] if r.forms and not r.places(Role.ORIGIN)]
    if not later:
        return flows
    fs, subs = forms_of(later[0].forms)
    out = []
    for f in flows:
        if not f.forms:
            f = FlowMention(f.origin, f.destination, f.via, fs, subs, f.victims, f.sectors,
                            f.certainty, f.start, f.end)
        out.append(f)
    return out
