"""Workspace symbols: every profile, sso-session and services section in the files boto3
reads now (open buffers first), matched by the query as a case-insensitive subsequence."""

from __future__ import annotations

from lsprotocol import types
from pygls.uris import from_fs_path

from aws_config_ls.edit.names import NOUNS, occurrences
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.positions import to_range

KINDS = {
    "profiles": types.SymbolKind.Class,
    "sso_sessions": types.SymbolKind.Key,
    "services": types.SymbolKind.Module,
}


def workspace_symbols(
    ctx: ServerContext, query: str, encoding: str
) -> list[types.SymbolInformation]:
    ws = ctx.workspace
    wanted = query.lower()
    out = []
    for path, kind in ws.files():
        model = ws.model(path, kind)
        if model is None:
            continue
        for o in occurrences(model):
            if o.definition and o.span is not None and _matches(wanted, o.name.lower()):
                out.append(
                    types.SymbolInformation(
                        name=o.name,
                        kind=KINDS[o.group],
                        location=types.Location(
                            uri=from_fs_path(path) or path,
                            range=to_range(model.tree, o.span, encoding),
                        ),
                        container_name=f"{NOUNS[o.group]} · {kind.value}",
                    )
                )
    return out


def _matches(query: str, name: str) -> bool:
    at = 0
    for c in query:
        at = name.find(c, at) + 1
        if not at:
            return False
    return True
