"""The Python API (``import tipgraph``): values for notebooks, and the README's example."""

from __future__ import annotations

import doctest
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pytest
from rdflib import Graph

import tipgraph
from tipgraph.core.errors import InputError, QueryError
from tipgraph.graph.serialize import serialize

if TYPE_CHECKING:
    from tipgraph.pipeline.build import BuildResult

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "flows_small.ttl"


def test_query_gives_rows_of_python_values() -> None:
    graph = tipgraph.load(SMALL)
    assert isinstance(graph, Graph) and len(graph) > 0
    rows = tipgraph.query(graph, "flows-into", country="USA")
    assert rows and all(isinstance(row, dict) for row in rows)
    assert list(rows[0]) == ["year", "statedBy", "origin", "originLabel", "forms", "victims",
                             "sentences", "flow"]
    assert isinstance(rows[0]["year"], int) and isinstance(rows[0]["sentences"], int)
    assert rows[0]["flow"].startswith("https://w3id.org/tipgraph/id/")
    # a path works as well as a graph, and parameters may come as a mapping or as ints
    assert tipgraph.query(SMALL, "flows-into", {"country": "USA"}) == rows
    assert tipgraph.query(SMALL, "tier-table", year=2018) == [
        row for row in tipgraph.query(graph, "tier-table") if row["year"] == 2018]


def test_query_errors_keep_their_codes() -> None:
    with pytest.raises(QueryError) as caught:
        tipgraph.query(SMALL, "flows-into")
    assert caught.value.code == "E504"
    with pytest.raises(QueryError) as caught:
        tipgraph.query(SMALL, "no-such-query")
    assert caught.value.code == "E501"


def test_network_is_a_networkx_multidigraph_with_the_filters() -> None:
    everything = tipgraph.network(SMALL)
    assert isinstance(everything, nx.MultiDiGraph) and everything.number_of_edges() > 0
    only_2018 = tipgraph.network(SMALL, years=[2018])
    assert 0 < only_2018.number_of_edges() < everything.number_of_edges()


def test_dataframe_with_pandas_and_a_clear_error_without(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    pandas = pytest.importorskip("pandas")
    frame = tipgraph.query_frame(SMALL, "flows-into", country="USA")
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(tipgraph.query(SMALL, "flows-into", country="USA"))
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if it were not installed
    with pytest.raises(QueryError) as caught:
        tipgraph.query_frame(SMALL, "flows-into", country="USA")
    assert caught.value.code == "E562" and "pip install pandas" in caught.value.message


def test_build_from_text() -> None:
    graph = tipgraph.build(text="JAMAICA: TIER 2\n\nThe government identified 8 victims "
                                "in 2016.\n", year=2017)
    rows = tipgraph.query(graph, "tier-table")
    assert [(row["country"], row["year"]) for row in rows] == [("JAM", 2017)]
    with pytest.raises(InputError) as caught:
        tipgraph.build(SMALL, text="JAMAICA: TIER 2\n")
    assert caught.value.code == "E128"


def test_importing_tipgraph_loads_nothing_heavy() -> None:
    import subprocess

    code = ("import sys, tipgraph, tipgraph.core;"
            "print([m for m in ('rdflib', 'spacy', 'networkx') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
    assert "query" in dir(tipgraph) and tipgraph.__version__


def test_the_readme_example_runs_on_the_sample(sample_build: BuildResult, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Python API.*?^```python\n(.*?)^```", readme, re.S | re.M)
    assert section is not None, "README has no '## Python API' section with a python block"
    (tmp_path / "sample.ttl").write_bytes(serialize(sample_build.union, "turtle"))
    monkeypatch.chdir(tmp_path)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(section.group(1), {}, "README Python API", "README.md", 0)
    assert test.examples, "the README example has no >>> lines"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, "the README's Python API example does not answer as shown"
