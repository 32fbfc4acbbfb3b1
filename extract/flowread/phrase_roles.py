"""Stage 2: read each place phrase's role in a clause, from the cue and head tables.

The clause is walked once, left to right. A *cue* (``flows_cues.jsonl``) sets the reading
mode for the places after it (:func:`_mode_cue`: ``from`` -> ``Role.ORIGIN``, ``in``/``to``
-> ``Role.DESTINATION``, ``via`` -> ``Role.TRANSIT``, ``by`` -> ``Role.AGENT``); list words
(``continuation`` nouns: "and", "other", "countries") keep the mode over a list, any other
word ends it (:func:`_mode_after_word`). A place then gets its role from the mode and its
*head noun* (``flows_nouns.jsonl``, :func:`~.context.head_of`) in :func:`_role_of`:
"Nigerian women" are victims (an origin), "Nigerian traffickers" agents, "Jamaican waters"
a place that takes the mode. Cues that say something of the clause rather than of the
places after it (``INTERNAL``, ``ABROAD``, ``TRANSIT_OF``, ...) mark the reading
(:func:`_clause_cue`). The clause's other marks are read last (:mod:`.clause_marks`).
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span

from tipgraph.extract.flowread.asides import (
    dash_route_aside,
    opens_comma_aside,
    route_aside,
    unknown_list_item,
)
from tipgraph.extract.flowread.clause_marks import read_marks
from tipgraph.extract.flowread.context import (
    PEOPLE_LABELS,
    Context,
    agent_predicate,
    head_of,
    people_noun,
    place_of,
    sold_to,
)
from tipgraph.extract.flowread.labels import CUE_ROLES, HELD, Cue, Flag, Head, Mark, Role
from tipgraph.extract.flowread.reading import Reading
from tipgraph.extract.flowread.subjects import SubjectRegion, in_subject, subject_regions
from tipgraph.extract.records import Place

__all__ = ["read_clause"]

# Cues an "excluding" phrase ("except for", "other than") overrides until it ends.
_EXCLUDE_HOLDS = frozenset({Cue.DEST, Cue.DEST_WEAK, Cue.ORIGIN, Cue.VIA, Cue.AGENT})
# Modes a weak destination cue ("throughout", "across") keeps: it only starts a new list.
_WEAK_DEST_KEEPS = frozenset({Role.ORIGIN, Role.DESTINATION, Role.EN_ROUTE, Role.PROMISED,
                              Role.AGENT, Role.TRANSIT})
# Modes "from" keeps: the traffickers' or a held route's places may come "from" somewhere.
_ORIGIN_KEEPS = frozenset({Role.AGENT, Role.SPOUSE, Role.EN_ROUTE, Role.PROMISED})


def read_clause(ctx: Context, start: int, end: int) -> Reading:
    """Read one clause ``[start, end)``: every place's role, and the clause's marks."""
    r = Reading(start=start, end=end)
    regions = subject_regions(ctx, start, end)
    mode: Role | None = None
    modes: dict[int, Role | None] = {}
    saved: list[Role | None] = []  # the mode at each open parenthesis
    aside: list[Role | None] = []  # the mode before a comma aside's route cue
    dash_saved: list[Role | None] = []  # the mode before a dash aside's "via"
    t = start
    while t < end:
        low = ctx.lower[t]
        if low == "(":
            saved.append(mode)
        elif low == ")" and saved:
            # "in the United Kingdom and Ireland (including on cannabis farms), continental
            # Europe, ...": the list goes on after an aside with the reading it had.
            before = saved.pop()
            if before is not None:
                mode = before
        elif low in ctx.words.route_aside_openers and low != "(" and dash_saved:
            mode = dash_saved.pop()  # "in Senegal—via Koundara—Mauritania": the list goes on
        elif low in ctx.words.route_aside_openers and dash_route_aside(ctx, t, end):
            dash_saved.append(mode)
        elif low == "," and aside and not _aside_goes_on(ctx, t + 1, end):
            # "migrants, some en route to the United States, from Venezuela": the aside
            # ends at its comma, and the places after it are read as before it.
            mode = aside.pop()
        cue = ctx.m.cues.get(t)
        ent = ctx.ent_at.get(t)
        if ent is not None and ent.end <= end:
            _classify(ctx, r, ent, mode, regions, end)
            for k in range(ent.start, ent.end):
                modes[k] = mode
            t = ent.end
            continue
        if cue is not None:
            cend, label = cue
            if label == Cue.ENROUTE and opens_comma_aside(ctx, t, start) and not aside:
                aside.append(mode)
            mode = _apply_cue(ctx, r, t, label, mode)
            for k in range(t, cend):
                modes[k] = mode
            t = cend
            continue
        modes[t] = mode
        if mode is not None:  # (no mode: nothing to end; the test saves a call per word)
            mode = _mode_after_word(ctx, t, mode)
        if _names_origins(ctx, r, t):
            mode = Role.ORIGIN
        t += 1
    if r.has(Mark.BOTH_SIDES):
        _both_sides(ctx, r)
    read_marks(ctx, r, regions, modes)
    return r


def _both_sides(ctx: Context, r: Reading) -> None:
    """'women from Zimbabwean towns bordering South Africa ... in brothels on both sides of
    the border': the exploitation is in the bordered countries and in the home."""
    bordered = r.at(Role.BORDERED)
    if not bordered:
        return
    for p in bordered:
        r.add(Role.DESTINATION, p.place, p.at)
    if ctx.home is not None:
        r.add(Role.DESTINATION, ctx.home, bordered[0].at)


