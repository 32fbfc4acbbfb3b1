"""The HTTP server: SPARQL 1.1 Protocol, dereferenceable IRIs, ontology, shapes, VoID, home.

``Server`` owns the socket, the serving thread and the pool of query workers; each request
goes to ``tipgraph.serve.handler.Handler``, which hands it to the module of its job
(``tipgraph.serve.routes`` has the table of routes: ``endpoint`` for ``/sparql``,
``resources`` for ``/id/``, ``/page/`` and ``/data/``, ``documents`` for the ontology, the
shapes, VoID, the home page and the style sheet).

The standard library's ``ThreadingHTTPServer`` is enough: every request thread only parses
and forwards, while the queries run in the worker pool, which is what bounds the load. No
web framework would add a time limit that pyoxigraph lacks.

Example:
    >>> with Server(Path("store"), port=0) as server:  # doctest: +SKIP
    ...     urllib.request.urlopen(server.url + "/sparql?query=ASK{}").read()
    b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from tipgraph.core.errors import OutputError
from tipgraph.serve import describe as desc
from tipgraph.serve.documents import PREFIX_IRIS
from tipgraph.serve.handler import SECURITY_HEADERS, Handler
from tipgraph.serve.limits import Limits
from tipgraph.serve.pool import QueryPool
from tipgraph.serve.worker import QueryRequest, QueryResponse


class Server:
    """The tipgraph HTTP server over one store directory.

    Args:
        store_path: an Oxigraph store directory (not open for writing by anyone).
        host: the address to listen on (loopback by default: exposing it is a choice).
        port: the port; 0 picks a free one (see ``url``).
        limits: per-query limits and the number of workers.
        public_url: the server's address as clients see it (behind a proxy), for VoID.
        log: write one access-log line per request to stderr.
        confine: jail the query workers off the network (``tipgraph.core.netjail``); False
            only for ``--unconfined-queries``.
    """

    def __init__(self, store_path: Path, *, host: str = "127.0.0.1", port: int = 8000,
                 limits: Limits | None = None, public_url: str | None = None,
                 log: bool = False, confine: bool = True) -> None:
        self.store_path = Path(store_path)
        self.limits = limits or Limits()
        self.host, self.port = host, port
        self.public_url = public_url.rstrip("/") if public_url else None
        self.log = log
        self.pool = QueryPool(self.store_path, workers=self.limits.workers,
                              timeout=self.limits.timeout,
                              queue_timeout=self.limits.queue_timeout, prefixes=PREFIX_IRIS,
                              memory=self.limits.memory,
                              slow_workers=self.limits.slow_workers,
                              slow_after=self.limits.slow_after, max_waiting=self.limits.queue,
                              worker_memory=self.limits.worker_memory, confine=confine)
        self._http: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stats: desc.Stats | None = None
        self._stats_lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle
    def bind(self) -> Server:
        """Start the workers and bind the socket (``url`` is known from here on).

        Raises:
            OutputError: E630 when the address cannot be bound; E633 when the store cannot
                be opened; E634 when the workers cannot be jailed off the network.
        """
        self.pool.start()
        try:
            http = ThreadingHTTPServer((self.host, self.port), Handler, bind_and_activate=True)
        except OSError as exc:
            self.pool.close()
            raise OutputError(f"cannot listen on {self.host}:{self.port}: "
                              f"{exc.strerror or exc}", code="E630") from None
        http.daemon_threads = True
        http.app = self  # type: ignore[attr-defined]
        self._http = http
        self.port = http.server_address[1]
        return self

    @property
    def url(self) -> str:
        """The server's base URL, ``http://host:port``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> Server:
        """Bind and serve in a background thread (for tests and embedding)."""
        if self._http is None:
            self.bind()
        assert self._http is not None
        # a short poll interval so that close() returns promptly
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.1,),
                                        name="tipgraph-http", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Bind if needed and serve in this thread until ``close`` or Ctrl-C."""
        if self._http is None:
            self.bind()
        assert self._http is not None
        self._http.serve_forever()

    def close(self) -> None:
        """Stop serving and end the workers."""
        if self._http is not None:
            if self._thread is not None:
                self._http.shutdown()
                self._thread.join(timeout=5)
            self._http.server_close()
            self._http = None
        self.pool.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------------ queries
    def query(self, text: str, *, accept: str | None = None, fmt: str | None = None,
              union: bool = True, default_graphs: tuple[str, ...] = (),
              named_graphs: tuple[str, ...] = (), trusted: bool = False,
              client: str = "") -> QueryResponse:
        """Run one query in the pool under the server's limits.

        ``trusted`` is for queries this server wrote (see ``QueryRequest``), never a client's.
        ``client`` says who asked (``Handler.client``), for the slow-client rule.
        """
        return self.pool.run(QueryRequest(
            text=text, accept=accept, fmt=fmt, default_graphs=default_graphs,
            named_graphs=named_graphs, union_default=union,
            max_result_bytes=self.limits.max_result_bytes,
            max_query_length=self.limits.max_query_length, trusted=trusted), client)

    def run_json(self, text: str, *, union: bool = True) -> dict[str, object]:
        """Run an internal SELECT/ASK and parse its JSON (``describe.Runner``)."""
        response = self.query(text, fmt="json", union=union, trusted=True)
        if not response.ok:
            raise desc.DescribeError(response.status, f"{response.code}: {response.message}")
        return desc.parse_json(response.body)

    def stats(self) -> desc.Stats:
        """The store's counts, computed on first use (the store does not change)."""
        with self._stats_lock:
            if self._stats is None:
                self._stats = desc.statistics(self.run_json)
            return self._stats


__all__ = ["SECURITY_HEADERS", "Limits", "Server"]
