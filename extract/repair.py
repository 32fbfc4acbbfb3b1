"""Repair the PDF-to-text conversion of one section body, keeping a map back to the source.

The TIP reports reach tipgraph as text converted from PDF. The conversion leaves three kinds
of damage that would mislead the sentence splitter and the extractors:

* page breaks inside a paragraph: ``"identified eight\\n\\ntrafficking victims"`` is one
  sentence cut in two by the page end, and reads as two paragraphs;
* markdown escapes: ``\\$32.5 million`` for ``$32.5 million``;
* emphasis markers: ``*enjo kosai*`` for the italic *enjo kosai*.

:func:`repair` undoes them and returns, next to the repaired ("clean") text, the source
offset of every clean character, so every span found in the clean text can be given back as
an exact span of the file (see ``Section.clean_map`` in :mod:`tipgraph.extract.records`).

Example:
    >>> text = "x identified eight\\n\\ntrafficking victims."
    >>> clean, cmap = repair(text, 2, len(text))
    >>> clean
    'identified eight trafficking victims.'
    >>> cmap[0], cmap[-1] == len(text)
    (2, True)
"""

from __future__ import annotations

import re
from array import array

__all__ = [
    "ESCAPABLE",
    "LIST_BULLETS",
    "LIST_DASHES",
    "ends_sentence",
    "paragraph_spans",
    "repair",
    "starts_list_item",
    "strip_list_marker",
]

#: Punctuation a converter escapes with a backslash; ``\\X`` reads as ``X`` for these only,
#: so a backslash before anything else (a Windows path, say) is kept as written.
ESCAPABLE = frozenset("$*_#[]().-+!")

# A paragraph that ends like this ends a sentence, so a blank line after it is a real
# paragraph break; any other ending means the page ended mid-sentence.
_FINAL = re.compile(r"[.?!:][\"'”’)\]»]*\Z")

# Emphasis: one or two asterisks, not escaped, opening before a non-space and closing after
# one, on a single line. The body excludes unescaped ``*`` and newlines, so each attempt
# stops at the next asterisk: the whole scan stays linear.
_EMPHASIS = re.compile(r"(?<![\\*\w])(\*\*?)(?=[^\s*])((?:\\.|[^*\n\\])+?)(?<!\s)\1(?![*\w])")

# A backslash escape: ``\\$`` reads ``$`` (see ESCAPABLE).
_ESCAPE = re.compile(r"\\[" + re.escape("".join(sorted(ESCAPABLE))) + "]")
# How many characters (a separator counting as one) the sentence-end test looks at.
_TAIL = 8

# A line holding nothing but whitespace (form feeds from the PDF included).
_LINE = re.compile(r"[^\n]*(?:\n|\Z)")

#: Characters that mark a list item wherever they stand ("• a • b" is two items).
LIST_BULLETS = frozenset("•▪◦●‣■□·")
#: Characters that mark a list item at the start of a line when a space follows ("- a").
LIST_DASHES = frozenset("-–*")

# The marker of a list item at the start of a paragraph or line: a bullet, a dash or an
# asterisk followed by a space, or an item number ("1.", "2)", "(a)").
_LIST_ITEM = re.compile(
    rf"[ \t]*(?:[{''.join(sorted(LIST_BULLETS))}]|[{re.escape(''.join(sorted(LIST_DASHES)))}]"
    r"(?=[ \t])|\d{1,2}[.)](?=[ \t])|\([a-z\d]{1,2}\)(?=[ \t]))"
)


def strip_list_marker(text: str) -> tuple[bool, str]:
    """Split a list item's marker off: ``(True, "Train officials.")`` for ``"2. Train
    officials."``, ``(False, text)`` for text that starts no list item.

    Example:
        >>> strip_list_marker("• Train officials.")
        (True, 'Train officials.')
    """
    m = _LIST_ITEM.match(text)
    return (False, text) if m is None else (True, text[m.end() :].lstrip())


def starts_list_item(text: str) -> bool:
    """Tell whether text starts with the marker of a list item ("• ", "- ", "2. ", "(a) ").

    Example:
        >>> starts_list_item("• Train officials."), starts_list_item("2015. The")
        (True, False)
    """
    return _LIST_ITEM.match(text) is not None


def ends_sentence(text: str) -> bool:
    """Tell whether repaired paragraph text ends with sentence-final punctuation.

    Args:
        text: a paragraph's repaired text, without trailing whitespace.

    Returns:
        True when it ends with ``.``, ``?``, ``!`` or ``:``, maybe followed by closing quotes
        or brackets (``Kazakhstan."``, ``2015.)``).

    Example:
        >>> ends_sentence("in 2015.)"), ends_sentence("identified eight")
        (True, False)
    """
    return _FINAL.search(text) is not None


