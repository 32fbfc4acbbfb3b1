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

import json
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tipgraph.extract.legal_words import (
    Word,
    clean_name,
    country_table,
    country_words,
    lexicon,
    text_of,
    words_of,
)
from tipgraph.extract.records import Agency, Sentence
from tipgraph.extract.tokens import tokens_of

__all__ = [
    "AgencyExtractor",
    "AgencyMention",
    "country_words",
    "make_agency_extractor",
    "resolve_agencies",
]

_PATTERNS = "tipgraph.extract.patterns"
_LEXICON = "agencies_lexicon.jsonl"
_SPECIAL_TO = frozenset({"combat", "fight", "counter", "prevent", "protect", "suppress"})


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """One naming of a body in a doc.

    Attributes:
        name: the name as the gold writes it; for a bare acronym use, the acronym itself.
        acronym: the acronym defined right after the name ("(NPA)"), or the acronym of a bare
            use; None otherwise.
        start: character offset of the mention's first character in ``doc.text``.
        end: character offset one past its last character.
    """

    name: str
    acronym: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Head:
    """How a head noun behaves (one line of ``agencies_heads.jsonl``).

    ``number_first``: a number next to the name is part of it, as hotlines are named by
    their numbers ("1343 Actionline against Human Trafficking", "Child Helpline 116").
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


@lru_cache(maxsize=1)
def _heads() -> dict[str, _Head]:
    """Head table keyed by both singular and plural lower-case forms."""
    text = resources.files(_PATTERNS).joinpath("agencies_heads.jsonl").read_text("utf-8")
    out: dict[str, _Head] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        h = _Head(
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
        )
        out[h.head] = h
        if h.plural:
            out[h.plural] = h
    return out


@lru_cache(maxsize=1)
def _known_acronyms() -> dict[str, str]:
    """Acronyms the reports use without spelling them out, with the name they stand for."""
    text = resources.files(_PATTERNS).joinpath("agencies_acronyms.jsonl").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip():
            rec = json.loads(line)
            out[rec["acronym"]] = rec["name"]
    return out


def _adjectives(iso3: str | None) -> frozenset[str]:
    if not iso3:
        return frozenset()
    return country_table().get(iso3.upper(), (frozenset(), frozenset()))[1]


class AgencyExtractor:
    """The ``tip_agencies`` component: sets ``doc._.agency_mentions``.

    One ``PhraseMatcher`` pass finds the head nouns; each head is grown into a capitalised name or a
    lower-case description by walking the glued words (see
    :func:`tipgraph.extract.legal_words.words_of`). The walk looks only at neighbouring words, so
    imperfect sentence boundaries matter only where a capital letter is sentence-initial.
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
        self.heads = _heads()
        last_parts = sorted({h.split("-")[-1] for h in self.heads})
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("AGENCY_HEAD", [nlp.make_doc(h) for h in last_parts])
        lx = lexicon(_LEXICON)
        self.name_stop = lx["name_stop"]
        self.connector = lx["connector"]
        self.in_after = lx["in_after"]
        self.determiner = lx["determiner"]
        self.indefinite = lx["indefinite"]
        self.reject = lx["modifier_reject"]
        self.strip = lx["modifier_strip"]
        self.personnel = lx["personnel"]
        self.pp_intro = lx["pp_intro"]
        self.pp_topic = lx["pp_topic"]
        self.on_heads = lx["on_heads"]
        self.descriptive = lx["descriptive"]
        self.noun_suffix = tuple(sorted(lx["noun_suffix"]))
        self.private = lx["private_word"]
        self.internal_possessor = lx["internal_possessor"]
        self.not_body = lx["acronym_not_body"]
        self.sector = lx["sector_noun"]

    # -- driver ---------------------------------------------------------------------------

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
        adjectives = _adjectives(doc._.country)
        found: list[_Found] = []
        floor = -1
        definitions: set[int] = set()
        for i in sorted(anchors):
            if i <= floor:
                continue
            for f in self._at(w, i, floor):
                found.append(f)
                floor = max(floor, f.last)
                if f.acr_word is not None:
                    definitions.add(f.acr_word)
        mentions = []
        text = text_of(doc)
        for f in found:
            raw = text[f.start : f.end] if f.name is None else f.name
            name = clean_name(_strip_own_adjective(clean_name(raw), f.acronym, adjectives))
            if name:
                mentions.append(AgencyMention(name, f.acronym, f.start, f.end))
        for m in _ACRONYM_IN_TEXT.finditer(text):
            k = bisect_right(starts, m.start()) - 1
            if k < 0 or starts[k] != m.start() or w.ends[k] != m.end() or k in definitions:
                continue  # part of a longer word ("SMS-issued") or a definition's acronym
            x = w[k]
            if x.upper and x.lower not in self.not_body:
                mentions.append(AgencyMention(x.text, x.text, x.start, x.end))
        mentions.sort(key=lambda m: (m.start, -m.end))
        doc._.agency_mentions = mentions
        return doc

    def _head_of(self, x: Word) -> _Head | None:
        """The head entry of a word ("ministry", "Ministries", "sub-council"), else None."""
        h = self.heads.get(x.lower)
        if h is None and "-" in x.lower:
            prefix, _, last = x.lower.rpartition("-")
            if prefix in {"sub", "task"}:
                h = self.heads.get(last)
        return h

    def _is_head(self, x: Word) -> bool:
        """A head noun that can end or start a name inside a walk ("immigration" cannot)."""
        h = self._head_of(x) if x.alpha else None
        return h is not None and not h.needs_cap_modifier

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

    # -- one anchor -----------------------------------------------------------------------

    def _at(self, w: Sequence[Word], i: int, floor: int) -> list[_Found]:
        """The bodies named around the head at ``i`` (several for "the ministries of X and Y")."""
        x = w[i]
        h = self._head_of(x)
        if h is None:
            return []
        if self._is_plural(x) and h.pp:
            got = self._coordination(w, i, h)
            if got:
                return got
        if x.cap and not (x.sent_start and self._bare_cap(w, i)):
            one = self._capitalised(w, i, floor)
            if one is not None:
                return [one]
        if h.cap_only or (x.cap and not x.sent_start):
            return []  # a capitalised head that makes no name here ("Immigration Ordinance")
        one = self._lower(w, i, floor)
        return [one] if one is not None else []

    def _bare_cap(self, w: Sequence[Word], i: int) -> bool:
        """A sentence-initial capitalised head with no name after it ("Police conducted ...")."""
        n = len(w)
        nxt = w[i + 1] if i + 1 < n else None
        if nxt is None:
            return True
        if nxt.cap and nxt.alpha:
            return False
        if (
            nxt.lower in {"of", "for", "on", "against"}
            and i + 2 < n
            and (w[i + 2].cap or (w[i + 2].lower == "the" and i + 3 < n and w[i + 3].cap))
        ):
            return False
        return bool(nxt.text != "(")

    # -- capitalised names ----------------------------------------------------------------

    def _capitalised(self, w: Sequence[Word], i: int, floor: int) -> _Found | None:
        """A capitalised name around the head at ``i``: core words, left words, "of" chain."""
        n = len(w)
        k = last_head = i
        while k + 1 < n:
            y = w[k + 1]
            if not (y.cap and y.alpha and not y.sent_start and y.lower not in self.name_stop):
                break
            k += 1
            if self._is_head(y):
                last_head = k
        if any(w[t].lower in _LAW_HEADS for t in range(last_head + 1, k + 1)):
            return None  # "... Enforcement and Administration Act" is a law's title
        head_i = last_head
        # "Directorate General of Migration", "Inspectorate General"
        while head_i + 1 < n and w[head_i + 1].lower == "general" and w[head_i + 1].cap:
            head_i += 1
        h = self._head_of(w[last_head])
        if h is None or (h.after and (last_head == 0 or w[last_head - 1].lower not in h.after)):
            return None
        left, inner_acr, inner_span = self._cap_left(w, i, floor)
        if h.number_first and left > floor + 1 and w[left - 1].text.isdigit():
            left -= 1  # "the 1343 Actionline against Human Trafficking": the number is its name
        if h.needs_cap_modifier and left == last_head:
            return None  # "the Immigration" alone names no body
        if h.head in {"program", "programme"} and left > 0 and _YEARISH.match(w[left - 1].text):
            return None  # "the 2014-2020 National Trafficking Prevention Program": a plan
        last = self._cap_chain(w, head_i) if h.pp else head_i
        if h.needs_pp and last == head_i:
            return None
        plural = self._is_plural(w[last_head])
        if left == head_i and last == head_i:
            # a bare capitalised head ("the Secretariat"): a back-reference
            before = w[head_i - 1].lower if head_i else ""
            if plural or (before not in self.determiner and before != "'s"):
                return None
        if h.number_first and last == head_i and last + 1 < n and w[last + 1].text.isdigit():
            last += 1  # "Child Helpline 116"
        acronym, acr_word, end_word = self._acronym_after(w, last)
        if plural and last == head_i and left == head_i:
            return None
        if acronym is None and inner_acr is not None:
            acronym = inner_acr
        if any(w[t].lower in self.private for t in range(left, head_i + 1)):
            # "the Golden Star Recruitment Agency" is a company; "Ministry of Manpower" and
            # "Public Authority for Manpower" are not: the word after the head is its topic
            return None
        name = None
        if inner_span is not None:
            a, b = inner_span  # the "(" and ")" of an acronym inside the name
            name = _join(w, left, a - 1) + " " + _join(w, b + 1, last)
        return _Found(w[left].start, w[last].end, max(end_word, last), acronym, acr_word, name)

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
            if x.lower == "'s":
                # "Women's Consulting Center"; "Japan's ..." is an owner and stays out
                if j - 1 > floor and w[j - 1].cap and w[j - 1].lower in self.internal_possessor:
                    left, pending = j - 1, 0
                    if w[j - 1].sent_start:
                        break
                    j -= 2
                    continue
                break
            if (
                x.text == ")"
                and inner is None
                and pending == 0
                and j - 3 > floor
                and w[j - 2].text == "("
                and w[j - 1].upper
                and w[j - 3].cap
                and not self._is_head(w[j - 3])
            ):
                # "Southern Africa Development Community (SADC) Secretariat"
                inner = w[j - 1].text
                inner_span = (j - 2, j)
                j -= 3
                continue
            if x.upper:
                if pending or x.lower in self.not_body or x.sent_start:
                    break  # "the PIO of the Mauritius Police Force"
                left = j  # "TIP National Coordinating Body"
                j -= 1
                continue
            if x.cap and x.alpha and x.lower not in self.name_stop:
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
                    break
                if x.lower == "in" and not self._in_ok(w[j - 1]):
                    break
                pending += 1
                j -= 1
                continue
            break
        if inner_span is not None and inner_span[0] < left:
            inner, inner_span = None, None
        return left, inner, inner_span

    def _cap_chain(self, w: Sequence[Word], head_i: int) -> int:
        """Extend a head over an "of/for/on/against ..." chain of capitalised words.

        The chain stops where another body starts: "... and Ministry of Labor", "... of the
        Police Directorate", "..., Ministry of Gender Equality"; commas continue it only in an
        enumeration closed by "and" ("Ministry of Social Affairs, Childhood, and the Family").
        """
        n = len(w)
        last = head_i
        k = head_i + 1
        first_link = True
        while k < n:
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
            if not link or m >= n:
                break
            if "in" in link and not self._in_ok(w[k - 1]):
                break
            if first_link and link[0] not in {"of", "for", "on", "against", "in", "to"}:
                break
            if link[0] == "," and "and" not in link and not self._comma_list(w, k):
                break
            if not (w[m].cap and w[m].alpha) or w[m].lower in self.name_stop:
                break
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
            if seg_head and (
                link[0] in {"and", ","}
                or (link[-1] == "the" and not (link == ["of", "the"] and self._head_first(w, m)))
            ):
                # "... and Ministry of Labor", "... Corruption of the Police Directorate":
                # another body starts. A head-first owner ("Directorate of Migration of the
                # Ministry of Interior") is part of the name: it says whose directorate it is
                break
            last = e
            k = e + 1
            first_link = False
        return last

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
        n = len(w)
        m = k
        for _ in range(6):
            if m >= n or w[m].text != ",":
                return False
            m += 1
            if m < n and w[m].lower == "and":
                return True
            if m >= n or not (w[m].cap and w[m].alpha):
                return False
            while m < n and w[m].cap and w[m].alpha:
                if self._is_singular_head(w[m]):
                    return False
                m += 1
            if m < n and w[m].lower == "and":
                return m + 1 < n and w[m + 1].cap and not self._is_singular_head(w[m + 1])
        return False

    def _acronym_after(self, w: Sequence[Word], last: int) -> tuple[str | None, int | None, int]:
        """An acronym defined in parentheses right after the name: "(NPA)"."""
        if (
            last + 3 < len(w)
            and w[last + 1].text == "("
            and w[last + 2].upper
            and w[last + 3].text == ")"
        ):
            return w[last + 2].text, last + 2, last + 3
        return None, None, last

    # -- lower-case descriptions ----------------------------------------------------------

    def _lower(self, w: Sequence[Word], i: int, floor: int) -> _Found | None:
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
        if h.after and (i == 0 or w[i - 1].lower not in h.after):
            return None
        mods, cap_mod, j = self._lower_left(w, i, floor)
        before = w[j] if j >= 0 else None
        mod_words = [w[k].lower for k in mods]
        if any(part in self.reject for m in mod_words for part in m.split("/")):
            return None
        # "social service personnel", "judges and social service personnel", "in domestic
        # service": a field of work (the words after the last "and" are the phrase's own)
        own = (
            mod_words[len(mod_words) - mod_words[::-1].index("and") :]
            if "and" in mod_words
            else mod_words
        )
        if " ".join([*own, x.lower]) in self.sector:
            return None
        appositive = self._apposition(w, j, mod_words)
        if appositive is not None:
            return appositive
        while mods and (w[mods[0]].lower in self.strip or w[mods[0]].lower == "and"):
            mods.pop(0)
        last = self._lower_pp(w, i, h) if h.pp and not plural else i
        if last == i and all(w[k].lower in self.descriptive for k in mods):
            mods = []  # "the specialized unit": a back-reference
        first = mods[0] if mods else i
        acronym, acr_word, end_word = self._acronym_after(w, last)
        if plural and acronym is None:
            return None  # a class: "anti-trafficking police units", "labor courts"
        following = w[last + 1] if last + 1 < n else None
        if acronym is None and following is not None and self._noun_after(following):
            return None  # "its basic police training curricula": the head is a modifier
        if not mods and last == i and acronym is None:
            # a bare head ("the taskforce") is kept as a back-reference
            if before is not None and (before.lower in self.determiner or before.lower == "'s"):
                return _Found(x.start, x.end, i, None, None, None)
            return None
        if h.needs_cap_modifier:
            if not cap_mod:
                return None
        elif not self._definite(before, w[first], following, h, acronym):
            return None
        return _Found(w[first].start, w[last].end, max(last, end_word), acronym, acr_word, None)

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
                    prev = w[j - 1] if j >= 1 else None
                    if (
                        mods
                        and prev is not None
                        and prev.alpha
                        and not prev.cap
                        and not _stop(prev.lower)
                        and prev.lower not in self.determiner
                    ):
                        mods.append(j)  # "anti-trafficking and public morals department"
                        j -= 1
                        continue
                    break
                if _stop(y.lower) or y.lower in self.determiner or y.lower in self.indefinite:
                    break
                mods.append(j)
                j -= 1
                continue
            if y.cap and y.alpha:
                if y.lower in self.name_stop or y.lower in self.indefinite or self._is_head(y):
                    break
                mods.append(j)  # "Marshall Islands police department", "Nema anti-slavery court"
                cap_mod = True
                j -= 1
                if y.sent_start:
                    break
                continue
            break
        mods.sort()
        return mods, cap_mod, j

    def _apposition(self, w: Sequence[Word], j: int, mod_words: list[str]) -> _Found | None:
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
        return _Found(w[a].start, w[j - 2].end, j - 2, None, None, None)

    def _noun_after(self, y: Word) -> bool:
        """A lower-case noun after a head that makes the head a modifier ("police training")."""
        if not y.alpha or y.cap or _stop(y.lower) or y.lower in self.personnel:
            return False
        if y.lower.endswith(self.noun_suffix):
            return True  # "police operations", "committee meetings"
        return not (y.lower.endswith("s") or y.lower.endswith("ed"))

    def _definite(
        self,
        before: Word | None,
        first: Word,
        following: Word | None,
        h: _Head,
        acronym: str | None,
    ) -> bool:
        """Is a lower-case description definite enough to name one body?"""
        if before is None or acronym is not None or h.indefinite_ok:
            return True
        if before.lower in self.determiner or before.lower == "'s" or before.text == ")":
            return True
        if first.sent_start and first.cap:
            return True
        if following is not None and following.lower in self.personnel:
            # "immigration bureau officers", "A high court judge": the article is the person's
            return (before.lower in {"a", "an"} or before.lower not in self.indefinite) and not (
                before.text[:1].isdigit()
            )
        return False

    def _lower_pp(self, w: Sequence[Word], i: int, h: _Head) -> int:
        """The last word of a topical prepositional tail after a lower-case head, else ``i``.

        "department of immigration", "rapporteur on trafficking in persons", "division to
        combat organized crime"; the tail must say what the body is about (``pp_topic``), so
        "the committee for a period" or "the police directorate on trafficking" (after "trained
        ... on") are not names.
        """
        n = len(w)
        k = i + 1
        if k >= n:
            return i
        intro = w[k].lower
        if intro == "to" and k + 1 < n and w[k + 1].lower in _SPECIAL_TO:
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
            if y.alpha and not y.cap and not _stop(y.lower) and y.lower not in self.determiner:
                obj.append(m)
                m += 1
                continue
            break
        if not obj or not any(w[t].lower in self.pp_topic for t in obj):
            return i
        return obj[-1]

    def _coordination(self, w: Sequence[Word], i: int, h: _Head) -> list[_Found]:
        """ "the ministries of education and health" -> ministry of education, of health."""
        n = len(w)
        if i + 2 >= n or w[i + 1].lower != "of":
            return []
        parts: list[list[int]] = [[]]
        m = i + 2
        closing = False  # the part after "and" is the last one
        while m < n:
            y = w[m]
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
                and not _stop(y.lower)
                and y.lower not in self.determiner
                and not self._is_head(y)
                and len(parts[-1]) < 3
            ):
                parts[-1].append(m)
                m += 1
                continue
            break
        parts = [p for p in parts if p]
        if len(parts) < 2 or not closing:
            return []
        single = h.head.capitalize() if w[i].cap else h.head
        start, end, last = w[i].start, w[parts[-1][-1]].end, parts[-1][-1]
        return [
            _Found(start, end, last, None, None, f"{single} of {' '.join(w[t].text for t in p)}")
            for p in parts
        ]


