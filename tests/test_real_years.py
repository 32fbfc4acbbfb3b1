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
text: they are held to ``HELDOUT_FLOORS`` of their own, the development files to the floors
above, so neither figure hides behind the other.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).parent
DATA = HERE / "data" / "real_years"

# Reached on the texts as printed once the reader read every era's layout (the same figures as
# the normalised texts below) minus a small margin; all above the issue's targets.
ISSUE_FLOORS = {
    "narratives_read": 1.00,
    "tier_acc": 1.00,
    "roles_acc": 0.96,
    "flows_p": 0.96,
    "flows_r": 0.96,
    "flows_f1": 0.96,
    "flows_form_f1": 0.94,
}

# Reached on the normalised texts (narratives 26/26, tier 1.000, roles 1.000, flows P 0.982
# R 0.982 F1 0.982, +form 0.966; before this branch's extractor work: roles 0.923, flows
# P 0.928 R 0.885 F1 0.906, +form 0.881) minus a small margin.
NORMALISED_FLOORS = {
    "narratives_read": 1.00,
    "tier_acc": 1.00,
    "roles_acc": 0.96,
    "flows_p": 0.96,
    "flows_r": 0.96,
    "flows_f1": 0.96,
    "flows_form_f1": 0.94,
}


# The held-out files' own figures (11 narratives, 69 gold flows), measured when they were added,
# with the extractors and reader as tuned on the development files:
#   raw:        narratives 8/11, tier 0.727, roles 0.727, flows P 0.818 R 0.652 F1 0.726,
#               +form 0.655 (the three not read are reposting pages whose heading line is
#               'Nigeria TIER rankig: TIER 2 (TIP 2019)', 'Nigeria Tier ranking: TIER 2 (TIP 2023)'
#               and 'THE PHILIPPINES (Tier 1) Extracted in part ... 2023 TIP Report': E201)
#   normalised: narratives 11/11, tier 1.000, roles 1.000, flows P 0.861 R 0.899 F1 0.879,
#               +form 0.847
# Then the reader learnt the reposting sites' headings (a tier label, a dated copy, a credit
# line naming the report): raw reached the normalised figures (11/11, F1 0.879, +form 0.856).
# Then the flow reader learnt the later years' language (issue #12, tuned on these files'
# errors: investors' nationalities, oceans and ocean industries, vulnerability after a
# semicolon, lists after a semicolon or a parenthesis, scam kinds as forced criminality): raw
# and normalised P 0.958 R 0.986 F1 0.971, +form 0.981. The floors sit just under them, to
# catch regressions; they are not targets.
HELDOUT_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.94,
        "flows_r": 0.97,
        "flows_f1": 0.95,
        "flows_form_f1": 0.96,
    },
    "normalised": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.94,
        "flows_r": 0.97,
        "flows_f1": 0.95,
        "flows_form_f1": 0.96,
    },
}


# The second held-out list (heldout2.txt, issue #12): five 2020-2023 narratives (46 gold flows)
# added before the flow extractor was changed for issue #12, annotated before tipgraph ran on
# them, so they stay honest after the first held-out set is tuned on. Measured when added
# (raw and normalised alike): narratives 5/5, tier and roles 1.000, flows P 0.652 R 0.326
# F1 0.435, +form 0.537 (the 28 countries of "Traffickers exploit or have exploited Colombian
# nationals in at least 28 countries, including ..." missed; "the Indian and Pacific Oceans"
# read as India and the Pacific islands). The 2023-LBN gold then gained LBN->LBN from the
# opening "exploit domestic and foreign victims in Lebanon" (as 2019-VNM reads that opening;
# the first annotation had left it out), which makes the first figures P 0.696 R 0.340
# F1 0.457. After the issue-12 flow work: P 0.979 R 1.000 F1 0.989, +form 0.884 - no longer a
# clean figure, as four of the fixes answer errors first seen here too (a counted list,
# oceans, "through force", "sex traffickers"). Then +form 0.927 (issue 12, second round:
# "the same nationality as" no longer gives the victims an employer's nationality).
HELDOUT2_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.96,
        "flows_r": 0.98,
        "flows_f1": 0.97,
        "flows_form_f1": 0.91,
    },
}


