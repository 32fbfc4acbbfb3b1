"""Stage 1: cut a sentence into clauses.

A sentence is cut at ";" and at ", and/but/while" that open a clause with its own subject
and verb ("..., and Liberian women have been ..."), never inside a list ("Burmese,
Cambodian, and Lao men", "men, women, and children"). A second object of an active verb
("exploit Ghanaian boys in forced labor on Lake Volta and Ghanaian women in sex
trafficking in the Middle East") is cut off too, so each object keeps its own places.
"""

from __future__ import annotations

import itertools

from tipgraph.extract.flowread.context import PEOPLE_LABELS, Context, head_of, people_noun
from tipgraph.extract.flowread.labels import Cue, Flag, Head

__all__ = ["split_clauses"]


def _starts_subject(ctx: Context, j: int, end: int) -> bool:
    """Whether tokens from ``j`` open a clause of their own: a subject, then a verb."""
    k = j
    while k < end and ctx.lower[k] in ctx.words.clause_openers:
        k += 1
    if (j < k < end and ctx.flag(Flag.ANAPHOR, k - 1) is not None and ctx.is_verb(k)
            and ctx.lower[k - 1] not in ctx.words.not_before_verb
            and any(t in ctx.ent_at for t in range(k, end)) and ctx.forms_in(k, end)):
        # "..., where many experience servitude, and some are then taken to Lebanon and
        # forced into commercial sex": a quantifier standing alone as the subject of its own
        # verb, with its own place and form (without a place, "..., and some are forced into
        # prostitution" shares the sentence's places; without a form, "and some are
        # abandoned in ports in Fiji" states nothing of its own).
        return True
    if k + 1 < end and ctx.flag(Flag.FOREIGN, k) == k + 1 and k + 1 not in ctx.ent_at:
        k += 1  # "..., and foreign tourists from Australia engage in ...": an attribute
    if (k + 1 < end and k not in ctx.ent_at and k + 1 not in ctx.ent_at
            and ctx.lower[k] not in ctx.nouns.victims and ctx.lower[k] not in ctx.nouns.agents
            and (ctx.lower[k + 1] in ctx.nouns.agents or ctx.lower[k + 1] in ctx.nouns.victims)):
        # "..., and foreign sex tourists from Australia ...": a noun modifying the agent;
        # "..., and local children are exploited ...": a word modifying the victims
        k += 1
    if k >= end:
        return False
    low = ctx.lower[k]
    ent = ctx.ent_at.get(k)
    if ent is not None:
        # "..., and Oman—in search of work" continues a list; "..., and Liberian women
        # have been ..." opens a clause: a place only starts one as a victim's or an
        # agent's attribute.
        head, _at = head_of(ctx, ent.end, end, adjacent=ent.label_ not in PEOPLE_LABELS)
        subject = head in (Head.VICTIM, Head.AGENT) or (head is None and people_noun(ent))
    else:
        # "..., and service sectors": a noun that modifies a place noun is no subject.
        modifier = k + 1 < end and ctx.lower[k + 1] in ctx.nouns.places
        subject = (low in ctx.nouns.victims or low in ctx.nouns.agents
                   or ctx.flag(Flag.ANAPHOR, k) is not None) and not modifier
    if not subject:
        return False
    for t in range(k + 1, min(end, k + 14)):
        if ctx.lower[t] == ";":
            return False
        if ctx.is_verb(t) and ctx.lower[t - 1] not in ctx.words.not_before_verb:
            # "to forced labor", "in forced labor", "to work": a noun or an infinitive, not
            # the finite verb of a new clause.
            return True
    return False


def _person(ctx: Context, k: int) -> bool:
    return ctx.nouns.victims.get(ctx.lower[k]) in ctx.words.person_categories


def _list_item_before(ctx: Context, t: int, nxt: int) -> bool:
    """Whether ", and" at ``t`` joins items of one list rather than two clauses.

    "Burmese, Cambodian, and Lao men ..." (demonyms without a head of their own) and
    "men, women, and children ..." (victim nouns) are one noun phrase, whatever verb
    follows it.
    """
    before = t - 1
    if before < 0:
        return False
    ent_before = ctx.ent_end.get(before + 1)
    ent_after = ctx.ent_at.get(nxt)
    if (ent_before is not None and ent_before.label_ in PEOPLE_LABELS
            and ent_after is not None and ent_after.label_ in PEOPLE_LABELS):
        return True
    return _person(ctx, before) and _person(ctx, nxt)


def _finite_verb_in(ctx: Context, start: int, end: int) -> bool:
    return any(ctx.is_verb(k) and ctx.lower[k - 1] not in ctx.words.not_before_verb
               for k in range(start, end))


def _victim_object_at(ctx: Context, k: int, end: int) -> bool:
    """Whether a victim noun phrase starts at ``k``: "Ghanaian women", "boys"."""
    ent = ctx.ent_at.get(k)
    if ent is not None:
        return (ent.label_ in PEOPLE_LABELS
                and head_of(ctx, ent.end, end, adjacent=False)[0] == Head.VICTIM)
    return _person(ctx, k)