@dataclass(slots=True)
class _Found:
    """A body found by the walk: its span, the last word it covers, its acronym and name."""

    start: int
    end: int
    last: int
    acronym: str | None
    acr_word: int | None
    name: str | None = None


_ACRONYM_IN_TEXT = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z0-9]s?\b")
_LAW_HEADS = frozenset(
    {"act", "law", "code", "decree", "ordinance", "statute", "proclamation", "decree-law"}
)
_YEARISH = re.compile(r"^(19|20)\d{2}(?:[-–](19|20)?\d{2})?$")


@lru_cache(maxsize=1)
def _stop_words() -> tuple[frozenset[str], frozenset[str]]:
    shared = lexicon()
    own = lexicon(_LEXICON)
    return shared["stop"] | own["stop_extra"], shared["ed_ok"]


def _stop(lower: str) -> bool:
    """Function words, common verbs, -ed verbs and -ly adverbs never modify a head."""
    stop, ed_ok = _stop_words()
    return (
        lower in stop
        or (lower.endswith("ed") and lower not in ed_ok and "-" not in lower)
        or (lower.endswith("ly") and lower not in {"assembly", "family"})
    )


def _join(w: Sequence[Word], a: int, b: int) -> str:
    parts: list[str] = []
    for k in range(a, b + 1):
        if parts and w[k].lower != "'s" and w[k].text not in {",", ")"}:
            parts.append(" ")
        parts.append(w[k].text)
    return "".join(parts)


