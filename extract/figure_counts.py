"""Numbers and what they count: ``nine``, ``Twenty-three``, ``1,234 victims``, ``40 cases``.

Each number of a text is read as an amount of money (:mod:`~tipgraph.extract.figure_money`)
or else as a count: the number, known modifiers and a unit noun (``nine trafficking
cases``), or ``N as ... victims``, ``N of the ... victims``, ``N to services``. A count
narrowed to a subgroup (``37 female sex trafficking victims``, ``cases of "children in
prostitution"``) is marked ``qualified``, since the record has no field that would say so.
"""

from __future__ import annotations

from decimal import Decimal

from tipgraph.extract.figure_money import read_money
from tipgraph.extract.figure_rules import FigureRules
from tipgraph.extract.figure_text import DIGITS, QUOTES, YEAR, Cand, Count, Num, Tokens

__all__ = ["narrowed", "narrowed_after", "read_candidates", "read_count", "read_numbers"]


def read_numbers(rules: FigureRules, toks: Tokens) -> dict[int, Num]:
    """Find numbers: digits (``1,234``, ``3.06``), words (``nine``, ``Twenty-three``)
    and scales (``32.5 million``, ``two hundred``). Four-digit years are not numbers."""
    found: dict[int, Num] = {}
    number_words = rules.number_words
    # Only a word that starts with a digit or is a number word can start a number.
    maybe = [
        i
        for i, (word, low) in enumerate(zip(toks.words, toks.lowers, strict=True))
        if word[0].isdigit() or low in number_words
    ]
    after = 0  # a number's scale words are not read again
    for i in maybe:
        if i < after:
            continue
        word, low = toks.words[i], toks.lowers[i]
        value: Decimal | None = None
        j = i + 1
        if DIGITS.match(word):
            if YEAR.match(word) and toks.lower(j) not in rules.scales:
                continue
            value = Decimal(word.replace(",", ""))
        elif low in rules.number_words:
            value = Decimal(rules.number_words[low])
            if (
                value >= 20
                and value % 10 == 0
                and toks.lower(j) == "-"
                and rules.number_words.get(toks.lower(j + 1), 10) < 10
            ):
                value += rules.number_words[toks.lower(j + 1)]
                j += 2
        if value is None:
            continue
        while toks.lower(j) in rules.scales:
            value *= rules.scales[toks.lower(j)]
            j += 1
        found[i] = Num(i, j, value)
        after = j
    return found


def read_candidates(
    rules: FigureRules, toks: Tokens, numbers: dict[int, Num], country: str | None
) -> list[Cand]:
    """Read each number as an amount of money or else a count, left to right; the
    numbers inside an amount (its USD conversion) are not read again."""
    cands: list[Cand] = []
    covered = -1
    for start in sorted(numbers):
        if start < covered:
            continue
        num = numbers[start]
        money = read_money(rules, toks, numbers, num, country)
        if money is not None:
            cands.append(money)
            covered = money.end
            continue
        count = read_count(rules, toks, num)
        if count is not None:
            cands.append(count)
    return cands


def read_count(rules: FigureRules, toks: Tokens, num: Num) -> Count | None:
    """A count: the number, known modifiers and a unit noun (``nine trafficking cases``),
    or ``N as ... victims``, ``N of the ... victims``, ``N to services``."""
    w = rules.w
    k = num.end
    form = "plain"
    if toks.lower(k) == "as":
        form, k = "as", k + 1
    elif toks.lower(k) == "of" and toks.lower(k + 1) in w["partitive_determiners"]:
        form, k = "partitive", k + 2
    elif toks.lower(k) == "to" and toks.lower(k + 1) in w["service_words"]:
        return Count(num.start, num.end, num.value, "victims", form="implicit")
    mods: list[str] = []
    unit: str | None = None
    noun_measure: str | None = None
    for _ in range(8):
        if k >= len(toks.words):
            return None
        low, word = toks.lowers[k], toks.words[k]
        if low in rules.measure_nouns and form == "plain":
            unit, noun_measure = "cases", rules.measure_nouns[low]
            break
        if low in rules.unit_of:
            unit = rules.unit_of[low]
            break
        if (
            low in w["neutral_modifiers"]
            or low in w["subgroup_modifiers"]
            or low in w["modifier_joiners"]
            or low in QUOTES
        ):
            mods.append(low)
        elif word.isalpha() and word[0].isupper():
            mods.append("<name>")  # a nationality, place or agency: "Nigerian victims"
        else:
            return None
        k += 1
    if unit is None:
        return None
    end = k + 1
    qualified = narrowed(rules, mods) or narrowed_after(rules, toks, end)
    anaphoric = toks.lower(num.start - 1) in w["anaphora"]
    return Count(num.start, end, num.value, unit, noun_measure, qualified, form, anaphoric)


def narrowed(rules: FigureRules, words: list[str]) -> bool:
    """Tell whether words narrow a count to a subgroup: some subgroup word, and no joiner
    between two of them that makes a whole (``sex and labor``, ``federal and state``)."""
    subs = [i for i, x in enumerate(words) if x in rules.w["subgroup_modifiers"] or x == "<name>"]
    if not subs:
        return False
    return not any(
        x in rules.w["union_joiners"] and subs[0] < i < subs[-1] for i, x in enumerate(words)
    )


def narrowed_after(rules: FigureRules, toks: Tokens, end: int) -> bool:
    """``cases of "children in prostitution"``, ``convictions of employers``,
    ``investigations of trafficking-related crimes, including pimping``."""
    if toks.lower(end) in {"in", "during"} and YEAR.match(toks.lower(end + 1)):
        end += 2  # "convicted three traffickers in 2016 for child sexual abuse crimes"
    link = toks.lower(end)
    if link not in rules.w["post_qualifier_links"] or link == "under":
        return False
    seen: list[str] = []
    for j in range(end + 1, min(end + 14, len(toks.words))):
        low = toks.lowers[j]
        if low in QUOTES or low in {"-", ","}:
            continue
        if not low.isalpha() or low in rules.number_words:
            break
        seen.append(low)
        if len(seen) == 8:
            break
    if any(x in rules.w["offtopic_words"] for x in seen):
        return True
    return narrowed(rules, seen)
