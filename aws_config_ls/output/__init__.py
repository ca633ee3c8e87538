"""`check` results in each output format: text for terminals, JSON, GitHub annotations, SARIF.

Every format renders the same `CheckResult`; messages are already masked and printable.
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_config_ls.ini.problems import Problem
from aws_config_ls.ini.records import NamedTuple


class Finding(NamedTuple):
    """A problem in one checked file, under the name the user gave the file."""

    path: str
    problem: Problem


class CheckResult(NamedTuple):
    findings: Sequence[Finding]
    files: Sequence[str]  # every file checked, as shown
    unreadable: Sequence[tuple[str, str]] = ()  # (path, reason)
    notes: Sequence[str] = ()  # "no AWS file found …"


def printable(text: str) -> str:
    """`text` with control characters and undecodable bytes escaped (`\\x00`, `\\udcff`), so
    no output echoes raw binary to a terminal; newlines and tabs are kept."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c in "\n\t" else c.encode("unicode_escape").decode("ascii")
        for c in text
    )
