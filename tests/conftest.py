"""Shared fixtures: the sample graph is built once per test session (it takes seconds)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult


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
