"""Shared fixtures: the sample graph is built once per test session (it takes seconds)."""

from __future__ import annotations

import pytest

from tipgraph.graph.build import BuildResult, build_graph


@pytest.fixture(scope="session")
def sample_build() -> BuildResult:
    """The built-in sample, built in memory with default settings."""
    return build_graph([None])
