"""Layers import one way, read from the code's real imports.

parse (ini) < catalogue < resolution | edit < explain | checks < workspace < lsp | cli support <
front ends. A module may import its own package and any lower layer; never a higher layer nor
a sibling on its own layer. The engine (everything below lsp) never imports pygls/lsprotocol.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "aws_config_ls"
ROOT = "aws_config_ls"

# Bottom to top; a layer may hold several packages (or top-level modules) that are siblings.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({ROOT, "ini"}),  # the package root holds only __version__
    frozenset({"catalogue"}),
    frozenset({"resolution", "edit"}),  # edit: names, rename, formatting; checks/fixes uses it
    frozenset({"explain", "checks"}),  # siblings: explaining and checking never import each other
    frozenset({"workspace"}),
    frozenset({"lsp", "report", "redact", "inputs", "output", "projectsettings"}),
    frozenset({"checking"}),  # the CLI's check: inputs, settings, workspaces, output
    frozenset({"front"}),  # server.py, cli.py, __main__.py: wiring only
)
FRONT = {"server", "cli", "__main__"}
RANK = {unit: rank for rank, layer in enumerate(LAYERS) for unit in layer}
ENGINE_TOP = RANK["workspace"]
LSP_LIBRARIES = ("pygls", "lsprotocol")


def unit_of(module: str) -> str:
    """The layer unit of a dotted module name inside the package: its package or top module."""
    parts = module.split(".")
    assert parts[0] == ROOT, module
    if len(parts) == 1:
        return ROOT
    return "front" if parts[1] in FRONT else parts[1]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join([ROOT, *parts])


@cache
def imports(path: Path) -> set[str]:
    """Every module a file imports (relative imports made absolute), TYPE_CHECKING included."""
    found = set()
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
    return found


@cache
def graph() -> dict[str, set[str]]:
    """Module → the package modules it imports, for every module of the package."""
    return {
        module_name(p): {m for m in imports(p) if m.split(".")[0] == ROOT}
        for p in sorted(PACKAGE.rglob("*.py"))
    }


def wrong_arrows(edges: dict[str, set[str]]) -> list[str]:
    """Imports that go up a layer or sideways to a sibling on the same layer."""
    wrong = []
    for source, targets in edges.items():
        here = unit_of(source)
        for target in sorted(targets):
            there = unit_of(target)
            if there != here and RANK[there] >= RANK[here]:
                wrong.append(f"{source} ({here}) imports {target} ({there})")
    return wrong


def test_every_module_has_a_layer() -> None:
    edges = graph()
    assert len(edges) > 40
    unplaced = {m for m in edges if unit_of(m) not in RANK}
    assert not unplaced, f"add these to LAYERS: {sorted(unplaced)}"


def test_nothing_imports_upwards_or_sideways() -> None:
    assert wrong_arrows(graph()) == []


def test_the_check_sees_an_upward_or_sideways_arrow() -> None:
    up = {"aws_config_ls.resolution.state": {"aws_config_ls.checks.environment"}}
    sideways = {
        "aws_config_ls.lsp.hover": {"aws_config_ls.report"},
        "aws_config_ls.checks.environment": {"aws_config_ls.explain.summary"},
    }
    down = {"aws_config_ls.checks.reach": {"aws_config_ls.ini.query", "aws_config_ls"}}
    assert len(wrong_arrows(up)) == 1
    assert len(wrong_arrows(sideways)) == 2
    assert wrong_arrows(down) == []


def test_engine_never_imports_the_lsp_libraries() -> None:
    engine = [
        p for p in sorted(PACKAGE.rglob("*.py")) if RANK[unit_of(module_name(p))] <= ENGINE_TOP
    ]
    assert len(engine) > 30
    for path in engine:
        bad = {m for m in imports(path) if m.split(".")[0] in LSP_LIBRARIES}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"
