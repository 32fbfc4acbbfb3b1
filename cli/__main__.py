"""``python -m tipgraph.cli``."""

from tipgraph.cli.main import run

run()
