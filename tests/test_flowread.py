"""The flow reader's data fails one way (E230 with file and line), and its stages stay small."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import spacy

from tipgraph.core.errors import ExtractionError
from tipgraph.extract import patterns, roles
from tipgraph.extract.flowread import lexicon, words

ROOT = Path(__file__).resolve().parents[1]
STAGES = sorted((ROOT / "extract" / "flowread").glob("*.py"))


def _clear() -> None:
    for cached in (patterns.load, patterns.word_lists, words.flow_words, lexicon._cached,
                   roles._lexicon):
        cached.cache_clear()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A scratch copy of every shipped pattern file, read instead of the package's."""
    for shipped in resources.files(patterns.PACKAGE).iterdir():
        if shipped.name.endswith(".jsonl"):
            (tmp_path / shipped.name).write_text(shipped.read_text(encoding="utf-8"),
                                                 encoding="utf-8")
    monkeypatch.setattr(patterns.resources, "files", lambda _package: tmp_path)
    _clear()
    yield tmp_path
    _clear()


def _append(path: Path, line: str) -> int:
    """Append a line to a pattern file; returns its line number."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n" + line + "\n", encoding="utf-8")
    return text.count("\n") + 2


def test_a_word_list_without_why_is_e230(data: Path) -> None:
    line = _append(data / words.WORDS_FILE, '{"list": "concessives", "words": ["despite"]}')
    with pytest.raises(ExtractionError, match=rf"flows_words\.jsonl:{line}: missing 'why'"):
        words.flow_words()


def test_an_unknown_or_missing_word_list_is_e230(data: Path) -> None:
    path = data / words.WORDS_FILE
    _append(path, '{"list": "concesives", "words": ["despite"], "why": "typo"}')
    with pytest.raises(ExtractionError, match=r"unknown list 'concesives'") as caught:
        words.flow_words()
    assert caught.value.code == "E230"
    kept = [t for t in path.read_text(encoding="utf-8").splitlines()
            if '"concessives"' not in t and "concesives" not in t]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    _clear()
    with pytest.raises(ExtractionError, match=r"missing list\(s\) concessives"):
        words.flow_words()


def test_an_unknown_cue_label_is_e230_with_its_line(data: Path) -> None:
    line = _append(data / lexicon.CUES_FILE, '{"label": "DESTINATION", "phrase": "bound for"}')
    with pytest.raises(ExtractionError, match=rf"flows_cues\.jsonl:{line}: unknown label "
                       r"'DESTINATION'") as caught:
        lexicon.load_lexicon(spacy.blank("en"))
    assert caught.value.code == "E230"


def test_a_cue_without_phrase_or_pattern_is_e230(data: Path) -> None:
    line = _append(data / lexicon.CUES_FILE, '{"label": "DEST", "text": "bound for"}')
    with pytest.raises(ExtractionError, match=rf"flows_cues\.jsonl:{line}: needs 'phrase'"):
        lexicon.load_lexicon(spacy.blank("en"))


def test_a_sector_form_of_no_known_form_is_e230(data: Path) -> None:
    line = _append(data / lexicon.SECTOR_FORMS_FILE, '{"sector": "fishing", "form": "slave"}')
    with pytest.raises(ExtractionError, match=rf"forms_by_sector\.jsonl:{line}: needs a "
                       r"sector"):
        lexicon.load_lexicon(spacy.blank("en"))


def test_an_unknown_narrative_role_is_e230(data: Path) -> None:
    line = _append(data / roles.ROLES_FILE,
                   '{"label": "ROLE", "word": "hub", "role": "transshipment"}')
    with pytest.raises(ExtractionError, match=rf"roles\.jsonl:{line}: role must be one of "
                       r"source, transit, destination"):
        roles.roles_of_sentence("Kenya is a hub.")


def test_the_shipped_data_loads() -> None:
    lex = lexicon.load_lexicon(spacy.blank("en"))
    assert lex.words.concessives == {"despite", "notwithstanding"}
    assert lex.nouns.victims["girls"] == "girls"
    assert roles.roles_of_sentence("Kenya is a source country.") == {"source"}


@pytest.mark.parametrize("path", STAGES, ids=[p.name for p in STAGES])
def test_stages_stay_small(path: Path) -> None:
    """No stage over 600 lines, no function over 60 (the issue-14 bar) unless it says why
    in a ``# long:`` comment on its first line."""
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 600, path.name
    lines = text.splitlines()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= 60 or "# long:" in lines[node.lineno - 1], (path.name, node.name)
