"""Reading TIP report text: narratives, sections, sentences and the facts they state.

This layer knows spaCy and plain Python records (``tipgraph.extract.records``); it never
imports rdflib, so it can be used and tested without the graph layer.
"""
