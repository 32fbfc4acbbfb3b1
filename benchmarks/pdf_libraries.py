"""Compare the maintained PDF libraries on the report's two-column layout: speed and fidelity.

Why ``tipgraph.extract.pdftext`` is built on PDFium (``pypdfium2``) rather than pdfminer.six
or pdfplumber (which is built on pdfminer.six). Each library reads the same PDF, made from the
built-in sample laid out as the published report (``benchmarks/report_pdf.py``), the way it
reads text out of the box:

* ``pypdfium2``: ``PdfTextPage.get_text_range()`` per page (PDFium's own line building);
* ``pypdfium2 + tipgraph``: ``pdf_to_text``, the whole conversion tipgraph does on top;
* ``pdfminer.six``: ``extract_text`` with its default layout analysis (``LAParams()``),
  which orders text boxes for multi-column pages;
* ``pdfplumber``: ``page.extract_text()`` per page.

Fidelity is measured against the text the PDF was made from:

* *paragraphs in order*: the share of the source's paragraphs whose first twelve words come
  out as one run of words, after undoing line-end hyphens (a paragraph broken by the other
  column's text, by a running head or by a box fails);
* *furniture leaked*: running heads, page numbers and margin tabs left in the text;
* *box leaked*: whether the story box's text is in the output.

Seconds are the median of ``--runs`` runs over the first ``--pages`` pages (pdfminer.six and
pdfplumber are not dependencies of tipgraph; install them to include them).

Usage::

    .venv/bin/python benchmarks/pdf_libraries.py --pages 40 --runs 3
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_pdf import RUNNING_HEAD, STORY, write_report_pdf

from tipgraph.extract.sample import sample_text


def _pdfium_raw(data: bytes, pages: int) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    return "\n".join(document[i].get_textpage().get_text_range()
                     for i in range(min(pages, len(document))))


def _pdfium_tipgraph(data: bytes, pages: int) -> str:
    from tipgraph.extract.pdftext import pdf_to_text

    return pdf_to_text("bench.pdf", data).text


def _pdfminer(data: bytes, pages: int) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    return str(extract_text(io.BytesIO(data), maxpages=pages, laparams=LAParams()))


def _pdfplumber(data: bytes, pages: int) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages[:pages])


LIBRARIES: dict[str, tuple[str, Callable[[bytes, int], str]]] = {
    "pypdfium2 (get_text_range)": ("pypdfium2", _pdfium_raw),
    "pypdfium2 + tipgraph pdftext": ("pypdfium2", _pdfium_tipgraph),
    "pdfminer.six (extract_text, LAParams)": ("pdfminer", _pdfminer),
    "pdfplumber (extract_text)": ("pdfplumber", _pdfplumber),
}


def _words(text: str) -> str:
    text = re.sub(r"[-\ufffe\x02]\s*[\r\n]+\s*", "", text)
    return " ".join(text.split())


def fidelity(text: str, paragraphs: list[str], year: int) -> tuple[float, int, bool]:
    """(share of paragraphs whose opening comes out whole, furniture lines left, box leaked)."""
    flat = _words(text)
    found = sum(" ".join(p.split()[:12]) in flat for p in paragraphs)
    furniture = len(re.findall(re.escape(RUNNING_HEAD.format(year=year)), text))
    furniture += len(re.findall(r"^\s*\d{1,3}\s*$", text, re.MULTILINE))
    return found / len(paragraphs), furniture, " ".join(STORY.split()[:10]) in flat


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    text = sample_text()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        # Lay out only as much text as the pages hold, so every library reads the same.
        layout = write_report_pdf(path, text)
        pages = min(args.pages, layout.pages)
        data = path.read_bytes()
        if pages < layout.pages:
            import pypdfium2 as pdfium

            whole = pdfium.PdfDocument(data)
            part = pdfium.PdfDocument.new()
            part.import_pages(whole, list(range(pages)))
            buffer = io.BytesIO()
            part.save(buffer)
            data = buffer.getvalue()
    paragraphs = [text for text, first, last in layout.paragraphs
                  if last <= pages and len(text.split()) >= 12]
    print(f"{pages} pages of the sample laid out as the report; {len(paragraphs)} paragraphs")
    print(f"{'library':40} {'ms/page':>8} {'paragraphs whole':>17} {'furniture':>10} "
          f"{'box in text':>12}")
    for name, (module, read) in LIBRARIES.items():
        try:
            __import__(module)
        except ImportError:
            print(f"{name:40} (not installed)")
            continue
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            out = read(data, pages)
            times.append(time.perf_counter() - start)
        share, furniture, box = fidelity(out, paragraphs, 2017)
        print(f"{name:40} {1000 * statistics.median(times) / pages:8.1f} {share:17.1%} "
              f"{furniture:10d} {'yes' if box else 'no':>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
