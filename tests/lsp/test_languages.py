"""Which documents the server analyses: the language ids editors really send, the `extraFiles`
globs of a dotfiles repo, and silence for every other INI file."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.support.lsp import _PUBLICATIONS, codes, diagnostics_for, open_doc, session

CONFIG = "[default]\nregion = us-east-1\n\n[profile dev]\nsource_profile = base\nregoin = x\n"
CREDENTIALS = "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n[profile base]\n"
# Neovim's filetypes, eglot's mode names, VS Code's and Helix's generic languages.
GENERIC = ["ini", "dosini", "confini", "conf", "conf-unix", "properties", "plaintext"]


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


async def silent(client: LanguageClient, uri: str) -> bool:
    """Nothing was ever published for `uri`, and hover and completion give nothing."""
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(0, 1))
    )
    done = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=at(1, 0)
        )
    )
    items = done.items if isinstance(done, types.CompletionList) else done
    published = [p for p in _PUBLICATIONS[id(client)].seen if p.uri == uri]
    return hover is None and not items and not published


@pytest.mark.parametrize("language", GENERIC)
async def test_generic_languages_get_aws_files_and_nothing_else(home: Path, language: str) -> None:
    (home / ".aws" / "credentials").write_text(CREDENTIALS)
    async with session(home) as client:
        others = [
            open_doc(client, home / ".gitconfig", "[user]\nname = me\n[user]\n", language),
            open_doc(client, home / "foo.ini", "[a]\nregoin = 1\n[a]\n", language),
        ]
        uri = open_doc(client, home / ".aws" / "config", CONFIG, language)
        assert (5, "unknown-key") in codes(await diagnostics_for(client, uri))
        creds = open_doc(client, home / ".aws" / "credentials", CREDENTIALS, language)
        found = codes(await diagnostics_for(client, creds))
        assert (2, "profile-prefix-in-credentials") in found  # read as a credentials file
        assert not any(code == "not-a-profile" for _, code in found)
        for other in others:
            assert await silent(client, other), other


async def test_extra_files_bring_a_dotfiles_copy_in(home: Path) -> None:
    """Outside the places boto3 reads, only the globs the client lists are AWS files; the pair
    beside each other answers go to definition and completion of profile names."""
    dotfiles = home / "dotfiles" / "aws"
    dotfiles.mkdir(parents=True)
    (dotfiles / "credentials").write_text(CREDENTIALS)
    (home / "dotfiles" / "tool").mkdir()
    options = {"extraFiles": ["**/dotfiles/aws/config", "dotfiles/aws/credentials"]}
    async with session(home) as client:
        ignored = open_doc(client, home / "dotfiles" / "tool" / "config", CONFIG, "confini")
        uri = open_doc(client, dotfiles / "config", CONFIG, "confini")
        assert await silent(client, uri)  # no glob: not an AWS file
    async with session(home, options=options) as client:
        uri = open_doc(client, dotfiles / "config", CONFIG, "confini")
        assert (5, "unknown-key") in codes(await diagnostics_for(client, uri))
        creds = open_doc(client, dotfiles / "credentials", CREDENTIALS, "text")
        assert (2, "profile-prefix-in-credentials") in codes(await diagnostics_for(client, creds))
        found = await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=at(4, len("source_profile = ")),
            )
        )
        assert isinstance(found, list)
        assert [(loc.uri, loc.range.start.line) for loc in found] == [(creds, 0)]
        assert await silent(client, ignored)


async def test_extra_files_from_workspace_configuration(home: Path) -> None:
    dotfiles = home / "chezmoi" / "dot_aws"
    async with session(home, configuration={"extraFiles": "**/dot_aws/config"}) as client:
        uri = open_doc(client, dotfiles / "config", CONFIG, "conf")
        assert (5, "unknown-key") in codes(await diagnostics_for(client, uri))
