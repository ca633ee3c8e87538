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


# Per file kind and client encoding, each block's lenses in JSON with the first line and the
# document they were written for: typing within a line moves no block, so only the edited
# block is written again.
_JSON: dict[tuple[FileKind, str], BlockFact[tuple[int, str, str]]] = {}


def _block_json(block: Block, start: int, kind: FileKind, encoding: str, uri: str) -> str:
    fact = _JSON.get((kind, encoding))
    if fact is None:
        fact = _JSON[kind, encoding] = BlockFact(f"code lenses in a {kind.value} file, JSON")
    found = fact.get(block)
    if found is None or found[0] != start or found[1] != uri:
        lenses = []
        for rel, group, name, definition, c0, c1 in block_occurrences(block, kind):
            if definition and group != "services" and c0 >= 0:
                text, line = block.lines[rel].text, start + rel
                c0, c1 = to_client_col(text, c0, encoding), to_client_col(text, c1, encoding)
                data = json.dumps([group, name])[1:]
                lenses.append(
                    f'{{"range": {{"start": {{"line": {line}, "character": {c0}}}, '
                    f'"end": {{"line": {line}, "character": {c1}}}}}, "data": [{uri}, {data}}}'
                )
        found = fact.put(block, (start, uri, ", ".join(lenses)))
    return found[2]


def code_lens_json(state: DocumentState, encoding: str) -> str:
    """Unresolved lenses on every profile and sso-session header, as the JSON array the
    client gets (data: [uri, group, name]), written straight from each block's names: the
    thousands of objects a large file has would cost more to convert than to find."""
    uri = json.dumps(state.uri)
    parts = (
        _block_json(block, start, state.kind, encoding, uri)
        for _, block, start in state.tree.placed()
    )
    return "[" + ", ".join(part for part in parts if part) + "]"


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
