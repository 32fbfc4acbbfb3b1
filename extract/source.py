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
from tipgraph.extract.sample import SAMPLE_NAME, sample_bytes


@dataclass(frozen=True, slots=True)
class SourceText:
    """A report's text with its name (for messages and provenance) and SHA-256."""

    name: str
    text: str
    sha256: str


def decode(name: str, data: bytes) -> SourceText:
    """Check and decode report bytes (UTF-8, or UTF-16/32 with a byte-order mark).

    Raises:
        InputError: E103 empty, and those of ``tipgraph.core.inputfile.decode_text``: E104
            binary, E105 not UTF-8 (names the byte), E110 UTF-16 without a byte-order mark.
    """
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
