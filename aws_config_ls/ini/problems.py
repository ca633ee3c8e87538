"""Located problems: the one currency every check produces and every front end prints."""

from __future__ import annotations

from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.severity import Severity
from aws_config_ls.ini.span import Span

__all__ = ["Problem", "Related", "Severity"]


# Worse is higher: the order to sort by and to compare with a failing level.
RANK = {Severity.HINT: 0, Severity.INFORMATION: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Code(NamedTuple):
    """One problem code as its module's table documents it; every table has this shape, so
    the front ends (SARIF rules, the README check) read them all alike."""

    severity: Severity  # the default: a check may report another (a value error in use)
    summary: str  # one line: what the code means
    example: str = ""  # a minimal case, where the table keeps one (given by name)


class Related(NamedTuple):
    """Another place that takes part in a problem (the first of two duplicates, say)."""

    span: Span
    message: str
    path: str | None = None  # None: the same file as the problem


class Problem(NamedTuple):
    """A finding at a span. `code` is stable (kebab-case); `message` says what boto3 will do."""

    code: str
    severity: Severity
    span: Span
    message: str
    related: tuple[Related, ...] = ()
    # A replacement that fixes it, when one is obvious ("did you mean"): applied to `span`.
    fix: str | None = None
