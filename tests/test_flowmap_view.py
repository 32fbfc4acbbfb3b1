"""The HTML flow map's view in headless Chromium at two window sizes: place labels never
overlap (the less connected one is hidden), arcs to the Pacific take the short way round,
and the map, its places and its arcs take the keyboard focus. Screenshots of both sizes are
kept in the test's temporary directory (recorded as the ``screenshot-*`` properties)."""

from __future__ import annotations

import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tipgraph.exports.network import flow_network
from tipgraph.exports.writers import export_network

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult

SIZES = ((1400, 900), (700, 900))


class _View(HTMLParser):
    """Labels (with their box and whether hidden), arcs and focusable elements of the DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[dict[str, str]] = []
        self.arcs: list[dict[str, str]] = []
        self.places: list[dict[str, str]] = []
        self.svg: dict[str, str] = {}
        self.ready = False
        self._place: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = values.get("class", "").split()
        if tag == "svg" and values.get("id") == "flowmap":
            self.svg = values
        elif tag == "g" and "place" in classes:
            self._place = values
            self.places.append(values)
        elif tag == "text" and self._place is not None:
            self.labels.append({**values, "place": self._place["data-place"]})
        elif tag == "path" and "arc" in classes:
            self.arcs.append(values)
        elif tag == "body":
            self.ready = values.get("data-flowmap") == "ready"

    def handle_endtag(self, tag: str) -> None:
        if tag == "g":
            self._place = None


@pytest.fixture(scope="module")
def page(sample_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("map") / "flowmap.html"
    path.write_bytes(export_network(flow_network(sample_build.union), "html"))
    return path


def render(chromium: str, page: Path, tmp_path: Path, size: tuple[int, int]
           ) -> tuple[_View, Path]:
    shot = tmp_path / f"flowmap-{size[0]}x{size[1]}.png"
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-extensions",
               f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={size[0]},{size[1]}",
               f"--screenshot={shot}", "--dump-dom", page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-2000:]
    view = _View()
    view.feed(done.stdout)
    assert view.ready, "the script did not finish"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return view, shot


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_labels_never_overlap_and_keep_their_screen_size(chromium: str, page: Path,
                                                         tmp_path: Path,
                                                         size: tuple[int, int],
                                                         record_property: Any) -> None:
    view, shot = render(chromium, page, tmp_path, size)
    record_property(f"screenshot-{size[0]}x{size[1]}", str(shot))
    shown = [lab for lab in view.labels if "label-hidden" not in lab.get("class", "").split()]
    hidden = [lab for lab in view.labels if "label-hidden" in lab.get("class", "").split()]
    assert hidden, "the sample's Europe and Middle East crowd: some labels must give way"
    assert len(shown) >= 20
    boxes = [[float(v) for v in lab["data-box"].split()] for lab in shown]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _overlap(a, b), (a, b)
    # the most connected place keeps its label
    top = max(view.places, key=lambda p: (int(p["data-degree"]), p["data-place"]))
    assert any(lab["place"] == top["data-place"] for lab in shown)
    # the font size is set in map units for a constant size on screen: the narrower window
    # (fewer pixels per map unit) gets the bigger number
    sizes = {float(lab["font-size"]) for lab in view.labels}
    assert len(sizes) == 1
    record_property(f"font-size-{size[0]}", sizes.pop())


def test_a_narrower_window_shows_fewer_labels_in_larger_map_units(chromium: str, page: Path,
                                                                  tmp_path: Path) -> None:
    wide, _ = render(chromium, page, tmp_path / "wide", SIZES[0])
    narrow, _ = render(chromium, page, tmp_path / "narrow", SIZES[1])

    def summary(view: _View) -> tuple[int, float]:
        shown = sum("label-hidden" not in lab.get("class", "") for lab in view.labels)
        return shown, float(view.labels[0]["font-size"])

    (wide_shown, wide_size), (narrow_shown, narrow_size) = summary(wide), summary(narrow)
    assert narrow_size > wide_size and narrow_shown < wide_shown


def test_an_arc_across_the_pacific_takes_the_short_way(chromium: str, page: Path,
                                                       tmp_path: Path) -> None:
    view, _ = render(chromium, page, tmp_path, SIZES[0])
    (arc,) = [a for a in view.arcs if (a["data-source"], a["data-target"]) == ("FSM", "USA")]
    parts = re.findall(r"M[^M]+", arc["d"])
    assert len(parts) == 2, arc["d"]  # off one edge, back in from the other
    for part in parts:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part)]
        start, end = numbers[0], numbers[-2]
        assert abs(end - start) < 500, part  # never across the whole map
    assert "clip-path" in page.read_text(encoding="utf-8")


def test_the_map_places_and_arcs_take_the_keyboard(chromium: str, page: Path,
                                                   tmp_path: Path) -> None:
    view, _ = render(chromium, page, tmp_path, SIZES[0])
    assert view.svg.get("tabindex") == "0"
    assert "ArrowLeft" in view.svg.get("aria-keyshortcuts", "")
    assert all(p.get("tabindex") == "0" and p.get("role") == "button" for p in view.places)
    assert all(a.get("tabindex") == "0" for a in view.arcs)
