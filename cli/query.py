"""``tipgraph query NAME|FILE.rq [--graph GRAPH] [--param KEY=VALUE ...] [--format ...]``.

Runs a query of the library (``tipgraph query --list`` shows them) or a ``.rq`` file on a
graph file, on a SPARQL endpoint (``--endpoint URL``: the parameters go in a ``VALUES``
block, see ``tipgraph.queries.remote``), or on the built-in sample built in memory when
neither is given. Parameters are bound as RDF terms by the types the query's header
declares. Results go to stdout, the row count of a SELECT to stderr.

Each query form has its own formats (``FITS``), as SPARQL's result formats do: a SELECT's
rows are an aligned table (the default), CSV, TSV or SPARQL 1.1 JSON results; an ASK's
answer is ``true``/``false`` or its JSON (the W3C's CSV and TSV results hold rows only); a
CONSTRUCT's or DESCRIBE's graph is Turtle (also the default), N-Triples or JSON-LD (``json``
too: JSON-LD with its context written inline, so no reader fetches one). Another pair is
E570, before the graph is read.
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
from typing import TYPE_CHECKING

from tipgraph.cli.inputs import add_graph_argument, graph_or_sample
from tipgraph.core.errors import QueryError

if TYPE_CHECKING:
    from rdflib.query import Result
    from rdflib.term import Node

NAME = "query"
HELP = "run a named SPARQL query of the library (or a .rq file) on a graph"
#: The formats of rows (SELECT); ASK answers in the first and last of them.
ROW_FORMATS = ("table", "csv", "tsv", "json")
#: ``--format`` names of a graph (CONSTRUCT, DESCRIBE) and the RDF format each writes
#: (``tipgraph.graph.formats``): ``table`` shows a graph as Turtle, ``json`` is JSON-LD.
GRAPH_FORMATS = {"table": "turtle", "json": "jsonld", "turtle": "turtle",
                 "ntriples": "ntriples", "jsonld": "jsonld"}
FORMATS = (*ROW_FORMATS, "turtle", "ntriples", "jsonld")
#: What each query form gives, and the --format values that write it.
FITS = {"SELECT": ("rows", ROW_FORMATS), "ASK": ("true or false", ("table", "json")),
        "CONSTRUCT": ("a graph", tuple(GRAPH_FORMATS)),
        "DESCRIBE": ("a graph", tuple(GRAPH_FORMATS))}
#: Widest cell the table shows before it cuts the value with an ellipsis.
TABLE_CELL = 72
#: One example for ``--help``.
EXAMPLE = ("tipgraph query flows-from --graph sample.ttl -p country=NGA",
           "where Nigerian victims are exploited")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph query``."""
    parser.add_argument("query", nargs="?", metavar="NAME|FILE.rq",
                        help="a query of the library (see --list) or a SPARQL file")
    add_graph_argument(parser)
    parser.add_argument("--endpoint", metavar="URL",
                        help="run the query on this SPARQL endpoint instead (tipgraph serve's "
                             "http://HOST:PORT/sparql, the store 'publish' filled; "
                             "user:password@ for Basic authentication)")
    parser.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE",
                        help="a parameter the query declares, e.g. country=KWT (repeatable)")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="output format (default: table). SELECT: table, csv, tsv, json "
                             "(SPARQL JSON results); ASK: table (true/false), json; "
                             "CONSTRUCT, DESCRIBE: turtle (= table), ntriples, jsonld (= json)")
    parser.add_argument("--list", action="store_true",
                        help="list the library's queries with their parameters and stop")


def run(args: argparse.Namespace) -> int:
    """List the library, or run one query and print its results."""
    from tipgraph.queries import (
        bind,
        newest_note,
        newest_param,
        query_form,
        report_years,
        resolve,
        run_query,
    )

    if args.list:
        sys.stdout.write(library_listing())
        return 0
    if args.query is None:
        raise QueryError("give a query name or a .rq file (tipgraph query --list shows the "
                         "names)", code="E501")
    query = resolve(args.query)
    params = parse_params(args.param)
    # a bad query, parameter or format fails before a graph is read or built
    check_fit(query_form(query), args.format)
    bind(query, params)
    newest = newest_param(query, params)
    years: list[int] = []
    if args.endpoint is not None:
        if args.graph is not None:
            raise QueryError("give --graph or --endpoint, not both", code="E566")
        from tipgraph.queries.remote import remote_years, run_remote

        result = run_remote(args.endpoint, query, params)
        years = remote_years(args.endpoint) if newest else []
    elif args.graph is not None and args.graph.is_dir():
        from tipgraph.cli.storequery import answer_from_store

        result, years = answer_from_store(args.graph, query, params)
    else:
        graph = graph_or_sample(args.graph)
        result = run_query(graph, query, params)
        years = report_years(graph) if newest else []
    note = newest_note(newest, years) if newest else None
    if note:
        sys.stderr.write(note + "\n")
    sys.stdout.write(render(result, args.format))
    if result.type == "SELECT":
        count = len(list(result))  # not len(result): rdflib counts an empty aggregate as 1
        sys.stderr.write(f"{count} row{'' if count == 1 else 's'}\n")
    return 0