def _paragraphs(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """Find the paragraphs of ``source[start:end]`` as stripped ``(start, end)`` spans.

    A paragraph is a run of lines that are not blank; blank means empty or whitespace only.
    Each span runs from the paragraph's first to one past its last non-space character.
    """
    spans: list[tuple[int, int]] = []
    par_start = -1
    par_end = -1
    for m in _LINE.finditer(source, start, end):
        if m.start() == m.end():
            break
        line = m.group()
        lstripped = line.lstrip()
        if not lstripped:
            if par_start >= 0:
                spans.append((par_start, par_end))
                par_start = -1
            continue
        if par_start < 0:
            par_start = m.start() + (len(line) - len(lstripped))
        par_end = m.start() + len(line.rstrip())
    if par_start >= 0:
        spans.append((par_start, par_end))
    return spans


def _unmark(source: str, start: int, end: int, out: list[str], cmap: array[int]) -> None:
    """Append the text of ``source[start:end]`` with escapes and emphasis undone.

    Each appended character's source offset goes to ``cmap``; dropped characters (the
    backslash of an escape, the asterisks of emphasis) appear in neither list. The text
    between two dropped characters goes in as one slice (``out`` holds pieces, not single
    characters), so the cost is in the markup, not in every character.
    """
    escapes = [m.start() for m in _ESCAPE.finditer(source, start, end)]
    # An escape's two characters are the escape's, whatever the emphasis scan said.
    taken = {*escapes, *(p + 1 for p in escapes)}
    cuts = [(p, True) for p in escapes]
    for m in _EMPHASIS.finditer(source, start, end):
        width = len(m.group(1))
        for p in (*range(m.start(), m.start() + width), *range(m.end() - width, m.end())):
            if p not in taken:
                taken.add(p)
                cuts.append((p, False))
    cuts.sort()
    i = start
    for p, escape in cuts:
        if i < p:
            out.append(source[i:p])
            cmap.extend(range(i, p))
        if escape:
            out.append(source[p + 1])
            cmap.append(p + 1)
            i = p + 2
        else:
            i = p + 1
    if i < end:
        out.append(source[i:end])
        cmap.extend(range(i, end))


def paragraph_spans(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs of ``source[start:end]`` as ``(start, end)`` spans, as :func:`repair`
    sees them: runs of non-blank lines, each span stripped of surrounding whitespace.

    Example:
        >>> paragraph_spans("a b\\n\\n c\\n", 0, 9)
        [(0, 3), (6, 7)]
    """
    return _paragraphs(source, start, end)


def repair(source: str, start: int, end: int) -> tuple[str, array[int]]:
    """Repair one section body of the converted report and map it back to the source.

    The repairs, in reading order:

    * leading and trailing whitespace of the body is dropped;
    * a paragraph that does not end a sentence (see :func:`ends_sentence`) is joined to the
      next one with one space, over any number of blank or whitespace-only lines: the PDF's
      page ended there, not the paragraph; the next paragraph may start in either case,
      unless it starts a list item (:func:`starts_list_item`): recommendations are often
      listed without final periods;
    * every other run of blank lines becomes exactly ``"\\n\\n"``, the paragraph separator;
    * ``\\$``, ``\\*``, ``\\_``, ``\\#``, ``\\[``, ``\\]``, ``\\(``, ``\\)``, ``\\.``, ``\\-``,
      ``\\+`` and ``\\!`` lose their backslash;
    * the asterisks of ``*italics*`` and ``**bold**`` are dropped; a lone ``*`` is kept;
    * typographic quotes, dashes and line breaks inside a paragraph are kept as they are.

    It runs in time linear in the body's length and depends on nothing but its arguments.

    Args:
        source: the whole report text, as read.
        start: offset of the body's first character in ``source``.
        end: offset one past the body's last character.

    Returns:
        ``(clean, clean_map)``: the repaired text and ``len(clean) + 1`` absolute offsets
        into ``source``, as an ``array('q')``; ``clean_map[i]`` is the source offset of
        ``clean[i]`` and the last entry is one past the source offset of the last
        character (``start`` when ``clean`` is empty). The joining space and the paragraph
        separator map to whitespace of the source between the two paragraphs, so offsets
        increase strictly.

    Raises:
        ValueError: when ``start``/``end`` do not make a span of ``source``.

    Example:
        >>> text = "a \\\\$5 *gift*.\\n \\nB."
        >>> repair(text, 0, len(text))[0]
        'a $5 gift.\\n\\nB.'
    """
    if not 0 <= start <= end <= len(source):
        raise ValueError(f"span [{start}, {end}) is not inside a text of {len(source)} chars")
    out: list[str] = []
    # One machine integer per clean character: a list of Python ints costs 36 bytes a
    # character (the int and its slot), about 18 MiB per report held until the build ends.
    cmap = array("q")
    # What the sentence-end test reads: the last eight characters of the text so far, with
    # a separator counting as one ("\n\n" included), as it always has.
    tail: list[str] = []
    previous_end = -1
    for par_start, par_end in _paragraphs(source, start, end):
        if previous_end >= 0:
            real = ends_sentence("".join(tail)) or starts_list_item(source[par_start:par_end])
            separator = "\n\n" if real else " "
            out.append(separator)
            cmap.extend((previous_end, previous_end + 1)[: len(separator)])
            tail = [*tail, separator][-_TAIL:]
        first = len(out)
        _unmark(source, par_start, par_end, out, cmap)
        tail = [*tail, *"".join(out[first:])[-_TAIL:]][-_TAIL:]
        previous_end = par_end
    clean = "".join(out)
    cmap.append(cmap[-1] + 1 if cmap else start)
    return clean, cmap
