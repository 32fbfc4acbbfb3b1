"""The words of ``tip_agencies``: head nouns, word lists, known acronyms, own-country words.

Every reader of agency names (:mod:`~tipgraph.extract.agency_names` for capitalised names,
:mod:`~tipgraph.extract.agency_descriptions` for lower-case descriptions, the component in
:mod:`~tipgraph.extract.agencies` and the resolver in
:mod:`~tipgraph.extract.agency_resolve`) looks words up here, so they agree on what a head
is. The data are files of ``tipgraph.extract.patterns`` (``agencies_heads.jsonl``,
``agencies_lexicon.jsonl``, ``agencies_acronyms.jsonl``) read through
:mod:`tipgraph.extract.patterns` (broken data is ``E230`` with its file and line), and the
gazetteer's country adjectives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tipgraph.extract.legal_words import Word, country_table, is_stop
from tipgraph.extract.patterns import objects, word_lists

__all__ = [
    "LAW_HEADS",
    "LEXICON",
    "SPECIAL_TO",
    "YEARISH",
    "AgencyWords",
    "Found",
    "Head",
    "adjectives",
    "heads",
    "join",
    "known_acronyms",
    "stop",
    "strip_own_adjective",
]

LEXICON = "agencies_lexicon.jsonl"
#: Verbs of "division to combat ...": a body's mandate, so the tail is part of its name.
SPECIAL_TO = frozenset({"combat", "fight", "counter", "prevent", "protect", "suppress"})
#: Heads of statutes: a capitalised run that ends in one is a law's title, not a body (an
#: instrument's plural noun, "the Employment Agency Regulations", is ``instrument_word``'s).
LAW_HEADS = frozenset(
    {"act", "law", "code", "decree", "ordinance", "statute", "proclamation", "decree-law"}
)
YEARISH = re.compile(r"^(19|20)\d{2}(?:[-–](19|20)?\d{2})?$")
# A hotline's number after a ``number_first`` head: digits, or digit groups joined by
# hyphens ("Childline 1098", Togo's "Allo 10-11").
HOTLINE_NUMBER = re.compile(r"\d+(?:-\d+)*$")
# the joiners an acronym does not spell ("health and labor inspection body (HLIB)")
_UNSPELLED = frozenset({"and", "of", "for", "&"})


@dataclass(frozen=True, slots=True)
class Head:
    """How a head noun behaves (one line of ``agencies_heads.jsonl``).

    ``number_first``: a number next to the name is part of it, as hotlines are named by
    their numbers ("1343 Actionline against Human Trafficking", "Child Helpline 116").
    ``lower_needs_word``: a lower-case description with this head names a body only with one
    of these words ("the national anti-trafficking coalition", not "the ruling coalition").
    ``lower_after_name``: in lower case it ends a name of capitalised words before it ("the
    Independent Child Trafficking Advocate program"). ``rank_official``: after a rank word of
    ``official_rank`` the name is an official's title ("the Chief Secretary for Administration").
    ``for_beneficiary``: in lower case, definite, with a tail "for" + the people it serves
    (``program_beneficiary``), it names a government's programme with the tail ("its recovery
    and reintegration program for trafficked persons").
    ``lower_with_acronym``: a head named only capitalised names a body in lower case too when
    a bracketed acronym follows it, spelled or not ("the national child welfare institution
    (PANI)": a Spanish acronym of a body the report names in English).
    ``plural_spelled``: a head named only capitalised names government bodies in a lower-case
    plural too when a bracketed plural acronym after it spells the words ("multi-agency
    emergency response teams (ERTs)", Eswatini 2023): the acronym shows the teams are a set the
    government made and names; without it ("teams of local officials") none.
    ``coordinated``: its plural shares an of-list ("the ministries of education and health"
    are two ministries); teams are not named so ("Teams of local officials and NGOs").
    ``lower_by_word``: a head named only capitalised names a body in lower case too, singular
    and definite, with one of these words among the four before it ("the immediate response
    team"): those words make the description one kind of government body.
    ``own_words``: words of the head's own name before it, passed over by the ``after`` test
    (the "New" of "Zealand": "Immigration New Zealand" is read as "Immigration" before it).
    ``part_before_number``: capitalised before a number it is a statute's part, no body
    ("Amend Penal Code Sections 154 and 227 ...").
    """

    head: str
    plural: str | None
    pp: bool = True
    bare_ok: bool = False
    cap_only: bool = False
    indefinite_ok: bool = False
    needs_cap_modifier: bool = False
    needs_pp: bool = False
    number_first: bool = False
    after: frozenset[str] = frozenset()
    needs_word: frozenset[str] = frozenset()
    lower_needs_word: frozenset[str] = frozenset()
    lower_after_name: bool = False
    rank_official: bool = False
    coordinated: bool = True
    for_beneficiary: bool = False
    lower_with_acronym: bool = False
    plural_spelled: bool = False
    lower_by_word: frozenset[str] = frozenset()
    own_words: frozenset[str] = frozenset()
    part_before_number: bool = False


@lru_cache(maxsize=1)
def heads() -> dict[str, Head]:
    """Head table keyed by both singular and plural lower-case forms."""
    out: dict[str, Head] = {}
    for _line, rec in objects("agencies_heads.jsonl", "head"):
        h = Head(
            head=rec["head"],
            plural=rec.get("plural"),
            pp=rec.get("pp", True),
            bare_ok=rec.get("bare_ok", False),
            cap_only=rec.get("cap_only", False),
            indefinite_ok=rec.get("indefinite_ok", False),
            needs_cap_modifier=rec.get("needs_cap_modifier", False),
            needs_pp=rec.get("needs_pp", False),
            after=frozenset(x.lower() for x in rec.get("after", [])),
            number_first=rec.get("number_first", False),
            needs_word=frozenset(x.lower() for x in rec.get("needs_word", [])),
            lower_needs_word=frozenset(x.lower() for x in rec.get("lower_needs_word", [])),
            lower_after_name=rec.get("lower_after_name", False),
            rank_official=rec.get("rank_official", False),
            coordinated=rec.get("coordinated", True),
            for_beneficiary=rec.get("for_beneficiary", False),
            lower_with_acronym=rec.get("lower_with_acronym", False),
            plural_spelled=rec.get("plural_spelled", False),
            lower_by_word=frozenset(x.lower() for x in rec.get("lower_by_word", [])),
            own_words=frozenset(x.lower() for x in rec.get("own_words", [])),
            part_before_number=rec.get("part_before_number", False),
        )
        out[h.head] = h
        if h.plural:
            out[h.plural] = h
    return out


@lru_cache(maxsize=1)
def known_acronyms() -> dict[str, str]:
    """Acronyms the reports use without spelling them out, with the name they stand for."""
    out = {}
    for _line, rec in objects("agencies_acronyms.jsonl", "acronym", "name"):
        out[rec["acronym"]] = rec["name"]
    return out


def adjectives(iso3: str | None) -> frozenset[str]:
    """Lower-case adjectives of a country (``"JAM"`` -> jamaican), empty for none."""
    if not iso3:
        return frozenset()
    return country_table().get(iso3.upper(), (frozenset(), frozenset()))[1]


@dataclass(slots=True)
class Found:
    """A body found by the walk: its span, the last word it covers, its acronym and name."""

    start: int
    end: int
    last: int
    acronym: str | None
    acr_word: int | None
    name: str | None = None


class AgencyWords:
    """The word lists and head tests both walks use (a base of the component's readers)."""

    def __init__(self) -> None:
        self.heads = heads()
        lx = word_lists(LEXICON)
        self._acronym_lists(lx)
        self._people_lists(lx)
        self._not_a_body_lists(lx)
        self.name_stop = lx["name_stop"]
        self.name_stop_topic = lx["name_stop_topic"]
        self.name_stop_closing = lx["name_stop_closing"]
        self.name_stop_compound = lx["name_stop_compound"]
        self.connector = lx["connector"]
        # what follows a statute's head in a head-first title ("Proclamation of ...")
        self.title_opener = word_lists("laws_lexicon.jsonl")["title_opener"]
        self.in_after = lx["in_after"]
        self.determiner = lx["determiner"]
        self.indefinite = lx["indefinite"]
        self.reject = lx["modifier_reject"]
        self.level_modifier = lx["level_modifier"]
        self.strip = lx["modifier_strip"] | lx["modifier_ordinal"]
        self.ordinal = lx["modifier_ordinal"]
        self.pp_intro = lx["pp_intro"]
        self.pp_topic = lx["pp_topic"]
        self.pp_use_end = lx["pp_use_end"]
        self.pp_of_topic = lx["pp_of_topic"]
        self.frequency_word = lx["frequency_word"]
        self.verb_head = lx["verb_head"]
        self.verb_head_object_end = lx["verb_head_object_end"]
        self.postpositive = lx["postpositive_adjective"]
        self.conjunct_noun = lx["conjunct_noun"]
        self.person_article_topic = lx["person_article_topic"] | lx["pp_topic"]
        self.clause_gerund = lx["clause_gerund"]
        self.record_head = lx["record_head"]
        self.on_heads = lx["on_heads"]
        self.descriptive = lx["descriptive"]
        self.joint_body = lx["joint_body"]
        self.noun_suffix = tuple(sorted(lx["noun_suffix"]))
        self.noun_after_cap = lx["noun_after_cap"]
        self.owner_suffix = tuple(sorted(lx["owner_suffix"]))
        self.funding_suffix = tuple(sorted(lx["funding_suffix"]))
        self.topic_acronym = lx["topic_acronym"]
        self.alias_cue = lx["alias_cue"]
        self.open_quotes = lx["open_quote"]
        self.close_quotes = lx["close_quote"]
        self.quoted_body_after = lx["quoted_body_after"]
        self.plan_program_verb = lx["plan_program_verb"]
        self.plan_program_skip = lx["plan_program_skip"]
        self.recommendation_verb = lx["recommendation_verb"]
        self.head_postmodifier = lx["head_postmodifier"]
        self.chain_opener = lx["chain_opener"]
        self.court_system = lx["court_system"]
        self.program_beneficiary = lx["program_beneficiary"]
        self.program_exploitation = lx["program_exploitation"]
        # a statute's head or an instrument's plural noun ends a title, not a body's name
        self.title_end = LAW_HEADS | lx["instrument_word"]
        # acronyms a capitalised name never takes in as its own word
        self.not_in_name = (self.not_body - self.topic_acronym) | self.intergovernmental

    def _not_a_body_lists(self, lx: dict[str, frozenset[str]]) -> None:
        """The lists that tell a name is no government body: private and non-government
        owners, sector nouns, insurgents, places, intergovernmental owners and names the
        guidelines leave out."""
        self.private = lx["private_word"]
        self.internal_possessor = lx["internal_possessor"]
        self.sector = lx["sector_noun"]
        self.not_government = lx["not_government"]
        self.disowned_before = lx["disowned_before"]
        self.insurgent_word = lx["insurgent_word"]
        self.insurgent_head = lx["insurgent_head"]
        self.ngo_class = lx["ngo_class"]
        self.place_head = lx["place_head"]
        self.place_before = lx["place_before"]
        self.local_government = lx["local_government"]
        self.intergovernmental = lx["intergovernmental_owner"]
        self.excluded_name = lx["excluded_name"]

    def _people_lists(self, lx: dict[str, frozenset[str]]) -> None:
        """The lists about people and forces: personnel nouns, officers' roles and ranks,
        office-holders and the state's forces, which tell a body from its staff."""
        self.personnel = lx["personnel"]
        self.country_force = lx["country_force"]
        self.bare_force = lx["bare_force"]
        self.force_branch = lx["force_branch"]
        self.officer_role = lx["officer_role"]
        self.listed_person = lx["listed_person"]
        self.holder_office = lx["holder_office"]
        self.office_holder_titled = lx["office_holder_titled"]
        self.office_holder = lx["office_holder"]
        self.official_rank = lx["official_rank"]
        self.official_title = lx["official_title"]
        self.state_force = lx["state_force"]
        self.state_force_word = lx["state_force_word"]

    def _acronym_lists(self, lx: dict[str, frozenset[str]]) -> None:
        """The lists that tell a bare acronym's use (a body acting, a law, people, a place in
        a list), kept apart from the name walks' lists."""
        self.not_body = lx["acronym_not_body"]
        self.acronym_verb = lx["acronym_verb"]
        self.acronym_facility = lx["acronym_facility"]
        self.acronym_duty = lx["acronym_duty"]
        self.acronym_ed_not_verb = lx["acronym_ed_not_verb"]
        self.acronym_object_verb = lx["acronym_object_verb"]
        self.acronym_shared_act = lx["acronym_shared_act"]
        self.acronym_personnel = lx["acronym_personnel"]
        self.acronym_member = lx["acronym_programme_member"]
        self.acronym_fellow = lx["acronym_fellow"]
        self.acronym_parts = lx["acronym_parts"]
        self.acronym_possessed = lx["acronym_possessed"]
        self.acronym_care_object = lx["acronym_care_object"]
        self.acronym_modal = lx["acronym_modal"]
        self.acronym_modal_act = lx["acronym_modal_act"]
        self.acronym_law_verb = lx["acronym_law_verb"]
        self.acronym_armed = lx["acronym_armed_members"]
        self.acronym_object_before = lx["acronym_object_before"]
        self.clause_opener = lx["acronym_clause_opener"]
        self.list_joiner = lx["acronym_list_joiner"]
        self.recipient_verb = lx["acronym_recipient_verb"]
        self.recipient_prep = lx["acronym_recipient_prep"]
        self.notified_verb = lx["acronym_notified_verb"]
        self.charge_verb = lx["acronym_charge_verb"]
        self.call_verb = lx["acronym_call_verb"]
        self.charge_not_act = lx["acronym_charge_not_act"]
        self.parent_prep = lx["acronym_parent_prep"]
        self.partner_noun = lx["acronym_partner_noun"]
        self.founding_verb = lx["acronym_founding_verb"]
        self.unfounded_verb = lx["unfounded_verb"]
        self.unfounded_before = lx["unfounded_before"]
        self.relative = lx["acronym_relative"]
        self.copula = lx["acronym_copula"]
        self.body_noun = lx["acronym_body_noun"]
        self.coactor = lx["acronym_coactor"]
        self.acronym_pact = lx["acronym_pact"]
        self.acronym_rules = lx["acronym_rules"]
        self.acronym_adverb = lx["acronym_adverb"]

    def _head_of(self, x: Word) -> Head | None:
        """The head entry of a word ("ministry", "Ministries", "sub-council"), else None."""
        h = self.heads.get(x.lower)
        if h is None and "-" in x.lower:
            prefix, _, last = x.lower.rpartition("-")
            if prefix in {"sub", "task"}:
                h = self.heads.get(last)
        return h

    @staticmethod
    def _after_ok(w: Sequence[Word], i: int, h: Head) -> bool:
        """Does the word before the head at ``i`` pass its ``after`` test (none to pass, or
        one of ``h.after`` before it, past the head's ``own_words``: "Immigration New
        Zealand")?"""
        if not h.after:
            return True
        k = i - 1
        while k >= 0 and w[k].lower in h.own_words:
            k -= 1
        return k >= 0 and w[k].lower in h.after

    def _owner_suffix(self, x: Word, funding: bool = False) -> str | None:
        """The ``owner_suffix`` a capitalised word ends in ("Justice-led": "-led"), else None;
        with ``funding``, a ``funding_suffix`` too ("MLSA-funded": only a bare acronym's)."""
        if not x.cap:
            return None
        ends = self.owner_suffix + self.funding_suffix if funding else self.owner_suffix
        return next((e for e in ends if x.lower.endswith(e) and x.lower != e), None)

    def _led_by(self, w: Sequence[Word], j: int) -> bool:
        """Whether the word at ``j`` ends a body's name with an owner suffix ("the Ministry of
        Justice-led inter-ministerial committee"): the body leads what follows, which that
        makes definite as a possessive would. The stem is a head, or a singular head stands
        in the capitalised run before it; "NGO-run" and "Church-led" own nothing."""
        if j < 0:
            return False
        suffix = self._owner_suffix(w[j])
        if suffix is None:
            return False
        if w[j].lower[: -len(suffix)] in self.heads:
            return True
        k = j - 1
        while k >= 0 and j - k <= 6 and (w[k].cap or w[k].lower in self.connector):
            if self._is_singular_head(w[k]):
                return True
            if w[k].sent_start:
                break
            k -= 1
        return False

    def _is_head(self, x: Word) -> bool:
        """A head noun that can end or start a name inside a walk ("immigration" cannot)."""
        h = self._head_of(x) if x.alpha else None
        return h is not None and not h.needs_cap_modifier and not h.needs_word

    def _compound(self, w: Sequence[Word], j: int) -> bool:
        """Does the name_stop word at ``j`` open a fixed compound of the name with the next
        word ("Isange One Stop Centers")? Then it is a word of the name, not a count."""
        return j + 1 < len(w) and f"{w[j].lower} {w[j + 1].lower}" in self.name_stop_compound

    def _in_ok(self, prev: Word) -> bool:
        """May "in" continue a name after ``prev``? ("Trafficking in Persons", "Mission in")."""
        return prev.lower in self.in_after or prev.lower.endswith("trafficking")

    def _is_singular_head(self, x: Word) -> bool:
        """A singular head: only these start or end another body inside a chain."""
        return self._is_head(x) and not self._is_plural(x)

    def _is_plural(self, x: Word) -> bool:
        """Is the word a head in its plural form ("ministries", "units")?"""
        h = self._head_of(x)
        return h is not None and h.plural is not None and x.lower.endswith(h.plural)

    def _acronym_after(self, w: Sequence[Word], last: int) -> tuple[str | None, int | None, int]:
        """An acronym defined in parentheses right after the name: "(NPA)", a mixed-case one
        ("Namibian Police Force (NamPol)", "(MoJ)"), or one with the name's own last head
        after it ("Counter Trafficking in Persons Secretariat (CTiP Secretariat)"), which is
        the short form the text gives, not a second body."""
        n = len(w)
        if last + 3 >= n or w[last + 1].text != "(" or not _acronym_word(w[last + 2]):
            return None, None, last
        if w[last + 3].text == ")":
            return w[last + 2].text, last + 2, last + 3
        if (
            last + 4 < n
            and w[last + 4].text == ")"
            and w[last + 3].cap
            and w[last + 3].lower == w[last].lower
            and self._is_head(w[last])
        ):
            return f"{w[last + 2].text} {w[last + 3].text}", last + 2, last + 4
        return None, None, last

    def _spelled_by_acronym(self, w: Sequence[Word], i: int, plural: bool = False) -> bool:
        """Does a bracketed acronym right after the lower-case head at ``i`` spell the
        initials of the words ending there ("the health and labor inspection body (HLIB)")?
        The spelling shows the description is a body's name, even with a head that is a body
        only capitalised ("body", "program"); joiners ("and", "of", "for") are not spelled,
        and a hyphenated word may give the initials of its parts (``spelled``). With
        ``plural`` (the head's ``plural_spelled``) a plural head's plural acronym spells it
        without its "s" ("emergency response teams (ERTs)")."""
        acronym, _, _ = self._acronym_after(w, i)
        if acronym is None or w[i].cap or len(acronym) < 3:
            return False
        if plural and self._is_plural(w[i]) and acronym.endswith("s") and acronym[:-1].isupper():
            acronym = acronym[:-1]
        words: list[str] = []
        k = i
        while k >= 0 and len(words) < len(acronym) and w[k].alpha and not w[k].cap:
            if w[k].lower not in _UNSPELLED:
                words.append(w[k].lower)
            k -= 1
        words.reverse()
        return any(spelled(words[m:], acronym) for m in range(len(words)))

    def _spells(self, w: Sequence[Word], first: int, last: int, acronym: str) -> bool:
        """Do the initials of the words ``first``..``last`` spell ``acronym`` (three letters or
        more; joiners "and", "of", "for" not spelled; a plural's "s" dropped: "VSUs"; a
        hyphenated word by its own initial or its parts', ``spelled``)? A name that its
        acronym spells is the name the text gives the body."""
        acr = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym
        words = [w[k].lower for k in range(first, last + 1)
                 if w[k].alpha and w[k].lower not in _UNSPELLED]
        return len(acr) >= 3 and spelled(words, acr)


def spelled(words: Sequence[str], acronym: str) -> bool:
    """Do ``words`` spell ``acronym`` by their initials, each hyphenated word either by its
    own initial or by its parts' ("regional anti-trafficking committee" is RATC or RAC)?

    Writers spell "anti-trafficking" both ways: "Anti-Trafficking Unit (ATU)" and "the
    provincial anti-trafficking committee (PATC)". Reading the word only as one initial
    lost every description whose acronym spells its parts (the name read as a bare acronym).
    """
    target = acronym.lower()
    reached = {0}  # how many letters of the acronym the words so far can have spelled
    for word in words:
        options = {word[:1]}
        parts = [part for part in word.split("-") if part]
        if len(parts) > 1:
            options.add("".join(part[0] for part in parts))
        reached = {at + len(o) for at in reached for o in options
                   if o and target.startswith(o, at)}
        if not reached:
            return False
    return len(target) in reached


_MIXED_ACRONYM = re.compile(r"^[A-Z](?=(?:[a-z]*[A-Z]){1,})[A-Za-z]{1,7}$")


def _acronym_word(x: Word) -> bool:
    """An acronym: all capitals (``Word.upper``), or mixed case with two or more capitals and
    no "Mc"/"Mac" surname shape ("NamPol", "CTiP", "MoJ"; not "McDonald")."""
    if x.upper:
        return True
    return (
        _MIXED_ACRONYM.match(x.text) is not None
        and not x.text.startswith(("Mc", "Mac"))
        and not x.text[1:].islower()
    )


@lru_cache(maxsize=1)
def _stop_words() -> tuple[frozenset[str], frozenset[str]]:
    shared = word_lists("laws_lexicon.jsonl")
    own = word_lists(LEXICON)
    return shared["stop"] | own["stop_extra"], shared["ed_ok"]


def stop(lower: str) -> bool:
    """Function words, common verbs, -ed verbs and -ly adverbs never modify a head."""
    stop_words, ed_ok = _stop_words()
    return is_stop(lower, stop_words, ed_ok)


def join(w: Sequence[Word], a: int, b: int) -> str:
    parts: list[str] = []
    for k in range(a, b + 1):
        glued = w[k].lower == "'" and w[k].start == w[k - 1].end  # "Earners' Welfare"
        if parts and w[k].lower != "'s" and w[k].text not in {",", ")"} and not glued:
            parts.append(" ")
        parts.append(w[k].text)
    return "".join(parts)


def strip_own_adjective(name: str, acronym: str | None, adjectives: frozenset[str]) -> str:
    """Drop a leading own-country adjective unless the acronym spells it ("Jamaican ... (JCF)")."""
    if not adjectives:
        return name
    parts = name.split()
    for size in (2, 1):
        if len(parts) > size and " ".join(parts[:size]).lower() in adjectives:
            if acronym and acronym[:1].upper() == parts[0][:1].upper():
                return name
            if len(parts) == size + 1 and parts[-1][:1].isupper() and parts[-1].lower() in heads():
                return name  # "Namibian Police" is a name; "Kyrgyz police" is the police
            rest = parts[size:]
            lx = word_lists(LEXICON)
            if len(rest) == 2 and (
                    rest[0] in lx["state_force_word"] and rest[1] in lx["state_force"]):
                return name  # "Burmese armed forces": the adjective is the forces' one name
            if " ".join(rest[:2]).lower() in lx["adjective_inside"]:
                return name  # "Qatari Red Crescent Society": the society is named by country
            if (
                len(rest) > 2
                and rest[0][:1].isupper()
                and rest[0].lower() in heads()
                and rest[0].lower() not in lx["adjective_outside"]
                and rest[1] in {"of", "for"}
            ):
                # "Colombian Institute of Family Welfare": an adjective before a head-first
                # title is the title's first word (a ministry's is the country's)
                return name
            return " ".join(rest)
    return name
