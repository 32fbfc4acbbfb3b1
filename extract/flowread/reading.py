"""What the stages hand each other: a clause's reading, and the mentions the reader emits.

A :class:`Reading` is one clause as stage 2 (:mod:`.phrase_roles`, :mod:`.clause_marks`)
reads it: its places by :class:`~.labels.Role`, the :class:`~.labels.Mark` set of what it
says of itself, its forms, victims and sectors. Stage 3 (:mod:`.defaults`) fills the ends
it leaves implicit, stage 4 (:mod:`.emit`) turns it into :class:`FlowMention` records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from tipgraph.extract.flowread.labels import Mark, Role
from tipgraph.extract.records import Place

__all__ = ["FlowMention", "FormAt", "PlaceNotes", "Placed", "Reading", "SexTourismMention",
           "unique"]


class Placed(NamedTuple):
    """A place a clause names, with the token it starts at (its order in the clause)."""

    place: Place
    at: int


class FormAt(NamedTuple):
    """A form a clause names, at token ``at`` (``subform`` is ``""`` when none)."""

    at: int
    form: str
    subform: str


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
class PlaceNotes:
    """What stage 2 notes of some places besides their role.

    Attributes:
        perpetrators: places of agents named by a perpetrator noun ("Moroccan peacekeepers").
        tourists: places of people who could be the clause's sex tourists.
        np_origins: origins inside an origin's noun phrase ("from refugee camps in Lebanon"):
            they yield to the victims' own nationality when the clause names one.
        demonym_origins: origins named by a demonym ("Syrian girls").
        finders: places of agents named by a finder noun ("Indian authorities").
    """

    perpetrators: list[Place] = field(default_factory=list)
    tourists: list[Place] = field(default_factory=list)
    np_origins: list[Place] = field(default_factory=list)
    demonym_origins: list[Place] = field(default_factory=list)
    finders: list[Place] = field(default_factory=list)


@dataclass(slots=True)
class Reading:
    """What one clause ``[start, end)`` says, before the narrative's defaults are applied."""

    start: int
    end: int
    placed: dict[Role, list[Placed]] = field(default_factory=dict)
    marks: set[Mark] = field(default_factory=set)
    forms: list[FormAt] = field(default_factory=list)
    victims: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    notes: PlaceNotes = field(default_factory=PlaceNotes)
    # Each victim noun with its token, and where "as well as" / "along with" starts another
    # group of victims: "men and women from Kenya ..., as well as Sudanese women and children".
    victim_at: list[tuple[int, str]] = field(default_factory=list)
    group_breaks: list[int] = field(default_factory=list)

    def at(self, role: Role) -> list[Placed]:
        """The places of ``role`` with their tokens, in clause order (to read: add with
        :meth:`add`)."""
        return self.placed.get(role) or []

    def places(self, role: Role) -> list[Place]:
        """The places of ``role``, in clause order."""
        return [p.place for p in self.placed.get(role, ())]

    def add(self, role: Role, place: Place, at: int) -> None:
        self.placed.setdefault(role, []).append(Placed(place, at))

    def has(self, mark: Mark) -> bool:
        return mark in self.marks

    def mark(self, mark: Mark, on: bool = True) -> None:
        """Set (or clear) ``mark``."""
        if on:
            self.marks.add(mark)
        else:
            self.marks.discard(mark)


def unique(places: Iterable[Place]) -> list[Place]:
    """The places in order, each once."""
    out: list[Place] = []
    for p in places:
        if p not in out:
            out.append(p)
    return out
