"""``tipgraph info GRAPH|DIR``: what a graph (or an archive store's union) holds, by class and
by tier."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from tipgraph.cli.inputs import load_nonempty

NAME = "info"
HELP = "count a graph's resources by class and its narratives by tier"
#: One example for ``--help``.
EXAMPLE = ("tipgraph info sample.ttl", "resources by class, narratives by tier")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph info``."""
    parser.add_argument("graph", type=Path, metavar="GRAPH|DIR",
                        help="a graph file (.ttl, .nt, .jsonld, .trig, .nq) or an archive store "
                             "directory (build --store DIR: its union graph)")


def run(args: argparse.Namespace) -> int:
    """Print class counts and the tier table of the graph."""
    from rdflib import RDF, SKOS

    from tipgraph.ontology import TIP

    graph = load_nonempty(args.graph)
    print(f"{args.graph}: {len(graph)} triples")
    classes = Counter(
        o for o in graph.objects(None, RDF.type) if str(o).startswith(str(TIP._NS)))
    print("resources by class:")
    for cls, count in sorted(classes.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        print(f"  {graph.namespace_manager.normalizeUri(str(cls)):28} {count:>8}")
    tiers: Counter[str] = Counter()
    for narrative in graph.subjects(RDF.type, TIP.CountryNarrative):
        tier = graph.value(narrative, TIP.tier)
        notation = graph.value(tier, SKOS.notation) if tier is not None else None
        tiers[str(notation) if notation is not None else "unknown"] += 1
    print("narratives by tier:")
    for tier_name in ("1", "2", "2WL", "3", "special", "unknown"):
        if tiers[tier_name]:
            print(f"  {tier_name:28} {tiers[tier_name]:>8}")
    return 0
