"""Folding, selection ranges, document links, workspace symbols and pull diagnostics: the pure
functions, then the same over stdio in the config and the credentials file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from lsprotocol import types

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.lsp.documents import DocumentState, open_state
from aws_config_ls.lsp.folding import folding_json
from aws_config_ls.lsp.links import document_links
from aws_config_ls.lsp.selection import selection_ranges
from aws_config_ls.resolution.environment import Environment
from tests.support.lsp import CLIENTS, diagnostics_for, doc, open_aws_files, open_doc, session

UTF16 = types.PositionEncodingKind.Utf16
CONFIG = """# team profiles
# kept in git

[profile dev]
region = eu-west-1
s3 =
  addressing_style = path
  max_concurrent_requests = 20

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile tool]
credential_process = {tool} --json
web_identity_token_file = {token}
ca_bundle = /nonexistent/bundle.pem
"""
CREDENTIALS = "[dev]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\n\n[ci]\nregion = us-east-1\n"


def state(text: str, kind: FileKind = FileKind.CONFIG) -> DocumentState:
    return open_state("file:///x", "/x", 1, kind, text)


def config_text(home: Path) -> str:
    tool, token = home / "bin" / "tool", home / "token"
    tool.parent.mkdir(exist_ok=True)
    tool.write_text("#!/bin/sh\n")
    token.write_text("x")
    return CONFIG.format(tool=tool, token=token)


def folds(s: DocumentState) -> list[tuple[int, int, str | None]]:
    return sorted(
        (f["startLine"], f["endLine"], f.get("kind")) for f in json.loads(folding_json(s))
    )


def test_folding_sections_blocks_and_comment_runs() -> None:
    assert folds(state(CONFIG)) == [
        (0, 1, "comment"),
        (3, 7, None),
        (5, 7, None),
        (9, 11, None),
        (13, 16, None),
    ]
    assert folds(state(CREDENTIALS, FileKind.CREDENTIALS)) == [(0, 1, None), (3, 4, None)]


def test_folding_after_edits_is_a_fresh_documents() -> None:
    """Each block's folds are kept in JSON at the line they were written for: after edits
    within a line, and ones that move the blocks below, the answer is a fresh open's."""
    edited = state(CONFIG)
    folding_json(edited)
    for version, (line, text) in enumerate(
        [(4, "x"), (0, "# new\n"), (9, "[profile added]\nregion = x\n")], start=2
    ):
        at = types.Position(line=line, character=0)
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=at, end=at), text=text
        )
        edited = edited.edited(version, [change], UTF16)
        assert folding_json(edited) == folding_json(state(edited.tree.text()))
    assert (9, 10, None) in folds(edited)  # the added profile


def test_selection_widens_from_word_to_section() -> None:
    [chain] = selection_ranges(state(CONFIG), [types.Position(line=6, character=4)], UTF16)
    widths = []
    node: types.SelectionRange | None = chain
    while node is not None:
        r = node.range
        widths.append((r.start.line, r.start.character, r.end.line, r.end.character))
        node = node.parent
    assert widths == [(6, 2, 6, 18), (6, 2, 6, 25), (5, 0, 7, 30), (3, 0, 7, 30)]


def test_links_to_regular_files_and_urls(tmp_path: Path) -> None:
    text = config_text(tmp_path)
    env = Environment({"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}, cwd=str(tmp_path))
    found = {
        (link.range.start.line, link.range.start.character, link.target)
        for link in document_links(state(text), env, UTF16)
    }
    assert {(line, target) for line, col, target in found} == {
        (10, "https://corp.awsapps.com/start"),
        (14, (tmp_path / "bin" / "tool").as_uri()),
        (15, (tmp_path / "token").as_uri()),
    }  # not the missing ca_bundle


def test_links_never_point_at_a_directory_or_a_missing_program(tmp_path: Path) -> None:
    text = f"[profile x]\ncredential_process = no-such-program-xyz\nca_bundle = {tmp_path}\n"
    env = Environment({"PATH": os.defpath}, cwd=str(tmp_path))
    assert document_links(state(text), env, UTF16) == []


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_outline_features_over_stdio(home: Path, client_name: str) -> None:
    async with session(home, client_name) as client:
        (home / ".aws" / "credentials").write_text(CREDENTIALS)
        config, credentials = await open_aws_files(client, home, config_text(home), CREDENTIALS)
        ident = doc(credentials)
        ranges = await client.text_document_folding_range_async(
            types.FoldingRangeParams(text_document=ident)
        )
        assert sorted((r.start_line, r.end_line) for r in ranges or []) == [(0, 1), (3, 4)]
        chain = await client.text_document_selection_range_async(
            types.SelectionRangeParams(text_document=ident, positions=[types.Position(4, 2)])
        )
        assert chain and chain[0].parent is not None
        links = await client.text_document_document_link_async(
            types.DocumentLinkParams(text_document=doc(config))
        )
        assert (home / "token").as_uri() in {link.target for link in links or []}
        for query, expected in [
            ("o", [("corp", "config"), ("tool", "config")]),
            ("DV", [("dev", "config"), ("dev", "credentials")]),
        ]:
            found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=query))
            names = sorted((s.name, Path(s.location.uri).name) for s in found or [])  # type: ignore[union-attr]
            assert names == expected


async def test_pull_diagnostics_replace_pushed_ones(home: Path) -> None:
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", "[profile a]\nregoin = x\n")
        pushed = await diagnostics_for(client, uri)
        assert [d.code for d in pushed] == ["unknown-key"]
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert [d.code for d in report.items] == ["unknown-key"]
        assert await diagnostics_for(client, uri) == []  # pushed ones cleared, not shown twice
