"""The reader on a whole report, not only its narratives (issue #11).

A whole TIP report prints, before its narratives, the letters, the introduction and thematic
chapters (which name many countries, tell victims' stories under a country's name, and have
lines that look like headings), the tier placement list and the "How to Read a Country
Narrative" page with its example heading; after the last narrative, the special cases and the
appendices. ``tests/data/whole_reports`` holds one such report in the layout of each era
(2003, 2010, 2018, 2023), assembled from short real-style pieces; ``expected.jsonl`` says the
narratives with their tiers, each narrative's last sentence, and the appendix titles. The
narratives must be exactly those, each ending with its own last sentence (the appendices
after the last one are no part of it), and what is not read must be counted as set aside.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tipgraph.cli.main import main
from tipgraph.core.errors import InputError
from tipgraph.extract.gazetteer import load_gazetteer
from tipgraph.extract.htmltext import html_to_text
from tipgraph.extract.pdftext import pdf_to_text
from tipgraph.extract.reader import read_report
from tipgraph.extract.records import Report
from tipgraph.extract.repair import paragraph_spans
from tipgraph.extract.report_parts import match_report_part
from tipgraph.pipeline.build import build_graph

DATA = Path(__file__).parent / "data" / "whole_reports"
CASES = [json.loads(line) for line in (DATA / "expected.jsonl").read_text().splitlines()]


def _read(text: str, name: str = "whole.txt") -> Report:
    gazetteer = load_gazetteer()

    return read_report(text, source_name=name, sha256="0", year=None,
                       resolve_country=gazetteer.heading_iso3,
                       guess_country=gazetteer.fragment_country)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_whole_report_gives_exactly_its_narratives(case: dict[str, object]) -> None:
    text = (DATA / str(case["file"])).read_text(encoding="utf-8")
    report = _read(text, str(case["file"]))
    assert [[n.iso3, n.tier] for n in report.narratives] == case["narratives"]
    assert not any(n.partial for n in report.narratives)
    assert report.warnings == []
    assert report.year == case["year"]
    last = case["last_sentences"]
    assert isinstance(last, dict)
    for narrative in report.narratives:
        # The narrative's text, and its last section's, end with its own last sentence.
        assert text[narrative.start : narrative.end].endswith(last[narrative.iso3])
        assert narrative.sections[-1].clean.endswith(last[narrative.iso3])
        # One section of a kind: a special case's opening and its GOVERNMENT EFFORTS are
        # one intro (two would be one section IRI with two spans in the graph).
        kinds = [s.kind for s in narrative.sections]
        assert len(kinds) == len(set(kinds)), kinds
        if narrative.tier == "special" and "EFFORTS" in text[narrative.start : narrative.end]:
            intro = narrative.sections[0]
            assert intro.kind == "intro" and "Special Case for the eighth" in intro.clean
            assert "limited capacity" in intro.clean and "EFFORTS" not in intro.clean
            assert text[intro.clean_map[0] : intro.clean_map[0] + 5] == intro.clean[:5]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_front_and_back_matter_are_counted_as_set_aside(case: dict[str, object]) -> None:
    """Every paragraph that is no narrative's is set aside, none silently dropped: the front
    matter up to the first narrative heading, the appendices from the first title on."""
    text = (DATA / str(case["file"])).read_text(encoding="utf-8")
    report = _read(text, str(case["file"]))
    first = report.narratives[0].start
    appendices = case["appendices"]
    assert isinstance(appendices, list)
    back = text.index(f"\n{appendices[0]}\n") + 1
    front = [a.text for a in report.set_aside if a.kind == "front matter"]
    behind = [a.text for a in report.set_aside if a.kind == "back matter"]
    assert front == [text[a:b] for a, b in paragraph_spans(text, 0, first)]
    assert behind == [text[a:b] for a, b in paragraph_spans(text, back, len(text))]
    assert [t for t in behind if match_report_part(t) == "back"] == appendices


def test_a_tier_placement_list_makes_no_narratives_even_without_its_title() -> None:
    """"Nepal" over "TIER 3" in a tier list is the list's, not a two-line heading."""
    text = (DATA / "tip-2018-whole.txt").read_text(encoding="utf-8")
    start, end = text.index("TIER PLACEMENTS\n"), text.index("HOW TO READ")
    report = _read(text[start + len("TIER PLACEMENTS\n") : end] + text[end:], "tip-2018.txt")
    assert [n.iso3 for n in report.narratives] == ["JAM", "NPL", "ZWE", "LBY"]


