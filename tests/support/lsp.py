"""A real aws-config-ls server over stdio, driven by pytest-lsp's client."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

CLIENTS = ["visual-studio-code", "neovim", "emacs"]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty HOME with an .aws folder, so the machine's own files never leak in."""
    (tmp_path / ".aws").mkdir()
    return tmp_path


def base_env(home: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "BOTO_CONFIG": str(home / ".boto"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }


@asynccontextmanager
async def session(
    home: Path,
    client_name: str = "visual-studio-code",
    options: dict[str, Any] | None = None,
    configuration: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
    capabilities: types.ClientCapabilities | None = None,
) -> AsyncIterator[LanguageClient]:
    client = _client()
    if configuration is not None:
        client.set_configuration({"awsConfig": configuration})
    await client.start_io(
        sys.executable, "-m", "aws_config_ls", "serve", *args, env={**base_env(home), **(env or {})}
    )
    try:
        await client.initialize_session(
            types.InitializeParams(
                capabilities=capabilities or client_capabilities(client_name),
                initialization_options=options,
                root_uri=home.as_uri(),
            )
        )
        yield client
        await asyncio.wait_for(client.shutdown_session(), 20)
    finally:
        server = getattr(client, "_server", None)
        if server is not None and server.returncode is None:
            server.kill()  # a failed test must not wait on a server that was never told to exit
        await asyncio.wait_for(client.stop(), 20)


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "aws-config") -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )
    return uri


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def open_config(
    client: LanguageClient, home: Path, text: str
) -> tuple[str, list[types.Diagnostic]]:
    """~/.aws/config opened, once its first diagnostics are in: its URI and them."""
    uri = open_doc(client, home / ".aws" / "config", text)
    return uri, await diagnostics_for(client, uri)


async def open_aws_files(
    client: LanguageClient, home: Path, config: str, credentials: str
) -> tuple[str, str]:
    """~/.aws/config and ~/.aws/credentials opened with their languages, once their first
    diagnostics are in: their URIs."""
    aws = home / ".aws"
    uris = (
        open_doc(client, aws / "config", config),
        open_doc(client, aws / "credentials", credentials, "aws-credentials"),
    )
    for uri in uris:
        await diagnostics_for(client, uri)
    return uris


class Publications:
    """Every publishDiagnostics the server sent, in order (pygls' client keeps only the last,
    and a waiter for "the next notification" misses two that arrive together)."""

    def __init__(self) -> None:
        self.seen: list[types.PublishDiagnosticsParams] = []
        self.read: dict[str, int] = {}
        self.arrived = asyncio.Event()

    def record(self, params: types.PublishDiagnosticsParams) -> None:
        self.seen.append(params)
        self.arrived.set()

    async def next(self, uri: str, version: int | None) -> list[types.Diagnostic]:
        while True:
            start = self.read.get(uri, 0)
            for i in range(start, len(self.seen)):
                params = self.seen[i]
                if params.uri == uri:
                    self.read[uri] = i + 1
                    if version is None or params.version == version:
                        return list(params.diagnostics)
                    start = i + 1
            self.read[uri] = max(self.read.get(uri, 0), start)
            self.arrived.clear()
            await self.arrived.wait()


_PUBLICATIONS: dict[int, Publications] = {}
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS


def _client() -> LanguageClient:
    """pytest-lsp's test client with its own handlers, publishDiagnostics also recorded in order
    (through pytest-lsp's public feature table, not by patching the client's)."""
    publications = Publications()
    default = DEFAULT_CLIENT_FEATURES[PUBLISH]

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        publications.record(params)
        default(ls, params)

    client = LanguageClient(converter_factory=default_converter)
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, PUBLISH: publish})
    _PUBLICATIONS[id(client)] = publications
    return client


async def diagnostics_for(
    client: LanguageClient, uri: str, version: int | None = None
) -> list[types.Diagnostic]:
    """The next diagnostics published for `uri` (at `version`, if given) not yet read."""
    return await asyncio.wait_for(_PUBLICATIONS[id(client)].next(uri, version), 30)


def edit(
    client: LanguageClient,
    uri: str,
    version: int,
    start: tuple[int, int],
    end: tuple[int, int],
    text: str,
) -> None:
    """Send one incremental change: replace [start, end) (line, character) with `text`."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=start[0], character=start[1]),
                        end=types.Position(line=end[0], character=end[1]),
                    ),
                    text=text,
                )
            ],
        )
    )


def codes(diagnostics: list[types.Diagnostic]) -> list[tuple[int, str]]:
    return sorted((d.range.start.line, str(d.code)) for d in diagnostics)
