"""HTML for people: the home page, resource pages, query results, the ontology and errors.

Templates are package data (``layout.html``, ``home.html``, ``style.css``) filled with
``string.Template``; every value put into them is escaped here with ``html.escape``, so a
label in the data can never become markup. Links to resources under the tipgraph IRI space
point at this server (``/id/...``), so browsing works on a local copy as on the public one.

Only ``http`` and ``https`` IRIs become links (``linkable``): any IRI is legal RDF, and a
graph loaded from elsewhere may hold ``javascript:alert(1)`` or a ``data:text/html,...``
document, which a click would run on this server's origin. Escaping cannot help there: the
attribute is well-formed, the scheme is the attack. Every other IRI is shown as text. The
server's Content-Security-Policy (``tipgraph.serve.handler``) forbids scripts as a second wall.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from string import Template
from urllib.parse import quote, urlencode

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from tipgraph.ontology import ID_BASE, ONTOLOGY_IRI, PREFIXES
from tipgraph.serve.describe import Description, Link, Stats, Term

_ONTOLOGY_NS = str(PREFIXES["tip"])
_NAMESPACES = sorted(((prefix, str(ns)) for prefix, ns in PREFIXES.items()),
                     key=lambda kv: -len(kv[1]))
_FRIENDLY_CLASSES = {
    "CountryNarrative": "country narratives", "Country": "countries", "Region": "regions",
    "TraffickingFlow": "trafficking flows", "Law": "laws", "Agency": "agencies",
    "Figure": "figures", "Sentence": "sentences", "Report": "reports",
    "ChildSexTourism": "child sex tourism statements",
}


@cache
def asset(name: str) -> str:
    """A template or stylesheet shipped in the package."""
    return files("tipgraph.serve").joinpath(name).read_text(encoding="utf-8")


def esc(text: object) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def compact(iri: str) -> str:
    """``tip:Country`` for an IRI in a known namespace, ``id:country/JAM`` for data."""
    if iri.startswith(ID_BASE):
        return "id:" + iri[len(ID_BASE):]
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def href(iri: str) -> str:
    """Where a link to ``iri`` goes: this server for tipgraph IRIs, the IRI itself otherwise."""
    if iri.startswith(ID_BASE):
        return "/id/" + quote(iri[len(ID_BASE):], safe="/-._~")
    if iri.startswith(_ONTOLOGY_NS):
        return "/ontology#" + quote(iri[len(_ONTOLOGY_NS):], safe="-._~")
    if iri == str(ONTOLOGY_IRI):
        return "/ontology"
    return iri


_LINK_SCHEMES = frozenset({"http", "https"})


def linkable(iri: str) -> bool:
    """Whether ``iri`` may be a link: its scheme is http or https, exactly (an allow-list,
    so that ``javascript:``, ``data:``, ``vbscript:`` and ``java\tscript:``, which a browser
    reads as ``javascript:``, all stay text).

    Example:
        >>> linkable("https://w3id.org/tipgraph/id/country/JAM"), linkable("javascript:x")
        (True, False)
    """
    scheme, colon, _ = iri.partition(":")
    return bool(colon) and scheme.lower() in _LINK_SCHEMES


def link(iri: str, label: str = "") -> str:
    """An ``<a>`` to an http(s) IRI, showing its label or its compact form; any other IRI
    as text (``linkable``)."""
    text = label or compact(iri)
    if not linkable(iri):
        return f'<span class="iri" title="{esc(iri)}">{esc(text)}</span>'
    return f'<a href="{esc(href(iri))}" title="{esc(iri)}">{esc(text)}</a>'


def term_html(term: Term, label: str = "") -> str:
    """An RDF term as HTML: a link, a literal with its language or datatype, a blank node."""
    if term.kind == "uri":
        return link(term.value, label)
    if term.kind == "bnode":
        return f"<span class=\"iri\">_:{esc(term.value)}</span>"
    extra = ""
    if term.lang:
        extra = f' <span class="lang">@{esc(term.lang)}</span>'
    elif term.datatype and not term.datatype.endswith("#string"):
        extra = f' <span class="dt">{esc(compact(term.datatype))}</span>'
    return f'<span class="lit">{esc(term.value)}</span>{extra}'


def page(title: str, body: str, head: str = "") -> bytes:
    """A whole page in the layout."""
    return Template(asset("layout.html")).substitute(
        title=esc(title), body=body, head=head).encode("utf-8")


def error_page(status: int, message: str) -> bytes:
    """An error as a page (the status line says the rest)."""
    return page(f"{status}", f'<h1>{status}</h1><p class="error">{esc(message)}</p>'
                             '<p><a href="/">Home</a></p>')


# ---------------------------------------------------------------------- examples and form


@dataclass(frozen=True, slots=True)
class Example:
    """An example query shipped as ``example-*.rq``; its first comment line is its title."""

    name: str
    title: str
    text: str


@cache
def examples() -> tuple[Example, ...]:
    """The example queries, in file-name order."""
    found: list[Example] = []
    for entry in sorted(files("tipgraph.serve").iterdir(), key=lambda e: e.name):
        if entry.name.startswith("example-") and entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            first = text.splitlines()[0] if text else ""
            title = first.lstrip("# ").strip() if first.startswith("#") else entry.name
            found.append(Example(entry.name[len("example-"):-3], title, text))
    return tuple(found)


def query_link(text: str, fmt: str | None = None) -> str:
    """``/sparql?query=...`` for a link that runs a query."""
    params = {"query": text}
    if fmt:
        params["format"] = fmt
    return "/sparql?" + urlencode(params)


_FORMATS = [("", "table (HTML)"), ("json", "SPARQL JSON"), ("xml", "SPARQL XML"),
            ("csv", "CSV"), ("tsv", "TSV"), ("ttl", "Turtle (CONSTRUCT)"),
            ("nt", "N-Triples (CONSTRUCT)"), ("jsonld", "JSON-LD (CONSTRUCT)")]


def query_form(query: str) -> str:
    """The query form (GET to ``/sparql``, so a result page can be bookmarked)."""
    options = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in _FORMATS)
    default = query or (examples()[0].text if examples() else "SELECT * WHERE { ?s ?p ?o } "
                                                                 "LIMIT 10")
    return ('<form action="/sparql" method="get">'
            f'<textarea name="query" rows="12" spellcheck="false">{esc(default)}</textarea>'
            f'<p><label>Results as <select name="format">{options}</select></label> '
            '<button type="submit">Run query</button></p></form>')


def home(stats: Stats, *, timeout: float, max_bytes: int, query: str = "") -> bytes:
    """The home page: what the data is, counts, example queries and the query form."""
    rows = [("triples", stats.triples)]
    for cls, count in stats.classes.items():
        if cls.startswith(_ONTOLOGY_NS):
            name = cls[len(_ONTOLOGY_NS):]
            if name in _FRIENDLY_CLASSES:
                rows.append((_FRIENDLY_CLASSES[name], count))
    counts = ('<table class="counts">' + "".join(
        f"<tr><td>{esc(name)}</td><td>{count:,}</td></tr>" for name, count in rows) + "</table>")
    reports = ", ".join(link(iri, label) for iri, label in stats.reports) or "none loaded"
    example = link(stats.example) if stats.example else "(no narrative loaded)"
    items = "\n".join(
        f'<li><a href="{esc(query_link(ex.text))}">{esc(ex.title)}</a> '
        f'(<a href="/?{esc(urlencode({"query": ex.text}))}#query">edit</a>)</li>'
        for ex in examples())
    body = Template(asset("home.html")).substitute(
        counts=counts, reports=reports, example=example, examples=items,
        form=query_form(query), timeout=f"{timeout:g}", max_bytes=f"{max_bytes:,}")
    return page("Trafficking in Persons knowledge graph", body)


# ---------------------------------------------------------------------- resources


def _formats(path: str) -> str:
    links = [("Turtle", "ttl"), ("N-Triples", "nt"), ("JSON-LD", "jsonld")]
    return ('<p class="formats">This description as: ' + "".join(
        f'<a href="/data/{esc(path)}.{ext}">{name}</a>' for name, ext in links) + "</p>")


def _link_rows(links: list[Link], incoming: bool) -> str:
    cells = []
    for lk in links:
        predicate = link(lk.predicate.value, lk.predicate_label)
        node = term_html(lk.node, lk.label)
        if incoming:
            cells.append(f'<tr><td>{node}</td><td class="p">{predicate}</td></tr>')
        else:
            cells.append(f'<tr><td class="p">{predicate}</td><td>{node}</td></tr>')
    return "".join(cells)


def resource(description: Description, path: str) -> bytes:
    """The page of one resource: label, types, source sentences, properties and links."""
    iri = description.iri
    title = description.label or compact(iri)
    types = ", ".join(term_html(t.node, t.label) for t in description.types)
    parts = [f"<h1>{esc(title)}</h1>", f'<p class="iri">{esc(iri)}</p>']
    if types:
        parts.append(f"<p>a {types}</p>")
    if description.sentences:
        parts.append("<h2>Stated in</h2>")
        for sentence, text, narrative in description.sentences:
            where = f" — {term_html(narrative)}" if narrative is not None else ""
            parts.append(f"<blockquote>{esc(text)}<br><small>{term_html(sentence)}{where}"
                         "</small></blockquote>")
    parts.append("<h2>Properties</h2><table><tr><th>property</th><th>value</th></tr>"
                 + _link_rows([lk for lk in description.outgoing
                               if lk not in description.types], incoming=False) + "</table>")
    if description.incoming:
        more = (f" (the first {len(description.incoming)}; query for the rest)"
                if description.incoming_truncated else "")
        parts.append(f"<h2>Referenced by{esc(more)}</h2>"
                     "<table><tr><th>resource</th><th>property</th></tr>"
                     + _link_rows(description.incoming, incoming=True) + "</table>")
    parts.append(_formats(path))
    head = (f'<link rel="alternate" type="text/turtle" href="/data/{esc(path)}.ttl">'
            f'<link rel="alternate" type="application/ld+json" href="/data/{esc(path)}.jsonld">')
    return page(title, "\n".join(parts), head)


# ---------------------------------------------------------------------- query results


def results(query: str, form: str, media_type: str, body: bytes) -> bytes:
    """A query's answer as a page: a table for SELECT, yes/no for ASK, Turtle for graphs."""
    parts = ["<h1>Query results</h1>",
             f'<p><a href="/?{esc(urlencode({"query": query}))}#query">Edit the query</a> · '
             f'<a href="{esc(query_link(query, "json"))}">JSON</a> · '
             f'<a href="{esc(query_link(query, "csv"))}">CSV</a></p>']
    if media_type.endswith("sparql-results+json"):
        answer = json.loads(body)
        if "boolean" in answer:
            parts.append(f"<p><strong>{'yes' if answer['boolean'] else 'no'}</strong></p>")
        else:
            variables = answer.get("head", {}).get("vars", [])
            bindings = answer.get("results", {}).get("bindings", [])
            head = "".join(f"<th>?{esc(v)}</th>" for v in variables)
            rows = "".join(
                "<tr>" + "".join(
                    f"<td>{term_html(Term.from_json(b[v])) if v in b else ''}</td>"
                    for v in variables) + "</tr>" for b in bindings)
            parts.append(f"<p>{len(bindings)} rows</p><table><tr>{head}</tr>{rows}</table>")
    else:
        parts.append(f"<pre>{esc(body.decode('utf-8', 'replace'))}</pre>")
    parts.append(f"<h2>Query</h2><pre>{esc(query)}</pre>")
    return page(f"{form} results", "\n".join(parts))


