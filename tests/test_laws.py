"""Tests of the law extractor: hard cases one sentence at a time, merging, and the dev gold.

The pipeline is ``spacy.blank("en")`` + spaCy's ``sentencizer`` + ``tip_laws``; no trained
model is loaded. Cases come in the 2017 report's phrasing ("The government prohibits all
forms of trafficking through its ... Act") and in later years' ("The Anti-Trafficking in
Persons Act, 2020 criminalized sex trafficking and labor trafficking and prescribed
penalties of ... years' imprisonment"). The file is self-contained (the tests run with
``--import-mode=importlib``): its dev-gold regression carries its own copy of the narrative
splitter and of the scorer's matching.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
import spacy
from spacy.language import Language

from tipgraph.extract import laws as _laws  # noqa: F401  (registers tip_laws)
from tipgraph.extract.law_resolve import resolve_laws
from tipgraph.extract.laws import LawMention
from tipgraph.extract.legal_words import words_of
from tipgraph.extract.records import Sentence
from tipgraph.graph.build import BuildResult


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("tip_laws")
    return pipeline


def _found(nlp: Language, text: str) -> list[tuple[str, int | None]]:
    return [(m.name, m.year) for m in nlp(text)._.law_mentions]


# text -> the (name, year) mentions expected, in order
CASES = [
    # 2017 phrasing
    (
        "The government prohibits all forms of trafficking through its comprehensive "
        "Trafficking in Persons (Prevention, Suppression, and Punishment) Act.",
        [("Trafficking in Persons (Prevention, Suppression, and Punishment) Act", None)],
    ),
    (
        "In addition, the Child Care and Protection Act of 2004 prohibits child trafficking.",
        [("Child Care and Protection Act", 2004)],
    ),
    (
        "Article 7 of the Prostitution Prevention Law criminalizes forced prostitution.",
        [("Prostitution Prevention Law", None)],
    ),
    (
        "The 2008 anti-trafficking law prohibits all forms of trafficking.",
        [("anti-trafficking law", 2008)],
    ),
    (
        "Decree No. 1-11-164 and the anti-trafficking law 27.14 provide some protections.",
        [("Decree No. 1-11-164", None), ("anti-trafficking law 27.14", None)],
    ),
    (
        "Articles 128 and 135 of the penal code criminalize sex and labor trafficking.",
        [("penal code", None)],
    ),
    (
        "Article 171 of the criminal code prohibits all forms of trafficking.",
        [("criminal code", None)],
    ),
    ("Article 10 of Morocco's labor code prohibits forced labor.", [("labor code", None)]),
    (
        "Amendments to the penal procedural code made in 2015 allow victims to seek compensation.",
        [("penal procedural code", None)],
    ),
    (
        "Withholding passports is a crime under Jordan’s passport law.",
        [("passport law", None)],
    ),
    (
        "In April 2014, officials enacted the Criminal Justice Act, which may be used.",
        [("Criminal Justice Act", 2014)],
    ),
    (
        "The Law on Preventing and Combating the Trafficking of People, enacted in 2008, "
        "prohibits recruiting.",
        [("Law on Preventing and Combating the Trafficking of People", 2008)],
    ),
    (
        "Law 2012-023 Relating to the Combat against Trafficking in Persons and Similar "
        "Practices criminalizes all forms of trafficking.",
        [
            (
                "Law 2012-023 Relating to the Combat against Trafficking in Persons and Similar "
                "Practices",
                2012,
            )
        ],
    ),
    (
        "Law No. 2014-040, effective 2014, broadened the scope of the law.",
        [("Law No. 2014-040", 2014)],
    ),
    (
        "The anti-trafficking law, law number 6/2008 within the penal code, criminalizes it.",
        [("law number 6/2008", 2008), ("law number 6/2008", 2008), ("penal code", None)],
    ),
    (
        "The 2007 Anti-Trafficking in Persons Act—amended in 2010 and 2015—prohibits it.",
        [("Anti-Trafficking in Persons Act", 2007)],
    ),
    (
        "The definition of trafficking in the 2011 children's protection and welfare act "
        "requires the use of deception.",
        [("children's protection and welfare act", 2011)],
    ),
    (
        "The Mexican Congress approved a Crime Victim's Law in December 2016.",
        [("Crime Victim's Law", None)],
    ),
    (
        "In November 2016, the government passed the Act on Proper Technical Intern Training "
        "and Protection of Technical Intern Trainees (TITP reform law), which seeks to help.",
        [
            (
                "Act on Proper Technical Intern Training and Protection of Technical Intern "
                "Trainees",
                2016,
            )
        ],
    ),
    (
        'Defendants were convicted under article 4 of the "Act on Punishment of Activities '
        "Relating to Child Prostitution and Child Pornography, and the Protection of "
        'Children." The government continued.',
        [
            (
                "Act on Punishment of Activities Relating to Child Prostitution and Child "
                "Pornography, and the Protection of Children",
                None,
            )
        ],
    ),
    (
        "Amend the Prevention of Human Trafficking Act (PHTA) to refine the definition.",
        [("Prevention of Human Trafficking Act", None)],
    ),
    (
        "Article 15 of the code on children prohibits forced child labor.",
        [("code on children", None)],
    ),
    (
        "Prosecutors trained under the Yugoslav criminal code needed training on the Kosovo "
        "criminal code.",
        [("Yugoslav criminal code", None), ("Kosovo criminal code", None)],
    ),
    # later years' phrasing
    (
        "The Anti-Trafficking in Persons Act, 2020 criminalized sex trafficking and labor "
        "trafficking.",
        [("Anti-Trafficking in Persons Act", 2020)],
    ),
    (
        "The Law on Combating Trafficking in Human Beings was passed in 2005.",
        [("Law on Combating Trafficking in Human Beings", 2005)],
    ),
    # a numbered law's "of 2012" is part of its number (issue #12: the whole title is the name)
    ("Law 26.842 of 2012 criminalized all forms of trafficking.", [("Law 26.842 of 2012", 2012)]),
    (
        "Law No. 22 of 2017 on Combating Trafficking in Persons criminalized sex trafficking.",
        [("Law No. 22 of 2017 on Combating Trafficking in Persons", 2017)],
    ),
    (
        "Federal Law No. (51) of 2006 criminalized all forms of trafficking.",
        [("Federal Law No. (51) of 2006", 2006)],
    ),
    ("Royal Decree No. 126/2008 criminalized trafficking.", [("Royal Decree No. 126/2008", 2008)]),
    ("Act No. 4 of 2019 applied.", [("Act No. 4 of 2019", 2019)]),
    ("Amend Law 26.364 to define trafficking.", [("Law 26.364", None)]),
    ("Recommendations: Amend Law 26.364 to define trafficking.", [("Law 26.364", None)]),
    (
        "Presidential decree 1069 of 2014 clarified the law.",
        [("Presidential decree 1069 of 2014", 2014)],
    ),
    (
        "The Prevention and Combating of Trafficking in Persons Act (Act No. 7 of 2013) applied.",
        [("Prevention and Combating of Trafficking in Persons Act", 2013)],
    ),
    (
        "The 2009 law, promulgated by Royal Decree No. M/40, applied.",
        [("Royal Decree No. M/40", None)],
    ),
    (
        "Law No. 2011/024 of 14 December 2011 on the Fight against Trafficking and Smuggling of "
        "Persons applied.",
        [
            (
                "Law No. 2011/024 of 14 December 2011 on the Fight against Trafficking and "
                "Smuggling of Persons",
                2011,
            )
        ],
    ),
    # an apposed title is the same statute; a list is not
    (
        "Law 263 of 2012, the Comprehensive Law against Trafficking and Smuggling of Persons, "
        "criminalized trafficking.",
        [("Law 263 of 2012", 2012), ("Law 263 of 2012", 2012)],
    ),
    (
        "Law 263 of 2012, the Penal Code, and the Labor Code applied.",
        [("Law 263 of 2012", 2012), ("Penal Code", None), ("Labor Code", None)],
    ),
    (
        "Law No. 1 of 2008 with Respect to Trafficking in Persons criminalized it.",
        [("Law No. 1 of 2008 with Respect to Trafficking in Persons", 2008)],
    ),
    (
        "Proclamation 909/2015 criminalized labor and sex trafficking.",
        [("Proclamation 909/2015", 2015)],
    ),
    (
        "Decree-Law 12/2020 amended the Labor Code.",
        [("Decree-Law 12/2020", 2020), ("Labor Code", None)],
    ),
    (
        "The Criminal Code of the Republic of Kazakhstan prohibits forced labor.",
        [("Criminal Code", None)],
    ),
    (
        "The 2014 Trafficking in Persons (Prohibition) Enforcement and Administration Act "
        "prohibited all forms of trafficking.",
        [("Trafficking in Persons (Prohibition) Enforcement and Administration Act", 2014)],
    ),
    (
        "Traffickers were prosecuted under the Crimes Ordinance and the Immigration Ordinance.",
        [("Crimes Ordinance", None), ("Immigration Ordinance", None)],
    ),
    (
        "The Juvenile Justice (Care and Protection of Children) Act of 2015 protects children.",
        [("Juvenile Justice (Care and Protection of Children) Act", 2015)],
    ),
    (
        "The Law Against Sexual Violence, Exploitation, and Trafficking in Persons "
        "criminalized labor trafficking.",
        [("Law Against Sexual Violence, Exploitation, and Trafficking in Persons", None)],
    ),
    (
        "The anti-trafficking law (Law 19.410) prescribes penalties of six to 10 years.",
        [("Law 19.410", None)],
    ),
    (
        "Amendments to the Law on Social Protection adopted in 2019 expanded services.",
        [("Law on Social Protection", None)],
    ),
    (
        "The government relied on the law on combating trafficking in persons.",
        [("law on combating trafficking in persons", None)],
    ),
    (
        "The 2007 TIP law prohibits all forms of trafficking, and the TIP law was amended.",
        [("TIP law", 2007), ("TIP law", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_law_mentions(nlp: Language, text: str, expected: list[tuple[str, int | None]]) -> None:
    assert _found(nlp, text) == expected


NOT_LAWS = [
    "Under Italian law, asylum-seekers are not allowed to work.",
    "The government maintained robust anti-trafficking law enforcement efforts.",
    "In 2002, the government passed a new law that provides penalties of up to 20 years.",
    "Kenya acceded to the 2000 UN TIP Protocol and ratified ILO Convention 189.",
    "The law does not define trafficking; other laws and the anti-trafficking laws apply.",
    "The Ministry of Law and Gender chaired the committee.",
    "The companies signed the Tourism Code of Conduct against Commercial Sexual Exploitation.",
    "Her mother-in-law was arrested after by-laws were adopted.",
    "It is a criminal act of trafficking; the act of recruitment suffices.",
    "The Law Enforcement Unit investigated 12 cases.",
]


@pytest.mark.parametrize("text", NOT_LAWS, ids=[t[:40] for t in NOT_LAWS])
def test_not_a_law(nlp: Language, text: str) -> None:
    assert _found(nlp, text) == []


PENALTIES = [
    (
        "Albania prohibits trafficking through Article 110(a) of its criminal code, which "
        "prescribes penalties of five to 15 years.",
        "five to 15 years",
    ),
    (
        "The Child Welfare Act prescribes sentences of up to 10 years imprisonment.",
        "up to 10 years imprisonment",
    ),
    (
        "The Prevention and Suppression of Human Trafficking Act of 2012 prescribes penalties "
        "of five to 20 years' imprisonment.",
        "five to 20 years' imprisonment",
    ),
    (
        "Under the Protection of Children from Sexual Offences Act (POCSO), penalties range "
        "from seven years to life imprisonment.",
        "seven years to life imprisonment",
    ),
    (
        "Article 188 of the penal code criminalized sex trafficking and prescribed penalties "
        "of three to six years’ imprisonment and a fine.",
        "three to six years’ imprisonment",
    ),
]


@pytest.mark.parametrize(("text", "penalty"), PENALTIES, ids=[p[1] for p in PENALTIES])
def test_penalty(nlp: Language, text: str, penalty: str) -> None:
    (mention,) = nlp(text)._.law_mentions
    assert mention.penalty == penalty


def test_penalty_goes_to_the_law_before_it(nlp: Language) -> None:
    doc = nlp(
        "The labor code applies, and the Trafficking Act prescribes penalties of up to 15 "
        "years imprisonment. The penal code prescribes up to 20 years imprisonment for rape."
    )
    assert [(m.name, m.penalty) for m in doc._.law_mentions] == [
        ("labor code", None),
        ("Trafficking Act", "up to 15 years imprisonment"),
        ("penal code", "up to 20 years imprisonment"),
    ]


def test_offsets_index_the_doc_text(nlp: Language) -> None:
    text = "In 2016, Kenya's 2010 Counter-Trafficking in Persons Act and the penal code applied."
    doc = nlp(text)
    assert [text[m.start : m.end] for m in doc._.law_mentions] == [
        "Counter-Trafficking in Persons Act",
        "penal code",
    ]


def test_mentions_do_not_overlap(nlp: Language, sample_build: BuildResult) -> None:
    """Over every section of the sample, as the real reader cuts and repairs them."""
    for facts in sample_build.facts:
        for section in facts.narrative.sections:
            mentions = nlp(section.clean)._.law_mentions
            for a, b in pairwise(mentions):
                assert a.end <= b.start, (a, b)


def test_no_sentence_boundaries_needed() -> None:
    bare = spacy.blank("en")
    bare.add_pipe("tip_laws")
    text = "Article 5 of the Labor Standards Act prohibits forced labor. The penal code too."
    assert [m.name for m in bare(text)._.law_mentions] == ["Labor Standards Act", "penal code"]


def test_component_can_be_added_twice() -> None:
    # the Doc extension is registered once and both pipelines work
    for _ in range(2):
        pipe = spacy.blank("en")
        pipe.add_pipe("tip_laws")
        assert pipe("the penal code")._.law_mentions[0].name == "penal code"


def test_words_glue_hyphens_and_keep_possessives() -> None:
    doc = spacy.blank("en")("Jordan’s anti-trafficking law 27.14 (U.S. text)")
    expected = ["Jordan", "’s", "anti-trafficking", "law", "27.14", "(", "U.S.", "text", ")"]
    assert [w.text for w in words_of(doc)] == expected


# -- resolution ---------------------------------------------------------------------------


def _sent(index: int) -> Sentence:
    return Sentence(index, index * 100, index * 100 + 99, "x", "x", "prosecution")


def _mention(name: str, year: int | None = None, penalty: str | None = None) -> LawMention:
    return LawMention(name, year, penalty, 0, len(name))


RESOLVE = [
    # descriptions fold into the titled trafficking statute
    (
        [
            ("Counter-Trafficking in Persons Act", 2010),
            ("anti-trafficking law", None),
            ("anti-trafficking act", None),
        ],
        [("Counter-Trafficking in Persons Act", 2010)],
    ),
    # ... by year when there are several titled statutes
    (
        [
            ("Anti-Trafficking Law No. 2007-038", 2007),
            ("Law No. 2014-040", 2014),
            ("anti-trafficking law", 2014),
            ("anti-trafficking law", 2007),
        ],
        [("Anti-Trafficking Law No. 2007-038", 2007), ("Law No. 2014-040", 2014)],
    ),
    # the same-named mentions merge and keep the year
    (
        [("Sexual Offenses Act", 2006), ("Sexual Offenses Act", None)],
        [("Sexual Offenses Act", 2006)],
    ),
    # criminal code and penal code are one code
    ([("criminal code", None), ("penal code", None), ("penal code", None)], [("penal code", None)]),
    # the own-country prefix goes; another state's code stays
    (
        [("criminal code", None), ("Kosovo criminal code", None), ("Yugoslav criminal code", None)],
        [("criminal code", None), ("Yugoslav criminal code", None)],
    ),
    # descriptions alone: the year-giving form names them, without a jurisdiction word
    (
        [("national anti-trafficking law", 2005), ("anti-trafficking law", None)],
        [("anti-trafficking law", 2005)],
    ),
    (
        [("anti-trafficking law", None), ("anti-human trafficking law", 2009)],
        [("anti-human trafficking law", 2009)],
    ),
    # a bare "2005 law" joins its year's statute; "the federal law" with no year is dropped
    (
        [("Act to Ban Trafficking in Persons", 2005), ("law", 2005), ("federal law", None)],
        [("Act to Ban Trafficking in Persons", 2005)],
    ),
    # a US statute cited by name is not the country's trafficking law
    (
        [("anti-trafficking law", 2016), ("Trafficking Victims Protection Act", None)],
        [("anti-trafficking law", 2016), ("Trafficking Victims Protection Act", None)],
    ),
    # "the trafficking law" with no year only points to a statute named otherwise
    ([("criminal code", None), ("trafficking law", None)], [("criminal code", None)]),
    # a shorter description of a longer one, unless the years differ
    (
        [("children's protection and welfare act", 2011), ("children's welfare act", None)],
        [("children's protection and welfare act", 2011)],
    ),
    (
        [("labor law", 2010), ("domestic labor law", 2015)],
        [("labor law", 2010), ("domestic labor law", 2015)],
    ),
    # a number names one law: "Law 22", "Law No. 22" and "the 2017 law" are Law No. 22 of 2017
    (
        [
            ("Law No. 22 of 2017 on Combating Trafficking in Persons", 2017),
            ("law", 2017),
            ("Law 22", None),
            ("Law No. 22", None),
        ],
        [("Law No. 22 of 2017 on Combating Trafficking in Persons", 2017)],
    ),
    (
        [("Law 8/2012 on Preventing and Combating Human Trafficking", 2012), ("Law 8/2012", 2012)],
        [("Law 8/2012 on Preventing and Combating Human Trafficking", 2012)],
    ),
    # ... but not a law with another number or another year
    (
        [("Law No. 1 of 2008", 2008), ("Law No. 12 of 2008", 2008), ("Law No. 1", 2015)],
        [("Law No. 1 of 2008", 2008), ("Law No. 12 of 2008", 2008), ("Law No. 1", 2015)],
    ),
]


@pytest.mark.parametrize(("given", "expected"), RESOLVE, ids=[str(r[1])[:60] for r in RESOLVE])
def test_resolve(
    given: list[tuple[str, int | None]], expected: list[tuple[str, int | None]]
) -> None:
    pairs = [(_mention(name, year), _sent(i)) for i, (name, year) in enumerate(given)]
    country = "XKX" if any("Kosovo" in n for n, _ in given) else "KEN"
    assert [(law.name, law.year) for law in resolve_laws(pairs, country)] == expected


def test_resolve_records() -> None:
    s0, s1, s2 = _sent(0), _sent(1), _sent(2)
    pairs = [
        (_mention("Trafficking in Persons Act", 2015, "up to 14 years imprisonment"), s0),
        (_mention("anti-trafficking law"), s0),
        (_mention("Trafficking in Persons Act", None, "up to 14 years imprisonment"), s2),
        (_mention("anti-trafficking act", None, "a fine"), s1),
    ]
    (law,) = resolve_laws(pairs, "MWI")
    assert law.name == "Trafficking in Persons Act"
    assert law.year == 2015
    assert law.jurisdiction == "MWI"
    assert law.sentences == [s0, s1, s2]
    assert law.penalties == ["up to 14 years imprisonment", "a fine"]


def test_resolve_nothing() -> None:
    assert resolve_laws([], None) == []


# The dev-gold regression of this extractor is tests/test_gold.py: the real reader and
# pipeline, scored by the evaluation's own scorer, with floors no lower than the ones kept here
# before.
