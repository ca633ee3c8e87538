"""Key and value problems: keys nothing reads, keys in the wrong place, values boto3 misreads.

Everything here looks at one block at a time (a section's kind depends only on its name and the
file kind), so results are cached per block object and `Scope`, like the structure checks. The
scope holds the little a block's problems take from the rest of the file: the AWS CLI plugins
[plugins] declares, and whether the file holds real-looking ids (then AWS's documentation
examples in it are leftovers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.known_key import KnownKey
from aws_config_ls.catalogue.plugin_keys import PLUGINS, plugin_lookup
from aws_config_ls.catalogue.registry import closest_key, elsewhere, lookup
from aws_config_ls.catalogue.secrets import is_secret_key
from aws_config_ls.catalogue.sections import section_context
from aws_config_ls.catalogue.third_party_keys import TOOL_SECTIONS
from aws_config_ls.catalogue.values import ValueIssue, check_value
from aws_config_ls.catalogue.valuetypes import Nested
from aws_config_ls.checks.placed import in_blocks
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Basis, Model
from aws_config_ls.ini.problems import Code, Problem, Severity
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import INLINE_COMMENT, Block, BlockFact, EntryNode, Kind, Line

W, H, INFO = Severity.WARNING, Severity.HINT, Severity.INFORMATION

CODES: dict[str, Code] = {
    "unknown-key": Code(W, "a key no AWS tool reads (with the closest known key)"),
    "key-in-wrong-section": Code(W, "a known key in a kind of section where nothing reads it"),
    "key-in-wrong-file": Code(W, "a key read only from the other file"),
    "secret-in-config": Code(H, "a secret key in the config file"),
    "other-sdk-key": Code(INFO, "a key other AWS SDKs read and boto3 does not"),
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


class Scope(NamedTuple):
    """What a block's problems depend on beyond its own text (the key of their cache)."""

    kind: FileKind
    plugins: frozenset[str]  # AWS CLI plugin modules [plugins] declares
    real: bool  # the file holds real-looking account ids or access keys


# One cache per scope (a handful per process: file kinds, plugin sets, real or not).
_LOCAL: dict[Scope, BlockFact[tuple[Problem, ...]]] = {}
_REAL: BlockFact[bool] = BlockFact("holds a real-looking account id or access key id")


def semantic_problems(model: Model) -> list[Problem]:
    """Key and value problems of every section, in line order."""
    real = model.derived("semantics: real blocks", _real_blocks, _real_blocks_after) > 0
    scope = Scope(model.kind, declared_plugins(model), real)
    fact = _LOCAL.get(scope)
    if fact is None:
        fact = _LOCAL[scope] = BlockFact(f"semantic problems {scope}")

    def in_scope(block: Block) -> tuple[Problem, ...]:
        """This block's key and value problems, in this scope."""
        return fact.get_or(block, lambda b: _block(b, scope))

    return in_blocks(model, f"semantics: {scope}", in_scope)


def _real_blocks(model: Model) -> int:
    return sum(map(_real, model.tree.blocks))


def _real_blocks_after(model: Model, basis: Basis, before: int) -> int:
    old, new = basis.tree.blocks, model.tree.blocks
    return before + sum(_real(new[b]) - _real(old[b]) for b in basis.blocks)


# A 12-digit account id or an access key id, wherever it is written: a run of exactly 12
# digits, or of 20 capitals and digits opening with AKIA or ASIA. The runs of 12 digits or
# more, then of capitals and digits, are found at C speed (a pattern of lookarounds tried
# at each character took three times as long).
_DIGIT_RUNS = re.compile(r"[0-9]{12,}")
_KEY_RUNS = re.compile(r"[A-Z0-9]{20,}")


def _real(block: Block) -> bool:
    """Whether the block holds an account id or access key id that is no documentation
    example or filler (cached per block: a keystroke re-reads only the touched block)."""
    return _REAL.get_or(block, _holds_real)


def _holds_real(block: Block) -> bool:
    """Line by line (no id spans a line end), each line text judged once however many
    blocks repeat it: a file repeats most of its lines."""
    known = _REAL_LINES
    for line in block.lines:
        text = line.text
        found = known.get(text)
        if found is None:
            if len(known) > 16_384:
                known.clear()
            found = known[text] = _real_in(text)
        if found:
            return True
    return False


