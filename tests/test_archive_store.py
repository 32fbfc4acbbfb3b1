"""The archive store: ``tipgraph build REPORT... --store DIR``, ``tipgraph store``,
``tipgraph query --store`` (issue #13).

Small inputs only: narratives of ``tests/data/real_years`` copied under names that tell
their year.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from tipgraph.cli.main import main
from tipgraph.serve import archive_store, store_compaction
from tipgraph.serve.store import UNION_GRAPH, prepare_store

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TEXTS = Path(__file__).resolve().parent / "data" / "real_years" / "texts"


@pytest.fixture
def reports(tmp_path: Path) -> dict[str, Path]:
    """Narratives named ``tip-YEAR-ISO.txt`` so that the file name tells the year."""
    folder = tmp_path / "reports"
    folder.mkdir()
    out = {}
    for name in ("2001-AGO", "2001-BGD", "2004-KEN", "2022-MEX"):
        target = folder / f"tip-{name}.txt"
        shutil.copy(TEXTS / f"{name}.txt", target)
        out[name] = target
    return out


def build(*argv: object) -> int:
    return main(["build", *map(str, argv)])


def manifest(store: Path) -> dict[int, archive_store.YearEntry]:
    return archive_store.read_manifest(ox.Store.read_only(str(store)))


def quads(store: Path) -> dict[str, set[tuple[str, str, str]]]:
    """Every graph's triples as text (the default graph under ``""``)."""
    graphs: dict[str, set[tuple[str, str, str]]] = {}
    for q in ox.Store.read_only(str(store)):
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        graphs.setdefault(name, set()).add((str(q.subject), str(q.predicate), str(q.object)))
    return graphs


def _data(store: Path) -> dict[str, set[tuple[str, str, str]]]:
    """Every graph of the store but the manifest: what --jobs or a compaction must not change."""
    graphs = quads(store)
    graphs.pop(archive_store.MANIFEST_GRAPH)
    return graphs


def union_is_exact(store: Path) -> None:
    """The union graph holds every triple of every other graph but the manifest, once."""
    graphs = quads(store)
    union = graphs.pop(UNION_GRAPH)
    graphs.pop(archive_store.MANIFEST_GRAPH, None)
    expected: set[tuple[str, str, str]] = set().union(*graphs.values())
    assert union == expected


def test_add_then_rebuild_unchanged_does_nothing(reports: dict[str, Path], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], reports["2004-KEN"], "--store", store) == 0
    entries = manifest(store)
    assert sorted(entries) == [2001, 2004]
    assert entries[2001].source == "tip-2001-AGO.txt"
    assert len(entries[2001].sha256) == 64
    graphs = quads(store)
    assert len(graphs["https://w3id.org/tipgraph/id/graph/2001"]) == entries[2001].triples > 0
    union_is_exact(store)
    capsys.readouterr()
    before = quads(store)
    assert build(reports["2001-AGO"], reports["2004-KEN"], "--store", store) == 0
    err = capsys.readouterr().err
    assert "2001: unchanged (tip-2001-AGO.txt)" in err
    assert "2004: unchanged (tip-2004-KEN.txt)" in err
    assert "0 built, 2 unchanged" in err
    assert quads(store) == before
    assert manifest(store)[2001].added == entries[2001].added


def test_adding_a_year_builds_only_that_year(reports: dict[str, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], "--store", store) == 0
    first = manifest(store)[2001]
    capsys.readouterr()
    assert build(reports["2001-AGO"], reports["2022-MEX"], "--store", store) == 0
    err = capsys.readouterr().err
    assert "2001: unchanged" in err and "2022: added (tip-2022-MEX.txt)" in err
    assert manifest(store)[2001] == first
    union_is_exact(store)


