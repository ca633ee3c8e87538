"""Code lens and inlay hints: the one-line summary against the engine, then over stdio in the
config and the credentials file, with the settings that turn them off."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient

from aws_config_ls.explain.summary import line, summarize
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.lsp.code_lens import code_lens_json
from aws_config_ls.lsp.documents import open_state
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.resolution.rolecache import assume_role_arguments, cache_key
from aws_config_ls.workspace import Workspace
from tests.support.lsp import CLIENTS, base_env, codes, diagnostics_for, open_doc, session

CONFIG = """[default]
region = us-east-1

[profile base]
region = eu-west-1

[profile admin]
source_profile = base
role_arn = arn:aws:iam::123456789012:role/Admin

[profile broken]
source_profile = ghost
role_arn = arn:aws:iam::123456789012:role/X
"""
CREDENTIALS = (
    "[base]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\n"
    "aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n"
)
LINES = {
    "default": "no credentials: every provider is skipped · us-east-1",
    "base": "shared-credentials-file · eu-west-1",
    "admin": "assume-role via base (shared-credentials-file) · no region",
    "broken": '✗ InvalidConfigError: The source_profile "ghost" referenced in the profile '
    '"broken" does not exist.',
}


def write(home: Path) -> None:
    (home / ".aws" / "config").write_text(CONFIG)
    (home / ".aws" / "credentials").write_text(CREDENTIALS)


def test_summary_lines(home: Path) -> None:
    write(home)
    state = Workspace(Environment(base_env(home))).state
    assert {p: line(summarize(state, p)) for p in LINES} == LINES
    env = {**base_env(home), "AWS_DEFAULT_REGION": "ap-south-1"}
    env |= {"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "x" * 40}
    summary = summarize(Workspace(Environment(env)).state, "base")
    assert (summary.credentials, summary.outside) == ("env", "AWS_ACCESS_KEY_ID")
    assert (summary.region, summary.region_from) == ("ap-south-1", "AWS_DEFAULT_REGION")


async def lens_titles(
    client, uri: str, command: str = "awsConfig.explainProfile"
) -> dict[int, str]:  # type: ignore[no-untyped-def]
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    titles = {}
    for lens in lenses or []:
        resolved = await client.code_lens_resolve_async(lens)
        assert resolved.command is not None
        assert resolved.command.command == command
        titles[lens.range.start.line] = resolved.command.title
    return titles


async def hint_labels(client, uri: str) -> dict[int, str]:  # type: ignore[no-untyped-def]
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(0, 0), end=types.Position(20, 0)),
        )
    )
    return {h.position.line: str(h.label) for h in hints or []}


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_lenses_and_hints_in_both_files(home: Path, client_name: str) -> None:
    write(home)
    async with session(home, client_name) as client:
        config = open_doc(client, home / ".aws" / "config", CONFIG)
        credentials = open_doc(
            client, home / ".aws" / "credentials", CREDENTIALS, "aws-credentials"
        )
        await diagnostics_for(client, config)
        await diagnostics_for(client, credentials)
        await assert_resolved_pair(client, config, credentials)


async def assert_resolved_pair(client: LanguageClient, config: str, credentials: str) -> None:
    """CONFIG and CREDENTIALS as boto3 resolves them together: the lenses and hints of both."""
    assert await lens_titles(client, config) == {
        0: LINES["default"],
        3: LINES["base"],
        6: LINES["admin"],
        10: LINES["broken"],
    }
    assert await lens_titles(client, credentials) == {0: LINES["base"]}
    assert await hint_labels(client, config) == {
        6: "assume-role via base (shared-credentials-file)",
        7: "⇒ base (shared-credentials-file)",
        10: "✗ InvalidConfigError",
        11: "✗ InvalidConfigError",
    }
    assert await hint_labels(client, credentials) == {0: "region eu-west-1"}


async def test_settings_turn_them_off(home: Path) -> None:
    write(home)
    options = {"codeLens": False, "inlayHintsChains": False}
    async with session(home, options=options) as client:
        config = open_doc(client, home / ".aws" / "config", CONFIG)
        await diagnostics_for(client, config)
        assert await lens_titles(client, config) == {}
        assert set(await hint_labels(client, config)) == {6, 10}


async def test_lens_on_an_sso_session_reads_the_token_cache(home: Path) -> None:
    text = "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
    text += "sso_region = us-east-1\n\n[sso-session gone]\nsso_region = us-east-1\n"
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    soon = (datetime.now(timezone.utc) + timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    token = {"accessToken": "never-shown", "expiresAt": soon}
    (cache / (hashlib.sha1(b"corp").hexdigest() + ".json")).write_text(json.dumps(token))
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", text)
        await diagnostics_for(client, uri)
        titles = await lens_titles(client, uri, command="")
        assert titles[0].startswith("SSO: cached token valid for ") and "never" not in titles[0]
        assert titles[4] == "SSO: no cached token: run `aws sso login` first"


def test_an_sso_profiles_line_says_when_its_token_expires(home: Path) -> None:
    (home / ".aws" / "config").write_text(
        "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\n"
        "sso_role_name = Dev\nregion = eu-west-1\n\n"
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
        "sso_region = us-east-1\n\n"
        "[profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\n"
        "sso_account_id = 123456789012\nsso_role_name = Dev\n"
    )
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    token = {"accessToken": "never-shown", "expiresAt": "2026-12-01T15:00:00Z"}
    (cache / (hashlib.sha1(b"corp").hexdigest() + ".json")).write_text(json.dumps(token))
    state = Workspace(Environment(base_env(home))).state
    now = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
    assert line(summarize(state, "dev", now)) == (
        "sso · eu-west-1 · SSO: cached token valid for 3.0 hours, until 2026-12-01T15:00:00Z"
    )
    assert line(summarize(state, "old", now)) == (
        "sso · no region · SSO: no cached token: run `aws sso login` first"
    )


async def test_a_dotfiles_copy_resolves_with_its_pair(home: Path) -> None:
    """A config outside the files boto3 reads (here <home>/nav/.aws) is resolved as if boto3
    read it, with the credentials file beside it: never against the environment's ~/.aws
    files, which hold other profiles (each profile of the copy would be ProfileNotFound)."""
    (home / ".aws" / "config").write_text("[profile other]\nregion = ap-south-1\n")
    copy = home / "nav" / ".aws"
    copy.mkdir(parents=True)
    (copy / "config").write_text(CONFIG)
    (copy / "credentials").write_text(CREDENTIALS)
    async with session(home) as client:
        config = open_doc(client, copy / "config", CONFIG)
        credentials = open_doc(client, copy / "credentials", CREDENTIALS, "aws-credentials")
        found = codes(await diagnostics_for(client, config))
        assert (11, "unknown-source-profile") in found  # checked with its pair, as boto3 would
        assert not any(code == "source-without-credentials" for _, code in found)
        await diagnostics_for(client, credentials)
        await assert_resolved_pair(client, config, credentials)
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=config),
                position=types.Position(line=6, character=3),
            )
        )
        assert hover is not None and "ProfileNotFound" not in str(hover.contents)
        assert "credentials from **assume-role**" in str(hover.contents)
        lens = (
            await client.text_document_code_lens_async(
                types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=config))
            )
        )[1]
        command = (await client.code_lens_resolve_async(lens)).command
        assert command is not None and list(command.arguments or []) == ["base", config]
        report = await client.protocol.send_request_async(
            "awsConfig/explain", {"profile": "admin", "uri": config}
        )
        assert "ProfileNotFound" not in json.dumps(report)
        assert "assume-role" in json.dumps(report)
        # Without the copy's URI: the files boto3 reads, where `admin` does not exist.
        report = await client.protocol.send_request_async("awsConfig/explain", {"profile": "admin"})
        assert "ProfileNotFound" in json.dumps(report)


async def test_lens_and_hover_say_when_the_clis_role_credentials_expire(home: Path) -> None:
    """Cached credentials of the AWS CLI planted in the fake HOME, named as botocore's fetcher
    names them (tests/test_rolecache.py proves the name): their expiry, never their text."""
    write(home)
    cache = home / ".aws" / "cli" / "cache"
    cache.mkdir(parents=True)
    arguments = assume_role_arguments({"role_arn": "arn:aws:iam::123456789012:role/Admin"})
    assert arguments is not None
    expires = datetime.now(timezone.utc) + timedelta(minutes=40, seconds=20)
    secret = {"AccessKeyId": "ASIANEVERSHOWN", "SecretAccessKey": "never-shown"}
    (cache / (cache_key(arguments) + ".json")).write_text(
        json.dumps({"Credentials": {**secret, "Expiration": expires.isoformat()}})
    )
    async with session(home) as client:
        config = open_doc(client, home / ".aws" / "config", CONFIG)
        await diagnostics_for(client, config)
        titles = await lens_titles(client, config)
        assert titles[6] == LINES["admin"] + " · cached role credentials expire in 40 min"
        assert titles[3] == LINES["base"]  # no role: nothing cached to tell
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=config),
                position=types.Position(line=6, character=3),
            )
        )
        assert hover is not None
        assert "AWS CLI: cached role credentials expire in 40 min" in str(hover.contents)
        assert "NEVER" not in str(hover.contents).upper()
        assert not any("never" in title for title in titles.values())


@pytest.mark.parametrize(("encoding", "ends"), [("utf-16", (12, 16)), ("utf-8", (15, 18))])
def test_lens_json_is_what_the_client_decodes(encoding: str, ends: tuple[int, int]) -> None:
    """The lenses are written as JSON directly: they decode into CodeLens objects with the
    name's range in the client's encoding (here after a non-ASCII name) and the data that
    codeLens/resolve reads."""
    text = "[profile é𝄞]\n[sso-session corp]\n[services s3]\n[profile  𝄞-dev]\n"
    state = open_state("file:///x/c%20onfig", "/x/c onfig", 1, FileKind.CONFIG, text)
    decoded = default_converter().structure(
        json.loads(code_lens_json(state, encoding)), list[types.CodeLens]
    )
    assert [lens.data for lens in decoded] == [
        ["file:///x/c%20onfig", "profiles", "é𝄞"],
        ["file:///x/c%20onfig", "sso_sessions", "corp"],
        ["file:///x/c%20onfig", "profiles", "𝄞-dev"],
    ]
    ranges = [(lens.range.start, lens.range.end) for lens in decoded]
    assert [(a.line, a.character, b.line, b.character) for a, b in ranges] == [
        (0, 9, 0, ends[0]),
        (1, 13, 1, 17),
        (3, 10, 3, ends[1]),
    ]


def test_lens_json_after_edits_is_a_fresh_documents() -> None:
    """Each block's lenses are kept in JSON at the line they were written for: after edits
    within a line, and ones that move the blocks below, the answer is a fresh open's."""
    state = open_state("file:///x", "/x", 1, FileKind.CONFIG, CONFIG)
    code_lens_json(state, "utf-16")
    for version, (where, text) in enumerate(
        [(4, "x"), (0, "# new\n"), (8, "[profile added]\n"), (4, "é")], start=2
    ):
        at = types.Position(line=where, character=0)
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=at, end=at), text=text
        )
        state = state.edited(version, [change], "utf-16")
        fresh = open_state("file:///x", "/x", 1, FileKind.CONFIG, state.tree.text())
        assert code_lens_json(state, "utf-16") == code_lens_json(fresh, "utf-16")
    assert '"profiles", "added"' in code_lens_json(state, "utf-16")


async def test_the_default_file_a_variable_moved_away_from_stays_unread(home: Path) -> None:
    """~/.aws/config when AWS_CONFIG_FILE names another file is not a copy to read as the
    config: its hover still says boto3 does not read it."""
    (home / "elsewhere").write_text("[default]\n")
    text = "[profile x]\nregion = us-east-1\n"
    async with session(home, env={"AWS_CONFIG_FILE": str(home / "elsewhere")}) as client:
        uri = open_doc(client, home / ".aws" / "config", text)
        assert codes(await diagnostics_for(client, uri)) == [(0, "file-not-read")]
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=1, character=2),
            )
        )
        assert hover is not None and "⚠ not used" in str(hover.contents)
        assert "AWS_CONFIG_FILE points to" in str(hover.contents)
