"""A library of named SPARQL queries over the tipgraph graph, shipped as ``.rq`` package data.

Each ``NAME.rq`` file is a plain SPARQL 1.1 query (it runs unchanged in any store) whose
leading comment block documents it: the first paragraph says what it answers, and one line
per parameter declares the variable it binds, its type and whether it may be left out
(a line indented further continues the one above)::

    # Flows into a country: every trafficking flow whose destination is the country.
    #
    # @param country country   the destination, an ISO 3166-1 alpha-3 code (KWT)
    # @param year    integer?  only flows stated in that report year (default: every year)

``@param NAME TYPE[?|=DEFAULT] TEXT``: ``?`` marks an optional parameter, ``=DEFAULT`` one
with a default. Values arrive as strings (``country=KWT``) and are turned into RDF terms by
type (``country`` -> ``<https://w3id.org/tipgraph/id/country/KWT>``, ``tier`` -> the tier
concept of that notation, ``integer`` -> an ``xsd:integer`` literal) and bound with
``initBindings``, never pasted into the query text, so a value cannot change what a query
does. Types: ``country``, ``region``, ``place`` (``KWT`` or ``region:south-asia``), the
concept schemes of ``tipgraph.ontology.concepts.SCHEMES`` (``tier``, ``role``, ``section``,
``form``, ``victims``, ``sector``, ``certainty``, ``measure``), ``integer``, ``decimal``,
``string``, ``boolean``, ``iri`` and ``year``: a report year (``2017``), ``all`` (every
report year: the parameter is left unbound) or ``newest`` (the newest report year of the
graph). The per-year listings declare ``@param year year=newest``: their answers grow with
the archive, so on a graph of many report years they answer for the newest one unless asked
for another or for ``all`` (``newest_param`` names such a parameter; the caller looks the
newest year up in its graph, store or endpoint, ``report_years``, and binds it).

Errors (``QueryError``): E501 unknown query name or missing query file, E502 unknown
parameter, E503 malformed query, E504 a required parameter left out, E505 a value the
parameter's type cannot take; and what would reach the network (``tipgraph.queries.offline``):
E506 a ``SERVICE`` clause, E507 an update such as ``LOAD``, E508 a ``FROM`` graph the dataset
does not hold, E509 a connection attempt refused by the network jail.

Example:
    >>> [q.name for q in list_queries()][:2]
    ['agencies-of', 'busiest-destinations']
    >>> load_query("flows-into").params[0].name
    'country'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.resources import files
from pathlib import Path

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Identifier

from tipgraph.core.errors import InputError, MappingError, QueryError
from tipgraph.core.inputfile import decode_text, read_input
from tipgraph.ontology import ID_BASE, PREFIXES, TIP
from tipgraph.queries import offline

QUERY_SUFFIX = ".rq"
CONCEPT_TYPES = ("tier", "role", "section", "form", "victims", "sector", "certainty",
                 "measure")
TYPES = ("country", "region", "place", *CONCEPT_TYPES, "integer", "decimal", "string",
         "boolean", "iri", "year")
#: A ``year`` parameter's words: the newest report year of the graph, or every year.
NEWEST, EVERY_YEAR = "newest", "all"

_PARAM = re.compile(r"@param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+)"
                    r"(?:(?P<optional>\?)|=(?P<default>\S+))?(?:\s+(?P<doc>.*))?$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter a query declares in its header.

    Attributes:
        name: the SPARQL variable it binds (without ``?``).
        kind: its type, one of ``TYPES``.
        required: False for ``TYPE?`` and for parameters with a default.
        default: the value used when it is left out, as written in the header.
        doc: what it means, as the header says.
    """

    name: str
    kind: str
    required: bool
    default: str | None
    doc: str

    def signature(self) -> str:
        """``name=type``, ``[name=type]`` when optional, ``[name=type (default 3)]``."""
        text = f"{self.name}={self.kind}"
        if self.default is not None:
            return f"[{text} (default {self.default})]"
        return text if self.required else f"[{text}]"


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query with what its header says about it.

    Attributes:
        name: the file's stem (``flows-into``), or the file name for a query file.
        description: the header's first paragraph.
        params: the declared parameters, in header order.
        text: the whole query text, header included.
        source: where it came from (``tipgraph.queries/flows-into.rq`` or a path).
    """

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    source: str

    @property
    def summary(self) -> str:
        """The description's first sentence, for ``tipgraph query --list``."""
        first = self.description.split(". ")[0].rstrip(".")
        return first + "." if first else ""

    def param(self, name: str) -> Param:
        """The declared parameter of that name.

        Raises:
            QueryError: E502 when the query declares no such parameter.
        """
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r}; its parameters: "
                         f"{known}", code="E502")


