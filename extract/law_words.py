"""The words of ``tip_laws``: head words, word lists, and the small tests both walks share.

The title walk (:mod:`~tipgraph.extract.law_titles`), the description walk
(:mod:`~tipgraph.extract.law_descriptions`), the component (:mod:`~tipgraph.extract.laws`)
and the resolver (:mod:`~tipgraph.extract.law_resolve`) read the same lists:
``laws_lexicon.jsonl`` (each list with a note on why it exists) and ``laws.jsonl`` (the
head words), read through :mod:`tipgraph.extract.patterns` (broken data is ``E230`` with
its file and line), and the gazetteer's country names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from tipgraph.extract.legal_words import (
    Word,
    all_country_names,
    comma_enumeration,
    country_table,
    country_words,
    is_stop,
)
from tipgraph.extract.patterns import objects, word_lists

__all__ = [
    "HEADS_FILE",
    "ITEM_OPENERS",
    "LEXICON",
    "NUMBERISH",
    "NUMERIC_DATE",
    "QUOTES_CLOSE",
    "QUOTES_OPEN",
    "SERIES",
    "YEAR",
    "YEAR_IN",
    "LawWords",
    "country_names",
    "find",
    "find_back",
    "national_words",
    "number_year",
    "own_country_words",
    "stopword",
    "title_list",
]

LEXICON = "laws_lexicon.jsonl"
HEADS_FILE = "laws.jsonl"
# an enactment year: the reports date from 2001 to 2025, so a four-digit number past 2049 is a
# statute's number, as in Nepal's "Labour Act 2074" (the Bikram Sambat calendar runs 56-57 years
# ahead of the Gregorian one)
YEAR = re.compile(r"^(19[0-9]{2}|20[0-4][0-9])$")
# the same years where they stand in a text (a word of four digits), to find them without
# walking every word
YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19[0-9]{2}|20[0-4][0-9])(?!\d)")
YEAR_IN = re.compile(r"(?<!\d)(19[4-9][0-9]|20[0-4][0-9])(?!\d)")
# a two-digit year closing a "<number>/<issuer code>/<yy>" statute number ("Law 006/PR/18":
# Chad's and other Francophone presidencies' numbering), read in 1950-2049
YEAR_TAIL = re.compile(r"^\d+/[A-Za-z]{1,4}/(\d{2})$")
# a two-digit year right after a statute number's slash ("Law 4788/12": Paraguay's numbering,
# the law of 2012), read in 1950-2049 as YEAR_TAIL
YEAR_SHORT = re.compile(r"^\d+(?:\.\d+)?/(\d{2})$")
# a statute number: "2014-040", "6/2008", "27.14", "M/40" (Saudi royal decrees), "137-03"
NUMBERISH = re.compile(r"^(?=.*\d)[0-9A-Za-z]+(?:[./\-][0-9A-Za-z]+)*$")
# a day, month and year written as one number ("13/08/2018", "12.03.2019"): Rwanda, Burundi
# and other civil-law states date a statute's number so ("Law No. 51/2018 of 13/08/2018")
NUMERIC_DATE = re.compile(r"^\d{1,2}[./]\d{1,2}[./](19[0-9]{2}|20[0-4][0-9])$")
# the series mark glued in brackets to a statute number, part of the number: Cyprus's "Law
# 60(I)" (the (I) series of laws), "Law 12(III)"
SERIES = re.compile(r"^(?:[IVX]{1,4}|[A-Z])$")
ITEM_OPENERS = frozenset({":", ";", "•", "-", "–", "—", "*"})  # before a list item's first word
QUOTES_OPEN = frozenset({'"', "“", "'", "‘"})
QUOTES_CLOSE = frozenset({'"', "”", "'", "’"})


def _phrases(heads: list[dict[str, Any]], *labels: str) -> frozenset[str]:
    """The head phrases of ``HEADS_FILE`` that carry one of ``labels``."""
    return frozenset(rec["phrase"] for rec in heads if rec["label"] in labels)


class LawWords:
    """The head words and word lists both walks use (a base of the component's readers)."""

    def __init__(self) -> None:
        heads = [rec for _, rec in objects(HEADS_FILE, "label", "phrase")]
        self.heads = frozenset(rec["phrase"] for rec in heads)
        # heads that make a statute only as a dated or numbered capitalised title (Brunei's
        # "2004 Trafficking and Smuggling of Persons Order", "... Order 2019"): "a court
        # order", "an Executive Order", "in order to" are none
        self.title_only = _phrases(heads, "LAW_TITLE_HEAD", "LAW_CAP_HEAD")
        # heads that make a statute only numbered ("Ministerial Decision No. 21 of 2019",
        # "Dahir No. 1-16-127"): "the decision to", "Labor Dispute Resolution Committees" none
        self.numbered_only = _phrases(heads, "LAW_NUMBERED_HEAD")
        # heads never read as a lower-case description: only as one of those titles
        self.no_description = self.title_only | self.numbered_only
        # heads that make a statute only as the capitalised last word of a title of two or
        # more capitalised words ("the General Data Protection Regulation", "the Employment
        # Agency Regulations"): "the regulation", "a Regulation" name none
        self.cap_title = _phrases(heads, "LAW_CAP_HEAD")
        lx = word_lists(LEXICON)
        self.title_stop = lx["title_stop"]
        self.connector = lx["title_connector"]
        self.title_etc = lx["title_etc"]
        self.opener = lx["title_opener"]
        self.opener_cap = lx["title_opener_cap"]
        self.opener_to = lx["title_opener_to"]
        self.number_marker = lx["number_marker"]
        self.determiner = lx["determiner"]
        self.strip = lx["modifier_strip"]
        self.not_enacted = lx["not_enacted"]
        self.era_prefix = lx["era_prefix"]
        self.reject = lx["modifier_reject"]
        self.new = lx["modifier_new"]
        self.kind_words = lx["trafficking_generic"]
        self.code_synonym = lx["code_synonym"]
        self.code_bare_after = lx["code_bare_after"]
        self.act_reject = lx["act_reject"]
        self.act_ok = lx["act_trafficking_ok"]
        self.not_before = lx["head_not_before"]
        self.in_subject = lx["in_phrase_subject"]
        self.in_object = lx["in_phrase_object"]
        self.internal_possessor = lx["internal_possessor"]
        self.enact_verb = lx["enact_verb"]
        self.enact_after = lx["enact_after"]
        self.enact_noun = lx["enact_noun"]
        self.months = lx["months"]
        self.not_law = lx["not_law"]
        self.title_not_first = lx["title_not_first"]
        self.state_word = lx["state_word"]
        self.aux = lx["aux"]
        self.imperative = lx["imperative"]
        self.acronym_verb = lx["acronym_law_verb"]
        self.acronym_bare_end = lx["acronym_law_bare_end"]
        self.list_after = lx["acronym_list_after"]
        self.under_before = lx["acronym_under_before"]
        self.flaw_before = lx["acronym_flaw_before"]
        self.accord_not = lx["acronym_accord_not"]
        self.before_head = lx["title_before_head"]
        self.issuer = lx["issuer_only"]
        self.effort_topic = lx["effort_topic"]
        self.conjunct_document = lx["conjunct_document"]

    def era(self, x: Word) -> bool:
        """Whether ``x`` is an era before a description ("pre-1991"): a prefix of
        ``era_prefix`` joined to a year. It dates the code's time, not its enactment."""
        prefix, _, rest = x.lower.partition("-")
        return prefix in self.era_prefix and YEAR.match(rest) is not None


def stopword(lower: str) -> bool:
    """Words that cannot modify a head: function words, common verbs, -ed verbs, -ly adverbs."""
    lx = word_lists(LEXICON)
    return is_stop(lower, lx["stop"], lx["ed_ok"])


def title_list(w: Sequence[Word], k: int) -> bool:
    """At a comma inside a title: capitalised items up to ", and" + a capitalised word."""
    close = comma_enumeration(w, k, lambda x: x.cap)
    if close is None:
        return False
    m, serial = close
    n = len(w)
    if m + 1 >= n:
        return False
    if serial:
        return w[m + 1].cap or (w[m + 1].lower == "the" and m + 2 < n and w[m + 2].cap)
    return w[m + 1].cap


def find(w: Sequence[Word], start: int, span: int, texts: Iterable[str]) -> int | None:
    wanted = set(texts)
    for k in range(start, min(start + span, len(w))):
        if w[k].text in wanted:
            return k
    return None


def find_back(w: Sequence[Word], start: int, span: int, texts: Iterable[str]) -> int | None:
    wanted = set(texts)
    for k in range(start - 1, max(start - span, -1), -1):
        if w[k].text in wanted:
            return k
    return None


def number_year(w: Sequence[Word], head: int, name_last: int) -> int | None:
    """The year inside a statute number: "Law No. 2014-040", "law number 6/2008" and
    "Law 006/PR/18" (a two-digit year after an issuer's code) and "Law 4788/12" (a two-digit
    year right after the number's slash)."""
    for k in range(head + 1, min(name_last + 1, head + 4)):
        if NUMBERISH.match(w[k].text) and not YEAR.match(w[k].text):
            m = YEAR_IN.search(w[k].text)
            if m:
                return int(m.group(1))
            tail = YEAR_TAIL.match(w[k].text) or YEAR_SHORT.match(w[k].text)
            if tail:
                yy = int(tail.group(1))
                return 2000 + yy if yy < 50 else 1900 + yy
    return None


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lower-case one-word country names (to stop a title at "of Kenya")."""
    return frozenset(n for n in all_country_names() if " " not in n)


@lru_cache(maxsize=1)
def national_words() -> frozenset[str]:
    """Lower-case one-word country names and adjectives of every country ("bahraini", "kuwait"):
    before a numbered head-first title they say whose law it is ("Bahraini Law No. 19 of
    2006" is Law No. 19 of 2006), they are not its name."""
    return frozenset(
        n for names, adjs in country_table().values() for n in names | adjs if " " not in n
    )


@lru_cache(maxsize=512)
def own_country_words(country: str | None) -> frozenset[str]:
    """Lower-case names and adjectives of the narrative's country (for prefix stripping)."""
    if not country:
        return frozenset()
    return country_words(country)
