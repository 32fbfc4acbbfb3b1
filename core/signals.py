"""SIGTERM as an exception, so that a terminated command cleans up as an interrupted one.

Python's default for SIGTERM is to die on the spot: no ``finally`` runs, and the temporary
file of an atomic write (``tipgraph.core.atomic``) stays beside the output. Raising
``Terminated`` from the handler unwinds the stack instead; the command line then exits with
143 (128 + SIGTERM), what a shell reports for a process SIGTERM ended.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

#: The exit code of a command ended by SIGTERM.
EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt: ``except Exception`` in
    library code must not swallow it."""


def _raise(_signum: int, _frame: FrameType | None) -> None:
    raise Terminated


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises ``Terminated`` (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


__all__ = ["EXIT_TERMINATED", "Terminated", "sigterm_raises"]
