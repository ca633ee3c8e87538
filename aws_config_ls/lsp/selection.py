"""Selection ranges: the word (a key, a value, a header's name), the whole entry with its
continuation lines, the section, for each position asked."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from aws_config_ls.ini.span import Pos, Span
from aws_config_ls.ini.syntax import Kind
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_pos, to_range


def selection_ranges(
    state: DocumentState, positions: Sequence[types.Position], encoding: str
) -> list[types.SelectionRange]:
    return [_one(state, to_pos(state.tree, p, encoding), encoding) for p in positions]


def _one(state: DocumentState, pos: Pos, encoding: str) -> types.SelectionRange:
    model, tree = state.model, state.tree
    spans: list[Span] = []
    if 0 <= pos.line < tree.line_count:
        line = tree.line(pos.line)
        if line.kind is Kind.HEADER:
            spans.append(Span.of(pos.line, line.k0, line.k1))
        elif line.kind is Kind.ENTRY:
            before = pos.col <= line.delim or line.v0 == line.v1
            spans.append(Span.of(pos.line, *((line.k0, line.k1) if before else (line.v0, line.v1))))
        elif line.kind is Kind.CONTINUATION:
            spans.append(Span.of(pos.line, *_sub_word(line.text, line.v0, line.v1, pos.col)))
        if line.kind is not Kind.BLANK:
            spans.append(Span.of(pos.line, line.indent, line.content_end))
        section = model.section_at(pos.line)
        if section is not None:
            entry = model.entry_at(section, pos.line)
            base = tree.block_start(section.block)
            block = tree.blocks[section.block]
            parts = (
                [i for i in entry.parts if block.lines[i].kind is not Kind.BLANK] if entry else []
            )
            if entry is not None and parts:
                last = base + parts[-1]
                first = model.entry_line(section, entry)
                spans.append(Span(Pos(first, 0), Pos(last, len(tree.line(last).text))))
            last = base + section.node.end - 1
            while last > section.header and tree.line(last).kind is Kind.BLANK:
                last -= 1
            spans.append(Span(Pos(section.header, 0), Pos(last, len(tree.line(last).text))))
    if not spans:
        spans.append(Span(pos, pos))
    chain: types.SelectionRange | None = None
    for span in reversed(_widening(spans)):
        chain = types.SelectionRange(range=to_range(tree, span, encoding), parent=chain)
    assert chain is not None
    return chain


def _sub_word(text: str, v0: int, v1: int, col: int) -> tuple[int, int]:
    """In a `key = value` line of a nested block, the side the cursor is on."""
    eq = text.find("=", v0, v1)
    if eq < 0:
        return v0, v1
    if col <= eq:
        return v0, v0 + len(text[v0:eq].rstrip())
    return v1 - len(text[eq + 1 : v1].lstrip()), v1


def _widening(spans: list[Span]) -> list[Span]:
    """Each span once, each containing the one before (the LSP requires it)."""
    out: list[Span] = []
    for span in spans:
        if not out or (span != out[-1] and span.start <= out[-1].start and out[-1].end <= span.end):
            out.append(span)
    return out
