"""The flow reader on other report years: the held-out set ``tests/data/flows_years.jsonl``.

The dev gold is one 2017 sample, so a rule tuned on it can read the sample and not the
language. These lines are in the phrasing of 2001-2025 reports and of other countries,
annotated by the gold guidelines before the extractor was run on them. Each line is read as
its own profile (its ``country`` set on the doc) and scored as ``score.py`` scores a
narrative: (origin, destination) pairs, pairs with forms, roles of the lines that are a
profile's first sentence, sex-tourism pairs. Floors are the figures reached minus a small
margin; a failure prints every line the reader gets wrong.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from tipgraph.extract import flows as _flows  # noqa: F401
from tipgraph.extract import places as _places  # noqa: F401
from tipgraph.extract import sentences as _sentences  # noqa: F401
from tipgraph.extract.flows import roles_from_profile
from tipgraph.extract.records import Place

DATA = Path(__file__).resolve().parent / "data" / "flows_years.jsonl"

# Figures reached (all 1.000 when the floors were set) minus a margin.
FLOORS = {"P": 0.97, "R": 0.97, "F1": 0.97, "form_F1": 0.96, "roles": 0.95,
          "victims": 0.95, "tourism_F1": 0.95}
# The issue-12 lines (two batches, 76 lines) reach pairs P 0.991 R 0.983 F1 0.987, +form
# 0.987 (the first batch was written before any fix, the second after the first fixes);
# with batches 3 and 4 of the residual kinds (102 lines) P 0.994 R 0.988 F1 0.991, +form
# 0.991 (batch 3 written before its fixes, batch 4 after them: first run F1 0.848). Batch 5
# holds the made-up cases of the heldout11 round's fixes (each failed before its fix). Batch 6
# (the kinds left after heldout13, written before their fixes: first run of its 17 kind a-c
# lines P 0.714 R 0.667 F1 0.690, +form 0.710, victims 0.600; of its 5 kind-f lines, written
# after that run, P 0.500 R 0.800 F1 0.615) reads 1.000, victims 0.947; with it the issue-12
# lines (130) reach P 0.995 R 0.989 F1 0.992, +form 0.992.
ISSUE12_FLOORS = {"P": 0.96, "R": 0.96, "F1": 0.96, "form_F1": 0.95, "roles": 0.95,
                  "victims": 0.95, "tourism_F1": 0.95}


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    for name in ("tip_sentencizer", "tip_places", "tip_flows"):
        pipeline.add_pipe(name)
    return pipeline


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _code(place: Place) -> str:
    return place.code if place.kind == "country" else f"region:{place.code}"


def _kept(forms: set[str]) -> set[str]:
    """As merge_flows: marriage only when no other form is stated for the pair."""
    return forms - {"marriage"} if len(forms) > 1 else forms


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def test_data_file_is_well_formed() -> None:
    """Every line has the fields the scorer reads, with codes in the gold's notation."""
    rows = _rows()
    assert len(rows) >= 80
    for row in rows:
        assert set(row) >= {"country", "text", "flows", "roles", "sex_tourism", "note"}
        assert len(row["country"]) == 3 and row["country"].isupper()
        assert row["roles"] is None or set(row["roles"]) <= {"source", "transit", "destination"}
        for flow in row["flows"]:
            assert set(flow["forms"]) <= {"sex", "labor", "organ", "marriage"}
            for end in (flow["origin"], flow["destination"]):
                assert end.startswith("region:") or (len(end) == 3 and end.isupper())


def test_other_years(nlp: Language) -> None:
    got_figures, misses = _score(nlp, _rows())
    _hold_floors(got_figures, FLOORS, misses)


def test_issue12_patterns(nlp: Language) -> None:
    """The list-carrying sentence patterns of the later years (issue #12) on their own, so
    that the older lines' figures cannot hide a fall on them."""
    rows = [row for row in _rows() if row.get("issue") == 12]
    assert len(rows) >= 40
    got_figures, misses = _score(nlp, rows)
    _hold_floors(got_figures, ISSUE12_FLOORS, misses)