def _strip_own_adjective(name: str, acronym: str | None, adjectives: frozenset[str]) -> str:
    """Drop a leading own-country adjective unless the acronym spells it ("Jamaican ... (JCF)")."""
    if not adjectives:
        return name
    parts = name.split()
    for size in (2, 1):
        if len(parts) > size and " ".join(parts[:size]).lower() in adjectives:
            if acronym and acronym[:1].upper() == parts[0][:1].upper():
                return name
            if len(parts) == size + 1 and parts[-1][:1].isupper() and parts[-1].lower() in _heads():
                return name  # "Namibian Police" is a name; "Kyrgyz police" is the police
            rest = parts[size:]
            if (
                len(rest) > 2
                and rest[0][:1].isupper()
                and rest[0].lower() in _heads()
                and rest[0].lower() not in lexicon(_LEXICON)["adjective_outside"]
                and rest[1] in {"of", "for"}
            ):
                # "Colombian Institute of Family Welfare": an adjective before a head-first
                # title is the title's first word (a ministry's is the country's)
                return name
            return " ".join(rest)
    return name


@Language.factory("tip_agencies", assigns=["doc._.agency_mentions"])
def make_agency_extractor(nlp: Language, name: str) -> AgencyExtractor:
    """Create the ``tip_agencies`` component (see :class:`AgencyExtractor`)."""
    return AgencyExtractor(nlp, name)


