"""How an acronym spells a name (``tipgraph.extract.agency_words.spelled``): one initial a word,
or the initials of a hyphenated word's parts, as writers spell "anti-trafficking" both ways."""

from __future__ import annotations

import pytest

from tipgraph.extract.agency_words import spelled


@pytest.mark.parametrize(("words", "acronym"), [
    (["anti-trafficking", "unit"], "ATU"),
    (["anti-trafficking", "unit"], "AU"),
    (["regional", "anti-trafficking", "committee"], "RATC"),
    (["regional", "anti-trafficking", "committee"], "RAC"),
    (["national", "anti-human-trafficking", "unit"], "NAHTU"),
    (["victim", "support", "unit"], "VSU"),
])
def test_spells(words: list[str], acronym: str) -> None:
    assert spelled(words, acronym)


@pytest.mark.parametrize(("words", "acronym"), [
    (["regional", "anti-trafficking", "committee"], "RATCX"),
    (["regional", "anti-trafficking", "committee"], "RTC"),
    (["victim", "support", "unit"], "VS"),
    ([], "VSU"),
])
def test_does_not_spell(words: list[str], acronym: str) -> None:
    assert not spelled(words, acronym)
