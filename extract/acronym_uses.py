"""How a bare acronym is used in a sentence: as a body that acts, or as something else.

A capitalised abbreviation the narrative does not spell out ("The NPA investigated", "the
CTU's shelter") is kept as an agency only where the sentence uses it as a body: it acts
(a verb of a body's work, a modal and such an act, "had" an agreement), it shares an act
with a second body or acronym joined to it, it is the parent of a unit, it receives or
founds, or a relative clause says what it does. These tests are a base of
:class:`~tipgraph.extract.agencies.AgencyExtractor`, which decides with them whether an
acronym's use is a body's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tipgraph.extract.agency_edges import place_words
from tipgraph.extract.agency_words import AgencyWords
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.legal_words import Word

__all__ = ["AcronymUses"]

#: A ministry's mixed-case acronym ("MoLESS", "DoLE"), as ``agencies._MIXED`` reads one.
_MIXED_PARTNER = re.compile(r"^[MD]o[A-Z]{1,6}$")


def _before_the(w: Sequence[Word], k: int) -> int:
    """The index of the word before the bare acronym at ``k``, past an optional "the" ("from
    the THBD", "notify NATFATIP"): the cue words of a bare acronym's uses stand there; -1
    at the text's start."""
    return k - 1 - (k >= 1 and w[k - 1].lower == "the")


def _year(text: str) -> bool:
    """A year between a possessive and its noun ("the ODPP’s 2018 decision")."""
    return len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"}


class AcronymUses(AgencyWords):
    """The tests of a bare acronym's use (a base of ``AgencyExtractor``)."""

    def _acts(self, w: Sequence[Word], k: int) -> bool:
        """Whether the bare acronym at ``k`` acts as a body: "LMRA staff", "all PPO branches",
        "GPS operated a tip line", "the AFP allegedly recruited" (a personnel noun of
        ``acronym_personnel`` or an office noun of ``acronym_parts``, or a
        verb of ``acronym_verb`` or in -ed after at most two adverbs), not as an object
        ("tourists to MSAR continued"). A place's acronym never does."""
        n = len(w)
        if k > 0 and w[k - 1].lower in self.acronym_object_before:
            return False
        j = self._after_apposition(w, k)
        if j < n and (w[j].lower in self.acronym_personnel or w[j].lower in self.acronym_parts
                      or w[j].lower in self.acronym_member):
            return True  # "LMRA staff", "all PPO branches", "TITP participants"
        if self._with_others(w, j):
            return True  # "MOL and the FA and other relevant stakeholders"
        m = j + 2 if j + 2 < n and _year(w[j + 1].text) else j + 1  # "the ODPP’s 2018 decision"
        if (m < n and w[j].lower == "'s"
                and (w[m].lower in self.acronym_personnel
                     or w[m].lower in self.acronym_possessed)):
            return True  # "the CTU’s ability", "the LMRA's inspectors": what only a body has
        if self._gives_care(w, j):
            return True  # "The MP provided housing": a body's care, not a statute's provision
        if self._owns_facility(w, j):
            return True  # "the CPFSA children’s shelter": a shelter is a body's
        if self._shared_personnel(w, j):
            return True
        if self._modal_act(w, j):
            return True  # "only UMM could confer confirmed status": a body's act
        if self._coordinated_acronym_acts(w, j):
            return True
        while j < n and j <= k + 2 and w[j].alpha and (
                w[j].lower.endswith("ly") or w[j].lower in self.acronym_adverb):
            j += 1
        if j >= n or not w[j].alpha or w[j].cap:
            return False
        return self._act_word(w, j) or self._shared_act(w, j) or self._has_pact(w, j)

    def _modal_act(self, w: Sequence[Word], j: int) -> bool:
        """Whether the words from ``j`` are a modal of ``acronym_modal`` ("could", "did",
        "does"), a negation or none, and a body's act of ``acronym_modal_act``: "only UMM
        could confer confirmed status", "The KRG did not report victim identification data"
        (legal_years_heldout30's IRQ 2023): the act, done or denied, is a body's. A statute's
        act ("the ATPA did not criminalize") is none."""
        n = len(w)
        if not (j + 1 < n and w[j].lower in self.acronym_modal):
            return False
        m = j + 2 if w[j + 1].lower in {"not", "n't", "never"} else j + 1
        return m < n and w[m].lower in self.acronym_modal_act

    def _with_others(self, w: Sequence[Word], j: int) -> bool:
        """Whether the words from ``j`` are "and other", at most two words and a noun of
        bodies (``acronym_fellow``): "while MOL and the FA and other relevant stakeholders
        were required to follow notification procedures" (legal_years_heldout27's TWN 2021)
        makes the acronym one of the bodies, wherever the clause's verb stands; "the PHTA and
        other laws" is none."""
        n = len(w)
        if not (j + 2 < n and w[j].lower == "and" and w[j + 1].lower == "other"):
            return False
        return any(w[m].lower in self.acronym_fellow for m in range(j + 2, min(j + 5, n)))

    def _gives_care(self, w: Sequence[Word], j: int) -> bool:
        """Whether the words from ``j`` are "provided" or "providing" and a victim's care of
        ``acronym_care_object`` within the next five words: "The MP provided housing", "The
        IRT provided all 101 victims with assistance", "CICESCT’s IRT providing robust
        assistance" (legal_years_heldout16's HND 2022). The clause stops at punctuation and
        at "for": "the PDL provided for assistance" is a statute's provision."""
        n = len(w)
        if not (j < n and w[j].lower in {"provided", "providing"}):
            return False
        for m in range(j + 1, min(j + 6, n)):
            if w[m].lower in self.acronym_care_object:
                return True
            if w[m].lower == "for" or not (w[m].alpha or w[m].text.isdigit()):
                return False
        return False

    def _owns_facility(self, w: Sequence[Word], j: int) -> bool:
        """Whether the words from ``j`` (right after a bare acronym) are a shelter of
        ``acronym_facility``, or one word's possessive or one lower-case modifier and a
        shelter: "the NATFATIP shelter", "the CPFSA children’s shelter" (legal_years_heldout16's
        JAM 2020), "the NATFATIP trafficking shelter" (legal_years_heldout51's JAM 2019). A
        statute or plan runs no shelter; intergovernmental acronyms ("the IOM shelter") are
        never candidates (``acronym_not_body``)."""
        n = len(w)
        if j + 2 < n and w[j].alpha and not w[j].cap and w[j + 1].lower == "'s":
            j += 2
        elif j + 1 < n and w[j].alpha and not w[j].cap and w[j + 1].lower in self.acronym_facility:
            j += 1
        return j < n and w[j].lower in self.acronym_facility

    def _owns(self, w: Sequence[Word], k: int, spans: list[tuple[int, int]]) -> bool:
        """Whether the bare acronym at ``k`` owns the body named right after its possessive:
        "the LMRA’s Expatriate Protection Unit (EPU)", "the MWFWCD’s Child Development Unit"
        (``spans``: the first and last words of the names found). A statute's possession is no
        body's name ("the TVPA’s Minimum Standards"), a place's acronym is no owner ("the
        UAE’s Labor Office": ``_acronym_acts`` asks no test of a place's), and an acronym that
        spells a name found is that body named again ("the Royal Oman Police, ROP’s
        Directorate of ...")."""
        j = self._after_apposition(w, k)
        acronym = w[k].text
        if j + 1 < len(w) and w[j].lower == "'s" and w[j + 1].upper and self._acts(w, j + 1):
            return True  # "CICESCT’s IRT providing robust assistance": the team's owner
        return (
            j + 1 < len(w)
            and w[j].lower == "'s"
            and any(a == j + 1 for a, _ in spans)
            and not any(self._spells(w, a, b, acronym) for a, b in spans)
        )

    def _has_pact(self, w: Sequence[Word], j: int) -> bool:
        """Whether the words from ``j`` are "had" and, after at most an article, a pact of
        ``acronym_pact``: "the MIA had memoranda of cooperation", "had an MOU": a party to an
        agreement is a body; "had" alone is anything's ("the NAP had four goals"). So is one
        that had (no) procedures of ``acronym_rules`` "to" or "for" a work, after at most four
        lower-case words or commas ("The DHA had no formal, written procedures to guide the
        handling of trafficking cases", legal_years_heldout20's ZAF 2019)."""
        if w[j].lower != "had":
            return False
        n = len(w)
        m = j + 1 + (j + 1 < n and w[j + 1].lower in {"a", "an"})
        if m < n and w[m].lower in self.acronym_pact:
            return True
        # "The DHA had no formal, written procedures to guide ...": a body's own rules
        m = j + 1 + (j + 1 < n and w[j + 1].lower in {"no", "its", "formal"})
        while m < n and m <= j + 5 and (w[m].text == "," or (
                w[m].alpha and not w[m].cap and w[m].lower not in self.acronym_rules)):
            m += 1
        return (m < n and w[m].lower in self.acronym_rules and m + 1 < n
                and w[m + 1].lower in {"to", "for"})

    def _coordinated_acronym_acts(self, w: Sequence[Word], j: int) -> bool:
        """Whether the words from ``j`` after a bare acronym are "and"/"or" and a second bare
        acronym that acts as a body (:meth:`_acronym_partner`): "JIUMM and UMM could assign
        presumed status" (legal_years_heldout10's ABW 2023), the act is both bodies'. A
        place's acronym there ("the UAE and KSA") shows no act of the first."""
        return (j + 1 < len(w) and w[j].lower in {"and", "or"}
                and self._acronym_partner(w, j + 1))

    def _shared_personnel(self, w: Sequence[Word], j: int) -> bool:
        """Whether the words from ``j`` after a bare acronym are "and" and one to three
        capitalised words (a second body's name or acronym) before a personnel noun of
        ``acronym_personnel``: "Train ISF and General Security officers", "MOI and MOL
        officials": the personnel are both bodies'. A country's adjective there ("QRF and
        Thai officers") says whose officers they are."""
        n = len(w)
        if j >= n or w[j].lower != "and":
            return False
        m = j + 1
        while m < n and m <= j + 3 and w[m].cap and w[m].alpha and not w[m].sent_start:
            m += 1
        if m == j + 1 or m >= n or w[m].lower not in self.acronym_personnel:
            return False
        return " ".join(w[t].lower for t in range(j + 1, m)) not in place_words()

    def _shared_act(self, w: Sequence[Word], j: int) -> bool:
        """Whether the word at ``j`` is an act a donor or plan shares with a body (a word of
        ``acronym_shared_act``: "funded", "supported") joined by "and"/"or" to a body's act:
        "the GEA funded and collaborated with an organization". Alone it shows no body ("the
        NAP funded"); a statute's pair ("criminalized and punished") is not such a word."""
        return (
            w[j].lower in self.acronym_shared_act
            and j + 2 < len(w)
            and w[j + 1].lower in {"and", "or"}
            and self._verb_at(w, j + 2)
        )

    def _verb_at(self, w: Sequence[Word], j: int) -> bool:
        """Whether a body's act stands at ``j`` after at most two -ly adverbs: a verb of
        ``acronym_verb`` or an -ed word not in ``acronym_ed_not_verb``."""
        n = len(w)
        end = j + 2
        while j < n and j <= end and w[j].alpha and w[j].lower.endswith("ly"):
            j += 1
        if j >= n or not w[j].alpha or w[j].cap:
            return False
        return self._act_word(w, j)

    def _act_word(self, w: Sequence[Word], j: int) -> bool:
        """Whether the lower-case word at ``j`` is a body's act: a verb of ``acronym_verb``,
        an -ed word not in ``acronym_ed_not_verb``, or a verb with its object
        (``_object_act``)."""
        low = w[j].lower
        return (low in self.acronym_verb
                or (low.endswith("ed") and low not in self.acronym_ed_not_verb)
                or self._object_act(w, j))

    def _object_act(self, w: Sequence[Word], j: int) -> bool:
        """Whether a verb of ``acronym_object_verb`` at ``j`` has an object, not "to": "DLO
        led regular meetings" is a body's act, "the NAP led to more referrals" a plan's
        outcome."""
        return (w[j].lower in self.acronym_object_verb and j + 1 < len(w)
                and w[j + 1].alpha and w[j + 1].lower != "to")

    def _relative_acts(self, w: Sequence[Word], k: int) -> bool:
        """Whether a relative clause right after the bare acronym at ``k`` shows it acting:
        "refer potential victims within 24 hours to ATD, which officially identified
        victims" (a pronoun of ``acronym_relative``, then a body's act). The clause is the
        acronym's own, so the preposition before it does not matter; a place's acronym never
        acts ("to the UAE, which later deported them")."""
        return (
            k + 3 < len(w)
            and w[k + 1].text == ","
            and w[k + 2].lower in self.relative
            and self._verb_at(w, k + 3)
        )

    def _called_body(self, w: Sequence[Word], k: int) -> bool:
        """Whether a copula after the bare acronym at ``k`` calls it a body: "OPROGEM were the
        lead government entities responsible for ..." (a verb of ``acronym_copula``, an
        article, at most three lower-case words and a noun of ``acronym_body_noun``), or a
        duty of ``acronym_duty`` and a work in -ing ("The PNPTU was responsible for investigating
        ...", legal_years_heldout16's PRY 2021; "the TPLF are responsible for abuses" is
        blame, no duty); "the TIPA remained the main legal framework" calls it none. An
        apposition with "a" or "an" calls it so too ("The CGPU, a specialized anti-trafficking
        unit within ...") or "the" ("ATC, the government entity responsible for the oversight
        ...", legal_years_heldout20's TZA 2021; a capitalised word there ends the test, so a
        list "MOL, the FA, ..." is none)."""
        n = len(w)
        j = k + 1
        if (j + 3 < n and w[j].lower in self.copula and w[j + 1].lower in self.acronym_duty
                and w[j + 2].lower in {"for", "with"} and w[j + 3].lower.endswith("ing")):
            return True  # "The PNPTU was responsible for investigating trafficking crimes"
        if j + 1 >= n:
            return False
        copula = w[j].lower in self.copula and w[j + 1].lower in {"the", "a", "an"}
        apposed = w[j].text == "," and w[j + 1].lower in {"the", "a", "an"}
        if not (copula or apposed):
            return False
        for m in range(j + 2, min(j + 6, n)):
            x = w[m]
            if not x.alpha or x.cap:
                return False
            if x.lower in self.body_noun:
                return True
        return False

    def _coordinated_acts(self, w: Sequence[Word], k: int) -> bool:
        """Whether the bare acronym opening a sentence at ``k`` acts with an actor it is
        coordinated with: "ATU and civil society conducted proactive identification efforts"
        ("and", an optional article, a word of ``acronym_coactor`` and at most two more
        lower-case words, then a body's act). Coordinated with things ("ICT and mobile phones
        enabled ...") it does not; a place's acronym never does."""
        n = len(w)
        opens = w[k].sent_start or (k >= 1 and w[k - 1].lower == "the" and w[k - 1].sent_start)
        if not (opens and k + 2 < n and w[k + 1].lower == "and"):
            return False
        j = k + 2
        if w[j].lower in {"the", "an", "a"}:
            j += 1
        if j < n and self._acronym_partner(w, j):
            return True  # "The PGO and the MIA each had a memorandum": both are parties
        if j >= n or w[j].lower not in self.coactor:
            return False
        for m in range(j + 1, min(j + 4, n)):
            if self._verb_at(w, m):
                return True
            if not (w[m].alpha and not w[m].cap):
                return False
        return False

    def _acronym_partner(self, w: Sequence[Word], j: int) -> bool:
        """Whether the word at ``j``, after a sentence-opening bare acronym and "and", is a
        second bare acronym that acts (:meth:`_acts`), no place's: the two share the act. A
        ministry's mixed-case acronym counts ("FEB and MoLESS continued to finalize an SOP",
        legal_years_heldout30's NPL 2023)."""
        x = w[j]
        mixed = _MIXED_PARTNER.match(x.text) is not None  # "FEB and MoLESS continued"
        return ((x.upper or mixed) and x.alpha and len(x.text) > 1
                and x.lower not in self.not_body
                and load_gazetteer().country_by_name(x.text) is None and self._acts(w, j))

    def _after_apposition(self, w: Sequence[Word], k: int) -> int:
        """The word after the acronym at ``k``, or after an apposition set off by commas
        right after it ("DIRCTPTIM, which kept its own database, reported"); an apposition
        opens with a word of ``acronym_clause_opener`` and ends within the sentence."""
        n = len(w)
        if not (k + 2 < n and w[k + 1].text == "," and w[k + 2].lower in self.clause_opener):
            return k + 1
        for j in range(k + 3, min(k + 16, n)):
            if w[j].sent_start or w[j].text in {".", ";"}:
                break
            if w[j].text == ",":
                return j + 1
        return k + 1

    def _listed(self, w: Sequence[Word], k: int, body_ends: set[int]) -> bool:
        """Whether the bare acronym at ``k`` is an item of a list of bodies: after a body's
        last word (or another such acronym) and a comma or "and" ("..., Residency Affairs
        Division, PAM, and the PPO"). A place's acronym never is, nor an owner ("ROP's")."""
        j = k - 1
        skipped: list[str] = []
        while j >= 0 and len(skipped) < 3 and w[j].lower in self.list_joiner:
            skipped.append(w[j].lower)
            j -= 1
        return (
            j in body_ends
            and ("," in skipped or "and" in skipped)
            and not (k + 1 < len(w) and w[k + 1].lower == "'s")  # "ROP's Directorate ...": owner
        )

    def _listed_before(self, w: Sequence[Word], k: int, body_starts: set[int],
                       body_ends: set[int], depth: int = 0) -> bool:
        """Whether the bare acronym at ``k`` opens a list item before a body's name, the list
        going on after that name: "MOL, the FA, the National Immigration Agency (NIA), and
        other stakeholders" (legal_years_heldout13's TWN 2020; :meth:`_listed` reads only the
        items after a body). An acronym after a preposition ends an opening phrase ("Under the
        TIPA, the Ministry of Justice drafted ...") and is none. A run of such acronyms
        before the name is read item by item ("agencies, including SAPS, DSD, NPA, and the
        Department of Justice ... (DOJCD), used SOPs", legal_years_heldout20's ZAF 2023)."""
        n = len(w)
        j = _before_the(w, k)
        if j >= 0 and w[j].lower in self.acronym_object_before:
            return False
        m = k + 1
        skipped: list[str] = []
        while m < n and len(skipped) < 3 and w[m].lower in self.list_joiner:
            skipped.append(w[m].lower)
            m += 1
        if "," not in skipped or m >= n:
            return False
        if m not in body_starts:
            x = w[m]  # "SAPS, DSD, NPA, and the Department ...": the next item an acronym
            return (depth < 4 and x.upper and x.alpha and len(x.text) > 1
                    and x.lower not in self.not_body
                    and load_gazetteer().country_by_name(x.text) is None
                    and self._listed_before(w, m, body_starts, body_ends, depth + 1))
        end = min((e for e in body_ends if e >= m), default=n)
        after = end + 1
        if after < n and w[after].text == "(":
            after = next((t + 1 for t in range(after, min(after + 6, n)) if w[t].text == ")"), n)
        return after < n and w[after].lower in {",", "and", "or"}

    def _staff_from(self, w: Sequence[Word], k: int) -> bool:
        """Whether personnel come from the bare acronym at ``k``: "an investigator from the
        THBD", "officers of the NPA" (a noun of ``acronym_personnel``, "from"/"of" and an
        optional "the"): only a body has staff. A place's acronym never gets here ("officials
        from the UAE")."""
        j = _before_the(w, k)
        return (j >= 1 and w[j].lower in {"from", "of"}
                and w[j - 1].lower in self.acronym_personnel)

    def _receives(self, w: Sequence[Word], k: int) -> bool:
        """Whether the bare acronym at ``k`` receives a case, victim or complaint: "to the" or
        "with the" (or "to" alone) before it and a verb of ``acronym_recipient_verb`` earlier
        in its clause ("referred two victims ... to the CID", "filed complaints with the DNT",
        "could refer potential victims to MOM and ..."). A place's acronym never does
        ("referred victims to the UAE embassy", "repatriated others to UAE")."""
        bare = not (k >= 2 and w[k - 1].lower == "the")
        prep = k - 1 if bare else k - 2
        if prep < 0 or w[prep].lower not in self.recipient_prep:
            return False
        # without "the" the verb must be near ("refer potential victims to MOM"): "transferred
        # children ... to a government official with ties to GATIA" hands nothing to GATIA
        reach = 6 if bare else 20
        for j in range(prep - 1, max(k - reach, -1), -1):
            if w[j].text in {";", ".", ":"}:
                return False
            if w[j].lower in self.recipient_verb:
                return True
            if w[j].sent_start:
                return False
        return False

    def _notified(self, w: Sequence[Word], k: int) -> bool:
        """Whether the bare acronym at ``k`` is the object of a verb of
        ``acronym_notified_verb``, past an optional "the": "was required by law to notify
        NATFATIP, partner NGOs, and ..." (legal_years_heldout45 JAM 2018). Only a body is
        notified or contacted; a statute or plan never is. A place's acronym never gets here."""
        j = _before_the(w, k)
        return j >= 0 and w[j].lower in self.notified_verb

    def _charged(self, w: Sequence[Word], k: int) -> bool:
        """Whether the bare acronym at ``k`` is charged with a task: after a verb of
        ``acronym_charge_verb`` (or "called for"/"on"/"upon"), past an optional "the", and
        followed by "to" and a verb ("the new national action plan called for the MJT to
        coordinate all victim care", legal_years_heldout50 CPV 2018; "mandated the NCC to
        oversee"). A statute or a plan is charged with no task; "to be" is no act ("called
        for the PHTA to be amended")."""
        n = len(w)
        j = _before_the(w, k)
        if j < 0:
            return False
        if w[j].lower in {"for", "on", "upon"}:
            if not (j >= 1 and w[j - 1].lower in self.call_verb):
                return False
        elif w[j].lower not in self.charge_verb:
            return False
        return (k + 2 < n and w[k + 1].lower == "to" and w[k + 2].alpha and not w[k + 2].cap
                and w[k + 2].lower not in self.charge_not_act)

    def _parent(self, w: Sequence[Word], k: int, body_ends: set[int]) -> bool:
        """Whether the bare acronym at ``k`` is the body another belongs to, in an apposition
        set off by commas right after that body: "The National Institute for Women
        (Inmujeres), under MIDES, was ...", "the Labor Inspectorate, within the MOL, ..."
        (a preposition of ``acronym_parent_prep``). A place's acronym never is ("the unit,
        within UAE, ...")."""
        j = k - 1
        if j >= 0 and w[j].lower == "the":
            j -= 1
        return (
            j >= 2
            and w[j].lower in self.parent_prep
            and w[j - 1].text == ","
            and (j - 2 in body_ends or self._bracket_after_body(w, j - 2, body_ends))
            and k + 1 < len(w)
            and w[k + 1].text == ","
        )

    @staticmethod
    def _bracket_after_body(w: Sequence[Word], close: int, body_ends: set[int]) -> bool:
        """Whether ``close`` is the ")" of a short bracket right after a body's last word
        ("National Institute for Women (Inmujeres)", whose mixed-case acronym is no
        definition)."""
        if w[close].text != ")":
            return False
        for o in range(close - 1, max(close - 5, -1), -1):
            if w[o].text == "(":
                return o - 1 in body_ends or close - 1 in body_ends
        return False

    def _example_body(self, w: Sequence[Word], k: int) -> bool:
        """Whether the bare acronym at ``k`` is named as one of a class of bodies: a plural
        body noun (``acronym_body_noun``), a comma and "including" or "such as", past an
        optional "the" ("Several government agencies, including the MIA, developed ...",
        legal_years_heldout47 UGA 2022). Only a body is one of "agencies" or "ministries"; a
        place's acronym never gets here."""
        j = _before_the(w, k)
        if j >= 1 and w[j].lower == "as" and w[j - 1].lower == "such":
            j -= 1
        elif not (j >= 0 and w[j].lower == "including"):
            return False
        return (j >= 2 and w[j - 1].text == ","
                and w[j - 2].lower in self.body_noun and w[j - 2].lower.endswith("s"))

    def _partners(self, w: Sequence[Word], k: int) -> bool:
        """Whether the bare acronym at ``k`` is a body another one works with: "in cooperation
        with the GPF", "in coordination with the MAS" (a noun of ``acronym_partner_noun``, then
        "with the"). Intergovernmental acronyms never get here (``acronym_not_body``), and a
        place's acronym is no partner body ("in cooperation with the UAE")."""
        return (
            k >= 3
            and w[k - 1].lower == "the"
            and w[k - 2].lower == "with"
            and w[k - 3].lower in self.partner_noun
        )

    def _founded(self, w: Sequence[Word], k: int) -> bool:
        """Whether the bare acronym at ``k`` is a body the government creates: "the government
        established the CLRC in June 2020 to review existing laws" (a verb of
        ``acronym_founding_verb``, then "the"); a narrative may name such a body only so. Plan
        and mechanism acronyms never get here (``acronym_not_body``), nor a place's."""
        return (
            k >= 2
            and w[k - 1].lower == "the"
            and w[k - 2].lower in self.founding_verb
        )
