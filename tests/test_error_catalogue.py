"""The error codes users match on are catalogued once (core/errors.tsv) and the catalogue is true.

Read from the source with ``ast``: every ``code="Exxx"`` a call raises is catalogued with that
class (or, for an answer of the endpoint, as ``http``), every other ``"Exxx"`` literal is
catalogued, nothing catalogued is unused, and the README's table is the catalogue.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tipgraph.core import errors
from tipgraph.core.catalogue import KINDS, catalogue, markdown_table, meaning

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("core", "ontology", "extract", "graph", "shapes", "pipeline", "queries",
               "exports", "serve", "cli", "api")
CODE = re.compile(r"E\d{3}")
LEADING = re.compile(r"E\d{3}(?=: )")
#: The roots of the tree (``TipgraphError.code`` and its direct subclasses' defaults).
ROOT_CODES = {cls.code for cls in (errors.TipgraphError, errors.InputError,
                                   errors.ExtractionError, errors.MappingError,
                                   errors.ValidationError, errors.QueryError, errors.OutputError)}


def _sources() -> Iterator[Path]:
    for folder in SOURCE_DIRS:
        if (ROOT / folder).is_dir():
            yield from sorted((ROOT / folder).rglob("*.py"))


def _raised() -> list[tuple[str, str, str]]:
    """``(code, called name, file:line)`` of every call given ``code="Exxx"``."""
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg == "code" and isinstance(value, ast.Constant) \
                        and isinstance(value.value, str):
                    func = node.func
                    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                    found.append((value.value, name, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return found


def _literals() -> dict[str, list[str]]:
    """Every ``"Exxx"`` string constant of the source, with where it is."""
    found: dict[str, list[str]] = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                # a code alone ("E109"), or opening a message argparse prints ("E126: ...")
                code = CODE.fullmatch(node.value) or LEADING.match(node.value)
                if code:
                    found.setdefault(code.group(0)[:4], []).append(
                        f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_the_catalogue_is_well_formed() -> None:
    entries = catalogue()
    assert entries, "core/errors.tsv is empty"
    for code, entry in entries.items():
        assert CODE.fullmatch(code), code
        assert entry.kind in KINDS, (code, entry.kind)
        assert entry.meaning and "\t" not in entry.meaning and len(entry.meaning) <= 100, code
        if entry.kind == "error":
            assert isinstance(getattr(errors, entry.cls, None), type) or entry.cls.endswith(
                "Error"), (code, entry.cls)
    assert meaning("E109") and meaning("E999") == ""


def test_every_code_raised_is_catalogued_with_the_class_it_is_raised_with() -> None:
    entries = catalogue()
    wrong = []
    for code, called, where in _raised():
        entry = entries.get(code)
        if entry is None:
            wrong.append(f"{where}: {code} is not in core/errors.tsv")
        elif entry.kind == "error" and called.endswith("Error") and called != entry.cls:
            wrong.append(f"{where}: {code} is raised as {called}, catalogued as {entry.cls}")
    assert not wrong, "\n".join(wrong)


def test_every_code_in_the_source_is_catalogued_and_every_catalogued_code_is_used() -> None:
    used = _literals()
    entries = catalogue()
    missing = {code: where for code, where in used.items() if code not in entries}
    assert not missing, f"codes used but not catalogued: {missing}"
    unused = sorted(set(entries) - set(used) - ROOT_CODES)
    assert not unused, f"catalogued but used nowhere (retire them from core/errors.tsv): {unused}"


def test_the_readme_lists_the_catalogue() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, (
        "the README's error table differs from core/errors.tsv; regenerate it with "
        "`python -m tipgraph.core.catalogue` and paste it under '## Error codes'")


@pytest.mark.parametrize("code", ["E101", "E230", "E401", "E542", "E634"])
def test_codes_users_match_on_keep_their_meaning(code: str) -> None:
    """A few codes the README and the docs quote by name; renumbering them breaks scripts."""
    assert code in catalogue()
