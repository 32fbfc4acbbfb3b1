"""Read trafficking flows out of the clauses of a section, token by token.

A TIP profile says who is exploited where in a handful of shapes, in every report year::

    Nigerian women are subjected to sex trafficking in Italy.           (2017: passive)
    Traffickers exploit Nepali women in sex trafficking in India.       (2020s: active)
    Men from Africa and Asia are subjected to forced labor.             (destination implicit)
    Laos is a transit country for Vietnamese women ... in Thailand.     (via)

The reader therefore does not parse; it walks each clause once, left to right, and lets
*cue words* set how the places after them are read: ``from`` makes origins, ``in``/``to``
destinations, ``via``/``transit`` transit places, ``by``/``with`` the traffickers' side, and
list words ("and", "other", "countries", "particularly") keep the reading over a list.
A demonym is read by its head noun: "Nigerian women" are victims (an origin), "Nigerian
traffickers" and "the Nigerian embassy" are not, "Jamaican waters" are a place. Places in
the subject of an active trafficking verb ("Romanian criminal groups force ...") are the
traffickers' side; the subject of "host"/"employ" is where victims are.

What the rules know about the *narrative* (its country ``X``) fills the ends a sentence
leaves implicit, as the gold guidelines read them: a foreign origin with no destination is
exploited in X; X's own nationals with no destination, or "within the country", "domestic
trafficking", "from rural areas", are X -> X; unmarked victims sent to a foreign place come
from X. Clauses that only say a group is "vulnerable to" or "at risk of" trafficking, or
that are negated, give nothing; hedged ones ("may", "reportedly") give hedged flows.

A paragraph carries its subject: "Some of these migrants are subjected to forced labor"
completes the migration sentence before it, and "They are also ..." reuses the origins of
the last clause that named some.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from tipgraph.extract.forms import DocMatches, Lexicon
from tipgraph.extract.records import Place
from tipgraph.extract.tokens import tokens_of

__all__ = [
    "FlowMention",
    "SexTourismMention",
    "read_section",
]

# Reading modes a cue sets for the places after it.
ORIGIN, DEST, VIA, AGENT, IGNORE = "ORIGIN", "DEST", "VIA", "AGENT", "IGNORE"
ENROUTE, PROMISE, EXCLUDE = "ENROUTE", "PROMISE", "EXCLUDE"
SPOUSE = "SPOUSE"  # "marriages to Chinese men and, less often, Korean men": the buyers' side
BOTH = "BOTH"  # "trafficked to and from Togo", "between Ghana and Togo": both directions
_HELD = frozenset({ENROUTE, PROMISE})  # modes whose places wait for a "where" clause
_PEOPLE_LABELS = frozenset({"NATIONALITY", "REGION_ADJ"})
_PLACE_LABELS = frozenset({"COUNTRY", "NATIONALITY", "REGION", "REGION_ADJ"})
_CONJ = frozenset({"and", "but", "while", "whereas", "although", "though", "yet"})
_CLAUSE_DETS = frozenset({"some", "other", "many", "most", "the", "a", "an", "also", "these",
                          "those", "its", "their", "increasing", "number", "of", "few",
                          "several", "small", "large", "vast", "majority", "in", "addition",
                          "however", ","})
_ENROUTE_ENDERS = frozenset({"but", "where", "before", ";", "once", "after", "then"})
_CHILD = frozenset({"children", "girls", "boys"})
_ANAPHOR_ALWAYS = frozenset({"they", "these", "those", "others", "such"})
_FRAME_PUNCT = frozenset({",", "—", "–", "(", "-", ":"})
_LIST_JOIN = frozenset({"and", "or", ","})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that"})
_NOT_BEFORE_VERB = frozenset({"to", "in", "into", "for", "of", "from", "the", "a", "an"})
_PERSON_CATEGORIES = frozenset({"men", "women", "children", "boys", "girls", "adults"})
_NO_FLAGS: dict[int, int] = {}
_MAX_CARRY = 3  # sentences a paragraph's subject or pending migration stays available


@dataclass(frozen=True, slots=True)
class FlowMention:
    """One (origin, destination) pair as one sentence states it.

    Attributes:
        origin: where the victims come from (nationality or place of recruitment).
        destination: where they are exploited.
        via: transit places the clause names, in order.
        forms: ``sex``, ``labor``, ``organ``, ``marriage`` (marriage only alone).
        subforms: ``domestic-servitude``, ``forced-begging``, ``debt-bondage``,
            ``forced-criminality``, ``child-soldiering``.
        victims: ``men``, ``women``, ``children``, ``adults``, ``boys``, ``girls``.
        sectors: sector slugs (``agriculture``, ``fishing``, ...).
        certainty: ``stated`` or ``hedged`` ("may be", "reportedly").
        start: offset in ``doc.text`` of the first character of the stating sentence.
        end: offset one past its last character.
    """

    origin: Place
    destination: Place
    via: tuple[Place, ...]
    forms: frozenset[str]
    subforms: frozenset[str]
    victims: frozenset[str]
    sectors: frozenset[str]
    certainty: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SexTourismMention:
    """Nationals of ``origin`` who engage in child sex tourism in ``destination``."""

    origin: Place
    destination: Place
    start: int
    end: int


@dataclass(slots=True)
class _Reading:
    """What one clause says, before the narrative's defaults are applied."""

    start: int
    end: int
    origins: list[tuple[Place, int]] = field(default_factory=list)
    dests: list[tuple[Place, int]] = field(default_factory=list)
    vias: list[Place] = field(default_factory=list)
    enroute: list[tuple[Place, int]] = field(default_factory=list)
    promised: list[tuple[Place, int]] = field(default_factory=list)
    both: list[tuple[Place, int]] = field(default_factory=list)
    agents: list[Place] = field(default_factory=list)
    perpetrators: list[Place] = field(default_factory=list)  # agents of perpetrator nouns
    st_origins: list[Place] = field(default_factory=list)
    # "Syrian girls from refugee camps in Lebanon": the place inside an origin's noun
    # phrase yields to the victims' own nationality when the clause names one.
    np_origins: list[Place] = field(default_factory=list)
    demonym_origins: list[Place] = field(default_factory=list)
    forms: list[tuple[int, str, str]] = field(default_factory=list)
    statement: bool = False
    negated: bool = False
    vulnerable: bool = False
    hedged: bool = False
    internal: bool = False
    internal_origin: bool = False
    internal_dest: bool = False
    abroad: bool = False
    transit: bool = False
    foreign: bool = False
    sex_tourism: bool = False
    anaphor: bool = False
    relative: bool = False
    these_countries: bool = False
    compatriot: bool = False
    role_statement: bool = False  # "X is a destination country for ...": a summary
    victims: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Paragraph:
    """What a paragraph has said so far, for the sentences that lean on it."""

    index: int = -1
    last_origins: list[Place] = field(default_factory=list)
    last_origins_dests: list[Place] = field(default_factory=list)
    last_origins_sentence: int = -99
    last_statement_forms: list[tuple[int, str, str]] = field(default_factory=list)
    last_statement_sentence: int = -99
    orphan_forms: list[tuple[int, str, str]] = field(default_factory=list)
    orphan_sentence: int = -99
    forms_so_far: list[tuple[int, str, str]] = field(default_factory=list)
    pending: list[tuple[_Reading, int, int, int]] = field(default_factory=list)


