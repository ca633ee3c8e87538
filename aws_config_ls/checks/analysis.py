"""All problems of one file, assembled in one place for every front end.

`file_problems` is the one assembly: what the file alone shows, and, given boto3's reading of
all its files (a `Workspace`), what its companion and the environment add. It returns every
problem; the user's filters (`checks.policy.Policy`) are the front ends' to apply.
"""

from __future__ import annotations

import os
from typing import Protocol

from aws_config_ls.checks.credentials import credential_problems
from aws_config_ls.checks.reach import soften_unread
from aws_config_ls.checks.semantics import semantic_problems
from aws_config_ls.checks.structure import structure_problems
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import Problem, Severity
from aws_config_ls.ini.span import Span
from aws_config_ls.resolution import ResolutionState


class Reading(Protocol):
    """boto3's reading of its files in one environment (a `workspace.Workspace`)."""

    @property
    def state(self) -> ResolutionState: ...

    def read_by_boto3(self, path: str) -> bool: ...

    def locate(self, path: str, section: str, key: str | None) -> Span | None: ...


def file_problems(
    model: Model, reading: Reading | None = None, environment: bool = True
) -> list[Problem]:
    """Everything wrong with one file: alone, and with `reading` also with its companion and
    in that environment.

    Without `reading`, only what the file alone shows (cheap on every keystroke).
    `environment` False leaves out what is true only of this environment (the CLI's files
    given by name are paired as boto3 would read them, but are not what it reads).
    """
    local = local_problems(model)
    if reading is None:
        return local
    found = [local]
    if environment:
        # only here: the environment's checks and what they read cost `check` of named files
        from aws_config_ls.checks.environment import environment_problems

        found.append(environment_problems(reading.state, os.path.abspath(model.path)))
    if reading.read_by_boto3(model.path) and model.kind is not FileKind.BOTO:
        # An error a value check already explains at the same place is not repeated.
        explained = {p.span.start.line for p in local if p.severity is Severity.ERROR}
        credential = [
            p
            for p in credential_problems(reading.state, model, reading.locate)
            if p.span.start.line not in explained
        ]
        # ... nor is a warning of what the error on its line already says (a program path
        # botocore cannot expand, which then is not found).
        failing = {p.span.start.line for p in credential if p.severity is Severity.ERROR}
        found[0] = [
            p
            for p in soften_unread(local, model, reading.state)
            if p.code != "unexpanded-path" or p.span.start.line not in failing
        ]
        found.append(credential)
    return merge(*found)


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