def _real_in(text: str) -> bool:
    """Whether one line holds a real-looking id. An access key id with 12 digits in a row
    is real itself (it cannot hold EXAMPLE too), so its digits need no telling apart."""
    for run in _DIGIT_RUNS.findall(text):
        if len(run) == 12 and _looks_real(run):
            return True
    if "AKIA" in text or "ASIA" in text:
        for run in _KEY_RUNS.findall(text):
            if len(run) == 20 and run[:4] in ("AKIA", "ASIA") and _looks_real(run):
                return True
    return False


_REAL_LINES: dict[str, bool] = {}
_FAKE_ACCOUNTS = frozenset({"123456789012", "111122223333", "444455556666", "777788889999"})
_UP = "0123456789" * 3  # every run up of 12 digits (each next digit one more, 9 then 0)
_DOWN = _UP[::-1]


def _looks_real(found: str) -> bool:
    """Not a documentation example and no filler: few distinct digits (111111111111,
    121212121212) or a run up or down (012345678901, 210987654321), as test files use."""
    if found in _FAKE_ACCOUNTS or "EXAMPLE" in found:
        return False
    if not found.isdigit():
        return True
    return len(set(found)) > 2 and found not in _UP and found not in _DOWN


def declared_plugins(model: Model) -> frozenset[str]:
    """The plugin modules of [plugins] this catalogue knows keys of (config file only)."""
    if model.kind is not FileKind.CONFIG:
        return frozenset()
    section = model.first_by_name.get("plugins")
    if section is None:
        return frozenset()
    return frozenset(
        value
        for entry in section.node.entries
        if (value := model.value(section, entry).strip()) in PLUGINS
    )


def meant_as_profile(kind: FileKind, name: str) -> bool:
    """[dev] in the config file: not a profile to botocore, but evidently meant as one (a
    well-known tool's own section, such as aws-okta's [okta], is not)."""
    return (
        kind is FileKind.CONFIG
        and name not in TOOL_SECTIONS
        and section_context(kind, name) is Context.OTHER
        and bool(name.strip())
    )


def _block(block: Block, scope: Scope) -> tuple[Problem, ...]:
    kind = scope.kind
    lines = block.lines
    found: list[Problem] = []
    for node in block.sections:
        if node.name is None:
            continue
        context = section_context(kind, node.name)
        if context in _UNREAD:
            if not meant_as_profile(kind, node.name):
                continue
            # Checked as the profile it was meant to be; botocore never reads it, so nothing
            # here is more than a warning (the header says why).
            for entry in node.entries:
                if entry.key:
                    found += map(_capped, _entry(lines, entry, Context.PROFILE, scope))
            continue
        known = _ENTRIES.get((context, scope))
        if known is None:
            known = _ENTRIES[context, scope] = {}
        for entry in node.entries:
            if not entry.key:
                continue
            # the entry's problems by what they depend on (see _ENTRIES), looked up here:
            # a file's every entry passes
            parts = entry.parts
            text = lines[entry.line].text
            key = (entry, text, *[lines[i].text for i in parts]) if parts else (entry.line, text)
            problems = known.get(key)
            if problems is None:
                if len(known) > 16_384:
                    known.clear()
                problems = known[key] = tuple(_entry(lines, entry, context, scope))
            found += problems
    return tuple(found)


# An entry's problems by everything they depend on: where it sits and the file's scope (the
# outer key, looked up once per section), then the entry (relative line, key, parts) and the
# texts of the lines it spans (which make the line records: an entry's line is an ENTRY,
# each of its parts BLANK or CONTINUATION, by its text). An entry of one line is its
# relative line and text alone (its key is in the text, it has no parts). Real files repeat
# entries (`region = us-east-1`, `sso_session = corp`) thousands of times, at the same
# place in their blocks, so most entries are checked once.
_ENTRIES: dict[tuple[Context, Scope], dict[tuple[object, ...], tuple[Problem, ...]]] = {}


def _capped(problem: Problem) -> Problem:
    if problem.severity is not Severity.ERROR:
        return problem
    why = " (Not now: botocore reads no key of this section until it is a profile.)"
    return problem._replace(severity=W, message=problem.message + why)


