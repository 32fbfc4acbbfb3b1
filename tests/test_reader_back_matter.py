"""A chapter title after the narratives that the title list does not know (issue 11).

Appendix and chapter titles are data (``extract/patterns/report_chapters.jsonl``), but a new
year brings new ones ("CLOSING NOTES", a new appendix), and a front chapter may be printed
after the narratives ("TIP REPORT HEROES"): each was read into the last narrative. Now a
title in capitals after a narrative's last sentence that is no section heading, no country
and no known chapter ends the narrative and is reported with its line (``E214``); a known
front title there is an appendix's; the text under either is set aside as back matter.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipgraph.cli.main import main
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.reader import read_report
from tipgraph.extract.reader_scan import caps_title
from tipgraph.extract.records import Report

DATA = Path(__file__).parent / "data" / "whole_reports"
CASES = [json.loads(line) for line in (DATA / "expected.jsonl").read_text().splitlines()]
STORY = "Maria Lopez of Mexico founded a shelter for survivors of forced labor in Nepal."


def _read(text: str, name: str) -> Report:
    gazetteer = load_gazetteer()

    return read_report(text, source_name=name, sha256="0", year=None,
                       resolve_country=gazetteer.heading_iso3,
                       guess_country=gazetteer.fragment_country)


def _with_title(case: dict[str, object], title: str) -> tuple[str, str, int]:
    """The whole report with ``title`` and a paragraph right after its last narrative's
    last sentence; also that sentence and the title's line number."""
    text = (DATA / str(case["file"])).read_text(encoding="utf-8")
    narratives = case["narratives"]
    last = case["last_sentences"]
    assert isinstance(narratives, list) and isinstance(last, dict)
    sentence = last[narratives[-1][0]]
    at = text.index(sentence) + len(sentence)
    head = text[:at] + "\n\n"
    return head + f"{title}\n\n{STORY}" + text[at:], sentence, head.count("\n") + 1


@pytest.mark.parametrize("title", ["SURVIVOR VOICES", "A NEW APPENDIX ON ONLINE SCAM CENTERS",
                                   "ANNEX OF 2024 DATA (SEE PAGE 12)"])
@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_an_unknown_title_in_capitals_ends_the_last_narrative_and_is_reported(
        case: dict[str, object], title: str) -> None:
    text, sentence, line = _with_title(case, title)
    report = _read(text, str(case["file"]))
    assert [[n.iso3, n.tier] for n in report.narratives] == case["narratives"]
    last = report.narratives[-1]
    assert last.sections[-1].clean.endswith(sentence)
    assert STORY not in text[last.start:last.end]
    assert STORY in [a.text for a in report.set_aside if a.kind == "back matter"]
    if title.startswith("ANNEX"):  # in the title list: no warning needed
        assert report.warnings == []
        return
    assert [(w.code, w.line) for w in report.warnings] == [("E214", line)]
    message = report.warnings[0].message
    assert f"line {line}: {title!r}" in message and "report_chapters.jsonl" in message


@pytest.mark.parametrize("title", ["TIP REPORT HEROES", "Victims' Stories",
                                   "STOPPING HUMAN TRAFFICKING", "CLOSING NOTES"])
@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_a_known_chapter_title_after_the_narratives_is_back_matter(
        case: dict[str, object], title: str) -> None:
    """A front chapter printed after the narratives, and real titles the list lacked."""
    text, sentence, _ = _with_title(case, title)
    report = _read(text, str(case["file"]))
    assert [[n.iso3, n.tier] for n in report.narratives] == case["narratives"]
    last = report.narratives[-1]
    assert last.sections[-1].clean.endswith(sentence)
    assert [s.kind for s in last.sections if s.kind not in
            ("intro", "recommendations", "prosecution", "protection", "prevention",
             "profile")] == []
    assert STORY in [a.text for a in report.set_aside if a.kind == "back matter"]
    assert report.warnings == []


def test_a_line_in_capitals_inside_a_sentence_is_no_title() -> None:
    text = (DATA / "tip-2018-whole.txt").read_text(encoding="utf-8")
    at = text.index("Women and girls from Zimbabwe")
    broken = text[:at] + "Women and girls from\nSOUTHERN AFRICA\nand " + text[at:]
    report = _read(broken, "tip-2018.txt")
    assert report.warnings == []
    assert "SOUTHERN AFRICA" in report.narratives[2].sections[-1].clean


def test_a_country_name_in_capitals_is_no_title() -> None:
    case = next(c for c in CASES if c["file"] == "tip-2018-whole.txt")
    text, _, _ = _with_title(case, "NEPAL")
    report = _read(text, "tip-2018.txt")
    assert not any(w.code == "E214" for w in report.warnings)


@pytest.mark.parametrize(("line", "title"), [
    ("CLOSING NOTES", True), ("TIP REPORT HEROES:", True), ("  GLOSSARY  ", True),
    ("Closing Notes", False), ("NGO", False), ("THE END.", False), ("2019", False),
    ("X" * 141, False),
])
def test_caps_title(line: str, title: bool) -> None:
    assert caps_title(line) is title


def test_build_prints_the_warning_with_its_line(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    case = next(c for c in CASES if c["file"] == "tip-2023-whole.txt")
    text, _, line = _with_title(case, "SURVIVOR VOICES")
    path = tmp_path / "tip-2023-whole.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["build", str(path), "-o", str(tmp_path / "out.nt")]) == 0
    err = capsys.readouterr().err
    assert f"tipgraph: warning E214: {path.name}, line {line}: 'SURVIVOR VOICES'" in err
    assert "1 heading line(s) not read" in err
