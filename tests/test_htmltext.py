"""``tipgraph build page.html``: a saved narrative page reads as the narrative's text.

``tests/data/html`` holds pages in the shapes the narratives are published in on the web,
each with real (public-domain) text of the 2017 report, shortened to one paragraph a
section: Refworld's (``<p><strong>`` headings, a document-information table and a disclaimer
before the narrative), ecoi.net's (a windows-1252 page with menus, a country select list,
breadcrumbs and a sidebar), the State Department's 2009-2017 archive chapter page (two
narratives, section headings and their paragraph in one ``<p>`` split by ``<br>``, "Back to
Top" links, a left menu) and its current country page (banner, navigation, a figure with a
caption, related articles). Each must give the graph of the text it prints, kept beside it as
a ``.txt`` file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from tipgraph.cli.main import main
from tipgraph.extract.htmltext import html_to_text
from tipgraph.extract.sniff import sniff
from tipgraph.extract.source import read_source
from tipgraph.ontology import TIP
from tipgraph.pipeline.build import build_graph

DATA = Path(__file__).parent / "data" / "html"
PAGES = {
    "refworld-2017-jamaica.html": "jamaica-2017.txt",
    "ecoi-2017-jamaica.html": "jamaica-2017.txt",
    "state-archive-2017-chapter.html": "jamaica-japan-2017.txt",
    "state-gov-2017-jamaica.html": "jamaica-2017.txt",
}


def _facts(graph: Graph) -> dict[str, set[object]]:
    return {
        "narratives": {(n, graph.value(n, TIP.tier), graph.value(n, TIP.heading))
                       for n in graph.subjects(RDF.type, TIP.CountryNarrative)},
        "sections": set(graph.subjects(RDF.type, TIP.NarrativeSection)),
        "flows": {(f, frozenset(graph.objects(f, TIP.form)))
                  for f in graph.subjects(RDF.type, TIP.TraffickingFlow)},
        "sentences": {(s, graph.value(s, TIP.text), graph.value(s, TIP.paragraphIndex))
                      for s in graph.subjects(RDF.type, TIP.Sentence)},
        "laws": set(graph.subjects(RDF.type, TIP.Law)),
        "figures": {(graph.value(f, TIP.measure), graph.value(f, TIP.value))
                    for f in graph.subjects(RDF.type, TIP.Figure)},
    }


@pytest.fixture(scope="module")
def built() -> dict[str, Graph]:
    names = {*PAGES, *PAGES.values()}
    # The shortened texts alone would say 2018 (their latest statistic is "in 2017"); the
    # pages' titles say 2017: the comparison is of the narratives, so the year is given.
    return {name: build_graph([DATA / name], year=2017).union for name in sorted(names)}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("kind", ["narratives", "sections", "flows", "sentences", "laws",
                                  "figures"])
def test_page_gives_the_graph_of_its_text(built: dict[str, Graph], page: str,
                                          kind: str) -> None:
    expected = _facts(built[PAGES[page]])[kind]
    if kind != "laws":
        assert expected, kind
    assert _facts(built[page])[kind] == expected


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_chrome_is_not_in_the_text(page: str) -> None:
    text = html_to_text(page, (DATA / page).read_bytes()).text
    for chrome in ("Skip to main content", "Share on", "cookies", "Select a country",
                   "Afghanistan", "Back to Top", "Privacy", "ecoi.net", "Related Articles",
                   "Issues & Press", "official website", "dataLayer", "Disclaimer"):
        assert chrome not in text, chrome
    # The same blocks as the text, up to the tier's case and a heading's <br> (one newline).
    expected = (DATA / PAGES[page]).read_text(encoding="utf-8")
    assert re.sub(r"\n+(?=.)", "\n\n", text.replace(": Tier", ": TIER")) == expected


def test_section_heading_and_body_split_by_br_read_as_two_lines() -> None:
    text = html_to_text("p.html", b"<p><b>KENYA: TIER 2</b></p><p><strong>PROSECUTION"
                                  b"</strong><br>\n  The government   acted.</p>").text
    assert text == "KENYA: TIER 2\n\nPROSECUTION\nThe government acted.\n"


def test_captions_preamble_and_boxes_are_set_aside() -> None:
    page = DATA / "state-gov-2017-jamaica.html"
    converted = html_to_text(page.name, page.read_bytes())
    assert [(a.kind, a.page, a.text[:34]) for a in converted.asides] == [
        ("preamble", None, "2017 Trafficking in Persons Report"),
        ("preamble", None, "Jamaica"),
        ("box", None, "The 2017 Trafficking in Persons Re")]
    assert converted.asides[2].text.endswith("was released on June 27, 2017.")
    refworld = DATA / "refworld-2017-jamaica.html"
    preamble = html_to_text(refworld.name, refworld.read_bytes()).asides
    assert {a.kind for a in preamble} == {"preamble"}
    assert preamble[0].text == "2017 Trafficking in Persons Report - Jamaica"


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_page_title_names_the_year(page: str) -> None:
    """The text alone would be taken for 2018's; the titles (year first or last) say 2017."""
    assert build_graph([DATA / PAGES[page]], validate=False).summaries[0].year == 2018
    summary = build_graph([DATA / page], validate=False).summaries[0]
    assert (summary.year, summary.year_inferred) == (2017, True)


def test_declared_charset_is_honoured() -> None:
    page = DATA / "ecoi-2017-jamaica.html"
    assert b"\x92" in page.read_bytes()  # a windows-1252 apostrophe
    assert "Jamaica’s" in html_to_text(page.name, page.read_bytes()).text


