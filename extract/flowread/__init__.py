"""The flow reader: trafficking flows read out of a section's clauses, in four stages.

A TIP profile says who is exploited where in a handful of shapes, in every report year::

    Nigerian women are subjected to sex trafficking in Italy.           (2017: passive)
    Traffickers exploit Nepali women in sex trafficking in India.       (2020s: active)
    Men from Africa and Asia are subjected to forced labor.             (destination implicit)
    Laos is a transit country for Vietnamese women ... in Thailand.     (via)

The reader does not parse; it walks each clause once, left to right, with tables kept as
data. A maintainer's map, in reading order (``section.read_section`` drives them):

====================  ==================================================================
module                what it holds
====================  ==================================================================
``lexicon``           the data: cues, head nouns, forms, terms, sectors (``patterns/``)
``words``             the closed-class word lists (``patterns/flows_words.jsonl``)
``labels``            the enums: ``Role``, ``Cue``, ``Flag``, ``Head``, ``Mark``
``matching``          the lexicon run once over the doc, matches indexed by token
``context``           the doc indexed for the stages; ``head_of`` (what a demonym heads)
1. ``split``          a sentence cut into clauses
2. ``phrase_roles``   each place's ``Role`` from the cue before it and its head noun;
   ``subjects``       (the subjects of active verbs: the traffickers' side)
   ``clause_marks``   what the clause says of itself (statement, hedge, negation, ...)
   ``asides``         list items and route asides the walk reads past
3. ``defaults``       the narrative's defaults and what the paragraph carries
4. ``emit``           ``FlowMention`` records, each pair with its forms
``reading``           what the stages hand each other (``Reading``, ``FlowMention``)
====================  ==================================================================

Where to add what (and the test that covers it):

* a cue phrase ("bound for" makes destinations): a row of ``patterns/flows_cues.jsonl``
  with a ``Cue`` or ``Flag`` label; a head noun ("Nigerian *fishermen*" are victims): a row
  of ``patterns/flows_nouns.jsonl``; a form phrase: ``patterns/forms.jsonl``; a trafficking
  term: ``patterns/flows_terms.jsonl``. Add the sentence and the flows it must give as a
  line of ``tests/data/flows_cases.jsonl`` (read by ``tests/test_flows.py``); a whole
  narrative's phrasing goes to ``tests/data/flows_years.jsonl`` (``test_flows_years.py``).
* a closed-class word a rule tests ("despite" concedes): its list in
  ``patterns/flows_words.jsonl`` (each list says ``why``; ``tests/test_flowread.py``
  checks the file's shape).
* a rule: in the stage that owns it - a new way to cut a sentence in ``split``; a new way
  a place gets its role in ``phrase_roles._role_of`` (what a cue does in ``_mode_cue``); a
  new clause property as a ``Mark`` read in ``clause_marks``; a new implicit end in
  ``defaults._home_defaults``. Its case goes to ``tests/data/flows_cases.jsonl`` too.
* then check nothing else moved: ``tests/test_flows.py`` (dev gold floors),
  ``tests/test_gold.py``, ``tests/test_real_years.py`` and ``tests/test_flows_years.py``.

Example, "Burmese nationals are exploited in Thailand": ``phrase_roles`` reads "Burmese"
as ``Role.ORIGIN`` (a demonym heading the victim noun "nationals") and "Thailand" as
``Role.DESTINATION`` (after the ``DEST`` cue "in"); ``clause_marks`` marks a ``STATEMENT``
(the trafficking term "exploited"); ``defaults`` has both ends and adds nothing, so
``emit`` gives MMR -> THA.
"""

from __future__ import annotations

from tipgraph.extract.flowread.labels import Role
from tipgraph.extract.flowread.lexicon import Lexicon, load_lexicon
from tipgraph.extract.flowread.matching import DocMatches, match_doc
from tipgraph.extract.flowread.reading import FlowMention, SexTourismMention
from tipgraph.extract.flowread.section import read_section

__all__ = [
    "DocMatches",
    "FlowMention",
    "Lexicon",
    "Role",
    "SexTourismMention",
    "load_lexicon",
    "match_doc",
    "read_section",
]
