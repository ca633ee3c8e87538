"""What is under the cursor: the one question completion and hover share (after taplo's Query).

The model answers which section and entry a line belongs to (`Model.section_at`,
`Model.entry_at`); this adds the part of the line and the word a completion replaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from aws_config_ls.ini.model import Model, Section
from aws_config_ls.ini.span import Pos, Span
from aws_config_ls.ini.syntax import EntryNode, Kind, Line


class Part(str, Enum):
    HEADER = "header"  # inside `[...]`, or a line being typed that starts with `[`
    KEY = "key"  # a key, or a blank/partial line where a key can go
    VALUE = "value"  # after the delimiter of a key
    SUBKEY = "subkey"  # a line inside a nested `key =` block, before its `=`
    SUBVALUE = "subvalue"  # after the `=` of a nested line
    CONTINUATION = "continuation"  # a folded line of a plain value
    COMMENT = "comment"
    NONE = "none"


@dataclass(frozen=True)
class Place:
    """The cursor's place. `word` is the span a hover covers; `token` the exact span a
    completion replaces (None where completing would insert a second token, or glue a value
    to its `=`)."""

    part: Part
    pos: Pos
    section: Section | None  # the section holding the line
    entry: EntryNode | None  # the entry the line belongs to (key line or continuation)
    word: Span
    subkey: str | None = None  # for SUBKEY/SUBVALUE: the nested line's own key
    text: str = ""  # the partial text before the cursor in `word`
    token: Span | None = None


def _word(text: str, col: int, stops: str) -> tuple[int, int]:
    start = col
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in stops:
        start -= 1
    end = col
    while end < len(text) and not text[end].isspace() and text[end] not in stops:
        end += 1
    return start, end


def place_at(model: Model, pos: Pos) -> Place:
    tree = model.tree
    if pos.line >= tree.line_count:  # the empty line after the final newline
        empty = Span(Pos(pos.line, 0), Pos(pos.line, 0))
        section = model.section_at(tree.line_count - 1)
        return Place(Part.KEY, empty.start, section, None, empty, token=empty)
    line = tree.line(pos.line)
    col = min(pos.col, len(line.text))
    section = model.section_at(pos.line)
    text = line.text

    def place(
        part: Part,
        span: tuple[int, int],
        entry: EntryNode | None = None,
        subkey: str | None = None,
        token: tuple[int, int] | None = None,
    ) -> Place:
        start, end = span
        return Place(
            part,
            Pos(pos.line, col),
            section,
            entry,
            Span.of(pos.line, start, end),
            subkey,
            text[start:col],
            None if token is None else Span.of(pos.line, *token),
        )

    if line.kind is Kind.COMMENT:
        return place(Part.COMMENT, (col, col))
    if line.kind is Kind.HEADER or text.lstrip().startswith("["):
        open_at = text.find("[")
        close = text.rfind("]")
        end = close if close > open_at else len(text.rstrip())
        if open_at < col <= max(end, open_at + 1):
            return place(
                Part.HEADER, (open_at + 1, end), token=_name_token(text, open_at, end, col)
            )
        return place(Part.NONE, (col, col))
    if line.kind is Kind.ENTRY and section is not None:
        entry = model.entry_at(section, pos.line)
        if col <= line.delim:
            key = (line.k0, line.k1) if line.k0 <= col <= line.k1 else None
            return place(Part.KEY, (line.k0, line.k1), entry, token=key)
        return place(
            Part.VALUE, _value_word(line, col), entry, token=_value_token(text, line.delim, col)
        )
    if line.kind is Kind.CONTINUATION and section is not None:
        entry = model.entry_at(section, pos.line)
        if entry is not None and not tree.line(model.entry_line(section, entry)).value:
            eq = text.find("=")
            subkey = text[line.indent : eq].strip() if eq >= 0 else None
            word = _word(text, col, "=")
            if eq < 0 or col <= eq:
                return place(Part.SUBKEY, word, entry, subkey, _first_word(text, word))
            return place(Part.SUBVALUE, word, entry, subkey, _value_token(text, eq, col))
        return place(Part.CONTINUATION, (col, col), entry)
    if line.kind in (Kind.BLANK, Kind.ERROR, Kind.ORPHAN):
        nested = _nested_parent(model, section, pos.line) if col else None
        if nested is not None:
            word = _word(text, col, "=")
            return place(Part.SUBKEY, word, nested, token=_first_word(text, word))
        word = _word(text, col, "=:")
        return place(Part.KEY, word, token=_first_word(text, word))
    return place(Part.NONE, (col, col))


def _name_token(text: str, open_at: int, end: int, col: int) -> tuple[int, int] | None:
    """The name inside `[ … ]` without the spaces around it, up to the cursor at least."""
    start = open_at + 1
    while start < end and text[start].isspace():
        start += 1
    if col < start:
        return None
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return start, max(stop, col)


def _value_token(text: str, delim: int, col: int) -> tuple[int, int] | None:
    """The value's first word when the cursor is in it or at its end; an empty span at the
    cursor when nothing follows the spaces after the `=`. None elsewhere: right after the `=`
    (a completion would glue the value to it) or after the first word."""
    start = delim + 1
    while start < len(text) and text[start].isspace():
        start += 1
    if start == len(text):  # no value yet
        return (col, col) if col > delim + 1 else None
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return (start, end) if start <= col <= end else None


def _first_word(text: str, word: tuple[int, int]) -> tuple[int, int] | None:
    """`word` when it is the line's first word (a key); None before or past it (`region |`)."""
    first = len(text) - len(text.lstrip())
    return word if word[0] == first or first == len(text) else None


def _value_word(line: Line, col: int) -> tuple[int, int]:
    """The value as a whole: values are single tokens (regions, names, enums)."""
    start = line.v0 if line.v0 >= 0 else line.delim + 1
    if col < start:
        return col, col
    return start, max(col, line.v1)


def _nested_parent(model: Model, section: Section | None, line: int) -> EntryNode | None:
    """An indented blank line right under a nested block (`s3 =`) belongs to it."""
    if section is None:
        return None
    tree = model.tree
    for back in range(line - 1, section.header, -1):
        above = tree.line(back)
        if above.kind is Kind.ENTRY:
            return model.entry_at(section, back) if not above.value else None
        if above.kind not in (Kind.CONTINUATION, Kind.BLANK, Kind.COMMENT):
            return None
    return None