@pytest.mark.parametrize(("data", "kind"), [
    (b"<!DOCTYPE html>\n<html>", "html"),
    (b"\xef\xbb\xbf  <!-- saved -->\n<HTML lang=en>", "html"),
    (b"<p>KENYA: TIER 2</p>", "html"),
    (b"KENYA: TIER 2\n\n<b>not markup at the start</b>", "text"),
    (b"%PDF-1.7", "pdf"),
])
def test_sniff_tells_the_format_by_content(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_a_page_saved_as_utf16_is_read() -> None:
    page = "<!DOCTYPE html><html><body><p>KENYA: TIER 2</p><p>Côte d'Ivoire.</p></body></html>"
    data = page.encode("utf-16")  # with its byte-order mark, as Windows saves it
    assert sniff(data) == "html"
    assert html_to_text("kenya.html", data).text == "KENYA: TIER 2\n\nCôte d'Ivoire.\n"


def test_a_page_saved_as_txt_is_still_read_as_html(tmp_path: Path) -> None:
    saved = tmp_path / "jamaica.txt"
    saved.write_bytes((DATA / "refworld-2017-jamaica.html").read_bytes())
    source = read_source(saved)
    assert source.text == (DATA / "jamaica-2017.txt").read_text(encoding="utf-8")
    assert source.pages is None


def no_narrative_pages(tmp: Path) -> dict[str, Path]:
    (tmp / "landing.html").write_text(
        "<!DOCTYPE html><html><head><title>Trafficking in Persons Report - United States "
        "Department of State</title></head><body><nav><a href='/'>Home</a></nav><main><h1>"
        "2017 Trafficking in Persons Report</h1><p>The Trafficking in Persons Report is the "
        "U.S. Government's principal diplomatic tool.</p><ul><li><a href='j'>Jamaica</a></li>"
        "</ul></main><footer>USA.gov</footer></body></html>", encoding="utf-8")
    (tmp / "chrome-only.html").write_text(
        "<html><body><nav>KENYA: TIER 2</nav><footer>Contact</footer></body></html>",
        encoding="utf-8")
    (tmp / "bare.html").write_text("<html></html>", encoding="utf-8")
    return {"landing": tmp / "landing.html", "chrome only": tmp / "chrome-only.html",
            "bare": tmp / "bare.html"}


@pytest.mark.parametrize("case", ["landing", "chrome only", "bare"])
def test_page_without_a_narrative_is_one_line_exit_2(case: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = no_narrative_pages(tmp_path)[case]
    out = tmp_path / "out.ttl"
    assert main(["build", str(path), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("tipgraph: E133: "), err
    assert path.name in err
    assert not out.exists()


def test_heading_run_into_its_paragraph_gets_a_line_of_its_own() -> None:
    text = html_to_text("p.html", b"<p><b>KENYA: TIER 2</b></p><p><strong>PROSECUTION</strong>"
                                  b" The government acted.</p><p><b>Kenya</b> is a source."
                                  b"</p>").text
    assert text == "KENYA: TIER 2\n\nPROSECUTION\nThe government acted.\n\nKenya is a source.\n"


# The 2022 report's Jamaica narrative as ecoi.net prints it (shortened): the recommendations
# are a list under "PRIORITIZED RECOMMENDATIONS:".
ECOI_2022 = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>2022 Trafficking in Persons Report: Jamaica | ecoi.net</title></head><body>
<nav class="navbar"><a href="/en/">ecoi.net</a></nav>
<article><h1>2022 Trafficking in Persons Report: Jamaica</h1>
<h2>JAMAICA: Tier 2</h2>
<p>The Government of Jamaica does not fully meet the minimum standards for the elimination of
trafficking but is making significant efforts to do so.</p>
<h3>PRIORITIZED RECOMMENDATIONS:</h3>
<ul><li>Fully implement the screening tools and NRM to increase proactive identification and
referral of suspected trafficking victims among vulnerable groups.</li>
<li>Increase efforts to provide more victims, whether identified in Jamaica or repatriated from
abroad, with comprehensive services.</li></ul>
</article><footer>ACCORD</footer></body></html>"""


def test_list_items_are_paragraphs_of_their_section(tmp_path: Path) -> None:
    page = tmp_path / "jamaica-2022.html"
    page.write_text(ECOI_2022, encoding="utf-8")
    result = build_graph([page], validate=False)
    assert (result.summaries[0].year, result.summaries[0].narratives) == (2022, 1)
    graph = result.union
    recommendations = [s for s in graph.subjects(RDF.type, TIP.Sentence)
                       if graph.value(s, TIP.inSection) == TIP.RecommendationsSection]
    assert sorted(graph.value(s, TIP.paragraphIndex).toPython() for s in recommendations) == [0, 1]


def test_an_articles_own_header_is_read() -> None:
    """The page's <header> is chrome; an article's <header> may hold the narrative heading."""
    page = (b"<html><body><header><nav>Home</nav><p>KENYA: TIER 3</p></header><main><article>"
            b"<header><h1>Kenya</h1><h2>KENYA: TIER 2</h2></header><p>It acted.</p></article>"
            b"</main></body></html>")
    converted = html_to_text("kenya.html", page)
    assert converted.text == "KENYA: TIER 2\n\nIt acted.\n"
    assert [(a.kind, a.text) for a in converted.asides] == [("preamble", "Kenya")]
