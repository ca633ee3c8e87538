"""Document symbols: one per section, its keys beneath (the outline of the file).

A very large file's outline lists its sections only: building and sending tens of
thousands of symbols takes longer than a reply may (VS Code's own JSON outline caps its
items the same way), and a file that large is navigated by section.
"""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.ini.model import classify
from aws_config_ls.ini.span import Span
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
        children = []
        for entry in section.node.entries if with_keys else ():
            key = to_range(tree, model.key_span(section, entry), encoding)
            children.append(
                types.DocumentSymbol(
                    name=entry.key or "(empty key)",
                    kind=types.SymbolKind.Property,
                    range=key,
                    selection_range=key,
                )
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
