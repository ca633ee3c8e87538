"""Located problems: the one currency every check produces and every front end prints."""

from __future__ import annotations

from dataclasses import dataclass

from aws_config_ls.ini.severity import Severity
from aws_config_ls.ini.span import Span

__all__ = ["Problem", "Related", "Severity"]


@dataclass(frozen=True)
class Related:
    """Another place that takes part in a problem (the first of two duplicates, say)."""

    span: Span
    message: str
    path: str | None = None  # None: the same file as the problem


@dataclass(frozen=True)
class Problem:
    """A finding at a span. `code` is stable (kebab-case); `message` says what boto3 will do."""

    code: str
    severity: Severity
    span: Span
    message: str
    related: tuple[Related, ...] = ()
    # A replacement that fixes it, when one is obvious ("did you mean"): applied to `span`.
    fix: str | None = None