def test_residual_kinds_read_exactly(nlp: Language) -> None:
    """The kinds the held-out rounds left open (batch 3 of issue #12: a reference across
    sentences after a vulnerable or migrating group, "the brothels of India", an en-route
    aside listing several places), written before their fixes: each line exactly, since
    a floor would let one kind fall while the others carry the figure."""
    rows = [row for row in _rows() if row.get("batch") == 3]
    assert len(rows) >= 15
    assert {row["kind"] for row in rows} == {"a", "b", "c"}
    _figures, misses = _score(nlp, rows)
    assert not misses, "\n".join(misses)


def test_residual_kinds_after_heldout13(nlp: Language) -> None:
    """The kinds the heldout8-13 rounds left open (batch 6: a foreign country's police,
    officials or officers finding victims where they are, an act as the subject ("This
    practice results in girls being exploited"), the victims a subject anaphor points back
    to, the buyers of a sale read as victims), written before their fixes: every pair and
    form exactly; victims under a floor, since one guard's women are read inside the
    subject of its second verb ("offer fraudulent jobs to Nepali women and exploit them"),
    a kind left (HELDOUT.md, batch 6)."""
    rows = [row for row in _rows() if row.get("batch") == 6]
    assert len(rows) >= 20
    assert {row["kind"] for row in rows} == {"a", "b", "c", "f"}
    figures, misses = _score(nlp, rows)
    assert not [m for m in misses if " victims " not in m], "\n".join(misses)
    assert figures["victims"] >= 0.9, "\n".join(misses)


def _hold_floors(figures: dict[str, float], floors: dict[str, float], misses: list[str]) -> None:
    """Fail with the figures under ``floors`` and the lines got wrong."""
    low = {k: round(v, 3) for k, v in figures.items() if v < floors[k]}
    assert not low, f"below the floors {floors}: {low}\n" + "\n".join(misses)


def _score(nlp: Language, rows: list[dict[str, Any]]) -> tuple[dict[str, float], list[str]]:
    """The figures of ``rows`` (as score.py scores a narrative) and the lines got wrong."""
    docs = []
    for row in rows:
        doc = nlp.make_doc(row["text"])
        doc._.country = row["country"]
        doc._.section = "profile"
        docs.append(doc)
    tot = {"pairs": [0, 0, 0], "triples": [0, 0, 0], "tourism": [0, 0, 0]}
    roles_ok = roles_n = victims_ok = victims_n = 0
    misses: list[str] = []
    for number, (row, doc) in enumerate(zip(rows, nlp.pipe(docs), strict=True), start=1):
        forms: dict[tuple[str, str], set[str]] = defaultdict(set)
        victims: dict[tuple[str, str], set[str]] = defaultdict(set)
        for m in doc._.flow_mentions:
            pair = (_code(m.origin), _code(m.destination))
            forms[pair] |= m.forms
            victims[pair] |= m.victims - {"boys", "girls"}
        gold = {(f["origin"], f["destination"]): f for f in row["flows"]}
        triples = {(*p, f) for p, fs in forms.items() for f in _kept(fs)}
        g_triples = {(*p, f) for p, g in gold.items() for f in g["forms"]}
        tour = {(_code(m.origin), _code(m.destination)) for m in doc._.sex_tourism_mentions}
        g_tour = {(t["from"], t["to"]) for t in row["sex_tourism"]}
        for key, got, want in (("pairs", set(forms), set(gold)), ("triples", triples, g_triples),
                               ("tourism", tour, g_tour)):
            tp = len(got & want)
            tot[key][0] += tp
            tot[key][1] += len(got) - tp
            tot[key][2] += len(want) - tp
            if got != want:
                misses.append(f"line {number} {row['country']} {key}: missing "
                              f"{sorted(want - got)}, spurious {sorted(got - want)} | "
                              f"{row['text'][:120]}")
        if row["roles"] is not None:
            roles_n += 1
            roles = roles_from_profile(doc)
            roles_ok += roles == set(row["roles"])
            if roles != set(row["roles"]):
                misses.append(f"line {number} roles {sorted(roles)} != {sorted(row['roles'])}")
        for pair in set(forms) & set(gold):
            want_v = set(gold[pair].get("victims") or [])
            if want_v:
                victims_n += 1
                victims_ok += victims[pair] == want_v
                if victims[pair] != want_v:
                    misses.append(f"line {number} victims {pair}: {sorted(victims[pair])} != "
                                  f"{sorted(want_v)}")
    p, r, f = _prf(*tot["pairs"])
    got_figures = {"P": p, "R": r, "F1": f, "form_F1": _prf(*tot["triples"])[2],
                   "roles": roles_ok / roles_n if roles_n else 1.0,
                   "victims": victims_ok / victims_n if victims_n else 1.0,
                   "tourism_F1": _prf(*tot["tourism"])[2]}
    return got_figures, misses


