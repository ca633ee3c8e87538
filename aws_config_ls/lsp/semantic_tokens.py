"""Semantic tokens (full, delta and range): what each part of a line is to boto3, so themes
colour it and editors without the extension's grammar get colours too.

Header names are declarations of a profile (class), an sso-session (namespace) or a services
section (module); the same types without `declaration` mark references (`source_profile`…).
Keys the catalogue knows are properties, others variables; a secret's value is marked
`secret`, a key with a newer spelling `deprecated`. Each block's tokens are kept with it.
"""

from __future__ import annotations

from collections.abc import Iterator

from lsprotocol import types

from aws_config_ls.catalogue.registry import lookup
from aws_config_ls.catalogue.sections import nested_context, section_context
from aws_config_ls.edit.names import header_token, reference_keys
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import DEFAULT, classify
from aws_config_ls.ini.syntax import Block, BlockFact, Kind, KindFact
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_client_col

TYPES = ["class", "namespace", "module", "keyword", "property", "variable", "string"]
TYPES += ["comment", "operator"]
MODIFIERS = ["declaration", "deprecated", "secret"]
LEGEND = types.SemanticTokensLegend(token_types=TYPES, token_modifiers=MODIFIERS)
_T = {name: i for i, name in enumerate(TYPES)}
DECLARATION, DEPRECATED, SECRET = 1, 2, 4
_GROUP_TYPE = {"profiles": _T["class"], "sso_sessions": _T["namespace"], "services": _T["module"]}
# Keys with a newer spelling that botocore or the tool prefers (botocore.credentials says the
# SDKs are standardising on aws_session_token; imds_use_ipv6 predates the endpoint mode).
DEPRECATED_KEYS = frozenset({"aws_security_token", "imds_use_ipv6", "parent_profile"})

Token = tuple[int, int, int, int, int]  # relative line, start, end (code points), type, modifiers


def _tokens(block: Block, kind: FileKind) -> list[Token]:
    found: list[Token] = []
    lines = block.lines
    refs = reference_keys()
    context = None
    nested = None
    for i, line in enumerate(lines):
        if line.kind is Kind.COMMENT:
            found.append((i, line.indent, line.content_end, _T["comment"], 0))
        elif line.kind is Kind.HEADER:
            found.extend(_header(i, line.key, line.k0, kind))
            context = section_context(kind, line.key)
        elif line.kind is Kind.ENTRY and context is not None:
            name = line.key.lower()
            setting = lookup(context, name)
            mods = DEPRECATED if name in DEPRECATED_KEYS else 0
            found.append((i, line.k0, line.k1, _T["property" if setting else "variable"], mods))
            found.append((i, line.delim, line.delim + 1, _T["operator"], 0))
            nested = nested_context(context, name) if not line.value else None
            if line.value:
                group = refs.get(name) if kind is not FileKind.BOTO else None
                kind_ = _GROUP_TYPE[group] if group else _T["string"]
                secret = SECRET if setting is not None and setting.secret else 0
                found.append((i, line.v0, line.v1, kind_, secret))
        elif line.kind is Kind.CONTINUATION:
            eq = line.text.find("=", line.v0, line.v1)
            if nested is not None and eq > 0:
                sub = line.text[line.v0 : eq].rstrip()
                known = lookup(nested, sub) is not None
                end = line.v0 + len(sub)
                found.append((i, line.v0, end, _T["property" if known else "variable"], 0))
                found.append((i, eq, eq + 1, _T["operator"], 0))
                start = line.v1 - len(line.text[eq + 1 : line.v1].lstrip())
                if start < line.v1:
                    found.append((i, start, line.v1, _T["string"], 0))
            else:
                found.append((i, line.v0, line.v1, _T["string"], 0))
    return found


_block_tokens = KindFact[list[Token]]("tokens", _tokens)


def _header(i: int, name: str, k0: int, kind: FileKind) -> list[Token]:
    if name == DEFAULT or kind is FileKind.BOTO:
        return [(i, k0, k0 + len(name), _T["namespace"], DECLARATION)]
    placed = classify(name, kind)
    if placed.name is None or placed.group == "other":
        return [(i, k0, k0 + len(name), _T["namespace"], 0)]
    cols = header_token(name, kind)
    kind_ = _GROUP_TYPE[placed.group]
    if cols is None:
        return [(i, k0, k0 + len(name), kind_, DECLARATION)]
    out = []
    if cols[0] > 0:
        out.append((i, k0, k0 + len(name[: cols[0]].rstrip()), _T["keyword"], 0))
    out.append((i, k0 + cols[0], k0 + cols[1], kind_, DECLARATION))
    return out


def semantic_tokens(
    state: DocumentState, encoding: str, within: types.Range | None = None
) -> types.SemanticTokens:
    tree = state.tree
    if within is None:
        return types.SemanticTokens(data=_whole(state, encoding))
    first, last = within.start.line, within.end.line
    data: list[int] = []
    if not tree.blocks:
        return types.SemanticTokens(data=data)
    prev_line = prev_col = 0
    for b in range(tree.block_at(first), tree.block_at(last) + 1):
        block, start = tree.blocks[b], tree.block_start(b)
        for rel, c0, c1, kind, mods in _client_tokens(block, state.kind, encoding):
            line = start + rel
            if first <= line <= last:
                col = c0 - prev_col if line == prev_line else c0
                data += (line - prev_line, col, c1 - c0, kind, mods)
                prev_line, prev_col = line, c0
    return types.SemanticTokens(data=data)


