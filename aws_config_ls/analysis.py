"""All problems of one file: the engine's checks, gathered in one place for every front end."""

from __future__ import annotations

from aws_config_ls.checks.semantics import semantic_problems
from aws_config_ls.checks.structure import structure_problems
from aws_config_ls.model import Model
from aws_config_ls.problems import Problem, Severity

_RANK = {Severity.HINT: 0, Severity.INFORMATION: 1, Severity.WARNING: 2, Severity.ERROR: 3}


def local_problems(model: Model) -> list[Problem]:
    """What one file alone shows: parse-level traps, keys and values (cached per block)."""
    return merge(structure_problems(model), semantic_problems(model))


def merge(*groups: list[Problem]) -> list[Problem]:
    """One list in line order; a problem two checks both find (same code, same place) once,
    at the worse severity."""
    kept: dict[tuple[str, int, int], Problem] = {}
    for group in groups:
        for problem in group:
            key = (problem.code, problem.span.start.line, problem.span.end.line)
            other = kept.get(key)
            if other is None or _RANK[problem.severity] > _RANK[other.severity]:
                kept[key] = problem
    return sorted(kept.values(), key=lambda p: (p.span.start, p.code))


def analyze(model: Model, portability: bool = True) -> list[Problem]:
    problems = local_problems(model)
    if not portability:
        problems = [p for p in problems if not p.code.startswith("portability-")]
    return problems