def parse_query(text: str, *, name: str, source: str) -> NamedQuery:
    """Read the header comment of a query text (the query itself is not parsed here).

    Raises:
        QueryError: E503 when a ``@param`` line cannot be read or names an unknown type.
    """
    description: list[str] = []
    params: list[Param] = []
    paragraph_done = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        body = stripped[1:].strip()
        indented = stripped[1:].startswith("   ")
        if body.startswith("@param"):
            params.append(_param(body, source))
        elif body and indented and params:
            last = params[-1]
            params[-1] = Param(last.name, last.kind, last.required, last.default,
                               f"{last.doc} {body}".strip())
        elif not body:
            paragraph_done = paragraph_done or bool(description)
        elif not paragraph_done:
            description.append(body)
    return NamedQuery(name=name, description=" ".join(description), params=tuple(params),
                      text=text, source=source)


def _param(line: str, source: str) -> Param:
    match = _PARAM.match(line)
    if match is None:
        raise QueryError(f"{source}: cannot read {line!r}; write '@param NAME TYPE[?|=DEFAULT] "
                         "what it means'", code="E503")
    kind = match["type"]
    if kind not in TYPES:
        raise QueryError(f"{source}: parameter {match['name']!r} has unknown type {kind!r}; "
                         f"types: {', '.join(TYPES)}", code="E503")
    return Param(name=match["name"], kind=kind,
                 required=match["optional"] is None and match["default"] is None,
                 default=match["default"], doc=(match["doc"] or "").strip())


def _library() -> list[str]:
    return sorted(entry.name[:-len(QUERY_SUFFIX)] for entry in files(__name__).iterdir()
                  if entry.name.endswith(QUERY_SUFFIX))


@cache
def _load(name: str) -> NamedQuery:
    text = files(__name__).joinpath(name + QUERY_SUFFIX).read_text(encoding="utf-8")
    return parse_query(text, name=name, source=f"tipgraph.queries/{name}{QUERY_SUFFIX}")


def list_queries() -> list[NamedQuery]:
    """Every query of the library, sorted by name."""
    return [_load(name) for name in _library()]


def load_query(name: str) -> NamedQuery:
    """The library query of that name.

    Raises:
        QueryError: E501 when there is none; the message lists the known names.
    """
    if name not in _library():
        raise QueryError(f"no query named {name!r}; known: {', '.join(_library())} "
                         "(or give a .rq file)", code="E501")
    return _load(name)


def query_from_file(path: Path) -> NamedQuery:
    """A query read from a ``.rq`` file, header comment and all.

    Raises:
        QueryError: E501 when the file does not exist, is not a regular file, is over the
            input size limit or cannot be read as text (the reader's own code is in the
            message).
    """
    path = Path(path)
    try:  # the bounded reader: a FIFO or /dev/zero named as a query must not hang the command
        text = decode_text(str(path), read_input(path, what="query file"))[0]
    except InputError as exc:
        raise QueryError(f"cannot read query file {path}: {exc}", code="E501") from None
    return parse_query(text, name=path.name, source=str(path))


def resolve(name_or_path: str | Path) -> NamedQuery:
    """A library name (``flows-into``) or a query file (``my.rq``, ``queries/x.rq``)."""
    if isinstance(name_or_path, Path) or str(name_or_path).endswith(QUERY_SUFFIX) \
            or "/" in str(name_or_path):
        return query_from_file(Path(name_or_path))
    return load_query(str(name_or_path))


@cache
def _prepared(text: str, source: str) -> Query:
    try:
        prepared = prepareQuery(text, initNs=dict(PREFIXES))
    except Exception as exc:  # pyparsing and rdflib raise many types for a bad query
        offline.refuse_update(text, source)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"{source} is not a valid SPARQL query: {first[:200]}",
                         code="E503") from None
    offline.refuse_remote(prepared, source)
    return prepared


def prepare(query: NamedQuery) -> Query:
    """Parse the query once (cached by text) and refuse what would reach the network.

    Raises:
        QueryError: E503 for a query rdflib cannot parse; E506 a ``SERVICE`` clause; E507
            an update such as ``LOAD`` (``tipgraph.queries.offline``).
    """
    return _prepared(query.text, query.source)


def query_form(query: NamedQuery) -> str:
    """``SELECT``, ``CONSTRUCT``, ``ASK`` or ``DESCRIBE``, from the parse ``prepare`` keeps."""
    return prepare(query).algebra.name.removesuffix("Query").upper()


def bind(query: NamedQuery, params: Mapping[str, str] | None,
         newest: int | None = None) -> dict[str, Identifier]:
    """Turn ``KEY=VALUE`` strings into RDF terms for the query's declared parameters.

    A ``year`` parameter that is ``all`` is left unbound (every year), and one that is
    ``newest`` is bound to ``newest``, the graph's newest report year (unbound when the
    caller has none: a graph without a report year).

    Raises:
        QueryError: E502 an undeclared parameter, E504 a required one missing, E505 a
            value its type cannot take.
    """
    given = dict(params or {})
    for key in given:
        query.param(key)
    bindings: dict[str, Identifier] = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is None:
            if param.required:
                raise QueryError(f"query {query.name!r} needs {param.name}=<{param.kind}>: "
                                 f"{param.doc}", code="E504")
            continue
        if param.kind == "year" and value.strip().lower() in (NEWEST, EVERY_YEAR):
            if value.strip().lower() == NEWEST and newest is not None:
                bindings[param.name] = Literal(newest)
            continue
        bindings[param.name] = term(param, value)
    return bindings


