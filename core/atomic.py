"""Atomic file output: write to a temporary file beside the target, then rename.

A build that fails half-way must never leave a truncated graph where a good one (or nothing)
was before; ``os.replace`` is atomic on POSIX within one file system, which is why the
temporary file lives in the target's own directory.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tipgraph.core.errors import OutputError


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file whose content replaces ``target`` only if the block succeeds.

    Example:
        >>> with atomic_writer(Path("out.ttl")) as fh:  # doctest: +SKIP
        ...     fh.write(b"...")
    """
    target = Path(target)
    directory = target.parent if str(target.parent) else Path()
    if not directory.is_dir():
        raise OutputError(f"cannot write {target}: directory {directory} does not exist",
                          code="E601")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        tmp.chmod(0o644)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (see ``atomic_writer``)."""
    with atomic_writer(target) as fh:
        fh.write(data)
