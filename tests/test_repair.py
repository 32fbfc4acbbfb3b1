"""Tests of the PDF-conversion repair of section bodies and of its map back to the source."""

from __future__ import annotations

from importlib import resources
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipgraph.extract.repair import ESCAPABLE, ends_sentence, repair


def _clean(text: str) -> str:
    return repair(text, 0, len(text))[0]


def _check_map(source: str, start: int, end: int) -> None:
    """Assert the documented invariants of ``clean_map`` for one repair."""
    clean, cmap = repair(source, start, end)
    assert len(cmap) == len(clean) + 1
    assert all(a < b for a, b in pairwise(cmap)), "offsets must increase"
    if clean:
        assert start <= cmap[0] and cmap[-2] < end
        assert cmap[-1] == cmap[-2] + 1
    else:
        assert list(cmap) == [start]
    for i, ch in enumerate(clean):
        if ch.isspace():
            assert source[cmap[i]].isspace(), (i, ch)
        else:
            assert source[cmap[i]] == ch, (i, ch, source[cmap[i]])


@pytest.fixture(scope="module")
def sample() -> str:
    return (
        resources.files("tipgraph.extract.sample")
        .joinpath("tip-2017-jamaica-namibia.txt")
        .read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("identified eight\n\ntrafficking victims.", "identified eight trafficking victims."),
        (
            "evidence. Officials\n\nprosecuted three cases.",
            "evidence. Officials prosecuted three cases.",
        ),
        ("a page ends\n \n\t\n\n  here.", "a page ends here."),
        ("from Egypt—the\n\nLargest source.", "from Egypt—the Largest source."),
        ("regulations,\n\nand more.", "regulations, and more."),
        ("single-\n\nparent households.", "single- parent households."),
        ("line one\nline two\n\nnext.", "line one\nline two next."),
    ],
)
def test_page_break_inside_a_sentence_joins(source: str, expected: str) -> None:
    assert _clean(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("It ended.\n\nThe next.", "It ended.\n\nThe next."),
        ("It ended.\n\n\n \n\t\n\nThe next.", "It ended.\n\nThe next."),
        ("Is it?\n\nYes.", "Is it?\n\nYes."),
        ("Stop!\n\nNow.", "Stop!\n\nNow."),
        ("as follows:\n\nFirst.", "as follows:\n\nFirst."),
        ('of Kazakhstan."\n\nThe next.', 'of Kazakhstan."\n\nThe next.'),
        ("in 2015.)\n\nThe next.", "in 2015.)\n\nThe next."),
        ("“fight trafficking.”\n\nThe next.", "“fight trafficking.”\n\nThe next."),
        ("It ended.  \n\n  The next.", "It ended.\n\nThe next."),
    ],
)
def test_real_paragraph_break_becomes_one_separator(source: str, expected: str) -> None:
    assert _clean(source) == expected


@pytest.mark.parametrize("char", sorted(ESCAPABLE))
def test_markdown_escapes_are_undone(char: str) -> None:
    assert _clean(f"a \\{char} b.") == f"a {char} b."


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("allocated \\$32.5 million (\\$253,900).", "allocated $32.5 million ($253,900)."),
        ("C:\\path and \\n stay.", "C:\\path and \\n stay."),
        ("known as *enjo kosai*, a practice.", "known as enjo kosai, a practice."),
        ("*Enjo kosai*, a practice.", "Enjo kosai, a practice."),
        ("enhance *Tadamoun's* efforts.", "enhance Tadamoun's efforts."),
        ("a **bold** claim.", "a bold claim."),
        ("TIER 2* and 2 * 3 stay.", "TIER 2* and 2 * 3 stay."),
        ("an \\*escaped\\* star.", "an *escaped* star."),
        ("*not closed on this line\n\nnext*.", "*not closed on this line next*."),
        ("“quotes” and ‘these’ — and – dashes.", "“quotes” and ‘these’ — and – dashes."),
        ("\n\n \n  body text.  \n\n", "body text."),
        ("", ""),
        (" \n\t\n", ""),
    ],
)
def test_escapes_emphasis_quotes_and_edges(source: str, expected: str) -> None:
    assert _clean(source) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ended.", True),
        ("ended?", True),
        ("ended!", True),
        ("follows:", True),
        ('ended."', True),
        ("ended.”", True),
        ("ended.)", True),
        ("ended.’”", True),
        ("identified eight", False),
        ("regulations,", False),
        ("single-", False),
        ("ended;", False),
    ],
)
def test_ends_sentence(text: str, expected: bool) -> None:
    assert ends_sentence(text) is expected


@pytest.mark.parametrize(
    "source",
    [
        "x identified eight\n\ntrafficking victims.\n\nNext \\$5 *it*.",
        "  *a*  \n\n\n\\$\n\nb",
        "a\r\n\r\nb.\r\n\r\nC.",
        "\x0c page\n\x0c\nbreak.",
    ],
)
def test_map_invariants_by_hand(source: str) -> None:
    _check_map(source, 0, len(source))
    _check_map(source, 2, len(source) - 1)


def test_map_is_absolute_and_joins_map_to_the_break(sample: str) -> None:
    start = sample.index("The Government of Jamaica does not fully")
    end = sample.index("RECOMMENDATIONS FOR JAMAICA")
    clean, cmap = repair(sample, start, end)
    assert cmap[0] == start
    joined = clean.index("identified eight trafficking") + len("identified eight")
    assert sample[cmap[joined]] == "\n"
    assert sample[cmap[joined + 1] : cmap[joined + 12]] == "trafficking"
    _check_map(sample, start, end)


def test_sample_prosecution_joins_and_keeps_breaks(sample: str) -> None:
    start = sample.index("The government maintained efforts to investigate")
    end = sample.index("PROTECTION", start)
    clean = repair(sample, start, end)[0]
    assert "and evidence. Officials prosecuted three new" in clean
    assert "compared with 30 in 2015" in clean
    # The first paragraph ends with "." and a blank line: it stays a paragraph of its own.
    paragraphs = clean.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].endswith("will consider the amendment in 2017.")
    assert paragraphs[1].startswith("Authorities initiated 40 new")
    assert "(\\$253,900)" not in clean and "($253,900)" in clean


def test_whole_sample_map(sample: str) -> None:
    _check_map(sample, 0, len(sample))


def test_repair_rejects_a_span_outside_the_text() -> None:
    with pytest.raises(ValueError, match="not inside"):
        repair("abc", 2, 9)


_ALPHABET = st.sampled_from([*'ab A.?!:,;*\\$_-"”)(\n \t\x0c\r', "\n\n", "\n \n", "\\$"])


@settings(max_examples=300, database=None, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.data())
def test_map_invariants_on_arbitrary_text(source: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(start, len(source)))
    _check_map(source, start, end)
    clean = repair(source, start, end)[0]
    assert clean == clean.strip()
    assert "\n\n\n" not in clean


def test_list_items_stay_paragraphs_without_final_periods() -> None:
    """Recommendations listed without periods are items, not a sentence cut by a page end."""
    text = "• Increase efforts\n\n• Train officials\n\n2. Adopt a law\n\ncontinued here."
    clean, _ = repair(text, 0, len(text))
    assert clean == "• Increase efforts\n\n• Train officials\n\n2. Adopt a law continued here."
