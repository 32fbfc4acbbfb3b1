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

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tipgraph.extract.legal_words import (
    Word,
    all_country_names,
    clean_name,
    country_words,
    lexicon,
    text_of,
    words_and_text,
    words_of,
)
from tipgraph.extract.records import Law, Sentence
from tipgraph.extract.tokens import tokens_of

__all__ = [
    "LawExtractor",
    "LawMention",
    "Word",
    "lexicon",
    "make_law_extractor",
    "resolve_laws",
    "text_of",
    "words_of",
]

_PATTERNS = "tipgraph.extract.patterns"
_YEAR = re.compile(r"^(19[0-9]{2}|20[0-9]{2})$")
_YEAR_IN = re.compile(r"(?<!\d)(19[4-9][0-9]|20[0-4][0-9])(?!\d)")
# a statute number: "2014-040", "6/2008", "27.14", "M/40" (Saudi royal decrees), "137-03"
_NUMBERISH = re.compile(r"^(?=.*\d)[0-9A-Za-z]+(?:[./\-][0-9A-Za-z]+)*$")
_ITEM_OPENERS = frozenset({":", ";", "•", "-", "–", "—", "*"})  # before a list item's first word
_QUOTES_OPEN = frozenset({'"', "“", "'", "‘"})
_QUOTES_CLOSE = frozenset({'"', "”", "'", "’"})
_NUM_WORD = (
    r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-five|thirty|"
    r"forty|fifty)"
)
_UNIT = r"(?:years?|months?)(?:['’])?"
_JAIL = (
    r"(?:imprisonment|in\s+prison|prison|incarceration|in\s+jail|jail|deprivation\s+of\s+liberty)"
)
_JAIL_HINT = re.compile(r"impris|prison|jail|incarcerat|liberty|penalt|sentence|punish", re.I)
# older reports drop the word: "prescribes penalties of five to 15 years"
_TERM_AFTER_PENALTY = re.compile(
    rf"(?:penalt(?:y|ies)|sentences?|punishments?|punishable)\s+(?:that\s+range\s+|ranging\s+)?"
    rf"(?:of|from|by)\s+((?:up\s+to\s+|between\s+)?{_NUM_WORD}(?:\s+{_UNIT})?"
    rf"(?:\s*(?:-|–|to|and)\s*{_NUM_WORD})?\s+{_UNIT})",
    re.I,
)
_PENALTY = re.compile(
    rf"(?:(?:up\s+to|as\s+much\s+as|a\s+maximum\s+of|maximum\s+of|at\s+least|a\s+minimum\s+of|"
    rf"minimum\s+of|between)\s+)?{_NUM_WORD}(?:\s+{_UNIT})?"
    rf"(?:\s*(?:-|–|to|and)\s*{_NUM_WORD})?\s+{_UNIT}\s+(?:of\s+)?{_JAIL}"
    rf"|{_JAIL}\s+(?:of|for)\s+(?:up\s+to\s+|between\s+|at\s+least\s+)?{_NUM_WORD}"
    rf"(?:\s*(?:-|–|to|and)\s*{_NUM_WORD})?\s+{_UNIT}"
    rf"|{_NUM_WORD}\s+{_UNIT}\s+to\s+life(?:\s+imprisonment)?"
    rf"|life\s+imprisonment",
    re.I,
)


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
    """

    name: str
    year: int | None
    penalty: str | None
    start: int
    end: int


def _patterns(name: str) -> list[dict[str, Any]]:
    text = resources.files(_PATTERNS).joinpath(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class LawExtractor:
    """The ``tip_laws`` component: sets ``doc._.law_mentions``.

    The head words are found with one spaCy ``PhraseMatcher`` pass; each head is then grown into a
    title or a description by walking the glued words left and right. The walk is local, so
    wrong sentence boundaries cost at most a missed year or penalty.
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
        self.heads = frozenset(rec["phrase"] for rec in _patterns("laws.jsonl"))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rec in _patterns("laws.jsonl"):
            self.matcher.add(rec["label"], [nlp.make_doc(rec["phrase"])])
        lx = lexicon()
        self.title_stop = lx["title_stop"]
        self.connector = lx["title_connector"]
        self.opener = lx["title_opener"]
        self.number_marker = lx["number_marker"]
        self.determiner = lx["determiner"]
        self.strip = lx["modifier_strip"]
        self.reject = lx["modifier_reject"]
        self.act_reject = lx["act_reject"]
        self.act_ok = lx["act_trafficking_ok"]
        self.not_before = lx["head_not_before"]
        self.internal_possessor = lx["internal_possessor"]
        self.enact_verb = lx["enact_verb"]
        self.enact_after = lx["enact_after"]
        self.months = lx["months"]
        self.not_law = lx["not_law"]
        self.title_not_first = lx["title_not_first"]
        self.state_word = lx["state_word"]
        self.aux = lx["aux"]
        self.imperative = lx["imperative"]

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
        found: list[tuple[int, int, str, int | None]] = []  # first word, last word, name, year
        described: list[bool] = []  # found[k] is a lower-case description
        ends: list[int] = []  # last word of each mention (year or number included)
        consumed = -1
        for i in heads:
            if i <= consumed:
                continue
            got = self._title(words, i, consumed) if words[i].cap else None
            is_description = False
            if got is None and not (words[i].cap and not words[i].sent_start):
                got = self._description(words, i, consumed)
                is_description = got is not None
            if got is None:
                continue
            first, last, name_last, year = got
            name = clean_name(text[words[first].start : words[name_last].end])
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
        # "Law 263 of 2012, the Comprehensive Law against ..., criminalized": an apposed
        # title names the same statute (a list would go on with "and" or another law)
        for k in range(len(found) - 1):
            gap = [x.lower for x in words[ends[k] + 1 : found[k + 1][0]]]
            after = ends[k + 1] + 1
            if (
                not described[k]
                and not described[k + 1]
                and any(c.isdigit() for c in found[k][2])
                and gap in ([","], [",", "the"])
                and after + 1 < len(words)
                and words[after].text == ","
                and words[after + 1].alpha
                and not words[after + 1].cap
                and words[after + 1].lower not in {"and", "or"}
            ):
                first, name_last, _, _ = found[k + 1]
                found[k + 1] = (first, name_last, found[k][2], found[k][3])
        doc._.law_mentions = self._with_penalties(text, words, found)
        return doc

    # -- titles ---------------------------------------------------------------------------

    def _title(
        self, w: Sequence[Word], i: int, floor: int = -1
    ) -> tuple[int, int, int, int | None] | None:
        """Grow a capitalised head into a title; return (first, last, name last, year)."""
        head = w[i]
        if head.lower.endswith("s") and head.lower not in {"this"}:
            return None
        nxt = w[i + 1] if i + 1 < len(w) else None
        if nxt is not None and nxt.lower in self.not_before:
            return None  # "Law Enforcement Unit"
        left = self._title_left(w, i, floor)
        if w[left].lower in self.title_not_first:
            return None  # "Ministry of Law and Gender"
        last, name_last, year = self._title_right(w, i)
        if left == i and name_last == i:
            return None  # a bare "Act" or "Law"
        if head.sent_start and left == i and name_last == i:
            return None
        # a title opened by a quote runs to the closing quote
        if left > 0 and w[left - 1].text in _QUOTES_OPEN:
            close = _find(w, left, 60, _QUOTES_CLOSE)
            if close is not None and close - 1 >= name_last:
                name_last = close - 1
                while name_last > left and w[name_last].text in {".", ",", ";"}:
                    name_last -= 1
                last = max(last, close)
        if year is None and left >= 1 and _YEAR.match(w[left - 1].text):
            year = int(w[left - 1].text)
        if year is None:
            year = _number_year(w, i, name_last)
        return left, last, name_last, year

    def _title_left(self, w: Sequence[Word], i: int, floor: int = -1) -> int:
        left = i
        j = i - 1
        pending: list[int] = []
        while j > floor:
            x = w[j]
            if x.text == ")":
                k = _find_back(w, j, 14, {"("})
                if k is None:
                    break
                inside = w[k + 1 : j]
                if (
                    not inside
                    or not (inside[0].cap and inside[-1].cap)
                    or not all(y.cap or y.lower in self.connector or y.text == "," for y in inside)
                ):
                    break  # "(Prevention, Suppression, and Punishment)", "(Care and Protection of"
                left = k
                pending = []
                j = k - 1
                continue
            if x.lower in self.imperative and (x.sent_start or w[j - 1].text in _ITEM_OPENERS):
                break  # "Amend Law 26.364 to ...": the recommendation's verb
            if x.cap and x.alpha and x.lower not in self.title_stop and not x.upper:
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
            if (
                x.lower == "'s"
                and j >= 1
                and w[j - 1].cap
                and (w[j - 1].lower in self.internal_possessor)
            ):
                # "Crime Victim's Law"
                left = j - 1
                pending = []
                if w[j - 1].sent_start:
                    break
                j -= 2
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

    def _title_right(self, w: Sequence[Word], i: int) -> tuple[int, int, int | None]:
        """Return (last word of the mention, last word of the name, year) right of a head."""
        n = len(w)
        last = name_last = i
        year: int | None = None
        j = i + 1
        # a number: "No. 2014-040", "2012-023", "number 6/2008"
        if j < n and w[j].lower in self.number_marker:
            k = j + 1
            if k < n and w[k].text == ".":
                k += 1
            if k < n and _NUMBERISH.match(w[k].text):
                last = name_last = k
                j = k + 1
            elif (
                k + 2 < n
                and w[k].text == "("
                and _NUMBERISH.match(w[k + 1].text)
                and w[k + 2].text == ")"
            ):
                last = name_last = k + 2  # Gulf citations: "Federal Law No. (51) of 2006"
                j = k + 3
        elif j < n and _NUMBERISH.match(w[j].text) and not _YEAR.match(w[j].text):
            last = name_last = j
            j += 1
        elif j < n and _YEAR.match(w[j].text) and not w[j - 1].text.endswith("-"):
            # "Child Protection Act 2005"
            year = int(w[j].text)
            last = j
            return last, name_last, year
        elif j + 1 < n and w[j].text == "," and _YEAR.match(w[j + 1].text):
            # "the Anti-Trafficking in Persons Act, 2020"
            return j + 1, name_last, int(w[j + 1].text)
        if j + 1 < n and w[j].lower == "of" and _YEAR.match(w[j + 1].text):
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
            year = int(w[date_end].text)
            last = name_last = date_end
            j = date_end + 1
        # head-first titles: "Law on ...", "Act to Ban ...", "Law 2012-023 Relating to ..."
        if j < n and (w[j].lower in self.opener or (w[j].cap and w[j].lower in self.opener)):
            k = j
            pending: list[int] = []
            while k < n:
                x = w[k]
                if x.cap and x.alpha and not (x.sent_start and k > j):
                    if x.lower in {"the", "a", "an"} and k == j:
                        break
                    name_last = last = k
                    pending = []
                    k += 1
                    continue
                if x.text == "," and name_last == k - 1 and _title_list(w, k):
                    pending.append(k)  # "Law Against Sexual Violence, Exploitation, and ..."
                    k += 1
                    continue
                if x.lower in self.connector or x.lower in self.opener:
                    if x.lower == "of" and self._names_state(w, k + 1):
                        break  # "Criminal Code of the Republic of Kazakhstan"
                    pending.append(k)
                    if len(pending) > 2:
                        break
                    k += 1
                    continue
                break
            if (
                name_last > i
                and pending
                and w[pending[0]].lower == "of"
                and pending[0] + 1 < n
                and _YEAR.match(w[pending[0] + 1].text)
            ):
                return pending[0] + 1, name_last, int(w[pending[0] + 1].text)
        return last, name_last, year

    def _date_after(self, w: Sequence[Word], j: int) -> int | None:
        """The year's index of an "of 14 December 2011" / "of December 14, 2011" at ``j``."""
        n = len(w)
        if j >= n or w[j].lower != "of":
            return None
        k = j + 1
        for _ in range(4):
            if k >= n:
                return None
            if _YEAR.match(w[k].text):
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
        return w[k].lower in self.state_word or w[k].lower in _country_names()

    # -- descriptions ---------------------------------------------------------------------

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
            return None  # "anti-trafficking law enforcement"
        numbered = i + 1 < n and (
            w[i + 1].lower in self.number_marker
            or (_NUMBERISH.match(w[i + 1].text) is not None and not _YEAR.match(w[i + 1].text))
        )
        mods: list[int] = []
        j = i - 1
        while j > floor:
            x = w[j]
            if (
                numbered
                and x.sent_start
                and x.cap
                and x.alpha
                and not x.upper
                and x.lower not in self.title_stop
                and x.lower not in self.imperative
            ):
                # "Presidential decree 1069 of 2014" opening a sentence
                mods.append(j)
                j -= 1
                break
            if x.lower == "'s" and j >= 1 and w[j - 1].lower in self.internal_possessor:
                mods.extend([j, j - 1])
                j -= 2
                continue
            if x.alpha and not x.cap and x.lower not in self.determiner:
                if x.lower == "and":
                    # "children's protection and welfare act": only between two modifiers
                    if mods and j >= 1 and w[j - 1].alpha and not w[j - 1].cap:
                        mods.append(j)
                        j -= 1
                        continue
                    break
                if _stopword(x.lower):
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
        # the word before the phrase must make it definite
        ctx = j
        year: int | None = None
        if ctx >= 0 and _YEAR.match(w[ctx].text):
            year = int(w[ctx].text)
            ctx -= 1
        before = w[ctx] if ctx >= 0 else None
        definite = before is not None and (before.lower in self.determiner or before.lower == "'s")
        if not definite and not numbered:
            return None
        # modifiers that make it a description, not a name
        mod_words = [w[k].lower for k in sorted(mods)]
        if any(m in self.reject for m in mod_words):
            return None
        while mods and w[min(mods)].lower in self.strip:
            mods.remove(min(mods))
        first = min(mods) if mods else i
        if head.lower == "act":
            if not mods or any(m in self.act_reject for m in mod_words if m not in self.act_ok):
                return None
            if (
                nxt is not None
                and nxt.lower == "of"
                and not (i + 2 < n and _YEAR.match(w[i + 2].text))
            ):
                return None
        last = name_last = i
        k = i + 1
        # "anti-trafficking law 27.14", "law number 6/2008"
        if k < n and w[k].lower in self.number_marker and k + 1 < n:
            m = k + 1 + (w[k + 1].text == ".")
            if m < n and _NUMBERISH.match(w[m].text):
                last = name_last = m
        elif k < n and _NUMBERISH.match(w[k].text) and not _YEAR.match(w[k].text):
            last = name_last = k
        elif not mods and k + 1 < n and w[k].lower == "on" and w[k + 1].alpha and not w[k + 1].cap:
            # "the code on children"
            m = k + 1
            while m < n and m < k + 6 and w[m].alpha and not w[m].cap:
                if _stopword(w[m].lower) and not (
                    w[m].lower == "in"
                    and w[m - 1].lower.endswith("trafficking")
                    and m + 1 < n
                    and w[m + 1].lower in {"persons", "human", "people"}
                ):
                    break
                m += 1
            if m > k + 1 and (m >= n or not w[m].alpha or _stopword(w[m].lower)):
                last = name_last = m - 1
        if k + 1 < n and w[k].lower == "of" and _YEAR.match(w[k + 1].text):
            year = int(w[k + 1].text)
            last = k + 1
        elif (
            name_last > i
            and name_last + 2 < n
            and w[name_last + 1].lower == "of"
            and _YEAR.match(w[name_last + 2].text)
        ):
            # "decree 1069 of 2014": as in titles, the year is part of the number
            year = int(w[name_last + 2].text)
            last = name_last = name_last + 2
        if not mods and name_last == i:
            return None  # "the law", "the code"
        if year is None:
            year = _number_year(w, i, name_last)
        return first, last, name_last, year

    # -- years, aliases, penalties --------------------------------------------------------

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
                if _YEAR.match(w[m].text):
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
                _YEAR.match(w[m].text)
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
            if x.lower == "of" and k + 1 < len(inside) and _YEAR.match(inside[k + 1].text):
                return int(inside[k + 1].text)
        for k, x in enumerate(inside):
            if x.lower in self.heads:
                return _number_year(inside, k, len(inside) - 1)
        return None

    def _alias_parenthesis(self, w: Sequence[Word], last: int) -> int:
        """Index of the ")" of an alias right after a law ("(PHTA)", "(TITP reform law)")."""
        k = last + 1
        if k < len(w) and w[k].text == "(":
            close = _find(w, k + 1, 8, {")"})
            if close is not None:
                return close
        return -1

    def _with_penalties(
        self, text: str, w: Sequence[Word], found: list[tuple[int, int, str, int | None]]
    ) -> list[LawMention]:
        """Attach to each mention the first prison term stated after it in its sentence."""
        if not found:
            return []
        mentions: list[LawMention] = []
        penalties: dict[int, str] = {}
        by_sentence: dict[tuple[int, int], list[int]] = {}
        for idx, (first, name_last, _, _) in enumerate(found):
            by_sentence.setdefault(_sentence_around(w, first, name_last, len(text)), []).append(idx)
        for (s_start, s_end), idxs in by_sentence.items():
            if not _JAIL_HINT.search(text, s_start, s_end):
                continue  # the full pattern is slow to try at every position
            terms = [(m.start(), m.group(0)) for m in _PENALTY.finditer(text, s_start, s_end)]
            if not terms:
                terms = [
                    (m.start(1), m.group(1))
                    for m in _TERM_AFTER_PENALTY.finditer(text, s_start, s_end)
                ]
            for pos, term in terms:
                before = [x for x in idxs if w[found[x][1]].end <= pos]
                owner = before[-1] if before else idxs[0]
                penalties.setdefault(owner, " ".join(term.split()))
        for idx, (first, name_last, name, year) in enumerate(found):
            mentions.append(
                LawMention(
                    name=name,
                    year=year,
                    penalty=penalties.get(idx),
                    start=w[first].start,
                    end=w[name_last].end,
                )
            )
        return mentions