def test_a_victims_story_under_a_country_name_is_front_matter() -> None:
    """"THAILAND" over "Thailand is a destination country ..." in a chapter of stories is
    no narrative, and the introduction is no partial narrative of the country it names most."""
    report = _read((DATA / "tip-2023-whole.txt").read_text(encoding="utf-8"), "tip-2023.txt")
    assert "THA" not in {n.iso3 for n in report.narratives}
    assert not any("Aung" in a.text for a in report.set_aside if a.kind != "front matter")
    assert any(a.text.startswith("Thailand is a destination") for a in report.set_aside)


def test_a_narrative_heading_in_the_front_matter_is_warned_not_dropped_silently() -> None:
    text = (DATA / "tip-2018-whole.txt").read_text(encoding="utf-8")
    text = text.replace("INTRODUCTION\n\n", "INTRODUCTION\n\nGHANA: TIER 1\n\n", 1)
    report = _read(text, "tip-2018.txt")
    (warning,) = report.warnings
    assert warning.code == "E213" and "'GHANA'" in warning.message
    assert [n.iso3 for n in report.narratives] == ["JAM", "NPL", "ZWE", "LBY"]


def test_a_narrative_file_without_front_matter_is_read_as_before() -> None:
    """No chapter title: the text before the first heading is still a partial narrative."""
    text = (DATA / "tip-2018-whole.txt").read_text(encoding="utf-8")
    profile = text.index("As reported over the past five years, Jamaica")
    report = _read(text[profile:], "tip-2018.txt")
    assert [(n.iso3, n.partial) for n in report.narratives][:2] == [("JAM", True),
                                                                     ("NPL", False)]
    assert report.set_aside[0].kind == "back matter"


def test_whole_report_pdf_gives_the_narratives_of_its_text(tmp_path: Path,
                                                          report_pdf: ModuleType) -> None:
    """The 2018 whole report laid out as the published PDF (a few pages of front matter, too
    few for the converter's own page rule): the same narratives, the last one ends with its
    own sentence, and the summary counts what was set aside."""
    case = next(c for c in CASES if c["year"] == 2018)
    text = (DATA / str(case["file"])).read_text(encoding="utf-8")
    path = tmp_path / "whole-2018.pdf"
    report_pdf.write_report_pdf(path, text, year=2018)
    converted = pdf_to_text(path.name, path.read_bytes())
    report = _read(converted.text, path.name)
    assert [[n.iso3, n.tier] for n in report.narratives] == case["narratives"]
    last = case["last_sentences"]
    assert isinstance(last, dict)
    for narrative in report.narratives:
        assert narrative.sections[-1].clean.endswith(last[narrative.iso3])
    result = build_graph([path], validate=False)
    summary = result.summaries[0]
    assert summary.narratives == len(case["narratives"]) and summary.warnings == []
    assert summary.set_aside["front matter"] == sum(
        a.kind == "front matter" for a in (*converted.asides, *report.set_aside))
    assert summary.set_aside["back matter"] == sum(
        a.kind == "back matter" for a in report.set_aside) > 0


