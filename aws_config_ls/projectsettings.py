"""Settings a repository keeps for aws-config-ls: `.aws-config-ls.toml` or `pyproject.toml`.

The names are the server's (`severityOverrides`, `disabledCodes`, `portabilityChecks` …), so
one table serves the CLI in CI and, through `load_project_settings`, the server for a
workspace. This module only finds and reads the table; each front end validates the keys
it uses.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from aws_config_ls.ini.records import NamedTuple

OWN_FILE = ".aws-config-ls.toml"
PYPROJECT = "pyproject.toml"


class ProjectSettings(NamedTuple):
    """The raw table (camelCase keys), the file it came from, or why it could not be read."""

    path: str | None
    values: dict[str, Any]
    error: str | None = None


def find_settings_file(start: str) -> str | None:
    """The nearest `.aws-config-ls.toml`, or `pyproject.toml` with a `[tool.aws-config-ls]`
    table, in `start` or a directory above it."""
    directory = os.path.abspath(start)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    while True:
        own = os.path.join(directory, OWN_FILE)
        if os.path.isfile(own):
            return own
        pyproject = os.path.join(directory, PYPROJECT)
        if os.path.isfile(pyproject) and _table(pyproject)[0] is not None:
            return pyproject
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load_project_settings(path: str) -> ProjectSettings:
    """The settings table of one file; an unreadable or invalid file is an error, not a crash."""
    table, error = _table(path)
    return ProjectSettings(path, table or {}, error)


def _table(path: str) -> tuple[dict[str, Any] | None, str | None]:
    if sys.version_info >= (3, 11):  # imported here: most checks find no settings file
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as e:
        return None, f"{path}: cannot read: {e.strerror}"
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        return None, f"{path}: not valid TOML: {e}"
    if os.path.basename(path) == PYPROJECT:
        tool = data.get("tool")
        table = tool.get("aws-config-ls") if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            return None, None
        return table, None
    return data, None
