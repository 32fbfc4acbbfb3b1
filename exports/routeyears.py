"""One record per route and report year: the flows of a network view that share an origin,
a destination and a report year, merged.

The network view has one edge per ``tip:TraffickingFlow``, and a flow belongs to one
narrative: when Nigeria's and Italy's narratives of 2017 both state Nigeria -> Italy, the
view has two edges. A table over time (a spreadsheet, a pivot by year) wants that route once
per year, with who stated it and every sentence, so the CSV export is written from these
records. A route stated by one narrative in a year is one record with that flow's values,
the same row as one flow gives.

Merged values: ``reporter``, ``flow``, ``certainty``, ``victims``, ``sectors`` and
``subforms`` are the sorted distinct values; ``forms`` and ``sections`` the distinct values
in the view's order; ``via`` the transit places in the order first met; ``sentences`` every
sentence once, flow by flow; ``support`` the sum of the flows' supports.

Example:
    >>> burma = [r for r in route_years(net) if r["origin"] == "MMR"]  # doctest: +SKIP
    >>> [r["year"] for r in burma if r["destination"] == "THA"]  # doctest: +SKIP
    [2005, 2009, 2017, 2019]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from tipgraph.exports.network import FORMS, SECTIONS

#: Attributes merged as the sorted distinct values of every flow of the route and year.
_SORTED = ("reporter", "flow", "certainty", "victims", "sectors", "subforms")


def _ordered(values: Iterable[str], order: tuple[str, ...]) -> list[str]:
    """Distinct values in ``order`` (unknown ones last, alphabetically)."""
    return sorted(set(values), key=lambda v: (order.index(v) if v in order else len(order), v))


def _first_seen(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _values(flow: dict[str, Any], name: str) -> list[str]:
    value = flow.get(name)
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def merge_flows(origin: str, destination: str, year: int | None,
                flows: list[dict[str, Any]]) -> dict[str, Any]:
    """The record of one route and year from the attributes of its flows (edges)."""
    record: dict[str, Any] = {"origin": origin, "destination": destination}
    if year is not None:
        record["year"] = year
    for name in _SORTED:
        merged = sorted({v for flow in flows for v in _values(flow, name)})
        if merged:
            record[name] = merged
    record["forms"] = _ordered((v for f in flows for v in _values(f, "forms")), FORMS)
    record["sections"] = _ordered((v for f in flows for v in _values(f, "sections")), SECTIONS)
    record["via"] = _first_seen(v for f in flows for v in _values(f, "via"))
    record["sentences"] = _first_seen(v for f in flows for v in _values(f, "sentences"))
    record["support"] = sum(int(f.get("support", 1)) for f in flows)
    return record


def route_years(net: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One record per (origin, destination, report year) of the view, sorted so (the view's
    own order), with the places' labels as ``origin_label`` and
    ``destination_label``."""
    groups: dict[tuple[str, str, int | None], list[dict[str, Any]]] = {}
    for u, v, key, data in net.edges(keys=True, data=True):
        groups.setdefault((u, v, data.get("year")), []).append({"flow": key, **data})
    records = []
    for (u, v, year), flows in sorted(groups.items(),
                                      key=lambda g: (g[0][0], g[0][1], g[0][2] or 0)):
        record = merge_flows(u, v, year, flows)
        record["origin_label"] = net.nodes[u].get("label", u)
        record["destination_label"] = net.nodes[v].get("label", v)
        records.append(record)
    return records


__all__ = ["merge_flows", "route_years"]