# The third held-out list (heldout3.txt, issue #12 second round): ALB 2019, SLE 2022, KGZ 2023,
# TJK 2023 (32 gold flows; Central Asia, West Africa, the Balkans), added and annotated before
# tipgraph ran on them, when heldout2 had been tuned on too. Measured when added (raw and
# normalised alike): narratives 4/4, tier and roles 1.000, flows P 0.941 R 1.000 F1 0.970,
# +form 0.979, laws 1.000 (no gold law), agencies 1.000; the two false pairs were CHN->SLE
# (workers on "PRC national-owned" vessels read as victims) and RUS->TJK (a later "some
# were subjected to forced labor" completing a sentence about returnees from Russia). After
# those two fixes: P 1.000 R 1.000, +form 1.000. The floors sit one error under that.
HELDOUT3_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.96,
        "flows_r": 0.96,
        "flows_f1": 0.96,
        "flows_form_f1": 0.96,
    },
}


# The fourth held-out list (heldout4.txt, issue #12, laws and agencies): PER 2018, QAT 2020,
# GTM 2021, MYS 2021, ZAF 2021, THA 2022, each an assessment and a PROSECUTION or PROTECTION
# section (9 gold laws, 8 gold agencies, no profile: no gold flow or role), added and annotated
# before tipgraph ran on them. Measured when added (raw and normalised alike): narratives 6/6,
# tier 1.000, no flow drawn, laws F1 0.588 (the South African titles: "Criminal Law (Sexual
# Offenses and related matters) Amendment Act" read as "Criminal Law", the Children's
# Amendment Act and "the 2013 Prevention and Combating of Trafficking in Persons (PACOTIP)
# act" missed; "the anti-trafficking law" and "the labor law" of QAT and THA read as named,
# which the dev gold's convention counts and this gold does not: see HELDOUT.md), agencies
# F1 0.933 (the Qatari Red Crescent Society missed). After the fixes: laws 0.842 (the three
# generic laws left), agencies 1.000. The floors sit one error under that.
HELDOUT4_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "flows_p": 1.00,
        "laws_f1": 0.77,
        "agencies_f1": 0.93,
    },
}


# The fifth held-out list (heldout5.txt, issue #12, laws and agencies, after heldout4 was tuned
# on): SLV 2018, ECU 2019, BWA 2022, an assessment and a PROSECUTION section each (4 gold laws,
# 4 gold agencies, no profile), added and annotated before tipgraph ran on them. Measured when
# added: narratives 3/3, tier 1.000, no flow drawn, laws F1 1.000, agencies F1 0.500 (a name
# with a parenthesis and a title-case name with a lower-case head missed; "National Civil
# Police" and the UN's "Office on Drugs and Crime" false). After the fixes: agencies 1.000.
HELDOUT5_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "flows_p": 1.00,
        "laws_f1": 0.85,
        "agencies_f1": 0.85,
    },
}


# The sixth held-out list (heldout6.txt, issue #12, laws and agencies, after heldout5 was tuned
# on): MNG 2019, ZMB 2021, LKA 2022, TZA 2023, an assessment and a PROTECTION or PROSECUTION
# section each (MNG: its recommendations; 3 gold laws, 5 gold agencies, no profile), added and
# annotated before tipgraph ran on them. Measured when added: narratives 4/4, tier 1.000, no
# flow drawn, laws F1 1.000, agencies F1 0.800 (the bare "CID" that receives a referral missed;
# "national coordinating committee" false by this gold, right by the dev gold's convention:
# HELDOUT.md). After the fix: agencies 0.909. The floors sit one error under that.
HELDOUT6_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "flows_p": 1.00,
        "laws_f1": 0.80,
        "agencies_f1": 0.80,
    },
}


