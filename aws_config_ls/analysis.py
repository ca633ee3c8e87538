"""All problems of one file: the engine's checks, gathered in one place for every front end."""

from __future__ import annotations

from aws_config_ls.checks.structure import structure_problems
from aws_config_ls.model import Model
from aws_config_ls.problems import Problem


def analyze(model: Model, portability: bool = True) -> list[Problem]:
    problems = structure_problems(model)
    if not portability:
        problems = [p for p in problems if not p.code.startswith("portability-")]
    return problems
