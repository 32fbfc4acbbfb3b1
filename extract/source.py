"""Read a report file, or the built-in sample, into text with a clear error for bad input.

Users point tipgraph at whatever they downloaded or converted; a wrong path, a PDF, a
UTF-16 export or an empty file must give one line that says what is wrong, not a traceback
from deep inside spaCy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from tipgraph.core.errors import InputError
from tipgraph.core.inputfile import STDIN, STDIN_NAME, decode_text, read_input
from tipgraph.extract.records import Aside, Converted, PageMap
from tipgraph.extract.sample import SAMPLE_NAME, sample_bytes
from tipgraph.extract.sniff import convert


@dataclass(frozen=True, slots=True)
class SourceText:
    """A report's text with its name (for messages and provenance) and SHA-256.

    For a PDF or a saved web page, ``text`` is the converted text (``sha256`` stays the
    file's) and ``converted`` what else the conversion found: the PDF's page map, the boxes,
    captions and preamble kept out, the year its title or running heads name (see
    :mod:`tipgraph.extract.sniff`).
    """

    name: str
    text: str
    sha256: str
    converted: Converted | None = None

    @property
    def pages(self) -> PageMap | None:
        """The page map of a PDF; None for text and web pages."""
        return self.converted.pages if self.converted is not None else None

    @property
    def asides(self) -> tuple[Aside, ...]:
        """What the conversion kept out of the text (nothing for text)."""
        return self.converted.asides if self.converted is not None else ()


def decode(name: str, data: bytes) -> SourceText:
    """Check and decode report bytes; convert them first when they are a PDF or a web page.

    Text may be UTF-8, or UTF-16/32 with a byte-order mark.

    Raises:
        InputError: E103 empty; E130-E134 for a PDF or web page that cannot be converted;
            and those of ``tipgraph.core.inputfile.decode_text``: E104 binary, E105 not UTF-8
            (names the byte), E110 UTF-16 without a byte-order mark.
    """
    if not data.strip():
        raise InputError(f"{name} is empty: give a TIP report converted to text", code="E103")
    converted = convert(name, data)  # a PDF or a web page, told by content; None for text
    if converted is not None:
        return SourceText(name, converted.text, hashlib.sha256(data).hexdigest(), converted)
    text = decode_text(name, data)[0]
    if not text.strip():
        raise InputError(f"{name} is empty: give a TIP report converted to text", code="E103")
    return SourceText(name=name, text=text, sha256=hashlib.sha256(data).hexdigest())


def read_source(path: Path | None) -> SourceText:
    """Read ``path`` (``-`` for standard input), or the built-in sample when ``path`` is None.

    Raises:
        InputError: those of ``tipgraph.core.inputfile.read_input`` (E101 missing, E102 a
            directory, E108 not a regular file, E109 too big) and those of ``decode``.
    """
    if path is None:
        return decode(SAMPLE_NAME, sample_bytes())
    data = read_input(path, what="report file")
    return decode(STDIN_NAME if str(path) == STDIN else Path(path).name, data)
