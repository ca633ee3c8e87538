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
from aws_config_ls.explain.ssocache import token_state
from aws_config_ls.explain.summary import line, summarize
from aws_config_ls.ini.model import Model
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_range

EXPLAIN = "awsConfig.explainProfile"  # the VS Code extension's command


_LENSES: WeakKeyDictionary[Model, tuple[str, list[types.CodeLens]]] = WeakKeyDictionary()


def code_lenses(state: DocumentState, encoding: str) -> list[types.CodeLens]:
    """Unresolved lenses on every profile header, kept while the document stays as it is."""
    cached = _LENSES.get(state.model)
    if cached is None or cached[0] != encoding:
        lenses = [
            types.CodeLens(
                range=to_range(state.tree, o.span, encoding),
                data=[state.uri, o.group, o.name],
            )
            for o in occurrences(state.model)
            if o.definition and o.group != "services" and o.span is not None
        ]
        cached = _LENSES[state.model] = (encoding, lenses)
    return cached[1]


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
