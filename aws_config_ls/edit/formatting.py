"""Formatting that never changes what botocore reads.

What it normalises: one space each side of a key's delimiter (and of the `=` of a nested
line), no trailing whitespace, headers and keys at column 0 (a line is a continuation when
indented deeper than its key, so with every key at column 0 each indented line stays one),
nested and continuation lines indented by two spaces, runs of blank lines outside values to
one, one blank line before a header that follows content, none at the start or end of the
file, a final newline. What it never touches: values,
comments' text, header names, the delimiter character, blank lines inside a value.

Each block is formatted on its own and re-parsed; a block whose sections, keys or values
(botocore's `_parse_nested` dictionaries for nested blocks) come out different in any way is
left as written. A file botocore refuses is not formatted at all.
"""

from __future__ import annotations

from collections.abc import Iterator

from aws_config_ls.edit.refusal import Refusal
from aws_config_ls.ini.model import Model, parse_nested
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.syntax import Block, Kind, Line, SyntaxTree, parse_block, split_lines

INDENT = "  "
BLANK, COMMENT, HEADER = Kind.BLANK, Kind.COMMENT, Kind.HEADER
ENTRY, CONTINUATION = Kind.ENTRY, Kind.CONTINUATION


class BlockEdit(NamedTuple):
    """Replace lines [start, end) with `text` (whole lines, endings included)."""

    start: int
    end: int
    text: str


def format_edits(
    model: Model, first: int = 0, last: int | None = None
) -> list[BlockEdit] | Refusal:
    """Edits that format the blocks holding lines first..last (all by default), changed ones
    only."""
    failure = model.failure
    if failure is not None:
        return Refusal(f"botocore refuses this file ({failure.type}), so it is not formatted.")
    tree = model.tree
    if not tree.blocks:
        return []
    lo = tree.block_at(first)
    hi = len(tree.blocks) - 1 if last is None else tree.block_at(last)
    eol = _file_eol(tree)
    edits = []
    for b in range(lo, hi + 1):
        block = tree.blocks[b]
        text = "".join(_format_block(block, b == 0, b == len(tree.blocks) - 1, eol))
        if text != block.text and _same_reading(block, text, b == 0):
            start = tree.block_start(b)
            edits.append(BlockEdit(start, start + len(block.lines), text))
    return edits


def format_text(model: Model) -> str | Refusal:
    """The whole file formatted (the CLI's path)."""
    edits = format_edits(model)
    if isinstance(edits, Refusal):
        return edits
    replaced = {edit.start: edit.text for edit in edits}
    return "".join(replaced.get(start, block.text) for _, block, start in model.tree.placed())


def _file_eol(tree: SyntaxTree) -> str:
    for block in tree.blocks:
        for line in block.lines:
            if line.eol:
                return line.eol
    return "\n"


def _inside_value(lines: tuple[Line, ...], i: int) -> bool:
    """Whether blank line `i` sits inside a value: a continuation follows it (configparser
    skips comments and keeps blank lines while a value is open)."""
    for line in lines[i + 1 :]:
        if line.kind is Kind.CONTINUATION:
            return True
        if line.kind is not Kind.BLANK and line.kind is not Kind.COMMENT:
            return False
    return False


def _format_block(block: Block, first: bool, last: bool, eol: str) -> list[str]:
    lines = block.lines
    out: list[str] = []
    kinds: list[Kind] = []
    add_line, add_kind = out.append, kinds.append
    nested = False
    for i, (text, ending, kind, indent, k0, k1, delim, v0, v1) in enumerate(lines):
        ending = ending or eol
        if kind is ENTRY:
            nested = v0 == v1
            tidy = v0 == k1 + 3 and text[k1 : k1 + 3 : 2] == "  " if v1 > v0 else v0 == k1 + 2
            if k0 or v1 != len(text) or not tidy or text[k1] != " ":
                text = _entry(text, k0, k1, delim, v0, v1)
        elif kind is CONTINUATION:
            value = text[v0:v1]
            if nested:
                value = _nested_line(value)
            if indent != 2 or text[2:] != value or text[:2] != INDENT:
                text = INDENT + value
        elif kind is BLANK:
            if (not kinds or kinds[-1] is BLANK) and not _inside_value(lines, i):
                continue  # a second blank in a row, or a blank at the start of the file
            text = ""
            if out and ending == "\n" and out[-1].endswith("\r"):
                ending = "\r"  # an empty line after a lone `\r` would join it into `\r\n`
        elif kind is HEADER:
            text = text.strip()
            if kinds and kinds[-1] is not BLANK and kinds[-1] is not COMMENT:
                add_line(_ending(out[-1]))
                add_kind(BLANK)
        elif kind is COMMENT:
            text = text.rstrip()
        # an error line is left alone: the file is refused before it gets here
        add_line(text + ending)
        add_kind(kind)
    if last:
        while kinds and kinds[-1] is BLANK:
            out.pop()
            kinds.pop()
    elif kinds and kinds[-1] is not BLANK and kinds[-1] is not COMMENT:
        add_line(_ending(out[-1]))  # one blank line before the next block's header
    return out


def _ending(previous: str) -> str:
    """A new blank line ends as the line before it: `\n` after a lone `\r` would join it."""
    return "\r\n" if previous.endswith("\r\n") else previous[-1]


def _entry(text: str, k0: int, k1: int, delim: int, v0: int, v1: int) -> str:
    key, sep = text[k0:k1], text[delim]
    return f"{key} {sep} {text[v0:v1]}" if v1 > v0 else f"{key} {sep}"


def _nested_line(value: str) -> str:
    """`key=value` of a nested block as `key = value`; botocore strips both sides."""
    if len(value.splitlines()) != 1:
        return value
    key, sep, sub = value.partition("=")
    if not sep:
        return value
    key, sub = key.strip(), sub.strip()
    return f"{key} = {sub}" if sub else f"{key} ="


def _same_reading(block: Block, text: str, leading: bool) -> bool:
    """Whether configparser and botocore read the formatted block exactly as the original."""
    after = parse_block(split_lines(text), leading)
    return (
        after.fatal is None and not after.errors and list(_reading(after)) == list(_reading(block))
    )


def _reading(block: Block) -> Iterator[object]:
    lines = block.lines
    for node in block.sections:
        yield node.name
        for entry in node.entries:
            value = entry.value(lines)
            nested = entry.nested(lines)
            yield (
                entry.key,
                nested,
                parse_nested(value) if nested else value,
                bool(entry.bad_nested),
            )
