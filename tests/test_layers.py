"""Layers import downward only, and no modules import each other in a loop.

The design-card folders are mapped into ``tipgraph`` by pyproject's ``package-dir``, so tools
that follow imports cannot see the imports between them; this test reads every module's
imports with ``ast`` instead (every ``import``, at module level or inside a function: a lazy
import is still a dependency) and checks them against the order of the layers, the one the
README's Layout section gives. A module may import its own layer and the layers below it.

Run as a script it prints the package-level import graph (which package imports which):
``python tests/test_layers.py``.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The layers, lowest first; packages on one rank may not import each other either
#: (queries, exports and serve stand side by side above the pipeline).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",), ("ontology",), ("extract",), ("graph",), ("shapes",), ("pipeline",),
    ("queries", "exports", "serve"), ("cli",), ("api",),
)
RANK = {package: rank for rank, names in enumerate(LAYERS) for package in names}


def source_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every ``tipgraph`` module of the source tree, by dotted name, through ``package-dir``."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    modules: dict[str, Path] = {}
    for package, folder in config["tool"]["setuptools"]["package-dir"].items():
        for path in sorted((root / folder).rglob("*.py")):
            parts = [p for p in path.relative_to(root / folder).with_suffix("").parts
                     if p != "__init__"]
            modules[".".join([package, *parts])] = path
    return modules


def imported_names(path: Path, module: str) -> Iterator[tuple[str, bool]]:
    """Names ``path`` imports (absolute), each with whether it is at module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    top = {id(node) for node in tree.body}
    here = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, id(node) in top
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here[:len(here) - node.level + 1])
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            yield name, id(node) in top
            for alias in node.names:
                yield f"{name}.{alias.name}", id(node) in top


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the tipgraph modules it imports (a package's ``__init__`` counts as one)."""
    edges: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = {name for name, _ in imported_names(path, module) if name in modules}
        edges[module] = targets - {module}
    return edges


def package_of(module: str) -> str:
    """``tipgraph.graph.load`` -> ``graph``; the package ``tipgraph`` itself (folder ``api/``:
    ``tipgraph``, ``tipgraph.api``, ``tipgraph.__main__``) -> ``api``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK and parts[1] != "api" else "api"


def package_graph(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """Package -> the other packages it imports."""
    out: dict[str, set[str]] = {}
    for module, targets in edges.items():
        for target in targets:
            if package_of(target) != package_of(module):
                out.setdefault(package_of(module), set()).add(package_of(target))
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    """``a imports b`` for every import of a package ranked above (or beside) the importer."""
    wrong = []
    for module in sorted(edges):
        for target in sorted(edges[module]):
            mine, theirs = package_of(module), package_of(target)
            if mine != theirs and RANK[theirs] >= RANK[mine]:
                wrong.append(f"{module} imports {target} ({theirs} is not below {mine})")
    return wrong


def test_every_package_has_a_layer() -> None:
    packages = {package_of(m) for m in source_modules()}
    assert packages == set(RANK), f"give these a layer: {sorted(packages ^ set(RANK))}"


def test_layers_import_downward_only() -> None:
    assert upward_imports(import_graph(source_modules())) == []


def test_no_import_cycles_between_modules() -> None:
    """No two files import each other, directly or round a longer loop, lazily or not."""
    assert cycles(import_graph(source_modules())) == []


def test_no_import_cycles_between_modules_at_module_level() -> None:
    """The loops Python itself trips over: imports at the top of a module only."""
    modules = source_modules()
    edges = {m: {name for name, top in imported_names(p, m) if top and name in modules} - {m}
             for m, p in modules.items()}
    assert cycles(edges) == []


def test_no_import_cycles_between_packages() -> None:
    assert cycles(package_graph(import_graph(source_modules()))) == []


def test_the_checks_find_what_they_guard(tmp_path: Path) -> None:
    """The test would fail on a loop and on an upward import (a tree made for the purpose)."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.setuptools.package-dir]\n"tipgraph.core" = "core"\n"tipgraph.graph" = "graph"\n',
        encoding="utf-8")
    for folder, files in {"core": {"__init__.py": "", "a.py": "from tipgraph.graph import b\n"},
                          "graph": {"__init__.py": "", "b.py": "def f():\n"
                                    "    from tipgraph.graph import c\n",
                                    "c.py": "from . import b\nimport tipgraph.core.a\n"}}.items():
        (tmp_path / folder).mkdir()
        for name, text in files.items():
            (tmp_path / folder / name).write_text(text, encoding="utf-8")
    edges = import_graph(source_modules(tmp_path))
    assert upward_imports(edges) == [
        "tipgraph.core.a imports tipgraph.graph (graph is not below core)",
        "tipgraph.core.a imports tipgraph.graph.b (graph is not below core)"]
    assert cycles(edges) == [["tipgraph.core.a", "tipgraph.graph.b", "tipgraph.graph.c"]]
    assert cycles(package_graph(edges)) == [["core", "graph"]]


if __name__ == "__main__":
    graph = package_graph(import_graph(source_modules()))
    for package in sorted(graph, key=lambda p: (RANK.get(p, 99), p)):
        below = sorted(graph[package], key=lambda p: (RANK.get(p, 99), p))
        sys.stdout.write(f"{package} -> {', '.join(below)}\n")
