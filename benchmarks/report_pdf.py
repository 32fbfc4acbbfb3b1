"""Write a report text as a PDF laid out like the published TIP report, for tests and benchmarks.

The State Department's PDF sets the narratives in two columns under a running head, with
the page number at the foot, the country's name in a tab in the outer margin, words
hyphenated at line ends, and, here and there, a shaded story box or a photo with a caption
inside a narrative. ``tipgraph build report.pdf`` has to undo all of that; this module makes
PDFs that have all of it, from real narrative text, so the conversion can be checked against
the text the PDF was made from (``tests/test_pdftext.py``) and timed on a whole-report-sized
file (``benchmarks/pdf_convert.py``).

The text is laid out line by line with ReportLab's canvas (not Platypus) so that the layout
is fully known: which words were hyphenated, where each page starts, what sits in a box.

Usage::

    .venv/bin/python benchmarks/report_pdf.py OUT.pdf [--copies N]   # the built-in sample
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tipgraph.extract.headings import match_chapter_heading
from tipgraph.extract.reader import match_narrative_heading, match_section_heading
from tipgraph.extract.repair import repair
from tipgraph.extract.report_parts import match_report_part

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN_X, TOP, BOTTOM = 54.0, 740.0, 60.0
GUTTER = 20.0
COLUMN_W = (PAGE_W - 2 * MARGIN_X - GUTTER) / 2
BODY_FONT, BODY_SIZE, LEADING = "Helvetica", 9.5, 12.0
HEAD_FONT = "Helvetica-Bold"
PARAGRAPH_GAP = 6.0
RUNNING_HEAD = "TRAFFICKING IN PERSONS REPORT {year}"
STORY_TITLE = "A Survivor's Story"
STORY = ("Maria answered an advertisement for work as a waitress abroad. On arrival, the "
         "recruiter took her passport and told her she owed a debt for the journey that she "
         "could only repay by working in a bar every night. She escaped after eight months "
         "and now helps other women recognize fraudulent job offers.")
CAPTION = ("Workers harvest sugarcane in the early morning. Traffickers often exploit "
           "migrants in agriculture through debt bondage.")


@dataclass(frozen=True, slots=True)
class Block:
    """A heading (``narrative`` or ``section``) or a paragraph (``para``) of the text."""

    kind: str
    text: str


@dataclass(slots=True)
class Layout:
    """What was put on which page, for the tests to check the conversion against.

    Attributes:
        pages: how many pages were written.
        hyphenated: the words split with a hyphen at a line end, in order.
        first_lines: the first line of narrative text of each page (not the furniture).
        paragraphs: each paragraph's text with the pages of its first and last lines.
    """

    pages: int = 0
    hyphenated: list[str] = field(default_factory=list)
    first_lines: dict[int, str] = field(default_factory=dict)
    paragraphs: list[tuple[str, int, int]] = field(default_factory=list)


def blocks_of(text: str) -> list[Block]:
    """Cut a report text into headings and paragraphs, escapes undone, lines joined.

    Paragraphs are kept as the text has them (a paragraph that a page break of the original
    PDF cut in two stays two), so the PDF reads back to the same paragraphs as the text.
    """
    blocks: list[Block] = []
    for m in re.finditer(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*", text):
        chunk = m.group()
        if not chunk.strip():
            continue
        line = chunk.strip()
        if "\n" not in line and match_narrative_heading(line):
            blocks.append(Block("narrative", line))
        elif "\n" not in line and (match_report_part(line) or match_chapter_heading(line)):
            # A whole report's chapter titles and tier lines are set bold, as headings.
            blocks.append(Block("section", line))
        elif "\n" not in line and match_section_heading(line) and match_section_heading(
                line)[2] == len(line):  # type: ignore[index]
            blocks.append(Block("section", line))
        else:
            clean, _ = repair(text, m.start(), m.end())
            blocks.append(Block("para", " ".join(clean.split())))
    return blocks


class _Writer:
    """Lays blocks out in two columns, page after page, with the report's page furniture."""

    def __init__(self, canvas: Canvas, year: int, boxes: bool, columns: int) -> None:
        self.c = canvas
        self.year = year
        self.columns = columns
        self.boxes = boxes and columns == 2
        self.width = COLUMN_W if columns == 2 else PAGE_W - 2 * MARGIN_X
        self.layout = Layout()
        self.column = 0
        self.y = TOP
        self.floor = BOTTOM
        self.country = ""
        self.page_open = False

    # ---------------------------------------------------------------- page furniture
    def _open_page(self) -> None:
        self.layout.pages += 1
        number = self.layout.pages
        c = self.c
        c.setFont("Helvetica", 7.5)
        c.drawCentredString(PAGE_W / 2, 762, RUNNING_HEAD.format(year=self.year))
        c.drawCentredString(PAGE_W / 2, 30, str(number))
        if self.country:
            c.saveState()
            c.setFont("Helvetica-Bold", 8)
            x = PAGE_W - 20 if number % 2 else 20
            c.translate(x, PAGE_H / 2)
            c.rotate(90)
            c.drawCentredString(0, 0, self.country)
            c.restoreState()
        self.column, self.y, self.floor = 0, TOP, BOTTOM
        self.page_open = True
        if self.boxes and number % 3 == 2:
            self._story_box()
        if self.boxes and number % 3 == 0:
            self._photo()

    def _story_box(self) -> None:
        """A shaded box at the foot of the right column, as the report prints its stories."""
        x = MARGIN_X + COLUMN_W + GUTTER
        lines = _wrap(STORY, COLUMN_W - 16, BODY_FONT, 8.5, [])
        height = 22 + len(lines) * 10.5 + 8
        c = self.c
        c.setFillColor(Color(0.85, 0.9, 0.95))
        c.rect(x, BOTTOM, COLUMN_W, height, stroke=0, fill=1)
        c.setFillColor(Color(0, 0, 0))
        c.setFont(HEAD_FONT, 9)
        y = BOTTOM + height - 16
        c.drawString(x + 8, y, STORY_TITLE)
        c.setFont(BODY_FONT, 8.5)
        for line in lines:
            y -= 10.5
            c.drawString(x + 8, y, line)
        self.right_floor = BOTTOM + height + 12

    def _photo(self) -> None:
        """A photo (a grey block) with an italic caption under it, at the top of the left column."""
        c = self.c
        c.setFillColor(Color(0.6, 0.6, 0.6))
        c.rect(MARGIN_X, TOP - 120, COLUMN_W, 120, stroke=0, fill=1)
        c.setFillColor(Color(0, 0, 0))
        c.setFont("Helvetica-Oblique", 7.5)
        y = TOP - 132
        for line in _wrap(CAPTION, COLUMN_W, "Helvetica-Oblique", 7.5, []):
            c.drawString(MARGIN_X, y, line)
            y -= 9
        self.y = y - 12

    def _next_column(self) -> None:
        if self.column == 0 and self.columns == 2:
            self.column = 1
            self.y = TOP
            self.floor = getattr(self, "right_floor", BOTTOM) if (
                self.boxes and self.layout.pages % 3 == 2) else BOTTOM
        else:
            self.c.showPage()
            self.page_open = False
            self._open_page()

    def _x(self) -> float:
        return MARGIN_X + self.column * (COLUMN_W + GUTTER)

    def _line(self, text: str, font: str, size: float) -> None:
        if not self.page_open:
            self._open_page()
        if self.y - LEADING < self.floor:
            self._next_column()
        self.y -= LEADING
        self.c.setFont(font, size)
        self.c.drawString(self._x(), self.y, text)
        self.layout.first_lines.setdefault(self.layout.pages, text)

    # ---------------------------------------------------------------- blocks
    def write(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            if block.kind == "narrative":
                self.country = block.text.split(":")[0]
                self.y -= PARAGRAPH_GAP * 2
                for line in _wrap(block.text, self.width, HEAD_FONT, 11, []):
                    self._line(line, HEAD_FONT, 11)
            elif block.kind == "section":
                self.y -= PARAGRAPH_GAP
                for line in _wrap(block.text, self.width, HEAD_FONT, BODY_SIZE, []):
                    self._line(line, HEAD_FONT, BODY_SIZE)
            else:
                self.y -= PARAGRAPH_GAP
                first = 0
                for line in _wrap(block.text, self.width, BODY_FONT, BODY_SIZE,
                                  self.layout.hyphenated):
                    self._line(line, BODY_FONT, BODY_SIZE)
                    first = first or self.layout.pages
                self.layout.paragraphs.append((block.text, first, self.layout.pages))
        self.c.showPage()


def _wrap(text: str, width: float, font: str, size: float, hyphenated: list[str]) -> list[str]:
    """Greedy line breaking; a long word that does not fit is hyphenated, as typesetters do.

    A word of eight letters or more is split after its longest prefix (of three letters or
    more, leaving three or more) that fits with a hyphen; the split words go to
    ``hyphenated``. Words already holding a hyphen are broken after it, never inside.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if stringWidth(trial, font, size) <= width:
            current = trial
            continue
        if "-" in word[1:-1] and current:
            head, tail = word.split("-", 1)
            if stringWidth(f"{current} {head}-", font, size) <= width:
                lines.append(f"{current} {head}-")
                current = tail
                continue
        letters = re.fullmatch(r"([A-Za-z]{8,})([^A-Za-z]*)", word)
        if letters and current:
            core = letters.group(1)
            for cut in range(len(core) - 3, 2, -1):
                if stringWidth(f"{current} {core[:cut]}-", font, size) <= width:
                    lines.append(f"{current} {core[:cut]}-")
                    hyphenated.append(word)
                    current = core[cut:] + letters.group(2)
                    break
            else:
                lines.append(current)
                current = word
            continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def write_report_pdf(path: Path, text: str, *, year: int = 2017, boxes: bool = True,
                     copies: int = 1, columns: int = 2) -> Layout:
    """Write ``text`` (a report text such as the built-in sample) as a two-column report PDF.

    Args:
        path: where to write the PDF.
        text: the report text; headings and paragraphs are found as the reader finds them.
        year: the year in the running head.
        boxes: put a story box on every third page (from page 2) and a photo with a caption
            on every third page (from page 3).
        copies: lay the text out this many times in a row (a whole report's page count
            from the sample, for the benchmark).
        columns: 2, as the report is set, or 1 (as early reports and pages printed from
            the web are); one column has no boxes.

    Returns:
        What went where (pages, hyphenated words).
    """
    canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    writer = _Writer(canvas, year, boxes, columns)
    blocks = blocks_of(text)
    writer.write(block for _ in range(copies) for block in blocks)
    canvas.save()
    return writer.layout


def main(argv: list[str] | None = None) -> int:
    from tipgraph.extract.sample import sample_text

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args(argv)
    layout = write_report_pdf(args.out, sample_text(), copies=args.copies)
    print(f"{args.out}: {layout.pages} pages, {len(layout.hyphenated)} hyphenated words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
