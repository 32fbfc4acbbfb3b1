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
from tipgraph.extract.sample import SAMPLE_NAME, sample_bytes


@dataclass(frozen=True, slots=True)
class SourceText:
    """A report's text with its name (for messages and provenance) and SHA-256."""

    name: str
    text: str
    sha256: str


def decode(name: str, data: bytes) -> SourceText:
    """Check and decode report bytes.

    Raises:
        InputError: E103 empty, E104 binary (a NUL byte), E105 not UTF-8 (names the byte).
    """
    if not data.strip():
        raise InputError(f"{name} is empty: give a TIP report converted to text", code="E103")
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
