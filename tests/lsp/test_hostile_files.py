"""Every path the server opens can be a FIFO, a device or a directory: the server still
publishes, answers and shuts down (a FIFO opened for reading would wait for a writer)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lsprotocol import types

from tests.lsp.conftest import diagnostics_for, open_doc, session

CONFIG = "[default]\nregion = us-east-1\n"


def hostile(home: Path, what: str) -> str:
    if what == "fifo":
        path = home / "pipe"
        os.mkfifo(path)
        path.chmod(0o755)
        return str(path)
    if what == "directory":
        return str(home)
    return "/dev/zero"


CASES = {
    "AWS_CONFIG_FILE": ("credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"),
    "AWS_SHARED_CREDENTIALS_FILE": ("config", CONFIG),
    "BOTO_CONFIG": ("config", CONFIG),
    "AWS_CREDENTIAL_FILE": ("config", CONFIG),
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": ("config", CONFIG),
    "credential_process": ("config", "[default]\ncredential_process = {path}\n"),
}


@pytest.mark.parametrize("what", ["fifo", "/dev/zero", "directory"])
@pytest.mark.parametrize("where", list(CASES))
async def test_the_server_answers_whatever_a_path_is(home: Path, where: str, what: str) -> None:
    target = hostile(home, what)
    name, text = CASES[where]
    env = {} if where == "credential_process" else {where: target}
    if where == "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE":
        env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://localhost/creds"
    doc = home / ".aws" / name
    if where == "AWS_CONFIG_FILE":
        doc = home / ".aws" / "credentials"
    async with session(home, env=env) as client:
        uri = open_doc(client, doc, text.format(path=target), language=f"aws-{name}")
        found = await diagnostics_for(client, uri)
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=1, character=2),
            )
        )
        assert hover is None or hover.contents
        if where == "credential_process" and what != "directory":
            message = " ".join(d.message for d in found)
            assert "Permission denied" in message or "EACCES" in message, found
