"""Lossless, error-tolerant syntax tree of an INI file, line by line as configparser reads it.

The classification mirrors `configparser.RawConfigParser._read` (CPython 3.10-3.13) with
botocore's settings (reference §1.2): full-line `#`/`;` comments only, `=` or `:` delimiters,
continuation = a line indented deeper than the key line, blank lines kept inside values.
Printing the tree (`SyntaxTree.text`) gives back the input exactly.

A file is cut into *blocks*, each starting at a section header written at column 0. Such a line
is a header whatever comes before it (its indent can never be deeper than a key's), so a block
parses on its own; an edit re-parses only the blocks it touches.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from enum import IntEnum
from itertools import accumulate, compress, count
from operator import attrgetter, is_not, itemgetter, methodcaller
from typing import Any, Final, Generic, TypeVar

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.memo import Bounded
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.span import Pos

T = TypeVar("T")

# configparser's section pattern (RawConfigParser._SECT_TMPL).
_SECTION = re.compile(r"\[(?P<header>.+)\]")
# Universal newlines, as configparser's text-mode file iteration sees them.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# `#` or `;` after whitespace, or opening a value with a blank or nothing after it: a comment
# to other INI readers, part of the value to configparser (botocore leaves
# inline_comment_prefixes unset). `#REMOVED#` or `abc#1` are plain values. The one definition.
INLINE_COMMENT = re.compile(r"\s[#;]|^[#;](?=\s|$)")


class Kind(IntEnum):
    BLANK = 0  # empty or whitespace only
    COMMENT = 1  # full-line `#` or `;` comment, possibly indented
    HEADER = 2  # `[name]`
    ENTRY = 3  # `key = value` (or `key: value`); empty key is also a ParsingError
    CONTINUATION = 4  # indented deeper than the key line: part of the previous value
    ERROR = 5  # neither: configparser collects it as a ParsingError
    ORPHAN = 6  # content before any section header: MissingSectionHeaderError


class Line(NamedTuple):
    """One physical line with its ending and the columns of its parts (-1 where absent).

    HEADER: `k0:k1` is the name between the brackets. ENTRY: `k0:k1` the key as written,
    `delim` the delimiter, `v0:v1` the stripped value. CONTINUATION: `v0:v1` its stripped text.
    A tuple, so the parser can build one at C speed (`_new(Line, (...))`).
    """

    text: str
    eol: str
    kind: Kind
    indent: int = 0
    k0: int = -1
    k1: int = -1
    delim: int = -1
    v0: int = -1
    v1: int = -1

    @property
    def key(self) -> str:
        return self.text[self.k0 : self.k1]

    @property
    def value(self) -> str:
        return self.text[self.v0 : self.v1] if self.v0 >= 0 else ""

    @property
    def content_end(self) -> int:
        """Column after the last non-blank character."""
        return len(self.text.rstrip())


_new = tuple.__new__


class EntryNode(NamedTuple):
    """A key and the lines its value spans, as configparser joins them."""

    line: int  # relative to the block
    key: str  # lower-cased, as configparser stores it
    parts: tuple[int, ...]  # continuation and kept blank lines, relative to the block
    # A nested block (`s3 =` then indented lines): the lines botocore's _parse_nested
    # fails on (no `=`), relative to the block; the first one is what botocore reports.
    bad_nested: tuple[int, ...] = ()

    def nested(self, lines: tuple[Line, ...]) -> bool:
        """Whether botocore parses the value as a nested block (it starts with a newline)."""
        return not lines[self.line].value and any(
            lines[i].kind is Kind.CONTINUATION for i in self.parts
        )

    def value(self, lines: tuple[Line, ...]) -> str:
        """The value configparser computes: parts joined by newlines, then right-stripped."""
        first = lines[self.line].value
        if not self.parts:
            return first
        return "\n".join([first, *(lines[i].value for i in self.parts)]).rstrip()


class SectionNode(NamedTuple):
    """A header and its entries; `header` is -1 for content before any header."""

    header: int
    name: str | None
    entries: tuple[EntryNode, ...]
    end: int  # relative line after the section's last line


class BlockFact(Generic[T]):
    """A typed key for a fact later layers derive from one block alone, kept with the block.

    An edit shares untouched blocks, so their facts need no recomputing. Each reader declares
    its own (`BlockFact[tuple[Problem, ...]]("structure problems")`).
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"BlockFact({self.name!r})"

    def get(self, block: Block) -> T | None:
        found: T | None = block.derived.get(self)
        return found

    def get_or(self, block: Block, compute: Callable[[Block], T]) -> T:
        """The fact of `block`, computed by `compute(block)` the first time and kept."""
        found: T | None = block.derived.get(self)
        if found is None:
            found = block.derived[self] = compute(block)
        return found

    def put(self, block: Block, value: T) -> T:
        block.derived[self] = value
        return value


