"""The names of ``tipgraph export``'s formats, apart from the exporters that write them.

``tipgraph export --help`` lists them; importing ``tipgraph.graph.exports`` for that would
load networkx and rdflib (half a second) before the help could print, so the names live
here, in a module that imports nothing.
"""

from __future__ import annotations

NETWORK_FORMATS = ("graphml", "gexf", "cytoscape", "nodelink", "dot", "csv", "html")
#: ``tipgraph export`` names of the RDF formats -> rdflib / ``serialize`` format names.
RDF_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig"}
FORMATS = (*NETWORK_FORMATS, *RDF_FORMATS)
#: The file extension each format is usually saved under (for messages and defaults).
EXTENSIONS = {
    "graphml": ".graphml", "gexf": ".gexf", "cytoscape": ".cyjs", "nodelink": ".json",
    "dot": ".dot", "csv": ".csv", "html": ".html", "turtle": ".ttl", "ntriples": ".nt",
    "jsonld": ".jsonld", "trig": ".trig",
}

__all__ = ["EXTENSIONS", "FORMATS", "NETWORK_FORMATS", "RDF_FORMATS"]
