"""Shared machinery of the benchmarks: stage timers, fresh-process runs, medians, tables.

Every measured build runs in a fresh interpreter (``python benchmarks/<script>.py --child``),
so no run profits from an earlier one: spaCy's tokenizer cache, the cached gazetteer, parsed
shapes and compiled matchers all start cold, as they do for ``tipgraph build``. A child
times each stage with both the wall clock and its own CPU time; on a machine shared with
other jobs the CPU time is the steadier figure, and ratios of the two kinds are quoted side
by side.

The stages are found by wrapping the functions ``tipgraph.pipeline.build`` calls (reading,
pipeline set-up, extraction, mapping, the union, validation) and the components of the spaCy
pipeline it builds; a function that is not there any more is simply not timed, and its time
shows up as "other".
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT / "tests" / "eval" / "score.py"


@dataclass
class Clock:
    """Wall and CPU seconds per stage name, summed over calls (nested calls are not double
    counted by the callers: they wrap disjoint functions)."""

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, wall: float, cpu: float) -> None:
        self.wall[name] = self.wall.get(name, 0.0) + wall
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu
        self.calls[name] = self.calls.get(name, 0) + 1

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            w, c = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - w, time.process_time() - c)

        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed

    def patch(self, owner: Any, attr: str, name: str) -> bool:
        """Wrap ``owner.attr`` in a timer of stage ``name``; False when it does not exist."""
        fn = getattr(owner, attr, None)
        if fn is None:
            return False
        setattr(owner, attr, self.wrap(name, fn))
        return True

    def measure(self, name: str) -> _Span:
        return _Span(self, name)

    def as_dict(self) -> dict[str, Any]:
        return {"wall": self.wall, "cpu": self.cpu, "calls": self.calls}


class _Span:
    def __init__(self, clock: Clock, name: str) -> None:
        self.clock, self.name = clock, name

    def __enter__(self) -> _Span:
        self.w, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.clock.add(self.name, time.perf_counter() - self.w, time.process_time() - self.c)


class _TimedComponent:
    """A pipeline component that adds its time to a clock (spaCy calls it once per doc)."""

    def __init__(self, clock: Clock, name: str, component: Any) -> None:
        self.clock, self.name, self.component = clock, name, component

    def __call__(self, doc: Any) -> Any:
        w, c = time.perf_counter(), time.process_time()
        try:
            return self.component(doc)
        finally:
            self.clock.add(self.name, time.perf_counter() - w, time.process_time() - c)


def instrument_build(clock: Clock) -> None:
    """Wrap the stages of ``tipgraph.pipeline.build.build_graph`` in timers of ``clock``.

    Stage names: ``read`` (source file, reader, repair), ``setup`` (gazetteer, ontology,
    the spaCy pipeline with its matchers), ``tokenizer``, one per component
    (``tip_sentencizer``, ``tip_places``, ...), ``sentences`` (Sentence records), ``facts``
    (merging mentions into a narrative's facts), ``extract`` (the whole extraction, the
    above included), ``map`` (records to RDF), ``union``, ``validate``.
    """
    from tipgraph.extract import pipeline
    from tipgraph.pipeline import build

    clock.patch(build, "read_source", "read")
    clock.patch(build, "read", "read")
    clock.patch(build, "load_gazetteer", "setup")
    clock.patch(build, "ontology_graph", "setup")
    clock.patch(build, "extract_report", "extract")
    clock.patch(build.GraphMapper, "add_report", "map")
    clock.patch(build, "union_graph", "union")
    clock.patch(build, "add_dataset_description", "union")
    clock.patch(build, "validate", "validate")
    clock.patch(build, "check_year", "validate")
    clock.patch(pipeline, "sentences_from_doc", "sentences")
    clock.patch(pipeline, "_facts", "facts")
    make = build.build_pipeline

    def timed_pipeline(*args: Any, **kwargs: Any) -> Any:
        w, c = time.perf_counter(), time.process_time()
        nlp = make(*args, **kwargs)
        clock.add("setup", time.perf_counter() - w, time.process_time() - c)
        tokenizer = nlp.tokenizer

        def make_doc(text: str) -> Any:
            w, c = time.perf_counter(), time.process_time()
            try:
                return tokenizer(text)
            finally:
                clock.add("tokenizer", time.perf_counter() - w, time.process_time() - c)

        nlp.make_doc = make_doc
        nlp._components[:] = [(name, _TimedComponent(clock, name, component))
                              for name, component in nlp._components]
        return nlp

    build.build_pipeline = timed_pipeline


def floor_seconds(texts: Sequence[str]) -> tuple[float, float]:
    """Wall and CPU seconds of a fresh ``spacy.blank("en")`` + ``sentencizer`` over ``texts``.

    The pipeline is made anew so its tokenizer cache is cold, as in a build; making it is
    not timed, only ``nlp.pipe`` over the texts.
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    w, c = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - w, time.process_time() - c


def peak_rss_mib() -> float:
    """The peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(script: Path, args: Sequence[str], env: dict[str, str] | None = None
              ) -> dict[str, Any]:
    """Run ``script --child ARGS`` in a fresh interpreter and return the JSON it prints."""
    done = subprocess.run([sys.executable, str(script), "--child", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{script.name} --child {' '.join(args)} failed "
                         f"(exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def p95(values: Sequence[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-95 * len(ordered) // 100))
    return ordered[rank - 1]


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain-text table with right-aligned numbers, for terminals and Markdown alike."""
    cells = [[str(h) for h in header], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        parts = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:],
                                                                          strict=True)]
        lines.append("| " + " | ".join(parts) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def load_avg() -> str:
    """The 1-minute load average and core count, to print next to figures."""
    try:
        one = os.getloadavg()[0]
    except OSError:
        return "load unknown"
    return f"load {one:.1f} on {os.cpu_count()} cores"


def load_scorer() -> ModuleType:
    """The project's verbatim copy of the evaluation scorer (tests/eval/score.py).

    Loaded from its file: it is a script of the evaluation, not a module of the package,
    and the quality benchmarks score with exactly the code the evaluation runs.
    """
    spec = importlib.util.spec_from_file_location("tip_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
