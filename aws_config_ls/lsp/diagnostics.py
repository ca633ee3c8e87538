"""Problems to LSP diagnostics, after the user's severity overrides and disabled codes."""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types

from aws_config_ls.catalogue.secrets import redact
from aws_config_ls.ini.problems import Problem, Severity
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_range
from aws_config_ls.lsp.settings import Settings

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


def to_diagnostics(
    state: DocumentState,
    problems: Iterable[Problem],
    settings: Settings,
    encoding: str,
    uri_of: dict[str, str] | None = None,
) -> list[types.Diagnostic]:
    """`uri_of` maps the paths of related places in other files to their URIs."""
    tree = state.tree
    out = []
    for problem in problems:
        if not enabled(problem, settings):
            continue
        severity = settings.severity_overrides.get(problem.code, problem.severity)
        related = [
            types.DiagnosticRelatedInformation(
                location=types.Location(
                    uri=(uri_of or {}).get(r.path, state.uri) if r.path else state.uri,
                    range=to_range(tree, r.span, encoding)
                    if not r.path
                    else types.Range(
                        start=types.Position(r.span.start.line, r.span.start.col),
                        end=types.Position(r.span.end.line, r.span.end.col),
                    ),
                ),
                message=r.message,
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


def quick_fixes(uri: str, diagnostics: Iterable[types.Diagnostic]) -> list[types.CodeAction]:
    """The obvious fix of each diagnostic that has one (a "did you mean", say)."""
    actions = []
    for diagnostic in diagnostics:
        data = diagnostic.data
        fix = data.get("fix") if isinstance(data, dict) else None
        if not isinstance(fix, str) or diagnostic.source != SOURCE:  # data is the client's
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