def test_changed_code_rebuilds_years_whose_input_did_not_change(
        reports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A store built by other code (same version, new mapping) is not trusted as unchanged."""
    from tipgraph.cli import store_build
    from tipgraph.pipeline.code_digest import code_digest

    assert len(code_digest()) == 64 and code_digest() == code_digest()
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], "--store", store) == 0
    first = manifest(store)[2001]
    monkeypatch.setattr(store_build, "code_digest", lambda: "0" * 64)
    capsys.readouterr()
    assert build(reports["2001-AGO"], "--store", store) == 0
    assert "2001: replaced (tip-2001-AGO.txt)" in capsys.readouterr().err
    assert manifest(store)[2001].fingerprint != first.fingerprint
    union_is_exact(store)


def test_a_changed_input_replaces_its_year_and_the_union_forgets_the_old(
        reports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], reports["2004-KEN"], "--store", store) == 0
    angola = "<https://w3id.org/tipgraph/id/narrative/2001/AGO>"
    assert any(s == angola for s, _, _ in quads(store)[UNION_GRAPH])
    assert build(reports["2001-BGD"], "--store", store) == 0
    assert "2001: replaced (tip-2001-BGD.txt)" in capsys.readouterr().err
    assert manifest(store)[2001].source == "tip-2001-BGD.txt"
    graphs = quads(store)
    assert not any(s == angola for s, _, _ in graphs[UNION_GRAPH])
    assert not any(s == angola for s, _, _ in graphs["https://w3id.org/tipgraph/id/graph/2001"])
    union_is_exact(store)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_year_given_twice_is_refused_naming_both_files(
        reports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        jobs: str) -> None:
    """With --jobs the workers are started as the years are read; the refusal stops them."""
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], reports["2001-BGD"], "--store", store,
                 "--jobs", jobs) == 2
    err = capsys.readouterr().err
    assert "E140" in err and "tip-2001-AGO.txt" in err and "tip-2001-BGD.txt" in err
    assert not store.exists()


def test_remove_a_year_and_list(reports: dict[str, Path], tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], reports["2004-KEN"], reports["2022-MEX"],
                 "--store", store) == 0
    assert main(["store", "remove", str(store), "2004"]) == 0
    assert sorted(manifest(store)) == [2001, 2022]
    graphs = quads(store)
    assert "https://w3id.org/tipgraph/id/graph/2004" not in graphs
    assert not any("/2004" in s for s, _, _ in graphs[UNION_GRAPH])
    union_is_exact(store)
    capsys.readouterr()
    assert main(["store", "list", str(store)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:3] == ["year", "triples", "source"]
    assert [line.split("\t")[0] for line in lines[1:]] == ["2001", "2022"]
    assert main(["store", "remove", str(store), "2004"]) == 2
    assert "E141" in capsys.readouterr().err
    assert main(["store", "list", str(tmp_path / "nothing")]) == 2
    assert "E681" in capsys.readouterr().err


def test_the_store_union_is_the_graph_build_writes_and_queries_agree(
        reports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, nt = tmp_path / "store", tmp_path / "one.nt"
    assert build(reports["2004-KEN"], "--store", store, "-q") == 0
    assert build(reports["2004-KEN"], "-o", nt, "-q") == 0
    # Loaded into a store, as Oxigraph keeps them (it stores derived integer types such as
    # xsd:nonNegativeInteger as xsd:integer, in any store).
    loaded = ox.Store()
    loaded.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    written = {(str(q.subject), str(q.predicate), str(q.object)) for q in loaded}
    assert quads(store)[UNION_GRAPH] == written
    for argv in (["tier-table"], ["flows-into", "-p", "country=KEN"],
                 ["tier-table", "-p", "tier=2WL"]):
        capsys.readouterr()
        assert main(["query", *argv, "--graph", str(nt), "--format", "csv"]) == 0
        from_file = capsys.readouterr().out
        assert main(["query", *argv, "--graph", str(store), "--format", "csv"]) == 0
        assert capsys.readouterr().out == from_file
    assert "KEN" in from_file
    for argv in (["export", "-f", "csv"], ["stats"]):  # --graph DIR: the store's union
        capsys.readouterr()
        assert main([*argv, "--graph", str(nt)]) == 0
        from_file = capsys.readouterr().out
        assert main([*argv, "--graph", str(store)]) == 0
        assert capsys.readouterr().out == from_file


def test_serve_reuses_the_archive_store_as_it_is(reports: dict[str, Path],
                                                 tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], reports["2004-KEN"], "--store", store, "-q") == 0
    before = quads(store)
    prepared = prepare_store([], store)
    assert prepared.reused
    assert prepared.counts["https://w3id.org/tipgraph/id/graph/2004"] == \
        manifest(store)[2004].triples
    assert quads(store) == before


def test_an_interrupted_add_leaves_the_store_as_it_was(reports: dict[str, Path],
                                                           tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], reports["2004-KEN"], "--store", store, "-q") == 0
    before = quads(store)
    scratch = archive_store.scratch_path(store)
    # The built-in sample (36 narratives of 2017) is written while the process is killed.
    process = subprocess.Popen([sys.executable, "-m", "tipgraph.cli.main", "build", "--store",
                                str(store), "-q"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not scratch.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    assert scratch.exists(), "the change never started"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert scratch.exists()  # left behind, as a kill leaves it
    assert quads(store) == before
    assert main(["build", str(reports["2022-MEX"]), "--store", str(store)]) == 0
    assert not scratch.exists()
    assert sorted(manifest(store)) == [2001, 2004, 2022]
    union_is_exact(store)


def test_store_and_output_together_are_refused(reports: dict[str, Path], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert build(reports["2001-AGO"], "--store", tmp_path / "s", "-o", tmp_path / "x.ttl") == 2
    assert "E142" in capsys.readouterr().err


def test_jobs_build_the_same_store(reports: dict[str, Path], tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    inputs = [reports["2001-AGO"], reports["2004-KEN"], reports["2022-MEX"]]
    assert build(*inputs, "--store", one, "-q") == 0
    assert build(*inputs, "--store", two, "-q", "--jobs", "2") == 0
    assert _data(one) == _data(two)
    # one year to do: built in the parent, the workers started for the plan stopped unused
    replaced = reports["2004-KEN"].read_text(encoding="utf-8") + "\n"
    reports["2004-KEN"].write_text(replaced, encoding="utf-8")
    assert build(*inputs, "--store", one, "-q") == 0
    assert build(*inputs, "--store", two, "-q", "--jobs", "2") == 0
    assert _data(one) == _data(two)
    assert {y: e.fingerprint for y, e in manifest(one).items()} == \
        {y: e.fingerprint for y, e in manifest(two).items()}


def test_serve_with_a_graph_file_keeps_the_manifest_out_of_the_union(
        reports: dict[str, Path], tmp_path: Path) -> None:
    store, nt = tmp_path / "store", tmp_path / "mex.nt"
    assert build(reports["2001-AGO"], "--store", store, "-q") == 0
    assert build(reports["2022-MEX"], "-o", nt, "-q") == 0
    prepare_store([nt], store)  # loads the file, then makes the union again
    graphs = quads(store)
    assert graphs[archive_store.MANIFEST_GRAPH]
    assert not graphs[archive_store.MANIFEST_GRAPH] & graphs[UNION_GRAPH]


def test_a_year_that_fails_leaves_the_years_before_it_described_as_they_are(
        reports: dict[str, Path], tmp_path: Path) -> None:
    store, shapes = tmp_path / "store", tmp_path / "strict.ttl"
    # Shapes that a 2022 narrative breaks (a report year before 2010) but 2001's keeps.
    shapes.write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix tip: <https://w3id.org/tipgraph/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:shape> a sh:NodeShape ; sh:targetClass tip:Report ;
  sh:property [ sh:path tip:reportYear ; sh:maxInclusive 2010 ] .
""", encoding="utf-8")
    assert build(reports["2001-AGO"], reports["2022-MEX"], "--store", store, "-q",
                 "--shapes", shapes) == 1
    assert sorted(manifest(store)) == [2001]
    sources = {o for s, p, o in quads(store)[""] if p.endswith("/terms/source>")}
    assert sources == {"<https://w3id.org/tipgraph/id/report/2001>"}
    union_is_exact(store)