# Batch 7 (issue #12): ten trafficking profiles written in the 2020-2025 phrasing (QAT GHA
# KAZ KHM PER ROU SLB KEN LAO GTM, 92 flows), annotated and committed before the reader ran
# on them; the made-up lines of the kinds fixed after that run ("after_first_run"); four more
# profiles written after the fixes and annotated before running them ("after_fixes": UZB SEN
# COL FJI, 35 flows). First run of the ten: pairs P 0.978 R 0.957 F1 0.967, +form 0.940,
# victims 0.968, roles 1.000, sex tourism 0.889; after the fixes 1.000, +form 0.996 (ROU's
# "Romani children": a doubt), victims 0.985 (SLB's "crew members" as men: a doubt). First
# run of the four: P 0.970 R 0.914 F1 0.941, +form 0.955; after the intent-verb cues F1 0.955
# (COL's migrants exploited "in Necocli", a town the reader does not place, left). All 30
# lines: P 1.000 R 0.979 F1 0.989, +form 0.989, victims 0.991, roles and tourism 1.000; the
# whole file then P 0.999 R 0.994 F1 0.996, +form 0.994, victims 0.995. The floors sit one
# error under the batch's figures.
BATCH7_FLOORS = {"P": 0.99, "R": 0.97, "F1": 0.98, "form_F1": 0.98, "roles": 0.92,
                 "victims": 0.98, "tourism_F1": 0.97}


def test_written_profiles_batch7(nlp: Language) -> None:
    """Whole written profiles of the later years (batch 7): lists, route chains, hedges
    followed by statements, scam compounds, actors' demonyms and references across
    sentences in one paragraph, where a fix for one sentence can break the next."""
    rows = [row for row in _rows() if row.get("batch") == 7]
    assert sum(not row.get("after_first_run") for row in rows) >= 10
    assert sum(bool(row.get("after_first_run")) for row in rows) >= 10
    assert sum(bool(row.get("after_fixes")) for row in rows) >= 4
    got_figures, misses = _score(nlp, rows)
    _hold_floors(got_figures, BATCH7_FLOORS, misses)


# Batch 8 (issue #12): six more trafficking profiles written in the 2020-2025 phrasing (NPL
# MMR NGA VEN PHL ETH, 57 flows), annotated and committed before the reader ran on them,
# then eight made-up lines of the kinds its first run showed ("after_first_run"). First run
# of the six: pairs P 0.962 R 0.895 F1 0.927, +form 0.878, victims 0.867, roles and sex
# tourism 1.000. The kinds: "along with victims from X" read as agents; ", and foreign sex
# tourists from X ..." not opening a clause; "Philippine gaming operations" as an origin;
# "adult entertainment" as adult victims; the men girls are "married off to" as victims;
# "to work in quarries" giving no form; "Recruiters offer Filipino women jobs" leaving the
# women in the recruiters' subject; "where armed groups control gold mines" as child
# soldiering; Myawaddy unplaced. After the fixes the six read P 0.983 R 1.000 F1 0.991,
# +form 0.992; all 14 lines P 0.985 R 0.985 F1 0.985, +form 0.987, victims 0.976 (left:
# MMR's child soldiers "in Shan, Kachin, and Rakhine states", whose origin the text leaves
# implicit; PHL's vessels "operating in the Pacific"; "Criminal groups bring Malian boys to
# work in gold mines", which no trafficking word states). Floors one error under.
BATCH8_FLOORS = {"P": 0.97, "R": 0.97, "F1": 0.97, "form_F1": 0.97, "roles": 0.83,
                 "victims": 0.95, "tourism_F1": 0.9}


