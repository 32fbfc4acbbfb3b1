"""Load a graph file that tipgraph (or anyone) wrote, with one clear error when it is bad.

The bytes come from the bounded reader (``tipgraph.core.inputfile``: regular files only,
within the size limit) and pass ``tipgraph.graph.guards`` (no remote JSON-LD context, no XML
entities) before rdflib parses them, with the network refused while it does
(``tipgraph.core.nonetwork``). Turtle, TriG, N-Triples and N-Quads are read by Oxigraph's
parser (``tipgraph.graph.oxreader``: five times faster than rdflib's, linear in the length of
a line, and its errors name the line and column); JSON-LD and RDF/XML by rdflib's.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from rdflib import Dataset, Graph

from tipgraph.core.errors import InputError
from tipgraph.core.inputfile import decode_text, read_input
from tipgraph.core.nonetwork import no_network
from tipgraph.graph.formats import formats, input_format
from tipgraph.graph.guards import JSONLD_FORMATS, XML_FORMATS, check_jsonld, check_xml
from tipgraph.graph.oxreader import OX_FORMATS, OxSyntaxError, parse_into
from tipgraph.ontology import PREFIXES

#: The parser names of the formats that hold named graphs.
QUAD_FORMATS = frozenset(f.reader for f in formats("rdf", readable=True) if f.quads)


def graph_format(path: Path) -> str:
    """The rdflib parser for a path's extension (``tipgraph.graph.formats``).

    Raises:
        InputError: E111 when the extension names no RDF format, listing those that do.
    """
    reader = input_format(path).reader
    assert reader is not None  # input_format only gives formats with a reader
    return reader


def load_graph(path: Path) -> Graph:
    """Parse an RDF file into one graph (the union of its named graphs for quad formats).

    Raises:
        InputError: E101 missing, E102 a directory, E108 not a regular file, E109 over the
            size limit, E104/E105/E110 not text in a known encoding, E111 unknown format,
            E112 parse error, E115 a remote JSON-LD context, E116 XML entities, E117 a
            network request by the parser.
    """
    path = Path(path)
    data = read_input(path, what="graph file")
    fmt = graph_format(path)
    oxigraph = fmt in OX_FORMATS
    graph: Graph = Dataset(default_union=True) if fmt in QUAD_FORMATS and not oxigraph \
        else Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    source: str | bytes
    if fmt in XML_FORMATS:
        check_xml(str(path), data)
        source = data  # XML names its own encoding
    else:
        source = decode_text(str(path), data)[0]
        data = b""  # the text holds it now; a big file need not be in memory twice
        if fmt in JSONLD_FORMATS:
            check_jsonld(str(path), source)
    try:
        with warnings.catch_warnings(), no_network(f"reading {path}") as blocked:
            # rdflib's own JSON-LD and TriG parsers use its deprecated ConjunctiveGraph.
            warnings.simplefilter("ignore", DeprecationWarning)
            if oxigraph and isinstance(source, str):  # the union of a quad file's graphs
                parse_into(source, fmt, graph, base_iri=path.resolve().as_uri())
                return graph
            else:
                graph.parse(data=source, format=fmt, publicID=path.resolve().as_uri())
    except OxSyntaxError as exc:
        raise InputError(f"{path} is not valid {fmt}: {exc}", code="E112") from None
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        if blocked.attempts:
            raise blocked.error() from None
        # the whole message on one line: its first line ends "at line 1 of <>:" and the
        # reason follows on the next ones
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(f"{path} is not valid {fmt}: {message[:400]}", code="E112") from None
    if blocked.attempts:
        raise blocked.error()
    if isinstance(graph, Dataset):  # rdflib read a quad file: the union of its graphs
        union = Graph()
        for prefix, ns in graph.namespaces():
            union.bind(prefix, ns)
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return graph
