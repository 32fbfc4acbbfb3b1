"""The closed vocabularies of the flow reader: roles, cue and flag labels, heads, marks.

They are enums rather than strings so that a typo is an ``AttributeError`` at import, not a
comparison that is silently never true. The cue and flag enums are also the labels the data
may use: ``flows_cues.jsonl`` rows name one of them, and an unknown label is ``E230``.
"""

from __future__ import annotations

from enum import StrEnum, auto

__all__ = ["CUE_ROLES", "HELD", "Cue", "Flag", "Head", "Mark", "Role"]


class Role(StrEnum):
    """What a place is to its clause, and the reading mode a cue sets for the places after it.

    ``from`` makes origins, ``in``/``to`` destinations, ``via`` transit places, ``by`` the
    traffickers' side (``AGENT``). ``EN_ROUTE`` and ``PROMISED`` hold their places back until
    a "where" clause says whether they are the destination; ``EXCLUDED`` and ``IGNORED``
    places are none of a flow's. ``BORDERED`` places ("towns bordering Kenya") are landmarks
    of the place before them, none of a flow's unless the clause puts the exploitation "on
    both sides of the border" (:data:`Mark.BOTH_SIDES`).
    """

    ORIGIN = "origin"
    DESTINATION = "destination"
    TRANSIT = "transit"
    AGENT = "agent"
    SPOUSE = "spouse"  # "marriages to Chinese men": the buyers' side
    BOTH = "both"  # "trafficked to and from Togo", "between Ghana and Togo"
    EN_ROUTE = "en-route"
    PROMISED = "promised"
    EXCLUDED = "excluded"
    IGNORED = "ignored"
    BORDERED = "bordered"


# Modes whose places wait for a "where" clause.
HELD = frozenset({Role.EN_ROUTE, Role.PROMISED})


class Cue(StrEnum):
    """Labels of ``flows_cues.jsonl`` rows that compete: at one token only the longest counts.

    ``ORIGIN`` to ``BOTH`` and ``BORDER`` set a reading mode (:data:`CUE_ROLES`); the others
    say something of the clause (``INTERNAL``, ``ABROAD``, ...) or nothing at all
    (``FILLER``, ``FRAME``).
    """

    ORIGIN = "ORIGIN"
    IGNORE = "IGNORE"
    DEST = "DEST"
    DEST_WEAK = "DEST_WEAK"
    VIA = "VIA"
    ENROUTE = "ENROUTE"
    PROMISE = "PROMISE"
    EXCLUDE = "EXCLUDE"
    AGENT = "AGENT"
    SPOUSE = "SPOUSE"
    BOTH = "BOTH"
    BORDER = "BORDER"
    FILLER = "FILLER"
    FRAME = "FRAME"
    INTERNAL_DEST = "INTERNAL_DEST"
    INTERNAL_ORIGIN = "INTERNAL_ORIGIN"
    INTERNAL = "INTERNAL"
    ABROAD = "ABROAD"
    TRANSIT_OF = "TRANSIT_OF"
    THESE_COUNTRIES = "THESE_COUNTRIES"
    BOTH_SIDES = "BOTH_SIDES"


# The role each mode-setting cue gives the places after it.
CUE_ROLES: dict[Cue, Role] = {
    Cue.ORIGIN: Role.ORIGIN, Cue.DEST: Role.DESTINATION, Cue.VIA: Role.TRANSIT,
    Cue.AGENT: Role.AGENT, Cue.SPOUSE: Role.SPOUSE, Cue.BOTH: Role.BOTH,
    Cue.ENROUTE: Role.EN_ROUTE, Cue.PROMISE: Role.PROMISED, Cue.EXCLUDE: Role.EXCLUDED,
    Cue.IGNORE: Role.IGNORED, Cue.BORDER: Role.BORDERED,
}


class Flag(StrEnum):
    """Labels of ``flows_cues.jsonl`` rows read anywhere in a clause; they may overlap cues."""

    HEDGE = "HEDGE"
    NEG = "NEG"
    VULN = "VULN"
    ST_TOURIST = "ST_TOURIST"
    ST_TOURISM = "ST_TOURISM"
    ST_ENGAGE = "ST_ENGAGE"
    ANAPHOR = "ANAPHOR"
    COMPATRIOT = "COMPATRIOT"
    FOREIGN = "FOREIGN"
    HOST = "HOST"
    ACTIVE = "ACTIVE"
    BE = "BE"
    BOUNDARY = "BOUNDARY"
    WHERE = "WHERE"
    ROLE_WORD = "ROLE_WORD"
    SECTOR_VERB = "SECTOR_VERB"
    SAME_FORMS = "SAME_FORMS"
    SUFFER = "SUFFER"
    ORIGIN_LIST = "ORIGIN_LIST"  # "countries of origin": a copula after it lists origins
    GROUP_BREAK = "GROUP_BREAK"  # "as well as": a new group of victims starts after it


class Head(StrEnum):
    """The kind of noun a demonym or place name modifies (``flows_nouns.jsonl`` kinds)."""

    VICTIM = "victim"  # "Nigerian women": the victims' nationality
    AGENT = "agent"  # "Nigerian traffickers", "the Nigerian embassy"
    VESSEL = "vessel"  # "Thai fishing vessels": a flag, not where victims are
    PLACE = "place"  # "Jamaican waters"
    POSSESSIVE = "possessive"  # "Thailand's fishing industry"


class Mark(StrEnum):
    """What a clause says of itself, besides its places (a set of these on a reading).

    A ``StrEnum`` only for speed: its members hash as strings (in C), a plain ``Enum``'s
    in Python, and a reading's set of marks is asked several times per clause.
    """

    STATEMENT = auto()  # it states exploitation: a form or a trafficking term
    NEGATED = auto()  # "no reports of ...": gives nothing
    VULNERABLE = auto()  # "vulnerable to", "at risk of": gives nothing by itself
    HEDGED = auto()  # "may", "reportedly": hedged flows
    INTERNAL = auto()  # "internal trafficking": home -> home
    INTERNAL_ORIGIN = auto()  # "from rural areas": the home is an origin
    INTERNAL_DEST = auto()  # "within the country": the home is a destination
    ABROAD = auto()  # "abroad": no implicit home destination
    TRANSIT = auto()  # the home is passed through
    FOREIGN = auto()  # "foreign victims": the home is not the origin
    SEX_TOURISM = auto()  # tourists who exploit: not a flow
    ANAPHOR = auto()  # "They ...", "Some of these migrants": leans on the paragraph
    RELATIVE = auto()  # ", which ...": leans on the clause before
    THESE_COUNTRIES = auto()  # "from these countries": the paragraph's last origins
    THESE_DESTS = auto()  # "migrate to these countries": the paragraph's last destinations
    COMPATRIOT = auto()  # "the same nationality as the traffickers"
    ROLE_STATEMENT = auto()  # "X is a destination country for ...": a summary
    BOTH_SIDES = auto()  # "on both sides of the border": the bordered places are ends too
    ORIGINS_NAMED = auto()  # "The main countries of origin were X and Y": victims' origins