# Batch 9 (issue #12): six more trafficking profiles written in the 2020-2025 phrasing (THA
# BGD HND UGA ALB IDN, 84 flows), annotated and committed before the reader ran on them,
# then nine made-up lines of the kinds its first run showed ("after_first_run"), each failing
# before its fix. First run of the six: pairs P 0.905 R 0.905 F1 0.905, +form 0.884, victims
# 0.875, roles 1.000, sex tourism 0.857. The kinds: "migrate to these places" not pointing
# back to the paragraph's destinations (read as the home); "Brokers move some of these
# workers onward to" ("move" no active verb, so its object did not point back); "a
# destination for child sex tourists from X" ("for" before tourists read as "visas for
# tourists"); "toward the United States" read as a destination; "to reach jobs in the Gulf"
# read as one; "recruited for jobs in Thailand and then forced ... in Burma" keeping the
# jobs' place; "Balkan-Egyptian" read as Egypt; "from the refugee camps in Cox's Bazar"
# unplaced; "sent to relatives in France" read as the agents' place. After the fixes the six
# read P 0.977 R 1.000 F1 0.988, +form 0.985, victims 0.967; all 15 lines P 0.979 R 0.989
# F1 0.984, +form 0.982, victims 0.971, roles and tourism 1.000 (left: UGA's Karamoja
# children "in Kampala" and BGD's Rohingya "in Chittagong", unplaced places of the home;
# IDN's fishermen on flagged vessels ", and some are abandoned in ports in Fiji" (no clause of
# its own, so the statement's form reaches Fiji); the made-up Kosovo line's "Roma, Ashkali,
# and Balkan-Egyptian children" in the home, whose nationality the text leaves implicit).
# With the home's own places (pycountry's subdivisions and places_home.jsonl) Kampala and
# Chittagong are placed: victims 0.986, the rest unchanged (Kampala's flow was read from
# another sentence already). Floors one error under.
BATCH9_FLOORS = {"P": 0.96, "R": 0.97, "F1": 0.97, "form_F1": 0.97, "roles": 0.83,
                 "victims": 0.97, "tourism_F1": 0.95}


# Batch 10 (issue #12): five more trafficking profiles written in the 2020-2025 phrasing (BOL
# GEO BHR CIV PNG, 59 flows), annotated and committed before the reader ran on them, then four
# made-up lines of the kinds its first run showed ("after_first_run"), each failing before its
# fix. First run of the five: pairs P 0.949 R 0.949 F1 0.949, +form 0.913, victims, roles and
# sex tourism 1.000. The kinds: "ethnic Azerbaijani ... communities" read as Azerbaijan's
# nationals; "recruited for jobs in Israel were instead taken ... to Cyprus" keeping the jobs'
# place; ", and some are then taken to Lebanon and forced into commercial sex" not opening a
# clause (a bare quantifier as subject), so its form spread over the sentence's other places;
# "vulnerable to forced labor in Libya, where militias ... force them to work" (the hedge's
# scope not ended by the "where"). After the fixes the five read P 0.982 R 0.949 F1 0.966,
# +form 0.962; all 9 lines P 0.984 R 0.954 F1 0.969, +form 0.965, victims, roles and tourism
# 1.000 (left: GEO's children "in the Kvemo Kartli region ... in Tbilisi" and the Uzbek and
# Tajik women "first exploited ... in Batumi", and CIV's Nigerian women "in Abidjan and San
# Pedro", unplaced cities of the home: the last falls back to the promised "jobs in Europe").
# With the home's own places CIV's line reads NGA -> CIV: P 1.000 R 0.969 F1 0.984, +form
# 0.979 (left: the Uzbek and Tajik women "first exploited ... in Batumi before traffickers
# move them across the border", whose "before" clause takes the destination, whatever place
# it names). Floors one error under.
BATCH10_FLOORS = {"P": 0.98, "R": 0.95, "F1": 0.97, "form_F1": 0.96, "roles": 0.8,
                  "victims": 0.98, "tourism_F1": 0.85}


