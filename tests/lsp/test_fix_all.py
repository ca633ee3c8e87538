"""`source.fixAll` over stdio: declared, offered only when asked for, safe fixes only."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from tests.lsp.raw import RawClient
from tests.support.lsp import diagnostics_for, open_doc, session
from tests.support.oracle import botocore_parse

TEXT = """[profiles dev]
region: "eu-west-1"
use_fips_endpoint = yes
regoin = eu-west-1
[ops]
output = json  # mine
"""


def applied(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.split("\n")
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        assert e.range.start.line == e.range.end.line
        line = lines[e.range.start.line]
        lines[e.range.start.line] = (
            line[: e.range.start.character] + e.new_text + line[e.range.end.character :]
        )
    return "\n".join(lines)


def test_the_code_action_kinds_are_declared(home: Path) -> None:
    client = RawClient(home)
    try:
        provider = client.initialize()["result"]["capabilities"]["codeActionProvider"]
        assert set(provider["codeActionKinds"]) == {"quickfix", "source.fixAll"}
    finally:
        client.close()


async def test_fix_all_applies_the_safe_fixes(home: Path) -> None:
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", TEXT)
        found = await diagnostics_for(client, uri)

        async def actions(only: list[str] | None) -> list[types.CodeAction]:
            result = await client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
                    context=types.CodeActionContext(diagnostics=found, only=only),
                )
            )
            return [a for a in result or [] if isinstance(a, types.CodeAction)]

        assert all(a.kind == "quickfix" for a in await actions(None))
        assert await actions(["quickfix"])
        for only in (["source.fixAll"], ["source"]):
            [fix_all] = await actions(only)
            assert fix_all.kind == "source.fixAll" and fix_all.edit is not None
            assert fix_all.edit.changes is not None
            fixed = applied(TEXT, fix_all.edit.changes[uri])
            assert fixed == (
                "[profile dev]\nregion= eu-west-1\nuse_fips_endpoint = true\n"
                "regoin = eu-west-1\n[ops]\noutput = json\n"
            )
        before = botocore_parse(TEXT.encode(), True)["config"]
        after = botocore_parse(fixed.encode(), True)["config"]
        assert after["profiles"]["dev"] == {
            **before["profiles"]["dev"],
            "region": "eu-west-1",
            "use_fips_endpoint": "true",
        }
        assert set(after) == set(before)


async def test_fix_all_leaves_the_codes_turned_off(home: Path) -> None:
    options = {"disabledCodes": ["not-a-boolean", "portability-colon"]}
    async with session(home, options=options) as client:
        uri = open_doc(client, home / ".aws" / "config", TEXT)
        await diagnostics_for(client, uri)
        result = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
                context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
            )
        )
        [fix_all] = result or []
        assert isinstance(fix_all, types.CodeAction) and fix_all.edit and fix_all.edit.changes
        assert applied(TEXT, fix_all.edit.changes[uri]) == (
            "[profile dev]\nregion: eu-west-1\nuse_fips_endpoint = yes\n"
            "regoin = eu-west-1\n[ops]\noutput = json\n"
        )
