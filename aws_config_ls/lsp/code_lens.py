"""Code lens on each profile header: how the profile resolves now, in one line, or the error.

Listing the lenses costs the headers only; each line is worked out when the client resolves
the lens (editors resolve the visible ones), since resolving thousands of profiles is slow.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from aws_config_ls.edit.names import occurrences
from aws_config_ls.explain.summary import line, summarize
from aws_config_ls.lsp.context import Context
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_range

EXPLAIN = "awsConfig.explainProfile"  # the VS Code extension's command


def code_lenses(state: DocumentState, encoding: str) -> list[types.CodeLens]:
    return [
        types.CodeLens(range=to_range(state.tree, o.span, encoding), data={"profile": o.name})
        for o in occurrences(state.model)
        if o.definition and o.group == "profiles" and o.span is not None
    ]


def resolve_lens(ctx: Context, lens: types.CodeLens) -> types.CodeLens:
    data: Any = lens.data
    profile = data.get("profile") if isinstance(data, dict) else None
    if not isinstance(profile, str):
        return lens
    title = line(summarize(ctx.workspace.state, profile))
    lens.command = types.Command(title=title, command=EXPLAIN, arguments=[profile])
    return lens
