"""A command's output format and its output file's extension agree (issue 16).

``tipgraph export -f graphml -o x.csv`` once wrote GraphML into a ``.csv``: now a format
that disagrees with the extension is E568 (unless ``--force-format``), and without ``-f``
the extension names the format (E569 when it names none or several). ``validate --report``
writes the format its extension names, as ``build -o`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH

from tipgraph.cli.main import main
from tipgraph.core.errors import OutputError
from tipgraph.graph.formats import (
    FORMATS,
    check_extension,
    format_from_extension,
    formats_of_extension,
)

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult

EXPORTS = ("graphml", "gexf", "cytoscape", "nodelink", "dot", "csv", "html", "turtle",
           "ntriples", "jsonld", "trig", "nquads")


@pytest.fixture(scope="module")
def sample_file(sample_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "sample.ttl"
    sample_build.union.serialize(path, format="turtle")
    return path


@pytest.mark.parametrize(("fmt", "out", "meant"), [
    ("graphml", "x.csv", "csv"),
    ("csv", "x.graphml", "graphml"),
    ("turtle", "x.nt", "ntriples"),
    ("nodelink", "x.jsonld", "jsonld"),
    ("html", "x.ttl", "turtle"),
    ("gexf", "x.rdf", "rdfxml"),
    ("trig", "X.NQ", "nquads"),
])
def test_a_format_that_disagrees_with_the_extension_is_refused_before_any_work(
        fmt: str, out: str, meant: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / out
    # no --graph: the sample would be built first if the check came late; it must not
    assert main(["export", "-f", fmt, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"tipgraph: E568: -f {fmt} disagrees with {target}")
    assert f"is {meant}" in err and "--force-format" in err
    assert not target.exists()


@pytest.mark.parametrize(("fmt", "out"), [
    ("graphml", "x.graphml"), ("turtle", "x.ttl"), ("jsonld", "x.json"),
    ("nodelink", "x.json"), ("cytoscape", "x.json"), ("cytoscape", "x.cyjs"),
    ("csv", "x.txt"), ("dot", "x"), ("trig", "x.TRIG"),
])
def test_an_extension_that_agrees_or_names_no_format_is_accepted(fmt: str, out: str) -> None:
    check_extension(Path(out), fmt)  # does not raise


def test_every_export_format_agrees_with_its_own_extensions() -> None:
    for row in FORMATS:
        for ext in row.extensions:
            check_extension(Path("x" + ext), row.name)
            assert row in formats_of_extension(Path("x" + ext.upper()))


def test_force_format_writes_the_format_anyway(sample_file: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "x.csv"
    assert main(["export", "--graph", str(sample_file), "-f", "graphml", "-o", str(target),
                 "--force-format"]) == 0
    assert target.read_bytes().startswith(b"<?xml")
    assert "graphml" in capsys.readouterr().err


@pytest.mark.parametrize(("out", "fmt"), [("flows.gexf", "gexf"), ("g.nq", "nquads"),
                                           ("t.CSV", "csv"), ("m.html", "html")])
def test_without_f_the_extension_names_the_format(out: str, fmt: str) -> None:
    assert format_from_extension(Path(out), EXPORTS) == fmt


def test_without_f_export_writes_what_the_extension_names(
        sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "flows.gexf"
    assert main(["export", "--graph", str(sample_file), "-o", str(target)]) == 0
    assert b"<gexf" in target.read_bytes()[:400]
    assert f"wrote {target}: gexf" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "needle"), [
    ([], "give -f FORMAT, or -o OUT"),
    (["-o", "x.json"], ".json may be jsonld or nodelink; give -f"),
    (["-o", "x.txt"], "cannot tell the format from the extension '.txt'"),
    (["-o", "x"], "cannot tell the format from the extension '(none)'"),
    (["-o", "x.rdf"], ".rdf is rdfxml, which this command does not write"),
])
def test_without_f_an_extension_that_names_no_single_format_is_refused(
        args: list[str], needle: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["export", *(str(tmp_path / a) if a.startswith("x") else a for a in args)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("tipgraph: E569: ") and needle in err and err.count("\n") == 1


def test_format_from_extension_raises_output_error() -> None:
    with pytest.raises(OutputError) as caught:
        format_from_extension(None, EXPORTS)
    assert caught.value.code == "E569"


def test_validate_report_is_written_in_the_format_its_extension_names(
        sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.nt"
    assert main(["validate", str(sample_file), "--report", str(report)]) == 0
    capsys.readouterr()
    results = Graph().parse(report, format="nt")  # Turtle here once: not N-Triples
    assert (None, SH.conforms, Literal(True)) in results


def test_validate_report_with_an_unknown_extension_is_refused_before_validating(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n", encoding="utf-8")
    report = tmp_path / "report.csv"
    assert main(["validate", str(graph), "--report", str(report)]) == 2
    assert capsys.readouterr().err.startswith("tipgraph: E602: ")
    assert not report.exists()
