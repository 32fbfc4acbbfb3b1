"""Stage 2, last look: what a clause says of itself, read from its flags and forms.

Whether it states exploitation (a form of ``forms.jsonl`` or a term of
``flows_terms.jsonl``, not governed by a "vulnerable to"), is negated, hedged, about
foreign victims or compatriots, about sex tourists, leans on the paragraph ("They ...",
"Some of these migrants"), and its victims, sectors and forms. Each is a
:class:`~.labels.Mark` on the reading; the flags are the ``Flag`` rows of
``flows_cues.jsonl``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from tipgraph.extract.flowread.context import Context, agent_predicate, as_role, sold_to
from tipgraph.extract.flowread.labels import Flag, Mark, Role
from tipgraph.extract.flowread.reading import FormAt, Reading
from tipgraph.extract.flowread.subjects import SubjectRegion

__all__ = ["read_marks"]

_NO_FLAGS: dict[int, int] = {}


def read_marks(ctx: Context, r: Reading, regions: list[SubjectRegion],
               modes: dict[int, Role | None]) -> None:
    """Statement, vulnerability, negation, hedges, victims, sectors, sex tourism."""
    s, e = r.start, r.end
    vulns = ctx.flags_in(Flag.VULN, s, e)
    actual = _actual(ctx, vulns)
    r.mark(Mark.VULNERABLE, bool(vulns))
    _forms_and_statement(ctx, r, actual)
    negs = [i for i in ctx.flags_in(Flag.NEG, s, e)
            if not (ctx.lower[i] == "not" and i + 1 < e and ctx.lower[i + 1] == "only")
            and not _conceded(ctx, s, i) and not _amount_no(ctx, s, i)
            and not _later_predicate(ctx, r, i)]
    r.mark(Mark.NEGATED, bool(negs))
    r.mark(Mark.HEDGED, bool(ctx.flags_in(Flag.HEDGE, s, e)))
    r.mark(Mark.FOREIGN, bool(ctx.flags_in(Flag.FOREIGN, s, e)))
    r.mark(Mark.COMPATRIOT, bool(ctx.flags_in(Flag.COMPATRIOT, s, e)))
    r.mark(Mark.SEX_TOURISM, _sex_tourism(ctx, s, e))
    k = _anaphor_marks(ctx, r)
    r.mark(Mark.RELATIVE, k < e and ctx.lower[k] == "which")
    for t in range(s, e):
        cat = ctx.nouns.victims.get(ctx.lower[t])
        # Not the buyers of a sale ("to wealthy men"), nor what victims already named are
        # made ("girls ... as 'fifth wives'"), nor the spouses of "recruited as brides for
        # men in China" (SPOUSE), nor a setting's modifier ("adult entertainment venues"),
        # nor what the agents are ("where clients are mostly local men").
        if cat and modes.get(t) not in (Role.AGENT, Role.IGNORED, Role.SPOUSE) and not any(
                a <= t < b and not h for a, b, h in regions) and not sold_to(ctx, t, s) and not (
                r.victims and as_role(ctx, t, s)) and not (
                t + 1 < e and ctx.lower[t + 1] in ctx.words.victim_settings) and not (
                agent_predicate(ctx, t, s)):
            r.victims.add(cat)
            r.victim_at.append((t, cat))
    r.group_breaks = _group_breaks(ctx, s, e)
    lo, hi = bisect_left(ctx.sector_starts, s), bisect_left(ctx.sector_starts, e)
    r.sectors.update(sector for _ss, sector in ctx.m.sectors[lo:hi])
    for ss, sector in ctx.m.sectors[lo:hi]:
        # "exploit migrants in forced street vending": work in a sector named as forced is
        # forced labor (or the sector's own form, forms_by_sector.jsonl), whatever the verb.
        if ss > s and ctx.lower[ss - 1] in ctx.words.forced_sector_marks:
            r.forms.append(FormAt(ss, ctx.lex.sector_forms.get(sector, "labor"), ""))
    if r.has(Mark.STATEMENT) and not r.forms and any(
            actual(v) for v in ctx.flags_in(Flag.SECTOR_VERB, s, e)):
        # "exploited in construction and fishing in Taiwan": victims exploited in a labor
        # sector, with no form named, are in forced labor there (forms_by_sector.jsonl);
        # "may be trafficking victims" near logging areas names no form.
        # "exploited in mining camps": a sector word before a settlement is a setting.
        for ss, sector in ctx.m.sectors[lo:hi]:
            form = ctx.lex.sector_forms.get(sector)
            setting = ss + 1 < e and ctx.lower[ss + 1] in ctx.words.sector_settings
            if form is not None and actual(ss) and not setting:
                r.forms.append(FormAt(ss, form, ""))


def _actual(ctx: Context, vulns: list[int]) -> Callable[[int], bool]:
    """Whether a token of the clause is not governed by a preceding 'vulnerable to' / 'at
    risk of' (at ``vulns``) with no new predicate between."""
    suffer_at = ctx.flag_at.get(Flag.SUFFER, _NO_FLAGS)
    auxiliaries = ctx.words.perfect_auxiliaries
    where_at = ctx.flag_at.get(Flag.WHERE, _NO_FLAGS)

    def actual(t: int) -> bool:
        before = [v for v in vulns if v < t]
        if not before:
            return True
        # "vulnerable to exploitation and have been forced to work", "at risk of trafficking,
        # and some endure forced labor": a new predicate, so the hedge's scope has ended;
        # so does a "where" clause ("vulnerable to forced labor in Libya, where militias
        # ... force them to work").
        return any(k in ctx.be_at or k in suffer_at or k in where_at
                   or ctx.lower[k] in auxiliaries for k in range(before[-1] + 1, t))

    return actual


