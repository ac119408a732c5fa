"""The shape of the code base: dependencies flow one way, modules stay one job long, and no module
reads another module's private names (DESIGN.md's standards, kept by a test)."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "glassnet"
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, source: str | None = None) -> list[tuple[str, list[str], int]]:
    """Every glassnet module ``path`` (or ``source``, read as that file) imports, anywhere in the
    file (at the top, inside functions, under TYPE_CHECKING), with the names taken and the line."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names = [alias.name for alias in node.names]
            # ``from glassnet import datasets`` imports the module glassnet.datasets
            submodules = [f"{base}.{name}" for name in names if f"{base}.{name}" in MODULES]
            found += [(module, [], node.lineno) for module in submodules]
            taken = [n for n in names if f"{base}.{n}" not in MODULES]
            if taken or not submodules:
                found.append((base, taken, node.lineno))
    return [(module, names, line) for module, names, line in found if module.split(".")[0] == "glassnet"]


def graph() -> dict[str, set[str]]:
    """module → the glassnet modules it imports (a package's own __init__ excluded: importing
    ``glassnet.x`` runs ``glassnet/__init__.py``, which is the package's front door, not a
    dependency of x)."""
    edges = {}
    for name, path in MODULES.items():
        targets = {module for module, _, _ in imported(path) if module in MODULES and module != name}
        edges[name] = {t for t in targets if not name.startswith(t + ".")}
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``edges`` as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_find_cycle_finds_a_cycle_and_only_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_sees_imports_inside_functions_and_under_type_checking():
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from glassnet.network import Net\n"
              "def f():\n    from glassnet import saving\n    import glassnet.layers\n    from . import figures\n")
    found = {module for module, _, _ in imported(PACKAGE / "plotting" / "probe.py", source)}
    assert found == {"glassnet.network", "glassnet.saving", "glassnet.layers", "glassnet.plotting.figures"}


def test_no_import_cycle_even_through_imports_inside_functions():
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_400_lines(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it along its jobs"


def test_no_module_imports_another_modules_private_names():
    found = [f"{module_name(path)}:{line} takes {name} from {module}"
             for path in MODULES.values() for module, names, line in imported(path)
             for name in names if name.startswith("_") and name != "__version__"]
    assert found == []
