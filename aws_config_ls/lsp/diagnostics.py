"""Problems to LSP diagnostics, after the user's severity overrides and disabled codes
(the settings' `Policy`, applied here once)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Protocol

from lsprotocol import types

from aws_config_ls.catalogue.secrets import is_secret_key, redact
from aws_config_ls.checks.fixes import fix_all
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import Problem, Related, Severity
from aws_config_ls.ini.syntax import Kind
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import line_text, texts_range, to_pos, to_range
from aws_config_ls.lsp.settings import Settings

SOURCE = "aws-config-ls"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


class OtherFiles(Protocol):
    """Where the other files are: their URI, and their model to convert columns."""

    def uri(self, path: str) -> str: ...

    def model_at(self, path: str) -> Model | None: ...


def to_diagnostics(
    state: DocumentState,
    problems: Sequence[Problem],
    settings: Settings,
    encoding: str,
    files: OtherFiles | None = None,
) -> list[types.Diagnostic]:
    """Related places in other files carry that file's URI and its own columns."""
    tree = state.tree
    converted = state.converted
    last = converted.table if converted.encoding == encoding else {}
    table: dict[tuple[Problem, str, str], types.Diagnostic] = {}
    out = []
    for problem in settings.policy.apply(problems):
        key = None
        start, end = problem.span
        first = line_text(tree, start.line)
        last_text = first if end.line == start.line else line_text(tree, end.line)
        if not problem.related:  # related places may move without this problem changing
            key = (problem, first, last_text)
            diagnostic = last.get(key)
            if diagnostic is not None:
                table[key] = diagnostic
                out.append(diagnostic)
                continue
        related = [
            types.DiagnosticRelatedInformation(
                location=_location(state, r, encoding, files), message=r.message
            )
            for r in problem.related
        ]
        diagnostic = types.Diagnostic(
            range=texts_range(first, last_text, problem.span, encoding),
            message=redact(problem.message, ()),
            severity=_SEVERITY[problem.severity],
            code=problem.code,
            source=SOURCE,
            related_information=related or None,
            data={"fix": problem.fix} if problem.fix is not None else None,
        )
        if key is not None:
            table[key] = diagnostic
        out.append(diagnostic)
    converted.encoding, converted.table = encoding, table
    return out


def _location(
    state: DocumentState, related: Related, encoding: str, files: OtherFiles | None
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


def quick_fixes(
    state: DocumentState | None, uri: str, diagnostics: Iterable[types.Diagnostic], encoding: str
) -> list[types.CodeAction]:
    """The obvious fix of each diagnostic that has one (a "did you mean", say)."""
    actions = []
    for diagnostic in diagnostics:
        data = diagnostic.data
        fix = data.get("fix") if isinstance(data, dict) else None
        if not isinstance(fix, str) or diagnostic.source != SOURCE:  # data is the client's
            continue
        actions.append(
            types.CodeAction(
                title=_title(state, diagnostic, fix, encoding),
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(
                    changes={uri: [types.TextEdit(range=diagnostic.range, new_text=fix)]}
                ),
                is_preferred=True,
            )
        )
    return actions


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a code action of `kind` answers a request for the kinds `only` (LSP's
    hierarchical match: `source` asks for `source.fixAll` too)."""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def fix_all_action(
    state: DocumentState, settings: Settings, encoding: str
) -> types.CodeAction | None:
    """Every safe fix of the document in one edit (`source.fixAll`), checked before it is
    offered; the codes the user turned off stay as they are."""
    edits = fix_all(state.model, settings.policy.keeps)
    if not edits:
        return None
    changes = [types.TextEdit(to_range(state.tree, e.span, encoding), e.text) for e in edits]
    return types.CodeAction(
        title=f"Fix all safe problems ({len(edits)})",
        kind=types.CodeActionKind.SourceFixAll,
        edit=types.WorkspaceEdit(changes={state.uri: changes}),
    )


def _title(
    state: DocumentState | None, diagnostic: types.Diagnostic, fix: str, encoding: str
) -> str:
    """What the fix removes or changes, quoting the text unless it may hold a secret."""
    old = "" if state is None else _shown_text(state, diagnostic.range, encoding)
    if diagnostic.code == "nul-byte":
        return "Remove the NUL byte"
    if diagnostic.code == "comment-in-value":
        return f"Remove the inline comment `{old}`" if old else "Remove the inline comment"
    if not fix:
        return f"Remove `{old}`" if old else "Remove the marked text"
    return f"Replace `{old}` with `{fix}`" if old else f"Replace with `{fix}`"


def _shown_text(state: DocumentState, where: types.Range, encoding: str) -> str:
    """The text of a one-line range, or "" when it is long or lies in a secret's value."""
    if where.start.line != where.end.line or where.start.line >= state.tree.line_count:
        return ""
    line = state.tree.line(where.start.line)
    start = to_pos(state.tree, where.start, encoding).col
    end = to_pos(state.tree, where.end, encoding).col
    if line.kind is Kind.ENTRY and start > line.delim and is_secret_key(line.key):
        return ""
    text = line.text[start:end].strip()
    return text if 0 < len(text) <= 40 and "`" not in text else ""
