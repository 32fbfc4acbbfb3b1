"""The country and tier queries of issue #13 on both engines; automatic downgrades read at build.

The four-year fixture of test_archive.py (tests/data/archive: 2005, 2009, 2017, 2019) is built
once as a graph file (answered by rdflib) and once as a store (answered by Oxigraph, as
``tipgraph query --graph DIR`` and ``tipgraph serve`` answer). ``tier-history``,
``tier-changes``, ``country-timeline`` and ``country-profile`` were rewritten so that
Oxigraph evaluates them for the country or years asked for, not for the whole archive; they
must give the same rows on both engines, and the rows test_archive.py holds them to.
``tier-changes`` reads the sentences that say a downgrade was automatic from the graph
(``tip:automaticDowngradeSentence``, written by the mapping from
``tipgraph.extract.downgrades``), not from a regular expression at query time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from tipgraph.cli.storequery import run_on_store
from tipgraph.extract.downgrades import automatic_downgrade_sentences
from tipgraph.extract.records import Sentence
from tipgraph.ontology import ID_BASE, TIP
from tipgraph.queries import load_query, run_query

YEARS = (2005, 2009, 2017, 2019)

pytestmark = pytest.mark.filterwarnings(
    r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated:DeprecationWarning")

Rows = list[tuple[str | None, ...]]


@pytest.fixture(scope="module")
def built(four_years: tuple[Path, Path, Dataset]) -> tuple[Path, Dataset]:
    """The four years (conftest.four_years)."""
    return (four_years[1], four_years[2])


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value).removeprefix(ID_BASE) if isinstance(value, URIRef) else str(value)


def on_file(built: tuple[Path, Dataset], name: str, params: dict[str, str]) -> Rows:
    return [tuple(_text(v) for v in row)  # type: ignore[union-attr]
            for row in run_query(built[1], name, params)]


def on_store(built: tuple[Path, Dataset], name: str, params: dict[str, str]) -> Rows:
    return [tuple(_text(v) for v in row)  # type: ignore[union-attr]
            for row in run_on_store(built[0], load_query(name), params)]


def _sentence(index: int, text: str) -> Sentence:
    return Sentence(index, 0, len(text), text, text, "overview")


# ------------------------------------------------------------------ automatic downgrades

@pytest.mark.parametrize("text", [
    "Because Thailand was on Tier 2 Watch List for the maximum number of consecutive years "
    "allowed by the TVPA and was not granted a waiver, Thailand was automatically downgraded "
    "to Tier 3.",
    "Therefore, Belarus was downgraded to Tier 3; it is no longer eligible for a waiver.",
    "The country is not eligible for an additional waiver and is placed on Tier 3.",
    "Equatorial Guinea received an AUTOMATIC DOWNGRADE to Tier 3.",
])
def test_a_sentence_that_says_the_downgrade_was_automatic_is_read(text: str) -> None:
    assert automatic_downgrade_sentences([_sentence(4, text)]) == [_sentence(4, text)]


@pytest.mark.parametrize("text", [
    "Without a waiver, the country would have been automatically downgraded to Tier 3.",
    "The country was granted a waiver from an otherwise required downgrade to Tier 3.",
    "The country was granted a waiver; it would otherwise be automatically downgraded.",
    "The government was downgraded to Tier 3 for its lack of efforts.",
    "The country remained on Tier 2 Watch List for a second consecutive year.",
])
def test_a_waiver_a_conditional_or_another_downgrade_is_not(text: str) -> None:
    assert automatic_downgrade_sentences([_sentence(4, text)]) == []


def test_the_narrative_records_the_sentence_that_says_so(built: tuple[Path, Dataset]) -> None:
    stated = set(built[1].subject_objects(TIP.automaticDowngradeSentence))
    assert stated == {(URIRef(f"{ID_BASE}narrative/2019/THA"),
                       URIRef(f"{ID_BASE}narrative/2019/THA/sentence/1"))}
    text = built[1].value(URIRef(f"{ID_BASE}narrative/2019/THA/sentence/1"), TIP.text)
    assert "automatically downgraded to Tier 3" in str(text)


def test_tier_changes_read_the_automatic_downgrade_from_the_graph(
        built: tuple[Path, Dataset]) -> None:
    """Without the recorded sentence the query says nothing automatic, whatever the text."""
    params = {"from_year": "2017", "to_year": "2019"}
    thailand = next(r for r in on_file(built, "tier-changes", params) if r[0] == "THA")
    assert thailand[7:9] == ("true", "narrative/2019/THA/sentence/1")
    graph = Graph()
    for triple in built[1].triples((None, None, None)):
        if triple[1] != TIP.automaticDowngradeSentence:
            graph.add(triple)
    rows = [tuple(_text(v) for v in row)  # type: ignore[union-attr]
            for row in run_query(graph, "tier-changes", params)]
    assert next(r for r in rows if r[0] == "THA")[7:9] == ("false", None)


# ------------------------------------------------------------------ both engines

@pytest.mark.parametrize(("name", "params"), [
    ("tier-history", {"country": "THA"}),
    ("tier-history", {"country": "SWZ"}),
    ("tier-history", {"country": "MKD"}),
    ("tier-history", {"country": "SRB"}),
    ("tier-history", {"country": "ZAF"}),
    ("tier-changes", {"from_year": "2017", "to_year": "2019"}),
    ("tier-changes", {"from_year": "2005", "to_year": "2009"}),
    ("tier-changes", {"from_year": "2009", "to_year": "2017"}),
    ("tier-changes", {"from_year": "2005", "to_year": "2019"}),
    ("country-profile", {"country": "THA", "year": "2009"}),
    ("country-profile", {"country": "SWZ"}),
])
def test_the_country_and_tier_queries_agree_on_both_engines(
        built: tuple[Path, Dataset], name: str, params: dict[str, str]) -> None:
    def plain(rows: Rows) -> Rows:
        # a figure's value is a decimal each engine writes its own way (8.0, 8)
        return [(*row[:2], None, *row[3:]) if row[1] == "figure" else row for row in rows]

    from_file = on_file(built, name, params)
    assert from_file or params.get("country") == "ZAF", (name, params)
    assert plain(from_file) == plain(on_store(built, name, params))


def test_tier_history_of_a_successor_state_starts_with_it(
        built: tuple[Path, Dataset]) -> None:
    for run in (on_file, on_store):
        assert [row[:6] for row in run(built, "tier-history", {"country": "SRB"})] == [
            ("2009", "SERBIA", "2", None, None, "first"),
            ("2019", "SERBIA", "2WL", "2009", "2", "downgrade")], run.__name__


def test_tier_changes_across_the_whole_archive_on_both_engines(
        built: tuple[Path, Dataset]) -> None:
    """2005 to 2019: Serbia (first on the Watch List) against the Serbia and Montenegro of
    2005; Thailand from Tier 2 to Tier 3, not automatic (it was not on the Watch List in
    2005); Curacao has no 2005 narrative, nor one of the Antilles it replaced."""
    for run in (on_file, on_store):
        rows = {row[0]: row[2:8]
                for row in run(built, "tier-changes", {"from_year": "2005", "to_year": "2019"})}
        assert rows == {
            "SRB": ("SCG", "2", "2WL", "downgrade", "true", "false"),
            "THA": ("THA", "2", "3", "downgrade", "false", "false"),
        }, run.__name__


# ------------------------------------------------------------------ country-profile's year

def test_country_profile_answers_for_the_newest_year_unless_asked(
        built: tuple[Path, Dataset]) -> None:
    for run in (on_file, on_store):
        default = run(built, "country-profile", {"country": "THA"})
        every = run(built, "country-profile", {"country": "THA", "year": "all"})
        assert default and {row[0] for row in default} == {"2019"}, run.__name__
        assert default == run(built, "country-profile", {"country": "THA", "year": "2019"})
        assert {row[0] for row in every} == {str(year) for year in YEARS}, run.__name__
        by_year: Rows = []
        for year in YEARS:
            by_year += run(built, "country-profile", {"country": "THA", "year": str(year)})
        assert sorted(by_year, key=str) == sorted(every, key=str), run.__name__


def test_country_profile_of_every_year_keeps_the_tier_of_each(
        built: tuple[Path, Dataset]) -> None:
    rows = on_file(built, "country-profile", {"country": "THA", "year": "all"})
    assert [(r[0], r[2]) for r in rows if r[1] == "tier"] == [
        ("2005", "Tier 2"), ("2009", "Tier 2 Watch List"), ("2017", "Tier 2 Watch List"),
        ("2019", "Tier 3")]
