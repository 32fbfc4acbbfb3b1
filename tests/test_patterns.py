"""Rule data is read one way: every pattern file loads; broken data fails with E230 and its line."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from tipgraph.core.errors import ExtractionError
from tipgraph.extract import patterns

SHIPPED = sorted(p.name for p in resources.files(patterns.PACKAGE).iterdir()
                 if p.name.endswith(".jsonl"))


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_pattern_file_loads(name: str) -> None:
    rows = patterns.load(name)
    assert rows, f"{name} is empty"
    assert [row.line for row in rows] == sorted({row.line for row in rows})


def test_an_unknown_file_is_e230_naming_the_known_ones() -> None:
    with pytest.raises(ExtractionError) as caught:
        patterns.load("no_such_rules.jsonl")
    assert caught.value.code == "E230" and "flows_cues.jsonl" in caught.value.message


@pytest.fixture
def broken_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Pattern files read from a scratch directory, with the cache emptied before and after."""
    monkeypatch.setattr(patterns.resources, "files", lambda _package: tmp_path)
    patterns.load.cache_clear()
    patterns.word_lists.cache_clear()
    yield tmp_path
    patterns.load.cache_clear()
    patterns.word_lists.cache_clear()


def test_a_line_that_is_not_json_is_e230_with_file_and_line(broken_package: Path) -> None:
    (broken_package / "x.jsonl").write_text('{"a": 1}\n\n{"a": 2,}\n', encoding="utf-8")
    with pytest.raises(ExtractionError) as caught:
        patterns.load("x.jsonl")
    assert caught.value.code == "E230" and "x.jsonl:3" in caught.value.message


def test_objects_checks_shape_and_required_keys(broken_package: Path) -> None:
    (broken_package / "x.jsonl").write_text('{"a": 1}\n["a"]\n', encoding="utf-8")
    (broken_package / "y.jsonl").write_text('{"a": 1}\n{"b": 1}\n', encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"x\.jsonl:2: expected a JSON object"):
        patterns.objects("x.jsonl")
    with pytest.raises(ExtractionError, match=r"y\.jsonl:2: missing 'a'"):
        patterns.objects("y.jsonl", "a")


def test_word_lists_join_lines_of_one_list_lower_cased(broken_package: Path) -> None:
    (broken_package / "w.jsonl").write_text(
        '{"list": "heads", "words": ["Ministry"]}\n{"list": "heads", "words": ["office"]}\n'
        '{"list": "bad", "words": "oops"}\n', encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"w\.jsonl:3"):
        patterns.word_lists("w.jsonl")
    (broken_package / "v.jsonl").write_text(
        '{"list": "heads", "words": ["Ministry"]}\n{"list": "heads", "words": ["office"]}\n',
        encoding="utf-8")
    assert patterns.word_lists("v.jsonl") == {"heads": frozenset({"ministry", "office"})}
