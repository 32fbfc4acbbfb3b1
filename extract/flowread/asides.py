"""Asides and list items the clause walk reads past (stage 2's helpers, :mod:`.phrase_roles`).

A place list goes on over an item the gazetteer does not know ("in Asia, the Mediterranean,
Latin America"), and over a route aside set off by dashes or a bracket right after a
destination ("in Senegal—via Koundara—Mauritania"); a place of the narrative's own country in
such an aside is the way there, not a transit of the home.
"""

from __future__ import annotations

from spacy.tokens import Span

from tipgraph.extract.flowread.context import PEOPLE_LABELS, Context
from tipgraph.extract.flowread.labels import Cue, Role
from tipgraph.extract.flowread.reading import Reading

__all__ = ["dash_route_aside", "opens_comma_aside", "route_aside", "unknown_list_item"]


def opens_comma_aside(ctx: Context, t: int, start: int) -> bool:
    """Whether the route cue at ``t`` is inside a comma aside on part of the victims
    (", some en route to ..."): a comma, then an ``aside_openers`` word, then the cue, all
    from ``start`` on. The stage-2 walk reads such a cue as the part's own; the home default
    (:mod:`.defaults`) does not take it as the whole group caught en route."""
    return (t - 2 >= start and ctx.lower[t - 2] == ","
            and ctx.lower[t - 1] in ctx.words.aside_openers)


def unknown_list_item(ctx: Context, t: int) -> bool:
    """Whether the word at ``t`` is a capitalised item of a comma list of places that the
    gazetteer does not know: a place, a comma and maybe "the" before it, then at most three
    capitalised words, a comma and another place (after "and"/"or" and "the"). "in Africa,
    Asia, the Caribbean, the Mediterranean, Latin America, and the United States": the list
    goes on over "the Mediterranean", which names no country or region of ours."""
    lower, doc = ctx.lower, ctx.doc
    if not doc[t].text[:1].isupper() or t in ctx.m.cues:
        return False
    j = t - 1
    while j >= 0 and doc[j].text[:1].isupper() and t - j < 3:
        j -= 1  # back over the item's first words ("Horn of" is not capitalised: no match)
    if j >= 0 and lower[j] == "the":
        j -= 1
    if j < 0 or lower[j] != "," or ctx.ent_end.get(j) is None:
        return False
    k = t + 1
    while k < len(lower) and doc[k].text[:1].isupper() and k not in ctx.ent_at and k - t < 3:
        k += 1
    if k >= len(lower) or lower[k] != ",":
        return False
    k += 1
    if k < len(lower) and lower[k] in ctx.words.list_joins:
        k += 1
    if k < len(lower) and lower[k] == "the":
        k += 1
    after = ctx.ent_at.get(k)
    return after is not None and after.label_ not in PEOPLE_LABELS


def dash_route_aside(ctx: Context, t: int, end: int) -> bool:
    """Whether the dash at ``t`` opens a route aside: a "via" cue right after it and the
    closing dash within six words ("Senegal—via Koundara—Mauritania"). The list goes on after
    the aside with the reading it had, as after a bracket."""
    cue = ctx.m.cues.get(t + 1)
    if cue is None or cue[1] != Cue.VIA:
        return False
    return any(ctx.lower[k] == ctx.lower[t] for k in range(t + 2, min(end, t + 8)))


def route_aside(ctx: Context, r: Reading, ent: Span) -> bool:
    """Whether the home place ``ent`` is the "via" of an aside set off by a dash or a bracket
    right after a destination ("in Quranic schools in Senegal—via Koundara—Mauritania", "in
    Senegal (via Koundara)"): the aside says which way the victims go there, so the clause is
    not marked as passing through the home (its unmarked victims may still be the home's);
    victims from elsewhere keep the home as their way through."""
    v = ent.start - 1
    cue = ctx.m.cues.get(v)
    if cue is None or cue[1] != Cue.VIA or v - 2 < r.start:
        return False
    if ctx.lower[v - 1] not in ctx.words.route_aside_openers:
        return False
    before = ctx.ent_end.get(v - 1)
    return before is not None and any(
        p.at == before.start for p in r.at(Role.DESTINATION))
