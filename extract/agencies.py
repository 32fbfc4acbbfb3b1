"""Named government bodies of TIP narratives: a spaCy component and a per-narrative resolver.

The reports name a body in three shapes, and the component reads each:

* **Capitalised names** around a head noun (*Ministry*, *Agency*, *Office*, *Police*,
  *Unit*, *Commission*, *Committee*, *Council*, *Court*, *Task Force*, *Directorate* ...):
  head-first with an "of"/"for"/"on"/"against" chain ("Ministry of Labor, Industrial
  Relations, Employment, and Training", "Office for the Fight against Trafficking in
  Persons"), head-last ("Combating Trafficking in Human Beings and Migrant Smuggling Unit"),
  or both. A chain stops where another body starts ("... Corruption of the Police
  Directorate", "Public Security Directorate and Ministry of Labor").
* **Definite lower-case descriptions** that designate one body: "the labor ministry", "the
  national anti-trafficking taskforce", "the directorate of general security (DGS)", "MVD's
  witness protection unit", and attributive uses such as "immigration bureau officers". A
  class ("anti-trafficking police units", "local courts") or an indefinite phrase ("an
  inter-ministerial body") is not a name; national rapporteurs are kept even when introduced
  with "a" because the guidelines list them.
* **Acronyms**: "National Police Agency (NPA)" defines one; every other capitalised
  abbreviation is kept as a candidate use that :func:`resolve_agencies` links to its
  definition anywhere in the narrative (a narrative is read as several section docs).

Names are written as the gold writes them: no leading "the", no owner's possessive ("Japan's
National Police Agency" is "National Police Agency"), and no own-country adjective unless
the acronym covers it ("Mongolian Gender Equality Center (GEC)" is "Gender Equality
Center", "Jamaican Constabulary Force (JCF)" keeps "Jamaican").

Example:
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sentencizer")
    >>> _ = nlp.add_pipe("tip_agencies")
    >>> doc = nlp("Japan's National Police Agency (NPA) and the labor ministry met. "
    ...           "The NPA agreed.")
    >>> [(m.name, m.acronym) for m in doc._.agency_mentions]
    [('National Police Agency', 'NPA'), ('labor ministry', None), ('NPA', 'NPA')]

The word lists are data in ``tipgraph/extract/patterns``: ``agencies_heads.jsonl`` (head
nouns and how they behave), ``agencies_lexicon.jsonl`` (word lists, each with why it exists),
``agencies_acronyms.jsonl`` (acronyms the reports use without spelling out) and
the gazetteer (country names and adjectives).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tipgraph.extract.acronym_uses import AcronymUses
from tipgraph.extract.agency_descriptions import DescribedBodies
from tipgraph.extract.agency_names import CapitalisedNames
from tipgraph.extract.agency_words import Found, Head, adjectives, strip_own_adjective
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.legal_words import Word, Words, clean_name, text_of, words_of
from tipgraph.extract.tokens import tokens_of

__all__ = [
    "AgencyExtractor",
    "AgencyMention",
    "make_agency_extractor",
]

#: A ministry's or department's acronym some reports write with a lower-case "o" ("MoM",
#: "MoLSA", "DoL": Ministry of / Department of): an acronym as an all-capitals one is, and a
#: body by its form alone (a bare all-capitals acronym must be seen acting; "MoU" is in
#: ``acronym_not_body``).
_MIXED = r"[MD]o[A-Z]{1,6}"
_MIXED_ACRONYM = re.compile(rf"^{_MIXED}$")
_ACRONYM_IN_TEXT = re.compile(rf"\b(?:[A-Z][A-Z0-9&]*[A-Z0-9]s?|{_MIXED})\b")
_ACRONYM_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9&-]*[A-Z])\)")


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """One naming of a body in a doc.

    Attributes:
        name: the name as the gold writes it; for a bare acronym use, the acronym itself.
        acronym: the acronym defined right after the name ("(NPA)"), or the acronym of a bare
            use; None otherwise.
        start: character offset of the mention's first character in ``doc.text``.
        end: character offset one past its last character.
        acts: for a bare acronym use, whether the text shows it acting as a body (a verb
            or a personnel noun after it); an acronym never defined is kept on that alone.
    """

    name: str
    acronym: str | None
    start: int
    end: int
    acts: bool = False


def _acronym_words(w: Words, text: str) -> list[tuple[int, bool]]:
    """The words an acronym of ``text`` starts at (``_ACRONYM_IN_TEXT``), in order, each with
    whether the acronym is the whole word ("SMS" of "SMS-issued" is not): found once for the
    statute and armed-group tests and the bare acronyms' walk."""
    out: list[tuple[int, bool]] = []
    for m in _ACRONYM_IN_TEXT.finditer(text):
        k = bisect_right(w.starts, m.start()) - 1
        if k >= 0 and w.starts[k] == m.start():
            out.append((k, w.ends[k] == m.end()))
    return out


