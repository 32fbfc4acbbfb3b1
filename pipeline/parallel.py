"""Build the report years of an archive in worker processes (``tipgraph build --jobs N``).

A report's extraction, mapping and validation need nothing from any other report, and are
nine tenths of its cost; the reports of one year share a named graph and are validated
together, so the unit of work is a year. Each worker process loads the gazetteer and the
spaCy pipeline once, and for each year it is given reads the facts of its reports, maps
them into a graph of its own and validates that graph with the shapes. It sends back the
reports (their sentences filled in) and the facts, not the graph: rdflib terms are slow to
pickle, and mapping the facts again in the parent takes less time than unpickling their
triples. The parent maps each year as it comes back, while the workers read the next ones,
so the graph is exactly the one a build in one process makes.

Workers are started with ``spawn`` (a clean interpreter: nothing of the parent's threads,
such as a progress bar's, or of its locks is inherited), so a script that calls
``build_graph(..., jobs=N)`` needs the usual ``if __name__ == "__main__":`` guard. They run
with the collector thresholds of a one-shot process and ignore Ctrl-C: the parent takes the
interrupt, stops them and exits 130 with one line, not one traceback per worker.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph

from tipgraph.core import collector
from tipgraph.core.errors import ExtractionError
from tipgraph.extract.records import NarrativeFacts, Report
from tipgraph.graph.mapping import BuildInfo

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(slots=True)
class YearTask:
    """The reports of one year, in input order, and what the build records about itself."""

    year: int
    reports: list[Report]
    info: BuildInfo


@dataclass(slots=True)
class YearDone:
    """What a worker read from one year: each report with the facts of its narratives.

    ``problem`` is None when the year's graph conforms to the shapes (or was not checked),
    else the number of results and the readable report, as ``validation.check_year`` gives them.
    """

    year: int
    reports: list[tuple[Report, list[NarrativeFacts]]]
    problem: tuple[int, str] | None


def default_jobs() -> int:
    """The number of worker processes ``--jobs 0`` stands for: one per usable CPU core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# -------------------------------------------------------------------- the worker's side
_STATE: dict[str, object] = {}


def prepare_worker() -> None:
    """What every worker process of a build does first, whatever it is given to do.

    It ignores Ctrl-C (the parent takes the interrupt and stops the workers) and runs the
    collector with a one-shot process's thresholds: with Python's defaults a worker spent
    2-3 s of the 17 s of CPU of a 2 MB report year in collections of the graph it was
    still building (``tipgraph.core.collector``).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    collector.one_shot()


def worker_pool(workers: int, initializer: Callable[..., None] = prepare_worker,
                initargs: tuple[object, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes; ``initializer`` must call ``prepare_worker``."""
    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer, initargs=initargs)


_PIPELINES: dict[str | None, Language] = {}


def kept_pipeline(model: str | None) -> Language:
    """The spaCy pipeline of ``model``, built once per process and kept: a worker (or an
    archive build's parent, without ``--jobs``) reads one year after another, and building
    the pipeline anew cost each year 0.4-0.5 s of CPU (11 s of the 25-year benchmark)."""
    from tipgraph.extract.pipeline import build_pipeline

    nlp = _PIPELINES.get(model)
    if nlp is None:
        nlp = _PIPELINES[model] = build_pipeline(model)
    return nlp


def start_worker(model: str | None, shapes_nt: str | None = None,
                 validate: bool = False) -> None:
    """Load what every year needs once per worker process (the initializer of the build's
    pools and of the archive store's, ``tipgraph.cli.store_build``)."""
    from tipgraph.extract.gazetteer import load_gazetteer

    prepare_worker()
    _STATE["gazetteer"] = load_gazetteer()
    _STATE["nlp"] = kept_pipeline(model)
    _STATE["validate"] = validate
    _STATE["shapes"] = (Graph().parse(data=shapes_nt, format="nt")
                        if shapes_nt is not None else None)


def _build_year(task: YearTask) -> YearDone:
    """Extract, map and validate one year in a worker."""
    from tipgraph.extract.gazetteer import Gazetteer
    from tipgraph.extract.pipeline import extract_report
    from tipgraph.graph.mapping import GraphMapper, free_graph, new_graph
    from tipgraph.pipeline.validation import check_year

    gazetteer = _STATE["gazetteer"]
    assert isinstance(gazetteer, Gazetteer)
    graph = new_graph()
    done = []
    for report in task.reports:
        facts = extract_report(report, _STATE["nlp"])  # type: ignore[arg-type]
        GraphMapper(gazetteer, task.info, graph).add_report(report, facts)
        done.append((report, facts))
    problem = None
    if _STATE["validate"]:
        shapes = _STATE["shapes"]
        problem = check_year(task.year, graph, shapes if isinstance(shapes, Graph) else None)
    # The year's graph is garbage now: its triples are freed here, and the small
    # reference cycles left (rdflib's graph, store and namespace manager), which the
    # one-shot thresholds would leave for a long time, by one full collection per year,
    # so that a worker's memory stays at one year's worth.
    free_graph(graph)
    del graph
    gc.collect()
    return YearDone(task.year, done, problem)


# -------------------------------------------------------------------- the parent's side
def run_years(tasks: Sequence[YearTask], *, jobs: int, model: str | None,
              shapes: Graph | None, validate: bool,
              progress: Callable[[str, int, int], None] | None = None) -> Iterator[YearDone]:
    """Run the years in ``jobs`` worker processes; yield each as it is done.

    The order is the order in which they finish; the caller's graph does not depend on it.
    A ``TipgraphError`` raised in a worker is raised here, code and all; the workers still
    running are stopped first.
    """
    shapes_nt = shapes.serialize(format="nt") if shapes is not None else None
    pool = worker_pool(min(jobs, len(tasks)), start_worker, (model, shapes_nt, validate))
    try:
        pending: set[Future[YearDone]] = {pool.submit(_build_year, t) for t in tasks}
        total = len(tasks)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                year = future.result()
                if progress is not None:
                    progress(f"{total} report years", total - len(pending), total)
                yield year
    except BrokenProcessPool:
        stop_pool(pool)
        raise ExtractionError("a worker process stopped before it finished its report year "
                              "(killed, or out of memory); build again with fewer --jobs",
                              code="E206") from None
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown(wait=True)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, not after the years they are reading (Ctrl-C, an error).

    ``ProcessPoolExecutor.terminate_workers`` only exists from Python 3.14; before, the
    executor's own table of processes is the way to them.
    """
    pool.shutdown(wait=False, cancel_futures=True)
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


__all__ = ["YearDone", "YearTask", "default_jobs", "kept_pipeline", "prepare_worker", "run_years",
           "start_worker", "stop_pool", "worker_pool"]
