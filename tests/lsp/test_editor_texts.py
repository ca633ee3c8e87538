"""What the editor shows, over stdio: related places in the other file, plain text for clients
that do not take Markdown, and the hover texts of selected, unselected and shadowed entries."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from aws_config_ls.lsp import markup
from tests.support.lsp import doc, open_aws_files, open_config, session

CONFIG = """\
# team accounts
[default]
region = eu-west-1

[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = us-east-2

[profile prod]
region = eu-west-1
output = json

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = half

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
"""

CREDENTIALS = """\
# clés — ☃ keys
[dev]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[half]
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
"""

ENV = {"AWS_PROFILE": "dev", "AWS_REGION": "ap-south-1"}


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines()) if line.startswith(needle))


async def _hover(client: LanguageClient, uri: str, line: int, col: int) -> types.MarkupContent:
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=doc(uri),
            position=types.Position(line=line, character=col),
        )
    )
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    return result.contents


async def test_related_places_in_the_other_file_carry_its_uri_and_range(home: Path) -> None:
    credentials = home / ".aws" / "credentials"
    credentials.write_text(CREDENTIALS)
    async with session(home, options={"environment": ENV}) as client:
        _, found = await open_config(client, home, CONFIG)
        [partial] = [
            d
            for d in found
            if d.code == "partial-credentials"
            and d.range.start.line == _line(CONFIG, "[profile admin]")
        ]
        [related] = partial.related_information or []
        assert related.location.uri == credentials.as_uri()
        lines = CREDENTIALS.splitlines()
        start, end = related.location.range.start, related.location.range.end
        assert start.line == end.line == _line(CREDENTIALS, "[half]") + 1
        assert lines[start.line][start.character : end.character] == "aws_access_key_id"


def _plain_client() -> types.ClientCapabilities:
    """A client that takes only plain text (Emacs' recorded capabilities, Markdown removed)."""
    capabilities = client_capabilities("emacs")
    text = capabilities.text_document
    assert text is not None and text.hover is not None and text.completion is not None
    assert text.completion.completion_item is not None
    text.hover.content_format = [types.MarkupKind.PlainText]
    text.completion.completion_item.documentation_format = [types.MarkupKind.PlainText]
    return capabilities


def _no_markdown(text: str) -> None:
    assert "**" not in text and "`" not in text and "](" not in text, text


async def test_a_plain_text_client_gets_plain_text(home: Path) -> None:
    (home / ".aws" / "credentials").write_text(CREDENTIALS)
    capabilities = _plain_client()
    async with session(home, options={"environment": ENV}, capabilities=capabilities) as client:
        uri, _ = await open_config(client, home, CONFIG)
        for needle in ("sso_session", "region = us-east-2", "[profile prod]", "source_profile"):
            contents = await _hover(client, uri, _line(CONFIG, needle), 2)
            assert contents.kind == types.MarkupKind.PlainText
            _no_markdown(contents.value)
        result = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=doc(uri),
                position=types.Position(line=_line(CONFIG, "output"), character=2),
            )
        )
        assert isinstance(result, types.CompletionList) and result.items
        assert all(i.documentation is None for i in result.items)  # filled in on resolve
        resolved = [await client.completion_item_resolve_async(i) for i in result.items]
        documented = [i.documentation for i in resolved if i.documentation is not None]
        assert len(documented) == len(resolved)
        for text in documented:
            assert isinstance(text, types.MarkupContent) and text.kind == types.MarkupKind.PlainText
            _no_markdown(text.value)
    # the same client with Markdown first gets Markdown
    async with session(home, "emacs", options={"environment": ENV}) as client:
        uri, _ = await open_config(client, home, CONFIG)
        markdown = await _hover(client, uri, _line(CONFIG, "sso_session"), 2)
        assert markdown.kind == types.MarkupKind.Markdown and "**" in markdown.value


