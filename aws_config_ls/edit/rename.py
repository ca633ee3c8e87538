"""Rename of a profile, sso-session or services name, planned and checked before it is offered.

The plan edits every header that defines the name and every value that names it, in the
config and credentials files together. Before the plan leaves, it is applied to the parsed
files and botocore's reading of them is compared with the reading before, modulo the rename:
same sections in the same order, same keys, same values except the references renamed, no new
failure. A rename that would change anything else is refused with the reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from aws_config_ls.edit.names import NOUNS, Occurrence, find, name_at, reference_keys
from aws_config_ls.edit.refusal import Refusal
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import DEFAULT, Model, Placed, classify
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.span import Pos, Span
from aws_config_ls.ini.syntax import (
    Block,
    EntryNode,
    Kind,
    Line,
    SectionNode,
    SyntaxTree,
    parse_block,
)

# How a config header spells each group (botocore's build_profile_map prefixes).
_PREFIX = {"profiles": "profile", "sso_sessions": "sso-session", "services": "services"}


class Edit(NamedTuple):
    span: Span
    text: str


Plan = dict[str, list[Edit]]  # path -> edits
_DEFAULT = "The default profile cannot be renamed: boto3 finds it by its name when none is chosen."


def target_at(model: Model, pos: Pos) -> Occurrence | Refusal:
    """The name under the cursor, if it can be renamed."""
    found = name_at(model, pos)
    line = model.tree.line(pos.line) if 0 <= pos.line < model.tree.line_count else None
    if found is None and line is not None and _is_dropped_header(line, model.kind):
        return Refusal(
            f"botocore drops [{line.key}] (its name is not one word after the prefix), "
            "so there is no name to rename."
        )
    if found is None:
        return Refusal(
            "Only a profile, sso-session or services name can be renamed: a section header, "
            "or the value of source_profile, sso_session or services."
        )
    if found.group == "profiles" and found.name == "default":
        return Refusal(_DEFAULT)
    if found.span is None:
        return Refusal(f"The name in [{model.tree.line(found.line).key}] cannot be pointed at.")
    return found


def _is_dropped_header(line: Line, kind: FileKind) -> bool:
    return line.kind is Kind.HEADER and classify(line.key, kind).group == "dropped"


def invalid_name(group: str, new: str) -> str | None:
    """Why botocore would not read `new` as a name of `group` in both files, if it would not."""
    noun = NOUNS[group]
    if not new:
        return "A name cannot be empty."
    if any(c.isspace() for c in new):
        return (
            f"'{new}' contains whitespace: botocore splits the header `[{_PREFIX[group]} "
            f"{new}]` into more than two words and drops the section."
        )
    if any(c in "'\"\\" for c in new):
        return f"'{new}' contains a quote or backslash, which botocore's header splitting changes."
    if any(c in "[]" for c in new):
        return f"'{new}' contains a bracket, which ends the section header."
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in new):
        return f"'{new}' contains a control character."
    if new == DEFAULT:
        return "DEFAULT is configparser's default section, whose keys go into every section."
    if group == "profiles" and new == "default":
        return (
            "'default' is the profile boto3 uses when none is chosen: renaming onto it changes "
            "what runs by default."
        )
    if classify(f"{_PREFIX[group]} {new}", FileKind.CONFIG) != Placed(group, new):
        return f"botocore would not read [{_PREFIX[group]} {new}] as the {noun} '{new}'."
    return None


def plan_rename(models: Sequence[Model], group: str, old: str, new: str) -> Plan | Refusal:
    """The edits that rename `old` to `new` in `models`, checked against botocore's reading."""
    why = _DEFAULT if (group, old) == ("profiles", "default") else invalid_name(group, new)
    if why is not None:
        return Refusal(why)
    if new == old:
        return {}
    for model in models:
        if model.failure is not None:
            return Refusal(
                f"botocore refuses {model.path} ({model.failure.type}): fix that first, so the "
                "rename can be checked."
            )
    noun = NOUNS[group]
    for clash in find(models, group, new):
        if clash.definition:
            return Refusal(
                f"A {noun} named '{new}' already exists ({clash.path}, line {clash.line + 1})."
            )
    plan: Plan = defaultdict(list)
    by_path = {model.path: model for model in models}
    for o in find(models, group, old):
        if o.span is None:
            return Refusal(f"The header on line {o.line + 1} of {o.path} cannot be edited.")
        model = by_path[o.path]
        written = model.tree.line(o.line).text[o.span.start.col : o.span.end.col]
        # a config header keeps its quotes (shlex takes them off); a value, or a credentials
        # file's header (its name as written), is read as written, quotes and all
        quoted = o.definition and model.kind is FileKind.CONFIG
        plan[o.path].append(Edit(o.span, _spelled_like(written, new) if quoted else new))
    for model in models:
        edits = plan.get(model.path)
        if edits:
            refused = _changes_meaning(model, edits, group, old, new)
            if refused is not None:
                return refused
    return dict(plan)


