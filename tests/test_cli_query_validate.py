"""``tipgraph query``, ``tipgraph validate`` and the validation step of ``tipgraph build``.

Exit codes as documented in ``tipgraph.cli.main``: 0 success or conformance, 1 a graph that
violates the shapes, 2 bad input with one line on stderr.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from tipgraph.cli.main import main
from tipgraph.extract.sample import sample_text
from tipgraph.ontology import TIP
from tipgraph.queries import list_queries, run_query

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult

DATA = Path(__file__).parent / "data" / "shapes"
STRICT_SHAPES = DATA / "every-flow-has-a-transit.ttl"


@pytest.fixture(scope="module")
def sample_file(sample_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "sample.ttl"
    sample_build.union.serialize(path, format="turtle")
    return path


@pytest.fixture
def jamaica(tmp_path: Path) -> Path:
    """The sample's Jamaica narrative alone: a report that builds in about a second."""
    text = sample_text()
    start, end = text.index("JAMAICA: TIER 2"), text.index("JAPAN: TIER 2")
    path = tmp_path / "jamaica.txt"
    path.write_text(text[start:end], encoding="utf-8")
    return path


def one_line_error(capsys: pytest.CaptureFixture[str], code: str) -> None:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert code in err and "Traceback" not in err


# ------------------------------------------------------------------------------ query

def test_list_shows_every_query_with_its_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for query in list_queries():
        assert f"{query.name}  " in out or f"{query.name}\n" in out
        assert query.summary.split()[0] in out
    assert "flows-into  country=country [year=year (default newest)]" in out


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_delimited_output_holds_the_rows(sample_file: Path, sample_build: BuildResult,
                                         fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "flows-into", "--graph", str(sample_file), "-p", "country=KWT",
                 "--format", fmt]) == 0
    captured = capsys.readouterr()
    table = list(csv.reader(io.StringIO(captured.out), delimiter="," if fmt == "csv" else "\t"))
    expected = list(run_query(sample_build.union, "flows-into", {"country": "KWT"}))
    assert table[0] == ["year", "statedBy", "origin", "originLabel", "forms", "victims",
                        "sentences", "flow"]
    assert sorted(row[-1] for row in table[1:]) == sorted(str(r[-1]) for r in expected)
    assert captured.err.strip() == f"{len(expected)} rows"


