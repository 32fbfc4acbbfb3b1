"""Stage 3: apply the narrative's defaults to a clause, and what its paragraph carries.

What the rules know about the *narrative* (its country, the home) fills the ends a clause
leaves implicit, as the gold guidelines read them (:func:`_home_defaults`): a foreign
origin with no destination is exploited in the home; the home's own nationals with no
destination, or "within the country", "from rural areas", are home -> home; unmarked
victims sent to a foreign place come from the home. Negated clauses give nothing, sex
tourism gives :class:`~.reading.SexTourismMention` records, clauses that only say a group
is "vulnerable to" trafficking give nothing but may be completed by a later one.

A paragraph carries its subject (:class:`Paragraph`): "Some of these migrants are
subjected to forced labor" completes the migration sentence before it (``pending``), and
"They are also ..." reuses the origins of the last clause that named some (``subject``),
even one that only called them vulnerable ("Migrants from Nepal are vulnerable to
trafficking. Many of them are subjected to forced labor in Qatar").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from tipgraph.extract.flowread.asides import opens_comma_aside
from tipgraph.extract.flowread.context import Context, head_of
from tipgraph.extract.flowread.emit import emit
from tipgraph.extract.flowread.labels import Cue, Flag, Mark, Role
from tipgraph.extract.flowread.reading import (
    FlowMention,
    FormAt,
    Placed,
    Reading,
    SexTourismMention,
    unique,
)
from tipgraph.extract.records import Place

__all__ = ["MAX_CARRY", "Paragraph", "SentenceOut", "names_own_source", "resolve",
           "share_fronted", "share_places"]

MAX_CARRY = 3  # sentences a paragraph's subject or pending migration stays available


@dataclass(slots=True)
class Said:
    """Forms a paragraph named, and the number of the sentence that named them."""

    forms: list[FormAt] = field(default_factory=list)
    sentence: int = -99


@dataclass(slots=True)
class Subject:
    """The last origins a paragraph named, their destinations, and their sentence."""

    origins: list[Place] = field(default_factory=list)
    dests: list[Place] = field(default_factory=list)
    sentence: int = -99
    abroad: bool = False  # "exploit X women in sex trafficking abroad": never in the home
    victims: frozenset[str] = frozenset()  # who they are ("women"), for "Many of them"


@dataclass(slots=True)
class Pending:
    """A clause that named origins without stating exploitation, waiting for one that does."""

    reading: Reading
    sentence: int
    span: tuple[int, int]


@dataclass(slots=True)
class Paragraph:
    """What a paragraph has said so far, for the sentences that lean on it.

    Attributes:
        subject: its last origins ("They are also ...").
        statement: the forms of its last clause that stated exploitation.
        orphan: forms stated with no origin, for a next sentence that names only origins.
        forms_so_far: every form it named ("for the same purposes listed above").
        pending: clauses of origins waiting for a statement ("Some of these migrants ...").
    """

    index: int = -1
    subject: Subject = field(default_factory=Subject)
    statement: Said = field(default_factory=Said)
    orphan: Said = field(default_factory=Said)
    forms_so_far: list[FormAt] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    done: list[Pending] = field(default_factory=list)  # the last completed, and when:
    done_sentence: int = -99  # for a part of the same group later in that sentence


@dataclass(slots=True)
class SentenceOut:
    """One sentence being read: its number, character span, and what it emits."""

    number: int
    span: tuple[int, int]
    flows: list[FlowMention] = field(default_factory=list)
    tourism: list[SexTourismMention] = field(default_factory=list)
    hedged: bool = False  # an earlier clause of the sentence is hedged
    vulnerable: bool = False  # a clause of the sentence says its group is only vulnerable
    own_source: bool = False  # it names its victims' source, though not as a place


def resolve(ctx: Context, r: Reading, para: Paragraph, sent: SentenceOut,
            prev: Reading | None) -> None:
    """Apply the narrative's defaults to one clause and emit what it states."""
    if r.has(Mark.NEGATED):
        return
    if r.has(Mark.SEX_TOURISM):
        _emit_tourism(ctx, r, sent)
        return
    _continue_statement(ctx, r, para, sent.number, prev)
    _part_of_hedged(ctx, r, prev)
    origins, dests = _stated_ends(ctx, r, para, prev)
    dests = _route_dests(ctx, r, dests)
    if (not r.has(Mark.STATEMENT) and origins and not r.has(Mark.VULNERABLE)
            and not sent.vulnerable and para.orphan.sentence >= sent.number - 1):
        # "... some of these workers experience forced labor. Many technical interns are
        # Chinese, Cambodian, and Vietnamese citizens."
        r.mark(Mark.STATEMENT)
        r.forms = list(para.orphan.forms)
        para.orphan.sentence = -99
    if not r.has(Mark.STATEMENT):
        _hold(r, para, sent, origins, dests)
        return
    if not r.forms and ctx.flags_in(Flag.SAME_FORMS, r.start, r.end):
        # "for the same purposes listed above", "may endure similar exploitation": every
        # form the paragraph has named so far, else every form of the paragraph before.
        r.forms = list(para.forms_so_far or ctx.last_forms)
    para.forms_so_far.extend(r.forms)
    para.statement = Said(list(r.forms), sent.number)
    hedged = r.has(Mark.HEDGED) or sent.hedged
    _emit_home_ways(ctx, r, hedged, sent)
    _recall_completed(ctx, r, para, sent.number, origins)
    if not origins and para.pending and not r.has(Mark.INTERNAL) and r.forms:
        if not sent.own_source:
            _complete_pending(ctx, r, para, dests, hedged, sent)
            return
        para.pending.clear()  # its own victims: the migration clauses before are done
    if origins:
        para.pending.clear()
    origins, dests = _home_defaults(ctx, r, para, origins, dests, sent.number)
    if origins:
        para.subject = _subject(r, origins, dests, sent.number, r.has(Mark.ABROAD) and not dests)
    elif not r.has(Mark.INTERNAL) and r.forms and not r.has(Mark.ROLE_STATEMENT):
        # The forms of the role sentence sum up the whole profile; they are not the forms
        # of the next sentence's migrants ("Kuwait is a destination country for ... forced
        # labor and, to a lesser degree, forced prostitution. Men and women migrate ...").
        para.orphan = Said(list(r.forms), sent.number)
    for seg_origins, seg_dests in _segments(r, origins, dests):
        emit(r, seg_origins, seg_dests, None, hedged, sent.span, sent.flows)


