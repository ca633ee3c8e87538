"""Every path the server opens can be a FIFO, a device or a directory: the server still
publishes, answers and shuts down (a FIFO opened for reading would wait for a writer)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lsprotocol import types

from tests.support.lsp import diagnostics_for, open_doc, session

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


# Each file the server may open, pointed at the hostile path. The credential chain stops at
# its first failing tier, so the container's token file (read last) gets a session of its own.
SETUPS = {
    "process-and-files": (
        {"AWS_SHARED_CREDENTIALS_FILE", "BOTO_CONFIG", "AWS_CREDENTIAL_FILE"},
        "config",
        "[default]\ncredential_process = {target}\n",
    ),
    "container-token": (
        {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"},
        "config",
        "[default]\nregion = us-east-1\n",
    ),
    "config-file": (
        {"AWS_CONFIG_FILE"},
        "credentials",
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
    ),
}


@pytest.mark.parametrize("what", ["fifo", "/dev/zero", "directory"])
@pytest.mark.parametrize("setup", list(SETUPS))
async def test_the_server_answers_whatever_a_path_is(home: Path, setup: str, what: str) -> None:
    target = hostile(home, what)
    variables, open_file, text = SETUPS[setup]
    env = dict.fromkeys(variables, target)
    env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://localhost/creds"
    text = text.format(target=target)
    async with session(home, env=env) as client:
        uri = open_doc(client, home / ".aws" / open_file, text, language=f"aws-{open_file}")
        found = await diagnostics_for(client, uri)
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=1, character=2),
            )
        )
        assert hover is None or hover.contents
        messages = " ".join(d.message for d in found)
        if setup == "process-and-files" and what != "directory":  # execve refuses: EACCES
            assert "Permission denied" in messages, found
        if setup == "container-token" and what != "directory":
            assert "not a regular file" in messages, found