def _client_tokens(block: Block, kind: FileKind, encoding: str) -> Iterator[Token]:
    """A block's tokens in the client's columns, empty ones left out."""
    for rel, c0, c1, type_, mods in _block_tokens(block, kind):
        if c1 > c0:
            text = block.lines[rel].text
            if not text.isascii():
                c0, c1 = to_client_col(text, c0, encoding), to_client_col(text, c1, encoding)
            yield rel, c0, c1, type_, mods


# Per file kind and client encoding, each block's tokens already in the protocol's relative
# form: (first token's line, last token's line, data), the first token's line delta left 0.
# Blocks start on a line of their own, so only that delta depends on what comes before.
_RELATIVE: dict[tuple[FileKind, str], BlockFact[tuple[int, int, list[int]]]] = {}


def _whole(state: DocumentState, encoding: str) -> list[int]:
    """The whole document's data: each block's relative data, joined."""
    fact = _RELATIVE.get((state.kind, encoding))
    if fact is None:
        name = f"relative tokens in a {state.kind.value} file"
        fact = _RELATIVE[state.kind, encoding] = BlockFact(name)
    data: list[int] = []
    prev_line = 0
    for _, block, start in state.tree.placed():
        first, last, ints = fact.get_or(block, lambda b: _relative(b, state.kind, encoding))
        if ints:
            at = len(data)
            data += ints
            data[at] = start + first - prev_line
            prev_line = start + last
    return data


def _relative(block: Block, kind: FileKind, encoding: str) -> tuple[int, int, list[int]]:
    ints: list[int] = []
    first = prev_line = prev_col = -1
    for rel, c0, c1, type_, mods in _client_tokens(block, kind, encoding):
        if first < 0:
            first, prev_line, prev_col = rel, rel, 0
        col = c0 - prev_col if rel == prev_line else c0
        ints += (rel - prev_line, col, c1 - c0, type_, mods)
        prev_line, prev_col = rel, c0
    return first, prev_line, ints


def token_edits(old: list[int], new: list[int]) -> list[types.SemanticTokensEdit]:
    """The edit that turns `old` into `new`: the tokens between their common head and tail
    replaced (whole tokens of five integers, so every client can apply it); none when equal."""
    size = min(len(old), len(new)) // 5
    head = _common_tokens(old, new, size, 1)
    tail = _common_tokens(old, new, size - head, -1)
    start, old_end, new_end = 5 * head, len(old) - 5 * tail, len(new) - 5 * tail
    if start == old_end and start == new_end:
        return []
    edit = types.SemanticTokensEdit(
        start=start, delete_count=old_end - start, data=new[start:new_end]
    )
    return [edit]


_CHUNK = 4096  # tokens compared at once: slices compare in C, each element copied once


def _common_tokens(old: list[int], new: list[int], limit: int, step: int) -> int:
    """How many whole tokens (at most `limit`) `old` and `new` share from their start
    (`step` 1) or from their end (-1)."""
    n = 0
    while n < limit:
        k = min(_CHUNK, limit - n)
        if step == 1:
            same = old[5 * n : 5 * (n + k)] == new[5 * n : 5 * (n + k)]
        else:
            same = (
                old[len(old) - 5 * (n + k) : len(old) - 5 * n]
                == new[len(new) - 5 * (n + k) : len(new) - 5 * n]
            )
        if not same:
            break
        n += k
    while n < limit:  # within the chunk that differs, token by token
        if step == 1:
            same = old[5 * n : 5 * n + 5] == new[5 * n : 5 * n + 5]
        else:
            same = (
                old[len(old) - 5 * n - 5 : len(old) - 5 * n]
                == new[len(new) - 5 * n - 5 : len(new) - 5 * n]
            )
        if not same:
            break
        n += 1
    return n


class TokenHistory:
    """The last tokens sent for each document, by result id, for `full/delta` requests."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[str, list[int]]] = {}
        self._count = 0

    def full(self, uri: str, tokens: types.SemanticTokens) -> types.SemanticTokens:
        self._count += 1
        result_id = str(self._count)
        data = tokens.data if isinstance(tokens.data, list) else list(tokens.data)
        self._last[uri] = (result_id, data)  # a fresh list, never changed after
        return types.SemanticTokens(data=tokens.data, result_id=result_id)

    def delta(
        self, uri: str, previous: str, tokens: types.SemanticTokens
    ) -> types.SemanticTokens | types.SemanticTokensDelta:
        """The edits from the tokens sent as `previous`; all of them when it is not the last
        sent for this document (the client is then told afresh)."""
        last = self._last.get(uri)
        if last is None or last[0] != previous:
            return self.full(uri, tokens)
        sent = self.full(uri, tokens)
        edits = token_edits(last[1], self._last[uri][1])
        return types.SemanticTokensDelta(edits=edits, result_id=sent.result_id)

    def forget(self, uri: str) -> None:
        self._last.pop(uri, None)