# Batch 11 (issue #12): six more trafficking profiles written in the 2020-2025 phrasing from
# the real profiles (ARG AZE CYP HRV SSD SUR, 77 flows), annotated and committed before the
# reader ran on them, then made-up lines of the kinds its first run (and its fixes) showed
# ("after_first_run"), each failing before its fix. First run of the six: pairs P 0.959 R
# 0.909 F1 0.933, +form 0.904, victims 0.977, roles and sex tourism 1.000. The kinds: "force
# them to work for little or no pay" read as a negation of the clause (SSD's five
# neighbours, CYP's Romanian and Bulgarian men lost); "experience forced labor in Bosnia and
# Herzegovina before crossing into Croatia" making the later leg a destination; "forced
# street vending" (forced work in a sector) giving no form; "where buyers are often Brazilian
# and Chinese miners" reading the agents' complement as victims; once SSD's neighbours were
# read, "men and women from neighboring countries ..., as well as South Sudanese women and
# children" pooling the groups' victims over every origin. After the fixes the six read
# 1.000 on every figure. Three more profiles written after those fixes and annotated before
# running them ("after_fixes": PRY TTO TZA, 32 flows with TTO's internal pair, added after
# the run: see its note) read at first P 0.853 R 0.906 F1 0.879, +form 0.874, victims 0.880
# (against the gold as first committed P 0.824 R 0.903): "Port of Spain" read as Spain, "some
# are then moved on to Uruguay" as a destination, "force them to transport narcotics" giving
# no form; four made-up lines of those kinds, then all 23 lines read 1.000 on every figure.
# Floors one error under.
BATCH11_FLOORS = {"P": 0.99, "R": 0.99, "F1": 0.99, "form_F1": 0.99, "roles": 0.88,
                  "victims": 0.98, "tourism_F1": 0.92}


# Batch 12 (issue #12): six more trafficking profiles written in the 2020-2025 phrasing from
# the real profiles (IRN COG PLW CUW SYR BRB, 70 flows) with the issue's hard kinds (route
# chains and goals, "routed through Guam's airport", tourist areas beside tourists, hedges
# followed by "endure"/"suffer"/"fall victim to", "recruit women from A, B and C into X and
# exploit them", camps and settlements in noun phrases, agents' demonyms, "These women are
# then exploited", "abroad, particularly in", "elsewhere in the Gulf"), annotated and
# committed before the reader ran on them. First run of the six: pairs P 0.986 R 1.000 F1
# 0.993, +form 0.982, victims 0.951, roles and sex tourism 1.000. The kinds: the agents'
# demonym list "operated by Taiwanese, Filipino, or Palauan nationals" read as origins after
# its first comma (PLW -> PLW spurious, CHN's sex lost); "where they perform domestic work"
# giving no form and "Indigenous adults and children ... some experience forced labor" no
# origin (COG's internal labor lost); then, in a made-up line, "and cannot leave" after the
# stated exploitation read as a negation of the clause. After those fixes the six read 1.000
# on pairs and forms, victims 0.967 (SYR's men exploited "in Istanbul" go to Syria: the
# reader places no foreign city, left). Two more profiles written after the fixes and
# annotated before running them ("after_fixes": ATG LCA, 21 flows) read at first pairs 1.000,
# +form 0.958, victims 0.727: ", and local children are exploited ..." (a victim noun with a
# modifier opening its own clause) was read in the first clause, pooling the victims, and
# "many of whom travel through Antigua ... some endure forced labor ... on the island" lost
# its destination (the home only a transit; "on the island" not read as the home). Made-up
# lines of each kind (each failing before its fix) and four guards; then all 23 lines read
# 1.000 on pairs, forms, roles and sex tourism, victims 0.977 (SYR). Floors one error under.
BATCH12_FLOORS = {"P": 0.99, "R": 0.99, "F1": 0.99, "form_F1": 0.99, "roles": 0.87,
                  "victims": 0.96, "tourism_F1": 0.85}

