"""``tipgraph query NAME --graph DIR``: a query on an Oxigraph store directory, no parsing.

A store directory (``tipgraph serve --store DIR`` made it, one named graph per report and
their union) is opened read-only and the query is answered by Oxigraph the way a server
worker answers it (``tipgraph.serve.worker.execute``: the guard, the union as the default
graph), its parameters bound in a ``VALUES`` block as for an endpoint
(``tipgraph.queries.remote``), in a thread jailed off the network. Nothing is parsed or
loaded, so a query answers in a fraction of a second on a store of any size; the answers
are Oxigraph's, as ``tipgraph serve`` gives them (its decimals and the order of a
``GROUP_CONCAT`` may differ from rdflib's on a graph file).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tipgraph.cli.empty import empty_graph
from tipgraph.core.errors import InputError, QueryError

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib.query import Result

    from tipgraph.queries import NamedQuery

#: The largest answer read from the store (as the endpoint's default limit, times 16).
MAX_ANSWER = 256 * 1024 * 1024


def is_store(path: Path) -> bool:
    """True for a directory that holds an Oxigraph (RocksDB) store."""
    return path.is_dir() and (path / "CURRENT").is_file()


def require_store(path: Path) -> None:
    """Refuse a directory given as a graph that is not a store.

    Raises:
        InputError: E129 naming the directory and what makes a store.
    """
    if not is_store(path):
        raise InputError(f"{path} is a directory but not an Oxigraph store (tipgraph build "
                         "--store DIR or serve --store DIR makes one); give a graph file or "
                         "a store", code="E129")


def run_on_store(path: Path, query: NamedQuery, params: Mapping[str, str] | None) -> Result:
    """Answer ``query`` with ``params`` from the store directory at ``path``.

    A ``year=newest`` parameter (the per-year listings' default) is bound to the store's
    newest report year, looked up first.

    Raises:
        InputError: E129 a directory that is not an Oxigraph store or cannot be opened.
        EmptyError: E125 a store without a triple.
        QueryError: E501-E509 as for a graph file; E567 what the store refused.
    """
    return answer_from_store(path, query, params)[0]


def answer_from_store(path: Path, query: NamedQuery, params: Mapping[str, str] | None
                      ) -> tuple[Result, list[int]]:
    """``run_on_store``, with the store's report years when a ``year=newest`` parameter
    needed them (else ``[]``), so that the caller's note does not open the store again.

    The query is parsed once, by ``queries.prepare`` (rdflib: a parse error is E503,
    ``SERVICE`` E506, an update E507); the worker is told its form and runs the guard's
    tokenizer on the bound text instead of parsing it a second time.
    """
    from tipgraph.queries import newest_param, query_form
    from tipgraph.queries.remote import query_text, read_answer

    query_text(query, params)  # a bad parameter fails before the store is opened
    form = query_form(query)
    graph_result = form in ("CONSTRUCT", "DESCRIBE")
    store = _open(path)
    years: list[int] = []
    if newest_param(query, params):
        years = _years(path, store)
    text = query_text(query, params, years[-1] if years else None)
    body = _execute(path, store, text, graph_result, checked_form=form)
    return read_answer(body, graph_result, str(path)), years


def store_years(path: Path) -> list[int]:
    """The report years of the store's union graph, oldest first.

    Raises:
        InputError: E129 not a store or cannot be opened; EmptyError: E125 an empty store.
    """
    return _years(path, _open(path))


def _years(path: Path, store: ox.Store) -> list[int]:
    from tipgraph.queries.remote import YEARS_QUERY, read_answer, years_of

    # the project's own fixed text: no guard parse (QueryRequest.trusted)
    body = _execute(path, store, YEARS_QUERY, False, trusted=True)
    return years_of(read_answer(body, False, str(path)))


def _open(path: Path) -> ox.Store:
    """The store at ``path``, read-only and not empty."""
    import pyoxigraph as ox

    from tipgraph.serve.store import is_empty

    require_store(path)
    try:
        store = ox.Store.read_only(str(path))
    except OSError as exc:
        first = (str(exc).strip().splitlines() or ["cannot open"])[0][:200]
        raise InputError(f"cannot open the store {path}: {first}", code="E129") from None
    if is_empty(store):
        raise empty_graph(path)
    return store


def _execute(path: Path, store: ox.Store, text: str, graph_result: bool, *,
             checked_form: str = "", trusted: bool = False) -> bytes:
    """Run ``text`` on ``store`` as a server worker would, jailed off the network."""
    from tipgraph.core.netjail import run_offline
    from tipgraph.serve import negotiation as media
    from tipgraph.serve.worker import QueryRequest, QueryResponse, execute

    request = QueryRequest(text=text, accept=media.N_TRIPLES if graph_result
                           else media.SPARQL_JSON, max_result_bytes=MAX_ANSWER,
                           checked_form=checked_form, trusted=trusted)

    def work() -> QueryResponse:
        return execute(store, request)

    response: QueryResponse = run_offline(work, required=False)
    if not response.ok:
        raise QueryError(f"{path}: {response.message}", code=response.code or "E567")
    return response.body


__all__ = ["answer_from_store", "is_store", "require_store", "run_on_store", "store_years"]
