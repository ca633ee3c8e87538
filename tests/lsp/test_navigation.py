"""References, highlight and rename over stdio, in the config and the credentials file."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

from tests.support.lsp import CLIENTS, diagnostics_for, doc, open_aws_files, open_doc, session

CONFIG = """[default]
region = us-east-1

[profile dev]
source_profile = default
sso_session = corp

[profile admin]
source_profile = dev
role_arn = arn:aws:iam::123456789012:role/Admin

[sso-session corp]
sso_region = us-east-1
"""
CREDENTIALS = "[dev]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\n\n[ci]\nsource_profile = dev\n"


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


async def opened(client: LanguageClient, home: Path) -> tuple[str, str]:
    (home / ".aws" / "credentials").write_text(CREDENTIALS)
    return await open_aws_files(client, home, CONFIG, CREDENTIALS)


def places(locations: list[types.Location]) -> set[tuple[str, int, int, int]]:
    return {
        (
            Path(loc.uri).name,
            loc.range.start.line,
            loc.range.start.character,
            loc.range.end.character,
        )
        for loc in locations
    }


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_references_in_both_files(home: Path, client_name: str) -> None:
    async with session(home, client_name) as client:
        config, credentials = await opened(client, home)
        # from the reference in the credentials file, declarations included
        found = await client.text_document_references_async(
            types.ReferenceParams(
                text_document=doc(credentials),
                position=at(4, 18),
                context=types.ReferenceContext(include_declaration=True),
            )
        )
        assert places(found or []) == {
            ("config", 3, 9, 12),
            ("config", 8, 17, 20),
            ("credentials", 0, 1, 4),
            ("credentials", 4, 17, 20),
        }
        # from the header in the config file, references only
        found = await client.text_document_references_async(
            types.ReferenceParams(
                text_document=doc(config),
                position=at(3, 10),
                context=types.ReferenceContext(include_declaration=False),
            )
        )
        assert places(found or []) == {("config", 8, 17, 20), ("credentials", 4, 17, 20)}
        sessions = await client.text_document_references_async(
            types.ReferenceParams(
                text_document=doc(config),
                position=at(5, 15),
                context=types.ReferenceContext(include_declaration=True),
            )
        )
        assert places(sessions or []) == {("config", 5, 14, 18), ("config", 11, 13, 17)}
        nothing = await client.text_document_references_async(
            types.ReferenceParams(
                text_document=doc(config),
                position=at(1, 2),
                context=types.ReferenceContext(include_declaration=True),
            )
        )
        assert not nothing


async def test_highlight_marks_definitions_and_references(home: Path) -> None:
    async with session(home) as client:
        config, _ = await opened(client, home)
        marks = await client.text_document_document_highlight_async(
            types.DocumentHighlightParams(text_document=doc(config), position=at(8, 18))
        )
        assert sorted((m.range.start.line, m.kind) for m in marks or []) == [
            (3, types.DocumentHighlightKind.Write),
            (8, types.DocumentHighlightKind.Read),
        ]


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_rename_across_both_files(home: Path, client_name: str) -> None:
    async with session(home, client_name) as client:
        config, credentials = await opened(client, home)
        prepared = await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(text_document=doc(config), position=at(3, 10))
        )
        assert isinstance(prepared, types.PrepareRenamePlaceholder)
        assert prepared.placeholder == "dev" and prepared.range.start == at(3, 9)
        result = await client.text_document_rename_async(
            types.RenameParams(text_document=doc(config), position=at(3, 10), new_name="develop")
        )
        assert result is not None and result.changes is not None
        edits = {
            (Path(uri).name, e.range.start.line, e.new_text)
            for uri, changes in result.changes.items()
            for e in changes
        }
        assert edits == {
            ("config", 3, "develop"),
            ("config", 8, "develop"),
            ("credentials", 0, "develop"),
            ("credentials", 4, "develop"),
        }
        assert set(result.changes) == {config, credentials}


async def test_rename_refusals_carry_the_reason(home: Path) -> None:
    async with session(home) as client:
        config, _ = await opened(client, home)
        with pytest.raises(JsonRpcException, match="default profile"):
            await client.text_document_prepare_rename_async(
                types.PrepareRenameParams(text_document=doc(config), position=at(0, 3))
            )
        with pytest.raises(JsonRpcException, match="whitespace"):
            await client.text_document_rename_async(
                types.RenameParams(text_document=doc(config), position=at(3, 10), new_name="my dev")
            )
        with pytest.raises(JsonRpcException, match="already exists"):
            await client.text_document_rename_async(
                types.RenameParams(text_document=doc(config), position=at(3, 10), new_name="ci")
            )


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply edits as an editor does (ASCII text: characters are UTF-16 units)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(p: types.Position) -> int:
        return starts[min(p.line, len(lines))] + p.character

    for e in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


MESSY = "[default]\nregion=us-east-1\n[profile dev]\n  source_profile=default\ns3 =\n    a=1"
TIDY = "[default]\nregion = us-east-1\n\n[profile dev]\nsource_profile = default\ns3 =\n  a = 1\n"


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_format_document_and_range_in_both_files(home: Path, client_name: str) -> None:
    async with session(home, client_name) as client:
        config, credentials = await open_aws_files(client, home, MESSY, MESSY)
        for uri in (config, credentials):
            options = types.FormattingOptions(tab_size=2, insert_spaces=True)
            edits = await client.text_document_formatting_async(
                types.DocumentFormattingParams(text_document=doc(uri), options=options)
            )
            assert apply(MESSY, edits or []) == TIDY
        ranged = await client.text_document_range_formatting_async(
            types.DocumentRangeFormattingParams(
                text_document=doc(config),
                range=types.Range(start=at(0, 0), end=at(1, 3)),
                options=types.FormattingOptions(tab_size=2, insert_spaces=True),
            )
        )
        assert apply(MESSY, ranged or []) == TIDY[: TIDY.index("[profile")] + MESSY[27:]


async def test_format_refuses_a_file_botocore_refuses(home: Path) -> None:
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", "[a]\nk=1\n[a]\n")
        await diagnostics_for(client, uri)
        edits = await client.text_document_formatting_async(
            types.DocumentFormattingParams(
                text_document=doc(uri),
                options=types.FormattingOptions(tab_size=2, insert_spaces=True),
            )
        )
        assert not edits
        assert any("DuplicateSectionError" in m.message for m in client.messages)
