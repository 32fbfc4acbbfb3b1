"""``tipgraph store list|remove|compact DIR``: an archive store.

``list`` prints what the store's manifest records, one line per report year (year, triples,
source file, its sha256, when it was added, the tool version) and the union's size; it opens
the store read-only. ``remove`` takes report years out of the store, each removal all or
nothing as an add is (``tipgraph.serve.archive_store``), and compacts the store after
them. ``compact`` merges the store's files into one layer
(``tipgraph.serve.store_compaction``: years added one at a time leave layers that slow
every query). Years are added and replaced by
``tipgraph build REPORT... --store DIR``.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tipgraph.core.errors import InputError

if TYPE_CHECKING:
    import pyoxigraph as ox

NAME = "store"
HELP = ("list or remove the report years of an archive store (tipgraph build --store DIR), "
        "or compact it")
EXAMPLE = ("tipgraph store list archive/", "one line per report year the store holds")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``tipgraph store``."""
    parser.add_argument("action", choices=("list", "remove", "compact"),
                        help="list: the years the store holds; remove: take years out; "
                             "compact: merge the store's files (faster queries)")
    parser.add_argument("store", type=Path, metavar="DIR", help="the store directory")
    parser.add_argument("years", nargs="*", type=int, metavar="YEAR",
                        help="the report years to remove (remove only)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line")


def _drop(store: ox.Store, *, year: int, description: bytes) -> None:
    from tipgraph.serve import archive_store

    archive_store.drop_year(store, year, description)


def run(args: argparse.Namespace) -> int:
    """List the store's years, remove some (then compact it), or compact it."""
    from tipgraph.serve import archive_store, store_compaction
    from tipgraph.serve.store import open_store, store_lock

    if args.action == "list":
        if args.years:
            raise InputError("store list takes no years", code="E141")
        store = archive_store.open_read_only(args.store)
        entries = archive_store.read_manifest(store)
        sys.stdout.write("year\ttriples\tsource\tsha256\tadded\tversion\n")
        for year in sorted(entries):
            e = entries[year]
            sys.stdout.write(f"{e.year}\t{e.triples}\t{e.source}\t{e.sha256}\t{e.added}\t"
                             f"{e.version}\n")
        if not args.quiet:
            sys.stderr.write(f"tipgraph: {args.store}: {len(entries)} report year(s), "
                             f"{archive_store.union_size(store)} triples in the union\n")
        return 0
    if args.action == "compact":
        return _compact(args)
    if not args.years:
        raise InputError("store remove: give the report years to remove", code="E141")
    archive_store.open_read_only(args.store)  # E681 before a lock file is made beside it
    with store_lock(args.store):
        archive_store.clean_leftovers(args.store)
        entries = archive_store.read_manifest(open_store(args.store))
        missing = sorted(set(args.years) - set(entries))
        if missing:
            held = ", ".join(str(y) for y in sorted(entries)) or "none"
            raise InputError(f"the store {args.store} holds no report of "
                             f"{', '.join(map(str, missing))} (it holds: {held})", code="E141")
        left = set(entries)
        for year in sorted(set(args.years)):
            left.discard(year)
            description = archive_store.dataset_description(left)
            archive_store.change(args.store, partial(_drop, year=year,
                                                     description=description))
            if not args.quiet:
                sys.stderr.write(f"tipgraph: {year}: removed ({entries[year].source})\n")
        store_compaction.compact_store(args.store, when=archive_store.utc_now())
    return 0


def _compact(args: argparse.Namespace) -> int:
    from tipgraph.serve import archive_store, store_compaction
    from tipgraph.serve.store import store_lock

    if args.years:
        raise InputError("store compact takes no years", code="E141")
    archive_store.open_read_only(args.store)  # E681 before a lock file is made beside it
    with store_lock(args.store):
        archive_store.clean_leftovers(args.store)
        store_compaction.compact_store(args.store, when=archive_store.utc_now())
    if not args.quiet:
        sys.stderr.write(f"tipgraph: {args.store}: compacted\n")
    return 0
