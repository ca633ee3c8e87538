"""What every feature reads: the settings and the workspace of files boto3 reads.

A `ServerContext` is rebuilt after every change (document, watched file, setting); its workspace
computes resolution and cross-file problems lazily, once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from lsprotocol import types
from pygls.uris import from_fs_path

from aws_config_ls.checks.analysis import file_problems
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import same_path, sibling
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import Problem
from aws_config_ls.lsp.diagnostics import to_diagnostics
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.settings import Settings
from aws_config_ls.workspace import Workspace


@dataclass(frozen=True)
class ServerContext:
    settings: Settings
    workspace: Workspace
    uris: Mapping[str, str] = field(default_factory=dict)  # open documents: path -> URI
    # Contexts of copies boto3 does not read, by (config, credentials): see `for_document`.
    _copies: dict[tuple[str | None, str | None], ServerContext] = field(
        default_factory=dict, compare=False, repr=False
    )

    def uri(self, path: str) -> str:
        """The URI of a file: the open document's own, else one made from the path."""
        path = os.path.abspath(self.workspace.env.absolute(path))
        return self.uris.get(path) or from_fs_path(path) or path

    def model_at(self, path: str) -> Model | None:
        """The model of a file boto3 reads (open buffer first), to convert its columns."""
        ws = self.workspace
        path = os.path.abspath(ws.env.absolute(path))
        kind = ws.kind_of(path)
        return None if kind is None else ws.model(path, kind)

    def for_document(self, state: DocumentState) -> ServerContext:
        """The context `state` is read in: this one for the files boto3 reads (and for
        ~/.aws/config or credentials when a variable moved boto3 away from it, which hover and
        diagnostics say); for a config or credentials copy it does not read (a dotfiles repo,
        an `extraFiles` glob), this environment reading the copy as its file, paired with the
        file beside it when there is one (else with the environment's other file)."""
        ws = self.workspace
        if state.kind not in _PAIR or ws.read_by_boto3(state.path):
            return self
        home = ws.env.expanduser("~")
        if any(same_path(state.path, os.path.join(home, ".aws", name)) for name in _DEFAULTS):
            return self  # the default file a variable moved boto3 away from: not read, it says
        files = {state.kind: state.path}
        other = self._beside(state)
        if other is not None:
            files[other.kind] = other.path
        key = (files.get(FileKind.CONFIG), files.get(FileKind.CREDENTIALS))
        derived = self._copies.get(key)
        if derived is None:
            derived = self._copies[key] = replace(self, workspace=ws.reading(*key))
        return derived

    def _beside(self, state: DocumentState) -> Model | None:
        """The other file of a pair beside a config or credentials file boto3 does not read
        (`dotfiles/aws/config` ↔ `dotfiles/aws/credentials`), when it exists."""
        ws, other = self.workspace, sibling(state.path)
        if state.kind not in _PAIR or other is None or ws.read_by_boto3(state.path):
            return None
        return ws.model(other, _PAIR[state.kind])

    def companion(self, state: DocumentState) -> Model | None:
        """The file boto3 reads together with this one (config ↔ credentials); for a file it
        does not read, the file beside it when there is one."""
        beside = self._beside(state)
        if beside is not None:
            return beside
        ws = self.workspace
        if state.kind is FileKind.CONFIG and state.path != ws.credentials_path:
            return ws.model(ws.credentials_path, FileKind.CREDENTIALS)
        if state.kind is FileKind.CREDENTIALS and state.path != ws.config_path:
            return ws.model(ws.config_path, FileKind.CONFIG)
        return None

    def problems(self, state: DocumentState, full: bool = True) -> list[Problem]:
        """Every problem of the document; `full` False: only what the file alone shows (fast
        on every keystroke). The settings' filters apply in `diagnostics`. A copy boto3 does
        not read is checked with its pair as boto3 would read them (`for_document`), without
        this environment's own problems (they are about the files boto3 does read)."""
        if not full:
            return file_problems(state.model)
        reading = self.for_document(state).workspace
        return file_problems(state.model, reading, environment=reading is self.workspace)

    def diagnostics(
        self, state: DocumentState, encoding: str, full: bool = True
    ) -> list[types.Diagnostic]:
        return to_diagnostics(state, self.problems(state, full), self.settings, encoding, self)

    def depends_on(self, state: DocumentState, changed: DocumentState) -> bool:
        """Whether `state`'s problems read `changed` (both are files its reading reads)."""
        ws = self.for_document(state).workspace
        return ws.read_by_boto3(state.path) and ws.read_by_boto3(changed.path)


_PAIR = {FileKind.CONFIG: FileKind.CREDENTIALS, FileKind.CREDENTIALS: FileKind.CONFIG}
_DEFAULTS = ("config", "credentials")  # in ~/.aws (resolution.environment.file_locations)
