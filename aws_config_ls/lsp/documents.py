"""One immutable analysed state per document version, and the edits that make the next one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lsprotocol import types

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import Problem
from aws_config_ls.ini.syntax import SyntaxTree
from aws_config_ls.lsp.positions import to_pos

LANGUAGE_KINDS = {
    "aws-config": FileKind.CONFIG,
    "aws-credentials": FileKind.CREDENTIALS,
    "aws-boto": FileKind.BOTO,
}


class Converted:
    """A document's last diagnostics by what they were made of, carried from one version to
    the next: a publication converts only the problems that changed (an untouched problem
    has the same value, severity included, and line texts after an edit elsewhere). Each
    conversion replaces the whole table, so it holds the latest publication only; a race
    between two threads loses reuse, never correctness."""

    def __init__(self) -> None:
        self.encoding = ""
        self.table: dict[tuple[Problem, str, str], types.Diagnostic] = {}


@dataclass(frozen=True)
class DocumentState:
    """A document at one version: its tree and model, shared by every feature."""

    uri: str
    path: str
    version: int | None
    kind: FileKind
    model: Model = field(compare=False)
    converted: Converted = field(default_factory=Converted, compare=False, repr=False)

    @property
    def tree(self) -> SyntaxTree:
        return self.model.tree

    def edited(
        self,
        version: int | None,
        changes: Sequence[types.TextDocumentContentChangeEvent],
        encoding: str,
    ) -> DocumentState:
        tree = self.tree
        for change in changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                start = to_pos(tree, change.range.start, encoding)
                end = to_pos(tree, change.range.end, encoding)
                tree = tree.edit(start, max(start, end), change.text)
            else:
                tree = SyntaxTree.parse(change.text)
        return DocumentState(
            self.uri,
            self.path,
            version,
            self.kind,
            self.model.edited(tree),
            self.converted,
        )


def open_state(
    uri: str, path: str, version: int | None, kind: FileKind, text: str
) -> DocumentState:
    return DocumentState(uri, path, version, kind, Model.from_text(text, kind, path))
