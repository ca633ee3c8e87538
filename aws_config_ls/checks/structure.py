"""Parse-level problems: where botocore refuses the file, and its silent structural traps.

Checks that look at one block only are cached against the block object (an edit keeps the
blocks it does not touch), so a keystroke costs the touched blocks plus one pass over the
section names.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from operator import attrgetter, methodcaller

from aws_config_ls.catalogue.secrets import is_secret_key, mask, redact
from aws_config_ls.catalogue.third_party_keys import TOOL_SECTIONS
from aws_config_ls.checks.placed import in_blocks, relocated
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.memo import by_name
from aws_config_ls.ini.model import DEFAULT, Basis, Model, Placed, Section, classify
from aws_config_ls.ini.problems import Code, Problem, Related, Severity
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import INLINE_COMMENT, Block, BlockFact, EntryNode, Kind, Line

E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT
REFUSED = "boto3 refuses the whole file (ConfigParseError ← {})"
KNOWN_TOP_SECTIONS = frozenset({"plugins", "preview", *TOOL_SECTIONS})

# Every code this module reports, with its severity and a one-line summary.
CODES: dict[str, Code] = {
    "duplicate-section": Code(E, "a section is defined twice"),
    "duplicate-key": Code(E, "a key is set twice in one section (keys ignore case)"),
    "key-before-section": Code(E, "content before the first section header"),
    "unparsable-line": Code(E, "a line that is no header, key, comment or continuation"),
    "unclosed-header": Code(E, "a section header without its closing `]`"),
    "empty-header": Code(E, "an empty section header `[]`"),
    "empty-key": Code(E, "a `= value` line with no key"),
    "nested-line-without-equals": Code(E, "a line in a nested block without `=`"),
    "bom": Code(E, "a UTF-8 byte-order mark at the start of the file"),
    "undecodable": Code(E, "bytes that are not valid in the locale's encoding"),
    "nul-byte": Code(W, "a NUL byte in the text"),
    "comment-in-value": Code(W, "`#` or `;` text that boto3 keeps as part of the value"),
    "continuation-folded": Code(W, "an indented line folded into the previous value"),
    "header-swallowed": Code(W, "an indented section header read as part of a value"),
    "header-parsed-as-key": Code(W, "a `[` line without `]` that configparser reads as a key"),
    "default-section-leak": Code(W, "[DEFAULT] copies its keys into every section"),
    "default-profile-twice": Code(W, "both [default] and [profile default]: the later one wins"),
    "profile-spelled-twice": Code(W, "two spellings of one name: the later section wins"),
    "dropped-section": Code(W, "a header botocore silently ignores"),
    "loose-prefix": Code(W, "a misspelled prefix botocore still accepts, other tools do not"),
    "not-a-profile": Code(W, "[x] in the config file is not a profile"),
    "default-misspelled": Code(W, "[Default] or [ default ] is not the default profile"),
    "profile-prefix-in-credentials": Code(W, "[profile x] in the credentials file"),
    "config-only-section": Code(W, "[sso-session x] or [services x] in the credentials file"),
    "portability-colon": Code(H, "`key: value`: other SDKs accept only `=`"),
    "portability-indented-key": Code(H, "an indented key other SDKs read as a continuation"),
    "portability-empty-subkey": Code(H, "a nested line with an empty name"),
}


_LOCAL: BlockFact[tuple[Problem, ...]] = BlockFact("structure problems")


def structure_problems(model: Model) -> list[Problem]:
    """Every parse-level problem of the file, in line order."""
    found = [*_file_problems(model), *model.derived("structure: headers", _headers, _same)]
    found += in_blocks(model, "structure: blocks", _block_local)
    found.sort(key=lambda p: p.span.start)
    return found


def _block_local(block: Block) -> tuple[Problem, ...]:
    return _LOCAL.get_or(block, _block_problems)


def _same(model: Model, basis: Basis, before: list[Problem]) -> list[Problem]:
    """Header problems after an edit that kept every header as written: the same, moved
    with their lines (a header retyped: found again)."""
    if basis.renamed:  # names are unique: only the changed block's own spellings can differ
        lines = {new.header for _, new in model.swapped}
        found = [p for p in before if p.span.start.line not in lines]
        for _, section in model.swapped:
            found += _spelling(model, section, classify(section.name, model.kind), False)
        return found
    return [relocated(p, basis) for p in before] if basis.shift else before


# -- block-local checks ----------------------------------------------------------------------


def _block_problems(block: Block) -> tuple[Problem, ...]:
    """A block's parse-level problems, at lines relative to the block (kept with it)."""
    return tuple(_in_block(block))