def _aside_goes_on(ctx: Context, k: int, end: int) -> bool:
    """Whether the comma before ``k`` goes on with an aside's list rather than closing it:
    a place (not a people's name) next, after "and"/"or" and "the" ("some en route to the
    United States, Canada, and Mexico, from ...")."""
    if k < end and ctx.lower[k] in ctx.words.list_joins:
        k += 1
    if k < end and ctx.lower[k] == "the":
        k += 1
    ent = ctx.ent_at.get(k)
    return ent is not None and ent.label_ not in PEOPLE_LABELS


def _mode_after_word(ctx: Context, t: int, mode: Role) -> Role | None:
    """The mode after a word that is neither a cue nor a place: kept over list words."""
    low = ctx.lower[t]
    if mode in HELD:
        if low in ctx.words.enroute_enders or t in ctx.be_at or (
                ctx.is_verb(t) and low not in ctx.words.taking_verbs):
            return None
    elif mode in (Role.AGENT, Role.SPOUSE):
        if (t in ctx.be_at or t in ctx.boundary_at or t in ctx.active_at
                or (mode == Role.AGENT and ((low == "," and not _people_list_comma(ctx, t))
                                            or low in ctx.words.finding_verbs))):
            return None
    elif mode == Role.EXCLUDED:
        if low in (",", ";") or t in ctx.be_at:
            return None
    elif low in ctx.nouns.continuation or ctx.space[t]:
        pass
    elif low.isdigit() and ctx.lower[t - 1] in ctx.nouns.continuation:
        pass  # "in at least 28 countries, including ...": a count of the list to come
    elif mode == Role.ORIGIN and low in ctx.nouns.origin_np:
        pass  # "from refugee settlements in Uganda": still the origin's phrase
    elif mode == Role.DESTINATION and _site_of(ctx, t):
        pass  # "in the brothels of India", "in the gold mines of Ghana": still the place
    elif mode == Role.TRANSIT and low in ctx.words.transit_sites:
        pass  # "through airports in Bangkok": still the way through
    elif mode in (Role.DESTINATION, Role.ORIGIN) and unknown_list_item(ctx, t):
        pass  # "in Asia, the Mediterranean, Latin America, ...": an item the gazetteer lacks
    else:
        return None
    return mode


def _people_list_comma(ctx: Context, t: int) -> bool:
    """Whether the comma at ``t`` is inside a list of peoples' names: "operated by
    Taiwanese, Filipino, or Palauan nationals". The agents' list goes on past it (issue 12
    pattern 6), where a comma after one name would end the agents' phrase."""
    before = ctx.ent_end.get(t)
    if before is None or before.label_ not in PEOPLE_LABELS:
        return False
    k = t + 1 + (t + 1 < len(ctx.lower) and ctx.lower[t + 1] in ctx.words.list_joins)
    after = ctx.ent_at.get(k)
    return after is not None and after.label_ in PEOPLE_LABELS


