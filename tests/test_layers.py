"""The architecture, enforced: no import cycle inside taskplan, and no module imports from a layer
above its own.  The layers are drawn in docs/architecture.md; keep the two in step.

Every import counts — at module level, inside a function (a deferred import only hides a cycle)
and under ``if TYPE_CHECKING:``.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "taskplan"

# Lowest first.  A module may import its own layer and the layers below it, never one above.
# A name is a top-level module or package of taskplan ("store" covers taskplan.store.*).
LAYERS: list[tuple[str, set[str]]] = [
    ("foundation", {"__init__", "errors", "escape", "findings", "i18n"}),
    ("model", {"model"}),
    ("store", {"store", "settings"}),  # settings reads the files store.discover names
    ("index", {"index"}),
    ("query", {"query"}),
    ("output", {"output"}),
    ("progress", {"progress"}),
    ("features", {"check", "records", "importer"}),
    ("reports", {"reports", "forms", "export"}),
    ("cli", {"cli", "__main__"}),
]

# Cycles that exist on main and are being removed by the work that made them.  A cycle listed here
# is tolerated, not required: delete the entry when it is gone.  Nothing else may be added.
KNOWN_CYCLES: list[set[str]] = []  # none: a new cycle is a failure


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The taskplan modules ``name`` imports (``from taskplan.x import y`` counts as taskplan.x.y when that is a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                full = f"{module}.{alias.name}"
                found.add(full if full in MODULES else module)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(module: str) -> int:
    top = _top(module)
    for i, (_, names) in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"{module}: its package {top!r} is in no layer of tests/test_layers.py (and docs/architecture.md)")


def _cycles(graph: dict[str, set[str]] | None = None) -> list[set[str]]:
    """Strongly connected components of more than one node of ``graph`` (default: the modules; Tarjan, iterative)."""
    graph = GRAPH if graph is None else graph
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[set[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(component)
    return out


def test_the_graph_is_read():
    # guards the test itself: a parser that found no imports would pass everything below
    assert "taskplan.index.roles" in GRAPH["taskplan.query.select"]
    assert "taskplan.check.strings" in GRAPH["taskplan.check.context"]  # a deferred import would count too
    assert len(MODULES) > 100


def test_every_module_is_in_a_layer():
    for module in MODULES:
        _layer(module)


def test_no_import_cycles():
    cycles = [c for c in _cycles() if c not in KNOWN_CYCLES]
    assert cycles == [], "import cycles: " + "; ".join(" ↔ ".join(sorted(c)) for c in cycles)


def _package_graph() -> dict[str, set[str]]:
    """Which top-level packages (check, records, reports …) import which: one arrow per pair."""
    out: dict[str, set[str]] = {}
    for module, imported in GRAPH.items():
        out.setdefault(_top(module), set()).update(_top(t) for t in imported if _top(t) != _top(module))
    return out


def test_no_import_cycles_between_packages():
    # the packages of one layer (check, records, importer; reports, forms, export) depend on each
    # other one way only: two modules may avoid a cycle while their packages still run in a ring
    # (reports/run.py → forms → reports.xlsx), and the drawing of the layers then has no order
    cycles = _cycles(_package_graph())
    assert cycles == [], "package cycles: " + "; ".join(" ↔ ".join(sorted(c)) for c in cycles)


def test_no_module_imports_from_a_layer_above():
    upward = []
    for module, imported in sorted(GRAPH.items()):
        for target in sorted(imported):
            if _layer(target) > _layer(module):
                upward.append(f"{module} ({LAYERS[_layer(module)][0]}) imports {target} ({LAYERS[_layer(target)][0]})")
    assert upward == []


def test_the_cycle_finder_finds_cycles():
    global GRAPH
    saved = GRAPH
    try:
        GRAPH = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
        assert _cycles() == [{"a", "b", "c"}]
        # two packages in a ring through modules that are not (a deferred import in reports.run)
        GRAPH = {"taskplan.reports.run": {"taskplan.forms.write"}, "taskplan.forms.write": {"taskplan.reports.xlsx"},
                 "taskplan.reports.xlsx": set(), "taskplan.check.x": {"taskplan.records.y"}, "taskplan.records.y": set()}
        assert _cycles() == []
        assert _cycles(_package_graph()) == [{"reports", "forms"}]
    finally:
        GRAPH = saved


def test_architecture_doc_names_the_same_layers():
    doc = (PACKAGE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name, packages in LAYERS:
        for package in packages - {"__init__", "__main__"}:
            assert f"`{package}" in doc, f"docs/architecture.md does not place {package} (layer {name})"


def _defined_and_imported(path: Path) -> tuple[set[str], set[str]]:
    """Names a module defines at its top level (def, class, assignment) and names it imports anywhere."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defined: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.Assign):
            defined.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined.add(node.target.id)
    imported = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    return defined, imported - defined


NAMES = {name: _defined_and_imported(path) for name, path in MODULES.items()}


def _reexports_used(modules: dict[str, Path] = MODULES, names: dict = NAMES) -> list[str]:
    """``from taskplan.a import N`` where module a only imported N from its real home (a re-export)."""
    found = []
    for name, path in sorted(modules.items()):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level or not (node.module or "").startswith("taskplan"):
                continue
            source = names.get(node.module)
            if source is None:
                continue
            for alias in node.names:
                if f"{node.module}.{alias.name}" not in modules and alias.name in source[1]:
                    found.append(f"{name} imports {alias.name} from {node.module}, which only re-exports it")
    return found


def test_names_are_imported_from_their_home():
    # one concept, one place: importing a name through a module that merely passes it on hides where it lives
    assert _reexports_used() == []


def test_the_reexport_finder_finds_them(tmp_path):
    home = tmp_path / "home.py"
    home.write_text("class PlanIndex:\n    pass\n", encoding="utf-8")
    passer = tmp_path / "passer.py"
    passer.write_text("from taskplan.home import PlanIndex\n\nX = PlanIndex\n", encoding="utf-8")
    user = tmp_path / "user.py"
    user.write_text("from taskplan.passer import PlanIndex, X\nfrom taskplan.home import PlanIndex as P\n", encoding="utf-8")
    modules = {"taskplan.home": home, "taskplan.passer": passer, "taskplan.user": user}
    names = {m: _defined_and_imported(p) for m, p in modules.items()}
    assert _reexports_used(modules, names) == ["taskplan.user imports PlanIndex from taskplan.passer, which only re-exports it"]
