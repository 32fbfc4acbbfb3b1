"""``python -m tipgraph``: the ``tipgraph`` command."""

from tipgraph.cli.main import run

run()