def _names_origins(ctx: Context, r: Reading, t: int) -> bool:
    """Whether the word at ``t`` opens a list of the victims' origins: a copula or an
    ``origin_list_verbs`` word after a phrase that names them (``ORIGIN_LIST``: "Primary
    countries of origin during the reporting period were Romania, Hungary, ..."). The list
    names origins with no "from" before them, and the clause states trafficking as "victims
    came from" would (:data:`Mark.ORIGINS_NAMED`); a copula before the phrase ("Nigeria is
    the main country of origin") or "including" after it ("returned to their countries of
    origin, including Ghana") opens none."""
    if t not in ctx.be_at and ctx.lower[t] not in ctx.words.origin_list_verbs:
        return False
    if not ctx.flags_in(Flag.ORIGIN_LIST, r.start, t):
        return False
    r.mark(Mark.ORIGINS_NAMED)
    return True


def _site_of(ctx: Context, t: int) -> bool:
    """Whether the word at ``t`` is in a site's "of" phrase: up to four plain words (no
    verb, place or cue) ending in a place noun (``place`` of ``flows_nouns.jsonl``) and
    followed by "of" ("brothels of", "gold mines of", "palm oil plantations of"), or that
    "of". The place after it is where the site is, so a destination's reading goes on over
    it (the destination twin of "rural provinces of Laos")."""
    lower, places = ctx.lower, ctx.nouns.places
    if lower[t] == "of":
        return t > 0 and lower[t - 1] in places
    j = t
    while (j < len(lower) and j - t < 4 and lower[j].isalpha() and lower[j] != "of"
           and not ctx.is_verb(j) and j not in ctx.ent_at and j not in ctx.m.cues):
        j += 1
    return j > t and j < len(lower) and lower[j] == "of" and lower[j - 1] in places


def _apply_cue(ctx: Context, r: Reading, t: int, label: Cue, mode: Role | None) -> Role | None:
    """The reading mode after cue ``label`` at token ``t`` (and the marks it sets)."""
    if label in CUE_ROLES or label == Cue.DEST_WEAK:
        return _mode_cue(ctx, r, t, label, mode)
    _clause_cue(ctx, r, t, label, mode)
    return mode


def _receivers(ctx: Context, r: Reading, k: int) -> bool:
    """Whether the agent noun at ``k`` is in the "to" phrase of a sending verb ("children sent
    to relatives in France"): the victims go to them, so their place is a destination. The
    phrase is "to" and at most one word before the noun."""
    for j in (k - 1, k - 2):
        if j - 1 >= r.start and ctx.lower[j] == "to":
            return ctx.lower[j - 1] in ctx.words.sending_verbs
    return False


def _mode_cue(ctx: Context, r: Reading, t: int, label: Cue, mode: Role | None) -> Role | None:
    """The mode a mode-setting cue leaves: mostly its own role, unless a mode holds."""
    prev = ctx.lower[t - 1] if t > r.start else ""
    if mode == Role.EXCLUDED and label in _EXCLUDE_HOLDS:
        return mode
    if label == Cue.DEST:
        if mode in HELD:
            return mode
        if mode in (Role.AGENT, Role.SPOUSE) and prev in ctx.words.list_joins:
            return mode
        if mode == Role.ORIGIN and prev in ctx.nouns.origin_np and ctx.lower[t] == "in":
            return mode  # "from sending communities in East Africa": where they live
        if mode == Role.TRANSIT and prev in ctx.words.transit_sites and ctx.lower[t] == "in":
            return mode  # "through airports in Bangkok to Bahrain": passed through
        if (prev in ctx.nouns.agents and ctx.lower[t] in ctx.words.agent_locatives
                and t not in ctx.form_ends and not _receivers(ctx, r, t - 1)):
            # "traffickers in Nigeria", but not "forced marriage in Iran": a form's last
            # word is no agent even when the word can be one.
            return Role.AGENT
        return Role.DESTINATION
    if label == Cue.DEST_WEAK:
        return mode if mode in _WEAK_DEST_KEEPS else Role.DESTINATION
    if label == Cue.ORIGIN:
        return mode if mode in _ORIGIN_KEEPS else Role.ORIGIN
    if label in (Cue.VIA, Cue.SPOUSE):
        return mode if mode in HELD else CUE_ROLES[label]
    if label == Cue.ENROUTE and _to_no_place(ctx, t):
        return mode  # "NGOs continue to report": no leg of a route
    if label == Cue.AGENT:
        return mode if mode in HELD or mode == Role.SPOUSE else Role.AGENT
    if label == Cue.BOTH:
        holds = mode in HELD or mode in (Role.AGENT, Role.SPOUSE, Role.EXCLUDED)
        return mode if holds else Role.BOTH
    return CUE_ROLES[label]  # ENROUTE, PROMISE, EXCLUDE, IGNORE: always their own