def _forms_and_statement(ctx: Context, r: Reading, actual: Callable[[int], bool]) -> None:
    """The clause's forms, and whether it states exploitation (a weak form does not)."""
    s, e = r.start, r.end
    for fs, fe, form, sub in ctx.forms_in(s, e):
        # "where armed groups control illegal gold mines": actors of the setting, no form
        held = fe < e and ctx.lower[fe] in ctx.words.control_verbs
        if s <= fs and fe <= e and actual(fs) and not held:
            r.forms.append(FormAt(fs, form, sub))
    terms_here = ctx.m.terms[bisect_left(ctx.term_starts, s):bisect_left(ctx.term_starts, e)]
    terms = [ts for ts, te in terms_here if te <= e and actual(ts) and not _anti(ctx, ts)]
    weak = ctx.m.weak_forms
    r.mark(Mark.STATEMENT, bool(terms) or r.has(Mark.ORIGINS_NAMED)
           or any(f not in weak for f in r.forms))


def _anti(ctx: Context, t: int) -> bool:
    """'anti-trafficking efforts' names the fight against trafficking, not trafficking."""
    return (t >= 2 and ctx.lower[t - 1] == "-" and ctx.lower[t - 2] == "anti") or (
        t >= 1 and ctx.lower[t - 1] in ctx.words.counter_prefixes)


def _conceded(ctx: Context, start: int, i: int) -> bool:
    """'Despite the government's ban on travel to Iraq, some Nepalis are trafficked into
    Iraq': a negation inside a concessive phrase does not negate the clause; nor does one
    in a reason ('Women from Ethiopia are vulnerable to trafficking because the law does
    not protect them': the group is still the one a later 'these women' points back to)."""
    for k in range(i - 1, start - 1, -1):
        if ctx.lower[k] in ctx.words.reason_openers:
            return True
        if ctx.lower[k] in (",", ";"):
            return False
        if ctx.lower[k] in ctx.words.concessives:
            return True
    return False


def _group_breaks(ctx: Context, start: int, end: int) -> list[int]:
    """Where a new group of victims starts ("men and women from Kenya and Uganda, as well as
    Sudanese women and children"): the token after each ``GROUP_BREAK`` flag."""
    ends = ctx.flag_at.get(Flag.GROUP_BREAK, _NO_FLAGS)
    return [ends[i] for i in ctx.flags_in(Flag.GROUP_BREAK, start, end)]


