"""Tests of the roles read from a profile's first sentence, in both report-era styles."""

from __future__ import annotations

import pytest
import spacy

from tipgraph.extract import sentences as _sentences  # noqa: F401
from tipgraph.extract.roles import roles_from_profile, roles_of_sentence


@pytest.mark.parametrize(("sentence", "roles"), [
    # The 2002 phrasing: "a source of" with no "country".
    ("Nepal is a source of women and girls trafficked primarily to India for purposes of "
     "sexual exploitation and bonded labor.", {"source"}),
    ("As reported over the past five years, Kenya is a source, transit, and destination "
     "country for men, women, and children subjected to forced labor and sex trafficking.",
     {"source", "transit", "destination"}),
    ("Kazakhstan is a destination and, to a lesser extent, a source and transit country for "
     "men, women, and children subjected to sex trafficking.",
     {"source", "transit", "destination"}),
    ("Macau is primarily a destination and, to a much lesser extent, a transit territory for "
     "women and children subjected to sex trafficking.", {"transit", "destination"}),
    ("As reported over the past five years, Malawi is a source country for men, women, and "
     "children subjected to forced labor.", {"source"}),
    ("Kuwait is a destination country for men and women subjected to forced labor.",
     {"destination"}),
    ("As reported over the past five years, human traffickers exploit domestic and foreign "
     "victims in Chad, and traffickers exploit victims from Chad abroad.",
     {"source", "destination"}),
    ("As reported over the past five years, traffickers exploit domestic and foreign victims "
     "in Malta.", {"destination"}),
    ("As reported over the past five years, traffickers exploit victims from Laos abroad, and "
     "Laos is a transit point for victims from Vietnam.", {"source", "transit"}),
    ("are often subjected to sex trafficking in Italy after accepting promises of employment.",
     set()),
    ("Most victims come from the country of origin of their employers.", set()),
    ("Moldova is a country of origin for women and girls trafficked to Turkey.", {"source"}),
    ("Ukraine is a major country of origin and transit for women and girls trafficked for the "
     "purpose of sexual exploitation.", {"source", "transit"}),
    ("Laos is a transit point for women from Vietnam and China en route to Thailand.",
     {"transit"}),
    # A dash aside set between the role words, written without spaces (2018): the dash joins
    # two words into one token unless it breaks them.
    ("As reported over the past five years, Freedonia is a source, transit, and—to a lesser "
     "extent—destination country for men, women, and children.",
     {"source", "transit", "destination"}),
    ("Sylvania is a destination–and, to a lesser extent–a source country for women.",
     {"source", "destination"}),
])
def test_roles_of_sentence(sentence: str, roles: set[str]) -> None:
    assert roles_of_sentence(sentence) == roles


def test_only_the_first_sentence_counts() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("tip_sentencizer")
    doc = nlp("Latvia is a source country for men and women subjected to sex trafficking. "
              "To a lesser extent, Latvia is a source and destination country for forced "
              "criminality.")
    assert roles_from_profile(doc) == {"source"}
    assert roles_from_profile(nlp("")) == set()
