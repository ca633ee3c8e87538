"""Seeded editing sessions against the real server: random incremental edits (the corners in
tests/lsp/edits.py, 5,000-line pastes, 100,000-character lines) with requests at random
places in between. No error reply, no reply slower than a second, the server's state equal
to a fresh open of the final text, and a clean shutdown.

Fast by default (a few seeds, a few hundred events); HYPOTHESIS_PROFILE=ci runs CI's
strength (20 seeds × 2,000 events)."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.edits import LONG, apply_change, lines_of, random_change, random_text
from tests.lsp.test_incremental import event
from tests.support.lsp import _PUBLICATIONS, diagnostics_for, open_doc, session

# Its 1 s reply budget is a wall-clock bound: the test command runs it alone, after the
# parallel suite, so other test workers do not share the cores with the server it measures.
pytestmark = pytest.mark.fuzz

SEEDS = range(20) if LONG else range(2)
EVENTS = 2000 if LONG else 120
REPLY_BUDGET = 1.0
SLOWEST: list[float] = [0.0]


async def timed(reply: Awaitable[Any], what: str = "") -> Any:
    start = time.monotonic()
    result = await asyncio.wait_for(reply, 10)
    elapsed = time.monotonic() - start
    SLOWEST[0] = max(SLOWEST[0], elapsed)
    assert elapsed < REPLY_BUDGET, f"{what} took {elapsed:.2f} s"
    return result


KINDS = ["hover", "completion", "definition", "symbols", "codeAction", "awsConfig/profiles"]


def random_request(
    client: LanguageClient, rng: random.Random, uri: str, text: str, kind: int
) -> Awaitable[Any]:
    lines = lines_of(text)
    line = rng.randrange(len(lines) + 1)
    character = rng.randint(0, len(lines[line]) + 2) if line < len(lines) else 0
    doc = types.TextDocumentIdentifier(uri=uri)
    position = types.Position(line=line, character=character)
    if kind == 0:
        return client.text_document_hover_async(
            types.HoverParams(text_document=doc, position=position)
        )
    if kind == 1:
        return client.text_document_completion_async(
            types.CompletionParams(text_document=doc, position=position)
        )
    if kind == 2:
        return client.text_document_definition_async(
            types.DefinitionParams(text_document=doc, position=position)
        )
    if kind == 3:
        return client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=doc)
        )
    if kind == 4:
        where = types.Range(start=position, end=position)
        return client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=doc, range=where, context=types.CodeActionContext(diagnostics=[])
            )
        )
    return client.protocol.send_request_async("awsConfig/profiles", {})


async def settled(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """The last diagnostics published for `version` once publishing has gone quiet."""
    await diagnostics_for(client, uri, version)
    await asyncio.sleep(0.8)  # a large file's full analysis follows the local one
    seen = [p for p in _PUBLICATIONS[id(client)].seen if p.uri == uri and p.version == version]
    return list(seen[-1].diagnostics)


def printable(diagnostics: list[types.Diagnostic]) -> list[tuple[object, ...]]:
    return sorted(
        (
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            str(d.code),
            d.message,
        )
        for d in diagnostics
    )


@pytest.mark.parametrize("seed", SEEDS)
async def test_fuzzed_session(home: Path, seed: int) -> None:
    rng = random.Random(seed)
    (home / ".aws" / "credentials").write_text(
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
    )
    async with session(home) as client:
        path = home / ".aws" / "config"
        text = random_text(rng, 30)
        uri = open_doc(client, path, text)
        version = 1
        for n in range(EVENTS):
            if rng.random() < 0.6:
                change = random_change(rng, text, big=rng.random() < 0.05)
                text = apply_change(text, change)
                version += 1
                client.text_document_did_change(
                    types.DidChangeTextDocumentParams(
                        text_document=types.VersionedTextDocumentIdentifier(
                            uri=uri, version=version
                        ),
                        content_changes=[event(change)],
                    )
                )
            else:
                kind = rng.randrange(6)
                what = f"{KINDS[kind]} at event {n}, {text.count(chr(10))} lines"
                await timed(random_request(client, rng, uri, text, kind), what)
        edited = await settled(client, uri, version)
        symbols = await timed(
            client.text_document_document_symbol_async(
                types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
        )
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="aws-config", version=version + 1, text=text
                )
            )
        )
        fresh = await settled(client, uri, version + 1)
        assert printable(edited) == printable(fresh)
        assert symbols == await timed(
            client.text_document_document_symbol_async(
                types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
        )
        assert client.messages == [] and client.error is None
    print(f"seed {seed}: {EVENTS} events, slowest reply {SLOWEST[0]:.3f} s")


async def test_edits_land_where_the_client_put_them(home: Path) -> None:
    """A column past the end of the last line, after a U+2028 and a form feed (line breaks
    to `str.splitlines`, not to LSP): the value ends up `standard`, as in the editor."""
    async with session(home) as client:
        text = "[default]\n# a\u2028b\x0cc\nretry_mode = standar"
        uri = open_doc(client, home / ".aws" / "config", text)
        assert await diagnostics_for(client, uri, 1)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[event((((2, 40), (2, 40)), "d"))],
            )
        )
        assert await diagnostics_for(client, uri, 2) == []
