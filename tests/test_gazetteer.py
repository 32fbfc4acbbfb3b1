"""Tests of the gazetteer data (countries.tsv, regions.tsv) and its loader."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from tipgraph.core.errors import InputError
from tipgraph.extract.gazetteer import (
    Country,
    Gazetteer,
    Region,
    load_gazetteer,
    normalize_name,
)

GOLD_FILES = sorted((Path(__file__).parent / "gold").glob("*.json"))
GUIDELINE_SLUGS = {
    "africa", "sub-saharan-africa", "west-africa", "east-africa", "central-africa",
    "southern-africa", "north-africa", "horn-of-africa", "asia", "east-asia", "northeast-asia",
    "southeast-asia", "south-asia", "central-asia", "middle-east", "gulf", "europe",
    "eastern-europe", "western-europe", "southern-europe", "central-europe", "northern-europe",
    "balkans", "caribbean", "central-america", "south-america", "latin-america",
    "north-america", "oceania", "pacific-islands", "former-soviet-union",
}
HEADING = re.compile(r"^(?P<name>[A-Z][A-Z ,.'’()-]+?)\s*:\s*(?:TIER|SPECIAL)", re.MULTILINE)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def sample() -> str:
    return (resources.files("tipgraph.extract.sample")
            .joinpath("tip-2017-jamaica-namibia.txt").read_text(encoding="utf-8"))


def _gold() -> list[dict[str, object]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]


# --- the data ----------------------------------------------------------------------------------


def test_load_is_cached_and_typed(gaz: Gazetteer) -> None:
    assert load_gazetteer() is gaz
    assert all(isinstance(c, Country) for c in gaz.countries.values())
    assert all(isinstance(r, Region) for r in gaz.regions.values())
    usa = gaz.countries["USA"]
    assert (usa.iso2, usa.m49, usa.wikidata, usa.tip_name) == ("US", "840", "Q30",
                                                               "UNITED STATES OF AMERICA")
    assert isinstance(usa.names, tuple) and "U.S." in usa.names
    assert usa.lat == pytest.approx(38.9) and usa.lon == pytest.approx(-77.04)


HISTORICAL = {"ANT", "SCG"}  # withdrawn ISO codes of states that the reports name


def test_every_pycountry_country_and_kosovo(gaz: Gazetteer) -> None:
    missing = {c.alpha_3 for c in pycountry.countries} - set(gaz.countries)
    assert not missing
    assert len(gaz.countries) == len(list(pycountry.countries)) + 1 + len(HISTORICAL)
    kosovo = gaz.countries["XKX"]
    assert (kosovo.iso2, kosovo.m49, kosovo.wikidata) == ("XK", None, "Q1246")


def test_codes_agree_with_pycountry(gaz: Gazetteer) -> None:
    for c in pycountry.countries:
        row = gaz.countries[c.alpha_3]
        assert (row.iso2, row.m49) == (c.alpha_2, c.numeric), c.alpha_3


def test_historical_states_have_their_withdrawn_iso_codes(gaz: Gazetteer) -> None:
    extra = set(gaz.countries) - {c.alpha_3 for c in pycountry.countries} - {"XKX"}
    assert extra == HISTORICAL
    for iso3 in HISTORICAL:
        old = pycountry.historic_countries.get(alpha_3=iso3)
        row = gaz.countries[iso3]
        assert (row.iso2, row.m49, row.name) == (old.alpha_2, old.numeric, old.name), iso3
        assert gaz.succession[iso3].dissolved is not None, iso3


@pytest.mark.parametrize(("iso3", "founded", "dissolved", "replaces", "replaced_by",
                          "separated_from"), [
    ("SCG", "1992-04-27", "2006-06-03", (), ("MNE", "SRB"), None),
    ("SRB", None, None, ("SCG",), (), None),
    ("MNE", "2006-06-03", None, ("SCG",), (), None),
    ("ANT", "1954-12-15", "2010-10-10", (), ("BES", "CUW", "SXM"), None),
    ("CUW", "2010-10-10", None, ("ANT",), (), None),
    ("SXM", "2010-10-10", None, ("ANT",), (), None),
    ("BES", "2010-10-10", None, ("ANT",), (), None),
    ("SSD", "2011-07-09", None, (), (), "SDN"),
])
def test_succession(gaz: Gazetteer, iso3: str, founded: str | None, dissolved: str | None,
                    replaces: tuple[str, ...], replaced_by: tuple[str, ...],
                    separated_from: str | None) -> None:
    item = gaz.succession[iso3]
    assert (item.founded, item.dissolved, item.replaces, item.replaced_by,
            item.separated_from) == (founded, dissolved, replaces, replaced_by, separated_from)
    assert item.note


def test_sudan_and_renamed_states_have_no_succession(gaz: Gazetteer) -> None:
    """Sudan carried on as itself after 2011; a renamed state is the same row throughout."""
    for iso3 in ("SDN", "SWZ", "MMR", "MKD", "CZE", "TUR", "CPV", "CIV", "TLS"):
        assert iso3 not in gaz.succession, iso3


@pytest.mark.parametrize(("old", "new", "iso3"), [
    ("BURMA", "Myanmar", "MMR"), ("SWAZILAND", "ESWATINI", "SWZ"),
    ("MACEDONIA", "NORTH MACEDONIA", "MKD"), ("CZECH REPUBLIC", "Czechia", "CZE"),
    ("TURKEY", "TÜRKIYE", "TUR"), ("EAST TIMOR", "TIMOR-LESTE", "TLS"),
    ("CAPE VERDE", "CABO VERDE", "CPV"), ("IVORY COAST", "CÔTE D’IVOIRE", "CIV"),
    ("YUGOSLAVIA", "SERBIA AND MONTENEGRO", "SCG"),
    ("Federal Republic of Yugoslavia", "State Union of Serbia and Montenegro", "SCG"),
    ("NETHERLANDS ANTILLES", "Netherlands Antilles", "ANT"),
])
def test_a_renamed_state_is_one_country(gaz: Gazetteer, old: str, new: str, iso3: str) -> None:
    assert [gaz.country_by_name(n).iso3 for n in (old, new)] == [iso3, iso3]  # type: ignore[union-attr]


def test_serbia_is_not_serbia_and_montenegro(gaz: Gazetteer) -> None:
    assert gaz.country_by_name("SERBIA").iso3 == "SRB"  # type: ignore[union-attr]
    assert gaz.country_by_name("Montenegro").iso3 == "MNE"  # type: ignore[union-attr]
    assert "Serbia and Montenegro" not in gaz.countries["SRB"].names


@pytest.mark.parametrize(("row", "message"), [
    ("XXX\t\t\t\t\t\tno such country", "XXX not in countries.tsv"),
    ("SCG\t1992\t\t\t\t\tyear only", "'1992' is not a date written YYYY-MM-DD"),
    ("MNE\t\t\t\tSRB\t\tone side only", "MNE is replaced by SRB but SRB does not replace MNE"),
])
def test_bad_succession_rows_are_e190_with_the_line(monkeypatch: pytest.MonkeyPatch, row: str,
                                                    message: str) -> None:
    import tipgraph.extract.gazetteer as gazetteer

    header = "\t".join(gazetteer._SUCCESSION_COLUMNS)

    def rows(filename: str, columns: tuple[str, ...]):  # type: ignore[no-untyped-def]
        import csv
        reader = csv.DictReader([header, row], delimiter="\t", quoting=csv.QUOTE_NONE)
        yield from enumerate(reader, start=2)

    monkeypatch.setattr(gazetteer, "_rows", rows)
    with pytest.raises(InputError) as info:
        gazetteer._read_succession(load_gazetteer().countries)
    assert info.value.code == "E190" and message in str(info.value)


@pytest.mark.parametrize("column", ["iso2", "m49", "wikidata", "name", "tip_name"])
def test_codes_and_names_are_unique(gaz: Gazetteer, column: str) -> None:
    values = [getattr(c, column) for c in gaz.countries.values() if getattr(c, column)]
    duplicated = [v for v, n in Counter(values).items() if n > 1]
    assert not duplicated


def test_wikidata_ids_are_well_formed(gaz: Gazetteer) -> None:
    ids = {c.iso3: c.wikidata for c in gaz.countries.values() if c.wikidata}
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in ids.values())
    assert {"JPN": "Q17", "USA": "Q30", "ITA": "Q38", "CHN": "Q148"}.items() <= ids.items()


def test_every_point_is_on_earth(gaz: Gazetteer) -> None:
    for c in gaz.countries.values():
        assert c.lat is not None and c.lon is not None, c.iso3
        assert -90 <= c.lat <= 90 and -180 <= c.lon <= 180, c.iso3


def test_region_slugs_are_the_guidelines(gaz: Gazetteer) -> None:
    assert set(gaz.regions) == GUIDELINE_SLUGS


def test_every_slug_used_exists(gaz: Gazetteer) -> None:
    for c in gaz.countries.values():
        assert set(c.regions) <= set(gaz.regions), c.iso3
        assert c.neighborhood is None or c.neighborhood in c.regions, c.iso3
    for r in gaz.regions.values():
        assert r.broader is None or r.broader in gaz.regions, r.slug


def test_region_members_agree_with_country_regions(gaz: Gazetteer) -> None:
    for r in gaz.regions.values():
        assert set(r.members) <= set(gaz.countries), r.slug
        assert set(r.members) == {c.iso3 for c in gaz.countries.values() if r.slug in c.regions}


def test_broader_regions_contain_their_narrower_ones(gaz: Gazetteer) -> None:
    for r in gaz.regions.values():
        if r.broader:
            assert set(r.members) <= set(gaz.regions[r.broader].members), r.slug


@pytest.mark.parametrize(("slug", "m49"), [
    ("africa", "002"), ("sub-saharan-africa", "202"), ("west-africa", "011"),
    ("east-africa", "014"), ("central-africa", "017"), ("southern-africa", "018"),
    ("north-africa", "015"), ("asia", "142"), ("east-asia", "030"), ("southeast-asia", "035"),
    ("south-asia", "034"), ("central-asia", "143"), ("europe", "150"),
    ("eastern-europe", "151"), ("western-europe", "155"), ("southern-europe", "039"),
    ("northern-europe", "154"), ("caribbean", "029"), ("central-america", "013"),
    ("south-america", "005"), ("latin-america", "419"), ("north-america", "021"),
    ("oceania", "009"), ("middle-east", None), ("gulf", None), ("balkans", None),
])
def test_region_m49(gaz: Gazetteer, slug: str, m49: str | None) -> None:
    assert gaz.regions[slug].m49 == m49


@pytest.mark.parametrize(("iso3", "slug"), [
    ("LTU", "eastern-europe"), ("LVA", "eastern-europe"), ("EST", "eastern-europe"),
    ("LUX", "western-europe"), ("XKX", "balkans"), ("ALB", "balkans"), ("MNE", "balkans"),
    ("SRB", "balkans"), ("BIH", "balkans"), ("MKD", "balkans"), ("KGZ", "central-asia"),
    ("KAZ", "central-asia"), ("LAO", "southeast-asia"), ("THA", "southeast-asia"),
    ("MLI", "west-africa"), ("KWT", "gulf"), ("MHL", "pacific-islands"),
])
def test_neighborhood(gaz: Gazetteer, iso3: str, slug: str) -> None:
    assert gaz.countries[iso3].neighborhood == slug


@pytest.mark.parametrize(("iso3", "regions"), [
    ("KAZ", {"central-asia", "asia", "former-soviet-union"}),
    ("NGA", {"west-africa", "sub-saharan-africa", "africa"}),
    ("SAU", {"gulf", "middle-east", "asia"}),
])
def test_regions_of_a_country(gaz: Gazetteer, iso3: str, regions: set[str]) -> None:
    assert set(gaz.countries[iso3].regions) == regions


def test_no_form_names_two_countries(gaz: Gazetteer) -> None:
    owners: dict[str, set[str]] = {}
    for c in gaz.countries.values():
        for form in (*c.all_names, *c.demonyms):
            owners.setdefault(form.lower(), set()).add(c.iso3)
    shared = {form: codes for form, codes in owners.items() if len(codes) > 1}
    assert not shared


@pytest.mark.parametrize("form", ["Korea", "Korean", "Congo", "Congolese", "Dominican",
                                  "Romani", "Roma", "Jersey City"])
def test_ambiguous_forms_are_not_in_the_tables(gaz: Gazetteer, form: str) -> None:
    forms = {f for c in gaz.countries.values() for f in (*c.all_names, *c.demonyms)}
    assert form not in forms


def test_no_name_starts_with_the(gaz: Gazetteer) -> None:
    forms = [f for c in gaz.countries.values() for f in c.all_names]
    forms += [f for r in gaz.regions.values() for f in r.names]
    assert not [f for f in forms if f.lower().startswith("the ")]


@pytest.mark.parametrize(("iso3", "demonyms"), [
    ("NGA", {"Nigerian", "Nigerians"}), ("NER", {"Nigerien", "Nigeriens"}),
    ("PHL", {"Filipino", "Filipina", "Filipinos", "Filipinas"}),
    ("KGZ", {"Kyrgyz", "Kyrgyzstani"}), ("LSO", {"Mosotho", "Basotho"}),
    ("BWA", {"Motswana", "Batswana"}), ("XKX", {"Kosovar", "Kosovan"}),
    ("PRK", {"North Korean"}), ("KOR", {"South Korean"}), ("ARE", {"Emirati"}),
])
def test_demonyms(gaz: Gazetteer, iso3: str, demonyms: set[str]) -> None:
    assert demonyms <= set(gaz.countries[iso3].demonyms)


def test_every_gold_code_is_known(gaz: Gazetteer) -> None:
    for gold in _gold():
        assert gold["country"] in gaz.countries
        flows = gold["flows"]
        assert isinstance(flows, list)
        for flow in flows:
            for end in (flow["origin"], flow["destination"], flow["via"]):
                if end is None:
                    continue
                if end.startswith("region:"):
                    assert end.removeprefix("region:") in gaz.regions, end
                else:
                    assert end in gaz.countries, end
        tourism = gold["sex_tourism"]
        assert isinstance(tourism, list)
        for pair in tourism:
            for end in pair.values():
                assert end.removeprefix("region:") in (*gaz.countries, *gaz.regions), end


# --- lookups -----------------------------------------------------------------------------------


def test_every_sample_heading_resolves_to_the_gold_country(gaz: Gazetteer, sample: str) -> None:
    expected = {str(g["narrative"]): str(g["country"]) for g in _gold()}
    headings = [m.group("name") for m in HEADING.finditer(sample)]
    assert len(headings) == 36
    for name in headings:
        country = gaz.country_by_name(name)
        assert country is not None, name
        assert country.iso3 == expected[name], name


@pytest.mark.parametrize(("text", "iso3"), [
    ("NIGERIA", "NGA"), ("BURMA", "MMR"), ("Myanmar", "MMR"), ("COTE D'IVOIRE", "CIV"),
    ("CÔTE D’IVOIRE", "CIV"), ("Ivory Coast", "CIV"),
    ("CONGO, DEMOCRATIC REPUBLIC OF THE", "COD"), ("CONGO, REPUBLIC OF THE", "COG"),
    ("GAMBIA, THE", "GMB"), ("The Gambia", "GMB"), ("BAHAMAS, THE", "BHS"),
    ("KOREA, DEMOCRATIC PEOPLE’S REPUBLIC OF", "PRK"), ("korea, republic of", "KOR"),
    ("MICRONESIA, FEDERATED STATES OF", "FSM"), ("KYRGYZ REPUBLIC", "KGZ"),
    ("the Kyrgyz Republic", "KGZ"), ("ST. VINCENT AND THE GRENADINES", "VCT"),
    ("SAINT KITTS AND NEVIS", "KNA"), ("ESWATINI", "SWZ"), ("SWAZILAND", "SWZ"),
    ("CABO VERDE", "CPV"), ("Cape Verde", "CPV"), ("TIMOR-LESTE", "TLS"),
    ("Timor Leste", "TLS"), ("CZECH REPUBLIC", "CZE"), ("Czechia", "CZE"),
    ("North Macedonia", "MKD"), ("MACEDONIA", "MKD"), ("CURACAO", "CUW"),
    ("Curaçao", "CUW"), ("SINT MAARTEN", "SXM"), ("HONG KONG", "HKG"), ("Macao", "MAC"),
    ("TAIWAN", "TWN"), ("the United States", "USA"), ("U.S.", "USA"), ("UK", "GBR"),
    ("Virgin Islands, British", "VGB"), ("Iran, Islamic Republic of", "IRN"),
    ("BOSNIA & HERZEGOVINA", "BIH"), ("JAMAICA: TIER 2", "JAM"), ("MALI*", "MLI"),
    ("Holy See", "VAT"), ("Vatican", "VAT"), ("Türkiye", "TUR"),
])
def test_country_by_name(gaz: Gazetteer, text: str, iso3: str) -> None:
    country = gaz.country_by_name(text)
    assert country is not None and country.iso3 == iso3


@pytest.mark.parametrize("text", ["Atlantis", "Nigerian", "Korea", "Congo", "Europe", ""])
def test_country_by_name_unknown(gaz: Gazetteer, text: str) -> None:
    assert gaz.country_by_name(text) is None


@pytest.mark.parametrize(("text", "key"), [
    ("KOREA, REPUBLIC OF", "republic of korea"),
    ("CONGO, DEMOCRATIC REPUBLIC OF THE", "democratic republic of the congo"),
    ("GAMBIA, THE", "gambia"),
    ("Côte d’Ivoire", "cote d'ivoire"),
    ("St. Lucia", "saint lucia"),
    ("Guinea-Bissau", "guinea bissau"),
])
def test_normalize_name(text: str, key: str) -> None:
    assert normalize_name(text) == key


def test_most_mentioned_country_of_the_leading_fragment(gaz: Gazetteer, sample: str) -> None:
    country = gaz.most_mentioned_country(sample[:3000])
    assert country is not None and country.iso3 == "ITA"


@pytest.mark.parametrize(("text", "iso3"), [
    ("Nigerians and Nigerian women in Niger, and Nigeriens.", "NGA"),
    ("Papua New Guinea and Papua New Guineans; Guinea.", "PNG"),
    ("a turkey from Turkey", "TUR"),
])
def test_most_mentioned_country(gaz: Gazetteer, text: str, iso3: str) -> None:
    country = gaz.most_mentioned_country(text)
    assert country is not None and country.iso3 == iso3


def test_most_mentioned_country_none(gaz: Gazetteer) -> None:
    assert gaz.most_mentioned_country("The government made efforts.") is None


def test_ambiguous_name_is_an_error() -> None:
    gaz = load_gazetteer()
    clash = replace(gaz.countries["NER"], names=("Nigeria",))
    with pytest.raises(InputError) as info:
        Gazetteer({"NGA": gaz.countries["NGA"], "NER": clash}, {})
    assert info.value.code == "E191"


def test_region_lookup_names_the_known_slugs(gaz: Gazetteer) -> None:
    assert gaz.region("gulf").label == "Gulf"
    with pytest.raises(KeyError, match="southeast-asia"):
        gaz.region("atlantis")


def test_the_reader_callbacks_name_a_heading_and_a_fragment(gaz: Gazetteer) -> None:
    """What the reader is given to place headings and a leading fragment by."""
    assert gaz.heading_iso3("KOREA, REPUBLIC OF") == "KOR"
    assert gaz.heading_iso3("ATLANTIS") is None
    assert gaz.fragment_country("Victims from Nepal are exploited in India; Nepal's ...") == (
        "NPL", "Nepal")
    assert gaz.fragment_country("no country here") is None