class _Context:
    """One doc with its matches, indexed for the clause walk."""

    def __init__(self, doc: Doc, lex: Lexicon, matches: DocMatches, country: str | None):
        self.doc = doc
        self.lex = lex
        self.m = matches
        self.last_forms: list[tuple[int, str, str]] = []  # of the last paragraph naming any
        self.home = Place("country", country) if country else None
        self.ent_at: dict[int, Span] = {}
        self.ent_end: dict[int, Span] = {}  # by end token: what a list item before "," is
        self.continuations: set[int] = set()  # clause starts that are a verb's second object
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS and ent._.place_code:
                self.ent_at[ent.start] = ent
                self.ent_end[ent.end] = ent
        self.flag_at: dict[str, dict[int, int]] = {
            label: dict(spans) for label, spans in matches.flags.items()
        }
        self.form_starts = [f[0] for f in matches.forms]
        self.form_ends = frozenset(f[1] for f in matches.forms)
        self.term_starts = [t[0] for t in matches.terms]
        self.sector_starts = [x[0] for x in matches.sectors]
        self.flag_starts: dict[str, list[int]] = {
            label: sorted(at) for label, at in self.flag_at.items()
        }
        # The flags the walk asks about at every token, as plain dicts (start -> end).
        self.active_at = self.flag_at.get("ACTIVE", _NO_FLAGS)
        self.be_at = self.flag_at.get("BE", _NO_FLAGS)
        self.host_at = self.flag_at.get("HOST", _NO_FLAGS)
        self.boundary_at = self.flag_at.get("BOUNDARY", _NO_FLAGS)
        # Token attributes from the doc's shared table: the walk looks at each token
        # several times, and a spaCy Token made per look costs more than the walk.
        table = tokens_of(doc)
        self.lower: list[str] = table.lower
        self.space: list[bool] = table.space
        # punctuation, numbers, whitespace end a head search
        self.stop_tok: list[bool] = [p or n or s for p, n, s in
                                     zip(table.punct, table.num, table.space, strict=True)]

    def flag(self, label: str, i: int) -> int | None:
        """End of a flag match of ``label`` starting at token ``i``, or None."""
        return self.flag_at.get(label, _NO_FLAGS).get(i)

    def flags_in(self, label: str, start: int, end: int) -> list[int]:
        """Starts of the ``label`` flags in ``[start, end)``, in order (by bisection)."""
        starts = self.flag_starts.get(label)
        if not starts:
            return []
        return starts[bisect_left(starts, start):bisect_left(starts, end)]

    def is_verb(self, i: int) -> bool:
        return self.lower[i] in self.lex.verbs or i in self.active_at


def _people_noun(ent: Span) -> bool:
    """Whether a place entity without a head noun names people.

    A demonym does ("Burmese are exploited"); so does a region's plural people noun
    ("Central Americans", "West Africans"), which tip_places labels REGION_ADJ.
    """
    return ent.label_ == "NATIONALITY" or (ent.label_ == "REGION_ADJ"
                                           and ent[-1].lower_.endswith("ans"))


def _place(ent: Span) -> Place:
    return Place(str(ent._.place_kind), str(ent._.place_code))


# --------------------------------------------------------------------------- clauses


def _starts_subject(ctx: _Context, j: int, end: int) -> bool:
    """Whether tokens from ``j`` open a clause of their own: a subject, then a verb."""
    k = j
    while k < end and ctx.lower[k] in _CLAUSE_DETS:
        k += 1
    if k + 1 < end and ctx.flag("FOREIGN", k) == k + 1 and k + 1 not in ctx.ent_at:
        k += 1  # "..., and foreign tourists from Australia engage in ...": an attribute
    if k >= end:
        return False
    low = ctx.lower[k]
    ent = ctx.ent_at.get(k)
    if ent is not None:
        # "..., and Oman—in search of work" continues a list; "..., and Liberian women
        # have been ..." opens a clause: a place only starts one as a victim's or an
        # agent's attribute.
        head, _at = _head(ctx, ent.end, end, adjacent=ent.label_ not in _PEOPLE_LABELS)
        subject = head in ("victim", "agent") or (head is None
                                                 and _people_noun(ent))
    else:
        # "..., and service sectors": a noun that modifies a place noun is no subject.
        modifier = k + 1 < end and ctx.lower[k + 1] in ctx.lex.place_nouns
        subject = (low in ctx.lex.victim_nouns or low in ctx.lex.agent_nouns
                   or ctx.flag("ANAPHOR", k) is not None) and not modifier
    if not subject:
        return False
    for t in range(k + 1, min(end, k + 14)):
        if ctx.lower[t] == ";":
            return False
        if ctx.is_verb(t) and ctx.lower[t - 1] not in _NOT_BEFORE_VERB:
            # "to forced labor", "in forced labor", "to work": a noun or an infinitive, not
            # the finite verb of a new clause.
            return True
    return False


def _list_item_before(ctx: _Context, t: int, nxt: int) -> bool:
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
    if (ent_before is not None and ent_before.label_ in _PEOPLE_LABELS
            and ent_after is not None and ent_after.label_ in _PEOPLE_LABELS):
        return True
    return (ctx.lex.victim_nouns.get(ctx.lower[before]) in _PERSON_CATEGORIES
            and ctx.lex.victim_nouns.get(ctx.lower[nxt]) in _PERSON_CATEGORIES)


def _finite_verb_in(ctx: _Context, start: int, end: int) -> bool:
    return any(ctx.is_verb(k) and ctx.lower[k - 1] not in _NOT_BEFORE_VERB
               for k in range(start, end))


def _victim_object_at(ctx: _Context, k: int, end: int) -> bool:
    """Whether a victim noun phrase starts at ``k``: "Ghanaian women", "boys"."""
    ent = ctx.ent_at.get(k)
    if ent is not None:
        return (ent.label_ in _PEOPLE_LABELS
                and _head(ctx, ent.end, end, adjacent=False)[0] == "victim")
    return ctx.lex.victim_nouns.get(ctx.lower[k]) in _PERSON_CATEGORIES


