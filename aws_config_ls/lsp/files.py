"""The files boto3 reads in the simulated environment; open buffers win over the disk."""

from __future__ import annotations

import os

from aws_config_ls.kinds import FileKind
from aws_config_ls.locations import normalized
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.model import Model


class Files:
    """Models of files by path: an open document's state, else the disk (cached by stat)."""

    def __init__(self) -> None:
        self.open: dict[str, DocumentState] = {}
        self._disk: dict[tuple[str, FileKind], tuple[tuple[int, int], Model]] = {}

    def model(self, path: str, kind: FileKind) -> Model | None:
        path = normalized(path)
        state = self.open.get(path)
        if state is not None:
            return state.model if state.kind is kind else Model(state.tree, kind, path)
        try:
            stat = os.stat(path)
        except OSError:
            return None
        if not os.path.isfile(path):
            return None
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._disk.get((path, kind))
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        model = Model.from_bytes(data, kind, path)
        self._disk[path, kind] = (key, model)
        return model

    def forget(self, path: str) -> None:
        """Drop cached disk reads of a path (a watched file changed)."""
        path = normalized(path)
        for key in [k for k in self._disk if k[0] == path]:
            del self._disk[key]