def _subject(r: Reading, origins: list[Place], dests: list[Placed], sent_no: int,
             abroad: bool) -> Subject:
    """The paragraph's subject after clause ``r``: its origins, destinations and victims."""
    return Subject(origins, unique(p for p, _ in dests), sent_no, abroad, frozenset(r.victims))


def _hold(r: Reading, para: Paragraph, sent: SentenceOut, origins: list[Place],
          dests: list[Placed]) -> None:
    """A clause that states no exploitation: its group waits for a statement that does
    (``pending``), or is the group an anaphoric statement points back to (``subject``)."""
    # "Migrants from Ethiopia transit Kenya en route to South Africa; some of these migrants
    # are trafficking victims": a group only passing through the home is not exploited there
    # unless a later clause says so.
    passing = r.has(Mark.TRANSIT) and not dests
    if origins and not r.has(Mark.VULNERABLE):
        para.pending.append(Pending(r, sent.number, sent.span))
        para.subject = _subject(r, origins, dests, sent.number, passing)
    elif r.has(Mark.VULNERABLE) and not origins:
        # "... 63,000 Ethiopians seeking asylum in Sudan; this population is vulnerable
        # to trafficking": the sentence says what its migration clause is, so no later
        # statement completes it.
        para.pending = [p for p in para.pending if p.sentence != sent.number]
    elif origins:
        # "Migrant workers from Nepal are vulnerable to trafficking. Many of them are
        # subjected to forced labor in Qatar": no flow of its own, but the group an
        # anaphoric statement points back to (never completed without one). It is
        # the newer group, so migration clauses of earlier sentences wait no more
        # ("Employers ... withhold workers' passports. Domestic workers, most of them
        # women from Ethiopia, are vulnerable ... Some of these women endure ...").
        para.subject = _subject(r, origins, dests, sent.number, passing)
        para.pending = [p for p in para.pending if p.sentence == sent.number]