def _object_continues(ctx: _Context, seg_start: int, t: int, end: int) -> bool:
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
    actives = ctx.flags_in("ACTIVE", seg_start, t)
    if not actives:
        return False
    forms = ctx.m.forms[bisect_left(ctx.form_starts, actives[0]):bisect_left(ctx.form_starts, t)]
    if not forms or not any(_victim_object_at(ctx, k, t)
                            for k in range(actives[0] + 1, forms[0][0])):
        return False
    stop = end
    for k in range(nxt, end):
        if ctx.lower[k] == ";":
            stop = k
            break
    later = ctx.m.forms[bisect_left(ctx.form_starts, nxt):bisect_left(ctx.form_starts, stop)]
    return bool(later) and not _finite_verb_in(ctx, nxt + 1, later[0][0])


def _second_verb_object(ctx: _Context, seg_start: int, t: int, end: int) -> bool:
    """Whether "and" at ``t`` starts a second active verb with a victim object of its own:
    "exploit Bolivian men in forced labor in Brazil and force Brazilian women into
    prostitution in Spain" is two clauses ("... and force them ..." is one)."""
    verb_end = ctx.active_at.get(t + 1)
    if verb_end is None or not _victim_object_at(ctx, verb_end, end):
        return False
    actives = ctx.flags_in("ACTIVE", seg_start, t)
    return bool(actives) and any(_victim_object_at(ctx, k, t)
                                 for k in range(ctx.active_at[actives[0]], t))