# Batch 13 (issue #12): five more trafficking profiles written in the 2020-2025 phrasing from
# the real profiles (MOZ ZWE BLZ TLS BIH, 68 flows, two sex-tourism pairs), annotated and
# committed before the reader ran on them, then made-up lines of the kinds its first run
# showed ("after_first_run"), each failing before its fix, with guards. First run of the
# five: pairs P 0.931 R 0.985 F1 0.957 (tp 67 fp 5 fn 1), +form 0.976, victims, roles and sex
# tourism 1.000. The kinds: "transit Zimbabwe en route to South Africa; some of these
# migrants are trafficking victims" read the home passed through as the destination of
# three listed origins (ETH MWI SOM -> ZWE: the anaphor took the home default); "online
# advertisements for jobs in Bangkok and forced them to run online scams in ... Cambodia"
# read the promised job's city as a destination (ZWE -> THA); "some are then sent on to
# Russia" read a later leg as a destination (BIH -> RUS); "who cross into South Africa ...
# are highly vulnerable ..., and some fall victim to sex trafficking in Musina, Johannesburg,
# and Durban or endure forced labor ... there" lost its destination ("fall" was no verb, so
# the quantifier clause split off by "endure" was no anaphor: ZWE -> ZAF missed). After the
# fixes the five read 1.000 on every figure. Two more profiles written after those fixes and
# annotated before running them ("after_fixes": MWI NIC, 17 flows, five sex-tourism pairs)
# read at first pairs P 0.895 R 1.000 F1 0.944 (tp 17 fp 2 fn 0), +form 0.958, victims,
# roles and sex tourism 1.000: "advertisements for jobs in Dubai and Qatar and take them
# instead to Oman and Kuwait, where ..." kept the promise's hold over the coordinated "take"
# (MWI -> ARE, QAT); with that fixed, a made-up "with promises of work in Qatar and take
# them to Iraq" showed "work" (a verb) ending the bare "promises of", and a guard written
# for "taking" ("toward Europe, taking them through Libya, where militias force them to
# work") showed a "where" pointing back to a place passed "through" read as the goal or
# the home; made-up lines of each kind. Then all 26 lines read 1.000 on every figure. A
# second after_fixes round (BDI TCD, 19 flows, written after all those fixes and annotated
# before running them) read at first P 1.000 R 0.789 F1 0.882 (tp 15 fp 0 fn 4), +form
# 0.865 (BDI 1.000: the route, promise, "sent on to", "through ..., where" and hedge fixes
# held): "force Chadian boys to tend cattle in Cameroon, ..." gave no form; "Sudanese
# refugees ... are highly vulnerable ..., and some women and girls fall victim to ...
# there" read the quantified victims as a new group without an origin; "Families entrust
# children to Quranic teachers in N'Djamena ..., and some of these teachers force the
# children to beg" read N'Djamena as the teachers' place and named no origin (TCD -> TCD
# labor lost). The first two fixed, with made-up lines (BDI TCD then read 1.000, +form
# 0.976). Left: the entrusted children (the made-up SEN and MLI lines too; annotated as
# internal, a doubt: the text names the families, not the children's nationality, and a
# receivers fix for "entrust ... to teachers in X" alone gives no origin, so it was not
# kept) and the made-up CMR line's "Central African refugees", read as region:central-africa
# (a demonym ambiguity). All 35 lines: pairs P 0.992 R 0.977 F1 0.984, +form 0.984,
# victims, roles and sex tourism 1.000. Floors one error under.
BATCH13_FLOORS = {"P": 0.98, "R": 0.96, "F1": 0.97, "form_F1": 0.97, "roles": 0.85,
                  "victims": 0.98, "tourism_F1": 0.93}