def _clause_cue(ctx: Context, r: Reading, t: int, label: Cue, mode: Role | None) -> None:
    """Mark what a clause cue says of the clause; the home it names takes its role."""
    home = ctx.home
    if label == Cue.INTERNAL_DEST:
        if mode in HELD or _place_in_phrase(ctx, t, r.end):
            # "promises of jobs in urban areas" (only promised), "in urban areas in India"
            # (the phrase names its own country): not the narrative's own country.
            return
        r.mark(Mark.INTERNAL_DEST)
        if home is not None:
            r.add(Role.DESTINATION, home, t)
    elif label == Cue.INTERNAL_ORIGIN:
        if mode == Role.ORIGIN and _place_in_phrase(ctx, t, r.end):
            return  # "from rural provinces of Laos": the phrase names its own country.
        if _group_from_place(ctx, t, r.end):
            return  # "indigenous women from Guatemala": the group's own origin.
        if mode not in (Role.AGENT, Role.IGNORED, Role.EN_ROUTE, Role.PROMISED,
                        Role.EXCLUDED):
            r.mark(Mark.INTERNAL_ORIGIN)
            if home is not None:
                r.add(Role.ORIGIN, home, t)
    elif label == Cue.INTERNAL:
        r.mark(Mark.INTERNAL)
    elif label == Cue.ABROAD:
        if mode not in HELD:
            r.mark(Mark.ABROAD)
    elif label == Cue.TRANSIT_OF:
        r.mark(Mark.TRANSIT)
        if home is not None:
            r.add(Role.TRANSIT, home, t)
    elif label == Cue.THESE_COUNTRIES and mode == Role.ORIGIN:
        r.mark(Mark.THESE_COUNTRIES)
    elif label == Cue.THESE_COUNTRIES and mode == Role.DESTINATION:
        r.mark(Mark.THESE_DESTS)
    elif label == Cue.BOTH_SIDES:
        r.mark(Mark.BOTH_SIDES)


def _group_from_place(ctx: Context, t: int, end: int) -> bool:
    """Whether the people named by the internal-origin cue at ``t`` ("indigenous women",
    "local girls") are said to come from a place right after ("indigenous women and girls
    from Guatemala"): then that place is their origin, not the narrative's country."""
    cue = ctx.m.cues.get(t)
    j = cue[0] if cue is not None else t + 1
    for _ in range(4):
        if j + 1 >= end:
            return False
        if ctx.lower[j] == "from":
            return j + 1 in ctx.ent_at or (ctx.lower[j + 1] == "the" and j + 2 in ctx.ent_at)
        if ctx.lower[j] not in ctx.words.list_joins and ctx.lower[j] not in ctx.nouns.victims:
            return False
        j += 1
    return False


def _place_in_phrase(ctx: Context, t: int, end: int) -> bool:
    """Whether the internal-origin phrase at ``t`` ends in a place of its own ("rural
    provinces of Laos", "rural areas in northern Burkina Faso"), over its own words."""
    cue = ctx.m.cues.get(t)
    j = cue[0] if cue is not None else t + 1
    if j >= end or ctx.lower[j] not in ctx.words.phrase_links:
        return False
    j += 1
    for _ in range(4):
        if j >= end:
            return False
        if j in ctx.ent_at:
            return True
        if ctx.lower[j] not in ctx.nouns.continuation and ctx.lower[j] not in ctx.nouns.origin_np:
            return False
        j += 1
    return False


def _to_no_place(ctx: Context, t: int) -> bool:
    """Whether the cue at ``t`` ends in "to" with no place after it ("continue to report"
    rather than "continue to Italy")."""
    cue = ctx.m.cues.get(t)
    if cue is None or ctx.lower[cue[0] - 1] != "to":
        return False
    j = cue[0] + (cue[0] < len(ctx.lower) and ctx.lower[cue[0]] == "the")
    return j not in ctx.ent_at


