"""What boto3 sees in a file: botocore's `raw_config_parse` and `load_config`, with locations.

Everything here mirrors botocore.configloader (1.44) over the syntax tree: section order,
`[DEFAULT]` injection, nested values (`_parse_nested`), the profile map (`build_profile_map`,
`_parse_section`) and the failure botocore would raise instead (reference §1).
Work that a keystroke needs is O(sections); the full dictionaries are built on demand.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator, Sequence
from functools import cached_property, lru_cache

from aws_config_ls.ini.fileview import Failure, FileView, RawValue
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.source import Decoded, decode
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import Block, BlockFact, EntryNode, Kind, SectionNode, SyntaxTree

DEFAULT = "DEFAULT"


class Section(NamedTuple):
    """One written section (an occurrence: a name may be written twice)."""

    name: str
    block: int
    position: int  # in the block's sections
    header: int  # absolute line
    node: SectionNode


# Kept with each block: its sections placed at (block index, first line), recomputed when the
# block moves; and each section's own options, by position in the block.
_SECTIONS: BlockFact[tuple[int, int, list[Section]]] = BlockFact("placed sections")
_OPTIONS: BlockFact[dict[int, dict[str, RawValue]]] = BlockFact("section options")


def _no_options(_: Block) -> dict[int, dict[str, RawValue]]:
    return {}


class Placed(NamedTuple):
    """Where a config-file section lands in `load_config`: which map, under which name."""

    group: str  # "profiles", "sso_sessions", "services" or "other"; "dropped" when lost
    name: str | None  # name in that map; None when dropped


@lru_cache(maxsize=65536)
def classify(name: str, kind: FileKind) -> Placed:
    """botocore's `build_profile_map` + `_parse_section` for one section name (config file).

    Credentials and boto files have no classification: every section is its own name.
    """
    if kind is not FileKind.CONFIG:
        return Placed("profiles", name)
    for prefix, group in (
        ("profile", "profiles"),
        ("sso-session", "sso_sessions"),
        ("services", "services"),
    ):
        if name.startswith(prefix):
            parts = _shlex_split(name)
            if parts is None:  # unbalanced quote: botocore drops the section
                return Placed("dropped", None)
            return Placed(group, parts[1]) if len(parts) == 2 else Placed("dropped", None)
    if name == "default":
        return Placed("profiles", "default")
    return Placed("other", name)


def _profile_of(kind: FileKind, section: str) -> str | None:
    """The profile a section of a file of `kind` defines (boto2 files define none)."""
    if kind is FileKind.BOTO:
        return None
    placed = classify(section, kind)
    return placed.name if placed.group == "profiles" else None


def profile_sections(view: FileView, profile: str) -> Sequence[tuple[int, str]]:
    """The sections of `view` that define `profile`, in file order (each with a key that
    sorts so): the view's own lookup when its builder has one (a model's looks the name up),
    else found by walking every section."""
    if view.sections is None:
        return []
    if view.by_profile is not None:
        return view.by_profile(profile)
    return [(i, s) for i, s in enumerate(view.sections) if _profile_of(view.kind, s) == profile]


_SHLEX_BLANKS = re.compile(r"[ \t\r\n]+")  # shlex.whitespace


def _shlex_split(name: str) -> list[str] | None:
    """shlex.split, with a fast path for names without quotes or backslashes."""
    if not any(c in name for c in "'\"\\"):
        return [part for part in _SHLEX_BLANKS.split(name) if part]
    try:
        return shlex.split(name)
    except ValueError:
        return None


def parse_nested(value: str) -> tuple[dict[str, str], int | None]:
    """botocore's `_parse_nested`: the dict, or the index of the first sub-line without `=`.

    The index counts `value.splitlines()` pieces, as botocore iterates them.
    """
    parsed: dict[str, str] = {}
    for i, piece in enumerate(value.splitlines()):
        piece = piece.strip()
        if not piece:
            continue
        key, sep, sub = piece.partition("=")
        if not sep:
            return parsed, i
        parsed[key.strip()] = sub.strip()
    return parsed, None


NESTED_ERROR = "not enough values to unpack (expected 2, got 1)"


def _raw_value(value: str) -> RawValue:
    """raw_config_parse: a value starting with a newline is a nested block."""
    return parse_nested(value)[0] if value.startswith("\n") else value


class Model:
    """A file of a kind at a path, parsed; every derived fact is computed once, on demand."""

    def __init__(
        self,
        tree: SyntaxTree,
        kind: FileKind,
        path: str = "<text>",
        decoded: Decoded | None = None,
    ) -> None:
        self.tree = tree
        self.kind = kind
        self.path = path
        self.decoded = decoded

    @staticmethod
    def from_text(text: str, kind: FileKind, path: str = "<text>") -> Model:
        return Model(SyntaxTree.parse(text), kind, path)

    @staticmethod
    def from_bytes(data: bytes, kind: FileKind, path: str = "<bytes>") -> Model:
        decoded = decode(data)
        return Model(SyntaxTree.parse(decoded.text), kind, path, decoded)

    # -- sections -------------------------------------------------------------------------

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """Every written header in file order (content before any header is not a section)."""
        found: list[Section] = []
        for b, block, start in self.tree.placed():
            cached = _SECTIONS.get(block)
            if cached is None or cached[0] != b or cached[1] != start:  # moved: place anew
                cached = _SECTIONS.put(
                    block,
                    (
                        b,
                        start,
                        [
                            Section(node.name, b, i, start + node.header, node)
                            for i, node in enumerate(block.sections)
                            if node.name is not None
                        ],
                    ),
                )
            found += cached[2]
        return tuple(found)

    @cached_property
    def first_by_name(self) -> dict[str, Section]:
        """The occurrence configparser keeps for each name (the first; a second is fatal)."""
        kept: dict[str, Section] = {}
        for section in self.sections:
            kept.setdefault(section.name, section)
        return kept

    def entry_line(self, section: Section, entry: EntryNode) -> int:
        return self.tree.block_start(section.block) + entry.line

    def block_of(self, section: Section) -> Block:
        return self.tree.blocks[section.block]

    def section_at(self, line: int) -> Section | None:
        """The section a line belongs to (None before the first header)."""
        tree = self.tree
        if not tree.line_count:
            return None
        b = tree.block_at(line)
        start = tree.block_start(b)
        block = tree.blocks[b]
        for position, node in enumerate(block.sections):
            if node.name is not None and node.header <= line - start < node.end:
                return Section(node.name, b, position, start + node.header, node)
        return None

    def entry_at(self, section: Section, line: int) -> EntryNode | None:
        """The entry of `section` whose key line or continuation is `line`."""
        rel = line - self.tree.block_start(section.block)
        for entry in section.node.entries:
            if entry.line == rel or rel in entry.parts:
                return entry
        return None

    def value(self, section: Section, entry: EntryNode) -> str:
        return entry.value(self.block_of(section).lines)

    @cached_property
    def defaults(self) -> dict[str, tuple[Section, EntryNode]]:
        """`[DEFAULT]` keys (all occurrences share one dict in configparser), first wins."""
        found: dict[str, tuple[Section, EntryNode]] = {}
        for section in self.sections:
            if section.name == DEFAULT:
                for entry in section.node.entries:
                    found.setdefault(entry.key, (section, entry))
        return found

    # -- failure --------------------------------------------------------------------------

    @cached_property
    def fatal(self) -> Failure | None:
        """The error that stops configparser at once, earliest line first."""
        candidates: list[tuple[int, str, str, str]] = []  # line, type, section, option
        for b, block in enumerate(self.tree.blocks):
            if block.fatal is not None:
                rel, kind, option = block.fatal
                name = _section_of_line(block, rel)
                candidates.append((self.tree.block_start(b) + rel, kind, name, option))
                break  # later blocks cannot hold an earlier line
        seen: set[str] = set()
        default_keys: set[str] = set()
        for section in self.sections:
            if section.name == DEFAULT:
                for entry in section.node.entries:
                    if entry.key in default_keys:
                        line = self.entry_line(section, entry)
                        candidates.append((line, "DuplicateOptionError", DEFAULT, entry.key))
                        break
                    default_keys.add(entry.key)
            elif section.name in seen:
                candidates.append((section.header, "DuplicateSectionError", section.name, ""))
                break
            else:
                seen.add(section.name)
        if not candidates:
            return None
        line, kind, name, option = min(candidates)
        return Failure(kind, self._message(kind, line, name, option), line, self._line_span(line))

    @cached_property
    def failure(self) -> Failure | None:
        """What botocore raises for this text (wrapped in ConfigParseError), if anything."""
        decoded = self.decoded
        if decoded is not None and decoded.error is not None:
            # configparser acts on lines as the decoder yields them (see source.py).
            if self.fatal is not None and self.fatal.line < decoded.lines_read:
                return self.fatal
            line, col = decoded.error_line, decoded.error_col
            return Failure(
                "UnicodeDecodeError", str(decoded.error), line, Span.of(line, col, col + 1)
            )
        if self.fatal is not None:
            return self.fatal
        errors = [
            self.tree.block_start(b) + rel
            for b, block in enumerate(self.tree.blocks)
            for rel in block.errors
        ]
        if errors:
            import configparser  # on a refused file only: it costs every start ~1.5 ms

            error = configparser.ParsingError(self.path)
            for line in errors:
                error.append(line + 1, repr(self._raw_line(line)))
            return Failure("ParsingError", str(error), errors[0], self._line_span(errors[0]))
        bad = self.first_bad_nested
        if bad is not None:
            return Failure("ValueError", NESTED_ERROR, bad.start.line, bad)
        return None

    @cached_property
    def first_bad_nested(self) -> Span | None:
        """The sub-line botocore's `_parse_nested` fails on first, in its iteration order."""
        if not any(e.bad_nested for b in self.tree.blocks for n in b.sections for e in n.entries):
            return None
        defaults = self.defaults
        bad_default = any(e.bad_nested for _, e in defaults.values())
        for section in self.first_by_name.values():
            if section.name == DEFAULT:
                continue
            own = {entry.key for entry in section.node.entries}
            for entry in section.node.entries:
                if entry.bad_nested:
                    return self.bad_nested_span(section, entry)
            if bad_default:
                for key, (dsection, dentry) in defaults.items():
                    if key not in own and dentry.bad_nested:
                        return self.bad_nested_span(dsection, dentry)
        return None

    def bad_nested_span(self, section: Section, entry: EntryNode) -> Span:
        line = self.tree.block_start(section.block) + entry.bad_nested[0]
        return self._line_span(line)

    def nested_lines(self, section: Section, entry: EntryNode) -> Iterator[tuple[int, str]]:
        """(absolute line, piece) for each `splitlines()` piece of a nested value."""
        lines = self.block_of(section).lines
        if not entry.nested(lines):
            return
        base = self.tree.block_start(section.block)
        for rel in entry.parts:
            for piece in lines[rel].value.splitlines():
                yield base + rel, piece

    def _raw_line(self, line: int) -> str:
        """The line as configparser's text-mode iteration yields it (endings become `\\n`)."""
        current = self.tree.line(line)
        return current.text + ("\n" if current.eol else "")

    def _line_span(self, line: int) -> Span:
        current = self.tree.line(line)
        return Span.of(line, current.indent, max(current.indent, current.content_end))

    def _message(self, kind: str, line: int, section: str, option: str) -> str:
        import configparser

        error: configparser.Error
        if kind == "DuplicateSectionError":
            error = configparser.DuplicateSectionError(section, self.path, line + 1)
        elif kind == "DuplicateOptionError":
            error = configparser.DuplicateOptionError(section, option, self.path, line + 1)
        else:
            error = configparser.MissingSectionHeaderError(
                self.path, line + 1, self._raw_line(line)
            )
        return str(error)

    # -- what botocore returns --------------------------------------------------------------

    def raw(self) -> dict[str, dict[str, RawValue]]:
        """Exactly `raw_config_parse(path)`; only meaningful when `failure` is None.

        Without a [DEFAULT] section, a section's dict is the one kept with its block: read-only,
        and the same object after an edit elsewhere (what depends on it can tell it unchanged).
        """
        defaults = {key: _raw_value(self.value(s, e)) for key, (s, e) in self.defaults.items()}
        result: dict[str, dict[str, RawValue]] = {}
        for section in self.first_by_name.values():
            if section.name == DEFAULT:
                continue
            options = self._own_options(section)
            if defaults:
                options = dict(options)
                for key, value in defaults.items():
                    options.setdefault(key, value)
            result[section.name] = options
        return result

    def _own_options(self, section: Section) -> dict[str, RawValue]:
        """A section's own keys and values as botocore returns them, kept with its block."""
        block = self.block_of(section)
        known = _OPTIONS.get_or(block, _no_options)
        found = known.get(section.position)
        if found is None:
            lines = block.lines
            found = known[section.position] = {
                e.key: _raw_value(e.value(lines)) for e in section.node.entries
            }
        return found

    @cached_property
    def placements(self) -> list[tuple[Section, Placed]]:
        """Each kept section and where `build_profile_map` puts it (config files)."""
        kind = self.kind
        return [
            (section, classify(section.name, kind))
            for section in self.first_by_name.values()
            if section.name != DEFAULT
        ]

    @cached_property
    def placement_at(self) -> dict[int, Placed]:
        """Where each kept section lands, by the line of its header."""
        return {section.header: placed for section, placed in self.placements}

    @cached_property
    def winners(self) -> dict[tuple[str, str], Section]:
        """(group, name) → the section whose values botocore uses: the LATER one wins."""
        found: dict[tuple[str, str], Section] = {}
        for section, placed in self.placements:
            if placed.name is not None:
                found[placed] = section  # type: ignore[index]  # Placed is a (group, name) tuple
        return found

    @cached_property
    def losers(self) -> list[Section]:
        """Sections botocore drops because a later spelling of the same name replaces them."""
        named = [(s, p) for s, p in self.placements if p.name is not None]
        if len(named) == len(self.winners):
            return []
        return [s for s, p in named if self.winners[p] is not s]  # type: ignore[index]

    @cached_property
    def odd_profiles(self) -> dict[str, list[Section]]:
        """Profiles spelled other than `[profile NAME]` or `[default]` (`[profile  a]`,
        `[profile 'a']`), by name: few if any, found in one pass over the placements."""
        found: dict[str, list[Section]] = {}
        for section, placed in self.placements:
            name = placed.name
            if (
                placed.group == "profiles"
                and name is not None
                and section.name != "profile " + name
                and section.name != "default"
            ):
                found.setdefault(name, []).append(section)
        return found

    def sections_of(self, profile: str) -> list[tuple[int, str]]:
        """`profile_sections` of `view()`: by header line, looked up by name rather than walked."""
        if self.kind is FileKind.BOTO:
            return []
        if self.kind is FileKind.CREDENTIALS:
            spellings = [profile]
        else:
            spellings = ["profile " + profile, *(["default"] if profile == "default" else [])]
        kept = self.first_by_name
        found = [
            kept[name]
            for name in spellings
            if name in kept and name != DEFAULT and classify(name, self.kind).name == profile
        ]
        if self.kind is FileKind.CONFIG:
            found += self.odd_profiles.get(profile, [])
        return sorted((section.header, section.name) for section in found)

    def config(self) -> dict[str, object]:
        """Exactly `load_config(path)` (config files): the profile map."""
        raw = self.raw()
        groups: dict[str, dict[str, object]] = {"profiles": {}, "sso_sessions": {}, "services": {}}
        final: dict[str, object] = {}
        for section, placed in self.placements:
            if placed.group == "other":
                final[section.name] = raw[section.name]
            elif placed.name is not None:
                groups[placed.group][placed.name] = raw[section.name]
        final.update(groups)
        return final

    def view(self) -> FileView:
        """This file as resolution reads it."""
        failure = self.failure
        return FileView(
            path=self.path,
            kind=self.kind,
            exists=True,
            sections=None if failure else self.raw(),
            failure=failure,
            locate=self.locate,
            by_profile=self.sections_of,
        )

    def locate(self, section: str, key: str | None) -> Span | None:
        """Where the entry botocore uses for `section`/`key` is written (`[DEFAULT]` too)."""
        kept = self.first_by_name.get(section)
        if kept is None:
            return None
        if key is None:
            line = self.tree.line(kept.header)
            return Span.of(kept.header, line.k0, line.k1) if line.kind is Kind.HEADER else None
        for entry in kept.node.entries:
            if entry.key == key:
                return self.key_span(kept, entry)
        if key in self.defaults:
            return self.key_span(*self.defaults[key])
        return None

    def key_span(self, section: Section, entry: EntryNode) -> Span:
        line = self.entry_line(section, entry)
        current = self.tree.line(line)
        return Span.of(line, current.k0, current.k1)


def _section_of_line(block: Block, rel: int) -> str:
    for node in block.sections:
        if node.header <= rel < node.end:
            return node.name or ""
    return ""
