"""The real build on the real-years development set (issue #11): ``tests/data/real_years``.

26 development narratives of 17 report years (2001-2020) as their web copies print them,
each annotated by hand by the gold guidelines before any extractor ran on it (``SOURCES.md``
there says where each comes from). Each text is built on its own through ``build_graph`` and
scored with the project's copy of the evaluation scorer (``benchmarks/real_years.py`` does
both; this test loads it, as ``test_gold`` loads the scorer). ``benchmarks/real_years.py``
prints the per-file misses behind a failure.

Two sets of floors:

- ``ISSUE_FLOORS``: the texts as printed ("Kenya (Tier 2)", "Tier 2" alone, profiles with no
  heading). Before the reader rewrite: narratives read 10/26, tier 0.385, roles 0.038, flows P
  1.000 R 0.046 F1 0.088, +form 0.118; after it they reach what the normalised texts reach
  (26/26, tier and roles 1.000, flows P/R/F1 0.982, +form 0.966), so the floors are held a
  little under that, above the issue's targets (F1 >= 0.85, P >= 0.90, roles >= 0.90, tier 1.0).
- ``NORMALISED_FLOORS``: the same texts with the heading in the 2017 form and the profile under
  a TRAFFICKING PROFILE heading (``normalise``): the extractors' own figures, apart from the
  reader's.

These texts were tuned on after they were annotated: they are a development set, and the
figures on text nobody tuned on are lower. The narratives listed in ``heldout.txt`` (eleven of the
2019-2023 reports, added after that tuning and annotated before tipgraph ran on them) are that
text: they are held to floors of their own, the development files to the floors above (all
in ``data/real_years/floors.toml``), so neither figure hides behind the other.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).parent
DATA = HERE / "data" / "real_years"

#: Every set's floors, and each held-out list's shape (``floors.toml``, with what each figure
#: was when the set was added and after its fixes).
FLOORS: dict[str, Any] = tomllib.loads((DATA / "floors.toml").read_text(encoding="utf-8"))
ISSUE_FLOORS: dict[str, float] = FLOORS["issue"]
NORMALISED_FLOORS: dict[str, float] = FLOORS["normalised"]


def _harness() -> ModuleType:
    path = HERE.parent / "benchmarks" / "real_years.py"
    spec = importlib.util.spec_from_file_location("tip_real_years", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered first: its dataclasses look their module up in sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _check(figures: dict[str, float], floors: dict[str, float], result: dict[str, Any]) -> None:
    low = {k: round(figures[k], 3) for k in floors if figures[k] < floors[k]}
    misses = [f"{row['country']}: missed {row['missed']}, spurious {row['spurious']}"
              + ("" if row["tier_ok"] else ", tier wrong")
              + ("" if row["roles_ok"] else ", roles wrong")
              + (f", not read: {result['errors'][row['country']]}"
                 if row["country"] in result["errors"] else "")
              for row in result["rows"]
              if row["missed"] or row["spurious"] or not row["tier_ok"] or not row["roles_ok"]]
    misses += [f"{key}: {kind} spurious {extra}, missed {lost}"
               for key, kinds in result.get("names", {}).items()
               for kind, (extra, lost) in kinds.items() if extra or lost]
    assert not low, f"below the floors {floors}: {low}\n" + "\n".join(misses)


def test_every_text_has_a_well_formed_gold() -> None:
    """Each text has its gold in gold/<YEAR>/ (the scorer keys by country alone), and every
    quote is an exact substring of its text, as the guidelines require."""
    harness = _harness()
    cases = harness.cases()
    assert len(cases) >= 20
    assert len({c.year for c in cases}) >= 12
    assert {p.parent.name + "-" + p.stem for p in (DATA / "gold").glob("*/*.json")} == {
        c.key for c in cases}
    for case in cases:
        gold = json.loads(case.gold.read_text(encoding="utf-8"))
        text = case.text.read_text(encoding="utf-8")
        assert gold["country"] == case.iso
        assert gold["narrative"] in text
        assert gold["tier"] in {"1", "2", "2WL", "3", "special", None}
        assert set(gold["roles"]) <= {"source", "transit", "destination"}
        pairs = [(f["origin"], f["destination"]) for f in gold["flows"]]
        assert len(pairs) == len(set(pairs)), f"{case.key}: a pair given twice"
        for flow in gold["flows"]:
            assert flow["quote"] in text, f"{case.key}: quote not in the text: {flow['quote']}"
            assert len(flow["quote"]) <= 200
            assert set(flow["forms"]) <= {"sex", "labor", "organ", "marriage"}


def test_the_sets_split_the_files() -> None:
    """dev and the held-out lists are disjoint and together every file; each list holds
    2017+ narratives of its own countries (none of an earlier list's, nor of the dev texts'
    but where its ``dev_countries`` says; a list whose ``list_countries`` says so, as the dev
    gold's countries in later years or another kind of text of a country collected beside
    an earlier list, may repeat an earlier list's country, never its file), and a set name
    the harness does not know is refused."""
    harness = _harness()
    every = {c.key for c in harness.cases()}
    dev = {c.key for c in harness.cases("dev")}
    dev_countries = {k[5:] for k in dev}
    assert set(HELDOUT_SETS) == set(harness.LISTS)
    seen, list_countries = set(dev), set()
    for name in harness.LISTS:
        keys = {c.key for c in harness.cases(name)}
        assert keys == harness.heldout_keys(name), name
        assert not keys & seen, f"{name} repeats a file of an earlier set"
        shape = FLOORS[name]
        assert len(keys) >= shape["fewest_files"], name
        assert all(int(k[:4]) >= shape["earliest_year"] for k in keys), name
        countries = {k[5:] for k in keys}
        if not shape.get("list_countries", False):
            assert not countries & list_countries, f"{name} repeats a country of an earlier list"
        if not shape["dev_countries"]:
            assert not countries & dev_countries, f"{name} repeats a country of the dev texts"
        seen |= keys
        list_countries |= countries
    assert seen == every
    assert harness.heldout_keys() == {c.key for c in harness.cases("heldout")}
    assert len({key[:4] for key in harness.heldout_keys()}) >= 4
    try:
        harness.cases("test")
    except ValueError as error:
        assert "unknown set" in str(error)
    else:
        raise AssertionError("an unknown set name was accepted")


def test_normalise_gives_the_2017_layout() -> None:
    """The normalised text opens with the 2017-form heading and ends with the profile."""
    harness = _harness()
    text = ("IV. Country Narratives - Tier 2\n\nAngola (Tier 2)\n\nAngola is a country of "
            "origin.\n\nThe Government of Angola does not yet fully meet the minimum "
            "standards.\n")
    assert harness.normalise(text, "Angola") == (
        "ANGOLA: TIER 2\n\nThe Government of Angola does not yet fully meet the minimum "
        "standards.\n\nTRAFFICKING PROFILE\n\nAngola is a country of origin.\n")
    bare = "2013 Trafficking in Persons Report\nTier 2 Watch List\n\nJamaica is a source.\n"
    assert harness.normalise(bare, "Jamaica") == (
        "JAMAICA: TIER 2 WATCH LIST\n\nTRAFFICKING PROFILE\n\nJamaica is a source.\n")


def test_real_years_reach_the_issue_targets() -> None:
    harness = _harness()
    result = harness.evaluate(normalised=False, subset="dev")
    _check(harness.figures(result), ISSUE_FLOORS, result)


def test_normalised_real_years_reach_their_floors() -> None:
    harness = _harness()
    result = harness.evaluate(normalised=True, subset="dev")
    _check(harness.figures(result), NORMALISED_FLOORS, result)


#: Each held-out list (``heldout.txt``, ``heldout2.txt``, ...) and its floors by mode (raw,
#: normalised), in the order the lists were added: each round's first run is its honest
#: figure (HELDOUT.md).
HELDOUT_SETS: dict[str, dict[str, dict[str, float]]] = {
    name: {mode: floors for mode, floors in table.items() if isinstance(floors, dict)}
    for name, table in FLOORS.items() if name.startswith("heldout")}


@pytest.mark.parametrize("subset", list(HELDOUT_SETS))
def test_heldout_lists_hold_their_floors(subset: str) -> None:
    """Each held-out list as printed (and normalised, where it has floors for that) stays at
    what it reached."""
    harness = _harness()
    for mode, floors in HELDOUT_SETS[subset].items():
        result = harness.evaluate(normalised=mode == "normalised", subset=subset)
        _check(harness.figures(result), floors, result)
