"""The tails of lower-case agency descriptions: what a description's name runs on to after
its head ("unit of the National Civil Police", "office of the national rapporteur",
"department of immigration"), and whether a word after the head makes the head a
modifier. Kept apart from the description walk (``agency_descriptions``) that calls them.
"""

from __future__ import annotations

from collections.abc import Sequence

from tipgraph.extract.agency_words import SPECIAL_TO, AgencyWords, Head, stop
from tipgraph.extract.legal_words import Word

__all__ = ["DescriptionTails"]


class DescriptionTails(AgencyWords):
    """The tail readers of the lower-case description walk (a base of ``DescribedBodies``)."""

    def _noun_after(self, y: Word) -> bool:
        """A lower-case noun after a head that makes the head a modifier ("police training"),
        or a capitalised one of ``noun_after_cap`` ("the primary protective service NGO")."""
        if y.lower in self.noun_after_cap:
            return True
        if not y.alpha or y.cap or stop(y.lower) or y.lower in self.personnel:
            return False
        if y.lower in self.frequency_word:
            return False  # "convened its anti-trafficking inter-ministerial committee twice"
        if y.lower in self.postpositive:
            return False  # "the inter-ministerial board responsible for ...": a relative clause
        if y.lower.endswith(self.noun_suffix):
            return True  # "police operations", "committee meetings"
        return not (y.lower.endswith("s") or y.lower.endswith("ed"))

    def _verb_head(self, w: Sequence[Word], last: int) -> bool:
        """Whether the lower-case head at ``last`` is the clause's verb: a verb of compelling
        (``verb_head``) with its object and "into" after it, before any punctuation ("networks
        ... on the Algerian border force undocumented foreign migrant women into prostitution",
        heldout39 MAR 2014); "the task force to coordinate" keeps the body."""
        if w[last].lower not in self.verb_head:
            return False
        for k in range(last + 1, min(len(w), last + 7)):
            if w[k].lower in self.verb_head_object_end:
                return k > last + 1
            if not w[k].alpha or w[k].cap:
                return False
        return False

    def _apposed_clause(self, w: Sequence[Word], j: int, y: Word) -> bool:
        """Whether a description whose head a word of ``postpositive_adjective`` follows is
        set off by a comma before its determiner at ``j``: an apposition that describes the
        body named before it ("the Office for the Protection of Gender, Children, and Morals
        (OProGen), the police unit responsible for trafficking investigations", real_years
        2018-GIN), no body of its own."""
        return (
            y.lower in self.postpositive
            and 1 <= j < len(w)
            and w[j].lower in self.determiner
            and w[j - 1].text == ","
        )

    def _owner_tail(self, w: Sequence[Word], i: int, mods: list[int]) -> int:
        """The last word of an "of the <Capitalised body>" tail after the lower-case head at
        ``i`` of a title-case name (its ``mods`` capitalised, or "and"): "the Specialized Human
        Trafficking and Related Crimes unit of the National Civil Police" (whose unit it is,
        part of the name); else ``i``."""
        n = len(w)
        if not mods or not all(w[k].cap or w[k].lower == "and" for k in mods):
            return i
        if not (i + 3 < n and w[i + 1].lower == "of" and w[i + 2].lower == "the"):
            return i
        m = i + 3
        last = i
        while m < n and w[m].cap and w[m].alpha and not w[m].sent_start:
            if self._is_singular_head(w[m]):
                last = m
            m += 1
        return last if last == m - 1 else i

    def _lower_owner_tail(self, w: Sequence[Word], i: int) -> int:
        """The last word of an "of the <lower-case body>" tail after the lower-case singular
        head at ``i``: "the coordinating office of the national task force" is the office
        the task force has, one body named with its owner (as "unit of the National Civil
        Police" is, `_owner_tail`); else ``i``. The tail is up to three lower-case modifiers
        and a singular head with no noun after it."""
        n = len(w)
        if not (i + 3 < n and w[i + 1].lower == "of" and w[i + 2].lower == "the"):
            return i
        m = i + 3
        while m < n and m <= i + 6 and w[m].alpha and not w[m].cap:
            if self._is_head(w[m]):
                following = w[m + 1] if m + 1 < n else None
                if self._is_plural(w[m]) or (following is not None and self._noun_after(following)):
                    return i
                return m
            if stop(w[m].lower) or w[m].lower in self.determiner:
                return i
            m += 1
        return i

    def _lower_pp(self, w: Sequence[Word], i: int, h: Head) -> int:
        """The last word of a topical prepositional tail after a lower-case head, else ``i``.

        "department of immigration", "rapporteur on trafficking in persons", "division to
        combat organized crime"; the tail must say what the body is about (``pp_topic``), so
        "the committee for a period" or "the police directorate on trafficking" (after "trained
        ... on") are not names; nor is a tail ending in a word of ``pp_use_end`` ("the
        secretariat for anti-trafficking activities": what money was given for).
        """
        n = len(w)
        k = i + 1
        if k >= n:
            return i
        intro = w[k].lower
        if intro == "of" and h.head in self.holder_office:
            held = self._holder_tail(w, k)
            if held is not None:
                return held
        if intro == "to" and k + 1 < n and w[k + 1].lower in SPECIAL_TO:
            k += 1
        elif intro not in self.pp_intro or (intro == "on" and h.head not in self.on_heads):
            return i
        m = k + 1
        obj: list[int] = []
        while m < n and len(obj) < 5:
            y = w[m]
            if (
                y.lower == "in"
                and obj
                and w[m - 1].lower.endswith("trafficking")
                and m + 1 < n
                and w[m + 1].lower in {"persons", "human", "people"}
            ):
                obj.append(m)  # "trafficking in persons"
                m += 1
                continue
            if y.alpha and not y.cap and not stop(y.lower) and y.lower not in self.determiner:
                obj.append(m)
                m += 1
                continue
            break
        topics = self.pp_topic | self.pp_of_topic if intro == "of" else self.pp_topic
        if not obj or not any(w[t].lower in topics for t in obj):
            return i
        if w[obj[-1]].lower in self.pp_use_end:
            return i  # "the secretariat for anti-trafficking activities": a use, not a name
        return obj[-1]

    def _holder_tail(self, w: Sequence[Word], k: int) -> int | None:
        """The last word of "of the <lower-case office-holder>" after an office's head (the
        "of" at ``k``): "the office of the national rapporteur" is the rapporteur's office,
        one body named whole (legal_years_heldout33 ESP 2019; heldout8's MKD 2020 "office
        of the national anti-trafficking rapporteur"), as the dev gold names "Office of the
        Director of Public Prosecutions". Up to four lower-case words, the last of
        ``office_holder``, with the holder's own tail ("on trafficking in persons"); else
        None. A capitalised holder's title is read too when it is all capitalised and ends in
        one of ``office_holder_titled`` ("the office of the Prime Minister", legal_years_
        heldout37 BHS 2019): the lower-case office of a titled holder is one body."""
        n = len(w)
        if k + 2 >= n or w[k + 1].lower != "the":
            return None
        titled = w[k + 2].cap
        for m in range(k + 2, min(k + 6, n)):
            y = w[m]
            if titled and y.cap and y.alpha and not y.sent_start:
                if y.lower in self.office_holder_titled:
                    return m
                continue
            if not y.alpha or y.cap or stop(y.lower) or y.lower in self.determiner:
                return None
            if y.lower in self.office_holder:
                held = self._head_of(y)  # the holder's own tail: "rapporteur on trafficking"
                return self._lower_pp(w, m, held) if held is not None and held.pp else m
        return None
