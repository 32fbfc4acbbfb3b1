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

Lanes, so that runaway queries cannot starve cheap ones (see ``tipgraph.serve.admission``):

- **fast lane**: ``workers`` processes. A query runs here first; if it has not answered
  after ``slow_after`` seconds it is *demoted*: it holds one of the ``slow_workers`` slow
  permits (none free: it is stopped at once, 503 E554 with ``Retry-After``), its process is
  reniced to low CPU priority and a fresh fast worker is started in its place, so the fast
  lane never has fewer than ``workers`` processes for long. Its text is remembered as slow.
- **slow lane**: ``slow_workers`` processes of their own, at low CPU priority, for the texts
  that recently ran long (past ``slow_after``, the time limit or the memory cap). Such a
  query waits for a slow permit and a slow worker (at most two waiting per slow worker,
  each at most ``queue_timeout``), never for a fast worker.
- **slow clients**: a client (``run``'s ``client``: the peer address, or what the proxy
  says) whose queries ran long twice in a minute has all its queries sent to the slow lane
  for that minute: distinct runaway texts, which the memory of texts cannot catch, then
  cost the fast lane nothing.
- **one run for identical requests**: a request identical to one being answered waits
  for that answer instead of taking a worker of its own (a burst of the same runaway text
  costs one worker, not all of them; a popular page costs one query).
- **a spare**: one more fast worker, started and idle, takes a killed or demoted fast
  worker's place at once (a worker takes about a second to start).
- **bounded queues**: at most ``max_waiting`` requests wait for a fast worker, at most half
  of them from one client; one more is answered 503 E555 with ``Retry-After`` at once, not
  after the queue timeout.

At most ``slow_workers`` queries run long at any time, so on two cores a runaway stream
costs cheap queries at most one core, at low priority, and never a fast worker past
``slow_after`` seconds.

Every worker caps its own memory (``tipgraph.serve.limits``, ``worker_memory`` bytes); a
worker that dies is reported for what it was (``tipgraph.serve.failures``): the memory cap,
a panic, a crash; the time limit is the pool's own.

Example:
    >>> with QueryPool(Path("store"), workers=2, timeout=5) as pool:  # doctest: +SKIP
    ...     pool.run(QueryRequest("ASK { ?s ?p ?o }")).body
    b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import json
import math
import os
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType

from tipgraph.core.errors import OutputError
from tipgraph.serve import failures
from tipgraph.serve.admission import Gate, SlowClients, SlowQueries
from tipgraph.serve.limits import default_worker_memory, describe_size
from tipgraph.serve.worker import QueryRequest, QueryResponse, error

_START_TIMEOUT = 60.0
#: A worker of ``--memory`` first copies the union graph: about 10 s for 20 reports.
_MEMORY_START_TIMEOUT = 600.0
# The child's whole program: find tipgraph where the parent found it, cap its memory before
# pyoxigraph is imported (tipgraph.serve.limits), then serve the pipe.
_BOOT = ("import json, sys; sys.path.extend(p for p in json.loads(sys.argv[2]) "
         "if p not in sys.path); from tipgraph.serve.limits import cap_memory; "
         "cap_memory(int(sys.argv[3])); "
         "from tipgraph.serve.worker import main; main(int(sys.argv[1]))")
#: The CPU priority of a process running a long query (``nice`` 10): cheap queries first.
_SLOW_NICENESS = 10
#: Requests that may wait for the slow lane, per slow worker.
_SLOW_WAITING = 2
#: Lines of a worker's stderr kept to tell why it died.
_STDERR_LINES = 40


@dataclass(slots=True, eq=False)
class _Flight:
    """A request being answered, which identical requests wait for."""

    done: threading.Event = field(default_factory=threading.Event)
    response: QueryResponse | None = None


