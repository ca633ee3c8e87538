"""Every test gets a marker saying what kind it is, and hypothesis runs under a profile.

Markers (registered in pyproject.toml), from where a test lives:
- `editors`: real Neovim and Emacs drive the server (tests/editors/);
- `lsp`: a real server over stdio, driven by pytest-lsp (tests/lsp/);
- `e2e`: the command line as a user runs it (test_cli*.py, test_explain_cli.py, the hook);
- `differential`: botocore itself run on the same generated input;
- `unit`: everything else, in process.

Profiles: `dev` (the default, quick), `ci` (the full counts) and `explore` (ten times those, fresh
scenarios everywhere): HYPOTHESIS_PROFILE=ci.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from tests.support.profiles import PROFILE

pytest_plugins = ["tests.support.lsp"]  # the `home` fixture of the LSP tests

settings.register_profile("ci", max_examples=100)
settings.register_profile("dev", max_examples=10)
settings.register_profile("explore", max_examples=1000)
settings.load_profile(PROFILE)

DIFFERENTIAL = frozenset(
    {
        "test_parse_differential.py",
        "test_resolution_differential.py",
        "test_checks_differential.py",
        "test_values_botocore.py",
        "test_precision_differential.py",
    }
)
E2E = frozenset(
    {"test_cli.py", "test_cli_check.py", "test_explain_cli.py", "test_precommit_hook.py"}
)


def kind_of(path: Path) -> str:
    folder = path.parent.name
    if folder in ("editors", "lsp"):
        return folder
    if path.name in E2E:
        return "e2e"
    return "differential" if path.name in DIFFERENTIAL else "unit"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(kind_of(item.path))
