"""Write a synthetic archive: N report years of about 2 MB each, for the archive benchmarks.

Issue #13 measures the archive at 25 report years of about 2 MB (the size of a real report's
narratives). No such archive ships with tipgraph, so this script makes one from the built-in
sample and the real narratives of ``tests/data/real_years``:

* every year holds about ``--mb`` MB of narratives: the sample's 36 narrative bodies, and the
  real ones, each given in turn to another country of the gazetteer (its heading names that
  country; the country's own name replaces the original one in the body, so flows and tiers
  point where the heading says), so a year has about 140 distinct countries, as a real report
  has 180-190;
* headings are printed as that era printed them (2001-2016 ``Haiti (Tier 2)`` as web copies
  do, 2017-2019 ``HAITI: TIER 2``, 2020 onwards ``HAITI: Tier 2``), with a title line naming
  the year, so the reader infers the year as it does for a real report;
* tiers move from year to year (a deterministic walk per country: up, down, Watch List), so a
  tier history is not flat; a few countries are renamed at their real dates (Burma to Burma,
  Swaziland to Eswatini in 2018, Macedonia to North Macedonia in 2019, Czech Republic to
  Czechia in 2020, Turkey to Türkiye in 2022).

The texts are the same from run to run (no randomness): ``tip-YYYY-archive.txt`` in the
output directory.

Usage::

    .venv/bin/python benchmarks/archive_corpus.py /tmp/archive --years 25 --mb 2
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from importlib import resources
from pathlib import Path

from tipgraph.extract.gazetteer import Gazetteer, load_gazetteer
from tipgraph.extract.reader import read_report

HERE = Path(__file__).resolve().parent
REAL = HERE.parent / "tests" / "data" / "real_years" / "texts"
FIRST_YEAR = 2001
#: bodies of at least this many characters are whole chapters (the sample's; most real ones
#: collected for the reading issue are profiles)
WHOLE_CHAPTER = 6000
TIER_WALK = ("1", "2", "2WL", "3")
TIER_WORDS = {"1": "Tier 1", "2": "Tier 2", "2WL": "Tier 2 Watch List", "3": "Tier 3"}
#: (iso3, year from which the report prints the new name, the name before, the name after)
RENAMED = (("SWZ", 2018, "Swaziland", "Eswatini"), ("MKD", 2019, "Macedonia", "North Macedonia"),
           ("CZE", 2020, "Czech Republic", "Czechia"), ("TUR", 2022, "Turkey", "Türkiye"))


def bodies() -> list[tuple[str, str]]:
    """``(country name as written, narrative body)`` of the sample and the real narratives."""
    out: list[tuple[str, str]] = []
    sample = resources.files("tipgraph.extract.sample").joinpath(
        "tip-2017-jamaica-namibia.txt").read_text(encoding="utf-8")
    sources = [(sample, 2017)] + [(p.read_text(encoding="utf-8"), int(p.name[:4]))
                                  for p in sorted(REAL.glob("*.txt"))]
    gazetteer = load_gazetteer()
    for text, year in sources:
        report = read_report(text, source_name="corpus.txt", sha256="0" * 64, year=year,
                             resolve_country=lambda name: _iso3(gazetteer, name),
                             guess_country=lambda _text: None)
        for narrative in report.narratives:
            if narrative.partial or not narrative.sections:
                continue
            body = text[narrative.sections[0].start:narrative.end].strip()
            out.append((gazetteer.countries[narrative.iso3].name, body))
    return out


def _iso3(gazetteer: Gazetteer, name: str) -> str | None:
    country = gazetteer.country_by_name(name)
    return country.iso3 if country else None


def tier(iso3: str, year: int) -> str:
    """A deterministic tier walk: each country starts somewhere and moves every few years."""
    seed = int(hashlib.sha256(iso3.encode()).hexdigest(), 16)
    step = (year - FIRST_YEAR) // (2 + seed % 4)
    return TIER_WALK[(seed + step) % len(TIER_WALK)]


def name_in(iso3: str, name: str, year: int) -> str:
    """The name a report of ``year`` prints for the country."""
    for code, since, before, after in RENAMED:
        if code == iso3:
            return after if year >= since else before
    return name


def heading(name: str, tier_code: str, year: int) -> str:
    """The narrative heading as the era printed it."""
    words = TIER_WORDS[tier_code]
    if year <= 2016:
        return f"{name} ({words})"
    if year <= 2019:
        return f"{name.upper()}: {words.upper()}"
    return f"{name.upper()}: {words}"


def write_year(directory: Path, year: int, size: int, texts: list[tuple[str, str]],
               countries: list[tuple[str, str]]) -> Path:
    """Write one year's report of about ``size`` bytes; return its path."""
    parts = [f"{year} Trafficking in Persons Report\n\nCOUNTRY NARRATIVES\n"]
    length, index = 0, 0
    offset = (year - FIRST_YEAR) * 7  # each year gives the bodies to other countries
    # Most real narratives here are profiles of 1-4 kB; a report's chapter is about 11 kB
    # (2 MB over 180-190 countries). A year behind that pace takes its next body from the
    # whole chapters, so it reaches its size with the gazetteer's countries.
    whole = [text for text in texts if len(text[1]) >= WHOLE_CHAPTER]
    short = [text for text in texts if len(text[1]) < WHOLE_CHAPTER]
    pace = size / len(countries)
    taken = {True: 0, False: 0}
    while length < size and index < len(countries):
        iso3, name = countries[index]
        behind = length < pace * index or not short
        pool = whole if behind and whole else short
        original, body = pool[(taken[pool is whole] + offset) % len(pool)]
        taken[pool is whole] += 1
        printed = name_in(iso3, name, year)
        body = re.sub(rf"\b{re.escape(original)}\b", printed, body)
        chunk = f"\n{heading(printed, tier(iso3, year), year)}\n\n{body}\n"
        parts.append(chunk)
        length += len(chunk.encode("utf-8"))
        index += 1
    path = directory / f"tip-{year}-archive.txt"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def write_archive(directory: Path, years: int, mb: float) -> list[Path]:
    """Write ``years`` reports of about ``mb`` MB each, from 2001 on; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    gazetteer = load_gazetteer()
    countries = sorted((c.iso3, c.name) for c in gazetteer.countries.values()
                       if re.fullmatch(r"[A-Za-z .'-]+", c.name) and c.iso3 != "XKX")
    texts = bodies()
    return [write_year(directory, FIRST_YEAR + i, int(mb * 1_000_000), texts, countries)
            for i in range(years)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--mb", type=float, default=2.0, help="MB of narratives per year")
    args = parser.parse_args(argv)
    paths = write_archive(args.directory, args.years, args.mb)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} reports, {total / 1e6:.1f} MB, to {args.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
