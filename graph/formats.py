"""The one table of the file formats tipgraph reads and writes, RDF and network alike.

Every place that once kept its own list (the build's output extensions, ``tipgraph export``'s
format names, the graph loader's extensions, the server's media types and ``/data/``
extensions, the server's graph files, the CLI's help and errors) asks this table, so a
format added here is written by ``build`` and ``export``, read by ``load_graph`` and the
server, and offered by content negotiation at once.

The table is data: a format's reader and writer are *names*, as rdflib registers its
parsers and serialisers by name, resolved by the layer that does the work
(``tipgraph.graph.load`` for the RDF readers, ``tipgraph.graph.serialize`` for the RDF
writers, ``tipgraph.exports.writers`` for the network writers). So the table sits in
``graph`` (the lowest layer that reads or writes a file) and needs nothing above it;
tests check that every name in it has its reader or writer.

============  ==================  ====================================  =======  ======
name          extensions          media type                            kind     quads
============  ==================  ====================================  =======  ======
turtle        .ttl                text/turtle                           rdf
ntriples      .nt                 application/n-triples                 rdf
jsonld        .jsonld .json       application/ld+json                   rdf
rdfxml        .rdf .owl           application/rdf+xml                   rdf
trig          .trig               application/trig                      rdf      yes
nquads        .nq                 application/n-quads                   rdf      yes
graphml       .graphml            application/graphml+xml               network
gexf          .gexf               application/gexf+xml                  network
cytoscape     .cyjs               application/json                      network
nodelink      .json               application/json                      network
dot           .dot                text/vnd.graphviz                     network
csv           .csv                text/csv                              network
html          .html               text/html                             network
============  ==================  ====================================  =======  ======

RDF/XML is read (``load_graph``, the server's graph files) and served (content
negotiation, through Oxigraph's writer) but not written by ``build`` or ``export``: no
writer of it here is deterministic byte for byte.

Example:
    >>> output_format(Path("out.nq")).name, by_name("jsonld").media_type
    ('nquads', 'application/ld+json')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tipgraph.core.errors import InputError, OutputError

Kind = Literal["rdf", "network"]


@dataclass(frozen=True, slots=True)
class Format:
    """One file format.

    Attributes:
        name: what ``tipgraph export --format`` and ``format=`` take.
        extensions: file extensions, the usual one first.
        media_type: the IANA media type (the server's ``Content-Type``).
        kind: ``rdf`` (the full graph) or ``network`` (the flow network's view).
        reader: the rdflib parser that reads it (``tipgraph.graph.load``); None when
            tipgraph does not read it.
        writer: the writer's name: an rdflib-style format name that
            ``tipgraph.graph.serialize.serialize`` takes, or a key of
            ``tipgraph.exports.writers.NETWORK_WRITERS``; None when tipgraph does not write
            it to a file.
        quads: True when it holds named graphs (one per report year).
        aliases: other names the server's ``format=`` parameter takes for it (besides its
            name and its extensions without the dot).
        w3c: its name in the W3C's format namespace (``http://www.w3.org/ns/formats/``),
            which the server's service description uses; "" when it has none.
    """

    name: str
    extensions: tuple[str, ...]
    media_type: str
    kind: Kind
    reader: str | None
    writer: str | None
    quads: bool = False
    aliases: tuple[str, ...] = ()
    w3c: str = ""

    @property
    def extension(self) -> str:
        """The usual extension (``.ttl``)."""
        return self.extensions[0]


FORMATS: tuple[Format, ...] = (
    Format("turtle", (".ttl",), "text/turtle", "rdf", "turtle", "turtle", w3c="Turtle"),
    Format("ntriples", (".nt",), "application/n-triples", "rdf", "nt", "nt",
           aliases=("n-triples",), w3c="N-Triples"),
    Format("jsonld", (".jsonld", ".json"), "application/ld+json", "rdf", "json-ld", "json-ld",
           aliases=("json-ld",), w3c="JSON-LD"),
    Format("rdfxml", (".rdf", ".owl"), "application/rdf+xml", "rdf", "xml", None,
           aliases=("xml",), w3c="RDF_XML"),
    Format("trig", (".trig",), "application/trig", "rdf", "trig", "trig", quads=True,
           w3c="TriG"),
    Format("nquads", (".nq",), "application/n-quads", "rdf", "nquads", "nquads", quads=True,
           w3c="N-Quads"),
    Format("graphml", (".graphml",), "application/graphml+xml", "network", None, "graphml"),
    Format("gexf", (".gexf",), "application/gexf+xml", "network", None, "gexf"),
    Format("cytoscape", (".cyjs",), "application/json", "network", None, "cytoscape"),
    Format("nodelink", (".json",), "application/json", "network", None, "nodelink"),
    Format("dot", (".dot",), "text/vnd.graphviz", "network", None, "dot"),
    Format("csv", (".csv",), "text/csv", "network", None, "csv"),
    Format("html", (".html",), "text/html", "network", None, "html"),
)


def formats(kind: Kind | None = None, *, readable: bool = False,
            writable: bool = False) -> tuple[Format, ...]:
    """The table's rows, in its order, of one kind and with a reader or a writer."""
    return tuple(f for f in FORMATS if (kind is None or f.kind == kind)
                 and (not readable or f.reader is not None)
                 and (not writable or f.writer is not None))


def names(kind: Kind | None = None, *, writable: bool = True) -> tuple[str, ...]:
    """Format names, in the table's order (the CLI's choices)."""
    return tuple(f.name for f in formats(kind, writable=writable))


def by_name(name: str) -> Format:
    """The format called ``name``.

    Raises:
        OutputError: E610 naming the known formats.
    """
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise OutputError(f"unknown format {name!r}; use one of {', '.join(names())}", code="E610")


def _by_extension(path: Path, rows: tuple[Format, ...]) -> Format | None:
    suffix = Path(path).suffix.lower()
    return next((f for f in rows if suffix in f.extensions), None)


def known_extensions(rows: tuple[Format, ...]) -> str:
    """``.ttl (turtle), .nt (ntriples), .jsonld or .json (jsonld), ...`` for messages."""
    return ", ".join(f"{' or '.join(f.extensions)} ({f.name})" for f in rows)


def output_format(path: Path) -> Format:
    """The RDF format ``tipgraph build`` writes to ``path``, by its extension.

    Raises:
        OutputError: E602 for an extension tipgraph does not write, listing those it does.
    """
    rows = formats("rdf", writable=True)
    found = _by_extension(path, rows)
    if found is None:
        suffix = Path(path).suffix.lower()
        raise OutputError(f"cannot write {path}: unknown extension {suffix or '(none)'!r}; "
                          f"use one of {known_extensions(rows)}", code="E602")
    return found


def input_format(path: Path) -> Format:
    """The RDF format of a graph file, by its extension.

    Raises:
        InputError: E111 when the extension names no RDF format tipgraph reads.
    """
    rows = formats("rdf", readable=True)
    found = _by_extension(path, rows)
    if found is None:
        raise InputError(f"{path}: cannot tell the RDF format from the extension; use "
                         f"{known_extensions(rows)}", code="E111")
    return found


def formats_of_extension(path: Path) -> tuple[Format, ...]:
    """Every format of the table whose extensions hold ``path``'s (``.json``: jsonld and
    nodelink); empty for an extension the table does not know."""
    suffix = Path(path).suffix.lower()
    return tuple(f for f in FORMATS if suffix and suffix in f.extensions)


def check_extension(path: Path, name: str) -> None:
    """Refuse to write format ``name`` into a file whose extension names another format.

    ``x.csv`` holds CSV to every program that opens it, so GraphML written there is a file
    no reader takes. The extension agrees when one of its formats is ``name`` or shares its
    media type (Cytoscape.js JSON in a ``.json`` file is JSON, as node-link is); an
    extension the table does not know (``.txt``, none) names no format and is the user's
    choice, as with ``pandoc -t``.

    Raises:
        OutputError: E568 naming both formats and the extension ``name`` is saved under.
    """
    meant = formats_of_extension(path)
    fmt = by_name(name)
    if not meant or any(f.name == name or f.media_type == fmt.media_type for f in meant):
        return
    others = " or ".join(f.name for f in meant)
    raise OutputError(f"-f {name} disagrees with {path}: {Path(path).suffix} is {others}; "
                      f"write it to a {fmt.extension} file, drop -f to write {others}, or "
                      f"give --force-format to write {name} there anyway", code="E568")


def format_from_extension(path: Path | None, choices: tuple[str, ...]) -> str:
    """The one format of ``choices`` that ``path``'s extension names (``-o`` without
    ``-f``).

    Raises:
        OutputError: E569 when no output file is given, or its extension names none of
            ``choices`` or several of them (``.json``: jsonld or nodelink).
    """
    if path is None:
        raise OutputError("give -f FORMAT, or -o OUT whose extension names the format",
                          code="E569")
    meant = [f.name for f in formats_of_extension(path) if f.name in choices]
    if len(meant) == 1:
        return meant[0]
    suffix = Path(path).suffix.lower() or "(none)"
    if meant:
        raise OutputError(f"{path}: {suffix} may be {' or '.join(meant)}; give -f to choose",
                          code="E569")
    unwritten = " or ".join(f.name for f in formats_of_extension(path))
    if unwritten:
        raise OutputError(f"{path}: {suffix} is {unwritten}, which this command does not "
                          f"write; give -f FORMAT (one of {', '.join(choices)})", code="E569")
    rows = tuple(f for f in FORMATS if f.name in choices)
    raise OutputError(f"{path}: cannot tell the format from the extension {suffix!r}; give "
                      f"-f FORMAT or use one of {known_extensions(rows)}", code="E569")


def is_graph_file(path: Path) -> bool:
    """True when ``path``'s extension names an RDF format tipgraph reads."""
    return _by_extension(path, formats("rdf", readable=True)) is not None


__all__ = ["FORMATS", "Format", "Kind", "by_name", "check_extension", "format_from_extension",
           "formats", "formats_of_extension", "input_format", "is_graph_file",
           "known_extensions", "names", "output_format"]
