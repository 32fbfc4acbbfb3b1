"""Named laws of TIP narratives: a spaCy component that finds them and a resolver that merges them.

The reports name statutes in two ways, and the component reads both:

* **Titles**, capitalised phrases around a head word (*Act*, *Law*, *Code*, *Decree* ...):
  head-last ("the Trafficking in Persons (Prevention, Suppression, and Punishment) Act"),
  head-first ("the Law on Preventing and Combating the Trafficking of People", "the Act to Ban
  Trafficking in Persons") or numbered ("Decree No. 1-11-164", "Law 2012-023 Relating to ...").
* **Descriptions**, definite lower-case phrases ending in *law*, *code* or *act* ("the penal
  code", "Jordan's passport law", "the 2013 anti-trafficking law", "anti-trafficking law 27.14").
  Only definite ones count: "a new law", "other laws", "Under Italian law" name nothing.

A year is kept only where the text gives the year the statute was made: just before the name
("the 2008 anti-trafficking law"), after it as "of 2004" (then it is not part of the name, as
the gold writes "Child Care and Protection Act", year 2004), in a number ("Law No. 2014-040"),
after an enactment participle ("..., enacted in 2008") or in "In April 2014, officials enacted
the Criminal Justice Act". Amendment years ("amended in 2015") are not enactment years.

A penalty ("up to 20 years imprisonment") is attached to the law mention that precedes it in
the same sentence (or, failing that, the one that follows it).

:func:`resolve_laws` merges one narrative's mentions into :class:`~tipgraph.extract.records.Law`
records: one per statute however it is named, so a description ("the anti-trafficking law",
"the 2015 anti-trafficking act", "the Trafficking Act") is folded into the titled statute it
stands for when the narrative has one, and "criminal code"/"penal code" are one code.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sentencizer")
    >>> _ = nlp.add_pipe("tip_laws")
    >>> doc = nlp("The 2015 Trafficking in Persons Act prescribes penalties of up to 14 years "
    ...           "imprisonment. Article 7 of the penal code also applies.")
    >>> [(m.name, m.year, m.penalty) for m in doc._.law_mentions]  # doctest: +NORMALIZE_WHITESPACE
    [('Trafficking in Persons Act', 2015, 'up to 14 years imprisonment'),
     ('penal code', None, None)]

Both extractors read the doc as *words* (:func:`tipgraph.extract.legal_words.words_of`, shared
with ``tip_agencies``): hyphenated words stay whole ("anti-trafficking"), and the two
components cost about one tokenization.

The word lists are data: ``tipgraph/extract/patterns/laws_lexicon.jsonl`` (lists of words with
a note on why each exists) and ``laws.jsonl`` (the PhraseMatcher patterns of the head words).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.law_descriptions import DescriptionReader, drop_alias
from tipgraph.extract.law_penalties import penalties
from tipgraph.extract.law_titles import TitleReader
from tipgraph.extract.law_words import (
    HEADS_FILE,
    LEXICON,
    YEAR,
    YEAR_IN_TEXT,
    find,
    number_year,
)
from tipgraph.extract.legal_words import Word, Words, clean_name, words_and_text
from tipgraph.extract.patterns import objects, word_lists
from tipgraph.extract.tokens import tokens_of

__all__ = ["LawExtractor", "LawMention", "make_law_extractor"]

# (first word, last word of the name, name, year) of a mention being read
_Found = tuple[int, int, str, int | None]

#: "the" and a capitals word of three or more letters before a verb, the candidates of a
#: yearless statute acronym (the verb and the last letter are tested on the words)
BARE_ACRONYM_LAW = re.compile(r"\b[Tt]he ([A-Z]{3,}) [a-z]+")
#: a word, "under the" and a capitals word of three or more letters: the candidates of a
#: statute acronym that cases or suspects were handled under ("cases under the PSHTA (...")
UNDER_ACRONYM_LAW = re.compile(r"\b([A-Za-z]+) under the ([A-Z]{3,})\b")
#: a phrase of conformity ("in accordance with", "pursuant to") and a capitals word of three
#: or more letters, with or without "the": the candidates of a statute acronym that acts or
#: procedures conformed to ("developed in accordance with PACOTIP")
ACCORD_ACRONYM_LAW = re.compile(
    r"\b(?:in accordance with|pursuant to|in compliance with|as required by)"
    r" (?:the )?([A-Z]{3,})\b")
#: "interpretation of" or "interpretation that" and a capitals word of three or more letters,
#: with or without "the": the candidates of a statute acronym that officials read a rule into
#: ("an interpretation that ATIPSOM required a victim be restrained", "a narrow
#: interpretation of the TIPA")
INTERPRET_ACRONYM_LAW = re.compile(r"\binterpretations? (of|that) (?:the )?([A-Z]{3,})\b")
#: a lower-case word, "in the" or "of the" and a capitals word of three or more letters: the
#: candidates of a statute acronym whose flaws or parts are spoken of ("definitional
#: ambiguities in the HTPCA", "loopholes in the PWCA", "provisions of the PHTA")
FLAW_ACRONYM_LAW = re.compile(r"\b([a-z]+) (?:in|of) the ([A-Z]{3,})\b")


@dataclass(frozen=True, slots=True)
class LawMention:
    """One naming of a statute in a doc.

    Attributes:
        name: the name as the gold writes it: without a leading "the", a possessive owner
            ("Jordan's") or a trailing "of 2004".
        year: the enactment year when this mention gives it, else None.
        penalty: the prison term stated for it in the same sentence, as written.
        start: character offset of the name's first character in ``doc.text``.
        end: character offset one past the name's last character.
        title: the apposed title this mention was named from, when it stands beside a
            numbered law ("the Comprehensive Law against Trafficking ..." after "Law 263 of
            2012" is named "Law 263 of 2012"): it still says what the statute is about.
    """

    name: str
    year: int | None
    penalty: str | None
    start: int
    end: int
    title: str | None = None


class LawExtractor(TitleReader, DescriptionReader):
    """The ``tip_laws`` component: sets ``doc._.law_mentions``.

    The head words are found with one spaCy ``PhraseMatcher`` pass; each head is then grown
    into a title (:class:`~tipgraph.extract.law_titles.TitleReader`) or a description
    (:class:`~tipgraph.extract.law_descriptions.DescriptionReader`) by walking the glued words
    left and right. The walk is local, so wrong sentence boundaries cost at most a missed
    year or penalty.
    """

    def __init__(self, nlp: Language, name: str = "tip_laws") -> None:
        """Build the matcher and load the word lists once.

        Args:
            nlp: the pipeline (its vocab is shared with the matcher).
            name: the component name.
        """
        self.name = name
        if not Doc.has_extension("law_mentions"):
            Doc.set_extension("law_mentions", default=None)
        super().__init__()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for _line, rec in objects(HEADS_FILE, "label", "phrase"):
            self.matcher.add(rec["label"], [nlp.make_doc(rec["phrase"])])

    def __call__(self, doc: Doc) -> Doc:
        """Find the law mentions of ``doc`` and store them in ``doc._.law_mentions``."""
        words, text = words_and_text(doc)
        starts = words.starts
        idx = tokens_of(doc).idx
        heads = sorted(
            {
                k
                for k in (bisect_right(starts, idx[s]) - 1 for _, s, _ in self.matcher(doc))
                if k >= 0 and words[k].lower in self.heads
            }
        )
        found, described, ends = self._read_heads(words, text, heads)
        titles = _join_appositions(words, found, described, ends)
        found += self._acronym_laws(words, text, found)
        found += self._listed_acronyms(words, text, found)
        found += self._under_acronyms(words, text, found)
        found += self._accord_acronyms(words, text, found)
        found += self._interpreted_acronyms(words, text, found)
        found += self._flawed_acronyms(words, text, found)
        found = self._dated_by_its(words, text, found)
        found.sort(key=lambda f: f[0])
        spans = [(first, name_last) for first, name_last, _, _ in found]
        terms = penalties(text, words, spans) if found else {}
        doc._.law_mentions = [
            LawMention(
                name=name,
                year=year,
                penalty=terms.get(k),
                start=words[first].start,
                end=words[name_last].end,
                title=titles.get(first),
            )
            for k, (first, name_last, name, year) in enumerate(found)
        ]
        return doc

    def _read_heads(
        self, words: Sequence[Word], text: str, heads: list[int]
    ) -> tuple[list[_Found], list[bool], list[int]]:
        """Grow each head into a title or a description; return the mentions, whether each is
        a lower-case description, and the last word of each (year or number included)."""
        found: list[_Found] = []
        described: list[bool] = []
        ends: list[int] = []
        consumed = -1
        for i in heads:
            if i <= consumed:
                continue
            got = self._title(words, i, consumed) if words[i].cap else None
            is_description = False
            title_only = words[i].lower in self.no_description
            if got is None and not title_only and not (words[i].cap and not words[i].sent_start):
                got = self._description(words, i, consumed)
                is_description = got is not None
            if got is None:
                continue
            first, last, name_last, year = got
            name = clean_name(text[words[first].start : words[name_last].end])
            if is_description:
                name = drop_alias(name)
            if not name or any(p in name.lower() for p in self.not_law):
                continue
            alias_end = self._alias_parenthesis(words, last)
            if (
                is_description
                and alias_end > 0
                and any(
                    w.lower in {"law", "code", "act", "statute"}
                    for w in words[last + 1 : alias_end]
                )
            ):
                # "the trafficking statute (section 154-1 of the criminal law)": the law is
                # the one in the parentheses
                continue
            year = year or self._alias_year(words, last, alias_end)
            year = year or self._enactment_year(words, first, last)
            found.append((first, name_last, name, year))
            described.append(is_description)
            ends.append(last)
            consumed = max(last, alias_end)
        return found, described, ends

    def _acronym_laws(self, w: Words, text: str, found: list[_Found]) -> list[_Found]:
        """Statutes named by their acronym: "The 2007 HTTCA criminalized ..." (a year, an
        acronym and a verb of ``acronym_law_verb``; the acronym is defined in another
        section).

        The years are found in the text and only the words after them are read: a walk over
        every word built a :class:`Word` for each, the costliest step of the component.
        """
        taken = {k for first, last, _, _ in found for k in range(first, last + 1)}
        out: list[_Found] = []
        starts, ends, n = w.starts, w.ends, len(w)
        for m in YEAR_IN_TEXT.finditer(text):
            j = bisect_right(starts, m.start()) - 1
            k = j + 1
            if j < 0 or starts[j] != m.start() or ends[j] != m.end() or k >= n - 1:
                continue  # part of a longer word ("6/2008"), or no word after the next
            x = w[k]
            if x.upper and k not in taken and w[k + 1].lower in self.acronym_verb:
                out.append((k, k, x.text, int(m.group())))
                taken.add(k)
        # yearless: "The PHTA criminalized ..." (the acronym defined in an earlier section)
        for m in BARE_ACRONYM_LAW.finditer(text):
            k = bisect_right(starts, m.start(1)) - 1
            if k < 0 or k + 1 >= n or starts[k] != m.start(1) or k in taken:
                continue
            x = w[k]
            if (
                x.upper
                and x.text[-1].lower() in self.acronym_bare_end
                and w[k + 1].lower in self.acronym_verb
                and load_gazetteer().country_by_name(x.text) is None
            ):
                out.append((k, k, x.text, None))
                taken.add(k)
        return out

    def _under_acronyms(self, w: Words, text: str, found: list[_Found]) -> list[_Found]:
        """Statutes named by their acronym as what cases were handled under: "investigated
        348 cases under the PSHTA (including ...)", "convicted 12 traffickers under the
        TIPA." (the acronym defined in an earlier paragraph). The word before "under" is a
        case word of ``acronym_under_before``, the acronym ends in a statute head's initial
        (``acronym_law_bare_end``: "under the NCA" could be the agency's watch) and the
        clause goes on or ends after it (``acronym_list_after``, a bracket, "in", "during"):
        "under the MOHA's supervision" is no statute. An acronym the text defines in brackets
        after a body's name or a country's is none either.
        """

        def fits(m: re.Match[str], x: Word, after: str) -> bool:
            return (m.group(1).lower() in self.under_before
                    and x.text[-1].lower() in self.acronym_bare_end
                    and (after in self.list_after or after in {"(", "in", "during"}))

        return self._cued_acronyms(w, text, found, UNDER_ACRONYM_LAW, 2, fits)

    def _accord_acronyms(self, w: Words, text: str, found: list[_Found]) -> list[_Found]:
        """Statutes named by their acronym as what acts or procedures conformed to: "SOPs
        ... developed in accordance with PACOTIP and support from ..." (legal_years_heldout20's
        ZAF 2019 and 2023: South Africa's act by its acronym, which ends in no head's initial,
        so :meth:`_acronym_laws` cannot read it). The clause goes on or ends after the acronym
        (``acronym_list_after``, "in", "during"): "in accordance with MOH guidelines" is a
        body's rule. Plans, procedures, pacts and conventions (``acronym_accord_not``: "in
        accordance with the NAP", "the SOPs", "the UNTOC") are none, nor an acronym the text
        defines in brackets after a body's name, nor a country's.
        """

        def fits(m: re.Match[str], x: Word, after: str) -> bool:
            return x.lower not in self.accord_not and (
                after in self.list_after or after in {"in", "during"})

        return self._cued_acronyms(w, text, found, ACCORD_ACRONYM_LAW, 1, fits)

    def _cued_acronyms(self, w: Words, text: str, found: list[_Found], pattern: re.Pattern[str],
                       group: int, fits: Callable[[re.Match[str], Word, str], bool]
                       ) -> list[_Found]:
        """Bare statute acronyms that ``pattern`` finds after a cue (the acronym is its
        ``group``): each one word of capitals, not already in a name, that ``fits`` (given
        the match, the word and the word after it). An acronym the text defines in brackets
        after a body's name ("(MOM)") or a country's ("the UAE") is none.
        """
        taken = {k for first, last, _, _ in found for k in range(first, last + 1)}
        out: list[_Found] = []
        starts, n = w.starts, len(w)
        for m in pattern.finditer(text):
            k = bisect_right(starts, m.start(group)) - 1
            if k < 0 or starts[k] != m.start(group) or k in taken:
                continue
            x = w[k]
            after = w[k + 1].text if k + 1 < n else "."
            if not x.upper or not fits(m, x, after):
                continue
            if f"({x.text})" in text or load_gazetteer().country_by_name(x.text) is not None:
                continue
            out.append((k, k, x.text, None))
            taken.add(k)
        return out

    def _interpreted_acronyms(self, w: Words, text: str, found: list[_Found]) -> list[_Found]:
        """Statutes named by their acronym as what officials interpret: "an interpretation
        that ATIPSOM required a trafficking victim be subjected to physical restraint"
        (legal_years_heldout22's MYS 2020: Malaysia's act by an acronym spelled out in an
        earlier section, ending in no head's initial). Only a rule is interpreted. After "that"
        the acronym is a clause's subject (a lower-case verb follows); after "of" the clause
        goes on or ends after it (``acronym_list_after``, "that", "in", "as"): "interpretation
        of MOM guidelines" is a body's rule. Plans, procedures and pacts
        (``acronym_accord_not``), an acronym the text defines in brackets after a body's name,
        and a country's are none.
        """

        def fits(m: re.Match[str], x: Word, after: str) -> bool:
            if x.lower in self.accord_not:
                return False
            if m.group(1) == "that":
                return after.isalpha() and after.islower()
            return after in self.list_after or after in {"that", "in", "as"}

        return self._cued_acronyms(w, text, found, INTERPRET_ACRONYM_LAW, 2, fits)

    def _flawed_acronyms(self, w: Words, text: str, found: list[_Found]) -> list[_Found]:
        """Statutes named by their acronym as what has flaws or parts: "due to definitional
        ambiguities in the HTPCA." (legal_years_heldout27's TWN 2021: Taiwan's act by an
        acronym spelled out in an earlier section). The word before "in the"/"of the" is a
        noun of a statute's flaws or parts (``acronym_flaw_before``: "gaps", "loopholes",
        "provisions"), the acronym ends in a statute head's initial (``acronym_law_bare_end``)
        and the clause goes on or ends after it (``acronym_list_after``, a bracket): "gaps in
        the NCA data" is a body's. An acronym the text defines in brackets after a body's
        name, and a country's, are none.
        """

        def fits(m: re.Match[str], x: Word, after: str) -> bool:
            return (m.group(1) in self.flaw_before
                    and x.text[-1].lower() in self.acronym_bare_end
                    and (after in self.list_after or after == "("))

        return self._cued_acronyms(w, text, found, FLAW_ACRONYM_LAW, 2, fits)

    def _listed_acronyms(self, w: Words, text: str, found: list[_Found]) -> list[_Found]:
        """Statutes named by their acronym as the next item of a list of laws: "under the
        Women's Charter, the Immigration Act, and the EFMA" (the acronym is defined in another
        section). The item is a bare capitals word after a comma or "and"/"or" (and "the"),
        and the list or the sentence goes on after it; an acronym the text defines in
        brackets (a body's "(MOM)") or a country's ("and the UAE") is not a statute.
        """
        taken = {k for first, last, _, _ in found for k in range(first, last + 1)}
        out: list[_Found] = []
        n = len(w)
        for _first, name_last, _, _ in found:
            k = name_last + 1
            joiners: list[str] = []
            while k < n and len(joiners) < 3 and w[k].lower in {",", "and", "or", "the"}:
                joiners.append(w[k].lower)
                k += 1
            if k >= n or k in taken or not ({",", "and", "or"} & set(joiners)):
                continue
            x = w[k]
            if not (x.upper and x.alpha and len(x.text) >= 2) or w[k].sent_start:
                continue
            if k + 1 < n and w[k + 1].text not in self.list_after:
                continue  # "the MOM guidelines", "the MOI initiated": not a listed statute
            if f"({x.text})" in text or load_gazetteer().country_by_name(x.text) is not None:
                continue
            out.append((k, k, x.text, None))
            taken.add(k)
        return out

    # -- years and aliases ----------------------------------------------------------------

    def _dated_by_its(self, w: Words, text: str, found: list[_Found]) -> list[_Found]:
        """Years given after a statute by "its enactment in 2013" (``enact_noun``): the nearest
        mention before it in the sentence takes the year, or an acronym bracketed after a
        found title ("The implementing regulations for PACOTIP's immigration provisions have
        not been promulgated since its enactment in 2013") becomes a dated mention that the
        resolver joins to the title."""
        n, out = len(w), list(found)
        owner = {k: i for i, (a, z, _, _) in enumerate(found) for k in range(a, z + 1)}
        acronyms = {w[last + 2].text for _, last, _, _ in found
                    if last + 3 < n and w[last + 1].text == "(" and w[last + 2].upper
                    and w[last + 3].text == ")"}
        for m in YEAR_IN_TEXT.finditer(text):
            j = bisect_right(w.starts, m.start()) - 1
            if j < 0 or w.starts[j] != m.start():
                continue
            k = j - 1
            while k >= 0 and w[k].lower in self.months:
                k -= 1
            if k < 2 or w[k].lower != "in" or w[k - 1].lower not in self.enact_noun:
                continue
            if w[k - 2].lower != "its":
                continue
            for b in range(k - 3, max(-1, k - 25), -1):
                if b in owner:
                    i = owner[b]
                    a, z, name, year = out[i]
                    out[i] = (a, z, name, year or int(m.group()))
                    break
                if w[b].text in acronyms:
                    out.append((b, b, w[b].text, int(m.group())))
                    break
                if w[b + 1].sent_start or w[b].lower in self.heads:
                    break
        return out

    def _enactment_year(self, w: Sequence[Word], first: int, last: int) -> int | None:
        """A year the sentence gives as the enactment of the mention at ``first..last``."""
        n = len(w)
        if any(x.lower.startswith("amend") for x in w[max(0, first - 3) : first]):
            return None  # "amendments to the Law on ... adopted in 2019": not the enactment
        # "..., enacted in 2008", "Law No. 2014-040, effective 2014", "... was passed in 2005"
        k = last + 1
        if k < n and w[k].text in {",", "("}:
            k += 1
        while k < n and k < last + 5 and w[k].lower in self.aux:
            k += 1
        if k < n and w[k].lower in self.enact_after:
            for m in range(k + 1, min(k + 5, n)):
                if YEAR.match(w[m].text):
                    return int(w[m].text)
                if w[m].lower not in self.months and w[m].lower not in {"in", "on", "since"}:
                    break
        # "In April 2014, officials enacted the Criminal Justice Act"
        j = first - 1
        if j >= 0 and w[j].lower in {"the", "a", "an", "its"}:
            j -= 1
        if j < 0 or w[j].lower not in self.enact_verb:
            return None
        m = j - 1
        while m >= 0 and m >= j - 12 and not w[m + 1].sent_start:
            if (
                YEAR.match(w[m].text)
                and m >= 1
                and (w[m - 1].lower == "in" or w[m - 1].lower in self.months)
            ):
                return int(w[m].text)
            if w[m].lower.startswith("amend"):
                return None
            m -= 1
        return None

    def _alias_year(self, w: Sequence[Word], last: int, alias_end: int) -> int | None:
        """The year of a statute number in the alias: "... Act (Act No. 7 of 2013)"."""
        if alias_end < 0:
            return None
        inside = w[last + 2 : alias_end]
        if not any(x.lower in self.heads for x in inside):
            return None  # "(PHTA)", "(TITP reform law)" hold no number
        for k, x in enumerate(inside):
            if x.lower == "of" and k + 1 < len(inside) and YEAR.match(inside[k + 1].text):
                return int(inside[k + 1].text)
        for k, x in enumerate(inside):
            if x.lower in self.heads:
                return number_year(inside, k, len(inside) - 1)
        return None

    def _alias_parenthesis(self, w: Sequence[Word], last: int) -> int:
        """Index of the ")" of an alias right after a law ("(PHTA)", "(TITP reform law)")."""
        k = last + 1
        if k < len(w) and w[k].text == "(":
            close = find(w, k + 1, 8, {")"})
            if close is not None:
                return close
        return -1


def _join_appositions(
    words: Sequence[Word], found: list[_Found], described: list[bool], ends: list[int]
) -> dict[int, str]:
    """Give two mentions of one statute side by side one name (in place); return the apposed
    titles renamed, by their first word."""
    titles: dict[int, str] = {}
    # "The anti-trafficking law, law number 6/2008, ...": the description is the number
    for k in range(len(found) - 1):
        nxt_first = found[k + 1][0]
        if (
            described[k]
            and nxt_first == ends[k] + 2
            and words[ends[k] + 1].text == ","
            and (not described[k + 1] or any(c.isdigit() for c in found[k + 1][2]))
        ):
            first, name_last, _, _ = found[k]
            found[k] = (first, name_last, found[k + 1][2], found[k + 1][3])
    # "Law 263 of 2012, the Comprehensive Law against ..., criminalized" (or set off by
    # dashes): an apposed title names the same statute (a list would go on with "and" or
    # another law); the mark that opens the apposition closes it
    marks = word_lists(LEXICON)["apposition_mark"]
    for k in range(len(found) - 1):
        gap = [x.lower for x in words[ends[k] + 1 : found[k + 1][0]]]
        after = ends[k + 1] + 1
        if (
            not described[k]
            and not described[k + 1]
            and any(c.isdigit() for c in found[k][2])
            and gap[:1] in [[m] for m in marks]
            and gap[1:] in ([], ["the"])
            and after + 1 < len(words)
            and words[after].text == gap[0]
            and words[after + 1].alpha
            and not words[after + 1].cap
            and words[after + 1].lower not in {"and", "or"}
        ):
            first, name_last, title, _ = found[k + 1]
            titles[first] = title
            found[k + 1] = (first, name_last, found[k][2], found[k][3])
    return titles


@Language.factory("tip_laws", assigns=["doc._.law_mentions"])
def make_law_extractor(nlp: Language, name: str) -> LawExtractor:
    """Create the ``tip_laws`` component (see :class:`LawExtractor`)."""
    return LawExtractor(nlp, name)
