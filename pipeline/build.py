"""Build the knowledge graph of one or more report files: read, extract, map, validate.

This is the one-way data flow of tipgraph in one place: report text -> narratives and
sections -> spaCy docs -> records -> RDF with provenance -> SHACL validation. The CLI and
the benchmarks call ``build_graph``; nothing here prints.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from tipgraph.core import __version__
from tipgraph.core.errors import ExtractionError, InputError
from tipgraph.extract.gazetteer import Gazetteer, load_gazetteer
from tipgraph.extract.pipeline import build_pipeline, extract_report
from tipgraph.extract.reader import read_report, report_year
from tipgraph.extract.records import TIERS, NarrativeFacts, ReadWarning, Report
from tipgraph.extract.source import SourceText, read_source
from tipgraph.graph.mapping import BuildInfo, GraphMapper, add_dataset_description, new_graph
from tipgraph.ontology import ontology_graph
from tipgraph.pipeline.validation import check_year, raise_problems

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(slots=True)
class ReportSummary:
    """What one input gave: for the summary line and for tests.

    Attributes:
        year_source: where the year came from (``Report.year_source``).
        tiers: narratives read per tier notation, ``"partial"`` for fragments without one
            and ``"none"`` for narratives whose heading gave no tier.
        warnings: what the reader could not read, each with its line.
        pages: the page count of a PDF (None for text and web pages).
        set_aside: what the PDF or page conversion and the reader (a whole report's front
            and back matter) kept out of the narratives, by kind
            (``box``, ``caption``, ``preamble``, ``front matter``, ``back matter``), so that
            the summary says it was not read.
    """

    source: str
    year: int
    year_inferred: bool
    narratives: int
    sentences: int
    year_source: str = "given"
    tiers: dict[str, int] = field(default_factory=dict)
    warnings: list[ReadWarning] = field(default_factory=list)
    pages: int | None = None
    set_aside: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class BuildResult:
    """A built graph: the union (ontology + data), the ontology, and each year's data graph."""

    union: Graph
    ontology: Graph
    reports: dict[int, Graph]
    summaries: list[ReportSummary] = field(default_factory=list)
    facts: list[NarrativeFacts] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def narratives(self) -> int:
        """Narratives read over all inputs."""
        return sum(s.narratives for s in self.summaries)

    @property
    def sentences(self) -> int:
        """Sentences read over all inputs."""
        return sum(s.sentences for s in self.summaries)