def _amount_no(ctx: Context, start: int, i: int) -> bool:
    """'force them to work for little or no pay', 'with no days off': a "no" inside the
    object of "for" / "with" (past quantity words) measures the exploitation's terms; it
    does not negate the clause's statement."""
    if ctx.lower[i] != "no":
        return False
    k = i - 1
    while k > start and ctx.lower[k] in ctx.words.amount_no_leads:
        k -= 1
    return k >= start and ctx.lower[k] in ctx.words.amount_no_prepositions


def _later_predicate(ctx: Context, r: Reading, i: int) -> bool:
    """'where they endure forced labor and cannot leave': a negation a few words after an
    "and" that follows a form the clause states is in a later predicate of the same
    subject, telling the terms of the exploitation; it does not negate the statement (the
    form's own negation, "are not forced into labor", comes before it)."""
    if not r.has(Mark.STATEMENT) or not any(f.at < i for f in r.forms):
        return False
    first = min(f.at for f in r.forms)
    return any(ctx.lower[k] in ctx.words.later_predicate_joins
               for k in range(max(first + 1, i - 3), i))


def _attributive_tourist(ctx: Context, i: int, end: int) -> bool:
    """'on tourist visas', 'tourist destinations': the singular word before another word is
    an attribute, not the tourists who exploit; only tourists themselves (or 'child sex
    tourism') make a sex-tourism statement."""
    last = ctx.flag(Flag.ST_TOURIST, i)
    if last is None or ctx.lower[last - 1] != "tourist" or last >= end:
        return False
    nxt = ctx.lower[last]
    return nxt.isalpha() and last not in ctx.m.cues and last not in ctx.boundary_at


def _tourist_host(ctx: Context, k: int, s: int) -> bool:
    """Whether the preposition at ``k`` follows a host noun ("a destination for child sex
    tourists"): the tourists after it exploit, they are not the object of a service."""
    return k > s and ctx.lower[k] == "for" and ctx.lower[k - 1] in ctx.words.tourist_hosts


def _sex_tourism(ctx: Context, s: int, e: int) -> bool:
    """'tourists' and 'sex tourists', but not 'urban and tourist centers' (a place)."""
    tourists = [i for i in ctx.flags_in(Flag.ST_TOURIST, s, e)
                if not any(ctx.lower[k] in ctx.words.agent_prepositions
                           and not _tourist_host(ctx, k, s)
                           for k in range(max(s, i - 3), i))
                and not (i + 1 < e and ctx.lower[i + 1] in ctx.nouns.places)
                and not _attributive_tourist(ctx, i, e)]
    engaged = (bool(ctx.flags_in(Flag.ST_TOURISM, s, e))
               and bool(ctx.flags_in(Flag.ST_ENGAGE, s, e)))
    return bool(tourists) or engaged


def _anaphor_marks(ctx: Context, r: Reading) -> int:
    """Mark an anaphoric subject ("They ...", "Some of these migrants", "Some are from
    ..."); returns the token where the clause's own words start."""
    s, e = r.start, r.end
    k = s
    while k < e and (ctx.lower[k] in ctx.words.anaphor_lead or ctx.space[k]):
        k += 1
    a_end = ctx.flag(Flag.ANAPHOR, k)
    if a_end is not None:
        word = ctx.lower[k]
        nxt = ctx.lower[a_end] if a_end < e else ""
        adverb_verb = a_end + 1 < e and ctx.lower[a_end].endswith("ly") and ctx.is_verb(
            a_end + 1)
        r.mark(Mark.ANAPHOR, (word in ctx.words.anaphors_always or a_end - k > 1
                              or nxt == "of" or ctx.is_verb(a_end) or adverb_verb
                              if a_end < e else False))
    if not r.has(Mark.ANAPHOR):
        # "Traffickers then force these women into commercial sex": the object points back.
        for a in ctx.flags_in(Flag.ACTIVE, s, e):
            j = ctx.active_at[a]
            if j + 1 < e and ((ctx.lower[j] in ctx.words.demonstratives
                               and ctx.lower[j + 1] in ctx.nouns.victims)
                              or (ctx.flag(Flag.ANAPHOR, j) or j) - j > 2):
                # ... or a part of them: "Employers subject many of them to ..." (a cue
                # phrase "many of them", "some of these"; not "some of the country's ...").
                r.mark(Mark.ANAPHOR)
    return k