def test_json_output_is_sparql_results(sample_file: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "tier-table", "--graph", str(sample_file), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["head"]["vars"] == ["year", "country", "name", "tierName", "partial"]
    kuwait = [b for b in document["results"]["bindings"] if b["country"]["value"] == "KWT"]
    assert kuwait[0]["tierName"] == {"type": "literal", "value": "2WL"}


def test_json_of_an_empty_aggregate_has_no_rows(sample_file: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "flows-into", "--graph", str(sample_file), "-p", "country=KWT",
                 "-p", "year=2001", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["results"]["bindings"] == []
    assert captured.err.strip() == "0 rows"


def test_table_is_aligned_and_readable(sample_file: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "flows-into", "--graph", str(sample_file), "-p", "country=KWT"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["year", "statedBy", "origin", "originLabel", "forms",
                                "victims", "sentences", "flow"]
    assert set(lines[1]) == {"-", " "}
    assert lines[0].index("flow") == lines[2].index("id:narrative/")
    assert any("region:south-asia" in line and "South Asia" in line for line in lines)


def test_a_query_file_runs_with_its_declared_parameters(
        sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tier.rq"
    path.write_text("# The tier of one country.\n#\n# @param country country  the country\n"
                    "SELECT ?notation WHERE { ?n tip:country ?country ; tip:tier ?t . "
                    "?t skos:notation ?notation }\n", encoding="utf-8")
    assert main(["query", str(path), "--graph", str(sample_file), "-p", "country=KWT",
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["notation", "2WL"]


def test_without_a_graph_the_sample_is_built_in_memory(
        monkeypatch: pytest.MonkeyPatch, sample_build: BuildResult,
        capsys: pytest.CaptureFixture[str]) -> None:
    calls = []

    def fake_build(paths: list[object], **options: object) -> BuildResult:
        calls.append((paths, options))
        return sample_build

    monkeypatch.setattr("tipgraph.pipeline.build.build_graph", fake_build)
    assert main(["query", "tier-table", "--format", "csv"]) == 0
    assert calls == [([None], {})]
    assert "KWT,Kuwait,2WL" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "code"), [
    (["query", "flows-into", "-p", "country=KWT", "-p", "colour=red"], "E502"),
    (["query", "flows-into", "-p", "country"], "E502"),
    (["query", "flows-into"], "E504"),
    (["query", "flows-into", "-p", "country=Kuwait"], "E505"),
    (["query", "flows-to", "-p", "country=KWT"], "E501"),
    (["query"], "E501"),
    (["query", "missing.rq"], "E501"),
], ids=["unknown-parameter", "no-equals", "missing-parameter", "bad-value", "unknown-query",
        "no-query", "missing-file"])
def test_query_errors_are_one_line(argv: list[str], code: str, sample_file: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--graph", str(sample_file)]) == 2
    one_line_error(capsys, code)


def test_malformed_query_file_is_one_line(tmp_path: Path, sample_file: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?x WHERE { ?x", encoding="utf-8")
    assert main(["query", str(path), "--graph", str(sample_file)]) == 2
    one_line_error(capsys, "E503")


def test_missing_graph_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "tier-table", "--graph", str(tmp_path / "nope.ttl")]) == 2
    one_line_error(capsys, "E101")


# ------------------------------------------------------------------------------ validate

def test_validate_a_conforming_graph(sample_file: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(sample_file)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "conforms" in captured.err


def test_validate_a_broken_graph_prints_the_report_and_writes_turtle(
        sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = Graph().parse(sample_file)
    flow = URIRef("https://w3id.org/tipgraph/id/narrative/2017/KWT/flow/EGY/KWT")
    assert (flow, TIP.origin, None) in graph
    graph.remove((flow, TIP.origin, None))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    report = tmp_path / "report.ttl"
    assert main(["validate", str(broken), "--report", str(report)]) == 1
    captured = capsys.readouterr()
    assert f"focus:    <{flow}>" in captured.out
    assert "message:  A trafficking flow has exactly one tip:origin." in captured.out
    assert "does not conform" in captured.err
    results = Graph().parse(report)
    assert (None, SH.conforms, Literal(False)) in results
    assert (None, SH.focusNode, flow) in results


def test_validate_with_other_shapes(sample_file: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(sample_file), "--shapes", str(STRICT_SHAPES), "-q"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "does not conform" in captured.err


@pytest.mark.parametrize("case", ["missing-graph", "not-rdf", "no-shapes"])
def test_validate_bad_input_is_one_line(case: str, tmp_path: Path, sample_file: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    (tmp_path / "empty.ttl").write_text("<urn:a> <urn:b> <urn:c> .", encoding="utf-8")
    argv, code = {
        "missing-graph": (["validate", str(tmp_path / "nope.ttl")], "E101"),
        "not-rdf": (["validate", str(tmp_path / "bad.ttl")], "E112"),
        "no-shapes": (["validate", str(sample_file), "--shapes", str(tmp_path / "empty.ttl")],
                      "E114"),
    }[case]
    assert main(argv) == 2
    one_line_error(capsys, code)


# ------------------------------------------------------------------------------ build

def test_build_that_violates_the_shapes_writes_nothing(
        jamaica: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.ttl"
    assert main(["build", str(jamaica), "--shapes", str(STRICT_SHAPES), "-o", str(out)]) == 1
    err = capsys.readouterr().err  # without -q: the whole report (-q: tests/test_first_use)
    assert not out.exists()
    assert not list(tmp_path.glob(".out.*"))
    assert "focus:    <https://w3id.org/tipgraph/id/narrative/" in err
    assert "path:     tip:via" in err
    assert "message:  Every flow names a transit place (test shape)." in err
    assert "sentence: <https://w3id.org/tipgraph/id/narrative/" in err
    assert "E401" in err.splitlines()[-1]


def test_build_with_no_validate_writes_anyway(jamaica: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    assert main(["build", str(jamaica), "--shapes", str(STRICT_SHAPES), "--no-validate",
                 "-o", str(out), "-q"]) == 0
    assert out.exists()


def test_build_validates_against_the_shipped_shapes(jamaica: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    assert main(["build", str(jamaica), "-o", str(out), "-q"]) == 0
    assert main(["validate", str(out), "-q"]) == 0
