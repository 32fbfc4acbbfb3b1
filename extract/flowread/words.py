"""The closed-class words the flow reader's rules test, from ``patterns/flows_words.jsonl``.

Every list there has a ``why``; this module turns the file into one typed, frozen object so
a rule reads ``words.list_joins`` rather than a literal tuple in its body, and a list the
code needs but the file lacks (or a list nobody reads) is ``E230`` at load, not a silent
empty set.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

from tipgraph.extract import patterns

__all__ = ["WORDS_FILE", "FlowWords", "flow_words"]

WORDS_FILE = "flows_words.jsonl"


@dataclass(frozen=True, slots=True)
class FlowWords:
    """One frozen set per list of ``flows_words.jsonl`` (see each row's ``why``)."""

    clause_conjunctions: frozenset[str]
    clause_openers: frozenset[str]
    enroute_enders: frozenset[str]
    child_categories: frozenset[str]
    anaphors_always: frozenset[str]
    frame_punctuation: frozenset[str]
    list_joins: frozenset[str]
    possessives: frozenset[str]
    determiners: frozenset[str]
    not_before_verb: frozenset[str]
    person_categories: frozenset[str]
    role_copulas: frozenset[str]
    role_predicates: frozenset[str]
    indefinite_articles: frozenset[str]
    concessives: frozenset[str]
    counter_prefixes: frozenset[str]
    demonstratives: frozenset[str]
    taking_verbs: frozenset[str]
    frame_list_words: frozenset[str]
    agent_prepositions: frozenset[str]
    agent_locatives: frozenset[str]
    anaphor_lead: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    shared_subject_joins: frozenset[str]
    phrase_links: frozenset[str]
    np_stops: frozenset[str]
    force_breaks: frozenset[str]
    force_origin_openers: frozenset[str]
    coordinators: frozenset[str]
    child_words: frozenset[str]
    role_context_links: frozenset[str]
    role_edge_punctuation: frozenset[str]
    role_word_breaks: frozenset[str]
    forms: frozenset[str]
    not_compatriot_agents: frozenset[str]
    aside_openers: frozenset[str]
    fronted_locatives: frozenset[str]
    origin_list_verbs: frozenset[str]
    same_form_adverbs: frozenset[str]
    home_internal_locatives: frozenset[str]
    sector_settings: frozenset[str]
    finding_verbs: frozenset[str]
    finder_leads: frozenset[str]
    sale_verbs: frozenset[str]
    quote_marks: frozenset[str]
    spouse_roles: frozenset[str]
    as_list_leads: frozenset[str]
    reason_openers: frozenset[str]
    agent_aside_openers: frozenset[str]
    victim_settings: frozenset[str]
    verb_noun_modifiers: frozenset[str]
    control_verbs: frozenset[str]
    tourist_hosts: frozenset[str]
    sending_verbs: frozenset[str]
    chain_turns: frozenset[str]
    amount_no_prepositions: frozenset[str]
    amount_no_leads: frozenset[str]
    forced_sector_marks: frozenset[str]
    agent_copulas: frozenset[str]
    transit_sites: frozenset[str]
    later_predicate_joins: frozenset[str]
    route_aside_openers: frozenset[str]
    source_roles: frozenset[str]


@lru_cache(maxsize=1)
def flow_words() -> FlowWords:
    """The word lists, read once per process.

    Raises:
        ExtractionError: E230 when a row lacks its ``why``, names a list the reader does not
            know, or the file lacks a list the reader needs.
    """
    rows = patterns.objects(WORDS_FILE, "list", "words", "why")
    lists = patterns.word_lists(WORDS_FILE)
    known = [f.name for f in fields(FlowWords)]
    for line, row in rows:
        if row["list"] not in known:
            raise patterns.pattern_error(WORDS_FILE, line, f"unknown list {row['list']!r}; "
                                         f"known: {', '.join(known)}")
    missing = [name for name in known if name not in lists]
    if missing:
        raise patterns.pattern_error(WORDS_FILE, None, f"missing list(s) {', '.join(missing)}")
    return FlowWords(**lists)