def _entry(
    lines: tuple[Line, ...],
    entry: EntryNode,
    context: Context,
    scope: Scope,
) -> Iterator[Problem]:
    kind = scope.kind
    line = lines[entry.line]
    value = entry.value(lines)
    setting = lookup(context, entry.key, scope.plugins, block=value.startswith("\n"))
    key_span = Span.of(entry.line, line.k0, line.k1) if setting is None or setting.secret else None
    if setting is None:
        assert key_span is not None
        yield _unknown(key_span, entry.key, context, value.startswith("\n"))
        return
    if setting.other_sdks_only:
        readers = " and ".join(sorted(r.value for r in setting.readers))
        yield Problem(
            "other-sdk-key",
            INFO,
            Span.of(entry.line, line.k0, line.k1),
            f"`{entry.key}` is read by {readers}, not by boto3 or the AWS CLI.",
        )
    if kind not in setting.files:
        yield Problem(
            "key-in-wrong-file",
            W,
            Span.of(entry.line, line.k0, line.k1),
            f"`{entry.key}` is read from the {_files(setting)} file, not from this one.",
        )
    if kind is FileKind.CONFIG and key_span and is_secret_key(entry.key) and value:
        yield Problem(
            "secret-in-config",
            H,
            key_span,
            f"`{entry.key}` is a secret: boto3 reads it here, but it belongs in the credentials "
            "file, which tools treat as secret (mode 0600, never shared).",
        )
    nested = setting.value_type
    if isinstance(nested, Nested) and value.startswith("\n"):
        yield from _block_entries(lines, entry, nested.block, scope)
        return
    yield from _value(setting, value, entry.line, line, line.v0, line.v1, scope.real)


def _block_entries(
    lines: tuple[Line, ...], entry: EntryNode, block: Context, scope: Scope
) -> Iterator[Problem]:
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
        setting = lookup(block, name, scope.plugins)
        if setting is None:
            key_end = start + len(text.partition("=")[0].rstrip())
            yield _unknown(Span.of(rel, start, key_end), name, block)
            continue
        after = text[text.index("=") + 1 :]
        value_start = line.v0 + len(text) - len(after) + len(after) - len(after.lstrip())
        yield from _value(setting, sub, rel, line, value_start, value_start + len(sub), scope.real)


def _value(
    setting: KnownKey, value: str, rel: int, line: Line, start: int, end: int, real: bool
) -> Iterator[Problem]:
    for issue in _checked(setting, value, real):
        span = Span.of(rel, start, end)
        where, fix = span, issue.suggestion
        if fix is not None and "\n" in value:  # a value folded over lines: no one-line repair
            fix = None
        if issue.code == "comment-in-value":  # the same place and fix as the structure check
            comment = INLINE_COMMENT.search(line.text, span.start.col)
            if comment is not None:
                kept = line.text[span.start.col : comment.start()].rstrip()
                where, fix = Span.of(rel, span.start.col + len(kept), span.end.col), ""
        message = issue.message
        if fix and not setting.secret and f"`{fix}`" not in message:
            message += f" Did you mean `{fix}`?"
        yield Problem(issue.code, issue.severity, where, message, fix=fix)


_CHECKED: dict[tuple[int, str, bool], tuple[ValueIssue, ...]] = {}


def _checked(setting: KnownKey, value: str, real: bool) -> tuple[ValueIssue, ...]:
    """check_value, remembered: real files repeat values (region, sso_session) thousands of
    times. Settings live as long as the process, so their id is a stable key."""
    key = (id(setting), value, real)
    found = _CHECKED.get(key)
    if found is None:
        if len(_CHECKED) > 8_192:  # unique values (account ids) would hold megabytes
            _CHECKED.clear()
        found = _CHECKED[key] = tuple(check_value(setting, value, real))
    return found


def clear_cache() -> None:
    """Forget remembered value and entry checks (benchmarks measure a file never seen
    before)."""
    _CHECKED.clear()
    _ENTRIES.clear()
    _REAL_LINES.clear()


def _unknown(span: Span, key: str, context: Context, block: bool = False) -> Problem:
    plugin = _plugin_reading(context, key, block)
    homes = [s for s in elsewhere(key) if context not in s.contexts]
    if homes:
        where = sorted({c.value for s in homes for c in s.contexts})
        return Problem(
            "key-in-wrong-section",
            W,
            span,
            f"Nothing reads `{key}` in a {context.value} section{plugin}; it belongs in "
            + ", ".join(f"a {w} section or block" for w in where)
            + ".",
        )
    if plugin:
        return Problem(
            "unknown-key", W, span, f"Nothing reads `{key}` here{plugin}; boto3 ignores it."
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


def _plugin_reading(context: Context, key: str, block: bool) -> str:
    """Words for the plugin that would read `key` here, were it declared in [plugins]."""
    for module in PLUGINS:
        if plugin_lookup(frozenset({module}), context, key, block) is not None:
            return f" unless [plugins] declares `{module}`, whose AWS CLI plugin reads it"
    return ""


def _files(setting: KnownKey) -> str:
    return " or ".join(sorted(k.value for k in setting.files))
