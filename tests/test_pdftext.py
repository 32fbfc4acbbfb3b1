"""``tipgraph build report.pdf``: the PDF as published reads as the text it was made from.

The PDFs are made at test time (``benchmarks/report_pdf.py``, the ``report_pdf`` fixture)
from narratives of the built-in 2017 sample, laid out like the report: two columns, a
running head, a page number, the country in a rotated margin tab, hyphenated line ends, a
story box on page 2 and a captioned photo on page 3. The graph built from the PDF must have
the narratives, sections, flows and sentences of the graph built from the text, and every
sentence the page it starts on.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import RDF, Graph

from tipgraph.cli.main import main
from tipgraph.extract.pdftext import pdf_to_text
from tipgraph.extract.records import PageMap
from tipgraph.extract.sample import sample_text
from tipgraph.extract.sniff import sniff
from tipgraph.extract.source import read_source
from tipgraph.ontology import NIF, TIP
from tipgraph.pipeline.build import build_graph

NARRATIVES = ("JAMAICA", "LUXEMBOURG", "KOSOVO")
_HEADING = re.compile(r"^[A-Z][A-Z ,'.()-]+: TIER", re.MULTILINE)


def narratives_text(*names: str) -> str:
    """The sample's narratives of these countries, each from its heading to the next one."""
    text = sample_text()
    parts = []
    for name in names:
        start = text.index(f"\n{name}: ") + 1
        following = _HEADING.search(text, start + len(name) + 2)
        parts.append(text[start : following.start() if following else len(text)])
    return "".join(parts)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, report_pdf: ModuleType) -> tuple[Path, Path,
                                                                                      object]:
    folder = tmp_path_factory.mktemp("pdf")
    text = narratives_text(*NARRATIVES)
    (folder / "report.txt").write_text(text, encoding="utf-8")
    layout = report_pdf.write_report_pdf(folder / "report.pdf", text)
    return folder / "report.txt", folder / "report.pdf", layout


@pytest.fixture(scope="module")
def graphs(made: tuple[Path, Path, object]) -> tuple[Graph, Graph]:
    text, pdf, _ = made
    return build_graph([text]).union, build_graph([pdf]).union


def _facts(graph: Graph) -> dict[str, set[object]]:
    return {
        "narratives": {(n, graph.value(n, TIP.tier), graph.value(n, TIP.partial))
                       for n in graph.subjects(RDF.type, TIP.CountryNarrative)},
        "sections": set(graph.subjects(RDF.type, TIP.NarrativeSection)),
        "flows": {(f, frozenset(graph.objects(f, TIP.form)), frozenset(graph.objects(f, TIP.via)),
                   frozenset(graph.objects(f, TIP.victims)))
                  for f in graph.subjects(RDF.type, TIP.TraffickingFlow)},
        "laws": set(graph.subjects(RDF.type, TIP.Law)),
        "agencies": set(graph.subjects(RDF.type, TIP.Agency)),
        "sentences": set(graph.subjects(RDF.type, TIP.Sentence)),
    }


@pytest.mark.parametrize("kind", ["narratives", "sections", "flows", "laws", "agencies",
                                  "sentences"])
def test_pdf_gives_the_graph_of_the_text(graphs: tuple[Graph, Graph], kind: str) -> None:
    from_text, from_pdf = (_facts(g)[kind] for g in graphs)
    assert from_text, kind
    assert from_pdf == from_text


def _unhyphenated(text: str) -> str:
    return re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", "", text)


def test_sentences_read_the_same(graphs: tuple[Graph, Graph]) -> None:
    """The same words in the same order; a compound split at its own hyphen at a line end may
    lose it (``trafficking-`` + ``related``) when the rest of a short PDF never writes it."""
    texts = [{s: str(g.value(s, TIP.text)) for s in g.subjects(RDF.type, TIP.Sentence)}
             for g in graphs]
    same = sum(texts[0][s] == texts[1][s] for s in texts[0])
    assert same >= 0.97 * len(texts[0])
    assert {s: _unhyphenated(t) for s, t in texts[0].items()} == {
        s: _unhyphenated(t) for s, t in texts[1].items()}