def _stopword(lower: str) -> bool:
    """Words that cannot modify a head: function words, common verbs, -ed verbs, -ly adverbs."""
    lx = lexicon()
    return (
        lower in lx["stop"]
        or (lower.endswith("ed") and lower not in lx["ed_ok"] and "-" not in lower)
        or (lower.endswith("ly") and lower not in {"assembly", "family"})
    )


def _title_list(w: Sequence[Word], k: int) -> bool:
    """At a comma inside a title: capitalised items up to ", and" + a capitalised word."""
    n = len(w)
    m = k
    for _ in range(6):
        if m >= n or w[m].text != ",":
            return False
        m += 1
        if m + 1 < n and w[m].lower == "and":
            return w[m + 1].cap or (w[m + 1].lower == "the" and m + 2 < n and w[m + 2].cap)
        if m >= n or not w[m].cap:
            return False
        while m < n and w[m].cap:
            m += 1
        if m + 1 < n and w[m].lower == "and":
            return w[m + 1].cap
    return False


def _find(w: Sequence[Word], start: int, span: int, texts: Iterable[str]) -> int | None:
    wanted = set(texts)
    for k in range(start, min(start + span, len(w))):
        if w[k].text in wanted:
            return k
    return None


def _find_back(w: Sequence[Word], start: int, span: int, texts: Iterable[str]) -> int | None:
    wanted = set(texts)
    for k in range(start - 1, max(start - span, -1), -1):
        if w[k].text in wanted:
            return k
    return None


