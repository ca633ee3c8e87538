"""Key and value problems: keys nothing reads, keys in the wrong place, values boto3 misreads.

Everything here looks at one block at a time (a section's kind depends only on its name and the
file kind), so results are cached per block object and file kind, like the structure checks.
"""

from __future__ import annotations

from collections.abc import Iterator

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.registry import closest_key, elsewhere, lookup
from aws_config_ls.catalogue.secrets import is_secret_key
from aws_config_ls.catalogue.sections import section_context
from aws_config_ls.catalogue.setting import Setting
from aws_config_ls.catalogue.values import ValueIssue, check_value
from aws_config_ls.catalogue.valuetypes import Nested
from aws_config_ls.checks.structure import shifted
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import Problem, Severity
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import INLINE_COMMENT, Block, BlockFact, EntryNode, Kind, Line

W, H = Severity.WARNING, Severity.HINT

CODES: dict[str, tuple[Severity, str]] = {
    "unknown-key": (W, "a key no AWS tool reads (with the closest known key)"),
    "key-in-wrong-section": (W, "a known key in a kind of section where nothing reads it"),
    "key-in-wrong-file": (W, "a key read only from the other file"),
    "secret-in-config": (H, "a secret key in the config file"),
}
# Sections whose keys nothing reads at all: already reported by the structure checks.
_UNREAD = frozenset({Context.OTHER, Context.BOTO_OTHER})
_PLACES = {
    Context.PROFILE: "a profile",
    Context.SSO_SESSION: "an [sso-session] section",
    Context.SERVICES: "a [services] section",
    Context.SERVICE_BLOCK: "a service block of a [services] section",
    Context.S3: "an `s3 =` block",
    Context.API_VERSIONS: "an `api_versions =` block",
    Context.SERVICE_SIGNATURE: "a `<service> =` block",
    Context.EMR: "an `emr =` block",
    Context.PLUGINS: "[plugins]",
    Context.PREVIEW: "[preview]",
    Context.BOTO_CREDENTIALS: "the [Credentials] section of a boto file",
    Context.DEFAULT_SECTION: "[DEFAULT]",
}


# Per file kind: a block's keys mean different things in config, credentials and boto files.
_LOCAL: dict[FileKind, BlockFact[tuple[Problem, ...]]] = {
    kind: BlockFact(f"semantic problems ({kind.value})") for kind in FileKind
}


def semantic_problems(model: Model) -> list[Problem]:
    """Key and value problems of every section, in line order."""
    found: list[Problem] = []
    kind = model.kind
    for _, block, start in model.tree.placed():
        local = _LOCAL[kind].get(block)  # this block's key and value problems
        if local is None:
            local = _LOCAL[kind].put(block, tuple(_block(block, kind)))
        if local:
            found.extend(shifted(p, start) for p in local)
    return found


def _block(block: Block, kind: FileKind) -> Iterator[Problem]:
    lines = block.lines
    for node in block.sections:
        if node.name is None:
            continue
        context = section_context(kind, node.name)
        if context in _UNREAD:
            continue
        for entry in node.entries:
            if entry.key:
                yield from _entry(lines, entry, context, kind)


def _entry(
    lines: tuple[Line, ...], entry: EntryNode, context: Context, kind: FileKind
) -> Iterator[Problem]:
    line = lines[entry.line]
    setting = lookup(context, entry.key)
    key_span = Span.of(entry.line, line.k0, line.k1) if setting is None or setting.secret else None
    if setting is None:
        assert key_span is not None
        yield _unknown(key_span, entry.key, context)
        return
    if kind not in setting.files:
        yield Problem(
            "key-in-wrong-file",
            W,
            Span.of(entry.line, line.k0, line.k1),
            f"`{entry.key}` is read from the {_files(setting)} file, not from this one.",
        )
    if kind is FileKind.CONFIG and key_span and is_secret_key(entry.key):
        yield Problem(
            "secret-in-config",
            H,
            key_span,
            f"`{entry.key}` is a secret: boto3 reads it here, but it belongs in the credentials "
            "file, which tools treat as secret (mode 0600, never shared).",
        )
    value = entry.value(lines)
    nested = setting.value_type
    if isinstance(nested, Nested) and value.startswith("\n"):
        yield from _block_entries(lines, entry, nested.block)
        return
    yield from _value(setting, value, entry.line, line, line.v0, line.v1)


def _block_entries(lines: tuple[Line, ...], entry: EntryNode, block: Context) -> Iterator[Problem]:
    """The sub-keys of a nested block, looked up exactly (botocore does not fold their case)."""
    for rel in entry.parts:
        line = lines[rel]
        if line.kind is not Kind.CONTINUATION or "=" not in line.value:
            continue
        text = line.value
        name, _, sub = text.partition("=")
        name, sub = name.strip(), sub.strip()
        if not name:
            continue
        start = line.v0
        setting = lookup(block, name)
        if setting is None:
            key_end = start + len(text.partition("=")[0].rstrip())
            yield _unknown(Span.of(rel, start, key_end), name, block)
            continue
        after = text[text.index("=") + 1 :]
        value_start = line.v0 + len(text) - len(after) + len(after) - len(after.lstrip())
        yield from _value(setting, sub, rel, line, value_start, value_start + len(sub))


def _value(
    setting: Setting, value: str, rel: int, line: Line, start: int, end: int
) -> Iterator[Problem]:
    for issue in _checked(setting, value):
        span = Span.of(rel, start, end)
        where, fix = span, issue.suggestion
        if issue.code == "comment-in-value":  # the same place and fix as the structure check
            comment = INLINE_COMMENT.search(line.text, span.start.col)
            if comment is not None:
                kept = line.text[span.start.col : comment.start()].rstrip()
                where, fix = Span.of(rel, span.start.col + len(kept), span.end.col), ""
        yield Problem(issue.code, issue.severity, where, issue.message, fix=fix)


_CHECKED: dict[tuple[int, str], tuple[ValueIssue, ...]] = {}


def _checked(setting: Setting, value: str) -> tuple[ValueIssue, ...]:
    """check_value, remembered: real files repeat values (region, sso_session) thousands of
    times. Settings live as long as the process, so their id is a stable key."""
    key = (id(setting), value)
    found = _CHECKED.get(key)
    if found is None:
        if len(_CHECKED) > 50_000:
            _CHECKED.clear()
        found = _CHECKED[key] = tuple(check_value(setting, value))
    return found


def clear_cache() -> None:
    """Forget remembered value checks (benchmarks measure a file never seen before)."""
    _CHECKED.clear()


def _unknown(span: Span, key: str, context: Context) -> Problem:
    homes = [s for s in elsewhere(key) if context not in s.contexts]
    if homes:
        where = sorted({c.value for s in homes for c in s.contexts})
        return Problem(
            "key-in-wrong-section",
            W,
            span,
            f"Nothing reads `{key}` in a {context.value} section; it belongs in "
            + ", ".join(f"a {w} section or block" for w in where)
            + ".",
        )
    guess = closest_key(context, key)
    hint = f" Did you mean `{guess}`?" if guess else ""
    return Problem(
        "unknown-key",
        W,
        span,
        f"No AWS tool reads `{key}` here, so boto3 silently ignores it.{hint}",
        fix=guess,
    )


def _files(setting: Setting) -> str:
    return " or ".join(sorted(k.value for k in setting.files))
