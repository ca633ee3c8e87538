"""What boto3 sees in a file: botocore's `raw_config_parse` and `load_config`, with locations.

Everything here mirrors botocore.configloader (1.44) over the syntax tree: section order,
`[DEFAULT]` injection, nested values (`_parse_nested`), the profile map (`build_profile_map`,
`_parse_section`) and the failure botocore would raise instead (reference §1).
Work that a keystroke needs is O(sections); the full dictionaries are built on demand.
"""

from __future__ import annotations

import re
import shlex
from _thread import allocate_lock
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from operator import attrgetter
from typing import Any, TypeVar, cast

from aws_config_ls.ini.fileview import Failure, FileView, RawValue
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.memo import Bounded, by_name
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.source import Decoded, decode
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import (
    Block,
    BlockFact,
    EntryNode,
    Kind,
    Line,
    SectionNode,
    SyntaxTree,
    forget_shared,
    shared_key,
)

DEFAULT = "DEFAULT"
T = TypeVar("T")
V = TypeVar("V")


class Section(NamedTuple):
    """One written section (an occurrence: a name may be written twice)."""

    name: str
    block: int
    position: int  # in the block's sections
    header: int  # absolute line
    node: SectionNode


# Kept with each block: its sections placed at (block index, first line), recomputed when the
# block moves; and each section's own options, by position in the block (a list: a dict per
# block costs 25,000 hash tables at 250,000 lines).
_SECTIONS: BlockFact[tuple[int, int, list[Section]]] = BlockFact("placed sections")
_OPTIONS: BlockFact[list[dict[str, RawValue] | None]] = BlockFact("section options")


def _no_options(block: Block) -> list[dict[str, RawValue] | None]:
    return [None] * len(block.sections)


class Placed(NamedTuple):
    """Where a config-file section lands in `load_config`: which map, under which name."""

    group: str  # "profiles", "sso_sessions", "services" or "other"; "dropped" when lost
    name: str | None  # name in that map; None when dropped


@by_name
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
    if "'" not in name and '"' not in name and "\\" not in name:
        if name.isprintable():  # no blank but the space (every other one is unprintable)
            return [part for part in name.split(" ") if part]
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
        parsed[shared_key(key.strip())] = sub.strip()
    return parsed, None


NESTED_ERROR = "not enough values to unpack (expected 2, got 1)"


def _raw_value(value: str) -> RawValue:
    """raw_config_parse: a value starting with a newline is a nested block."""
    return parse_nested(value)[0] if value.startswith("\n") else value


# Values as botocore returns them, one object each however many sections write the same
# value (`us-east-1`, an `s3 =` block): nested ones are dicts nobody changes, like the
# sections' own. Forgotten past a bound.
_shared_value = Bounded(_raw_value, 16_384)
# The shared value of an entry by the texts of its lines (which alone make their records):
# found without slicing and joining the lines again.
_LINE_VALUES: dict[str | tuple[str, ...], RawValue] = {}


def _entry_value(lines: tuple[Line, ...], entry: EntryNode) -> RawValue:
    line = lines[entry.line]
    parts = entry.parts
    key = (line.text, *[lines[i].text for i in parts]) if parts else line.text
    found = _LINE_VALUES.get(key)
    if found is None:
        if len(_LINE_VALUES) > 16_384:
            _LINE_VALUES.clear()
        value = entry.value(lines) if parts else line.text[line.v0 : line.v1]
        found = _LINE_VALUES[key] = _shared_value(value)
    return found


def clear_cache() -> None:
    """Forget the shared names, values and line records and the sections classified
    (benchmarks measure a file never seen before)."""
    classify.cache_clear()
    _shared_value.clear()
    _LINE_VALUES.clear()
    forget_shared()


