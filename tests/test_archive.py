"""The archive: one node per country, law and route across report years, and the queries over years.

The fixture is four short report years (tests/data/archive: 2005, 2009, 2017 and 2019, in the
layouts of their eras) written from the reports' own phrasing, with tiers that move, a
country renamed (SWAZILAND, then ESWATINI; MACEDONIA, then NORTH MACEDONIA), a state that
ended (SERBIA AND MONTENEGRO in 2005, SERBIA from 2009), the Netherlands Antilles (2009)
and Curacao (2017, 2019). It is built with ``tipgraph build A B C D -o x.nq`` as a user
would, and every query of the archive is held to the exact rows a reader of the four texts
expects.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from tipgraph.cli.main import main
from tipgraph.ontology import ID_BASE, SCHEMA, TIP
from tipgraph.queries import run_query

DATA = Path(__file__).parent / "data" / "archive"
YEARS = (2005, 2009, 2017, 2019)

# rdflib's Dataset calls its own deprecated default_context when queried; the message comes
# from inside rdflib, never from tipgraph (as in test_exports.py).
pytestmark = pytest.mark.filterwarnings(
    r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated:DeprecationWarning")


def country(iso3: str) -> URIRef:
    return URIRef(f"{ID_BASE}country/{iso3}")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    out = tmp_path_factory.mktemp("archive") / "archive.nq"
    reports = [str(DATA / f"tip-{year}-archive.txt") for year in YEARS]
    assert main(["build", *reports, "-o", str(out), "-q"]) == 0
    dataset = Dataset(default_union=True)
    dataset.parse(data=out.read_text(encoding="utf-8"), format="nquads")
    return dataset


def table(graph: Dataset, name: str, **params: str) -> list[tuple[str | None, ...]]:
    """Rows as tuples of strings (IRIs after ``id/``), None for unbound."""
    def text(value: object) -> str | None:
        if value is None:
            return None
        return str(value).removeprefix(ID_BASE) if isinstance(value, URIRef) else str(value)

    return [tuple(text(v) for v in row) for row in run_query(graph, name, params)]  # type: ignore[union-attr]


# ------------------------------------------------------------------------------ identity

@pytest.mark.parametrize(("iso3", "headings"), [
    ("SWZ", {2009: "SWAZILAND", 2017: "SWAZILAND", 2019: "ESWATINI"}),
    ("MKD", {2005: "MACEDONIA", 2017: "MACEDONIA", 2019: "NORTH MACEDONIA"}),
    ("THA", {2005: "THAILAND", 2009: "THAILAND", 2017: "THAILAND", 2019: "THAILAND"}),
])
def test_a_renamed_country_is_one_node_in_every_year(archive: Dataset, iso3: str,
                                                     headings: dict[int, str]) -> None:
    for year, heading in headings.items():
        narrative = URIRef(f"{ID_BASE}narrative/{year}/{iso3}")
        assert archive.value(narrative, TIP.country) == country(iso3)
        assert str(archive.value(narrative, TIP.heading)) == heading
    assert len(set(archive.objects(country(iso3), TIP.iso3))) == 1


def test_burmese_burma_and_myanmar_are_one_route(archive: Dataset) -> None:
    route = URIRef(f"{ID_BASE}route/MMR/THA")
    years = sorted(int(archive.value(archive.value(flow, TIP.statedIn), TIP.reportYear))  # type: ignore[arg-type]
                   for flow in archive.subjects(TIP.onRoute, route))
    assert years == [2005, 2009, 2017, 2019]


def test_a_law_named_under_two_names_of_its_country_is_one_node(archive: Dataset) -> None:
    law = URIRef(f"{ID_BASE}law/SWZ/people-trafficking-and-people-smuggling-prohibition-act")
    narratives = {archive.value(s, TIP.inNarrative) for s in archive.objects(law, TIP.statedIn)}
    assert set(archive.objects(law, TIP.statedIn)) == {
        URIRef(f"{ID_BASE}narrative/2009/SWZ"), URIRef(f"{ID_BASE}narrative/2019/SWZ")}
    assert narratives
    assert archive.value(law, TIP.jurisdiction) == country("SWZ")


def test_historical_states_keep_their_nodes_with_dates_and_successors(archive: Dataset) -> None:
    scg, ant = country("SCG"), country("ANT")
    assert archive.value(URIRef(f"{ID_BASE}narrative/2005/SCG"), TIP.country) == scg
    assert archive.value(URIRef(f"{ID_BASE}narrative/2009/SRB"), TIP.country) == country("SRB")
    assert archive.value(scg, SCHEMA.dissolutionDate) == Literal("2006-06-03", datatype=XSD.date)
    assert archive.value(scg, SCHEMA.foundingDate) == Literal("1992-04-27", datatype=XSD.date)
    assert set(archive.objects(scg, DCTERMS.isReplacedBy)) == {country("SRB"), country("MNE")}
    assert set(archive.subjects(DCTERMS.replaces, scg)) == {country("SRB"), country("MNE")}
    assert archive.value(ant, SCHEMA.dissolutionDate) == Literal("2010-10-10", datatype=XSD.date)
    assert set(archive.objects(ant, DCTERMS.isReplacedBy)) == {
        country("CUW"), country("SXM"), country("BES")}
    assert archive.value(country("CUW"), SCHEMA.foundingDate) == Literal("2010-10-10",
                                                                           datatype=XSD.date)


def test_every_year_graph_holds_the_routes_of_its_own_flows(archive: Dataset) -> None:
    for year in YEARS:
        graph = archive.graph(URIRef(f"{ID_BASE}graph/{year}"))
        flows = set(graph.subjects(TIP.statedIn, None)) & set(
            graph.subjects(TIP.origin, None))
        linked = set(graph.subjects(TIP.onRoute, None))
        assert all((route, TIP.routeOrigin, None) in graph
                   for route in graph.objects(None, TIP.onRoute)), year
        assert flows and flows == linked, year


# ------------------------------------------------------------------------------ tiers

def test_tier_history(archive: Dataset) -> None:
    assert [row[:6] for row in table(archive, "tier-history", country="THA")] == [
        ("2005", "THAILAND", "2", None, None, "first"),
        ("2009", "THAILAND", "2WL", "2005", "2", "downgrade"),
        ("2017", "THAILAND", "2WL", "2009", "2WL", "same"),
        ("2019", "THAILAND", "3", "2017", "2WL", "downgrade"),
    ]
    assert [row[:6] for row in table(archive, "tier-history", country="SWZ")] == [
        ("2009", "SWAZILAND", "2", None, None, "first"),
        ("2017", "SWAZILAND", "2WL", "2009", "2", "downgrade"),
        ("2019", "ESWATINI", "2", "2017", "2WL", "upgrade"),
    ]
    assert [row[:6] for row in table(archive, "tier-history", country="MKD")] == [
        ("2005", "MACEDONIA", "1", None, None, "first"),
        ("2017", "MACEDONIA", "2", "2005", "1", "downgrade"),
        ("2019", "NORTH MACEDONIA", "1", "2017", "2", "upgrade"),
    ]
    assert table(archive, "tier-history", country="ZAF") == []


def test_tier_changes_2017_to_2019(archive: Dataset) -> None:
    rows = {row[0]: row[2:8] for row in table(archive, "tier-changes", from_year="2017",
                                              to_year="2019")}
    assert rows == {
        "CUW": ("CUW", "1", "2", "downgrade", "false", "false"),
        "THA": ("THA", "2WL", "3", "downgrade", "false", "true"),
        "MKD": ("MKD", "2", "1", "upgrade", "false", "false"),
        "SWZ": ("SWZ", "2WL", "2", "upgrade", "false", "false"),
        "SRB": (None, None, "2WL", "new", "true", "false"),
    }
    thailand = next(r for r in table(archive, "tier-changes", from_year="2017", to_year="2019")
                    if r[0] == "THA")
    assert thailand[8] == "narrative/2019/THA/sentence/1"
    assert "automatically downgraded to Tier 3" in str(thailand[9])


def test_tier_changes_compare_a_successor_with_the_state_it_replaced(archive: Dataset) -> None:
    rows = {row[0]: row[2:8] for row in table(archive, "tier-changes", from_year="2005",
                                              to_year="2009")}
    # Serbia (2009, Tier 2) against Serbia and Montenegro (2005, Tier 2): no change, no row;
    # Thailand's first Watch List is a downgrade too; Macedonia has no 2009 narrative.
    assert rows == {"THA": ("THA", "2", "2WL", "downgrade", "true", "false")}
    rows = {row[0]: row[2:8] for row in table(archive, "tier-changes", from_year="2009",
                                              to_year="2017")}
    # Curacao (2017, Tier 1) against the Netherlands Antilles it replaced (2009, Tier 2).
    assert rows == {"SWZ": ("SWZ", "2", "2WL", "downgrade", "true", "false"),
                    "CUW": ("ANT", "2", "1", "upgrade", "false", "false")}


def test_a_watch_list_year_after_another_is_not_a_first(archive: Dataset) -> None:
    rows = table(archive, "tier-changes", from_year="2009", to_year="2017")
    assert ("THA" not in {r[0] for r in rows})


# ------------------------------------------------------------------------------ routes

def test_route_history(archive: Dataset) -> None:
    rows = table(archive, "route-history", origin="SWZ", destination="ZAF")
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("2009", "SWZ", "profile", "Swazi girls are trafficked to South Africa and Mozambique "
                                   "for commercial sexual exploitation."),
        ("2017", "SWZ", "profile", "Swazi girls are subjected to sex trafficking in South "
                                   "Africa."),
        ("2019", "SWZ", "profile", "Swazi girls are subjected to sex trafficking in South "
                                   "Africa and Mozambique."),
    ]
    assert [r[0] for r in table(archive, "route-history", origin="MMR", destination="THA")] == [
        "2005", "2009", "2017", "2019"]
    assert [r[0] for r in table(archive, "route-history", origin="UKR", destination="SCG")] == [
        "2005"]
    assert table(archive, "route-history", origin="THA", destination="MMR") == []


def _pairs(rows: list[tuple[str | None, ...]]) -> list[tuple[str | None, ...]]:
    return [row[:4] for row in rows]


def test_new_routes(archive: Dataset) -> None:
    assert _pairs(table(archive, "new-routes", from_year="2017", to_year="2019")) == [
        ("LAO", "THA", "THA", "1"), ("SWZ", "MOZ", "SWZ", "1"), ("UKR", "SRB", "SRB", "1")]
    assert _pairs(table(archive, "new-routes", from_year="2005", to_year="2009")) == [
        ("COL", "ANT", "ANT", "1"), ("DOM", "ANT", "ANT", "1"), ("SWZ", "MOZ", "SWZ", "1"),
        ("SWZ", "ZAF", "SWZ", "1"), ("UKR", "SRB", "SRB", "1")]


def test_dropped_routes(archive: Dataset) -> None:
    assert _pairs(table(archive, "dropped-routes", from_year="2005", to_year="2009")) == [
        ("ALB", "MKD", "MKD", "1"), ("KHM", "THA", "THA", "1"), ("MDA", "SCG", "SCG", "1"),
        ("THA", "JPN", "THA", "1"), ("UKR", "SCG", "SCG", "1")]
    assert _pairs(table(archive, "dropped-routes", from_year="2017", to_year="2019")) == [
        ("COL", "CUW", "CUW", "1"), ("KHM", "THA", "THA", "1")]


def test_persistent_routes(archive: Dataset) -> None:
    assert [row[:6] for row in table(archive, "persistent-routes", min_years="3")] == [
        ("MMR", "THA", "4", "2005", "2019", "2005 2009 2017 2019"),
        ("ALB", "MKD", "3", "2005", "2019", "2005 2017 2019"),
        ("LAO", "THA", "3", "2005", "2019", "2005 2009 2019"),
        ("SWZ", "ZAF", "3", "2009", "2019", "2009 2017 2019"),
    ]
    assert len(table(archive, "persistent-routes", min_years="4")) == 1
    # The default is two years or more: the four above and DOM -> CUW, KHM -> THA,
    # SWZ -> MOZ, UKR -> SRB.
    assert {row[:2] for row in table(archive, "persistent-routes")[4:]} == {
        ("DOM", "CUW"), ("KHM", "THA"), ("SWZ", "MOZ"), ("UKR", "SRB")}


def test_country_timeline(archive: Dataset) -> None:
    rows = table(archive, "country-timeline", country="SWZ")
    assert [(r[0], r[1], r[2], set(str(r[3]).split()), *r[4:]) for r in rows] == [
        ("2009", "SWAZILAND", "2", {"source", "transit", "destination"}, "2", "0", "1", "0"),
        ("2017", "SWAZILAND", "2WL", {"source", "transit", "destination"}, "1", "0", "0", "0"),
        ("2019", "ESWATINI", "2", {"source", "transit", "destination"}, "2", "0", "1", "0"),
    ]
    thailand = table(archive, "country-timeline", country="THA")
    assert [(r[0], r[2], r[4], r[5]) for r in thailand] == [
        ("2005", "2", "1", "3"), ("2009", "2WL", "0", "2"), ("2017", "2WL", "0", "2"),
        ("2019", "3", "0", "2")]


def test_yugoslavia_of_2001_is_serbia_and_montenegro_and_the_former_yugoslavia_a_region(
        tmp_path: Path) -> None:
    """The 2001-2002 reports' YUGOSLAVIA is the state renamed Serbia and Montenegro in 2003."""
    text = tmp_path / "tip-2001-yugoslavia.txt"
    text.write_text(
        "YUGOSLAVIA (Tier 3)\n\nThe Federal Republic of Yugoslavia is a source, transit, and "
        "destination country for women trafficked for the purpose of sexual exploitation. "
        "Women from Moldova and Romania are trafficked to Yugoslavia for sexual exploitation. "
        "Women from the former Yugoslavia are trafficked to Italy.\n\nThe Government of "
        "Yugoslavia does not fully comply with the minimum standards for the elimination of "
        "trafficking.\n", encoding="utf-8")
    out = tmp_path / "out.nt"
    assert main(["build", str(text), "-o", str(out), "-q"]) == 0
    routes = {line.split()[0] for line in out.read_text(encoding="utf-8").splitlines()
              if line.startswith(f"<{ID_BASE}route/") and "#Route>" in line}
    assert routes == {f"<{ID_BASE}route/{pair}>"
                      for pair in ("MDA/SCG", "ROU/SCG", "region-balkans/ITA")}
    assert f"<{ID_BASE}narrative/2001/SCG> <{TIP.country}> <{ID_BASE}country/SCG> ." in \
        out.read_text(encoding="utf-8")