def _classify(ctx: Context, r: Reading, ent: Span, mode: Role | None,
              regions: list[SubjectRegion], stop: int) -> None:
    """Give one place mention its role in the clause."""
    place = place_of(ent)
    label = ent.label_
    if label == "COUNTRY" and _role_subject(ctx, ent.end, stop):
        r.mark(Mark.ROLE_STATEMENT)
        return
    head, head_at = head_of(ctx, ent.end, stop, adjacent=label not in PEOPLE_LABELS)
    if (head == Head.VICTIM and head_at > ent.end and ctx.lower[ent.end] == "as"
            and (label == "REGION" or (label not in PEOPLE_LABELS and (
                (head_at + 1 < stop and ctx.lower[head_at + 1] == "of")
                or ctx.lower[head_at] in ctx.words.spouse_roles)))):
        # "migrate to the Gulf states as laborers", "identified in Kenya as victims of sex
        # trafficking", "sold to men in China as brides": what they go or are found as,
        # there, not who they are. (A country before "as child soldiers" keeps its reading:
        # the sample's "fight in Syria as child soldiers" is read no better without it.)
        head = None
    role = _role_of(ctx, r, ent, place, (head, head_at), mode, in_subject(regions, ent.start))
    if role == Role.AGENT:
        r.add(Role.AGENT, place, ent.start)
        if _found_in(ctx, ent.start) and place not in r.notes.finders:
            r.notes.finders.append(place)  # "officials in Italy identified ..."
        if mode not in (Role.DESTINATION, Role.TRANSIT, Role.EN_ROUTE, Role.PROMISED,
                        Role.IGNORED, Role.EXCLUDED) and place not in r.notes.tourists:
            r.notes.tourists.append(place)
        return
    if role in (Role.ORIGIN, Role.DESTINATION, Role.BOTH) and _region_framed(
            ctx, ent, head, head_at, stop):
        return
    _record(ctx, r, ent, place, role)


def _role_of(ctx: Context, r: Reading, ent: Span, place: Place,
             head: tuple[Head | None, int], mode: Role | None,
             subject: tuple[bool, bool]) -> Role | None:
    """The role of a place by its head noun, the mode, and whether it is in a subject
    (``subject`` is ``(in a subject, whose verb hosts victims)``). Notes perpetrators and
    the people who could be sex tourists on the way."""
    kind, head_at = head
    inside, host = subject
    if kind == Head.AGENT:
        if ctx.lower[head_at] in ctx.nouns.perpetrators:
            r.notes.perpetrators.append(place)
        if finds(ctx, head_at):
            r.notes.finders.append(place)
        return Role.AGENT
    if kind in (Head.VICTIM, None) and (_agent_aside(ctx, ent.start, head_at, r)
                                        or agent_predicate(ctx, ent.start, r.start)):
        return Role.AGENT
    if kind == Head.VICTIM or (kind is None and people_noun(ent)):
        if (kind is None or ctx.lower[head_at] not in ctx.words.child_categories) and (
                mode != Role.DESTINATION):
            r.notes.tourists.append(place)
        if mode in (Role.IGNORED, Role.EXCLUDED):
            return mode
        if mode in (Role.AGENT, Role.SPOUSE, Role.EN_ROUTE, Role.PROMISED) or (
                inside and not host) or (mode == Role.DESTINATION
                                         and sold_to(ctx, ent.start, r.start)):
            return Role.AGENT  # ... or the buyers: "sell Burmese girls to Chinese men"
        return Role.ORIGIN
    if kind == Head.VESSEL:
        return None  # "on Thai fishing vessels": the flag, not where victims are
    if kind in (Head.PLACE, Head.POSSESSIVE):
        if (inside and not host) or mode == Role.SPOUSE:
            return Role.AGENT
        if mode in (Role.DESTINATION, Role.ORIGIN, Role.EN_ROUTE, Role.PROMISED, Role.IGNORED,
                    Role.AGENT, Role.EXCLUDED, Role.BOTH):
            return mode
        return Role.DESTINATION if inside and host else None
    role = (Role.DESTINATION if host else Role.AGENT) if inside else mode
    return Role.AGENT if role == Role.SPOUSE else role


