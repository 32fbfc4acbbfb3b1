"""Convert the TIP report as published (a PDF) into the text the reader reads, with a page map.

The State Department publishes each report as one PDF of about 450 pages: narratives set in
two columns, a running head and a page number on every page, the country's name in a tab in
the outer margin, words hyphenated at line ends, and story boxes and captioned photos among
the narratives. The reader wants headings on lines of their own and paragraphs separated by
blank lines (see :mod:`tipgraph.extract.reader`). This module gets there in four steps:

1. **Lines with their geometry**, from PDFium (``pypdfium2``): each page's text in one call,
   then for each of its lines the boxes of its first and last characters, font size, font
   name and angle. PDFium was chosen over pdfminer.six and pdfplumber by measurement
   (``benchmarks/pdf_libraries.py``, ``docs/formats.md``): it is 20-40 times faster on a
   two-column report page, so a whole report converts in seconds, not minutes.
2. **Page furniture out**: lines in the top or bottom band of the page that repeat on other
   pages (digits aside) or are a bare page number; rotated text (the margin tab) and lines
   wholly outside the text block; lines inside a filled box (a story box) and lines set
   smaller than the narrative (photo captions), which go to :class:`Aside` records instead of
   the text, so they are neither read as narrative nor lost.
3. **Reading order**: each line is in the left column, the right one, or spans both; a
   spanning line cuts the page into bands, and each band is read left column, then right.
4. **Paragraphs**: lines join with a space, a line-end hyphen is removed when the report
   itself writes the word whole elsewhere, or when it never writes it hyphenated
   ("traffick-" + "ers"), and kept when it does ("anti-" + "trafficking"). A paragraph ends
   at a wider gap than the line pitch, an indent, a change between bold and regular lines
   or of size (a heading), or a short line ending a sentence; a column or page break in
   mid-paragraph does not end it.

Offsets of the report records (``nif:beginIndex``) index the converted text; the
:class:`~tipgraph.extract.records.PageMap` gives each offset its PDF page.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from tipgraph.core.errors import InputError
from tipgraph.extract import patterns
from tipgraph.extract.reader import match_narrative_heading
from tipgraph.extract.records import Aside, Converted, PageMap
from tipgraph.extract.report_parts import example_country
from tipgraph.extract.year import infer_year

__all__ = ["pdf_to_text"]

# The top and bottom bands of a page where running heads, footers and folios sit.
_BAND = 0.075
# A filled path at least this wide and tall, holding text, is a story box.
_BOX_MIN = (40.0, 20.0)
# ... unless it holds more than this share of the page's lines (a background, a frame).
_BOX_MAX_SHARE = 0.5
# Text over this many pages before the first narrative heading is the report's front matter.
_FRONT_PAGES = 8
# A page more than this share of whose lines cross the middle is set in one column.
_ONE_COLUMN = 0.3
# Text set smaller than this share of the narrative's size is a caption or a note.
_SMALL = 0.88
# A gap between baselines this many times the line pitch ends a paragraph.
_GAP = 1.35
# A line shorter than this share of the column that ends a sentence ends its paragraph.
_SHORT = 0.8
_SENTENCE_END = re.compile(r"[.?!:][\"'”’)\]]*\Z")
_HYPHENS = ("-",)
# PDFium writes a line-end hyphen it takes for a soft one as U+FFFE (U+0002 in some calls);
# a PDF may also hold a real soft hyphen. All of them print as "-".
_SOFT = str.maketrans({"\ufffe": "-", "\x02": "-", "\u00ad": "-"})
_DASHES = ("—", "–", "/")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BOLD = re.compile(rb"bold|black|heavy|semibold|demi", re.IGNORECASE)
_FOLIO = re.compile(r"(?:page )?#|[ivxlc]+")
_LINE = re.compile(r"[^\r\n\ufffe]*\ufffe|[^\r\n\ufffe]+")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})


@dataclass(slots=True)
class _Line:
    """One line of a page as PDFium lays it out; ``kind`` says what it turned out to be.

    ``bold`` is True when the line begins and ends in a bold face (a heading), not when
    only a word of it is bold or italic: a line that starts with an emphasised word is
    still the paragraph's.
    """

    page: int
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    bold: bool
    text: str
    rotated: bool = False
    column: int = 0
    kind: str = "body"


def _open(name: str, data: bytes) -> object:
    """Open the PDF, with E130 (damaged or truncated) and E131 (password) errors."""
    import pypdfium2 as pdfium

    tail = data[-4096:]
    if b"%%EOF" not in tail:
        raise InputError(f"{name} is a truncated PDF: it ends without the %%EOF marker after "
                         f"{len(data)} bytes; download it again", code="E130")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise InputError(f"{name} is an encrypted PDF that needs a password to open; "
                             "save an unprotected copy first", code="E131") from None
        raise InputError(f"{name} is a damaged PDF that cannot be opened ({reason.rstrip('.')})",
                         code="E130") from None
    if len(document) == 0:
        raise InputError(f"{name} is a PDF with no pages", code="E130")
    return document


def _lines(page: object, number: int) -> list[_Line]:
    """The text lines of one page, each with its box, font size, weight and angle."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()  # type: ignore[attr-defined]
    raw = textpage.raw
    text = textpage.get_text_range()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    name = ctypes.create_string_buffer(96)
    flags = ctypes.c_int()
    width = page.get_width()  # type: ignore[attr-defined]
    lines: list[_Line] = []

    def box(i: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top)
        return left.value, right.value, bottom.value, top.value

    # PDFium ends a line at "\r\n", but runs a line that ends in a hyphen it takes for a
    # soft one ("\ufffe") on into the next: that is a line end too.
    for m in _LINE.finditer(text):
        segment = m.group()
        first = m.start() + len(segment) - len(segment.lstrip())
        last = m.end() - 1 - (len(segment) - len(segment.rstrip()))
        if first > last:
            continue
        x0, _, b0, t0 = box(first)
        _, x1, b1, t1 = box(last)
        size = pdfium_c.FPDFText_GetFontSize(raw, first)
        pdfium_c.FPDFText_GetFontInfo(raw, first, name, len(name), ctypes.byref(flags))
        bold = _BOLD.search(name.value) is not None
        if bold and last != first:
            pdfium_c.FPDFText_GetFontInfo(raw, last, name, len(name), ctypes.byref(flags))
            bold = _BOLD.search(name.value) is not None
        angle = pdfium_c.FPDFText_GetCharAngle(raw, first)
        rotated = 0.05 < angle < 6.23
        pieces = [(first, last, x0, x1)]
        if not rotated and x0 < width / 2 - 4 and x1 > width / 2 + 4:
            pieces = _split_at_gutter(first, last, box, size)
        for a, b, px0, px1 in pieces:
            lines.append(_Line(number, min(px0, px1), max(px0, px1), min(b0, b1),
                               max(t0, t1), round(size * 2) / 2, bold,
                               text[a : b + 1].strip().translate(_LIGATURES).translate(_SOFT),
                               rotated))
    return lines


