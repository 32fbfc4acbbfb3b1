"""A pool of query worker processes with a deadline per query.

Why processes and not threads: pyoxigraph cannot interrupt a query once it runs, so a thread
running a runaway query would be lost until the query ends by itself. A process can be
killed. Each request takes an idle worker (waiting at most ``queue_timeout`` for one, then
answering 503 "busy"), sends the query and waits at most ``timeout``; a worker that overruns
is killed and a fresh one is started in the background, so one slow query costs one worker
for ``timeout`` seconds and never blocks the others.

Workers are fresh interpreters (``python -I -c ...``) that import only the worker module,
talking over a socket pair: forking the multi-threaded server could copy a held lock into
the child, and multiprocessing's ``spawn`` would re-import the parent's ``__main__`` (for the
``tipgraph`` script: every command, spaCy included) in every worker.

Example:
    >>> with QueryPool(Path("store"), workers=2, timeout=5) as pool:  # doctest: +SKIP
    ...     pool.run(QueryRequest("ASK { ?s ?p ?o }")).body
    b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import contextlib
import json
import queue
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType

from tipgraph.core.errors import OutputError
from tipgraph.serve.worker import QueryRequest, QueryResponse, error

_START_TIMEOUT = 60.0
#: A worker of ``--memory`` first copies the union graph: about 10 s for 20 reports.
_MEMORY_START_TIMEOUT = 600.0
# The child's whole program: find tipgraph where the parent found it, then serve the pipe.
_BOOT = ("import json, sys; sys.path.extend(p for p in json.loads(sys.argv[2]) "
         "if p not in sys.path); from tipgraph.serve.worker import main; main(int(sys.argv[1]))")


@dataclass(slots=True, eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection

    def alive(self) -> bool:
        return self.process.poll() is None

    def join(self, timeout: float) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=timeout)

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.join(timeout=5)
        self.conn.close()


class QueryPool:
    """Worker processes that run queries against one read-only store.

    Args:
        store_path: the store directory (opened read-only by every worker).
        workers: how many queries may run at once.
        timeout: seconds a query may run before its worker is killed.
        queue_timeout: seconds a request may wait for a free worker (default: ``timeout``).
        prefixes: prefixes for Turtle output.
        memory: each worker copies the union graph into memory when it starts
            (``tipgraph.serve.worker.union_in_memory``); a worker killed for overrunning
            is replaced by one that copies it again.
        confine: jail each worker off the network before it opens the store
            (``tipgraph.core.netjail``); False only for ``--unconfined-queries``.
    """

    def __init__(self, store_path: Path, *, workers: int = 2, timeout: float = 10.0,
                 queue_timeout: float | None = None,
                 prefixes: dict[str, str] | None = None, memory: bool = False,
                 confine: bool = True) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self.store_path = Path(store_path)
        self.size = workers
        self.timeout = timeout
        self.queue_timeout = timeout if queue_timeout is None else queue_timeout
        self.prefixes = dict(prefixes or {})
        self.memory = memory
        self.confine = confine
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()  # guarded by _lock
        self._lock = threading.Lock()
        self._closed = False
        self.killed = 0  # workers ended for overrunning; for tests and the benchmark

    # ------------------------------------------------------------------ lifecycle
    def _spawn(self) -> _Worker:
        parent, child = socket.socketpair()
        try:
            process = subprocess.Popen(
                [sys.executable, "-I", "-c", _BOOT, str(child.fileno()), json.dumps(sys.path)],
                pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, close_fds=True)
        finally:
            child.close()
        worker = _Worker(process, Connection(parent.detach()))
        worker.conn.send((str(self.store_path), self.prefixes, self.memory, self.confine))
        with self._lock:
            self._all.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        message = "the worker did not start"
        if worker.conn.poll(_MEMORY_START_TIMEOUT if self.memory else _START_TIMEOUT):
            try:
                state, message = worker.conn.recv()
            except (EOFError, OSError):
                state = "failed"
            if state == "ready":
                return
            if state == "unconfined":  # the network jail is missing or does not hold
                self._discard(worker)
                raise OutputError(message + "; start with --unconfined-queries to serve "
                                  "without it (never for a public endpoint)", code="E634")
        self._discard(worker)
        raise OutputError(f"cannot open the store {self.store_path} for queries: {message}",
                          code="E633")

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

    def start(self) -> QueryPool:
        """Start every worker and wait until each has opened the store.

        Raises:
            OutputError: E633 when a worker cannot open the store; E634 when it cannot be
                jailed off the network.
        """
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                self._await_ready(worker)
        except OutputError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)
        return self

    def _replace(self) -> None:
        """Start a worker in place of a killed one (runs in a background thread)."""
        if self._closed:
            return
        try:
            worker = self._spawn()
            self._await_ready(worker)
        except OutputError:
            return  # the pool is one short; every later request still has the others
        if self._closed:
            self._discard(worker)
            return
        self._idle.put(worker)

    def close(self) -> None:
        """Stop every worker (a running query is killed)."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
            worker.join(timeout=1)
            if worker.alive():
                worker.kill()
            else:
                worker.conn.close()

    def __enter__(self) -> QueryPool:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------------ queries
    @property
    def alive(self) -> int:
        """Workers running now (busy or idle)."""
        with self._lock:
            return sum(1 for w in self._all if w.alive())

    @property
    def idle(self) -> int:
        """Workers waiting for a query now."""
        return self._idle.qsize()

    def run(self, request: QueryRequest) -> QueryResponse:
        """Run one query; never waits longer than ``queue_timeout + timeout``.

        Returns an error response (never raises) for a busy pool (503 E546), an overrun
        (503 E544) or a worker that died (500 E549).
        """
        if self._closed:
            return error(503, "E546", "the server is shutting down")
        try:
            worker = self._idle.get(timeout=self.queue_timeout)
        except queue.Empty:
            return error(503, "E546", f"all {self.size} query workers are busy; try again")
        try:
            worker.conn.send(request)
            if worker.conn.poll(self.timeout):
                response: QueryResponse = worker.conn.recv()
                self._idle.put(worker)
                return response
        except (EOFError, OSError):
            self._discard(worker)
            threading.Thread(target=self._replace, daemon=True).start()
            return error(500, "E549", "the query worker died; the query may use too much "
                         "memory")
        self.killed += 1
        self._discard(worker)
        threading.Thread(target=self._replace, daemon=True).start()
        return error(503, "E544", f"the query ran longer than the limit of {self.timeout:g} s "
                     "and was stopped; add a LIMIT or narrow the query")


__all__ = ["QueryPool"]
