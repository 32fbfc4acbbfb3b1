"""Reference data: countries and world regions (package data read with importlib.resources).

Two UTF-8 TSV files beside this module hold the data, so that a name can be added without
touching code:

- ``countries.tsv``: one row per ISO 3166-1 country (plus Kosovo, ``XKX``/``XK``) with its
  codes, the heading form TIP reports use, a Wikidata id, a point for maps, the region that
  "neighboring countries" means in its narrative, its regions, and the names and demonyms
  running text uses for it.
- ``regions.tsv``: one row per region slug of the gold guidelines, with its UN M49 code
  where one is exact, its broader region, names, adjectives and members.
- ``succession.tsv``: the dates and successors of the states that began or ended while the
  reports were written (Serbia and Montenegro, the Netherlands Antilles, South Sudan...), so
  that a historical state keeps a node of its own linked to what came before and after it,
  while a state that was only renamed (Swaziland, Burma, Czech Republic) stays one row of
  ``countries.tsv`` with its old names among its ``names``.

Multi-valued cells are ``|``-separated; an empty cell is None (or an empty tuple). Names are
stored without a leading "the" ("Gambia", "United States"): code handles the article.

Forms that name two countries ("Korea", "Korean", "Congo", "Congolese", "Dominican") are
deliberately absent from both files: which country they mean depends on the narrative, so
the place recogniser (``tipgraph.extract.places``) resolves them from its own pattern data.

Example:
    >>> gaz = load_gazetteer()
    >>> gaz.country_by_name("KOREA, REPUBLIC OF").iso3
    'KOR'
    >>> gaz.countries["LTU"].neighborhood
    'eastern-europe'
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files

from tipgraph.core.errors import InputError

__all__ = [
    "COUNTRIES_FILE",
    "REGIONS_FILE",
    "SUCCESSION_FILE",
    "Country",
    "Gazetteer",
    "Region",
    "Succession",
    "load_gazetteer",
    "normalize_name",
]

COUNTRIES_FILE = "countries.tsv"
REGIONS_FILE = "regions.tsv"
SUCCESSION_FILE = "succession.tsv"

_COUNTRY_COLUMNS = ("iso3", "iso2", "m49", "name", "tip_name", "wikidata", "lat", "lon",
                    "neighborhood", "regions", "names", "demonyms")
_REGION_COLUMNS = ("slug", "label", "m49", "broader", "names", "adjectives", "members")
_SUCCESSION_COLUMNS = ("iso3", "founded", "dissolved", "replaces", "replaced_by",
                       "separated_from", "note")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Country:
    """One country or territory of ISO 3166-1 (and Kosovo).

    Attributes:
        iso3: ISO alpha-3 code, the key everywhere in tipgraph (Kosovo ``"XKX"``).
        iso2: ISO alpha-2 code (Kosovo ``"XK"``).
        m49: UN M49 numeric code as a 3-digit string; None for Kosovo.
        name: common English short name ("South Korea", "Gambia").
        tip_name: the narrative heading form TIP reports use ("KOREA, REPUBLIC OF").
        wikidata: Wikidata item id ("Q30"), None where not certain.
        lat: latitude of a representative point (capital), for maps.
        lon: longitude of that point.
        neighborhood: the region slug that "neighboring countries" means in this country's
            narrative, or None.
        regions: every region slug the country belongs to, most specific first.
        names: other names as running text writes them, without a leading "the".
        demonyms: nationality adjectives and nouns, singular and plural.
    """

    iso3: str
    iso2: str
    m49: str | None
    name: str
    tip_name: str
    wikidata: str | None
    lat: float | None
    lon: float | None
    neighborhood: str | None
    regions: tuple[str, ...]
    names: tuple[str, ...]
    demonyms: tuple[str, ...]

    @property
    def all_names(self) -> tuple[str, ...]:
        """The common name followed by every alternative name (not the heading form)."""
        return (self.name, *self.names)


@dataclass(frozen=True, slots=True)
class Region:
    """A world region as the gold annotations name it (``region:<slug>``).

    Attributes:
        slug: the identifier ("southeast-asia").
        label: an English label ("Southeast Asia").
        m49: UN M49 code where it denotes the same region; None where none is exact.
        broader: the slug of the enclosing region, or None for a top-level one.
        names: names in running text ("Southeast Asia", "South-East Asia").
        adjectives: adjectives and nouns ("Southeast Asian", "Southeast Asians").
        members: ISO alpha-3 codes of the member countries.
    """

    slug: str
    label: str
    m49: str | None
    broader: str | None
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Succession:
    """When a state began or ended and which states it followed or was followed by.

    Only states that began or ended between the first report (2001) and today, or whose
    predecessor a report names, have a row; the others have none.

    Attributes:
        iso3: the state's code (a historical one has its withdrawn ISO code: ``"SCG"``).
        founded: ISO date of its start, or None when it predates the reports.
        dissolved: ISO date of its end, or None while it exists.
        replaces: the states it succeeded (``SRB`` and ``MNE`` replace ``SCG``).
        replaced_by: the states that succeeded it; the inverse of ``replaces``.
        separated_from: the state it seceded from, which carried on as itself (South Sudan
            from Sudan): not a succession, so the other state is not "replaced".
        note: what happened, for the reader of the data.
    """

    iso3: str
    founded: str | None
    dissolved: str | None
    replaces: tuple[str, ...]
    replaced_by: tuple[str, ...]
    separated_from: str | None
    note: str


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_DASHES = re.compile(r"[-‐‑‒–—]+")
_TIER_TAIL = re.compile(r"\s*[:(]\s*(?:tier|special).*$", re.IGNORECASE)
_MARKERS = re.compile(r"[*‡†]+")


def _fold(text: str) -> str:
    """Strip accents (Côte → Cote) and unify apostrophes, keeping case."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _simple(text: str) -> str:
    """Lower-case, accent-free, dot-free, hyphen-as-space, ``St.`` as ``saint`` key."""
    text = _fold(text).lower().replace("&", " and ").replace(".", " ")
    text = _DASHES.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return re.sub(r"\bst\b", "saint", text)


