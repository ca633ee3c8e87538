"""Document and range formatting: the engine's block edits (`formatting.py`) as LSP text edits."""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.edit.formatting import format_edits
from aws_config_ls.edit.refusal import Refusal
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_client_col


def formatting(
    state: DocumentState, encoding: str, within: types.Range | None = None
) -> tuple[list[types.TextEdit], str | None]:
    """The edits, or none and the reason botocore's reading cannot be kept."""
    first, last = 0, None
    if within is not None:
        first, last = within.start.line, within.end.line
        if within.end.character == 0 and last > first:
            last -= 1  # a selection of whole lines ends at the start of the next one
    edits = format_edits(state.model, first, last)
    if isinstance(edits, Refusal):
        return [], edits.message
    tree = state.tree
    out = []
    for edit in edits:
        end = types.Position(line=edit.end, character=0)
        final = tree.line(edit.end - 1)
        if edit.end == tree.line_count and not final.eol:
            end = types.Position(edit.end - 1, to_client_col(final.text, len(final.text), encoding))
        start = types.Position(line=edit.start, character=0)
        out.append(types.TextEdit(range=types.Range(start=start, end=end), new_text=edit.text))
    return out, None
