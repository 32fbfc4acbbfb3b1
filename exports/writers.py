"""Write the flow network in the formats visualisation tools read.

Every writer returns bytes and is deterministic: the network view inserts nodes and edges in
sorted order, attributes are written in sorted key order, and the one time stamp a library
adds (GEXF's ``lastmodifieddate``) is removed, so the same graph gives a byte-identical file.

Formats of the network view (``tipgraph.exports.network.flow_network``), rows of
``tipgraph.graph.formats`` whose writers are ``NETWORK_WRITERS`` here:

============  ===================================================================
graphml       GraphML for Gephi, yEd and Cytoscape (networkx's writer)
gexf          GEXF 1.2 with attributes, positions (longitude, latitude), colours
cytoscape     Cytoscape.js JSON (``elements``), also read by Cytoscape desktop
nodelink      node-link JSON as D3's force layout expects (``nodes``, ``links``)
dot           Graphviz DOT, with ``pos`` for ``neato -n``
csv           one row per route and report year, an origin-destination table
html          a self-contained, offline flow map (``tipgraph.exports.flowmap``)
============  ===================================================================

The formats of the full graph (``turtle``, ``ntriples``, ``jsonld``, ``trig``, ``nquads``)
are written by ``tipgraph.exports.rdf``.

Multi-valued attributes are lists in the network view; GraphML, GEXF, DOT and CSV hold
scalars only, so there they are joined with ``;`` (sentence texts with a newline) and a tier
table becomes ``2017:2WL;2018:2``. The JSON formats keep lists.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from tipgraph.core.atomic import write_bytes_atomic
from tipgraph.core.errors import OutputError
from tipgraph.exports.colours import edge_colour
from tipgraph.exports.flowmap import flowmap_html
from tipgraph.exports.routeyears import route_years
from tipgraph.graph.formats import by_name, names

#: ``tipgraph export`` names of the network view's formats, in the table's order.
NETWORK_FORMATS = names("network")
#: ``tipgraph export`` names of the full graph's formats (those tipgraph writes).
RDF_FORMATS = names("rdf")
#: Every format ``tipgraph export`` writes: the network's first, then the graph's.
FORMATS = (*NETWORK_FORMATS, *RDF_FORMATS)
#: Text attributes whose lists are joined with a newline instead of ``;``.
TEXT_LISTS = frozenset({"texts"})
CSV_COLUMNS = ("origin", "origin_label", "destination", "destination_label", "year",
               "reporter", "forms", "subforms", "victims", "sectors", "certainty", "support",
               "via", "sections", "flow", "sentences")


def check_format(fmt: str) -> str:
    """Return ``fmt`` if tipgraph can export it.

    Raises:
        OutputError: E610 naming the known formats.
    """
    if fmt not in FORMATS:
        raise OutputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}",
                          code="E610")
    return fmt


def extension(fmt: str) -> str:
    """The file extension a format is usually saved under (``.graphml``)."""
    return by_name(fmt).extension


# ---------------------------------------------------------------------------- flattening
def flat(name: str, value: Any) -> str | int | float | bool:
    """One attribute value as a scalar for the formats that hold no lists."""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return ";".join(f"{k}:{v}" for k, v in sorted(value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value) if isinstance(value, list | tuple) else sorted(value)
        return ("\n" if name in TEXT_LISTS else ";").join(str(v) for v in items)
    return str(value)


def flat_attrs(data: Mapping[str, Any]) -> dict[str, str | int | float | bool]:
    """All attributes flattened, in sorted key order (None values dropped)."""
    return {k: flat(k, data[k]) for k in sorted(data) if data[k] is not None}


def _copy_with(net: nx.MultiDiGraph,
               attrs: Callable[[dict[str, Any]], dict[str, Any]]) -> nx.MultiDiGraph:
    """A copy of ``net`` whose graph, node and edge attributes are passed through ``attrs``."""
    out = nx.MultiDiGraph()
    out.graph.update(attrs(net.graph))
    for node, data in net.nodes(data=True):
        out.add_node(node, **attrs(data))
    for u, v, key, data in net.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **attrs(data))
    return out


def _flat_copy(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    return _copy_with(net, flat_attrs)


def _json_bytes(doc: object) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _json_safe(data: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes with mapping keys made strings (JSON has no integer keys)."""
    out: dict[str, Any] = {}
    for key in sorted(data):
        value = data[key]
        if isinstance(value, Mapping):
            value = {str(k): v for k, v in sorted(value.items())}
        elif isinstance(value, set | frozenset | tuple):
            value = sorted(value) if isinstance(value, set | frozenset) else list(value)
        out[key] = value
    return out


