"""``tipgraph serve [GRAPH ...]``: a read-only SPARQL endpoint and linked-data server.

Exit codes: 0 stopped by Ctrl-C or SIGTERM; 2 bad input, a store in use, an address that
cannot be bound, query workers that cannot be jailed off the network (E634, see
``tipgraph.core.netjail`` and ``--unconfined-queries``), or workers that cannot open the store
within --worker-memory (E556), with one line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import socket
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from tipgraph.serve.limits import parse_size

if TYPE_CHECKING:
    from tipgraph.serve.store import PreparedStore

NAME = "serve"
#: Serves until stopped: keeps Python's default garbage collection (see cli/main.py).
LONG_RUNNING = True
HELP = "serve graphs as a read-only SPARQL endpoint with dereferenceable IRIs"
UNCONFINED_WARNING = (
    "WARNING: --unconfined-queries: the query workers are NOT jailed off the network. Only\n"
    "WARNING: the query guard stands between a client and an outbound connection (SERVICE,\n"
    "WARNING: LOAD) from this machine, to any address it can reach. Do not expose this server.\n")
#: One example for ``--help``.
EXAMPLE = ("tipgraph serve sample.ttl --port 8000", "then http://127.0.0.1:8000/sparql")


def positive_int(text: str) -> int:
    """An argparse type: a whole number above 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be greater than 0")
    return value


def positive_float(text: str) -> float:
    """An argparse type: a number of seconds above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be greater than 0")
    return value


def port(text: str) -> int:
    """An argparse type: a TCP port, 0 (any free port) to 65535.

    Checked while the arguments are read, so ``--port 99999`` is a usage error at once, not
    an OverflowError traceback after the graph has loaded.
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"E127: {text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"E127: {text!r} is not a port: give 0 (any free "
                                         "port) to 65535")
    return value


def host(text: str) -> str:
    """An argparse type: an address or name this machine can listen on.

    A name is looked up by the system's resolver (``localhost`` in /etc/hosts): the user
    asked to listen there, and a name that does not resolve fails now, before any work.
    """
    try:
        socket.getaddrinfo(text or None, None, type=socket.SOCK_STREAM,
                           flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise argparse.ArgumentTypeError(f"E127: cannot listen on {text!r}: {reason}") from None
    return text


def size(text: str) -> int:
    """An argparse type: a size in bytes, ``512M``, ``2G``."""
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph serve``."""
    parser.add_argument("graphs", nargs="*", type=Path, metavar="GRAPH",
                        help="graph files (.ttl, .nt, .jsonld, .trig, .nq) or report text "
                             "files; none: reuse --store, or build the built-in sample")
    parser.add_argument("--store", type=Path, metavar="DIR",
                        help="keep the store in DIR (an Oxigraph directory, reused on restart); "
                             "default: a temporary one")
    parser.add_argument("--host", type=host, default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=port, default=8000,
                        help="port, 0 to 65535 (default 8000; 0: any free port)")
    parser.add_argument("--workers", type=positive_int, default=2, metavar="N",
                        help="queries that run at once, each in its own process (default 2)")
    parser.add_argument("--timeout", type=positive_float, default=10.0, metavar="S",
                        help="seconds a query may run before it is stopped (default 10)")
    parser.add_argument("--max-result-bytes", type=positive_int, default=16 * 1024 * 1024,
                        metavar="N", help="largest result a query may return (default 16 MiB)")
    parser.add_argument("--max-query-length", type=positive_int, default=65536, metavar="N",
                        help="longest query text in characters (default 65536)")
    parser.add_argument("--worker-memory", type=size, metavar="SIZE",
                        help="memory each query worker may use, e.g. 512M, 2G; a query that "
                             "needs more is stopped (503 E551). Default: 3/4 of this "
                             "machine's memory shared by the workers (--workers + 2 x "
                             "--slow-workers + 1 spare)")
    parser.add_argument("--slow-workers", type=positive_int, default=1, metavar="N",
                        help="long queries that may run at once, at low CPU priority, in "
                             "worker processes of their own (default 1); more get 503 E554")
    parser.add_argument("--slow-after", type=positive_float, metavar="S",
                        help="seconds after which a query counts as long and moves to the "
                             "slow lane (default 1, at most --timeout)")
    parser.add_argument("--queue", type=positive_int, default=64, metavar="N",
                        help="requests that may wait for a worker; more get 503 E555 with "
                             "Retry-After at once (default 64)")
    parser.add_argument("--client-header", default="", metavar="NAME",
                        help="behind a proxy: the header that names the client (e.g. "
                             "X-Forwarded-For, its last value), so that one client's "
                             "runaway queries send only its own to the slow lane; 'none': no "
                             "per-client rule. Default: the connection's address")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address clients use (behind a proxy), for the VoID "
                             "description's endpoint")
    parser.add_argument("--memory", action="store_true",
                        help="each worker also holds the union graph in memory and answers "
                             "default-graph queries from it: 2-4x faster on a large archive, "
                             "for the union's size in memory per worker")
    parser.add_argument("--unconfined-queries", action="store_true",
                        help="run the query workers without the network jail (for a "
                             "machine without seccomp); a query the guard misreads could "
                             "then make this server connect anywhere. Never for a public "
                             "endpoint")
    parser.add_argument("-q", "--quiet", action="store_true", help="no access log")


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    """Prepare the store, start the workers, serve until interrupted."""
    from tipgraph.serve.store import prepare_store, store_lock

    lock = store_lock(args.store) if args.store is not None else contextlib.nullcontext()
    with lock:
        prepared = prepare_store(list(args.graphs), args.store)
        try:
            _serve(args, prepared)
        finally:
            prepared.cleanup()
    return 0


def _serve(args: argparse.Namespace, prepared: PreparedStore) -> None:
    from tipgraph.serve.app import Limits, Server

    if prepared.reused:
        what = f"reusing the store {prepared.path}"
    else:
        loaded = sum(prepared.loaded.values())
        where = "a temporary store" if prepared.temporary else str(prepared.path)
        what = f"loaded {loaded} triples into {where}"
    counts = prepared.counts
    sys.stderr.write(f"{what}: {sum(counts.values())} triples in {len(counts)} graphs\n")
    limits = Limits(timeout=args.timeout, max_result_bytes=args.max_result_bytes,
                    max_query_length=args.max_query_length, workers=args.workers,
                    memory=args.memory, slow_workers=args.slow_workers,
                    slow_after=args.slow_after, queue=args.queue,
                    worker_memory=args.worker_memory, client_header=args.client_header)
    server = Server(prepared.path, host=args.host, port=args.port, limits=limits,
                    public_url=args.public_url, log=not args.quiet,
                    confine=not args.unconfined_queries)
    if args.unconfined_queries:
        sys.stderr.write(UNCONFINED_WARNING)
    server.bind()
    previous = signal.signal(signal.SIGTERM, _stop)
    sys.stderr.write(f"serving at {server.url}/ (SPARQL at {server.url}/sparql); "
                     "Ctrl-C to stop\n")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.stderr.write("stopping\n")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