# The seventh held-out list (heldout7.txt, issue #12, after heldout6 was tuned on): CMR 2020 and
# 2023 with their profiles (12 gold flows, 14 flow-form triples), DOM 2022, HTI 2023 and UZB 2023
# with an assessment and a PROTECTION piece or a recommendation (4 gold laws, 4 gold agencies),
# added and annotated before tipgraph ran on them. Measured when added: narratives 5/5, tier and
# roles 1.000, flows P 1.000 R 0.583 F1 0.737 (the five origins of "force children from
# neighboring countries including Chad, ..., to labor" missed), +form 0.600, laws and agencies
# 1.000. After the two fixes (HELDOUT.md): every figure 1.000. The floors sit one error under.
HELDOUT7_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.92,
        "flows_r": 0.91,
        "flows_f1": 0.95,
        "flows_form_f1": 0.96,
        "laws_f1": 0.85,
        "agencies_f1": 0.85,
    },
}


# The eighth held-out list (heldout8.txt, issue #12, after heldout7 was tuned on): NER 2019, TGO
# 2020 and 2023, BEN 2022, CRI 2023, each a heading, assessment and the first stored piece of its
# TRAFFICKING PROFILE (23 gold flows, 22 flow-form triples, 1 agency, no law), added and annotated
# before tipgraph ran on them. Measured when added: narratives 5/5, tier and roles 1.000, flows
# P 0.900 R 0.783 F1 0.837 (18/2/5), +form 0.909, agencies 1.000. After the four flow fixes
# (HELDOUT.md): P 0.958 R 1.000 F1 0.979 (23/1/0), +form 0.977 (21/0/1). The floors sit one
# error under that; no law floor (the gold has none, so one false law would read as 0).
HELDOUT8_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.92,
        "flows_r": 0.95,
        "flows_f1": 0.95,
        "flows_form_f1": 0.95,
        "agencies_f1": 0.65,
    },
}


# The ninth held-out list (heldout9.txt, issue #12, after heldout8 was tuned on): TCD 2019, ZWE
# 2021, GNQ 2023, each a heading, assessment and the first stored piece of its TRAFFICKING
# PROFILE (12 gold flows, 20 flow-form triples, 4 laws, 2 agencies), added and annotated before
# tipgraph ran on them. Measured when added: narratives 3/3, tier and roles 1.000, flows P 0.750
# R 0.750 F1 0.750 (9/3/3: "from Zimbabwean towns bordering South Africa, Mozambique, and
# Zambia" read as origins), +form 0.667, laws 0.889, agencies 1.000. After the three fixes
# (HELDOUT.md): every figure 1.000. The floors sit one error under that.
HELDOUT9_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.92,
        "flows_r": 0.91,
        "flows_f1": 0.95,
        "flows_form_f1": 0.97,
        "laws_f1": 0.85,
        "agencies_f1": 0.65,
    },
}


# The tenth held-out list (heldout10.txt, issue #12, after heldout9 was tuned on): IND 2017, TUR
# 2017, RUS 2021, each a heading, assessment and the first stored piece of its TRAFFICKING
# PROFILE (21 gold flows, 8 flow-form triples, 1 agency, no law), added and annotated before
# tipgraph ran on them. Measured when added: narratives 3/3, tier and roles 1.000, flows P 1.000
# R 0.762 F1 0.865 (16/0/5: "followed by Kyrgyz" read as an agent, "from a range of countries
# including ..." and "Within India, some ..." not read), +form 0.933, agencies 0.667 (a quoted
# scheme name). After the four fixes (HELDOUT.md): every figure 1.000. The floors sit one
# error under that; no law floor, since the gold has no law and one false law would read as 0.
HELDOUT10_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.95,
        "flows_r": 0.95,
        "flows_f1": 0.97,
        "flows_form_f1": 0.93,
        "agencies_f1": 0.65,
    },
}