class KindFact(Generic[T]):
    """A block fact that also depends on the kind of file the block is in (a header's meaning
    differs between config and credentials): one `BlockFact` per kind, computed by
    `compute(block, kind)`."""

    __slots__ = ("_compute", "_facts")

    def __init__(self, name: str, compute: Callable[[Block, FileKind], T]) -> None:
        self._facts = {kind: BlockFact[T](f"{name} in a {kind.value} file") for kind in FileKind}
        self._compute = compute

    def __call__(self, block: Block, kind: FileKind) -> T:
        return self._facts[kind].get_or(block, lambda b: self._compute(b, kind))


class Block:
    """Lines from one column-0 header up to the next, parsed on their own.

    Compared by identity: an edit keeps the blocks it does not touch, so per-block results
    can be cached against the object. Immutable but for `derived` (a plain class: a dataclass
    costs every start of `check` about a millisecond, and the `dataclasses` import more).
    """

    __slots__ = ("derived", "errors", "fatal", "lines", "sections")

    def __init__(
        self,
        lines: tuple[Line, ...],
        sections: tuple[SectionNode, ...],
        # First error that makes configparser stop at once: (relative line, type, detail).
        fatal: tuple[int, str, str] | None,
        # Lines configparser collects as ParsingError (relative), in order.
        errors: tuple[int, ...],
    ) -> None:
        self.lines: Final = lines
        self.sections: Final = sections
        self.fatal: Final = fatal
        self.errors: Final = errors
        # Facts later layers derive from this block alone, read and written through BlockFact.
        self.derived: Final[dict[BlockFact[Any], Any]] = {}

    @property
    def text(self) -> str:
        return "".join(line.text + line.eol for line in self.lines)


def split_lines(text: str) -> list[tuple[str, str]]:
    """Split into (line, ending) pairs on \\n, \\r\\n and \\r only, like a text-mode file."""
    if "\r" not in text:  # the common case, at C speed
        pieces = text.split("\n")
        last = pieces.pop()
        pairs = [(piece, "\n") for piece in pieces]
        if last:
            pairs.append((last, ""))
        return pairs
    pairs = []
    for m in _LINE.finditer(text):
        whole = m.group()
        if not whole:
            break
        if whole.endswith("\r\n"):
            pairs.append((whole[:-2], "\r\n"))
        elif whole[-1] in "\r\n":
            pairs.append((whole[:-1], whole[-1]))
        else:
            pairs.append((whole, ""))
    return pairs


def _starts_block(text: str) -> bool:
    """A column-0 header: always a header, whatever precedes it."""
    return text[:1] == "[" and _SECTION.match(text.strip()) is not None


BLANK, COMMENT, CONTINUATION, ENTRY = Kind.BLANK, Kind.COMMENT, Kind.CONTINUATION, Kind.ENTRY
HEADER, ERROR = Kind.HEADER, Kind.ERROR

# What a line's text makes of it whatever the parser's state: its ending, its kind (BLANK,
# COMMENT, HEADER, ENTRY, or ERROR for a line with no delimiter), its indent, its record as
# that kind, its record as a continuation (the record itself for a blank line or a comment,
# which never continue anything) and the header's name or the entry's lower-cased key.
Classified = tuple[str, Kind, int, Line, Line, str | None]


