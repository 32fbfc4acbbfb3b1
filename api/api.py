"""The Python API for notebooks and scripts: build, load, query, network.

The command line prints tables; a notebook wants values. These functions return rdflib
graphs, rows as plain dicts (IRIs as strings, literals as Python values), a pandas
DataFrame when pandas is installed (it is not a dependency), and the flow network as a
networkx graph. They are the library functions the commands call, with the same errors
(``tipgraph.core.errors``, each with its code).

Example:
    >>> import tipgraph
    >>> graph = tipgraph.build()                     # the built-in sample  # doctest: +SKIP
    >>> rows = tipgraph.query(graph, "tier-table")   # doctest: +SKIP
    >>> rows[0]                                      # doctest: +SKIP
    {'year': 2017, 'code': 'AFG', 'country': 'Afghanistan', 'tier': '2', 'partial': False}
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result, ResultRow

from tipgraph.core.errors import InputError, QueryError

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

#: A graph in memory, the path of a graph file to load, or (for ``query``) an endpoint URL.
GraphLike = Graph | str | Path


def build(*paths: str | Path, text: str | None = None, name: str = "report.txt",
          year: int | None = None, validate: bool = True, jobs: int = 1) -> Graph:
    """The knowledge graph of report files, of a report's text, or of the built-in sample.

    Args:
        paths: report files (PDF, saved web page or text, told by content); none and no
            ``text``: the built-in 2017 sample.
        text: a report's text (``"JAMAICA: TIER 2\\n\\n..."``), built as a file named
            ``name`` would be (the name is recorded as the source, and may give the year).
        name: the file name ``text`` is recorded under.
        year: the report year (default: inferred from each text).
        validate: check the graph against the SHACL shapes (ValidationError E401 if not).
        jobs: worker processes for the report years.

    Returns:
        The union graph of every report, with the ontology (as ``tipgraph build`` writes).

    Example:
        >>> g = build(text="JAMAICA: TIER 2\\n\\nIt identified 8 victims.\\n",
        ...           year=2017)                                      # doctest: +SKIP
    """
    from tipgraph.pipeline.build import build_graph

    if text is not None:
        if paths:
            raise InputError("give report files or text, not both", code="E128")
        if Path(name).name != name or not name:
            raise InputError(f"name={name!r} must be a plain file name", code="E128")
        with tempfile.TemporaryDirectory(prefix="tipgraph-") as tmp:
            path = Path(tmp) / name
            path.write_text(text, encoding="utf-8")
            return build_graph([path], year=year, validate=validate, jobs=jobs).union
    sources: list[Path | None] = [Path(p) for p in paths] or [None]
    return build_graph(sources, year=year, validate=validate, jobs=jobs).union


def load(path: str | Path) -> Graph:
    """A graph file (``.ttl``, ``.nt``, ``.jsonld``, ``.trig``, ``.nq``) as one rdflib graph."""
    from tipgraph.graph.load import load_graph

    return load_graph(Path(path))


def _graph(graph: GraphLike) -> Graph:
    return graph if isinstance(graph, Graph) else load(graph)


def value(term: object) -> Any:
    """A result cell as a Python value: an IRI or blank node as its string, a literal as
    its Python value (``int``, ``Decimal``, ``bool``, ``str``...), unbound as None."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython()
    if isinstance(term, URIRef | BNode):
        return str(term)
    return term


def rows(result: Result) -> list[dict[str, Any]]:
    """A SELECT result as a list of dicts, one per row, keys in the query's column order.

    Raises:
        QueryError: E561 for an ASK, CONSTRUCT or DESCRIBE result, which has no rows.
    """
    if result.type != "SELECT":
        raise QueryError(f"a {result.type} query has no rows; run a SELECT query",
                         code="E561")
    names = [str(v) for v in result.vars or []]
    return [{name: value(cell) for name, cell in zip(names, row, strict=True)}
            for row in result if isinstance(row, ResultRow)]


def query(graph: GraphLike, name: str | Path, params: Mapping[str, object] | None = None,
          **kwargs: object) -> list[dict[str, Any]]:
    """Run a library query (``tipgraph query --list``) or a ``.rq`` file; rows as dicts.

    ``graph`` is a graph, a graph file's path, or the URL of a SPARQL endpoint
    (``http://...``: the query runs there, as ``tipgraph query --endpoint``).

    Parameters come as keywords (``country="KWT", year=2017``) or as a mapping, for names
    that are not Python identifiers; they are bound as RDF terms by the types the query
    declares, never pasted into its text.

    Raises:
        QueryError: E501-E509 as ``tipgraph query`` (unknown query, bad parameter...).

    Example:
        >>> query(graph, "flows-into", country="USA")                    # doctest: +SKIP
    """
    from tipgraph.queries import resolve, run_query

    given = {**(params or {}), **kwargs}
    values = {key: str(v).lower() if isinstance(v, bool) else str(v)
              for key, v in given.items()}
    if isinstance(graph, str) and graph.startswith(("http://", "https://")):
        from tipgraph.queries.remote import run_remote

        return rows(run_remote(graph, resolve(name), values))
    return rows(run_query(_graph(graph), name, values))


def dataframe(table: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows (as ``query`` returns them) as a pandas DataFrame.

    Raises:
        QueryError: E562 when pandas is not installed (``pip install pandas``); tipgraph
            does not depend on it.
    """
    try:
        import pandas
    except ImportError:
        raise QueryError("a DataFrame needs pandas, which is not installed: pip install "
                         "pandas (or use the rows, a list of dicts)", code="E562") from None
    return pandas.DataFrame.from_records(list(table))


def query_frame(graph: GraphLike, name: str | Path, params: Mapping[str, object] | None = None,
                **kwargs: object) -> pd.DataFrame:
    """``query`` as a pandas DataFrame (pandas must be installed: E562 otherwise)."""
    return dataframe(query(graph, name, params, **kwargs))


def network(graph: GraphLike, *, years: Iterable[int] | None = None,
            forms: Iterable[str] | None = None, sections: Iterable[str] | None = None,
            regions: bool = True, rollup: bool = False) -> nx.MultiDiGraph:
    """The flow network as a networkx ``MultiDiGraph``: places as nodes, one edge per flow.

    The filters are those of ``tipgraph export`` and ``tipgraph stats`` (``--year``,
    ``--form``, ``--section``, ``--no-regions``, ``--rollup``).
    """
    from tipgraph.exports.network import flow_network

    return flow_network(_graph(graph), years=years, forms=forms, sections=sections,
                        regions=regions, rollup=rollup)


__all__ = ["build", "dataframe", "load", "network", "query", "query_frame", "rows", "value"]