def _object_continues(ctx: Context, seg_start: int, t: int, end: int) -> bool:
    """Whether "and" at ``t`` starts a second object of the clause's active verb.

    "Traffickers exploit Ghanaian boys in forced labor on Lake Volta and Ghanaian women in
    sex trafficking in the Middle East": each object has its own forms and places, so the
    second one is read as a clause of its own (without a verb) and the boys are not paired
    with the Middle East. It needs an active verb before, a victim object with a form after
    it, and a second victim object followed by its own form before any finite verb.
    """
    nxt = t + 1
    if nxt >= end or not _victim_object_at(ctx, nxt, end):
        return False
    actives = ctx.flags_in(Flag.ACTIVE, seg_start, t)
    if not actives:
        return False
    forms = ctx.forms_in(actives[0], t)
    if not forms or not any(_victim_object_at(ctx, k, t)
                            for k in range(actives[0] + 1, forms[0].start)):
        return False
    stop = end
    for k in range(nxt, end):
        if ctx.lower[k] == ";":
            stop = k
            break
    later = ctx.forms_in(nxt, stop)
    return bool(later) and not _finite_verb_in(ctx, nxt + 1, later[0].start)


def _second_verb_object(ctx: Context, seg_start: int, t: int, end: int) -> bool:
    """Whether "and" at ``t`` starts a second active verb with a victim object of its own:
    "exploit Bolivian men in forced labor in Brazil and force Brazilian women into
    prostitution in Spain" is two clauses ("... and force them ..." is one)."""
    verb_end = ctx.active_at.get(t + 1)
    if verb_end is None or not _victim_object_at(ctx, verb_end, end):
        return False
    actives = ctx.flags_in(Flag.ACTIVE, seg_start, t)
    return bool(actives) and any(_victim_object_at(ctx, k, t)
                                 for k in range(ctx.active_at[actives[0]], t))


def _verb_in(ctx: Context, start: int, end: int) -> bool:
    return any(ctx.is_verb(k) for k in range(start, end))


def _past_aside(ctx: Context, k: int, end: int) -> int:
    """The token after a comma aside of a filler phrase at ``k`` (", to a lesser extent,"),
    else ``k``: the aside says how much, not who, so the subject after it opens the clause."""
    if k + 1 >= end or ctx.lower[k] != ",":
        return k
    cue = ctx.m.cues.get(k + 1)
    if cue is None or cue[1] != Cue.FILLER or cue[0] >= end or ctx.lower[cue[0]] != ",":
        return k
    return cue[0] + 1


def _cut_at_and(ctx: Context, start: int, last: int, t: int, end: int) -> int | None:
    """Where "and" at ``t`` (no comma before) cuts the sentence, or None."""
    articles = ctx.words.indefinite_articles
    if t <= last:
        return None
    if _object_continues(ctx, last, t, end):
        ctx.continuations.add(t)
        return t
    if _second_verb_object(ctx, last, t, end):
        return t
    k = _past_aside(ctx, t + 1, end)
    if (k + 1 < end and ctx.lower[k] in ctx.nouns.agents and ctx.active_at.get(k + 1) is not None
            and _verb_in(ctx, last, t)):
        # "... victims in Vietnam and traffickers exploit victims from Vietnam abroad": a
        # second subject with its own active verb, without a comma (or after an aside:
        # "... in Brunei and, to a lesser extent, traffickers exploit victims from Brunei
        # abroad").
        return k
    if (ctx.lower[t + 1] in articles and _verb_in(ctx, last, t)
            and _starts_subject(ctx, t + 1, end)):
        # "... to Ghana for sexual exploitation and a Ghanaian woman was also
        # trafficked to Kuwait": a new subject with its own verb, without a comma.
        return t + 1
    if (t > start and ctx.lower[t + 1] in articles
            and any(ctx.role_word(k) for k in range(t + 2, min(end, t + 5)))
            and any(ctx.role_word(k) for k in range(last, t))):
        return t  # "... a source country for X and a transit country for Y"
    return None


def _cut_at_comma(ctx: Context, last: int, t: int, end: int) -> int | None:
    """Where "," at ``t`` cuts the sentence, or None."""
    nxt_word = ctx.lower[t + 1]
    if nxt_word == "which" and _verb_in(ctx, last, t):
        return t + 1  # ", which resulted in ...": a clause of its own
    if nxt_word not in ctx.words.clause_conjunctions:
        return None
    nxt = t + 2
    if (nxt_word == "and" and nxt < end and ctx.lower[nxt] in ctx.words.indefinite_articles
            and any(ctx.role_word(k) for k in range(nxt, min(end, nxt + 4)))):
        return t + 1
    if (_verb_in(ctx, last, t) and not _list_item_before(ctx, t, nxt)
            and _starts_subject(ctx, nxt, end)):
        return t + 1
    return None


def split_clauses(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of the sentence ``[start, end)`` as token ranges, in order.

    The start of a second object of an active verb goes into ``ctx.continuations``.
    """
    bounds = [start]
    for t in range(start, end - 1):
        low = ctx.lower[t]
        cut: int | None = None
        if low == ";":
            cut = t + 1
        elif low == "and":
            cut = _cut_at_and(ctx, start, bounds[-1], t, end)
        elif low == ",":
            cut = _cut_at_comma(ctx, bounds[-1], t, end)
        if cut is not None:
            bounds.append(cut)
    bounds.append(end)
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
