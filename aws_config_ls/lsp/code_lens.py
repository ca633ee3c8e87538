"""Code lens on each profile header: how the profile resolves now, in one line, or the error;
on each [sso-session] header: the state of its cached SSO token (read-only).

Listing the lenses costs the headers only, kept per block; each line is worked out when the
client resolves the lens (editors resolve the visible ones), since resolving thousands of
profiles is slow.
"""

from __future__ import annotations

import json
from typing import Any

from lsprotocol import types

from aws_config_ls.edit.names import block_occurrences
from aws_config_ls.explain.summary import line, summarize
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.syntax import Block, BlockFact
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_client_col
from aws_config_ls.resolution.ssocache import token_state

EXPLAIN = "awsConfig.explainProfile"  # the VS Code extension's command


# Per block and client encoding: (relative line, start and end column, the JSON of the data
# after the URI) of each lens.
_PARTS: dict[tuple[FileKind, str], BlockFact[list[tuple[int, int, int, str]]]] = {}


def _block_lenses(block: Block, kind: FileKind, encoding: str) -> list[tuple[int, int, int, str]]:
    fact = _PARTS.get((kind, encoding))
    if fact is None:
        fact = _PARTS[kind, encoding] = BlockFact(f"code lenses in a {kind.value} file")
    return fact.get_or(block, lambda b: _lenses(b, kind, encoding))


def _lenses(block: Block, kind: FileKind, encoding: str) -> list[tuple[int, int, int, str]]:
    found = []
    for rel, group, name, definition, c0, c1 in block_occurrences(block, kind):
        if definition and group != "services" and c0 >= 0:
            text = block.lines[rel].text
            c0, c1 = to_client_col(text, c0, encoding), to_client_col(text, c1, encoding)
            found.append((rel, c0, c1, json.dumps([group, name])[1:]))
    return found


def code_lens_json(state: DocumentState, encoding: str) -> str:
    """Unresolved lenses on every profile and sso-session header, as the JSON array the
    client gets (data: [uri, group, name]), written straight from each block's lenses: the
    thousands of objects a large file has would cost more to convert than to find."""
    uri = json.dumps(state.uri)
    lenses = (
        f'{{"range": {{"start": {{"line": {start + rel}, "character": {c0}}}, '
        f'"end": {{"line": {start + rel}, "character": {c1}}}}}, "data": [{uri}, {data}}}'
        for _, block, start in state.tree.placed()
        for rel, c0, c1, data in _block_lenses(block, state.kind, encoding)
    )
    return "[" + ", ".join(lenses) + "]"


def lens_uri(lens: types.CodeLens) -> str | None:
    """The document a lens was made for (its data: [uri, group, name])."""
    data: Any = lens.data
    return data[0] if isinstance(data, list) and data and isinstance(data[0], str) else None


def resolve_lens(ctx: ServerContext, lens: types.CodeLens) -> types.CodeLens:
    """The lens's line, in `ctx`: the context of the document it was made for."""
    data: Any = lens.data
    if not (isinstance(data, list) and len(data) == 3 and all(isinstance(d, str) for d in data)):
        return lens
    uri, group, name = data
    if group == "profiles":
        title = line(summarize(ctx.workspace.state, name))
        command = types.Command(title=title, command=EXPLAIN, arguments=[name, uri])
    elif group == "sso_sessions":
        token = token_state(ctx.workspace.env, None, name)
        title = f"SSO: {token.describe()}" if token is not None else "SSO"
        command = types.Command(title=title, command="")
    else:
        return lens
    return types.CodeLens(range=lens.range, command=command, data=lens.data)