class AgencyExtractor(CapitalisedNames, DescribedBodies, AcronymUses):
    """The ``tip_agencies`` component: sets ``doc._.agency_mentions``.

    One ``PhraseMatcher`` pass finds the head nouns; each head is grown into a capitalised name
    (:class:`~tipgraph.extract.agency_names.CapitalisedNames`) or a lower-case description
    (:class:`~tipgraph.extract.agency_descriptions.DescribedBodies`) by walking the glued words
    (see :func:`tipgraph.extract.legal_words.words_of`). The walk looks only at neighbouring
    words, so imperfect sentence boundaries matter only where a capital letter is
    sentence-initial.
    """

    def __init__(self, nlp: Language, name: str = "tip_agencies") -> None:
        """Build the matcher and load the word lists once.

        Args:
            nlp: the pipeline (its vocab is shared with the matcher).
            name: the component name.
        """
        self.name = name
        if not Doc.has_extension("agency_mentions"):
            Doc.set_extension("agency_mentions", default=None)
        if not Doc.has_extension("country"):
            Doc.set_extension("country", default=None)
        super().__init__()
        last_parts = sorted({h.split("-")[-1] for h in self.heads})
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("AGENCY_HEAD", [nlp.make_doc(h) for h in last_parts])

    def __call__(self, doc: Doc) -> Doc:
        """Find the agency mentions of ``doc`` and store them in ``doc._.agency_mentions``."""
        w = words_of(doc)
        starts = w.starts
        idx = tokens_of(doc).idx
        anchors: set[int] = set()
        for _, s, _ in self.matcher(doc):
            k = bisect_right(starts, idx[s]) - 1
            if k >= 0 and w[k].alpha and self._head_of(w[k]) is not None:
                anchors.add(k)
        own = adjectives(doc._.country)
        found: list[Found] = []
        floor = -1
        definitions: set[int] = set()
        for i in sorted(anchors):
            if i <= floor:
                continue
            got = self._at(w, i, floor)
            # a name that takes in a body found before it ("the Police and Border Guard"
            # after "Police") replaces it
            found = [g for g in found if not any(f.start <= g.start < f.end for f in got)]
            for f in got:
                found.append(f)
                floor = max(floor, f.last)
                if f.acr_word is not None:
                    definitions.add(f.acr_word)
        defined = {f.acronym for f in found if f.acronym}
        found = self._without_appositions(w, found)
        # "Civilian Joint Task Force (CJTF), a government-supported nongovernmental armed
        # group": an acronym whose definition was dropped is no body in its bare uses either.
        dropped = defined - {f.acronym for f in found if f.acronym}
        mentions = []
        text = text_of(doc)
        for f in found:
            raw = text[f.start : f.end] if f.name is None else f.name
            name = clean_name(strip_own_adjective(clean_name(raw), f.acronym, own))
            if name:
                mentions.append(AgencyMention(name, f.acronym, f.start, f.end))
        mentions += self._bare_acronyms(w, text, found, definitions, dropped)
        mentions.sort(key=lambda m: (m.start, -m.end))
        doc._.agency_mentions = mentions
        return doc

    def _bare_acronyms(self, w: Words, text: str, found: list[Found], definitions: set[int],
                       dropped: set[str]) -> list[AgencyMention]:
        """The bare acronyms of the doc, each marked whether the text shows it acting as a
        body. An acronym defined in parentheses but not by a body's name ("Prevention of
        Trafficking in Persons Act (PTPA)", "National Action Plan (NAP)") names that thing,
        and so does one whose definition was dropped (``dropped``)."""
        acronyms = _acronym_words(w, text)
        opening = [k for k, _ in acronyms]
        statutes = self._statute_acronyms(w, opening) | self._armed_acronyms(w, opening) | (
            dropped | set(_ACRONYM_DEFINED.findall(text))
            - {f.acronym for f in found if f.acronym})
        body_ends = {f.last for f in found}
        spans = [(bisect_right(w.starts, f.start) - 1, f.last) for f in found]
        body_starts = {first for first, _ in spans}
        mentions = []
        for k, whole in acronyms:
            if not whole and k not in definitions:
                owner = self._owning_acronym(w[k], statutes)
                if owner is not None:
                    mentions.append(owner)
            if not whole or k in definitions:
                continue  # part of a longer word ("SMS-issued") or a definition's acronym
            x = w[k]
            mixed = _MIXED_ACRONYM.match(x.text) is not None
            if (x.upper or mixed) and x.lower not in self.not_body:
                # a mixed-case "MoM" is a ministry's by its very form ("Mo" = "Ministry of")
                acts = x.text not in statutes and (
                    mixed or self._acronym_acts(w, k, body_ends, body_starts, spans))
                if acts:
                    body_ends.add(k)
                mentions.append(AgencyMention(x.text, x.text, x.start, x.end, acts))
        return mentions

    def _owning_acronym(self, x: Word, statutes: set[str]) -> AgencyMention | None:
        """The bare acronym that opens a word ending in an ``owner_suffix`` ("a DGS-operated
        hotline", legal_years_heldout36's LBN 2021; "the MOSD-run shelter") or a
        ``funding_suffix`` ("MLSA-funded benefits"): the body that runs, leads or funds what
        follows, so one that acts. ``acronym_not_body`` and ``excluded_name`` owners ("NGO-run",
        "EU-funded"), statutes, armed groups and places ("UAE-led") are none."""
        suffix = self._owner_suffix(x, funding=True)
        if suffix is None:
            return None
        acr = x.text[: len(x.text) - len(suffix)]
        if not (len(acr) > 1 and acr.isupper() and acr.isalpha()) or acr in statutes:
            return None
        if acr.lower() in self.not_body or acr.lower() in self.excluded_name:
            return None
        if load_gazetteer().country_by_name(acr) is not None:
            return None
        return AgencyMention(acr, acr, x.start, x.start + len(acr), True)

    def _acronym_acts(self, w: Sequence[Word], k: int, body_ends: set[int],
                      body_starts: set[int], spans: list[tuple[int, int]]) -> bool:
        """Whether the text shows the bare acronym at ``k`` being a body, by any of the
        tests below (acting, listed with bodies, receiving, working with, ...). A place's
        acronym never is ("referred victims to the UAE embassy", "in cooperation with the
        UAE"), whatever the words around it; each test's docstring names its own such case."""
        if load_gazetteer().country_by_name(w[k].text) is not None:
            return False
        return (
            self._acts(w, k) or self._listed(w, k, body_ends)
            or self._listed_before(w, k, body_starts, body_ends) or self._staff_from(w, k)
            or self._receives(w, k) or self._notified(w, k) or self._partners(w, k)
            or self._charged(w, k)
            or self._example_body(w, k)
            or self._parent(w, k, body_ends) or self._founded(w, k)
            or self._relative_acts(w, k) or self._called_body(w, k)
            or self._coordinated_acts(w, k) or self._owns(w, k, spans))

    def _without_appositions(self, w: Words, found: list[Found]) -> list[Found]:
        """Drop what an apposition says of a name instead of naming a body.

        * "The Human Trafficking Management Board – the inter-ministerial committee mandated
          to ... – met": the lower-case description set off after a name is that body.
        * "Civilian Joint Task Force (CJTF), a government-supported nongovernmental armed
          group": a name the text calls nongovernmental is no government body.
        * "the self-styled Libyan National Army": a name the text disowns (:meth:`_disowned`).
        * "the Consultation and Monitoring Commission on ... (National Commission on
          Trafficking)": a name alone in brackets after a body's name, on a head of that name,
          is the report's short name for the body (:meth:`_bracketed_alias`).
        """
        starts = w.starts
        out: list[Found] = []
        for f in found:
            first = bisect_right(starts, f.start) - 1
            prev = out[-1] if out else None
            if prev is not None and self._bracketed_alias(w, prev, first, f.last):
                continue
            if prev is not None and self._short_alias(w, prev, first, f.last):
                if prev.acronym is None:
                    # the body's short name, recorded as its acronym so that its later uses
                    # ("the Anti-trafficking Unit could not ...") join that body
                    alias = " ".join(x.text for x in w[first : f.last + 1])
                    out[-1] = replace(prev, acronym=alias)
                continue
            if prev is not None and self._aka_alias(w, prev, first, f.last):
                acr = self._aka_acronym(w, f.last)
                if prev.acronym is None and acr is not None:
                    out[-1] = replace(prev, acronym=acr)
                continue
            if (prev is None or prev.last < first - 3) and not w[first].cap:
                named = self._dash_described(w, first)
                if named is not None:
                    out.append(named)  # "Brigade Mondaine—the police unit charged with ..."
                    continue
            if prev is not None and not w[first].cap:
                gap = [x.text.lower() for x in w[prev.last + 1 : first]]
                after = w[f.last + 1] if f.last + 1 < len(w) else None
                if gap[:1] and gap[0] in {"–", "—"} and gap[1:] == ["the"]:
                    continue
                if (
                    gap == [",", "the"]
                    and after is not None
                    and after.text == ","
                    and f.last + 2 < len(w)
                    and w[f.last + 2].alpha
                    and not w[f.last + 2].cap
                    and w[f.last + 2].lower not in {"and", "or", "the", "a", "an"}
                ):
                    continue
            if w[first].cap and self._called_nongovernmental(w, f.last):
                continue
            if w[first].cap and (self._disowned(w, first) or self._insurgent(w, first, f.last)):
                continue
            out.append(f)
        return out

    def _bracketed_alias(self, w: Words, prev: Found, first: int, last: int) -> bool:
        """Is the name over words ``first``..``last`` alone in brackets right after the name
        ``prev``, every agency head of it a head of ``prev``? Then it is the short name the
        report gives that body ("the Consultation and Monitoring Commission on Prevention and
        Repression of Trafficking in Persons (National Commission on Trafficking)"), not a
        second body; a bracketed body on another head ("the Ministry of Labour (Department
        of Labour Inspection)") is one of its own."""
        if first != prev.last + 2 or w[prev.last + 1].text != "(":
            return False
        if last + 1 >= len(w) or w[last + 1].text != ")":
            return False
        prev_first = bisect_right(w.starts, prev.start) - 1

        def heads(lo: int, hi: int) -> set[str]:
            return {h.head for x in w[lo : hi + 1] if x.cap and (h := self._head_of(x))}

        own = heads(first, last)
        return bool(own) and own <= heads(prev_first, prev.last)

    def _short_alias(self, w: Words, prev: Found, first: int, last: int) -> bool:
        """Is the name over words ``first``..``last`` alone in brackets right after the name
        ``prev``, a short name of at most four words on an agency head, with no chain of its
        own, whose other words are all words of ``prev`` ("Department for Illegal Smuggling,
        Human Trafficking, and Illegal Migration (Anti-trafficking Unit)", legal_years_
        heldout10's MNE 2024; an "anti-"/"counter-" prefix aside)? Then it is the short name
        the report gives that body on another head. A bracketed name with words of its own
        ("the Ministry of Interior (Immigration Directorate)") or a chain ("(Department of
        Labour Inspection)") is a body of its own."""
        if first != prev.last + 2 or w[prev.last + 1].text != "(":
            return False
        if last + 1 >= len(w) or w[last + 1].text != ")" or last - first > 3:
            return False
        inner = w[first : last + 1]
        if not all(x.alpha and x.cap for x in inner) or self._head_of(w[last]) is None:
            return False
        prev_first = bisect_right(w.starts, prev.start) - 1
        own = {p for x in w[prev_first : prev.last + 1] for p in x.lower.split("-")}
        words = [p for x in inner[:-1] for p in x.lower.split("-")
                 if p not in {"anti", "counter"}]
        return bool(words) and all(p in own for p in words)

    def _aka_alias(self, w: Words, prev: Found, first: int, last: int) -> bool:
        """Is the lower-case name over ``first``..``last`` another name of ``prev`` given in
        brackets after an alias cue ("Sub Directorate of the Criminal Police ... (also known as
        the anti-trafficking unit or ATU)", legal_years_heldout34's CIV 2019)? Then it names
        no body of its own."""
        gap = [x.lower for x in w[prev.last + 1 : first]]
        if w[first].cap or len(gap) < 3 or gap[0] != "(":
            return False
        cue = gap[1:-1] if gap[-1] == "the" else gap[1:]
        return " ".join(cue) in self.alias_cue

    @staticmethod
    def _aka_acronym(w: Words, last: int) -> str | None:
        """The acronym in "... (also known as the anti-trafficking unit or ATU)" after the
        alias ending at ``last``, if the brackets close right after it."""
        k = last + 1
        if k + 2 < len(w) and w[k].lower == "or" and w[k + 1].upper and w[k + 2].text == ")":
            return w[k + 1].text
        return None

    def _dash_described(self, w: Words, first: int) -> Found | None:
        """A capitalised run of one to four words right before a dash and "the" + the
        lower-case description starting at ``first`` ("Brigade Mondaine—the police unit
        charged with investigating prostitution", legal_years_heldout34's CIV 2019): the
        description says what the run is, so the run is the body's name (a name with no
        English head), and the description names no other body."""
        if first < 3 or w[first - 1].lower != "the" or w[first - 2].text not in {"–", "—"}:
            return None
        end = first - 3
        k = end
        while k >= 0 and end - k < 4 and w[k].cap and w[k].alpha and not w[k].sent_start:
            if w[k].lower in self.not_in_name or w[k].lower in self.excluded_name:
                return None
            k -= 1
        if k == end or (k >= 0 and w[k].cap and w[k].alpha):
            return None
        return Found(w[k + 1].start, w[end].end, end, None, None)
    def _disowned(self, w: Sequence[Word], first: int) -> bool:
        """Does a word of ``disowned_before`` ("self-styled", "so-called") stand before the name
        starting at ``first``, past a "the"? The text then says the name is not the state's
        ("the self-styled Libyan National Army (LNA)", an armed group)."""
        k = first - 1
        if k >= 0 and w[k].lower == "the":
            k -= 1
        return k >= 0 and w[k].lower in self.disowned_before

    def _insurgent(self, w: Sequence[Word], first: int, last: int) -> bool:
        """Is the name over words ``first``..``last`` an insurgent armed group's: a word of
        ``insurgent_word`` in a name with a word of ``insurgent_head`` ("the Revolutionary
        Armed Forces of Colombia (FARC)", legal_years_heldout45 COL 2017)? Its acronym then
        names no body in its bare uses either ("the FARC had released 57 children")."""
        words = {x.lower for x in w[first : last + 1]}
        return bool(words & self.insurgent_word) and bool(words & self.insurgent_head)

    def _called_nongovernmental(self, w: Sequence[Word], last: int) -> bool:
        """Does ", a/an ... nongovernmental ..." follow the name ending at ``last``? With no
        article the apposition must open with the word ("the Civilian Joint Taskforce (CJTF),
        non-governmental self-defense militias that ..."), and a class of organisations after
        it is a list's next member, not an apposition ("the Ministry of Labor,
        nongovernmental organizations, and ...")."""
        k = last + 1
        if k + 1 >= len(w) or w[k].text != ",":
            return False
        if w[k + 1].lower not in {"a", "an"}:
            nxt = w[k + 2].lower if k + 2 < len(w) else ""
            return w[k + 1].lower in self.not_government and nxt not in self.ngo_class
        for x in w[k + 2 : k + 10]:
            if not x.alpha:
                return False
            if x.lower in self.not_government:
                return True
        return False

    def _at(self, w: Sequence[Word], i: int, floor: int) -> list[Found]:
        """The bodies named around the head at ``i`` (several for "the ministries of X and Y")."""
        x = w[i]
        h = self._head_of(x)
        if h is None or (h.part_before_number and x.cap and i + 1 < len(w)
                         and w[i + 1].text[:1].isdigit()):
            return []  # "Penal Code Sections 154 and 227": a statute's parts
        if self._is_plural(x) and h.pp and h.coordinated and (x.cap or not h.cap_only):
            # "the agricultural sectors of wheat, cotton, and sugarcane": a lower-case
            # cap-only head names no bodies, in a list or not.
            got = self._coordination(w, i, h)
            if got:
                return got
        if x.cap and not (x.sent_start and self._bare_cap(w, i)):
            one = self._capitalised(w, i, floor)
            if one is not None:
                return [one]
        if not x.cap and h.lower_after_name and (one := self._named_before(w, i, floor)):
            return [one]  # "the Independent Child Trafficking Advocate program"
        if not x.cap and h.for_beneficiary and (one := self._served_program(w, i, floor)):
            return [one]  # "its recovery and reintegration program for trafficked persons"
        if (h.cap_only and not self._spelled_by_acronym(w, i, h.plural_spelled) and not (
                h.lower_with_acronym and self._lower_acronym(w, i))
                and not self._lower_by_word(w, i, h, floor)) or (
                x.cap and not x.sent_start):
            return []  # a capitalised head that makes no name here ("Immigration Ordinance")
        one = self._lower(w, i, floor)
        return [one] if one is not None else []

    def _lower_by_word(self, w: Sequence[Word], i: int, h: Head, floor: int) -> bool:
        """Does a head named only capitalised name a body in lower case here, singular with one
        of its ``lower_by_word`` among the four words before it ("the immediate response
        team")? Those words make the description one kind of government body; the definite
        article is still asked of it (``_lower``), so "an immediate response team" and the
        bare "the team" name none."""
        if w[i].cap or self._is_plural(w[i]) or not h.lower_by_word:
            return False
        return any(w[k].lower in h.lower_by_word for k in range(max(floor + 1, i - 4), i))

    def _lower_acronym(self, w: Sequence[Word], i: int) -> bool:
        """Is the head at ``i`` singular, in lower case and with a bracketed acronym after it
        ("the national child welfare institution (PANI)")? A plural is a class ("financial
        institutions (FIs)")."""
        return (not w[i].cap and not self._is_plural(w[i])
                and self._acronym_after(w, i)[0] is not None)

    def _statute_acronyms(self, w: Words, acronyms: list[int]) -> set[str]:
        """Acronyms a sentence of the doc shows making law ("The PHTA criminalizes ..."):
        statutes in every use. ``acronyms``: the words an acronym starts."""
        out: set[str] = set()
        for k in acronyms:
            j = k + 1
            while j < len(w) and j <= k + 2 and w[j].alpha and w[j].lower.endswith("ly"):
                j += 1
            if j < len(w) and w[j].lower in self.acronym_law_verb:
                out.add(w[k].text)
        return out

    def _armed_acronyms(self, w: Words, acronyms: list[int]) -> set[str]:
        """Acronyms the doc uses for the members of an armed group ("ISIS militants", "ISIS
        fighters", a word of ``acronym_armed_members`` right after): a non-state group, no
        body in any of its uses ("ISIS maintained an organized system")."""
        return {w[k].text for k in acronyms
                if k + 1 < len(w) and w[k + 1].lower in self.acronym_armed}

    def _bare_cap(self, w: Sequence[Word], i: int) -> bool:
        """A sentence-initial capitalised head with no name after it ("Police conducted ...")."""
        n = len(w)
        nxt = w[i + 1] if i + 1 < n else None
        if nxt is None:
            return True
        if nxt.cap and nxt.alpha:
            return False
        h = self._head_of(w[i])
        if h is not None and self._numbered(w, h.number_first, i, i):
            return False  # "Childline 1098 received ...": a hotline named by its number
        if (
            nxt.lower in {"of", "for", "on", "against"}
            and i + 2 < n
            and (w[i + 2].cap or (w[i + 2].lower == "the" and i + 3 < n and w[i + 3].cap))
        ):
            return False
        return bool(nxt.text != "(")


@Language.factory("tip_agencies", assigns=["doc._.agency_mentions"])
def make_agency_extractor(nlp: Language, name: str) -> AgencyExtractor:
    """Create the ``tip_agencies`` component (see :class:`AgencyExtractor`)."""
    return AgencyExtractor(nlp, name)