def _classified(text: str, eol: str) -> Classified:
    """Everything about one line that does not depend on the lines before it."""
    stripped = text.strip()
    if not stripped:
        line = _new(Line, (text, eol, BLANK, 0, -1, -1, -1, -1, -1))
        return eol, BLANK, 0, line, line, None
    first = stripped[0]
    indent = text.find(first)
    if first == "#" or first == ";":
        line = _new(Line, (text, eol, COMMENT, indent, -1, -1, -1, -1, -1))
        return eol, COMMENT, indent, line, line, None
    end = indent + len(stripped)
    cont = _new(Line, (text, eol, CONTINUATION, indent, -1, -1, -1, indent, end))
    m = _SECTION.match(stripped) if first == "[" else None
    if m:
        name = m.group("header")
        k0 = indent + 1
        line = _new(Line, (text, eol, HEADER, indent, k0, k0 + len(name), -1, -1, -1))
        return eol, HEADER, indent, line, cont, name
    # configparser's option pattern, `(.*?)\s*(=|:)\s*(.*)$`, spelled out: the first
    # delimiter splits; blanks around it belong to neither side.
    delim = stripped.find("=")
    colon = stripped.find(":")
    if colon >= 0 and (delim < 0 or colon < delim):
        delim = colon
    if delim < 0:
        line = _new(Line, (text, eol, ERROR, indent, -1, -1, -1, -1, -1))
        return eol, ERROR, indent, line, cont, None
    option = stripped[:delim].rstrip()
    rest = stripped[delim + 1 :]
    value = rest.lstrip()  # already right-stripped: `stripped` ends the line
    v0 = indent + delim + 1 + len(rest) - len(value)
    k1, vi, v1 = indent + len(option), indent + delim, v0 + len(value)
    line = _new(Line, (text, eol, ENTRY, indent, indent, k1, vi, v0, v1))
    # configparser: optionxform(optname.rstrip())
    return eol, ENTRY, indent, line, cont, shared_key(option.lower())


def parse_block(pairs: list[tuple[str, str]], leading: bool) -> Block:
    """Classify lines exactly as configparser's state machine would.

    `leading` is True for the block at the top of the file (no section open yet). What a
    line's text alone decides is found once per distinct text (`_classified`): a file
    repeats most of its lines.
    """
    lines: list[Line] = []
    sections: list[SectionNode] = []
    errors: list[int] = []
    fatal: tuple[int, str, str] | None = None

    in_section = not leading  # configparser's `cursect is not None`
    optname: str | None = None  # key whose value continues (falsy: none)
    indent_level = 0
    header = -1
    name: str | None = None
    entries: list[EntryNode] = []
    parts: list[int] = []
    seen: set[str] = set()
    orphans = False

    def close_entry() -> None:
        if entries:
            last = entries[-1]
            bad = _bad_nested(lines, last.line, parts)
            entry = _new(EntryNode, (last.line, last.key, tuple(parts), bad))
            entries[-1] = share(entry, entry)
        parts.clear()

    if len(_RECORDS) > 16_384:
        _RECORDS.clear()
    if len(_LINES) > 16_384:
        _LINES.clear()
    share = _RECORDS.setdefault
    known = _LINES
    append = lines.append
    for i, (text, eol) in enumerate(pairs):
        found = known.get(text)
        if found is None or found[0] != eol:
            found = known[text] = _classified(text, eol)
        _, kind, indent, line, cont, word = found
        if kind is BLANK:
            append(line)
            if in_section and optname:
                parts.append(i)
            continue
        if kind is COMMENT:
            append(line)
            continue
        if in_section and optname and indent > indent_level:
            append(cont)
            parts.append(i)
            continue
        indent_level = indent
        if kind is HEADER:
            if parts:
                close_entry()
            if header >= 0 or entries or orphans:
                sections.append(SectionNode(header, name, _entries(share, entries), i))
            append(line)
            name = word
            header, entries, seen, in_section, optname = i, [], set(), True, None
            continue
        if not in_section:
            append(Line(text, eol, Kind.ORPHAN, indent))
            if fatal is None:
                fatal = (i, "MissingSectionHeaderError", "")
            orphans = True
            continue
        if kind is ERROR:
            append(line)
            errors.append(i)
            continue
        if parts:
            close_entry()
        append(line)
        key = optname = word or ""
        if not key:
            errors.append(i)
        if key in seen and fatal is None and name != "DEFAULT":
            fatal = (i, "DuplicateOptionError", key)
        seen.add(key)
        entry = _new(EntryNode, (i, key, (), ()))
        entries.append(share(entry, entry))
    if parts:
        close_entry()
    if header >= 0 or entries or orphans:
        sections.append(SectionNode(header, name, _entries(share, entries), len(pairs)))
    return Block(tuple(lines), tuple(sections), fatal, tuple(errors))