# The eleventh held-out list (heldout11.txt, issue #12, after heldout10 was tuned on): TWN 2017,
# EGY 2021, IRQ 2022, VEN 2023, each a heading, assessment and the first stored piece of its
# TRAFFICKING PROFILE (40 gold flows after the opening-convention correction, 18 flow-form
# triples, 1 law, 1 agency), added and annotated before tipgraph ran on them. Measured when
# added (against the corrected gold): narratives 4/4, tier and roles 1.000, flows P 0.909 R
# 1.000 F1 0.952 (40/4/0: Gulf buyers read as origins, Syrian refugees completed by the ISIS
# sentences), +form 0.756, laws 1.000, agencies 0.000 (ISIS drawn, the KRG missed). After the
# five fixes (HELDOUT.md): flows 1.000 (40/0/0), +form 0.973 (18/1/0), laws 1.000, agencies
# 0.000 (the KRG, a gold judgement call, left). The floors sit one error under that. The
# residual round after heldout13 (batch 6) made a named autonomous region's government a body:
# agencies 1.000 (1/0/0), held at 0.65 (one false body against the one gold agency reads 0.667).
HELDOUT11_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.97,
        "flows_r": 0.97,
        "flows_f1": 0.98,
        "flows_form_f1": 0.94,
        "laws_f1": 0.65,
        "agencies_f1": 0.65,
    },
}

# The twelfth held-out list (heldout12.txt, issue #12, after heldout11 was tuned on): BLZ 2020,
# BGR 2023, GUY 2023 (heading, assessment and a PROTECTION or PROSECUTION piece: laws and
# agencies) and PNG 2023 (heading, assessment and the first stored piece of its TRAFFICKING
# PROFILE: 1 gold flow, 2 flow-form triples), 3 laws, 9 agencies after the convention correction
# of the BLZ gold, all added and annotated before tipgraph ran on them. Measured when added
# (against the corrected gold): narratives 4/4, tier and roles 1.000, flows 1.000 (1/0/0),
# +form 1.000 (2/0/0), laws 1.000 (3/0/0), agencies 0.889 (8/1/1: "off-duty police" drawn, the
# GPF missed). After the two fixes (HELDOUT.md): every figure 1.000. The floors sit one error
# under that, except flows recall: with one gold pair, one miss reads 0, so it is held at 1.0.
HELDOUT12_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.50,
        "flows_r": 1.00,
        "flows_f1": 0.66,
        "flows_form_f1": 0.66,
        "laws_f1": 0.80,
        "agencies_f1": 0.94,
    },
}

# The thirteenth held-out list (heldout13.txt, issue #12, after heldout12 was tuned on): OMN 2019
# (heading, assessment and a PROSECUTION piece), DZA 2020 (heading, assessment, two
# recommendations and the first stored piece of its TRAFFICKING PROFILE: 2 gold flows, 2
# flow-form triples after the convention correction of its gold), CHL 2022 (heading, assessment
# and recommendations), SAU 2022 and BRA 2023 (heading and assessment): 3 laws, 1 agency, all
# added and annotated before tipgraph ran on them. Measured when added (against the corrected
# gold): narratives 5/5, tier and roles 1.000, flows 1.000 (2/0/0), +form 1.000 (2/0/0), laws
# 1.000 (3/0/0), agencies 0.667 (1/1/0: BRA's "public registry of slave labor offenders" drawn).
# After the fix (HELDOUT.md): every figure 1.000. The floors sit one error under that; with one
# gold agency a miss reads 0, so the agency floor allows one false body only.
HELDOUT13_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 0.66,
        "flows_r": 0.50,
        "flows_f1": 0.66,
        "flows_form_f1": 0.66,
        "laws_f1": 0.80,
        "agencies_f1": 0.66,
    },
}

# The fourteenth held-out list (heldout14.txt, issue #12, after heldout13 was tuned on): CIV 2018,
# TLS 2019, BHR 2024, FJI 2024, UKR 2024, GEO 2025, each a heading and assessment, with the
# recommendations of TLS, FJI and GEO: the first 2024 and 2025 report forms (2 gold laws, 7 gold
# agencies, no profile: no gold flow or role), added and annotated before tipgraph ran on them.
# Measured when added: narratives 6/6, tier and roles 1.000, no flow drawn, laws 1.000 (2/0/0),
# agencies 0.833 (5/0/2: GEO's "Permanent Group" and UKR's indefinite "a specialized
# anti-human trafficking prosecution unit" missed). After the fix (HELDOUT.md): agencies 0.923
# (6/0/1, the UKR unit left: a gold doubt). The floors sit one error under that; with no gold
# flow any drawn flow reads precision 0, so flows precision is held at 1.0.
HELDOUT14_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 1.00,
        "laws_f1": 0.66,
        "agencies_f1": 0.83,
    },
}

