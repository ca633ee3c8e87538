"""Document symbols: one per section, its keys beneath (the outline of the file).

A very large file's outline lists its sections only: building and sending tens of
thousands of symbols takes longer than a reply may (VS Code's own JSON outline caps its
items the same way), and a file that large is navigated by section.
"""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.ini.model import Model, Section, classify
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import EntryNode
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_range

OUTLINE_LIMIT = 3000  # sections and keys; beyond it, sections only


def symbols(state: DocumentState, encoding: str) -> list[types.DocumentSymbol]:
    model = state.model
    tree = model.tree
    out = []
    with_keys = len(model.sections) + sum(len(s.node.entries) for s in model.sections) <= (
        OUTLINE_LIMIT
    )
    for section in model.sections:
        header = tree.line(section.header)
        placed = classify(section.name, state.kind)
        end_line = tree.block_start(section.block) + section.node.end - 1
        full = Span.of(section.header, 0, 0)._replace(
            end=Span.of(end_line, 0, len(tree.line(end_line).text)).end
        )
        children = (
            [_entry(model, section, entry, encoding) for entry in section.node.entries]
            if with_keys
            else []
        )
        out.append(
            types.DocumentSymbol(
                name=f"[{section.name}]",
                detail=f"{placed.group.replace('_', ' ')}: {placed.name}"
                if placed.name
                else "ignored by botocore",
                kind=types.SymbolKind.Namespace,
                range=to_range(tree, full, encoding),
                selection_range=to_range(
                    tree, Span.of(section.header, header.k0, header.k1), encoding
                ),
                children=children,
            )
        )
    return out


def _entry(model: Model, section: Section, entry: EntryNode, encoding: str) -> types.DocumentSymbol:
    """A key; a nested block's range spans its sub-keys, which it holds as children."""
    key = model.key_span(section, entry)
    nested = _nested(model, section, entry, encoding)
    whole = to_range(model.tree, key, encoding)
    if nested:
        whole = types.Range(start=whole.start, end=nested[-1].range.end)
    return types.DocumentSymbol(
        name=entry.key or "(empty key)",
        kind=types.SymbolKind.Module if nested else types.SymbolKind.Property,
        range=whole,
        selection_range=to_range(model.tree, key, encoding),
        children=nested or None,
    )


def _nested(
    model: Model, section: Section, entry: EntryNode, encoding: str
) -> list[types.DocumentSymbol]:
    """The sub-keys of a nested block (`s3 =` then `addressing_style = path` …)."""
    out = []
    for line, piece in model.nested_lines(section, entry):
        key, eq, _ = piece.partition("=")
        if not eq or not key.strip():
            continue
        text = model.tree.line(line).text
        start = text.find(key.strip())
        span = Span.of(line, start, start + len(key.strip()))
        out.append(
            types.DocumentSymbol(
                name=key.strip(),
                kind=types.SymbolKind.Property,
                range=to_range(model.tree, span, encoding),
                selection_range=to_range(model.tree, span, encoding),
            )
        )
    return out
