"""What happened to a query that did not give an answer: a panic, the memory cap, a crash.

Before, every worker that died was reported as "the query may use too much memory", an
Oxigraph panic included, so neither the client nor the operator could tell a bug in the
engine from a query that was too big. The four ways a query can fail to answer are told
apart here, each with its own code:

=====  ======  ===========================================================================
E544   503     the time limit: the pool killed the worker (``tipgraph.serve.pool``)
E551   503     the memory cap (``tipgraph.serve.limits``): Python's ``MemoryError``, or Rust's
               ``memory allocation of N bytes failed`` (or C++'s ``std::bad_alloc``) on the
               worker's stderr before it aborted
E552   500     an Oxigraph panic: pyo3's ``PanicException`` raised in the worker, or a
               ``panicked at`` on its stderr before it aborted (a panic that cannot unwind)
E553   500     any other death: a signal (``SIGSEGV``, ``SIGKILL`` from the system's
               out-of-memory killer, ...) or an exit, named
=====  ======  ===========================================================================

A worker is not kept after any of them: the pool replaces it, since a process that hit its
memory cap or panicked half-way may hold anything. This module knows only the messages (it is
used on both sides of the pipe: by the worker for what it catches, by the pool for a death).
"""

from __future__ import annotations

import signal
from collections.abc import Iterable

from tipgraph.serve.limits import describe_size

MEMORY_CAP = "E551"
PANIC = "E552"
CRASH = "E553"
#: Answers after which the worker that gave them is replaced.
REPLACE_AFTER = frozenset({MEMORY_CAP, PANIC})

_OUT_OF_MEMORY = ("memory allocation of", "std::bad_alloc", "MemoryError", "out of memory")
_PANICKED = ("panicked at", "PanicException")


def notable(line: str) -> bool:
    """Whether a worker's stderr line says how it failed (kept apart from the tail, which
    a Rust backtrace of 40 lines would push it out of)."""
    return any(mark in line for mark in (*_OUT_OF_MEMORY, *_PANICKED))


def memory_cap_hit(limit: int) -> tuple[int, str, str]:
    """(status, code, message) for a query that needed more than the worker's memory cap."""
    where = f"the memory limit of {describe_size(limit)} per query worker" if limit > 0 else \
        "the memory the query worker could get"
    return 503, MEMORY_CAP, (f"the query needed more than {where} and was stopped; "
                             "add a LIMIT or narrow the query")


def panicked(detail: str) -> tuple[int, str, str]:
    """(status, code, message) for a query on which the engine panicked (an Oxigraph bug)."""
    said = f": {detail}" if detail else ""
    return 500, PANIC, (f"the query engine (Oxigraph) failed on this query with an internal "
                        f"error{said}; this is a bug in the engine, not in the query")


def is_panic(exc: BaseException) -> bool:
    """Whether ``exc`` is a Rust panic: pyo3 raises ``pyo3_runtime.PanicException`` (a
    ``BaseException``, so that ``except Exception`` does not swallow it) for a panic that
    unwinds into Python."""
    kind = type(exc)
    return kind.__name__ == "PanicException" or kind.__module__ == "pyo3_runtime"


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message, at most 300 characters."""
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else ""


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def death(returncode: int | None, stderr: Iterable[str], limit: int) -> tuple[int, str, str]:
    """(status, code, message) for a worker that ended in the middle of a query, from how it
    ended and what it last wrote on stderr.

    Args:
        returncode: the process's exit status (``-N`` for signal N; None if still running).
        stderr: its last lines on stderr.
        limit: its memory cap in bytes (0: none).

    Example:
        >>> death(-6, ["memory allocation of 360 bytes failed"], 256 << 20)[:2]
        (503, 'E551')
        >>> death(-11, [], 0)[2]
        'the query worker was killed by SIGSEGV while running the query; it has been replaced'
    """
    lines = [line.strip() for line in stderr if line.strip()]
    text = "\n".join(lines)
    if any(mark in text for mark in _OUT_OF_MEMORY):
        return memory_cap_hit(limit)
    if any(mark in text for mark in _PANICKED):
        detail = ""
        for index, line in enumerate(lines):  # Rust: "thread '...' panicked at FILE:" + message
            if "panicked at" in line:
                after = line.split("panicked at", 1)[1].strip()
                following = lines[index + 1] if index + 1 < len(lines) else ""
                detail = following if after.endswith(":") and following else after
        return panicked(detail[:300])
    if returncode is None:
        how = "stopped answering"
    elif returncode < 0:
        how = f"was killed by {_signal_name(-returncode)}"
        if -returncode == signal.SIGKILL:
            how += " (not by this server: the system may be out of memory)"
    else:
        how = f"exited with status {returncode}"
    return 500, CRASH, (f"the query worker {how} while running the query; it has been "
                        "replaced")


__all__ = ["CRASH", "MEMORY_CAP", "PANIC", "REPLACE_AFTER", "death", "first_line", "is_panic",
           "memory_cap_hit", "notable", "panicked"]
