"""The shape of the package: no import cycle among the modules of graph/, no stage
importing a later one, and no module too long to read.

Every module under graph/ is parsed with ``ast`` (nothing is imported); its
imports of other graph modules, relative or absolute, at the top or inside a
function, are the edges of the import graph.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graph"
MAX_LINES = 550

# The stages, earliest first: a module may import its own stage or an earlier one.
# A module of a package (graph.view.page) is in its package's stage; a module not
# listed here is not checked for order (only for cycles and length).
STAGES: list[tuple[str, ...]] = [
    ("errors",),
    ("schema", "vocab"),
    ("style",),  # labels and colours of the vocabulary's kinds and relations
    ("ingest",),
    ("nlp",),
    ("records",),  # the plain records an extraction is made of
    ("extract",),
    ("resolve",),
    ("edges", "search"),  # how facts join into edges; how a name finds its entity
    ("sources",),  # documents on edges: sources by outlet
    ("build", "cache", "distributed", "longtext"),
    ("export",),
    ("curate",),
    ("pipeline",),
    ("select",),
    ("render",),
    ("view",),
    ("evaluate", "explain"),
    ("cli", "__main__", ""),  # "" is graph/__init__.py, the package's facade
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The graph modules ``name`` imports (relative or absolute, anywhere in the file)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            # "from .view import page" imports the module graph.view.page
            targets = [
                f"{stem}.{a.name}" if f"{stem}.{a.name}" in known else stem for a in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:  # graph.view.page.view_html -> graph.view.page
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


@pytest.fixture(scope="module")
def import_graph() -> nx.DiGraph:
    known = modules()
    G = nx.DiGraph()
    G.add_nodes_from(known)
    for name, path in known.items():
        G.add_edges_from((name, target) for target in imports(name, path, set(known)))
    return G


def stage(name: str) -> int | None:
    rest = name.removeprefix("graph").removeprefix(".")
    top = rest.split(".")[0]
    for i, names in enumerate(STAGES):
        if top in names:
            return i
    return None


def test_the_import_graph_is_read(import_graph):
    assert ("graph.cli", "graph.errors") in import_graph.edges
    assert ("graph.view.page", "graph.view.text") in import_graph.edges
    assert ("graph.build", "graph.edges") in import_graph.edges
    assert import_graph.number_of_nodes() > 30


def test_no_import_cycle(import_graph):
    cycles = list(nx.simple_cycles(import_graph))
    assert not cycles, "import cycles: " + "; ".join(" -> ".join([*c, c[0]]) for c in cycles)


def test_no_stage_imports_a_later_one(import_graph):
    upward = []
    for a, b in import_graph.edges:
        sa, sb = stage(a), stage(b)
        if sa is not None and sb is not None and sb > sa:
            upward.append(f"{a} imports {b}")
    assert not upward, upward


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_is_short_enough(name):
    path = modules()[name]
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines < MAX_LINES, f"{name}: {lines} lines"


@pytest.mark.parametrize("path", sorted(ROOT.glob("app*.py")), ids=lambda p: p.name)
def test_app_page_modules_are_short_enough(path):
    """The page's widget modules (app.py and the app_*.py it lays out) read like the package."""
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines < MAX_LINES, f"{path.name}: {lines} lines"


def test_stages_catch_an_upward_import():
    assert stage("graph.curate.apply") < stage("graph.view.page")
    assert stage("graph.select") < stage("graph.render.compose") < stage("graph.view")
    assert stage("graph.somewhere_new") is None