# Batch 14 (issue #12): five more trafficking profiles written in the 2023-2025 phrasing from
# the real profiles (SLE GUY LTU BRN DJI, 67 flows, four sex-tourism pairs: long origin lists,
# route chains with "where"/"once in"/"hoping to reach"/"continue to", scam compounds in
# Southeast Asia and Dubai after job promises, hedges followed by "experience"/"endure"/"fall
# victim to", investors' and vessel owners' demonyms, sex tourists beside tourist visas,
# "elsewhere in", coordinated verbs with their own forms), annotated and committed before the
# reader ran on them. First run of the five: pairs P 0.943 R 0.985 F1 0.964 (tp 66 fp 4 fn 1),
# +form 0.977, victims 0.971, roles and sex tourism 1.000. The kinds: "; once in Yemen,
# smugglers and traffickers hold many for ransom" read the fronted place inside the agents'
# subject, so the pending migrants took the earlier leg "to Obock" (ERI -> DJI); "enter Guyana
# ... and travel on to Suriname and French Guiana, where" read the entered home as a
# destination (HTI -> GUY); "offers of high-paying jobs in Malaysia" and "offers of hotel jobs
# in Qatar" were no promise (BRN -> MYS; the young men's victims on DJI -> QAT); "in Brunei
# and, to a lesser extent, traffickers exploit victims from Brunei abroad" stayed one clause
# (BRN -> BRN); "there and elsewhere in the Gulf" lost the region. Five fixes ("once" a fronted
# locative, "travel on to" a route leg, a bare "offers of" a promise, the cut at "and" past a
# filler aside, "there and elsewhere in" a destination), each with made-up lines that failed
# before and guards; then the five read 1.000 on every figure. Two more profiles written after
# the fixes and annotated before running them ("after_fixes": RWA CHL, 24 flows: "once there",
# "then take them across the border to Burma, where", "transit Uganda en route to the Middle
# East, where", per-place forms, ", and, to a lesser extent,") read 1.000 on every figure at
# their first run. All 17 lines: pairs, +form, victims, roles and sex tourism 1.000; no error
# kind left on this batch (the aside after a comma, ", and, to a lesser extent, traffickers
# ...", was already read as two clauses: checked on a made-up line, not kept). Floors one
# error under.
BATCH14_FLOORS = {"P": 0.99, "R": 0.99, "F1": 0.99, "form_F1": 0.99, "roles": 0.85,
                  "victims": 0.99, "tourism_F1": 0.85}


#: The written-profile batches after batch 7: floors, and the fewest profiles and made-up
#: lines of the kinds each first run showed (batch 8: buyers of a marriage, accompaniment,
#: actors' businesses, a purpose clause's sector, a sex-tourism clause after a comma; batch 9:
#: destinations referred back to, route goals, a host of sex tourists, receivers of sent
#: children; batch 10: an ethnic group's demonym, an "instead" turn, a bare quantifier opening
#: its own clause, a "where" clause ending a hedge; batch 11: a "no" measuring pay, a leg
#: after the exploitation, forced work in a sector, a demonym describing the agents, each
#: group's own victims, a capital named after a country, forced drug transport; batch 12: an
#: agents' demonym list past its commas, "perform domestic work", the country's own
#: indigenous people, a negation in a later coordinated predicate, a modified victim noun
#: opening its own clause, "on the island"; batch 13: a group passing through the home and
#: a placeless "some of these migrants are trafficking victims", job advertisements as
#: promises, "then sent on to", "fall victim to ... or endure ... there", a coordinated
#: "and take them to X, where" after a promise, a "where" pointing back to a place passed
#: "through", "force ... to tend cattle", quantified victims after a hedged group; batch 14:
#: a fronted "once in X," before the agents, "travel on to ..., where", a bare "offers of", a
#: second subject after "and, to a lesser extent,", "there and elsewhere in").
WRITTEN_BATCHES = {8: (BATCH8_FLOORS, 6, 8), 9: (BATCH9_FLOORS, 6, 9),
                   10: (BATCH10_FLOORS, 5, 4), 11: (BATCH11_FLOORS, 9, 14),
                   12: (BATCH12_FLOORS, 8, 15), 13: (BATCH13_FLOORS, 9, 26),
                   14: (BATCH14_FLOORS, 7, 10)}


@pytest.mark.parametrize("batch", sorted(WRITTEN_BATCHES))
def test_written_profiles(nlp: Language, batch: int) -> None:
    """Whole written later-year profiles of one batch and the made-up lines of the kinds
    its first run showed, where a fix for one sentence can break the next."""
    floors, profiles, made_up = WRITTEN_BATCHES[batch]
    rows = [row for row in _rows() if row.get("batch") == batch]
    assert sum(not row.get("after_first_run") for row in rows) >= profiles
    assert sum(bool(row.get("after_first_run")) for row in rows) >= made_up
    got_figures, misses = _score(nlp, rows)
    _hold_floors(got_figures, floors, misses)
