"""What every feature reads: the settings, the simulated environment and the files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lsprotocol import types

from aws_config_ls.analysis import analyze
from aws_config_ls.kinds import FileKind
from aws_config_ls.locations import Locations
from aws_config_ls.lsp.diagnostics import to_diagnostics
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.files import Files
from aws_config_ls.lsp.settings import Settings
from aws_config_ls.model import Model


@dataclass(frozen=True)
class Context:
    settings: Settings
    files: Files
    environment: Mapping[str, str]
    locations: Locations

    def companion_path(self, state: DocumentState) -> str | None:
        """The file boto3 reads together with this one (config ↔ credentials)."""
        if state.kind is FileKind.CONFIG:
            return self.locations.credentials
        if state.kind is FileKind.CREDENTIALS:
            return self.locations.config
        return None

    def companion(self, state: DocumentState) -> Model | None:
        path = self.companion_path(state)
        if path is None or path == state.path:
            return None
        other = FileKind.CREDENTIALS if state.kind is FileKind.CONFIG else FileKind.CONFIG
        return self.files.model(path, other)

    def diagnostics(self, state: DocumentState, encoding: str) -> list[types.Diagnostic]:
        problems = analyze(state.model, portability=self.settings.portability_checks)
        return to_diagnostics(state, problems, self.settings, encoding)

    def depends_on(self, state: DocumentState, changed: DocumentState) -> bool:
        """Whether `state`'s problems read `changed` (a cross-file reference, say)."""
        return self.companion_path(state) == changed.path