def _number_year(w: Sequence[Word], head: int, name_last: int) -> int | None:
    """The year inside a statute number: "Law No. 2014-040" and "law number 6/2008"."""
    for k in range(head + 1, min(name_last + 1, head + 4)):
        if _NUMBERISH.match(w[k].text) and not _YEAR.match(w[k].text):
            m = _YEAR_IN.search(w[k].text)
            if m:
                return int(m.group(1))
    return None


def _sentence_around(w: Sequence[Word], first: int, last: int, size: int) -> tuple[int, int]:
    """Character span of the sentence holding words ``first..last`` (as the words see it)."""
    j = first
    while j > 0 and not w[j].sent_start:
        j -= 1
    k = last + 1
    n = len(w)
    while k < n and not w[k].sent_start:
        k += 1
    return w[j].start, (w[k].start if k < n else size)


@Language.factory("tip_laws", assigns=["doc._.law_mentions"])
def make_law_extractor(nlp: Language, name: str) -> LawExtractor:
    """Create the ``tip_laws`` component (see :class:`LawExtractor`)."""
    return LawExtractor(nlp, name)


# -- resolution ---------------------------------------------------------------------------


def resolve_laws(mentions: list[tuple[LawMention, Sentence]], country: str | None) -> list[Law]:
    """Merge one narrative's law mentions into one :class:`Law` per statute.

    Why each rule exists:

    * Mentions with the same name (case-insensitive) are one statute.
    * "criminal code" and "penal code" are one code (the reports use both for the same
      statute); the narrative's own-country word before a description is dropped ("the
      Kosovo criminal code" is the criminal code; "the Yugoslav criminal code" stays apart).
    * A trafficking description ("the anti-trafficking law", "the Trafficking Act", "the
      2015 anti-trafficking act") names the narrative's titled trafficking statute when there
      is one with a compatible year, else a titled statute of that year; otherwise the
      descriptions are one statute of their own, named by their most frequent form.
    * A description whose words are all in a longer description with the same head ("the
      children's welfare act" in "the 2011 children's protection and welfare act") is that
      statute, unless their years differ ("labor law" 2010 and "domestic labor law" 2015).
    * A bare "the 2005 law" or a jurisdiction-only "the federal law" joins the statute of its
      year, or is dropped.

    Args:
        mentions: ``(mention, sentence)`` pairs of one narrative, in reading order.
        country: the narrative's ISO3 code, recorded as each law's jurisdiction.

    Returns:
        Laws in order of first mention; ``sentences`` in order without duplicates; ``year``
        from any mention that gives it; ``penalties`` de-duplicated in order of appearance.

    Example:
        >>> from tipgraph.extract.records import Sentence
        >>> s = Sentence(0, 0, 10, "x", "x", "prosecution")
        >>> laws = resolve_laws([(LawMention("Counter-Trafficking in Persons Act", 2010, None,
        ...                                   0, 5), s),
        ...                      (LawMention("anti-trafficking law", None, None, 6, 9), s)], "KEN")
        >>> [(x.name, x.year) for x in laws]
        [('Counter-Trafficking in Persons Act', 2010)]
    """
    lx = lexicon()
    own = _own_country_words(country)
    groups: dict[str, list[tuple[LawMention, Sentence]]] = {}
    order: list[str] = []
    for m, s in mentions:
        key = _law_key(m.name, own, lx)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((m, s))

    def years(key: str) -> set[int]:
        return {m.year for m, _ in groups[key] if m.year is not None}

    def is_generic(key: str) -> bool:
        return _is_trafficking_generic(key, lx)

    def is_bare(key: str) -> bool:
        parts = key.split()
        return parts[-1] in {"law", "act", "code", "statute"} and all(
            p in lx["jurisdiction_only"] for p in parts[:-1]
        )

    titled = [k for k in order if not is_generic(k) and not is_bare(k)]
    targets = [k for k in titled if "traffick" in k and k not in lx["foreign_statute"]]
    merged: dict[str, str] = {}  # key -> key it joins ("" = dropped)
    for key in order:
        ys = years(key)
        if is_bare(key):
            same = [t for t in order if t != key and not is_bare(t) and ys & years(t)]
            merged[key] = same[0] if same else ""
        elif is_generic(key):
            for cands in (
                [t for t in targets if ys and ys & years(t)],
                [t for t in titled if ys and ys & years(t)],
                [t for t in targets if not ys or not years(t)],
            ):
                if cands:
                    merged[key] = cands[0]
                    break
    # "Law 64" and "Law No. 64" are "Law No. 64 of 2010 regarding ...": a number names one law
    for key in order:
        if key in merged or not any(c.isdigit() for c in key):
            continue
        sig = _number_signature(key, lx["number_marker"])
        longer = [
            t
            for t in titled
            if t != key
            and t not in merged
            and _number_signature(t, lx["number_marker"]).startswith(sig + " ")
            and _years_agree(years(key), years(t))
        ]
        if len(longer) == 1:
            merged[key] = longer[0]
    # descriptions contained in a longer description with the same head
    for key in order:
        if key in merged or not all(_is_description(m.name) for m, _ in groups[key]):
            continue
        words = set(key.split())
        if len(words) < 3 or key == "criminal code":
            continue
        bigger = [
            t
            for t in titled
            if t != key
            and t not in merged
            and t.split()[-1] == key.split()[-1]
            and words < set(t.split())
            and _years_agree(years(key), years(t))
        ]
        if len(bigger) == 1:
            merged[key] = bigger[0]
    # "the trafficking law" without a year only points to a statute named otherwise
    for key in order:
        if (
            is_generic(key)
            and key not in merged
            and not years(key)
            and all(p in lx["trafficking_weak"] for p in key.split()[:-1])
        ):
            merged[key] = ""
    # the trafficking descriptions left are one statute among themselves
    generic_left = [k for k in order if is_generic(k) and k not in merged]
    if len(generic_left) > 1:
        main = _pick_generic(generic_left, groups, lx["jurisdiction_only"])
        for k in generic_left:
            if k != main:
                merged[k] = main

    final: dict[str, list[tuple[LawMention, Sentence]]] = {}
    for key in order:
        target = key
        seen = {key}
        while target in merged:
            target = merged[target]
            if target == "" or target in seen:
                break
            seen.add(target)
        if target == "":
            continue
        final.setdefault(target, []).extend(groups[key])
    laws = [_make_law(key, items, groups, country, own) for key, items in final.items()]
    laws.sort(key=lambda x: x.sentences[0].index if x.sentences else 0)
    return laws


