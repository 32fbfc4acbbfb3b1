"""One table of formats: every reader and writer it names exists, and build, export, load,
the server and the CLI all follow it (a row added there is written, read and served)."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from tipgraph.cli.main import main
from tipgraph.core.errors import InputError, OutputError
from tipgraph.exports.rdf import export_rdf
from tipgraph.exports.writers import FORMATS as EXPORT_FORMATS
from tipgraph.exports.writers import NETWORK_WRITERS
from tipgraph.graph.formats import (
    FORMATS,
    Format,
    by_name,
    formats,
    input_format,
    output_format,
)
from tipgraph.graph.load import load_graph
from tipgraph.graph.serialize import serialize, write_graph
from tipgraph.serve import negotiation as media
from tipgraph.serve.describe import service_description
from tipgraph.serve.store import GRAPH_FORMATS, is_graph_file

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult

SMALL = Path(__file__).parent / "data" / "flows_small.ttl"

# rdflib's own TriG and N-Quads writers and parsers call its deprecated ConjunctiveGraph API.
pytestmark = pytest.mark.filterwarnings(
    r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def small() -> Graph:
    return Graph().parse(SMALL, format="turtle")


def test_names_and_extensions_are_unique_per_kind() -> None:
    assert len({f.name for f in FORMATS}) == len(FORMATS)
    for kind in ("rdf", "network"):
        extensions = [e for f in formats(kind) for e in f.extensions]
        assert len(extensions) == len(set(extensions)), kind
    assert all(e.startswith(".") and e == e.lower() for f in FORMATS for e in f.extensions)


def test_every_network_writer_exists_and_every_network_format_is_exported() -> None:
    assert {f.writer for f in formats("network")} == set(NETWORK_WRITERS)
    assert set(EXPORT_FORMATS) == {f.name for f in formats(writable=True)}


@pytest.mark.parametrize("fmt", formats("rdf", writable=True), ids=lambda f: f.name)
def test_every_rdf_writer_writes_what_its_reader_reads_back(small: Graph, tmp_path: Path,
                                                            fmt: Format) -> None:
    """Written through the table's writer, read through its reader, by the extension."""
    path = tmp_path / f"small{fmt.extension}"
    write_graph(path, small)
    assert isomorphic(load_graph(path), small)


def test_a_read_only_format_is_read_by_its_extensions(small: Graph, tmp_path: Path) -> None:
    for fmt in formats("rdf", readable=True):
        if fmt.writer is not None:
            continue
        for extension in fmt.extensions:
            path = tmp_path / f"small{extension}"
            path.write_text(small.serialize(format=fmt.reader), encoding="utf-8")
            assert isomorphic(load_graph(path), small), extension


def test_the_server_reads_and_serves_the_tables_rdf_formats() -> None:
    assert set(GRAPH_FORMATS) == {e for f in formats("rdf", readable=True) for e in f.extensions}
    assert tuple(f.media_type for f in formats("rdf") if not f.quads) == media.RDF_TYPES
    for fmt in formats("rdf"):
        assert media.oxigraph_format(fmt.media_type) is not None
        assert is_graph_file(Path(f"x{fmt.extension}"))
        if not fmt.quads:  # ``format=ttl`` and ``/data/x.ttl`` name the graph format
            assert media.FORMAT_NAMES[fmt.extension[1:]][-1] == fmt.media_type
    assert not is_graph_file(Path("x.csv"))
    described = {t.object.value for t in service_description("http://127.0.0.1:1")
                 if t.predicate.value.endswith("#resultFormat")}
    for fmt in formats("rdf"):
        assert fmt.w3c and (f"http://www.w3.org/ns/formats/{fmt.w3c}" in described) != fmt.quads


def test_lookups_refuse_what_the_table_lacks() -> None:
    assert output_format(Path("out.NQ")).name == "nquads"
    assert input_format(Path("in.owl")).name == "rdfxml"
    with pytest.raises(OutputError) as written:
        output_format(Path("out.rdf"))  # read, never written
    assert written.value.code == "E602"
    for fmt in formats("rdf", writable=True):
        assert f"({fmt.name})" in str(written.value)
    with pytest.raises(InputError) as read:
        input_format(Path("in.graphml"))  # a network format: written, never read
    assert read.value.code == "E111" and ".rdf or .owl (rdfxml)" in str(read.value)
    with pytest.raises(OutputError) as unknown:
        by_name("pdf")
    assert unknown.value.code == "E610"


def test_export_writes_every_format_build_writes_byte_for_byte(sample_build: BuildResult,
                                                               tmp_path: Path) -> None:
    """``export -f NAME`` of a build's graph equals ``build -o out.EXT`` (nquads included)."""
    for fmt in formats("rdf", writable=True):
        if not fmt.quads and fmt.name != "ntriples":
            continue  # the triple formats write the union alike; the quad formats split it
        path = tmp_path / f"out{fmt.extension}"
        write_graph(path, sample_build.union, ontology=sample_build.ontology,
                    reports=sample_build.reports)
        assert export_rdf(sample_build.union, fmt.name) == path.read_bytes(), fmt.name


def test_cli_export_nquads_keeps_one_named_graph_per_report(small: Graph, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    source = tmp_path / "small.nt"
    source.write_bytes(serialize(small, "nt"))
    out = tmp_path / "small.nq"
    assert main(["export", "--graph", str(source), "-f", "nquads", "-o", str(out)]) == 0
    assert "nquads" in capsys.readouterr().err
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    named = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {"https://w3id.org/tipgraph/id/graph/2017",
            "https://w3id.org/tipgraph/id/graph/2018"} <= named
    assert isomorphic(load_graph(out), small)


def test_cli_help_and_errors_list_the_tables_names(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("build", "export"):
        help_text = io.StringIO()
        with redirect_stdout(help_text), pytest.raises(SystemExit):
            main([command, "--help"])
        flat = " ".join(help_text.getvalue().split())
        for fmt in formats("rdf", writable=True):
            assert (fmt.name if command == "export" else fmt.extension) in flat, (command, fmt)
    report = tmp_path / "r.txt"
    report.write_text("JAMAICA: TIER 2\n", encoding="utf-8")
    assert main(["build", str(report), "-o", str(tmp_path / "out.xyz"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "E602" in err and all(f"({f.name})" in err for f in formats("rdf", writable=True))