# -- resolution ---------------------------------------------------------------------------


def _norm(name: str) -> str:
    """The scorer's normalisation: lower-case, no leading "the", punctuation as spaces."""
    s = name.lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s.strip())
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


_PERSON_POSSESSOR = frozenset({"prosecutor", "prosecutors", "attorney", "president", "minister"})
_CHAIN = (" of ", " for ", " on ", " against ", " to ", " and ", " in ")


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
      ("the labor ministry" and "Ministry of Labor and Social Welfare (MLSW)").
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
    heads = _heads()
    excluded = lexicon(_LEXICON)["excluded_name"]
    adjectives = _adjectives(country)
    known = _known_acronyms()

    groups: dict[str, _Group] = {}
    acr_owner: dict[str, str] = {}
    bare_acr: list[tuple[AgencyMention, Sentence]] = []
    backrefs: list[tuple[str, AgencyMention, Sentence]] = []

    def group(key: str) -> _Group:
        return groups.setdefault(key, _Group())

    for m, s in mentions:
        if m.acronym is not None and m.name == m.acronym:
            bare_acr.append((m, s))
            continue
        name = _strip_own_adjective(m.name, m.acronym, adjectives)
        key = _norm(name)
        if not key or key in excluded or key.split()[0] in {"un", "unodc", "unicef", "iom"}:
            continue
        back = _backref_head(key, heads)
        if back is not None and m.acronym is None:
            backrefs.append((back, m, s))
            continue
        g = group(key)
        g.add(name, s, m.start)
        if m.acronym:
            g.acronym = g.acronym or m.acronym
            acr_owner.setdefault(m.acronym, key)
    for m, s in bare_acr:
        acr = m.name
        owner = acr_owner.get(acr)
        if owner is None and acr in known and _norm(known[acr]) not in excluded:
            owner = _norm(known[acr])
            g = group(owner)
            if not g.names:
                g.names[known[acr]] = 0
            g.acronym = g.acronym or acr
            acr_owner[acr] = owner
        if owner is not None:
            groups[owner].add(None, s, m.start)
    merged = _short_forms(groups)
    for small, big in merged.items():
        groups[big].absorb(groups[small])
    live = [k for k in groups if k not in merged]
    for head, m, s in backrefs:
        owners = [k for k in live if _head_word(k, heads) == head]
        if len(owners) == 1:
            groups[owners[0]].add(None, s, m.start)
        elif not owners and heads[head].bare_ok and m.name[:1].isupper():
            group(head).add(m.name, s, m.start)
            live.append(head)
    out = [groups[k].build(country) for k in dict.fromkeys(live) if groups[k].names]
    out.sort(key=lambda a: a.sentences[0].index if a.sentences else 0)
    return out