def check_fit(form: str, fmt: str) -> None:
    """Refuse a ``--format`` that cannot write what a query of ``form`` gives.

    Raises:
        QueryError: E570 saying what the query gives and which formats write it.
    """
    gives, fits = FITS.get(form, ("rows", ROW_FORMATS))
    if fmt in fits:
        return
    writes = "a graph" if fmt in GRAPH_FORMATS and fmt not in ROW_FORMATS else "rows"
    article = "an" if form[0] in "AEIOU" else "a"
    raise QueryError(f"--format {fmt} writes {writes}, but {article} {form} query gives "
                     f"{gives}; use {', '.join(fits)}", code="E570")


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
    from tipgraph.queries import list_queries

    out = []
    for query in list_queries():
        params = " ".join(p.signature() for p in query.params)
        out.append(f"{query.name}  {params}".rstrip())
        out.extend(textwrap.wrap(query.summary, width=92, initial_indent="    ",
                                 subsequent_indent="    "))
    return "\n".join(out) + "\n"


def render(result: Result, fmt: str) -> str:
    """Results as text in ``fmt`` (one of ``FORMATS`` that ``FITS`` the result's form).

    SELECT results follow the format; an ASK answer is ``true`` or ``false`` (or its JSON);
    a CONSTRUCT or DESCRIBE graph is written by the project's deterministic RDF writers
    (``tipgraph.graph.serialize``), JSON-LD with an inline context.

    Raises:
        QueryError: E570 for a format that does not fit the result.
    """
    check_fit(result.type, fmt)
    if result.type == "CONSTRUCT" or result.type == "DESCRIBE":
        from tipgraph.graph.formats import by_name
        from tipgraph.graph.serialize import serialize

        assert result.graph is not None
        writer = by_name(GRAPH_FORMATS[fmt]).writer
        assert writer is not None
        return serialize(result.graph, writer).decode("utf-8")
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


def _short(term: Node | None, known: _Names) -> str:
    """A cell for people: ``id:country/KWT``, ``tip:Tier3``, a literal's text."""
    if term is None:
        return ""
    if isinstance(term, known.iri):
        text = str(term)
        if text.startswith(known.id_base):
            return "id:" + text[len(known.id_base):]
        for prefix, namespace in known.prefixes:
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return text
    if isinstance(term, known.literal):
        return " ".join(str(term).split())
    return str(term)


class _Names:
    """What ``_short`` compares each cell with, looked up once a table: a 15,000-row answer
    has 90,000 cells, and the imports and ``str(namespace)`` calls done per cell took a
    fifth of the table's time."""

    def __init__(self) -> None:
        from rdflib import Literal, URIRef

        from tipgraph.ontology import ID_BASE, PREFIXES

        self.iri = URIRef
        self.literal = Literal
        self.id_base = str(ID_BASE)
        self.prefixes = [(prefix, str(namespace)) for prefix, namespace in PREFIXES.items()]


def _cut(text: str) -> str:
    return text if len(text) <= TABLE_CELL else text[:TABLE_CELL - 1] + "…"


def _table(names: list[str], rows: list[list[Node | None]]) -> str:
    known = _Names()
    cells = [[_cut(_short(cell, known)) for cell in row] for row in rows]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(names)]
    numeric = [all(_is_number(row[i], known) for row in rows if row[i] is not None) and
               any(row[i] is not None for row in rows) for i in range(len(names))]

    def line(values: list[str]) -> str:
        parts = [value.rjust(width) if right else value.ljust(width)
                 for value, width, right in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(names), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out) + "\n"


def _is_number(term: Node | None, known: _Names) -> bool:
    value = term.toPython() if isinstance(term, known.literal) else None
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