# Line records, entry nodes and entry lists, one object each however many blocks hold an equal
# one: a file repeats whole lines (`region = us-east-1`, a blank line, an `s3 =` block's
# sub-keys) in thousands of sections, at a position that repeats too. An equal record is the
# same record to every reader (records are compared by value, blocks by identity). Forgotten
# past a bound, checked once per block. Line records are kept with their text's
# classification (`_LINES`), entry nodes and lists here.
_RECORDS: dict[Any, Any] = {}
_LINES: dict[str, Classified] = {}


def _entries(share: Callable[[Any, Any], Any], entries: list[EntryNode]) -> tuple[EntryNode, ...]:
    found = tuple(entries)
    shared: tuple[EntryNode, ...] = share(found, found)
    return shared


def _itself(key: str) -> str:
    return key


# Key names, one string each however many sections write them (a file repeats a few dozen
# keys thousands of times).
shared_key = Bounded(_itself, 10_000)


def forget_shared() -> None:
    _RECORDS.clear()
    _LINES.clear()
    shared_key.clear()


def _bad_nested(lines: list[Line], key_line: int, parts: list[int]) -> tuple[int, ...]:
    """botocore's `_parse_nested` over the value's `splitlines()` pieces: where it fails."""
    if lines[key_line].v0 != lines[key_line].v1:
        return ()  # a plain value
    bad = []
    for i in parts:
        line = lines[i]
        if line.kind is not CONTINUATION:
            continue
        value = line.text[line.v0 : line.v1]
        # A piece without `=` fails (the first piece of a stripped value is not blank);
        # a printable value is one piece: every line break splitlines knows is unprintable.
        if "=" not in value or (
            not value.isprintable() and any(p.strip() and "=" not in p for p in value.splitlines())
        ):
            bad.append(i)
    return tuple(bad)


def _blocks(pairs: list[tuple[str, str]], leading: bool) -> list[Block]:
    """Cut at column-0 headers and parse each piece."""
    if not pairs:
        return []
    # the lines starting with `[`, found at C speed, then checked
    bracketed = compress(count(), map(_opens_bracket, map(_text_of, pairs)))
    cuts = [i for i in bracketed if i and _starts_block(pairs[i][0])]
    bounds = zip([0, *cuts], [*cuts, len(pairs)], strict=True)
    return [parse_block(pairs[start:end], leading and start == 0) for start, end in bounds]


