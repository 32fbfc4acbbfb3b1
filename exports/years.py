"""The report years an export keeps: ``--from-year Y1 --to-year Y2``, and those a graph holds.

An archive graph holds many report years; a reader of one period wants the narratives, flows
and tiers of those years only, in every export format. A range is checked before the graph
is loaded (a typo costs no build), and resolved against the years the graph holds, so that
``--from-year 2010`` on a 2005-2019 archive means 2017 and 2019, and a range that holds no
year of the graph is an empty selection (E560, said by the CLI), not an empty file.

Codes: E575 a bound that is not a year, E576 a range that ends before it starts.

Example:
    >>> span = year_range("2009", "2017")
    >>> sorted(span.select([2005, 2009, 2017, 2019]))
    [2009, 2017]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal

from tipgraph.core.errors import QueryError
from tipgraph.ontology import TIP

#: A report year as the user types it: four digits (the reports began in 2001).
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class YearRange:
    """Report years from ``start`` to ``end``, both included; None leaves that side open."""

    start: int | None = None
    end: int | None = None

    def __contains__(self, year: object) -> bool:
        if not isinstance(year, int):
            return False
        return ((self.start is None or year >= self.start)
                and (self.end is None or year <= self.end))

    @property
    def open(self) -> bool:
        """True when neither bound was given (every year)."""
        return self.start is None and self.end is None

    def select(self, years: Iterable[int]) -> frozenset[int]:
        """The years of ``years`` inside the range."""
        return frozenset(year for year in years if year in self)

    def describe(self) -> str:
        """The range as a message says it (``in 2009-2017``, ``from 2009 on``, ``up to 2017``)."""
        if self.start is not None and self.end is not None:
            return f"in {self.start}" if self.start == self.end else f"in {self.start}-{self.end}"
        if self.start is not None:
            return f"from {self.start} on"
        return f"up to {self.end}" if self.end is not None else "in any year"


def parse_year(text: str | int | None, flag: str) -> int | None:
    """A bound of the range as typed (``"2017"``), or None when it was not given.

    Raises:
        QueryError: E575 when the text is not a four-digit year.
    """
    if text is None:
        return None
    value = str(text).strip()
    if not _YEAR.fullmatch(value):
        raise QueryError(f"{flag} {text!r} is not a report year; give four digits such as "
                         "2017", code="E575")
    return int(value)


def year_range(start: str | int | None, end: str | int | None) -> YearRange:
    """The range of ``--from-year start --to-year end`` (either may be None).

    Raises:
        QueryError: E575 a bound that is not a year, E576 ``start`` after ``end``.
    """
    span = YearRange(parse_year(start, "--from-year"), parse_year(end, "--to-year"))
    if span.start is not None and span.end is not None and span.start > span.end:
        raise QueryError(f"--from-year {span.start} is after --to-year {span.end}; give the "
                         "earlier year first", code="E576")
    return span


def graph_years(graph: Graph) -> list[int]:
    """The report years of the graph's country narratives and reports, sorted."""
    years: set[int] = set()
    for cls in (TIP.CountryNarrative, TIP.Report):
        for dated in graph.subjects(RDF.type, cls):
            value = graph.value(dated, TIP.reportYear)
            if isinstance(value, Literal) and isinstance(value.toPython(), int):
                years.add(int(value.toPython()))
    return sorted(years)


def chosen_years(graph: Graph, years: Iterable[int] | None, span: YearRange) -> list[int] | None:
    """The report years an export keeps: ``years`` (``--year``, all when None) within ``span``.

    None means no year filter at all (neither ``--year`` nor a range), so the output is the
    same as before ranges existed; an empty list means the selection holds no year of the
    graph, which the caller reports as an empty selection.
    """
    if years is None and span.open:
        return None
    wanted = frozenset(int(y) for y in years) if years is not None else None
    held = graph_years(graph) if wanted is None else sorted(wanted)
    return sorted(span.select(held))


__all__ = ["YearRange", "chosen_years", "graph_years", "parse_year", "year_range"]
