"""Semantic tokens: the pure function, then full and range over stdio in both files."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.lsp.documents import open_state
from aws_config_ls.lsp.semantic_tokens import MODIFIERS, TYPES, semantic_tokens
from tests.support.lsp import CLIENTS, doc, open_aws_files, session

CONFIG = """# mine
[profile dev]
source_profile = base
regoin = x
s3 =
  addressing_style = path
[sso-session corp]
[dev]
"""
CREDENTIALS = "[base]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG\naws_security_token = t\n"


def decoded(data: list[int], text: str) -> list[tuple[str, str, set[str]]]:
    """(text, type, modifiers) of each token."""
    lines = text.split("\n")
    out, line, col = [], 0, 0
    for i in range(0, len(data), 5):
        dl, dc, length, kind, mods = data[i : i + 5]
        line, col = line + dl, (col + dc if dl == 0 else dc)
        names = {m for bit, m in enumerate(MODIFIERS) if mods & (1 << bit)}
        out.append((lines[line][col : col + length], TYPES[kind], names))
    return out


def test_tokens_of_a_config_file() -> None:
    state = open_state("file:///c", "/c", 1, FileKind.CONFIG, CONFIG)
    tokens = decoded(list(semantic_tokens(state, "utf-16").data), CONFIG)
    assert tokens == [
        ("# mine", "comment", set()),
        ("profile", "keyword", set()),
        ("dev", "class", {"declaration"}),
        ("source_profile", "property", set()),
        ("=", "operator", set()),
        ("base", "class", set()),
        ("regoin", "variable", set()),
        ("=", "operator", set()),
        ("x", "string", set()),
        ("s3", "property", set()),
        ("=", "operator", set()),
        ("addressing_style", "property", set()),
        ("=", "operator", set()),
        ("path", "string", set()),
        ("sso-session", "keyword", set()),
        ("corp", "namespace", {"declaration"}),
        ("dev", "namespace", set()),  # not a profile in the config file
    ]


def test_tokens_of_a_credentials_file_mark_secrets_and_old_spellings() -> None:
    state = open_state("file:///k", "/k", 1, FileKind.CREDENTIALS, CREDENTIALS)
    tokens = decoded(list(semantic_tokens(state, "utf-16").data), CREDENTIALS)
    assert ("base", "class", {"declaration"}) in tokens
    assert ("wJalrXUtnFEMI/K7MDENG", "string", {"secret"}) in tokens
    assert any(t[0] == "aws_security_token" and "deprecated" in t[2] for t in tokens)


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_full_and_range_over_stdio(home: Path, client_name: str) -> None:
    async with session(home, client_name) as client:
        config, credentials = await open_aws_files(client, home, CONFIG, CREDENTIALS)
        full = await client.text_document_semantic_tokens_full_async(
            types.SemanticTokensParams(text_document=doc(config))
        )
        assert full is not None and len(decoded(list(full.data), CONFIG)) == 17
        ranged = await client.text_document_semantic_tokens_range_async(
            types.SemanticTokensRangeParams(
                text_document=doc(credentials),
                range=types.Range(start=types.Position(1, 0), end=types.Position(1, 40)),
            )
        )
        assert ranged is not None
        tokens = decoded(list(ranged.data), CREDENTIALS)
        assert [t[1] for t in tokens] == ["property", "operator", "string"]