# The fifteenth held-out list (heldout15.txt, issue #12, after heldout14 was tuned on): PAN 2017,
# TUN 2017, RWA 2019, ARM 2020, SEN 2022, each a heading and assessment with one government-effort
# section (9 gold laws, 11 gold agencies, no profile: no gold flow or role), added and annotated
# before tipgraph ran on them. Measured when added: narratives 5/5, tier and roles 1.000, no flow
# drawn, laws 0.800 (8/3/1), agencies 0.857 (9/1/2). After the fixes (HELDOUT.md): laws 0.889
# (8/1/1: PAN's "Law 79 of 2011", which its gold writes "Law 79", a gold doubt), agencies 1.000
# (11/0/0). The floors sit one error under that; with no gold flow any drawn flow reads
# precision 0, so flows precision is held at 1.0.
HELDOUT15_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 1.00,
        "laws_f1": 0.82,
        "agencies_f1": 0.95,
    },
}


# The sixteenth held-out list (heldout16.txt, issue #12, after heldout15 was tuned on): BFA 2019
# and 2020, SRB 2019, TTO 2020, BIH 2022, each a heading and assessment (SRB and BFA 2020 with a
# PROTECTION section; 2 gold laws, 11 gold agencies, no profile: no gold flow or role), added and
# annotated before tipgraph ran on them. Measured when added: narratives 5/5, tier and roles
# 1.000, no flow drawn, laws 1.000 (2/0/0), agencies 0.800 (8/1/3). After the fixes
# (HELDOUT.md): agencies 0.952 (10/0/1: SRB's "urgent reception center (URC)", a facility word
# of the dev gold's convention, left as a gold doubt). The floors sit one error under that
# (laws 2/1/0 or 1/0/1, agencies 9/0/2); with no gold flow any drawn flow reads precision 0, so
# flows precision is held at 1.0.
HELDOUT16_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 1.00,
        "laws_f1": 0.66,
        "agencies_f1": 0.90,
    },
}


