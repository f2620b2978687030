"""The house rules of the code base: no import cycles, ``mypy --strict`` clean, typed vocabularies.

- The modules of every package import one another without a cycle. The graph is built
  from the source with :mod:`ast`: every import counts, at module level or inside a
  function, except those under ``if TYPE_CHECKING:`` (never run).
- ``mypy --strict`` passes over all nine packages, found through a folder of symlinks
  named as the packages (README, "Type checking"), with the settings of pyproject.toml.
- The ``Literal`` vocabularies agree with the JSON Schema, and the bindings generator
  decides a module's imports from its parameters, not by searching the generated text.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import get_args

import pytest
from vrpcmds_differ.changes import KINDS, ChangeKind
from vrpcmds_generator.bindings import ModuleImports, render_package
from vrpcmds_generator.params import ParamSpec
from vrpcmds_model.record import Record, ValueType
from vrpcmds_runtime.values import Constraint

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

Graph = dict[str, dict[str, int]]  # module -> imported module -> line of the first such import


def package_dirs(repo: Path = REPO) -> dict[str, Path]:
    """Package name -> its folder, as pyproject.toml maps them."""
    config = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))
    return {name: repo / folder for name, folder in config["tool"]["setuptools"]["package-dir"].items()}


def modules(packages: dict[str, Path]) -> dict[str, Path]:
    """Module name -> file, for every module of the packages (sub-packages need an ``__init__``)."""
    out: dict[str, Path] = {}

    def visit(name: str, folder: Path) -> None:
        for path in sorted(folder.iterdir()):
            if path.is_dir() and (path / "__init__.py").is_file():
                visit(f"{name}.{path.name}", path)
            elif path.suffix == ".py":
                out[name if path.name == "__init__.py" else f"{name}.{path.stem}"] = path

    for name, folder in packages.items():
        visit(name, folder)
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: anywhere but in the body of ``if TYPE_CHECKING:``."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
        else:
            stack.extend(ast.iter_child_nodes(node))


def import_graph(known: dict[str, Path]) -> Graph:
    """Which module of ``known`` imports which (imports of anything else are left out)."""
    graph: Graph = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: dict[str, int] = {}
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            for target in _targets(node, package, known):
                if target != name:
                    edges.setdefault(target, node.lineno)
        graph[name] = edges
    return graph


def _targets(node: ast.Import | ast.ImportFrom, package: str, known: dict[str, Path]) -> list[str]:
    """The known modules an import statement loads: ``from m import x`` is ``m.x`` when that
    is a module, else ``m``; ``import a.b.c`` is the longest known prefix."""
    if isinstance(node, ast.Import):
        out = []
        for alias in node.names:
            parts = alias.name.split(".")
            while parts and ".".join(parts) not in known:
                parts.pop()
            out += [".".join(parts)] if parts else []
        return out
    if node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        module = ".".join([*base, *([node.module] if node.module else [])])
    else:
        module = node.module or ""
    found = [f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names]
    return [m for m in found if m in known]


def cycles(graph: Graph) -> list[list[str]]:
    """One cycle (a path back to its first module) per strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def connect(v: str) -> None:  # Tarjan; the graph is a few hundred modules deep at most
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return [_path_back(graph, min(group), group) for group in groups]


