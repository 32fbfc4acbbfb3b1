"""Stage 2, first look: the subjects of a clause's active trafficking (or hosting) verbs.

Places in the subject of an active verb are the traffickers' side ("Romanian criminal
groups force ..."); the subject of "host"/"employ" is where victims are. The verbs are the
``ACTIVE``, ``HOST`` and ``BE`` flags of ``flows_cues.jsonl``.
"""

from __future__ import annotations

from typing import NamedTuple

from tipgraph.extract.flowread.context import Context

__all__ = ["SubjectRegion", "in_subject", "subject_regions"]


class SubjectRegion(NamedTuple):
    """Tokens ``[start, end)`` before an active verb; ``host`` when the verb hosts victims."""

    start: int
    end: int
    host: bool


def subject_regions(ctx: Context, start: int, end: int) -> list[SubjectRegion]:
    """Token ranges of ``[start, end)`` that are the subject of an active or hosting verb."""
    regions: list[SubjectRegion] = []
    boundary = start
    lower, verbs, joins = ctx.lower, ctx.nouns.verbs, ctx.words.shared_subject_joins
    boundary_at, host_at, active_at, be_at = ctx.boundary_at, ctx.host_at, ctx.active_at, ctx.be_at
    # "In Algeria, traffickers force ...": a fronted place phrase is no part of the subject.
    fronted = lower[start] in ctx.words.fronted_locatives
    t = start
    while t < end:
        if t in boundary_at or lower[t] == "to" or (fronted and lower[t] == "," and not regions):
            boundary = t + 1
        host = t in host_at
        active_end = active_at.get(t)
        if host or active_end is not None:
            prev = [lower[k] for k in range(max(start, t - 2), t)]
            passive = any(k in be_at for k in range(max(start, t - 2), t))
            # "the force", "through force": a noun after a determiner or a preposition.
            # "a fraudulent job offer": a noun after a noun that modifies it.
            nounlike = bool(prev) and (prev[-1] in ctx.words.determiners
                                       or prev[-1] in ctx.words.not_before_verb
                                       or prev[-1] in ctx.words.verb_noun_modifiers)
            infinitive = bool(prev) and prev[-1] == "to"
            # "Traffickers lure X nationals ... and force them to ...": a second verb of the
            # same subject, whose words before it are the first verb's object; so is a
            # series "lure X to India, hold them in debt bondage, and force them ...".
            shared = bool(prev) and prev[-1] in joins and bool(regions)
            if not (passive or nounlike or infinitive or shared) and (host or active_end):
                regions.append(SubjectRegion(boundary, t, host))
                boundary = (active_end or t + 1)
            else:
                boundary = t + 1
        elif lower[t] in verbs and t not in be_at:
            # "boys migrate to X to wash cars and sell goods": "sell" has no subject here.
            boundary = t + 1
        t += 1
    return regions


def in_subject(regions: list[SubjectRegion], t: int) -> tuple[bool, bool]:
    """Whether token ``t`` is in a subject, and whether that subject's verb hosts victims
    (the last region that holds ``t`` decides)."""
    inside, host = False, False
    for a, b, h in regions:
        if a <= t < b:
            inside, host = True, h
    return inside, host