@dataclass(slots=True, eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    slow: bool = False  # of the slow lane (started at low CPU priority)
    demoted: bool = False  # a fast worker running a long query: retired after it
    stderr: collections.deque[str] = field(
        default_factory=lambda: collections.deque(maxlen=_STDERR_LINES))
    marks: collections.deque[str] = field(  # lines that say how it failed, and the next one
        default_factory=lambda: collections.deque(maxlen=_STDERR_LINES))
    reader: threading.Thread | None = None

    def alive(self) -> bool:
        return self.process.poll() is None

    def read_stderr(self) -> None:
        """Forward the worker's stderr to ours, keeping its last lines (runs in a thread)."""
        pipe = self.process.stderr
        assert pipe is not None
        follows = False
        with pipe:  # closed at the worker's end
            for raw in pipe:
                line = raw.decode("utf-8", "replace")
                self.stderr.append(line)
                if follows or failures.notable(line):
                    self.marks.append(line)
                follows = "panicked at" in line  # Rust puts the panic's message on the next line
                with contextlib.suppress(OSError, ValueError):
                    sys.stderr.write(line)

    def last_words(self) -> list[str]:
        """Its last lines on stderr, once it has ended (waits a little for the pipe)."""
        self.join(timeout=5)
        if self.reader is not None:
            self.reader.join(timeout=2)
        return [*self.marks, *self.stderr]

    def lower_priority(self) -> None:
        """Run at low CPU priority from now on (there is no way back without privileges)."""
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, self.process.pid, _SLOW_NICENESS)

    def join(self, timeout: float) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=timeout)

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.join(timeout=5)
        self.conn.close()


def request_key(request: QueryRequest) -> str:
    """What makes two requests the same query for the slow lane: text and dataset."""
    what = json.dumps([request.text, request.default_graphs, request.named_graphs,
                       request.union_default, request.trusted])
    return hashlib.sha256(what.encode("utf-8", "surrogatepass")).hexdigest()


