"""The HTML flow map in a real headless browser: it loads offline without console output,
draws one arc per flow of the network view, and its filters hide what the view's filters drop.

Chromium runs with networking features off and a fresh profile; ``--dump-dom`` prints the
DOM after the page's script ran, ``--enable-logging=stderr`` prints every console message
(``CONSOLE``) and uncaught exception, and ``--screenshot`` keeps a picture in the test's
temporary directory (its path is recorded as the ``screenshot`` property of the test).
"""

from __future__ import annotations

import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import networkx as nx
import pytest
from rdflib import Graph

from tipgraph.exports.network import flow_network
from tipgraph.exports.writers import export_network

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult

SMALL = Path(__file__).parent / "data" / "flows_small.ttl"
@pytest.fixture(scope="module")
def small() -> Graph:
    return Graph().parse(SMALL, format="turtle")


class _Dom(HTMLParser):
    """The arcs and places the script drew, and the page's status line, from the DOM dump."""

    def __init__(self) -> None:
        super().__init__()
        self.arcs: list[dict[str, str]] = []
        self.places: list[dict[str, str]] = []
        self.body: dict[str, str] = {}
        self.status = ""
        self.shown = ""
        self.details: list[str] = []
        self.options: dict[str, list[tuple[str, str]]] = {}
        self.ids: dict[str, dict[str, str]] = {}
        self._select: str | None = None
        self._option: str | None = None
        self._in: str | None = None
        self._details_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self._details_depth or values.get("id") == "details":
            self._details_depth += 1
        classes = values.get("class", "").split()
        if values.get("id"):
            self.ids[values["id"]] = values
        if tag == "select":
            self._select = values.get("id", "")
            self.options[self._select] = []
        elif tag == "option" and self._select is not None:
            self._option = values.get("value", "")
        if tag == "path" and "arc" in classes:
            self.arcs.append(values)
        elif tag == "g" and "place" in classes:
            self.places.append(values)
        elif tag == "body":
            self.body = values
        elif values.get("id") in {"status", "shown"}:
            self._in = values["id"]

    def handle_endtag(self, tag: str) -> None:
        self._in = None
        if tag == "select":
            self._select = None
        if self._details_depth:
            self._details_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._option is not None and self._select is not None:
            self.options[self._select].append((self._option, data.strip()))
            self._option = None
        if self._details_depth and data.strip():
            self.details.append(data.strip())
        if self._in == "status":
            self.status += data
        elif self._in == "shown":
            self.shown += data


def render(chromium: str, page: Path, tmp_path: Path, fragment: str = "",
           budget_ms: int | None = None) -> tuple[_Dom, str]:
    """Open the page in headless Chromium; return the DOM after its script ran and stderr.

    With budget_ms, Chromium runs the page's timers on a virtual clock for that long before
    the dump (the year player steps on a timer).
    """
    shot = tmp_path / "flowmap.png"
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-default-apps",
        f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
        "--window-size=1400,900", f"--screenshot={shot}", "--dump-dom",
        *([f"--virtual-time-budget={budget_ms}"] if budget_ms else []),
        page.as_uri() + fragment,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-2000:]
    dom = _Dom()
    dom.feed(done.stdout)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "no screenshot"
    return dom, done.stderr