def _number_signature(key: str, markers: frozenset[str]) -> str:
    """A numbered name without its number marker: "law no. 64 of 2010" -> "law 64 of 2010"."""
    return " ".join(p for p in key.replace(" no. ", " no ").split() if p not in markers)


def _years_agree(a: set[int], b: set[int]) -> bool:
    return not a or not b or bool(a & b)


def _is_description(key: str) -> bool:
    return key == key.lower() and not any(c.isdigit() for c in key)


def _pick_generic(
    keys: list[str],
    groups: dict[str, list[tuple[LawMention, Sentence]]],
    jurisdiction_only: frozenset[str],
) -> str:
    """Name the statute behind several descriptions.

    The form that gives the enactment year is the defining one ("the 2009 anti-human
    trafficking law"); its jurisdiction words are dropped when the shorter form is also used
    ("the 2005 national anti-trafficking law" ... "the anti-trafficking law").
    """

    def score(k: str) -> tuple[bool, int, int]:
        ms = groups[k]
        return (any(m.year for m, _ in ms), len(ms), -len(k))

    main = max(keys, key=score)
    parts = main.split()
    while len(parts) > 2 and parts[0] in jurisdiction_only:
        parts = parts[1:]
        if " ".join(parts) in keys:
            return " ".join(parts)
    return main


