"""Staging graphs of ``tipgraph publish``: their names, and finding the ones left behind.

``publish`` uploads every graph into a staging graph first and moves all of them into place
with one SPARQL Update, so a reader (and a crash) sees a year graph old or new, never half.
A run that dies between the first upload and the move (the store went away, the process was
killed) leaves its staging graphs on the server, where nothing would ever remove them. So a
staging graph says whose it is::

    urn:tipgraph:staging:<unix seconds>:<host>:<pid>:<run id>:<index>

and every later run (or ``tipgraph publish --cleanup``) lists the staging graphs through the
store's SPARQL query endpoint and drops the orphaned ones, without touching a run that is
still going:

- this host, a process that no longer runs: orphaned;
- this process, a run that has ended: orphaned (a test or a program publishing twice);
- another host: its process cannot be checked from here, so it is taken as orphaned only
  when older than ``ORPHAN_AGE`` (a day; a publish takes minutes), or with ``--cleanup``,
  which the user gives knowing no other publish is running.

Graphs whose name does not start with ``STAGING_PREFIX`` are never touched.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from tipgraph.core.atomic import process_alive

#: Every staging graph's name starts with this, and no other graph of tipgraph's does.
STAGING_PREFIX = "urn:tipgraph:staging:"
#: Age after which another host's staging graph is taken as orphaned (seconds).
ORPHAN_AGE = 24 * 3600

_NAME = re.compile(re.escape(STAGING_PREFIX)
                   + r"(?P<time>\d+):(?P<host>[A-Za-z0-9._-]+):(?P<pid>\d+):(?P<run>[0-9a-f]+)"
                   r":(?P<index>\d+)\Z")
#: Runs of this process that have not ended (their staging graphs are in use).
_ACTIVE: set[str] = set()

#: ``GRAPH ?g {}`` lists the named graphs without reading a triple (1 million triples in 20
#: graphs: 0.4 s with ``GRAPH ?g { ?s ?p ?o }``, under 1 ms this way, in pyoxigraph).
LIST_QUERY = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { } "
              f'FILTER(STRSTARTS(STR(?g), "{STAGING_PREFIX}")) }}')


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", socket.gethostname()) or "localhost"


@dataclass(slots=True)
class StagingRun:
    """One publish run's staging names; ``end()`` it when the run is over, however it ends."""

    run: str
    started: int

    @classmethod
    def begin(cls, now: Callable[[], float] = time.time) -> StagingRun:
        run = cls(uuid.uuid4().hex, int(now()))
        _ACTIVE.add(run.run)
        return run

    def name(self, index: int) -> str:
        """The staging graph of the ``index``-th graph of this run."""
        return f"{STAGING_PREFIX}{self.started}:{_host()}:{os.getpid()}:{self.run}:{index}"

    def end(self) -> None:
        _ACTIVE.discard(self.run)


def is_orphaned(name: str, *, everything: bool = False,
                now: Callable[[], float] = time.time) -> bool:
    """Whether a staging graph belongs to no running publish (see the module docstring)."""
    match = _NAME.match(name)
    if match is None:
        return False
    pid = int(match["pid"])
    if match["host"] == _host():
        if pid == os.getpid():
            return match["run"] not in _ACTIVE
        return not process_alive(pid)
    return everything or now() - int(match["time"]) > ORPHAN_AGE


def parse_graph_list(body: bytes) -> list[str]:
    """The graph names of a SPARQL JSON results document for ``LIST_QUERY``."""
    document = json.loads(body)
    return sorted(row["g"]["value"] for row in document["results"]["bindings"]
                  if row.get("g", {}).get("type") == "uri")


def list_url(query_endpoint: str) -> str:
    """The GET URL that asks a SPARQL query endpoint for the staging graphs."""
    joiner = "&" if "?" in query_endpoint else "?"
    return f"{query_endpoint}{joiner}{urlencode({'query': LIST_QUERY})}"


__all__ = ["LIST_QUERY", "ORPHAN_AGE", "STAGING_PREFIX", "StagingRun", "is_orphaned",
           "list_url", "parse_graph_list"]
