"""The memory cap of a query worker: what it is by default and how a worker puts it on itself.

One query once grew a worker to 3.2 GB; with several workers that is the machine's memory, and
the kernel's out-of-memory killer then picks a victim (maybe the server itself). So each
worker caps its own data size before it imports pyoxigraph, and a query that needs more
fails inside the worker: Rust aborts the process with ``memory allocation of N bytes
failed`` on stderr, Python raises ``MemoryError``. The pool reads either as "the memory cap
was hit" (``tipgraph.serve.failures``) and starts a fresh worker; nothing else is touched.

Why ``RLIMIT_DATA`` and not ``RLIMIT_AS``: the address space counts what is reserved, not
what is used. A worker that has opened the store reserves about 400 MB of address space
(RocksDB's threads: stacks and malloc arenas) while using 55 MB; a cap on it would be a cap
on a number unrelated to the memory a query takes. Since Linux 4.7 ``RLIMIT_DATA`` counts
the heap and every private writable mapping (where malloc puts large blocks), which is what
a query grows: about 100 MB for an idle worker with the store open. A cgroup would count
resident memory exactly, but needs a delegated cgroup the server cannot count on having.

``Limits`` gathers what one query may cost (time, result size, query length, workers,
memory), every value a ``tipgraph serve`` option.

Example:
    >>> describe_size(default_worker_memory(processes=4, physical=16 << 30))
    '3 GiB'
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass

#: Never a default below this: a worker with the store open uses about 100 MB of data.
MIN_WORKER_MEMORY = 256 << 20
#: The share of the machine's memory the workers may take together; the rest is for the
#: server process, the page cache that makes the store fast, and everything else running.
_WORKERS_SHARE = 0.75


def physical_memory() -> int | None:
    """The machine's memory in bytes, or None where the system does not say."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def default_worker_memory(processes: int, physical: int | None = None) -> int:
    """The cap of one worker when ``--worker-memory`` is not given.

    Three quarters of the machine's memory shared by the worker ``processes`` that may
    exist at once (so all of them at their cap still leave a quarter), never below
    ``MIN_WORKER_MEMORY``; 2 GiB where the machine's memory is unknown.
    """
    total = physical if physical is not None else physical_memory()
    if not total:
        return 2 << 30
    return max(MIN_WORKER_MEMORY, int(total * _WORKERS_SHARE) // max(1, processes))


def cap_memory(limit: int) -> None:
    """Cap this process's data size at ``limit`` bytes (0: no cap). Called first thing in a
    worker, before pyoxigraph is imported, so that every allocation of a query is under it.

    Raises:
        OSError: where the system refuses the limit (it is never raised above the hard one).
    """
    if limit <= 0:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def current_cap() -> int:
    """This process's memory cap in bytes (0: none), for the message of a query that hit it."""
    soft, _ = resource.getrlimit(resource.RLIMIT_DATA)
    return 0 if soft == resource.RLIM_INFINITY else soft


def describe_size(size: int) -> str:
    """``512 MiB``, ``1.5 GiB``, ``1000 bytes``: a size as a message says it."""
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift:
            return f"{size / (1 << shift):.4g} {unit}"
    return f"{size} bytes"


def parse_size(text: str) -> int:
    """``512M``, ``2G``, ``1.5G``, ``300000000`` -> bytes (binary units: K, M, G, T).

    Raises:
        ValueError: for anything else, or a size of 0 or less.

    Example:
        >>> parse_size("1.5G") == 3 << 29
        True
    """
    value = text.strip().upper().removesuffix("B").removesuffix("I")
    factor = 1
    if value and value[-1] in "KMGT":
        factor = 1 << (10 * ("KMGT".index(value[-1]) + 1))
        value = value[:-1]
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a size (e.g. 512M, 2G)") from None
    if not 0 < number < float(1 << 60):  # NaN and infinity fail this too
        raise ValueError(f"{text!r} must be greater than 0 and less than 2**60")
    size = int(number * factor)
    if size <= 0:
        raise ValueError(f"{text!r} must be greater than 0")
    return size


@dataclass(frozen=True, slots=True)
class Limits:
    """What one query may cost; every value is a ``tipgraph serve`` option.

    Attributes:
        timeout: seconds a query may run before its worker is killed (503 E544).
        max_result_bytes: bytes a serialised result may take (422 E545).
        max_query_length: characters a query may have (413 E543).
        workers: queries that run at once (each in its own process).
        queue_timeout: seconds a request waits for a free worker (503 E546); default timeout.
        memory: each worker holds the union graph in memory too and answers the queries
            that read only the default graph from it (``--memory``): 2-4 times faster on
            a large archive, for the union's size in memory per worker.
        slow_workers: processes of the slow lane, and long queries at once (503 E554).
        slow_after: seconds after which a query counts as long (default 1, at most timeout).
        queue: requests that may wait for a worker (503 E555 past it).
        worker_memory: bytes each worker may use (503 E551); None: a share of the machine's
            memory (``default_worker_memory``); 0: no cap.
        client_header: who a client is, for the slow-client rule (``QueryPool``): "" the
            peer address; a header name (``X-Forwarded-For``, its last value) behind a
            proxy that sets it; "none" no per-client rule.
    """

    timeout: float = 10.0
    max_result_bytes: int = 16 * 1024 * 1024
    max_query_length: int = 65536
    workers: int = 2
    queue_timeout: float | None = None
    memory: bool = False
    slow_workers: int = 1
    slow_after: float | None = None
    queue: int = 64
    worker_memory: int | None = None
    client_header: str = ""

    @property
    def max_body_bytes(self) -> int:
        """The largest request body: a form-encoded query takes up to 3 bytes a character
        (``%XX``), and a UTF-8 character up to 4 more."""
        return self.max_query_length * 12 + 4096


__all__ = ["MIN_WORKER_MEMORY", "Limits", "cap_memory", "current_cap", "default_worker_memory",
           "describe_size", "parse_size", "physical_memory"]