def _spelled_like(written: str, new: str) -> str:
    """The new name quoted as the old one was (`[profile "dev"]`), so two spellings of one
    name stay two sections; `new` holds no quote, blank or backslash, so quoting is exact."""
    if len(written) > 1 and written[0] == written[-1] and written[0] in "'\"":
        return written[0] + new + written[0]
    return new


def applied(model: Model, edits: Sequence[Edit]) -> tuple[Model, list[int]]:
    """The model after single-line edits, re-parsing only the blocks they touch (a name
    never adds or removes a column-0 header), and the indexes of those blocks."""
    tree = model.tree
    by_block: dict[int, list[Edit]] = defaultdict(list)
    for edit in edits:
        by_block[tree.block_at(edit.span.start.line)].append(edit)
    blocks = list(tree.blocks)
    for b, block_edits in by_block.items():
        start = tree.block_start(b)
        pairs = [(line.text, line.eol) for line in blocks[b].lines]
        for edit in sorted(block_edits, reverse=True):
            rel = edit.span.start.line - start
            text, eol = pairs[rel]
            pairs[rel] = (text[: edit.span.start.col] + edit.text + text[edit.span.end.col :], eol)
        blocks[b] = parse_block(pairs, leading=b == 0)
    return Model(SyntaxTree(tuple(blocks)), model.kind, model.path), sorted(by_block)


def _changes_meaning(
    model: Model, edits: Sequence[Edit], group: str, old: str, new: str
) -> Refusal | None:
    """Only the touched blocks change, so only they can add a failure, but for a section
    name that now appears twice."""
    after, touched = applied(model, edits)
    names_before, names_after = [], []
    for b in touched:
        was, now = model.tree.blocks[b], after.tree.blocks[b]
        if now.fatal is not None or now.errors or _bad_nested(now) > _bad_nested(was):
            return _differs(f"botocore would refuse {model.path}")
        why = _block_differs(was, now, model.kind, group, old, new)
        if why is not None:
            return _differs(f"{why} ({model.path})")
        names_before += [n.name for n in was.sections if n.name not in (None, DEFAULT)]
        names_after += [n.name for n in now.sections if n.name not in (None, DEFAULT)]
    others = set(model.first_by_name) - set(names_before)
    if len(set(names_after)) < len(names_after) or others.intersection(names_after):
        return Refusal(
            f"Renaming would write a section of {model.path} twice: two spellings of '{old}' "
            "would become the same header (botocore refuses a file with a duplicate section)."
        )
    return None


def _differs(why: str) -> Refusal:
    return Refusal(f"Renaming would change what botocore reads: {why}.")


def _entries(block: Block) -> Iterator[EntryNode]:
    return (entry for node in block.sections for entry in node.entries)


def _bad_nested(block: Block) -> int:
    """Values botocore cannot read as nested ones. A file botocore reads may hold them where
    it never looks (`[DEFAULT]`, whose sections botocore does not iterate), so only a new one
    counts."""
    return sum(len(entry.bad_nested) for entry in _entries(block))


def _block_differs(
    before: Block, after: Block, kind: FileKind, group: str, old: str, new: str
) -> str | None:
    """Whether a block reads the same modulo the rename: same sections, each renamed where it
    defined `old`, same keys, same values but the references to `old`."""
    if len(before.sections) != len(after.sections) or len(before.lines) != len(after.lines):
        return "the sections would move"
    refs = reference_keys()
    for was, now in zip(before.sections, after.sections, strict=True):
        if (
            was.name is not None
            and was.name != DEFAULT
            and classify(was.name, kind) == (group, old)
        ):
            if now.name == DEFAULT or classify(now.name or "", kind) != (group, new):
                return f"[{now.name}] is not the {NOUNS[group]} '{new}'"
        elif now.name != was.name:
            return f"[{was.name}] would become [{now.name}]"
        expected = {
            key: new if value == old and refs.get(key) == group else value
            for key, value in _values(was, before).items()
        }
        if _values(now, after) != expected:
            return f"the values of [{was.name}] would change"
    return None


def _values(node: SectionNode, block: Block) -> dict[str, str]:
    return {entry.key: entry.value(block.lines) for entry in node.entries}
