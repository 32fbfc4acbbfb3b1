"""Laws and agencies on other report years: the annotated set ``tests/data/legal_years.jsonl``.

The dev gold is one 2017 sample, so a rule tuned on it can read the sample and not the
language. These paragraphs are in the phrasing of the 2018-2025 reports (Gulf numbered laws,
Latin American and African institutions), annotated by GUIDELINES.md before the extractors
were run on them. Each line is read and resolved as one narrative and scored with the
evaluation's own matching (``benchmarks/legal_years.py`` holds the reading and scoring, and
prints the misses). One test per line, and floors on the micro figures over the file.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Figures reached when the floors were set (laws P/R/F1 1.000, years 38/38; agencies P 0.970
# R 0.970 F1 0.970) minus a margin, and never under issue #12's bar of 0.90.
# The held-out file was annotated after the rules were tuned on the first one; it was then
# read once (laws F1 0.811, agencies 0.940) and its general misses fixed (numbers like "M/40",
# dated numbers, apposed titles, "Special Force", "Child Helpline 116"): now laws 0.944,
# agencies 0.976, years 17/17.
HELDOUT_FLOORS = {
    "laws_f1": 0.90,
    "laws_p": 0.90,
    "laws_r": 0.90,
    "law_years": 0.95,
    "agencies_f1": 0.93,
    "agencies_p": 0.93,
    "agencies_r": 0.93,
}

# A second held-out set, 17 paragraphs quoted from real 2020-2023 narratives (sources on each
# line), annotated by hand and committed before the extractors ran on them: laws F1 0.640,
# agencies 0.815 then; 0.963 (years 13/13) and 0.875 after the later-years fixes of issue #12.
# Most agency misses left are acronyms defined outside the quoted paragraph (PAM, CTU, LMRA).
HELDOUT2_FLOORS = {
    "laws_f1": 0.93,
    "laws_p": 0.95,
    "laws_r": 0.90,
    "law_years": 0.95,
    "agencies_f1": 0.85,
    "agencies_p": 0.94,
    "agencies_r": 0.77,
}

# A third held-out set, 19 paragraphs quoted from the effort sections and recommendations of
# real 2017-2023 narratives (GMB, ROU, URY, SGP, CYP, POL, NIC; sources on each line),
# annotated by hand and committed before the extractors ran on them: laws F1 0.733 (years
# 9/11), agencies 0.877 then; 0.903 (14/0/3, years 14/14) and 0.933 (28/1/3) after the
# heldout3 fixes of issue #12 (series-marked and bracketed law numbers, listed law acronyms,
# bare body acronyms that train, receive or own). Floors: one error under those figures.
HELDOUT3_FLOORS = {
    "laws_f1": 0.86,
    "laws_p": 0.93,
    "laws_r": 0.76,
    "law_years": 0.92,
    "agencies_f1": 0.91,
    "agencies_p": 0.93,
    "agencies_r": 0.87,
}

# A fourth held-out set, 18 paragraphs quoted from the effort sections and recommendations of
# real 2017-2023 narratives (SUR, BRB, BRN, GIN, HRV, CUW, AZE, GRC; sources on each line),
# annotated by hand and committed before the extractors ran on them: laws F1 0.842 (8/0/3),
# agencies 0.778 (21/4/8) then; 0.952 (10/0/1, years 10/10) and 0.947 (27/1/2) after the
# heldout4 fixes of issue #12 (dated titles ending in "Order"; bare acronyms a relative
# clause, a copula or a coordinated actor shows to be a body; portfolio lists spelled by their
# acronym; "and NGO representatives" outside a name; Red Cross societies). Floors: one error
# under those figures.
HELDOUT4_FLOORS = {
    "laws_f1": 0.89,
    "laws_p": 0.90,
    "laws_r": 0.81,
    "law_years": 0.90,
    "agencies_f1": 0.92,
    "agencies_p": 0.93,
    "agencies_r": 0.89,
}

# A fifth held-out set, 18 paragraphs quoted from the effort sections and recommendations of
# real 2019-2022 narratives (COG, GNB, SWE, VCT, COM, BLR, CAF; sources on each line),
# annotated by hand and committed before the extractors ran on them: the first 16 read laws F1
# 1.000 (18/0/0, years 18/18), agencies 0.947 (9/0/1) then; all 18 read laws 1.000 (20/0/0,
# years 20/20) and agencies 1.000 (10/0/0) after the heldout5 fix of issue #12 (a bare acronym
# whose shared act, "funded", is joined by "and" to a body's act). Floors: one error under
# those figures (laws 19/0/1 or 20/1/0, years 19/20; agencies 9/0/1 or 10/1/0).
HELDOUT5_FLOORS = {
    "laws_f1": 0.97,
    "laws_p": 0.95,
    "laws_r": 0.95,
    "law_years": 0.95,
    "agencies_f1": 0.94,
    "agencies_p": 0.90,
    "agencies_r": 0.90,
}

# A sixth held-out set, 16 paragraphs quoted from the effort sections and prioritized
# recommendations of real 2022-2024 narratives (PLW, ISL, CHE, SSD, DEU, COD; sources on each
# line), annotated by hand and committed before the extractors ran on them. The first run read
# laws F1 0.500 (1/2/0) and agencies 0.909 (5/1/0) against the gold as committed; all three
# misses were the gold's, against conventions recorded earlier (a paragraph's lone generic
# "trafficking statute"/"trafficking law" counts, a lower-case labor inspectorate is a body), and
# with the gold corrected the same run reads laws 1.000 (3/0/0, years 3/3) and agencies 1.000
# (6/0/0); no extractor changed. Floors: one error under those figures (laws 2/0/1 or 3/1/0,
# years 2/3; agencies 5/0/1 or 6/1/0).
HELDOUT6_FLOORS = {
    "laws_f1": 0.80,
    "laws_p": 0.75,
    "laws_r": 0.66,
    "law_years": 0.66,
    "agencies_f1": 0.90,
    "agencies_p": 0.85,
    "agencies_r": 0.83,
}

# A seventh held-out set, 17 paragraphs quoted from the prosecution and protection sections
# and recommendations of real 2017-2023 narratives (CHN, CUB, SOM, YEM, ERI, VUT, PRK; sources
# on each line), annotated by hand and committed before the extractors ran on them. The first
# run read laws F1 0.667 (6/3/3) and agencies 0.800 (8/4/0) against the gold as committed, 0.762
# (8/4/1) with one line corrected (ERI's "National Service", a government program); the fixes
# (an era prefix "pre-1991" is no part of a code's name, a head-first title keeps the statute
# number after it, a head-first law title is no body) read laws 1.000 (9/0/0, years 9/9) and
# agencies 0.857 (9/3/0: FGS and FMS, governments spelled out only in the narrative's opening,
# read as acting bodies). Floors: one error under those figures (laws 8/0/1 or 9/1/0, years
# 8/9; agencies 8/3/1 or 9/4/0).
HELDOUT7_FLOORS = {
    "laws_f1": 0.94,
    "laws_p": 0.90,
    "laws_r": 0.88,
    "law_years": 0.88,
    "agencies_f1": 0.79,
    "agencies_p": 0.69,
    "agencies_r": 0.88,
}

#: legal_years_written1.jsonl: 19 paragraphs WRITTEN (not quoted) in the 2021-2025 phrasing for
#: real countries and institutions, annotated before tipgraph ran on them; first run laws 27/2/0,
#: agencies 68/4/6; after the round's fixes laws 27/0/0 (years 27/27), agencies 69/3/5. The
#: floors are one error under those (laws 26/0/1 or 27/1/0, agencies 68/3/6 or 69/4/5).
WRITTEN1_FLOORS = {
    "laws_f1": 0.98,
    "laws_p": 0.96,
    "laws_r": 0.96,
    "law_years": 0.96,
    "agencies_f1": 0.93,
    "agencies_p": 0.94,
    "agencies_r": 0.91,
}

#: legal_years_written2.jsonl: 25 paragraphs WRITTEN (not quoted) in the 2022-2025 prosecution,
#: protection, prevention and recommendations phrasing, for country-years in no other
#: legal_years set (LBN 3, BHR, KWT, ETH 2, BGD 2, LKA 2, MYS 2, TUR, ARG 2024, CHL, DZA, TLS,
#: ITA, IRQ 2022, NPL 2024, MEX 2024, PER 2024, BIH, ESP 2025), real institutions and statutes,
#: annotated before tipgraph ran on them (4d6256d: 38 laws, 123 agencies).
#:
#: First run (4d6256d on main 62f8d34): laws P 0.854 R 0.921 F1 0.886 (35/6/3, years 34/35),
#: agencies P 0.912 R 0.837 F1 0.873 (103/10/20). Errors by kind (98425c4's message has each):
#: laws: a draft law read as a statute; a short number of a bracketed statute number kept apart;
#: "(PSHTA) of 2012" read without its year; ", No. 21 of 1985" cut off a head-last title; a
#: plural possessive and an enumeration in a head-last title; "and for the" cutting a long
#: title; a description apposed with a verb other than "criminalized" kept apart. agencies:
#: heads unknown (Command, Battalion, Roundtable, Superintendency, Carabineros, Strike Force);
#: officials' titles drawn as bodies ("the Inspector General of Police", "the Secretary of the
#: Ministry of Justice"); plural possessives cutting names ("Ministry of Expatriates’ Welfare
#: ..."); a law's title holding a body's name drawn as a body; a lower-case "hotline" after a
#: name and an inner "the" in a program's name; "by the" inside a name; a name right after a
#: head-first name's bracketed acronym taken into it ("(PMM) Department of ..."); and the kinds
#: left below.
#:
#: Fixes (each with a made-up case in tests/data/cases/ that fails before it): 1c57073 heads;
#: a13e9fb officials' titles; 041d3be "(ACRONYM) of YEAR", ", No. N of YEAR", not-enacted
#: drafts; dc37b3c apposed descriptions and bracketed numbers in the resolver; f3b49d7 law
#: titles are no bodies; 1fd5dfd plural possessives, "hotline" after a name, an inner "the",
#: "Presidency" and a name after a head-first name's acronym; 26f996c "and for the" in law
#: titles and "by the" after a capitalised participle in names; c4bd396 plural possessives and
#: enumerations in head-last law titles; 8aa901d a bare acronym joined by "and" to a name
#: before a personnel noun. Every other legal set, legal_dev and the dev gold read the same
#: after each (allsets before/after in the round's report).
#:
#: After the fixes (8aa901d): laws P 1.000 R 1.000 F1 1.000 (38/0/0, years 38/38), agencies
#: P 0.975 R 0.959 F1 0.967 (118/3/5). Errors left: LBN 2025 "Train ISF and General Security
#: officers" (a head-less short name of the GDGS, 1 fn); BGD
#: "The MoHA’s anti-trafficking branch" (a mixed-case bare acronym, 1 fn; the lower-case branch
#: drawn, 1 fp); LKA "Human Trafficking, Human Smuggling Investigation and Maritime Crimes
#: Investigation Unit" (an enumeration inside a name with no acronym to spell it, 1 fp 1 fn) and
#: "The SLBFE’s special investigation unit" (the owner acronym missed, 1 fn; the unit drawn, 1
#: fp: an owner rule was tried and dropped, as heldout6's gold leaves "the SSPDF’s" owner out);
#: NPL "The Nepal Police Anti-Human Trafficking Bureau (AHTB)" (the owner with no bracket before
#: the bureau's name, 1 fn). Gold doubts: the lower-case possessed branch and unit are left out,
#: though the dev gold counts a lower-case "anti-trafficking unit"; bare possessive owners
#: (SLBFE, MoHA) and the unbracketed "Nepal Police" are counted; "General Security" is the
#: GDGS named short; LKA's act is named whole with ", No. 21 of 1985" (the "Act No. 4 of 2019"
#: convention); the GOI, the IKR and BIH's FBiH, RS and BD are no agencies (heldout7's FGS/FMS)
#: while legal_years' IRQ counts the KRG. Floors: one error under the after figures (laws
#: 37/0/1 or 38/1/0, years 37/38; agencies 118/4/5 or 117/3/6).
WRITTEN2_FLOORS = {
    "laws_f1": 0.98,
    "laws_p": 0.97,
    "laws_r": 0.97,
    "law_years": 0.97,
    "agencies_f1": 0.96,
    "agencies_p": 0.96,
    "agencies_r": 0.95,
}

#: legal_years_written3.jsonl: 16 paragraphs WRITTEN (not quoted) in the 2018-2019 and
#: 2024-2025 prosecution, protection, prevention and recommendations phrasing, for countries in
#: no other legal_years set (ZMB 2018 and 2019, MAR 2018 and 2019, UKR 2019 and 2024, GEO 2018
#: and 2025, KGZ 2019 and 2024, HTI 2018 and 2024, MLI 2019, FJI 2019, MNG 2025, CMR 2024),
#: real institutions and statutes, annotated before tipgraph ran on them (27a1ee3: 21 laws, 60
#: agencies).
#:
#: First run (27a1ee3 on main 7e0b21e): laws P 0.905 R 0.905 F1 0.905 (19/2/2, years 19/19),
#: agencies P 0.965 R 0.917 F1 0.940 (55/2/5). Two gold entries went against the dev gold's
#: convention that a dated national programme which is the country's plan is a plan, not a
#: body (LVA's "2014-2020 National Trafficking Prevention Program"): KGZ's and UKR's state
#: programmes were taken out (c63b97d), and the first run on the corrected gold reads agencies
#: P 0.947 R 0.931 F1 0.939 (54/3/4). Errors by kind: laws: a numbered title opened by
#: "relating to" cut at its number ("Law 2012-023 relating to the Fight against ...", "Law No.
#: 2011/024 relating to ...": "relating to the" counted as three connectors); agencies: a
#: plural "Groups" after a word the head did not know ("the Mobile Groups"), read with its
#: owner's tail and acronym as one name ("... of the Ministry of Internal Affairs (MIA)"); a
#: comma list opening a name ("the Family, Child, and Youth Development Agency"); a
#: parenthesised word inside an of-chain ("... of (Statutory) Victims of ..."); "Ministry
#: Delegate in Charge of ..." (left); the UKR programme the corrected gold calls a plan (left).
#:
#: Fixes (each with a made-up case in tests/data/cases/ that fails before it): "relating",
#: "pertaining" and "related" with their "to" open a head-first title as one connector
#: (``title_opener_to``); "mobile", "expert" and the inter-agency words make a "Group" a body;
#: an acronym that spells the owner in a name's "of the ..." tail and not the whole name ends
#: the name before the owner, which is read from its own head (``agency_edges``); a comma list
#: after a determiner opens a name unless its items are heads, places or officials' titles; a
#: parenthesis of capitalised words inside an of-chain stays in the name.
#:
#: After the fixes: laws P 1.000 R 1.000 F1 1.000 (21/0/0, years 21/21), agencies P 0.983 R
#: 0.983 F1 0.983 (57/1/1). Errors left: MAR's "Ministry Delegate in Charge of Moroccans Living
#: Abroad and Migration Affairs" (a head with a postmodifier and a lower-case "in Charge of":
#: "Ministry" alone is drawn and resolved away, 1 fn); UKR's "State Social Program on Combating
#: Trafficking in Persons" (the plan, 1 fp). Gold doubts: the plan convention for dated state
#: programmes; "Mobile Groups of the Ministry of Internal Affairs (MIA)" read as two names
#: (written2 BGD's acronym rule) where written2 LKA's tail rule would keep one. Floors: one
#: error under the after figures (laws 20/0/1 or 21/1/0; agencies 57/2/1 or 56/1/2).
WRITTEN3_FLOORS = {
    "laws_f1": 0.97,
    "laws_p": 0.95,
    "laws_r": 0.95,
    "law_years": 0.95,
    "agencies_f1": 0.96,
    "agencies_p": 0.96,
    "agencies_r": 0.96,
}

#: legal_years_written4.jsonl: 18 paragraphs WRITTEN (not quoted) in the 2021-2025 prosecution,
#: protection, prevention and prioritized-recommendation phrasing, for countries in no other
#: legal_years set (LAO 2022 and 2024, CIV 2021 and 2023, TZA 2022 and 2025, BGR 2022 and 2024,
#: SRB 2021 and 2023, IND 2023 and 2024, UZB 2022 and 2025, RWA 2023, ARM 2021, MWI 2024, IRL
#: 2025), real institutions and statutes, annotated before tipgraph ran on them (8296aca: 24
#: laws, 107 agencies). The agencies vary on purpose: units by possessive and by "of the",
#: bracketed acronyms before and after owners and inside possessives, mixed-case acronyms
#: (MoLSW, TaESA, Tusla), bare acronyms, long for/on/against titles, programmes, funds, systems,
#: a numbered hotline named and one not, courts, inspectorates, prosecutors' offices, a
#: subnational department, and non-bodies (officials, sectors, unnamed NGOs, the ILO, plans).
#:
#: First run (8296aca on main bac766f): laws P 0.958 R 0.958 F1 0.958 (23/1/1, years 23/23),
#: agencies P 0.961 R 0.916 F1 0.938 (98/4/9). Two gold entries went against the recorded
#: convention that a definite lower-case description of one specific body is an agency (LAO's
#: "its working-level secretariat", UZB's "the Ministry of Internal Affairs’ (MVD)
#: anti-trafficking department"): added in 95358d0 (109 agencies), and the first run on the
#: corrected gold reads agencies P 0.980 R 0.917 F1 0.948 (100/2/9). Errors by kind: laws: a
#: slash number dated by a numeric date cut a "relating to" title ("Law No. 51/2018 of
#: 13/08/2018 relating to ...", 1 fp 1 fn); agencies: heads unknown ("Platform for the Fight
#: against Cybercrime (PLCC)", "Commissariat for Refugees and Migration (KIRS)", "Health Service
#: Executive (HSE)" cut to "Health Service"); "Isange One Stop Centers" cut at the count word
#: "One"; a one-word hotline with its number at a sentence start ("Childline 1098"); a
#: head-first programme ("Mission Shakti"); untranslated names ("Brigade Mondaine", "An Garda
#: Síochána"); "Department of Social Welfare" folded into the later "Zanzibar Department of
#: Social Welfare" (a shorter name inside a longer one).
#:
#: Fixes (each with a made-up case in tests/data/cases/ that fails before it): heads Platform
#: (with its phrase), Commissariat, Executive (after Service or Safety) and "One Stop" inside a
#: name (``name_stop_compound``); a numeric day/month/year after a statute number
#: (``NUMERIC_DATE``); a "Childline" head named by its number, also at a sentence start.
#:
#: After the fixes: laws P 1.000 R 1.000 F1 1.000 (24/0/0, years 24/24), agencies P 1.000 R
#: 0.963 F1 0.981 (105/0/4). Errors left: "Mission Shakti" (a head-first programme name; the
#: "mission" head reads head-last names), "Brigade Mondaine" and "An Garda Síochána" (names
#: in the country's language with no English head), TZA's "Department of Social Welfare"
#: (folded into the Zanzibar department: only world knowledge says the island's is another
#: body, as written1 ARE's two public prosecutions). Gold doubts: the lower-case secretariat and
#: department (the recorded convention, against written2's left-out "anti-trafficking branch");
#: the Zanzibar department counted apart with the place in its name; "the Gendarmerie" and
#: "Republican Rehabilitation Center for Victims of Trafficking" counted as bodies (a facility
#: reading would leave the centre out); "Labour Commissioner’s Office" and "Ombudsman’s Office"
#: counted as offices, not officials; "Child and Family Agency (Tusla)" named by its English
#: name with its short name as the acronym. Floors: one error under the after figures (laws
#: 23/0/1 or 24/1/0; agencies 105/1/4 or 104/0/5).
WRITTEN4_FLOORS = {
    "laws_f1": 0.97,
    "laws_p": 0.96,
    "laws_r": 0.95,
    "law_years": 0.95,
    "agencies_f1": 0.97,
    "agencies_p": 0.99,
    "agencies_r": 0.95,
}

FLOORS = {
    "laws_f1": 0.97,
    "laws_p": 0.95,
    "laws_r": 0.95,
    "law_years": 0.95,
    "agencies_f1": 0.94,
    "agencies_p": 0.93,
    "agencies_r": 0.93,
}

def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _module("legal_years_bench", ROOT / "benchmarks" / "legal_years.py")


@pytest.fixture(scope="module")
def scored(bench: ModuleType) -> tuple[dict[str, Any], list[str]]:
    return bench.score(bench.read_cases(), bench.load_scorer())


def _cases() -> list[Any]:
    """One param per line; a line the extractors still get wrong has an ``xfail`` field that
    says why (strict: a fix must remove the field)."""
    path = ROOT / "tests" / "data" / "legal_years.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [
        pytest.param(k, marks=pytest.mark.xfail(reason=row["xfail"], strict=True))
        if "xfail" in row else k
        for k, row in enumerate(rows, start=1)
    ]


def test_data_file_is_well_formed(bench: ModuleType) -> None:
    """Every line has the fields the scorer reads; names are written as the gold writes them."""
    cases = bench.read_cases()
    assert len(cases) >= 30
    for case in cases:
        assert set(case) >= {"country", "style", "text", "laws", "agencies", "note"}
        assert len(case["country"]) == 3 and case["country"].isupper()
        assert 2017 <= case["style"] <= 2025
        for law in case["laws"]:
            assert set(law) == {"name", "year"} and law["name"].lower() in case["text"].lower()
            assert law["year"] is None or 1900 < law["year"] <= case["style"]
            assert not law["name"].lower().startswith("the ")
        for agency in case["agencies"]:
            assert set(agency) == {"name", "acronym"}
            assert not agency["name"].lower().startswith("the ")
            assert agency["acronym"] is None or f"({agency['acronym']})" in case["text"]


@pytest.mark.parametrize("line", _cases())
def test_line(scored: tuple[dict[str, Any], list[str]], line: int) -> None:
    """Every law (with its year) and agency of the line, and nothing else."""
    _, misses = scored
    mine = [m for m in misses if m.startswith(f"line {line} ")]
    assert not mine, "\n".join(mine)


def _figures(figures: dict[str, Any]) -> dict[str, float]:
    ok, n = figures["years"]
    return {
        "laws_p": figures["laws"][0],
        "laws_r": figures["laws"][1],
        "laws_f1": figures["laws"][2],
        "law_years": ok / (n or 1),
        "agencies_p": figures["agencies"][0],
        "agencies_r": figures["agencies"][1],
        "agencies_f1": figures["agencies"][2],
    }

# An eighth held-out set, 22 paragraphs quoted from the prosecution, protection and prevention
# sections and assessments of real 2017-2025 narratives (JPN, KOR, PAK, BGD, PRT, BLR, SGP, LBR,
# MDG, USA, ECU, KAZ in no other set, then MKD and LTU, the dev gold's countries in later
# years; sources on each line), annotated by hand and committed in three batches, each before
# the extractors ran on it. First runs: lines 1-15 laws F1 0.875 (14/1/3), agencies 0.750
# (12/4/4; 0.788, 13/3/4, once BGD's "police academy" followed the dev gold's convention);
# lines 16-22, after the fixes of the first two, laws 1.000 (1/0/0), agencies 0.556 (5/3/5).
# The fixes (a second head-first title after "and"; "Government" after a head's "of"; a
# clause's -ing verb and officers' role words before "police officers"; a capitalised team's
# for/of tail; a capitalised "Inspection") read laws 0.971 (17/0/1, years 17/17) and agencies
# 0.824 (21/3/6). Left: judgement calls and gold doubts written up in HELDOUT.md (JPN's
# "penal code laws", KAZ's "its law enforcement unit", USA's "State", survivor advisory council
# and lower-case hotline, MKD's lower-case victim compensation fund and rapporteur's office,
# LTU's newly formed working group). Floors: one error under those figures (laws 16/0/2 or
# 17/1/1, years 16/17; agencies 20/3/7 or 21/4/6).
HELDOUT8_FLOORS = {
    "laws_f1": 0.94,
    "laws_p": 0.94,
    "laws_r": 0.88,
    "law_years": 0.94,
    "agencies_f1": 0.80,
    "agencies_p": 0.84,
    "agencies_r": 0.74,
}

# A ninth held-out set, 15 paragraphs quoted from the protection and prevention sections (and
# one prosecution section) of real 2020-2022 narratives of OMN, JAM, DOM, GRC, TJK, SLV, LKA,
# CHL, CYP and BHR in no other set (sources on each line), annotated by hand and committed
# (b9608e9) before the extractors ran on it. First run: laws F1 0.750 (3/1/1, years 3/3;
# 1.000, 4/0/0, once DOM's "Child Protection Code of 2003" followed every other line's
# convention, 5902269), agencies 0.882 (30/0/8). The fixes (an acronym's possessive before
# what only a body has; an acronym that "provided" victims' care; "met"/"ran"; mixed-case
# ministry acronyms; a capitalised "Organization" head) read agencies 0.987 (37/0/1). Left:
# OMN's "Oman Chamber of Commerce and Industry" (a gold doubt). Floors: one error under those
# figures (laws 3/0/1 or 4/1/0, years 3/4; agencies 36/0/2 or 37/1/1).
HELDOUT9_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.80,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.97,
    "agencies_p": 0.97,
    "agencies_r": 0.94,
}

# A tenth held-out set, 15 paragraphs quoted from real 2023-2025 narratives of Europe and the
# Americas in no other legal_years set and no real_years narrative (MNE 2023/2024, MLT 2023-2025,
# LUX 2023/2024, ABW 2023, LVA 2023; MNE is the dev gold's 2017 country; sources on each line):
# protection sections, assessments and prioritized recommendations (the stored pages hold no
# 2023-2025 prosecution section of these countries, so the set has 2 laws and 15 agencies),
# annotated by hand and committed (edc7e3b) before the extractors ran on it. First run: laws
# F1 1.000 (2/0/0, years 2/2), agencies P 0.800 R 0.857 F1 0.828 (12/3/2); 0.867 (13/2/2) once
# MNE 2023's 'the police office dedicated to investigating trafficking' followed the dev gold's
# lower-case definite-body convention (bc28cd4). Errors by kind: bare acronyms acting through a
# modal, the first joined by 'and' ('JIUMM and UMM could assign ...', 2 fn); a sentence-initial
# capital making a branch of police definite ('Immigration police reported ...', 1 fp); a
# bracketed short name on another head read as a second body ('... Illegal Migration
# (Anti-trafficking Unit)', 1 fp). The fixes (a98251f acronym_modal/acronym_modal_act and
# coordinated acting acronyms; 6447911 + 4bef9c5 bare_force/force_branch, narrowed after the
# allsets check showed 'National police ...' and 'Swiss federal police ...' dropped; ce444f9
# short names and their later uses) read agencies 1.000 (15/0/0). Left: nothing on this set;
# gold doubts: 'Agenzjja Appogg' (a government office with no English head) and the bracketed
# '(TIP office)' / '(Anti-trafficking Unit)' written as acronyms; 'police vice squad' kept and
# 'Immigration police' left out (heldout4's 'border police'). Floors: one error under those
# figures (laws 1/0/1 or 2/1/0, years 1/2; agencies 14/0/1 or 15/1/0).
HELDOUT10_FLOORS = {
    "laws_f1": 0.66,
    "laws_p": 0.66,
    "laws_r": 0.5,
    "law_years": 0.5,
    "agencies_f1": 0.96,
    "agencies_p": 0.93,
    "agencies_r": 0.93,
}

# An eleventh held-out set, 19 paragraphs quoted from the prosecution, protection and
# prevention sections and assessments with recommendations of real 2020-2023 narratives of MAR,
# MRT, MDV, MUS, MHL, FSM and MLI (Africa, the Maghreb, South Asia, the Pacific; in no other
# legal_years file or real_years list; sources on each line), annotated by hand and committed
# (e13131b) before the extractors ran on it: 15 laws, 28 agencies. First run (on main 7e0b21e):
# laws F1 0.897 (13/1/2, years 13/13), agencies 0.873 (24/3/4). The fixes (one number with and
# without its marker is one law; a yearless statute acronym that criminalizes, joined to the
# title it is bracketed after; the definite plural of special courts, "the anti-slavery
# courts"; a plural body head's possessive owns the named body after it; a capitalised
# "Regulations" run is no body) read laws 0.966 (14/0/1, years 14/14) and agencies 0.964
# (27/1/1). Left: MDV's "Employment Agency Regulations" (a gold judgement: regulations as a
# law; read since heldout14's 0c69af5, laws 15/0/0), MUS's owner "the MWFWCD’s" (heldout9
# OMN counts a possessive owner, heldout6 SSD leaves "the SSPDF’s" out), MRT's "Judicial
# police" (drawn; the gold calls it generic). Floors: one error under those figures (laws
# 13/0/2 or 14/1/1, years 13/14; agencies 26/1/2 or 27/2/1).
HELDOUT11_FLOORS = {
    "laws_f1": 0.92,
    "laws_p": 0.93,
    "laws_r": 0.86,
    "law_years": 0.92,
    "agencies_f1": 0.94,
    "agencies_p": 0.93,
    "agencies_r": 0.92,
}

# A thirteenth held-out set, 16 paragraphs quoted from real 2020-2022 narratives ("PRIORITIZED
# RECOMMENDATIONS:" layout) of the Americas, Europe, Central Asia and East/Southeast Asia in no
# other legal_years file or real_years list (BGR 2021, VNM 2022, XKX 2022, ARG 2021/2022, IDN
# 2020, KAZ 2021, COL 2021, TWN 2020, GUY 2020-2022, UZB 2021, UKR 2021; sources on each line):
# protection sections rich in bodies, assessments and recommendations, annotated by hand and
# committed (d73a204) before the extractors ran on it: 6 laws, 22 agencies. First run (on main
# bac766f): laws F1 0.833 (5/1/1, years 5/5), agencies P 0.842 R 0.727 F1 0.780 (16/3/6). Two
# gold corrections where the gold broke recorded conventions, each its own commit: GUY 2022's
# "Act of 2005" named without "of 2005" (every earlier "Act of YEAR" line) and ARG 2022's "its
# anti-trafficking unit" a lower-case definite body (c28aa6d); XKX 2022's "the Pristina
# municipal government" no body, as a federal unit's government is none (the 'government'
# head's why, 586f14f). On the corrected gold the first run reads laws 1.000 (6/0/0, 6/6) and
# agencies 0.829 (17/2/5). Errors by kind: bare acronyms the text shows as bodies by uses no
# test read (3 fn: "KP and border police continued", "an investigator from the THBD", "MOL, the
# FA, the National Immigration Agency (NIA), and ..."); a recommendation's verb run into the
# item before it read as a name word ("...sentences.Hold police", 1 fp). The fixes (5fa4583
# 'hold'/'monitor'/'seek'/'prohibit' join recommendation_verb; 424ef11 _listed_before,
# _staff_from, 'border'/'immigration' coactors) read agencies P 0.952 R 0.909 F1 0.930
# (20/1/2); the dev gold and every other set of allsets.sh read the same as on main bac766f
# (dev agencies 0.966 before and after: 424ef11's message misread 0.964 from an older base).
# Left: BGR's capitalised short name "the Commission" (a back-reference with no
# longer name in the paragraph; a gold doubt, the full narrative spells the body out), ARG's
# lower-case "the witness protection program" (a gold doubt: a government program by the
# lower-case convention), BGR's "the prosecution service" drawn (the gold calls it generic as
# heldout10 calls "the state prosecution"; a doubt the other way). Floors: one error under
# those figures (laws 5/0/1 or 6/1/0, years 5/6; agencies 19/1/3 or 20/2/2).
HELDOUT13_FLOORS = {
    "laws_f1": 0.9,
    "laws_p": 0.85,
    "laws_r": 0.83,
    "law_years": 0.83,
    "agencies_f1": 0.9,
    "agencies_p": 0.9,
    "agencies_r": 0.86,
}

# A twelfth held-out set, 17 paragraphs quoted from the prosecution, protection and prevention
# sections and assessments with recommendations of real 2017-2019 narratives of KHM, PHL, KEN,
# BHR, IDN, NPL, JOR and MYS (Southeast and South Asia, East Africa, the Gulf and the Levant; in
# no other legal_years file nor real_years text of those years; sources on each line), chosen
# rich in government bodies, annotated by hand and committed (bd03491) before the extractors
# ran on it: 15 laws, 31 agencies. First run (on h38 at bac766f): laws F1 1.000 (15/0/0, years
# 15/15), agencies P 0.929 R 0.839 F1 0.881 (26/2/5). The fixes (a bare acronym's possessive
# right before a body's name owns that body, "the LMRA’s Expatriate Protection Unit (EPU)"; a
# lower-case description after "and" right after a definite body shares its article, "the MOI
# anti-trafficking division and public prosecutor’s office") read agencies 0.918 (28/2/3).
# Left: IDN's "local integrated service centers for women and children (P2TP2A)" (a plural
# lower-case head with a "for" tail and an acronym with digits), IDN's "the coordinating
# office of the national task force" (read as two bodies; the gold's one of-chain entry is a
# doubt), KEN's lower-case "victim assistance fund" (a gold doubt). Floors: one error under
# those figures (laws 14/0/1 or 15/1/0, years 14/15; agencies 27/2/4 or 28/3/3).
HELDOUT12_FLOORS = {
    "laws_f1": 0.96,
    "laws_p": 0.93,
    "laws_r": 0.93,
    "law_years": 0.93,
    "agencies_f1": 0.90,
    "agencies_p": 0.90,
    "agencies_r": 0.87,
}

# A fourteenth held-out set, 15 paragraphs quoted from real 2020-2023 narratives of Europe and
# Central Asia in no other legal_years file or real_years text of those years (ALB 2023, DNK
# 2022/2023, CZE 2022, SVK 2020/2021, NLD 2021/2022, FRA 2022, TKM 2021, NOR 2023, EST
# 2021/2022, AZE 2020/2021; sources on each line): prosecution, protection and one prevention
# section, annotated by hand and committed (37b3a11) before the extractors ran on it: 4 laws,
# 20 agencies. First run (on h42 at d691e7f): laws P 1.000 R 0.750 F1 0.857 (3/0/1, years 3/3),
# agencies P 0.826 R 0.950 F1 0.884 (19/4/1). Errors by kind: a lower-case plural head after
# "of" with an of-list read as one body per item (SVK "counselors of offices of labor, social
# affairs, and family", 3 fp); a capitalised name headed by no agency word ("the Special
# Structure against Corruption and Organized Crime (SPAK)", 1 fn); a title headed
# "Regulation" ("the EU’s General Data Protection Regulation (GDPR)", 1 fn); a lower-case
# description of a government-funded NGO ("the government-funded national victim registration
# center", 1 fp). The fixes (00a9720 a bare plural after "of" names no bodies in
# _coordination; 6817790 the "Structure" head, capitalised with its phrase; 0c69af5 the
# LAW_CAP_HEAD "Regulation(s)", which also reads heldout11 MDV's "Employment Agency
# Regulations") read laws 1.000 (4/0/0, years 4/4) and agencies P 0.952 R 1.000 F1 0.976
# (20/1/0). Left: NLD's registration center (the modifier_strip convention reads a
# "government-funded" center as a government body, the cases' "legal support center"; the
# gold leaves this NGO out: a doubt). Floors: one error under those figures (laws 3/0/1 or
# 4/1/0, years 3/4; agencies 19/1/1 or 20/2/0).
HELDOUT14_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.8,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.95,
    "agencies_p": 0.9,
    "agencies_r": 0.95,
}

# A fifteenth held-out set, 15 paragraphs quoted from the protection, prevention and
# prosecution sections of real 2018-2022 narratives of Sub-Saharan Africa (BEN 2020 and 2021,
# TGO 2018, 2019 and 2022, BFA 2022, AGO 2019, LSO 2020; in no other legal_years or flows_years
# line nor real_years text of those years; sources on each line), francophone bodies named in
# English with French acronyms sought, annotated by hand and committed (6107a7d) before the
# extractors ran on it: 3 laws, 24 agencies. First run (on h43 at d691e7f): laws F1 1.000
# (3/0/0, years 3/3), agencies P 0.950 R 0.792 F1 0.864 (19/1/5). The fixes (a bare acronym
# called a body by an apposition "a/an ... unit", LSO's "The CGPU, a specialized
# anti-trafficking unit within ..."; francophone hotlines "Allo"/"Allô" with a number, also a
# hyphenated one, TGO's "Allo 10-11") read agencies P 0.957 R 0.917 F1 0.936 (22/1/2). Left:
# BEN 2021's "Ministry of Labor and Civil Service General Directorate of Labor" (an owner
# ministry's "and"-name run into its unit's name with no possessive: read as "Civil Service
# General Directorate of Labor", 1 fp 2 fn). Floors: one error under those figures (laws 2/0/1
# or 3/1/0, years 2/3; agencies 21/1/3 or 22/2/2).
HELDOUT15_FLOORS = {
    "laws_f1": 0.8,
    "laws_p": 0.75,
    "laws_r": 0.66,
    "law_years": 0.66,
    "agencies_f1": 0.91,
    "agencies_p": 0.91,
    "agencies_r": 0.87,
}

# A sixteenth held-out set, 15 paragraphs quoted from real 2019-2022 effort sections of the
# Americas and South Asia in no other legal_years file or real_years list (PRY 2021/2022, HND
# 2022, JAM 2020, BRA 2019, BGD 2020/2021, LKA 2019; sources on each line), annotated by hand
# and committed (dd5a6f2) before the extractors ran on it: 9 laws, 25 agencies. First run (on
# main d691e7f): laws P 0.600 R 0.667 F1 0.632 (6/4/3, years 4/6), agencies P 0.947 R 0.720
# F1 0.818 (18/1/7). One gold correction, its own commit (1f0ec1b): PRY 2021's "Comprehensive
# Anti-Trafficking Law 4788 of 2012" keeps "of 2012" after its number, as every earlier
# numbered "of YEAR" line; on it the first run reads laws 0.737 (7/3/2, years 5/7). The fixes
# (laws: a bare acronym after a case word and "under the", "Law 4788/12"'s two-digit year and
# its fold into the title ending "4788 of 2012"; agencies: care "provided" within five words,
# an acronym owning a shelter, an owner's possessive before an acronym that acts, "was
# responsible for investigating", "front line" as officer_role) read laws P 0.818 R 1.000 F1
# 0.900 (9/2/0, years 8/9) and agencies P 1.000 R 0.920 F1 0.958 (23/0/2). Left: BRA's "the
# 2016 trafficking law" read beside "Law 13.344" (the gold takes them as one, a doubt), LKA's
# "the procurement statute, Section 360(A)" read as a statute (the gold calls it a section of
# the penal code, a doubt), PRY's lower-case "interagency anti-trafficking roundtable" (a
# capitalised-only head) and BRA's plural "state-level anti-trafficking offices (NETPs)".
# Floors: one error under those figures (laws 8/2/1 or 9/3/0, years 7/9; agencies 22/0/3 or
# 23/1/2).
HELDOUT16_FLOORS = {
    "laws_f1": 0.84,
    "laws_p": 0.75,
    "laws_r": 0.88,
    "law_years": 0.77,
    "agencies_f1": 0.93,
    "agencies_p": 0.95,
    "agencies_r": 0.88,
}

# A seventeenth held-out set, 15 paragraphs quoted from real 2019-2022 narratives of the Middle
# East and North Africa (ISR 2019, 2020 and 2022, SAU 2019 and 2020, DZA 2019, TUN 2019 and 2021;
# in no other legal_years or flows_years line nor real_years text of those years; sources on
# each line): protection and prevention sections of state.gov pages and the assessments of the
# same years (ecoi.net), annotated by hand and committed (c75554f) before the extractors ran on
# it. First run (on h46 at c75554f, main 9deea14's extractors): laws F1 1.000 (4/0/0, years
# 4/4), agencies P 0.929 R 0.897 F1 0.912 (26/2/3). The gold broke two recorded conventions and
# was corrected after the run in its own commit (9d785ce: a legislature's named subcommittee is
# a body, as the dev gold's KGZ 'Parliamentary Working Group on Trafficking in Persons'; 'MOI
# special victims unit' is one name, as heldout12 BHR's 'MOI anti-trafficking division'): the
# first run on the corrected gold reads agencies P 1.000 R 0.933 F1 0.966 (28/0/2). The fix
# (48c377b: a bare acronym before 'branches'/'branch' is a body, SAU 2020's 'all PPO branches';
# 'specialists' joins the personnel nouns, TUN 2019's 'specialists from MWFC') reads laws 4/0/0
# and agencies 30/0/0. Floors: one error under those figures (laws 3/0/1 or 4/1/0, years 3/4;
# agencies 29/0/1 or 30/1/0).
HELDOUT17_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.8,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.98,
    "agencies_p": 0.96,
    "agencies_r": 0.96,
}


# An eighteenth held-out set, 15 paragraphs quoted from the prosecution and protection sections
# of real 2018-2022 narratives of East Asia and the Pacific (SLB 2019 and 2022, MAC 2018-2021,
# HKG 2019 and 2022, TLS 2022, BRN 2019 and 2021, AUS 2018; in no other legal_years or
# flows_years line nor real_years text of those years; sources on each line), annotated by
# hand and committed (0650484) before the extractors ran on it: 9 laws, 13 agencies. First run
# (on h47 at 0650484): laws F1 1.000 (9/0/0, years 8/9), agencies F1 1.000 (13/0/0); the one
# year miss was the gold's (MAC's "Law 6/2008" undated against every earlier gold's number
# year), corrected in its own commit (aac1cd0): years 9/9. No held-out error to fix; made-up
# probes in its countries' language found an of-chain running over "and the" into a second
# body ("the Department of Labor and the Immigration and National Registration Department"),
# fixed (f901b89), and titles with two parentheses or a "(No. 2)" before the head ("Penal Code
# (Amendment) (Sexual Offences) Act 2016"), fixed (1be2393). Floors: one error under those
# figures (laws 8/0/1 or 9/1/0, years 8/9; agencies 12/0/1 or 13/1/0).
HELDOUT18_FLOORS = {
    "laws_f1": 0.94,
    "laws_p": 0.9,
    "laws_r": 0.88,
    "law_years": 0.88,
    "agencies_f1": 0.95,
    "agencies_p": 0.92,
    "agencies_r": 0.92,
}

# A nineteenth held-out set, 15 paragraphs quoted from the protection and prosecution sections of
# real 2019-2022 narratives of Latin America (MEX 2020, COL 2019 and 2020, PER 2021, CRI 2019
# and 2022, URY 2020 and 2021, DOM 2020, NIC 2021; in no other legal_years or flows_years line
# nor real_years text of those years; sources on each line), annotated by hand and committed
# (3be4868) before the extractors ran on it: no law (the law paragraphs of these years repeat
# used years' boilerplate word for word and were left out), 22 agencies, eleven of them by
# Spanish acronyms. First run (on h49 at 3be4868, main 587bb27): laws 0/0/0 (no false law),
# agencies P 1.000 R 0.818 F1 0.900 (18/0/4). The fixes (bd51ce7: a served programme owned by
# a bare acronym, "An INAU program for child victims of sexual exploitation"; a lower-case
# "institution" with an unspelled acronym, "The national child welfare institution (PANI)")
# read agencies P 1.000 R 0.909 F1 0.952 (20/0/2). Left: "the Victim Protection Unit of the
# prosecutor's office" (a bare "prosecutor's office" is a back-reference by the resolver's
# design; a gold doubt) and "a program for up to 20 child and adolescent victims" (a gold
# doubt). Floors: one error under those figures (agencies 19/0/3 or 20/1/2). With no law in the
# gold one spurious law sets laws P and F1 to 0, so the laws floors are 0 (and law_years, 0 of
# 0 matched, reads 0).
HELDOUT19_FLOORS = {
    "laws_f1": 0.0,
    "laws_p": 0.0,
    "laws_r": 0.0,
    "law_years": 0.0,
    "agencies_f1": 0.92,
    "agencies_p": 0.95,
    "agencies_r": 0.86,
}

# A twenty-first held-out set, 15 paragraphs quoted from the protection and prosecution
# sections of real 2019-2022 narratives of Western Europe and South Asia (BEL 2020 and 2021,
# AUT 2019-2022, FIN 2020 and 2021, PAK 2020, GBR 2021, IRL 2021 and 2022; in no other
# legal_years or flows_years line nor real_years text of those years; sources on each line),
# annotated by hand and committed (3ea78fc) before the extractors ran on it: 4 laws, 15
# agencies. First run (on h51 at 3ea78fc): laws F1 1.000 (4/0/0, years 4/4), agencies F1
# 0.857 (12/1/3): a short name ending two longer forms of one body kept apart (FIN 2020's
# "the assistance system"), fixed (100dc40); a bare acronym only in a possessive before a
# year and "decision" (IRL's "the ODPP’s 2018 decision", twice), fixed (b53726b). Left: IRL
# 2021's lower-case "its atypical working scheme for sea fishers". After: agencies F1 0.966
# (14/0/1). Floors: one error under those figures (laws 3/0/1 or 4/1/0, years 3/4; agencies
# 13/0/2 or 14/1/1).
HELDOUT21_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.8,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.92,
    "agencies_p": 0.93,
    "agencies_r": 0.86,
}

# A twenty-third held-out set, 15 paragraphs quoted from the prosecution and protection sections
# of real 2019-2022 narratives of the Balkans, the Baltics and Central Europe (LVA 2019-2022,
# SRB 2020 and 2022, BIH 2019-2021, MNE 2019-2021, HUN 2019-2021; in no other legal_years line
# nor real_years text of those years; sources on each line), annotated by hand and committed
# (d197194) before the extractors ran on it: 4 laws, 25 agencies. First run (on h53 at
# d197194, main 665ebde's extractors): laws F1 1.000 (4/0/0, years 4/4), agencies F1 0.780
# (23/11/2). The gold broke the recorded lower-case definite unit convention (the State
# Police's anti-trafficking unit, the protection agency, the probation service, ...) and
# heldout17's "MOI special victims unit" form; corrected (13457b2): agencies 31/3/3 (F1 0.912).
# Fixes: a list's last name run on through ", and" into a bare acronym (b36f9c6: "Service for
# Foreigners’ Affairs, and CSW"); "the immigration and asylum office" cut to "asylum office"
# (61710c6). After: laws 4/0/0 (years 4/4), agencies 34/0/0. Floors: one error under those
# figures (laws 3/0/1 or 4/1/0, years 3/4; agencies 33/0/1 or 34/1/0).
HELDOUT23_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.8,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.98,
    "agencies_p": 0.97,
    "agencies_r": 0.97,
}

# A twentieth held-out set, 15 paragraphs quoted from the protection, prosecution and prevention
# sections of real 2019-2023 narratives of anglophone Africa (ZAF 2019 and 2023, SLE 2020, BWA
# 2021, GHA 2019 and 2020, TZA 2021, MWI 2022; in no other legal_years or flows_years line nor
# real_years text of those years; sources on each line), annotated by hand and committed
# (abdd208) before the extractors ran on it: 6 laws, 30 agencies. First run (on h50 at abdd208,
# main 587bb27's extractors): laws P 1.000 R 0.667 F1 0.800 (4/0/2, years 4/4), agencies P 1.000
# R 0.867 F1 0.929 (26/0/4). Fixes: a bare statute acronym after "in accordance with" (a6aa4e1:
# "developed in accordance with PACOTIP"); an apposition with "the" and a body noun, a run of
# bare acronyms before a body's name in a list, and "had no formal, written procedures to"
# (fba766c: "ATC, the government entity responsible for", "agencies, including SAPS, DSD, NPA,
# and the Department ...", "The DHA had no formal, written procedures to guide"). After: laws
# 6/0/0 (years 6/6), agencies 30/0/0. Floors: one error under those figures (laws 5/0/1 or
# 6/1/0, years 5/6; agencies 29/0/1 or 30/1/0).
HELDOUT20_FLOORS = {
    "laws_f1": 0.9,
    "laws_p": 0.85,
    "laws_r": 0.83,
    "law_years": 0.83,
    "agencies_f1": 0.98,
    "agencies_p": 0.96,
    "agencies_r": 0.96,
}

# A twenty-second held-out set, 15 runs of whole sentences quoted from six stored pieces of the
# protection, prosecution and prevention sections of real 2019-2022 Southeast Asian narratives
# (MYS 2019, 2020 and 2022 protection, LAO 2019 prosecution, KHM 2020 prosecution, LAO 2020
# prevention; in no other legal_years or flows_years line nor real_years text of those years;
# each piece split into two or three runs, sources on each line), annotated by hand and
# committed (e73d95c) before the extractors ran on it: 4 laws, 6 agencies. First run (on h52 at
# e73d95c, main 665ebde's extractors): laws F1 0.857 (3/0/1, years 3/3), agencies F1 1.000
# (6/0/0): MYS 2020's bare statute acronym as what officials interpret ("an interpretation that
# ATIPSOM required"), fixed (e5901ec). After: laws 4/0/0 (years 4/4), agencies 6/0/0. Floors:
# one error under those figures (laws 3/0/1 or 4/1/0, years 3/4; agencies 5/0/1 or 6/1/0).
HELDOUT22_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.8,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.9,
    "agencies_p": 0.85,
    "agencies_r": 0.83,
}

# A twenty-fourth held-out set, 15 paragraphs quoted from real 2020-2023 narratives of
# francophone Africa and the Gulf (KWT 2020 and 2021 prevention, MDG 2021 protection; the
# assessments of MDG 2021, CMR 2021/2022, COD 2020/2021, MLI 2021/2022, COG 2020/2021 and ARE
# 2021/2023, whose effort pieces were not stored; sources on each line), annotated by hand and
# committed (eaefe54) before the extractors ran on it: 2 laws, 19 agencies. First run: laws P
# 0.500 R 1.000 F1 0.667 (2/2/0, years 1/2), agencies P 0.933 R 0.737 F1 0.824 (14/1/5). Gold
# corrected where it broke recorded conventions (0fa571d: 'the labor law' and 'the
# anti-trafficking law' by definite description, 'Law 68/15' year 2015): laws 4/0/0, years 4/4.
# A fix ("army" as a capitalised head, for "Congolese National Army (FARDC)") was reverted: it
# read rebel armies ("National Liberation Army", "New People's Army") in earlier sets. Agencies
# stay 14/1/5. Floors: one error under those figures (laws 3/0/1 or 4/1/0, years 3/4; agencies
# 13/1/6 or 14/2/5).
HELDOUT24_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.8,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.78,
    "agencies_p": 0.87,
    "agencies_r": 0.68,
}

# A twenty-fifth held-out set, 15 paragraphs quoted from real 2019-2023 narratives of Central
# Asia, the Caucasus and Eastern Europe (protection of ARM 2019/2022, RUS 2020, ROU 2023, KAZ
# 2019, GEO 2019, AZE 2019 and BGR 2020; prevention of UZB 2020; prosecution of MDA 2019; the
# first recommendations of TKM 2023 and BLR 2021; sources on each line), annotated by hand and
# committed (e0837f3) before the extractors ran on it: 4 laws, 18 agencies. First run: laws P
# 1.000 R 1.000 F1 1.000 (4/0/0, years 4/4), agencies P 0.895 R 0.944 F1 0.919 (17/2/1). Gold
# corrected where it broke recorded conventions (2e78906: UZB 'the national rapporteur' counted,
# RUS 'Russian Orthodox Church' left out as private): agencies 18/1/0. A court's level of appeal
# in modifier_reject (2d317c1: 'the appeals court' is generic) makes it 18/0/0. Floors: one
# error under those figures (laws 3/0/1 or 4/1/0, years 3/4; agencies 17/0/1 or 18/1/0).
HELDOUT25_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.8,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.97,
    "agencies_p": 0.94,
    "agencies_r": 0.94,
}

# A twenty-sixth held-out set, 15 paragraphs quoted from real 2019-2022 narratives of the
# Caribbean and Central America (the protection sections of BHS 2021/2022, BLZ 2021, LCA 2020,
# PAN 2022, GUY 2019 and ABW 2022, HTI 2020's prosecution, the prioritized recommendations of
# JAM 2021, BLZ 2021 and TTO 2021; sources on each line), annotated by hand and committed
# (27eaa48) before the extractors ran on it: 3 laws, 16 agencies. First run: laws 1.000
# (3/0/0, years 3/3), agencies P 0.882 R 0.938 F1 0.909 (15/2/1). Gold corrected where it broke
# a recorded convention (f11bf1b: LCA 2020 'external affairs department staff' names a body
# attributively, as 'immigration bureau officers'): agencies 15/2/2. The fix (a lower-case
# description does not run back through "and" past a personnel noun: "diplomatic personnel
# and external affairs department staff") reads agencies 16/1/1; left: BLZ 2021's "Immigration
# and Labor Department officials" (one name as written, two departments in the gold). Floors:
# one error under those figures (laws 2/0/1 or 3/1/0, years 2/3; agencies 15/1/2 or 16/2/1).
HELDOUT26_FLOORS = {
    "laws_f1": 0.79,
    "laws_p": 0.74,
    "laws_r": 0.66,
    "law_years": 0.66,
    "agencies_f1": 0.90,
    "agencies_p": 0.88,
    "agencies_r": 0.88,
}

# A twenty-seventh held-out set, 15 paragraphs quoted from real 2020-2024 narratives of East and
# South Asia and the Pacific (JPN 2020/2023 and TWN 2021 protection, BTN 2021/2022 prosecution,
# CHN 2023 prevention; the assessments, with their recommendations where stored, of JPN
# 2023/2024, TWN 2022, FJI 2022, PNG 2022, BTN 2024, MDV 2024, CHN 2023 and KOR 2021; sources on
# each line), annotated by hand and committed (6a4ea4a) before the extractors ran on it: 8 laws,
# 10 agencies (seven lines name none). First run: laws P 0.857 R 0.750 F1 0.800 (6/1/2, years
# 6/6), agencies P 1.000 R 0.700 F1 0.824 (7/0/3). Fixed: ", Etc." inside a head-last title and
# a bare statute acronym after "ambiguities in the" (bb2a6f5); a bare programme acronym before
# "participants" and one before "and other relevant stakeholders" (be57863). After: laws 8/0/0
# (years 8/8), agencies 10/0/0. Floors: one error under those figures (laws 7/0/1 or 8/1/0,
# years 7/8; agencies 9/0/1 or 10/1/0).
HELDOUT27_FLOORS = {
    "laws_f1": 0.93,
    "laws_p": 0.88,
    "laws_r": 0.87,
    "law_years": 0.87,
    "agencies_f1": 0.94,
    "agencies_p": 0.9,
    "agencies_r": 0.9,
}

# A twenty-ninth held-out set, 15 paragraphs quoted from real 2021-2025 narratives of South
# and North America (BOL 2021's prosecution, CAN 2023's protection, ECU 2021's prosecution, the
# prioritized recommendations of BOL 2021, CAN 2022, ECU 2021, PRY 2023/2024 and URY 2023, the
# assessments of BOL 2021, ECU 2021, PRY 2024, COL 2025 and VEN 2022; sources on each line),
# annotated by hand and committed (4c223e1) before the extractors ran on it: 3 laws, 13
# agencies. First run: laws 1.000 (3/0/0, years 3/3), agencies P 0.733 R 0.846 F1 0.786
# (11/4/2). Three fixes ("<function> Canada" departments; a kind of force before personnel,
# "coast guard officers"; a body still to be made, "to establish the national anti-trafficking
# secretariat") read agencies 13/0/0. Floors: one error under those figures (laws 2/0/1 or
# 3/1/0, years 2/3; agencies 12/0/1 or 13/1/0).
HELDOUT29_FLOORS = {
    "laws_f1": 0.79,
    "laws_p": 0.74,
    "laws_r": 0.66,
    "law_years": 0.66,
    "agencies_f1": 0.95,
    "agencies_p": 0.92,
    "agencies_r": 0.92,
}

# A thirtieth held-out set, 15 paragraphs quoted from real 2022-2025 narratives of South Asia
# and the Middle East (NPL 2023 and IRQ 2023 protection; the assessments, with recommendations
# where stored, of IRQ 2023/2024, AFG 2022/2023/2025, EGY 2023, PAK 2023, BGD 2022, LBY 2022,
# IRN 2022 and SYR 2022; sources on each line), annotated by hand and committed (280b69b)
# before the extractors ran on it: 1 law, 14 agencies. First run: laws 1.000 (1/0/0, years
# 1/1), agencies P 0.846 R 0.786 F1 0.815 (11/2/3). Gold corrected where it broke a recorded
# convention (3ba813b: IRQ 2024's "the Ministry of Interior (MOI)’s anti-trafficking
# department" is a body, as PRY 2019's "the national police's anti-trafficking unit"):
# agencies 12/1/3 on the first run. Three fixes (789eeba: a ministry's mixed-case acronym as a
# bare acronym's acting partner, "FEB and MoLESS continued"; "did not report" after a bare
# acronym, "The KRG did not report"; compulsory military service no body) read agencies
# 14/0/1; left: "Popular Mobilization Forces (PMF)" ("Forces" is no head). Floors: one error
# under those figures (agencies 13/0/2 or 14/1/1; the one law may gain a spurious one, 1/1/0,
# since missing it puts every law figure at 0).
HELDOUT30_FLOORS = {
    "laws_f1": 0.66,
    "laws_p": 0.5,
    "laws_r": 0.99,
    "law_years": 0.99,
    "agencies_f1": 0.92,
    "agencies_p": 0.93,
    "agencies_r": 0.86,
}

# A twenty-eighth held-out set, 15 paragraphs quoted from real 2021-2023 narratives of Western,
# Southern and Northern Europe (the protection sections of DEU 2023, MLT 2022 and LUX 2021; the
# assessments, most with recommendations, of DEU 2023, LUX 2022, GRC 2023, CYP 2023, NLD 2023,
# SWE 2021/2023, POL 2021/2023, PRT 2021 and BEL 2022/2023; sources on each line), annotated by
# hand and committed (b7a9d52) before the extractors ran on it: 5 laws, 12 agencies. First run:
# laws P 1.000 R 1.000 F1 1.000 (5/0/0, years 5/5), agencies P 0.923 R 1.000 F1 0.960 (12/1/0).
# Gold corrected where it broke a recorded convention (26140ff: DEU 2023's 'an independent
# national rapporteur' is a body, as the dev gold's MKD keeps 'a national rapporteur'): agencies
# 13/0/0 with no code change, so no fix. Floors: one error under those figures (laws 4/0/1 or
# 5/1/0, years 4/5; agencies 12/0/1 or 13/1/0).
HELDOUT28_FLOORS = {
    "laws_f1": 0.88,
    "laws_p": 0.83,
    "laws_r": 0.79,
    "law_years": 0.79,
    "agencies_f1": 0.95,
    "agencies_p": 0.92,
    "agencies_r": 0.92,
}

# A thirty-first held-out set, 15 paragraphs quoted from real 2019-2023 narratives of East,
# Central and Southern Africa (KEN 2020 and ZWE 2020 protection, BWA 2020 prosecution, DJI
# 2019 protection; the assessments, with recommendations where stored, of NAM 2020, SWZ
# 2020/2022/2023, ZWE 2019, TCD 2020/2023, DJI 2023, GAB 2021/2023 and ZMB 2020; sources on
# each line), annotated by hand and committed (d273b7d) before the extractors ran on it: 12
# laws, 19 agencies. First run: laws P 0.846 R 0.917 F1 0.880 (11/2/1, years 11/11), agencies
# P 1.000 R 0.947 F1 0.973 (18/0/1). Two fixes (4b841b1: a dot after a number before a
# capitalised word ends the number, "Law 006/PR/18.Develop"; a lower-case plural of "team"
# spelled by its plural acronym, "multi-agency emergency response teams (ERTs)") read laws
# 12/0/0 (years 12/12) and agencies 19/0/0. Floors: one error under those figures (laws
# 11/0/1 or 12/1/0, years 11/12; agencies 18/0/1 or 19/1/0).
HELDOUT31_FLOORS = {
    "laws_f1": 0.95,
    "laws_p": 0.92,
    "laws_r": 0.91,
    "law_years": 0.91,
    "agencies_f1": 0.97,
    "agencies_p": 0.94,
    "agencies_r": 0.94,
}

# A thirty-second held-out set, 15 paragraphs quoted from real 2019-2023 narratives of
# Southeast Asia, Mongolia and Oceania (NZL 2020 prosecution, PLW 2021 protection and FSM 2019
# and 2023 prosecution; the assessments, most with recommendations, of NZL 2022/2023, TON 2022
# with the prosecution's first sentences, PLW 2019/2023, MHL 2019/2023, MNG 2020, MMR 2019/2021
# and IDN 2021; sources on each line), annotated by hand and committed (e26be6f) before the
# extractors ran on it. First run: laws P 0.714 R 0.625 F1 0.667 (5/2/3, years 5/5), agencies
# P 0.600 R 0.500 F1 0.545 (3/2/3). Gold corrected where it broke a recorded convention (b926f84:
# "the Crimes Act of 1961" and "... Organised Crime Act of 2013" are named without "of YEAR"):
# laws 7/0/1. Its FSM 2020 line, a country-year heldout11 had quoted, was replaced by FSM 2019's
# prosecution (8927175, annotated before it ran): 9 laws, 7 agencies, the first run's extractors
# reading laws 8/0/1 and agencies 4/2/3 (F1 0.615). Three fixes (3d160bc: "Immigration New
# Zealand", a head-last name with a two-word country; "Burmese armed forces (Tatmadaw)", a
# state's forces after its country adjective; "the coordinating office of the national task
# force", one body with its lower-case owner) read agencies 7/0/0; left: IDN 2021's "2017
# migrant protection bill" (a gold doubt). Floors: one error under those figures (laws 7/0/2 or
# 8/1/1, years 7/8; agencies 6/0/1 or 7/1/0).
HELDOUT32_FLOORS = {
    "laws_f1": 0.87,
    "laws_p": 0.88,
    "laws_r": 0.77,
    "law_years": 0.87,
    "agencies_f1": 0.92,
    "agencies_p": 0.87,
    "agencies_r": 0.85,
}

# A thirty-third held-out set, 15 paragraphs quoted from real 2019-2025 narratives of Southern
# and Eastern Europe and the Gulf (the protection sections of ESP 2019, HRV 2019 and ISL 2020;
# the assessments, with recommendations where stored, of ESP 2019, HRV 2024/2025, MKD
# 2019/2022, CHE 2019, BHR 2019, ISL 2020, XKX 2020, UKR 2022, SVN 2019 and ITA 2020; sources on
# each line), annotated by hand and committed (666385b) before the extractors ran on it: 3 laws,
# 17 agencies. First run: laws P 0.667 R 0.667 F1 0.667 (2/1/1, years 2/2), agencies P 0.812
# R 0.765 F1 0.788 (13/3/4). Gold corrected where it broke a recorded convention (be7a57e: CHE
# 2019's "criminal code" and "penal code" are one code listed as "penal code", as the dev
# gold's JPN and KAZ): laws 3/0/0 (years 3/3), agencies as before. Two fixes (two lower-case
# forces joined by "and" before shared personnel, "national police and civil guard personnel";
# "the office of the national rapporteur" named whole) read agencies 16/1/1; left: ISL 2020
# "The National Police Commissioner" read "National Police" (a gold doubt). Floors: one error
# under those figures (laws 2/0/1 or 3/1/0, years 2/3; agencies 15/1/2 or 16/2/1).
HELDOUT33_FLOORS = {
    "laws_f1": 0.79,
    "laws_p": 0.74,
    "laws_r": 0.66,
    "law_years": 0.66,
    "agencies_f1": 0.90,
    "agencies_p": 0.88,
    "agencies_r": 0.88,
}

# A thirty-fourth held-out set, 15 paragraphs quoted from real 2019-2023 narratives of West
# Africa (the effort sections of LBR 2021, SEN 2019/2021, SLE 2019/2021/2023, MRT 2019/2022,
# CIV 2019, GMB 2023 and GHA 2021; the assessments with recommendations of NGA 2022, LBR 2019
# and GNB 2022/2023; sources on each line), annotated by hand and committed (8b7c55a) before
# the extractors ran on it: 16 laws, 37 agencies. First run: laws P 0.941 R 1.000 F1 0.970
# (16/1/0, years 16/16), agencies P 0.917 R 0.892 F1 0.904 (33/3/4). Five fixes (a topic
# acronym opening a name, "the TIP Secretariat"; an "(also known as the ... or ACR)" alias and
# a capitalised run before "—the <body description>", "Brigade Mondaine"; the own country's
# titled code beside the bare code, "the Ivoirian Criminal Code"; a "then-" prefix split off a
# name; a bare capitalised "the Commissariat") read laws 16/0/0 (years 16/16) and agencies
# 37/1/0; left: MRT 2022's "prime minister's office" read as a body (a gold doubt). Floors: one
# error under those figures (laws 15/0/1 or 16/1/0, years 15/16; agencies 36/1/1 or 37/2/0).
HELDOUT34_FLOORS = {
    "laws_f1": 0.96,
    "laws_p": 0.94,
    "laws_r": 0.93,
    "law_years": 0.93,
    "agencies_f1": 0.97,
    "agencies_p": 0.94,
    "agencies_r": 0.97,
}

# A thirty-fifth held-out set, 15 paragraphs quoted from real 2019-2021 narratives of Latin
# America and the Caribbean (the protection sections of GTM 2019, HND 2019/2020 and ARG 2020,
# the prosecution section of DOM 2019; the assessments, with recommendations where stored, of
# GTM 2019, HND 2019/2020, ARG 2020, SLV 2019/2021, CUW 2020, SXM 2021, PAN 2020 and CRI 2021;
# sources on each line), annotated by hand and committed (79175db) before the extractors ran
# on it: 9 laws, 21 agencies. First run: laws P 1.000 R 1.000 F1 1.000 (9/0/0, years 9/9),
# agencies P 1.000 R 0.810 F1 0.895 (17/0/4). One fix (a cap-only head read in lower case,
# singular and definite, with a word of its `lower_by_word` before it: "the immediate
# response team") reads agencies 19/0/2; left: ARG 2020 "the witness protection program" (the
# same fix for programs read a body the dev gold's XKX leaves out, so it was taken back) and
# PAN 2020 "the special fund for trafficking victims" (a lower-case fund description; both
# gold doubts). Floors: one error under those figures (laws 8/0/1 or 9/1/0, years 8/9;
# agencies 18/0/3 or 19/1/2).
HELDOUT35_FLOORS = {
    "laws_f1": 0.94,
    "laws_p": 0.90,
    "laws_r": 0.88,
    "law_years": 0.88,
    "agencies_f1": 0.92,
    "agencies_p": 0.95,
    "agencies_r": 0.85,
}

# A thirty-sixth held-out set, 15 paragraphs quoted from real 2019-2023 narratives of the Middle
# East, North Africa, Central and South Asia (TUN 2023, MDV 2019, LBN 2019 and KGZ 2021
# prosecution; YEM 2021 government efforts; LBN 2021, TJK 2022 and JOR 2020/2021 protection; the
# assessments of QAT 2022, LKA 2021, KGZ 2020, DZA 2023 and IND 2020; IND 2019 prosecution;
# sources on each line), annotated by hand and committed (b2388a4) before the extractors ran on
# it: 12 laws, 24 agencies. First run: laws P 0.917 R 0.917 F1 0.917 (11/1/1, years 11/11),
# agencies P 0.885 R 0.958 F1 0.920 (23/3/1). Gold corrected where it broke a recorded
# convention (a04df14: TJK 2022's "A 2014 victim protection law" is indefinite, unnamed, as
# heldout9's TJK 2021 line on the same sentence): laws 11/1/0. Four fixes (729018a: a
# national government's acronym, "The ROYG", is no body; a bare acronym with an owner suffix,
# "a DGS-operated hotline", is one; "stakeholder ministry" is a class; "the draft
# anti-trafficking law" is a bill) read laws 11/0/0 (years 11/11) and agencies 24/1/0; left:
# LBN 2021's "the Ministry of Labor's (MOL) complaints office" (a gold doubt). Floors: one
# error under those figures (laws 10/0/1 or 11/1/0; agencies 23/1/1 or 24/2/0).
HELDOUT36_FLOORS = {
    "laws_f1": 0.95,
    "laws_p": 0.91,
    "laws_r": 0.90,
    "law_years": 0.90,
    "agencies_f1": 0.95,
    "agencies_p": 0.92,
    "agencies_r": 0.95,
}

# A thirty-seventh held-out set, 15 paragraphs quoted from real 2019-2023 narratives of the
# Caribbean, the Guianas and North America (the prosecution sections of ATG 2019, 2020 and
# 2022; the assessments, with recommendations where stored, of ATG 2021, TTO 2019, SUR 2020 and
# 2021, BHS 2019 and 2020, BRB 2021, CAN 2020, VCT 2020 and 2023 and USA 2020, whose
# recommendations are a line of their own; sources on each line), annotated by hand and
# committed (97f9d59) before the extractors ran on it: 10 laws, 7 agencies. First run: laws P
# 0.909 R 1.000 F1 0.952 (10/1/0, years 10/10), agencies P 0.800 R 0.571 F1 0.667 (4/1/3).
# Gold corrected where it broke the dev gold's convention (bdb58c0: ATG 2020's "the high
# court" is a body, as LSO, MWI and MNE list it): agencies 5/0/3. Three fixes (a title without
# its bracketed words is the bracketed title's statute, "the Trafficking In Persons Act" after
# "the 2010 Trafficking In Persons (Prevention) Act", "(Amendment)" kept apart; a lower-case
# "children's authority", and a second body after "and" sharing a possessive over the first
# name's "'s"; "the office of the Prime Minister" named whole) read laws 10/0/0 (years 10/10)
# and agencies 8/0/0. Floors: one error under those figures (laws 9/0/1 or 10/1/0, years
# 9/10; agencies 7/0/1 or 8/1/0).
HELDOUT37_FLOORS = {
    "laws_f1": 0.94,
    "laws_p": 0.90,
    "laws_r": 0.90,
    "law_years": 0.90,
    "agencies_f1": 0.93,
    "agencies_p": 0.88,
    "agencies_r": 0.87,
}

# A thirty-eighth held-out set, 15 paragraphs quoted from real 2019-2023 narratives of Central
# Africa, the Horn and the Indian Ocean (the prevention sections of GNQ 2019/2021 and SYC 2023;
# ETH 2019 protection; the assessments of GNQ 2020, SOM 2021/2022, COD 2022/2023, SSD 2022,
# CAF 2020, AGO 2020/2021, and of CMR 2019 and ERI 2023 with recommendations; sources on each
# line), annotated by hand and committed (f8a19b1) before the extractors ran on it: 4 laws,
# 21 agencies. First run: laws P 1.000 R 1.000 F1 1.000 (4/0/0, years 4/4), agencies P 0.889
# R 0.762 F1 0.821 (16/2/5). Five fixes (the cap-only head "army" after "National": "Congolese
# National Army (FARDC)"; a name after "self-styled"/"so-called" disowned; a lower-case
# prepositional tail ending in "activities" is a use, not a name; a frequency adverb after a
# head, "committee multiple times", is no noun; "National Referral System" a procedure) read
# agencies 20/0/1; left: ERI 2023's "locally known as Maetot" (a programme's bare name, a gold
# doubt). Floors: one error under those figures (laws 3/0/1 or 4/1/0, years 3/4; agencies
# 19/0/2 or 20/1/1).
HELDOUT38_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.80,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.94,
    "agencies_p": 0.95,
    "agencies_r": 0.90,
}

# A thirty-ninth held-out set, 15 paragraphs quoted from real 2017 and 2018 narratives of
# sub-Saharan Africa (the prosecution sections of BWA 2018, RWA 2018, CMR 2017 and SEN 2017;
# the protection sections of SLE 2017, ZMB 2017, ETH 2017, SEN 2018 and MUS 2018; the
# assessments of UGA 2017, MDG 2018, ZAF 2018, NGA 2017 and TZA 2018, and NAM 2018's with its
# recommendations and prosecution opening; no 2017 line from the built-in sample's Jamaica to
# Namibia; sources on each line), annotated by hand and committed (1c60fa1) before the
# extractors ran on it: 13 laws, 19 agencies. First run: laws P 1.000 R 0.923 F1 0.960
# (12/0/1, years 11/12), agencies P 0.789 R 0.789 F1 0.789 (15/4/4). Gold corrected where it
# broke the recorded conventions (07c2d56: MUS's 'Child Development Unit of the Ministry of
# ...' one name, an 'of the' owner tail with no acronym; BWA's 'high court judges' names the
# high court): agencies 17/2/2. Three fixes (', non-governmental ... militias' with no article
# disowns the name before it; 'and Other Related Matters' closes NAPTIP's name; 'since its
# enactment in 2013' dates the statute or bracketed acronym before it) read laws 12/0/1
# (years 12/12) and agencies 18/0/1; left: NAM's signed 'Combating of Trafficking in Persons
# Bill' (a gold doubt) and TZA's lower-case 'victims' assistance fund' (an open convention).
# Floors: one error under those figures (laws 11/0/2 or 12/1/1, years 11/12; agencies 17/0/2
# or 18/1/1).
HELDOUT39_FLOORS = {
    "laws_f1": 0.91,
    "laws_p": 0.92,
    "laws_r": 0.84,
    "law_years": 0.91,
    "agencies_f1": 0.94,
    "agencies_p": 0.94,
    "agencies_r": 0.89,
}

# A fortieth held-out set, 15 paragraphs quoted from real 2017 and 2018 narratives of Europe,
# Eurasia and the Western Hemisphere (the protection sections of SRB 2017/2018, ARM 2018, BIH
# 2018, GTM 2017/2018 and ALB 2018; HND 2017 prosecution; the assessments with recommendations
# of PRY 2017 and ARG 2017, with the prosecution section's opening, and of ALB 2017, DOM 2018,
# TTO 2018, BRA 2018 and HND 2018; sources on each line), annotated by hand and committed
# (2eef7d9) before the extractors ran on it: 5 laws, 23 agencies. First run: laws P 0.800 R
# 0.800 F1 0.800 (4/1/1, years 4/4), agencies P 0.950 R 0.826 F1 0.884 (19/1/4). Gold corrected
# where it broke recorded conventions (2931547: PRY's law named by its title; two lower-case
# plurals without an acronym a class): laws 5/0/0, agencies 19/1/2. One fix (a procedure's noun
# before "and", conjunct_noun, ends a thing of its own, and the lower-case body after the "and"
# shares its article: "the national referral mechanism and national anti-trafficking
# committee") read agencies 20/0/1; left: ALB 2017's quoted "special fund" (lower-case funds,
# an open convention). Floors: one error under those figures (laws 4/0/1 or 5/1/0, years 4/5;
# agencies 19/0/2 or 20/1/1).
HELDOUT40_FLOORS = {
    "laws_f1": 0.88,
    "laws_p": 0.83,
    "laws_r": 0.80,
    "law_years": 0.80,
    "agencies_f1": 0.94,
    "agencies_p": 0.95,
    "agencies_r": 0.90,
}

# A forty-first held-out set, 15 paragraphs quoted from real 2017 and 2018 narratives of East
# Asia and the Pacific, South and Central Asia and the Near East (state.gov effort sections:
# PAK 2018 prosecution; PHL 2017, THA 2017, SAU 2018 protection; QAT 2017 and 2018, BGD 2017,
# ARE 2018 prevention; ecoi.net assessments of VNM 2017, LKA 2017 and 2018, AFG 2018, MNG
# 2018, IDN 2018 and THA 2018, some with recommendations; sources on each line), annotated by
# hand and committed (45326cc) before the extractors ran on it: 10 laws, 19 agencies. First
# run: laws P 0.800 R 0.800 F1 0.800 (8/2/2, years 8/8), agencies P 0.889 R 0.842 F1 0.865
# (16/2/3). Four fixes (a capitalised "Regulating" opens a statute title after its number and
# year; an own-country adjective before "National Police"/"National Army" is the name's;
# a quoted name with a relative clause on it is a body; a capitalised programme a government
# adopts is a plan) read laws 9/1/1 (years 9/9) and agencies 18/0/1. Left: LKA 2018's "the
# procurement law" (fp), AFG 2018's "a revised penal code" (fn, indefinite) and ARE 2018's
# "that of MOHRE" (fn). Floors: one error under those figures (laws 8/1/2 or 9/2/1, years
# 8/9; agencies 17/0/2 or 18/1/1).
HELDOUT41_FLOORS = {
    "laws_f1": 0.84,
    "laws_p": 0.81,
    "laws_r": 0.80,
    "law_years": 0.88,
    "agencies_f1": 0.94,
    "agencies_p": 0.94,
    "agencies_r": 0.89,
}

# A forty-second held-out set, 15 paragraphs quoted from the 2016 report (the June 2016 edition:
# only the first stored piece of each 2016 page is in the store, so mostly assessments, ABW, ARM,
# BHS, CUW, FIN, ISL, PLW, SVN, TLS, TON; the first recommendations of EST and SVN; SOM's
# special-case paragraph; the profiles of BHR and ISR; DNK's protection and prevention from a
# text copy of the report; sources on each line), annotated by hand and committed (e45faf3)
# before the extractors ran on it: 6 laws, 10 agencies. First run: laws P 1.000 R 0.833 F1
# 0.909 (5/0/1, years 5/5), agencies P 0.727 R 0.800 F1 0.762 (8/3/2); 9/2/2 (0.818) on the
# gold corrected for FIN's "victim assistance system" (d3e0eab, the FIN 2020/2021 convention).
# Three fixes ("the trafficking in persons law"; a joint_body modifier makes "the
# inter-ministerial working group" a body; names opening with an intergovernmental
# organization's full name, "African Union Mission in Somalia", are no government's) read laws
# 6/0/0 (years 6/6) and agencies 10/1/1; left: PLW's "anti-trafficking taskforce meetings"
# (the head a modifier, a gold doubt) and CUW's "national taskforce" (the gold folds it into
# "interagency taskforce", a doubt). Floors: one error under those figures (laws 5/0/1 or
# 6/1/0, years 5/6; agencies 9/1/2 or 10/2/1).
HELDOUT42_FLOORS = {
    "laws_f1": 0.90,
    "laws_p": 0.85,
    "laws_r": 0.83,
    "law_years": 0.83,
    "agencies_f1": 0.85,
    "agencies_p": 0.83,
    "agencies_r": 0.81,
}

# A forty-third held-out set, 15 paragraphs quoted from real 2017 and 2018 narratives of
# sub-Saharan Africa not taken by legal_years_heldout39 (state.gov: SYC 2017 and AGO 2017
# prosecution, BEN 2018 assessment; ecoi.net assessments of AGO 2018, ZWE 2017, KEN 2018, BFA
# 2018, TCD 2018 with its recommendations, GAB 2017, DJI 2017 and LSO 2018; refworld
# assessments of GHA 2018, MWI 2018, MLI 2018 and SWZ 2017; sources on each line), annotated by
# hand and committed (9f1adcb) before the extractors ran on it: 11 laws, 14 agencies. First
# run: laws P 0.909 R 0.909 F1 0.909 (10/1/1, years 9/10), agencies P 1.000 R 0.643 F1 0.783
# (9/0/5). Gold corrected (f40d128: TCD's "Presidential Ordinance 006/18" dated 2018 by its
# suffix, the recorded convention): years 10/10. Two fixes (an adjective such as "responsible"
# after a lower-case head opens a relative clause, "the inter-ministerial board responsible
# for ..."; a document noun before "and" ends a thing of its own and the law description after
# it shares the article, "the trafficking investigation guide and new criminal code") read laws
# 11/0/0 (years 11/11) and agencies 10/0/4 (a guard keeps a comma-set apposition after a
# named body, "(OProGen), the police unit responsible for ...", no body of its own). Left:
# three lower-case funds (GHA, MWI, KEN; the open convention) and DJI's "national coordinator
# for ..." (a gold doubt). Floors: one error
# under those figures (laws 10/0/1 or 11/1/0, years 10/11; agencies 9/0/5 or 10/1/4).
HELDOUT43_FLOORS = {
    "laws_f1": 0.95,
    "laws_p": 0.91,
    "laws_r": 0.90,
    "law_years": 0.90,
    "agencies_f1": 0.78,
    "agencies_p": 0.90,
    "agencies_r": 0.64,
}

# A forty-fourth held-out set, 15 paragraphs quoted from real 2017 and 2018 narratives of Europe
# and Eurasia (state.gov effort sections: POL 2018, TUR 2018, GRC 2018, AZE 2017 and 2018, UKR
# 2017 protection, DEU 2017 prosecution, MKD 2018 assessment; refworld assessments of GEO 2017
# and RUS 2018; ecoi.net assessments of GRC 2017, ESP 2018, CZE 2017, DEU 2018 and NLD 2018,
# most with recommendations; sources on each line), annotated by hand and committed (0a4d3a9)
# before the extractors ran on it: 4 laws, 15 agencies. First run: laws P 1.000 R 0.750 F1
# 0.857 (3/0/1, years 3/3), agencies P 0.929 R 0.867 F1 0.897 (13/1/2); with MKD's "an
# anti-trafficking Task Force" named "Task Force" as heldout38 SYC names "the inter-ministerial
# Special Task Force" (gold correction 2806fff), agencies 14/0/1. Two fixes ("spent"
# after a bare acronym is a body's act; a code synonym before "reforms" is the country's code,
# though "law reforms" name none) read laws 4/0/0 (years 4/4) and agencies 15/0/0. Floors: one
# error under those figures (laws 3/0/1 or 4/1/0, years 3/4; agencies 14/0/1 or 15/1/0).
HELDOUT44_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.80,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.96,
    "agencies_p": 0.93,
    "agencies_r": 0.93,
}

# A forty-fifth held-out set, 15 paragraphs quoted from real 2017 and 2018 narratives of the
# Western Hemisphere (state.gov effort sections: CHL 2017 and 2018, BLZ 2017, CAN 2018, JAM
# 2018, PER 2017 and COL 2017 protection; BOL 2018 and PAN 2018 prosecution; assessments, most
# with recommendations, of CHL 2017, ECU 2018, GUY 2017 (with the prosecution section's
# opening), SLV 2017, PAN 2018 and CAN 2018; sources on each line), annotated by hand and
# committed (fb64b78) before the extractors ran on it: 8 laws, 22 agencies. First run: laws P
# 0.778 R 0.875 F1 0.824 (7/2/1, years 7/7), agencies P 0.864 R 0.864 F1 0.864 (19/3/3). Gold
# corrected where it broke recorded conventions (7918459: GUY's 'X Act of 2005' named without
# 'of 2005', JAM's 'JCF anti-trafficking unit' as the dev gold names it; b471329: BLZ's
# 'social security board inspectors' a body before a personnel noun): first run laws 8/1/0,
# agencies 21/1/2. Three fixes (a bare acronym after 'notify'/'contacted' is a body and an
# insurgent word on an armed head names none; a number bracketed right after a trafficking
# description is the trafficking statute; a cap_only head in lower case before 'and' is a
# modifier) read laws 8/0/0 (years 8/8) and agencies 23/0/0. Floors: one error under those
# figures (laws 7/0/1 or 8/1/0, years 7/8; agencies 22/0/1 or 23/1/0).
HELDOUT45_FLOORS = {
    "laws_f1": 0.93,
    "laws_p": 0.88,
    "laws_r": 0.87,
    "law_years": 0.87,
    "agencies_f1": 0.97,
    "agencies_p": 0.95,
    "agencies_r": 0.95,
}

# A forty-sixth held-out set, 15 paragraphs quoted from real 2017 and 2018 narratives of East
# Asia and the Pacific, South and Central Asia and the Near East (state.gov effort sections:
# the protection sections of NPL 2017, IDN 2017, TWN 2018 and KAZ 2017, UZB 2018 prevention;
# ecoi.net and refworld assessments of MYS 2018, EGY 2018, MMR 2018, KWT 2018, PAK 2017, AFG
# 2017, BGD 2018, IND 2018, SGP 2017 and TWN 2018, some with recommendations; sources on each
# line), annotated by hand and committed (27e5115) before the extractors ran on it: 6 laws, 14
# agencies. First run: laws P 1.000 R 1.000 F1 1.000 (6/0/0, years 6/6), agencies P 0.933 R
# 1.000 F1 0.966 (14/1/0): MYS 2018's "opening its first trafficking-specific court" read as a
# body. One fix (an ordinal first makes a lower-case description one of a series, no name,
# modifier_ordinal) read agencies 14/0/0. Floors: one error under those figures (laws 5/0/1
# or 6/1/0, years 5/6; agencies 13/0/1 or 14/1/0).
HELDOUT46_FLOORS = {
    "laws_f1": 0.90,
    "laws_p": 0.85,
    "laws_r": 0.83,
    "law_years": 0.83,
    "agencies_f1": 0.96,
    "agencies_p": 0.93,
    "agencies_r": 0.92,
}

# A forty-seventh held-out set, 15 paragraphs quoted from real 2017-2022 narratives of
# sub-Saharan Africa and the Near East (state.gov effort sections: MOZ 2020 and RWA 2017
# prosecution, ETH 2018, SLE 2018 and UGA 2022 protection, KWT 2019 prevention; ecoi.net and
# refworld assessments of ZAF 2017, IRQ 2017 and 2018, TZA 2020 (with a recommendation), EGY
# 2022, TUN 2018, MOZ 2022, LBN 2018 and BDI 2019 (with recommendations); sources on each line),
# annotated by hand and committed (0422fe0) before the extractors ran on it: 12 laws, 15
# agencies. First run: laws P 1.000 R 1.000 F1 1.000 (12/0/0, years 12/12), agencies P 1.000 R
# 0.667 F1 0.800 (10/0/5): "Popular Mobilization Forces (PMF)" twice (IRQ 2017, 2018) and the
# bare acronyms MIA (UGA 2022), DLD and PAM (KWT 2019) missed. One fix (a bare acronym named as
# one of a plural class of bodies, "agencies, including the MIA", _example_body) read agencies
# 11/0/4. Floors: one error under those figures (laws 11/0/1 or 12/1/0, years 11/12; agencies
# 10/0/5 or 11/1/4).
HELDOUT47_FLOORS = {
    "laws_f1": 0.95,
    "laws_p": 0.92,
    "laws_r": 0.91,
    "law_years": 0.91,
    "agencies_f1": 0.80,
    "agencies_p": 0.91,
    "agencies_r": 0.66,
}

# A forty-eighth held-out set, 15 paragraphs quoted from real 2017-2020 narratives of Europe
# and the Western Hemisphere (state.gov protection sections of HUN 2017, IRL 2019, SVK 2019 and
# VCT 2017; ecoi.net and refworld assessments and recommendations of AUT 2017 and 2018, SUR
# 2017 and 2018 (with the prosecution section's opening), SWE 2018 and 2020, IRL 2018, CRI
# 2017, SVK 2017 and 2018 and TTO 2017; sources on each line), annotated by hand and committed
# (2bfe76a; AUT and SUR 2018, no law or body, in 54a7328) before the extractors ran on them: 8
# laws, 13 agencies. First run: laws P 1.000 R 1.000 F1 1.000 (8/0/0,
# years 8/8), agencies P 0.700 R 0.538 F1 0.609 (7/3/6). One fix (the singular "investigation"
# is a topic of a lower-case head's "of" tail, pp_of_topic: "the national bureau of
# investigation") read
# agencies 8/2/5. Left: a lower-case head with a capitalised owner read as two bodies, a bare
# acronym back-reference (BBAP), a shared head ("Immigration and labor department
# officials"), "the victim assistance program", "the expert working group". Floors: one error
# under those figures (laws 7/0/1 or 8/1/0, years 7/8; agencies 7/2/6 or 8/3/5).
HELDOUT48_FLOORS = {
    "laws_f1": 0.93,
    "laws_p": 0.88,
    "laws_r": 0.87,
    "law_years": 0.87,
    "agencies_f1": 0.63,
    "agencies_p": 0.72,
    "agencies_r": 0.53,
}

# A forty-ninth held-out set, 15 paragraphs quoted from real 2017-2023 narratives of East Asia
# and the Pacific and South and Central Asia (the prosecution section of MDV 2018 and the
# protection section of VNM 2023 from state.gov; the assessments, some with recommendations, of
# MDV 2018, KGZ 2018, TJK 2018 and 2019, PNG 2017, 2018 and 2019, FJI 2018, 2021 and 2023, KOR
# 2018, LAO 2018 and MNG 2022 from ecoi.net, refworld, state.gov and news copies; sources on
# each line), annotated by hand and committed (7ed61c9) before the extractors ran on it. First
# run: laws P 1.000 R 1.000 F1 1.000 (14/0/0, years 14/14), agencies P 0.571 R 1.000 F1 0.727
# (4/3/0): three definite lower-case units (MDV "the anti-human trafficking unit", MDV "its
# anti-trafficking unit", FJI "the police anti-trafficking unit") that the gold had left out
# against the convention HELDOUT.md's heldout11 section records (a lower-case description of one
# specific body is an agency). The gold was corrected for that alone (fec6b5f): agencies 7/0/0.
# No extractor change. Floors: one error under those figures (laws 13/0/1 or 14/1/0, years
# 13/14; agencies 6/0/1 or 7/1/0).
HELDOUT49_FLOORS = {
    "laws_f1": 0.96,
    "laws_p": 0.93,
    "laws_r": 0.92,
    "law_years": 0.92,
    "agencies_f1": 0.92,
    "agencies_p": 0.87,
    "agencies_r": 0.85,
}

# A fiftieth held-out set, 15 paragraphs quoted from real 2017-2020 effort sections of Africa
# and the Near East (the protection sections of SDN 2019, CPV 2017, 2018 and 2019, ISR 2017,
# UGA 2019 and GAB 2019; the prosecution sections of BWA 2017, MDG 2020, COM 2017 and 2018 and
# LSO 2019; the government-efforts law paragraphs of YEM 2019 and 2020 and SOM 2017; state.gov
# and its preview copy; sources on each line), annotated by hand and committed (8f064dc,
# 171d906 for the last four lines) before the extractors ran on it. First run: laws P 0.857
# R 0.857 F1 0.857 (12/2/2, years 12/12), agencies P 1.000 R 0.944 F1 0.971 (17/0/1): a
# "Law" + purpose-participle title with its bracketed lower-case short name (COM twice: the
# title missed, "child labor law" read as a law), and a bare acronym charged with a task
# ("called for the MJT to coordinate", CPV 2018). Fixes: title_opener_cap's purpose
# participles and law_resolve's _merge_short_names (laws 14/0/0), acronym_charge_verb
# (agencies 18/0/0). Floors: one error under those figures (laws 13/0/1 or 14/1/0, years
# 13/14; agencies 17/0/1 or 18/1/0).
HELDOUT50_FLOORS = {
    "laws_f1": 0.96,
    "laws_p": 0.93,
    "laws_r": 0.92,
    "law_years": 0.92,
    "agencies_f1": 0.97,
    "agencies_p": 0.94,
    "agencies_r": 0.94,
}

# A fifty-first held-out set, 15 paragraphs quoted from the effort sections of real 2018 and
# 2019 narratives of Europe, Eurasia and the Western Hemisphere (protection: FRA, NOR, PER,
# BGR, CZE, JAM, TUR, BEL 2019, ISL, UKR, CZE, ARG 2018, ITA 2019 (a copy); prosecution: PAN
# 2019, ITA 2019 (a copy); sources on each line), annotated by hand and committed before the
# extractors ran on it: eleven lines (5f53a14), then four more (1a357fa) after two fixes that
# never saw them. First run, main's extractors, on the first eleven: laws 1.000 (3/0/0, years
# 3/3), agencies P 0.762 R 0.615 F1 0.681 (16/5/10); the gold was then corrected for one kind
# alone (815b43f: "the MOI's victim assistance program" is no body, stop 33's lower-case
# programme convention): 16/5/8. The four later lines read 10/0/1 on their first run. Fixes: a
# local_government word after "and the" ends a name ("... and the City of Paris"); an of-list
# closed by ", and" is parted by its commas ("the ministries of ..., women and vulnerable
# populations, ..., and labor"); a bare acronym before "-funded" acts ("MLSA-funded"); a bare
# acronym before one modifier and a shelter owns it ("the NATFATIP trafficking shelter").
# After: laws 4/0/0, years 4/4, agencies P 0.941 R 0.914 F1 0.928 (32/2/3). Floors: one error
# under those figures (laws 3/0/1 or 4/1/0, years 3/4; agencies 31/2/4 or 32/3/3).
HELDOUT51_FLOORS = {
    "laws_f1": 0.85,
    "laws_p": 0.80,
    "laws_r": 0.75,
    "law_years": 0.75,
    "agencies_f1": 0.91,
    "agencies_p": 0.91,
    "agencies_r": 0.88,
}

# A helper's set of 15 paragraphs quoted from real 2017-2019 narratives of East Asia and the
# Pacific and South and Central Asia (state.gov effort sections: TLS 2017 protection, BTN 2018
# prevention and 2019 prosecution, NZL 2018, PAK 2019, HKG 2017 and 2018 prosecution, AUS 2019
# and TWN 2019 protection; refworld and ecoi.net assessments, most with recommendations: TJK
# 2017, BTN 2017 and 2019, TKM 2018, AUS 2019, PAK 2019; sources on each line), annotated by
# hand and committed (ec6cae4, lines 13-15 in 5aa18ae) before the extractors ran on it. First
# run on the corrected gold: laws P 0.905 R 1.000 F1 0.950 (19/2/0, years 19/19), agencies P
# 0.867 R 0.765 F1 0.812 (13/2/4); two gold corrections (titled acts without their "of YEAR",
# 862c58e; TJK's "victim protection law" counted as heldout49 counts it, 3791dd3) and three
# fixes (numbered "Sections" of a code, "DLO led regular meetings", "the ... service NGO"):
# laws 0.976 (20/1/0, years 20/20), agencies 0.903 (14/0/3). Floors: one error under those
# figures (laws 19/1/1 or 20/2/0, years 19/20; agencies 13/0/4 or 14/1/3).
HELDOUT52_FLOORS = {
    "laws_f1": 0.94,
    "laws_p": 0.90,
    "laws_r": 0.94,
    "law_years": 0.94,
    "agencies_f1": 0.86,
    "agencies_p": 0.93,
    "agencies_r": 0.76,
}

# A helper's set of 16 paragraphs quoted from real 2017-2025 narratives of the Near East and
# North Africa (state.gov: LBY 2018 and 2020 law enforcement, LBN 2022 protection; ecoi.net,
# refworld and other copies: the LBY 2019 special case, assessments with recommendations of
# OMN 2017, MAR 2017 and 2020, LBN 2017, DZA 2018 and 2022, ISR 2023, TUN 2025 and ARE 2020,
# and the assessments of LBN 2022 and IRQ 2019 and 2020; sources on each line), annotated by
# hand and committed (a74084e; line 16 after the first run, alone) before the extractors ran on
# it. First run of lines 1-15: laws P 0.875 R 1.000 F1 0.933 (7/1/0, years 7/7), agencies P
# 0.929 R 0.929 F1 0.929 (13/1/1); line 16's first run 2/0/0 laws, no agency. One gold
# correction (c9f32a9: LBN 2022's "the labor law amendment" names "labor law", as the dev
# gold's LBN note counts the same words; a pattern fix the other way dropped the dev gold and
# was reverted): laws 1.000 (10/0/0, years 10/10); agencies unchanged (the MOL's "complaints
# office" read as a body, a gold doubt; "Popular Mobilization Forces" missed, left alone by the
# brief). No fix. Floors: one error under those figures (laws 10/1/0 or 9/0/1, years 9/10;
# agencies 13/2/1 or 12/1/2).
HELDOUT53_FLOORS = {
    "laws_f1": 0.94,
    "laws_p": 0.90,
    "laws_r": 0.90,
    "law_years": 0.90,
    "agencies_f1": 0.88,
    "agencies_p": 0.86,
    "agencies_r": 0.85,
}


# legal_years_heldout54 (issue #12, branch h88): 15 real paragraphs of the 2017-2023 editions
# naming laws by number, title or dated description (BEN, PRY, ARG, URY, COG, GIN, TGO, BFA,
# VEN prosecution sections; BRA, NIC, DOM, TKM, CPV, NER assessments with recommendations),
# annotated by hand and committed (3af1a28) before the extractors ran on it. First run: laws P
# R F1 0.957 (22/1/1, years 21/22), agencies P R F1 0.800 (8/2/2). Two gold corrections where
# the gold broke recorded conventions (a469d59: NIC's dated description name, URY's unit "in"
# a named body as two); one fix (a lower-case description with an internal possessor is a name
# before a noun: "the attorney general's office review"): laws 1.000 (23/0/0, years 22/23),
# agencies 1.000 (11/0/0). Floors: one error under those figures (laws 22/1/0 or 22/0/1, years
# 21/23; agencies 10/1/0 or 10/0/1).
HELDOUT54_FLOORS = {
    "laws_f1": 0.97,
    "laws_p": 0.95,
    "laws_r": 0.95,
    "law_years": 0.91,
    "agencies_f1": 0.95,
    "agencies_p": 0.90,
    "agencies_r": 0.90,
}


def test_heldout_floors(bench: ModuleType) -> None:
    path = ROOT / "tests" / "data" / "legal_years_heldout.jsonl"
    figures, misses = bench.score(bench.read_cases(path), bench.load_scorer())
    got = _figures(figures)
    low = {k: round(v, 3) for k, v in got.items() if v < HELDOUT_FLOORS[k]}
    assert not low, f"below the floors {HELDOUT_FLOORS}: {low}\n" + "\n".join(misses)


#: The held-out sets quoted from real narratives (a source on each line), with their floors.
QUOTED_SETS = {
    "legal_years_heldout2.jsonl": HELDOUT2_FLOORS,
    "legal_years_heldout3.jsonl": HELDOUT3_FLOORS,
    "legal_years_heldout4.jsonl": HELDOUT4_FLOORS,
    "legal_years_heldout5.jsonl": HELDOUT5_FLOORS,
    "legal_years_heldout6.jsonl": HELDOUT6_FLOORS,
    "legal_years_heldout7.jsonl": HELDOUT7_FLOORS,
    "legal_years_heldout8.jsonl": HELDOUT8_FLOORS,
    "legal_years_heldout9.jsonl": HELDOUT9_FLOORS,
    "legal_years_heldout10.jsonl": HELDOUT10_FLOORS,
    "legal_years_heldout11.jsonl": HELDOUT11_FLOORS,
    "legal_years_heldout12.jsonl": HELDOUT12_FLOORS,
    "legal_years_heldout13.jsonl": HELDOUT13_FLOORS,
    "legal_years_heldout14.jsonl": HELDOUT14_FLOORS,
    "legal_years_heldout15.jsonl": HELDOUT15_FLOORS,
    "legal_years_heldout16.jsonl": HELDOUT16_FLOORS,
    "legal_years_heldout17.jsonl": HELDOUT17_FLOORS,
    "legal_years_heldout18.jsonl": HELDOUT18_FLOORS,
    "legal_years_heldout19.jsonl": HELDOUT19_FLOORS,
    "legal_years_heldout20.jsonl": HELDOUT20_FLOORS,
    "legal_years_heldout21.jsonl": HELDOUT21_FLOORS,
    "legal_years_heldout22.jsonl": HELDOUT22_FLOORS,
    "legal_years_heldout23.jsonl": HELDOUT23_FLOORS,
    "legal_years_heldout24.jsonl": HELDOUT24_FLOORS,
    "legal_years_heldout25.jsonl": HELDOUT25_FLOORS,
    "legal_years_heldout26.jsonl": HELDOUT26_FLOORS,
    "legal_years_heldout27.jsonl": HELDOUT27_FLOORS,
    "legal_years_heldout28.jsonl": HELDOUT28_FLOORS,
    "legal_years_heldout29.jsonl": HELDOUT29_FLOORS,
    "legal_years_heldout30.jsonl": HELDOUT30_FLOORS,
    "legal_years_heldout31.jsonl": HELDOUT31_FLOORS,
    "legal_years_heldout32.jsonl": HELDOUT32_FLOORS,
    "legal_years_heldout33.jsonl": HELDOUT33_FLOORS,
    "legal_years_heldout34.jsonl": HELDOUT34_FLOORS,
    "legal_years_heldout35.jsonl": HELDOUT35_FLOORS,
    "legal_years_heldout36.jsonl": HELDOUT36_FLOORS,
    "legal_years_heldout37.jsonl": HELDOUT37_FLOORS,
    "legal_years_heldout38.jsonl": HELDOUT38_FLOORS,
    "legal_years_heldout39.jsonl": HELDOUT39_FLOORS,
    "legal_years_heldout40.jsonl": HELDOUT40_FLOORS,
    "legal_years_heldout41.jsonl": HELDOUT41_FLOORS,
    "legal_years_heldout42.jsonl": HELDOUT42_FLOORS,
    "legal_years_heldout43.jsonl": HELDOUT43_FLOORS,
    "legal_years_heldout44.jsonl": HELDOUT44_FLOORS,
    "legal_years_heldout45.jsonl": HELDOUT45_FLOORS,
    "legal_years_heldout46.jsonl": HELDOUT46_FLOORS,
    "legal_years_heldout47.jsonl": HELDOUT47_FLOORS,
    "legal_years_heldout48.jsonl": HELDOUT48_FLOORS,
    "legal_years_heldout49.jsonl": HELDOUT49_FLOORS,
    "legal_years_heldout50.jsonl": HELDOUT50_FLOORS,
    "legal_years_heldout51.jsonl": HELDOUT51_FLOORS,
    "legal_years_heldout52.jsonl": HELDOUT52_FLOORS,
    "legal_years_heldout53.jsonl": HELDOUT53_FLOORS,
    "legal_years_heldout54.jsonl": HELDOUT54_FLOORS,
}


#: The held-out sets written in a later year's phrasing (real countries and institutions, the
#: sentences made up; each line's source says so), with their floors.
WRITTEN_SETS = {
    "legal_years_written1.jsonl": WRITTEN1_FLOORS,
    "legal_years_written2.jsonl": WRITTEN2_FLOORS,
    "legal_years_written3.jsonl": WRITTEN3_FLOORS,
    "legal_years_written4.jsonl": WRITTEN4_FLOORS,
}


@pytest.mark.parametrize("name", sorted(QUOTED_SETS))
def test_quoted_set_floors(bench: ModuleType, name: str) -> None:
    """Each held-out set of quoted paragraphs keeps its figures (at least 15 lines, each
    with its source)."""
    _check_set(bench, name, QUOTED_SETS[name])


@pytest.mark.parametrize("name", sorted(WRITTEN_SETS))
def test_written_set_floors(bench: ModuleType, name: str) -> None:
    """Each held-out set of written paragraphs keeps its figures (at least 15 lines, each
    saying it is written and what it follows)."""
    _check_set(bench, name, WRITTEN_SETS[name])


def _check_set(bench: ModuleType, name: str, floors: dict[str, float]) -> None:
    cases = bench.read_cases(ROOT / "tests" / "data" / name)
    assert len(cases) >= 15 and all(case.get("source") for case in cases)
    figures, misses = bench.score(cases, bench.load_scorer())
    got = _figures(figures)
    low = {k: round(v, 3) for k, v in got.items() if v < floors[k]}
    assert not low, f"below the floors {floors}: {low}\n" + "\n".join(misses)


def test_floors(scored: tuple[dict[str, Any], list[str]]) -> None:
    figures, misses = scored
    ok, n = figures["years"]
    got = {
        "laws_p": figures["laws"][0],
        "laws_r": figures["laws"][1],
        "laws_f1": figures["laws"][2],
        "law_years": ok / (n or 1),
        "agencies_p": figures["agencies"][0],
        "agencies_r": figures["agencies"][1],
        "agencies_f1": figures["agencies"][2],
    }
    low = {k: round(v, 3) for k, v in got.items() if v < FLOORS[k]}
    assert not low, f"below the floors {FLOORS}: {low}\n" + "\n".join(misses)