class SyntaxTree:
    """An immutable tree of blocks; `edit` returns a new tree sharing untouched blocks."""

    __slots__ = ("_starts", "blocks")

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        self.blocks = blocks
        self._starts = [0, *accumulate(map(len, map(_lines_of, blocks)))]

    def placed(self) -> zip[tuple[int, Block, int]]:
        """(index, block, first line) for every block: the loop every whole-file pass runs."""
        return zip(range(len(self.blocks)), self.blocks, self._starts, strict=False)

    @staticmethod
    def parse(text: str) -> SyntaxTree:
        return SyntaxTree(tuple(_blocks(split_lines(text), leading=True)))

    @property
    def line_count(self) -> int:
        return self._starts[-1]

    def text(self) -> str:
        return "".join(b.text for b in self.blocks)

    def block_start(self, index: int) -> int:
        return self._starts[index]

    def block_at(self, line: int) -> int:
        """Index of the block holding `line` (the last block past the end)."""
        return max(0, min(bisect_right(self._starts, line) - 1, len(self.blocks) - 1))

    def line(self, n: int) -> Line:
        b = self.block_at(n)
        return self.blocks[b].lines[n - self._starts[b]]

    def lines(self) -> list[Line]:
        return [line for b in self.blocks for line in b.lines]

    def edit(self, start: Pos, end: Pos, new_text: str) -> SyntaxTree:
        """Replace [start, end) (code-point columns) and re-parse only the blocks touched.

        The block before the first touched one is re-parsed too: the edit may remove the
        header that separated them.
        """
        if not self.blocks:
            return SyntaxTree.parse(new_text)
        first = max(0, self.block_at(start.line) - 1)
        last = self.block_at(end.line)
        base = self._starts[first]
        old = "".join(b.text for b in self.blocks[first : last + 1])
        offset_start = _offset(self.blocks[first : last + 1], start.line - base, start.col)
        offset_end = _offset(self.blocks[first : last + 1], end.line - base, end.col)
        new = old[:offset_start] + new_text + old[max(offset_start, offset_end) :]
        # A trailing line without an ending would merge with the next block's first line.
        tail = self.blocks[last + 1 :]
        if tail and new and new[-1] not in "\r\n":
            new += tail[0].text
            tail = tail[1:]
        fresh = _blocks(split_lines(new), leading=first == 0)
        before = self.blocks[first : len(self.blocks) - len(tail)]
        if fresh and before and fresh[0].lines == before[0].lines:
            fresh[0] = before[0]  # the block before the edit, parsed again unchanged: shared
        return SyntaxTree((*self.blocks[:first], *fresh, *tail))

    def changed_since(self, old: SyntaxTree) -> tuple[int, ...] | None:
        """The blocks this tree does not share with `old`, when they kept the layout: as many
        blocks, each changed one with the same header lines, written the same, and as many
        lines (or one block alone changed, whose lines past the headers were added or
        removed: the lines after it move, `Basis.moved`). Every section, name and header
        is then what it was, and where it was but for that move. None otherwise (a header
        added, removed or changed, or lines added in several blocks)."""
        if len(self.blocks) != len(old.blocks):
            return None
        changed = tuple(compress(count(), map(is_not, self.blocks, old.blocks)))
        if self._starts[-1] != old._starts[-1] and len(changed) != 1:
            return None
        for b in changed:
            new_block, old_block = self.blocks[b], old.blocks[b]
            if _headers(new_block) != _headers(old_block):
                return None
            if len(new_block.lines) != len(old_block.lines) and len(changed) != 1:
                return None
        return changed

    def retitled_since(self, old: SyntaxTree) -> tuple[int, int] | None:
        """(block, section) when this tree is `old` with one header written otherwise (a
        character typed inside the brackets): one block changed, as many lines, every
        header where it was and all but that one written the same. None otherwise."""
        if len(self.blocks) != len(old.blocks) or self._starts[-1] != old._starts[-1]:
            return None
        changed = list(compress(count(), map(is_not, self.blocks, old.blocks)))
        if len(changed) != 1:
            return None
        b = changed[0]
        new, was = _headers(self.blocks[b]), _headers(old.blocks[b])
        if len(new) != len(was) or len(self.blocks[b].lines) != len(old.blocks[b].lines):
            return None
        differ = [i for i, (n, w) in enumerate(zip(new, was, strict=True)) if n != w]
        if len(differ) != 1 or new[differ[0]][0] != was[differ[0]][0]:
            return None
        return b, differ[0]


def _headers(block: Block) -> list[tuple[int, Line | None]]:
    """Each section's header line as written (None: content before any header)."""
    return [(n.header, block.lines[n.header] if n.header >= 0 else None) for n in block.sections]


_lines_of = attrgetter("lines")
_text_of = itemgetter(0)
_opens_bracket = methodcaller("startswith", "[")


def _offset(blocks: tuple[Block, ...], line: int, col: int) -> int:
    """Character offset of (line, col) in the joined text of `blocks`, clamped to it."""
    offset = 0
    for block in blocks:
        for current in block.lines:
            if line == 0:
                return offset + min(col, len(current.text) + len(current.eol))
            offset += len(current.text) + len(current.eol)
            line -= 1
    return offset
