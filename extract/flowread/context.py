"""One section's doc with its matches, indexed for the stages, and the head-noun lookup.

Every stage asks the same questions many times per token (is a place here, does a flag
start here, what does this demonym modify), so they are answered from plain lists and
dicts built once per doc, never from spaCy ``Token`` objects made per look.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

from tipgraph.extract.flowread.labels import Cue, Flag, Head
from tipgraph.extract.flowread.lexicon import Lexicon
from tipgraph.extract.flowread.matching import DocMatches, FormMatch
from tipgraph.extract.flowread.reading import FormAt
from tipgraph.extract.records import Place
from tipgraph.extract.tokens import tokens_of

__all__ = ["PEOPLE_LABELS", "Context", "agent_predicate", "as_role", "head_of", "people_noun",
           "place_of", "sold_to"]

PEOPLE_LABELS = frozenset({"NATIONALITY", "REGION_ADJ"})
_PLACE_LABELS = frozenset({"COUNTRY", "NATIONALITY", "REGION", "REGION_ADJ"})
_NO_FLAGS: dict[int, int] = {}


class Context:
    """One doc with its matches, indexed for the clause walk.

    Attributes:
        home: the narrative's country, None when unknown (no defaults then).
        last_forms: the forms of the last paragraph that named any (``SAME_FORMS``).
        continuations: clause starts that are a verb's second object (stage 1 fills it).
    """

    def __init__(self, doc: Doc, lex: Lexicon, matches: DocMatches, country: str | None):
        self.doc = doc
        self.lex = lex
        self.nouns = lex.nouns
        self.words = lex.words
        self.m = matches
        self.last_forms: list[FormAt] = []
        self.home = Place("country", country) if country else None
        self.ent_at: dict[int, Span] = {}
        self.ent_end: dict[int, Span] = {}  # by end token: what a list item before "," is
        self.continuations: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS and ent._.place_code:
                self.ent_at[ent.start] = ent
                self.ent_end[ent.end] = ent
        self.flag_at: dict[Flag, dict[int, int]] = {
            label: dict(spans) for label, spans in matches.flags.items()
        }
        self.form_starts = [f.start for f in matches.forms]
        self.form_ends = frozenset(f.end for f in matches.forms)
        self.term_starts = [t[0] for t in matches.terms]
        self.sector_starts = [x[0] for x in matches.sectors]
        self.flag_starts: dict[Flag, list[int]] = {
            label: sorted(at) for label, at in self.flag_at.items()
        }
        # The flags the walk asks about at every token, as plain dicts (start -> end).
        self.active_at = self.flag_at.get(Flag.ACTIVE, _NO_FLAGS)
        self.be_at = self.flag_at.get(Flag.BE, _NO_FLAGS)
        self.host_at = self.flag_at.get(Flag.HOST, _NO_FLAGS)
        self.boundary_at = self.flag_at.get(Flag.BOUNDARY, _NO_FLAGS)
        table = tokens_of(doc)
        self.lower: list[str] = table.lower
        self.space: list[bool] = table.space
        # punctuation, numbers, whitespace end a head search
        self.stop_tok: list[bool] = [p or n or s for p, n, s in
                                     zip(table.punct, table.num, table.space, strict=True)]

    def flag(self, label: Flag, i: int) -> int | None:
        """End of a flag match of ``label`` starting at token ``i``, or None."""
        return self.flag_at.get(label, _NO_FLAGS).get(i)

    def flags_in(self, label: Flag, start: int, end: int) -> list[int]:
        """Starts of the ``label`` flags in ``[start, end)``, in order (by bisection)."""
        starts = self.flag_starts.get(label)
        if not starts:
            return []
        return starts[bisect_left(starts, start):bisect_left(starts, end)]

    def is_verb(self, i: int) -> bool:
        return self.lower[i] in self.nouns.verbs or i in self.active_at

    def cue_label(self, k: int) -> Cue | None:
        """The label of the cue starting at token ``k``, or None."""
        cue = self.m.cues.get(k)
        return None if cue is None else cue[1]

    def role_word(self, k: int) -> bool:
        """Whether a role word ("source", "destination", "transit") is at token ``k``."""
        return self.flag(Flag.ROLE_WORD, k) is not None or self.lower[k] == "transit"

    def forms_in(self, start: int, end: int) -> list[FormMatch]:
        """The form phrases starting in ``[start, end)``, in order (by bisection)."""
        return self.m.forms[bisect_left(self.form_starts, start):
                            bisect_left(self.form_starts, end)]


def people_noun(ent: Span) -> bool:
    """Whether a place entity without a head noun names people.

    A demonym does ("Burmese are exploited"); so does a region's plural people noun
    ("Central Americans", "West Africans"), which tip_places labels REGION_ADJ.
    """
    return ent.label_ == "NATIONALITY" or (ent.label_ == "REGION_ADJ"
                                           and ent[-1].lower_.endswith("ans"))


def place_of(ent: Span) -> Place:
    return Place(str(ent._.place_kind), str(ent._.place_code))


def head_of(ctx: Context, end: int, stop: int, adjacent: bool) -> tuple[Head | None, int]:
    """The kind of the noun a demonym (or attributive country name) modifies, and its token.

    Skips conjoined demonyms and up to three other words ("Romanian and Albanian criminal
    groups" -> agent), never a clause boundary ("before", "where": ``BOUNDARY`` flags).
    ``adjacent`` allows only one word in between (for country names, which are mostly nouns
    themselves). A new head noun is a row of ``flows_nouns.jsonl``.
    """
    nouns, lower = ctx.nouns, ctx.lower
    j = end
    skipped = 0
    limit = 1 if adjacent else 3
    while j < stop:
        low = lower[j]
        if j in ctx.ent_at and not adjacent:
            j = ctx.ent_at[j].end
            continue
        if low in ctx.words.possessives:
            return Head.POSSESSIVE, j
        if low == "-" and j + 1 < stop and lower[j + 1] in nouns.agents:
            # "Chinese-financed plantations", "Korean-run brothels": whose money or
            # management, not whose victims.
            return Head.AGENT, j + 1
        if low == "-" and j + 1 < stop and lower[j + 1] in nouns.vessels:
            return Head.VESSEL, j + 1  # "Taiwan-flagged vessels": the flag
        if low in nouns.victims:
            if j + 2 < stop and lower[j + 1] == "-" and lower[j + 2] in nouns.agents:
                # "PRC national-owned companies": a compound of whose ownership, not the
                # victims' nationality.
                return Head.AGENT, j + 2
            return Head.VICTIM, j
        if low in nouns.agents:
            return Head.AGENT, j
        if low in nouns.vessels or (
                low in nouns.places and j + 1 < stop and lower[j + 1] in nouns.vessels):
            return Head.VESSEL, j
        if low in nouns.places:
            return Head.PLACE, j
        if low in ctx.words.list_joins and not adjacent:
            j += 1
            continue
        if (ctx.stop_tok[j] or j in ctx.m.cues or j in ctx.boundary_at or ctx.is_verb(j)
                or skipped >= limit):
            return None, j  # a clause boundary too: "in Armenia before traffickers move"
        skipped += 1
        j += 1
    return None, j


def sold_to(ctx: Context, k: int, start: int) -> bool:
    """Whether token ``k`` (a demonym or a person noun) is in the "to" phrase of a sale verb
    of the clause starting at ``start``: "sell Burmese girls to Chinese men", "sold to
    wealthy men". Such people are the buyers: neither the victims' origin nor victims.
    The phrase is "to" and up to three plain words (adjectives, a demonym) before ``k``."""
    j = k - 1
    while j > start and k - j <= 3 and ctx.lower[j] != "to":
        if not ctx.lower[j].isalpha() or ctx.is_verb(j) or j in ctx.m.cues:
            return False
        j -= 1
    return (j > start and ctx.lower[j] == "to"
            and any(ctx.lower[v] in ctx.words.sale_verbs for v in range(start, j)))


def as_role(ctx: Context, k: int, start: int) -> bool:
    """Whether the person noun at ``k`` is in an "as" phrase of the clause starting at
    ``start``: what the victims are made ("sell Nigerien girls ... as 'fifth wives'"), not a
    group of its own. The phrase is "as" and up to two plain words or quotation marks; "as
    well as" and "such as" are list words."""
    j = k - 1
    while j >= start and k - j <= 3 and ctx.lower[j] != "as":
        if not (ctx.lower[j].isalpha() or ctx.lower[j] in ctx.words.quote_marks) or j in ctx.m.cues:
            return False
        j -= 1
    return (j >= start and ctx.lower[j] == "as"
            and not (j > start and ctx.lower[j - 1] in ctx.words.as_list_leads))


def agent_predicate(ctx: Context, k: int, start: int) -> bool:
    """Whether the people's name at ``k`` is what an agent noun is: "where buyers are often
    Brazilian and Chinese miners", "the recruiters were mostly Nigerian nationals". The
    copula's subject is the traffickers' side, so its complement's demonyms are actors
    (issue 12 pattern 6), not victims' origins, and its people nouns are no victims."""
    j = k - 1
    while j > start:
        if ctx.lower[j] in ctx.words.list_joins or ctx.lower[j] in ctx.words.agent_aside_openers:
            j -= 1
        elif j + 1 in ctx.ent_end:  # an earlier item of the list
            j = ctx.ent_end[j + 1].start - 1
        else:
            break
    return (j > start and ctx.lower[j] in ctx.words.agent_copulas
            and ctx.lower[j - 1] in ctx.nouns.agents)
