"""Who may wait for a query worker: the queries known to be slow, and how many may wait.

With one request in ten a runaway query, every worker was soon held by one until the time
limit, and cheap queries fell to 2-5 requests a second on 2 workers. The pool
(``tipgraph.serve.pool``) therefore sends a query whose text recently ran long to a slow
lane of its own, and bounds how many requests may wait for each lane. This module holds
the two pieces of state that takes:

- ``SlowQueries``: the queries (text and dataset) that ran past the slow-lane threshold, hit
  the time limit or the memory cap in the last ``remember`` seconds. Most runaway traffic
  is the same text again (a retry, a dashboard, a script in a loop), and that is refused
  or queued without costing a worker a second time.
- ``SlowClients``: the clients (by address) whose queries ran long at least ``threshold``
  times in the last ``window`` seconds. Such a client's queries all go to the slow lane, so
  a client sending endless *distinct* runaway texts, which no memory of texts can catch,
  costs the fast lane ``threshold`` times ``slow_after`` seconds and then nothing.
- ``Gate``: a count of the requests waiting for a lane, refusing one more past the bound, so
  a burst is answered 503 with ``Retry-After`` at once instead of piling up threads that
  each wait out the queue timeout.

Example:
    >>> slow = SlowQueries(remember=60)
    >>> slow.mark("k", now=0.0); slow.recent("k", now=59.0), slow.recent("k", now=61.0)
    (True, False)
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager


class SlowQueries:
    """Keys of queries that ran long recently, forgotten after ``remember`` seconds.

    At most ``size`` keys are kept (the oldest go first), so a client sending endless
    distinct slow texts cannot grow the server's memory.
    """

    def __init__(self, remember: float = 600.0, size: int = 4096) -> None:
        self.remember = remember
        self.size = size
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def mark(self, key: str, now: float | None = None) -> None:
        """Remember ``key`` as slow from now on."""
        at = time.monotonic() if now is None else now
        with self._lock:
            self._seen[key] = at
            self._seen.move_to_end(key)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)

    def recent(self, key: str, now: float | None = None) -> bool:
        """Whether ``key`` ran long in the last ``remember`` seconds."""
        at = time.monotonic() if now is None else now
        with self._lock:
            seen = self._seen.get(key)
            if seen is None:
                return False
            if at - seen > self.remember:
                del self._seen[key]
                return False
            return True

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)


class SlowClients:
    """Clients with at least ``threshold`` long queries in the last ``window`` seconds.

    At most ``size`` clients are tracked (the least recently seen go first).

    Example:
        >>> clients = SlowClients(threshold=2, window=60)
        >>> clients.note("a", now=0.0); clients.is_slow("a", now=1.0)
        False
        >>> clients.note("a", now=2.0); clients.is_slow("a", 3.0), clients.is_slow("a", 61.0)
        (True, False)
    """

    def __init__(self, threshold: int = 2, window: float = 60.0, size: int = 4096) -> None:
        self.threshold, self.window, self.size = threshold, window, size
        self._times: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, client: str, at: float) -> list[float]:
        times = [t for t in self._times.get(client, []) if at - t <= self.window]
        if times:
            self._times[client] = times
        else:
            self._times.pop(client, None)
        return times

    def note(self, client: str, now: float | None = None) -> None:
        """One more long query by ``client`` (nothing for an unknown client, ``""``)."""
        if not client:
            return
        at = time.monotonic() if now is None else now
        with self._lock:
            times = self._recent(client, at)
            self._times[client] = [*times[-(self.threshold - 1):], at] if self.threshold > 1 \
                else [at]
            self._times.move_to_end(client)
            while len(self._times) > self.size:
                self._times.popitem(last=False)

    def is_slow(self, client: str, now: float | None = None) -> bool:
        """Whether ``client``'s queries go to the slow lane now."""
        if not client:
            return False
        at = time.monotonic() if now is None else now
        with self._lock:
            return len(self._recent(client, at)) >= self.threshold


class Gate:
    """At most ``limit`` requests waiting at once; ``enter`` says whether one more may."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.waiting = 0
        self._lock = threading.Lock()

    @contextmanager
    def enter(self) -> Iterator[bool]:
        """``with gate.enter() as admitted:`` the request is counted while in the block,
        if ``admitted``; otherwise the bound is reached and it must be refused."""
        with self._lock:
            admitted = self.waiting < self.limit
            if admitted:
                self.waiting += 1
        try:
            yield admitted
        finally:
            if admitted:
                with self._lock:
                    self.waiting -= 1


__all__ = ["Gate", "SlowClients", "SlowQueries"]
