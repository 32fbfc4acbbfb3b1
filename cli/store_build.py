"""``tipgraph build REPORT... --store DIR``: add or replace report years in an archive store.

Each input is keyed by a fingerprint of its bytes, the tool version, a digest of the
installed code and data that shape a year's graph (``pipeline.code_digest``: a changed
mapping or pattern file rebuilds every year), the shapes it is validated with and the
options that change its graph (``--year``, ``--model``,
``--no-validate``). An input whose fingerprint the store's manifest already records is
unchanged and not read at all (its year is the manifest's), so a rebuild with nothing
changed costs a hash of each file. The others are scanned once for their headings and
year (``read_year``: the reader's errors, and two inputs claiming one year, E140, come
before any work; the narratives are read by the year's build), then each year is built on
its own with ``build_graph``, written as N-Triples, and swapped into the store
(``tipgraph.serve.archive_store``) before the next one is read: memory holds one year at a
time, whatever the size of the archive. With ``--jobs N`` the years are built in N worker
processes, each writing its year to a temporary file that the parent loads; the parent
never holds a year's graph. A build that leaves two or more years loaded since the store's
last compaction compacts it at its end (``tipgraph.serve.store_compaction``).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from tipgraph.core import __version__
from tipgraph.core.errors import InputError
from tipgraph.pipeline import parallel
from tipgraph.pipeline.build import build_graph, read_year
from tipgraph.pipeline.code_digest import code_digest
from tipgraph.serve import archive_store, store_compaction
from tipgraph.serve.store import open_store, store_lock


@dataclass(slots=True)
class Planned:
    """One input of the command and what is to be done with it."""

    path: Path | None
    name: str
    sha256: str
    fingerprint: str
    year: int
    unchanged: bool


@dataclass(slots=True)
class Built:
    """A year built to an N-Triples file, with what the summary says about it."""

    year: int
    data: Path
    narratives: int
    sentences: int
    seconds: float
    ontology: bytes


def _bytes_of(path: Path | None) -> tuple[str, bytes]:
    from tipgraph.core.inputfile import read_input
    from tipgraph.extract.sample import SAMPLE_NAME, sample_bytes

    if path is None:
        return SAMPLE_NAME, sample_bytes()
    if str(path) == "-":
        raise InputError("--store reads report files, not standard input (a year's input is "
                         "kept by its fingerprint): save it to a file first", code="E143")
    return path.name, read_input(path, what="report file")


def options_digest(args: argparse.Namespace) -> str:
    """What besides the input's bytes and the version changes a year's graph."""
    shapes = "shipped"
    if args.shapes is not None and args.validate:
        shapes = hashlib.sha256(Path(args.shapes).read_bytes()).hexdigest()
    parts = [f"year={args.year}", f"model={args.model}", f"validate={args.validate}",
             f"shapes={shapes}"]
    return "\n".join(parts)


def plan(paths: Sequence[Path | None], args: argparse.Namespace,
         known: dict[int, archive_store.YearEntry],
         on_work: Callable[[], object] | None = None) -> list[Planned]:
    """Fingerprint every input, learn the year of those the manifest does not know.

    ``on_work`` is called once, before the first year is read, when there is one: a caller
    with worker processes starts them then, so that their start-up (imports, the spaCy
    pipeline: about 3 s) overlaps the reading of the years instead of following it.

    Raises:
        InputError: E140 when two inputs claim one report year (naming both files).
    """
    from tipgraph.extract.gazetteer import load_gazetteer
    from tipgraph.extract.source import decode

    by_fingerprint = {e.fingerprint: e for e in known.values()}
    options = options_digest(args)
    code = code_digest()
    planned: list[Planned] = []
    gazetteer = None
    for path in paths:
        name, data = _bytes_of(path)
        sha = hashlib.sha256(data).hexdigest()
        fingerprint = hashlib.sha256(
            f"{__version__}\n{code}\n{options}\n{sha}".encode()).hexdigest()[:32]
        entry = by_fingerprint.get(fingerprint)
        if entry is not None:
            planned.append(Planned(path, name, sha, fingerprint, entry.year, True))
            continue
        if gazetteer is None:
            if on_work is not None:
                on_work()
            gazetteer = load_gazetteer()
        year = read_year(decode(name, data), gazetteer, args.year)
        planned.append(Planned(path, name, sha, fingerprint, year, False))
        del data
    seen: dict[int, Planned] = {}
    for item in planned:
        if item.year in seen:
            first = seen[item.year]
            raise InputError(f"two inputs claim the {item.year} report: "
                             f"{_shown(first.path)} and {_shown(item.path)}; give each year "
                             "once", code="E140")
        seen[item.year] = item
    return planned


def _shown(path: Path | None) -> str:
    return "the built-in sample" if path is None else str(path)


def _ready() -> None:
    """A task that does nothing: submitted once per worker, it makes the pool start them."""


def build_year(path: Path | None, year: int | None, model: str | None, validate: bool,
               shapes_path: Path | None, timestamp: str | None, folder: str) -> Built:
    """Build one year and write its graph as N-Triples into ``folder`` (worker or parent).

    The year's graph is written as N-Triples once and loaded into an in-memory Oxigraph
    store (``tipgraph.shapes.targets.oxigraph_copy``): the validation selects its SPARQL
    targets there and the text is the year's file (rdflib's writer took 0.9 s of CPU for a
    2 MB year). A graph holding a term the validation will not hand to Oxigraph (a blank
    node, an ill-typed literal) is validated as before and written by rdflib. No union is
    built: the store keeps its own.

    Raises:
        ValidationError: E401 when the year's graph violates the shapes.
    """
    from tipgraph.graph.mapping import free_graph
    from tipgraph.pipeline.validation import check_year, raise_problems
    from tipgraph.shapes.targets import oxigraph_copy
    from tipgraph.shapes.validate import load_shapes

    started = time.perf_counter()
    shapes = load_shapes(shapes_path) if shapes_path is not None and validate else None
    result = build_graph([path], year=year, model=model, timestamp=timestamp,
                         validate=False, union=False, nlp=parallel.kept_pipeline(model))
    (built_year, graph), = result.reports.items()
    converted = oxigraph_copy(graph)
    if validate:
        problem = check_year(built_year, graph, shapes,
                             oxigraph=None if converted is None else converted[0])
        raise_problems({} if problem is None else {built_year: problem})
    target = Path(folder) / f"{built_year}.nt"
    if converted is not None:
        target.write_bytes(converted[1])
    else:
        graph.serialize(destination=str(target), format="nt", encoding="utf-8")
    ontology = archive_store.sorted_nt(result.ontology.serialize(format="nt", encoding="utf-8"))
    done = Built(year=built_year, data=target, narratives=result.narratives,
                 sentences=result.sentences, seconds=time.perf_counter() - started,
                 ontology=ontology)
    for built_graph in (*result.reports.values(), result.ontology):
        free_graph(built_graph)  # the triples freed now, without a collection visiting them
    del result, graph, converted
    gc.collect()  # what is left of rdflib's cycles (graph, store, namespace manager)
    return done


class _Workers:
    """The worker processes of a ``--jobs`` build, started as soon as there is work.

    ``plan`` starts them before it reads the first year (``on_work``), so that their
    imports and pipeline are ready when the years are; a build that turns out to have one
    year or none to do stops them unused.
    """

    def __init__(self, jobs: int, model: str | None) -> None:
        self.jobs = jobs
        self.model = model
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> ProcessPoolExecutor:
        """The pool, its workers started (each given a task that does nothing)."""
        if self.pool is None:
            self.pool = parallel.worker_pool(self.jobs, parallel.start_worker, (self.model,))
            for _ in range(self.jobs):  # a spawned pool starts a worker per task submitted
                self.pool.submit(_ready)
        return self.pool

    def stop(self) -> None:
        """Stop the workers now, whatever they are doing."""
        if self.pool is not None:
            parallel.stop_pool(self.pool)
            self.pool = None

    def close(self) -> None:
        """Wait for the workers to finish and end them."""
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None


def _built(todo: list[Planned], args: argparse.Namespace, folder: str,
           timestamp: str | None, workers: _Workers) -> Iterator[tuple[Planned, Built]]:
    """Build the years to do, in this process or in ``--jobs`` workers, as they finish."""
    by_year = {p.year: p for p in todo}

    def call(item: Planned) -> Callable[[], Built]:
        return partial(build_year, item.path, args.year, args.model, args.validate,
                       args.shapes, timestamp, folder)

    if args.jobs <= 1 or len(todo) <= 1:
        workers.stop()  # started for nothing: one year is built here
        for item in todo:
            yield item, call(item)()
        return
    pool = workers.start()
    try:
        pending: set[Future[Built]] = {pool.submit(call(i)) for i in _largest_first(todo)}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                done = future.result()
                yield by_year[done.year], done
    except BaseException:
        workers.stop()
        raise
    workers.close()


def _largest_first(todo: list[Planned]) -> list[Planned]:
    """The years in the order the workers should take them: the largest input first.

    A year's build time follows its size, and the workers take the years in the order they
    are submitted; given oldest first, the last and largest reports of an archive (2024 and
    2025 of the benchmark's, 194k triples against 165k) were built at the end, one worker
    idle while the other finished. Largest first leaves the smallest for the end (longest
    processing time first). The store does not depend on the order: each year is its own
    graph. The built-in sample (no path) counts as the smallest.
    """
    return sorted(todo, key=lambda item: (-(item.path.stat().st_size if item.path else 0),
                                          item.year))


def _put(store: ox.Store, *, entry: archive_store.YearEntry, built: Built,
         description: bytes) -> int:
    return archive_store.put_year(store, entry, built.data, built.ontology, description)


def run_store(args: argparse.Namespace, timestamp: str | None) -> int:
    """Add or replace the inputs' years in the store ``args.store``."""
    if args.output is not None:
        raise InputError("--store writes the store; -o writes a graph file: give one of them",
                         code="E142")
    paths: list[Path | None] = list(args.reports) or [None]
    store_dir: Path = args.store
    say = (lambda text: None) if args.quiet else (
        lambda text: sys.stderr.write(f"tipgraph: {text}\n"))
    with store_lock(store_dir):
        if archive_store.clean_leftovers(store_dir):
            say(f"{store_dir}: removed the scratch copy an interrupted change left")
        known: dict[int, archive_store.YearEntry] = {}
        if store_dir.exists():
            known = archive_store.read_manifest(open_store(store_dir))
        workers = _Workers(min(args.jobs, len(paths)), args.model)
        try:
            planned = plan(paths, args, known,
                           on_work=workers.start if workers.jobs > 1 else None)
            for item in planned:
                if item.unchanged:
                    say(f"{item.year}: unchanged ({item.name})")
            todo = [p for p in planned if not p.unchanged]
            _store_years(todo, args, store_dir, known, workers, timestamp, say)
        finally:
            workers.stop()
        if todo:
            store_compaction.compact_if_due(store_dir, when=archive_store.utc_now(), say=say)
        years = set(known) | {p.year for p in planned}
        say(f"{store_dir}: {len(years)} report year(s), "
            f"{len(todo)} built, {len(planned) - len(todo)} unchanged")
    return 0


def _store_years(todo: list[Planned], args: argparse.Namespace, store_dir: Path,
                 known: dict[int, archive_store.YearEntry], workers: _Workers,
                 timestamp: str | None, say: Callable[[str], object]) -> None:
    """Build each year to do and swap it into the store as it comes."""
    held = set(known)  # what the store holds after each change, if a later year fails
    with tempfile.TemporaryDirectory(prefix="tipgraph-years-") as folder:
        for item, built in _built(todo, args, folder, timestamp, workers):
            if built.year != item.year:  # the reader is deterministic; say so if not
                raise InputError(f"{item.name}: read as {item.year}, built as "
                                 f"{built.year}; pass --year", code="E144")
            started = time.perf_counter()
            entry = archive_store.YearEntry(
                year=item.year, source=item.name, sha256=item.sha256,
                fingerprint=item.fingerprint, version=__version__, triples=0,
                added=archive_store.utc_now())
            description = archive_store.dataset_description(held | {item.year})
            triples = archive_store.change(store_dir, partial(
                _put, entry=entry, built=built, description=description))
            held.add(item.year)
            built.data.unlink()
            verb = "replaced" if item.year in known else "added"
            say(f"{item.year}: {verb} ({item.name}): {built.narratives} narratives, "
                f"{built.sentences} sentences, {triples} triples; built in "
                f"{built.seconds:.1f} s, stored in {time.perf_counter() - started:.1f} s")


__all__ = ["build_year", "options_digest", "plan", "run_store"]