# ---------------------------------------------------------------------------- writers
def to_graphml(net: nx.MultiDiGraph) -> bytes:
    """GraphML with typed keys (``int``, ``double``, ``string``) that Gephi, yEd and
    Cytoscape import; read back with ``networkx.read_graphml``."""
    buffer = io.BytesIO()
    nx.write_graphml(_flat_copy(net), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def year_spells(years: list[int]) -> list[tuple[str, str]]:
    """Report years as GEXF spells of dates, consecutive years as one spell:
    ``[2009, 2017, 2018]`` -> ``[("2009-01-01", "2009-12-31"), ("2017-01-01", "2018-12-31")]``.
    """
    spells: list[tuple[int, int]] = []
    for year in sorted(set(years)):
        if spells and spells[-1][1] + 1 == year:
            spells[-1] = (spells[-1][0], year)
        else:
            spells.append((year, year))
    return [(f"{a:04d}-01-01", f"{b:04d}-12-31") for a, b in spells]


def to_gexf(net: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 for Gephi: attributes, geographic positions, sizes and edge colours, and
    the report years as time, so Gephi's timeline plays the flows year by year.

    Positions are longitude (x) and latitude (y), so Gephi shows a map-like layout before
    any layout algorithm runs; the edge weight is the number of supporting sentences. The
    graph is ``mode="dynamic"`` with ``timeformat="date"``: an edge (a flow) lives from the
    first to the last day of its report year (``start``/``end``), a place has one spell per
    run of consecutive years it is on a kept flow. Dates, not bare integers, because every
    GEXF reader takes them (GEXF 1.2's ``integer`` is read as a double or refused by some).
    """
    flat_net = nx.MultiDiGraph()
    flat_net.graph.update(flat_attrs(net.graph))
    for node, data in net.nodes(data=True):
        attrs: dict[str, Any] = flat_attrs(data)
        viz: dict[str, Any] = {"size": float(3 + net.degree(node))}
        if "lat" in data and "lon" in data:
            viz["position"] = {"x": float(data["lon"]), "y": float(data["lat"]), "z": 0.0}
        colour = "#4D4D4D" if data.get("kind") == "country" else "#E69F00"
        viz["color"] = _rgba(colour)
        attrs["viz"] = viz
        if data.get("years"):
            attrs["spells"] = year_spells(list(data["years"]))
        flat_net.add_node(node, **attrs)
    for u, v, key, data in net.edges(keys=True, data=True):
        edge_attrs: dict[str, Any] = flat_attrs(data)
        edge_attrs["id"] = key
        edge_attrs["weight"] = float(data.get("support", 1))
        edge_attrs["viz"] = {"color": _rgba(edge_colour(data.get("forms", []))),
                             "thickness": float(data.get("support", 1))}
        if isinstance(data.get("year"), int):
            ((edge_attrs["start"], edge_attrs["end"]),) = year_spells([data["year"]])
        flat_net.add_edge(u, v, key=key, **edge_attrs)
    buffer = io.BytesIO()
    nx.write_gexf(flat_net, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    text = buffer.getvalue().decode("utf-8")
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text)
    return text.encode("utf-8")


def _rgba(colour: str) -> dict[str, int | float]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16),
            "a": 1.0}


def to_cytoscape(net: nx.MultiDiGraph) -> bytes:
    """Cytoscape.js elements JSON (``cy.add(doc.elements)``; Cytoscape desktop reads it as
    ``.cyjs``; ``networkx.cytoscape_graph`` reads it back), with preset positions:
    x = longitude, y = -latitude, times ten."""
    nodes = []
    for node, data in net.nodes(data=True):
        element: dict[str, Any] = {"data": {"id": node, "value": node,
                                            "name": data.get("label", node),
                                            **_json_safe(data)}}
        if "lat" in data and "lon" in data:
            element["position"] = {"x": round(float(data["lon"]) * 10, 3),
                                   "y": round(-float(data["lat"]) * 10, 3)}
        nodes.append(element)
    edges = []
    for u, v, key, data in net.edges(keys=True, data=True):
        edges.append({"data": {"id": key, "key": key, "source": u, "target": v,
                               "colour": edge_colour(data.get("forms", [])),
                               **_json_safe(data)}})
    doc = {"format_version": "1.0", "generated_by": "tipgraph",
           "target_cytoscapejs_version": "~3", "directed": True, "multigraph": True,
           "data": _json_safe(net.graph), "elements": {"nodes": nodes, "edges": edges}}
    return _json_bytes(doc)


def to_nodelink(net: nx.MultiDiGraph) -> bytes:
    """Node-link JSON for D3 and networkx: ``nodes``, and the edges under both ``edges``
    (what ``networkx.node_link_graph(doc)`` reads by default since networkx 3.4) and
    ``links`` (D3's name, and what networkx read before 3.4), so any reader finds them."""
    safe = _copy_with(net, _json_safe)
    document = nx.node_link_data(safe, edges="edges")
    document["links"] = document["edges"]
    return _json_bytes(document)


def _dot_id(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _dot_attrs(attrs: Mapping[str, Any]) -> str:
    return ", ".join(f"{_dot_name(k)}={_dot_id(v)}" for k, v in attrs.items())


def _dot_name(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else _dot_id(name)


def to_dot(net: nx.MultiDiGraph) -> bytes:
    """Graphviz DOT: one statement a line; ``pos`` (points, ``!`` = pinned) places the
    countries on an equirectangular map for ``neato -n2``; edge width and colour show the
    support and the form."""
    graph_attrs = {"label": net.graph.get("name", "tipgraph"), "overlap": "false",
                   "splines": "true"}
    lines = [f"digraph {_dot_id('tipgraph')} {{",
             f"  graph [{_dot_attrs(graph_attrs)}];",
             '  node [shape="ellipse", fontsize="10"];',
             '  edge [arrowsize="0.6"];']
    for node, data in net.nodes(data=True):
        attrs: dict[str, Any] = flat_attrs(data)
        if "lat" in data and "lon" in data:
            attrs["pos"] = f"{float(data['lon']) * 10:.1f},{float(data['lat']) * 10:.1f}!"
        lines.append(f"  {_dot_id(node)} [{_dot_attrs(attrs)}];")
    for u, v, key, data in net.edges(keys=True, data=True):
        attrs = flat_attrs(data)
        attrs["tooltip"] = attrs.pop("label", key)
        attrs["key"] = key
        attrs["color"] = edge_colour(data.get("forms", []))
        attrs["penwidth"] = f"{1 + float(data.get('support', 1)) ** 0.5:.2f}"
        lines.append(f"  {_dot_id(u)} -> {_dot_id(v)} [{_dot_attrs(attrs)}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_csv(net: nx.MultiDiGraph) -> bytes:
    """An origin-destination table over time: one row per route and report year (the flows
    that several narratives state for one route in one year are one row, see
    ``tipgraph.exports.routeyears``), origin and destination first, then when, what and how
    well supported, then the flows' and their sentences' IRIs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in route_years(net):
        row = {k: flat(k, value) for k, value in record.items()}
        writer.writerow([row.get(column, "") for column in CSV_COLUMNS])
    return buffer.getvalue().encode("utf-8")


def to_html(net: nx.MultiDiGraph) -> bytes:
    """The self-contained flow map (see ``tipgraph.exports.flowmap``)."""
    return flowmap_html(net)


NETWORK_WRITERS: dict[str, Callable[[nx.MultiDiGraph], bytes]] = {
    "graphml": to_graphml, "gexf": to_gexf, "cytoscape": to_cytoscape,
    "nodelink": to_nodelink, "dot": to_dot, "csv": to_csv, "html": to_html,
}


def export_network(net: nx.MultiDiGraph, fmt: str) -> bytes:
    """The network view in one of ``NETWORK_FORMATS``.

    Raises:
        OutputError: E610 for an unknown format, E611 for an RDF format (use
            ``tipgraph.exports.rdf.export_rdf``).

    Example:
        >>> data = export_network(flow_network(graph), "graphml")  # doctest: +SKIP
    """
    check_format(fmt)
    writer = by_name(fmt).writer
    if writer is None or fmt not in NETWORK_FORMATS or writer not in NETWORK_WRITERS:
        raise OutputError(f"{fmt} is a format of the full RDF graph, not of the network "
                          "view; use export_rdf", code="E611")
    return NETWORK_WRITERS[writer](net)


def write_export(path: Path, data: bytes) -> int:
    """Write an export atomically (a failed run leaves any earlier file as it was)."""
    write_bytes_atomic(Path(path), data)
    return len(data)


__all__ = [
    "CSV_COLUMNS", "FORMATS", "NETWORK_FORMATS", "NETWORK_WRITERS", "RDF_FORMATS",
    "check_format", "export_network", "extension", "flat", "flat_attrs", "to_csv",
    "to_cytoscape", "to_dot", "to_gexf", "to_graphml", "to_html", "to_nodelink",
    "write_export",
]