class QueryPool:
    """Worker processes that run queries against one read-only store.

    Args:
        store_path: the store directory (opened read-only by every worker).
        workers: how many queries may run at once in the fast lane.
        timeout: seconds a query may run before its worker is killed.
        queue_timeout: seconds a request may wait for a free worker (default: ``timeout``).
        prefixes: prefixes for Turtle output.
        memory: each worker copies the union graph into memory when it starts
            (``tipgraph.serve.worker.union_in_memory``); a worker killed for overrunning
            is replaced by one that copies it again.
        slow_workers: the slow lane's processes, and how many queries may run long at once.
        slow_after: seconds after which a fast-lane query counts as long (default: 1 s, at
            most ``timeout``).
        max_waiting: requests that may wait for a fast worker; more get 503 E555 at once.
        worker_memory: each worker's memory cap in bytes (``tipgraph.serve.limits``);
            None: three quarters of the machine's memory shared by every process that may
            run at once; 0: no cap.
        confine: jail each worker off the network before it opens the store
            (``tipgraph.core.netjail``); False only for ``--unconfined-queries``.
    """

    def __init__(self, store_path: Path, *, workers: int = 2, timeout: float = 10.0,
                 queue_timeout: float | None = None,
                 prefixes: dict[str, str] | None = None, memory: bool = False,
                 slow_workers: int = 1, slow_after: float | None = None, max_waiting: int = 64,
                 worker_memory: int | None = None, confine: bool = True) -> None:
        if workers < 1 or slow_workers < 1:
            raise ValueError("a pool needs at least one worker in each lane")
        self.store_path = Path(store_path)
        self.size = workers
        self.timeout = timeout
        self.queue_timeout = timeout if queue_timeout is None else queue_timeout
        self.prefixes = dict(prefixes or {})
        self.memory = memory
        self.slow_size = slow_workers
        self.slow_after = min(timeout, 1.0 if slow_after is None else slow_after)
        # at most: the fast lane, the slow lane, one demoted worker per slow permit, a spare
        self.worker_memory = (default_worker_memory(workers + 2 * slow_workers + 1)
                              if worker_memory is None else worker_memory)
        self.slow_queries = SlowQueries()
        self.slow_clients = SlowClients()
        self._flights: dict[QueryRequest, _Flight] = {}  # guarded by _lock
        self._waiting: dict[str, int] = {}  # requests waiting for a fast worker, by client
        self.confine = confine
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._slow_idle: queue.Queue[_Worker] = queue.Queue()
        self._spare: queue.Queue[_Worker] = queue.Queue()  # one started fast worker, idle
        self._permits = threading.BoundedSemaphore(slow_workers)
        self._fast_gate = Gate(max_waiting)
        self._slow_gate = Gate(_SLOW_WAITING * slow_workers)
        self._all: set[_Worker] = set()  # guarded by _lock
        self._lock = threading.Lock()
        self._closed = False
        self.killed = 0  # workers ended for overrunning; for tests and the benchmark

    # ------------------------------------------------------------------ lifecycle
    boot = _BOOT  # the worker's program (a test may wrap it)

    def _spawn(self, slow: bool = False) -> _Worker:
        parent, child = socket.socketpair()
        try:
            process = subprocess.Popen(
                [sys.executable, "-I", "-c", self.boot, str(child.fileno()),
                 json.dumps(sys.path), str(self.worker_memory)],
                pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
                close_fds=True)
        finally:
            child.close()
        worker = _Worker(process, Connection(parent.detach()), slow=slow)
        worker.reader = threading.Thread(target=worker.read_stderr, daemon=True,
                                         name="tipgraph-worker-stderr")
        worker.reader.start()
        if slow:
            worker.lower_priority()
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
        said = [*worker.last_words(), message]
        if failures.death(worker.process.returncode, said, 0)[1] == failures.MEMORY_CAP:
            raise OutputError(f"the query workers cannot open the store within their memory "
                              f"limit of {describe_size(self.worker_memory)}; raise "
                              "--worker-memory", code="E556")
        raise OutputError(f"cannot open the store {self.store_path} for queries: {message}",
                          code="E633")

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

    def start(self) -> QueryPool:
        """Start every worker and wait until each has opened the store.

        Raises:
            OutputError: E633 when a worker cannot open the store; E556 when it cannot
                within its memory cap; E634 when it cannot be jailed off the network.
        """
        workers = [self._spawn(slow=index >= self.size)
                   for index in range(self.size + self.slow_size)]
        spare = self._spawn()
        try:
            for worker in [*workers, spare]:
                self._await_ready(worker)
        except OutputError:
            self.close()
            raise
        for worker in workers:
            self._lane(worker.slow).put(worker)
        self._spare.put(spare)
        return self

    def _lane(self, slow: bool) -> queue.Queue[_Worker]:
        return self._slow_idle if slow else self._idle

    def _replace(self, slow: bool = False, spare: bool = False) -> None:
        """Start a worker in place of a killed one, or a new spare (in a background thread)."""
        if self._closed:
            return
        try:
            worker = self._spawn(slow)
            self._await_ready(worker)
        except OutputError:
            return  # the pool is one short; every later request still has the others
        if self._closed:
            self._discard(worker)
            return
        (self._spare if spare else self._lane(slow)).put(worker)

    def _replace_later(self, slow: bool) -> None:
        """A fast worker's place is taken by the spare at once (a new spare is started):
        a worker takes about a second to start, during which the fast lane would be one
        short; a slow worker is started afresh (at low priority)."""
        if not slow:
            try:
                spare = self._spare.get_nowait()
            except queue.Empty:
                pass
            else:
                self._idle.put(spare)
                threading.Thread(target=self._replace, args=(False, True), daemon=True).start()
                return
        threading.Thread(target=self._replace, args=(slow,), daemon=True).start()

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

    def run(self, request: QueryRequest, client: str = "") -> QueryResponse:
        """Run one query for ``client`` (an address; "" for the server's own queries);
        never waits longer than ``queue_timeout + timeout``.

        Returns an error response (never raises): busy (503 E546, E554, E555, with
        ``Retry-After``), an overrun (503 E544), the memory cap (503 E551), a panic (500
        E552) or a crash (500 E553).
        """
        if self._closed:
            return error(503, "E546", "the server is shutting down")
        with self._lock:
            flight = self._flights.get(request)
            leader = flight is None
            if flight is None:
                flight = self._flights[request] = _Flight()
        if not leader:
            flight.done.wait(self.queue_timeout + self.timeout + 5)
            return flight.response or error(503, "E546", "the query workers are busy; try again")
        response = None
        try:
            response = self._run(request, client)
            return response
        finally:
            flight.response = response
            with self._lock:
                del self._flights[request]
            flight.done.set()

    def _run(self, request: QueryRequest, client: str) -> QueryResponse:
        key = request_key(request)
        if self.slow_queries.recent(key) or self.slow_clients.is_slow(client):
            response = self._run_slow(request)
        else:
            response = self._run_fast(request, key, client)
        if response.code in (failures.MEMORY_CAP, "E544"):
            self.slow_queries.mark(key)
        return response

    def _retry_after(self) -> dict[str, str]:
        return {"Retry-After": str(max(1, math.ceil(self.timeout)))}

    def _run_fast(self, request: QueryRequest, key: str, client: str) -> QueryResponse:
        with self._fast_gate.enter() as admitted, self._client_waits(client) as own:
            if not admitted or not own:
                many = self._fast_gate.limit if not admitted else "half the"
                return _with(error(503, "E555", f"{many} requests are already waiting for a "
                                   "query worker; try again shortly"), {"Retry-After": "1"})
            try:
                worker = self._idle.get(timeout=self.queue_timeout)
            except queue.Empty:
                return _with(error(503, "E546", f"all {self.size} query workers are busy; "
                                   "try again"), {"Retry-After": "1"})
        if self.slow_queries.recent(key) or self.slow_clients.is_slow(client):
            # found out while it waited (a burst of one client's distinct runaway texts
            # queues here before the first of them has run long): not on the fast lane
            self._idle.put(worker)
            return self._run_slow(request)
        answer = self._send(worker, request, self.slow_after)
        if answer is not None:
            return answer
        if self.slow_after >= self.timeout:
            self.slow_queries.mark(key)
            self.slow_clients.note(client)
            return self._overrun(worker)
        # past slow_after: the query is long; it may go on only with a slow permit
        self.slow_queries.mark(key)
        self.slow_clients.note(client)
        if not self._permits.acquire(blocking=False):
            self._stop(worker)
            return _with(error(503, "E554", f"the query ran longer than {self.slow_after:g} s "
                               f"while {self.slow_size} long queries were running; it was "
                               "stopped. Try again later: it will then wait for the slow "
                               "lane"), self._retry_after())
        try:
            worker.lower_priority()
            worker.demoted = True  # retired afterwards: a niced process stays niced
            self._replace_later(slow=False)  # the fast lane keeps its size meanwhile
            answer = self._wait(worker, self.timeout - self.slow_after)
            return answer if answer is not None else self._overrun(worker)
        finally:
            self._permits.release()

    def _run_slow(self, request: QueryRequest) -> QueryResponse:
        busy = _with(error(503, "E554", f"this query ran long recently, and the slow lane "
                           f"({self.slow_size} at a time) is busy; try again later"),
                     self._retry_after())
        with self._slow_gate.enter() as admitted:
            if not admitted or not self._permits.acquire(timeout=self.queue_timeout):
                return busy
            try:
                try:
                    worker = self._slow_idle.get(timeout=self.queue_timeout)
                except queue.Empty:
                    return busy
                answer = self._send(worker, request, self.timeout)
                return answer if answer is not None else self._overrun(worker)
            finally:
                self._permits.release()

    @contextlib.contextmanager
    def _client_waits(self, client: str) -> Iterator[bool]:
        """One client may fill at most half the fast lane's queue (``max_waiting``), so a
        burst from one client leaves room for the others' requests."""
        if not client:
            yield True
            return
        with self._lock:
            waiting = self._waiting.get(client, 0)
            admitted = waiting < max(1, self._fast_gate.limit // 2)
            if admitted:
                self._waiting[client] = waiting + 1
        try:
            yield admitted
        finally:
            if admitted:
                with self._lock:
                    self._waiting[client] -= 1
                    if not self._waiting[client]:
                        del self._waiting[client]

    def _send(self, worker: _Worker, request: QueryRequest, wait: float
              ) -> QueryResponse | None:
        """Give ``worker`` the query; its answer within ``wait`` seconds, else None."""
        try:
            worker.conn.send(request)
        except OSError:
            return self._died(worker)
        return self._wait(worker, wait)

    def _wait(self, worker: _Worker, wait: float) -> QueryResponse | None:
        """The answer of a worker within ``wait`` seconds (the worker goes back to its lane,
        or is replaced after a panic or the memory cap), else None (it runs on)."""
        try:
            if not worker.conn.poll(wait):
                return None
            response: QueryResponse = worker.conn.recv()
        except (EOFError, OSError):
            return self._died(worker)
        if worker.demoted or response.code in failures.REPLACE_AFTER:
            self._retire(worker)
        else:
            self._lane(worker.slow).put(worker)
        return response

    def _retire(self, worker: _Worker) -> None:
        """End a worker and start its successor (a demoted one has its successor already)."""
        self._discard(worker)
        if not worker.demoted:
            self._replace_later(worker.slow)

    def _died(self, worker: _Worker) -> QueryResponse:
        """A worker that ended in the middle of a query: say why, start another."""
        self._retire(worker)
        status, code, message = failures.death(worker.process.returncode, worker.last_words(),
                                               self.worker_memory)
        return error(status, code, message)

    def _stop(self, worker: _Worker) -> None:
        self.killed += 1
        self._retire(worker)

    def _overrun(self, worker: _Worker) -> QueryResponse:
        self._stop(worker)
        return error(503, "E544", f"the query ran longer than the limit of {self.timeout:g} s "
                     "and was stopped; add a LIMIT or narrow the query")


def _with(response: QueryResponse, headers: dict[str, str]) -> QueryResponse:
    return QueryResponse(status=response.status, media_type=response.media_type,
                         body=response.body, code=response.code, message=response.message,
                         form=response.form, headers={**response.headers, **headers})


__all__ = ["QueryPool"]
