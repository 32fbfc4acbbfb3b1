"""Lower-case agency descriptions: "the labor ministry", "the national anti-trafficking
taskforce", "MVD's witness protection unit", "the ministries of education and health".

Only a description that designates one body is a name: a definite one, or one with an
acronym, or an attributive use before personnel ("immigration bureau officers"). A class
("anti-trafficking police units", "local courts") or an indefinite phrase ("an
inter-ministerial body") is not; a bare head ("the taskforce") is kept as a back-reference
for the resolver.
"""

from __future__ import annotations

from collections.abc import Sequence

from tipgraph.extract.agency_edges import country_adjectives, place_words
from tipgraph.extract.agency_tails import DescriptionTails
from tipgraph.extract.agency_words import Found, Head, stop
from tipgraph.extract.law_words import ITEM_OPENERS
from tipgraph.extract.legal_words import Word

__all__ = ["DescribedBodies"]


class DescribedBodies(DescriptionTails):
    """The lower-case description walk of ``tip_agencies`` (a base of its component)."""

    def _lower(self, w: Sequence[Word], i: int, floor: int) -> Found | None:
        """A definite lower-case description headed at ``i`` ("the labor ministry")."""
        n = len(w)
        x = w[i]
        h = self._head_of(x)
        if h is None:
            return None
        plural = self._is_plural(x)
        nxt = w[i + 1] if i + 1 < n else None
        # in a compound the last head is the head ("police academy", "border guard service")
        if (
            nxt is not None
            and not nxt.cap
            and self._is_head(nxt)
            and (not self._is_plural(nxt) or nxt.lower not in self.personnel)
        ):
            return None  # "anti-trafficking police units" is a class; "offices" are staff
        if not self._after_ok(w, i, h):
            return None
        mods, cap_mod, j, state = self._left_of(w, i, floor)
        before = self._shared_article(w, j, floor) if j >= 0 else None
        mod_words = [w[k].lower for k in mods]
        if self._rejected(w, i, h, mods) or self._field_of_work(mod_words, x.lower):
            return None
        appositive = self._apposition(w, j, mod_words)
        if appositive is not None:
            return appositive
        while mods and (w[mods[0]].lower in self.strip or w[mods[0]].lower == "and"):
            mods.pop(0)
        if self._lists_people(w, i) or self._unfounded(w, j):
            return None  # "its public registry of slave labor offenders": a list, not a body
        last = self._tail_end(w, i, h, mods)
        if last == i and self._only_describing(w, h, mods):
            mods = []  # "the specialized unit", "the working group": a back-reference
        first = mods[0] if mods else i
        acronym, acr_word, end_word = self._acronym_after(w, last)
        if plural and acronym is None and not state and not self._court_system(w, i, mods, before):
            return None  # a class: "anti-trafficking police units", "labor courts"
        following = w[last + 1] if last + 1 < n else None
        if acronym is None and self._people_or_country(w, i, mods, before, following):
            return None
        if acronym is None and not plural and self._head_modifies(w, j, mods, last):
            return None  # "its basic police training curricula": the head is a modifier;
            # a plural head is no modifier ("the anti-slavery courts heard ...")
        if not mods and last == i and acronym is None:
            # a bare head ("the taskforce") is kept as a back-reference
            if self._back_reference(before, h, following):
                return Found(x.start, x.end, i, None, None, None)
            return None
        if h.lower_needs_word and not any(
                w[k].lower in h.lower_needs_word for k in range(first, last + 1)):
            return None  # "the ruling coalition": a lower-case coalition names a body only as
            # the national anti-trafficking one ("the national anti-trafficking coalition")
        named = cap_mod if h.needs_cap_modifier else self._led_by(w, j) or self._definite(
            before, w[first], self._second_body_personnel(w, last) or following, h, acronym,
            self._branch_force(x, mods, w))
        if not (named or state):  # the country adjective makes the forces definite
            return None
        return Found(w[first].start, w[last].end, max(last, end_word), acronym, acr_word, None)

    def _head_modifies(self, w: Sequence[Word], j: int, mods: list[int], last: int) -> bool:
        """Does the word after a singular head make the head a modifier ("its basic police
        training curricula") or set off an apposition, or is the head a verb ("on the Algerian
        border force migrant women into prostitution", `_verb_head`)? Not after an internal
        possessor, which makes the description a name before a noun too: "the attorney
        general's office review of cases" (legal_years_heldout54 DOM 2017)."""
        following = w[last + 1] if last + 1 < len(w) else None
        if self._verb_head(w, last):
            return True
        if following is None or any(w[k].lower == "'s" for k in mods):
            return False
        return self._noun_after(following) or self._apposed_clause(w, j, following)

    def _only_describing(self, w: Sequence[Word], h: Head, mods: list[int]) -> bool:
        """Do the modifiers only describe a body already named (``descriptive``) or only make
        the head a body (its ``after`` words), so a bare head is a back-reference ("the
        specialized unit", "the working group")? A ``joint_body`` word says which body: "the
        inter-ministerial working group" is the coordinating body."""
        return all(
            w[k].lower in self.descriptive
            or (w[k].lower in h.after and w[k].lower not in self.joint_body)
            for k in mods
        )

    def _served_program(self, w: Sequence[Word], i: int, floor: int) -> Found | None:
        """A lower-case programme head at ``i`` that names the programme a government runs
        for victims: singular, with one to five lower-case modifiers ("and" between them)
        after "the" or an owner ("its", "their", "DSWD's"), and a tail "for", up to two
        lower-case words and a ``program_beneficiary`` ("its recovery and reintegration
        program for trafficked persons"). The tail is part of the name; with no tail ("the
        victim assistance program") or no modifier ("the program for victims") none."""
        n = len(w)
        if self._is_plural(w[i]) or i + 2 >= n or w[i + 1].lower != "for":
            return None
        end = next((k for k in range(i + 2, min(i + 5, n))
                    if w[k].lower in self.program_beneficiary), None)
        if end is None or not all(w[k].alpha and not w[k].cap for k in range(i + 2, end + 1)):
            return None
        end = self._beneficiary_of(w, end)
        k = i - 1
        while k > floor and i - k <= 5 and w[k].alpha and not w[k].cap and (
                w[k].lower == "and" or w[k].lower not in self.determiner):
            k -= 1
        if self._owner_acronym(w, k, floor):
            return Found(w[k].start, w[end].end, end, None, None, None)  # "an INAU program"
        owner = k > floor and (w[k].lower in self.determiner or w[k].lower == "'s")
        if not owner or k == i - 1 or w[k + 1].lower == "and":
            return None
        return Found(w[k + 1].start, w[end].end, end, None, None, None)

    def _owner_acronym(self, w: Sequence[Word], k: int, floor: int) -> bool:
        """Is ``w[k]`` a body's bare acronym owning the programme after it, right after an
        article or determiner ("a DSWD programme for trafficking victims", "An INAU program
        for child victims of sexual exploitation")? The acronym is part of the name, as an
        owner acronym is in "MOI special victims unit"."""
        return (
            k - 1 > floor
            and w[k].upper
            and len(w[k].text) >= 2
            and w[k].lower not in self.not_in_name  # "a UN program", "an NGO program"
            and (w[k - 1].lower in self.determiner or w[k - 1].lower in {"a", "an"})
        )

    def _beneficiary_of(self, w: Sequence[Word], end: int) -> int:
        """The end of a beneficiary with its "of" + exploitation tail ("child victims of
        sexual exploitation", "victims of trafficking"): "of", up to two lower-case words,
        the last a ``program_exploitation`` word; else ``end`` as it was."""
        if end + 2 >= len(w) or w[end + 1].lower != "of":
            return end
        last = end
        for k in range(end + 2, min(end + 4, len(w))):
            if not w[k].alpha or w[k].cap:
                break
            if w[k].lower in self.program_exploitation:
                last = k  # "of labor exploitation": the last listed word ends the tail
        return last

    def _oxford_list(self, w: Sequence[Word], m: int) -> bool:
        """Does the of-list from ``m`` close with ", and" (an Oxford comma)? Then its commas
        part the items and an "and" with no comma before it is inside one ("the ministries of
        education, women and vulnerable populations, and labor": three ministries)."""
        k = m
        while k + 1 < len(w) and (w[k].text == "," or w[k].lower == "and" or (
                w[k].alpha and not stop(w[k].lower))):
            if w[k].text == "," and w[k + 1].lower == "and" and k + 2 < len(w):
                nxt = w[k + 2]  # an item follows, not another phrase ("..., and the police")
                return nxt.alpha and not stop(nxt.lower) and nxt.lower not in self.determiner
            k += 1
        return False

    def _court_system(
        self, w: Sequence[Word], i: int, mods: list[int], before: Word | None
    ) -> bool:
        """Is the plural at ``i`` one special court system, not a class: a ``court_system``
        head right after "the" and an anti- or counter- topic ("the anti-slavery courts",
        Mauritania's three courts, as the dev gold MRT counts them)? "the labor courts" and
        "anti-slavery courts" with no article stay classes."""
        return (
            w[i].lower in self.court_system
            and before is not None
            and before.lower == "the"
            and bool(mods)
            and mods[0] == i - 1
            and w[i - 1].lower.startswith(("anti-", "counter-"))
        )

    def _left_of(
        self, w: Sequence[Word], i: int, floor: int
    ) -> tuple[list[int], bool, int, bool]:
        """`_lower_left`'s modifiers, capital and stop, and whether the head is a state's
        armed forces (`_state_forces`): "armed", an -ed word, ends the walk left, so their
        two words are set as the modifiers here."""
        mods, cap_mod, j = self._lower_left(w, i, floor)
        state = self._state_forces(w, i, floor)
        if state:
            mods, j = [i - 2, i - 1], i - 3
        return mods, cap_mod, j, state

    def _state_forces(self, w: Sequence[Word], i: int, floor: int) -> bool:
        """Is the plural at ``i`` one state's armed forces: a ``state_force`` head after a
        ``state_force_word`` and a capitalised country adjective ("Burmese armed forces",
        "the Malian armed forces")? The adjective names the state; "the armed forces" alone
        and "rebel armed forces" stay unread."""
        return (
            i - 2 > floor
            and w[i].lower in self.state_force
            and w[i - 1].lower in self.state_force_word
            and w[i - 2].cap
            and w[i - 2].lower in country_adjectives()
        )

    def _branch_force(self, x: Word, mods: list[int], w: Sequence[Word]) -> bool:
        """Is the description a kind of force in general: a ``bare_force`` head ("police")
        with only words of ``force_branch`` before it ("Immigration police", "Border
        police")? The country's force ("National police", "Swiss federal police") is not."""
        return (x.lower in self.bare_force and bool(mods)
                and all(w[k].lower in self.force_branch for k in mods))

    def _people_or_country(
        self, w: Sequence[Word], i: int, mods: list[int], before: Word | None,
        following: Word | None,
    ) -> bool:
        """Does the description name people or a country's force rather than a body? A
        ``country_force`` head ("police") whose modifiers are only countries' names or
        adjectives ("South African and Lesotho police officers", "Thai police"), or only
        words of the officers' role before a personnel noun (``officer_role``: "anti-trafficking
        police officers"); or, after
        "a"/"an" with personnel after it, a first modifier that names no body
        (``person_article_topic``): the person's quality or role ("a whistleblower police
        officer", "an effective police investigator"; "A high court judge" stays)."""
        words = [w[k].lower for k in mods if w[k].alpha]
        if not words:
            return False
        if w[i].lower in self.country_force and all(
                p in place_words() for p in " ".join(words).split(" and ")):
            return True
        if (
            w[i].lower in self.country_force
            and following is not None
            and following.lower in self.personnel
            and all(word in self.officer_role for word in words)
        ):
            return True  # "its specialized anti-trafficking police officers": their role
        return (
            before is not None
            and before.lower in {"a", "an"}
            and following is not None
            and following.lower in self.personnel
            and words[0] not in self.person_article_topic
        )

    def _tail_end(self, w: Sequence[Word], i: int, h: Head, mods: list[int]) -> int:
        """The last word of the description headed at ``i``: its topical prepositional tail
        ("department of immigration") or owner ("unit of the police") for a singular head;
        for any head with a tail, a tail that a bracketed acronym right after it spells from
        the first modifier on ("Local centers for social work (LCSW)", `_spelled_tail`)."""
        plural = self._is_plural(w[i])
        last = self._lower_pp(w, i, h) if h.pp and not plural else i
        last = self._owner_tail(w, i, mods) if last == i and not plural else last
        last = self._lower_owner_tail(w, i) if last == i and not plural else last
        if last == i and h.pp:
            last = self._spelled_tail(w, i, mods[0] if mods else i)
        return last

    def _spelled_tail(self, w: Sequence[Word], i: int, first: int) -> int:
        """The end of a lower-case prepositional tail after the head at ``i`` whose bracketed
        acronym spells the words from ``first`` on, else ``i``: the spelling shows the tail is
        the name's own even with no topic word of ``pp_topic`` ("for social work")."""
        n = len(w)
        if i + 2 >= n or w[i + 1].lower not in self.pp_intro:
            return i
        m = i + 2
        while m < n and m <= i + 6 and w[m].alpha and not w[m].cap:
            if w[m].lower in self.determiner:
                break
            acronym = self._acronym_after(w, m)[0]
            if acronym is not None and self._spells(w, first, m, acronym):
                return m
            m += 1
        return i

    def _back_reference(self, before: Word | None, h: Head, following: Word | None) -> bool:
        """Is a bare lower-case head after a determiner or a possessive a back-reference ("the
        taskforce")? A head that names a body only with a capital before it, followed by
        "and", modifies the next head with it ("the immigration and asylum office")."""
        if h.needs_cap_modifier and following is not None and following.lower == "and":
            return False
        return before is not None and (before.lower in self.determiner or before.lower == "'s")

    def _rejected(self, w: Sequence[Word], i: int, h: Head, mods: list[int]) -> bool:
        """Does a modifier of ``modifier_reject`` make the description a class or a private
        body ("local courts", "private recruitment agencies")? An administrative level of
        ``level_modifier`` ("local", "regional", ...) does not when a bracketed acronym right
        after the description spells it: "the local coordinating teams (LCT)" names the kind
        of body the text then calls by its acronym, as the dev gold's "victim support units
        (VSUs)". An ordinal of ``modifier_ordinal`` first ("its first trafficking-specific
        court", "the country's second anti-trafficking shelter") makes it one of a series, no
        name, unless a bracketed acronym follows ("its first specialized anti-trafficking unit
        (SATU)"; the ordinal is then stripped as ``modifier_strip`` words are)."""
        bad = {p for k in mods for p in w[k].lower.split("/") if p in self.reject}
        ordinal = bool(mods) and w[mods[0]].lower in self.ordinal
        if not bad and not ordinal:
            return False
        if not bad <= self.level_modifier:
            return True
        last = self._tail_end(w, i, h, mods)
        acronym = self._acronym_after(w, last)[0]
        return acronym is None or (
            bool(bad) and not self._spells(w, mods[int(ordinal)], last, acronym))

    def _field_of_work(self, mod_words: list[str], head: str) -> bool:
        """Whether the description names a field of work, not a body: "social service
        personnel", "judges and social service personnel", "in domestic service" (the words
        after the last "and" are the phrase's own)."""
        own = (
            mod_words[len(mod_words) - mod_words[::-1].index("and") :]
            if "and" in mod_words
            else mod_words
        )
        return " ".join([*own, head]) in self.sector

    def _unfounded(self, w: Sequence[Word], j: int) -> bool:
        """Is the description after "the" at ``j`` a body still to be made: a verb of
        ``unfounded_verb`` before "the" and a word of ``unfounded_before`` before the verb
        ("provisions to establish the national anti-trafficking secretariat", "did not
        establish the national anti-trafficking secretariat")? A body not yet made is named
        by none (the dev gold's MAR: "not yet established: not annotated")."""
        return (
            j >= 2
            and w[j].lower == "the"
            and w[j - 1].lower in self.unfounded_verb
            and w[j - 2].lower in self.unfounded_before
        )

    def _lists_people(self, w: Sequence[Word], i: int) -> bool:
        """Whether the record head at ``i`` ("registry", "register") is followed by "of" and
        lower-case words ending in people it lists ("registry of slave labor offenders",
        "register of convicted traffickers"): a published list, not an office."""
        n = len(w)
        if w[i].lower not in self.record_head or i + 1 >= n or w[i + 1].lower != "of":
            return False
        m = i + 2
        while m < n and m <= i + 6 and w[m].alpha and not w[m].cap:
            if w[m].lower in self.listed_person:
                return True
            m += 1
        return False

    def _lower_left(self, w: Sequence[Word], i: int, floor: int) -> tuple[list[int], bool, int]:
        """Modifiers left of a lower-case head: (their indices in order, any capital, stop)."""
        mods: list[int] = []
        cap_mod = False
        j = i - 1
        while j > floor:
            y = w[j]
            if y.lower == "'s":
                if j >= 1 and w[j - 1].lower in self.internal_possessor and not w[j - 1].upper:
                    mods += [j, j - 1]  # "attorney general's office", "children's registry"
                    j -= 2
                    continue
                break
            if y.upper:
                # "JCF anti-trafficking unit", "MAPO secretariat"; "UN special rapporteur" is
                # kept here so that the reject list sees "un"
                mods.append(j)
                cap_mod = y.lower not in self.not_body
                j -= 1
                break
            if y.alpha and not y.cap:
                if y.lower == "and":
                    if not self._and_within(w, j, floor, mods, cap_mod):
                        break
                    mods.append(j)
                    j -= 1
                    continue
                if stop(y.lower) or y.lower in self.determiner or y.lower in self.indefinite:
                    break
                if y.lower in self.clause_gerund and (
                        y.sent_start or j - 1 <= floor or stop(w[j - 1].lower)):
                    break  # "reported training police officers": the clause's verb
                mods.append(j)
                j -= 1
                continue
            if y.cap and y.alpha:
                if y.lower in self.name_stop or y.lower in self.indefinite or self._is_head(y):
                    break
                if (y.lower in self.recommendation_verb or y.lower in self.clause_gerund) and (
                        y.sent_start or (j > 0 and w[j - 1].text in ITEM_OPENERS)):
                    break  # "Reduce court delays", "• Train police officers": the item's verb
                mods.append(j)  # "Marshall Islands police department", "Nema anti-slavery court"
                cap_mod = True
                j -= 1
                if y.sent_start:
                    break
                continue
            break
        mods.sort()
        return mods, cap_mod, j

    def _and_within(
        self, w: Sequence[Word], j: int, floor: int, mods: list[int], cap_mod: bool
    ) -> bool:
        """Does the "and" at ``j``, left of a lower-case head's modifiers ``mods``, join two
        modifiers of one name ("the anti-trafficking and public morals department"; in a
        title-case run "Specialized Human Trafficking and Related Crimes unit")? Not past a body
        found (``floor``: "the X and ..."), nor after a personnel noun, which ends the list's
        other item ("for diplomatic personnel and external affairs department staff"), nor
        after a lower-case singular head, which ends a body of its own: "national police and
        civil guard personnel" is two forces (legal_years_heldout33 ESP 2019), as "the
        national police and the civil guard" is (a ``cap_only`` head in lower case is no such
        head: :meth:`_lower_cap_only`); nor after a procedure's noun (conjunct_noun:
        "the national referral mechanism and national anti-trafficking committee")."""
        prev = w[j - 1] if j >= 1 else None
        return bool(
            mods and j - 1 > floor
            and prev is not None
            and prev.alpha
            and (not prev.cap or (cap_mod and all(w[k].cap for k in mods)))
            and not stop(prev.lower)
            and prev.lower not in self.determiner
            and prev.lower not in self.personnel
            and prev.lower not in self.conjunct_noun
            and (prev.cap or not self._is_head(prev) or self._is_plural(prev)
                 or self._lower_cap_only(prev))
        )

    def _lower_cap_only(self, x: Word) -> bool:
        """Is ``x`` a ``cap_only`` head written in lower case? It then names no body, so before
        an "and" it is a modifier, no body's end: "the inspection and surveillance unit" is
        one unit (legal_years_heldout45 COL 2017), where "Inspection" names a body only
        capitalised ("the State Labor Inspection")."""
        h = self._head_of(x)
        return h is not None and h.cap_only and not x.cap

    def _second_body_personnel(self, w: Sequence[Word], last: int) -> Word | None:
        """The personnel noun a lower-case body ending at ``last`` shares with a second one
        after "and" ("national police and civil guard personnel": the personnel are both
        forces'): up to three lower-case words after the "and", the last a singular head,
        then a ``personnel`` noun. None where no such second body follows."""
        n = len(w)
        if last + 1 >= n or w[last + 1].lower != "and":
            return None
        for m in range(last + 2, min(last + 5, n - 1)):
            y = w[m]
            if not y.alpha or y.cap or stop(y.lower) or y.lower in self.determiner:
                return None
            if self._is_head(y) and not self._is_plural(y):
                return w[m + 1] if w[m + 1].lower in self.personnel else None
        return None

    def _shared_article(self, w: Sequence[Word], j: int, floor: int) -> Word:
        """The word that makes the description after ``j`` definite or not: ``w[j]``, or, where
        ``w[j]`` is an "and" right after a body found (``floor``, its last word), the article
        of that body ("the MOI anti-trafficking division and public prosecutor’s office": the
        second shares the first's "the"; "a police unit and ..." shares nothing). A possessive
        inside the first name is passed over ("its children’s authority and anti-trafficking
        unit": both are its; legal_years_heldout37 TTO 2019). So is a procedure's noun
        (conjunct_noun) before the "and": "the national referral mechanism and national
        anti-trafficking committee" (legal_years_heldout40 ALB 2017)."""
        if w[j].lower != "and" or j < 1:
            return w[j]
        if j - 1 != floor and w[j - 1].lower not in self.conjunct_noun:
            return w[j]
        k = j - 1
        while (k >= 0 and k > j - 11 and (w[k].alpha or w[k].lower == "'s")
               and w[k].lower not in self.determiner):
            k -= 1
        return w[k] if k >= 0 and w[k].lower in self.determiner else w[j]

    def _apposition(self, w: Sequence[Word], j: int, mod_words: list[str]) -> Found | None:
        """ "Tadamoun, the government agency mandated to ...": the name is before the comma."""
        if j < 2 or w[j].lower not in {"the", "a"} or mod_words[:1] != ["government"]:
            return None
        if w[j - 1].text != "," or not w[j - 2].cap or self._is_head(w[j - 2]):
            return None
        a = j - 2
        while a - 1 >= 0 and w[a - 1].cap and w[a - 1].alpha and not w[a].sent_start:
            a -= 1
        if w[a].lower in self.name_stop or w[j - 2].upper:
            return None
        return Found(w[a].start, w[j - 2].end, j - 2, None, None, None)

    def _definite(
        self,
        before: Word | None,
        first: Word,
        following: Word | None,
        h: Head,
        acronym: str | None,
        force: bool = False,
    ) -> bool:
        """Is a lower-case description definite enough to name one body? A sentence's
        capitalised first word makes it so, and personnel after it ("immigration bureau
        officers"), except for a kind of force in general (``force``, :meth:`_branch_force`:
        "Immigration police reported screening migrants", "coast guard officers")."""
        if acronym is not None or h.indefinite_ok:
            return True
        if before is None:
            return not force  # the text's first words: nothing before makes them indefinite
        if before.lower in self.determiner or before.lower == "'s" or before.text == ")":
            return True
        if first.sent_start and first.cap and not force:
            return True
        if following is not None and following.lower in self.personnel and not force:
            # "immigration bureau officers", "A high court judge": the article is the person's;
            # a kind of force ("coast guard officers", "border police officers") is the officers'
            return (before.lower in {"a", "an"} or before.lower not in self.indefinite) and not (
                before.text[:1].isdigit()
            )
        return False

    def _coordination(self, w: Sequence[Word], i: int, h: Head) -> list[Found]:
        """ "the ministries of education and health" -> ministry of education, of health.
        A bare plural right after "of" is the kind of office someone works in, no bodies
        ("counselors of offices of labor, social affairs, and family", many local offices)."""
        n = len(w)
        if i + 2 >= n or w[i + 1].lower != "of":
            return []
        if i > 0 and w[i - 1].lower == "of" and not w[i].cap:
            return []
        parts: list[list[int]] = [[]]
        m = i + 2
        closing = False  # the part after "and" is the last one
        oxford = self._oxford_list(w, m)
        while m < n:
            y = w[m]
            if oxford and len(parts) > 1 and y.lower == "and" and w[m - 1].text != ",":
                parts[-1].append(m)  # "women and vulnerable populations": one item's "and"
                m += 1
                continue
            if y.lower == "and" or y.text == ",":
                if closing and parts[-1]:
                    break
                if y.lower == "and":
                    closing = True
                if parts[-1]:
                    parts.append([])
                m += 1
                continue
            if (
                y.alpha
                and not stop(y.lower)
                and y.lower not in self.determiner
                and not self._is_head(y)
                and sum(w[t].lower != "and" for t in parts[-1]) < 3
            ):
                parts[-1].append(m)
                m += 1
                continue
            break
        parts = [p[:-1] if w[p[-1]].lower == "and" else p for p in parts if p]
        if len(parts) < 2 or not closing:
            return []
        single = h.head.capitalize() if w[i].cap else h.head
        start, end, last = w[i].start, w[parts[-1][-1]].end, parts[-1][-1]
        return [
            Found(start, end, last, None, None, f"{single} of {' '.join(w[t].text for t in p)}")
            for p in parts
        ]
