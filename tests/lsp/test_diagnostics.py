"""Diagnostics over stdio: after open, after incremental edits, with settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.support.lsp import CLIENTS, codes, diagnostics_for, edit, open_doc, session


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_open_then_incremental_edits(home: Path, client_name: str) -> None:
    async with session(home, client_name) as client:
        path = home / ".aws" / "config"
        uri = open_doc(client, path, "[default]\nregion = us-east-1\n[default]\n")
        first = await diagnostics_for(client, uri, 1)
        assert (2, "duplicate-section") in codes(first)
        [dup] = [d for d in first if d.code == "duplicate-section"]
        assert dup.severity == types.DiagnosticSeverity.Error
        assert dup.related_information and dup.related_information[0].location.range.start.line == 0

        # rename the second header: the error goes away
        edit(client, uri, 2, (2, 1), (2, 8), "profile dev")
        assert codes(await diagnostics_for(client, uri, 2)) == []

        # type an inline comment at the end of line 2
        edit(client, uri, 3, (1, 18), (1, 18), "  # prod")
        assert codes(await diagnostics_for(client, uri, 3)) == [(1, "comment-in-value")]


@pytest.mark.parametrize(
    ("options", "severity"),
    [
        (
            {
                "severityOverrides": {"comment-in-value": "error"},
                "disabledCodes": ["portability-colon"],
            },
            types.DiagnosticSeverity.Error,
        ),
        # globs, as check and .aws-config-ls.toml take them
        (
            {"severityOverrides": {"comment-*": "hint"}, "disabledCodes": ["portability-*"]},
            types.DiagnosticSeverity.Hint,
        ),
    ],
)
async def test_settings_override_severity_and_disable(
    home: Path, options: dict[str, object], severity: types.DiagnosticSeverity
) -> None:
    async with session(home, options=options) as client:
        uri = open_doc(client, home / ".aws" / "config", "[default]\nregion: us-east-1 # c\n")
        found = await diagnostics_for(client, uri)
        assert [(str(d.code), d.severity) for d in found] == [("comment-in-value", severity)]


async def test_workspace_configuration_wins_over_initialization_options(home: Path) -> None:
    async with session(
        home, options={"portabilityChecks": True}, configuration={"portabilityChecks": False}
    ) as client:
        uri = open_doc(client, home / ".aws" / "config", "[default]\nregion: us-east-1\n")
        assert codes(await diagnostics_for(client, uri)) == []


async def test_an_empty_configuration_answer_keeps_the_initialization_options(home: Path) -> None:
    """lsp-mode answers `{}` for a section it has no variables for."""
    async with session(home, options={"portabilityChecks": False}, configuration={}) as client:
        uri = open_doc(client, home / ".aws" / "config", "[default]\nregion: us-east-1\n")
        assert codes(await diagnostics_for(client, uri)) == []


async def test_invalid_settings_fall_back_with_a_message(home: Path) -> None:
    async with session(home, options={"environment": "nope"}) as client:
        uri = open_doc(client, home / ".aws" / "config", "[default]\nregion: us-east-1\n")
        assert codes(await diagnostics_for(client, uri)) == [(1, "portability-colon")]
        assert any("invalid settings" in m.message for m in client.messages)


async def test_close_clears_diagnostics(home: Path) -> None:
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", "[a]\n[a]\n")
        assert await diagnostics_for(client, uri)
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert await diagnostics_for(client, uri) == []


async def test_generic_ini_documents_are_recognised_by_name(home: Path) -> None:
    async with session(home) as client:
        other = home / "notes" / "settings.ini"
        other_uri = open_doc(client, other, "[a]\n[a]\n", "ini")
        uri = open_doc(client, home / ".boto", "[Credentials]\n[Credentials]\n", "ini")
        assert (1, "duplicate-section") in codes(await diagnostics_for(client, uri))
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=other_uri),
                position=types.Position(line=0, character=1),
            )
        )
        assert hover is None  # not an AWS file: the server leaves it alone


async def test_the_first_publication_after_an_edit_is_complete_in_a_large_file(
    home: Path,
) -> None:
    """25,000 lines: references are in the first publication after each keystroke, not in a
    later one (only the edited profile is resolved again)."""
    text = (
        "[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n"
        + "".join(f"[profile p{i}]\nregion = us-east-1\noutput = json\n\n" for i in range(6250))
        + "[profile last]\nsso_account_id = 123456789012\nsso_role_name = Dev\nsso_session = corp\n"
    )
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", text)
        assert codes(await diagnostics_for(client, uri, 1)) == []
        line = text.count("\n") - 1  # sso_session = corp
        edit(client, uri, 2, (line, 18), (line, 18), "x")  # corp -> corpx: no such session
        assert (line, "unknown-sso-session") in codes(await diagnostics_for(client, uri, 2))
        edit(client, uri, 3, (line, 18), (line, 19), "")
        assert codes(await diagnostics_for(client, uri, 3)) == []


async def test_a_default_file_a_variable_moved_boto3_away_from_is_not_read(home: Path) -> None:
    (home / "elsewhere").write_text("[default]\n")
    env = {"AWS_CONFIG_FILE": str(home / "elsewhere")}
    async with session(home, env=env) as client:
        uri = open_doc(client, home / ".aws" / "config", "[default]\nregion = us-east-1\n")
        found = await diagnostics_for(client, uri)
        assert codes(found) == [(0, "file-not-read")]
        assert "AWS_CONFIG_FILE" in found[0].message
        other = open_doc(client, home / "notes" / "config", "[default]\n")
        assert codes(await diagnostics_for(client, other)) == []
