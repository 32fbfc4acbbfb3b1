"""What a new user trips on (issue #16): crashes, silent wrong input, start-up, python -m.

Each test here failed before its fix: a traceback, a wrong exit code, a message cut after
its colon, input accepted silently, or a heavy import made by ``--help``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tipgraph.cli.main import main

SMALL = Path(__file__).parent / "data" / "flows_small.ttl"
BAD_TURTLE = '@prefix ex: <http://example.org/> .\nex:a ex:b "never closed ; .\n'
ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}


def run(argv: list[str]) -> int:
    """``main``'s exit code, a usage error (argparse exits) included."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# ------------------------------------------------------------------------------ crashes
@pytest.mark.parametrize("port", ["99999", "-1", "65536", "http"])
def test_serve_refuses_a_bad_port_before_any_work(tmp_path: Path, port: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Before: OverflowError traceback after the graph had loaded. The graph named here does
    not exist, so an E101 would show that work started before the port was looked at."""
    assert run(["serve", str(tmp_path / "missing.ttl"), "--port", port]) == 2
    line = one_line(capsys.readouterr().err)
    assert "E127" in line and "--port" in line and "E101" not in line


def test_serve_refuses_a_host_that_does_not_resolve(capsys: pytest.CaptureFixture[str]
                                                    ) -> None:
    assert run(["serve", "--host", "no such host", "--port", "0"]) == 2
    assert "E127" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize("argv", [
    ["-m", "tipgraph.cli", "query", "--list"],
    ["-m", "tipgraph.cli", "export", "-f", "ntriples", "--graph", str(SMALL)],
])
def test_a_reader_that_goes_away_ends_the_command_quietly(argv: list[str]) -> None:
    """``tipgraph info g.ttl | head -1``: before, a BrokenPipeError traceback (or "Exception
    ignored ... BrokenPipeError") and exit 120; now nothing on stderr and 141, as cat."""
    proc = subprocess.Popen([sys.executable, *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=ENV)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first write
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141, err
    assert err == ""


@pytest.mark.parametrize("command", ["info", "validate", "query", "export", "stats"])
def test_parse_errors_give_the_parsers_message_with_line_and_column(
        tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: ``E112: bad.ttl is not valid turtle: at line 1 of <>:`` and nothing after."""
    bad = tmp_path / "bad.ttl"
    bad.write_text(BAD_TURTLE, encoding="utf-8")
    argv = {"info": ["info", str(bad)], "validate": ["validate", str(bad)],
            "query": ["query", "tier-table", "--graph", str(bad)],
            "export": ["export", "-f", "csv", "--graph", str(bad)],
            "stats": ["stats", "--graph", str(bad)]}[command]
    assert run(argv) == 2
    line = one_line(capsys.readouterr().err)
    assert "E112" in line and "line 2" in line and "column" in line, line
    assert not line.rstrip().endswith(":")


def test_a_jsonld_parse_error_is_whole_on_one_line(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@id": "http://example.org/a", "http://example.org/b": [}',
                   encoding="utf-8")
    assert run(["info", str(bad)]) == 2
    line = one_line(capsys.readouterr().err)
    assert "E112" in line and "line 1" in line and not line.rstrip().endswith(":")


# --------------------------------------------------------------- wrong input, silently
@pytest.mark.parametrize("year", ["1850", "2000", "9999", "twenty"])
def test_build_refuses_a_year_outside_the_reports_up_front(
        year: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: the whole build ran, then 230 lines of SHACL violations."""
    assert run(["build", "--year", year, "-q"]) == 2
    line = one_line(capsys.readouterr().err)
    assert "E126" in line and "--year" in line


def test_quiet_build_keeps_a_failing_validation_to_its_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix tip: <https://w3id.org/tipgraph/ontology#> .\n"
        "<urn:x:shape> a sh:NodeShape ; sh:targetClass tip:CountryNarrative ;\n"
        "  sh:property [ sh:path tip:noSuchProperty ; sh:minCount 1 ] .\n", encoding="utf-8")
    report = tmp_path / "jam.txt"
    report.write_text("JAMAICA: TIER 2\n\nThe government identified 8 victims in 2016.\n",
                      encoding="utf-8")
    argv = ["build", str(report), "--year", "2017", "--shapes", str(shapes),
            "-o", str(tmp_path / "out.ttl")]
    assert run(argv) == 1
    loud = capsys.readouterr().err
    assert "1. focus:" in loud  # without -q the whole report, as before
    assert run([*argv, "-q"]) == 1
    quiet = capsys.readouterr().err
    assert "focus:" not in quiet
    assert len(quiet.strip().splitlines()) == 2, quiet
    assert "does not conform" in quiet


@pytest.mark.parametrize("content,name", [("", "empty.ttl"), ('{"a": 1}', "a.jsonld"),
                                          ("# only a comment\n", "comment.nt")])
@pytest.mark.parametrize("command", ["info", "validate", "query", "export", "stats"])
def test_an_empty_graph_is_a_warning_and_exit_3(tmp_path: Path, content: str, name: str,
                                                command: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Before: an empty .ttl "conformed" with exit 0, and info counted nothing with 0."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    argv = {"info": ["info", str(path)], "validate": ["validate", str(path)],
            "query": ["query", "tier-table", "--graph", str(path)],
            "export": ["export", "-f", "csv", "--graph", str(path)],
            "stats": ["stats", "--graph", str(path)]}[command]
    code = run(argv)
    line = one_line(capsys.readouterr().err)
    assert code == 3 and "warning E125" in line, line


@pytest.mark.parametrize("argv", [
    ["export", "-f", "graphml", "--year", "1999"],
    ["export", "-f", "nodelink", "--form", "organ"],
    ["stats", "--year", "1999"],
])
def test_an_empty_selection_is_a_warning_and_exit_3(argv: list[str], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Before: ``export --year 1999`` wrote an empty network with exit 0."""
    out = tmp_path / "out"
    full = [*argv, "--graph", str(SMALL)] + (["-o", str(out)] if argv[0] == "export" else [])
    assert run(full) == 3
    assert "warning E560" in one_line(capsys.readouterr().err)
    assert not out.exists()


@pytest.mark.parametrize("top", ["0", "-5", "x"])
def test_stats_refuses_a_top_below_one(top: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["stats", "--graph", str(SMALL), "--top", top]) == 2
    assert "--top" in one_line(capsys.readouterr().err)


# ----------------------------------------------------------------------- the ecosystem
def test_python_dash_m_tipgraph_runs_the_command() -> None:
    done = subprocess.run([sys.executable, "-m", "tipgraph", "--version"], capture_output=True,
                          text=True, check=False, env=ENV)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("tipgraph ")
    done = subprocess.run([sys.executable, "-m", "tipgraph", "query", "--list"],
                          capture_output=True, text=True, check=False, env=ENV)
    assert done.returncode == 0 and "tier-table" in done.stdout


HEAVY = ("rdflib", "spacy", "networkx", "pyoxigraph", "pyshacl", "tipgraph.api")


def test_the_command_line_imports_nothing_heavy_before_a_command_runs() -> None:
    """``--help`` and ``--version`` answer at once (benchmarks/cli_startup.py has the
    timings): building the parser imports no RDF, NLP or graph library."""
    code = ("import sys, tipgraph.cli.main as m; m.make_parser();"
            f"print(','.join(n for n in {HEAVY!r} if n in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env=ENV)
    assert done.stdout.strip() == ""


def test_a_graph_file_loads_the_same_as_rdflib_reads_it() -> None:
    """The Oxigraph reader (the fast path of ``query --graph``) gives rdflib's graph."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from tipgraph.graph.load import load_graph

    ours = load_graph(SMALL)
    theirs = Graph().parse(SMALL, format="turtle")
    assert isomorphic(ours, theirs)
    assert dict(ours.namespaces())["tip"] == dict(theirs.namespaces())["tip"]


def test_nodelink_reads_with_networkx_defaults() -> None:
    """networkx 3.4+ reads ``edges`` by default and failed with KeyError on ``links``."""
    import networkx as nx

    from tipgraph.exports.network import flow_network
    from tipgraph.exports.writers import to_nodelink
    from tipgraph.graph.load import load_graph

    net = flow_network(load_graph(SMALL))
    document = json.loads(to_nodelink(net))
    back = nx.node_link_graph(document)
    assert back.number_of_edges() == net.number_of_edges() > 0
    assert document["links"] == document["edges"]  # D3 and networkx before 3.4


def test_every_command_help_ends_with_an_example_that_parses(
        capsys: pytest.CaptureFixture[str]) -> None:
    """One example per command in ``--help``; each is a command line the parser takes."""
    from tipgraph.cli.main import COMMANDS, make_parser

    parser = make_parser()
    for module in COMMANDS:
        assert run([module.NAME, "--help"]) == 0
        out = capsys.readouterr().out
        example = out.rstrip().splitlines()[-1].strip()
        assert out.rstrip().splitlines()[-2].startswith("example ("), out
        assert example.startswith(f"tipgraph {module.NAME} "), example
        args = parser.parse_args(example.split()[1:])
        assert args.command == module.NAME


README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_query_examples_answer_on_the_sample(sample_build: object, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    """Every ``tipgraph query ... --graph sample.ttl`` line of the README gives rows."""
    from tipgraph.graph.serialize import serialize

    (tmp_path / "sample.ttl").write_bytes(serialize(sample_build.union,  # type: ignore[attr-defined]
                                                    "turtle"))
    monkeypatch.chdir(tmp_path)
    lines = [line.split("tipgraph ", 1)[1].split() for line in README.read_text().splitlines()
             if line.startswith(".venv/bin/tipgraph query ") and "--graph sample.ttl" in line]
    assert len(lines) >= 2
    for argv in lines:
        assert run(argv) == 0, argv
        captured = capsys.readouterr()
        count = int(captured.err.strip().splitlines()[-1].split()[0])
        assert count > 0, (argv, captured.err)
