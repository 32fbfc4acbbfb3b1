"""What of an archive store ``tipgraph publish DIR`` sends: the years that changed since the
last publish to that endpoint.

The store's manifest graph records, per report year, the fingerprint of the input, tool
version and options the year was built from (``tipgraph.serve.archive_store``). Publishing a
store sends that manifest graph along with the years, so the endpoint itself remembers what
it was given: the next publish reads the endpoint's copy (one Graph Store ``GET`` of the
manifest graph, no query endpoint needed) and sends only the years whose fingerprint differs
or which the endpoint lacks. The record lives on the endpoint rather than in the store
because a store can be published to several endpoints, and an endpoint rebuilt from scratch
must get everything again: only the endpoint knows what it holds.

A year the endpoint's manifest records is replaced without ``--replace``: the record proves
that graph (and the ontology graph sent with it) came from this archive. A year graph the
endpoint has without such a record is someone else's and stays protected by ``E623``. A
year the endpoint has but the store no longer holds (``tipgraph store remove``) is
reported, never dropped: deleting from a shared store is for its owner to do.

The union graph is not sent: it is derived, doubles the size, and a store that answers from
the union of its named graphs (``oxigraph serve --union-default-graph``) needs no copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from tipgraph.core.errors import OutputError
from tipgraph.graph.iris import graph_iri
from tipgraph.ontology import ONTOLOGY_IRI
from tipgraph.serve.archive_store import open_read_only, read_manifest
from tipgraph.serve.publish_client import NTRIPLES, GraphStoreClient
from tipgraph.serve.store import MANIFEST_GRAPH, UNION_GRAPH, GraphName


@dataclass(slots=True)
class ArchiveSelection:
    """The graphs of a store to send, and what was left out.

    Attributes:
        graphs: the graphs to send (the changed years, and with them the ontology, the
            dataset description and the manifest), by name (``None``: the default graph).
        recorded: graphs the endpoint's manifest says came from this archive; replacing them
            needs no ``--replace``.
        unchanged: report years whose fingerprint the endpoint already has.
        only_remote: report years the endpoint's manifest records that the store no longer
            holds (reported, not dropped).
    """

    graphs: dict[GraphName, list[ox.Triple]] = field(default_factory=dict)
    recorded: set[str] = field(default_factory=set)
    unchanged: list[int] = field(default_factory=list)
    only_remote: list[int] = field(default_factory=list)


def _fingerprints(store: ox.Store) -> dict[int, str]:
    """Each report year's build fingerprint, as a store's manifest graph records it."""
    return {year: entry.fingerprint for year, entry in read_manifest(store).items()}


def _triples(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Triple]:
    return [quad.triple for quad in store.quads_for_pattern(None, None, None, graph)]


def published_fingerprints(client: GraphStoreClient) -> dict[int, str]:
    """The year fingerprints the endpoint's copy of the manifest records (none: ``{}``).

    Raises:
        OutputError: E621/E622 when the store cannot be reached or refuses the ``GET``;
            E622 when what it answers is not N-Triples.
    """
    url = client.graph_url(MANIFEST_GRAPH)
    status, body = client.request("GET", url, accept=NTRIPLES)
    if status == 404:
        return {}
    client.check(status, body, "give its copy of the archive manifest", url)
    store = ox.Store()
    try:
        store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(MANIFEST_GRAPH))
    except (SyntaxError, ValueError) as exc:
        raise OutputError(f"{url.split('?')[0]}: its copy of the archive manifest is not "
                          f"N-Triples: {str(exc).splitlines()[0][:200]}", code="E622") from None
    return _fingerprints(store)


def select(path: Path, client: GraphStoreClient) -> ArchiveSelection:
    """The graphs of the store at ``path`` that the endpoint behind ``client`` lacks.

    Nothing is selected when every year's fingerprint matches: the ontology, description and
    manifest go only with a changed year (their content follows from the years' builds).
    """
    store = open_read_only(path)
    local = _fingerprints(store)
    remote = published_fingerprints(client)
    chosen = ArchiveSelection(recorded={graph_iri_text(year) for year in remote})
    chosen.recorded.add(MANIFEST_GRAPH)
    if remote:  # the ontology went with those years: it is this archive's too
        chosen.recorded.add(str(ONTOLOGY_IRI))
    chosen.only_remote = sorted(set(remote) - set(local))
    changed = sorted(year for year in local if remote.get(year) != local[year])
    chosen.unchanged = sorted(set(local) - set(changed))
    if not changed:
        return chosen  # nothing read but the manifests
    # Only the changed years' graphs are read, with the ontology, manifest and description.
    left_out = {UNION_GRAPH} | {graph_iri_text(year) for year in chosen.unchanged}
    for graph in store.named_graphs():
        if isinstance(graph, ox.NamedNode) and graph.value not in left_out:
            chosen.graphs[graph.value] = _triples(store, graph)
    chosen.graphs[None] = _triples(store, ox.DefaultGraph())
    return chosen


def graph_iri_text(year: int) -> str:
    """The named graph of one report year, as text."""
    return str(graph_iri(year))


__all__ = ["ArchiveSelection", "graph_iri_text", "published_fingerprints", "select"]
