"""The pipeline layer: read -> extract -> map -> validate, in one process or in several.

It sits above ``tipgraph.graph`` (mapping, IRIs, RDF in and out) and ``tipgraph.shapes``
(validation), so that neither of those imports the other: the orchestration of a build is
the only place that needs both. ``build.build_graph`` is the one entry point; ``parallel``
runs report years in worker processes and ``validation`` checks each year's graph, for
either.
"""