def console_lines(stderr: str) -> list[str]:
    """Console messages and uncaught errors Chromium logged for the page."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def expected_arcs(net: nx.MultiDiGraph) -> set[str]:
    return {key for _, _, key in net.edges(keys=True)}


@pytest.mark.parametrize(("view", "fragment", "options"), [
    ({}, "", {}),
    ({}, "#form=labor", {"forms": ["labor"]}),
    ({}, "#form=sex&place=JAM", {"forms": ["sex"], "place": "JAM"}),
    ({}, "#place=LBY", {"place": "LBY"}),
    ({}, "#form=not-a-form", {}),  # an unknown filter value falls back to everything
    ({"rollup": True}, "#place=region-caribbean", {"place": "region-caribbean"}),  # a loop
])
def test_flowmap_draws_one_arc_per_flow_and_filters(
        chromium: str, small: Graph, tmp_path: Path, view: dict[str, Any], fragment: str,
        options: dict[str, Any], record_property: Any) -> None:
    net = flow_network(small, **view)
    page = tmp_path / "flowmap.html"
    page.write_bytes(export_network(net, "html"))
    dom, stderr = render(chromium, page, tmp_path, fragment)
    record_property("screenshot", str(tmp_path / "flowmap.png"))

    assert console_lines(stderr) == []
    assert dom.body.get("data-flowmap") == "ready", "the script did not finish"
    assert dom.status.strip() == ""
    # one arc per edge of the network view, each naming its flow
    assert len(dom.arcs) == net.number_of_edges()
    assert {a["data-flow"] for a in dom.arcs} == expected_arcs(net)
    assert all(a.get("d", "").startswith("M") for a in dom.arcs)
    assert len(dom.places) == net.number_of_nodes()

    # the arcs left visible are those the network view's filters keep
    place = options.pop("place", None)
    kept = flow_network(small, **view, **options)
    want = {k for u, v, k, d in kept.edges(keys=True, data=True)
            if place is None or place in (u, v, *d["via"])}
    visible = {a["data-flow"] for a in dom.arcs if "hidden" not in a["class"].split()}
    assert visible == want
    assert dom.shown.strip() == f"{len(want)} of {net.number_of_edges()} flows shown"

    # an arc's width grows with the number of sentences that state the flow
    width = {a["data-flow"]: float(a["stroke-width"]) for a in dom.arcs}
    support = {k: d["support"] for _, _, k, d in net.edges(keys=True, data=True)}
    ranked = sorted(width, key=lambda k: (support[k], width[k]))
    assert [width[k] for k in ranked] == sorted(width.values())
    assert max(width.values()) > min(width.values())


def test_flowmap_link_to_a_flow_shows_its_sentences(chromium: str, small: Graph,
                                                    tmp_path: Path) -> None:
    net = flow_network(small)
    (key, data), = [(k, d) for u, v, k, d in net.edges(keys=True, data=True)
                    if (u, v) == ("NGA", "ITA")]
    page = tmp_path / "flowmap.html"
    page.write_bytes(export_network(net, "html"))
    dom, stderr = render(chromium, page, tmp_path, "#flow=" + quote(key, safe=""))
    assert console_lines(stderr) == []
    assert dom.details[0] == "Nigeria \u2192 Italy"
    for text, iri in zip(data["texts"], data["sentences"], strict=True):
        assert text in dom.details and iri in dom.details
    assert "Libya, Spain" in dom.details  # the transit places, by name, in route order
    (active,) = [a for a in dom.arcs if "active" in a["class"].split()]
    assert active["data-flow"] == key


# ---------------------------------------------------------------------------- years
ARCHIVE = Path(__file__).parent / "data" / "archive"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    from rdflib import Dataset

    from tipgraph.cli.main import main

    out = tmp_path_factory.mktemp("archive") / "archive.nq"
    reports = sorted(str(p) for p in ARCHIVE.glob("tip-*-archive.txt"))
    assert main(["build", *reports, "-o", str(out), "-q"]) == 0
    dataset = Dataset(default_union=True)
    dataset.parse(out, format="nquads")
    return dataset


@pytest.mark.filterwarnings(r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated")
@pytest.mark.parametrize("year", [None, 2009, 2019])
def test_flowmap_year_control_shows_the_routes_of_that_year(
        chromium: str, archive: Graph, tmp_path: Path, year: int | None) -> None:
    net = flow_network(archive)
    page = tmp_path / "flowmap.html"
    page.write_bytes(export_network(net, "html"))
    fragment = "" if year is None else f"#year={year}"
    dom, stderr = render(chromium, page, tmp_path, fragment)
    assert console_lines(stderr) == []
    assert dom.body.get("data-flowmap") == "ready"
    # the control offers every report year of the graph, and all of them
    assert dom.options["year-filter"] == [("", "all years"), ("2005", "2005"), ("2009", "2009"),
                             ("2017", "2017"), ("2019", "2019")]
    assert len(dom.arcs) == net.number_of_edges()
    want = {k for _, _, k, d in net.edges(keys=True, data=True)
            if year is None or d["year"] == year}
    visible = {a["data-flow"] for a in dom.arcs if "hidden" not in a["class"].split()}
    assert visible == want and want
    assert dom.shown.strip() == f"{len(want)} of {net.number_of_edges()} flows shown"
    shown_places = {p["data-place"] for p in dom.places if "hidden" not in p["class"].split()}
    assert shown_places == {n for u, v, _, d in net.edges(keys=True, data=True)
                            if year is None or d["year"] == year for n in (u, v, *d["via"])}


@pytest.mark.filterwarnings(r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated")
def test_flowmap_details_show_the_years_of_a_route(chromium: str, archive: Graph,
                                                   tmp_path: Path) -> None:
    net = flow_network(archive)
    (key,) = [k for u, v, k, d in net.edges(keys=True, data=True)
              if (u, v, d["year"]) == ("MMR", "THA", 2009)]
    page = tmp_path / "flowmap.html"
    page.write_bytes(export_network(net, "html"))
    dom, stderr = render(chromium, page, tmp_path, "#year=2009&flow=" + quote(key, safe=""))
    assert console_lines(stderr) == []
    at = dom.details.index("route stated in")
    assert dom.details[at + 1] == "2005, 2009, 2017, 2019"
    assert dom.details[dom.details.index("report") + 1] == "2009"


def visible_years(dom: _Dom, net: nx.MultiDiGraph) -> set[int]:
    """The report years of the arcs the page shows."""
    year_of = {k: d["year"] for _, _, k, d in net.edges(keys=True, data=True)}
    return {year_of[a["data-flow"]] for a in dom.arcs if "hidden" not in a["class"].split()}


@pytest.mark.filterwarnings(r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated")
@pytest.mark.parametrize(("fragment", "text"), [("", "all years"), ("#year=2009", "2009"),
                                                 ("#year=1999", "all years")])
def test_flowmap_year_slider_follows_the_year_filter(
        chromium: str, archive: Graph, tmp_path: Path, fragment: str, text: str) -> None:
    page = tmp_path / "flowmap.html"
    page.write_bytes(export_network(flow_network(archive), "html"))
    dom, stderr = render(chromium, page, tmp_path, fragment)
    assert console_lines(stderr) == []
    slider, play = dom.ids["year-slider"], dom.ids["year-play"]
    # one stop for every year, then one per report year (2005, 2009, 2017, 2019)
    assert (slider["min"], slider["max"], slider["step"]) == ("0", "4", "1")
    assert slider["aria-valuetext"] == text
    assert "hidden" not in slider and "hidden" not in play
    assert play["aria-pressed"] == "false"


@pytest.mark.filterwarnings(r"ignore:(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated")
@pytest.mark.parametrize("start", ["", "year=2017&"])
def test_flowmap_play_shows_the_years_in_turn_and_stops_on_the_newest(
        chromium: str, archive: Graph, tmp_path: Path, start: str) -> None:
    net = flow_network(archive)
    page = tmp_path / "flowmap.html"
    page.write_bytes(export_network(net, "html"))
    # four steps of 1.5 s fit in the virtual 10 s; a player that looped would not stop on 2019
    dom, stderr = render(chromium, page, tmp_path, f"#{start}play=1", budget_ms=10_000)
    assert console_lines(stderr) == []
    assert visible_years(dom, net) == {2019}
    assert dom.ids["year-slider"]["aria-valuetext"] == "2019"
    assert dom.ids["year-play"]["aria-pressed"] == "false"
    assert dom.shown.strip().startswith(
        f"{sum(d['year'] == 2019 for *_, d in net.edges(keys=True, data=True))} of ")


def test_flowmap_of_one_year_has_no_year_player(chromium: str, sample_build: BuildResult,
                                                 tmp_path: Path) -> None:
    page = tmp_path / "flowmap.html"
    page.write_bytes(export_network(flow_network(sample_build.union), "html"))
    dom, stderr = render(chromium, page, tmp_path, "#play=1", budget_ms=5_000)
    assert console_lines(stderr) == []
    assert "hidden" in dom.ids["year-slider"] and "hidden" in dom.ids["year-play"]
    assert dom.body.get("data-flowmap") == "ready"
