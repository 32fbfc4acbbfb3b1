"""One narrative's agency mentions merged into one :class:`~tipgraph.extract.records.Agency`
per body: spelling variants, acronyms defined anywhere in the narrative, short forms and
back-references (see :func:`resolve_agencies` for why each rule exists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from tipgraph.extract.agencies import AgencyMention
from tipgraph.extract.agency_words import (
    LEXICON,
    Head,
    adjectives,
    heads,
    known_acronyms,
    strip_own_adjective,
)
from tipgraph.extract.patterns import word_lists
from tipgraph.extract.records import Agency, Sentence

__all__ = ["resolve_agencies"]

_PERSON_POSSESSOR = frozenset({"prosecutor", "prosecutors", "attorney", "president", "minister"})
_CHAIN = (" of ", " for ", " on ", " against ", " to ", " and ", " in ")

_Pair = tuple[AgencyMention, Sentence]


def resolve_agencies(
    mentions: list[tuple[AgencyMention, Sentence]], country: str | None
) -> list[Agency]:
    """Merge one narrative's agency mentions into one :class:`Agency` per body.

    Why each rule exists:

    * A name and its spelling variants (case, punctuation) are one body.
    * An acronym defined anywhere in the narrative ("National Police Agency (NPA)") links its
      bare uses ("the NPA", "NPA officials") in any section to that body; an acronym never
      defined is kept only when the reports conventionally use it for one body ("MOJ").
    * A short form is the body whose full name it begins ("the national rapporteur" and "the
      national rapporteur on trafficking in persons", "Ministry of Population" and "Ministry
      of Population and Social Affairs") or, for a lower-case description, whose words it uses
      ("the labor ministry" and "Ministry of Labor and Social Welfare (MLSW)"); a capitalised
      name inside one longer name and ending at its head is the short name of that body ("the
      Coordinating Committee" and "National Coordinating Committee against Trafficking in
      Persons").
    * A bare head ("the taskforce", "the Secretariat") or a bare "prosecutor's office" is a
      back-reference: it joins the one body with that head, or is dropped when there is none
      or several (only heads that stand alone, such as *Secretariat*, make a body of their own).
    * The own-country adjective is dropped unless the acronym spells it; legislatures,
      cabinets and intergovernmental organizations are left out.

    Args:
        mentions: ``(mention, sentence)`` pairs of one narrative, in reading order.
        country: the narrative's ISO3 code, recorded as each agency's jurisdiction.

    Returns:
        Agencies in order of first mention, each with its sentences in order (no duplicates)
        and the other spellings seen in ``alt_names``.

    Example:
        >>> from tipgraph.extract.records import Sentence
        >>> s0 = Sentence(0, 0, 10, "x", "x", "prosecution")
        >>> s1 = Sentence(1, 11, 20, "y", "y", "prevention")
        >>> out = resolve_agencies([(AgencyMention("National Police Agency", "NPA", 0, 5), s0),
        ...                         (AgencyMention("NPA", "NPA", 12, 15), s1)], "JPN")
        >>> [(a.name, a.acronym, len(a.sentences)) for a in out]
        [('National Police Agency', 'NPA', 2)]
    """
    groups: dict[str, Group] = {}
    acr_owner: dict[str, str] = {}
    bare_acr, backrefs = _group_names(mentions, country, groups, acr_owner)
    _link_acronyms(bare_acr, groups, acr_owner)
    _join_short_names(groups, acr_owner)
    merged = _short_forms(groups)
    for small, big in merged.items():
        groups[big].absorb(groups[small])
    live = [k for k in groups if k not in merged]
    _place_backrefs(backrefs, groups, live)
    out = [groups[k].build(country) for k in dict.fromkeys(live) if groups[k].names]
    out.sort(key=lambda a: a.sentences[0].index if a.sentences else 0)
    return out


def _place_backrefs(
    backrefs: list[tuple[str, AgencyMention, Sentence]], groups: dict[str, Group], live: list[str]
) -> None:
    """Join each back-reference to the one live body of its head, or make it a body of its own
    (a head that stands alone, or a titled pair such as "the Permanent Group"); ``groups`` and
    ``live`` are updated in place."""
    hs = heads()
    for head, m, s in backrefs:
        owners = [k for k in live if _head_word(k, hs) == head]
        if _titled_pair(m.name):  # "the Working Group" points to a working group only
            owners = [k for k in owners if _norm(m.name).split()[0] in k.split()]
        if len(owners) == 1:
            groups[owners[0]].add(None, s, m.start)
        elif not owners and hs[head].bare_ok and m.name[:1].isupper():
            groups.setdefault(head, Group()).add(m.name, s, m.start)
            live.append(head)
        elif not owners and _titled_pair(m.name):
            key = _norm(m.name)  # "the Permanent Group" with no longer name: its own name
            groups.setdefault(key, Group()).add(m.name, s, m.start)
            live.append(key)


def _group_names(
    mentions: list[_Pair], country: str | None, groups: dict[str, Group], acr_owner: dict[str, str]
) -> tuple[list[_Pair], list[tuple[str, AgencyMention, Sentence]]]:
    """Put each named mention in the group of its normalised name (noting the acronyms it
    defines in ``acr_owner``); return the bare acronym uses and the back-references."""
    hs = heads()
    excluded = word_lists(LEXICON)["excluded_name"] | word_lists(LEXICON)["procedure_name"]
    own = adjectives(country)
    bare_acr: list[_Pair] = []
    backrefs: list[tuple[str, AgencyMention, Sentence]] = []
    for m, s in mentions:
        if m.acronym is not None and m.name == m.acronym:
            bare_acr.append((m, s))
            continue
        name = strip_own_adjective(m.name, m.acronym, own)
        key = _norm(name)
        if not key or key in excluded or _intergovernmental(key):
            continue
        back = _backref_head(key, hs)
        if back is not None and m.acronym is None:
            backrefs.append((back, m, s))
            continue
        g = groups.setdefault(key, Group())
        g.add(name, s, m.start)
        if m.acronym:
            g.acronym = g.acronym or m.acronym
            acr_owner.setdefault(m.acronym, key)
    return bare_acr, backrefs


def _link_acronyms(
    bare_acr: list[_Pair], groups: dict[str, Group], acr_owner: dict[str, str]
) -> None:
    """Add each bare acronym use to the body that defines it, or to the body the reports
    conventionally mean by it (``known_acronyms``), or to a body of its own when the text
    shows it acting (:attr:`AgencyMention.acts`); any other acronym is dropped."""
    excluded = word_lists(LEXICON)["excluded_name"]
    known = known_acronyms()
    for m, s in bare_acr:
        acr = m.name
        owner = acr_owner.get(acr)
        if owner is None and acr in known and _norm(known[acr]) not in excluded:
            owner = _norm(known[acr])
            g = groups.setdefault(owner, Group())
            if not g.names:
                g.names[known[acr]] = 0
            g.acronym = g.acronym or acr
            acr_owner[acr] = owner
        if owner is None and m.acts:
            # "GPS operated an anti-trafficking tip line": a body the narrative names only by
            # its acronym, which it shows acting.
            owner = _norm(acr)
            g = groups.setdefault(owner, Group())
            if not g.names:
                g.names[acr] = 0
            g.acronym = g.acronym or acr
            acr_owner[acr] = owner
        if owner is not None:
            groups[owner].add(None, s, m.start)


def _join_short_names(groups: dict[str, Group], acr_owner: dict[str, str]) -> None:
    """Join each use of a body's bracketed short name of several words ("Department for
    Illegal Smuggling, Human Trafficking, and Illegal Migration (Anti-trafficking Unit)", then
    "the Anti-trafficking Unit could not ...") to that body, as a bare acronym joins the body
    that defines it; ``groups`` is updated in place."""
    for acr, owner in acr_owner.items():
        key = _norm(acr)
        if " " in acr and key != owner and key in groups and owner in groups:
            groups[owner].absorb(groups.pop(key))


def _intergovernmental(key: str) -> bool:
    """Does the normalised name open with an intergovernmental organization's name or
    acronym (``intergovernmental_prefix``)? Then it is that organization's body ("African
    Union Mission in Somalia"), no government's."""
    return any(key == p or key.startswith(p + " ") for p in _prefixes())


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    return frozenset(word_lists(LEXICON)["intergovernmental_prefix"])


def _norm(name: str) -> str:
    """The scorer's normalisation: lower-case, no leading "the", punctuation as spaces."""
    s = name.lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s.strip())
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def _titled_pair(name: str) -> bool:
    """Whether a back-reference is two capitalised words ("Permanent Group", "Working Group"):
    it points to a body whose name holds its first word, and when there is none the text
    calls the body by that name."""
    parts = name.split()
    return len(parts) == 2 and all(p[:1].isupper() for p in parts)