def test_every_page_starts_where_the_pdf_starts_it(made: tuple[Path, Path, object]) -> None:
    _, pdf, layout = made
    converted = pdf_to_text(pdf.name, pdf.read_bytes())
    pages = converted.pages
    assert pages is not None and pages.numbers == tuple(range(1, layout.pages + 1))
    assert layout.pages >= 5
    for number, start in zip(pages.numbers, pages.starts, strict=True):
        first = layout.first_lines[number].rstrip("-")
        assert converted.text[start:].startswith(first), number


def test_sentences_carry_the_page_they_start_on(graphs: tuple[Graph, Graph],
                                                made: tuple[Path, Path, object]) -> None:
    from_text, from_pdf = graphs
    _, pdf, layout = made
    pages = pdf_to_text(pdf.name, pdf.read_bytes()).pages
    assert pages is not None
    found = set()
    for sentence in from_pdf.subjects(RDF.type, TIP.Sentence):
        page = from_pdf.value(sentence, TIP.page)
        assert page is not None and page.datatype is not None
        assert page.toPython() == pages.page_at(from_pdf.value(sentence, NIF.beginIndex)
                                                .toPython())
        found.add(page.toPython())
    assert found == set(range(1, layout.pages + 1))
    assert not list(from_text.objects(None, TIP.page))


def test_page_map_gives_the_page_of_an_offset() -> None:
    pages = PageMap((0, 10, 25), (1, 2, 4))
    assert [pages.page_at(i) for i in (0, 9, 10, 24, 25, 99)] == [1, 1, 2, 2, 4, 4]
    assert PageMap((5,), (1,)).page_at(4) is None


def test_page_furniture_is_not_in_the_text(made: tuple[Path, Path, object]) -> None:
    _, pdf, _ = made
    text = pdf_to_text(pdf.name, pdf.read_bytes()).text
    assert "TRAFFICKING IN PERSONS REPORT 2017" not in text
    assert not re.search(r"^\d+$", text, re.MULTILINE), "a page number was left in"
    # The margin tab repeats the country's name on every page of its narrative.
    assert text.count("JAMAICA") == narratives_text(*NARRATIVES).count("JAMAICA")


def test_story_box_and_caption_are_set_aside(made: tuple[Path, Path, object],
                                             report_pdf: ModuleType) -> None:
    _, pdf, _ = made
    converted = pdf_to_text(pdf.name, pdf.read_bytes())
    assert "recruiter took her passport" not in converted.text
    assert "harvest sugarcane" not in converted.text
    kinds = {(a.page, a.kind) for a in converted.asides}
    assert (2, "box") in kinds and (3, "caption") in kinds
    box = next(a for a in converted.asides if a.kind == "box")
    assert box.text == f"{report_pdf.STORY_TITLE} {report_pdf.STORY}"
    caption = next(a for a in converted.asides if a.kind == "caption")
    assert caption.text == report_pdf.CAPTION


def test_hyphenated_words_are_joined(made: tuple[Path, Path, object]) -> None:
    _, pdf, layout = made
    text = pdf_to_text(pdf.name, pdf.read_bytes()).text
    assert len(layout.hyphenated) > 50
    joined = sum(word.rstrip(".,;:)") in text for word in layout.hyphenated)
    assert joined == len(layout.hyphenated)


def test_columns_are_read_left_then_right(made: tuple[Path, Path, object]) -> None:
    """A paragraph that runs from the foot of the left column to the top of the right one
    comes out whole, and the left column's text comes before the right one's."""
    _, pdf, layout = made
    text = pdf_to_text(pdf.name, pdf.read_bytes()).text
    source = " ".join(narratives_text(*NARRATIVES).split())
    position = [text.find(layout.first_lines[n].rstrip("-")) for n in sorted(layout.first_lines)]
    assert position == sorted(position) and -1 not in position
    opening = "The Government of Jamaica does not fully meet the minimum standards"
    assert opening in text and opening in source