# The seventeenth held-out list (heldout17.txt, issue #12, after heldout16 was tuned on): SLB
# 2017, BOL 2019, FIN 2019, EST 2021, SWZ 2021, each a heading, assessment and recommendations
# (all but EST with a PROSECUTION or PROTECTION section; 9 gold laws, 7 gold agencies, no
# profile: no gold flow or role), added and annotated before tipgraph ran on them. Measured
# when added: narratives 5/5, tier and roles 1.000, no flow drawn, laws 0.824 (7/1/2),
# agencies 0.667 (4/1/3). After the fixes (HELDOUT.md): laws 0.941 (8/0/1: FIN's "the
# trafficking statute", dropped as a weak description), agencies 0.833 (5/0/2: FIN's "national
# victim assistance system" and SWZ's bare "the taskforce", left with doubts). The floors sit
# one error under that (laws 7/0/2, agencies 4/0/3); with no gold flow any drawn flow reads
# precision 0, so flows precision is held at 1.0.
HELDOUT17_FLOORS = {
    "raw": {
        "narratives_read": 1.00,
        "tier_acc": 1.00,
        "roles_acc": 1.00,
        "flows_p": 1.00,
        "laws_f1": 0.87,
        "agencies_f1": 0.72,
    },
}

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
    """dev and the sixteen held-out lists are disjoint and together every file; the held-out sets
    are 2017+ narratives of several years, and a set name the harness does not know is
    refused."""
    harness = _harness()
    every = {c.key for c in harness.cases()}
    dev = {c.key for c in harness.cases("dev")}
    held = {c.key for c in harness.cases("heldout")}
    held2 = {c.key for c in harness.cases("heldout2")}
    held3 = {c.key for c in harness.cases("heldout3")}
    held4 = {c.key for c in harness.cases("heldout4")}
    held5 = {c.key for c in harness.cases("heldout5")}
    held6 = {c.key for c in harness.cases("heldout6")}
    held7 = {c.key for c in harness.cases("heldout7")}
    held8 = {c.key for c in harness.cases("heldout8")}
    held9 = {c.key for c in harness.cases("heldout9")}
    held10 = {c.key for c in harness.cases("heldout10")}
    held11 = {c.key for c in harness.cases("heldout11")}
    held12 = {c.key for c in harness.cases("heldout12")}
    held13 = {c.key for c in harness.cases("heldout13")}
    held14 = {c.key for c in harness.cases("heldout14")}
    held15 = {c.key for c in harness.cases("heldout15")}
    held16 = {c.key for c in harness.cases("heldout16")}
    held17 = {c.key for c in harness.cases("heldout17")}
    assert held == harness.heldout_keys()
    assert held2 == harness.heldout_keys("heldout2")
    assert held3 == harness.heldout_keys("heldout3")
    assert not dev & held and not dev & held2 and not held & held2
    assert not held3 & (dev | held | held2)
    assert held4 == harness.heldout_keys("heldout4")
    assert not held4 & (dev | held | held2 | held3)
    assert held5 == harness.heldout_keys("heldout5")
    assert not held5 & (dev | held | held2 | held3 | held4)
    assert held6 == harness.heldout_keys("heldout6")
    assert not held6 & (dev | held | held2 | held3 | held4 | held5)
    assert held7 == harness.heldout_keys("heldout7")
    assert not held7 & (dev | held | held2 | held3 | held4 | held5 | held6)
    assert held8 == harness.heldout_keys("heldout8")
    assert not held8 & (dev | held | held2 | held3 | held4 | held5 | held6 | held7)
    assert held9 == harness.heldout_keys("heldout9")
    assert not held9 & (dev | held | held2 | held3 | held4 | held5 | held6 | held7 | held8)
    assert held10 == harness.heldout_keys("heldout10")
    assert not held10 & (dev | held | held2 | held3 | held4 | held5 | held6 | held7 | held8 | held9)
    assert held11 == harness.heldout_keys("heldout11")
    assert not held11 & (dev | held | held2 | held3 | held4 | held5 | held6 | held7 | held8
                         | held9 | held10)
    assert held12 == harness.heldout_keys("heldout12")
    assert not held12 & (dev | held | held2 | held3 | held4 | held5 | held6 | held7 | held8
                         | held9 | held10 | held11)
    assert held13 == harness.heldout_keys("heldout13")
    assert not held13 & (dev | held | held2 | held3 | held4 | held5 | held6 | held7 | held8
                         | held9 | held10 | held11 | held12)
    assert held14 == harness.heldout_keys("heldout14")
    assert not held14 & (dev | held | held2 | held3 | held4 | held5 | held6 | held7 | held8
                         | held9 | held10 | held11 | held12 | held13)
    assert held15 == harness.heldout_keys("heldout15")
    assert not held15 & (dev | held | held2 | held3 | held4 | held5 | held6 | held7 | held8
                         | held9 | held10 | held11 | held12 | held13 | held14)
    assert held16 == harness.heldout_keys("heldout16")
    assert not held16 & (dev | held | held2 | held3 | held4 | held5 | held6 | held7 | held8
                         | held9 | held10 | held11 | held12 | held13 | held14 | held15)
    assert held17 == harness.heldout_keys("heldout17")
    assert not held17 & (dev | held | held2 | held3 | held4 | held5 | held6 | held7 | held8
                         | held9 | held10 | held11 | held12 | held13 | held14 | held15 | held16)
    assert (dev | held | held2 | held3 | held4 | held5 | held6 | held7 | held8 | held9
            | held10 | held11 | held12 | held13 | held14 | held15 | held16 | held17) == every
    assert len(held16) >= 4 and all(int(key[:4]) >= 2017 for key in held16)
    assert len(held17) >= 4 and all(int(key[:4]) >= 2017 for key in held17)
    # The sixteenth list's countries are in no other list.
    assert not {k[5:] for k in held16} & {k[5:] for k in every - held16}
    assert len(held15) >= 4 and all(int(key[:4]) >= 2017 for key in held15)
    # The fifteenth list's countries are in no other list.
    assert not {k[5:] for k in held15} & {k[5:] for k in every - held15}
    assert len(held14) >= 4 and all(int(key[:4]) >= 2017 for key in held14)
    # The fourteenth list's countries are in no other list.
    assert not {k[5:] for k in held14} & {k[5:] for k in every - held14}
    assert len(held13) >= 3 and all(int(key[:4]) >= 2017 for key in held13)
    # The thirteenth list's countries are in no other list.
    assert not {k[5:] for k in held13} & {k[5:] for k in every - held13}
    assert len(held12) >= 4 and all(int(key[:4]) >= 2017 for key in held12)
    # The twelfth list's countries are in no other list.
    assert not {k[5:] for k in held12} & {k[5:] for k in every - held12}
    assert len(held11) >= 3 and all(int(key[:4]) >= 2017 for key in held11)
    # The eleventh list's countries are in no other list.
    assert not {k[5:] for k in held11} & {k[5:] for k in every - held11}
    assert len(held10) >= 3 and all(int(key[:4]) >= 2017 for key in held10)
    assert held9 and all(int(key[:4]) >= 2017 for key in held9)
    assert len(held8) >= 4 and all(int(key[:4]) >= 2017 for key in held8)
    assert len(held7) >= 5 and all(int(key[:4]) >= 2017 for key in held7)
    assert len(held6) >= 4 and all(int(key[:4]) >= 2019 for key in held6)
    assert len(held4) >= 5 and all(int(key[:4]) >= 2017 for key in held4)
    assert len(held2) >= 5 and all(int(key[:4]) >= 2020 for key in held2)
    assert len(held3) >= 4 and all(int(key[:4]) >= 2017 for key in held3)
    # Countries of the second and third lists are in no other list.
    assert not {k[5:] for k in held2} & {k[5:] for k in dev | held}
    assert not {k[5:] for k in held3} & {k[5:] for k in dev | held | held2}
    assert not {k[5:] for k in held4} & {k[5:] for k in held | held2 | held3}
    assert not {k[5:] for k in held5} & {k[5:] for k in dev | held | held2 | held3 | held4}
    assert not {k[5:] for k in held7} & {k[5:] for k in dev | held | held2 | held3 | held4
                                         | held5 | held6}
    assert not {k[5:] for k in held6} & {
        k[5:] for k in dev | held | held2 | held3 | held4 | held5}
    assert not {k[5:] for k in held8} & {k[5:] for k in dev | held | held2 | held3 | held4
                                         | held5 | held6 | held7}
    assert not {k[5:] for k in held9} & {k[5:] for k in dev | held | held2 | held3 | held4
                                         | held5 | held6 | held7 | held8}
    assert len(held) >= 10 and all(int(key[:4]) >= 2017 for key in held)
    assert len({key[:4] for key in held}) >= 4
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


