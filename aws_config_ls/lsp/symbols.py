"""Document symbols: one per section, its keys beneath (the outline of the file)."""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.ini.model import classify
from aws_config_ls.ini.span import Span
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_range


def symbols(state: DocumentState, encoding: str) -> list[types.DocumentSymbol]:
    model = state.model
    tree = model.tree
    out = []
    for section in model.sections:
        header = tree.line(section.header)
        placed = classify(section.name, state.kind)
        end_line = tree.block_start(section.block) + section.node.end - 1
        full = Span.of(section.header, 0, 0)._replace(
            end=Span.of(end_line, 0, len(tree.line(end_line).text)).end
        )
        children = [
            types.DocumentSymbol(
                name=entry.key or "(empty key)",
                kind=types.SymbolKind.Property,
                range=to_range(tree, model.key_span(section, entry), encoding),
                selection_range=to_range(tree, model.key_span(section, entry), encoding),
            )
            for entry in section.node.entries
        ]
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
