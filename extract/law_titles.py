"""Titles of statutes: capitalised phrases around a head word (*Act*, *Law*, *Code* ...).

Head-last ("the Trafficking in Persons (Prevention, Suppression, and Punishment) Act"),
head-first ("the Law on Preventing and Combating the Trafficking of People") or numbered
("Decree No. 1-11-164", "Law 2012-023 Relating to ..."). The walk grows a head left over
capitalised words and connectors (:meth:`TitleReader._title_left`) and right over a number,
a year and a head-first tail (:meth:`TitleReader._title_right`).
"""

from __future__ import annotations

from collections.abc import Sequence

from tipgraph.extract.law_words import (
    ITEM_OPENERS,
    NUMBERISH,
    NUMERIC_DATE,
    QUOTES_CLOSE,
    QUOTES_OPEN,
    SERIES,
    YEAR,
    LawWords,
    country_names,
    find,
    find_back,
    national_words,
    number_year,
    title_list,
)
from tipgraph.extract.legal_words import Word, glued_plural_possessive

__all__ = ["TitleReader"]


class TitleReader(LawWords):
    """The title walk of ``tip_laws`` (a base of its component)."""

    def _title(
        self, w: Sequence[Word], i: int, floor: int = -1
    ) -> tuple[int, int, int, int | None] | None:
        """Grow a capitalised head into a title; return (first, last, name last, year)."""
        head = w[i]
        if head.lower.endswith("s") and head.lower not in {"this"} | self.cap_title:
            return None
        nxt = w[i + 1] if i + 1 < len(w) else None
        if nxt is not None and nxt.lower in self.not_before:
            return None  # "Law Enforcement Unit"
        if self._title_goes_on(w, i):
            return None  # "Criminal Law Amendment Act": the later head carries the title
        left = self._title_left(w, i, floor)
        if w[left].lower in self.title_not_first:
            return None  # "Ministry of Law and Gender"
        last, name_last, year = self._title_right(w, i)
        if left == i and name_last == i and year is not None and head.cap and last == i + 1:
            # "Article 321 of Law 2033": four digits right after a bare capitalised head are
            # its number, as any other number there (a bare law's year stands before it)
            name_last, year = i + 1, None
        if left == i - 1 and name_last > i and w[left].lower in national_words():
            left = i  # "Bahraini Law No. 19 of 2006": the country's law, named from its head
        if left == i and name_last == i:
            return None  # a bare "Act" or "Law"
        if self._unnamed_issue(w, left, i, name_last):
            return None  # "issued an Executive Decree approving ...": no title
        # a title opened by a quote runs to the closing quote
        if left > 0 and w[left - 1].text in QUOTES_OPEN:
            close = find(w, left, 60, QUOTES_CLOSE)
            if close is not None and close - 1 >= name_last:
                name_last = close - 1
                while name_last > left and w[name_last].text in {".", ",", ";"}:
                    name_last -= 1
                last = max(last, close)
        if year is None and left >= 1 and YEAR.match(w[left - 1].text):
            year = int(w[left - 1].text)
        if year is None:
            year = number_year(w, i, name_last)
        if year is None and name_last > i:
            year = self._described_year(w, left)
        numbered = name_last > i and (
            w[i + 1].lower in self.number_marker or bool(NUMBERISH.match(w[i + 1].text)))
        if head.lower in self.numbered_only:
            if not numbered:
                return None  # "the Dispute Resolution Committee", "Decision makers"
            # "Decision No. 1/1 of 2011 of the Ministry of Labor": the issuer, no title
            issuer = next((k for k in range(i + 2, name_last) if w[k].lower == "of"
                           and w[k + 1].lower == "the"), None)
            if issuer is not None:
                last = name_last = issuer - 1
        if head.lower in self.cap_title:
            # "the General Data Protection Regulation"; "Regulation No. 90 of 2009"
            named = self._cap_words(w, left, i) or numbered
            return (left, last, name_last, year) if named else None
        if head.lower in self.title_only and (left == i or (year is None and name_last == i)):
            return None  # "an Emergency Protection Order", "the Order": no dated title
        return left, last, name_last, year

    def _cap_words(self, w: Sequence[Word], left: int, i: int) -> bool:
        """Do two or more capitalised words, none opening the sentence alone, stand before
        the head at ``i`` from ``left`` (a ``cap_title`` head's title: "General Data
        Protection Regulation")?"""
        before = [x for x in w[left:i] if x.alpha and x.cap]
        return len(before) >= 2 and not (len(before) == 2 and w[left].sent_start)

    def _series(self, w: Sequence[Word], k: int) -> int:
        """The last word of the statute number at ``k``: its ")" when a series mark in
        brackets is glued to it ("Law 60(I)": Cyprus numbers its laws in series), else ``k``."""
        if (
            k + 3 < len(w)
            and w[k + 1].text == "("
            and w[k + 1].start == w[k].end
            and SERIES.match(w[k + 2].text)
            and w[k + 3].text == ")"
        ):
            return k + 3
        return k

    def _described_year(self, w: Sequence[Word], left: int) -> int | None:
        """The year of a numbered title in brackets after a law described with its year:
        "A 1927 law (Law No. 8.080)", "the 2004 sexual violence law (Law No. 17.815)". The
        number names the law (the gold keeps "Law No. 8.080"), the description dates it: a
        year right after an article, then lower-case words ending in a head, then "(".
        """
        h = left - 2
        if h < 1 or w[left - 1].text != "(" or w[h].cap or w[h].lower not in self.heads:
            return None
        for m in range(h - 1, max(h - 5, 0), -1):
            if YEAR.match(w[m].text):
                if w[m - 1].lower in {"a", "an", "the"}:
                    return int(w[m].text)
                return None
            if not w[m].alpha or w[m].cap:
                return None
        return None

    def _unnamed_issue(self, w: Sequence[Word], left: int, i: int, name_last: int) -> bool:
        """Is ``left..i`` an indefinite instrument named only by its issuer ("an Executive
        Decree", "a Presidential Decree")? With no number and no topic it names no statute,
        as "a new law" does not (``issuer_only``)."""
        return (
            name_last == i
            and left >= 1
            and w[left - 1].lower in {"a", "an"}
            and all(w[k].lower in self.issuer for k in range(left, i))
        )

    def _title_left(self, w: Sequence[Word], i: int, floor: int = -1) -> int:
        left = i
        j = i - 1
        pending: list[int] = []
        while j > floor:
            x = w[j]
            if x.text == ")":
                k = self._parenthesis_open(w, j, i)
                if k is None:
                    break  # "(Care and Protection of"
                left, pending, j = k, [], k - 1
                continue
            if x.lower in self.connector and j >= 4 and self._etc_item(w, j - 1):
                pending = []  # "Prevention of Trafficking in Persons, Etc. and Victim ... Act"
                j -= 4
                continue
            if x.lower in self.imperative and (x.sent_start or w[j - 1].text in ITEM_OPENERS):
                break  # "Amend Law 26.364 to ...": the recommendation's verb
            if x.cap and x.alpha and not x.upper and (
                x.lower not in self.title_stop or (j == i - 1 and x.lower in self.before_head)
            ):
                left = j
                pending = []
                if x.sent_start:
                    break
                j -= 1
                continue
            if x.upper and j + 1 <= i and not x.sent_start and x.lower not in self.title_stop:
                # "DNA Evidence Act"; an acronym inside a title
                left = j
                pending = []
                j -= 1
                continue
            if x.text == "," and not pending and left == j + 1 and j >= 1 and w[j - 1].cap and (
                    title_list(w, j)):
                # "Minimum Standards of Housing, Accommodations and Amenities Act": an
                # enumeration closed by "and" inside a head-last title
                j -= 1
                continue
            owner = self._title_possessive(w, j, left)
            if owner is not None:
                # "Employees' Minimum Standards ... Act", "Crime Victim's Law"
                left = owner
                pending = []
                if w[owner].sent_start:
                    break
                j = owner - 1
                continue
            if x.lower in self.connector and not x.sent_start and len(pending) < 2:
                if x.lower == "the" and not (j >= 1 and w[j - 1].lower in self.connector):
                    break  # "Amend the Prevention of ... Act": "the" opens the title
                if x.lower == "and" and j >= 1 and w[j - 1].lower in self.heads:
                    break  # "the Crimes Ordinance and the Immigration Ordinance"
                pending.append(j)
                j -= 1
                continue
            break
        return left

    def _parenthesis_open(self, w: Sequence[Word], close: int, i: int) -> int | None:
        """The "(" of the parenthesis closed at ``close`` when it belongs to the title of the
        head at ``i`` ("(Prevention, Suppression, and Punishment) Act"), else None."""
        k = find_back(w, close, 14, {"("})
        if k is None or not self._title_parenthesis(w, w[k + 1 : close], close, i):
            return None
        return k

    def _etc_item(self, w: Sequence[Word], j: int) -> bool:
        """Does the "." at ``j`` close an ", Etc." after a capitalised title word ("the
        Prevention of Trafficking in Persons, Etc. and Victim Protection Act": the English
        titles of Korean statutes carry it, legal_years_heldout27's KOR 2021)? The walk goes
        on over it, and the connector after it (which the "." makes look like a sentence's
        first word), to the words before the comma."""
        return (w[j].text == "." and w[j - 1].lower in self.title_etc and w[j - 2].text == ","
                and w[j - 3].cap and not w[j - 1].sent_start)

    def _title_possessive(self, w: Sequence[Word], j: int, left: int) -> int | None:
        """The possessor's index when the word at ``j`` is a possessive inside a head-last
        title: a plural one right before the title's words ("Employees' Minimum Standards
        ... Act"; not a country's) or an ``internal_possessor``'s "'s" ("Crime Victim's
        Law"); else None."""
        if j < 1:
            return None
        x, before = w[j], w[j - 1]
        if glued_plural_possessive(w, j) and before.lower not in country_names() and (
                left == j + 1):
            return j - 1
        if x.lower == "'s" and before.cap and before.lower in self.internal_possessor:
            return j - 1
        return None

    def _title_parenthesis(
        self, w: Sequence[Word], inside: Sequence[Word], close: int, i: int
    ) -> bool:
        """Whether a parenthesis (its words ``inside``, its ")" at ``close``) left of the head
        at ``i`` belongs to the title: title-case words and connectors ("(Prevention,
        Suppression, and Punishment) Act"), or, when capitalised title words follow it before
        the head, a capitalised phrase with lower-case words ("Criminal Law (Sexual Offenses
        and related matters) Amendment Act")."""
        if not inside or not inside[0].cap:
            return False
        if self._numbered_part(inside):
            return True  # "Crimes (Amendment) (No. 2) Act": the title's number in the series
        if inside[-1].cap and all(
            y.cap or y.lower in self.connector or y.text == "," for y in inside
        ):
            return True
        return (
            close + 1 < i
            and w[close + 1].cap
            and len(inside) <= 8
            and all(y.alpha or y.text == "," for y in inside)
        )

    def _numbered_part(self, inside: Sequence[Word]) -> bool:
        """Is a title's parenthesis its number in a series ("(No. 2)")?"""
        return (
            inside[0].lower in self.number_marker
            and 1 < len(inside) <= 3
            and all(y.text == "." or NUMBERISH.match(y.text) for y in inside[1:])
            and NUMBERISH.match(inside[-1].text) is not None
        )

    def _title_goes_on(self, w: Sequence[Word], i: int) -> bool:
        """Whether the capitalised head at ``i`` is inside a longer title that ends at a later
        head: "Criminal Law Amendment Act", "Criminal Law (Sexual Offenses and related
        matters) Amendment Act" (a parenthesis opened by a capital may come first)."""
        n = len(w)
        k = i + 1
        for _ in range(3):  # "Penal Code (Amendment) (Sexual Offences) Act": one or more
            if not (k + 1 < n and w[k].text == "(" and w[k + 1].cap):
                break
            close = find(w, k + 1, 9, {")"})
            if close is None:
                return False
            k = close + 1
        for m in range(k, min(k + 4, n)):
            x = w[m]
            if not (x.cap and x.alpha) or x.sent_start or x.lower in self.number_marker:
                return False
            if x.lower in self.heads:
                return m > k or k > i + 1
        return False

    def _title_right(self, w: Sequence[Word], i: int) -> tuple[int, int, int | None]:
        """Return (last word of the mention, last word of the name, year) right of a head."""
        n = len(w)
        last = name_last = i
        year: int | None = None
        j = i + 1
        # a number: "No. 2014-040", "2012-023", "number 6/2008"
        if j < n and w[j].lower in self.number_marker:
            marked = self._marked_number(w, j)
            if marked is not None:
                last = name_last = marked
                j = last + 1
        elif j < n and NUMBERISH.match(w[j].text) and not YEAR.match(w[j].text):
            last = name_last = self._series(w, j)
            j = last + 1
        elif j < n and YEAR.match(w[j].text) and not w[j - 1].text.endswith("-"):
            # "Child Protection Act 2005"
            year = int(w[j].text)
            last = j
            return last, name_last, year
        elif j + 1 < n and w[j].text == "," and YEAR.match(w[j + 1].text):
            # "the Anti-Trafficking in Persons Act, 2020"
            return j + 1, name_last, int(w[j + 1].text)
        elif (dated := self._after_head_last(w, j)) is not None:
            return dated
        if name_last > i and (set_off := self._set_off_title(w, j, name_last)) is not None:
            return set_off
        if j + 1 < n and w[j].lower == "of" and YEAR.match(w[j + 1].text):
            if name_last == i:
                # "the Child Care and Protection Act of 2004": the year is not in the name
                return j + 1, name_last, int(w[j + 1].text)
            # "Law No. 15 of 2011", "Law 985 of 2005": numbers restart every year, so the
            # year is part of the number, and a head-first title may follow ("... on ...")
            year = int(w[j + 1].text)
            last = name_last = j + 1
            j += 2
        elif name_last > i and (date_end := self._date_after(w, j)) is not None:
            # "Law No. 2011/024 of 14 December 2011 on the Fight against ...": a dated number
            year = int(w[date_end].text[-4:])
            last = name_last = date_end
            j = date_end + 1
        # head-first titles: "Law on ...", "Act to Ban ...", "Law 2012-023 Relating to ..."
        if j < n and (
            w[j].lower in self.opener
            or (w[j].cap and w[j].lower in self.opener_cap and w[i].cap and not w[j].sent_start)
        ):
            name_last, pending = self._head_first_words(w, j, name_last)
            if name_last > j and (numbered := self._number_after(w, name_last)) > name_last:
                name_last, year = numbered, year or number_year(w, numbered - 1, numbered)
            last = name_last
            if (
                name_last > i
                and pending
                and w[pending[0]].lower == "of"
                and pending[0] + 1 < n
                and YEAR.match(w[pending[0] + 1].text)
            ):
                return pending[0] + 1, name_last, int(w[pending[0] + 1].text)
        return last, name_last, year

    def _number_after(self, w: Sequence[Word], k: int) -> int:
        """The last word of a head-first title's statute number right after its last word
        ``k``, else ``k``: "the Proclamation of National Service 11/199", "the Decree on
        Domestic Work No. 31/1998" (a head-last title takes it as "Labour Act 2074" does). A
        bare number must open with a digit and be built of parts ("14/2009"): "14 times",
        "2016 amendments" or "COVID-19" after a title are no statute number."""
        m = k + 1
        if m < len(w) and w[m].lower in self.number_marker:
            return self._marked_number(w, m) or k
        text = w[m].text if m < len(w) else ""
        if text[:1].isdigit() and NUMBERISH.match(text) and any(c in text for c in "./-"):
            return self._series(w, m)
        return k

    def _after_head_last(self, w: Sequence[Word], j: int) -> tuple[int, int, int | None] | None:
        """What follows a head-last title at ``j`` in the South Asian citation forms: its
        acronym in brackets and then "of YEAR" ("the Prevention and Suppression of Human
        Trafficking Act (PSHTA) of 2012": the year, outside the name, as "... Act of 2012"),
        or a comma and the act's number with its year ("the Sri Lanka Bureau of Foreign
        Employment Act, No. 21 of 1985": the whole citation is the name, as "Act No. 4 of
        2019"). Returns (last word, name's last word, year), or None."""
        n = len(w)
        if (j + 4 < n and w[j].text == "(" and w[j + 1].upper and w[j + 2].text == ")"
                and w[j + 3].lower == "of" and YEAR.match(w[j + 4].text)):
            return j + 4, j - 1, int(w[j + 4].text)
        if j + 1 < n and w[j].text == "," and w[j + 1].lower in self.number_marker:
            marked = self._marked_number(w, j + 1)
            if marked is not None and marked + 2 < n and w[marked + 1].lower == "of" and (
                    YEAR.match(w[marked + 2].text)):
                return marked + 2, marked + 2, int(w[marked + 2].text)
        return None

    def _marked_number(self, w: Sequence[Word], j: int) -> int | None:
        """The last word of the statute number after the marker at ``j`` ("No. 2014-040",
        "number 6/2008", a series mark glued to it; the ")" of the Gulf's "No. (51)"), or
        None when no number follows."""
        n = len(w)
        k = j + 1
        if k < n and w[k].text == ".":
            k += 1
        if k < n and NUMBERISH.match(w[k].text):
            return self._series(w, k)
        if (k + 2 < n and w[k].text == "(" and NUMBERISH.match(w[k + 1].text)
                and w[k + 2].text == ")"):
            return k + 2  # Gulf citations: "Federal Law No. (51) of 2006"
        return None

    def _set_off_title(
        self, w: Sequence[Word], j: int, name_last: int
    ) -> tuple[int, int, int | None] | None:
        """A numbered law's subject title set off by commas: "Law No. 133, On the Fight
        Against Trafficking in Persons ..., criminalized ...". The reports print the
        official title of francophone and Gulf statutes so, and it is part of the name;
        a trailing "of 2011" before the closing comma gives the year, outside the name (as
        "the Child Care and Protection Act of 2004"). Only a capitalised opener
        (``title_opener``) right after the comma, and a comma or the sentence's end after
        the title, make it one: "Under Law No. 12, officials ..." opens a clause. Returns
        (last word of the mention, last word of the name, year), or None."""
        n = len(w)
        if not (
            j + 1 < n and w[j].text == "," and w[j + 1].cap and w[j + 1].lower in self.opener
        ):
            return None
        end, pending = self._head_first_words(w, j + 2, j + 1)
        if end == j + 1:
            return None
        year: int | None = None
        last = end
        if pending and w[pending[0]].lower == "of" and pending[0] + 1 < n and YEAR.match(
            w[pending[0] + 1].text
        ):
            last = pending[0] + 1
            year = int(w[last].text)
        if last + 1 < n and w[last + 1].text not in {",", ".", ";"}:
            return None
        return last, end, year

    def _head_first_words(
        self, w: Sequence[Word], j: int, name_last: int
    ) -> tuple[int, list[int]]:
        """Walk a head-first title's words from ``j`` ("on Preventing and Combating ..."):
        return its last word (``name_last`` if none) and the connectors pending after it."""
        n = len(w)
        k = j
        pending: list[int] = []
        # "relating to" opens the title as one connector: its "to" is not counted
        lead = int(j + 1 < n and w[j].lower in self.opener_to and w[j + 1].lower == "to")
        while k < n:
            x = w[k]
            if x.cap and x.alpha and not (x.sent_start and k > j) and (
                    x.lower not in self.number_marker):
                if x.lower in {"the", "a", "an"} and k == j:
                    break
                name_last = k
                pending = []
                k += 1
                continue
            if x.text == "," and name_last == k - 1 and title_list(w, k):
                pending.append(k)  # "Law Against Sexual Violence, Exploitation, and ..."
                k += 1
                continue
            if x.lower in self.connector or x.lower in self.opener:
                if x.lower == "of" and self._names_state(w, k + 1):
                    break  # "Criminal Code of the Republic of Kazakhstan"
                if x.lower == "and" and self._second_title(w, k + 1):
                    break  # "the Law on Migration and Law on Special Social Services"
                pending.append(k)
                counted = pending[lead:] if name_last < j else pending
                if len(counted) > 2 and not self._second_purpose(w, counted):
                    break
                k += 1
                continue
            break
        return name_last, pending

    def _second_title(self, w: Sequence[Word], k: int) -> bool:
        """Do the words at ``k`` (after an "and") open a second head-first title: a statute
        head, after an optional "the", followed by an opener or a number ("Law on ...", "the
        Law No. 5 ...")? Then the "and" joins two laws, not two words of one title; a head
        followed by another word ("... and Law Enforcement Cooperation") stays inside."""
        n = len(w)
        if k < n and w[k].lower == "the":
            k += 1
        if k + 1 >= n or not (w[k].cap and w[k].lower in self.heads):
            return False
        after = w[k + 1]
        return after.lower in self.opener or after.lower in self.number_marker

    @staticmethod
    def _second_purpose(w: Sequence[Word], pending: list[int]) -> bool:
        """Are the three connectors ``pending`` "and" + a preposition + "the", opening a
        title's second purpose ("General Law to Prevent ... Trafficking in Persons and for the
        Protection and Assistance of Victims ...")?"""
        return len(pending) == 3 and [w[k].lower for k in pending][0::2] == ["and", "the"] and (
            w[pending[1]].lower in {"for", "on", "to", "against", "of"})

    def _date_after(self, w: Sequence[Word], j: int) -> int | None:
        """The year's index of an "of 14 December 2011" / "of December 14, 2011" at ``j``, or of
        a date written as one number ("of 13/08/2018", whose last four digits are the year)."""
        n = len(w)
        if j >= n or w[j].lower != "of":
            return None
        k = j + 1
        if k < n and NUMERIC_DATE.match(w[k].text):
            return k  # "of 13/08/2018": the date is one word
        for _ in range(4):
            if k >= n:
                return None
            if YEAR.match(w[k].text):
                return k if k > j + 1 and w[k - 1].lower not in {"of"} else None
            if not (w[k].lower in self.months or w[k].text.isdigit() or w[k].text == ","):
                return None
            k += 1
        return None

    def _names_state(self, w: Sequence[Word], k: int) -> bool:
        """Do the words at ``k`` name a state ("the Republic of ...", "Kenya")?"""
        if k < len(w) and w[k].lower == "the":
            k += 1
        if k >= len(w):
            return False
        return w[k].lower in self.state_word or w[k].lower in country_names()
