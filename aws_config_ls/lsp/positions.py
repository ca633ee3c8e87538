"""Engine spans (code points) to LSP ranges (the negotiated encoding, UTF-16 by default)."""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.ini.span import Pos, Span
from aws_config_ls.ini.syntax import SyntaxTree


def _units(char: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf8:
        return len(char.encode("utf-8", errors="surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return 1
    return 2 if ord(char) > 0xFFFF else 1


def to_client_col(text: str, col: int, encoding: str) -> int:
    if text.isascii() or encoding == types.PositionEncodingKind.Utf32:
        return col
    # Encoding the prefix counts its code units at C speed (a pasted line can be 100k long).
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text[:col].encode("utf-8", errors="surrogatepass"))
    return len(text[:col].encode("utf-16-le", errors="surrogatepass")) // 2


def from_client_col(text: str, units: int, encoding: str) -> int:
    """Code-point column of a client column, clamped to the line (as the LSP spec says)."""
    if text.isascii() or encoding == types.PositionEncodingKind.Utf32:
        return min(units, len(text))
    seen = 0
    for i, c in enumerate(text):
        if seen >= units:
            return i
        seen += _units(c, encoding)
    return len(text)


def line_text(tree: SyntaxTree, line: int) -> str:
    return tree.line(line).text if 0 <= line < tree.line_count else ""


def to_pos(tree: SyntaxTree, position: types.Position, encoding: str) -> Pos:
    text = line_text(tree, position.line)
    return Pos(position.line, from_client_col(text, position.character, encoding))


def to_range(tree: SyntaxTree, span: Span, encoding: str) -> types.Range:
    def one(pos: Pos) -> types.Position:
        text = line_text(tree, pos.line)
        return types.Position(line=pos.line, character=to_client_col(text, pos.col, encoding))

    return types.Range(start=one(span.start), end=one(span.end))