def test_info_and_validate_take_the_store(reports: dict[str, Path], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    store, nt = tmp_path / "store", tmp_path / "both.nt"
    assert build(reports["2001-AGO"], reports["2004-KEN"], "--store", store, "-q") == 0
    assert build(reports["2001-AGO"], reports["2004-KEN"], "-o", nt, "-q") == 0
    capsys.readouterr()
    assert main(["info", str(nt)]) == 0
    # Every class counted alike but tip:Build: the store built each year in its own run.
    from_file = [line for line in capsys.readouterr().out.splitlines()[1:] if "Build" not in line]
    assert main(["info", str(store)]) == 0
    from_store = capsys.readouterr().out.splitlines()[1:]
    assert [line for line in from_store if "Build" not in line] == from_file
    assert "narratives by tier:" in from_file
    assert main(["validate", str(store)]) == 0
    assert "conforms (2 report years" in capsys.readouterr().err
    # A year broken behind the tool's back: the verdict names it, the other year is fine.
    writable = ox.Store(str(store))
    writable.add(ox.Quad(ox.NamedNode("urn:x:broken"), ox.NamedNode(RDF_TYPE),
                         ox.NamedNode("https://w3id.org/tipgraph/ontology#CountryNarrative"),
                         ox.NamedNode("https://w3id.org/tipgraph/id/graph/2004")))
    del writable
    report = tmp_path / "report.ttl"
    assert main(["validate", str(store), "--report", str(report)]) == 1
    captured = capsys.readouterr()
    assert "does not conform: 2004 (2 report years" in captured.err
    assert captured.out.startswith("2004:") and "urn:x:broken" in captured.out
    assert "urn:x:broken" in report.read_text(encoding="utf-8")
    plain = tmp_path / "plain"
    plain.mkdir()
    for command in ("info", "validate"):
        assert main([command, str(plain)]) == 2
        assert "E129" in capsys.readouterr().err


# ------------------------------------------------------------------------------ compaction

def _loads_since(store: Path) -> int:
    return store_compaction.loads_since_compaction(ox.Store.read_only(str(store)))


def test_a_build_of_two_years_compacts_the_store_and_one_added_year_waits(
        reports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], reports["2004-KEN"], "--store", store) == 0
    assert "compacted (2 report years loaded since the last compaction)" in \
        capsys.readouterr().err
    assert _loads_since(store) == 0
    assert store_compaction.last_compaction(ox.Store.read_only(str(store))) is not None
    union_is_exact(store)
    assert build(reports["2022-MEX"], "--store", store) == 0
    assert "compacted" not in capsys.readouterr().err  # one year: not worth its cost yet
    assert _loads_since(store) == 1
    union_is_exact(store)