#: Each held-out list (``heldout.txt``, ``heldout2.txt``, ...) and its floors, in the order
#: the lists were added: each round's first run is its honest figure (HELDOUT.md).
HELDOUT_SETS = {"heldout": HELDOUT_FLOORS, "heldout2": HELDOUT2_FLOORS,
                "heldout3": HELDOUT3_FLOORS, "heldout4": HELDOUT4_FLOORS,
                "heldout5": HELDOUT5_FLOORS, "heldout6": HELDOUT6_FLOORS,
                "heldout7": HELDOUT7_FLOORS, "heldout8": HELDOUT8_FLOORS,
                "heldout9": HELDOUT9_FLOORS, "heldout10": HELDOUT10_FLOORS,
                "heldout11": HELDOUT11_FLOORS, "heldout12": HELDOUT12_FLOORS,
                "heldout13": HELDOUT13_FLOORS, "heldout14": HELDOUT14_FLOORS,
                "heldout15": HELDOUT15_FLOORS, "heldout16": HELDOUT16_FLOORS,
                "heldout17": HELDOUT17_FLOORS}


@pytest.mark.parametrize("subset", list(HELDOUT_SETS))
def test_heldout_lists_hold_their_floors(subset: str) -> None:
    """Each held-out list as printed (and normalised, where it has floors for that) stays at
    what it reached."""
    harness = _harness()
    for mode, floors in HELDOUT_SETS[subset].items():
        result = harness.evaluate(normalised=mode == "normalised", subset=subset)
        _check(harness.figures(result), floors, result)
