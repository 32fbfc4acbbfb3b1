"""The extractors' rule data (Matcher patterns, word lists, cue tables) as JSONL package data.

Every file is read through :func:`load` (or :func:`objects` / :func:`word_lists`), so every
extractor fails the same way on broken data: ``E230`` naming the file and the line, never a
``KeyError`` or a ``JSONDecodeError`` from deep inside a constructor. A missing or malformed
file is an installation problem, not the user's input, but an extractor silently running with
half its rules would lose results without a word, so it is an error all the same.

Files are cached: the same file is parsed once per process however many pipelines are built.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from tipgraph.core.errors import ExtractionError

PACKAGE = "tipgraph.extract.patterns"
E_PATTERN_DATA = "E230"


class Row(NamedTuple):
    """One non-blank line of a pattern file: its 1-based line number and its JSON value."""

    line: int
    value: Any


def pattern_error(name: str, line: int | None, problem: str) -> ExtractionError:
    """The one error of broken rule data: ``E230: NAME:LINE: problem``."""
    where = f"{name}:{line}" if line is not None else name
    return ExtractionError(f"pattern file {where}: {problem}", code=E_PATTERN_DATA)


@lru_cache(maxsize=64)
def load(name: str) -> tuple[Row, ...]:
    """Every non-blank line of pattern file ``name``, parsed as JSON, with its line number.

    Raises:
        ExtractionError: E230 when the file is not in the package or a line is not JSON.
    """
    resource = resources.files(PACKAGE).joinpath(name)
    if not name.endswith(".jsonl") or not resource.is_file():
        known = sorted(p.name for p in resources.files(PACKAGE).iterdir()
                       if p.name.endswith(".jsonl"))
        raise pattern_error(name, None, f"not in {PACKAGE} (known: {', '.join(known)}); "
                            "reinstall tipgraph")
    rows: list[Row] = []
    for number, text in enumerate(resource.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            rows.append(Row(number, json.loads(text)))
        except json.JSONDecodeError as exc:
            raise pattern_error(name, number, f"not valid JSON ({exc.msg})") from None
    return tuple(rows)


def objects(name: str, *required: str) -> list[tuple[int, dict[str, Any]]]:
    """The lines of ``name`` as ``(line, object)``, each checked to be an object with ``required``.

    Raises:
        ExtractionError: E230 when a line is not an object or lacks a required key.
    """
    out: list[tuple[int, dict[str, Any]]] = []
    for row in load(name):
        if not isinstance(row.value, dict):
            raise pattern_error(name, row.line, "expected a JSON object")
        missing = [key for key in required if key not in row.value]
        if missing:
            raise pattern_error(name, row.line, f"missing {', '.join(map(repr, missing))}")
        out.append((row.line, row.value))
    return out


@lru_cache(maxsize=16)
def word_lists(name: str) -> dict[str, frozenset[str]]:
    """A word-list file (``{"list": NAME, "words": [...]}`` lines) as ``{name: lower-case words}``.

    A list may span several lines; their words are joined.
    """
    out: dict[str, set[str]] = {}
    for line, row in objects(name, "list", "words"):
        words = row["words"]
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise pattern_error(name, line, "'words' must be a list of strings")
        out.setdefault(row["list"], set()).update(w.lower() for w in words)
    return {key: frozenset(words) for key, words in out.items()}


__all__ = ["E_PATTERN_DATA", "PACKAGE", "Row", "load", "objects", "pattern_error", "word_lists"]
