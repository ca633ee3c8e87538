"""GitHub Actions workflow commands: one `::error file=…,line=…::message` line per problem.

Escaping follows the runner's rules (actions/toolkit core/src/command.ts): `%`, CR and LF in
the message; the same plus `:` and `,` in properties.
"""

from __future__ import annotations

import os
from typing import TextIO

from aws_config_ls.ini.problems import Severity
from aws_config_ls.output import CheckResult

_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFORMATION: "notice",
    Severity.HINT: "notice",
}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _relative(path: str) -> str:
    """Annotations need paths relative to the repository (the working directory)."""
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def render(result: CheckResult, stream: TextIO) -> None:
    for f in result.findings:
        p = f.problem
        line, col, end_line, end_col = p.span.one_based()
        properties = {
            "file": _relative(f.path),
            "line": str(line),
            "col": str(col),
            "endLine": str(end_line),
            "endColumn": str(end_col),
            "title": f"aws-config-ls {p.code}",
        }
        message = p.message + "".join(
            f"\n{_relative(r.path or f.path)}:{r.span.start.line + 1}: {r.message}"
            for r in p.related
        )
        head = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
        stream.write(f"::{_LEVEL[p.severity]} {head}::{escape_data(message)}\n")
    for path, reason in result.unreadable:
        where = f"file={escape_property(_relative(path))},title=aws-config-ls"
        stream.write(f"::error {where}::{escape_data(f'cannot check {path}: {reason}')}\n")
    for note in result.notes:
        stream.write(f"::notice title=aws-config-ls::{escape_data(note)}\n")
