"""The completion list the server writes, read back as a client reads it."""

from __future__ import annotations

import json
from functools import cache

from cattrs import Converter
from lsprotocol import types
from pygls.protocol import default_converter

from aws_config_ls.lsp.completion import completion_json
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import DocumentState


@cache
def _converter() -> Converter:
    made: Converter = default_converter()  # type: ignore[no-untyped-call]
    return made


def completion(
    ctx: ServerContext,
    state: DocumentState,
    position: types.Position,
    encoding: str,
    capabilities: types.ClientCapabilities | None = None,
) -> types.CompletionList:
    """`completion_json`'s answer as protocol objects (what pygls' client makes of it)."""
    written = json.loads(completion_json(ctx, state, position, encoding, capabilities))
    found: types.CompletionList = _converter().structure(written, types.CompletionList)
    return found
