"""No secret ever leaves the server unmasked: not in responses, not in logs, at any level."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pytest_lsp import client_capabilities, make_test_lsp_client

from tests.support.lsp import base_env, open_doc

SECRETS = {
    "config_secret": "cfgSECRETwJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
    "creds_secret": "crdSECRETje7MtGbClwBF2Zp9Utkh3yCo8nvbEXAMPLEKEY",
    "creds_token": "tokSECRETFwoGZXIvYXdzEBYaDGhlbGxvd29ybGQiLCJhbGciOi",
    "boto_secret": "botoSECRETxyzzyplughPLOVERxyzzyplugh0123456789",
    "env_secret": "envSECRETabcdefghijklmnopqrstuvwxyz0123456789AB",
    "env_token": "envTOKENabcdefghijklmnopqrstuvwxyz0123456789ABCD",
    "access_key": "AKIASECRETKEYID12345",
}


async def test_secrets_never_appear_in_anything_the_server_writes(tmp_path: Path) -> None:
    home = tmp_path
    (home / ".aws").mkdir()
    config = (
        "[default]\nregion = us-east-1\n"
        f"aws_access_key_id = {SECRETS['access_key']}\n"
        f"aws_secret_access_key = {SECRETS['config_secret']} # comment\n"
        f"[profile dev]\naws_secret_access_key = {SECRETS['config_secret']}\n"
        "role_arn = arn:aws:iam::123456789012:role/x\nsource_profile = default\n"
        f"  aws_session_token = {SECRETS['creds_token']}\n"
    )
    credentials = (
        f"[default]\naws_access_key_id = {SECRETS['access_key']}\n"
        f"aws_secret_access_key = {SECRETS['creds_secret']}\n"
        f"aws_session_token = {SECRETS['creds_token']}\n"
        f"[partial]\naws_secret_access_key = {SECRETS['creds_secret']}\n"
        f"[dup]\naws_secret_access_key = {SECRETS['creds_secret']}\n"
        f"aws_secret_access_key = {SECRETS['creds_secret']}\n"
    )
    boto = (
        f"[Credentials]\naws_access_key_id = {SECRETS['access_key']}\n"
        f"aws_secret_access_key = {SECRETS['boto_secret']}\n"
    )
    (home / ".boto").write_text(boto)
    log = tmp_path / "server.log"
    env = {
        **base_env(home),
        "AWS_ACCESS_KEY_ID": SECRETS["access_key"],
        "AWS_SECRET_ACCESS_KEY": SECRETS["env_secret"],
        "AWS_SESSION_TOKEN": SECRETS["env_token"],
    }
    client = make_test_lsp_client()
    written: list[str] = []
    await client.start_io(
        sys.executable, "-m", "aws_config_ls", "serve", "-vv", "--log-file", str(log), env=env
    )
    try:
        await client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"),
                initialization_options={"environment": {"AWS_SESSION_TOKEN": SECRETS["env_token"]}},
            )
        )
        docs = [
            (home / ".aws" / "config", config, "aws-config"),
            (home / ".aws" / "credentials", credentials, "aws-credentials"),
            (home / ".boto", boto, "aws-boto"),
        ]
        for path, text, language in docs:
            uri = open_doc(client, path, text, language)
            ident = types.TextDocumentIdentifier(uri=uri)
            for line_no, line in enumerate(text.splitlines()):
                for col in range(0, len(line) + 1, 4):
                    pos = types.Position(line=line_no, character=col)
                    hover = await client.text_document_hover_async(
                        types.HoverParams(text_document=ident, position=pos)
                    )
                    completion = await client.text_document_completion_async(
                        types.CompletionParams(text_document=ident, position=pos)
                    )
                    written += [repr(hover), repr(completion)]
            symbols = await client.text_document_document_symbol_async(
                types.DocumentSymbolParams(text_document=ident)
            )
            written.append(repr(symbols))
        for profile in (None, "default", "dev", "partial"):
            report = await client.protocol.send_request_async(
                "awsConfig/explain", {"profile": profile}
            )
            written.append(repr(report))
        await asyncio.sleep(0.5)  # let the delayed full analysis publish too
        written += [repr(d) for d in client.diagnostics.values()]
        written += [repr(m) for m in client.messages + client.log_messages]
        await client.shutdown_session()
    finally:
        await client.stop()
    written.append(log.read_text())
    everything = "\n".join(written)
    assert len(everything) > 10_000  # the test really looked at something
    assert "DEBUG" in log.read_text()  # at -vv, pygls logged the traffic
    leaks = {name for name, value in SECRETS.items() if value in everything}
    assert not leaks, leaks
