"""Every navigation and editing feature answers, on any text and at any position: errors are
data, never exceptions."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pytest_lsp import client_capabilities

from aws_config_ls.edit.formatting import format_edits
from aws_config_ls.edit.refusal import Refusal
from aws_config_ls.edit.rename import plan_rename, target_at
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.span import Pos
from aws_config_ls.lsp.code_lens import code_lens_json
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import open_state
from aws_config_ls.lsp.folding import folding_json
from aws_config_ls.lsp.links import document_links
from aws_config_ls.lsp.references import highlights
from aws_config_ls.lsp.selection import selection_ranges
from aws_config_ls.lsp.semantic_tokens import semantic_tokens
from aws_config_ls.lsp.settings import Settings
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace
from tests.support.completion import completion
from tests.support.profiles import examples
from tests.support.strategies import ini_lines

ENV = Environment({"PATH": "/usr/bin:/bin"}, cwd="/")
ENCODINGS = ["utf-16", "utf-8", "utf-32"]
CONTEXT = ServerContext(Settings(), Workspace(ENV, lambda path, kind: None))
CLIENTS = [client_capabilities(name) for name in ("visual-studio-code", "neovim@v0.9.1", "neovim")]


@settings(max_examples=examples(300), deadline=None)
@given(
    ini_lines(),
    st.sampled_from(list(FileKind)),
    st.integers(0, 12),
    st.integers(0, 40),
    st.sampled_from(ENCODINGS),
)
def test_features_never_raise(
    lines: list[str], kind: FileKind, line: int, col: int, encoding: str
) -> None:
    state = open_state("file:///x", "/x", 1, kind, "\n".join(lines))
    position = types.Position(line=line, character=col)
    visible = types.Range(start=types.Position(line, 0), end=types.Position(line + 5, col))
    json.loads(folding_json(state))
    selection_ranges(state, [position], encoding)
    semantic_tokens(state, encoding)
    semantic_tokens(state, encoding, visible)
    document_links(state, ENV, encoding)
    json.loads(code_lens_json(state, encoding))
    highlights(state, position, encoding)
    for capabilities in CLIENTS:  # read back as a client reads it
        completion(CONTEXT, state, position, encoding, capabilities)
    format_edits(state.model, line, line + 3)
    target = target_at(state.model, Pos(line, col))
    if isinstance(target, Refusal):
        return
    plan_rename([state.model], target.group, target.name, "renamed")
