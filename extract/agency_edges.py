"""Where a capitalised agency name begins and ends when a list or an owner sits at its edge.

Two readings of :class:`~tipgraph.extract.agency_names.CapitalisedNames` that look past the
name's own words: a comma list that opens the name ("the Family, Child, and Youth Development
Agency") and an owner in its "of the ..." tail that the bracketed acronym after it spells
("the Mobile Groups of the Ministry of Internal Affairs (MIA)": two bodies). Both need the
place names of the gazetteer, kept here for every agency reader. Two small edge tests of the
name walk live here too (a capitalised participle's "by the" inside a name, two services
joined under one "the"), moved from ``agency_names`` to keep it under the module size limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from tipgraph.extract.agency_words import YEARISH, AgencyWords
from tipgraph.extract.legal_words import Word, country_table

__all__ = ["NameEdges", "place_words"]


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Every country's lower-case names and adjectives, whole ("papua new guinea", "irish"):
    a name holding one is a place's. Not split into words, or the "Independent" of "the
    Independent State of Samoa" would make every "Independent ..." a place."""
    return frozenset(
        phrase for names, adjectives in country_table().values() for phrase in names | adjectives)


@lru_cache(maxsize=1)
def country_adjectives() -> frozenset[str]:
    """Every country's lower-case adjectives ("burmese", "malian"): a capitalised one before a
    state's lower-case armed forces names the state."""
    return frozenset(a for _names, adjectives in country_table().values() for a in adjectives)


class NameEdges(AgencyWords):
    """The edges of a capitalised name (a base of ``CapitalisedNames``)."""

    def _spelled_owner(self, w: Sequence[Word], left: int, head_i: int, last: int,
                       acronym: str) -> int | None:
        """The last word before an "of (the)" owner in the name's tail when the bracketed
        acronym after the name spells that owner and not the whole name ("the Mobile Groups
        of the Ministry of Internal Affairs (MIA)": the acronym is the ministry's, a body named
        apart, read from its own head), else None. A tail with no head ("Department of Social
        Welfare (DSW)") or one the acronym does not spell ("National Police of Colombia
        (PNC)") stays in the name."""
        if self._spells(w, left, last, acronym):
            return None
        for t in range(head_i + 2, last + 1):
            of = t - 2 if w[t - 1].lower == "the" else t - 1
            if (w[of].lower == "of" and of > head_i and w[t].cap
                    and self._spells(w, t, last, acronym)
                    and any(self._is_head(w[m]) for m in range(t, last + 1))):
                return of - 1
        return None

    def _plan_program(self, w: Sequence[Word], left: int) -> bool:
        """Is the capitalised programme starting at ``left`` a plan: dated ("the 2014-2020
        National Trafficking Prevention Program") or adopted ("adopting a new National
        Anti-Trafficking Program and work plan": a government adopts a plan and runs a body)?"""
        k = left - 1
        if k >= 0 and YEARISH.match(w[k].text):
            return True
        while k >= 0 and w[k].lower in self.plan_program_skip:
            k -= 1
        return k < left - 1 and k >= 0 and w[k].lower in self.plan_program_verb

    def _list_left(self, w: Sequence[Word], left: int, floor: int) -> int:
        """The first word of a comma list that opens the name at ``left`` ("the Family,
        Child, and Youth Development Agency"), else ``left``: after "and" (an Oxford comma
        allowed, or the walk's own "Child and Youth"), capitalised words parted by commas, at
        least one comma, and a determiner
        before the first. A head among them ("the Ministry, Police, and Immigration
        Department") lists bodies, a place ("the Kenya, Uganda, and Tanzania ...") places,
        an official's title ("the President, Deputy and ...") people."""
        k = left - 1
        if k - 1 <= floor:
            return left
        if w[k].lower == "and":
            k -= 1 + (w[k - 1].text == ",")
        elif w[k].text == "," and any(x.lower == "and" for x in w[left:left + 3]):
            k -= 1  # "the Family, Child and Youth ...": the walk took "Child and Youth"
        else:
            return left
        items: list[int] = []
        while k > floor and w[k].cap and w[k].alpha and not w[k].upper and not (
                w[k].sent_start or self._is_head(w[k])):
            items.append(k)
            if k - 2 <= floor or w[k - 1].text != ",":
                break
            k -= 2
        first = items[-1] if items else left
        commas = sum(1 for m in range(first, left) if w[m].text == ",")
        places = place_words()
        if (not items or not commas or first - 1 <= floor
                or w[first - 1].lower not in self.determiner
                or any(w[m].lower in places or w[m].lower in self.official_title
                       or w[m].lower in self.official_rank for m in (*items, left))):
            return left
        return first

    @staticmethod
    def _agent_by(w: Sequence[Word], k: int) -> bool:
        """Is the "by" at ``k`` inside a name, after a capitalised participle and before "the"
        and a capitalised word ("National Program for the Rescue and Accompaniment of Persons
        Affected by the Crime of Trafficking")? A lower-case "led by the Ministry" is not."""
        return (
            k + 2 < len(w)
            and w[k].lower == "by"
            and w[k - 1].cap
            and w[k - 1].lower.endswith("ed")
            and w[k + 1].lower == "the"
            and w[k + 2].cap
            and w[k + 2].alpha
        )

    @staticmethod
    def _joint_service(w: Sequence[Word], j: int, i: int) -> bool:
        """Is the "and" at ``j`` inside one body's name joining two services under one "the"
        ("the Police and Border Guard", Estonia's board)? A lone capitalised head right after
        "the" before it, and a modified head after it; "the Coast Guard and Border Guard"
        (a modifier before the first head) and "the Police and the Border Guard" stay two."""
        return j >= 2 and w[j - 2].lower == "the" and i - j >= 2 and w[j - 1].cap

    def _closing_other(self, w: Sequence[Word], m: int, link: list[str]) -> bool:
        """Is the name_stop word at ``m`` right after "and" one of name_stop_closing, before
        capitalised words with no head? "... of Trafficking in Persons and Other Related
        Matters (NAPTIP)": no body's name starts with "Other", so the run closes this one's
        topic; "... and Other Ministries" names other bodies."""
        if link != ["and"] or w[m].lower not in self.name_stop_closing:
            return False
        k = m + 1
        while k < len(w) and w[k].cap and w[k].alpha and not w[k].sent_start:
            if self._is_head(w[k]):
                return False
            k += 1
        return k > m + 1
