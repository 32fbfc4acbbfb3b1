"""``tipgraph query NAME|FILE.rq [--graph GRAPH] [--param KEY=VALUE ...] [--format ...]``.

Runs a query of the library (``tipgraph query --list`` shows them) or a ``.rq`` file on a
graph file, or on the built-in sample built in memory when no graph is given. Parameters
are bound as RDF terms by the types the query's header declares. Results go to stdout as
an aligned table (the default), CSV, TSV or SPARQL 1.1 JSON results; the row count goes to
stderr.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from tipgraph.cli.inputs import add_graph_argument, graph_or_sample
from tipgraph.core.errors import QueryError
from tipgraph.ontology import ID_BASE, PREFIXES
from tipgraph.queries import NamedQuery, bind, list_queries, prepare, resolve, run_query

NAME = "query"
HELP = "run a named SPARQL query of the library (or a .rq file) on a graph"
FORMATS = ("table", "csv", "tsv", "json")
#: Widest cell the table shows before it cuts the value with an ellipsis.
TABLE_CELL = 72


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph query``."""
    parser.add_argument("query", nargs="?", metavar="NAME|FILE.rq",
                        help="a query of the library (see --list) or a SPARQL file")
    add_graph_argument(parser)
    parser.add_argument("--store", type=Path, metavar="DIR",
                        help="run on the union graph of an archive store (tipgraph build "
                             "--store DIR), read-only, instead of a graph file")
    parser.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE",
                        help="a parameter the query declares, e.g. country=KWT (repeatable)")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="output format (default: table)")
    parser.add_argument("--list", action="store_true",
                        help="list the library's queries with their parameters and stop")


def run(args: argparse.Namespace) -> int:
    """List the library, or run one query and print its results."""
    if args.list:
        sys.stdout.write(library_listing())
        return 0
    if args.query is None:
        raise QueryError("give a query name or a .rq file (tipgraph query --list shows the "
                         "names)", code="E501")
    query = resolve(args.query)
    params = parse_params(args.param)
    prepare(query)  # a bad query or parameter fails before a graph is read or built
    bind(query, params)
    if args.store is not None:
        result = _on_store(args.store, query, params)
    else:
        graph = graph_or_sample(args.graph)
        result = run_query(graph, query, params)
    sys.stdout.write(render(result, args.format))
    if result.type == "SELECT":
        count = len(list(result))  # not len(result): rdflib counts an empty aggregate as 1
        sys.stderr.write(f"{count} row{'' if count == 1 else 's'}\n")
    return 0


def _on_store(path: Path, query: NamedQuery, params: dict[str, str]) -> Result:
    """Run the query on a store directory's union graph (``tipgraph.queries.on_store``)."""
    from tipgraph.queries.on_store import run_on_store
    from tipgraph.serve.archive_store import open_read_only
    from tipgraph.serve.store import UNION_GRAPH

    return run_on_store(open_read_only(path), query, params, UNION_GRAPH)


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``["country=KWT"]`` -> ``{"country": "KWT"}``.

    Raises:
        QueryError: E502 for an item without ``=`` or with an empty key, or a key given twice.
    """
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"--param {pair!r}: write KEY=VALUE, e.g. country=KWT",
                             code="E502")
        if key in params:
            raise QueryError(f"--param {key} is given twice", code="E502")
        params[key] = value
    return params


def library_listing() -> str:
    """The library as text: each query's name and parameters, then what it answers."""
    out = []
    for query in list_queries():
        params = " ".join(p.signature() for p in query.params)
        out.append(f"{query.name}  {params}".rstrip())
        out.extend(textwrap.wrap(query.summary, width=92, initial_indent="    ",
                                 subsequent_indent="    "))
    return "\n".join(out) + "\n"


def render(result: Result, fmt: str) -> str:
    """Results as text in ``fmt`` (one of ``FORMATS``).

    SELECT results follow the format; an ASK answer is ``true`` or ``false`` (or its JSON);
    a CONSTRUCT or DESCRIBE graph is Turtle whatever the format.
    """
    if result.type == "CONSTRUCT" or result.type == "DESCRIBE":
        assert result.graph is not None
        return result.graph.serialize(format="turtle")
    if fmt == "json":
        data = result.serialize(format="json")
        assert data is not None
        document = json.loads(data)
        if "results" in document:  # rdflib keeps the empty binding of an empty aggregate
            document["results"]["bindings"] = [b for b in document["results"]["bindings"] if b]
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if result.type == "ASK":
        return ("true" if result.askAnswer else "false") + "\n"
    names = [str(v) for v in result.vars or []]
    rows: list[list[Node | None]] = [list(row) for row in result]  # type: ignore[arg-type]
    if fmt in ("csv", "tsv"):
        return _delimited(names, rows, "," if fmt == "csv" else "\t")
    return _table(names, rows)


def _plain(term: Node | None) -> str:
    if term is None:
        return ""
    return str(term)


def _delimited(names: list[str], rows: list[list[Node | None]], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n",
                        quoting=csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE,
                        escapechar=None if delimiter == "," else "\\")
    writer.writerow(names)
    for row in rows:
        cells = [_plain(cell) for cell in row]
        if delimiter == "\t":
            cells = [" ".join(cell.split()) for cell in cells]
        writer.writerow(cells)
    return buffer.getvalue()


def _short(term: Node | None) -> str:
    """A cell for people: ``id:country/KWT``, ``tip:Tier3``, a literal's text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        if text.startswith(ID_BASE):
            return "id:" + text[len(ID_BASE):]
        for prefix, namespace in PREFIXES.items():
            if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
                return f"{prefix}:{text[len(str(namespace)):]}"
        return text
    if isinstance(term, Literal):
        return " ".join(str(term).split())
    return str(term)


def _cut(text: str) -> str:
    return text if len(text) <= TABLE_CELL else text[:TABLE_CELL - 1] + "…"


def _table(names: list[str], rows: list[list[Node | None]]) -> str:
    cells = [[_cut(_short(cell)) for cell in row] for row in rows]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(names)]
    numeric = [all(_is_number(row[i]) for row in rows if row[i] is not None) and
               any(row[i] is not None for row in rows) for i in range(len(names))]

    def line(values: list[str]) -> str:
        parts = [value.rjust(width) if right else value.ljust(width)
                 for value, width, right in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(names), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out) + "\n"


def _is_number(term: Node | None) -> bool:
    value = term.toPython() if isinstance(term, Literal) else None
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
