"""Turning extracted records into RDF: IRIs, mapping, provenance, serialisation.

This layer reads ``tipgraph.extract.records`` and writes rdflib graphs; it never runs spaCy.
"""
