"""Imports go one way, down the layers of ARCHITECTURE.md, and no modules import in a circle.

A small walk over the package's syntax trees: every `import` and `from ... import`, at the top
of a module or inside a function, counts. Imports under `if TYPE_CHECKING:` are for the type
checker only and are left out (notifications' emails name the council they describe). Tests
and migrations are left out too: tests may reach anything, migrations are history."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]  # jobcouncil/

# Highest first. An app may import the apps of the layers below its own, never its own
# layer's other apps nor a layer above. Keep in step with ARCHITECTURE.md.
LAYERS: list[set[str]] = [
    {"programme"},
    {"rounds", "workbook"},
    {"councils", "pool"},
    {"accounts"},
    {"notifications"},
    {"lib", "matching"},
]
APPS = {app: depth for depth, layer in enumerate(LAYERS) for app in layer}
# The project's own modules: they wire the apps together and no app imports them.
PROJECT = {"settings", "urls", "wsgi", "asgi", "cli", "conftest", "test", "tests"}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. jobcouncil.pool.views
    target: str  # what it imports, e.g. jobcouncil.accounts.journey
    where: str  # file:line

    def __str__(self) -> str:
        return f"{self.where}: {self.module} imports {self.target}"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Line numbers of the imports inside `if TYPE_CHECKING:` blocks."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for inner in node.body:
                    for sub in ast.walk(inner):
                        if isinstance(sub, ast.Import | ast.ImportFrom):
                            lines.add(sub.lineno)
    return lines


def imports_in(source: str, module: str, filename: str) -> Iterator[Import]:
    """Every import of a jobcouncil module in this source, top-level or inside a function."""
    tree = ast.parse(source, filename=filename)
    typing_only = _type_checking_lines(tree)
    package = module if filename.endswith("__init__.py") else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or node.lineno in typing_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:  # from . import x / from ..pool import y
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from jobcouncil import pool` and `from jobcouncil.pool import views` name
            # modules in their names; `from jobcouncil.pool.models import PoolEntry` does not,
            # which does no harm: only the first two parts decide the app.
            targets = [f"{base}.{alias.name}" for alias in node.names] if base else []
        for target in targets:
            if target.startswith("jobcouncil."):
                yield Import(module, target, f"{filename}:{node.lineno}")


def package_imports(root: Path = PACKAGE) -> list[Import]:
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).parts
        if "tests" in relative or "migrations" in relative or relative[0] in {"static"}:
            continue
        module = _module_name(path, root)
        found += imports_in(path.read_text(), module, str(path.relative_to(root.parent)))
    return found


def _app(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else ""


def wrong_way(imports: list[Import]) -> list[str]:
    """Each import that goes up or sideways between apps, or from an app into the project."""
    problems = []
    for item in imports:
        source, target = _app(item.module), _app(item.target)
        if source in PROJECT or source == "" or source == target:
            continue
        if source not in APPS:
            problems.append(f"{item}: {source} is in no layer (add it to ARCHITECTURE.md)")
        elif target in PROJECT:
            problems.append(f"{item}: apps never import the project's own modules")
        elif target not in APPS:
            problems.append(f"{item}: {target} is in no layer (add it to ARCHITECTURE.md)")
        elif APPS[target] <= APPS[source]:
            how = "up a layer" if APPS[target] < APPS[source] else "sideways in its layer"
            problems.append(f"{item}: {source} -> {target} goes {how}")
    return problems


def module_cycles(imports: list[Import], modules: set[str]) -> list[list[str]]:
    """Groups of modules that import each other in a circle (strongly connected components)."""
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for item in imports:
        # `from jobcouncil.pool import views` names the module jobcouncil.pool.views;
        # `from jobcouncil.pool.models import PoolEntry` names jobcouncil.pool.models.
        target = item.target if item.target in modules else item.target.rpartition(".")[0]
        if target in modules and target != item.module:
            graph[item.module].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def _modules(root: Path = PACKAGE) -> set[str]:
    return {_module_name(p, root) for p in root.rglob("*.py") if "tests" not in p.parts}


def test_every_import_goes_down_the_layers():
    problems = wrong_way(package_imports())
    assert problems == [], "\n" + "\n".join(problems)


def test_no_modules_import_each_other_in_a_circle():
    cycles = module_cycles(package_imports(), _modules())
    assert cycles == [], "\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_every_app_is_in_a_layer():
    apps = {p.parent.name for p in PACKAGE.glob("*/apps.py")}
    assert apps <= set(APPS), apps - set(APPS)


# The checks themselves, on imports written wrong on purpose.


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("jobcouncil.accounts.views", "from jobcouncil.pool.popularity import popular_utc_cells"),
        ("jobcouncil.councils.services", "def f():\n    from jobcouncil.pool.models import X\n"),
        ("jobcouncil.pool.views", "import jobcouncil.councils.models"),
        ("jobcouncil.pool.services", "from jobcouncil import rounds"),
        ("jobcouncil.matching.engine", "from jobcouncil.lib.dates import WEEKDAYS"),
        ("jobcouncil.lib.dates", "from jobcouncil.settings import TIME_ZONE"),
        ("jobcouncil.pool.views", "from ..councils import models"),
    ],
)
def test_a_wrong_way_import_is_found(module, source):
    found = list(imports_in(source, module, f"{module}.py"))
    assert found, "the import was not seen"
    assert len(wrong_way(found)) == 1


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("jobcouncil.rounds.services", "from jobcouncil.councils.services import council_create"),
        ("jobcouncil.pool.views", "from jobcouncil.pool.queue import waiting_count"),
        ("jobcouncil.councils.models", "from jobcouncil.lib.dates import shifted"),
        (
            "jobcouncil.notifications.emails",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from jobcouncil.councils.models import Council\n",
        ),
    ],
)
def test_a_downward_import_passes(module, source):
    assert wrong_way(list(imports_in(source, module, f"{module}.py"))) == []


def test_a_circle_of_imports_is_found():
    a = list(imports_in("from jobcouncil.pool import tasks", "jobcouncil.pool.rounds", "r.py"))
    b = list(
        imports_in("def f():\n    import jobcouncil.pool.rounds\n", "jobcouncil.pool.tasks", "t.py")
    )
    modules = {"jobcouncil.pool.rounds", "jobcouncil.pool.tasks"}
    assert module_cycles(a + b, modules) == [sorted(modules)]
    assert module_cycles(a, modules) == []
