"""The validate step of a build: check each report year's graph against the SHACL shapes.

Both the one-process build (``tipgraph.pipeline.build``) and the workers of a parallel one
(``tipgraph.pipeline.parallel``) check a year here, so neither imports the other; the build
then raises one error for every year that broke the shapes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Graph

from tipgraph.core.errors import ValidationError
from tipgraph.shapes.validate import readable_report
from tipgraph.shapes.validate import validate as validate_graph

if TYPE_CHECKING:
    import pyoxigraph as ox

#: Results the error of a failed validation lists, per report year.
REPORT_LIMIT = 50


def check_year(year: int, graph: Graph, shapes: Graph | None,
               oxigraph: ox.Store | None = None) -> tuple[int, str] | None:
    """Check one year's data graph: None when it conforms, else (results, readable report).

    Each year's graph holds everything its facts point at (places, sentences, the build),
    so checking them one by one checks the union without copying it, and without the
    ontology's own triples. ``oxigraph`` is the graph in Oxigraph, when the caller has it
    (``tipgraph.shapes.validate.validate``).
    """
    outcome = validate_graph(graph, shapes, oxigraph=oxigraph)
    if outcome.conforms:
        return None
    return len(outcome.results), f"Report year {year}: " + readable_report(
        outcome, graph, limit=REPORT_LIMIT,
        more="; to see them all, build with --no-validate -o FILE and run "
             "tipgraph validate FILE")


def raise_problems(problems: dict[int, tuple[int, str]]) -> None:
    """Raise E401 with the readable report of every year that violates the shapes."""
    if not problems:
        return
    violations = sum(count for count, _ in problems.values())
    raise ValidationError(
        f"the built graph violates the shapes ({violations} results, listed above); "
        "nothing was written. Fix the extraction, or build with --no-validate to write "
        "it anyway", report="\n\n".join(text for _, text in
                                         (problems[y] for y in sorted(problems))),
        code="E401")


__all__ = ["REPORT_LIMIT", "check_year", "raise_problems"]
