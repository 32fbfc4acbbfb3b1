"""Linked-data publishing: a read-only SPARQL endpoint, dereferenceable IRIs, GSP upload.

The layers, one way:

- ``store``: an Oxigraph store on disk (the same format the Oxigraph server reads), loaded
  from graph files or a build, one named graph per report year;
- ``guard``: what the endpoint refuses to run (updates, ``SERVICE``, ``LOAD``);
- ``worker`` / ``pool``: queries run in worker processes with a deadline and a result-size
  limit, so a slow query is killed instead of hanging the server; ``limits`` caps each
  worker's memory, ``failures`` says why a worker died, ``admission`` keeps runaway queries
  and clients off the fast lane;
- ``framing``: where a request's body ends, read strictly (no request smuggling);
- ``negotiation``, ``describe``, ``pages``, ``app``: the HTTP server (SPARQL 1.1 Protocol,
  ``/id/...`` with content negotiation, the ontology, shapes, VoID and a home page);
- ``publish``: a SPARQL 1.1 Graph Store Protocol client to load a graph into a team store.
"""
