"""Exports: the flow network of a graph and the files other tools read.

This layer stands beside ``tipgraph.queries`` and ``tipgraph.serve``, above the pipeline:
``network`` reads the flow network out of a built graph, ``analysis`` finds its hubs,
groups and chains (``tipgraph stats``), ``writers`` writes it for Gephi,
yEd, Cytoscape, D3, Graphviz and spreadsheets, ``flowmap`` draws it as one offline HTML
page (with its template, script, style and map outlines as package data) and ``rdf``
writes the full graph in every RDF format ``tipgraph build`` writes. The formats and their
names are rows of ``tipgraph.graph.formats``.
"""