class Basis:
    """What a model is an edit of: an earlier version (its `tree` and the `facts` it had
    computed), with only `blocks` changed, every header and name as it was, and every line
    where it was but those after a changed block that gained or lost lines, which move by
    `shift` (`SyntaxTree.changed_since`); no [DEFAULT] among the changed blocks. Or one
    header retyped in a file without duplicates (`renamed`): the facts keyed by name swap it.

    A whole-file fact the earlier version computed is then the new one with the changed
    sections swapped in (and what lies past them moved), so a keystroke costs what it
    touched, not the file. The facts are a copy without that version's own basis: no chain
    of versions stays alive.
    """

    __slots__ = ("after", "blocks", "facts", "renamed", "shift", "tree")

    def __init__(
        self,
        tree: SyntaxTree,
        facts: dict[str, Any],
        blocks: tuple[int, ...],
        shift: int,
        renamed: tuple[str, str] | None = None,
    ) -> None:
        self.tree = tree
        self.facts = facts
        self.blocks = blocks
        self.shift = shift
        # (old name, new name) of the one header retyped (`Model.edited`): every other name
        # as it was; the names unique before and after, none [DEFAULT], none spelled oddly.
        self.renamed = renamed
        # The first line of the earlier version that moves (past the one changed block).
        self.after = tree.block_start(blocks[0] + 1) if shift else tree.line_count

    def moved(self, line: int) -> int:
        """Where a line of the earlier version outside the changed blocks is now."""
        return line + self.shift if line >= self.after else line


