"""Code lens on each profile header: how the profile resolves now, in one line, or the error;
on each [sso-session] header: the state of its cached SSO token (read-only).

Listing the lenses costs the headers only; each line is worked out when the client resolves
the lens (editors resolve the visible ones), since resolving thousands of profiles is slow.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from lsprotocol import types

from aws_config_ls.edit.names import occurrences
from aws_config_ls.explain.summary import line, summarize
from aws_config_ls.ini.model import Model
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_range
from aws_config_ls.resolution.ssocache import token_state

EXPLAIN = "awsConfig.explainProfile"  # the VS Code extension's command


_LENSES: WeakKeyDictionary[Model, tuple[str, list[types.CodeLens]]] = WeakKeyDictionary()


def code_lenses(state: DocumentState, encoding: str) -> list[types.CodeLens]:
    """Unresolved lenses on every profile header, kept while the document stays as it is."""
    cached = _LENSES.get(state.model)
    if cached is None or cached[0] != encoding:
        lenses = [
            types.CodeLens(
                range=to_range(state.tree, o.span, encoding),
                data=o.name if o.group == "profiles" else [o.group, o.name],
            )
            for o in occurrences(state.model)
            if o.definition and o.group != "services" and o.span is not None
        ]
        cached = _LENSES[state.model] = (encoding, lenses)
    return cached[1]


def resolve_lens(ctx: ServerContext, lens: types.CodeLens) -> types.CodeLens:
    data: Any = lens.data  # a profile's name, or ["sso_sessions", name]
    if isinstance(data, str):
        title = line(summarize(ctx.workspace.state, data))
        command = types.Command(title=title, command=EXPLAIN, arguments=[data])
    elif isinstance(data, list) and len(data) == 2 and isinstance(data[1], str):
        token = token_state(ctx.workspace.env, None, data[1])
        title = f"SSO: {token.describe()}" if token is not None else "SSO"
        command = types.Command(title=title, command="")
    else:
        return lens
    return types.CodeLens(range=lens.range, command=command, data=lens.data)