def _path_back(graph: Graph, start: str, group: set[str]) -> list[str]:
    """The shortest path from ``start`` back to itself inside one group (breadth first)."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for v in frontier:
            for w in sorted(graph[v]):
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if w in group and w not in came_from:
                    came_from[w] = v
                    following.append(w)
        frontier = following
    raise AssertionError(f"no path back to {start}")  # pragma: no cover - a group is strongly connected


def describe(graph: Graph, cycle: list[str]) -> str:
    return " -> ".join([cycle[0], *(f"{b} (line {graph[a][b]} of {a})" for a, b in pairwise(cycle))])


# -- import cycles -------------------------------------------------------------------------


def test_no_package_has_an_import_cycle() -> None:
    graph = import_graph(modules(package_dirs()))
    assert len(graph) > 50  # every package was read
    found = [describe(graph, c) for c in cycles(graph)]
    for line in found:
        print(f"import cycle: {line}")
    assert not found, "import cycles:\n" + "\n".join(found)


def test_the_cycle_finder_counts_function_level_imports_and_skips_type_checking(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from . import b\n")
    (pkg / "b.py").write_text("def f() -> None:\n    from .c import g\n")
    (pkg / "c.py").write_text("import pkg.a\n")
    (pkg / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .e import x\n")
    (pkg / "e.py").write_text("from pkg import d\n")
    graph = import_graph(modules({"pkg": pkg}))
    assert graph["pkg.b"] == {"pkg.c": 2}
    assert graph["pkg.d"] == {}
    assert [describe(graph, c) for c in cycles(graph)] == [
        "pkg.a -> pkg.b (line 1 of pkg.a) -> pkg.c (line 2 of pkg.b) -> pkg.a (line 1 of pkg.c)"
    ]


# -- mypy --strict ---------------------------------------------------------------------------


def test_mypy_strict_passes_on_every_package(tmp_path: Path) -> None:
    packages = package_dirs()
    assert len(packages) == 9
    root = tmp_path / "mypypath"
    root.mkdir()
    for name, folder in packages.items():
        (root / name).symlink_to(folder, target_is_directory=True)
    args = [arg for name in sorted(packages) for arg in ("-p", name)]
    result = subprocess.run(
        [BIN / "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), *args],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(root)},
        cwd=REPO,  # the [tool.mypy] settings of pyproject.toml
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- typed vocabularies ----------------------------------------------------------------------


def test_value_types_are_those_of_the_json_schema() -> None:
    schema = json.loads((REPO / "model" / "command.schema.json").read_text(encoding="utf-8"))
    allowed = schema["properties"]["parameters"]["items"]["properties"]["value"]["properties"]["type"]["enum"]
    assert list(get_args(ValueType)) == allowed


def test_change_kinds_are_listed_in_report_order() -> None:
    assert list(KINDS) == list(get_args(ChangeKind))


# -- the imports of a generated module ------------------------------------------------------


def _imported(source: str) -> dict[str, list[str]]:
    return {
        node.module or "": [a.name for a in node.names]
        for node in ast.parse(source).body
        if isinstance(node, ast.ImportFrom)
    }


def test_module_imports_follow_the_parameters() -> None:
    address = ParamSpec("value", "peer", arg="peer", constraint=Constraint(type="ipv6"))
    level = ParamSpec("value", "level", arg="level", constraint=Constraint(type="enum", choices=("a", "b")))
    level.required = True
    group = ParamSpec("group", "entry", items=[level], item_type="Entry")
    flag = ParamSpec("flag", "shutdown", keyword="shutdown")
    assert ModuleImports.of([]) == ModuleImports(False, (), ("ClassVar",), False)
    assert ModuleImports.of([flag]) == ModuleImports(False, (), ("ClassVar",), False)
    assert ModuleImports.of([address]) == ModuleImports(False, ("IPv6Address",), ("ClassVar",), True)
    assert ModuleImports.of([flag, group]) == ModuleImports(
        True, (), ("ClassVar", "Literal", "Required", "TypedDict"), True
    )


def test_words_of_a_page_never_decide_an_import() -> None:
    text = "Takes Sequence[int], Literal['a'], an IPv4Address, Required[x], (TypedDict) and Constraint(."
    record = Record(
        id="demo-words", name="demo words", title="demo words", function=text, syntax=["demo words"]
    )
    files = render_package([record]).files
    assert text in files["commands/demo_words.py"]
    assert _imported(files["commands/demo_words.py"]) == {
        "__future__": ["annotations"],
        "typing": ["ClassVar"],
        "vrpcmds_runtime.command": ["Command", "Form", "Level", "Param"],
    }


GOLDEN_MODULES = sorted((REPO / "tests" / "golden" / "vrpcmds" / "commands").glob("[!_]*.py"))
IMPORTABLE = {
    "Sequence",
    "IPv4Address",
    "IPv6Address",
    "ClassVar",
    "Literal",
    "Required",
    "TypedDict",
    "Constraint",
}


@pytest.mark.parametrize("path", GOLDEN_MODULES, ids=lambda p: p.stem)
def test_golden_modules_import_exactly_the_names_they_use(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    used = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    imported = {
        name for module, names in _imported(source).items() if module != "__future__" for name in names
    }
    assert imported - used == set(), "imported, never used"
    assert used & IMPORTABLE - imported == set(), "used, not imported"
