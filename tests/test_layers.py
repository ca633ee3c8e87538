"""Layers import one way: the engine never imports the LSP libraries."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "aws_config_ls"
FRONTS = {"server.py", "cli.py", "__main__.py"}
FORBIDDEN = ("pygls", "lsprotocol", "aws_config_ls.server", "aws_config_ls.lsp")


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_engine_never_imports_the_server_side() -> None:
    engine = [
        p
        for p in PACKAGE.rglob("*.py")
        if p.name not in FRONTS and "lsp" not in p.relative_to(PACKAGE).parts
    ]
    assert len(engine) > 10
    for path in engine:
        bad = {m for m in imports(path) if m.startswith(FORBIDDEN)}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"