def _backref_head(key: str, heads: dict[str, Head]) -> str | None:
    """The head of a name that only points back ("taskforce", "prosecutor s office")."""
    parts = key.split()
    if len(parts) == 1 and parts[0] in heads:
        return heads[parts[0]].head
    if (
        len(parts) == 2
        and parts[1] in heads
        and not heads[parts[1]].needs_cap_modifier  # "Public Prosecution" is a name
        and (parts[0] in heads[parts[1]].after or parts[0] in word_lists(LEXICON)["descriptive"])
    ):
        return heads[parts[1]].head  # "working group", "full committee": the one named before
    if len(parts) == 3 and parts[0] in _PERSON_POSSESSOR and parts[1] == "s" and parts[2] in heads:
        return heads[parts[2]].head
    return None


def _short_forms(groups: dict[str, Group]) -> dict[str, str]:
    """Map each short form to the one longer name it stands for (see resolve_agencies)."""
    hs = heads()
    keys = list(groups)
    merged: dict[str, str] = {}
    for key in keys:
        prefixed = [k for k in keys if k != key and any(k.startswith(key + c) for c in _CHAIN)]
        if len(prefixed) == 1:
            merged[key] = prefixed[0]
            continue
        g = groups[key]
        if not g.names or " " not in key:
            continue
        if not all(n == n.lower() for n in g.names):
            inner = [k for k in keys if k != key and _inner_short(key, k, hs)]
            own, near = g.acronym, min(inner, key=len, default="")
            if inner and _nested(inner) and (own is None or groups[near].acronym in {None, own}):
                merged[key] = near  # "Coordinating Committee" in "National ... against ..."
            continue
        suffixed = [k for k in keys if k != key and k.endswith(" " + key)]
        if suffixed and _nested(suffixed):
            merged[key] = min(suffixed, key=len)  # "advisory committee" in "anti-trafficking
            continue  # advisory ...", or the next of a chain of longer forms of one body
        head = _head_word(key, hs)
        bigger = [k for k in keys if k != key and _uses_words(key, k) and _head_word(k, hs) == head]
        if len(bigger) == 1:
            merged[key] = bigger[0]
    # follow chains (a -> b -> c) and drop cycles
    out: dict[str, str] = {}
    for key in merged:
        target, seen = merged[key], {key}
        while target in merged and target not in seen:
            seen.add(target)
            target = merged[target]
        if target not in seen:
            out[key] = target
    return out


