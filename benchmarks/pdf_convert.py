"""Benchmark the conversion of a whole report PDF (about 450 pages) to reader text.

A report-sized PDF is made from the built-in sample laid out as the published report
(``benchmarks/report_pdf.py``: two columns, running head, folios, margin tabs, hyphenated
line ends, a story box and a captioned photo every three pages), copied until it has at
least ``--pages`` pages. It is then converted ``--runs`` times with
``tipgraph.extract.pdftext.pdf_to_text`` (open, lines, furniture, reading order, paragraphs,
page map), and the script prints the median wall and CPU seconds, the time per page, and
the size of the text. The target: well under a minute for a whole report.

Usage::

    .venv/bin/python benchmarks/pdf_convert.py                 # 450 pages, 5 runs
    .venv/bin/python benchmarks/pdf_convert.py --pages 100 --runs 3 --keep /tmp/report.pdf
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_pdf import write_report_pdf

from tipgraph.extract.pdftext import pdf_to_text
from tipgraph.extract.sample import sample_text


def make_pdf(path: Path, pages: int) -> int:
    """Write a PDF of at least ``pages`` pages from the sample; return its page count."""
    text = sample_text()
    with tempfile.TemporaryDirectory() as folder:
        per_copy = write_report_pdf(Path(folder) / "one.pdf", text).pages
    return write_report_pdf(path, text, copies=math.ceil(pages / per_copy)).pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=450)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the PDF here and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "report.pdf"
        pages = make_pdf(path, args.pages)
        data = path.read_bytes()
        walls, cpus = [], []
        for _ in range(args.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            converted = pdf_to_text(path.name, data)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(f"{pages} pages, {len(data) / 2**20:.1f} MiB of PDF -> {len(converted.text) / 2**20:.1f}"
          f" MiB of text, {len(converted.asides)} boxes and captions set aside")
    print(f"median of {args.runs} runs: {wall:.2f} s wall, {cpu:.2f} s CPU, "
          f"{1000 * wall / pages:.1f} ms per page (runs: {', '.join(f'{w:.2f}' for w in walls)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