def _split_clauses(ctx: _Context, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence at ";" and at ", and/but/while" that open a clause with its own verb.

    A second object of an active verb ("... and Ghanaian women in sex trafficking in ...")
    is cut off too; its start goes into ``ctx.continuations``.
    """
    bounds = [start]
    for t in range(start, end - 1):
        low = ctx.lower[t]
        if low == ";":
            bounds.append(t + 1)
            continue
        if low == "and" and t > bounds[-1] and _object_continues(ctx, bounds[-1], t, end):
            bounds.append(t)
            ctx.continuations.add(t)
            continue
        if low == "and" and t > bounds[-1] and _second_verb_object(ctx, bounds[-1], t, end):
            bounds.append(t)
            continue
        if (low == "and" and t > bounds[-1] and ctx.lower[t + 1] in ("a", "an")
                and any(ctx.is_verb(k) for k in range(bounds[-1], t))
                and _starts_subject(ctx, t + 1, end)):
            # "... to Ghana for sexual exploitation and a Ghanaian woman was also
            # trafficked to Kuwait": a new subject with its own verb, without a comma.
            bounds.append(t + 1)
            continue
        if low == "," and ctx.lower[t + 1] == "which" and any(
                ctx.is_verb(k) for k in range(bounds[-1], t)):
            bounds.append(t + 1)  # ", which resulted in ...": a clause of its own
            continue
        if (low == "and" and t > start and ctx.lower[t + 1] in ("a", "an")
                and any(ctx.flag("ROLE_WORD", k) is not None or ctx.lower[k] == "transit"
                        for k in range(t + 2, min(end, t + 5)))
                and any(ctx.flag("ROLE_WORD", k) is not None or ctx.lower[k] == "transit"
                        for k in range(bounds[-1], t))):
            bounds.append(t)  # "... a source country for X and a transit country for Y"
            continue
        if low != "," or ctx.lower[t + 1] not in _CONJ:
            continue
        nxt = t + 2
        if (ctx.lower[t + 1] == "and" and nxt < end and ctx.lower[nxt] in ("a", "an")
                and any(ctx.flag("ROLE_WORD", k) is not None or ctx.lower[k] == "transit"
                        for k in range(nxt, min(end, nxt + 4)))):
            bounds.append(t + 1)
            continue
        has_verb = any(ctx.is_verb(k) for k in range(bounds[-1], t))
        if has_verb and not _list_item_before(ctx, t, nxt) and _starts_subject(ctx, nxt, end):
            bounds.append(t + 1)
    bounds.append(end)
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _subject_regions(ctx: _Context, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Token ranges that are the subject of an active trafficking (or hosting) verb."""
    regions: list[tuple[int, int, bool]] = []
    boundary = start
    lower, verbs = ctx.lower, ctx.lex.verbs
    boundary_at, host_at, active_at, be_at = ctx.boundary_at, ctx.host_at, ctx.active_at, ctx.be_at
    t = start
    while t < end:
        if t in boundary_at or lower[t] == "to":
            boundary = t + 1
        host = t in host_at
        active_end = active_at.get(t)
        if host or active_end is not None:
            prev = [lower[k] for k in range(max(start, t - 2), t)]
            passive = any(k in be_at for k in range(max(start, t - 2), t))
            nounlike = bool(prev) and prev[-1] in _DETERMINERS
            infinitive = bool(prev) and prev[-1] == "to"
            # "Traffickers lure X nationals ... and force them to ...": a second verb of the
            # same subject, whose words before it are the first verb's object; so is a
            # series "lure X to India, hold them in debt bondage, and force them ...".
            shared = bool(prev) and prev[-1] in ("and", "then", "or", ",") and bool(regions)
            if not (passive or nounlike or infinitive or shared) and (host or active_end):
                regions.append((boundary, t, host))
                boundary = (active_end or t + 1)
            else:
                boundary = t + 1
        elif lower[t] in verbs and t not in be_at:
            # "boys migrate to X to wash cars and sell goods": "sell" has no subject here.
            boundary = t + 1
        t += 1
    return regions


# --------------------------------------------------------------------------- the walk


def _head(ctx: _Context, end: int, stop: int, adjacent: bool) -> tuple[str | None, int]:
    """The kind of the noun a demonym (or attributive country name) modifies.

    Skips conjoined demonyms and up to three other words ("Romanian and Albanian criminal
    groups" -> agent). ``adjacent`` allows only one word in between (for country names,
    which are mostly nouns themselves).
    """
    j = end
    skipped = 0
    limit = 1 if adjacent else 3
    while j < stop:
        low = ctx.lower[j]
        if j in ctx.ent_at and not adjacent:
            j = ctx.ent_at[j].end
            continue
        if low in _POSSESSIVE:
            return "possessive", j
        if low == "-" and j + 1 < stop and ctx.lower[j + 1] in ctx.lex.agent_nouns:
            # "Chinese-financed plantations", "Korean-run brothels": whose money or
            # management, not whose victims.
            return "agent", j + 1
        if low == "-" and j + 1 < stop and ctx.lower[j + 1] in ctx.lex.vessel_nouns:
            return "vessel", j + 1  # "Taiwan-flagged vessels": the flag
        if low in ctx.lex.victim_nouns:
            return "victim", j
        if low in ctx.lex.agent_nouns:
            return "agent", j
        if low in ctx.lex.vessel_nouns or (
                low in ctx.lex.place_nouns and j + 1 < stop
                and ctx.lower[j + 1] in ctx.lex.vessel_nouns):
            return "vessel", j
        if low in ctx.lex.place_nouns:
            return "place", j
        if low in _LIST_JOIN and not adjacent:
            j += 1
            continue
        if ctx.stop_tok[j] or j in ctx.m.cues or ctx.is_verb(j) or skipped >= limit:
            return None, j
        skipped += 1
        j += 1
    return None, j


def _role_subject(ctx: _Context, end: int, stop: int) -> bool:
    """'X is a source, transit, and destination country': X is not a flow's end."""
    window = ctx.lower[end:min(stop, end + 8)]
    if not window or window[0] not in ("is", "remains", "was", "has", "became"):
        return False
    return any(ctx.flag("ROLE_WORD", k) is not None or ctx.lower[k] == "transit"
               for k in range(end, min(stop, end + 12)))


def _frame_dropped(ctx: _Context, end: int, stop: int, region: str) -> bool:
    """A region directly followed by ', particularly <country>' only frames that country.

    So do the regions of a list the phrase closes: "South Asia and Southeast Asia,
    particularly Nepal and the Philippines".
    """
    j = end
    listed = False
    while j + 1 < stop and ctx.lower[j] in _LIST_JOIN:
        k = j + 1
        if k < stop and ctx.lower[k] in _LIST_JOIN:
            k += 1
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
            j = max(fe for fs, fe, _f, _s in ctx.m.forms[at:at + 4] if fs == j + 1)
    if j < stop and ctx.lower[j] in _FRAME_PUNCT:
        j += 1
    frame_end = ctx.m.cues.get(j)
    if frame_end is None or frame_end[1] != "FRAME":
        return False
    framed = _framed_countries(ctx, frame_end[0], stop)
    if not listed:
        return bool(framed)
    # Earlier items of the list are framed only by a country inside them: "Latin America,
    # ..., and North America, including the United States" keeps Latin America.
    return any(region in ctx.lex.country_regions.get(code, ()) for code in framed)


def _framed_countries(ctx: _Context, k: int, stop: int) -> list[str]:
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
        if ctx.lower[k] not in ("in", "the", "from", "to", "and", "or", ","):
            break
        k += 1
    return out


def _walk(ctx: _Context, start: int, end: int) -> _Reading:
    """Read one clause: every place's role, and the clause's flags."""
    r = _Reading(start=start, end=end)
    lex = ctx.lex
    regions = _subject_regions(ctx, start, end)
    mode: str | None = None
    modes: dict[int, str | None] = {}
    t = start
    while t < end:
        low = ctx.lower[t]
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
            mode = _apply_cue(ctx, r, t, label, mode)
            for k in range(t, cend):
                modes[k] = mode
            t = cend
            continue
        modes[t] = mode
        if mode in _HELD:
            if low in _ENROUTE_ENDERS or t in ctx.be_at or (
                    ctx.is_verb(t) and low not in ("taking", "take")):
                mode = None
        elif mode in (AGENT, SPOUSE):
            if (t in ctx.be_at or t in ctx.boundary_at or t in ctx.active_at
                    or (low == "," and mode == AGENT)):
                mode = None
        elif mode == EXCLUDE:
            if low in (",", ";") or t in ctx.be_at:
                mode = None
        elif low in lex.continuation or ctx.space[t]:
            pass
        elif mode == ORIGIN and low in lex.origin_np:
            pass  # "from refugee settlements in Uganda": still the origin's phrase
        else:
            mode = None
        t += 1
    _clause_flags(ctx, r, regions, modes)
    return r


def _place_in_phrase(ctx: _Context, t: int, end: int) -> bool:
    """Whether the internal-origin phrase at ``t`` ends in a place of its own ("rural
    provinces of Laos", "rural areas in northern Burkina Faso"), over its own words."""
    cue = ctx.m.cues.get(t)
    j = cue[0] if cue is not None else t + 1
    if j >= end or ctx.lower[j] not in ("of", "in"):
        return False
    j += 1
    for _ in range(4):
        if j >= end:
            return False
        if j in ctx.ent_at:
            return True
        if ctx.lower[j] not in ctx.lex.continuation and ctx.lower[j] not in ctx.lex.origin_np:
            return False
        j += 1
    return False


def _to_no_place(ctx: _Context, t: int) -> bool:
    """Whether the cue at ``t`` ends in "to" with no place after it ("continue to report"
    rather than "continue to Italy")."""
    cue = ctx.m.cues.get(t)
    if cue is None or ctx.lower[cue[0] - 1] != "to":
        return False
    j = cue[0] + (cue[0] < len(ctx.lower) and ctx.lower[cue[0]] == "the")
    return j not in ctx.ent_at


def _apply_cue(ctx: _Context, r: _Reading, t: int, label: str, mode: str | None) -> str | None:
    """The reading mode after cue ``label`` at token ``t`` (and the flags it raises)."""
    prev = ctx.lower[t - 1] if t > r.start else ""
    if mode == EXCLUDE and label in ("DEST", "DEST_WEAK", "ORIGIN", "VIA", "AGENT"):
        return mode
    if label == "DEST":
        if mode in _HELD:
            return mode
        if mode in (AGENT, SPOUSE) and prev in _LIST_JOIN:
            return mode
        if mode == ORIGIN and prev in ctx.lex.origin_np and ctx.lower[t] == "in":
            return mode  # "from sending communities in East Africa": where they live
        if (prev in ctx.lex.agent_nouns and ctx.lower[t] in ("in", "at", "from")
                and t not in ctx.form_ends):
            # "traffickers in Nigeria", but not "forced marriage in Iran": a form's last
            # word is no agent even when the word can be one.
            return AGENT
        return DEST
    if label == "DEST_WEAK":
        return mode if mode in (ORIGIN, DEST, ENROUTE, PROMISE, AGENT, VIA) else DEST
    if label == "ORIGIN":
        return mode if mode in (AGENT, SPOUSE, ENROUTE, PROMISE) else ORIGIN
    if label == "VIA":
        return mode if mode in _HELD else VIA
    if label == ENROUTE and _to_no_place(ctx, t):
        return mode  # "NGOs continue to report": no leg of a route
    if label in (ENROUTE, PROMISE, EXCLUDE):
        return label
    if label == "AGENT":
        return mode if mode in _HELD or mode == SPOUSE else AGENT
    if label == "SPOUSE":
        return mode if mode in _HELD else SPOUSE
    if label == BOTH:
        return mode if mode in _HELD or mode in (AGENT, SPOUSE, EXCLUDE) else BOTH
    if label == "IGNORE":
        return IGNORE
    if label in ("FILLER", "FRAME"):
        return mode
    home = ctx.home
    if label == "INTERNAL_DEST":
        r.internal_dest = True
        if home is not None:
            r.dests.append((home, t))
        return mode
    if label == "INTERNAL_ORIGIN":
        if mode == ORIGIN and _place_in_phrase(ctx, t, r.end):
            # "from rural provinces of Laos": the phrase names its own country.
            return mode
        if mode not in (AGENT, IGNORE, ENROUTE, PROMISE, EXCLUDE):
            r.internal_origin = True
            if home is not None:
                r.origins.append((home, t))
        return mode
    if label == "INTERNAL":
        r.internal = True
        return mode
    if label == "ABROAD":
        if mode not in _HELD:
            r.abroad = True
        return mode
    if label == "TRANSIT_OF":
        r.transit = True
        if home is not None:
            r.vias.append(home)
        return mode
    if label == "THESE_COUNTRIES":
        if mode == ORIGIN:
            r.these_countries = True
        return mode
    return mode


def _classify(ctx: _Context, r: _Reading, ent: Span, mode: str | None,
              regions: list[tuple[int, int, bool]], stop: int) -> None:
    """Give one place mention its role in the clause."""
    place = _place(ent)
    in_subject, host = False, False
    for a, b, h in regions:
        if a <= ent.start < b:
            in_subject, host = True, h
    label = ent.label_
    people = label in _PEOPLE_LABELS
    if label == "COUNTRY" and _role_subject(ctx, ent.end, stop):
        r.role_statement = True
        return
    head, head_at = _head(ctx, ent.end, stop, adjacent=not people)
    if (label == "REGION" and head == "victim" and head_at > ent.end
            and ctx.lower[ent.end] == "as"):
        # "migrate to the Gulf states as laborers": what they go as, not who they are.
        head = None
    role: str | None
    if head == "agent":
        role = AGENT
        if ctx.lower[head_at] in ctx.lex.perpetrator_nouns:
            r.perpetrators.append(place)
    elif head == "victim" or (head is None and _people_noun(ent)):
        if mode in (IGNORE, EXCLUDE):
            role = mode
        elif mode in (AGENT, SPOUSE, ENROUTE, PROMISE) or (in_subject and not host):
            role = AGENT
        else:
            role = ORIGIN
        if (head is None or ctx.lower[head_at] not in _CHILD) and mode != DEST:
            r.st_origins.append(place)
    elif head == "vessel":
        role = None  # "on Thai fishing vessels": the flag, not where victims are
    elif head in ("place", "possessive"):
        if (in_subject and not host) or mode == SPOUSE:
            role = AGENT
        elif mode in (DEST, ORIGIN, ENROUTE, PROMISE, IGNORE, AGENT, EXCLUDE, BOTH):
            role = mode
        elif in_subject and host:
            role = DEST
        else:
            role = None
        if head == "possessive" and role == VIA:
            role = None
    else:
        role = (DEST if host else AGENT) if in_subject else mode
        if role == SPOUSE:
            role = AGENT
    if role == AGENT:
        r.agents.append(place)
        if mode not in (DEST, VIA, ENROUTE, PROMISE, IGNORE, EXCLUDE) and (
                place not in r.st_origins):
            r.st_origins.append(place)
        return
    if role in (ORIGIN, DEST, BOTH):
        # "Asian nationals, principally Indians, Bangladeshi, and Nepalese": a region's
        # people framed by the countries inside it, like "Asia, particularly India"; but
        # "..., and other Central Asian citizens, in particular Uzbekistani men" is a list
        # item of its own (as the dev gold reads it).
        region_frame = (str(ent._.place_kind) == "region"
                        and (label == "REGION" or head == "place"
                             or (label == "REGION_ADJ" and head == "victim"
                                 and (ent.start == 0
                                      or ctx.lower[ent.start - 1] != "other"))))
        frame_end = head_at + 1 if head in ("place", "victim") else ent.end
        if region_frame and _frame_dropped(ctx, frame_end, stop, place.code):
            return
    if role == ORIGIN:
        r.origins.append((place, ent.start))
        if people:
            r.demonym_origins.append(place)
        elif _in_origin_np(ctx, ent.start, r.start):
            r.np_origins.append(place)
        if place not in r.st_origins:
            r.st_origins.append(place)
    elif role == DEST:
        r.dests.append((place, ent.start))
    elif role == VIA:
        r.vias.append(place)
        if place == ctx.home:
            r.transit = True
    elif role == ENROUTE:
        r.enroute.append((place, ent.start))
    elif role == PROMISE:
        r.promised.append((place, ent.start))
    elif role == BOTH:
        r.both.append((place, ent.start))


def _in_origin_np(ctx: _Context, k: int, start: int) -> bool:
    """Whether the place at ``k`` ends an origin's noun phrase ("from refugee camps in X",
    "from rural provinces of X"), not "from X" itself."""
    j = k - 1
    while j > start and ctx.lower[j] in ctx.lex.continuation and ctx.lower[j] not in ("the",
                                                                                      ","):
        j -= 1
    return (j > start and ctx.lower[j] in ("in", "of")
            and ctx.lower[j - 1] in ctx.lex.origin_np)


def _anti(ctx: _Context, t: int) -> bool:
    """'anti-trafficking efforts' names the fight against trafficking, not trafficking."""
    return (t >= 2 and ctx.lower[t - 1] == "-" and ctx.lower[t - 2] == "anti") or (
        t >= 1 and ctx.lower[t - 1] in ("anti", "counter"))


def _conceded(ctx: _Context, start: int, i: int) -> bool:
    """'Despite the government's ban on travel to Iraq, some Nepalis are trafficked into
    Iraq': a negation inside a concessive phrase does not negate the clause."""
    for k in range(i - 1, start - 1, -1):
        if ctx.lower[k] in (",", ";"):
            return False
        if ctx.lower[k] in ("despite", "notwithstanding"):
            return True
    return False


def _attributive_tourist(ctx: _Context, i: int, end: int) -> bool:
    """'on tourist visas', 'tourist destinations': the singular word before another word is
    an attribute, not the tourists who exploit; only tourists themselves (or 'child sex
    tourism') make a sex-tourism statement."""
    last = ctx.flag("ST_TOURIST", i)
    if last is None or ctx.lower[last - 1] != "tourist" or last >= end:
        return False
    nxt = ctx.lower[last]
    return nxt.isalpha() and last not in ctx.m.cues and last not in ctx.boundary_at


def _clause_flags(ctx: _Context, r: _Reading, regions: list[tuple[int, int, bool]],
                  modes: dict[int, str | None]) -> None:
    """Statement, vulnerability, negation, hedges, victims, sectors, sex tourism."""
    s, e = r.start, r.end
    vulns = ctx.flags_in("VULN", s, e)
    r.vulnerable = bool(vulns)
    suffer_at = ctx.flag_at.get("SUFFER", _NO_FLAGS)

    def actual(t: int) -> bool:
        """Not governed by a preceding 'vulnerable to' / 'at risk of' (no verb between)."""
        before = [v for v in vulns if v < t]
        if not before:
            return True
        # "vulnerable to exploitation and have been forced to work", "at risk of trafficking,
        # and some endure forced labor": a new predicate, so the hedge's scope has ended.
        return any(k in ctx.be_at or k in suffer_at or ctx.lower[k] in ("have", "has", "had")
                   for k in range(before[-1] + 1, t))

    forms_here = ctx.m.forms[bisect_left(ctx.form_starts, s):bisect_left(ctx.form_starts, e)]
    terms_here = ctx.m.terms[bisect_left(ctx.term_starts, s):bisect_left(ctx.term_starts, e)]
    for fs, fe, form, sub in forms_here:
        if s <= fs and fe <= e and actual(fs):
            r.forms.append((fs, form, sub))
    terms = [ts for ts, te in terms_here if te <= e and actual(ts)
             and not _anti(ctx, ts)]
    weak = ctx.m.weak_forms
    r.statement = bool(terms) or any(f not in weak for f in r.forms)
    negs = [i for i in ctx.flags_in("NEG", s, e)
            if not (ctx.lower[i] == "not" and i + 1 < e and ctx.lower[i + 1] == "only")
            and not _conceded(ctx, s, i)]
    r.negated = bool(negs)
    r.hedged = bool(ctx.flags_in("HEDGE", s, e))
    r.foreign = bool(ctx.flags_in("FOREIGN", s, e))
    r.compatriot = bool(ctx.flags_in("COMPATRIOT", s, e))
    # "tourists" and "sex tourists", but not "urban and tourist centers" (a place).
    tourists = [i for i in ctx.flags_in("ST_TOURIST", s, e)
                if not any(ctx.lower[k] in ("of", "for", "by")
                           for k in range(max(s, i - 3), i))
                and not (i + 1 < e and ctx.lower[i + 1] in ctx.lex.place_nouns)
                and not _attributive_tourist(ctx, i, e)]
    engaged = bool(ctx.flags_in("ST_TOURISM", s, e)) and bool(ctx.flags_in("ST_ENGAGE", s, e))
    r.sex_tourism = bool(tourists) or engaged
    # An anaphoric subject: "They ...", "Some of these migrants", "Some are from ...".
    k = s
    while k < e and (ctx.lower[k] in (",", "however", "and", "but", "also", "in", "addition")
                     or ctx.space[k]):
        k += 1
    a_end = ctx.flag("ANAPHOR", k)
    if a_end is not None:
        word = ctx.lower[k]
        nxt = ctx.lower[a_end] if a_end < e else ""
        adverb_verb = a_end + 1 < e and ctx.lower[a_end].endswith("ly") and ctx.is_verb(
            a_end + 1)
        r.anaphor = (word in _ANAPHOR_ALWAYS or a_end - k > 1 or nxt == "of"
                     or ctx.is_verb(a_end) or adverb_verb if a_end < e else False)
    if not r.anaphor:
        # "Traffickers then force these women into commercial sex": the object points back.
        for a in ctx.flags_in("ACTIVE", s, e):
            j = ctx.active_at[a]
            if j + 1 < e and ctx.lower[j] in ("these", "those") and (
                    ctx.lower[j + 1] in ctx.lex.victim_nouns):
                r.anaphor = True
    r.relative = k < e and ctx.lower[k] == "which"
    for t in range(s, e):
        cat = ctx.lex.victim_nouns.get(ctx.lower[t])
        if cat and modes.get(t) not in (AGENT, IGNORE) and not any(
                a <= t < b and not h for a, b, h in regions):
            r.victims.add(cat)
    lo, hi = bisect_left(ctx.sector_starts, s), bisect_left(ctx.sector_starts, e)
    r.sectors.update(sector for _ss, sector in ctx.m.sectors[lo:hi])
    if r.statement and not r.forms and any(actual(v) for v in ctx.flags_in("SECTOR_VERB", s, e)):
        # "exploited in construction and fishing in Taiwan": victims exploited in a labor
        # sector, with no form named, are in forced labor there (forms_by_sector.jsonl);
        # "may be trafficking victims" near logging areas names no form.
        for ss, sector in ctx.m.sectors[lo:hi]:
            form = ctx.lex.sector_forms.get(sector)
            if form is not None and actual(ss):
                r.forms.append((ss, form, ""))


# --------------------------------------------------------------------------- defaults


def _unique(places: Iterable[Place]) -> list[Place]:
    out: list[Place] = []
    for p in places:
        if p not in out:
            out.append(p)
    return out


_Form = tuple[int, str, str]  # (token, form, subform)


def _dest_forms(r: _Reading, dests: list[tuple[Place, int]]) -> dict[int, list[_Form]]:
    """Forms per destination: the nearest group of forms before it, else those after it.

    "forced labor in Turkey and Sweden and to sex trafficking in Japan" gives Turkey and
    Sweden labor, Japan sex.
    """
    events = sorted([(p, 0, i) for i, (_pl, p) in enumerate(dests)]
                    + [(p, 1, j) for j, (p, _f, _s) in enumerate(r.forms)])
    out: dict[int, list[tuple[int, str, str]]] = {}
    group: list[tuple[int, str, str]] = []
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
    trailing = [f for f in r.forms if f[0] > last]
    for i, (_pl, pos) in enumerate(dests):
        if not out.get(i):
            out[i] = [f for f in r.forms if f[0] > pos] or list(r.forms)
        else:
            out[i] = out[i] + trailing  # "... in X and Y, and forced into domestic servitude"
    return out


def _forms_of(forms: Iterable[tuple[int, str, str]]) -> tuple[frozenset[str], frozenset[str]]:
    fs = {f for _p, f, _s in forms}
    subs = {s for _p, _f, s in forms if s}
    if len(fs) > 1:
        fs.discard("marriage")
    return frozenset(fs), frozenset(subs)


def _emit(r: _Reading, origins: list[Place], dests: list[tuple[Place, int]],
          forms: list[tuple[int, str, str]] | None, hedged: bool, span: tuple[int, int],
          out: list[FlowMention]) -> None:
    """Pair each origin with each destination of the clause."""
    per_dest = _dest_forms(r, dests) if forms is None else {
        i: forms for i in range(len(dests))}
    pair_forms: dict[tuple[Place, Place], list[_Form]] = {}
    for i, (dest, _pos) in enumerate(dests):
        for origin in origins:
            # "forced labor in Turkey and Sweden and to sex trafficking in Sweden": both.
            pair_forms.setdefault((origin, dest), []).extend(per_dest.get(i, []))
    for (origin, dest), found in pair_forms.items():
        fs, subs = _forms_of(found)
        via = tuple(v for v in _unique(r.vias) if v not in (origin, dest))
        out.append(FlowMention(origin, dest, via, fs, subs, frozenset(r.victims),
                              frozenset(r.sectors), "hedged" if hedged else "stated",
                              span[0], span[1]))


def _resolve(ctx: _Context, r: _Reading, para: _Paragraph, sent_no: int,
             span: tuple[int, int], prev_clause: _Reading | None, sentence_hedged: bool,
             flows: list[FlowMention], tourism: list[SexTourismMention]) -> None:
    """Apply the narrative's defaults to one clause and emit what it states."""
    home = ctx.home
    hedged = r.hedged or sentence_hedged
    if r.negated:
        return
    if r.sex_tourism:
        origins = _unique(r.st_origins)
        dests = _unique(p for p, _ in r.dests) or ([home] if home and not r.abroad else [])
        for o in origins:
            for d in dests:
                if o != d:
                    tourism.append(SexTourismMention(o, d, span[0], span[1]))
        return
    # Where the clause continues the one before it (same sentence, own subject missing).
    if not r.statement and r.anaphor and para.last_statement_sentence >= sent_no - _MAX_CARRY:
        r.statement = True
        r.forms = list(para.last_statement_forms)
    if (not r.statement and prev_clause is not None and prev_clause.statement
            and not r.vulnerable and r.start > prev_clause.start):
        r.statement = True
        r.forms = list(prev_clause.forms)
    origins = _unique(p for p, _ in r.origins)
    if r.demonym_origins and r.np_origins:
        origins = [p for p in origins if p not in r.np_origins or p in r.demonym_origins]
    dests = [(p, pos) for p, pos in r.dests]
    if r.relative and not origins and prev_clause is not None:
        # "X women face debt bondage, which they are forced to pay off by prostitution".
        origins = _unique(p for p, _ in prev_clause.origins)
        if not dests:
            dests = list(prev_clause.dests)
    if (origins and not dests and prev_clause is not None and not r.abroad
            and set(origins) == {p for p, _ in prev_clause.origins}):
        # "... North Korean women who have migrated to China are vulnerable, and
        # traffickers lure some North Korean women upon their arrival."
        dests = list(prev_clause.dests)
    if r.these_countries and para.last_origins:
        origins = _unique(origins + para.last_origins)
    if r.compatriot:
        origins = _unique(origins + r.agents)
    if r.enroute and r.statement:
        wheres = ctx.flags_in("WHERE", r.start, r.end)
        if (wheres and any(f[0] > wheres[-1] for f in r.forms)) or (
                wheres and any(wheres[-1] < ts < r.end for ts in ctx.term_starts)):
            last_enroute = max(pos for _p, pos in r.enroute)
            if wheres[-1] > last_enroute:
                # "travel to Sudan and then on to Libya, where traffickers hold them": the
                # leg the "where" clause points back to is the destination; the places
                # before the en-route cue are earlier legs, passed through.
                first = min(pos for _p, pos in r.enroute)
                cue_at = max((c for c in range(r.start, first)
                              if ctx.m.cues.get(c, (0, ""))[1] == ENROUTE), default=first)
                legs = [(p, pos) for p, pos in dests if pos < cue_at]
                dests = [(p, pos) for p, pos in dests if pos >= cue_at]
                r.vias.extend(p for p, _pos in legs if p not in r.vias)
                dests.extend(r.enroute)
    dests = _chain_legs(ctx, r, dests)
    if r.promised and r.statement and not dests:
        # "recruited with promises of jobs in the United States ... are forced into
        # prostitution upon arrival": the promised place is where they end up, unless
        # the clause names another one.
        dests.extend(r.promised)
    if (not r.statement and origins and not r.vulnerable
            and para.orphan_sentence >= sent_no - 1):
        # "... some of these workers experience forced labor. Many technical interns are
        # Chinese, Cambodian, and Vietnamese citizens."
        r.statement = True
        r.forms = list(para.orphan_forms)
        para.orphan_sentence = -99
    dest_places = _unique(p for p, _ in dests)
    if not r.statement:
        if origins and not r.vulnerable:
            para.pending.append((r, sent_no, span[0], span[1]))
            para.last_origins = origins
            para.last_origins_dests = dest_places
            para.last_origins_sentence = sent_no
        return
    if not r.forms and ctx.flags_in("SAME_FORMS", r.start, r.end):
        # "for the same purposes listed above", "may endure similar exploitation": every
        # form the paragraph has named so far, else every form of the paragraph before.
        r.forms = list(para.forms_so_far or ctx.last_forms)
    para.forms_so_far.extend(r.forms)
    para.last_statement_forms = list(r.forms)
    para.last_statement_sentence = sent_no
    if home is not None:
        # "Children are trafficked to and from Togo and Nigeria": each way, with the home.
        for place, pos in r.both:
            if place != home:
                _emit(r, [home], [(place, pos)], None, hedged, span, flows)
                _emit(r, [place], [(home, pos)], None, hedged, span, flows)
    # Internal trafficking stated as such.
    if r.internal and home is not None:
        _emit(r, [home], [(home, r.start)], None, hedged, span, flows)
    if not origins and para.pending and not r.internal and r.forms:
        for pr, p_sent, p_start, p_end in para.pending:
            if p_sent < sent_no - _MAX_CARRY:
                continue
            p_origins = _unique(p for p, _ in pr.origins)
            p_dests = [(p, pos) for p, pos in pr.dests] or dests
            if not p_dests and home is not None and not pr.abroad and not pr.transit:
                p_dests = [(home, pr.start)]
            merged = _Reading(start=pr.start, end=pr.end, vias=pr.vias, victims=pr.victims,
                              sectors=pr.sectors | r.sectors)
            _emit(merged, p_origins, p_dests, list(r.forms), hedged or pr.hedged,
                  (p_start, p_end), flows)
        para.pending.clear()
        return
    if origins:
        para.pending.clear()
    if not origins and r.anaphor and para.last_origins_sentence >= sent_no - _MAX_CARRY:
        origins = list(para.last_origins)
        if not dests and para.last_origins_dests:
            dests = [(p, r.start) for p in para.last_origins_dests]
    if not origins:
        foreign_dest = any(p != home for p, _ in dests)
        # "Moroccan peacekeepers were accused of sexual exploitation in the DRC": when the
        # home's own nationals are the clause's perpetrators (not its traffickers, who take
        # their compatriots abroad: "Nigerian traffickers take women to Mali"), its
        # victims are not theirs.
        if dests and not r.foreign and not r.transit and home is not None and (
                foreign_dest or r.internal_dest) and home not in r.perpetrators:
            origins = [home]
        elif dests and r.internal_dest and r.foreign:
            origins = []
    if origins and not dests and home is not None:
        dests = [] if r.abroad or r.transit else [(home, r.start)]
    if origins:
        para.last_origins = origins
        para.last_origins_dests = _unique(p for p, _ in dests)
        para.last_origins_sentence = sent_no
    elif not r.internal and r.forms and not r.role_statement:
        # The forms of the role sentence sum up the whole profile; they are not the forms
        # of the next sentence's migrants ("Kuwait is a destination country for ... forced
        # labor and, to a lesser degree, forced prostitution. Men and women migrate ...").
        para.orphan_forms = list(r.forms)
        para.orphan_sentence = sent_no
    for seg_origins, seg_dests in _segments(r, origins, dests):
        _emit(r, seg_origins, seg_dests, None, hedged, span, flows)


def _chain_legs(ctx: _Context, r: _Reading,
                dests: list[tuple[Place, int]]) -> list[tuple[Place, int]]:
    """A route chain "recruit X for jobs in Thailand and then transport them to Burma, where
    they are forced to ...": the place the "where" clause points back to, after the last
    "then", is the destination; the places before it are earlier legs (transit)."""
    wheres = ctx.flags_in("WHERE", r.start, r.end)
    if not (r.statement and wheres and len(dests) > 1):
        return dests
    where = wheres[-1]
    thens = [k for k in range(r.start, where) if ctx.lower[k] == "then"]
    if not thens:
        return dests
    cut = thens[-1]
    if not (any(cut < pos < where for _p, pos in dests) and any(pos < cut for _p, pos in dests)):
        return dests
    r.vias.extend(p for p, pos in dests if pos < cut and p not in r.vias)
    return [(p, pos) for p, pos in dests if pos >= cut]


def _segments(r: _Reading, origins: list[Place],
              dests: list[tuple[Place, int]]) -> list[tuple[list[Place], list[tuple[Place, int]]]]:
    """Pair each run of origins with the run of destinations after it when a clause lists
    several: "from Ghana to Western Europe, from Nigeria through Ghana to Western Europe,
    and from Burkina Faso through Ghana to Cote d'Ivoire" is three flows, not nine. Any
    other clause pairs every origin with every destination.
    """
    events = sorted([(pos, 0, p) for p, pos in r.origins if p in origins]
                    + [(pos, 1, p) for p, pos in dests], key=lambda e: (e[0], e[1]))
    runs: list[tuple[int, list[tuple[Place, int]]]] = []
    for pos, kind, place in events:
        if runs and runs[-1][0] == kind:
            runs[-1][1].append((place, pos))
        else:
            runs.append((kind, [(place, pos)]))
    if (len(runs) < 4 or len(runs) % 2 or runs[0][0] != 0
            or {p for p, _pos in r.origins} != set(origins)):
        return [(origins, dests)]
    return [(_unique(p for p, _ in runs[i][1]), runs[i + 1][1])
            for i in range(0, len(runs), 2)]


def read_section(doc: Doc, lex: Lexicon, matches: DocMatches,
                 country: str | None) -> tuple[list[FlowMention], list[SexTourismMention]]:
    """Read every sentence of a section's doc; return its flows and sex-tourism mentions.

    Args:
        doc: one section's doc, with sentence boundaries and place entities set.
        lex: the compiled lexicon of the pipeline.
        matches: ``match_doc(lex, doc)``, computed once for the doc.
        country: the narrative's ISO alpha-3 (``doc._.country``); None disables the
            narrative defaults (implicit destination, internal trafficking).
    """
    ctx = _Context(doc, lex, matches, country)
    flows: list[FlowMention] = []
    tourism: list[SexTourismMention] = []
    para = _Paragraph()
    table = tokens_of(doc)
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", table.text)]
    # doc.sents raises for a doc without boundaries; so does this.
    sentences = table.sentences if table.segmented else [(s.start, s.end) for s in doc.sents]
    space, idx = table.space, table.idx
    for sent_no, (sent_start, sent_end) in enumerate(sentences):
        paragraph = bisect_right(breaks, idx[sent_start])
        if paragraph != para.index:
            if para.forms_so_far:
                ctx.last_forms = para.forms_so_far
            para = _Paragraph(index=paragraph)
        text_start = sent_start
        while text_start < sent_end and space[text_start]:
            text_start += 1
        if text_start >= sent_end:
            continue
        span = (idx[text_start], table.ends[sent_end - 1])
        clauses = _split_clauses(ctx, text_start, sent_end)
        prev: _Reading | None = None
        sentence_hedged = False
        sent_flows: list[FlowMention] = []
        readings = [_walk(ctx, cs, ce) for cs, ce in clauses]
        _share_places(ctx, readings)
        if any(r.compatriot for r in readings):
            # "...; the victims are typically the same nationality as the traffickers."
            for r in readings:
                r.compatriot = True
        for r in readings:
            _resolve(ctx, r, para, sent_no, span, prev, sentence_hedged, sent_flows, tourism)
            sentence_hedged = sentence_hedged or r.hedged
            prev = r
        sent_flows = _borrow_forms(readings, sent_flows)
        flows.extend(sent_flows)
    return flows, tourism


def _share_places(ctx: _Context, readings: list[_Reading]) -> None:
    """An object with no place of its own takes the places of the next object.

    "Traffickers exploit Romanian women in sex trafficking and Romanian men in forced labor
    in Germany and Italy": the places close the whole list. An object followed by a place
    phrase of its own ("... boys in forced labor on Lake Volta and ...") keeps its own
    reading, even when that phrase names no country.
    """
    for r, nxt in itertools.pairwise(readings):
        if nxt.start not in ctx.continuations or r.dests or not r.origins or not r.forms:
            continue
        if r.abroad or r.internal or r.internal_dest:
            continue
        last_form = max(f[0] for f in r.forms)
        ends = [fe for fs, fe, _f, _s in ctx.m.forms if fs == last_form]
        after = max(ends, default=last_form + 1)
        if any(ctx.m.cues.get(k, (0, ""))[1] in ("DEST", "DEST_WEAK")
               for k in range(after, r.end)):
            continue
        r.dests = list(nxt.dests)


def _borrow_forms(readings: list[_Reading], flows: list[FlowMention]) -> list[FlowMention]:
    """Give form-less pairs the forms of a later clause of the sentence that names no origin.

    "... experience recruitment fraud before arriving in Maldives; recruitment agents ...
    facilitate fraudulent recruitment and forced labor of migrant workers."
    """
    if not flows or len(readings) < 2:
        return flows
    later = [r for r in readings[1:] if r.forms and not r.origins]
    if not later:
        return flows
    fs, subs = _forms_of(later[0].forms)
    out = []
    for f in flows:
        if not f.forms:
            f = FlowMention(f.origin, f.destination, f.via, fs, subs, f.victims, f.sectors,
                           f.certainty, f.start, f.end)
        out.append(f)
    return out
