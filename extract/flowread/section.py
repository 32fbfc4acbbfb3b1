"""The reader's driver: every sentence of a section through the four stages, in order.

For each sentence: split it into clauses (stage 1, :mod:`.split`), read each clause
(stage 2, :mod:`.phrase_roles`), let a list's objects share their places, then resolve each
clause against the narrative and its paragraph (stage 3, :mod:`.defaults`), which emits
(stage 4, :mod:`.emit`). A blank line in the text starts a new paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from tipgraph.extract.flowread.context import Context
from tipgraph.extract.flowread.defaults import (
    Paragraph,
    SentenceOut,
    names_own_source,
    resolve,
    share_fronted,
    share_places,
)
from tipgraph.extract.flowread.emit import borrow_forms
from tipgraph.extract.flowread.labels import Mark
from tipgraph.extract.flowread.lexicon import Lexicon
from tipgraph.extract.flowread.matching import DocMatches
from tipgraph.extract.flowread.phrase_roles import read_clause
from tipgraph.extract.flowread.reading import FlowMention, Reading, SexTourismMention
from tipgraph.extract.flowread.split import split_clauses
from tipgraph.extract.tokens import tokens_of

__all__ = ["read_section"]


def read_section(doc: Doc, lex: Lexicon, matches: DocMatches,
                 country: str | None) -> tuple[list[FlowMention], list[SexTourismMention]]:
    """Read every sentence of a section's doc; return its flows and sex-tourism mentions.

    Args:
        doc: one section's doc, with sentence boundaries and place entities set.
        lex: the compiled lexicon of the pipeline.
        matches: ``match_doc(lex, doc)``, computed once for the doc.
        country: the narrative's ISO alpha-3 (``doc._.country``); None disables the
            narrative defaults (implicit destination, internal trafficking).
    """
    ctx = Context(doc, lex, matches, country)
    flows: list[FlowMention] = []
    tourism: list[SexTourismMention] = []
    para = Paragraph()
    table = tokens_of(doc)
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", table.text)]
    # doc.sents raises for a doc without boundaries; so does this.
    sentences = table.sentences if table.segmented else [(s.start, s.end) for s in doc.sents]
    space, idx = table.space, table.idx
    for sent_no, (sent_start, sent_end) in enumerate(sentences):
        paragraph = bisect_right(breaks, idx[sent_start])
        if paragraph != para.index:
            if para.forms_so_far:
                ctx.last_forms = para.forms_so_far
            para = Paragraph(index=paragraph)
        text_start = sent_start
        while text_start < sent_end and space[text_start]:
            text_start += 1
        if text_start >= sent_end:
            continue
        sent = SentenceOut(sent_no, (idx[text_start], table.ends[sent_end - 1]),
                           tourism=tourism)
        _read_sentence(ctx, para, sent, text_start, sent_end)
        flows.extend(sent.flows)
    return flows, tourism


def _read_sentence(ctx: Context, para: Paragraph, sent: SentenceOut, start: int,
                   end: int) -> None:
    readings = [read_clause(ctx, cs, ce) for cs, ce in split_clauses(ctx, start, end)]
    share_places(ctx, readings)
    share_fronted(ctx, readings)
    if any(r.has(Mark.COMPATRIOT) for r in readings):
        # "...; the victims are typically the same nationality as the traffickers."
        for r in readings:
            r.mark(Mark.COMPATRIOT)
    # "... Ethiopians seeking asylum in Sudan; this population is vulnerable to
    # trafficking": the sentence's own verdict, which no forms stated before complete.
    sent.vulnerable = any(r.has(Mark.VULNERABLE) for r in readings)
    sent.own_source = names_own_source(ctx, start, end)
    prev: Reading | None = None
    for r in readings:
        resolve(ctx, r, para, sent, prev)
        sent.hedged = sent.hedged or r.has(Mark.HEDGED)
        prev = r
    sent.flows = borrow_forms(readings, sent.flows)