def finds(ctx: Context, at: int) -> bool:
    """Whether the agent noun at ``at`` names finders of victims ("authorities", "police",
    "officials"), over the words of a compound before one ("law enforcement officers"); a
    run of two such words ("law enforcement") names finders itself."""
    lower, j = ctx.lower, at
    while j < len(lower) and lower[j] in ctx.words.finder_leads:
        j += 1
    return (j < len(lower) and lower[j] in ctx.nouns.finders) or j - at >= 2


def _found_in(ctx: Context, k: int) -> bool:
    """Whether the place at ``k`` is where finders are: "officials in Italy", "police in
    the Gulf" (a finder noun and an agent locative right before it)."""
    j = k - 1 - (k > 0 and ctx.lower[k - 1] == "the")
    return j > 0 and ctx.lower[j] in ctx.words.agent_locatives and finds(ctx, j - 1)


def _agent_aside(ctx: Context, k: int, head_at: int, r: Reading) -> bool:
    """Whether the people's name at ``k`` (head noun at ``head_at``) is in a comma aside on
    an agent noun: "Employers, including Qatari and third-country nationals, withhold ...",
    "Recruiters, often Nepali nationals, charge ...". The aside describes the agents, so
    its demonyms are no origin (issue 12 pattern 6), also in a clause that states nothing
    yet. The aside is closed by a comma after its head ("In efforts to circumvent rules of
    the government, some Indonesian workers transit ..." is no aside)."""
    if head_at + 1 >= r.end or ctx.lower[head_at + 1] != ",":
        return False
    j = k - 1
    while j >= r.start and (ctx.lower[j] in ctx.words.list_joins or j in ctx.ent_end
                            or ctx.lower[j] == "the") and ctx.lower[j] != ",":
        j -= 1
    if j < r.start or ctx.lower[j] not in ctx.words.agent_aside_openers:
        return False
    return (j - 2 >= r.start and ctx.lower[j - 1] == ","
            and ctx.lower[j - 2] in ctx.nouns.agents)


def _record(ctx: Context, r: Reading, ent: Span, place: Place, role: Role | None) -> None:
    """Add a place to the reading under its role (IGNORED, EXCLUDED, None: nowhere;
    BORDERED apart, for :func:`_both_sides`)."""
    if role == Role.ORIGIN:
        r.add(Role.ORIGIN, place, ent.start)
        if ent.label_ in PEOPLE_LABELS:
            r.notes.demonym_origins.append(place)
        elif _in_origin_np(ctx, ent.start, r.start):
            r.notes.np_origins.append(place)
        if place not in r.notes.tourists:
            r.notes.tourists.append(place)
    elif role in (Role.DESTINATION, Role.EN_ROUTE, Role.PROMISED, Role.BOTH):
        r.add(role, place, ent.start)
        if (role == Role.DESTINATION and place == ctx.home and ent.start > r.start
                and (ctx.lower[ent.start - 1] in ctx.words.home_internal_locatives
                     or _source_statement(ctx, r, ent.start))):
            r.mark(Mark.INTERNAL_DEST)  # "within India" in India's narrative
    elif role == Role.TRANSIT:
        r.add(Role.TRANSIT, place, ent.start)
        if place == ctx.home and not route_aside(ctx, r, ent):
            # (a home place in a route aside, "in Senegal—via Koundara—Mauritania", is the
            # way there: a transit only of victims from elsewhere, no mark of the clause)
            r.mark(Mark.TRANSIT)
    elif role == Role.BORDERED:
        r.add(Role.BORDERED, place, ent.start)  # an end only "on both sides of the border"


def _source_statement(ctx: Context, r: Reading, before: int) -> bool:
    """Whether clause ``r`` is the role statement that calls the home a source before token
    ``before``: "Burma is a source country for men, women, and children subjected to forced
    labor ..., both in Burma and abroad" (heldout38 MMR 2017). The victims a source country's
    summary places in the home are its own, so the home there is an internal destination
    (home -> home); a destination country's ("Kuwait is a destination country for men ...
    subjected to forced labor in Kuwait") names no origin of its victims."""
    return r.has(Mark.ROLE_STATEMENT) and any(
        ctx.lower[k] in ctx.words.source_roles and ctx.role_word(k)
        for k in range(r.start, before))


