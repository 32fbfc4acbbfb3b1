"""Builds with worker processes (``--jobs N``) give exactly the graph of a one-process build."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from rdflib import Graph

from tipgraph.cli.main import main
from tipgraph.core.errors import InputError, ValidationError
from tipgraph.extract.sample import sample_text
from tipgraph.graph.serialize import serialize
from tipgraph.pipeline.build import build_graph

#: A shape every narrative breaks: it asks for a property no narrative has.
IMPOSSIBLE = """
@prefix sh:  <http://www.w3.org/ns/shacl#> .
@prefix tip: <https://w3id.org/tipgraph/ontology#> .
<urn:test:shape> a sh:NodeShape ;
    sh:targetClass tip:CountryNarrative ;
    sh:property [ sh:path <urn:test:never> ; sh:minCount 1 ; sh:message "never there" ] .
"""


def _narrative_starts(text: str) -> list[int]:
    """Offsets of the narrative headings of the sample (``JAMAICA: Tier 2`` lines)."""
    import re

    return [m.start() for m in re.finditer(r"^[A-Z][A-Z .,'()-]+: (?:TIER|Tier) ", text,
                                           re.MULTILINE)]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three report files cut from the sample: one of 2016 and two of 2017."""
    text = sample_text()
    starts = _narrative_starts(text)
    assert len(starts) >= 9
    cuts = [(starts[0], starts[3], 2016), (starts[3], starts[6], 2017),
            (starts[6], starts[9], 2017)]
    folder = tmp_path_factory.mktemp("archive")
    paths = []
    for number, (begin, end, year) in enumerate(cuts):
        path = folder / f"part-{number}.txt"
        path.write_text(f"Trafficking in Persons Report {year}\n\n{text[begin:end]}",
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_workers_give_the_same_graph_facts_and_summaries(archive: list[Path]) -> None:
    one = build_graph(archive)
    two = build_graph(archive, jobs=2)
    assert sorted(one.reports) == sorted(two.reports) == [2016, 2017]
    assert serialize(two.union, "nt") == serialize(one.union, "nt")
    for year in one.reports:
        assert serialize(two.reports[year], "nt") == serialize(one.reports[year], "nt")
    assert [(s.source, s.year, s.narratives, s.sentences) for s in two.summaries] == \
        [(s.source, s.year, s.narratives, s.sentences) for s in one.summaries]
    assert [f.narrative.iso3 for f in two.facts] == [f.narrative.iso3 for f in one.facts]
    assert two.sentences == one.sentences > 0


def test_a_violation_found_in_a_worker_is_reported_as_in_one_process(archive: list[Path]) -> None:
    shapes = Graph().parse(data=IMPOSSIBLE, format="turtle")
    with pytest.raises(ValidationError) as serial:
        build_graph(archive, shapes=shapes)
    with pytest.raises(ValidationError) as parallel:
        build_graph(archive, shapes=shapes, jobs=2)
    assert parallel.value.code == serial.value.code == "E401"
    assert str(parallel.value) == str(serial.value)
    assert parallel.value.report == serial.value.report
    assert "Report year 2016" in serial.value.report and "never there" in serial.value.report


def test_console_script_jobs(archive: list[Path], tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    one, two = tmp_path / "one.nt", tmp_path / "two.nt"
    assert main(["build", *map(str, archive), "-q", "-o", str(one)]) == 0
    assert main(["build", *map(str, archive), "-q", "-j", "0", "-o", str(two)]) == 0
    assert one.read_bytes() == two.read_bytes()
    with pytest.raises(SystemExit) as usage:
        main(["build", "--jobs", "-2"])
    assert usage.value.code == 2
    assert "not a number of processes" in capsys.readouterr().err


def test_errors_cross_process_boundaries_with_their_code() -> None:
    error = pickle.loads(pickle.dumps(ValidationError("bad", report="R", code="E401")))
    assert (type(error), str(error), error.report) == (ValidationError, "E401: bad", "R")
    assert str(pickle.loads(pickle.dumps(InputError("gone", code="E101")))) == "E101: gone"


def test_worker_pools_run_with_one_shot_collector_thresholds(
        monkeypatch: pytest.MonkeyPatch, archive: list[Path], tmp_path: Path) -> None:
    """The archive store's workers (``build --store --jobs``) use the pool of the build's
    workers: Python's default thresholds cost a 2 MB year 2-3 s of collections."""
    import gc

    from tipgraph.core.collector import ONE_SHOT_THRESHOLDS
    from tipgraph.pipeline import parallel

    for pool in (parallel.worker_pool(1),  # and with the workers' own start, as the store's
                 parallel.worker_pool(1, parallel.start_worker, (None,))):
        try:
            assert pool.submit(gc.get_threshold).result() == ONE_SHOT_THRESHOLDS
        finally:
            pool.shutdown()
    made: list[int] = []

    def recorded(workers: int, *_initializer: object) -> object:
        made.append(workers)
        return parallel.ProcessPoolExecutor(max_workers=workers)  # without the initializer

    monkeypatch.setattr(parallel, "worker_pool", recorded)
    assert main(["build", str(archive[0]), "--year", "2016", "--store",
                 str(tmp_path / "one"), "-q"]) == 0
    assert made == []  # one year: built in this process
    texts = [archive[0], archive[1]]
    assert main(["build", *map(str, texts), "--store", str(tmp_path / "two"), "-q",
                 "--jobs", "2"]) == 0
    assert made == [2]


def test_a_build_without_the_union_gives_the_same_year_graphs(archive: list[Path]) -> None:
    """``union=False`` (the archive store, which keeps its own union) maps each triple into
    the year's graph only; the year graphs are those of a full build."""
    whole = build_graph(archive)
    years = build_graph(archive, union=False)
    assert len(years.union) == 0 < len(whole.union)
    assert sorted(years.reports) == sorted(whole.reports)
    for year in whole.reports:
        assert serialize(years.reports[year], "nt") == serialize(whole.reports[year], "nt")


def test_a_freed_graph_leaves_no_cycle_holding_its_triples() -> None:
    """A worker frees each year's graph before the next (``free_graph``): its triples must
    go by reference counting, not wait for a full collection, and the graph stays usable."""
    import gc
    import weakref

    from rdflib import Literal, URIRef

    from tipgraph.graph.mapping import free_graph, new_graph

    class Marker(Literal):
        """A literal that can be watched with a weak reference."""

    graph = new_graph()
    marker = Marker("held only by the graph")
    watch = weakref.ref(marker)
    graph.add((URIRef("urn:x:s"), URIRef("urn:x:p"), marker))
    del marker
    gc.disable()
    try:
        free_graph(graph)
        assert watch() is None  # freed at once, no collection ran
    finally:
        gc.enable()
    assert len(graph) == 0
    graph.add((URIRef("urn:x:s"), URIRef("urn:x:p"), Literal(1)))
    assert len(graph) == 1
