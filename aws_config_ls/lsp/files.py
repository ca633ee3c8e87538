"""Open documents and disk reads: what a workspace loads, open buffers winning over disk."""

from __future__ import annotations

import os

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.workspace import read_model


class ModelSource:
    """Models by path: an open document's state, else the disk (cached by mtime and size)."""

    def __init__(self) -> None:
        self.open: dict[str, DocumentState] = {}
        self._disk: dict[tuple[str, FileKind], tuple[tuple[int, int], Model | None]] = {}

    def model(self, path: str, kind: FileKind) -> Model | None:
        state = self.open.get(path)
        if state is not None:
            return state.model if state.kind is kind else Model(state.tree, kind, path)
        try:
            stat = os.stat(path)
            key = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = (-1, -1)
        cached = self._disk.get((path, kind))
        if cached is not None and cached[0] == key:
            return cached[1]
        model = read_model(path, kind) if key != (-1, -1) else None
        self._disk[path, kind] = (key, model)
        return model

    def forget(self, path: str) -> None:
        """Drop cached disk reads of a path (a watched file changed)."""
        for key in [k for k in self._disk if k[0] == path]:
            del self._disk[key]
