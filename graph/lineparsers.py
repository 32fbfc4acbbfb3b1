"""rdflib's N-Triples and N-Quads parsers, fed a line at a time instead of 2 KB at a time.

rdflib's ``W3CNTriplesParser.readline`` reads 2048 characters, matches its line regex over
the whole buffer and, finding no line end, reads 2048 more and matches again from the start:
a line of n characters costs n^2/4096 character steps: a literal of 1 MB took 8 s, 2 MB 32 s,
4 MB 114 s, so one of 10 MB keeps a command busy for about 12 minutes. Here the parsers
take each line from ``_Lines``, which finds line ends with ``str.find`` over the decoded text
(linear, and no second copy of the text as a ``StringIO`` would make). N-Triples ends lines
with CR, LF or CRLF, and neither CR nor LF can occur raw inside a term, so the text's line
ends are made LF first. Everything else is rdflib's parser, unchanged; rdflib's own
``nt``/``nquads`` plugins are not touched.
"""

from __future__ import annotations

from rdflib import Dataset, Graph
from rdflib.parser import InputSource
from rdflib.plugins.parsers.nquads import NQuadsParser
from rdflib.plugins.parsers.ntriples import NTGraphSink, W3CNTriplesParser


class _Lines:
    """A text's lines one at a time, standing for the file rdflib's parsers read from.

    ``encoding`` tells the parsers the text is decoded already; ``read`` is never called
    (they call ``readline``, replaced below) but must exist for their file check.
    """

    encoding = "utf-8"

    def __init__(self, text: str) -> None:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self._text = text
        self._at = 0

    def read(self, _size: int = -1) -> str:
        raise NotImplementedError("rdflib's parsers read N-Triples here with readline()")

    def close(self) -> None:
        """Nothing to close (the file was read by the bounded reader)."""

    def readline(self) -> str | None:
        """The next line without its end, or None at the end of the text."""
        text, start = self._text, self._at
        if start >= len(text):
            return None
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        self._at = end + 1
        return text[start:end]


def _readline(parser: W3CNTriplesParser) -> str | None:
    lines = parser.file
    assert isinstance(lines, _Lines)
    return lines.readline()


class _LineTriples(W3CNTriplesParser):
    readline = _readline


class _LineQuads(NQuadsParser):
    readline = _readline


def parse_ntriples(text: str, graph: Graph) -> None:
    """Add the triples of an N-Triples text to ``graph``.

    Raises:
        rdflib.plugins.parsers.ntriples.ParseError: on a line that is not N-Triples.
    """
    _LineTriples(NTGraphSink(graph)).parse(_Lines(text))  # type: ignore[arg-type]


def parse_nquads(text: str, dataset: Dataset) -> None:
    """Add the quads of an N-Quads text to ``dataset`` (no graph: its default graph).

    Raises:
        rdflib.plugins.parsers.ntriples.ParseError: on a line that is not N-Quads.
    """
    source = InputSource()
    source.setCharacterStream(_Lines(text))
    _LineQuads().parse(source, dataset)


__all__ = ["parse_nquads", "parse_ntriples"]
