"""All problems of one file: the engine's checks, gathered in one place for every front end."""

from __future__ import annotations

from aws_config_ls.checks.semantics import semantic_problems
from aws_config_ls.checks.structure import structure_problems
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import Problem
from aws_config_ls.ini.span import Span


def local_problems(model: Model) -> list[Problem]:
    """What one file alone shows: parse-level traps, keys and values (cached per block).

    A comment in the value of a key the catalogue knows is reported by the value check,
    which also says what the comment does to the value; the parse-level one steps aside.
    A file botocore cannot decode gets that one error (and what precedes the failure).
    """
    semantic = semantic_problems(model)
    decoded = model.decoded
    if decoded is not None and decoded.error is not None:
        # The decoder fails before configparser reads any line it has not finished: the text
        # past that point is surrogate escapes, not what botocore sees, so nothing is said
        # about it but that it cannot be decoded.
        seen = decoded.lines_read
        return [
            p
            for p in structure_problems(model)
            if p.code == "undecodable" or p.span.end.line < seen
        ]
    commented = {p.span for p in semantic if p.code == "comment-in-value"}
    structure = [
        p
        for p in structure_problems(model)
        if p.code != "comment-in-value" or p.span not in commented
    ]
    return merge(structure, semantic)


def merge(*groups: list[Problem]) -> list[Problem]:
    """One list in place order, each problem once (two checks may find the same)."""
    kept: dict[tuple[str, Span, str], Problem] = {}
    for group in groups:
        for problem in group:
            kept.setdefault((problem.code, problem.span, problem.message), problem)
    return sorted(kept.values(), key=lambda p: (p.span.start, p.code))


def analyze(model: Model, portability: bool = True) -> list[Problem]:
    problems = local_problems(model)
    if not portability:
        problems = [p for p in problems if not p.code.startswith("portability-")]
    return problems