def names_own_source(ctx: Context, start: int, end: int) -> bool:
    """Whether the sentence ``[start, end)`` says where its victims come from in words that
    name no place: "women and children from a wide range of ethnic and religious groups".

    Such a sentence is about the victims it describes, so it completes no migration clause
    before it, and the sentences after it do not either ("... 245,000 Syrian refugees
    remained displaced in Iraq. ... ISIS militants kidnapped ... women and children from a
    wide range of ethnic and religious groups ..., where ISIS fighters subjected them to ...
    ISIS maintained a system to buy and sell women and girls for sexual slavery" gives the
    refugees no flow). The "from" must
    follow a victim noun; its phrase runs to the next punctuation, number, cue or verb.
    """
    for k in range(start + 1, end):
        cue = ctx.m.cues.get(k)
        if cue is None or cue[1] != Cue.ORIGIN or ctx.lower[k - 1] not in ctx.nouns.victims:
            continue
        j, words = cue[0], 0
        while j < end and not ctx.stop_tok[j] and j not in ctx.m.cues and not ctx.is_verb(j):
            if j in ctx.ent_at:
                break
            words += not ctx.space[j]
            j += 1
        else:
            if words:
                return True
    return False


def _emit_tourism(ctx: Context, r: Reading, sent: SentenceOut) -> None:
    """Tourists from the clause's people's places, in its destinations (else the home)."""
    home = ctx.home
    origins = unique(r.notes.tourists)
    dests = unique(r.places(Role.DESTINATION)) or (
        [home] if home and not r.has(Mark.ABROAD) else [])
    for o in origins:
        for d in dests:
            if o != d:
                sent.tourism.append(SexTourismMention(o, d, sent.span[0], sent.span[1]))


def _continue_statement(ctx: Context, r: Reading, para: Paragraph, sent_no: int,
                        prev: Reading | None) -> None:
    """A clause continuing a statement states it too, with its forms (not a vulnerable one)."""
    if (not r.has(Mark.STATEMENT) and r.has(Mark.ANAPHOR) and not r.has(Mark.VULNERABLE)
            and para.statement.sentence >= sent_no - MAX_CARRY):
        r.mark(Mark.STATEMENT)
        r.forms = list(para.statement.forms)
    if (not r.has(Mark.STATEMENT) and prev is not None and prev.has(Mark.STATEMENT)
            and not r.has(Mark.VULNERABLE) and r.start > prev.start):
        # Same sentence, own subject missing: the clause before states it.
        r.mark(Mark.STATEMENT)
        r.forms = list(prev.forms)
    elif (r.has(Mark.STATEMENT) and not r.forms and prev is not None and prev.forms
          and any(w in ctx.words.same_form_adverbs for w in ctx.lower[r.start:r.end])):
        # "... are trafficked to Canada for commercial sexual exploitation, but victims from
        # Africa and the Caribbean also have been identified": "also" says the clause before
        # it in the sentence names their exploitation too (a later sentence's "also" does
        # not: it may add victims of any form).
        r.forms = list(prev.forms)


def _opens_with_part(ctx: Context, r: Reading) -> bool:
    """Does the clause's subject open, after its leading words ("and", spaces), with a
    quantifier before a victim noun ("some women", "many children"): a part of a group?"""
    k = r.start
    while k < r.end and (ctx.lower[k] in ctx.words.anaphor_lead or ctx.space[k]):
        k += 1
    return (k + 1 < r.end and ctx.lower[k] in ctx.words.aside_openers
            and ctx.lower[k + 1] in ctx.nouns.victims)


def _part_of_hedged(ctx: Context, r: Reading, prev: Reading | None) -> None:
    """'Sudanese refugees in camps in eastern Chad are highly vulnerable to trafficking, and
    some women and girls fall victim to sex trafficking there': a quantifier before a victim
    noun, with no origin of its own, after a clause of the sentence that only called its
    group vulnerable, states the exploitation of a part of that group (issue 12 pattern 3),
    as "and some endure ..." does; its own victim nouns stay its victims."""
    if (prev is None or not prev.has(Mark.VULNERABLE) or not prev.places(Role.ORIGIN)
            or not r.has(Mark.STATEMENT) or r.has(Mark.ANAPHOR) or r.places(Role.ORIGIN)):
        return
    if _opens_with_part(ctx, r):
        r.mark(Mark.ANAPHOR)


