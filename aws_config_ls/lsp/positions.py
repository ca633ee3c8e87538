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
    start, end = span
    first = line_text(tree, start.line)
    return texts_range(
        first, first if end.line == start.line else line_text(tree, end.line), span, encoding
    )


def texts_range(first: str, last: str, span: Span, encoding: str) -> types.Range:
    """`span`'s range, given the texts of its first and last lines (a caller that has them)."""
    start, end = span
    return types.Range(
        start=types.Position(line=start.line, character=to_client_col(first, start.col, encoding)),
        end=types.Position(line=end.line, character=to_client_col(last, end.col, encoding)),
    )
