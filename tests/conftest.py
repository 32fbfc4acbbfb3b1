"""Shared fixtures: the sample graph is built once per test session (it takes seconds)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tipgraph.graph.build import BuildResult


@pytest.fixture(scope="session")
def sample_build() -> BuildResult:
    """The built-in sample, built in memory with default settings.

    Imported here, not at module level, so test files that need no build do not pay for
    (or depend on) the whole pipeline.
    """
    from tipgraph.graph.build import build_graph

    return build_graph([None])
