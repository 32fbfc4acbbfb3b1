"""Sentence segmentation of TIP report sections, as a spaCy component, and Sentence records.

spaCy's rule-based ``sentencizer`` splits after every ``.``, so "the U.S. government",
"Decree No. 3 of 2015" and "approx. 500 victims" would each become two sentences, and the
extractors would lose the figure or the law. ``tip_sentencizer`` splits only where a
sentence-final ``.``, ``?`` or ``!`` (with any closing quotes or brackets attached to it) is
followed by something that can start a sentence, and never after an abbreviation of these
texts. The abbreviations are data: ``tipgraph/extract/patterns/abbreviations.jsonl``.

How the blank English tokenizer presents the cases (checked with spaCy 3.7):

* ``U.S.``, ``U.N.``, ``Gov.``, ``Mr.``, ``Jan.``, ``e.g.``, ``Inc.``, ``J.`` stay one token;
* ``No. 3``, ``approx. 500``, ``Govt. of``, ``Art. 5``, ``etc.`` split into word + ``"."``,
  so the component also looks at the token before a lone ``"."``;
* a paragraph break of the repaired text is a whitespace token ``"\\n\\n"``;
* a line break is a whitespace token ``"\\n"``, so a list item's marker (``•``, ``-``,
  ``1`` + ``.``) is the token after one; ``•`` is a token of its own anywhere.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("tip_sentencizer")
    >>> [s.text for s in nlp("The U.S. government gave approx. 500 victims aid. It ended.").sents]
    ['The U.S. government gave approx. 500 victims aid.', 'It ended.']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from tipgraph.extract import patterns
from tipgraph.extract.records import Narrative, PageMap, Report, Section, Sentence
from tipgraph.extract.repair import LIST_BULLETS, LIST_DASHES
from tipgraph.extract.tokens import token_strings, tokens_of

__all__ = [
    "TipSentencizer",
    "blank_pipeline",
    "load_abbreviations",
    "make_sentencizer",
    "segment_report",
    "sentences_from_doc",
]

_TERMINALS = frozenset(".?!")
_CLOSERS = frozenset("\"'”’)]»")
_OPENERS = frozenset("\"'“‘([«")
# Initials and dotted acronyms: "J.", "U.S.", "a.m."; as one token or as "U.S" + ".".
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
# The number of a numbered list item ("1" of "1. Increase ...").
_ITEM_NUMBER = re.compile(r"\d{1,2}")
# Markup that repair() drops; a sentence's source span takes it in when it touches the span.
_DROPPED = frozenset("*\\")


def load_abbreviations() -> frozenset[str]:
    """Read the abbreviations after which a sentence never ends.

    They are package data (``patterns/abbreviations.jsonl``, one JSON string per line),
    matched case-sensitively: ``"No."`` protects "Decree No. 3" but not "said no. Then".

    Returns:
        The abbreviations, each with its final period (``"approx."``).

    Example:
        >>> "U.S." in load_abbreviations()
        True
    """
    return frozenset(str(row.value) for row in patterns.load("abbreviations.jsonl"))


class TipSentencizer:
    """Set ``token.is_sent_start`` on every token of a doc by the rules of TIP report prose.

    A sentence ends after ``.``, ``?`` or ``!`` (and the closing quotes, brackets or further
    terminals attached to it) when the next non-space token starts with an upper-case letter,
    a digit, an opening quote or bracket, or a currency sign ("$5 went"); never after an
    abbreviation, an initial ("J.") or a dotted acronym ("U.S."). "etc." ends a sentence only
    before an upper-case word, like any other word. A paragraph break (a whitespace token
    holding ``"\\n\\n"``) always ends one. Each item of a list is a sentence of its own
    (recommendations are printed as lists since 2020): one starts at every bullet (``•``)
    and, at the start of a line, at a ``-``/``–``/``*`` marker or an item number (``2.``,
    ``10)``), whose period then ends nothing.

    Args:
        abbreviations: the abbreviations to honour; the packaged list when None.
    """

    def __init__(self, abbreviations: Iterable[str] | None = None) -> None:
        self.abbreviations = (
            frozenset(abbreviations) if abbreviations is not None else load_abbreviations()
        )

    def _is_terminal(self, texts: list[str], spaced: list[bool], i: int) -> bool:
        """Tell whether token ``i`` is punctuation that may end a sentence.

        ``texts`` and ``spaced`` are the doc's token texts and whether each is followed by
        whitespace.
        """
        text = texts[i]
        if text in ("?", "!"):
            return True
        if text == ".":
            if i == 0 or spaced[i - 1]:
                return True
            before = texts[i - 1]
            return not (
                before + "." in self.abbreviations or _INITIALS.fullmatch(before) is not None
            )
        if len(text) > 1 and text.endswith("."):
            # A tokenizer exception that kept its period ("Gov.", "Calif.", "a.m.").
            return not (text in self.abbreviations or _DOTTED.fullmatch(text) is not None)
        return False

    def __call__(self, doc: Doc) -> Doc:
        """Mark the sentence starts of ``doc``.

        The token attributes are read once into lists and the boundaries written back in one
        ``Doc.from_array`` call: setting ``token.is_sent_start`` token by token makes spaCy
        scan the whole doc for a parse each time, which is quadratic in the doc's length.

        Args:
            doc: a tokenized doc.

        Returns:
            The same doc, with ``is_sent_start`` True or False on every token.

        Raises:
            ValueError: spaCy's E043 when the doc is already parsed (its parse sets the
                boundaries).
        """
        n = len(doc)
        if not n:
            return doc
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)
        # One Doc.to_array call, not a Token object per token and attribute (three passes
        # that made this component cost more than the rest of the tokenizing).
        arr = doc.to_array([ORTH, SPACY, IS_SPACE]).reshape(n, 3)
        texts = token_strings(doc, arr[:, 0].tolist())
        spaced = arr[:, 1].astype(bool).tolist()
        space = arr[:, 2].astype(bool).tolist()
        starts = [-1] * n
        starts[0] = 1
        numbering = _list_items(texts, space, starts)
        for i in range(n):
            text = texts[i]
            if space[i]:
                if "\n\n" in text and i + 1 < n:
                    starts[i + 1] = 1
                continue
            if (
                text[-1] not in _TERMINALS
                or i in numbering
                or not self._is_terminal(texts, spaced, i)
            ):
                continue
            j = i + 1
            while j < n and not spaced[j - 1] and (texts[j] in _CLOSERS or texts[j] in _TERMINALS):
                j += 1
            while j < n and space[j]:
                j += 1
            if j < n:
                first = texts[j][0]
                if (
                    first.isupper()
                    or first.isdigit()
                    or first in _OPENERS
                    or unicodedata.category(first) == "Sc"
                ):
                    starts[j] = 1
        column = numpy.array(starts, dtype=numpy.int64).view(numpy.uint64).reshape(n, 1)
        doc.from_array([SENT_START], column)  # type: ignore[arg-type]  # thinc's Ints2d alias
        return doc


def _list_items(texts: list[str], space: list[bool], starts: list[int]) -> set[int]:
    """Mark the first token of every list item as a sentence start.

    Returns the positions of the periods and brackets of item numbers (``2.``), which end
    no sentence.
    """
    numbering: set[int] = set()
    n = len(texts)
    for i, text in enumerate(texts):
        if text in LIST_BULLETS:
            starts[i] = 1
            continue
        if i and not (space[i - 1] and "\n" in texts[i - 1]):
            continue
        if text in LIST_DASHES and i + 1 < n:
            starts[i] = 1
        elif _ITEM_NUMBER.fullmatch(text) and i + 1 < n and texts[i + 1] in (".", ")"):
            starts[i] = 1
            numbering.add(i + 1)
    return numbering


@Language.factory("tip_sentencizer", assigns=["token.is_sent_start"])
def make_sentencizer(nlp: Language, name: str) -> TipSentencizer:
    """Build the ``tip_sentencizer`` component (also declared as a spaCy entry point).

    Args:
        nlp: the pipeline it joins (unused: the rules need no vocabulary).
        name: the component's name in the pipeline.

    Returns:
        A :class:`TipSentencizer` with the packaged abbreviations.
    """
    return TipSentencizer()


@lru_cache(maxsize=1)
def blank_pipeline() -> Language:
    """Return a blank English pipeline whose only component is ``tip_sentencizer``.

    Cached, since building a pipeline costs more than segmenting a short report.
    """
    nlp = spacy.blank("en")
    nlp.add_pipe("tip_sentencizer")
    return nlp


def sentences_from_doc(
    section: Section, doc: Doc, source: str, first_index: int = 0,
    pages: PageMap | None = None,
) -> list[Sentence]:
    """Turn the sentences of a doc of ``section.clean`` into Sentence records.

    The source text is an argument because a Section holds only offsets into it, and each
    Sentence must carry ``source[start:end]`` exactly.

    Each doc sentence is trimmed of surrounding whitespace (whitespace-only ones are
    dropped), and its clean span ``[a, b)`` becomes the source span
    ``[clean_map[a], clean_map[b - 1] + 1)``, widened over markup that :func:`repair` dropped
    at its edges (the ``*`` of ``*Enjo kosai*``, the ``\\`` of ``\\$``), so that repairing the
    sentence's own source text gives its clean text again.

    Args:
        section: the section whose ``clean`` text the doc was made from.
        doc: a doc of ``section.clean`` with sentence boundaries set.
        source: the report text the section's offsets index.
        first_index: the narrative-wide index of the first sentence.
        pages: the page map of a report read from a PDF; each sentence gets the page its
            first character is on.

    Returns:
        The sentences in order, indexed from ``first_index``.

    Raises:
        ValueError: when the doc's text is not the section's clean text.
    """
    clean = section.clean
    if tokens_of(doc).text != clean:
        raise ValueError(f"the doc is not of the {section.kind} section's clean text")
    cmap = section.clean_map
    paragraph_starts = [m.end() for m in re.finditer("\n\n", clean)]
    sentences: list[Sentence] = []
    for sent in doc.sents:
        a, b = sent.start_char, sent.end_char
        text = clean[a:b]
        a += len(text) - len(text.lstrip())
        b -= len(text) - len(text.rstrip())
        if a >= b:
            continue
        start = cmap[a]
        end = cmap[b - 1] + 1
        low = cmap[a - 1] + 1 if a > 0 else section.start
        while start > low and source[start - 1] in _DROPPED:
            start -= 1
        high = cmap[b] if b < len(clean) else section.end
        while end < high and source[end] == "*":
            end += 1
        sentences.append(
            Sentence(
                index=first_index + len(sentences),
                start=start,
                end=end,
                text=source[start:end],
                clean=clean[a:b],
                section=section.kind,
                paragraph=bisect_right(paragraph_starts, a),
                page=pages.page_at(start) if pages is not None else None,
            )
        )
    return sentences


def segment_report(report: Report, nlp: Language | None = None, batch_size: int = 64) -> None:
    """Split every section of a report into sentences, in place.

    Fills ``section.sentences`` of every section; ``Sentence.index`` runs from 0 through
    each narrative, across its sections, in reading order.

    Args:
        report: a report as :func:`tipgraph.extract.reader.read_report` returns it.
        nlp: a pipeline that sets sentence boundaries; a blank English one with only
            ``tip_sentencizer`` when None.
        batch_size: how many sections ``nlp.pipe`` takes at a time.

    Example:
        >>> from tipgraph.extract.records import Narrative
        >>> from tipgraph.extract.repair import repair
        >>> text = "JAMAICA: TIER 2\\n\\nIt is. So\\n\\nit was."
        >>> sec = Section("intro", None, 17, len(text), *repair(text, 17, len(text)))
        >>> report = Report("x", "0", 2017, False, text,
        ...                 [Narrative("JAMAICA", "JAM", "2", False, 0, len(text), [sec])])
        >>> segment_report(report)
        >>> [s.text for s in sec.sentences]
        ['It is.', 'So\\n\\nit was.']
    """
    pipeline = nlp if nlp is not None else blank_pipeline()
    pairs = [(n, sec) for n in report.narratives for sec in n.sections]
    docs = pipeline.pipe((sec.clean for _, sec in pairs), batch_size=batch_size)
    current: Narrative | None = None
    index = 0
    for (narrative, section), doc in zip(pairs, docs, strict=True):
        if narrative is not current:
            current, index = narrative, 0
        section.sentences = sentences_from_doc(section, doc, report.text, index, report.pages)
        index += len(section.sentences)
