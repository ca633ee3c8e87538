"""Completion, hover, symbols, quick fixes and the custom requests, over stdio."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.support.lsp import CLIENTS, codes, diagnostics_for, edit, open_doc, session

CONFIG = """[default]
region = us-east-1
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY

[profile dev]
regoin = us-west-2
source_profile = default
role_arn = arn:aws:iam::123456789012:role/Dev
s3 =
  addressing_style = path

[sso-session corp]
sso_region = us-east-1
"""


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


async def complete(client, uri: str, line: int, col: int) -> list[str]:  # type: ignore[no-untyped-def]
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=at(line, col)
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else result or []
    return [item.label for item in items]


async def hover_text(client, uri: str, line: int, col: int) -> str:  # type: ignore[no-untyped-def]
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=at(line, col)
        )
    )
    assert result is not None
    assert isinstance(result.contents, types.MarkupContent)
    return result.contents.value


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_completion_in_every_place(home: Path, client_name: str) -> None:
    text = CONFIG + "[profile new]\n\nsource_profile = \nsso_session = \nretry_mode = \n[\n"
    async with session(home, client_name) as client:
        uri = open_doc(client, home / ".aws" / "config", text)
        await diagnostics_for(client, uri)
        n = text.count("\n")
        keys = await complete(client, uri, n - 5, 0)  # the empty line in [profile new]
        assert "region" in keys and "role_arn" in keys
        assert "sso_start_url" in keys
        profiles = await complete(client, uri, n - 4, len("source_profile = "))
        assert {"default", "dev"} <= set(profiles) and "new" not in profiles  # not itself
        sessions = await complete(client, uri, n - 3, len("sso_session = "))
        assert sessions == ["corp"]
        modes = await complete(client, uri, n - 2, len("retry_mode = "))
        assert set(modes) == {"legacy", "standard", "adaptive"}
        headers = await complete(client, uri, n - 1, 1)
        assert "profile " in headers and "sso-session " in headers
        nested = await complete(client, uri, 10, 2)  # on `addressing_style` inside `s3 =`
        assert "addressing_style" in nested and "use_accelerate_endpoint" in nested
        edit(client, uri, 2, (11, 0), (11, 0), "  \n")
        await diagnostics_for(client, uri, 2)
        fresh = await complete(client, uri, 11, 2)  # a new line in the block
        assert "use_accelerate_endpoint" in fresh and "addressing_style" not in fresh
        regions = await complete(client, uri, 1, len("region = "))
        assert "eu-west-1" in regions


async def test_completion_of_credentials_headers_offers_config_profiles(home: Path) -> None:
    (home / ".aws" / "config").write_text(CONFIG)
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "credentials", "[\n", "aws-credentials")
        await diagnostics_for(client, uri)
        headers = await complete(client, uri, 0, 1)
        assert "dev" in headers and not any(h.startswith("profile") for h in headers)


async def test_hover_names_the_tier_and_the_shadowing_variable(home: Path) -> None:
    env = {
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    }
    async with session(home, options={"environment": env}) as client:
        uri = open_doc(client, home / ".aws" / "config", CONFIG)
        await diagnostics_for(client, uri)
        text = await hover_text(client, uri, 2, 3)
        assert "tier" in text.lower() and "AWS_ACCESS_KEY_ID" in text
        assert "AKIAIOSFODNN7EXAMPLE" not in text and "AKIAI44QH8DHBEXAMPLE" not in text
        secret = await hover_text(client, uri, 3, 30)
        assert "je7MtGbClwBF" not in secret and "wJalrXUtnFEMI" not in secret
        header = await hover_text(client, uri, 5, 3)
        assert "assume-role" in header
        reference = await hover_text(client, uri, 7, 18)
        assert "profile `default`" in reference


async def test_unknown_key_has_a_quick_fix(home: Path) -> None:
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", CONFIG)
        found = await diagnostics_for(client, uri)
        [typo] = [d for d in found if d.code == "unknown-key"]
        assert typo.range.start == at(6, 0)
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=typo.range,
                context=types.CodeActionContext(diagnostics=[typo]),
            )
        )
        assert actions and actions[0].edit is not None
        [edit] = actions[0].edit.changes[uri]  # type: ignore[index]
        assert edit.new_text == "region"


async def test_document_symbols_outline_the_sections(home: Path) -> None:
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", CONFIG)
        await diagnostics_for(client, uri)
        symbols = await client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert [s.name for s in symbols] == ["[default]", "[profile dev]", "[sso-session corp]"]


async def test_explain_and_profiles_requests(home: Path) -> None:
    (home / ".aws" / "config").write_text(CONFIG)
    async with session(home, options={"environment": {"AWS_PROFILE": "dev"}}) as client:
        # pygls' client turns JSON objects into named tuples
        report = await client.protocol.send_request_async("awsConfig/explain", {"profile": None})
        assert report.profile.name == "dev"
        assert report.profile.selected_by == "AWS_PROFILE"
        assert report.credentials.method == "assume-role"
        assert "region" in report.settings._fields
        listed = await client.protocol.send_request_async("awsConfig/profiles", {})
        assert {p.name for p in listed.profiles} >= {"default", "dev"}
        # a malformed parameter is null, never an error reply
        for odd in ([], {"a": 1}, 3):
            report = await client.protocol.send_request_async(
                "awsConfig/explain", {"profile": odd, "uri": odd}
            )
            assert report.profile.name == "dev"


async def test_cross_file_refresh(home: Path) -> None:
    config = "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Dev\nsource_profile = base\n"
    async with session(home) as client:
        config_uri = open_doc(client, home / ".aws" / "config", config)
        assert (2, "unknown-source-profile") in codes(await diagnostics_for(client, config_uri))
        creds_uri = open_doc(
            client,
            home / ".aws" / "credentials",
            "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
            "aws-credentials",
        )
        # opening the credentials file that defines `base` clears the config file's error
        while True:
            found = await diagnostics_for(client, config_uri)
            if (2, "unknown-source-profile") not in codes(found):
                break
        # renaming the profile in the credentials file brings it back at once
        edit(client, creds_uri, 2, (0, 1), (0, 5), "other")
        while True:
            found = await diagnostics_for(client, config_uri)
            if (2, "unknown-source-profile") in codes(found):
                break


async def test_environment_setting_changes_diagnostics(home: Path) -> None:
    config = "[default]\nregion = us-east-1\n"
    async with session(home, configuration={"environment": {"AWS_PROFILE": "ghost"}}) as client:
        uri = open_doc(client, home / ".aws" / "config", config)
        assert (0, "env-profile-not-found") in codes(await diagnostics_for(client, uri))
        client.set_configuration({"awsConfig": {"environment": {}}})
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
        while (0, "env-profile-not-found") in codes(await diagnostics_for(client, uri)):
            pass


async def test_the_same_settings_again_change_nothing(home: Path) -> None:
    """VS Code's client sends its settings again as it starts: no analysis, no refresh asked
    of the client (only a change of settings is analysed and refreshed)."""
    from pytest_lsp import client_capabilities

    capabilities = client_capabilities("visual-studio-code")
    assert capabilities.workspace is not None and capabilities.workspace.code_lens is not None
    capabilities.workspace.configuration = False  # the settings come with the notification
    ghost = {"environment": {"AWS_PROFILE": "ghost"}}
    async with session(home, options=ghost, capabilities=capabilities) as client:
        refreshes: list[None] = []

        @client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
        def lens_refresh(params: None) -> None:
            refreshes.append(params)

        uri = open_doc(client, home / ".aws" / "config", "[default]\nregion = us-east-1\n")
        assert (0, "env-profile-not-found") in codes(await diagnostics_for(client, uri))
        before = len(refreshes)
        for settings in (ghost, {"environment": {}}):
            client.workspace_did_change_configuration(
                types.DidChangeConfigurationParams(settings={"awsConfig": settings})
            )
        while (0, "env-profile-not-found") in codes(await diagnostics_for(client, uri)):
            pass
        assert len(refreshes) == before + 1


async def test_definition_jumps_to_the_section_a_reference_names(home: Path) -> None:
    credentials = home / ".aws" / "credentials"
    credentials.write_text("[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n")
    text = CONFIG + "[profile new]\nsource_profile = base\nsso_session = corp\n"
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", text)
        await diagnostics_for(client, uri)
        n = text.count("\n")

        async def goto(line: int, col: int) -> list[tuple[str, int]]:
            found = await client.text_document_definition_async(
                types.DefinitionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri), position=at(line, col)
                )
            )
            assert isinstance(found, list)
            return [(loc.uri.rsplit("/", 1)[-1], loc.range.start.line) for loc in found]

        assert await goto(7, len("source_profile = ")) == [("config", 0)]  # -> [default]
        assert await goto(n - 2, len("source_profile = ")) == [("credentials", 0)]
        assert await goto(n - 1, len("sso_session = ")) == [("config", 12)]
        assert await goto(1, 3) == []  # not a reference
