"""Descriptions of statutes: definite lower-case phrases ending in *law*, *code* or *act*.

"the penal code", "Jordan's passport law", "the 2013 anti-trafficking law",
"anti-trafficking law 27.14". Only definite ones count: "a new law", "other laws", "Under
Italian law" name nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tipgraph.extract.law_words import (
    NUMBERISH,
    YEAR,
    LawWords,
    national_words,
    number_year,
    stopword,
)
from tipgraph.extract.legal_words import Word

__all__ = ["DescriptionReader", "drop_alias"]

# an acronym in parentheses inside a description's name ("(PACOTIP)"), with the space before it
_ALIAS = re.compile(r"\s*\([A-Z][A-Z0-9]+\)")


def drop_alias(name: str) -> str:
    """A description's name without an acronym alias inside it: the gold writes the name
    without it ("Prevention and Combating of Trafficking in Persons act")."""
    return _ALIAS.sub("", name)


class DescriptionReader(LawWords):
    """The description walk of ``tip_laws`` (a base of its component)."""

    def _description(
        self, w: Sequence[Word], i: int, floor: int = -1
    ) -> tuple[int, int, int, int | None] | None:
        """Grow a lower-case head into a definite description; see the module docstring."""
        n = len(w)
        head = w[i]
        nxt = w[i + 1] if i + 1 < n else None
        if head.lower.endswith("s"):
            return None
        if nxt is not None and (nxt.lower in self.not_before or nxt.lower.startswith("enforc")):
            # "anti-trafficking law enforcement", "law reforms"; but a code synonym before a
            # word of both lists ("criminal code reforms") is still the country's one code
            return self._bare_code(w, i, floor)
        numbered = i + 1 < n and (
            w[i + 1].lower in self.number_marker
            or (NUMBERISH.match(w[i + 1].text) is not None and not YEAR.match(w[i + 1].text))
        )
        mods, j = self._modifiers(w, i, floor, numbered)
        found = self._described(w, i, head, nxt, numbered, mods, j)
        return found if found is not None else self._bare_code(w, i, floor)

    def _bare_code(
        self, w: Sequence[Word], i: int, floor: int
    ) -> tuple[int, int, int, None] | None:
        """The country's one penal or criminal code where the walk finds no definite
        description: bare before an amendment word ("by enacting penal code amendments").
        ("the new penal code" is the walk's own, :meth:`_new_of_kind`.)"""
        k = i - 1
        if k <= floor or f"{w[k].lower} {w[i].lower}" not in self.code_synonym:
            return None
        nxt = w[i + 1] if i + 1 < len(w) else None
        if nxt is not None and nxt.lower in self.code_bare_after:
            return k, i, i, None
        return None

    def _described(
        self, w: Sequence[Word], i: int, head: Word, nxt: Word | None, numbered: bool,
        mods: list[int], j: int,
    ) -> tuple[int, int, int, int | None] | None:
        """The definite description of head ``i`` with the modifiers ``mods`` the walk took
        left of it (``j`` the word before them)."""
        n = len(w)
        # the word before the phrase must make it definite
        ctx = j
        year: int | None = None
        if ctx >= 0 and YEAR.match(w[ctx].text):
            year = int(w[ctx].text)
            ctx -= 1
        elif ctx >= 0 and self.era(w[ctx]):
            ctx -= 1  # "the pre-1991 penal code": an era, neither its name nor its year
        if not self._definite(w, ctx, mods) and not numbered:
            return None
        # modifiers that make it a description, not a name
        if self._new_of_kind(w, head, mods):
            mods = [k for k in mods if w[k].lower not in self.new]
        mod_words = [w[k].lower for k in sorted(mods)]
        if any(m in self.reject for m in mod_words):
            return None
        stripped: list[str] = []
        while mods and w[min(mods)].lower in self.strip:
            stripped.append(w[min(mods)].lower)
            mods.remove(min(mods))
        if (
            stripped
            and any(x in self.not_enacted for x in stripped)
            and all(w[k].lower in self.kind_words for k in mods)
        ):
            # "the draft law on domestic workers", "the draft anti-trafficking law": a bill,
            # no statute yet (a field's draft, "the draft labor law", stays that law's)
            return None
        first = min(mods) if mods else i
        if head.lower == "act" and self._act_is_deed(w, i, nxt, mods):
            return None
        last = name_last = self._tail(w, i, not mods)
        k = i + 1
        if k + 1 < n and w[k].lower == "of" and YEAR.match(w[k + 1].text):
            year = int(w[k + 1].text)
            last = k + 1
        elif (
            name_last > i
            and name_last + 2 < n
            and w[name_last + 1].lower == "of"
            and YEAR.match(w[name_last + 2].text)
        ):
            # "decree 1069 of 2014": as in titles, the year is part of the number
            year = int(w[name_last + 2].text)
            last = name_last = name_last + 2
        if not mods and name_last == i:
            return None  # "the law", "the code"
        if year is None:
            year = number_year(w, i, name_last)
        return first, last, name_last, year

    def _act_is_deed(
        self, w: Sequence[Word], i: int, nxt: Word | None, mods: list[int]
    ) -> bool:
        """Whether the lower-case "act" at ``i`` is a deed, not a statute: with no modifier,
        a lower-case one of ``act_reject`` ("a criminal act"; a title-case modifier is a
        title's word, "the 2013 Combating of Trafficking in Persons act"), or "of" after it
        that no year follows ("an act of violence")."""
        lower_mods = [w[k].lower for k in mods if not w[k].cap]
        if not mods or any(m in self.act_reject for m in lower_mods if m not in self.act_ok):
            return True
        return (
            nxt is not None
            and nxt.lower == "of"
            and not (i + 2 < len(w) and YEAR.match(w[i + 2].text))
        )

    def _new_of_kind(self, w: Sequence[Word], head: Word, mods: list[int]) -> bool:
        """Whether a definite description's "new" only dates a statute named by its kind: "the
        new anti-trafficking law", "the new criminal code" (see ``modifier_new``)."""
        rest = [w[k].lower for k in mods if w[k].lower not in self.new]
        return (
            len(rest) < len(mods)
            and bool(rest)
            and (head.lower == "code" or all(m in self.kind_words for m in rest))
        )

    def _modifiers(
        self, w: Sequence[Word], i: int, floor: int, numbered: bool
    ) -> tuple[list[int], int]:
        """The modifiers left of a lower-case head (their indices, nearest first) and the
        index of the word before them."""
        mods: list[int] = []
        j = i - 1
        while j > floor:
            x = w[j]
            if self._acronym_alias(w, j, mods):
                j -= 3  # "the 2013 Prevention ... in Persons (PACOTIP) act": the alias
                continue
            if self.era(x):
                break  # "the pre-1991 penal code"
            if numbered and self._opens_sentence(x):
                # "Presidential decree 1069 of 2014" opening a sentence
                mods.append(j)
                j -= 1
                break
            if x.lower == "'s" and j >= 1 and w[j - 1].lower in self.internal_possessor:
                mods.extend([j, j - 1])
                j -= 2
                continue
            if self._title_connector(w, j, mods):
                mods.append(j)
                j -= 1
                continue
            if x.alpha and not x.cap and x.lower not in self.determiner:
                if x.lower == "and":
                    if mods and j >= 1 and w[j - 1].lower in self.conjunct_document:
                        return mods, self._shared_article(w, j - 1, floor)
                    # "children's protection and welfare act": only between two modifiers
                    if mods and j >= 1 and w[j - 1].alpha and not w[j - 1].cap:
                        mods.append(j)
                        j -= 1
                        continue
                    break
                if stopword(x.lower) and not self._in_phrase(w, j, mods):
                    break
                mods.append(j)
                j -= 1
                continue
            if x.upper and not mods and not x.sent_start:
                mods.append(j)  # "the TIP law", "the 2007 ATIP law"
                j -= 1
                break
            if (
                x.cap
                and x.alpha
                and not x.sent_start
                and not x.upper
                and x.lower not in self.title_stop
            ):
                # a country or former state: "the Yugoslav criminal code"
                mods.append(j)
                j -= 1
                continue
            break
        return mods, j

    def _in_phrase(self, w: Sequence[Word], j: int, mods: list[int]) -> bool:
        """Whether the "in" at ``j`` joins ``in_phrase_subject`` to its object inside the
        description ("the trafficking in persons law"), so the walk goes on past it; any
        other "in" ends the modifiers ("the increase in labor law violations")."""
        return (
            w[j].lower == "in"
            and bool(mods)
            and w[mods[-1]].lower in self.in_object
            and j >= 1
            and w[j - 1].lower in self.in_subject
        )

    def _shared_article(self, w: Sequence[Word], k: int, floor: int) -> int:
        """The index of the determiner before the document noun at ``k`` that ends the first
        conjunct ("the trafficking investigation guide and new criminal code": the code shares
        the guide's "the"), over up to four lower-case modifiers; else the index of "and"."""
        m = k - 1
        while m > floor and m >= k - 4 and w[m].alpha and not w[m].cap:
            if w[m].lower in self.determiner:
                return m
            if stopword(w[m].lower):
                break
            m -= 1
        return k + 1

    def _definite(self, w: Sequence[Word], ctx: int, mods: list[int]) -> bool:
        """Whether the word at ``ctx`` before the modifiers makes the description definite: an
        article or a possessive, or a country's adjective standing for the article, which says
        whose statute it is and is not its name ("Emirati labor law and some sponsorship
        reforms ...", "workers under Qatari labor law"; the dev gold's "labor law" is such a
        description). The adjective is dropped from ``mods`` when the walk took it in."""
        before = w[ctx] if ctx >= 0 else None
        if before is not None and (before.lower in self.determiner or before.lower == "'s"):
            return True
        if before is not None and before.cap and before.lower in national_words():
            return bool(mods)  # "Emirati labor law" opening a sentence
        outer = min(mods) if len(mods) > 1 else None
        if outer is not None and w[outer].cap and w[outer].lower in national_words():
            mods.remove(outer)  # "under Qatari labor law"
            return True
        return False

    def _opens_sentence(self, x: Word) -> bool:
        """Whether ``x`` is a capitalised word opening a sentence that may modify a numbered
        head ("Presidential decree 1069 of 2014"), not a title stop or a recommendation's
        verb."""
        return (
            x.sent_start
            and x.cap
            and x.alpha
            and not x.upper
            and x.lower not in self.title_stop
            and x.lower not in self.imperative
        )

    @staticmethod
    def _acronym_alias(w: Sequence[Word], j: int, mods: list[int]) -> bool:
        """Whether ``j`` closes an acronym in parentheses right before a lower-case head, after
        a capitalised word: "... Trafficking in Persons (PACOTIP) act". The acronym is the
        name's alias (:func:`drop_alias` takes it out of the name)."""
        return (
            not mods
            and j >= 3
            and w[j].text == ")"
            and w[j - 1].upper
            and w[j - 2].text == "("
            and w[j - 3].cap
            and w[j - 3].alpha
        )

    def _title_connector(self, w: Sequence[Word], j: int, mods: list[int]) -> bool:
        """Whether the connector at ``j`` sits inside a title-case name before a lower-case
        head: "the 2017 Protection of Indonesian Migrant Workers law" keeps its "of"; "the
        Ministry of Labor decree" names the body that issued it, not a title."""
        x = w[j]
        return (
            x.lower in self.connector
            and x.lower not in self.determiner
            and bool(mods)
            and w[mods[0]].cap
            and all(w[k].cap or w[k].lower in self.connector for k in mods)
            and j >= 1
            and w[j - 1].cap
            and w[j - 1].alpha
            and w[j - 1].lower not in self.title_stop
            and w[j - 1].lower not in self.title_not_first
        )

    def _tail(self, w: Sequence[Word], i: int, bare: bool) -> int:
        """The last word of a description's name right of its head: a number ("anti-trafficking
        law 27.14", "law number 6/2008") or, after a ``bare`` head, an "on" topic ("the code
        on children"); else the head."""
        n = len(w)
        k = i + 1
        # "anti-trafficking law 27.14", "law number 6/2008"
        if k < n and w[k].lower in self.number_marker and k + 1 < n:
            m = k + 1 + (w[k + 1].text == ".")
            if m < n and NUMBERISH.match(w[m].text):
                return m
        elif k < n and NUMBERISH.match(w[k].text) and not YEAR.match(w[k].text):
            return k
        elif bare and k + 1 < n and w[k].lower == "on" and w[k + 1].alpha and not w[k + 1].cap:
            # "the code on children"; not "the law on prosecution, protection and prevention"
            if w[k + 1].lower in self.effort_topic and not (k + 2 < n and w[k + 2].lower == "of"):
                return i
            m = k + 1
            while m < n and m < k + 6 and w[m].alpha and not w[m].cap:
                if stopword(w[m].lower) and not (
                    w[m].lower == "in"
                    and w[m - 1].lower.endswith("trafficking")
                    and m + 1 < n
                    and w[m + 1].lower in {"persons", "human", "people"}
                ):
                    break
                m += 1
            if m > k + 1 and (m >= n or not w[m].alpha or stopword(w[m].lower)):
                return m - 1
        return i
