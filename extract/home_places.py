"""Places inside the narrative's own country: its provinces, regions, districts and cities.

A profile often places exploitation only by a city or province of its own country
("Traffickers recruit children from the Karamoja region and exploit them ... in Kampala";
"exploited in commercial sex in Abidjan and San Pedro"); the gold reads these as the home
country, as it reads "in Uganda". ``tip_places`` labels such a name ``COUNTRY`` with the
narrative's code, so the flow reader treats it as it treats the home country's own name.

The names come from a kept source rather than a list of our own: **pycountry's ISO 3166-2
subdivisions** (about 5,000 provinces, regions, districts and capital cities, such as Tbilisi
GE-TB, Kampala UG-102, Abidjan CI-AB), already a dependency (the gazetteer's tests check its
country codes against it) and updated with the standard. ISO prints some names with a type
word ("Beijing Shi", "Nairobi City"), which is dropped (``suffixes`` in
``patterns/places_home_words.jsonl``); a name ISO spells otherwise than English prose
("Chattogram", "Krung Thep Maha Nakhon") or a large city that is no subdivision ("Batumi",
"San Pedro") is a line of ``patterns/places_home.jsonl``.

A name is a place only

* in its own country's narrative: "in Kutaisi" in another narrative stays unplaced (the
  reader does not guess which country a city is in; the large cities that name one country
  wherever they are named, "Istanbul", "Dubai", "Tbilisi", are ``places_within.jsonl``'s);
* capitalised as printed (matched on the exact text);
* when it is not a country, region or nationality of the gazetteer (ISO's "Taiwan Sheng",
  Nigeria's "Niger", Ethiopia's "Somali": the gazetteer's reading wins), nor made only of
  compass points and administrative nouns (Ghana's "Central", "Upper East"; Bahrain's
  "Capital"), nor one word that is an English word or a given name ("Most" in Czechia,
  "Male" in the Maldives, "Paul" in Cabo Verde): the lists ``generic`` and ``common`` of
  ``places_home_words.jsonl``.

Longer places and the vetoes of ``places_vetoes.jsonl`` still win (``tip_places`` applies
them to these names as to the others).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pycountry

from tipgraph.extract import patterns
from tipgraph.extract.gazetteer import Gazetteer, load_gazetteer

__all__ = ["CITIES_FILE", "WORDS_FILE", "home_names"]

CITIES_FILE = "places_home.jsonl"
WORDS_FILE = "places_home_words.jsonl"

# ISO prints alternatives and qualifiers after a comma or in brackets ("Madrid, Comunidad
# de", "Wales [Cymru GB-CYM]", "Sofia (stolitsa)"): the name is what comes before them.
_QUALIFIED = re.compile(r"\s*[,(\[].*$")
_WORD_SPLIT = re.compile(r"[\s\-‐‑–—]+")


def _fold(text: str) -> str:
    """The name without accents ("Gôh-Djiboua" as "Goh-Djiboua"), as many reports print it."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


def _iso_names(name: str, suffixes: frozenset[str]) -> set[str]:
    """The forms of one ISO 3166-2 name: without its qualifier, each slashed part, and
    each without a trailing type word ("Nairobi City" also as "Nairobi")."""
    out: set[str] = set()
    for part in _QUALIFIED.sub("", name).split("/"):
        part = part.strip()
        if not part:
            continue
        out.add(part)
        words = part.split()
        if len(words) > 1 and words[-1].lower() in suffixes:
            out.add(" ".join(words[:-1]))
    return out


def _claimed(gazetteer: Gazetteer) -> frozenset[str]:
    """Every form (lower case) the gazetteer gives a country, nationality or region."""
    forms: set[str] = set()
    for country in gazetteer.countries.values():
        forms.update(country.all_names, country.demonyms)
    for region in gazetteer.regions.values():
        forms.update(region.names, region.adjectives)
    return frozenset(f.lower() for f in forms)


def _is_place(name: str, claimed: frozenset[str], generic: frozenset[str],
              common: frozenset[str]) -> bool:
    """Whether a home name may be a place (the rules of the module docstring)."""
    words = [w for w in _WORD_SPLIT.split(name) if w]
    if not words or not name[0].isupper() or name.isupper() or name.lower() in claimed:
        return False
    if all(w.lower() in generic for w in words):
        return False
    return not (len(words) == 1 and words[0].lower() in common)


@cache
def home_names(gazetteer: Gazetteer | None = None) -> dict[str, frozenset[str]]:
    """The place names inside each country, by ISO alpha-3 code (read once per process).

    Raises:
        ExtractionError: E230 when a line of the pattern files is malformed or names an
            unknown country.
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    lists = patterns.word_lists(WORDS_FILE)
    suffixes = lists.get("suffixes", frozenset())
    by_iso2 = {c.iso2: c.iso3 for c in gaz.countries.values()}
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        iso3 = by_iso2.get(sub.country_code)
        if iso3 is not None:
            found.setdefault(iso3, set()).update(_iso_names(sub.name, suffixes))
    for line, row in patterns.objects(CITIES_FILE, "code", "names"):
        names = row["names"]
        if row["code"] not in gaz.countries or not isinstance(names, list) or not all(
                isinstance(n, str) for n in names):
            raise patterns.pattern_error(CITIES_FILE, line, "needs a known country 'code' "
                                         "and a list of 'names'")
        found.setdefault(row["code"], set()).update(names)
    claimed = _claimed(gaz)
    generic, common = lists.get("generic", frozenset()), lists.get("common", frozenset())
    out: dict[str, frozenset[str]] = {}
    for iso3, names in found.items():
        forms = {form for name in names for form in (name, _fold(name))}
        out[iso3] = frozenset(f for f in forms if _is_place(f, claimed, generic, common))
    return out
