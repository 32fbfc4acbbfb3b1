"""Convert a saved web page of the report (a country page, a chapter page) into report text.

The narratives are also read from the web: the State Department's own pages (2009-2017 on
its archive site, a page per country since 2018), UNHCR's Refworld and ACCORD's ecoi.net,
which republish each country's narrative as a page. They print a narrative the same way: a
heading line (``KENYA: TIER 2``, ``KENYA: Tier 2``, ``Kenya (Tier 2)``), section headings
(``RECOMMENDATIONS FOR KENYA``, ``PROSECUTION``, ... or ``PRIORITIZED RECOMMENDATIONS:`` over a
list), and paragraphs, in ``<h1>``-``<h6>``, ``<p>`` (often ``<p><strong>`` for headings),
``<li>`` or ``<div>`` elements, inside a page of menus, country select lists, breadcrumbs,
share buttons and footers.

The conversion, with lxml (libxml2's HTML parser, which reads the page's declared charset and
forgives the markup saved pages have):

* **chrome out**: elements that are never narrative (scripts, styles, ``nav``, the page's
  ``header``, ``footer``, forms and select lists, ...) and elements whose ARIA role or
  class/id names them as navigation, menus, breadcrumbs, footers and the like are dropped;
  the lists are data, ``patterns/html_chrome.jsonl``;
* **asides**: figures, captions and call-out boxes are kept out of the text as
  :class:`~tipgraph.extract.records.Aside` records;
* **blocks**: each block element (heading, paragraph, list item, ...) becomes one paragraph,
  its inline text with white space collapsed; ``<br>`` starts a new line of it (so
  ``<p><b>PROSECUTION</b><br>The government ...`` reads as a heading line and its body), and
  so does a heading in capitals run into its paragraph (``<p><b>PROSECUTION</b> The ...``);
* **the narratives only**: the page's title and whatever comes before the first narrative
  heading (a site's document metadata, a disclaimer) is set aside as a ``preamble`` aside,
  not read as the end of some narrative; a page without any narrative heading is refused
  (E133).

Offsets of the report records index the converted text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from tipgraph.core.errors import InputError
from tipgraph.extract import patterns
from tipgraph.extract.reader import match_narrative_heading
from tipgraph.extract.records import Aside, Converted
from tipgraph.extract.report_parts import example_country
from tipgraph.extract.year import infer_year

__all__ = ["html_to_text"]

#: An lxml.html element: lxml ships no type information (lxml-stubs is not a dependency).
Element = Any

_BLOCKS = frozenset({
    "address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl",
    "dt", "fieldset", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li", "main", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
})
_BREAK = "\x00"
_BOLD = frozenset({"b", "strong"})
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_TOKEN = re.compile(r"[^\s_-]+")
_YEAR_FIRST = re.compile(r"\b((?:19|20)\d\d)\s+(trafficking\s+in\s+persons\s+report)\b",
                         re.IGNORECASE)


@lru_cache(maxsize=1)
def chrome_rules() -> dict[str, dict[str, frozenset[str]]]:
    """What is page chrome and what is an aside, by tag, ARIA role and class/id token.

    Read from ``patterns/html_chrome.jsonl``: one object a line, ``{"drop": "tag", "value":
    "nav"}`` or ``{"aside": "token", "value": "caption"}``. A class or id is cut into tokens
    at spaces, ``-`` and ``_`` (``site-footer`` has the token ``footer``).

    Example:
        >>> "nav" in chrome_rules()["drop"]["tag"]
        True
    """
    rules: dict[str, dict[str, set[str]]] = {
        action: {"tag": set(), "role": set(), "token": set()} for action in ("drop", "aside")
    }
    for number, rule in patterns.objects("html_chrome.jsonl", "value"):
        action = "drop" if "drop" in rule else "aside"
        if rule.get(action) not in rules[action]:
            raise patterns.pattern_error("html_chrome.jsonl", number,
                                         "needs 'drop' or 'aside': 'tag', 'role' or 'token'")
        rules[action][rule[action]].add(rule["value"].lower())
    return {action: {k: frozenset(v) for k, v in by.items()} for action, by in rules.items()}


def _verdict(element: Element, rules: dict[str, dict[str, frozenset[str]]]) -> str | None:
    """``"drop"``, ``"aside"`` or None for an element, by its tag, role, class and id.

    A ``<header>`` inside an ``<article>`` or ``<main>`` is the article's own (its title,
    sometimes its narrative heading): kept, unlike the page's header.
    """
    tag = element.tag.lower()
    if tag == "header" and next(element.iterancestors("article", "main"),
                                None) is not None:
        return None
    get = element.get
    role = (get("role") or "").lower()
    tokens = {t.lower() for t in _TOKEN.findall(f"{get('class') or ''} {get('id') or ''}")}
    for action in ("drop", "aside"):
        by = rules[action]
        if tag in by["tag"] or role in by["role"] or tokens & by["token"]:
            return action
    if get("hidden") is not None or get("aria-hidden") == "true":
        return "drop"
    return None


class _Blocks:
    """Walks the tree, collecting the text of block elements and the asides."""

    def __init__(self) -> None:
        self.rules = chrome_rules()
        self.blocks: list[str] = []
        self.asides: list[str] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        lines = [_SPACE.sub(" ", line).strip() for line in "".join(self.buffer).split(_BREAK)]
        self.buffer = []
        text = "\n".join(lines).strip("\n")
        # Two <br> in a row end a paragraph: that is a blank line, as in the report text.
        text = re.sub(r"\n{3,}", "\n\n", text)
        if text.strip():
            self.blocks.extend(part.strip("\n") for part in text.split("\n\n") if part.strip())

    def walk(self, element: Element) -> None:
        tag = element.tag
        if not isinstance(tag, str):  # a comment or a processing instruction
            return
        verdict = _verdict(element, self.rules)
        if verdict == "drop":
            return
        if verdict == "aside":
            text = _SPACE.sub(" ", element.text_content()).strip()
            if text:
                self.asides.append(text)
            return
        tag = tag.lower()
        block = tag in _BLOCKS
        if block:
            self.flush()
        if tag == "br":
            self.buffer.append(_BREAK)
        if element.text:
            self.buffer.append(element.text)
        for index, child in enumerate(element):
            self.walk(child)
            if index == 0 and block and _run_in_heading(element, child):
                self.buffer.append(_BREAK)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush()


def _run_in_heading(block: Element, first: Element) -> bool:
    """Whether a block opens with a heading run into its paragraph.

    ``<p><strong>PROSECUTION</strong> The government ...</p>``: a bold first child, with
    nothing before it, in capitals, with text after it. It is put on a line of its own, as
    the report prints it.
    """
    if (block.text or "").strip() or first.tag not in _BOLD:
        return False
    heading = first.text_content().strip()
    letters = [c for c in heading if c.isalpha()]
    return bool(letters) and heading.upper() == heading and bool(
        (first.tail or "").strip())


def _title(root: Element) -> str:
    found = root.findtext(".//title") or ""
    return _SPACE.sub(" ", found).strip()


def html_to_text(name: str, data: bytes) -> Converted:
    """Convert a saved report page into reader text, page chrome dropped.

    Args:
        name: the file's name, for messages.
        data: the page's bytes, in the charset it declares (UTF-8 when it declares none).

    Returns:
        The narratives' headings and paragraphs, one block a paragraph, separated by blank
        lines; the page's captions, boxes and preamble as asides (page None).

    Raises:
        InputError: E133 when the page holds no country narrative (no text, or no narrative
            heading such as ``KENYA: TIER 2`` once the page chrome is dropped).

    Example:
        >>> page = b"<html><nav>Home</nav><p><b>KENYA: TIER 2</b></p><p>It did.</p></html>"
        >>> html_to_text("kenya.html", page).text
        'KENYA: TIER 2\\n\\nIt did.\\n'
    """
    import lxml.html

    parser = lxml.html.HTMLParser(encoding=None if _declares_charset(data) else "utf-8",
                                  remove_comments=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except Exception as exc:  # lxml's ParserError for a page with no elements at all
        raise InputError(f"{name} holds no country narrative: the page has no content "
                         f"({exc})", code="E133") from None
    walker = _Blocks()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    blocks = walker.blocks
    first = next((i for i, block in enumerate(blocks) if _opens_narrative(block)), None)
    if first is None:
        title = _title(root)
        where = f" (title {title!r})" if title else ""
        raise InputError(f"{name} holds no country narrative{where}: no heading such as "
                         "'KENYA: TIER 2' once menus and footers are left out; save a "
                         "country's narrative page or a chapter page of the report",
                         code="E133")
    asides = [Aside(None, "preamble", block) for block in blocks[:first]]
    asides += [Aside(None, "box", text) for text in walker.asides]
    # Sites title a narrative "2017 Trafficking in Persons Report - Jamaica" as often as
    # "Trafficking in Persons Report 2017 - ..."; the year inference reads the second form.
    preamble = _YEAR_FIRST.sub(r"\2 \1", "\n".join([_title(root), *blocks[:first]]))
    named = infer_year(preamble)
    return Converted("html", "\n\n".join(blocks[first:]) + "\n", None, tuple(asides), named)


def _opens_narrative(block: str) -> bool:
    """Tell whether a block starts with a narrative heading; the example heading of the "How
    to Read a Country Narrative" page (``COUNTRY X: TIER 2 WATCH LIST``) is none."""
    heading = match_narrative_heading(block.split("\n", 1)[0])
    return heading is not None and not example_country(heading[0])


def _declares_charset(data: bytes) -> bool:
    """Whether the page names its charset (``<meta charset>``, ``http-equiv``) or has a BOM."""
    head = data[:2048].lower()
    return data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"charset" in head
