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

    Raises:
        InputError: E103 empty, E104 binary (a NUL byte), E105 not UTF-8 (names the byte);
            E130-E134 for a PDF or web page that cannot be converted.
    """
    if not data.strip():
        raise InputError(f"{name} is empty: give a TIP report converted to text", code="E103")
    converted = convert(name, data)  # a PDF or a web page, told by content; None for text
    if converted is not None:
        return SourceText(name, converted.text, hashlib.sha256(data).hexdigest(), converted)
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"{name} is a binary file (NUL byte at offset {nul}); "
                         "convert the report to UTF-8 text first", code="E104")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise InputError(f"{name} is not UTF-8 text: byte 0x{bad:02x} at offset {exc.start}; "
                         "re-save it as UTF-8", code="E105") from None
    return SourceText(name=name, text=text, sha256=hashlib.sha256(data).hexdigest())


def read_source(path: Path | None) -> SourceText:
    """Read ``path``, or the built-in sample when ``path`` is None.

    Raises:
        InputError: E101 missing, E102 a directory or unreadable, and those of ``decode``.
    """
    if path is None:
        return decode(SAMPLE_NAME, sample_bytes())
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file", code="E101")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a report file", code="E102")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}", code="E102") from None
    return decode(path.name, data)