def _split_at_gutter(first: int, last: int, box: object,
                     size: float) -> list[tuple[int, int, float, float]]:
    """Split a line that PDFium ran across both columns at its widest gap, if it has one.

    A line crossing the middle of the page is either a heading set across the page or two
    column lines on the same baseline that PDFium put on one line; only the second has a gap
    wider than a few spaces, and only such lines need their characters' boxes.
    """
    boxes = [box(i) for i in range(first, last + 1)]  # type: ignore[operator]
    widest, at = 0.0, -1
    previous = boxes[0][1]
    for k in range(1, len(boxes)):
        x0, x1, _, _ = boxes[k]
        if x1 <= x0:  # a generated space has no width
            continue
        if x0 - previous > widest:
            widest, at = x0 - previous, k
        previous = x1
    if widest < 2.5 * max(size, 4.0):
        return [(first, last, boxes[0][0], boxes[-1][1])]
    end = at - 1
    while end > 0 and boxes[end][1] <= boxes[end][0]:
        end -= 1
    return [(first, first + end, boxes[0][0], boxes[end][1]),
            (first + at, last, boxes[at][0], boxes[-1][1])]


def _boxes(page: object) -> list[tuple[float, float, float, float]]:
    """The filled rectangles of a page that are big enough to frame a story box."""
    import pypdfium2.raw as pdfium_c

    found = []
    area = page.get_width() * page.get_height()  # type: ignore[attr-defined]
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):  # type: ignore[attr-defined]
        x0, y0, x1, y1 = obj.get_bounds()
        w, h = x1 - x0, y1 - y0
        if w >= _BOX_MIN[0] and h >= _BOX_MIN[1] and w * h < 0.6 * area:
            found.append((x0, y0, x1, y1))
    return found


