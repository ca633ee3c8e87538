"""Text for a terminal: `path:line:col: severity: message [code]`, then a summary line."""

from __future__ import annotations

import os
from typing import TextIO

from aws_config_ls.ini.problems import Severity
from aws_config_ls.output import CheckResult, printable

_COLOURS = {
    Severity.ERROR: "\033[1;31m",
    Severity.WARNING: "\033[33m",
    Severity.INFORMATION: "\033[36m",
    Severity.HINT: "\033[2m",
}
_RESET = "\033[0m"


def use_colour(stream: TextIO) -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(result: CheckResult) -> str:
    """ "N errors, M warnings in K files" (and the notes and hints when there are any)."""
    count = {s: 0 for s in Severity}
    for f in result.findings:
        count[f.problem.severity] += 1
    text = (
        f"{_plural(count[Severity.ERROR], 'error')}, {_plural(count[Severity.WARNING], 'warning')}"
    )
    others = count[Severity.INFORMATION] + count[Severity.HINT]
    if others:
        text += f" ({_plural(others, 'note')})"
    return f"{text} in {_plural(len(result.files), 'file')}"


def render(result: CheckResult, stream: TextIO, colour: bool) -> None:
    for f in result.findings:
        p = f.problem
        start = p.span.start
        severity = p.severity.value
        if colour:
            severity = _COLOURS[p.severity] + severity + _RESET
        stream.write(
            f"{printable(f.path)}:{start.line + 1}:{start.col + 1}: {severity}: "
            f"{p.message} [{p.code}]\n"
        )
        for r in p.related:
            where = r.span.start
            stream.write(
                f"  {printable(r.path or f.path)}:{where.line + 1}:{where.col + 1}: "
                f"note: {r.message}\n"
            )
    for note in result.notes:
        stream.write(note + "\n")
    stream.write(summary(result) + "\n")
