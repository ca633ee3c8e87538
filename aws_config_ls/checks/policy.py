"""The user's choice of problems: codes selected or ignored, severities changed, portability
checks off, and the level that fails a run.

The engine reports every problem; each front end applies one `Policy`, once: `check` builds
it from its options and the project's settings file, the server from the client's settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase

from aws_config_ls.ini.problems import RANK, Problem, Severity


@dataclass(frozen=True)
class Policy:
    """Which problems count: the user's selection, severities and failing level."""

    select: tuple[str, ...] = ()  # code patterns (`*` globs); empty: every code
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] | None = None
    portability: bool = True
    fail_on: Severity | None = Severity.ERROR  # None: never fail on problems

    def keeps(self, problem: Problem) -> bool:
        code = problem.code
        if self.select and not any(fnmatchcase(code, s) for s in self.select):
            return False
        if any(fnmatchcase(code, s) for s in self.ignore):
            return False
        return self.portability or not code.startswith("portability-")

    def apply(self, problems: Sequence[Problem]) -> list[Problem]:
        """The problems kept, each with the severity the user gives its code."""
        kept = []
        for p in problems:
            if self.keeps(p):
                level = (self.severity or {}).get(p.code)
                kept.append(p if level is None else replace(p, severity=level))
        return kept

    def fails(self, problem: Problem) -> bool:
        return self.fail_on is not None and RANK[problem.severity] >= RANK[self.fail_on]