def _nested(names: list[str]) -> bool:
    """Whether longer names all end with one another, each the one before it with words put
    before ("victim assistance system" and "national victim assistance system"): the forms of
    one body, so a short name ending them all is that body (FIN 2020's "the assistance system",
    legal_years_heldout21), not two bodies that share an ending ("national anti-trafficking
    committee" and "regional anti-trafficking committee")."""
    chain = sorted(names, key=len)
    return all(b.endswith(" " + a) for a, b in pairwise(chain))


def _inner_short(small: str, big: str, hs: dict[str, Head]) -> bool:
    """Whether a capitalised name is a short form inside a longer one: its words stand in the
    longer name after some of its first words, and end at the longer name's head, where its
    "against/of/for ..." chain (or its end) follows ("the Coordinating Committee" and
    "National Coordinating Committee against Trafficking in Persons"); a name that starts the
    longer one is a prefix (see _short_forms)."""
    padded = " " + big + " "
    pos = padded.find(" " + small + " ")
    if pos <= 0:
        return False
    rest = padded[pos + len(small) + 2 :].split()
    head = _head_word(small, hs)
    return (
        (not rest or " " + rest[0] + " " in _CHAIN)
        and head is not None
        and head == _head_word(big, hs)
    )


def _uses_words(small: str, big: str) -> bool:
    """Whether a lower-case description uses only words of a longer name; its "anti" may stand
    for the name's "against" ("the national anti-trafficking commission" and "National
    Commission against Human Trafficking"; ``anti_in_title``)."""
    words, big_words = set(small.split()), set(big.split())
    if "anti" in words and "anti" not in big_words and big_words & _anti_words():
        words.discard("anti")
    return words < big_words


@lru_cache(maxsize=1)
def _anti_words() -> frozenset[str]:
    return frozenset(word_lists(LEXICON)["anti_in_title"])


def _head_word(key: str, heads: dict[str, Head]) -> str | None:
    """The head noun of a normalised name: the first one of a head-first name, else the last."""
    parts = key.split()
    if not parts:
        return None
    if len(parts) > 2 and parts[0] in heads and parts[1] in {"of", "for", "on", "against"}:
        return heads[parts[0]].head
    for p in reversed(parts):
        if p in heads:
            return heads[p].head
    return None


@dataclass(slots=True)
class Group:
    """The mentions of one body: surface names with counts, acronym, sentence items."""

    names: dict[str, int] = field(default_factory=dict)
    acronym: str | None = None
    items: list[tuple[int, int, Sentence]] = field(default_factory=list)
    absorbed: dict[str, int] = field(default_factory=dict)

    def add(self, name: str | None, s: Sentence, start: int) -> None:
        if name is not None:
            self.names[name] = self.names.get(name, 0) + 1
        self.items.append((s.index, start, s))

    def absorb(self, other: Group) -> None:
        """Take a short form's mentions; its spellings become alternative names only."""
        for n, c in (other.names | other.absorbed).items():
            self.absorbed[n] = self.absorbed.get(n, 0) + c
        self.acronym = self.acronym or other.acronym
        self.items += other.items

    def build(self, country: str | None) -> Agency:
        order = {n: k for k, n in enumerate(self.names)}
        name = max(self.names, key=lambda n: (self.names[n], -order[n]))
        sentences: list[Sentence] = []
        seen: set[Sentence] = set()
        for _, _, s in sorted(self.items, key=lambda t: (t[0], t[1])):
            if s not in seen:
                seen.add(s)
                sentences.append(s)
        alt = {n for n in (self.names | self.absorbed) if n != name}
        return Agency(
            name=name,
            acronym=self.acronym,
            alt_names=alt,
            jurisdiction=country,
            sentences=sentences,
        )
