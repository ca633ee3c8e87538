"""Semantic tokens: the pure function, then full and range over stdio in both files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.lsp.documents import open_state
from aws_config_ls.lsp.semantic_tokens import MODIFIERS, TYPES, semantic_tokens, token_edits
from tests.lsp.raw import RawClient
from tests.support.lsp import CLIENTS, diagnostics_for, doc, edit, open_aws_files, open_doc, session
from tests.support.profiles import examples
from tests.support.strategies import ini_lines

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


def applied(old: list[int], edits: list[types.SemanticTokensEdit]) -> list[int]:
    """The client's side of a delta: each edit applied to the previous data (from the end,
    as the spec's edits refer to the previous array)."""
    data = list(old)
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        data[e.start : e.start + e.delete_count] = list(e.data or [])
    return data


_TOKEN = st.lists(st.integers(0, 3), min_size=5, max_size=5)


@settings(max_examples=examples(500))
@given(st.lists(_TOKEN, max_size=12), st.lists(_TOKEN, max_size=12), st.lists(_TOKEN, max_size=12))
def test_a_delta_applied_to_the_old_data_is_the_new(
    common: list[list[int]], old: list[list[int]], new: list[list[int]]
) -> None:
    before = [x for t in common + old + common for x in t]
    after = [x for t in common + new + common for x in t]
    edits = token_edits(before, after)
    assert applied(before, edits) == after
    assert all(e.start % 5 == 0 and e.delete_count % 5 == 0 for e in edits)
    assert (edits == []) == (before == after)


def test_full_delta_and_range_are_declared(home: Path) -> None:
    client = RawClient(home)
    try:
        provider = client.initialize()["result"]["capabilities"]["semanticTokensProvider"]
        assert provider["full"] == {"delta": True} and provider["range"] is True
        assert provider["legend"] == {"tokenTypes": TYPES, "tokenModifiers": MODIFIERS}
    finally:
        client.close()


async def test_full_delta_over_stdio_is_exact(home: Path) -> None:
    async with session(home) as client:
        config = open_doc(client, home / ".aws" / "config", CONFIG)
        await diagnostics_for(client, config)
        ident = doc(config)
        full = await client.text_document_semantic_tokens_full_async(
            types.SemanticTokensParams(text_document=ident)
        )
        assert full is not None and full.result_id
        previous, result_id = list(full.data), full.result_id
        # Rename a key, add a header and a comment: tokens change, move and appear.
        for version, (start, end, text) in enumerate(
            [((3, 0), (3, 6), "region"), ((0, 0), (0, 0), "[profile new]\n# c\n")], start=2
        ):
            edit(client, config, version, start, end, text)
            delta = await client.text_document_semantic_tokens_full_delta_async(
                types.SemanticTokensDeltaParams(text_document=ident, previous_result_id=result_id)
            )
            assert isinstance(delta, types.SemanticTokensDelta) and delta.result_id
            assert delta.edits and delta.result_id != result_id
            now = await client.text_document_semantic_tokens_full_async(
                types.SemanticTokensParams(text_document=ident)
            )
            assert now is not None
            assert applied(previous, list(delta.edits)) == list(now.data)
            previous, result_id = list(now.data), now.result_id
        # An id the server no longer knows: the whole data again.
        again = await client.text_document_semantic_tokens_full_delta_async(
            types.SemanticTokensDeltaParams(text_document=ident, previous_result_id="stale")
        )
        assert isinstance(again, types.SemanticTokens) and list(again.data) == previous


@settings(max_examples=examples(300), deadline=None)
@given(
    ini_lines(),
    st.sampled_from(list(FileKind)),
    st.sampled_from(["utf-16", "utf-8", "utf-32"]),
    st.integers(0, 12),
    st.sampled_from(["x", "é\n", "[profile 𝄞]\n", "\n  s = 1"]),
)
def test_whole_document_tokens_are_the_range_and_a_fresh_opens(
    lines: list[str], kind: FileKind, encoding: str, line: int, typed: str
) -> None:
    """The whole document's data is joined from each block's relative data: it equals the
    tokens of a range over every line, and after an edit a fresh open's."""
    state = open_state("file:///x", "/x", 1, kind, "\n".join(lines))
    everything = types.Range(
        start=types.Position(0, 0), end=types.Position(state.tree.line_count + 1, 0)
    )
    full = list(semantic_tokens(state, encoding).data)
    assert full == list(semantic_tokens(state, encoding, everything).data)
    at = types.Position(min(line, state.tree.line_count), 0)
    change = types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text=typed)
    edited = state.edited(2, [change], encoding)
    fresh = open_state("file:///x", "/x", 1, kind, edited.tree.text())
    assert semantic_tokens(edited, encoding).data == semantic_tokens(fresh, encoding).data