class Model:
    """A file of a kind at a path, parsed; every derived fact is computed once, on demand."""

    def __init__(
        self,
        tree: SyntaxTree,
        kind: FileKind,
        path: str = "<text>",
        decoded: Decoded | None = None,
        basis: Basis | None = None,
    ) -> None:
        self.tree = tree
        self.kind = kind
        self.path = path
        self.decoded = decoded
        self.basis = basis
        self._lock = allocate_lock()

    def edited(self, tree: SyntaxTree) -> Model:
        """This file after an edit gave `tree`, with a `Basis` when the edit kept the layout.

        The basis is the nearest earlier version that computed its facts: in a burst of
        keystrokes analysed only at the end, the last analysed one.
        """
        analysed = "sections" in self.__dict__
        if analysed and (self.decoded is None or self.decoded.error is None):
            facts, old = self._facts(), self.tree
        elif self.basis is not None:
            facts, old = self.basis.facts, self.basis.tree
        else:
            return Model(tree, self.kind, self.path)
        changed = tree.changed_since(old)
        if changed is None:
            retitled = tree.retitled_since(old)
            if retitled is None:
                return Model(tree, self.kind, self.path)
            if old is self.tree and not _RENAMING.issubset(facts):
                # asked of this version (a patch when it has a basis): the next needs them anyway
                for name in _RENAMING:
                    getattr(self, name)
                facts = self._facts()
            renamed = _renamed(old, tree, facts, self.kind, *retitled)
            if renamed is None:
                return Model(tree, self.kind, self.path)
            basis = Basis(old, facts, (retitled[0],), 0, renamed)
            return Model(tree, self.kind, self.path, basis=basis)
        if any(node.name == DEFAULT for b in changed for node in tree.blocks[b].sections):
            return Model(tree, self.kind, self.path)
        shift = tree.line_count - old.line_count
        return Model(tree, self.kind, self.path, basis=Basis(old, facts, changed, shift))

    def _facts(self) -> dict[str, Any]:
        """The facts computed so far, copied in one step (dict()): the analysis thread may be
        adding some meanwhile."""
        facts = dict(self.__dict__)
        for name in _NOT_FACTS:
            facts.pop(name, None)
        return facts

    def derived(
        self,
        name: str,
        compute: Callable[[Model], T],
        patch: Callable[[Model, Basis, T], T],
    ) -> T:
        """A whole-file fact a later layer derives (`name` says whose and what), computed once
        and kept with this model; with a basis that holds the earlier version's value, `patch`
        makes this version's from it instead of `compute` from scratch."""
        found = self.__dict__.get(name, _MISSING)
        if found is _MISSING:
            basis = self.basis
            before = _MISSING if basis is None else basis.facts.get(name, _MISSING)
            found = (
                compute(self) if basis is None or before is _MISSING else patch(self, basis, before)
            )
            self.__dict__[name] = found
        return cast(T, found)

    @cached_property
    def swapped(self) -> list[tuple[Section, Section]]:
        """With a basis: (origin's section, this model's) for each section of a changed block."""
        self.sections  # noqa: B018  (computing the sections finds them)
        found: list[tuple[Section, Section]] = self.__dict__.get("swapped", [])
        return found

    @cached_property
    def touched(self) -> frozenset[str] | None:
        """With a basis, the names of the sections of the changed blocks; None without one
        (anything may have changed)."""
        basis = self.basis
        if basis is None:
            return None
        names = frozenset(new.name for _, new in self.swapped)
        return names | {basis.renamed[0]} if basis.renamed else names

    @staticmethod
    def from_text(text: str, kind: FileKind, path: str = "<text>") -> Model:
        return Model(SyntaxTree.parse(text), kind, path)

    @staticmethod
    def from_bytes(data: bytes, kind: FileKind, path: str = "<bytes>") -> Model:
        decoded = decode(data)
        return Model(SyntaxTree.parse(decoded.text), kind, path, decoded)

    # -- sections -------------------------------------------------------------------------

    @property
    def sections(self) -> tuple[Section, ...]:
        """Every written header in file order (content before any header is not a section).

        Computed once, under the model's lock: the server's analysis thread and its requests
        may ask at the same time, and every fact holding sections must hold these very
        objects (a second, equal tuple would make every section look like a duplicate).
        """
        found: tuple[Section, ...] | None = self.__dict__.get("sections")
        if found is None:
            with self._lock:
                found = self.__dict__.get("sections")
                if found is None:
                    found = self.__dict__["sections"] = self._sections()
        return found

    def _sections(self) -> tuple[Section, ...]:
        basis = self.basis
        known = basis.facts.get("sections") if basis is not None else None
        if basis is not None and known is not None:
            found = list(known)
            swapped: list[tuple[Section, Section]] = []
            replaced: list[tuple[Section, Section]] = []
            for b in basis.blocks:
                lo = bisect_left(found, b, key=_block_index)
                hi = bisect_right(found, b, key=_block_index)
                fresh = self._placed(b, self.tree.blocks[b], self.tree.block_start(b))
                swapped += zip(found[lo:hi], fresh, strict=True)
                if basis.shift:  # one block changed; the sections past it move
                    d = basis.shift
                    moved = [
                        Section(s.name, s.block, s.position, s.header + d, s.node)
                        for s in found[hi:]
                    ]
                    replaced += zip(found[hi:], moved, strict=True)
                    found[hi:] = moved
                found[lo:hi] = fresh
            self.__dict__["swapped"] = swapped
            self.__dict__["replaced"] = swapped + replaced
            return tuple(found)
        found = []
        for b, block, start in self.tree.placed():
            found += self._placed(b, block, start)
        return tuple(found)

    @staticmethod
    def _placed(b: int, block: Block, start: int) -> list[Section]:
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
        return cached[2]

    def _patched(self, fact: str) -> Any:
        """The earlier version's value of `fact` when this model has a basis and it was
        computed (None otherwise)."""
        return self.basis.facts.get(fact) if self.basis is not None else None

    @cached_property
    def replaced(self) -> list[tuple[Section, Section]]:
        """With a basis: (earlier section, this model's) for each section of a changed block
        and each that moved past it: what a fact holding sections swaps."""
        self.sections  # noqa: B018  (computing the sections finds them)
        found: list[tuple[Section, Section]] = self.__dict__.get("replaced", [])
        return found

    @cached_property
    def _swaps(self) -> dict[int, Section]:
        """id(earlier section) → this model's, for each section `replaced`."""
        return {id(old): fresh for old, fresh in self.replaced}

    @cached_property
    def first_by_name(self) -> dict[str, Section]:
        """The occurrence configparser keeps for each name (the first; a second is fatal)."""
        known: dict[str, Section] | None = self._patched("first_by_name")
        if known is not None and self.basis and self.basis.renamed:
            was, now = self.basis.renamed
            swaps = self._swaps
            return {(now if n == was else n): swaps.get(id(s), s) for n, s in known.items()}
        if known is not None:
            kept = dict(known)
            for old, new in self.replaced:
                if kept[old.name] is old:
                    kept[old.name] = new
            return kept
        kept = {}
        for section in self.sections:
            kept.setdefault(section.name, section)
        return kept

    def _changed_blocks(self) -> list[Block]:
        basis = self.basis
        return [] if basis is None else [self.tree.blocks[b] for b in basis.blocks]

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
        known: dict[str, tuple[Section, EntryNode]] | None = self._patched("defaults")
        if known is not None:  # an edit outside [DEFAULT] (a basis never holds one)
            if not known or not self.basis or not self.basis.shift:
                return known
            new = {id(old): fresh for old, fresh in self.replaced}
            return {key: (new.get(id(s), s), e) for key, (s, e) in known.items()}
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
        if self._unchanged("fatal") and all(b.fatal is None for b in self._changed_blocks()):
            return None  # names and [DEFAULT] as they were: no duplicate either
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
        if (
            self._unchanged("failure")
            and all(b.fatal is None and not b.errors for b in self._changed_blocks())
            and self.first_bad_nested is None
        ):
            return None
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
        if self._unchanged("first_bad_nested") and not any(
            e.bad_nested for b in self._changed_blocks() for n in b.sections for e in n.entries
        ):
            return None
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

    def _unchanged(self, fact: str) -> bool:
        """Whether the earlier version computed `fact` and found None (nothing wrong)."""
        basis = self.basis
        return basis is not None and fact in basis.facts and basis.facts[fact] is None

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

        A section's dict is read-only, and the same object after an edit elsewhere (what
        depends on it can tell it unchanged); without a [DEFAULT] section it is kept with its
        block. The result is shared too: copy it before changing it.
        """
        return self._raw

    @cached_property
    def _raw(self) -> dict[str, dict[str, RawValue]]:
        known: dict[str, dict[str, RawValue]] | None = self._patched("_raw")
        if known is not None:
            result = _renamed_key(known, self.basis)
            for _, new in self.swapped:
                if self.first_by_name[new.name] is new:
                    result[new.name] = self._options(new, self._default_values)
            return result
        result = {}
        for section in self.first_by_name.values():
            if section.name != DEFAULT:
                result[section.name] = self._options(section, self._default_values)
        return result

    @cached_property
    def _default_values(self) -> dict[str, RawValue]:
        known: dict[str, RawValue] | None = self._patched("_default_values")
        if known is not None:
            return known
        return {key: _raw_value(self.value(s, e)) for key, (s, e) in self.defaults.items()}

    def _options(self, section: Section, defaults: dict[str, RawValue]) -> dict[str, RawValue]:
        options = self._own_options(section)
        if defaults:
            options = dict(options)
            for key, value in defaults.items():
                options.setdefault(key, value)
        return options

    def _own_options(self, section: Section) -> dict[str, RawValue]:
        """A section's own keys and values as botocore returns them, kept with its block."""
        block = self.block_of(section)
        known = _OPTIONS.get_or(block, _no_options)
        found = known[section.position]
        if found is None:
            lines = block.lines
            found = known[section.position] = {
                e.key: _entry_value(lines, e) for e in section.node.entries
            }
        return found

    @cached_property
    def placements(self) -> list[tuple[Section, Placed]]:
        """Each kept section and where `build_profile_map` puts it (config files)."""
        known: list[tuple[Section, Placed]] | None = self._patched("placements")
        if known is not None:
            found = list(known)
            at = self._placement_index
            renamed = self.basis.renamed if self.basis else None
            for _, new in self.replaced:
                if self.first_by_name[new.name] is new and new.name != DEFAULT:
                    i = at[new.name]
                    if renamed and new.name == renamed[1]:
                        found[i] = (new, classify(new.name, self.kind))
                    else:
                        found[i] = (new, found[i][1])
            return found
        kind = self.kind
        return [
            (section, classify(section.name, kind))
            for section in self.first_by_name.values()
            if section.name != DEFAULT
        ]

    @cached_property
    def _placement_index(self) -> dict[str, int]:
        """Where each kept section's name is in `placements` (the same after a basis edit,
        but for a header retyped)."""
        known: dict[str, int] | None = self._patched("_placement_index")
        if known is None:
            placements = self._patched("placements")  # the earlier names, when patched
            if placements is None:
                return {section.name: i for i, (section, _) in enumerate(self.placements)}
            known = {section.name: i for i, (section, _) in enumerate(placements)}
        if self.basis and self.basis.renamed:
            was, now = self.basis.renamed
            known = dict(known)
            known[now] = known.pop(was)
        return known

    @cached_property
    def placement_at(self) -> dict[int, Placed]:
        """Where each kept section lands, by the line of its header."""
        known: dict[int, Placed] | None = self._patched("placement_at")
        if known is not None and not (self.basis and self.basis.shift):  # headers where they were
            if self.basis and self.basis.renamed:
                known = dict(known)
                for _, new in self.swapped:
                    if new.header in known:
                        known[new.header] = classify(new.name, self.kind)
            return known
        return {section.header: placed for section, placed in self.placements}

    @cached_property
    def winners(self) -> dict[tuple[str, str], Section]:
        """(group, name) → the section whose values botocore uses: the LATER one wins."""
        known: dict[tuple[str, str], Section] | None = self._patched("winners")
        if known is not None and self.basis and self.basis.renamed:
            # the names are unique (`_renamed`): the one retyped keeps its place in the order
            was, now = (classify(name, self.kind) for name in self.basis.renamed)
            swaps = self._swaps
            return {
                ((now.group, now.name) if key == was else key): swaps.get(id(s), s)  # type: ignore[misc]
                for key, s in known.items()
            }
        if known is not None:
            found = dict(known)
            for old, new in self.replaced:
                placed = classify(new.name, self.kind)
                key = (placed.group, placed.name)
                if placed.name is not None and found.get(key) is old:  # type: ignore[arg-type]
                    found[key] = new  # type: ignore[index]
            return found
        found = {}
        for section, placed in self.placements:
            if placed.name is not None:
                found[placed] = section  # type: ignore[index]  # Placed is a (group, name) tuple
        return found

    @cached_property
    def losers(self) -> list[Section]:
        """Sections botocore drops because a later spelling of the same name replaces them."""
        known: list[Section] | None = self._patched("losers")
        if known is not None:
            return _swap_in(known, self.replaced)
        named = [(s, p) for s, p in self.placements if p.name is not None]
        if len(named) == len(self.winners):
            return []
        return [s for s, p in named if self.winners[p] is not s]  # type: ignore[index]

    @cached_property
    def odd_profiles(self) -> dict[str, list[Section]]:
        """Profiles spelled other than `[profile NAME]` or `[default]` (`[profile  a]`,
        `[profile 'a']`), by name: few if any, found in one pass over the placements.
        Config files only (elsewhere a section's name is its profile's)."""
        if self.kind is not FileKind.CONFIG:
            return {}
        known: dict[str, list[Section]] | None = self._patched("odd_profiles")
        if known is not None:
            return {name: _swap_in(sections, self.replaced) for name, sections in known.items()}
        found: dict[str, list[Section]] = {}
        for section, placed in self.placements:
            if _odd(section.name, placed):
                found.setdefault(placed.name, []).append(section)  # type: ignore[arg-type]
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
            since=None if failure else self.raw_since(),
        )

    def raw_since(self) -> tuple[dict[str, dict[str, RawValue]], frozenset[str]] | None:
        """`raw()` of the version this one patched its facts from, and the names whose
        dicts differ; None without such a version."""
        basis = self.basis
        before = basis.facts.get("_raw") if basis is not None else None
        if before is None or self.touched is None:
            return None
        return before, self.touched

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