# ---------------------------------------------------------------------- documents


def rdf_document(title: str, intro: str, turtle: str, formats: list[tuple[str, str]]) -> bytes:
    """A page for an RDF document (shapes, VoID): what it is, its formats, its Turtle."""
    links = " ".join(f'<a href="{esc(url)}">{esc(name)}</a>' for name, url in formats)
    return page(title, f"<h1>{esc(title)}</h1><p>{intro}</p>"
                       f'<p class="formats">As: {links}</p><pre>{esc(turtle)}</pre>')


def _first(graph: Graph, subject: URIRef, *predicates: URIRef) -> str:
    for predicate in predicates:
        for value in graph.objects(subject, predicate):
            return str(value)
    return ""


def ontology(graph: Graph) -> bytes:
    """The ontology as a page: classes, properties and concept schemes, each with an anchor
    so that ``/ontology#Term`` (the term's own IRI, dereferenced) lands on it."""
    ns = _ONTOLOGY_NS

    def local(node: object) -> str:
        return str(node)[len(ns):]

    def entry(node: URIRef) -> str:
        label = _first(graph, node, RDFS.label, SKOS.prefLabel)
        comment = _first(graph, node, RDFS.comment, SKOS.definition)
        supers = ", ".join(link(o) for o in sorted(str(o) for o in graph.objects(
            node, RDFS.subClassOf) if isinstance(o, URIRef)))
        extra = f"<br><small>subclass of {supers}</small>" if supers else ""
        return (f'<dt id="{esc(local(node))}"><code>tip:{esc(local(node))}</code> '
                f"{esc(label)}</dt><dd>{esc(comment)}{extra}</dd>")

    def terms(*kinds: URIRef) -> list[URIRef]:
        found = {s for kind in kinds for s in graph.subjects(RDF.type, kind)
                 if isinstance(s, URIRef) and str(s).startswith(ns)}
        return sorted(found, key=str)

    title = _first(graph, ONTOLOGY_IRI, RDFS.label) or "tipgraph ontology"
    parts = [f"<h1>{esc(title)}</h1>", f'<p class="iri">{esc(ONTOLOGY_IRI)} '
             f"(namespace <code>{esc(ns)}</code>)</p>",
             f"<p>{esc(_first(graph, ONTOLOGY_IRI, RDFS.comment))}</p>",
             '<p class="formats">As: <a href="/ontology?format=ttl">Turtle</a> '
             '<a href="/ontology?format=nt">N-Triples</a> '
             '<a href="/ontology?format=jsonld">JSON-LD</a></p>']
    sections = [("Classes", terms(OWL.Class)),
                ("Properties", terms(OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)),
                ("Concept schemes", terms(SKOS.ConceptScheme)),
                ("Concepts", terms(SKOS.Concept))]
    for heading, nodes in sections:
        if nodes:
            parts.append(f"<h2>{heading}</h2><dl>" + "".join(entry(n) for n in nodes) + "</dl>")
    return page(title, "\n".join(parts))


__all__ = [
    "Example", "asset", "compact", "error_page", "examples", "home", "href", "link",
    "linkable", "ontology", "page", "query_form", "query_link", "rdf_document", "resource",
    "results", "term_html",
]