def _compatriot_agents(ctx: Context, r: Reading) -> list[Place]:
    """The clause's traffickers' places, whose nationality "the same nationality as" gives the
    victims: not those of the employers, owners or clients it also names."""
    out = []
    for place, at in r.at(Role.AGENT):
        ent = ctx.ent_at.get(at)
        if ent is not None:
            _head, j = head_of(ctx, ent.end, r.end, False)
            if j < r.end and ctx.lower[j] in ctx.words.not_compatriot_agents:
                continue
        out.append(place)
    return unique(out)


def _stated_ends(ctx: Context, r: Reading, para: Paragraph,
                 prev: Reading | None) -> tuple[list[Place], list[Placed]]:
    """The clause's origins and destinations, with those it borrows from the clause before
    or the paragraph."""
    origins = unique(r.places(Role.ORIGIN))
    if r.notes.demonym_origins and r.notes.np_origins:
        origins = [p for p in origins
                   if p not in r.notes.np_origins or p in r.notes.demonym_origins]
    dests = list(r.at(Role.DESTINATION))
    if r.has(Mark.RELATIVE) and not origins and prev is not None:
        # "X women face debt bondage, which they are forced to pay off by prostitution".
        origins = unique(prev.places(Role.ORIGIN))
        if not dests:
            dests = list(prev.at(Role.DESTINATION))
    if (origins and not dests and prev is not None and not r.has(Mark.ABROAD)
            and set(origins) == set(prev.places(Role.ORIGIN))):
        # "... North Korean women who have migrated to China are vulnerable, and
        # traffickers lure some North Korean women upon their arrival."
        dests = list(prev.at(Role.DESTINATION))
    if r.has(Mark.THESE_COUNTRIES) and para.subject.origins:
        origins = unique(origins + para.subject.origins)
    if r.has(Mark.THESE_DESTS) and not dests and para.subject.dests:
        # "Indonesians work in Malaysia and Singapore. Many Indonesian women who migrate
        # to these places ... are forced into prostitution": the places named before.
        dests = [Placed(p, r.start) for p in para.subject.dests]
    if r.has(Mark.COMPATRIOT):
        origins = unique(origins + _compatriot_agents(ctx, r))
    return origins, dests


def _add_transit(r: Reading, legs: list[Placed]) -> None:
    for leg in legs:
        if leg.place not in r.places(Role.TRANSIT):
            r.add(Role.TRANSIT, leg.place, leg.at)


def _route_dests(ctx: Context, r: Reading, dests: list[Placed]) -> list[Placed]:
    """Destinations of a route: where a "where" clause points back to, or the promised place.

    "travel to Sudan and then on to Libya, where traffickers hold them": the leg the "where"
    clause points back to is the destination; the places before the en-route cue are
    earlier legs, passed through.
    """
    dests = dests + _where_passed(ctx, r, dests)
    enroute = r.at(Role.EN_ROUTE)
    statement = r.has(Mark.STATEMENT)
    wheres = ctx.flags_in(Flag.WHERE, r.start, r.end) if enroute and statement else []
    # Only the legs before the "where" are what it points back to: "toward Libya, where
    # traffickers exploit some ..., hoping to cross to Italy" leaves Italy a hope; and not
    # those before a destination nearer the "where" ("to reach jobs in the Gulf have
    # instead been taken to Iraq, where ...": Iraq).
    nearer = max((d.at for d in dests if wheres and d.at < wheres[-1]), default=-1)
    enroute = [e for e in enroute if wheres and nearer < e.at < wheres[-1]]
    if enroute and (
            any(f.at > wheres[-1] for f in r.forms)
            or any(wheres[-1] < ts < r.end for ts in ctx.term_starts)):
        first = min(pos for _p, pos in enroute)
        cue_at = max((c for c in range(r.start, first)
                      if ctx.cue_label(c) == Cue.ENROUTE), default=first)
        legs = [d for d in dests if d.at < cue_at]
        dests = [d for d in dests if d.at >= cue_at]
        _add_transit(r, legs)
        dests.extend(enroute)
    dests = _chain_legs(ctx, r, dests)
    promised = r.at(Role.PROMISED)
    if promised and statement and not dests:
        # "recruited with promises of jobs in the United States ... are forced into
        # prostitution upon arrival": the promised place is where they end up, unless
        # the clause names another one.
        dests.extend(promised)
    return dests


