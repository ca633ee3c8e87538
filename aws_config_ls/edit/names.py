"""Where profile, sso-session and services names are written: the headers that define them and
the values that name them (`source_profile`, `sso_session`, `services`, aws-vault's
`include_profile`). References, highlights and rename all read this one index.

A name is `(group, name)` with the groups of botocore's `build_profile_map`: "profiles",
"sso_sessions", "services". Each block's occurrences are kept with the block (a `BlockFact`),
so asking again after an edit costs the touched blocks only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from weakref import WeakKeyDictionary

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.registry import keys_in
from aws_config_ls.catalogue.sections import GROUP_OF
from aws_config_ls.catalogue.valuetypes import Reference
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import DEFAULT, Model, classify
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.span import Pos, Span
from aws_config_ls.ini.syntax import Block, Kind, KindFact

# What each kind of name is called in messages.
NOUNS = {"profiles": "profile", "sso_sessions": "sso-session", "services": "services section"}
# The prefix and the name token of a config header: `profile` then shlex's blanks.
_HEADER = re.compile(r"(?P<prefix>[^ \t\r\n]+[ \t\r\n]+)(?P<token>.*?)[ \t\r\n]*\Z", re.DOTALL)

Name = tuple[str, str]  # (group, name)


class Occurrence(NamedTuple):
    """One place a name is written. `span` is the name's text as written (quotes included);
    None for a header whose name cannot be pointed at (botocore reads it through shlex)."""

    path: str
    kind: FileKind
    group: str
    name: str
    definition: bool
    line: int
    span: Span | None


@cache
def reference_keys() -> dict[str, str]:
    """Keys whose value names a section, and that section's group (from the catalogue)."""
    return {
        key: GROUP_OF[setting.value_type.target]
        for key, setting in keys_in(Context.PROFILE).items()
        if isinstance(setting.value_type, Reference) and setting.value_type.target in GROUP_OF
    }


def header_token(header: str, kind: FileKind) -> tuple[int, int] | None:
    """Columns (within the text between the brackets) of the name a header defines."""
    if kind is FileKind.CREDENTIALS or header == "default":
        return 0, len(header)
    m = _HEADER.match(header)
    if m is None:
        return None
    return m.start("token"), m.end("token")


Found = list[tuple[int, str, str, bool, int, int]]


def _occurrences(block: Block, kind: FileKind) -> Found:
    refs = reference_keys()
    lines = block.lines
    found: Found = []
    for node in block.sections:
        if node.name is not None and node.name != DEFAULT and kind is not FileKind.BOTO:
            placed = classify(node.name, kind)
            if placed.name is not None and placed.group != "other":
                line = lines[node.header]
                cols = header_token(node.name, kind)
                start, end = (line.k0 + cols[0], line.k0 + cols[1]) if cols else (-1, -1)
                found.append((node.header, placed.group, placed.name, True, start, end))
        if kind is FileKind.BOTO:
            continue
        for entry in node.entries:
            group = refs.get(entry.key)
            if group is None:
                continue
            line = lines[entry.line]
            value = line.value
            if value and entry.value(lines) == value:
                found.append((entry.line, group, value, False, line.v0, line.v1))
    return found


# (relative line, group, name, definition, start column, end column); columns -1 when a
# header's name cannot be located
block_occurrences = KindFact[Found]("names", _occurrences)


def occurrences(model: Model) -> Iterable[Occurrence]:
    """Every definition and reference in a file, in order."""
    return occurrences_between(model, 0, model.tree.line_count)


def occurrences_between(model: Model, first: int, last: int) -> Iterable[Occurrence]:
    """Definitions and references on lines first..last (the blocks holding them only)."""
    kind, tree = model.kind, model.tree
    if not tree.blocks:
        return
    for b in range(tree.block_at(first), tree.block_at(last) + 1):
        start = tree.block_start(b)
        for rel, group, name, definition, c0, c1 in block_occurrences(tree.blocks[b], kind):
            line = start + rel
            if first <= line <= last:
                span = Span.of(line, c0, c1) if c0 >= 0 else None
                yield Occurrence(model.path, kind, group, name, definition, line, span)


def name_at(model: Model, pos: Pos) -> Occurrence | None:
    """The occurrence under the cursor: anywhere in a header, or on a reference's value."""
    tree = model.tree
    if not 0 <= pos.line < tree.line_count or model.kind is FileKind.BOTO:
        return None
    line = tree.line(pos.line)
    if line.kind is Kind.ENTRY and pos.col <= line.delim:
        return None
    if line.kind not in (Kind.HEADER, Kind.ENTRY):
        return None
    b = tree.block_at(pos.line)
    start = tree.block_start(b)
    for rel, group, name, definition, c0, c1 in block_occurrences(tree.blocks[b], model.kind):
        if start + rel == pos.line:
            span = Span.of(pos.line, c0, c1) if c0 >= 0 else None
            return Occurrence(model.path, model.kind, group, name, definition, pos.line, span)
    return None


_INDEXES: WeakKeyDictionary[Model, dict[Name, list[tuple[int, bool, int, int]]]] = (
    WeakKeyDictionary()
)


def _index(model: Model) -> dict[Name, list[tuple[int, bool, int, int]]]:
    """(group, name) → (line, definition, start, end) of each occurrence, once per model."""
    index = _INDEXES.get(model)
    if index is None:
        index = {}
        kind = model.kind
        for _, block, start in model.tree.placed():
            for rel, group, name, definition, c0, c1 in block_occurrences(block, kind):
                index.setdefault((group, name), []).append((start + rel, definition, c0, c1))
        _INDEXES[model] = index
    return index


def find(models: Iterable[Model], group: str, name: str) -> list[Occurrence]:
    """Every place `name` of `group` is defined or named, across the files given."""
    return [
        Occurrence(
            model.path,
            model.kind,
            group,
            name,
            definition,
            line,
            Span.of(line, c0, c1) if c0 >= 0 else None,
        )
        for model in models
        for line, definition, c0, c1 in _index(model).get((group, name), ())
    ]
