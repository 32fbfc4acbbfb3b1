"""The one bounded reader every input file goes through (reports, graphs, shapes, queries).

A path on the command line can name anything: a FIFO that never delivers an end of file,
``/dev/zero`` that never stops delivering, a socket, a 40 GB dump. Reading any of them with
``Path.read_bytes()`` hangs or ends in a ``MemoryError`` deep in a parser, so every input is
acquired here instead, in three steps:

1. the file is opened without blocking (``O_NONBLOCK``: opening a FIFO with no writer would
   wait forever) and ``fstat``-ed on the open descriptor, so what is checked is what is read;
   anything but a regular file is refused (``-`` explicitly stands for standard input);
2. its size is checked against a limit (``--max-input-size``, default ``DEFAULT_MAX_SIZE``)
   before a byte is read, and the read itself stops one byte past the limit, so a file that
   grows while it is read (or a pipe on stdin) is bounded too;
3. ``decode_text`` turns the bytes into text, naming the encoding it found by its byte-order
   mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) and otherwise insisting on UTF-8.

Encodings are detected by byte-order mark only, never guessed from the bytes' statistics
(charset-normalizer and the like): a wrong guess would be a silent corruption of the very
characters whose offsets the provenance records, where a refusal names the fix.

Example:
    >>> data = read_input(Path("report.txt"))  # doctest: +SKIP
    >>> text, encoding = decode_text("report.txt", data)  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

from tipgraph.core.errors import InputError

#: What ``-`` stands for on the command line, and how it is named in messages.
STDIN = "-"
STDIN_NAME = "<stdin>"

#: The default input size limit: 256 MiB. The full text of a TIP report is 3-4 MB and a graph
#: of twenty report years about 150 MB of Turtle; rdflib needs roughly 20 times a file's size
#: in memory, so a bigger file is better refused with the way out than parsed into swap.
DEFAULT_MAX_SIZE = 256 * 1024 * 1024

_UNITS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}
_CHUNK = 1024 * 1024
_limit: ContextVar[int] = ContextVar("tipgraph_max_input_size", default=DEFAULT_MAX_SIZE)
_stdin_taken = False

#: Byte-order marks, longest first (a UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)

_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket",
          stat.S_IFDIR: "a directory"}


def parse_size(text: str) -> int:
    """``"64M"`` -> 67108864: a byte count with an optional K, M or G (binary) suffix.

    Raises:
        ValueError: for anything else, or a size below one byte.
    """
    cleaned = text.strip().upper().removesuffix("B").removesuffix("I")
    unit = cleaned[-1:] if cleaned[-1:] in _UNITS and cleaned[-1:] else ""
    number = cleaned[:-1] if unit else cleaned
    value = int(float(number) * _UNITS[unit])
    if value < 1:
        raise ValueError(f"{text!r} is not a size of at least one byte")
    return value


def human_size(size: int) -> str:
    """A byte count for a message: ``268435456`` -> ``"256 MiB"``."""
    for unit, factor in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:.4g} {unit}"
    return f"{size} bytes"


def max_input_size() -> int:
    """The limit in force (set for a command with ``input_size_limit``)."""
    return _limit.get()


@contextlib.contextmanager
def input_size_limit(size: int) -> Iterator[None]:
    """Set the input size limit for the code run inside the block (a command's run)."""
    token = _limit.set(size)
    try:
        yield
    finally:
        _limit.reset(token)


def _too_big(name: str, size: int | None, limit: int) -> InputError:
    what = (f"is {human_size(size)}, over" if size is not None else "holds more than")
    return InputError(f"{name} {what} the input size limit of {human_size(limit)}; "
                      "raise it with --max-input-size (e.g. --max-input-size 1G)", code="E109")


def _read_bounded(stream: BinaryIO | int, name: str, limit: int, expected: int) -> bytes:
    """Read at most ``limit`` bytes; one more means the input is too big."""
    parts: list[bytes] = []
    total = 0
    want = min(expected, limit) + 1 if expected else _CHUNK
    while total <= limit:
        size = min(max(want, 1), limit + 1 - total, 64 * _CHUNK)
        chunk = os.read(stream, size) if isinstance(stream, int) else stream.read(size)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        want = _CHUNK
    if total > limit:
        raise _too_big(name, None if not expected else max(expected, total), limit)
    return b"".join(parts)


def read_stdin(*, max_size: int | None = None) -> bytes:
    """Standard input, bounded like a file (a pipe has no size to check beforehand).

    Standard input can be read once per process: a second ``-`` would read nothing and be
    called an empty report, so it is refused as what it is.

    Raises:
        InputError: E108 stdin is a terminal; E109 over the limit; E118 read before.
    """
    global _stdin_taken
    limit = max_size if max_size is not None else max_input_size()
    if _stdin_taken:
        raise InputError("'-' (standard input) is given more than once; it can be read only "
                         "once", code="E118")
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("'-' reads standard input, but it is a terminal; pipe a report in "
                         "(e.g. pdftotext report.pdf - | tipgraph build -)", code="E108")
    _stdin_taken = True
    return _read_bounded(sys.stdin.buffer, STDIN_NAME, limit, 0)


def read_input(path: Path | str, *, what: str = "input file",
               max_size: int | None = None) -> bytes:
    """The bytes of a regular file (or of stdin for ``-``), within the size limit.

    Args:
        path: the file; ``"-"`` (a string, or ``Path("-")``) reads standard input.
        what: how the file is named in messages (``"report file"``, ``"graph file"``).
        max_size: the limit in bytes; default ``max_input_size()``.

    Raises:
        InputError: E101 missing; E102 a directory or unreadable; E108 not a regular file
            (FIFO, device, socket); E109 over the size limit.
    """
    limit = max_size if max_size is not None else max_input_size()
    if str(path) == STDIN:
        return read_stdin(max_size=limit)
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", code="E101") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a {what}", code="E102") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}", code="E102") from None
    try:
        info = os.fstat(fd)
        kind = stat.S_IFMT(info.st_mode)
        if kind == stat.S_IFDIR:
            raise InputError(f"{path} is a directory, not a {what}", code="E102")
        if kind != stat.S_IFREG:
            raise InputError(f"{path} is {_KINDS.get(kind, 'not a regular file')}, not a "
                             f"regular file; give a {what} (or - for standard input)",
                             code="E108")
        if info.st_size > limit:
            raise _too_big(str(path), info.st_size, limit)
        try:
            return _read_bounded(fd, str(path), limit, info.st_size)
        except OSError as exc:
            raise InputError(f"{path} cannot be read: {exc.strerror or exc}",
                             code="E102") from None
    finally:
        os.close(fd)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL bytes say so (ASCII text as UTF-16), else None.

    A binary file has NULs scattered over both byte positions; ASCII-range text written as
    UTF-16 has them at every odd (LE) or every even (BE) offset.
    """
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """Decode input bytes to text; return ``(text, encoding)``, the encoding as named.

    UTF-8 (with or without a byte-order mark) and UTF-16/UTF-32 with their byte-order mark
    are read; the mark is not part of the text.

    Raises:
        InputError: E104 binary (a NUL byte in what claims no UTF-16/32 mark); E105 not valid
            UTF-8 (names the byte and its offset); E110 not valid in the encoding its mark
            names, or UTF-16 without a byte-order mark.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if encoding == "utf-8":
                break
            try:
                return body.decode(encoding), encoding.upper()
            except UnicodeDecodeError as exc:
                raise InputError(f"{name} starts with a {encoding.upper()} byte-order mark but "
                                 f"is not valid {encoding.upper()} at offset "
                                 f"{exc.start + len(bom)}; re-save it as UTF-8",
                                 code="E110") from None
    nul = data.find(b"\x00")
    if nul != -1:
        guess = _utf16_without_bom(data)
        if guess is not None:
            raise InputError(f"{name} looks like {guess.upper()} text without a byte-order "
                             "mark; re-save it as UTF-8 (or as UTF-16 with a byte-order mark)",
                             code="E110")
        raise InputError(f"{name} is a binary file (NUL byte at offset {nul}); "
                         "convert it to UTF-8 text first", code="E104")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise InputError(f"{name} is not UTF-8 text: byte 0x{bad:02x} at offset {exc.start}; "
                         "re-save it as UTF-8", code="E105") from None
    return text, "UTF-8"


__all__ = [
    "DEFAULT_MAX_SIZE",
    "STDIN",
    "STDIN_NAME",
    "decode_text",
    "human_size",
    "input_size_limit",
    "max_input_size",
    "parse_size",
    "read_input",
    "read_stdin",
]
