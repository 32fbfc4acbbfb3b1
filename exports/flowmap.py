"""A self-contained HTML flow map of a flow network: one file that opens offline.

The page is the project's own: ``flowmap.html`` (the skeleton), ``flowmap.css`` and
``flowmap.js`` (an SVG map in plain JavaScript: equirectangular projection, one arc per flow
with an arrowhead, a year, a form and a country filter, the sentences and the years of its
route on hover) are package data, inlined here together with the network as JSON and the
Natural Earth 1:110m country outlines (``world.json``, public domain). Nothing is loaded
from the network, so the map works from a file, an e-mail attachment or an air-gapped
machine, and a test can check it in a headless browser without network access.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import networkx as nx
from rdflib import RDF, SKOS

from tipgraph.core import __version__
from tipgraph.core.errors import OutputError
from tipgraph.exports.colours import FORM_COLOURS
from tipgraph.exports.network import FORMS
from tipgraph.ontology import TIP, ontology_graph

TEMPLATES = ("flowmap.html", "flowmap.css", "flowmap.js", "world.json")


@cache
def _asset(name: str) -> str:
    """A template or data file shipped beside this module (``importlib.resources``)."""
    if name not in TEMPLATES:
        raise OutputError(f"no flow-map asset {name!r}; known: {', '.join(TEMPLATES)}",
                          code="E613")
    return files(__package__ or "tipgraph.exports").joinpath(name).read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """JSON that cannot end its ``<script>`` element early (``</script>``, ``<!--``)."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _form_table() -> list[dict[str, Any]]:
    """Form notations with their English labels, top-level forms first, from the ontology."""
    graph = ontology_graph()
    rows: list[dict[str, Any]] = []
    for concept in graph.subjects(RDF.type, TIP.Form):
        notation = str(graph.value(concept, SKOS.notation))
        label = str(graph.value(concept, SKOS.prefLabel) or notation)
        top = graph.value(concept, SKOS.broader) is None
        rows.append({"id": notation, "label": label, "top": top})
    order = {form: i for i, form in enumerate(FORMS)}
    rows.sort(key=lambda r: (not r["top"], order.get(r["id"], len(order)), r["id"]))
    return rows


def _colour_key(forms: list[str]) -> str:
    if not forms:
        return "none"
    if len(forms) > 1:
        return "mixed"
    return forms[0] if forms[0] in FORM_COLOURS else "none"


def flowmap_data(net: nx.MultiDiGraph) -> dict[str, Any]:
    """The JSON the page's script reads: places, flows, forms present and their colours."""
    nodes = []
    for node, data in net.nodes(data=True):
        item: dict[str, Any] = {"id": node, "label": data.get("label", node),
                                "kind": data.get("kind", "country"), "iri": data.get("iri")}
        for key in ("iso3", "lat", "lon", "tier", "roles", "regions", "members", "years"):
            if key in data:
                item[key] = data[key]
        if "tiers" in data:
            item["tiers"] = {str(year): tier for year, tier in sorted(data["tiers"].items())}
        nodes.append(item)
    edges = []
    used_forms: set[str] = set()
    for u, v, key, data in net.edges(keys=True, data=True):
        forms = list(data.get("forms", []))
        used_forms.update(forms)
        used_forms.update(data.get("subforms", []))
        colour_key = _colour_key(forms)
        edges.append({
            "id": key, "source": u, "target": v, "label": data.get("label", key),
            "year": data.get("year"), "reporter": data.get("reporter"), "forms": forms,
            "subforms": list(data.get("subforms", [])), "victims": list(data.get("victims", [])),
            "sectors": list(data.get("sectors", [])), "certainty": data.get("certainty"),
            "support": int(data.get("support", 1)), "via": list(data.get("via", [])),
            "sentences": list(data.get("sentences", [])), "texts": list(data.get("texts", [])),
            "colour": FORM_COLOURS[colour_key], "colourKey": colour_key,
        })
    forms = [row for row in _form_table() if row["id"] in used_forms]
    colours = {k: v for k, v in FORM_COLOURS.items()
               if k in used_forms or k in ("mixed", "none")}
    return {"title": _title(net), "years": list(net.graph.get("years", [])),
            "nodes": nodes, "edges": edges, "forms": forms, "colours": colours}


def _title(net: nx.MultiDiGraph) -> str:
    years = list(net.graph.get("years", []))
    if not years:
        return "Trafficking flows"
    span = str(years[0]) if len(years) == 1 else f"{years[0]}\u2013{years[-1]}"
    return f"Trafficking flows, TIP report {span}"


def _escape_html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def flowmap_html(net: nx.MultiDiGraph, *, title: str | None = None) -> bytes:
    """Render the network as one HTML page with every script, style and datum inlined.

    Args:
        net: a network from ``flow_network``; places without coordinates are drawn in a
            band under the map so that every flow still gets its arc.
        title: the page title (default: says which report years are shown).

    Returns:
        UTF-8 bytes; the same network gives the same bytes.

    Example:
        >>> page = flowmap_html(flow_network(graph))  # doctest: +SKIP
    """
    data = flowmap_data(net)
    if title is not None:
        data["title"] = title
    data_json = _script_safe(json.dumps(data, ensure_ascii=False, sort_keys=True,
                                        separators=(",", ":")))
    world_json = _script_safe(_asset("world.json").strip())
    script, style = _asset("flowmap.js"), _asset("flowmap.css")
    if "</script" in script.lower() or "</style" in style.lower():
        raise OutputError("flow-map assets must not close their own elements", code="E614")
    page = _asset("flowmap.html")
    # One pass over named slots, so text that looks like a slot inside the data stays text.
    slots = {"{{TITLE}}": _escape_html(str(data["title"])), "{{VERSION}}": __version__,
             "{{CSS}}": style.rstrip("\n"), "{{JS}}": script.rstrip("\n"),
             "{{DATA}}": data_json, "{{WORLD}}": world_json}
    out: list[str] = []
    rest = page
    while True:
        positions = [(rest.find(slot), slot) for slot in slots if slot in rest]
        if not positions:
            out.append(rest)
            break
        at, slot = min(positions)
        out.append(rest[:at])
        out.append(slots[slot])
        rest = rest[at + len(slot):]
    return "".join(out).encode("utf-8")


__all__ = ["flowmap_data", "flowmap_html"]
