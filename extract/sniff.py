"""Tell a report file's format by its content, and convert a PDF or a web page to report text.

Users give tipgraph what they downloaded: the report's PDF, a country page saved from a
browser, or text. A file's name may lie (``report.pdf`` that is an HTML error page, a page
saved as ``.txt``), so the bytes decide: ``%PDF-`` in the first kilobyte is a PDF (the
specification allows bytes before it), markup at the start is HTML, anything else is text,
read as before (:func:`tipgraph.extract.source.decode`). A file named ``.pdf`` that is not a
PDF is refused (E134): it is almost always a failed download, and reading it as text would
only give a puzzling error further on.

The converters are imported only when needed, so reading text pays for neither PDFium nor
lxml.
"""

from __future__ import annotations

import re

from tipgraph.core.errors import InputError
from tipgraph.extract.records import Converted

__all__ = ["convert", "sniff"]

_PDF_MAGIC = b"%PDF-"
_PDF_WINDOW = 1024
# Markup a saved page starts with, after a byte-order mark, white space and comments.
_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|"
    rb"div|p|h[1-6]|article|main|section|table)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_WINDOW = 4096


def sniff(data: bytes) -> str:
    """Tell what a report file holds: ``"pdf"``, ``"html"`` or ``"text"``.

    Example:
        >>> sniff(b"%PDF-1.7\\n..."), sniff(b"<!DOCTYPE html><html>"), sniff(b"JAMAICA: TIER 2")
        ('pdf', 'html', 'text')
    """
    if data.find(_PDF_MAGIC, 0, _PDF_WINDOW) != -1:
        return "pdf"
    head = data[:_HTML_WINDOW]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # a page saved as UTF-16 (Windows)
        head = head.decode("utf-16", "ignore").encode("utf-8")
    if _HTML_START.match(head):
        return "html"
    return "text"


def convert(name: str, data: bytes) -> Converted | None:
    """Convert a PDF or a saved web page to report text; None for a text file.

    Args:
        name: the file's name, for messages (and to catch a ``.pdf`` that is not one).
        data: the file's bytes.

    Raises:
        InputError: E134 when a file named ``.pdf`` is not a PDF; the converters' errors
            (E130-E133, see :mod:`tipgraph.extract.pdftext` and
            :mod:`tipgraph.extract.htmltext`).
    """
    kind = sniff(data)
    if kind == "pdf":
        from tipgraph.extract.pdftext import pdf_to_text

        return pdf_to_text(name, data)
    if name.lower().endswith(".pdf"):
        start = data[:16].decode("ascii", "replace").split("\n")[0].strip()
        raise InputError(f"{name} is named .pdf but is not a PDF (it starts with {start!r}, "
                         "not %PDF-); download the report again", code="E134")
    if kind == "html":
        from tipgraph.extract.htmltext import html_to_text

        return html_to_text(name, data)
    return None
