"""Capitalised agency names: "Ministry of Labor, Industrial Relations, Employment, and
Training", "Combating Trafficking in Human Beings and Migrant Smuggling Unit".

A name grows from its head noun left over capitalised words (:meth:`_cap_left`) and right
over an "of/for/on/against" chain (:meth:`_cap_chain`); a chain stops where another body
starts ("... Corruption of the Police Directorate", "Public Security Directorate and Ministry
of Labor"), and an acronym defined right after it ("(NPA)") is kept with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from tipgraph.extract.agency_edges import NameEdges, place_words
from tipgraph.extract.agency_words import (
    HOTLINE_NUMBER,
    LAW_HEADS,
    Found,
    Head,
    join,
)
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.legal_words import (
    Word,
    comma_enumeration,
    glued_plural_possessive,
)

__all__ = ["CapitalisedNames"]


class CapitalisedNames(NameEdges):
    """The capitalised-name walk of ``tip_agencies`` (a base of its component)."""

    def _capitalised(self, w: Sequence[Word], i: int, floor: int) -> Found | None:
        """A capitalised name around the head at ``i``: core words, left words, "of" chain."""
        n = len(w)
        k, last_head = self._core_end(w, i)
        if any(w[t].lower in self.title_end for t in range(last_head + 1, k + 1)):
            return None  # "... Enforcement and Administration Act", "... Services Standards"
        if self._bracketed_title_word(w, k):
            return None  # "the Bonded Labor System (Abolition) Act": a law's title
        head_i = last_head
        # "Directorate General of Migration", "Inspectorate General", "Unidad Central de ..."
        while (head_i + 1 < n and w[head_i + 1].lower in self.head_postmodifier
               and w[head_i + 1].cap):
            head_i += 1
        h = self._head_of(w[last_head])
        if h is None or not self._after_ok(w, last_head, h):
            return None
        left, inner_acr, inner_span = self._cap_left(w, i, floor)
        if self._official(w, left):
            return None  # "the Chief Secretary for Administration": an official
        if self._place_name(w, left, last_head, head_i):
            return None  # "victims from Bogotá and Antioquia Department": a place
        if left + 1 < last_head and w[left].lower in LAW_HEADS and w[left + 1].lower in (
                self.title_opener):
            return None  # "the Proclamation of National Service": a law's head-first title
        if left > 0 and w[left - 1].upper and w[left - 1].lower in self.intergovernmental:
            return None  # "the UN Office on Drugs and Crime": an intergovernmental body
        if h.number_first and left > floor + 1 and w[left - 1].text.isdigit():
            left -= 1  # "the 1343 Actionline against Human Trafficking": the number is its name
        if self._modifier_missing(w, h, left, last_head):
            return None  # "the Immigration" alone, "the Royal Government of Cambodia"
        if h.head in {"program", "programme"} and self._plan_program(w, left):
            return None  # "the 2014-2020 National Trafficking Prevention Program": a plan
        last = self._cap_chain(w, head_i, left) if h.pp else head_i
        if h.needs_pp and last == head_i:
            return None
        if last > head_i and w[last].lower in self.title_end and w[last - 1].lower not in (
                self.connector):
            return None  # "the Sri Lanka Bureau of Foreign Employment Act", "... Regulations"
        if self._quoted(w, left, last):
            return None  # "the “Provident Funds” or “Sumangali” scheme": what a scheme is called
        plural = self._is_plural(w[last_head])
        numbered = self._numbered(w, h.number_first, head_i, last)
        if left == head_i and last == head_i and not numbered:
            # a bare capitalised head ("the Secretariat"): a back-reference
            before = w[head_i - 1].lower if head_i else ""
            if plural or (before not in self.determiner and before != "'s"):
                return None
        last += int(numbered)  # "Child Helpline 116", "Childline 1098"
        acronym, acr_word, end_word = self._acronym_after(w, last)
        owner = None if acronym is None else self._spelled_owner(w, left, head_i, last, acronym)
        if owner is not None:
            return self._named(w, left, owner, inner_span, (None, None, owner))
        if acronym is None and inner_acr is not None:
            acronym = inner_acr
        if any(w[t].lower in self.private for t in range(left, head_i + 1)):
            # "the Golden Star Recruitment Agency" is a company; "Ministry of Manpower" and
            # "Public Authority for Manpower" are not: the word after the head is its topic
            return None
        return self._named(w, left, last, inner_span,
                           (acronym, acr_word, max(end_word, last)))

    @staticmethod
    def _numbered(w: Sequence[Word], number_first: bool, head_i: int, last: int) -> bool:
        """Does a number right after a bare ``number_first`` head name it ("Childline 1098",
        "Allo 10-11")?"""
        return (number_first and last == head_i and last + 1 < len(w)
                and HOTLINE_NUMBER.match(w[last + 1].text) is not None)

    def _official(self, w: Sequence[Word], left: int) -> bool:
        """Does the name from ``left`` open with a rank word of ``official_rank`` before a
        ``rank_official`` head ("the Chief Secretary for Administration", whichever of its
        heads the walk started from), or with an official's noun of ``official_title`` before
        "General" or "of/for" ("the Inspector General of Police", "the Secretary of the
        Ministry of Justice")? Then it is an official's title; a body named after "of" is read
        from its own head."""
        if left + 1 >= len(w):
            return False
        if w[left].lower in self.official_title and w[left + 1].lower in {"general", "of", "for"}:
            return True
        h = self._head_of(w[left])
        if h is not None and h.rank_official and self._of_the_body(w, left + 1):
            return True  # "the Secretary of the Ministry of Justice" ("Secretary of Tourism" stays)
        if w[left].lower not in self.official_rank:
            return False
        h = self._head_of(w[left + 1])
        return h is not None and h.rank_official

    def _of_the_body(self, w: Sequence[Word], k: int) -> bool:
        """Do the words from ``k`` read "of the" and a capitalised run holding a head?"""
        if k + 2 >= len(w) or w[k].lower != "of" or w[k + 1].lower != "the":
            return False
        m = k + 2
        while m < len(w) and w[m].cap and w[m].alpha:
            if self._is_head(w[m]):
                return True
            m += 1
        return False

    def _named_before(self, w: Sequence[Word], i: int, floor: int) -> Found | None:
        """A lower-case head of ``lower_after_name`` at ``i`` that ends a definite name of two
        or more capitalised words ("the Independent Child Trafficking Advocate program", "the
        Independent Child Trafficking Guardians (ICTG) program"): the words are no body (a
        head among them), no acronym, no place and no international organization; a plural
        ("training programs") or one word ("the Erasmus program") names none."""
        if self._is_plural(w[i]) or w[i].sent_start:
            return None
        left, inner_acr, inner_span = self._cap_left(w, i, floor)
        skip = range(inner_span[0], inner_span[1] + 1) if inner_span is not None else range(0)
        inner_the = self._inner_the(w, left, floor)
        if inner_the is not None:
            left, skip = inner_the, range(left - 1, left)  # "the Youth Building the Future program"
        run = [k for k in range(left, i) if k not in skip]
        if len(run) < 2 or left <= floor + 1 or (
                w[left - 1].lower not in self.determiner and w[left - 1].lower != "'s"):
            return None  # definite: "the ...", or an owner's "the MWFCD's Talian Kasih hotline"
        if any(not (w[k].cap and w[k].alpha) or w[k].upper or self._is_head(w[k]) for k in run):
            return None
        lowers = [w[k].lower for k in run]
        places = place_words()
        if " ".join(lowers) in self.excluded_name or any(
                " ".join(lowers[a:b]) in places
                for a in range(len(lowers)) for b in range(a + 1, min(a + 4, len(lowers)) + 1)):
            return None
        acronym, acr_word, end_word = self._acronym_after(w, i)
        return self._named(w, left, i, inner_span,
                           (acronym or inner_acr, acr_word, max(end_word, i)))

    @staticmethod
    def _inner_the(w: Sequence[Word], left: int, floor: int) -> int | None:
        """The first word of a program's name that holds an inner "the" ("the Youth Building
        the Future program"): when "the" before ``left`` follows capitalised words that
        follow a "the", the name starts after that first "the"; else None."""
        if left - 2 <= floor or w[left - 1].lower != "the" or w[left - 1].sent_start:
            return None
        k = left - 2
        while k > floor and w[k].cap and w[k].alpha and not w[k].upper and not w[k].sent_start:
            k -= 1
        if k == left - 2 or k <= floor or w[k].lower != "the":
            return None
        return k + 1

    def _core_end(self, w: Sequence[Word], i: int) -> tuple[int, int]:
        """The last capitalised word of the name's core from the head at ``i``, and the last
        head among them ("Police Women's Cell": a possessive inside the name goes on)."""
        n = len(w)
        k = last_head = i
        while k + 1 < n:
            y = w[k + 1]
            if self._inner_possessive(w, k + 1) or self._plural_possessive(w, k + 1):
                k += 1  # "Police Women's Cell": the possessive is inside the name
                continue
            if not (y.cap and y.alpha and not y.sent_start and y.lower not in self.name_stop):
                break
            k += 1
            if self._is_head(y):
                last_head = k
        return k, last_head

    @staticmethod
    def _bracketed_title_word(w: Sequence[Word], k: int) -> bool:
        """Do capitalised words in brackets and a statute's head follow the core ending at
        ``k``? Indian and Commonwealth titles put their kind in brackets ("the Bonded Labor
        System (Abolition) Act", "the Labour Board (Amendment) Act"): the name before them is
        the law's, not a body's. A bracketed acronym ("the Labour Board (LB) met") is not
        followed by a statute's head."""
        n = len(w)
        if k + 2 >= n or w[k + 1].text != "(":
            return False
        j = k + 2
        while j < n and j <= k + 5 and w[j].alpha and w[j].cap:
            j += 1
        return (j > k + 2 and j + 1 < n and w[j].text == ")"
                and w[j + 1].lower in LAW_HEADS)

    def _named(self, w: Sequence[Word], left: int, last: int,
               inner_span: tuple[int, int] | None,
               acronym_at: tuple[str | None, int | None, int]) -> Found:
        """The body ``left..last`` as found: its name without an acronym inside it, and
        without an owner suffix ("the Ministry of Justice-led inter-ministerial committee":
        the name ends before "-led"; what the body leads is read from its own head).
        ``acronym_at`` is the acronym after it, its word and the body's last word."""
        acronym, acr_word, end_word = acronym_at
        name = None
        if inner_span is not None:
            a, b = inner_span  # the "(" and ")" of an acronym inside the name
            name = join(w, left, a - 1) + " " + join(w, b + 1, last)
        suffix = self._owner_suffix(w[last]) if last > left else None
        if suffix is not None:
            name = (name if name is not None else join(w, left, last))[: -len(suffix)]
            return Found(w[left].start, w[last].end - len(suffix), last, None, None, name)
        return Found(w[left].start, w[last].end, end_word, acronym, acr_word, name)

    def _modifier_missing(self, w: Sequence[Word], h: Head, left: int, last_head: int) -> bool:
        """Does the name lack the modifier its head needs: any capitalised one ("the
        Immigration" alone), or a word of the head's ``needs_word`` ("Government" names a
        body only as a region's: "Kurdistan Regional Government", not "Royal Government")?"""
        if h.needs_cap_modifier and left == last_head:
            return True
        return bool(h.needs_word) and not any(w[t].lower in h.needs_word
                                              for t in range(left, last_head))

    def _quoted(self, w: Sequence[Word], left: int, last: int) -> bool:
        """Is the name wholly in quotes with no relative clause on it ("a “Board” that ...")?"""
        return (left > 0 and last + 1 < len(w) and w[left - 1].text in self.open_quotes
                and w[last + 1].text in self.close_quotes
                and not (last + 2 < len(w) and w[last + 2].lower in self.quoted_body_after))

    def _cap_left(
        self, w: Sequence[Word], i: int, floor: int
    ) -> tuple[int, str | None, tuple[int, int] | None]:
        """Walk left over a name's capitalised words; return (first word, inner acronym, span)."""
        left = i
        pending = 0
        inner: str | None = None
        inner_span: tuple[int, int] | None = None
        if w[i].sent_start:
            return left, inner, inner_span
        j = i - 1
        while j > floor:
            x = w[j]
            owner = self._name_possessor(w, j, floor, pending)
            if owner is not None:
                left, pending = owner, 0  # "Women's Consulting Center", "Wage Earners' ..."
                if w[owner].sent_start:
                    break
                j = owner - 1
                continue
            if x.lower == "'s":
                break  # "Japan's ...": an owner, which stays out of the name
            if x.text == ")" and not pending and (k := self._inner_words(w, j, floor)) is not None:
                j = k  # "Human Trafficking (Prohibition) Committee": the name's parenthesis
                continue
            if x.text == ")" and not (inner or pending) and self._inner_acronym(w, j, floor):
                # "Southern Africa Development Community (SADC) Secretariat"
                inner = w[j - 1].text
                inner_span = (j - 2, j)
                j -= 3
                continue
            if x.upper:
                if pending or x.lower in self.not_in_name or x.sent_start:
                    break  # "the PIO of the Mauritius Police Force", "the AU Commission"
                left = j  # "TIP National Coordinating Body"
                j -= 1
                continue
            if x.cap and x.alpha and (x.lower not in self.name_stop or self._compound(w, j)):
                if pending and self._is_head(x) and w[j + 1].lower in {"and", ","}:
                    break  # "Public Security Directorate and Ministry of Labor"
                left, pending = j, 0
                if x.sent_start:
                    break
                j -= 1
                continue
            if x.lower in self.connector and pending < 2 and not x.sent_start:
                if x.lower == "the":
                    break  # "the Parliament and the Council of Ministers": "the" opens a name
                if x.lower == "and" and self._is_head(w[j - 1]):
                    left = j - 1 if self._joint_service(w, j, i) else left
                    break
                if x.lower == "in" and not self._in_ok(w[j - 1]):
                    break
                pending += 1
                j -= 1
                continue
            break
        if inner_span is not None and inner_span[0] < left:
            inner, inner_span = None, None
        return self._list_left(w, left, floor), inner, inner_span

    def _name_possessor(
        self, w: Sequence[Word], j: int, floor: int, pending: int
    ) -> int | None:
        """The possessor's index when the word at ``j`` is a possessive inside a name: the
        "'s" of an ``internal_possessor`` ("Women's Consulting Center") or, with no connector
        pending, a plural possessive ("Wage Earners' Welfare Board"); else None."""
        if j - 1 <= floor:
            return None
        if w[j].lower == "'s":
            before = w[j - 1]
            return j - 1 if before.cap and before.lower in self.internal_possessor else None
        if not pending and self._plural_possessive(w, j):
            return j - 1
        return None

    @staticmethod
    def _inner_words(w: Sequence[Word], j: int, floor: int) -> int | None:
        """The capitalised word before a parenthesis of one to three capitalised words (no
        acronym) that the ")" at ``j`` closes inside a name ("Human Trafficking (Prohibition)
        Committee"), else None."""
        k = j - 1
        while k > floor and k >= j - 3 and w[k].cap and w[k].alpha and not w[k].upper:
            k -= 1
        if k == j - 1 or k <= floor or w[k].text != "(":
            return None
        before = k - 1
        if before <= floor or not (w[before].cap and w[before].alpha):
            return None
        return before

    @staticmethod
    def _inner_after(w: Sequence[Word], m: int) -> int:
        """The capitalised word after a parenthesis of one to three capitalised words (no
        acronym) that opens at ``m`` inside a name's chain ("State Fund for the Protection
        and Assistance of (Statutory) Victims of Human Trafficking"), else ``m``."""
        k = m + 1
        while k < len(w) and k <= m + 3 and w[k].cap and w[k].alpha and not w[k].upper:
            k += 1
        if (w[m].text != "(" or k == m + 1 or k + 1 >= len(w) or w[k].text != ")"
                or not (w[k + 1].cap and w[k + 1].alpha)):
            return m
        return k + 1

    def _inner_possessive(self, w: Sequence[Word], k: int) -> bool:
        """Is the "'s" at ``k`` inside a name, after a word of ``internal_possessor`` and before
        a capitalised word ("Police Women's Cell")?"""
        return (
            w[k].lower == "'s"
            and k >= 1
            and w[k - 1].cap
            and w[k - 1].lower in self.internal_possessor
            and k + 1 < len(w)
            and w[k + 1].cap
            and w[k + 1].alpha
            and not w[k + 1].sent_start
        )

    def _plural_possessive(self, w: Sequence[Word], k: int) -> bool:
        """Is the bare apostrophe at ``k`` a plural possessive inside a name: glued to a
        capitalised word ending in "s" that is no country's name, before a capitalised word
        ("Ministry of Expatriates' Welfare and Overseas Employment", "Wage Earners' Welfare
        Board")? A country's ("the Philippines' Department of Justice") owns the body, and so
        does a body's, a plural head before a name with its own head ("the Maldives Police
        Services' Human Trafficking Unit": two bodies, as "MOL's Inspection Department")."""
        return (
            glued_plural_possessive(w, k)
            and k + 1 < len(w)
            and w[k + 1].cap
            and w[k + 1].alpha
            and not w[k + 1].sent_start
            and load_gazetteer().country_by_name(w[k - 1].text) is None
            and not (self._is_head(w[k - 1]) and self._head_in_name(w, k + 1))
        )

    def _head_in_name(self, w: Sequence[Word], k: int) -> bool:
        """Is there a head among the capitalised words from ``k`` ("Human Trafficking
        Unit")?"""
        while k < len(w) and w[k].cap and w[k].alpha:
            if self._is_head(w[k]):
                return True
            k += 1
        return False

    def _place_name(self, w: Sequence[Word], left: int, last_head: int, head_i: int) -> bool:
        """Is the name an administrative division: a ``place_head`` ending it, no determiner,
        after a locative preposition ("from Bogotá and Antioquia Department")?"""
        return (
            last_head == head_i
            and w[head_i].lower in self.place_head
            and (head_i + 1 >= len(w) or w[head_i + 1].lower != "of")
            and left > 0
            and left < head_i
            and w[left - 1].lower in self.place_before
        )

    def _inner_acronym(self, w: Sequence[Word], j: int, floor: int) -> bool:
        """Does the ")" at ``j`` close an acronym inside a name, after a capitalised word that
        is no head ("Southern Africa Development Community (SADC) Secretariat")?"""
        return (
            j - 3 > floor
            and w[j - 2].text == "("
            and w[j - 1].upper
            and w[j - 3].cap
            and not self._is_head(w[j - 3])
            and not self._head_first_before(w, j - 3, floor)
        )

    def _head_first_before(self, w: Sequence[Word], k: int, floor: int) -> bool:
        """Does a head-first name end at ``k`` ("Presidency of Migration Management"), its
        head within a few capitalised words and connectors back? Then an acronym bracketed
        after it is that body's, and a name after the bracket is another body ("the
        Presidency of Migration Management (PMM) Department of Combating ...")."""
        m = k
        while m > floor and m > k - 8 and (
                (w[m].cap and w[m].alpha) or w[m].lower in {"of", "for", "on", "and", "the"}):
            if self._is_head(w[m]) and m + 1 <= k and w[m + 1].lower in {"of", "for", "on"}:
                return True
            if w[m].sent_start:
                break
            m -= 1
        return False

    @staticmethod
    def _lone_acronym(w: Sequence[Word], m: int) -> bool:
        """Is the word at ``m`` an acronym with no capitalised word after it? After ", and" it
        is a list's next body ("..., Service for Foreigners’ Affairs, and CSW"), no item of an
        enumerated name ("Ministry of Social Affairs, Childhood, and the Family")."""
        nxt = w[m + 1] if m + 1 < len(w) else None
        return w[m].upper and not (nxt is not None and nxt.cap and nxt.alpha)

    def _cap_chain(self, w: Sequence[Word], head_i: int, left: int | None = None) -> int:
        """Extend a head over an "of/for/on/against ..." chain of capitalised words.

        The chain stops where another body starts: "... and Ministry of Labor", "... of the
        Police Directorate", "..., Ministry of Gender Equality"; commas continue it only in an
        enumeration closed by "and" ("Ministry of Social Affairs, Childhood, and the Family"),
        or in one whose items hold a head when the acronym bracketed after it spells the whole
        name from ``left`` ("Ministry of Labor, Pension System, Family and Social Policy
        (MLPSFSP)"). A lone acronym after "and" that modifies the lower-case noun after it is
        no segment ("a Center for Social Work and NGO representatives").
        """
        n = len(w)
        last = head_i
        k = head_i + 1
        first_link = True
        while k < n:
            link, m = self._link_at(w, k)
            if not link and self._agent_by(w, k):
                link, m = ["by", "the"], k + 2  # "... of Persons Affected by the Crime of ..."
            if not link or m >= n:
                break
            if "in" in link and not self._in_ok(w[k - 1]):
                break
            m = self._inner_after(w, m)  # "... of (Statutory) Victims of ...": its parenthesis
            if first_link and link[0] not in self.chain_opener:
                break
            if link[0] == "," and "and" not in link and not self._comma_list(w, k):
                spelled = self._spelled_list(w, k, head_i if left is None else left)
                if spelled is not None:
                    last = spelled
                break
            if not (w[m].cap and w[m].alpha) or (
                    w[m].lower in self.name_stop
                    and not (link == ["of"] and w[m].lower in self.name_stop_topic)
                    and not self._closing_other(w, m, link)):
                break  # "the Ministry of Government" goes on; "... of the Government" does not
            if w[m].upper and m + 1 < n and w[m + 1].alpha and not w[m + 1].cap:
                break  # "... and NGO representatives": the acronym modifies a noun
            if link[0] == "," and "and" in link and self._lone_acronym(w, m):
                break  # "..., Service for Foreigners’ Affairs, and CSW": a list's next body

            e, seg_head = self._segment(w, m)
            if seg_head and self._other_body(w, k, m, link, first_link):
                break
            if link[0] in {"and", ","} and link[-1] == "the" and self._head_ahead(w, e):
                break  # "Department of Labor and the Immigration and Citizenship Authority"
            last = e
            k = e + 1
            first_link = False
        return last

    def _head_ahead(self, w: Sequence[Word], e: int) -> bool:
        """Does the run after a head-free segment ending at ``e`` reach a head through "and"/
        "of"/"for" ("... and the Immigration and Citizenship Authority"), or is the segment a
        local government ("and the City of Paris")? Then "the" opened another entity."""
        n = len(w)
        if w[e].lower in self.local_government and e + 1 < n and w[e + 1].lower == "of":
            return True
        k = e + 1
        while k + 1 < n and w[k].lower in {"and", "of", "for"} and not w[k].sent_start:
            m = k + 1
            if not (w[m].cap and w[m].alpha) or w[m].sent_start:
                return False
            e2, seg_head = self._segment(w, m)
            if seg_head:
                return True
            k = e2 + 1
        return False

    def _link_at(self, w: Sequence[Word], k: int) -> tuple[list[str], int]:
        """The connector words from ``k`` ("of the", ", and"), at most three, and the word
        after them."""
        n = len(w)
        link: list[str] = []
        m = k
        while (
            m < n
            and len(link) < 3
            and (w[m].lower in self.connector or w[m].text == ",")
            and not w[m].sent_start
        ):
            link.append(w[m].lower)
            m += 1
        return link, m

    def _other_body(self, w: Sequence[Word], k: int, m: int, link: list[str],
                    first_link: bool) -> bool:
        """Whether the segment at ``m``, holding a head, after ``link`` is another body:
        "... and Ministry of Labor", "... Corruption of the Police Directorate". An owner
        right after the head ("Directorate of Migration of the Ministry of Interior", "Child
        and Family Protection Units of the Sudan Police Force") is part of the name: it says
        whose units they are."""
        if link[0] in {"and", ","}:
            return True
        owner = link == ["of", "the"] and (
            self._head_first(w, m) or (first_link and self._is_head(w[k - 1])))
        return link[-1] == "the" and not owner

    def _segment(self, w: Sequence[Word], m: int) -> tuple[int, bool]:
        """The capitalised words of a chain's segment from ``m``: its last word, and whether
        it holds a singular head (then it may be another body: "... and Ministry of Labor")."""
        n = len(w)
        e = m
        seg_head = self._is_singular_head(w[m])
        while e + 1 < n:
            y = w[e + 1]
            if y.cap and y.alpha and not y.sent_start:
                e += 1
                seg_head = seg_head or self._is_singular_head(y)
                continue
            if y.lower == "'s" and w[e].lower in self.internal_possessor and e + 2 < n:
                e += 1  # "Office of the Supreme People's Prosecutor"
                continue
            if self._plural_possessive(w, e + 1):
                e += 1  # "Ministry of Expatriates' Welfare and Overseas Employment"
                continue
            break
        if w[e].lower == "'s":
            e -= 1
        if (
            e + 4 < n
            and w[e + 1].text == "("
            and w[e + 2].upper
            and w[e + 3].text == ")"
            and self._is_head(w[e + 4])
        ):
            seg_head = (
                True  # "... and the Southern Africa Development Community (SADC) Secretariat"
            )
        return e, seg_head

    def _spelled_list(self, w: Sequence[Word], k: int, first: int) -> int | None:
        """At a comma after a name's words: the last word of an enumeration closed by "and"
        when the acronym bracketed right after it spells the name from ``first``; an item
        that is a body of its own ("Pension System") is then one of the name's portfolios."""
        close = comma_enumeration(w, k, lambda x: x.cap and x.alpha and not x.upper)
        if close is None:
            return None
        m, _ = close
        if not (m + 1 < len(w) and w[m + 1].cap and w[m + 1].alpha):
            return None
        e, _ = self._segment(w, m + 1)
        acronym, _, _ = self._acronym_after(w, e)
        if acronym is None or not self._spells(w, first, e, acronym):
            return None
        return e

    def _head_first(self, w: Sequence[Word], m: int) -> bool:
        """Does a singular head at ``m`` open a head-first name ("Ministry of Interior")?"""
        return (
            self._is_singular_head(w[m])
            and m + 2 < len(w)
            and w[m + 1].lower in {"of", "for"}
            and w[m + 2].cap
        )

    def _comma_list(self, w: Sequence[Word], k: int) -> bool:
        """At a comma: is this an enumeration of head-free capitalised words closed by "and"?"""
        # an acronym is no item of a name's enumeration: "..., PPA, and the SCSE" lists bodies
        close = comma_enumeration(w, k, lambda x: x.cap and x.alpha and not x.upper)
        if close is None:
            return False
        m, serial = close
        if any(self._is_singular_head(x) for x in w[k:m]):
            return False  # an item that is a body of its own: "..., Ministry of Labor and ..."
        if serial:
            return True
        return m + 1 < len(w) and w[m + 1].cap and not self._is_singular_head(w[m + 1])