def _where_passed(ctx: Context, r: Reading, dests: list[Placed]) -> list[Placed]:
    """The places a "where" clause points back to when the last leg before it is one passed
    through: "move Eritrean migrants (toward Europe, taking them) through Libya, where
    militias force them to work" is exploitation in Libya, not in the home nor in Europe.

    The leg is the places after the last route cue before the "where" when that cue is a
    "through" (``VIA``; not "through Sudan toward Europe, where") and no destination
    comes after it; they leave the transit and the en-route
    places (the goals before it stay goals), and the home is no longer only passed
    through. Only when the "where" clause states the exploitation (a form or a trafficking
    term after it)."""
    wheres = ctx.flags_in(Flag.WHERE, r.start, r.end)
    if not (wheres and r.has(Mark.STATEMENT)):
        return []
    where = wheres[-1]
    if not (any(f.at > where for f in r.forms)
            or any(where < ts < r.end for ts in ctx.term_starts)):
        return []
    route = (Cue.VIA, Cue.ENROUTE, Cue.DEST, Cue.DEST_WEAK, Cue.PROMISE)
    via = max((c for c in range(r.start, where) if ctx.cue_label(c) in route), default=-1)
    if via < 0 or ctx.cue_label(via) != Cue.VIA or any(via < d.at < where for d in dests):
        return []
    legs = [p for role in (Role.TRANSIT, Role.EN_ROUTE) for p in r.at(role)
            if via < p.at < where]
    if not legs:
        return []
    for role in (Role.TRANSIT, Role.EN_ROUTE):
        if role in r.placed:
            r.placed[role] = [p for p in r.placed[role] if p not in legs and (
                role == Role.TRANSIT or p.at > via)]
    if ctx.home is not None and any(p.place == ctx.home for p in legs):
        r.mark(Mark.TRANSIT, False)
    return sorted(legs, key=lambda p: p.at)


def _chain_legs(ctx: Context, r: Reading, dests: list[Placed]) -> list[Placed]:
    """A route chain "recruit X for jobs in Thailand and then transport them to Burma, where
    they are forced to ...": the place the "where" clause points back to, after the last
    "then", is the destination; the places before it are earlier legs (transit). With no
    "where", the places after "then" are the destinations when the exploitation is stated
    after it too ("recruited Ugandans for jobs in Thailand and then forced them to work in
    scam operations in Burma")."""
    wheres = ctx.flags_in(Flag.WHERE, r.start, r.end)
    if not (r.has(Mark.STATEMENT) and len(dests) > 1):
        return dests
    where = wheres[-1] if wheres else r.end
    turns = ctx.words.chain_turns
    thens = [k for k in range(r.start, where) if ctx.lower[k] == "then" or ctx.lower[k] in turns]
    if not thens:
        return dests
    cut = thens[-1]
    if not wheres and not any(f.at > cut for f in r.forms):
        return dests
    if not (any(cut < pos < where for _p, pos in dests) and any(pos < cut for _p, pos in dests)):
        return dests
    if ctx.lower[cut] not in turns:
        # "instead" turns away from the places before it: they were only meant.
        _add_transit(r, [d for d in dests if d.at < cut])
    return [d for d in dests if d.at >= cut]


def _emit_home_ways(ctx: Context, r: Reading, hedged: bool, sent: SentenceOut) -> None:
    """Flows with the home at both ends of a phrase: "to and from Togo", internal trafficking."""
    home = ctx.home
    if home is None:
        return
    for place, pos in r.at(Role.BOTH):
        # "Children are trafficked to and from Togo and Nigeria": each way, with the home.
        if place != home:
            emit(r, [home], [Placed(place, pos)], None, hedged, sent.span, sent.flows)
            emit(r, [place], [Placed(home, pos)], None, hedged, sent.span, sent.flows)
    if r.has(Mark.INTERNAL):
        emit(r, [home], [Placed(home, r.start)], None, hedged, sent.span, sent.flows)


