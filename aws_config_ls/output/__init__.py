"""`check` results in each output format: text for terminals, JSON, GitHub annotations, SARIF.

Every format renders the same `CheckResult`; messages are already masked and printable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aws_config_ls.ini.problems import Problem


@dataclass(frozen=True)
class Finding:
    """A problem in one checked file, under the name the user gave the file."""

    path: str
    problem: Problem


@dataclass(frozen=True)
class CheckResult:
    findings: list[Finding]
    files: list[str]  # every file checked, as shown
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    notes: list[str] = field(default_factory=list)  # "no AWS file found …"


def printable(text: str) -> str:
    """`text` with control characters and undecodable bytes escaped (`\\x00`, `\\udcff`), so
    no output echoes raw binary to a terminal; newlines and tabs are kept."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c in "\n\t" else c.encode("unicode_escape").decode("ascii")
        for c in text
    )
