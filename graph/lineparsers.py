"""rdflib's N-Triples and N-Quads parsers, reading a line at a time instead of 2 KB at a time.

rdflib's ``W3CNTriplesParser.readline`` reads 2048 characters, matches its line regex over
the whole buffer and, finding no line end, reads 2048 more and matches again from the start:
a line of n characters costs n^2/4096 character steps, so one 10 MB literal keeps a command
busy for hours. These subclasses take each line from the text stream's own ``readline``
(linear); the stream is made with universal newlines, which N-Triples allows (CR, LF, CRLF)
and which cannot occur raw inside a term. Everything else is rdflib's parser, unchanged.
They are registered as rdflib parser plugins under their own names, so rdflib's own
``nt``/``nquads`` stay as they are.
"""

from __future__ import annotations

import io
from typing import Any

from rdflib import Graph
from rdflib.parser import InputSource, Parser
from rdflib.plugin import register
from rdflib.plugins.parsers.nquads import NQuadsParser
from rdflib.plugins.parsers.ntriples import NTGraphSink, W3CNTriplesParser

#: The rdflib format names these parsers are registered under.
NT_FORMAT, NQUADS_FORMAT = "tipgraph-nt", "tipgraph-nquads"


def _lines(source: InputSource) -> io.StringIO:
    stream = source.getCharacterStream()
    if stream is not None:
        return io.StringIO(stream.read(), newline=None)
    raw = source.getByteStream()
    if raw is None:
        raise ValueError("nothing to parse")
    return io.StringIO(raw.read().decode("utf-8"), newline=None)


def _readline(parser: W3CNTriplesParser) -> str | None:
    line = parser.file.readline()  # type: ignore[union-attr]
    return line.rstrip("\n") if line else None


class _LineTriples(W3CNTriplesParser):
    readline = _readline


class LineNTParser(Parser):
    """The ``tipgraph-nt`` plugin: rdflib's N-Triples parser over whole lines."""

    def parse(self, source: InputSource, sink: Graph, **kwargs: Any) -> None:
        _LineTriples(NTGraphSink(sink)).parse(_lines(source), **kwargs)


class LineNQuadsParser(NQuadsParser):
    """The ``tipgraph-nquads`` plugin: rdflib's N-Quads parser over whole lines."""

    readline = _readline

    def parse(self, inputsource: InputSource, sink: Graph, **kwargs: Any) -> Any:  # type: ignore[override]
        text = _lines(inputsource)
        inputsource.setCharacterStream(text)
        return super().parse(inputsource, sink, **kwargs)


register(NT_FORMAT, Parser, __name__, "LineNTParser")
register(NQUADS_FORMAT, Parser, __name__, "LineNQuadsParser")

__all__ = ["NQUADS_FORMAT", "NT_FORMAT", "LineNQuadsParser", "LineNTParser"]
