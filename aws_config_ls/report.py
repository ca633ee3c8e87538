"""Problems in the JSON contract of `check --format json` (1-based lines and columns)."""

from __future__ import annotations

from typing import Any

from aws_config_ls.ini.problems import Problem
from aws_config_ls.ini.span import Span


def _where(span: Span) -> dict[str, int]:
    return dict(zip(("line", "column", "end_line", "end_column"), span.one_based(), strict=True))


def problem_json(path: str, problem: Problem) -> dict[str, Any]:
    return {
        "path": path,
        **_where(problem.span),
        "severity": problem.severity.value,
        "code": problem.code,
        "message": problem.message,
        "related": [
            {"path": r.path or path, **_where(r.span), "message": r.message}
            for r in problem.related
        ],
    }