def _in_block(block: Block) -> Iterator[Problem]:
    lines = block.lines
    if any(map(_has_nul, map(_text_of, lines))):
        for i, line in enumerate(lines):
            if "\x00" in line.text:
                col = line.text.index("\x00")
                yield Problem(
                    "nul-byte",
                    W,
                    Span.of(i, col, col + 1),
                    "NUL byte: botocore keeps it as part of the text, which no tool expects.",
                    fix="",
                )
    for i in block.errors:
        if lines[i].kind is Kind.ERROR:  # the other errors are entries with an empty key
            yield _bad_line(i, lines[i])
    if block.fatal is not None and block.fatal[1] == "MissingSectionHeaderError":
        i = block.fatal[0]
        if not lines[i].text.startswith("\ufeff"):  # the BOM check says it better
            yield Problem(
                "key-before-section",
                E,
                _content(i, lines[i]),
                "Content before the first [section] header: "
                + REFUSED.format("MissingSectionHeaderError")
                + ".",
            )
    unusual = _UNUSUAL
    for node in block.sections:
        entries = node.entries
        # a key written twice, told at C speed: most sections have none
        twice = node.name != DEFAULT and len(set(map(_key_of, entries))) < len(entries)
        seen: dict[str, EntryNode] = {}
        for entry in entries:
            line = lines[entry.line]
            odd = unusual.get(line.text)
            if odd is None:
                odd = _judged(unusual, line.text, _unusual(line))
            if odd:
                yield from _entry_line_problems(entry.line, line)
            if twice:
                first = seen.get(entry.key)
                if first is not None:
                    yield _duplicate_key(
                        i_span(lines, entry), i_span(lines, first), entry.key, node.name or ""
                    )
                seen.setdefault(entry.key, entry)
            if entry.parts:
                yield from _value_problems(lines, entry)
        if node.entries and node.header >= 0:
            first_entry = lines[node.entries[0].line]
            if first_entry.indent > 0:
                yield Problem(
                    "portability-indented-key",
                    H,
                    i_span(lines, node.entries[0]),
                    "Indented key: boto3 reads it, but other AWS SDKs treat an "
                    "indented line as a continuation and reject the file.",
                )


def i_span(lines: tuple[Line, ...], entry: EntryNode) -> Span:
    line = lines[entry.line]
    return Span.of(entry.line, line.k0, max(line.k1, line.k0 + 1))


def _content(i: int, line: Line) -> Span:
    return Span.of(i, line.indent, max(line.indent + 1, line.content_end))


def _bad_line(i: int, line: Line) -> Problem:
    stripped = line.text.strip()
    if stripped.startswith("["):
        if stripped == "[]":
            return Problem(
                "empty-header",
                E,
                _content(i, line),
                "Empty section header `[]`: " + REFUSED.format("ParsingError") + ".",
            )
        return Problem(
            "unclosed-header",
            E,
            _content(i, line),
            "Section header without a closing `]`: " + REFUSED.format("ParsingError") + ".",
        )
    return Problem(
        "unparsable-line",
        E,
        _content(i, line),
        "Not a header, a `key = value`, a comment or an indented continuation: "
        + REFUSED.format("ParsingError")
        + ".",
    )


def _entry_line_problems(i: int, line: Line) -> Iterator[Problem]:
    if line.k0 == line.k1:
        yield Problem(
            "empty-key",
            E,
            Span.of(i, line.indent, line.delim + 1),
            "Empty key before the delimiter: " + REFUSED.format("ParsingError") + ".",
        )
    if line.text[line.delim] == ":":
        yield Problem(
            "portability-colon",
            H,
            Span.of(i, line.delim, line.delim + 1),
            "`key: value` works in boto3, but other AWS SDKs accept only `=`.",
            fix="=",
        )
    at = _comment_at(line.value)
    if at is not None:
        yield _comment_problem(i, line, line.v0, at, is_secret_key(line.key))
    elif line.text.startswith("[", line.k0) and "]" not in line.key:
        yield Problem(
            "header-parsed-as-key",
            W,
            Span.of(i, line.k0, line.k1),
            f"This line has no closing `]`, so configparser reads it as the key "
            f"`{line.key.lower()}`, not as a section header.",
        )


def _comment_at(value: str) -> int | None:
    """Where a comment starts for other INI readers (`# x` opening a value is all comment;
    `#REMOVED#` is no comment)."""
    found = INLINE_COMMENT.search(value)
    return None if found is None else found.start()


