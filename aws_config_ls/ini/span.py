"""Positions in a text: 0-based lines and code-point columns (the server converts to UTF-16)."""

from __future__ import annotations

from aws_config_ls.ini.records import NamedTuple


class Pos(NamedTuple):
    line: int
    col: int


class Span(NamedTuple):
    """A half-open range [start, end) in one document."""

    start: Pos
    end: Pos

    @staticmethod
    def of(line: int, start_col: int, end_col: int) -> Span:
        return Span(Pos(line, start_col), Pos(line, end_col))

    def one_based(self) -> tuple[int, int, int, int]:
        """(line, column, end line, end column) counted from 1, as people and the `check`
        formats count (the end column is the one after the last character)."""
        return (self.start.line + 1, self.start.col + 1, self.end.line + 1, self.end.col + 1)

    def shifted(self, lines: int) -> Span:
        # the records made at C speed: every problem of a block is placed through here
        start, end = self
        return _new(
            Span, (_new(Pos, (start[0] + lines, start[1])), _new(Pos, (end[0] + lines, end[1])))
        )


_new = tuple.__new__