def test_the_format_is_told_by_content(made: tuple[Path, Path, object], tmp_path: Path) -> None:
    _, pdf, _ = made
    disguised = tmp_path / "report.txt"
    disguised.write_bytes(pdf.read_bytes())
    source = read_source(disguised)
    assert source.pages is not None and "JAMAICA: TIER 2" in source.text
    assert sniff(pdf.read_bytes()) == "pdf"
    assert sniff(b"\n\n%PDF-1.4 after a few bytes of junk") == "pdf"


def _scan(path: Path) -> None:
    """A scanned page: an image (here a filled rectangle) and no text at all."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), invariant=1)
    canvas.rect(50, 50, 500, 700, fill=1)
    canvas.showPage()
    canvas.save()


def _encrypted(path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), invariant=1,
                    encrypt=StandardEncryption("secret", canPrint=0))
    canvas.drawString(72, 700, "JAMAICA: TIER 2")
    canvas.showPage()
    canvas.save()


def bad_pdfs(tmp: Path, good: Path) -> dict[str, tuple[Path, str]]:
    _scan(tmp / "scan.pdf")
    _encrypted(tmp / "locked.pdf")
    data = good.read_bytes()
    (tmp / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (tmp / "damaged.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    (tmp / "error-page.pdf").write_bytes(b"<!DOCTYPE html><html><body>Not found</body></html>")
    (tmp / "empty-pages.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return {
        "scanned": (tmp / "scan.pdf", "E132"),
        "encrypted": (tmp / "locked.pdf", "E131"),
        "truncated": (tmp / "truncated.pdf", "E130"),
        "damaged": (tmp / "damaged.pdf", "E130"),
        "not a pdf": (tmp / "error-page.pdf", "E134"),
        "no body": (tmp / "empty-pages.pdf", "E130"),
    }


@pytest.mark.parametrize("case", ["scanned", "encrypted", "truncated", "damaged", "not a pdf",
                                  "no body"])
def test_bad_pdf_is_one_line_exit_2_and_no_output(case: str, tmp_path: Path,
                                                  made: tuple[Path, Path, object],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path, code = bad_pdfs(tmp_path, made[1])[case]
    out = tmp_path / "out.ttl"
    assert main(["build", str(path), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"tipgraph: {code}: "), err
    assert path.name in err
    assert not out.exists()


def test_the_running_head_names_the_year(tmp_path: Path, report_pdf: ModuleType) -> None:
    """The running head is not narrative, but the year it prints is the report's."""
    text = narratives_text("LUXEMBOURG")
    report_pdf.write_report_pdf(tmp_path / "head.pdf", text, year=2019)
    (tmp_path / "head.txt").write_text(text, encoding="utf-8")
    assert build_graph([tmp_path / "head.txt"], validate=False).summaries[0].year == 2017
    summary = build_graph([tmp_path / "head.pdf"], validate=False).summaries[0]
    assert (summary.year, summary.year_inferred) == (2019, True)
    assert build_graph([tmp_path / "head.pdf"], year=2017,
                       validate=False).summaries[0].year == 2017