def normalize_name(text: str) -> str:
    """The lookup key of a country name, tolerant of the forms headings and prose use.

    The key is lower-case, without accents, dots or a leading "the"; curly apostrophes are
    straight, hyphens are spaces, "St." is "saint", and a heading's inverted form is turned
    around ("KOREA, REPUBLIC OF" → "republic of korea", "GAMBIA, THE" → "gambia"). A trailing
    tier ("JAMAICA: TIER 2") and footnote markers are dropped.

    Args:
        text: a country name as written anywhere.

    Returns:
        The key; two spellings of one name give the same key.

    Example:
        >>> normalize_name("CONGO, DEMOCRATIC REPUBLIC OF THE")
        'democratic republic of the congo'
    """
    text = _MARKERS.sub("", _TIER_TAIL.sub("", text)).strip()
    if "," in text:
        head, _, tail = text.partition(",")
        tail_key = _simple(tail)
        if tail_key in ("", "the"):
            text = head
        elif re.fullmatch(r"(?:[\w']+ )*(?:of|of the)", tail_key):
            text = f"{tail.strip()} {head.strip()}"
    return _simple(text.replace(",", " ").replace("(", " ").replace(")", " "))


def _multi(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _opt(cell: str) -> str | None:
    cell = cell.strip()
    return cell or None


def _float(cell: str) -> float | None:
    cell = cell.strip()
    return float(cell) if cell else None


def _rows(filename: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    text = files(__name__).joinpath(filename).read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != columns:
        raise InputError(f"gazetteer file {filename}: the header must be {' '.join(columns)!r},"
                         f" not {' '.join(reader.fieldnames or ())!r}", code="E190")
    for line, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise InputError(f"gazetteer file {filename}, line {line}: expected "
                             f"{len(columns)} tab-separated cells", code="E190")
        yield line, row


def _read_countries() -> dict[str, Country]:
    countries: dict[str, Country] = {}
    for line, row in _rows(COUNTRIES_FILE, _COUNTRY_COLUMNS):
        try:
            country = Country(
                iso3=row["iso3"].strip(),
                iso2=row["iso2"].strip(),
                m49=_opt(row["m49"]),
                name=row["name"].strip(),
                tip_name=row["tip_name"].strip(),
                wikidata=_opt(row["wikidata"]),
                lat=_float(row["lat"]),
                lon=_float(row["lon"]),
                neighborhood=_opt(row["neighborhood"]),
                regions=_multi(row["regions"]),
                names=_multi(row["names"]),
                demonyms=_multi(row["demonyms"]),
            )
        except ValueError as exc:
            raise InputError(f"gazetteer file {COUNTRIES_FILE}, line {line}: {exc}",
                             code="E190") from None
        if country.iso3 in countries:
            raise InputError(f"gazetteer file {COUNTRIES_FILE}, line {line}: "
                             f"{country.iso3} is listed twice", code="E190")
        countries[country.iso3] = country
    return countries


def _read_regions() -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for line, row in _rows(REGIONS_FILE, _REGION_COLUMNS):
        region = Region(
            slug=row["slug"].strip(),
            label=row["label"].strip(),
            m49=_opt(row["m49"]),
            broader=_opt(row["broader"]),
            names=_multi(row["names"]),
            adjectives=_multi(row["adjectives"]),
            members=_multi(row["members"]),
        )
        if region.slug in regions:
            raise InputError(f"gazetteer file {REGIONS_FILE}, line {line}: "
                             f"{region.slug} is listed twice", code="E190")
        regions[region.slug] = region
    return regions


def _read_succession(countries: dict[str, Country]) -> dict[str, Succession]:
    """Read ``succession.tsv`` and check it against the countries (E190, with the line)."""
    rows: dict[str, Succession] = {}
    for line, row in _rows(SUCCESSION_FILE, _SUCCESSION_COLUMNS):
        def bad(what: str, line: int = line) -> InputError:
            return InputError(f"gazetteer file {SUCCESSION_FILE}, line {line}: {what}",
                              code="E190")

        item = Succession(iso3=row["iso3"].strip(), founded=_opt(row["founded"]),
                          dissolved=_opt(row["dissolved"]), replaces=_multi(row["replaces"]),
                          replaced_by=_multi(row["replaced_by"]),
                          separated_from=_opt(row["separated_from"]), note=row["note"].strip())
        codes = (item.iso3, *item.replaces, *item.replaced_by, *filter(None, [item.separated_from]))
        unknown = [c for c in codes if c not in countries]
        if unknown:
            raise bad(f"{', '.join(unknown)} not in {COUNTRIES_FILE}")
        for date in filter(None, (item.founded, item.dissolved)):
            if not _DATE.match(date):
                raise bad(f"{date!r} is not a date written YYYY-MM-DD")
        if item.iso3 in rows:
            raise bad(f"{item.iso3} is listed twice")
        rows[item.iso3] = item
    for item in rows.values():  # replaces and replaced_by must say the same thing twice
        for later in item.replaced_by:
            if item.iso3 not in getattr(rows.get(later), "replaces", ()):
                raise InputError(f"gazetteer file {SUCCESSION_FILE}: {item.iso3} is replaced "
                                 f"by {later} but {later} does not replace {item.iso3}",
                                 code="E190")
        for earlier in item.replaces:
            if item.iso3 not in getattr(rows.get(earlier), "replaced_by", ()):
                raise InputError(f"gazetteer file {SUCCESSION_FILE}: {item.iso3} replaces "
                                 f"{earlier} but {earlier} is not replaced by {item.iso3}",
                                 code="E190")
    return rows


def _variants(form: str) -> set[str]:
    """A form as written plus its straight/curly-apostrophe and accent-free spellings."""
    out = {form, _fold(form)}
    out |= {v.replace("'", "’") for v in out if "'" in v}
    return out


class Gazetteer:
    """Countries and regions with name lookups.

    Build it with ``load_gazetteer()`` (cached); the constructor is public for tests that
    need a small hand-made gazetteer.

    Args:
        countries: countries by ISO alpha-3 code.
        regions: regions by slug.
        succession: start and end dates and successors of the states that have them.

    Raises:
        InputError: E191 when two countries share a name key, so a lookup would be ambiguous.
    """

    def __init__(self, countries: dict[str, Country], regions: dict[str, Region],
                 succession: dict[str, Succession] | None = None) -> None:
        self.countries = countries
        self.regions = regions
        self.succession = succession or {}
        self._by_key: dict[str, str] = {}
        for country in countries.values():
            for form in (*country.all_names, country.tip_name):
                key = normalize_name(form)
                other = self._by_key.setdefault(key, country.iso3)
                if other != country.iso3:
                    raise InputError(f"gazetteer: the name {form!r} is given to both {other} "
                                     f"and {country.iso3}", code="E191")

    def country_by_name(self, text: str) -> Country | None:
        """The country a name or narrative heading denotes, or None.

        Case-insensitive and tolerant of heading forms (``"KOREA, REPUBLIC OF"``,
        ``"GAMBIA, THE"``, ``"COTE D’IVOIRE"``, ``"JAMAICA: TIER 2"``). Demonyms are not
        names: ``"Nigerian"`` gives None.

        Args:
            text: the name as written.

        Example:
            >>> load_gazetteer().country_by_name("the Kyrgyz Republic").iso3
            'KGZ'
        """
        iso3 = self._by_key.get(normalize_name(text))
        if iso3 is None and "," in text:
            # ISO-style inversions that are not "..., Republic of": "Virgin Islands, British".
            head, _, tail = _TIER_TAIL.sub("", text).partition(",")
            iso3 = self._by_key.get(normalize_name(f"{tail} {head}"))
        return None if iso3 is None else self.countries[iso3]

    def region(self, slug: str) -> Region:
        """The region of a slug.

        Raises:
            KeyError: for an unknown slug, with the known ones in the message.
        """
        try:
            return self.regions[slug]
        except KeyError:
            raise KeyError(f"unknown region {slug!r}; known: {', '.join(self.regions)}") from None

    @cached_property
    def _mention_pattern(self) -> tuple[re.Pattern[str], dict[str, str]]:
        forms: dict[str, str] = {}
        for country in self.countries.values():
            for form in (*country.all_names, *country.demonyms):
                for variant in _variants(form):
                    forms.setdefault(variant, country.iso3)
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), forms

    def mentions(self, text: str) -> Iterable[tuple[int, int, str]]:
        """Every country name or demonym in a text, as ``(start, end, iso3)``, left to right.

        Matching is case-sensitive (names are proper nouns: "turkey" is not Turkey) and the
        longest form wins ("Papua New Guinea" is not Guinea). No context rules: that is the
        place recogniser's job; this is for quick counts over whole fragments.
        """
        pattern, forms = self._mention_pattern
        for match in pattern.finditer(text):
            yield match.start(), match.end(), forms[match.group()]

    def most_mentioned_country(self, text: str) -> Country | None:
        """The country a text fragment is most about, by counting its names and demonyms.

        Used to attribute a report's leading fragment, whose heading is on an earlier page,
        to its country. Ties go to the country named first.

        Args:
            text: any text.

        Returns:
            The most mentioned country, or None when the text names none.
        """
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for start, _end, iso3 in self.mentions(text):
            counts[iso3] += 1
            first.setdefault(iso3, start)
        if not counts:
            return None
        best = max(counts, key=lambda iso3: (counts[iso3], -first[iso3]))
        return self.countries[best]

    def heading_iso3(self, heading: str) -> str | None:
        """The ISO3 code a narrative heading names: the reader's ``resolve_country``."""
        country = self.country_by_name(heading)
        return country.iso3 if country else None

    def fragment_country(self, text: str) -> tuple[str, str] | None:
        """(ISO3, name) of the country a fragment is most about: the reader's
        ``guess_country`` (the reader takes callables so that it needs no gazetteer)."""
        country = self.most_mentioned_country(text)
        return (country.iso3, country.name) if country else None


@cache
def load_gazetteer() -> Gazetteer:
    """Read the packaged TSV files once per process and return the gazetteer.

    Raises:
        InputError: E190 when a file is malformed, E191 when a name is ambiguous.
    """
    countries = _read_countries()
    return Gazetteer(countries, _read_regions(), _read_succession(countries))
