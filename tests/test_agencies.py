"""Tests of the agency extractor: hard cases one sentence at a time, merging, and the dev gold.

The pipeline is ``spacy.blank("en")`` + spaCy's ``sentencizer`` + ``tip_agencies``; no
trained model is loaded. Cases come in the 2017 report's phrasing ("The Public Security
Directorate and Ministry of Labor (MOL) joint anti-trafficking unit ...") and in later
years' ("The National Police's Anti-Trafficking in Persons Unit (DIVITRA) ..."). The file is
self-contained (the tests run with ``--import-mode=importlib``): its dev-gold regression
carries its own copy of the narrative splitter and of the scorer's matching.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
import spacy
from spacy.language import Language

from tipgraph.extract import agencies as _agencies  # noqa: F401  (registers tip_agencies)
from tipgraph.extract.agencies import AgencyMention
from tipgraph.extract.agency_resolve import resolve_agencies
from tipgraph.extract.legal_words import country_words
from tipgraph.extract.records import Sentence
from tipgraph.graph.build import BuildResult


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("tip_agencies")
    return pipeline


def _named(nlp: Language, text: str, country: str | None = None) -> list[tuple[str, str | None]]:
    """The named mentions (bare acronym uses left out) as (name, acronym)."""
    doc = nlp.make_doc(text)
    doc._.country = country
    doc = nlp(doc)
    return [(m.name, m.acronym) for m in doc._.agency_mentions if m.name != m.acronym]


# (text, narrative country or None) -> the named mentions expected, in order
CASES = [
    # 2017 phrasing
    (
        "National Police Agency (NPA) officials used an IOM-developed handbook.",
        None,
        [("National Police Agency", "NPA")],
    ),
    (
        "The government funded Japan's Women's Consulting Center (WCC) shelters.",
        "JPN",
        [("Women's Consulting Center", "WCC")],
    ),
    (
        "The Public Security Directorate and Ministry of Labor (MOL) joint anti-trafficking "
        "unit continued to investigate.",
        None,
        [
            ("Public Security Directorate", None),
            ("Ministry of Labor", "MOL"),
            ("anti-trafficking unit", None),
        ],
    ),
    (
        "A specialized trafficking unit within the Department for the Fight against Organized "
        "Crime and Corruption of the Police Directorate also investigated cases.",
        None,
        [
            ("Department for the Fight against Organized Crime and Corruption", None),
            ("Police Directorate", None),
        ],
    ),
    (
        "Historically, the Ministry of Labor, Industrial Relations, Employment, and Training "
        "(MOL) has addressed labor trafficking.",
        None,
        [("Ministry of Labor, Industrial Relations, Employment, and Training", "MOL")],
    ),
    (
        "In 2016, it distributed guidelines to the MOJ, Ministry of Employment and Labor "
        "(MOEL), Ministry of Gender Equality and Family (MOGEF), National Police Agency (NPA) "
        "and 17 local governments.",
        None,
        [
            ("Ministry of Employment and Labor", "MOEL"),
            ("Ministry of Gender Equality and Family", "MOGEF"),
            ("National Police Agency", "NPA"),
        ],
    ),
    (
        "The Ministry of Social Affairs, Childhood, and the Family (MASEF) managed centers.",
        None,
        [("Ministry of Social Affairs, Childhood, and the Family", "MASEF")],
    ),
    (
        "In October, the Ministry of Gender and the Southern Africa Development Community "
        "(SADC) Secretariat conducted a training.",
        None,
        [
            ("Ministry of Gender", None),
            ("Southern Africa Development Community Secretariat", "SADC"),
        ],
    ),
    ("The labor ministry educated seasonal workers.", None, [("labor ministry", None)]),
    (
        "The directorate of general security (DGS) investigated 51 cases.",
        None,
        [("directorate of general security", "DGS")],
    ),
    (
        "The cabinet appointed a national rapporteur on trafficking in persons in early 2015.",
        None,
        [("national rapporteur on trafficking in persons", None)],
    ),
    ("MVD's witness protection unit did not report.", None, [("witness protection unit", None)]),
    (
        "The trainings reached police officers, prosecutors, judges, and immigration bureau "
        "officers.",
        None,
        [("immigration bureau", None)],
    ),
    (
        "The government-funded legal support center provided pro bono services.",
        None,
        [("legal support center", None)],
    ),
    (
        "The plan was not approved by the ministries of education and health.",
        None,
        [("ministry of education", None), ("ministry of health", None)],
    ),
    (
        "It trained the judiciary, departments of immigration and social protection, and law "
        "enforcement agencies.",
        None,
        [("department of immigration", None), ("department of social protection", None)],
    ),
    (
        "Tadamoun, the government agency mandated to address the legacies of slavery, "
        "did not report.",
        None,
        [("Tadamoun", None)],
    ),
    (
        "Services were available at two shelters run by the Mongolian Gender Equality Center "
        "(GEC).",
        "MNG",
        [("Gender Equality Center", "GEC")],
    ),
    (
        "The Jamaican Constabulary Force (JCF) trained 70 judges.",
        "JAM",
        [("Jamaican Constabulary Force", "JCF")],
    ),
    (
        "NGO-run shelters and the state-run Interim Security Facility (ISF) received funds.",
        None,
        [("Interim Security Facility", "ISF")],
    ),
    (
        "The NGO briefed the Office of the President and Cabinet on multiple occasions.",
        None,
        [("Office of the President and Cabinet", None)],
    ),
    (
        "The National Police's Brigade for the Protection of Morals and Children (BPMC) "
        "identified 35 victims.",
        None,
        [("National Police", None), ("Brigade for the Protection of Morals and Children", "BPMC")],
    ),
    (
        "The Trafficking in Human Beings Directorate (THBD) within the Kosovo Police (KP) "
        "investigated all cases.",
        "XKX",
        [("Trafficking in Human Beings Directorate", "THBD"), ("Kosovo Police", "KP")],
    ),
    (
        "A high court judge, in partnership with the Women Judges Association of Malawi, "
        "trained magistrates.",
        None,
        [("high court", None), ("Women Judges Association of Malawi", None)],
    ),
    (
        "The First District First Instance Criminal Court in Ulaanbaatar kept a witness room.",
        None,
        [("First District First Instance Criminal Court", None)],
    ),
    (
        "The Combating Trafficking in Human Beings and Migrant Smuggling Unit (CTHBMSU) within "
        "the Ministry of Interior (MOI) investigated.",
        None,
        [
            ("Combating Trafficking in Human Beings and Migrant Smuggling Unit", "CTHBMSU"),
            ("Ministry of Interior", "MOI"),
        ],
    ),
    # later years' phrasing
    (
        "The National Police's Anti-Trafficking in Persons Unit (DIVITRA) investigated 12 cases.",
        None,
        [("National Police", None), ("Anti-Trafficking in Persons Unit", "DIVITRA")],
    ),
    (
        "The Directorate General of Migration (DGM) screened migrants.",
        None,
        [("Directorate General of Migration", "DGM")],
    ),
    (
        "The Inter-Agency Council Against Trafficking (IACAT) coordinated efforts with the "
        "Department of Social Welfare and Development (DSWD).",
        None,
        [
            ("Inter-Agency Council Against Trafficking", "IACAT"),
            ("Department of Social Welfare and Development", "DSWD"),
        ],
    ),
    (
        "The Attorney General's Office (AGO) and the Judicial Police cooperated with the Coast "
        "Guard.",
        None,
        [("Attorney General's Office", "AGO"), ("Judicial Police", None), ("Coast Guard", None)],
    ),
    (
        "The Thai Anti-Trafficking in Persons Task Force (TATIP) raided brothels.",
        "THA",
        [("Thai Anti-Trafficking in Persons Task Force", "TATIP")],
    ),
    (
        "The interagency anti-trafficking task force, chaired by the Ministry of Justice, met.",
        None,
        [("interagency anti-trafficking task force", None), ("Ministry of Justice", None)],
    ),
    (
        "The Ministry of Interior’s Directorate for Combating Organized Crime investigated 20 "
        "cases.",
        None,
        [("Ministry of Interior", None), ("Directorate for Combating Organized Crime", None)],
    ),
    (
        "The National Committee to Combat Trafficking in Persons (NCCTIP) met four times.",
        None,
        [("National Committee to Combat Trafficking in Persons", "NCCTIP")],
    ),
    (
        "The Special Prosecutor's Office against Trafficking in Persons (FETIP) identified 40 "
        "victims.",
        None,
        [("Special Prosecutor's Office against Trafficking in Persons", "FETIP")],
    ),
    (
        "Officials from the labor inspectorate and the social welfare department screened workers.",
        None,
        [("labor inspectorate", None), ("social welfare department", None)],
    ),
    (
        "The Ministry of Public Order's Anti-Trafficking Sector coordinated with the State "
        "Police; the 2015 Human Trafficking Prohibition (Protection and Prosecution) "
        "Regulations apply.",
        "ALB",
        [
            ("Ministry of Public Order", None),
            ("Anti-Trafficking Sector", None),
            ("State Police", None),
        ],
    ),
    (
        "The Public Prosecution referred cases; the government ran the Hope Shelter and the "
        "National Observatory on Trafficking in Human Beings.",
        None,
        [
            ("Public Prosecution", None),
            ("Hope Shelter", None),
            ("National Observatory on Trafficking in Human Beings", None),
        ],
    ),
    (
        "The Ministry of Health and Social Services and the Namibian Police met monthly.",
        "NAM",
        [("Ministry of Health and Social Services", None), ("Namibian Police", None)],
    ),
    # later years (issue #12): a head-first owner is part of the name, a head-last one is not
    (
        "The Directorate of Migration of the Ministry of Interior issued permits in Bogota.",
        "COL",
        [("Directorate of Migration of the Ministry of Interior", None)],
    ),
    (
        "The Department for the Fight against Organized Crime and Corruption of the Police "
        "Directorate investigated.",
        None,
        [
            ("Department for the Fight against Organized Crime and Corruption", None),
            ("Police Directorate", None),
        ],
    ),
    (
        "The National Police of Colombia (PNC) and the Scientific Police for Criminal "
        "Investigation (PCIC) opened cases.",
        "COL",
        [
            ("National Police of Colombia", "PNC"),
            ("Scientific Police for Criminal Investigation", "PCIC"),
        ],
    ),
    # "Manpower" after the head is the topic, not a recruitment company's name
    (
        "The Ministry of Manpower (MOM) and the Public Authority for Manpower (PAM) inspected.",
        None,
        [("Ministry of Manpower", "MOM"), ("Public Authority for Manpower", "PAM")],
    ),
    # government systems, funds and foundations
    (
        "The Wage Protection System flagged employers, the Victims of Trafficking Fund paid "
        "victims, and the Dubai Foundation for Women and Children (DFWAC) sheltered them.",
        "ARE",
        [
            ("Wage Protection System", None),
            ("Victims of Trafficking Fund", None),
            ("Dubai Foundation for Women and Children", "DFWAC"),
        ],
    ),
    (
        "The Special Force to Fight Crime (FELCC) referred victims to the Child Helpline 116 "
        "and the 1343 Actionline against Human Trafficking.",
        "BOL",
        [
            ("Special Force to Fight Crime", "FELCC"),
            ("Child Helpline 116", None),
            ("1343 Actionline against Human Trafficking", None),
        ],
    ),
    # an own-country adjective before a head-first title is the title's; before a ministry not
    (
        "The Colombian Institute of Family Welfare assisted children; the Colombian Ministry of "
        "Labor inspected farms.",
        "COL",
        [("Colombian Institute of Family Welfare", None), ("Ministry of Labor", None)],
    ),
]


@pytest.mark.parametrize(("text", "country", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_agency_mentions(
    nlp: Language, text: str, country: str | None, expected: list[tuple[str, str | None]]
) -> None:
    assert _named(nlp, text, country) == expected


NOT_AGENCIES = [
    "Police arrested three suspects; the courts convicted them.",
    "Local courts and labor inspectors lacked training; anti-trafficking police units did not.",
    "An international organization and NGOs assisted the victims.",
    "An inter-ministerial working group on trafficking drafted a national action plan.",
    "Five police officers reportedly engaged in sex acts with children.",
    "Such advocates indicate police officers accepted bribes.",
    "It included trafficking in its basic police training curricula.",
    "She was recruited by the recruitment agency and sent to a new oversight organization.",
    "The Trafficking in Persons (Prohibition) Enforcement and Administration Act applies.",
    "Victims were held in the detention center and the drop-in center.",
    "The UN special rapporteur on the sale of children visited.",
    "Foreign women work predominantly in the domestic service sector.",
    "Train judges and social service personnel; many victims were in domestic service.",
]


@pytest.mark.parametrize("text", NOT_AGENCIES, ids=[t[:40] for t in NOT_AGENCIES])
def test_not_an_agency(nlp: Language, text: str) -> None:
    assert _named(nlp, text) == []


def test_bare_heads_are_back_references(nlp: Language) -> None:
    doc = nlp("The taskforce met. The Secretariat assigned the task.")
    assert [(m.name, m.acronym) for m in doc._.agency_mentions] == [
        ("taskforce", None),
        ("Secretariat", None),
    ]


def test_acronym_uses_are_candidates(nlp: Language) -> None:
    # "unit" after the owner's possessive is a back-reference; NGOs and U.S. are no bodies
    doc = nlp("The NPA and MOI's unit met NGOs in the U.S.")
    assert [(m.name, m.acronym) for m in doc._.agency_mentions] == [
        ("NPA", "NPA"),
        ("MOI", "MOI"),
        ("unit", None),
    ]


def test_offsets_index_the_doc_text(nlp: Language) -> None:
    text = "In 2016, Japan's National Police Agency (NPA) and the labor ministry met."
    doc = nlp(text)
    # the acronym of a definition is part of that mention, not a use of its own
    assert [text[m.start : m.end] for m in doc._.agency_mentions] == [
        "National Police Agency",
        "labor ministry",
    ]


def test_named_mentions_do_not_overlap(nlp: Language, sample_build: BuildResult) -> None:
    """Over every section of the sample, as the real reader cuts and repairs them."""
    for facts in sample_build.facts:
        for section in (s.clean for s in facts.narrative.sections):
            doc = nlp(section)
            # bare acronym uses may sit inside a name ("JCF anti-trafficking unit")
            spans = sorted({(m.start, m.end) for m in doc._.agency_mentions if m.name != m.acronym})
            for (_, end), (start, _) in pairwise(spans):
                assert end <= start, section[start - 40 : start + 40]


def test_no_sentence_boundaries_needed() -> None:
    bare = spacy.blank("en")
    bare.add_pipe("tip_agencies")
    doc = bare("The Ministry of Justice met. The labor ministry agreed.")
    assert [m.name for m in doc._.agency_mentions] == ["Ministry of Justice", "labor ministry"]


def test_component_can_be_added_twice() -> None:
    for _ in range(2):
        pipe = spacy.blank("en")
        pipe.add_pipe("tip_agencies")
        assert pipe("the Supreme Court")._.agency_mentions[0].name == "Supreme Court"


def test_country_words() -> None:
    assert {"jamaica", "jamaican"} <= country_words("JAM")
    assert "kosovo" in country_words("XKX")
    assert country_words("ZZZ") == frozenset()


# -- resolution ---------------------------------------------------------------------------


def _sent(index: int, section: str = "prosecution") -> Sentence:
    return Sentence(index, index * 100, index * 100 + 99, "x", "x", section)


def _resolve(
    given: list[tuple[str, str | None]], country: str | None = "JPN"
) -> list[tuple[str, str | None]]:
    pairs = [
        (AgencyMention(name, acronym, 0, len(name)), _sent(i))
        for i, (name, acronym) in enumerate(given)
    ]
    return [(a.name, a.acronym) for a in resolve_agencies(pairs, country)]


RESOLVE = [
    # a defined acronym links its bare uses, wherever they are
    (
        [("NPA", "NPA"), ("National Police Agency", "NPA"), ("NPA", "NPA")],
        [("National Police Agency", "NPA")],
    ),
    # an undefined acronym is kept only when it is conventional
    ([("MOJ", "MOJ"), ("XYZ", "XYZ")], [("Ministry of Justice", "MOJ")]),
    # bare heads join the one body with that head, or are dropped
    (
        [("national anti-trafficking taskforce", None), ("taskforce", None)],
        [("national anti-trafficking taskforce", None)],
    ),
    ([("taskforce", None), ("committee", None)], []),
    ([("Secretariat", None)], [("Secretariat", None)]),
    (
        [("prosecutor's office", None), ("Special Prosecutor's Office for Violence", "FEVIMTRA")],
        [("Special Prosecutor's Office for Violence", "FEVIMTRA")],
    ),
    # short forms
    (
        [("national rapporteur", None), ("national rapporteur on trafficking in persons", None)],
        [("national rapporteur on trafficking in persons", None)],
    ),
    (
        [("labor ministry", None), ("Ministry of Labor and Social Welfare", "MLSW")],
        [("Ministry of Labor and Social Welfare", "MLSW")],
    ),
    (
        [
            ("advisory committee", None),
            ("advisory committee", None),
            ("anti-trafficking advisory committee", None),
        ],
        [("anti-trafficking advisory committee", None)],
    ),
    (
        [("Ministry of Population", None), ("Ministry of Population and Social Affairs", None)],
        [("Ministry of Population and Social Affairs", None)],
    ),
    # different bodies stay apart
    (
        [("National Police", None), ("National Police Agency", "NPA")],
        [("National Police", None), ("National Police Agency", "NPA")],
    ),
    # legislatures, cabinets and UN bodies are not agencies
    ([("Parliament", None), ("Council of Ministers", None), ("UN special rapporteur", None)], []),
]


@pytest.mark.parametrize(("given", "expected"), RESOLVE, ids=[str(r[1])[:60] for r in RESOLVE])
def test_resolve(
    given: list[tuple[str, str | None]], expected: list[tuple[str, str | None]]
) -> None:
    assert _resolve(given) == expected


def test_resolve_drops_own_country_adjective() -> None:
    assert _resolve([("Mongolian Gender Equality Center", None)], "MNG") == [
        ("Gender Equality Center", None)
    ]
    assert _resolve([("Bangladeshi High Commission", None)], "MUS") == [
        ("Bangladeshi High Commission", None)
    ]


def test_resolve_records() -> None:
    s0, s1, s2 = _sent(0), _sent(1, "protection"), _sent(2, "prevention")
    pairs = [
        (AgencyMention("Police Directorate", None, 0, 18), s0),
        (AgencyMention("police directorate", None, 40, 58), s1),
        (AgencyMention("Police Directorate", None, 0, 18), s2),
        (AgencyMention("Police Directorate", None, 30, 48), s0),
    ]
    (agency,) = resolve_agencies(pairs, "MNE")
    assert agency.name == "Police Directorate"
    assert agency.alt_names == {"police directorate"}
    assert agency.jurisdiction == "MNE"
    assert agency.sentences == [s0, s1, s2]


def test_resolve_nothing() -> None:
    assert resolve_agencies([], None) == []


# The dev-gold regression of this extractor is tests/test_gold.py: the real reader and
# pipeline, scored by the evaluation's own scorer, with floors no lower than the ones kept here
# before.