def _backref_head(key: str, heads: dict[str, _Head]) -> str | None:
    """The head of a name that only points back ("taskforce", "prosecutor s office")."""
    parts = key.split()
    if len(parts) == 1 and parts[0] in heads:
        return heads[parts[0]].head
    if len(parts) == 3 and parts[0] in _PERSON_POSSESSOR and parts[1] == "s" and parts[2] in heads:
        return heads[parts[2]].head
    return None


def _short_forms(groups: dict[str, _Group]) -> dict[str, str]:
    """Map each short form to the one longer name it stands for (see resolve_agencies)."""
    heads = _heads()
    keys = list(groups)
    merged: dict[str, str] = {}
    for key in keys:
        prefixed = [k for k in keys if k != key and any(k.startswith(key + c) for c in _CHAIN)]
        if len(prefixed) == 1:
            merged[key] = prefixed[0]
            continue
        g = groups[key]
        if not g.names or not all(n == n.lower() for n in g.names) or " " not in key:
            continue
        suffixed = [k for k in keys if k != key and k.endswith(" " + key)]
        if len(suffixed) == 1:
            merged[key] = suffixed[0]  # "advisory committee" in "anti-trafficking advisory ..."
            continue
        words = set(key.split())
        head = _head_word(key, heads)
        bigger = [
            k for k in keys if k != key and words < set(k.split()) and _head_word(k, heads) == head
        ]
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


def _head_word(key: str, heads: dict[str, _Head]) -> str | None:
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
class _Group:
    """The mentions of one body: surface names with counts, acronym, sentence items."""

    names: dict[str, int] = field(default_factory=dict)
    acronym: str | None = None
    items: list[tuple[int, int, Sentence]] = field(default_factory=list)
    absorbed: dict[str, int] = field(default_factory=dict)

    def add(self, name: str | None, s: Sentence, start: int) -> None:
        if name is not None:
            self.names[name] = self.names.get(name, 0) + 1
        self.items.append((s.index, start, s))

    def absorb(self, other: _Group) -> None:
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