def test_store_compact_merges_without_changing_a_triple(
        reports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], "--store", store, "-q") == 0
    assert _loads_since(store) == 1
    before = _data(store)
    assert main(["store", "compact", str(store)]) == 0
    assert capsys.readouterr().err.strip().endswith("compacted")
    assert _data(store) == before
    assert _loads_since(store) == 0
    assert sorted(manifest(store)) == [2001]
    assert main(["store", "compact", str(store), "2001"]) == 2
    assert "E141" in capsys.readouterr().err
    assert main(["store", "compact", str(tmp_path / "nothing")]) == 2
    assert "E681" in capsys.readouterr().err


def test_remove_compacts_the_store(reports: dict[str, Path], tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], "--store", store, "-q") == 0
    assert build(reports["2004-KEN"], "--store", store, "-q") == 0  # the second load compacts
    assert build(reports["2022-MEX"], "--store", store, "-q") == 0
    assert _loads_since(store) == 1
    assert main(["store", "remove", str(store), "2004", "-q"]) == 0
    assert _loads_since(store) == 0
    union_is_exact(store)


def test_an_interrupted_compaction_leaves_the_store_as_it_was(
        reports: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store"
    assert build(reports["2001-AGO"], "--store", store, "-q") == 0
    before = quads(store)
    real = store_compaction.compact

    def dies_after(target: ox.Store, *, when: str) -> None:
        real(target, when=when)
        raise KeyboardInterrupt

    monkeypatch.setattr(store_compaction, "compact", dies_after)
    with pytest.raises(KeyboardInterrupt):
        store_compaction.compact_store(store, when="2030-01-01T00:00:00Z")
    assert quads(store) == before
    assert not archive_store.scratch_path(store).exists()
    assert _loads_since(store) == 1
