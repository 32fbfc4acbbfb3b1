"""Load a graph into a team's SPARQL store over the SPARQL 1.1 Graph Store HTTP Protocol.

One named graph per report year (and one for the ontology), sent as N-Triples in chunks so
that no single request is too big for a proxy or the store. Every request is retried with
exponential backoff on a connection error, a timeout or a 5xx/429 answer; a 4xx answer is
not retried, it is explained.

Where the store has a SPARQL Update endpoint (Oxigraph, Fuseki) every graph, new or
replaced, is uploaded into a staging graph (``urn:tipgraph:staging:...``, see
``tipgraph.serve.staging``) and one update request ``MOVE <staging> TO <graph>`` per graph
puts them all in place in one transaction: a reader, and a store that dies half-way, sees a
year graph old or new, never half of it. Staging graphs left by a run that died are found
through the SPARQL query endpoint and dropped by the next run (or ``--cleanup``).

Without an update endpoint a graph can only be sent by PUT (the first chunk) and POST (the
rest), which is atomic only when it fits in one chunk: a replace in several requests is said
in a warning, and when the store goes away while a graph is being sent the error says that
the graph may be left partly written and that ``--replace`` on the next run replaces it whole.

Without ``replace`` a graph that already exists is not touched (E623): adding a new build to
an old one would mix two versions of the same facts. The default graph (the dataset
description) is merged, never replaced, since other data may live there.

Example:
    >>> publish(Path("graph.trig"), "http://127.0.0.1:7878/store", replace=True)  # doctest: +SKIP
    PublishResult(graphs={'https://w3id.org/tipgraph/id/graph/2017': 41234, ...}, ...)
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from tipgraph.core.errors import InputError, OutputError
from tipgraph.graph.iris import graph_iri
from tipgraph.serve.publish_archive import select
from tipgraph.serve.publish_client import (
    GraphStoreClient,
    default_query_endpoint,
    default_update_endpoint,
    graph_store_url,
    ref,
    split_credentials,
)
from tipgraph.serve.staging import StagingRun, is_orphaned, list_url, parse_graph_list
from tipgraph.serve.store import DEFAULT_GRAPH, MANIFEST_GRAPH, GraphName, read_graph_file


@dataclass(slots=True)
class PublishResult:
    """What was published.

    Attributes:
        graphs: triples sent per graph (the default graph as ``DEFAULT_GRAPH``).
        requests: HTTP requests made (retries included).
        atomic: True when every replaced graph was swapped in one transaction.
        warnings: what the user should know (a non-atomic replace).
        cleaned: orphaned staging graphs of earlier runs that were dropped.
        unchanged: report years of an archive store not sent: the endpoint has their build.
        only_remote: report years the endpoint has from an earlier publish of the store,
            which the store no longer holds (left on the endpoint).
    """

    graphs: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    atomic: bool = True
    warnings: list[str] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    only_remote: list[int] = field(default_factory=list)


def chunks(triples: list[ox.Triple], size: int) -> list[bytes]:
    """N-Triples chunks of at most ``size`` triples (at least one chunk, maybe empty).

    Triples with blank nodes all go into the first chunk: a blank node label means the same
    node only within one request, so splitting them would split the node.
    """
    if size < 1:
        raise OutputError("--chunk-size must be at least 1", code="E620")
    with_blank = [t for t in triples if isinstance(t.subject, ox.BlankNode)
                  or isinstance(t.object, ox.BlankNode)]
    ground = [t for t in triples if not (isinstance(t.subject, ox.BlankNode)
                                        or isinstance(t.object, ox.BlankNode))]
    groups: list[list[ox.Triple]] = []
    first = with_blank + ground[:max(0, size - len(with_blank))]
    groups.append(first)
    rest = ground[len(first) - len(with_blank):]
    groups.extend(rest[i:i + size] for i in range(0, len(rest), size))
    return [ox.serialize(group, format=ox.RdfFormat.N_TRIPLES) or b"" for group in groups]


def _client(endpoint: str, update_endpoint: str | None, timeout: float, retries: int,
            backoff: float, sleep: Callable[[float], None],
            query_endpoint: str | None = None) -> GraphStoreClient:
    store_url = graph_store_url(endpoint)
    update_url = update_endpoint or default_update_endpoint(store_url)
    return GraphStoreClient(store_url, update_endpoint=update_url,
                            query_endpoint=query_endpoint or default_query_endpoint(store_url),
                            timeout=timeout, retries=retries, backoff=backoff, sleep=sleep)


def remove_orphans(client: GraphStoreClient, query_endpoint: str | None, *,
                   everything: bool = False) -> list[str]:
    """Drop the staging graphs no running publish owns (``tipgraph.serve.staging``).

    Args:
        client: the store's Graph Store client (the graphs are dropped with DELETE).
        query_endpoint: the SPARQL query URL to list the staging graphs with.
        everything: also drop another host's staging graphs younger than ``ORPHAN_AGE``.

    Raises:
        OutputError: E624 when there is no query endpoint, or it cannot list the graphs.
    """
    if query_endpoint is None:
        raise OutputError("cannot look for orphaned staging graphs: no SPARQL query endpoint "
                          "is known for this store; give --query-endpoint", code="E624")
    url, auth = split_credentials(list_url(query_endpoint))
    client._auth = client._auth or auth
    status, body = client.request("GET", url, accept="application/sparql-results+json")
    client.check(status, body, "list the staging graphs", url)
    try:
        names = parse_graph_list(body)
    except (ValueError, KeyError, TypeError):
        raise OutputError(f"{url.split('?')[0]} did not answer the staging-graph query with "
                          "SPARQL JSON results; is --query-endpoint a SPARQL query URL?",
                          code="E624") from None
    orphans = [name for name in names if is_orphaned(name, everything=everything)]
    for name in orphans:
        client.delete(name)
    return orphans


def cleanup(endpoint: str, *, query_endpoint: str | None = None, timeout: float = 60.0,
            retries: int = 3, backoff: float = 0.5,
            sleep: Callable[[float], None] = time.sleep) -> PublishResult:
    """``publish --cleanup``: drop every orphaned staging graph, another host's included.

    Only this host's running publishes keep theirs; give it when no other host publishes.
    """
    client = _client(endpoint, None, timeout, retries, backoff, sleep)
    result = PublishResult()
    result.cleaned = remove_orphans(
        client, query_endpoint or default_query_endpoint(client.endpoint), everything=True)
    result.requests = client.requests
    return result


def publish(path: Path, endpoint: str, *, graph: str | None = None, replace: bool = False,
            update_endpoint: str | None = None, query_endpoint: str | None = None,
            chunk_size: int = 50_000, timeout: float = 60.0, retries: int = 3,
            backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep,
            progress: Callable[[str], None] | None = None) -> PublishResult:
    """Publish a graph file into a SPARQL store, one named graph per report.

    Args:
        path: a graph file (TriG/N-Quads keep their graphs; see ``read_graph_file``).
        endpoint: the Graph Store Protocol URL.
        graph: the named graph for the report's triples (default ``graph_iri(year)``).
        replace: replace graphs that exist (atomically where possible, see above).
        update_endpoint: the SPARQL Update URL; derived for Oxigraph and Fuseki when None.
        query_endpoint: the SPARQL query URL, to find orphaned staging graphs; derived for
            Oxigraph and Fuseki when None.
        chunk_size: triples per request.
        timeout, retries, backoff, sleep: per-request behaviour (see ``GraphStoreClient``).
        progress: called with one line per step.

    Raises:
        InputError: for an unreadable graph file (E1xx); E125 for one without a triple,
            before any request.
        OutputError: E620 bad URL; E621 unreachable; E622 refused; E623 a graph exists and
            ``replace`` was not given; E625 the store went away while a graph was sent
            without staging (the graph may be partly written).
    """
    say = progress or (lambda _line: None)
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError:
            raise OutputError(f"--graph-iri {graph!r} is not an IRI", code="E620") from None
    client = _client(endpoint, update_endpoint, timeout, retries, backoff, sleep,
                     query_endpoint)
    result = PublishResult()
    graphs, recorded = _source_graphs(path, graph, client, result)
    if not any(graphs.values()):  # an archive store whose every year the endpoint has
        result.requests = client.requests
        return result
    named = {name: triples for name, triples in graphs.items() if name is not None}
    run = StagingRun.begin()
    try:
        status, _ = client.update(f"DROP SILENT GRAPH {ref(run.name(0))}")
        staged = 200 <= status < 300
        if staged:
            query_url = query_endpoint or default_query_endpoint(client.endpoint)
            try:
                result.cleaned = remove_orphans(client, query_url)
            except OutputError as exc:
                result.warnings.append(f"orphaned staging graphs were not looked for: "
                                       f"{exc.message}")
            for name in result.cleaned:
                say(f"removed the orphaned staging graph {name}")
        existing = [name for name in sorted(named) if client.exists(name)]
        blocked = [name for name in existing if name not in recorded]
        if blocked and not replace:
            raise OutputError(f"the store already has {', '.join(blocked)}; pass --replace "
                              "to swap in this file's graphs", code="E623")
        if staged:
            _publish_staged(client, named, chunk_size, result, say, run)
        else:
            _publish_unstaged(client, named, existing, chunk_size, result, say)
    finally:
        run.end()
    if graphs.get(None):
        try:
            for part in chunks(graphs[None], chunk_size):
                client.send("POST", None, part)
        except OutputError as exc:  # Virtuoso's graph-crud endpoint has no default graph
            result.warnings.append(
                f"the store did not take the default graph, so its {len(graphs[None])} "
                f"triples (the dataset description) are not published; the report graphs "
                f"are: {exc.message}")
        else:
            result.graphs[DEFAULT_GRAPH] = len(graphs[None])
            say(f"merged {len(graphs[None])} triples into the default graph")
    result.requests = client.requests
    return result


def _source_graphs(path: Path, graph: str | None, client: GraphStoreClient,
                   result: PublishResult) -> tuple[dict[GraphName, list[ox.Triple]], set[str]]:
    """The graphs to send and those the endpoint's records let be replaced without asking.

    A graph file is sent whole. An archive store (a directory) sends the years that changed
    since the last publish to this endpoint (``tipgraph.serve.publish_archive``); what it
    leaves out is put on ``result``.

    Raises:
        InputError: E125 for a graph file without a triple; E1xx an unreadable file.
        OutputError: E681 a directory that is not a store; E627 ``--graph-iri`` with a store.
    """
    if not path.is_dir():
        graphs = read_graph_file(path, graph=graph, require_named=True)
        if not any(graphs.values()):
            raise InputError(f"{path} holds no triples: nothing to publish", code="E125")
        return graphs, set()
    if graph is not None:
        raise OutputError("--graph-iri names one graph, and an archive store has one per "
                          "report year: leave it out to publish a store", code="E627")
    chosen = select(path, client)
    result.unchanged, result.only_remote = chosen.unchanged, chosen.only_remote
    for year in chosen.only_remote:
        result.warnings.append(
            f"the endpoint has {year} from an earlier publish of this archive, which the "
            f"store no longer holds; it is left there (drop {graph_iri(year)} to remove it)")
    return chosen.graphs, chosen.recorded


def _publish_unstaged(client: GraphStoreClient, named: dict[str, list[ox.Triple]],
                      existing: list[str], chunk_size: int, result: PublishResult,
                      say: Callable[[str], None]) -> None:
    """No SPARQL Update: each graph by PUT/POST, atomic only when it fits in one request."""
    for name in sorted(named, key=lambda name: (name == MANIFEST_GRAPH, name)):
        parts = chunks(named[name], chunk_size)
        _send_all(client, name, parts, replace=name in existing, say=say)
        result.graphs[name] = len(named[name])
        if name in existing and len(parts) > 1:
            result.atomic = False
            result.warnings.append(
                f"{name} was replaced in {len(parts)} requests (the store has no SPARQL "
                "Update endpoint to swap it in one; give --update-endpoint if it has "
                "one), so readers may have seen it partly loaded")


def _send_all(client: GraphStoreClient, name: str, parts: list[bytes], *, replace: bool,
              say: Callable[[str], None]) -> None:
    """PUT-then-POST (replace) or POST only (a new graph); a new graph half sent is removed.

    When the store cannot be reached to remove it (or to finish a replace), the error says
    that the graph may be left partly written, and how to put it right.
    """
    sent = 0
    try:
        for index, part in enumerate(parts):
            method = "PUT" if replace and index == 0 else "POST"
            client.send(method, name, part)
            sent += 1
            say(f"{name}: chunk {index + 1}/{len(parts)} sent")
    except OutputError as exc:
        removed = False
        if not replace:
            try:
                client.delete(name)
                removed = True
            except OutputError:
                pass
        if sent and not removed:
            raise OutputError(f"{exc.message}; {name} got {sent} of its {len(parts)} requests "
                              "and may be left partly written (the store has no SPARQL "
                              "Update endpoint to stage it): run again with --replace once "
                              "the store is back", code="E625") from None
        raise


def _publish_staged(client: GraphStoreClient, named: dict[str, list[ox.Triple]],
                    chunk_size: int, result: PublishResult, say: Callable[[str], None],
                    run: StagingRun) -> None:
    """Upload into staging graphs, then move all of them in with one update request.

    ``MOVE`` without ``SILENT``: should a staging graph be gone (dropped by someone's
    ``--cleanup``), the whole update fails and no graph changes, instead of the target
    being dropped and left empty.
    """
    staging = {name: run.name(index + 1) for index, name in enumerate(sorted(named))}
    try:
        for name in sorted(named):
            parts = chunks(named[name], chunk_size)
            for index, part in enumerate(parts):
                client.send("POST", staging[name], part)
                say(f"{name}: chunk {index + 1}/{len(parts)} staged")
        operations = []
        for name in sorted(named):
            if named[name]:
                operations.append(f"MOVE GRAPH {ref(staging[name])} TO GRAPH {ref(name)}")
            else:
                operations.append(f"DROP SILENT GRAPH {ref(name)}")
        status, body = client.update(" ;\n".join(operations))
        client.check(status, body, "swap the staged graphs in", client.update_endpoint or "")
    except OutputError:
        for stage in staging.values():
            with contextlib.suppress(OutputError):
                client.delete(stage)
        raise
    for name in sorted(named):
        result.graphs[name] = len(named[name])
        say(f"{name}: swapped in atomically")


__all__ = ["GraphStoreClient", "PublishResult", "chunks", "cleanup", "default_query_endpoint",
           "default_update_endpoint", "graph_store_url", "publish", "remove_orphans"]
