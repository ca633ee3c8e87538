"""Markdown or plain text, as the client asked: features write Markdown, plain clients get it
without its marks (no `**`, backticks or link syntax shown raw)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]*)`")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def wants_markdown(formats: Sequence[types.MarkupKind] | None) -> bool:
    """Markdown only for a client that lists it first (the order is its preference)."""
    return bool(formats) and formats[0] == types.MarkupKind.Markdown  # type: ignore[index]


def hover_formats(capabilities: types.ClientCapabilities | None) -> Sequence[types.MarkupKind]:
    text = capabilities.text_document if capabilities else None
    return (text.hover.content_format if text and text.hover else None) or ()


def documentation_formats(
    capabilities: types.ClientCapabilities | None,
) -> Sequence[types.MarkupKind]:
    text = capabilities.text_document if capabilities else None
    item = text.completion.completion_item if text and text.completion else None
    return (item.documentation_format if item else None) or ()


def plain(markdown: str) -> str:
    """The text of our Markdown without its marks; a link keeps its address."""
    text = _LINK.sub(r"\1: \2", markdown)
    text = _BOLD.sub(r"\1", text)
    return _CODE.sub(r"\1", text)


def content(markdown: str, formats: Sequence[types.MarkupKind] | None) -> types.MarkupContent:
    if wants_markdown(formats):
        return types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown)
    return types.MarkupContent(kind=types.MarkupKind.PlainText, value=plain(markdown))
