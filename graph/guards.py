"""Checks a graph file's bytes pass before any RDF parser sees them.

Two RDF syntaxes can make a parser reach out or blow up on a file of a few hundred bytes:

- JSON-LD: a ``@context`` (or ``@import``) given as a URL is fetched by rdflib's parser, one
  request per command, and a server that never answers hangs it. tipgraph fetches nothing,
  so such a file is refused, naming the URL; a context written into the file is read as usual.
- RDF/XML (and TriX): a DTD may declare entities that expand to entities ("billion laughs":
  nine nested declarations make 10^9 copies), or name an external DTD or entity to fetch.
  The parsers tipgraph uses expand internal entities (Oxigraph's allocates gigabytes before
  failing), so any entity declaration and any external DTD is refused, as defusedxml does by
  default. A DOCTYPE that declares nothing is harmless and passes.

The XML check runs expat over the prolog only (it stops at the first element) with parameter
entities off, and refuses at the first declaration, before any reference can be expanded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from xml.parsers import expat

from tipgraph.core.errors import InputError

#: rdflib / pyoxigraph format names that are XML.
XML_FORMATS = frozenset({"xml", "trix", "RDF/XML"})
#: rdflib / pyoxigraph format names that are JSON-LD.
JSONLD_FORMATS = frozenset({"json-ld", "JSON-LD"})


class _RefusedError(Exception):
    """An XML prolog declared something tipgraph does not read."""


class _PrologEndError(Exception):
    """The first element was reached: the prolog is over and declared nothing bad."""


def check_xml(name: str, data: bytes) -> None:
    """Refuse XML that declares entities or names an external DTD or entity.

    Syntax errors are left to the RDF parser, which reports them with its own message.

    Raises:
        InputError: E116 naming the entity (or DTD) and its line.
    """
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def where() -> str:
        return f"line {parser.CurrentLineNumber}"

    def entity(entity_name: str, is_parameter: bool, _value: str | None, _base: str | None,
               system_id: str | None, public_id: str | None, *_rest: object) -> None:
        mark = "%" if is_parameter else ""
        target = system_id or public_id
        fetched = f", to be read from {target}" if target else ""
        raise _RefusedError(f"declares the XML entity {mark}{entity_name}{fetched} ({where()})")

    def unparsed(entity_name: str, *_rest: object) -> None:
        raise _RefusedError(f"declares the XML entity {entity_name} ({where()})")

    def doctype(_name: str, system_id: str | None, public_id: str | None,
                _internal: bool) -> None:
        if system_id or public_id:
            raise _RefusedError(f"names an external DTD ({system_id or public_id}, {where()})")

    def external(_context: str, _base: str | None, system_id: str | None,
                 _public_id: str | None) -> int:
        raise _RefusedError(f"refers to an external entity ({system_id}, {where()})")

    def first_element(*_args: object) -> None:
        raise _PrologEndError

    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = unparsed
    parser.StartDoctypeDeclHandler = doctype
    parser.ExternalEntityRefHandler = external
    parser.StartElementHandler = first_element
    try:
        parser.Parse(data, True)
    except _PrologEndError:
        return
    except _RefusedError as exc:
        raise InputError(f"{name} {exc}; tipgraph reads no DTD entities (they can expand "
                         "to gigabytes or fetch files): write the values out, or convert the "
                         "file to Turtle", code="E116") from None
    except expat.ExpatError:
        return


def _contexts(document: Any) -> Iterator[str]:
    """Every ``@context``/``@import`` reference given as a string, anywhere in a document."""
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "@context":
                    for ref in item if isinstance(item, list) else [item]:
                        if isinstance(ref, str):
                            yield ref
                elif key == "@import" and isinstance(item, str):
                    yield item
                stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)


def check_jsonld(name: str, text: str) -> None:
    """Refuse JSON-LD whose context would have to be fetched; the JSON must parse.

    Raises:
        InputError: E112 not JSON; E115 a context given by URL (or relative reference),
            naming it.
    """
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise InputError(f"{name} is not valid JSON-LD: {first}", code="E112") from None
    for ref in _contexts(document):
        raise InputError(f"{name}: its JSON-LD context {ref} would have to be fetched, and "
                         "tipgraph fetches nothing; write the context into the file "
                         "(\"@context\": {...}) to load it", code="E115")


__all__ = ["JSONLD_FORMATS", "XML_FORMATS", "check_jsonld", "check_xml"]