def build_time() -> str | None:
    """The build time to record: ``SOURCE_DATE_EPOCH`` when set, else None.

    Reproducible-builds convention: a fixed epoch keeps output byte-identical while still
    saying when it was built; without it the time is left out unless asked for.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        moment = datetime.fromtimestamp(int(epoch), tz=UTC)
    except ValueError:
        raise InputError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds",
                         code="E107") from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> str:
    """The current UTC time as ``xsd:dateTime`` (for ``--timestamp``)."""
    return datetime.now(tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read(source: SourceText, gazetteer: Gazetteer, year: int | None) -> Report:
    """Split a source text into narratives and sections, countries resolved by the gazetteer.

    A PDF's page map goes onto the report, for the sentence stage to give each sentence its
    page. Without ``year``, the year that a PDF's running heads or a page's title name is
    taken before the one the narratives' statistics suggest (it is still reported as
    inferred).
    """
    named = source.converted.year if source.converted is not None else None
    report = read_report(source.text, source_name=source.name, sha256=source.sha256,
                         year=year if year is not None else named,
                         resolve_country=gazetteer.heading_iso3,
                         guess_country=gazetteer.fragment_country)
    if year is None and named is not None:
        report.year_inferred = True
    report.pages = source.pages
    return report


def read_year(source: SourceText, gazetteer: Gazetteer, year: int | None) -> int:
    """The year ``read`` gives ``source``, learnt without reading its narratives.

    Raises:
        ExtractionError: the reader's errors for a text with no narrative or no year.
    """
    named = source.converted.year if source.converted is not None else None
    return report_year(source.text, source_name=source.name,
                       year=year if year is not None else named,
                       resolve_country=gazetteer.heading_iso3)


def build_graph(paths: Sequence[Path | None], *, year: int | None = None,
                model: str | None = None, timestamp: str | None = None,
                progress: Callable[[str, int, int], None] | None = None,
                validate: bool = True, shapes: Graph | None = None,
                jobs: int = 1, union: bool = True, nlp: Language | None = None) -> BuildResult:
    """Build the graph of the given report files (None stands for the built-in sample).

    Args:
        paths: report files, in order; ``[None]`` builds the sample.
        year: the report year for every input; inferred from each text when None.
        model: an installed spaCy pipeline to start from (default: blank English).
        timestamp: ``xsd:dateTime`` to record as the build's start; default ``build_time()``.
        progress: called as ``progress(source_name, sections_done, sections_total)``; with
            worker processes, as ``progress("N report years", years_done, N)``.
        validate: check each report's data graph against the SHACL shapes before returning,
            so that no caller writes a graph that breaks them.
        shapes: the shapes to check against (default: the shipped tipgraph shapes).
        jobs: worker processes to read, map and validate report years in
            (``tipgraph.pipeline.parallel``); 1 (the default) does it all in this process,
            as does any build of a single year. The graph is the same either way.
        union: also build ``result.union`` (years and ontology); False leaves it empty
            for a caller that reads only the year graphs (the archive store keeps its own
            union), so that each triple goes into one rdflib store, not two.
        nlp: the pipeline of ``model``, kept by a caller that builds year after year (an
            archive's worker); None builds one (0.4-0.5 s of CPU).

    Raises:
        InputError, ExtractionError: for unusable inputs (see ``tipgraph.core.errors``).
        ValidationError: E401 when a graph violates the shapes; ``report`` says where.
    """
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    sources = [read_source(p) for p in paths]
    reports = [read(s, gazetteer, year) for s in sources]
    _check_unique(reports)
    fingerprint = hashlib.sha256(
        "\n".join([__version__, *(f"{r.sha256}:{r.year}" for r in reports)]).encode()
    ).hexdigest()[:16]
    info = BuildInfo(version=__version__, fingerprint=fingerprint,
                     started=timestamp if timestamp is not None else build_time())
    ontology = ontology_graph()
    run = _Run(gazetteer, info, BuildResult(union=new_graph(), ontology=ontology, reports={}),
               reports, union=union)
    if jobs > 1 and len(run.years) > 1:
        _extract_in_workers(run, jobs=jobs, model=model, shapes=shapes, validate=validate,
                            progress=progress)
    else:
        _extract_here(run, nlp=nlp if nlp is not None else build_pipeline(model),
                      progress=progress)
        if validate:
            _validate_here(run, shapes)
    result = run.result
    for index, report in enumerate(reports):
        result.facts.extend(run.facts[index])
        result.summaries.append(_summary(sources[index], report))
    if union:
        _complete_union(result)
    raise_problems(run.problems)
    result.seconds = time.perf_counter() - started
    return result


def _complete_union(result: BuildResult) -> None:
    """Add the ontology and the dataset description to the union the mapper filled."""
    whole = result.union
    add = whole.store.add  # the store's own add: Graph.add re-checks terms the ontology made
    for triple in result.ontology:
        add(triple, whole, False)
    add_dataset_description(whole, result.reports)


@dataclass(slots=True)
class _Run:
    """One build between reading and the summaries: what the extract and map steps fill.

    ``facts`` and ``problems`` are keyed by input index and report year; ``reports`` is
    in input order (a worker's copy of a report, with its sentences, replaces the input's).
    """

    gazetteer: Gazetteer
    info: BuildInfo
    result: BuildResult
    reports: list[Report]
    union: bool = True
    facts: dict[int, list[NarrativeFacts]] = field(default_factory=dict)
    problems: dict[int, tuple[int, str]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        """The report years of the inputs, in order."""
        return sorted({r.year for r in self.reports})

    def map(self, index: int, report: Report, facts: list[NarrativeFacts]) -> None:
        """Map one input's facts into its year's graph and the union."""
        graph = self.result.reports.setdefault(report.year, new_graph())
        also = self.result.union if self.union else None
        GraphMapper(self.gazetteer, self.info, graph, also=also).add_report(report, facts)
        self.reports[index] = report
        self.facts[index] = facts


def _extract_here(run: _Run, *, nlp: Language,
                  progress: Callable[[str, int, int], None] | None) -> None:
    """Extract and map every input in this process, in input order."""
    for index, report in enumerate(run.reports):
        total = sum(len(n.sections) for n in report.narratives)

        def tick(done: int, name: str = report.source_name, total: int = total) -> None:
            if progress is not None:
                progress(name, done, total)

        run.map(index, report, extract_report(report, nlp, tick))


def _validate_here(run: _Run, shapes: Graph | None) -> None:
    """Check each year's graph in this process; a year that breaks the shapes is noted."""
    for checked in run.years:
        problem = check_year(checked, run.result.reports[checked], shapes)
        if problem is not None:
            run.problems[checked] = problem


def _extract_in_workers(run: _Run, *, jobs: int, model: str | None, shapes: Graph | None,
                        validate: bool,
                        progress: Callable[[str, int, int], None] | None) -> None:
    """Extract (and validate) each report year in a worker process; map each year here as
    it comes back, its inputs in input order, so the graph is the one-process build's."""
    from tipgraph.pipeline import parallel

    reports = run.reports
    members = {y: [i for i, r in enumerate(reports) if r.year == y] for y in run.years}
    tasks = [parallel.YearTask(y, [reports[i] for i in members[y]], run.info)
             for y in run.years]
    for done in parallel.run_years(tasks, jobs=jobs, model=model, shapes=shapes,
                                   validate=validate, progress=progress):
        run.result.reports.setdefault(done.year, new_graph())
        # The workers' copies have their sentences; they stand for the inputs from now on.
        for index, (task_report, facts) in zip(members[done.year], done.reports, strict=True):
            run.map(index, task_report, facts)
        if done.problem is not None:
            run.problems[done.year] = done.problem


def _summary(source: SourceText, report: Report) -> ReportSummary:
    """What one input gave, for the summary line."""
    set_aside: dict[str, int] = {}
    for aside in (*source.asides, *report.set_aside):
        set_aside[aside.kind] = set_aside.get(aside.kind, 0) + 1
    return ReportSummary(
        source=report.source_name, year=report.year, year_inferred=report.year_inferred,
        narratives=len(report.narratives),
        sentences=sum(len(n.sentences) for n in report.narratives),
        year_source=report.year_source, tiers=_tier_counts(report),
        warnings=list(report.warnings),
        pages=max(source.pages.numbers) if source.pages and source.pages.numbers else None,
        set_aside=set_aside)


def _tier_counts(report: Report) -> dict[str, int]:
    """Narratives per tier notation, in ``TIERS`` order, then ``none`` and ``partial``."""
    counts: dict[str, int] = {}
    for tier in (*TIERS, "none", "partial"):
        found = sum(1 for n in report.narratives
                    if ("partial" if n.partial else n.tier or "none") == tier)
        if found:
            counts[tier] = found
    return counts


def _check_unique(reports: list[Report]) -> None:
    """Two inputs with the same narrative of the same year would mint clashing IRIs."""
    seen: dict[tuple[int, str], str] = {}
    for report in reports:
        for narrative in report.narratives:
            key = (report.year, narrative.iso3)
            if key in seen:
                raise ExtractionError(
                    f"the {report.year} narrative of {narrative.iso3} is in both {seen[key]} "
                    f"and {report.source_name}; give each narrative once", code="E205")
            seen[key] = report.source_name
