"""What every feature reads: the settings and the workspace of files boto3 reads.

A `ServerContext` is rebuilt after every change (document, watched file, setting); its workspace
computes resolution and cross-file problems lazily, once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.uris import from_fs_path

from aws_config_ls.checks.analysis import file_problems
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import sibling
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

    def companion(self, state: DocumentState) -> Model | None:
        """The file boto3 reads together with this one (config ↔ credentials); for a copy
        boto3 does not read (a dotfiles repo), the file beside it, when there is one."""
        ws = self.workspace
        pair = {FileKind.CONFIG: FileKind.CREDENTIALS, FileKind.CREDENTIALS: FileKind.CONFIG}
        other = sibling(state.path)
        if state.kind in pair and other is not None and not ws.read_by_boto3(state.path):
            model = ws.model(other, pair[state.kind])
            if model is not None:
                return model
        if state.kind is FileKind.CONFIG and state.path != ws.credentials_path:
            return ws.model(ws.credentials_path, FileKind.CREDENTIALS)
        if state.kind is FileKind.CREDENTIALS and state.path != ws.config_path:
            return ws.model(ws.config_path, FileKind.CONFIG)
        return None

    def problems(self, state: DocumentState, full: bool = True) -> list[Problem]:
        """Every problem of the document; `full` False: only what the file alone shows (fast
        on every keystroke). The settings' filters apply in `diagnostics`."""
        return file_problems(state.model, self.workspace if full else None)

    def diagnostics(
        self, state: DocumentState, encoding: str, full: bool = True
    ) -> list[types.Diagnostic]:
        return to_diagnostics(state, self.problems(state, full), self.settings, encoding, self)

    def depends_on(self, state: DocumentState, changed: DocumentState) -> bool:
        """Whether `state`'s problems read `changed` (both are files boto3 reads)."""
        ws = self.workspace
        return ws.read_by_boto3(state.path) and ws.read_by_boto3(changed.path)