def _complete_pending(ctx: Context, r: Reading, para: Paragraph, dests: list[Placed],
                      hedged: bool, sent: SentenceOut) -> None:
    """A statement without origins completes the paragraph's pending clauses with its forms:
    "Many Nepalis migrate to the Gulf. Some of them are subjected to forced labor."."""
    home = ctx.home
    # "Tajiks in Russia are employed in construction; ... some among them were subjected to
    # forced labor": a group the sentence itself names is the one its statement completes,
    # not the migration sentences before it.
    own = any(p.sentence == sent.number for p in para.pending)
    for pending in para.pending:
        pr = pending.reading
        if pending.sentence < sent.number - MAX_CARRY or (
                own and pending.sentence != sent.number):
            continue
        # "Many Nepali women migrate to the Gulf. Some of them are subjected to domestic
        # servitude in Kuwait and Oman": the statement's places are where the exploitation
        # is stated; the migration's only where none is named.
        p_dests = dests or list(pr.at(Role.DESTINATION))
        if (not p_dests and home is not None and not pr.has(Mark.ABROAD)
                and not pr.has(Mark.TRANSIT)):
            p_dests = [Placed(home, pr.start)]
        merged = Reading(start=pr.start, end=pr.end,
                         placed={Role.TRANSIT: pr.at(Role.TRANSIT)}, victims=pr.victims,
                         sectors=pr.sectors | r.sectors)
        emit(merged, unique(pr.places(Role.ORIGIN)), p_dests, list(r.forms),
             hedged or pr.has(Mark.HEDGED), pending.span, sent.flows)
    para.done, para.done_sentence = list(para.pending), sent.number
    para.pending.clear()


def _recall_completed(ctx: Context, r: Reading, para: Paragraph, sent_no: int,
                      origins: list[Place]) -> None:
    """'Cambodians migrate to Thailand for work; many experience forced labor, and some
    women and girls are exploited in sex trafficking': a later clause of the sentence whose
    subject is a part of the group ('some women', a quantifier before a victim noun) states
    the exploitation of the migrants its sentence has already completed, so it completes
    them again with its own forms."""
    if (origins or para.pending or r.has(Mark.INTERNAL) or not r.forms
            or para.done_sentence != sent_no):
        return
    if _opens_with_part(ctx, r):
        para.pending = list(para.done)


def _home_defaults(ctx: Context, r: Reading, para: Paragraph, origins: list[Place],
                   dests: list[Placed], sent_no: int) -> tuple[list[Place], list[Placed]]:
    """Fill the ends the clause leaves implicit from the paragraph and the home."""
    home = ctx.home
    if (not origins and r.has(Mark.ANAPHOR)
            and para.subject.sentence >= sent_no - MAX_CARRY):
        origins = list(para.subject.origins)
        if not dests and para.subject.dests:
            dests = [Placed(p, r.start) for p in para.subject.dests]
        if not r.victims:
            # "Nepali women ... are vulnerable ... Many of them are subjected to domestic
            # servitude": the group it points back to is who the victims are.
            r.victims |= para.subject.victims
        if para.subject.abroad:
            # "... in sex trafficking abroad; many victims are sold to brothel operators":
            # the victims of a clause that said "abroad" are not exploited in the home.
            r.mark(Mark.ABROAD)
    if not origins:
        foreign_dest = any(p != home for p, _ in dests)
        # "Moroccan peacekeepers were accused of sexual exploitation in the DRC": when the
        # home's own nationals are the clause's perpetrators (not its traffickers, who take
        # their compatriots abroad: "Nigerian traffickers take women to Mali"), its
        # victims are not theirs.
        if (dests and not r.has(Mark.FOREIGN) and not r.has(Mark.TRANSIT)
                and home is not None and (foreign_dest or r.has(Mark.INTERNAL_DEST))
                and home not in r.notes.perpetrators):
            origins = [home]
    if origins and not dests and _caught_en_route(ctx, r):
        return origins, dests
    found_in = [p for p in r.notes.finders if p != home]
    if origins and not dests and found_in:
        # "In 2022, Indian authorities identified 300 Nepali women ... in sex trafficking":
        # a foreign country's authorities found the victims in that country.
        dests = [Placed(p, r.start) for p in unique(found_in)]
    if origins and not dests and home is not None:
        abroad = r.has(Mark.ABROAD) or r.has(Mark.TRANSIT)
        dests = [] if abroad else [Placed(home, r.start)]
    return origins, dests


