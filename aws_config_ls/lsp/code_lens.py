"""Code lens on each profile header: how the profile resolves now, in one line, or the error.

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
from aws_config_ls.lsp.context import Context
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_range

EXPLAIN = "awsConfig.explainProfile"  # the VS Code extension's command


_LENSES: WeakKeyDictionary[Model, tuple[str, list[types.CodeLens]]] = WeakKeyDictionary()


def code_lenses(state: DocumentState, encoding: str) -> list[types.CodeLens]:
    """Unresolved lenses on every profile header, kept while the document stays as it is."""
    cached = _LENSES.get(state.model)
    if cached is None or cached[0] != encoding:
        lenses = [
            types.CodeLens(range=to_range(state.tree, o.span, encoding), data=o.name)
            for o in occurrences(state.model)
            if o.definition and o.group == "profiles" and o.span is not None
        ]
        cached = _LENSES[state.model] = (encoding, lenses)
    return cached[1]


def resolve_lens(ctx: Context, lens: types.CodeLens) -> types.CodeLens:
    profile: Any = lens.data  # the profile's name
    if not isinstance(profile, str):
        return lens
    title = line(summarize(ctx.workspace.state, profile))
    lens.command = types.Command(title=title, command=EXPLAIN, arguments=[profile])
    return lens
