"""The query worker: a child process that checks, runs and serialises one query at a time.

pyoxigraph has no way to interrupt a running query (no timeout, no cancel), so a query that
runs too long can only be stopped by ending the process it runs in. Each worker therefore
opens the store read-only in its own process and answers over a pipe; the pool
(``tipgraph.serve.pool``) waits with a deadline and kills a worker that overruns. The guard
runs here as well, so even a pathological parse is under the same deadline. Before it
opens the store a worker jails itself off the network (``tipgraph.core.netjail``): the guard
decides the answer a client sees, the jail makes sure no query can connect anywhere.

The result is serialised into a buffer that refuses to grow past the size limit: pyoxigraph
evaluates lazily while it writes, so an oversized result stops being computed as soon as it
is too big instead of filling the memory first.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import IO, cast

import pyoxigraph as ox

from tipgraph.core import netjail
from tipgraph.core.errors import OutputError
from tipgraph.serve import failures, limits
from tipgraph.serve import negotiation as media
from tipgraph.serve.guard import (
    RefusedQueryError,
    check_query_cached,
    has_service_keyword,
    service_refused,
)
from tipgraph.serve.store import UNION_GRAPH

_RESULT_FORMATS = {
    media.SPARQL_JSON: ox.QueryResultsFormat.JSON,
    media.SPARQL_XML: ox.QueryResultsFormat.XML,
    media.CSV: ox.QueryResultsFormat.CSV,
    media.TSV: ox.QueryResultsFormat.TSV,
}
#: Oxigraph's writer of each graph media type of the format table.
_RDF_FORMATS = {media_type: media.oxigraph_format(media_type) for media_type in media.RDF_TYPES}
#: The answer to a query that tried to open a connection from a jailed worker.
NETWORK_REFUSED = ("the query tried to open a network connection (SERVICE or another remote "
                   "call); queries here never reach other servers")


@dataclass(frozen=True, slots=True)
class QueryRequest:
    """One query for a worker (pickled over the pipe).

    Attributes:
        text: the SPARQL query.
        accept: the client's ``Accept`` header.
        fmt: a ``format`` parameter, which overrides ``accept``.
        default_graphs: ``default-graph-uri`` values (the protocol's dataset); none means
            the union of all graphs.
        named_graphs: ``named-graph-uri`` values; none means every named graph.
        union_default: with no ``default_graphs``, query the union of all graphs (True, as
            the endpoint does) or the store's own default graph (False).
        max_result_bytes: the largest serialised result.
        max_query_length: the longest query text.
        trusted: a query the server wrote itself (resource pages, statistics) from IRIs
            pyoxigraph accepted; it skips the guard's parse. Never set for a client's text.
        checked_form: the form (``SELECT``, ...) of a query the caller has parsed with
            rdflib and refused ``SERVICE`` and updates in (``tipgraph query`` on a store:
            ``queries.prepare``), with only a ``VALUES`` block of typed terms added since;
            the worker runs the guard's tokenizer on the text but not a second parse (about
            0.2-0.4 s for a long library query). Never set for a client's text.
    """

    text: str
    accept: str | None = None
    fmt: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    union_default: bool = True
    max_result_bytes: int = 16 * 1024 * 1024
    max_query_length: int = 65536
    trusted: bool = False
    checked_form: str = ""


@dataclass(frozen=True, slots=True)
class QueryResponse:
    """A worker's answer: a body with its media type, or an error with a status and code."""

    status: int
    media_type: str = "text/plain"
    body: bytes = b""
    code: str = ""
    message: str = ""
    form: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True for a 200 answer."""
        return self.status == 200


def error(status: int, code: str, message: str) -> QueryResponse:
    """An error answer whose body is the one-line message."""
    return QueryResponse(status=status, code=code, message=message,
                         body=f"{code}: {message}\n".encode())


class ResultTooLargeError(Exception):
    """Raised by ``LimitedBuffer`` to stop the serialiser."""


class LimitedBuffer(io.RawIOBase):
    """A write-only buffer that raises once more than ``limit`` bytes are written."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        """Always: this is a sink."""
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        """Append ``data``, or raise ``ResultTooLargeError`` past the limit."""
        self.size += len(data)
        if self.size > self.limit:
            raise ResultTooLargeError
        self.parts.append(bytes(data))
        return len(data)

    def getvalue(self) -> bytes:
        """Everything written."""
        return b"".join(self.parts)


def _graph_names(values: tuple[str, ...]) -> list[ox.NamedNode]:
    return [ox.NamedNode(value) for value in values]


def execute(store: ox.Store, request: QueryRequest, prefixes: dict[str, str] | None = None,
            union: ox.Store | None = None) -> QueryResponse:
    """Check, run and serialise one query (the whole job of a worker, testable in-process).

    ``union`` is the worker's in-memory copy of the union graph (``union_in_memory``): a
    checked query that reads only the default graph, with no dataset in the request, is
    answered from it, the same answer the store gives with the union as default graph.
    """
    form = ""
    names_graphs = True
    if request.checked_form:
        if has_service_keyword(request.text):
            refused = service_refused()
            return error(refused.status, refused.code, refused.message)
        form = request.checked_form
    elif not request.trusted:
        try:
            checked = check_query_cached(request.text, max_length=request.max_query_length)
        except RefusedQueryError as exc:
            return error(exc.status, exc.code, exc.message)
        form, names_graphs = checked.form, checked.names_graphs
    if (union is not None and not names_graphs and request.union_default
            and not request.default_graphs and not request.named_graphs):
        return _answer(union, request, prefixes, form, {})
    kwargs: dict[str, object] = {}
    try:
        union_graph = ox.NamedNode(UNION_GRAPH)
        has_union = store.contains_named_graph(union_graph)
        if request.default_graphs:
            kwargs["default_graph"] = _graph_names(request.default_graphs)
        elif request.union_default:
            if has_union:  # each triple once, however many report graphs hold it
                kwargs["default_graph"] = union_graph
            else:  # a store tipgraph did not prepare
                kwargs["use_default_graph_as_union"] = True
        if request.named_graphs:
            kwargs["named_graphs"] = _graph_names(request.named_graphs)
        elif has_union:  # the union is the default graph, not one of the named graphs
            kwargs["named_graphs"] = [g for g in store.named_graphs() if g != union_graph]
    except ValueError as exc:  # a bad graph IRI in default-graph-uri / named-graph-uri
        return error(400, "E540", f"bad request: {_first_line(exc)}")
    return _answer(store, request, prefixes, form, kwargs)


def _answer(store: ox.Store, request: QueryRequest, prefixes: dict[str, str] | None,
            form: str, dataset: dict[str, object]) -> QueryResponse:
    """Evaluate the query over ``dataset`` of ``store`` and serialise it as negotiated."""
    try:
        result = store.query(request.text, **dataset)  # type: ignore[arg-type]
        graph_form = isinstance(result, ox.QueryTriples)
        form = form or ("CONSTRUCT" if graph_form else "ASK" if isinstance(
            result, ox.QueryBoolean) else "SELECT")
        offers = media.RDF_TYPES if graph_form else media.RESULT_TYPES
        chosen = media.choose(request.accept, offers, request.fmt)
        if chosen is None:
            wanted = request.fmt or request.accept
            return error(406, "E547", f"a {form} query cannot be answered as {wanted!r}; "
                         f"ask for one of {', '.join(offers)}")
        buffer = LimitedBuffer(request.max_result_bytes)
        sink = cast(IO[bytes], buffer)  # pyoxigraph only calls write()
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, sink, _RDF_FORMATS[chosen],
                         prefixes=prefixes if chosen == media.TURTLE else None)
        else:
            result.serialize(sink, _RESULT_FORMATS[chosen])
    except MemoryError:  # the worker's memory cap (tipgraph.serve.limits), hit in Python
        return error(*failures.memory_cap_hit(limits.current_cap()))
    except ResultTooLargeError:
        return error(422, "E545", f"the result is larger than the limit of "
                     f"{request.max_result_bytes} bytes; add a LIMIT or narrow the query")
    except SyntaxError as exc:
        return error(400, "E540", f"not a query this store runs: {_first_line(exc)}")
    except ValueError as exc:  # a bad graph IRI in default-graph-uri / named-graph-uri
        return error(400, "E540", f"bad request: {_first_line(exc)}")
    except PermissionError:  # the network jail refused a connection the guard did not foresee
        return error(403, "E509", NETWORK_REFUSED)
    except Exception as exc:  # an evaluation error must not end the worker
        return error(500, "E548", f"the query failed: {_first_line(exc)}")
    return QueryResponse(status=200, media_type=chosen, body=buffer.getvalue(), form=form)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:300]


def answer_safely(store: ox.Store, request: QueryRequest, prefixes: dict[str, str] | None,
                  union: ox.Store | None = None) -> QueryResponse:
    """``execute``, with an Oxigraph panic or the memory cap turned into its answer (500
    E552, 503 E551) rather than ending the worker with a traceback, which the pool could
    only report as a dead worker. A panic is a ``BaseException`` (pyo3's
    ``PanicException``), so ``execute``'s ``except Exception`` lets it through; a
    ``MemoryError`` may come from the guard's parse, outside ``_answer``.
    """
    try:
        return execute(store, request, prefixes, union)
    except MemoryError:
        return error(*failures.memory_cap_hit(limits.current_cap()))
    except BaseException as exc:
        if failures.is_panic(exc):
            return error(*failures.panicked(failures.first_line(exc)))
        raise


def open_store(store_path: str) -> ox.Store:
    """The store a worker answers from, opened read-only."""
    return ox.Store.read_only(store_path)


def union_in_memory(store: ox.Store) -> ox.Store | None:
    """The store's union graph copied into the default graph of an in-memory store.

    An index lookup in the on-disk store costs 7-10 microseconds here, so a query that
    visits every flow of a 20-report archive spends most of its time in lookups; from an
    in-memory store holding the union alone it is answered 2-4 times faster (a copy of
    the whole store, report graphs included, gained less than 2x). It costs each worker the union's
    size in memory (460 MiB for 776k triples) and seconds when it starts. None for a store
    without the union graph (one tipgraph did not prepare).
    """
    union = ox.NamedNode(UNION_GRAPH)
    if not store.contains_named_graph(union):
        return None
    copy = ox.Store()
    default = ox.DefaultGraph()
    copy.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, default)
                     for q in store.quads_for_pattern(None, None, None, union))
    return copy


def worker_main(store_path: str, conn: Connection, prefixes: dict[str, str],
                memory: bool = False) -> None:
    """Entry point of a worker process: open the store, say ready, answer until EOF.

    With ``memory`` the worker also holds the union in memory (``union_in_memory``) and
    answers from it every query that reads only the default graph.
    """
    try:
        store = open_store(store_path)
        in_memory = union_in_memory(store) if memory else None
        import rdflib.plugins.sparql.parser  # noqa: F401 - pay the import before the first query
    except Exception as exc:  # reported to the parent, which says it in one line
        conn.send(("failed", _first_line(exc)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        conn.send(answer_safely(store, request, prefixes, in_memory))


def main(fd: int) -> None:
    """Entry point of a worker interpreter started by the pool with a socket on ``fd``.

    The first message is ``(store_path, prefixes, memory, confine)``; with ``confine`` the
    process is jailed off the network first (``tipgraph.core.netjail``); then ``worker_main``
    takes over.
    """
    conn = Connection(fd)
    try:
        store_path, prefixes, memory, confine = conn.recv()
    except (EOFError, OSError):
        return
    if confine:  # before the store opens: the threads it starts inherit the jail
        try:
            netjail.confine_process()
        except OutputError as exc:
            conn.send(("unconfined", exc.message))
            return
    worker_main(store_path, conn, prefixes, memory)


__all__ = ["LimitedBuffer", "QueryRequest", "QueryResponse", "answer_safely", "error", "execute",
           "main", "open_store", "union_in_memory", "worker_main"]