@pytest.mark.parametrize("cut", ["title", "title run in"])
def test_the_appendices_end_the_narratives_when_a_title_is_lost(cut: str) -> None:
    """A conversion may lose a title (the conventions table then ends the narratives by its
    rows) or run it into the text under it (a title in capitals still ends them)."""
    text = (DATA / "tip-2018-whole.txt").read_text(encoding="utf-8")
    title = "RELEVANT INTERNATIONAL CONVENTIONS\n\n"
    cut_text = text.replace(title, "" if cut == "title" else title.rstrip("\n") + " ", 1)
    report = _read(cut_text, "tip-2018.txt")
    assert report.narratives[-1].sections[-1].clean.endswith(
        "Armed groups recruit and use child soldiers in Libya.")
    assert any("Zimbabwe X(a) X X X" in a.text for a in report.set_aside
               if a.kind == "back matter")


def test_a_table_row_alone_does_not_end_a_narrative() -> None:
    text = (DATA / "tip-2018-whole.txt").read_text(encoding="utf-8")
    at = text.index("Women and girls from Zimbabwe")
    report = _read(text[:at] + "Mexico X X\n\n" + text[at:], "tip-2018.txt")
    assert [n.iso3 for n in report.narratives] == ["JAM", "NPL", "ZWE", "LBY"]
    assert "Women and girls from Zimbabwe" in report.narratives[2].sections[-1].clean


def test_a_long_front_matter_pdf_is_set_aside_past_the_example_narrative(
        tmp_path: Path, report_pdf: ModuleType) -> None:
    """Over 8 pages of front matter: the converter sets it aside up to the first real
    narrative, not up to the example heading 'COUNTRY X: TIER 2 WATCH LIST'."""
    text = (DATA / "tip-2018-whole.txt").read_text(encoding="utf-8")
    intro = text[text.index("INTRODUCTION\n\n") + 14 : text.index("PROSECUTION\n\n")]
    text = text.replace(intro, intro * 120, 1)
    path = tmp_path / "tip-2018-long.pdf"
    report_pdf.write_report_pdf(path, text, year=2018, boxes=False)
    converted = pdf_to_text(path.name, path.read_bytes())
    assert converted.text.startswith("JAMAICA: TIER 2\n\n")
    assert converted.pages is not None and converted.pages.page_at(0) > 8
    report = _read(converted.text, path.name)
    assert [n.iso3 for n in report.narratives] == ["JAM", "NPL", "ZWE", "LBY"]
    assert report.warnings == []


_HOW_TO_READ = (b"<html><head><title>How to Read a Country Narrative</title></head><body><main>"
                b"<h1>How to Read a Country Narrative</h1><p>This page shows a sample country "
                b"narrative.</p><h2>COUNTRY X: TIER 2 WATCH LIST</h2><p>The Government of "
                b"Country X does not fully meet the minimum standards.</p>")


def test_a_saved_how_to_read_page_is_front_matter_not_a_narrative() -> None:
    """Saved alone, the page holds no narrative (E133); before a narrative, it is preamble."""
    with pytest.raises(InputError, match="E133"):
        html_to_text("how-to-read.html", _HOW_TO_READ + b"</main></body></html>")
    converted = html_to_text("chapter.html", _HOW_TO_READ + (
        b"<h2>JAMAICA: TIER 2</h2><p>The Government of Jamaica does not fully meet the "
        b"minimum standards.</p></main></body></html>"))
    assert converted.text.startswith("JAMAICA: TIER 2\n\n")
    assert any(a.text == "COUNTRY X: TIER 2 WATCH LIST" for a in converted.asides)


def test_build_summary_counts_the_front_and_back_matter(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "tip-2023-whole.txt"
    report = _read(path.read_text(encoding="utf-8"), path.name)
    front = sum(a.kind == "front matter" for a in report.set_aside)
    back = sum(a.kind == "back matter" for a in report.set_aside)
    assert main(["build", str(path), "-o", str(tmp_path / "out.nt")]) == 0
    err = capsys.readouterr().err
    assert f"set aside, not read as narrative: {back} back matter, {front} front matter" in err
    assert "4 narratives" in err and "warning" not in err
