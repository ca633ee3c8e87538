"""Problems to LSP diagnostics, after the user's severity overrides and disabled codes."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Protocol

from lsprotocol import types

from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_range
from aws_config_ls.lsp.settings import Settings
from aws_config_ls.model import Model
from aws_config_ls.problems import Problem, Related, Severity
from aws_config_ls.secrets import redact

SOURCE = "aws-config-ls"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


def enabled(problem: Problem, settings: Settings) -> bool:
    if problem.code in settings.disabled_codes:
        return False
    return settings.portability_checks or not problem.code.startswith("portability-")


class Files(Protocol):
    """Where the other files are: their URI, and their model to convert columns."""

    def uri(self, path: str) -> str: ...

    def model_at(self, path: str) -> Model | None: ...


def to_diagnostics(
    state: DocumentState,
    problems: Iterable[Problem],
    settings: Settings,
    encoding: str,
    files: Files | None = None,
) -> list[types.Diagnostic]:
    """Related places in other files carry that file's URI and its own columns."""
    tree = state.tree
    out = []
    for problem in problems:
        if not enabled(problem, settings):
            continue
        severity = settings.severity_overrides.get(problem.code, problem.severity)
        related = [
            types.DiagnosticRelatedInformation(
                location=_location(state, r, encoding, files), message=r.message
            )
            for r in problem.related
        ]
        out.append(
            types.Diagnostic(
                range=to_range(tree, problem.span, encoding),
                message=redact(problem.message, ()),
                severity=_SEVERITY[Severity(severity)],
                code=problem.code,
                source=SOURCE,
                related_information=related or None,
                data={"fix": problem.fix} if problem.fix is not None else None,
            )
        )
    return out


def _location(
    state: DocumentState, related: Related, encoding: str, files: Files | None
) -> types.Location:
    path = related.path
    if path is None or os.path.abspath(path) == os.path.abspath(state.path):
        return types.Location(uri=state.uri, range=to_range(state.tree, related.span, encoding))
    model = files.model_at(path) if files is not None else None
    uri = files.uri(path) if files is not None else path
    if model is None:  # not readable now: the columns as they are
        start, end = related.span
        return types.Location(
            uri=uri,
            range=types.Range(
                start=types.Position(start.line, start.col), end=types.Position(end.line, end.col)
            ),
        )
    return types.Location(uri=uri, range=to_range(model.tree, related.span, encoding))


def quick_fixes(uri: str, diagnostics: Iterable[types.Diagnostic]) -> list[types.CodeAction]:
    """The obvious fix of each diagnostic that has one (a "did you mean", say)."""
    actions = []
    for diagnostic in diagnostics:
        data = diagnostic.data
        fix = data.get("fix") if isinstance(data, dict) else getattr(data, "fix", None)
        if fix is None or diagnostic.source != SOURCE:
            continue
        title = f"Replace with `{fix}`" if fix else "Remove it"
        actions.append(
            types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(
                    changes={uri: [types.TextEdit(range=diagnostic.range, new_text=fix)]}
                ),
                is_preferred=True,
            )
        )
    return actions