def _caught_en_route(ctx: Context, r: Reading) -> bool:
    """Victims caught on their way ("identified Ugandan victims en route to Nairobi") have no
    place of exploitation; a comma aside ("migrants, some en route to the US, ...") is not."""
    return any(ctx.cue_label(k) == Cue.ENROUTE and not opens_comma_aside(ctx, k, r.start)
               for k in range(r.start, r.end))


def _segments(r: Reading, origins: list[Place],
              dests: list[Placed]) -> list[tuple[list[Place], list[Placed]]]:
    """Pair each run of origins with the run of destinations after it when a clause lists
    several: "from Ghana to Western Europe, from Nigeria through Ghana to Western Europe,
    and from Burkina Faso through Ghana to Cote d'Ivoire" is three flows, not nine. Any
    other clause pairs every origin with every destination.
    """
    stated = r.at(Role.ORIGIN)
    events = sorted([(pos, 0, p) for p, pos in stated if p in origins]
                    + [(pos, 1, p) for p, pos in dests], key=lambda e: (e[0], e[1]))
    runs: list[tuple[int, list[Placed]]] = []
    for pos, kind, place in events:
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(Placed(place, pos))
        else:
            runs.append((kind, [Placed(place, pos)]))
    if (len(runs) < 4 or len(runs) % 2 or runs[0][0] != 0
            or {p for p, _pos in stated} != set(origins)):
        return [(origins, dests)]
    return [(unique(p for p, _ in runs[i][1]), runs[i + 1][1])
            for i in range(0, len(runs), 2)]


def share_places(ctx: Context, readings: list[Reading]) -> None:
    """An object with no place of its own takes the places of the next object.

    "Traffickers exploit Romanian women in sex trafficking and Romanian men in forced labor
    in Germany and Italy": the places close the whole list. An object followed by a place
    phrase of its own ("... boys in forced labor on Lake Volta and ...") keeps its own
    reading, even when that phrase names no country.
    """
    for r, nxt in itertools.pairwise(readings):
        if (nxt.start not in ctx.continuations or r.at(Role.DESTINATION)
                or not r.at(Role.ORIGIN) or not r.forms):
            continue
        if r.has(Mark.ABROAD) or r.has(Mark.INTERNAL) or r.has(Mark.INTERNAL_DEST):
            continue
        last_form = max(f.at for f in r.forms)
        ends = [f.end for f in ctx.m.forms if f.start == last_form]
        after = max(ends, default=last_form + 1)
        if any(ctx.cue_label(k) in (Cue.DEST, Cue.DEST_WEAK)
               for k in range(after, r.end)):
            continue
        r.placed[Role.DESTINATION] = list(nxt.at(Role.DESTINATION))


def share_fronted(ctx: Context, readings: list[Reading]) -> None:
    """A fronted place is where every verb of the same subject exploits its victims.

    "In Algeria, traffickers force Nigerien children to beg and subject Nigerien women to
    sex trafficking": the sentence opens with a ``fronted_locatives`` word and its places up
    to the first comma; the clauses after the first that go on with "and" (a second verb or
    object of the same subject, cut by stage 1) and name no destination of their own, nor
    "abroad" or an internal cue, take those places.
    """
    if len(readings) < 2:
        return
    first = readings[0]
    if ctx.lower[first.start] not in ctx.words.fronted_locatives:
        return
    comma = next((k for k in range(first.start, first.end) if ctx.lower[k] == ","), None)
    if comma is None:
        return
    fronted = [p for p in first.at(Role.DESTINATION) if p.at < comma]
    if not fronted:
        return
    for r in readings[1:]:
        if (ctx.lower[r.start] not in ctx.words.coordinators
                or ctx.lower[r.start - 1] in (",", ";")):
            break  # ", and Nigerien women are ...": a clause with a subject of its own
        if r.at(Role.DESTINATION) or any(r.has(m) for m in (
                Mark.ABROAD, Mark.INTERNAL, Mark.INTERNAL_DEST)):
            continue
        r.placed[Role.DESTINATION] = list(fronted)