_block_index = attrgetter("block")


def _odd(name: str, placed: Placed) -> bool:
    """A profile spelled other than `[profile NAME]` or `[default]`."""
    return (
        placed.group == "profiles"
        and placed.name is not None
        and name != "profile " + placed.name
        and name != "default"
    )


def _renamed(
    old: SyntaxTree, tree: SyntaxTree, facts: dict[str, Any], kind: FileKind, b: int, i: int
) -> tuple[str, str] | None:
    """(old name, new name) of a retyped header when the facts keyed by name can swap it:
    the earlier version had no failure (so no name twice) and no spelling dropped for
    another (`losers`), the new name and the profile it names are free, both land in the
    same map (profiles, sessions, services, other), and neither name is [DEFAULT], an odd
    profile spelling or one botocore drops. None otherwise (computed afresh)."""
    was, now = old.blocks[b].sections[i].name, tree.blocks[b].sections[i].name
    if was is None or now is None or DEFAULT in (was, now):
        return None
    first, winners = facts.get("first_by_name"), facts.get("winners")
    if facts.get("failure", _MISSING) is not None or first is None or winners is None:
        return None
    if now in first or not _none_lost(facts, winners):
        return None
    placed, before = classify(now, kind), classify(was, kind)
    if placed.name is None or before.name is None or placed in winners:
        return None  # (a dropped spelling is in no map: nothing to swap it with)
    if placed.group != before.group:
        return None  # (its place among the others of its map is not the old one's)
    if kind is FileKind.CONFIG and (_odd(now, placed) or _odd(was, before)):
        return None
    return was, now


