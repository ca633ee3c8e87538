"""Completion, hover, definition and positions as functions of a document and a context.

No server and no stdio: the same calls server.py makes, on an in-memory workspace, so the
inner loop exercises the features in milliseconds (tests/lsp drives them over stdio).
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types

from aws_config_ls.catalogue.context import Context
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.query import Part, place_at
from aws_config_ls.ini.span import Pos
from aws_config_ls.lsp.completion import VALUES_SENT, _fitting, names_of, resolve
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.definition import definition
from aws_config_ls.lsp.documents import DocumentState, open_state
from aws_config_ls.lsp.hover import hover
from aws_config_ls.lsp.positions import from_client_col, to_client_col
from aws_config_ls.lsp.settings import Settings
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace
from tests.support.completion import completion

UTF16 = types.PositionEncodingKind.Utf16
CONFIG_PATH = "/home/u/.aws/config"
CONFIG = """[default]
region = us-east-1

[profile dev]
source_profile = default
s3 =
  addressing_style = path
"""


def context(files: dict[str, tuple[FileKind, str]]) -> ServerContext:
    """A workspace whose files live in memory; nothing else on the machine is read."""
    env = Environment(
        {
            "HOME": "/home/u",
            "AWS_CONFIG_FILE": CONFIG_PATH,
            "AWS_SHARED_CREDENTIALS_FILE": "/home/u/.aws/credentials",
            "BOTO_CONFIG": "/home/u/.boto",
            "AWS_EC2_METADATA_DISABLED": "true",
        },
        cwd="/home/u",
    )

    def load(path: str, kind: FileKind) -> Model | None:
        found = files.get(path)
        return None if found is None else Model.from_text(found[1], kind, path)

    return ServerContext(Settings(inherit_environment=False), Workspace(env, load))


def document(text: str = CONFIG) -> tuple[ServerContext, DocumentState]:
    ctx = context({CONFIG_PATH: (FileKind.CONFIG, text)})
    return ctx, open_state("file://" + CONFIG_PATH, CONFIG_PATH, 1, FileKind.CONFIG, text)


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def test_the_cursor_query_names_the_part_under_the_cursor() -> None:
    _, state = document()
    assert place_at(state.model, Pos(0, 3)).part is Part.HEADER
    assert place_at(state.model, Pos(1, 2)).part is Part.KEY
    assert place_at(state.model, Pos(1, 12)).part is Part.VALUE
    assert place_at(state.model, Pos(6, 4)).part is Part.SUBKEY


def test_utf16_columns_count_surrogate_pairs() -> None:
    text = "note = 😀x"
    assert to_client_col(text, 8, UTF16) == 9  # the emoji is two UTF-16 units
    assert from_client_col(text, 9, UTF16) == 8
    assert from_client_col(text, 99, UTF16) == len(text)  # clamped to the line


def test_key_completion_offers_profile_keys_and_replaces_the_word() -> None:
    text = CONFIG + "\n[profile new]\nreg\n"
    ctx, state = document(text)
    line = text.split("\n").index("reg")
    found = completion(ctx, state, at(line, 3), UTF16)
    labels = {item.label for item in found.items}
    assert "region" in labels and "source_profile" in labels
    edit = next(item.text_edit for item in found.items if item.label == "region")
    assert isinstance(edit, types.TextEdit)
    assert (edit.range.start.character, edit.range.end.character) == (0, 3)


def test_key_documentation_comes_on_resolve_in_the_client_s_format() -> None:
    """The list carries no documentation; resolving an item finds its key in the context
    its `data` names (a nested `s3` key as well as a profile key)."""
    ctx, state = document(CONFIG + "  \n")
    for line, col, label, context in (
        (2, 0, "output", "profile"),
        (7, 2, "use_dualstack_endpoint", "s3"),
    ):
        found = completion(ctx, state, at(line, col), UTF16)
        [item] = [i for i in found.items if i.label == label]
        assert item.documentation is None and item.data == context
        markdown = types.MarkupKind.Markdown
        capabilities = types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                completion=types.CompletionClientCapabilities(
                    completion_item=types.ClientCompletionItemOptions(
                        documentation_format=[markdown]
                    )
                )
            )
        )
        done = resolve(item, capabilities)
        assert isinstance(done.documentation, types.MarkupContent)
        assert done.documentation.kind == markdown and "Documentation" in done.documentation.value
        plain = resolve(types.CompletionItem(label=label, data=context))
        assert isinstance(plain.documentation, types.MarkupContent)
        assert plain.documentation.kind == types.MarkupKind.PlainText
    for foreign in ("nowhere", 3, None):  # not ours: answered unchanged
        assert resolve(types.CompletionItem(label="region", data=foreign)).documentation is None


def test_value_completion_of_a_reference_offers_the_profiles() -> None:
    ctx, state = document()
    found = completion(ctx, state, at(4, len("source_profile = ")), UTF16)
    assert "default" in {item.label for item in found.items}


def test_a_long_list_of_names_sends_what_the_typed_text_can_match() -> None:
    """Past `VALUES_SENT` names, the list (incomplete: the editor asks again as the user types)
    holds the names that hold the typed characters in order in any case, as a fuzzy filter
    matches, prefix matches first, up to that many; never the profile itself."""
    names = [f"team-{i}" for i in range(150)] + ["ops-team-1", "Tea", "prod-x", "me-too"]
    text = "".join(f"[profile {name}]\nregion = us-east-1\n" for name in names)
    text += "[profile me]\nsource_profile = \n"
    ctx, state = document(text)
    line = text.count("\n") - 1

    def fuzzy(name: str, typed: str) -> bool:
        rest = iter(name.lower())
        return all(c in rest for c in typed.lower())

    for version, typed in enumerate(("", "te", "m-14", "otm1", "tEa-14", "TEA", "me", "zz")):
        prefixed = sorted(n for n in names if n.lower().startswith(typed.lower()))
        others = sorted(n for n in names if fuzzy(n, typed) and n not in prefixed)
        written = text[:-1] + typed + "\n"
        change = types.TextDocumentContentChangeWholeDocument(text=written)
        edited = state.edited(version + 2, [change], UTF16)
        found = completion(ctx, edited, at(line, len("source_profile = " + typed)), UTF16)
        assert [item.label for item in found.items] == (prefixed + others)[:VALUES_SENT], typed
        assert found.is_incomplete, typed  # "zz" matches nothing yet: asked again all the same
    few = "".join(f"[profile {name}]\n" for name in names[: VALUES_SENT - 1])  # and "me"
    ctx, state = document(few + "[profile me]\nsource_profile = zz\n")
    found = completion(ctx, state, at(VALUES_SENT, len("source_profile = zz")), UTF16)
    assert len(found.items) == VALUES_SENT - 1  # all but itself: the editor filters them


def test_a_credentials_header_offers_the_config_s_many_profiles_cut_the_same_way() -> None:
    config = "".join(f"[profile team-{i}]\n" for i in range(VALUES_SENT + 50)) + "[default]\n"
    credentials = "[team-7]\n[tm1"
    path = "/home/u/.aws/credentials"
    ctx = context({CONFIG_PATH: (FileKind.CONFIG, config), path: (FileKind.CREDENTIALS, "")})
    state = open_state("file://" + path, path, 1, FileKind.CREDENTIALS, credentials)
    found = completion(ctx, state, at(1, len("[tm1")), UTF16)
    names = sorted(f"team-{i}" for i in range(VALUES_SENT + 50) if "1" in str(i))
    assert [item.label for item in found.items] == ["default", *names] and found.is_incomplete
    found = completion(ctx, state, at(1, len("[")), UTF16)  # nothing typed: the first ones
    assert len(found.items) == 1 + VALUES_SENT and found.is_incomplete
    assert "team-7" not in {item.label for item in found.items}  # written already


def test_a_config_header_offers_the_credentials_many_profiles_cut_the_same_way() -> None:
    """A config header offers `profile NAME` for the credentials file's profiles not written in
    it: past `VALUES_SENT`, only those the typed text can match, the list incomplete."""
    credentials = "".join(f"[team-{i}]\n" for i in range(VALUES_SENT + 50)) + "[default]\n"
    path = "/home/u/.aws/credentials"
    config = "[profile team-7]\n[profile tm1"
    ctx = context({CONFIG_PATH: (FileKind.CONFIG, ""), path: (FileKind.CREDENTIALS, credentials)})
    state = open_state("file://" + CONFIG_PATH, CONFIG_PATH, 1, FileKind.CONFIG, config)
    found = completion(ctx, state, at(1, len("[profile tm1")), UTF16)
    profiles = {i.label for i in found.items if i.label.startswith("profile ")} - {"profile "}
    wanted = {f"profile team-{i}" for i in range(VALUES_SENT + 50) if "1" in str(i)}
    assert profiles == wanted and found.is_incomplete
    found = completion(ctx, state, at(1, len("[")), UTF16)  # nothing typed: the first ones
    profiles = {i.label for i in found.items if i.label.startswith("profile ")} - {"profile "}
    assert len(profiles) == VALUES_SENT and "profile team-7" not in profiles  # written already
    assert "profile default" not in profiles and found.is_incomplete


@settings(max_examples=60, deadline=None)
@given(
    names=st.sets(st.text("aAbB-._1\\[ ]é", min_size=1, max_size=8), min_size=VALUES_SENT + 1),
    typed=st.text("aAbB-._1\\[ ]é", max_size=4),
)
def test_a_cut_list_is_what_a_fuzzy_filter_can_match(names: set[str], typed: str) -> None:
    listed = sorted((name, "") for name in names)
    skip = listed[len(listed) // 2][0]
    rest = [name for name, _ in listed if name != skip]

    def fuzzy(name: str) -> bool:
        left = iter(name.lower())
        return all(c in left for c in typed.lower())

    prefixed = [name for name in rest if name.lower().startswith(typed.lower())]
    others = [name for name in rest if fuzzy(name) and name not in prefixed]
    cut: list[bool] = []
    got = [name for name, _ in _fitting(listed, typed, (skip,), cut)]
    assert got == (prefixed + others)[:VALUES_SENT] and cut


def test_names_are_gathered_again_only_when_an_edit_changes_a_header() -> None:
    """An edit that keeps every header keeps the file's names (the same list); one that adds,
    renames or removes a header is seen at once, wherever it is."""
    text = "[profile a]\nregion = us-east-1\n\n[profile b]\nsource_profile = a\n"
    ctx, state = document(text)
    before = names_of(ctx, state, Context.PROFILE)
    assert [name for name, _ in before] == ["a", "b"]

    def edit(state: DocumentState, line: int, col: int, end: int, new: str) -> DocumentState:
        where = types.Range(start=at(line, col), end=at(line, end))
        change = types.TextDocumentContentChangePartial(range=where, text=new)
        return state.edited((state.version or 0) + 1, [change], UTF16)

    typed = edit(state, 4, 18, 18, "x")  # a value: the names stay
    assert names_of(ctx, typed, Context.PROFILE) is before
    for changed, expected in (
        (edit(typed, 2, 0, 0, "[profile c]"), ["a", "b", "c"]),  # a header on a blank line
        (edit(typed, 0, 9, 10, "z"), ["b", "z"]),  # a header renamed
        (edit(typed, 3, 0, 1, ""), ["a"]),  # a header no more: its lines join [profile a]
        (edit(typed, 0, 0, 0, "[sso-session s]\n"), ["a", "b"]),  # another group's name
    ):
        assert [name for name, _ in names_of(ctx, changed, Context.PROFILE)] == expected
        assert [name for name, _ in names_of(ctx, typed, Context.PROFILE)] == ["a", "b"]
    added = edit(typed, 2, 0, 0, "[sso-session s]")
    assert [name for name, _ in names_of(ctx, added, Context.SSO_SESSION)] == ["s"]

    def offers_default(state: DocumentState) -> bool:
        """Whether a new header is offered `[default]` (only while no section is named so)."""
        line = state.tree.line_count - 1
        assert state.tree.line(line).text == "[]"
        return "default" in {i.label for i in completion(ctx, state, at(line, 1), UTF16).items}

    state = typed = edit(typed, 5, 0, 0, "[]")  # the names written, patched edit by edit
    assert offers_default(state)
    for line, col, end, new, offered in (
        (0, 1, 10, "default", False),  # [profile a] becomes [default]
        (3, 1, 10, "default", False),  # [profile b] too: two sections write it
        (0, 1, 8, "profile a", False),  # one is left
        (3, 1, 8, "x", True),  # none
        (3, 1, 2, "default", False),
    ):
        state = edit(state, line, col, end, new)
        assert offers_default(state) is offered, new
        assert offers_default(typed)  # the version before all of them, asked again


def test_hover_on_a_key_says_what_boto3_uses() -> None:
    ctx, state = document()
    shown = hover(ctx, state, at(1, 2), UTF16)
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "us-east-1" in shown.contents.value


def test_definition_goes_to_the_section_a_reference_names() -> None:
    ctx, state = document()
    found = definition(ctx, state, at(4, len("source_profile = d")), UTF16)
    assert [(loc.uri.rsplit("/", 1)[-1], loc.range.start.line) for loc in found] == [("config", 0)]
    assert definition(ctx, state, at(1, 2), UTF16) == []


def test_a_value_longer_than_every_name_matches_none_without_a_pattern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pasted 100,000-character value in a long list's place: no name can hold it, and no
    pattern is made of it (one of that size took seconds to compile)."""
    from aws_config_ls.lsp import completion as module

    def no_pattern(*_: object) -> None:
        raise AssertionError("a pattern was searched")

    monkeypatch.setattr(module, "re", SimpleNamespace(escape=re.escape, finditer=no_pattern))
    names = [(f"team-{i}", "profiles") for i in range(VALUES_SENT + 5)]
    cut: list[bool] = []
    assert list(_fitting(names, "x" * 100_000, (), cut)) == [] and cut
