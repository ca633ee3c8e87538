"""The files boto3 reads in one environment, analysed together: one front for CLI and server.

A `Workspace` is immutable: the server builds a new one when a document, a watched file or
a setting changes; everything derived (resolution state, per-file problems) is computed once,
on first use.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property

from aws_config_ls.checks.analysis import file_problems
from aws_config_ls.ini.fileview import FileView
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import Problem
from aws_config_ls.ini.safe_read import read_whole
from aws_config_ls.ini.span import Span
from aws_config_ls.resolution import ResolutionState, build_state
from aws_config_ls.resolution.environment import Environment, boto_locations, file_locations

LoadModel = Callable[[str, FileKind], Model | None]


def read_model(path: str, kind: FileKind) -> Model | None:
    """A file from disk as botocore reads it; None when it is not a readable regular file
    (botocore's `raw_config_parse` skips what `os.path.isfile` refuses)."""
    read = read_whole(path)
    if read.data is None:
        if not read.missing:
            import logging  # only here: it costs every start of `check` 2-3 ms

            logging.getLogger(__name__).warning("%s", read.error)
        return None
    return Model.from_bytes(read.data, kind, path)


class Workspace:
    def __init__(self, env: Environment, load: LoadModel = read_model) -> None:
        self.env = env
        self._load = load
        self._models: dict[tuple[str, FileKind], Model | None] = {}

    def model(self, path: str, kind: FileKind) -> Model | None:
        key = (os.path.abspath(path), kind)
        if key not in self._models:
            self._models[key] = self._load(key[0], kind)
        return self._models[key]

    def view(self, path: str, kind: FileKind) -> FileView:
        model = self.model(path, kind)
        if model is None:
            return FileView(path, kind, exists=False)
        view = model.view()
        return view if view.path == path else view.at(path)

    def reading(self, config: str | None, credentials: str | None) -> Workspace:
        """The same environment and loader, with these files as the config and credentials
        files boto3 reads (None: the one the environment names): a copy outside ~/.aws read as
        if it were the config, the way `AWS_CONFIG_FILE` would make boto3 read it."""
        files = {"AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": credentials}
        variables = {**self.env.variables, **{k: v for k, v in files.items() if v is not None}}
        return Workspace(self.env.with_variables(variables), self._load)

    @cached_property
    def state(self) -> ResolutionState:
        return build_state(self.env, self.view)

    @cached_property
    def config_path(self) -> str:
        return self.env.absolute(file_locations(self.env)["config"].path)

    @cached_property
    def credentials_path(self) -> str:
        return self.env.absolute(file_locations(self.env)["credentials"].path)

    @cached_property
    def boto_paths(self) -> tuple[str, ...]:
        return tuple(self.env.absolute(loc.path) for loc in boto_locations(self.env))

    def files(self) -> list[tuple[str, FileKind]]:
        """Every file boto3 reads in this environment, existing or not."""
        return [
            (self.config_path, FileKind.CONFIG),
            (self.credentials_path, FileKind.CREDENTIALS),
            *((p, FileKind.BOTO) for p in self.boto_paths),
        ]

    def read_by_boto3(self, path: str) -> bool:
        path = os.path.abspath(path)
        return path in (self.config_path, self.credentials_path, *self.boto_paths)

    def kind_of(self, path: str) -> FileKind | None:
        path = os.path.abspath(path)
        if path == self.config_path:
            return FileKind.CONFIG
        if path == self.credentials_path:
            return FileKind.CREDENTIALS
        return FileKind.BOTO if path in self.boto_paths else None

    def locate(self, path: str, section: str, key: str | None) -> Span | None:
        for kind in FileKind:
            model = self._models.get((os.path.abspath(path), kind))
            if model is not None:
                return model.locate(section, key)
        return None

    def problems(self, model: Model, environment: bool = True) -> list[Problem]:
        """Everything wrong with one file: alone, with its companion, in this environment
        (`checks.analysis.file_problems`; `environment` False leaves out what is true only
        of this environment)."""
        return file_problems(model, self, environment)
