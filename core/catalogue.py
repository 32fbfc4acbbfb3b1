"""The catalogue of error codes: every code tipgraph prints, its class and one line of meaning.

The codes are a promise to users and scripts (``E109`` always means "over the size limit"), so
they are kept in one data file, ``core/errors.tsv``, rather than only inline where they are
raised. ``tests/test_error_catalogue.py`` keeps the three in step: every code in the source is
in the catalogue with the class it is raised with, every catalogued code is still used, and the
README's table is this catalogue (regenerate it with ``python -m tipgraph.core.catalogue``).

Kinds: ``error`` (an exception: one line on stderr, non-zero exit), ``warning`` (a
:class:`~tipgraph.extract.records.ReadWarning`: printed, counted, the run goes on) and ``http``
(an answer of ``tipgraph serve``, whose class column holds the HTTP status).
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Entry", "catalogue", "markdown_table", "meaning"]

KINDS = ("error", "warning", "http")


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalogued code."""

    code: str
    cls: str
    kind: str
    meaning: str


@cache
def catalogue() -> dict[str, Entry]:
    """Every catalogued code, in code order."""
    text = resources.files("tipgraph.core").joinpath("errors.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    entries = [Entry(r["code"], r["class"], r["kind"], r["meaning"]) for r in rows]
    return {e.code: e for e in sorted(entries, key=lambda e: e.code)}


def meaning(code: str) -> str:
    """The one-line meaning of ``code``, or an empty string for a code not catalogued."""
    entry = catalogue().get(code)
    return entry.meaning if entry is not None else ""


def markdown_table() -> str:
    """The catalogue as the README's Markdown table."""
    lines = ["| code | kind | class | meaning |", "|---|---|---|---|"]
    lines += [f"| `{e.code}` | {e.kind} | {e.cls} | {e.meaning} |" for e in catalogue().values()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    sys.stdout.write(markdown_table())