async def test_hover_texts_say_what_boto3_does_with_each_entry(home: Path) -> None:
    (home / ".aws" / "credentials").write_text(CREDENTIALS)
    env = {"AWS_PROFILE": "dev", "AWS_DEFAULT_REGION": "ap-south-1"}
    async with session(home, options={"environment": env}) as client:
        uri, creds = await open_aws_files(client, home, CONFIG, CREDENTIALS)

        async def hover(target: str, text: str, needle: str) -> list[str]:
            contents = await _hover(client, target, _line(text, needle), 2)
            assert "None" not in contents.value and "explicit" not in contents.value
            assert "Setting:" not in contents.value
            return contents.value.split("\n\n")

        # the selected profile: used, from this entry, no line of another tier
        first, *rest = await hover(uri, CONFIG, "sso_session")
        assert first == "**`sso_session`** — boto3 uses `corp` from this entry"
        assert not any("⚠" in line or "line " in line for line in rest)
        header, chosen, *_ = await hover(uri, CONFIG, "[profile dev]")
        assert header.endswith("the one in use") and chosen == "Chosen by the AWS_PROFILE variable."
        # an environment variable beats this entry for the profile in use
        first, *rest = await hover(uri, CONFIG, "region = us-east-2")
        assert first == (
            "**`region`** — ⚠ shadowed: boto3 uses `ap-south-1` from the environment variable "
            "`AWS_DEFAULT_REGION`"
        )
        assert sum("⚠" in line for line in rest) == 1
        # SSO comes before the credentials file for the profile in use
        first, *rest = await hover(creds, CREDENTIALS, "aws_access_key_id")
        assert first == (
            "**`aws_access_key_id`** — ⚠ shadowed: credentials come from "
            "tier 6 of 14: IAM Identity Center (SSO)"
        )
        [shadow] = [line for line in rest if "⚠" in line]
        config_path = str(home / ".aws" / "config")
        assert shadow.count(config_path) == 1 and shadow.endswith(
            f"(line {_line(CONFIG, 'sso_account_id') + 1})"
        )
        # a profile that is not selected: said plainly, no ⚠
        for needle in ("output", "region = eu-west-1", "source_profile"):
            first, reason, *rest = await hover(uri, CONFIG, needle)
            assert first.endswith("— not used now") and "⚠" not in "".join(rest), needle
            assert "is not the one in use (`dev`, chosen by the AWS_PROFILE variable)" in reason
        *_, plain = await hover(uri, CONFIG, "[profile prod]")
        assert plain.startswith("Used as `Session(profile_name='prod')`")


async def test_quick_fix_titles_say_what_they_change(home: Path) -> None:
    text = (
        "[default]\nregoin = eu-west-1\noutput = json # prod\n"
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY # old one\n"
    )
    async with session(home) as client:
        uri, found = await open_config(client, home, text)
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=doc(uri),
                range=types.Range(start=types.Position(0, 0), end=types.Position(4, 0)),
                context=types.CodeActionContext(diagnostics=found),
            )
        )
        titles = sorted(a.title for a in actions or [] if isinstance(a, types.CodeAction))
        assert titles == [
            "Remove the inline comment",  # after a secret: its text is not quoted
            "Remove the inline comment `# prod`",
            "Replace `regoin` with `region`",
        ]


async def test_outline_holds_nested_sub_keys(home: Path) -> None:
    text = (
        "[profile dev]\nregion = eu-west-1\n"
        "s3 =\n  addressing_style = path\n  use_dualstack_endpoint = true\n"
    )
    async with session(home) as client:
        uri, _ = await open_config(client, home, text)
        symbols = await client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=doc(uri))
        )
        assert symbols is not None
        [section] = symbols
        assert isinstance(section, types.DocumentSymbol) and section.children
        region, s3 = section.children
        assert region.children is None and s3.children is not None
        assert [c.name for c in s3.children] == ["addressing_style", "use_dualstack_endpoint"]
        last = s3.children[-1].range
        assert (last.start.line, last.start.character, last.end.character) == (4, 2, 24)
        assert s3.range.end == last.end  # a symbol's range holds its children's


def test_plain_text_keeps_the_words_and_drops_the_marks() -> None:
    markdown = "**`region`** — see [Documentation](https://docs.aws.amazon.com/x) for `eu-west-1`"
    assert markup.plain(markdown) == (
        "region — see Documentation: https://docs.aws.amazon.com/x for eu-west-1"
    )
    assert markup.wants_markdown([types.MarkupKind.Markdown, types.MarkupKind.PlainText])
    assert not markup.wants_markdown([types.MarkupKind.PlainText, types.MarkupKind.Markdown])
    assert not markup.wants_markdown(None) and not markup.wants_markdown([])
