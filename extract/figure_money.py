"""Amounts of money (``6.3 million Jamaican dollars ($49,220)``) and the funding they state.

An amount needs a currency mark before its number (``$``, ``NT$``, ``JMD``) or a currency
name after it (``Kenyan shillings``; the name wins); an optional ``(RM)`` and a ``($N)``
conversion follow. A bare name several currencies share is resolved by the narrative's
country, else the amount has no currency and states no figure. An amount is funding only
after a funding trigger of its clause, with nothing between them that makes it a fine,
restitution, a wage or a per-head sum (:func:`funding_drafts`).
"""

from __future__ import annotations

from decimal import Decimal

from tipgraph.extract.figure_periods import figure_period, region_year
from tipgraph.extract.figure_rules import FigureRules, norm_name
from tipgraph.extract.figure_text import Clause, Draft, Money, Num, Reading, Tokens

__all__ = ["funding_drafts", "mark_before", "name_after", "read_money"]


def mark_before(rules: FigureRules, toks: Tokens, start: int) -> tuple[str, int] | None:
    """The currency mark right before a number: ``$``, ``NT$``, ``¥``, ``JMD``, ``RM``."""
    if start == 0:
        return None
    mark, mstart = toks.words[start - 1], start - 1
    if (
        mark == "$"
        and mstart > 0
        and toks.glued[mstart - 1]
        and toks.words[mstart - 1].isalpha()
        and toks.words[mstart - 1].isupper()
    ):
        joined = toks.words[mstart - 1] + "$"
        if joined in rules.currencies.by_mark:
            return joined, mstart - 1
    if mark in rules.currencies.by_mark:
        return mark, mstart
    return None


def name_after(rules: FigureRules, toks: Tokens, start: int) -> tuple[str, list[str], int] | None:
    """The currency name or code right after an amount: ``Jamaican dollars``, ``RM``."""
    n = len(toks.words)
    for length in range(min(rules.currencies.longest_name + 3, n - start), 0, -1):
        last = start + length - 1
        if not toks.words[last][0].isalpha():
            continue
        key = norm_name(" ".join(toks.words[start : start + length]))
        codes = rules.currencies.by_name.get(key)
        if codes:
            return key, codes, start + length
    if start < n and toks.words[start].isalpha():
        codes = rules.currencies.by_mark.get(toks.words[start])
        if codes:
            return toks.words[start], codes, start + 1
    return None


def read_money(
    rules: FigureRules, toks: Tokens, numbers: dict[int, Num], num: Num, country: str | None
) -> Money | None:
    """An amount: a mark before the number or a currency name after it (the name wins:
    ``$32.5 million Jamaican dollars`` is JMD), then an optional ``(RM)`` and a ``($N)``
    conversion."""
    before = mark_before(rules, toks, num.start)
    after = name_after(rules, toks, num.end)
    cur = rules.currencies
    if after is not None:
        key, codes, end = after
    elif before is not None:
        key, codes, end = before[0], cur.by_mark[before[0]], num.end
    else:
        return None
    start = before[1] if before is not None else num.start
    currency = cur.resolve(codes, key, country)
    # A code in parentheses after a name: "120 Malaysian ringgit (RM) ($27)".
    if toks.lower(end) == "(" and toks.lower(end + 2) == ")" and toks.words[end + 1] in cur.by_mark:
        end += 3
    usd: Decimal | None = None
    if toks.lower(end) == "(":
        j = end + 1
        while toks.lower(j) in rules.w["conversion_openers"]:
            j += 1
        dollar = False
        if toks.lower(j) == "$":
            dollar, j = True, j + 1
        elif toks.lower(j) == "us" and toks.lower(j + 1) == "$":
            dollar, j = True, j + 2
        conv = numbers.get(j)
        if dollar and conv is not None and toks.lower(conv.end) == ")":
            usd = conv.value
            end = conv.end + 1
    if currency == "USD":
        usd = num.value
    return Money(start, end, num.value, currency, usd)


def funding_drafts(
    rules: FigureRules, t: Reading, clause: Clause, money: Money, nxt: int
) -> list[Draft]:
    """An amount after a funding trigger of its clause, with nothing that makes it a fine,
    restitution, a wage or a per-head sum, and no other amount in between."""
    if money.currency is None:
        return []
    toks = t.toks
    blockers = rules.w["funding_blockers"]
    trigger = None
    for start, end in t.funding:
        if clause.start <= start and end <= money.start:
            trigger = (start, end)
    if trigger is None:
        return []
    gap = range(trigger[1], money.start)
    if len(gap) > rules.gap:
        return []
    for i in gap:
        if toks.lowers[i] in blockers or toks.lowers[i] in rules.w["dashes"]:
            return []
        if isinstance(t.by_start.get(i), Money):
            return []
    if toks.lower(money.end) in blockers or toks.lower(money.end + 1) in blockers:
        return []
    first = not any(f.start < trigger[0] for f in clause.free)
    marker, marker_end = figure_period(rules, t, clause, money.end, nxt, trigger[0], first)
    region = clause.attached.get(id(money))
    d = Draft(
        "funding",
        money.value,
        money.currency,
        marker.year if marker is not None and marker.kind == "year" else None,
        marker is not None and marker.kind == "previous",
        trigger[0],
        max(money.end, marker_end, region.end if region is not None else 0),
        usd=money.usd,
    )
    if region is not None:
        if region.same:
            d.previous_value = d.value
            d.previous_period = region_year(region)
        else:
            monies = [it for it in region.items if isinstance(it, Money)]
            if monies:
                if monies[0].currency == d.unit:
                    d.previous_value = monies[0].value
                    d.previous_period = region_year(region)
            elif region.items and isinstance(region.items[0], Num) and not region.strict:
                d.previous_value = region.items[0].value
                d.previous_period = region_year(region)
    return [d]