def _region_framed(ctx: Context, ent: Span, head: Head | None, head_at: int,
                   stop: int) -> bool:
    """Whether a region's place is only the frame of countries named after it.

    "Asian nationals, principally Indians, Bangladeshi, and Nepalese": a region's people
    framed by the countries inside it, like "Asia, particularly India"; but "..., and other
    Central Asian citizens, in particular Uzbekistani men" is a list item of its own (as
    the dev gold reads it).
    """
    label = ent.label_
    region_frame = (str(ent._.place_kind) == "region"
                    and (label == "REGION" or head == Head.PLACE
                         or (label == "REGION_ADJ" and head == Head.VICTIM
                             and (ent.start == 0 or ctx.lower[ent.start - 1] != "other"))))
    frame_end = head_at + 1 if head in (Head.PLACE, Head.VICTIM) else ent.end
    return region_frame and _frame_dropped(ctx, frame_end, stop, str(ent._.place_code))


def _role_subject(ctx: Context, end: int, stop: int) -> bool:
    """'X is a source, transit, and destination country': X is not a flow's end."""
    window = ctx.lower[end:min(stop, end + 8)]
    if not window or window[0] not in ctx.words.role_copulas:
        return False
    return any(ctx.role_word(k) for k in range(end, min(stop, end + 12)))


def _frame_dropped(ctx: Context, end: int, stop: int, region: str) -> bool:
    """A region directly followed by ', particularly <country>' only frames that country.

    So do the regions of a list the phrase closes: "South Asia and Southeast Asia,
    particularly Nepal and the Philippines", "Asia and the Middle East, particularly Saudi
    Arabia" (an article may open a later item).
    """
    joins = ctx.words.list_joins
    j = end
    listed = False
    while j + 1 < stop and ctx.lower[j] in joins:
        k = j + 1
        if k < stop and ctx.lower[k] in joins:
            k += 1
        if k < stop and ctx.lower[k] in ctx.words.determiners:
            k += 1  # "Asia and the Middle East, particularly ...": the article opens an item
        nxt = ctx.ent_at.get(k)
        if nxt is None or str(nxt._.place_kind) != "region" or nxt.label_ != "REGION":
            break
        j = nxt.end
        listed = True
    if j + 1 < stop and ctx.lower[j] == "for" and ctx.form_starts:
        # "to Europe for forced prostitution, including to France": the form phrase sits
        # between the region and its frame.
        at = bisect_left(ctx.form_starts, j + 1)
        if at < len(ctx.form_starts) and ctx.form_starts[at] == j + 1:
            j = max(f.end for f in ctx.m.forms[at:at + 4] if f.start == j + 1)
    if j < stop and ctx.lower[j] in ctx.words.frame_punctuation:
        j += 1
    frame_end = ctx.m.cues.get(j)
    if frame_end is None or frame_end[1] != Cue.FRAME:
        return False
    framed = _framed_countries(ctx, frame_end[0], stop)
    if not listed:
        return bool(framed)
    # Earlier items of the list are framed only by a country inside them: "Latin America,
    # ..., and North America, including the United States" keeps Latin America.
    return any(region in ctx.lex.country_regions.get(code, ()) for code in framed)


def _framed_countries(ctx: Context, k: int, stop: int) -> list[str]:
    """Codes of the countries a frame word lists ("particularly Nepal and the Philippines")."""
    out: list[str] = []
    while k < stop:
        ent = ctx.ent_at.get(k)
        if ent is not None:
            if str(ent._.place_kind) != "country":
                break
            out.append(str(ent._.place_code))
            k = ent.end
            continue
        if ctx.lower[k] not in ctx.words.frame_list_words:
            break
        k += 1
    return out


def _in_origin_np(ctx: Context, k: int, start: int) -> bool:
    """Whether the place at ``k`` ends an origin's noun phrase ("from refugee camps in X",
    "from rural provinces of X"), not "from X" itself."""
    j = k - 1
    while (j > start and ctx.lower[j] in ctx.nouns.continuation
           and ctx.lower[j] not in ctx.words.np_stops):
        j -= 1
    return (j > start and ctx.lower[j] in ctx.words.phrase_links
            and ctx.lower[j - 1] in ctx.nouns.origin_np)