def _make_law(
    key: str,
    items: list[tuple[LawMention, Sentence]],
    groups: dict[str, list[tuple[LawMention, Sentence]]],
    country: str | None,
    own: frozenset[str],
) -> Law:
    """Build the record: the name of the key's own mentions (most frequent surface form)."""
    own_items = groups.get(key) or items
    counts: dict[str, int] = {}
    for m, _ in own_items:
        name = _strip_own(m.name, own)
        counts[name] = counts.get(name, 0) + 1
    name = max(counts, key=lambda n: (counts[n], any(c.isupper() for c in n), -len(n)))
    year = next((m.year for m, _ in own_items if m.year is not None), None)
    if year is None:
        year = next((m.year for m, _ in items if m.year is not None), None)
    penalties: list[str] = []
    sentences: list[Sentence] = []
    seen: set[Sentence] = set()
    for m, s in sorted(items, key=lambda p: (p[1].index, p[0].start)):
        if m.penalty and m.penalty not in penalties:
            penalties.append(m.penalty)
        if s not in seen:
            seen.add(s)
            sentences.append(s)
    return Law(name=name, year=year, penalties=penalties, jurisdiction=country, sentences=sentences)


def _law_key(name: str, own: frozenset[str], lx: dict[str, frozenset[str]]) -> str:
    key = " ".join(_strip_own(name, own).lower().replace("’", "'").split())
    if key in lx["code_synonym"]:
        return "criminal code"
    return key


def _strip_own(name: str, own: frozenset[str]) -> str:
    """Drop the narrative's own country word before a lower-case description."""
    parts = name.split()
    if len(parts) > 2 and parts[0].lower() in own and parts[-1].islower() and parts[1].islower():
        return " ".join(parts[1:])
    return name


def _is_trafficking_generic(key: str, lx: dict[str, frozenset[str]]) -> bool:
    parts = key.split()
    if len(parts) < 2 or parts[-1] not in {"law", "act", "statute"}:
        return False
    body = parts[:-1]
    return any("traffick" in p or p in {"tip", "anti-tip"} for p in body) and all(
        p in lx["trafficking_generic"] for p in body
    )


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Lower-case one-word country names (to stop a title at "of Kenya")."""
    return frozenset(n for n in all_country_names() if " " not in n)


@lru_cache(maxsize=512)
def _own_country_words(country: str | None) -> frozenset[str]:
    """Lower-case names and adjectives of the narrative's country (for prefix stripping)."""
    if not country:
        return frozenset()
    return country_words(country)
