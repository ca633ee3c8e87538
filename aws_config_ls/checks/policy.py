"""The user's choice of problems: codes selected or ignored, severities changed, portability
checks off, and the level that fails a run.

The engine reports every problem; each front end applies one `Policy`, once: `check` builds
it from its options and the project's settings file, the server from the client's settings.
A code anywhere in a policy (selected, ignored, given a severity) may be a glob, with
`fnmatch`'s `*`, `?` and `[...]`: the same setting means the same in both front ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from fnmatch import fnmatchcase, translate
from typing import TYPE_CHECKING, Final

from aws_config_ls.ini.problems import RANK, Code, Problem, Severity

if TYPE_CHECKING:
    from aws_config_ls.catalogue.values import ValueCode


class Policy:
    """Which problems count: the user's selection, severities and failing level.

    Immutable (a plain class: see `ini.fileview.FileView`).
    """

    __slots__ = (
        "_ignored",
        "_level_globs",
        "_levels",
        "_selected",
        "fail_on",
        "ignore",
        "portability",
        "select",
        "severity",
    )

    def __init__(
        self,
        select: tuple[str, ...] = (),  # code patterns (globs); empty: every code
        ignore: tuple[str, ...] = (),
        # Code pattern → severity: a code's own entry first, else the most specific glob that
        # matches (the longest; of equal ones, the first written), whatever the order written.
        severity: Mapping[str, Severity] | None = None,
        portability: bool = True,
        fail_on: Severity | None = Severity.ERROR,  # None: never fail on problems
    ) -> None:
        self.select: Final = select
        self.ignore: Final = ignore
        self.severity: Final = severity
        self.portability: Final = portability
        self.fail_on: Final = fail_on
        # Each list of patterns as one test: a publication filters thousands of problems.
        self._selected: Final = _matcher(select)
        self._ignored: Final = _matcher(ignore)
        # Codes are few and problems many: each code's severity is looked up once.
        self._levels: Final[dict[str, Severity | None]] = {}
        globs = [(p, level) for p, level in (severity or {}).items() if is_glob(p)]
        self._level_globs: Final = sorted(globs, key=lambda glob: -len(glob[0]))

    def keeps(self, problem: Problem) -> bool:
        code = problem.code
        if self._selected is not None and not self._selected(code):
            return False
        if self._ignored is not None and self._ignored(code):
            return False
        return self.portability or not code.startswith("portability-")

    def severity_of(self, code: str) -> Severity | None:
        """The severity the user gives `code`, or None to keep the problem's own."""
        levels = self._levels
        if code not in levels:
            own = (self.severity or {}).get(code)
            globbed = (level for glob, level in self._level_globs if fnmatchcase(code, glob))
            levels[code] = own if own is not None else next(globbed, None)
        return levels[code]

    def apply(self, problems: Sequence[Problem]) -> list[Problem]:
        """The problems kept, each with the severity the user gives its code."""
        kept = []
        for p in problems:
            if self.keeps(p):
                level = self.severity_of(p.code)
                kept.append(p if level is None else p._replace(severity=level))
        return kept

    def fails(self, problem: Problem) -> bool:
        return self.fail_on is not None and RANK[problem.severity] >= RANK[self.fail_on]


def _matcher(patterns: tuple[str, ...]) -> Callable[[str], object] | None:
    """Whether a code matches any of `patterns` (fnmatchcase's globs), or None for none:
    plain codes by a set, the globs as one expression."""
    if not patterns:
        return None
    exact = frozenset(p for p in patterns if not is_glob(p))
    globs = [p for p in patterns if is_glob(p)]
    if not globs:
        return exact.__contains__
    match = re.compile("|".join(f"(?:{translate(p)})" for p in globs)).match
    return lambda code: code in exact or match(code) is not None


def is_glob(pattern: str) -> bool:
    """Whether a code pattern is a glob rather than one code."""
    return _GLOB.search(pattern) is not None


_GLOB = re.compile(r"[*?\[]")


def code_tables() -> tuple[tuple[str, Mapping[str, Code | ValueCode]], ...]:
    """Every check's code table, by the group the rules list it in (imported when asked: a
    `check` without code options never needs them)."""
    from aws_config_ls.catalogue.values import VALUE_CODES
    from aws_config_ls.checks import credentials, environment, semantics, structure

    return (
        ("structure", structure.CODES),
        ("values", semantics.CODES),
        ("credentials", credentials.CODES),
        ("values", VALUE_CODES),
        ("environment", environment.CODES),
    )


def misspelled(code: str) -> str | None:
    """Why `code` names no check, with the nearest code that does; None for a check's own
    code or a glob (which may match none: a filter, not a name)."""
    known = {name for _, table in code_tables() for name in table}
    if is_glob(code) or code in known:
        return None
    import difflib

    close = difflib.get_close_matches(code, sorted(known), 1)
    return f"unknown code {code!r}" + (f"; did you mean {close[0]}?" if close else "")
