"""The command line: bad input gives one line and exit 2, leaves no file; good input works."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from tipgraph.cli.main import main
from tipgraph.core.collector import ONE_SHOT_THRESHOLDS
from tipgraph.extract.sample import sample_text

HEADED = "JAMAICA: TIER 2\n\nThe government identified 8 victims in 2016.\n"


def bad_inputs(tmp: Path) -> list[tuple[str, list[str], str]]:
    (tmp / "empty.txt").write_text("", encoding="utf-8")
    (tmp / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (tmp / "binary.txt").write_bytes(b"JAMAICA: TIER 2\n\x00\x01\x02")
    (tmp / "latin1.txt").write_bytes("JAMAICA: TIER 2\n\nC\xf4te d'Ivoire".encode("latin-1"))
    (tmp / "noheading.txt").write_text("Just some text about trafficking.\n", encoding="utf-8")
    (tmp / "unknown.txt").write_text("ATLANTIS: TIER 2\n\nText.\n", encoding="utf-8")
    (tmp / "good.txt").write_text(HEADED, encoding="utf-8")
    (tmp / "repeated.txt").write_text(HEADED + "\nPROSECUTION\n\nOne.\n\nPROSECUTION\n\nTwo.\n",
                                      encoding="utf-8")
    (tmp / "undated.txt").write_text("JAMAICA: TIER 2\n\nIt identified victims.\n",
                                     encoding="utf-8")
    (tmp / "adir").mkdir()
    return [
        ("missing", [str(tmp / "nope.txt")], "E101"),
        ("directory", [str(tmp / "adir")], "E102"),
        ("empty", [str(tmp / "empty.txt")], "E103"),
        ("blank", [str(tmp / "blank.txt")], "E103"),
        ("binary", [str(tmp / "binary.txt")], "E104"),
        ("not utf-8", [str(tmp / "latin1.txt")], "E105"),
        ("no heading", [str(tmp / "noheading.txt")], "E201"),
        ("unknown country", [str(tmp / "unknown.txt")], "E202"),
        ("repeated section heading", [str(tmp / "repeated.txt")], "E209"),
        ("no year", [str(tmp / "undated.txt")], "E203"),
        ("bad extension", [str(tmp / "good.txt"), "--year", "2017"], "E602"),
    ]


CASES = ["missing", "directory", "empty", "blank", "binary", "not utf-8", "no heading",
         "unknown country", "repeated section heading", "no year", "bad extension"]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path: Path, case: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    table = {name: (argv, code) for name, argv, code in bad_inputs(tmp_path)}
    argv, code = table[case]
    out = tmp_path / ("out.xyz" if case == "bad extension" else "out.ttl")
    assert main(["build", *argv, "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert code in err
    assert "Traceback" not in err
    assert not out.exists()
    assert not list(tmp_path.glob(".out.*"))  # no temporary file left behind


def test_not_utf8_names_the_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad_inputs(tmp_path)
    assert main(["build", str(tmp_path / "latin1.txt"), "-o", str(tmp_path / "o.ttl")]) == 2
    assert "0xf4" in capsys.readouterr().err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--year", "soon"])
    assert exit_info.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_one_shot_thresholds_for_a_build_but_never_for_the_server(tmp_path: Path) -> None:
    """The console script tunes the collector for commands that end; a server keeps the
    defaults, or its old generation would be collected a hundred times less often."""
    before = gc.get_threshold()
    try:
        assert main(["serve", str(tmp_path / "missing.ttl")], one_shot=True) == 2
        assert gc.get_threshold() == before
        bad_inputs(tmp_path)
        assert main(["build", str(tmp_path / "good.txt"), "--year", "2017", "-q",
                     "-o", str(tmp_path / "x.nt")], one_shot=True) == 0
        assert gc.get_threshold() == ONE_SHOT_THRESHOLDS
    finally:
        gc.set_threshold(*before)


def test_existing_output_survives_a_failed_build(tmp_path: Path) -> None:
    out = tmp_path / "keep.ttl"
    out.write_text("# an earlier good build\n", encoding="utf-8")
    bad_inputs(tmp_path)
    assert main(["build", str(tmp_path / "binary.txt"), "-o", str(out), "-q"]) == 2
    assert out.read_text(encoding="utf-8") == "# an earlier good build\n"


def test_build_small_report_with_year_and_info(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    bad_inputs(tmp_path)
    out = tmp_path / "small.nt"
    assert main(["build", str(tmp_path / "good.txt"), "--year", "2017", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 narratives" in err and "2017" in err
    assert main(["info", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "tip:CountryNarrative" in printed and "2 " in printed


def test_console_script_builds_the_sample_deterministically(tmp_path: Path) -> None:
    """The installed ``tipgraph`` command, twice, gives byte-identical Turtle."""
    exe = Path(sys.executable).with_name("tipgraph")
    outs = [tmp_path / "one.ttl", tmp_path / "two.ttl"]
    for out in outs:
        done = subprocess.run([str(exe), "build", "-o", str(out)], capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert "37 narratives" in done.stderr
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert "JAMAICA" in sample_text()


def test_unread_heading_is_a_warning_with_its_line_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A heading line that cannot be read is reported on stderr and in the summary; the
    narrative before it ends there, and the build goes on."""
    report = tmp_path / "two.txt"
    report.write_text(HEADED + "\nATLANTIS (Tier 3)\n\nAtlantis is a source country.\n",
                      encoding="utf-8")
    out = tmp_path / "two.nt"
    assert main(["build", str(report), "--year", "2017", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    warning, summary = err.strip().splitlines()
    assert warning.startswith("tipgraph: warning E207: two.txt, line 5:")
    assert "'ATLANTIS (Tier 3)'" in warning
    assert "1 narratives (Tier 2: 1)" in summary
    assert "1 heading line(s) not read" in summary
    assert "Atlantis" not in out.read_text(encoding="utf-8")


def test_summary_says_tiers_and_where_the_year_came_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    eras = Path(__file__).parent / "data" / "reader_eras"
    assert main(["build", str(eras / "tip-2012-namibia.txt"), str(eras / "chad-web-copy.txt"),
                 "-o", str(tmp_path / "eras.nt")]) == 0
    summary = capsys.readouterr().err
    assert "3 narratives (Tier 2: 1, Tier 2 Watch List: 2)" in summary
    assert "tip-2012-namibia.txt: 2012 (from the file name; use --year to set it)" in summary
    assert "chad-web-copy.txt: 2021 (from the reporting period;" in summary
