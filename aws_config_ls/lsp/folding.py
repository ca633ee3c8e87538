"""Folding ranges: sections, nested blocks and folded values, runs of comment lines.

Each block's ranges are kept with the block (relative lines), so a request after an edit
costs the touched blocks only; the answer is written as JSON directly (see `folding_json`).
"""

from __future__ import annotations

from aws_config_ls.ini.syntax import Block, BlockFact, Kind
from aws_config_ls.lsp.documents import DocumentState

_FOLDS = BlockFact[list[tuple[int, int, bool]]]("folding ranges")


def _block_folds(block: Block) -> list[tuple[int, int, bool]]:
    """(first, last, comment) relative lines of each fold in a block."""
    return _FOLDS.get_or(block, _folds)


def _folds(block: Block) -> list[tuple[int, int, bool]]:
    lines = block.lines
    found: list[tuple[int, int, bool]] = []
    for node in block.sections:
        if node.header >= 0:
            last = node.end - 1
            while last > node.header and lines[last].kind is Kind.BLANK:
                last -= 1
            if last > node.header:
                found.append((node.header, last, False))
        for entry in node.entries:
            parts = [i for i in entry.parts if lines[i].kind is not Kind.BLANK]
            if parts:
                found.append((entry.line, parts[-1], False))
    run = -1
    for i, line in enumerate(lines):
        if line.kind is Kind.COMMENT:
            run = i if run < 0 else run
            continue
        if 0 <= run < i - 1:
            found.append((run, i - 1, True))
        run = -1
    if 0 <= run < len(lines) - 1:
        found.append((run, len(lines) - 1, True))
    return found


_KIND = ', "kind": "comment"'
# A block's folds in JSON, with the first line they were written at: typing within a line
# moves no block, so only the edited block is written again.
_JSON = BlockFact[tuple[int, str]]("folding ranges in JSON")


def _block_json(block: Block, start: int) -> str:
    found = _JSON.get(block)
    if found is None or found[0] != start:
        text = ", ".join(
            f'{{"startLine": {start + first}, "endLine": {start + last}{_KIND if comment else ""}}}'
            for first, last, comment in _block_folds(block)
        )
        found = _JSON.put(block, (start, text))
    return found[1]


def folding_json(state: DocumentState) -> str:
    """Every fold, as the JSON array the client gets: written straight from each block's
    folds, since converting thousands of objects one by one costs more than finding them."""
    parts = (_block_json(block, start) for _, block, start in state.tree.placed())
    return "[" + ", ".join(part for part in parts if part) + "]"