def test_summary_counts_pages_and_what_was_set_aside(made: tuple[Path, Path, object],
                                                    tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _, pdf, layout = made
    assert main(["build", str(pdf), "-o", str(tmp_path / "out.nt")]) == 0
    err = capsys.readouterr().err
    assert f"{layout.pages} PDF pages" in err
    assert "set aside, not read as narrative: 2 box, 2 caption" in err


def test_a_tinted_background_behind_the_text_is_not_a_box(tmp_path: Path) -> None:
    """A filled rectangle behind most of a page's text is a background: the text is read."""
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "tinted.pdf"
    canvas = Canvas(str(path), invariant=1)
    canvas.setFillColor(Color(0.95, 0.95, 0.9))
    canvas.rect(60, 300, 480, 420, stroke=0, fill=1)
    canvas.setFillColor(Color(0, 0, 0))
    lines = ["JAMAICA: TIER 2", "", "The government identified eight victims in 2016.",
             "It prosecuted nine cases."]
    for i, line in enumerate(lines):
        canvas.drawString(72, 690 - 14 * i, line)
    canvas.showPage()
    canvas.save()
    converted = pdf_to_text(path.name, path.read_bytes())
    assert converted.text.startswith("JAMAICA: TIER 2\n\nThe government identified eight")
    assert converted.asides == ()


def test_a_pdf_in_one_column_reads_the_same(tmp_path: Path, report_pdf: ModuleType) -> None:
    """Early reports, and narratives printed from the web, are set in one column."""
    text = narratives_text("LUXEMBOURG", "KOSOVO")
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    layout = report_pdf.write_report_pdf(tmp_path / "one.pdf", text, columns=1)
    assert layout.pages >= 2
    from_text, from_pdf = (_facts(build_graph([tmp_path / name]).union)
                           for name in ("one.txt", "one.pdf"))
    assert from_pdf == from_text


def test_worker_processes_keep_the_pages(tmp_path: Path, report_pdf: ModuleType) -> None:
    """With --jobs the reports go to worker processes: their page maps must go with them."""
    from tipgraph.graph.serialize import serialize

    text = narratives_text("LUXEMBOURG")
    paths = []
    for year in (2017, 2019):
        paths.append(tmp_path / f"tip-{year}.pdf")
        report_pdf.write_report_pdf(paths[-1], text, year=year)
    one = build_graph(paths, jobs=1).union
    two = build_graph(paths, jobs=2).union
    assert serialize(two, "nt") == serialize(one, "nt")
    assert len(set(two.subjects(TIP.page, None))) == len(
        set(two.subjects(RDF.type, TIP.Sentence)))


def test_a_line_starting_with_an_italic_word_stays_in_its_paragraph(tmp_path: Path) -> None:
    """Only a change between bold and regular lines (or of size) marks a heading."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "italic.pdf"
    canvas = Canvas(str(path), invariant=1)
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawString(72, 700, "JAMAICA: TIER 2")
    rows = [[("Helvetica", "Migrant workers from the region remain vulnerable to forced labor.")],
            [("Helvetica-Oblique", "Kafala "), ("Helvetica", "sponsorship ties workers to one "
                                                              "employer in the country.")],
            [("Helvetica", "Employers confiscate their passports.")]]
    for i, row in enumerate(rows):
        words = canvas.beginText(72, 680 - 12 * i)
        for font, text in row:
            words.setFont(font, 10)
            words.textOut(text)
        canvas.drawText(words)
    canvas.showPage()
    canvas.save()
    text = pdf_to_text(path.name, path.read_bytes()).text
    assert text == ("JAMAICA: TIER 2\n\nMigrant workers from the region remain vulnerable to "
                    "forced labor. Kafala sponsorship ties workers to one employer in the "
                    "country. Employers confiscate their passports.\n")


def test_a_whole_reports_front_matter_is_set_aside(tmp_path: Path, report_pdf: ModuleType) -> None:
    """Pages of text before the first narrative (the report's introduction) are not read as
    the tail of a narrative: taken for Kenya's, they would clash with Kenya's narrative."""
    kenya = narratives_text("KENYA")
    body = kenya.split("\n", 1)[1]  # the narrative without its heading line
    front = "".join(body for _ in range(4))
    text = front + narratives_text("LUXEMBOURG") + kenya
    report_pdf.write_report_pdf(tmp_path / "whole.pdf", text, boxes=False)
    converted = pdf_to_text("whole.pdf", (tmp_path / "whole.pdf").read_bytes())
    assert converted.text.startswith("LUXEMBOURG: TIER 1\n\n")
    assert converted.pages is not None and converted.pages.page_at(0) > 8
    set_aside = [a for a in converted.asides if a.kind == "front matter"]
    assert " ".join(a.text for a in set_aside).count("Kenya") == 4 * body.count("Kenya")
    assert converted.pages is not None and converted.pages.page_at(0) == set_aside[-1].page
    result = build_graph([tmp_path / "whole.pdf"], validate=False)
    assert result.narratives == 2
    assert result.summaries[0].set_aside["front matter"] == len(set_aside)