def _none_lost(facts: dict[str, Any], winners: dict[tuple[str, str], Section]) -> bool:
    """Whether the earlier version had no `losers` (asked of it, or told by its counts)."""
    losers: list[Section] | None = facts.get("losers")
    if losers is not None:
        return not losers
    placements: list[tuple[Section, Placed]] | None = facts.get("placements")
    return placements is not None and sum(p.name is not None for _, p in placements) == len(winners)


def _renamed_key(known: dict[str, V], basis: Basis | None) -> dict[str, V]:
    """A copy of a dict keyed by section name, the retyped name swapped in place."""
    if basis is None or basis.renamed is None:
        return dict(known)
    was, now = basis.renamed
    return {(now if name == was else name): value for name, value in known.items()}


def _swap_in(sections: list[Section], swapped: list[tuple[Section, Section]]) -> list[Section]:
    """`sections` with each origin section of a basis edit replaced by its new version."""
    if not sections:
        return sections
    new = {id(old): fresh for old, fresh in swapped}
    return [new.get(id(s), s) for s in sections]


_MISSING = object()
# What `_renamed` asks of the earlier version.
_RENAMING = frozenset({"failure", "first_by_name", "winners", "losers"})
_NOT_FACTS = frozenset(
    {
        "tree",
        "kind",
        "path",
        "decoded",
        "basis",
        "swapped",
        "replaced",
        "_swaps",
        "touched",
        "_lock",
    }
)


def _section_of_line(block: Block, rel: int) -> str:
    for node in block.sections:
        if node.header <= rel < node.end:
            return node.name or ""
    return ""
