"""The installed package is ``tipgraph`` alone, with its data files, in both install modes."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_source_folder_with_python_is_a_listed_package() -> None:
    """setuptools silently drops a sub-folder that is not listed in ``packages``."""
    listed = set(SETUPTOOLS["packages"])
    for package, folder in SETUPTOOLS["package-dir"].items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder)
            name = ".".join([package, *rel.parts]) if rel.parts else package
            assert name in listed, f"{name} ({init.parent}) is missing from [tool.setuptools]"


def test_no_top_level_module_named_like_a_layer() -> None:
    for package in SETUPTOOLS["packages"]:
        assert package == "tipgraph" or package.startswith("tipgraph."), package


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("tipgraph-*.whl"))


def test_wheel_holds_package_data_and_only_tipgraph(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"tipgraph"}
    for needed in ("tipgraph/ontology/tipgraph.ttl",
                   "tipgraph/extract/sample/tip-2017-jamaica-namibia.txt",
                   "tipgraph/extract/gazetteer/countries.tsv",
                   "tipgraph/extract/gazetteer/regions.tsv",
                   "tipgraph/cli/main.py",
                   "tipgraph/pipeline/build.py",
                   "tipgraph/exports/flowmap.html", "tipgraph/exports/flowmap.js",
                   "tipgraph/exports/flowmap.css", "tipgraph/exports/world.json"):
        assert needed in names, needed
    assert any(n.startswith("tipgraph/shapes/") and n.endswith(".ttl") for n in names)
    assert any(n.startswith("tipgraph/queries/") and n.endswith(".rq") for n in names)
    assert any(n.startswith("tipgraph/extract/patterns/") and n.endswith(".jsonl")
               for n in names)


def test_wheel_imports_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    """Unpacked alone, the wheel builds the sample's ontology and reads its data."""
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(tmp_path / "site")
    code = ("import tipgraph.ontology as o, tipgraph.extract.sample as s;"
            "import tipgraph.pipeline.build, tipgraph.exports.flowmap as f, tipgraph.serve.app;"
            "assert len(o.ontology_graph()) > 100; assert 'JAMAICA: TIER 2' in s.sample_text();"
            "assert 'svg' in f._asset('flowmap.js');"
            "print(o.__file__)")
    # -S: no site module, so the editable install's import hook cannot answer for tipgraph;
    # the venv's packages come in through PYTHONPATH, after the unpacked wheel.
    path = os.pathsep.join([str(tmp_path / "site"), sysconfig.get_paths()["purelib"]])
    done = subprocess.run([sys.executable, "-S", "-c", code], cwd=tmp_path, check=True,
                          capture_output=True, text=True,
                          env={"PYTHONPATH": path, "PATH": "/usr/bin:/bin"})
    assert str(tmp_path / "site") in done.stdout


def test_extract_layer_does_not_import_rdflib() -> None:
    """Layers run one way: extract knows spaCy and records, never RDF."""
    code = ("import sys, tipgraph.extract.pipeline, tipgraph.extract.reader, "
            "tipgraph.extract.pdftext, tipgraph.extract.htmltext, tipgraph.extract.source;"
            "assert 'rdflib' not in sys.modules, 'rdflib imported by tipgraph.extract'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT / "tests")


def test_every_pipeline_component_is_a_spacy_factories_entry_point() -> None:
    """``spacy.load`` finds tipgraph's components without importing tipgraph first."""
    from tipgraph.extract.pipeline import COMPONENTS

    declared = PYPROJECT["project"]["entry-points"]["spacy_factories"]
    assert set(declared) == set(COMPONENTS)
    for target in declared.values():
        module, _, attr = target.partition(":")
        assert callable(getattr(__import__(module, fromlist=[attr]), attr)), target
