"""Typing a config key by key, as an editor sends it, asking for completion after each key:
every edit replaces exactly the token under the cursor, and a finished token is never offered
back (Enter at the end of the line must insert a new line, not accept the same text)."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from tests.lsp.test_completion_edits import _token_oracle
from tests.support.lsp import diagnostics_for, edit, open_doc, session

TYPED = """\
[profile dev]
sso_session = corp
sso_account_id = 111122223333
region = eu-west-1
output = json
s3 =
  addressing_style = path

[profile prod-admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = dev
retry_mode = standard

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
"""


async def test_typing_a_config_key_by_key(home: Path) -> None:
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", "")
        await diagnostics_for(client, uri)
        version = 1
        offered = 0
        for n, line in enumerate(TYPED.splitlines()):
            for col, char in enumerate(line, start=1):
                version += 1
                edit(client, uri, version, (n, col - 1), (n, col - 1), char)
                result = await client.text_document_completion_async(
                    types.CompletionParams(
                        text_document=types.TextDocumentIdentifier(uri=uri),
                        position=types.Position(line=n, character=col),
                    )
                )
                assert isinstance(result, types.CompletionList)
                if not result.items:
                    continue
                offered += 1
                token = _token_oracle(line[:col], col)
                assert token is not None, (line, col)
                typed = line[token[0] : token[1]]
                for item in result.items:
                    # the cursor ends the token: inserting and replacing are one range
                    replace = item.text_edit
                    assert isinstance(replace, types.TextEdit), item.label
                    assert replace.range.start == types.Position(n, token[0])
                    assert replace.range.end == types.Position(n, col)
                    if col == len(line):
                        assert item.label != typed, (line, item.label)
            version += 1
            edit(client, uri, version, (n, len(line)), (n, len(line)), "\n")
            # the fresh line after Enter (past the last line the server holds) offers keys
            fresh = await client.text_document_completion_async(
                types.CompletionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line=n + 1, character=0),
                )
            )
            assert isinstance(fresh, types.CompletionList) and fresh.items, n
            for item in fresh.items:
                assert isinstance(item.text_edit, types.TextEdit)
                assert item.text_edit.range.start == item.text_edit.range.end
                assert item.text_edit.range.start == types.Position(n + 1, 0)
        assert offered > 50
