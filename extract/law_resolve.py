"""One narrative's law mentions merged into one :class:`~tipgraph.extract.records.Law` per
statute, however it is named (see :func:`resolve_laws` for why each rule exists).
"""

from __future__ import annotations

import re

from tipgraph.extract.law_words import LEXICON, own_country_words
from tipgraph.extract.laws import LawMention
from tipgraph.extract.patterns import word_lists
from tipgraph.extract.records import Law, Sentence

__all__ = ["resolve_laws"]

_Pair = tuple[LawMention, Sentence]
_BRACKET = re.compile(r"\s*\(([^()]{3,40})\)")
_UNBRACKET = re.compile(r"\s*\(([^()]{3,40})\)(?=\s)")


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
      descriptions are one statute of their own, named by their first dated form, else their
      most frequent form (the first used of equally frequent ones, as the gold writes a
      statute as first named).
    * With no trafficking statute titled, a yearless trafficking description is the one
      statute the narrative says criminalizes trafficking ("Article 189a of Poland's penal code
      criminalized sex trafficking and labor trafficking" ... "prosecuting under the
      anti-trafficking statute"): the reports' prosecution sections open so on the statute
      that holds the crime, and the description names no other.
    * "the trafficking law" or "the trafficking statute" without a year only points to a
      statute named otherwise (often articles of the criminal code) and is dropped beside one;
      when the narrative names no other statute, it is the statute.
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
    lx = word_lists(LEXICON)
    own = own_country_words(country)
    keys = _Keys(mentions, own, lx)
    final = _statutes(keys, _merge(keys))
    laws = [_make_law(key, items, keys.groups, country, own) for key, items in final.items()]
    laws.sort(key=lambda x: x.sentences[0].index if x.sentences else 0)
    return laws


def _statutes(keys: _Keys, merged: dict[str, str]) -> dict[str, list[_Pair]]:
    """The mentions of each statute, by the key every key joins in the end (following the
    joins of ``merged``; a key that joins ``""`` is dropped with its mentions)."""
    final: dict[str, list[_Pair]] = {}
    for key in keys.order:
        target = key
        seen = {key}
        while target in merged:
            target = merged[target]
            if target == "" or target in seen:
                break
            seen.add(target)
        if target == "":
            continue
        final.setdefault(target, []).extend(keys.groups[key])
    return final


class _Keys:
    """A narrative's law names as keys (in order of first mention) with their mentions."""

    def __init__(
        self, mentions: list[_Pair], own: frozenset[str], lx: dict[str, frozenset[str]]
    ) -> None:
        self.lx = lx
        self.groups: dict[str, list[_Pair]] = {}
        self.order: list[str] = []
        keyed = [(_law_key(m.name, own, lx), m, s) for m, s in mentions]
        # "the criminal code" ... "the Ivoirian Criminal Code" (legal_years_heldout34's CIV
        # 2019): beside the bare code, the own country's titled code is that code; alone
        # ("the Pakistan Penal Code") it keeps its title
        bare_code = any(k == "criminal code" for k, _, _ in keyed)
        for key, m, s in keyed:
            if bare_code and _own_code_words(key, own, lx) is not None:
                key = "criminal code"
            if key not in self.groups:
                self.groups[key] = []
                self.order.append(key)
            self.groups[key].append((m, s))
        self.promoted: frozenset[str] = frozenset()
        self._set_titled()
        if not self.targets:
            # "the 2005 Human Trafficking Act" with no longer trafficking title beside it: a
            # capitalised title of description words is then the statute's name ("the
            # Trafficking Act" beside the "Trafficking in Persons (...) Act" stays a short form)
            self.promoted = frozenset(
                k
                for k in self.order
                if _is_trafficking_generic(k, lx)
                and any(m.name.split()[-1][:1].isupper() for m, _ in self.groups[k])
            )
            self._set_titled()

    def _set_titled(self) -> None:
        self.titled = [k for k in self.order if not self.is_generic(k) and not self.is_bare(k)]
        foreign = self.lx["foreign_statute"]
        self.targets = [k for k in self.titled if self._on_trafficking(k) and k not in foreign]

    def _on_trafficking(self, key: str) -> bool:
        """Is the statute of ``key`` about trafficking, by its name or by the title apposed to
        its number ("Law 263 of 2012—the Comprehensive Law against Trafficking ...")?"""
        return "traffick" in key or any(
            (m.title is not None and "traffick" in m.title.lower()) or _described(m, s)
            for m, s in self.groups[key]
        )

    def criminalizes_trafficking(self, key: str) -> bool:
        """Is a mention of ``key`` the subject of a verb of ``acronym_law_verb`` with trafficking
        in its object ("Article 189a of Poland's penal code criminalized sex trafficking and
        labor trafficking"), the sentence that opens the reports' prosecution sections?"""
        verbs = self.lx["acronym_law_verb"]
        for m, s in self.groups[key]:
            at = s.clean.find(m.name)
            rest = _past_apposition(s.clean[at + len(m.name) :].split() if at >= 0 else [])
            if rest and rest[0].lower() in verbs and "traffick" in " ".join(rest[1:6]).lower():
                return True
        return False

    def apposed_to(self, key: str) -> list[str]:
        """The titled keys a mention of ``key`` stands in apposition to, right after one and a
        comma ("Law 28950, the anti-trafficking law, entitled victims ..."): the description
        says what that statute is, whatever the verb after it."""
        out: list[str] = []
        for m, s in self.groups[key]:
            for t in self.titled:
                if t != key and t not in out and any(
                        ts.clean == s.clean and (f"{tm.name}, the {m.name}" in s.clean
                                     or f"{tm.name}, {m.name}" in s.clean)
                        for tm, ts in self.groups[t]):
                    out.append(t)
        return out

    def bracketed_numbers(self, key: str) -> set[str]:
        """The statute numbers bracketed right after a mention of ``key`` ("The Prevention and
        Suppression of ... Proclamation (Proclamation No. 1178/2020)"), as keys."""
        return {b for b in self.bracketed(key) if any(c.isdigit() for c in b)}

    def bracketed(self, key: str) -> set[str]:
        """What is bracketed right after a mention of ``key`` (a number, an acronym), as
        keys."""
        out: set[str] = set()
        for m, s in self.groups[key]:
            at = s.clean.find(m.name)
            found = _BRACKET.match(s.clean, at + len(m.name)) if at >= 0 else None
            if found:
                out.add(" ".join(found.group(1).lower().split()))
        return out

    def years(self, key: str) -> set[int]:
        """The enactment years the mentions of ``key`` give."""
        return {m.year for m, _ in self.groups[key] if m.year is not None}

    def is_generic(self, key: str) -> bool:
        """A trafficking description ("anti-trafficking law"), unless promoted to a title."""
        generic = _is_trafficking_generic(key, self.lx) or self._lower_in_phrase(key)
        return generic and key not in self.promoted

    def all_lower(self, key: str) -> bool:
        """Is every mention of ``key`` written in lower case (a description, no title)?"""
        return all(m.name == m.name.lower() for m, _ in self.groups[key])

    def _lower_in_phrase(self, key: str) -> bool:
        """Is ``key``, every mention of it lower-case, a trafficking description once the
        words of ``in_phrase_generic`` are left aside ("the trafficking in persons law")?"""
        if not self.all_lower(key):
            return False
        parts = key.split()
        kept = [p for p in parts if p not in self.lx["in_phrase_generic"]]
        return len(kept) < len(parts) and _is_trafficking_generic(" ".join(kept), self.lx)

    def is_bare(self, key: str) -> bool:
        """A bare or jurisdiction-only head ("the 2005 law", "the federal law")."""
        parts = key.split()
        return parts[-1] in {"law", "act", "code", "statute"} and all(
            p in self.lx["jurisdiction_only"] for p in parts[:-1]
        )


def _merge(k: _Keys) -> dict[str, str]:
    """Which key joins which (``""``: dropped), by the rules of :func:`resolve_laws`."""
    merged: dict[str, str] = {}  # key -> key it joins ("" = dropped)
    _merge_generic(k, merged)
    _merge_numbered(k, merged)
    _merge_acronyms(k, merged)
    _merge_short_names(k, merged)
    _merge_contained(k, merged)
    _merge_unbracketed(k, merged)
    lx = k.lx
    # "the trafficking law" without a year only points to a statute named otherwise; with
    # none named ("under the trafficking statute", the narrative's one law) it is the statute
    for key in k.order:
        if (
            k.titled
            and k.is_generic(key)
            and key not in merged
            and not k.years(key)
            and all(p in lx["trafficking_weak"] for p in key.split()[:-1])
        ):
            merged[key] = ""
    # the trafficking descriptions left are one statute among themselves
    generic_left = [key for key in k.order if k.is_generic(key) and key not in merged]
    if len(generic_left) > 1:
        main = _pick_generic(generic_left, k.groups, lx["jurisdiction_only"])
        for key in generic_left:
            if key != main:
                merged[key] = main
    return merged


def _merge_generic(k: _Keys, merged: dict[str, str]) -> None:
    """A bare head joins a statute of its year; a trafficking description joins the titled
    trafficking statute (of a compatible year), else a titled statute of its year."""
    for key in k.order:
        ys = k.years(key)
        apposed = k.apposed_to(key) if k.is_generic(key) else []
        if len(apposed) == 1:
            merged[key] = apposed[0]  # "Law 28950, the anti-trafficking law, ..."
        elif k.is_bare(key):
            same = [t for t in k.order if t != key and not k.is_bare(t) and ys & k.years(t)]
            merged[key] = same[0] if same else ""
        elif k.is_generic(key):
            for cands in (
                [t for t in k.targets if ys and ys & k.years(t)],
                [t for t in k.titled if ys and ys & k.years(t)],
                [t for t in k.targets if not ys or not k.years(t)],
            ):
                if cands:
                    merged[key] = cands[0]
                    break
            else:
                # no trafficking statute titled: a yearless description is the one statute
                # the narrative says criminalizes trafficking ("Article 189a of the penal code
                # criminalized sex trafficking ..." ... "the anti-trafficking statute")
                covering = [t for t in k.titled if not ys and k.criminalizes_trafficking(t)]
                if len(covering) == 1:
                    merged[key] = covering[0]


def _merge_numbered(k: _Keys, merged: dict[str, str]) -> None:
    """"Law 64" and "Law No. 64" are "Law No. 64 of 2010 regarding ...", "Law 13.344" is
    "Law 13.344/2016" (a joiner of ``number_year_joiner`` before the year part), and "Law
    19.12" and "Law No. 19.12" are one law, named as first written: a number names one law."""
    markers = k.lx["number_marker"]
    follows = (" ", *k.lx["number_year_joiner"])
    for key in k.order:
        if key in merged or not any(c.isdigit() for c in key):
            continue
        sig = _number_signature(key, markers, k.years(key))
        titled = [t for t in k.titled if t != key and t not in merged and any(
            _number_signature(b, markers, k.years(t)) == sig for b in k.bracketed_numbers(t))]
        if len(titled) == 1:
            merged[key] = titled[0]  # "Proclamation 1178/2020" of "... (Proclamation No. ...)"
            continue
        # "Law No. 19.12" ... "Law 19.12": one number, with or without its marker, is one
        # law, named as first written (the gold's first naming)
        earlier = k.order[: k.order.index(key)]
        same = [t for t in earlier if t not in merged and t in k.titled
                and _number_signature(t, markers, k.years(t)) == sig]
        if len(same) == 1:
            merged[key] = same[0]
            continue
        longer = [
            t
            for t in k.titled
            if t != key
            and t not in merged
            and any(_number_signature(t, markers, k.years(t)).startswith(sig + j)
                    for j in follows)
            and _years_agree(k.years(key), k.years(t))
        ]
        if len(longer) == 1:
            merged[key] = longer[0]
            continue
        cited = [t for t in _cited_in_title(k, key, sig, markers) if t not in merged]
        if len(cited) == 1:
            merged[key] = cited[0]


def _cited_in_title(k: _Keys, key: str, sig: str, markers: frozenset[str]) -> list[str]:
    """The titles that end in ``key``'s number written "of YEAR": "Law 4788/12" (2012) is
    "the Comprehensive Anti-Trafficking Law 4788 of 2012" (a head-last title with its number
    and year after it; Paraguay's reports cite the law both ways)."""
    head, sep, tail = sig.rpartition("/")
    if not (sep and head and len(tail) == 4 and tail.isdigit()):
        return []
    ending = f"{head} of {tail}"
    return [
        t
        for t in k.titled
        if t != key
        and t not in k.order[k.order.index(key):]
        and (" " + _number_signature(t, markers, k.years(t))).endswith(" " + ending)
    ]


def _merge_acronyms(k: _Keys, merged: dict[str, str]) -> None:
    """A statute named by its bare acronym ("The PHTA criminalized ...") is the title that
    acronym is bracketed after ("the Prevention of Human Trafficking Act (PHTA)")."""
    for key in k.order:
        m0 = k.groups[key][0][0]
        if key in merged or " " in key or not m0.name.isupper():
            continue
        titled = [t for t in k.titled if t != key and t not in merged and key in k.bracketed(t)]
        if len(titled) == 1:
            merged[key] = titled[0]


def _merge_short_names(k: _Keys, merged: dict[str, str]) -> None:
    """A lower-case short name bracketed right after a title is that statute, as a bracketed
    acronym is: "The Law Countering Child Labor and Trafficking in Children (child labor law)
    ... provisions of the child labor law" (legal_years_heldout50 COM 2017 and 2018)."""
    for key in k.order:
        if key in merged or " " not in key:
            continue
        if not k.all_lower(key):
            continue
        titled = [t for t in k.titled if t != key and t not in merged and key in k.bracketed(t)]
        if len(titled) == 1:
            merged[key] = titled[0]


def _merge_contained(k: _Keys, merged: dict[str, str]) -> None:
    """A description contained in a longer description with the same head is that one."""
    for key in k.order:
        if key in merged or not all(_is_description(m.name) for m, _ in k.groups[key]):
            continue
        words = set(key.split())
        if len(words) < 3 or key == "criminal code":
            continue
        bigger = [
            t
            for t in k.titled
            if t != key
            and t not in merged
            and t.split()[-1] == key.split()[-1]
            and words < set(t.split())
            and _years_agree(k.years(key), k.years(t))
        ]
        if len(bigger) == 1:
            merged[key] = bigger[0]


def _merge_unbracketed(k: _Keys, merged: dict[str, str]) -> None:
    """A title that is a longer title without its bracketed words is that statute ("the 2010
    Trafficking In Persons (Prevention) Act" ... "amended the Trafficking In Persons Act":
    legal_years_heldout37 ATG 2020), when the years agree; a bracket that names a statute of
    its own ("(Amendment)", ``bracket_own_statute``, or a number: "(No. 2)") keeps the two
    apart."""
    own_bracket = k.lx["bracket_own_statute"]
    for key in k.order:
        if key in merged or key not in k.titled or "(" in key:
            continue
        longer = [
            t
            for t in k.titled
            if t != key
            and t not in merged
            and _UNBRACKET.sub("", t) == key
            and not any(
                w in own_bracket or any(c.isdigit() for c in w)
                for b in _UNBRACKET.findall(t)
                for w in b.split()
            )
            and _years_agree(k.years(key), k.years(t))
        ]
        if len(longer) == 1:
            merged[key] = longer[0]


def _past_apposition(rest: list[str], most: int = 6) -> list[str]:
    """The words after a short apposition set off by commas ("Royal Decree No. 126/2008, the
    anti-trafficking law, criminalized ..."): the verb of the name comes after it."""
    if not rest or not rest[0].startswith(","):
        return rest
    words = [rest[0][1:], *rest[1:]] if rest[0] != "," else rest[1:]
    for i, word in enumerate(words[:most]):
        if word.endswith(","):
            return words[i + 1 :]
    return rest


def _number_signature(key: str, markers: frozenset[str], years: set[int] | None = None) -> str:
    """A numbered name without its number marker: "law no. 64 of 2010" -> "law 64 of 2010";
    a two-digit year part is written in full when one of the mentions' years ends in it
    ("law 006/pr/18" of 2018 -> "law 006/pr/2018": Chad's reports print the short and the
    full form of one statute)."""
    parts = (p for p in key.replace(" no. ", " no ").split() if p not in markers)
    return " ".join(_full_year_part(p, years or set()) for p in parts)


def _full_year_part(word: str, years: set[int]) -> str:
    """ "006/pr/18" -> "006/pr/2018" when 2018 is the one year of ``years`` ending in 18."""
    head, sep, tail = word.rpartition("/")
    if not (sep and head and len(tail) == 2 and tail.isdigit()):
        return word
    full = [y for y in years if y % 100 == int(tail)]
    return f"{head}/{full[0]}" if len(full) == 1 else word


def _described(m: LawMention, s: Sentence) -> bool:
    """Is the mention ``m`` bracketed right after a trafficking description in its sentence
    ("The anti-trafficking law (law 28950) required ...", legal_years_heldout45 PER 2017)?
    The description names the numbered statute, so a later "Peru’s anti-trafficking law" is
    that statute too."""
    at = s.clean.find(m.name)
    before = s.clean[:at].rstrip() if at > 0 else ""
    return before.endswith("(") and any(
        "traffick" in word.lower() for word in before[:-1].split()[-3:])


def _years_agree(a: set[int], b: set[int]) -> bool:
    return not a or not b or bool(a & b)


def _is_description(key: str) -> bool:
    return key == key.lower() and not any(c.isdigit() for c in key)


def _pick_generic(
    keys: list[str],
    groups: dict[str, list[_Pair]],
    jurisdiction_only: frozenset[str],
) -> str:
    """Name the statute behind several descriptions.

    The first form that gives the enactment year is the defining one ("the 2009 anti-human
    trafficking law"; "the 2008 anti-trafficking law" before two "2008 anti-trafficking act"s:
    the gold writes a statute as first named), else the most frequent, else the first used
    ("the trafficking statute" ... "the trafficking law"); its jurisdiction words
    are dropped when the shorter form is also used ("the 2005 national anti-trafficking law" ...
    "the anti-trafficking law").
    """

    dated = [k for k in keys if any(m.year for m, _ in groups[k])]
    # the first dated form names the statute ("the 2008 anti-trafficking law" ... twice "the
    # 2008 anti-trafficking act"); undated forms alone go by frequency, the first of equals
    main = dated[0] if dated else max(keys, key=lambda k: len(groups[k]))
    parts = main.split()
    while len(parts) > 2 and parts[0] in jurisdiction_only:
        parts = parts[1:]
        if " ".join(parts) in keys:
            return " ".join(parts)
    return main


def _make_law(
    key: str,
    items: list[_Pair],
    groups: dict[str, list[_Pair]],
    country: str | None,
    own: frozenset[str],
) -> Law:
    """Build the record: the name of the key's own mentions (most frequent surface form)."""
    own_items = groups.get(key) or items
    counts: dict[str, int] = {}
    for m, _ in own_items:
        name = _strip_own(m.name, own)
        if key == "criminal code":
            name = _own_code_words(name, own, word_lists(LEXICON)) or name
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


def _own_code_words(name: str, own: frozenset[str], lx: dict[str, frozenset[str]]) -> str | None:
    """The code's words of "<own country word> Criminal Code" (a code synonym after the
    narrative's own country word, of one to three words), else None."""
    parts = name.split()
    for n in range(1, min(4, len(parts) - 1)):
        rest = " ".join(parts[n:])
        if " ".join(parts[:n]).lower() in own and rest.lower() in lx["code_synonym"]:
            return rest
    return None


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
