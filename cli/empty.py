"""Nothing to answer with: an empty graph, or filters that select nothing.

``tipgraph export --year 1999`` used to write an empty network and exit 0, and an empty
``.ttl`` "conformed": a script could not tell "no data" from "data". Where the user asked
for data, the command now warns on stderr and exits ``EXIT_EMPTY`` (3), distinct from bad
input (2) and from violations (1). Codes: E125 an empty graph, E560 a selection of nothing.
"""

from __future__ import annotations

from tipgraph.core.errors import TipgraphError


class EmptyError(TipgraphError):
    """The input or the selection holds nothing; the CLI prints a warning and exits 3."""

    code = "E560"


def empty_graph(path: object) -> EmptyError:
    """E125: the graph file holds no triple."""
    return EmptyError(f"{path} holds no triples: nothing to answer with (was it written by "
                       "'tipgraph build'?)", code="E125")


def empty_selection(what: str) -> EmptyError:
    """E560: the filters or parameters select nothing."""
    return EmptyError(f"{what}: nothing selected; check the filters (e.g. the year: "
                       "'tipgraph info GRAPH' lists what the graph holds)", code="E560")