def _mark_furniture(lines: list[_Line], height: dict[int, float]) -> None:
    """Mark running heads, folios, footers and margin tabs as ``chrome``.

    A line in the top or bottom band is furniture when it repeats on another page with only
    its digits changed ("TRAFFICKING IN PERSONS REPORT 2017", "JUNE 2017 | 222"), or is a
    folio by itself ("222", "Page 3", "xiv").
    """
    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.split()).lower())

    banded = [ln for ln in lines
              if ln.bottom > height[ln.page] * (1 - _BAND) or ln.top < height[ln.page] * _BAND]
    seen = Counter(key(ln) for ln in {(ln.page, key(ln)): ln for ln in banded}.values())
    for line in banded:
        k = key(line)
        if seen[k] >= 2 or _FOLIO.fullmatch(k):
            line.kind = "chrome"
    for line in lines:
        if line.rotated:
            line.kind = "chrome"
    body = [ln for ln in lines if ln.kind == "body"]
    if not body:
        return
    starts = sorted(ln.x0 for ln in body)
    ends = sorted(ln.x1 for ln in body)
    left = starts[len(starts) // 20]
    right = ends[len(ends) - 1 - len(ends) // 20]
    for line in body:
        if line.x1 < left - 2 or line.x0 > right + 2:
            line.kind = "chrome"


def _body_size(lines: list[_Line]) -> float:
    """The narrative's font size: the size most of the characters are set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.kind == "body":
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _inside(line: _Line, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return x0 - 2 <= line.x0 and line.x1 <= x1 + 2 and y0 - 2 <= line.bottom and \
        line.top <= y1 + 2


def _mark_asides(lines: list[_Line], boxes: dict[int, list[tuple[float, float, float, float]]],
                 size: float) -> None:
    """Mark lines inside a story box as ``box`` and small-print lines as ``caption``.

    A rectangle round most of a page's text is a background or a frame, not a box.
    """
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        if line.kind == "body":
            by_page.setdefault(line.page, []).append(line)
    for number, page_lines in by_page.items():
        for box in boxes.get(number, ()):
            inside = [line for line in page_lines if _inside(line, box)]
            if len(inside) <= _BOX_MAX_SHARE * len(page_lines):
                for line in inside:
                    line.kind = "box"
        for line in page_lines:
            if line.kind == "body" and line.size < size * _SMALL:
                line.kind = "caption"


def _reading_order(lines: list[_Line], width: float) -> Iterator[_Line]:
    """A page's body lines in reading order: by bands between spanning lines, columns left first.

    Sets each line's ``column``: 0 left, 1 right, -1 across both; on a page set in one
    column, 0 for all.
    """
    middle = width / 2
    for line in lines:
        line.column = 0 if line.x1 <= middle + 2 else 1 if line.x0 >= middle - 2 else -1
    if sum(line.column == -1 for line in lines) > _ONE_COLUMN * len(lines):
        # A page set in one column (a web page printed to PDF): top to bottom.
        for line in lines:
            line.column = 0
        yield from sorted(lines, key=lambda ln: (-ln.top, ln.x0))
        return
    band: list[_Line] = []
    for line in sorted(lines, key=lambda ln: (-ln.top, ln.x0)):
        if line.column == -1:
            yield from sorted(band, key=lambda ln: (ln.column, -ln.top, ln.x0))
            band = []
            yield line
        else:
            band.append(line)
    yield from sorted(band, key=lambda ln: (ln.column, -ln.top, ln.x0))


def _pitch(ordered: list[_Line], size: float) -> float:
    """The narrative's line pitch: the commonest gap between baselines in a column."""
    gaps: Counter[float] = Counter()
    for a, b in pairwise(ordered):
        if a.page == b.page and a.column == b.column and a.size == b.size == size:
            gap = round(a.bottom - b.bottom, 1)
            if 0 < gap < 3 * size:
                gaps[gap] += 1
    if not gaps:
        return 1.2 * size
    # On a tie (a short text), the smaller gap: the wider one is a paragraph's.
    return min(gaps, key=lambda gap: (-gaps[gap], gap))


def _ends_paragraph(line: _Line, column_width: float) -> bool:
    return (line.x1 - line.x0 < _SHORT * column_width
            and _SENTENCE_END.search(line.text) is not None)


def _breaks(previous: _Line, line: _Line, pitch: float, column_width: float) -> bool:
    """Tell whether ``line`` starts a new paragraph after ``previous``."""
    if previous.bold != line.bold or previous.size != line.size:
        return True
    if previous.page == line.page and previous.column == line.column:
        if previous.bottom - line.bottom > _GAP * pitch:
            return True
        if line.x0 > previous.x0 + 0.8 * line.size and line.column != -1:
            return True
    return _ends_paragraph(previous, column_width)


def _join(text: str, line: str, vocabulary: set[str], prefixes: frozenset[str]) -> str:
    """Append a line to a paragraph, undoing the hyphenation of a word split at the line end.

    Between two letters, the hyphen goes when the report writes the word whole elsewhere, and
    stays when it writes it hyphenated elsewhere; a word it writes neither way keeps its
    hyphen when its second half is a word of the report and the first is one too, or a
    prefix such as ``non`` or ``sub`` ("sub-" + "committees") or a ten ("twenty-" +
    "three"): a typesetter hyphenates inside a word, and a compound breaks at its own hyphen.
    The more of the report there is, the better this guesses; on the 2017 sample (2,234
    hyphenated line ends) it gets all but two right. After a digit or a sign the hyphen is a range
    ("2013-" + "2017") and stays, without a space; so does a dash ("victims—" + "all").
    """
    if not line:
        return text
    end = text[-1:]
    if end in _HYPHENS and len(text) > 1 and not text[-2].isspace():
        head_words = _WORD.findall(text[-40:-1])
        tail_words = _WORD.findall(line[:40])
        if text[-2].isalpha() and line[0].isalpha() and head_words and tail_words:
            head, tail = head_words[-1].lower(), tail_words[0].lower()
            whole, hyphenated = head.rsplit("-", 1)[-1] + tail, f"{head}-{tail}"
            keep = hyphenated in vocabulary or not line[0].islower() or (
                whole not in vocabulary and tail in vocabulary and (
                    head in prefixes or head in vocabulary))
            if not keep:
                return text[:-1] + line
        return text[:-1] + "-" + line
    if end in _DASHES:
        return text + line
    return f"{text} {line}"


def _vocabulary(lines: list[_Line]) -> set[str]:
    """The words the report writes inside its lines (hyphenated compounds as such).

    A line's first and last words are left out: either may be half of a word split at a
    line end ("traffick-" / "ers"), and taking a half for a word would mislead the
    hyphenation rule of :func:`_join`.
    """
    words: set[str] = set()
    for line in lines:
        words.update(_WORD.findall(line.text.lower())[1:-1])
    return words


@lru_cache(maxsize=1)
def hyphen_prefixes() -> frozenset[str]:
    """Words written before a hyphen: prefixes ("non-", "sub-") and the tens of numbers
    ("twenty-three"), from ``patterns/hyphen_prefixes.jsonl``.

    Example:
        >>> "non" in hyphen_prefixes()
        True
    """
    return frozenset(str(row.value) for row in patterns.load("hyphen_prefixes.jsonl"))


def pdf_to_text(name: str, data: bytes) -> Converted:
    """Convert a report PDF into reader text, with its page map and the text set aside.

    Args:
        name: the file's name, for messages.
        data: the PDF's bytes.

    Returns:
        The converted text (headings and paragraphs, one per line, separated by blank
        lines), the page of every offset, and the story boxes and captions kept out.

    Raises:
        InputError: E130 a truncated or damaged PDF; E131 an encrypted one; E132 one with no
            text layer (a scan).
    """
    document = _open(name, data)
    lines: list[_Line] = []
    height: dict[int, float] = {}
    width: dict[int, float] = {}
    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    count = len(document)  # type: ignore[arg-type]
    for index in range(count):
        page = document[index]  # type: ignore[index]
        number = index + 1
        height[number], width[number] = page.get_height(), page.get_width()
        found = _lines(page, number)
        if found:
            boxes[number] = _boxes(page)
        lines.extend(found)
    if not any(line.text for line in lines):
        pages = f"{count} page{'s' if count != 1 else ''}"
        raise InputError(f"{name} has no text layer ({pages} of images, a scan?): run OCR on "
                         "it (e.g. ocrmypdf) and build from the result", code="E132")
    _mark_furniture(lines, height)
    size = _body_size(lines)
    _mark_asides(lines, boxes, size)
    ordered: list[_Line] = []
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        if line.kind == "body":
            by_page.setdefault(line.page, []).append(line)
    for number in sorted(by_page):
        ordered.extend(_reading_order(by_page[number], width[number]))
    return _assemble(ordered, lines, size)


def _assemble(ordered: list[_Line], lines: list[_Line], size: float) -> Converted:
    """Join the ordered body lines into paragraphs and record where each page starts."""
    vocabulary = _vocabulary(ordered)
    prefixes = hyphen_prefixes()
    pitch = _pitch(ordered, size)
    spans = sorted(ln.x1 - ln.x0 for ln in ordered if ln.column != -1) or [1.0]
    column_width = spans[len(spans) - 1 - len(spans) // 20]
    out: list[str] = []
    length = 0
    starts: list[int] = []
    numbers: list[int] = []
    paragraph = ""
    previous: _Line | None = None

    def flush() -> None:
        nonlocal paragraph, length
        if paragraph:
            separator = "\n\n" if out else ""
            out.append(separator + paragraph)
            length += len(separator) + len(paragraph)
        paragraph = ""

    for line in ordered:
        if previous is None or _breaks(previous, line, pitch, column_width):
            flush()
            offset = length + (2 if out else 0)
            paragraph = line.text
        else:
            joined = _join(paragraph, line.text, vocabulary, prefixes)
            offset = length + (2 if out else 0) + len(joined) - len(line.text)
            paragraph = joined
        if not numbers or numbers[-1] != line.page:
            starts.append(offset)
            numbers.append(line.page)
        previous = line
    flush()
    text = "".join(out) + "\n"
    furniture = "\n".join(ln.text for ln in lines if ln.kind == "chrome")
    pages = PageMap(tuple(starts), tuple(numbers))
    text, pages, front = _front_matter(text, pages)
    return Converted("pdf", text, pages, (*front, *_asides(lines, vocabulary, prefixes)),
                     infer_year(furniture))


def _front_matter(text: str, pages: PageMap) -> tuple[str, PageMap, list[Aside]]:
    """Set aside the report's front matter: the pages before its first narrative heading.

    The published report opens with some fifty pages (letters, the introduction, the tier
    placements) before the first narrative. Left in the text, they would be read as the tail
    of a narrative whose heading is missing, attributed to the country they name most, and
    that country's real narrative would then clash with it. A PDF cut out of a report may
    also begin inside a narrative; that tail is a few pages at most and is kept. So what
    precedes the first narrative heading is set aside when it runs over ``_FRONT_PAGES``
    pages or more.
    """
    offset = 0
    first = None
    for block in text.split("\n\n"):
        heading = match_narrative_heading(block.split("\n", 1)[0])
        if heading is not None and not example_country(heading[0]):
            # (The example heading of "How to Read a Country Narrative" is front matter.)
            first = offset
            break
        offset += len(block) + 2
    if not first:
        return text, pages, []
    opening = pages.page_at(first) or pages.numbers[0]
    if opening - pages.numbers[0] < _FRONT_PAGES:
        return text, pages, []
    front: list[Aside] = []
    offset = 0
    for block in text[: first - 2].split("\n\n"):
        front.append(Aside(pages.page_at(offset) or pages.numbers[0], "front matter", block))
        offset += len(block) + 2
    kept = [(start - first, number) for start, number in zip(pages.starts, pages.numbers,
                                                            strict=True) if start >= first]
    if not kept or kept[0][0] > 0:
        kept.insert(0, (0, opening))
    return text[first:], PageMap(tuple(s for s, _ in kept), tuple(n for _, n in kept)), front


def _asides(lines: list[_Line], vocabulary: set[str],
            prefixes: frozenset[str]) -> tuple[Aside, ...]:
    """The boxes and captions of every page, consecutive lines of a kind joined."""
    asides: list[Aside] = []
    current: tuple[int, str] | None = None
    text = ""
    for line in [*lines, None]:
        key = (line.page, line.kind) if line is not None else None
        if key != current:
            if current is not None and current[1] in ("box", "caption") and text:
                asides.append(Aside(current[0], current[1], text))
            current, text = key, ""
        if line is not None:
            text = _join(text, line.text, vocabulary, prefixes) if text else line.text
    return tuple(asides)
