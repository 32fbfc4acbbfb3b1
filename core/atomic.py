"""Atomic file output: write to a temporary file beside the target, then rename.

A build that fails half-way must never leave a truncated graph where a good one (or nothing)
was before; ``os.replace`` is atomic on POSIX within one file system, which is why the
temporary file lives in the target's own directory.

The temporary file is removed whenever the block fails, SIGTERM included (the command line
turns it into an exception, ``tipgraph.core.signals``). Only SIGKILL (or a power cut) can
leave one behind, so each is named ``.<target>.tipgraph-<host>-<pid>-<random>.tmp`` and the
next write into the same directory removes those whose process is gone: same host, a pid
that no longer runs, owned by this user, a regular file. A live writer's file (or another
program's, or another host's on a shared disk) is never touched; a pid reused by an unrelated
live process only delays the cleanup.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tipgraph.core.errors import OutputError

_STALE = re.compile(r"\A\..+\.tipgraph-(?P<host>[A-Za-z0-9._]+)-(?P<pid>\d+)-[a-z0-9_]+\.tmp\Z")


def _host() -> str:
    """This host's name as it goes into a temporary file's name (no '-', no '/')."""
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname()) or "localhost"


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this host (as any user): whose leftovers are not stale."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it runs, as another user
        return True
    return True


def stale_temporaries(directory: Path) -> list[Path]:
    """The temporary files in ``directory`` that a killed tipgraph of this host left behind."""
    host, uid = _host(), os.getuid()
    stale = []
    try:
        names = [entry.name for entry in Path(directory).iterdir()]
    except OSError:
        return []
    for name in names:
        match = _STALE.match(name)
        if match is None or match["host"] != host or process_alive(int(match["pid"])):
            continue
        path = Path(directory) / name
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_uid == uid:
            stale.append(path)
    return sorted(stale)


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Remove ``stale_temporaries(directory)``; return the ones removed."""
    removed = []
    for path in stale_temporaries(directory):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


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
    remove_stale_temporaries(directory)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.tipgraph-{_host()}-{os.getpid()}-",
                                    suffix=".tmp", dir=directory)
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
