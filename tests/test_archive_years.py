"""The per-year listings on a graph of many report years, and the route years, on both engines.

The four-year fixture of test_archive.py (tests/data/archive: 2005, 2009, 2017, 2019) is
built once as a graph file (answered by rdflib) and once as a store (answered by Oxigraph,
``tipgraph query --graph DIR``). The listings whose answers grow with the archive answer for
the newest report year when no year is given (issue #13: they stay cheap on a 26-year
archive), ``year=all`` for every year, and the CLI says which year it answered for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from tipgraph.cli.main import main
from tipgraph.cli.storequery import run_on_store
from tipgraph.core.errors import QueryError
from tipgraph.ontology import ID_BASE, TIP
from tipgraph.queries import load_query, run_query

DATA = Path(__file__).parent / "data" / "archive"
YEARS = (2005, 2009, 2017, 2019)
#: The listings that default to the newest year.
NEWEST_BY_DEFAULT = {"tier-table", "countries-by-role", "sex-tourism", "routes", "tier-feeds",
                     "chains", "country-profile", "busiest-origins", "busiest-destinations",
                     "region-flows", "flows-into", "flows-from"}
#: Those the fixture has rows of in more than one year for (its flows of two hops, child sex
#: tourism and tier feeds are too few), with their parameters.
LISTINGS: list[tuple[str, dict[str, str]]] = [
    ("tier-table", {}), ("countries-by-role", {}), ("routes", {}), ("tier-table", {"tier": "2WL"})]

pytestmark = pytest.mark.filterwarnings(
    r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated:DeprecationWarning")

Rows = list[tuple[str | None, ...]]


@pytest.fixture(scope="module")
def built(four_years: tuple[Path, Path, Dataset]) -> tuple[Path, Path, Dataset]:
    """The four years (conftest.four_years)."""
    return four_years


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value).removeprefix(ID_BASE) if isinstance(value, URIRef) else str(value)


def on_file(built: tuple[Path, Path, Dataset], name: str, params: dict[str, str]) -> Rows:
    return [tuple(_text(v) for v in row)  # type: ignore[union-attr]
            for row in run_query(built[2], name, params)]


def on_store(built: tuple[Path, Path, Dataset], name: str, params: dict[str, str]) -> Rows:
    return [tuple(_text(v) for v in row)  # type: ignore[union-attr]
            for row in run_on_store(built[1], load_query(name), params)]


def years_of(rows: Rows, name: str) -> set[str | None]:
    index = load_query(name).text  # the column is named ?year in each of them
    assert "?year" in index
    column = 1 if name == "routes" else 0
    return {row[column] for row in rows}


@pytest.mark.parametrize(("name", "params"), LISTINGS)
def test_a_listing_without_a_year_answers_for_the_newest_on_both_engines(
        built: tuple[Path, Path, Dataset], name: str, params: dict[str, str]) -> None:
    for run in (on_file, on_store):
        default = run(built, name, params)
        assert years_of(default, name) <= {"2019"}, (run.__name__, name)
        assert default == run(built, name, {**params, "year": "2019"})
        assert default == run(built, name, {**params, "year": "newest"})
        assert default != run(built, name, {**params, "year": "all"}), (run.__name__, name)
    assert sorted(on_file(built, name, params)) == sorted(on_store(built, name, params))


@pytest.mark.parametrize(("name", "params"), LISTINGS)
def test_year_all_answers_for_every_year_on_both_engines(
        built: tuple[Path, Path, Dataset], name: str, params: dict[str, str]) -> None:
    every = {**params, "year": "all"}
    from_file = on_file(built, name, every)
    assert years_of(from_file, name) - {"2019"}, name  # rows of other years too
    for year in YEARS:  # every year's rows are among them
        assert set(on_file(built, name, {**params, "year": str(year)})) <= set(from_file)
    assert sorted(from_file) == sorted(on_store(built, name, every))


def test_the_listings_that_grow_with_the_archive_default_to_the_newest_year() -> None:
    from tipgraph.queries import list_queries

    assert {q.name for q in list_queries()
            if any(p.kind == "year" and p.default == "newest" for p in q.params)} == \
        NEWEST_BY_DEFAULT


def test_tier_table_of_every_year_holds_the_four_years(
        built: tuple[Path, Path, Dataset]) -> None:
    assert years_of(on_file(built, "tier-table", {"year": "all"}), "tier-table") == {
        str(year) for year in YEARS}


def test_a_year_that_is_no_year_is_refused(built: tuple[Path, Path, Dataset]) -> None:
    with pytest.raises(QueryError, match="is not a report year such as 2017"):
        on_file(built, "tier-table", {"year": "last"})


def test_the_cli_says_which_year_it_answered_for(built: tuple[Path, Path, Dataset],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out, store, _ = built
    for graph in (out, store):
        capsys.readouterr()
        assert main(["query", "tier-table", "--graph", str(graph), "--format", "csv"]) == 0
        answer = capsys.readouterr()
        assert ("answering for 2019, the newest of 4 report years; give year=YYYY for "
                "another, or year=all for every year") in answer.err, graph
        assert main(["query", "tier-table", "--graph", str(graph), "--format", "csv",
                     "-p", "year=all"]) == 0
        assert "answering for" not in capsys.readouterr().err
        assert main(["query", "tier-table", "--graph", str(graph), "--format", "csv",
                     "-p", "year=2017"]) == 0
        assert "answering for" not in capsys.readouterr().err


def test_a_single_year_graph_answers_as_before_and_says_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "one.nq"
    assert main(["build", str(DATA / "tip-2009-archive.txt"), "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    assert main(["query", "tier-table", "--graph", str(out), "--format", "csv"]) == 0
    default = capsys.readouterr()
    assert "answering for" not in default.err
    assert main(["query", "tier-table", "--graph", str(out), "--format", "csv",
                 "-p", "year=all"]) == 0
    assert capsys.readouterr().out == default.out
    assert "2009" in default.out


def test_every_year_graph_states_its_year_on_the_routes_of_its_flows(
        built: tuple[Path, Path, Dataset]) -> None:
    archive = built[2]
    for year in YEARS:
        graph = archive.graph(URIRef(f"{ID_BASE}graph/{year}"))
        routes = set(graph.objects(None, TIP.onRoute))
        assert routes, year
        assert {r for r in routes if (r, TIP.routeYear, Literal(year)) in graph} == routes
        assert set(graph.objects(None, TIP.routeYear)) == {Literal(year)}, year


@pytest.mark.parametrize(("name", "params"), [
    ("persistent-routes", {"min_years": "2"}),
    ("new-routes", {"from_year": "2017", "to_year": "2019"}),
    ("new-routes", {"from_year": "2005", "to_year": "2009"}),
    ("dropped-routes", {"from_year": "2005", "to_year": "2009"}),
    ("dropped-routes", {"from_year": "2017", "to_year": "2019"}),
    ("country-timeline", {"country": "THA"}),
    ("country-timeline", {"country": "SWZ"}),
])
def test_the_route_year_queries_agree_on_both_engines(
        built: tuple[Path, Path, Dataset], name: str, params: dict[str, str]) -> None:
    def plain(rows: Rows) -> list[tuple[str | None, ...]]:
        # a GROUP_CONCAT's order is the engine's own: compare its words as a set
        return sorted(tuple(" ".join(sorted(v.split())) if v else v for v in row)
                      for row in rows)

    from_file = on_file(built, name, params)
    assert from_file, (name, params)
    assert plain(from_file) == plain(on_store(built, name, params))