def newest_param(query: NamedQuery, params: Mapping[str, str] | None) -> str | None:
    """The name of the ``year`` parameter that stands for the newest report year (given as
    ``newest`` or left to its default ``newest``), or None.

    Raises:
        QueryError: E505 a year parameter whose value is not a year, ``all`` or ``newest``.
    """
    given = dict(params or {})
    for param in query.params:
        if param.kind != "year":
            continue
        value = given.get(param.name, param.default)
        if value is not None and value.strip().lower() == NEWEST:
            return param.name
        if value is not None and value.strip().lower() != EVERY_YEAR:
            term(param, value)
    return None


def report_years(graph: Graph) -> list[int]:
    """The report years of a graph's narratives and reports, oldest first."""
    return sorted({int(year) for year in graph.objects(None, TIP.reportYear)
                   if isinstance(year, Literal) and str(year).lstrip("-").isdigit()})


def newest_note(name: str, years: list[int]) -> str | None:
    """The line that says a per-year listing answers for the newest of several years."""
    if len(years) < 2:
        return None
    return (f"answering for {years[-1]}, the newest of {len(years)} report years; give "
            f"{name}=YYYY for another, or {name}={EVERY_YEAR} for every year")


def term(param: Param, value: str) -> Identifier:
    """The RDF term a parameter value stands for.

    Raises:
        QueryError: E505 when the value does not fit the parameter's type.

    Example:
        >>> term(Param("country", "country", True, None, ""), "jam")
        rdflib.term.URIRef('https://w3id.org/tipgraph/id/country/JAM')
    """
    value = value.strip()

    def bad(expected: str) -> QueryError:
        return QueryError(f"{param.name}={value!r} is not {expected}", code="E505")

    kind = param.kind
    if kind == "place":
        if value.startswith("region:"):
            kind, value = "region", value[len("region:"):]
        elif _SLUG.match(value) and not _ISO3.match(value.upper()):
            kind = "region"
        else:
            kind = "country"
    if kind == "country":
        if not _ISO3.match(value.upper()):
            raise bad("an ISO 3166-1 alpha-3 country code such as KWT")
        return URIRef(f"{ID_BASE}country/{value.upper()}")
    if kind == "region":
        if not _SLUG.match(value):
            raise bad("a region slug such as south-asia")
        return URIRef(f"{ID_BASE}region/{value}")
    if kind in CONCEPT_TYPES:
        return _concept(kind, value)
    if kind == "year":
        if not re.fullmatch(r"[0-9]{4}", value):
            raise bad(f"a report year such as 2017, {EVERY_YEAR} or {NEWEST}")
        return Literal(int(value))
    if kind == "integer":
        if not re.fullmatch(r"[+-]?[0-9]+", value):
            raise bad("an integer")
        return Literal(int(value))
    if kind == "decimal":
        try:
            return Literal(Decimal(value), datatype=XSD.decimal)
        except InvalidOperation:
            raise bad("a decimal number") from None
    if kind == "boolean":
        if value.lower() not in ("true", "false"):
            raise bad("true or false")
        return Literal(value.lower() == "true")
    if kind == "iri":
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", value):
            raise bad("an absolute IRI")
        return URIRef(value)
    return Literal(value)


def _concept(kind: str, value: str) -> URIRef:
    from tipgraph.ontology.concepts import concept, notations

    try:
        found: URIRef = concept(kind, value)
    except MappingError:
        raise QueryError(f"{kind}={value!r} is not one of {', '.join(notations(kind))}",
                         code="E505") from None
    return found


def run_query(graph: Graph, name_or_path: str | Path | NamedQuery,
              params: Mapping[str, str] | None = None) -> Result:
    """Run a library query (or a ``.rq`` file) on ``graph`` with parameters bound as RDF terms.

    Args:
        graph: the graph to query (a loaded graph file, or a build's union).
        name_or_path: a library name (``flows-into``), a path to a ``.rq`` file, or a
            ``NamedQuery``.
        params: ``{"country": "KWT"}``; converted by the types the header declares.

    The parsed query is checked and that same parsed query is evaluated, in a thread
    jailed off the network (``tipgraph.queries.offline``).

    Raises:
        QueryError: E501-E509 (see the module docstring).

    Example:
        >>> from rdflib import Graph
        >>> list(run_query(Graph(), "tier-table", {"year": "2017"}))
        []
    """
    query = name_or_path if isinstance(name_or_path, NamedQuery) else resolve(name_or_path)
    prepared = prepare(query)
    years = report_years(graph) if newest_param(query, params) else []
    bindings = bind(query, params, years[-1] if years else None)
    result: Result = offline.evaluate(graph, prepared, bindings, query.source)
    return result


__all__ = [
    "CONCEPT_TYPES",
    "TYPES",
    "NamedQuery",
    "Param",
    "bind",
    "list_queries",
    "load_query",
    "newest_note",
    "newest_param",
    "parse_query",
    "prepare",
    "query_form",
    "query_from_file",
    "report_years",
    "resolve",
    "run_query",
    "term",
]
