"""Shared fixtures: the sample graph is built once per test session (it takes seconds).

Extractor cases are data: a test marked ``@pytest.mark.cases("NAME.jsonl")`` is run once per
line of ``tests/data/cases/NAME.jsonl``, with the line's object as its ``case`` argument (id
``NAME.jsonl:LINE``); a line with an ``xfail`` field is a known miss, and that field says why
(strict: a fix must remove the field). Adding a case is adding a line.
"""

from __future__ import annotations

import http.server
import importlib.util
import json
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from rdflib import Dataset

    from tipgraph.pipeline.build import BuildResult

CASES = Path(__file__).resolve().parent / "data" / "cases"
ARCHIVE = Path(__file__).resolve().parent / "data" / "archive"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "cases(name): run the test once per line of tests/data/cases/NAME (as `case`)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise ``case`` with the rows of the file a ``cases`` marker names."""
    marker = metafunc.definition.get_closest_marker("cases")
    if marker is None:
        return
    name = marker.args[0]
    params = []
    for number, line in enumerate((CASES / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if "xfail" in row else []
        params.append(pytest.param(row, id=f"{name}:{number}", marks=marks))
    metafunc.parametrize("case", params)


@pytest.fixture(scope="session")
def sample_build() -> BuildResult:
    """The built-in sample, built in memory with default settings.

    Imported here, not at module level, so test files that need no build do not pay for
    (or depend on) the whole pipeline.
    """
    from tipgraph.pipeline.build import build_graph

    return build_graph([None])


@pytest.fixture(scope="session")
def report_pdf() -> ModuleType:
    """``benchmarks/report_pdf.py``: lays a report text out as the published two-column PDF.

    One module makes the PDFs of the tests and of the conversion benchmark, loaded by path
    because the benchmarks are scripts, not a package.
    """
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "report_pdf.py"
    spec = importlib.util.spec_from_file_location("report_pdf", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("report_pdf", module)
    spec.loader.exec_module(module)
    return module


#: Where a headless Chromium may be (Debian's chromium, or Playwright's headless shell).
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-headless-shell", "chromium",
                       "chromium-headless-shell")


@pytest.fixture(scope="session")
def chromium() -> str:
    """A headless Chromium for the flow map's browser tests: skipped where there is none,
    a failure in CI (``.ci/run`` installs Debian's chromium)."""
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is missing in CI: .ci/run installs Debian's chromium")
    pytest.skip("no chromium here (apt-get install chromium); CI installs it and runs this")


@pytest.fixture()
def loopback() -> Iterator[Callable[[type[http.server.BaseHTTPRequestHandler]], str]]:
    """Start a stub HTTP server on a free loopback port: ``loopback(Handler)`` gives its base
    URL (``http://127.0.0.1:PORT``); every server started is shut down after the test."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(handler: type[http.server.BaseHTTPRequestHandler]) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    try:
        yield start
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="session")
def four_years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Dataset]:
    """The four-year fixture (tests/data/archive: 2005, 2009, 2017, 2019) built once as a
    graph file and once as a store, and the file loaded: (N-Quads path, store, dataset).

    The across-year query tests compare both engines on it; read it, never change it.
    """
    import warnings

    from rdflib import Dataset

    from tipgraph.cli.main import main

    tmp = tmp_path_factory.mktemp("four-years")
    reports = [str(ARCHIVE / f"tip-{year}-archive.txt") for year in (2005, 2009, 2017, 2019)]
    out, store = tmp / "archive.nq", tmp / "store"
    assert main(["build", *reports, "-o", str(out), "-q"]) == 0
    assert main(["build", *reports, "--store", str(store), "-q"]) == 0
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"(Dataset\.[a-z_]+|ConjunctiveGraph) is deprecated")
        dataset = Dataset(default_union=True)
        dataset.parse(data=out.read_text(encoding="utf-8"), format="nquads")
    return out, store, dataset