def _comment_problem(i: int, line: Line, v0: int, at: int, secret: bool) -> Problem:
    """From the end of the real value to the end of the line; the fix drops the comment."""
    value = line.text[v0 : line.v1]
    kept = value[:at].rstrip()
    if not kept:
        shown = "the comment text itself"
    elif secret:
        shown = f"`{mask(kept)}` followed by the comment, comment included"
    else:
        shown = f"`{value}`, comment included"
    return Problem(
        "comment-in-value",
        W,
        Span.of(i, v0 + len(kept), line.v1),
        f"boto3 has no inline comments: the value is {shown}. "
        "Put the comment on a line of its own.",
        fix="" if kept else None,
    )


# Comment characters and the line breaks of str.splitlines that a text file does not break on.
_ODD = re.compile("[#;\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _unusual(line: Line) -> bool:
    """A cheap test that lets most entry lines skip the checks below."""
    text, k0 = line.text, line.k0
    value = text[line.v0 : line.v1]
    return (
        k0 == line.k1 or text[line.delim] == ":" or text[k0] == "[" or "#" in value or ";" in value
    )


def _plain_nested(text: str) -> bool:
    """A nested block's line with nothing to say about (unless botocore fails on it)."""
    return text[0] not in "[=" and not _ODD.search(text)


# What the tests above say of a line, by its text (which alone makes the line's record): a
# file repeats most lines. `_UNUSUAL` by an entry line's text, `_PLAIN` by a continuation's.
_UNUSUAL: dict[str, bool] = {}
_PLAIN: dict[str, bool] = {}


def _judged(known: dict[str, bool], text: str, verdict: bool) -> bool:
    if len(known) > 16_384:
        known.clear()
    known[text] = verdict
    return verdict


def clear_cache() -> None:
    """Forget what was said of line texts (benchmarks measure a file never seen before)."""
    _UNUSUAL.clear()
    _PLAIN.clear()


_text_of = attrgetter("text")
_key_of = attrgetter("key")
_has_nul = methodcaller("__contains__", "\x00")


def _value_problems(lines: tuple[Line, ...], entry: EntryNode) -> Iterator[Problem]:
    own = lines[entry.line]
    nested = not own.value
    key = entry.key
    for rel in entry.parts:
        line = lines[rel]
        if line.kind is not Kind.CONTINUATION:
            continue
        if nested and rel not in entry.bad_nested:
            plain = _PLAIN.get(line.text)
            if plain is None:
                plain = _judged(_PLAIN, line.text, _plain_nested(line.value))
            if plain:
                continue  # an ordinary `name = value` line of a nested block
        text = line.value
        span = Span.of(rel, line.v0, line.v1)
        if text.startswith("[") and text.endswith("]"):
            yield Problem(
                "header-swallowed",
                W,
                span,
                f"This header is indented, so boto3 reads it as part of the value of "
                f"`{key}` above, not as a new section. Remove the indentation.",
                related=(Related(i_span(lines, entry), f"the value of `{key}`"),),
            )
        elif not nested:
            yield Problem(
                "continuation-folded",
                W,
                span,
                f"Indented deeper than `{key}`, so boto3 folds this line into its "
                f"value (`{_shown(key, own.value)}\\n{_shown(key, text)}`). Remove the "
                "indentation to make "
                "it a key of its own.",
                related=(Related(i_span(lines, entry), f"the value of `{key}`"),),
            )
        if not nested:
            continue
        if rel in entry.bad_nested:
            yield Problem(
                "nested-line-without-equals",
                E,
                span,
                f"A line inside the nested `{key} =` block needs `name = value`: "
                + REFUSED.format("ValueError")
                + ".",
                related=(Related(i_span(lines, entry), f"the `{key}` block"),),
            )
        for piece in text.splitlines():
            if piece.strip().startswith("="):
                yield Problem(
                    "portability-empty-subkey",
                    H,
                    span,
                    "A nested line with an empty name: boto3 keeps it under the key "
                    '`""`; other AWS SDKs reject it.',
                )
        comment = INLINE_COMMENT.search(text)
        if comment is not None and not text.startswith(("#", ";")):
            subkey = text.partition("=")[0].strip()
            secret = is_secret_key(key) or is_secret_key(subkey)
            yield _comment_problem(rel, line, line.v0, comment.start(), secret)


def _shown(key: str, value: str) -> str:
    """A value fit for a message: masked when its key is secret, and any `secret = x`
    text inside it (a folded line, say) masked too."""
    return mask(value) if is_secret_key(key) else redact(value, ())


def _duplicate_key(span: Span, first: Span, key: str, section: str) -> Problem:
    return Problem(
        "duplicate-key",
        E,
        span,
        f"`{key}` is already set in [{section}] (keys ignore case): "
        + REFUSED.format("DuplicateOptionError")
        + ".",
        related=(Related(first, f"`{key}` first set here"),),
    )


# -- checks across the file --------------------------------------------------------------------


def _file_problems(model: Model) -> Iterator[Problem]:
    """What the start of the file and its decoding show."""
    tree = model.tree
    if tree.line_count and tree.line(0).text.startswith("\ufeff"):
        yield Problem(
            "bom",
            E,
            Span.of(0, 0, 1),
            "The file starts with a UTF-8 byte-order mark: botocore sees it as text "
            "before the first header and refuses the file "
            "(MissingSectionHeaderError). Save the file as UTF-8 without BOM.",
        )
    decoded = model.decoded
    if decoded is not None and decoded.error is not None:
        line, col = decoded.error_line, decoded.error_col
        yield Problem(
            "undecodable",
            E,
            Span.of(line, col, col + 1),
            f"This byte is not valid {decoded.encoding}: boto3 refuses the whole file "
            f"(ConfigParseError ← UnicodeDecodeError: {decoded.error.reason}).",
        )


def _headers(model: Model) -> list[Problem]:
    """What the headers show, together: names, spellings, [DEFAULT]."""
    return [*_duplicate_sections(model), *_default_sections(model), *_placement_problems(model)]


def _header_span(model: Model, section: Section) -> Span:
    line = model.tree.line(section.header)
    return Span.of(section.header, line.k0, max(line.k1, line.k0 + 1))


def _duplicate_sections(model: Model) -> Iterator[Problem]:
    first = model.first_by_name
    for section in model.sections:
        kept = first[section.name]
        if kept is not section and section.name != DEFAULT:
            yield Problem(
                "duplicate-section",
                E,
                _header_span(model, section),
                f"[{section.name}] is already defined: "
                + REFUSED.format("DuplicateSectionError")
                + ". Merge the two sections.",
                related=(
                    Related(_header_span(model, kept), f"[{section.name}] first defined here"),
                ),
            )


def _default_sections(model: Model) -> Iterator[Problem]:
    seen: dict[str, Span] = {}
    others = len(model.first_by_name) - (DEFAULT in model.first_by_name)
    for section in model.sections:
        if section.name != DEFAULT:
            continue
        keys = ", ".join(f"`{e.key}`" for e in section.node.entries) or "no keys"
        yield Problem(
            "default-section-leak",
            W,
            _header_span(model, section),
            f"[DEFAULT] is special to configparser: its keys ({keys}) are copied into every "
            f"other section of this file ({others} now), where boto3 reads them as if written "
            "there. Use [default] for the default profile.",
            fix="default",
        )
        for entry in section.node.entries:
            span = model.key_span(section, entry)
            if entry.key in seen:
                yield _duplicate_key(span, seen[entry.key], entry.key, DEFAULT)
            seen.setdefault(entry.key, span)


def _placement_problems(model: Model) -> Iterator[Problem]:
    """Headers botocore reads otherwise than they look (config: `build_profile_map`)."""
    losers = model.losers
    for section, placed in model.placements:
        yield from _spelling(model, section, placed, bool(losers) and section in losers)


def _spelling(model: Model, section: Section, placed: Placed, replaced: bool) -> list[Problem]:
    """What one kept section's header says of where botocore puts it."""
    if model.kind is FileKind.BOTO or not (replaced or _suspicious(section.name, model.kind)):
        return []
    return list(_placement(model, section, placed, replaced))


@by_name
def _suspicious(name: str, kind: FileKind) -> bool:
    """Whether a header name alone may deserve a problem (cached: names rarely change)."""
    placed = classify(name, kind)
    if kind is FileKind.CREDENTIALS:
        return _is_default_lookalike(name) or name.startswith(
            ("profile", "sso-session", "services")
        )
    if placed.group in ("dropped", "other"):
        return name not in KNOWN_TOP_SECTIONS
    prefix = {"profiles": "profile", "sso_sessions": "sso-session", "services": "services"}
    return _loose_prefix(name, prefix[placed.group]) or _is_default_lookalike(placed.name or "")


def _placement(model: Model, section: Section, placed: Placed, replaced: bool) -> Iterator[Problem]:
    span = _header_span(model, section)
    name = section.name
    if model.kind is FileKind.CREDENTIALS:
        yield from _credentials_header(span, name)
    elif placed.group == "dropped":
        yield _dropped(span, name)
    elif placed.group == "other":
        yield from _other_section(span, name)
    else:
        assert placed.name is not None
        if replaced:
            yield _replaced(model, span, section, model.winners[placed.group, placed.name], placed)
        else:
            prefix = {"profiles": "profile", "sso_sessions": "sso-session"}.get(
                placed.group, "services"
            )
            if _loose_prefix(name, prefix):
                yield _loose(span, name, prefix, placed.name)
        if placed.group == "profiles" and _is_default_lookalike(placed.name):
            yield _default_lookalike(span, placed.name)


def _loose_prefix(name: str, prefix: str) -> bool:
    """`[profiles x]`, `[profilefoo x]`: botocore still takes the second word as the name."""
    return name != "default" and not re.match(re.escape(prefix) + r"\s", name)


def _loose(span: Span, name: str, prefix: str, placed: str) -> Problem:
    return Problem(
        "loose-prefix",
        W,
        span,
        f"botocore reads [{name}] as {prefix} `{placed}` (it only checks that the name starts "
        f"with `{prefix}` and has two words); other tools will not. Write [{prefix} {placed}].",
        fix=f"{prefix} {_quote(placed)}",
    )


def _dropped(span: Span, name: str) -> Problem:
    prefix = next(p for p in ("profile", "sso-session", "services") if name.startswith(p))
    try:
        words = shlex.split(name)
        if len(words) < 2:
            why = f"botocore needs `{prefix} NAME`, with a space, and finds no name in `{name}`"
        else:
            quoted = " ".join(words[1:])
            why = (
                f"`{name}` has {len(words)} words and botocore keeps only exactly two; "
                f'quote the name: [{prefix} "{quoted}"]'
            )
    except ValueError:
        why = f"`{name}` has an unbalanced quote, so botocore cannot split it"
    return Problem(
        "dropped-section",
        W,
        span,
        f"boto3 silently ignores this section: {why}. None of its keys are used.",
    )


def _other_section(span: Span, name: str) -> Iterator[Problem]:
    if name in KNOWN_TOP_SECTIONS:
        return
    if _is_default_lookalike(name):
        yield _default_lookalike(span, name)
        return
    yield Problem(
        "not-a-profile",
        W,
        span,
        f"In the config file, [{name}] is not a profile: botocore keeps it as a separate "
        f"section that no profile lookup reaches. Write [profile {name.strip()}] "
        "(only the default profile may be written [default]).",
        fix=f"profile {_quote(name.strip())}",
    )


def _credentials_header(span: Span, name: str) -> Iterator[Problem]:
    if _is_default_lookalike(name):
        yield _default_lookalike(span, name)
        return
    for prefix in ("profile", "sso-session", "services"):
        rest = name[len(prefix) :]
        if name.startswith(prefix) and rest[:1].isspace() and rest.strip():
            if prefix == "profile":
                yield Problem(
                    "profile-prefix-in-credentials",
                    W,
                    span,
                    f"In the credentials file every section name is the profile name as "
                    f"written: this is a profile literally named `{name}`. "
                    f"Write [{rest.strip()}].",
                    fix=rest.strip(),
                )
            else:
                yield Problem(
                    "config-only-section",
                    W,
                    span,
                    f"[{prefix} …] sections are read only from the config file; here botocore "
                    f"takes `{name}` as a profile name.",
                )
            return


def _replaced(
    model: Model, span: Span, section: Section, winner: Section, placed: Placed
) -> Problem:
    other = _header_span(model, winner)
    if placed.group == "profiles" and placed.name == "default":
        return Problem(
            "default-profile-twice",
            W,
            span,
            f"Both [default] and [profile default] define the default profile: botocore uses "
            f"only the later one, [{winner.name}] on line {winner.header + 1}, and ignores all "
            "of this section's keys. Merge them into one.",
            related=(Related(other, "this section wins"),),
        )
    return Problem(
        "profile-spelled-twice",
        W,
        span,
        f"[{section.name}] and [{winner.name}] are the same {placed.group[:-1].replace('_', '-')}"
        f" `{placed.name}` to botocore: the later one (line {winner.header + 1}) replaces this "
        "one wholesale; none of these keys are used.",
        related=(Related(other, "this section wins"),),
    )


def _is_default_lookalike(name: str) -> bool:
    return name != "default" and name.strip().lower() == "default"


def _default_lookalike(span: Span, name: str) -> Problem:
    return Problem(
        "default-misspelled",
        W,
        span,
        f"`{name}` is not the default profile: section names are case- and space-sensitive. "
        "Write [default].",
        fix="default",
    )


def _quote(name: str) -> str:
    return shlex.quote(name) if any(c.isspace() or c in "'\"\\" for c in name) else name
