"""Completion edits replace exactly the token under the cursor: pure functions, no server.

A case is a line of a file with the cursor `|` and the expected token between `‹` and `›`
(no `‹›`: nothing may be offered there). The sweep checks every position of a realistic pair of
files against an independent reading of what the token is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import client_capabilities

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import DocumentState, open_state
from aws_config_ls.lsp.settings import Settings
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace
from tests.support.completion import completion

UTF16 = types.PositionEncodingKind.Utf16
VSCODE = client_capabilities("visual-studio-code")  # InsertReplaceEdit
NEOVIM = client_capabilities("neovim@v0.9.1")  # plain TextEdit
DEFAULTS = client_capabilities("neovim")  # takes the edit range from the list (itemDefaults)
# A client with both: one InsertReplace range for the whole list.
BOTH = client_capabilities("visual-studio-code")
assert BOTH.text_document is not None and BOTH.text_document.completion is not None
BOTH.text_document.completion.completion_list = types.CompletionListCapabilities(
    item_defaults=["editRange"]
)
CLIENTS = pytest.mark.parametrize(
    "capabilities",
    [NEOVIM, VSCODE, DEFAULTS, BOTH],
    ids=["TextEdit", "InsertReplace", "ListRange", "ListInsertReplace"],
)


def edit_of(
    result: types.CompletionList, item: types.CompletionItem
) -> types.TextEdit | types.InsertReplaceEdit:
    """The edit a client applies for `item`: its own, else the list's range with the item's
    `textEditText` or label (LSP 3.17 `CompletionList.itemDefaults`)."""
    if item.text_edit is not None:
        return item.text_edit
    defaults = result.item_defaults
    assert defaults is not None and defaults.edit_range is not None, item.label
    text = item.text_edit_text or item.label
    where = defaults.edit_range
    if isinstance(where, types.EditRangeWithInsertReplace):
        return types.InsertReplaceEdit(new_text=text, insert=where.insert, replace=where.replace)
    return types.TextEdit(range=where, new_text=text)


CONFIG = """\
# work accounts
[default]
region = eu-west-1
output = json

[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = us-east-2

[profile prod-admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = dev
retry_mode = standard
s3 =
  addressing_style = path
  use_accelerate_endpoint = true

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[services local]
s3 =
  endpoint_url = http://localhost:4566

[profile local]
services = local
"""

CREDENTIALS = """\
[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
"""


def _state(tmp_path: Path, kind: FileKind, text: str) -> tuple[ServerContext, DocumentState]:
    config, credentials = tmp_path / "config", tmp_path / "credentials"
    config.write_text(CONFIG if kind is not FileKind.CONFIG else "")
    credentials.write_text(CREDENTIALS if kind is not FileKind.CREDENTIALS else "")
    env = Environment(
        {
            "HOME": str(tmp_path),
            "AWS_CONFIG_FILE": str(config),
            "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
        }
    )
    path = str(config if kind is FileKind.CONFIG else credentials)
    state = open_state(Path(path).as_uri(), path, 1, kind, text)

    def load(p: str, k: FileKind) -> Model | None:
        if p == path:
            return state.model if k is kind else Model(state.tree, k, p)
        return Model.from_text(Path(p).read_text(), k, p) if Path(p).exists() else None

    return ServerContext(Settings(), Workspace(env, load)), state


def _case(line: str) -> tuple[str, int, tuple[int, int] | None]:
    """The line without markers, the cursor column and the token's columns (None: none)."""
    start = line.find("‹")
    plain = line.replace("‹", "").replace("›", "")
    cursor = plain.index("|")
    plain = plain.replace("|", "")
    if start < 0:
        return plain, cursor, None
    marked = line.replace("|", "")
    return plain, cursor, (marked.index("‹"), marked.index("›") - 1)


def _complete(
    tmp_path: Path,
    before: str,
    line: str,
    kind: FileKind = FileKind.CONFIG,
    capabilities: types.ClientCapabilities = NEOVIM,
) -> tuple[types.CompletionList, int, int, tuple[int, int] | None]:
    text, cursor, token = _case(line)
    n = before.count("\n")
    ctx, state = _state(tmp_path, kind, before + text + "\n")
    result = completion(ctx, state, types.Position(line=n, character=cursor), UTF16, capabilities)
    return result, n, cursor, token


CASES = [
    # headers: the name inside the brackets, never `[`, `]` or the spaces around the name
    ("", "[‹|›"),
    ("", "[‹p|›"),
    ("", "[‹p|›]"),
    ("", "[‹profile d|›]"),
    ("", "[ ‹pro|file dev› ]"),
    ("", "[‹sso-ses|›"),
    # keys: the key as written, on a new line or on a line that has a value already
    ("[default]\n", "‹r|›"),
    ("[default]\n", "‹reg|›"),
    ("[default]\n", "‹reg|ion› = eu-west-1"),
    ("[default]\n", "‹region|› = eu-west-1"),
    ("[default]\n", "region |= eu-west-1"),
    ("[default]\n", "region |"),
    ("[default]\n", "‹|›"),
    # values: after the `=` and its spaces, the first word only
    ("[default]\n", "region =|"),
    ("[default]\n", "region = ‹|›"),
    ("[default]\n", "region =  ‹|›"),
    ("[default]\n", "region = ‹e|›"),
    ("[default]\n", "region = ‹eu-|west-1›"),
    ("[default]\n", "region = ‹eu-|west-1› # ireland"),
    ("[default]\n", "region =| eu-west-1"),
    ("[default]\n", "region = eu-west-1 |"),
    ("[default]\n", "region:‹e|›"),
    ("[default]\n", "output = ‹y|›"),
    ("[default]\n", "retry_mode = ‹st|›"),
    ("[default]\n", "use_fips_endpoint = ‹t|›"),
    # references
    ("[profile x]\n", "source_profile = ‹d|›"),
    ("[sso-session corp]\n[profile x]\n", "sso_session = ‹c|›"),
    ("[services local]\n[profile x]\n", "services = ‹l|›"),
    # nested keys and values
    ("[profile x]\ns3 =\n", "  ‹add|›"),
    ("[profile x]\ns3 =\n", "  ‹addr|essing_style› = path"),
    ("[profile x]\ns3 =\n", "  addressing_style = ‹v|›"),
    ("[profile x]\ns3 =\n", "  addressing_style =|"),
    ("[profile x]\ns3 =\n", "  addressing_style = ‹|›"),
]


@CLIENTS
@pytest.mark.parametrize(("before", "line"), CASES)
def test_every_edit_replaces_exactly_the_token(
    tmp_path: Path, before: str, line: str, capabilities: types.ClientCapabilities
) -> None:
    result, n, cursor, token = _complete(tmp_path, before, line, capabilities=capabilities)
    if token is None:
        assert not result.items
        return
    start, end = token
    assert result.items, line
    listed = capabilities in (DEFAULTS, BOTH)
    assert (result.item_defaults is not None) is listed
    for item in result.items:
        assert (item.text_edit is None) is listed  # never both: the item's own edit would win
        edit = edit_of(result, item)
        if isinstance(edit, types.InsertReplaceEdit):
            assert capabilities in (VSCODE, BOTH)
            replace = edit.replace
            assert (edit.insert.start, edit.insert.end) == (
                types.Position(n, start),
                types.Position(n, cursor),
            )
        else:
            assert isinstance(edit, types.TextEdit)
            replace = edit.range
        # two ranges only when inserting and replacing differ: text of the token after the
        # cursor (at its end, one range says the same in fewer bytes)
        assert isinstance(edit, types.InsertReplaceEdit) is (
            capabilities in (VSCODE, BOTH) and cursor < end
        )
        assert (replace.start, replace.end) == (types.Position(n, start), types.Position(n, end))
        assert item.insert_text is None


def test_source_profile_does_not_offer_the_profile_itself(tmp_path: Path) -> None:
    before = CONFIG + "\n[profile new]\n"
    result, *_ = _complete(tmp_path, before, "source_profile = ‹|›")
    labels = {i.label for i in result.items}
    assert {"dev", "prod-admin", "base"} <= labels and "new" not in labels


def test_regions_show_their_name_and_the_ones_in_use_come_first(tmp_path: Path) -> None:
    result, *_ = _complete(tmp_path, CONFIG + "\n[profile new]\n", "region = ‹|›")
    by_label = {i.label: i for i in result.items}
    ireland = by_label["eu-west-1"]
    assert ireland.label_details is not None
    assert ireland.label_details.description == "Europe (Ireland)"
    assert ireland.detail is not None and "Europe (Ireland)" in ireland.detail
    ordered = sorted(result.items, key=lambda i: i.sort_text or i.label)
    assert {i.label for i in ordered[:2]} == {"eu-west-1", "us-east-2"}


@pytest.mark.parametrize(
    "line",
    [
        "region = ‹eu-west-1|›",
        "output = ‹json|›",
        "source_profile = ‹base|›",
        "‹region|›",
        "[‹profile |›]",
        "[‹default|›",
    ],
)
def test_nothing_is_offered_once_the_token_equals_an_item(tmp_path: Path, line: str) -> None:
    """Enter after a complete value must insert a new line, not accept the same text."""
    result, *_ = _complete(tmp_path, "[profile x]\n", line)
    assert not result.items and not result.is_incomplete


def test_values_are_incomplete_keys_and_headers_are_not(tmp_path: Path) -> None:
    value, *_ = _complete(tmp_path, "[default]\n", "region = ‹eu|›")
    key, *_ = _complete(tmp_path, "[default]\n", "‹reg|›")
    header, *_ = _complete(tmp_path, "", "[‹p|›]")
    assert value.is_incomplete and not key.is_incomplete and not header.is_incomplete


def test_header_items_close_the_bracket_only_when_it_is_missing(tmp_path: Path) -> None:
    open_, *_ = _complete(tmp_path, "", "[‹d|›")
    closed, *_ = _complete(tmp_path, "", "[‹d|›]")
    [a] = [i.text_edit.new_text for i in open_.items if i.label == "default"]  # type: ignore[union-attr]
    [b] = [i.text_edit.new_text for i in closed.items if i.label == "default"]  # type: ignore[union-attr]
    assert (a, b) == ("default]", "default")


def test_credentials_headers_name_config_profiles(tmp_path: Path) -> None:
    result, *_ = _complete(tmp_path, "", "[‹|›", FileKind.CREDENTIALS)
    assert "dev" in {i.label for i in result.items}


def _token_oracle(text: str, col: int) -> tuple[int, int] | None:
    """An independent reading of the token a completion may replace at `col`."""
    stripped = text.lstrip()
    if not stripped or stripped[0] in "#;":
        return (col, col) if not stripped else None
    if stripped.startswith("["):
        close = text.rfind("]")
        inner_end = close if close > 0 else len(text)
        start = text.index("[") + 1
        while start < inner_end and text[start] == " ":
            start += 1
        stop = inner_end
        while stop > start and text[stop - 1] == " ":
            stop -= 1
        return (start, max(stop, col)) if start <= col <= max(stop, col) <= inner_end else None
    cut = min((i for i in (text.find("="), text.find(":")) if i >= 0), default=-1)
    if cut < 0 or col <= cut:  # the key: the first word
        first = len(text) - len(stripped)
        end = first
        while end < len(text) and not text[end].isspace() and text[end] not in "=:":
            end += 1
        return (first, end) if first <= col <= end else None
    start = cut + 1
    while start < len(text) and text[start].isspace():
        start += 1
    if start == len(text):
        return (col, col) if col > cut + 1 else None
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return (start, end) if start <= col <= end else None


@pytest.mark.parametrize("capabilities", [VSCODE, BOTH], ids=["InsertReplace", "ListDefaults"])
@pytest.mark.parametrize("kind", [FileKind.CONFIG, FileKind.CREDENTIALS])
def test_every_position_of_a_realistic_file(
    tmp_path: Path, kind: FileKind, capabilities: types.ClientCapabilities
) -> None:
    text = CONFIG if kind is FileKind.CONFIG else CREDENTIALS
    ctx, state = _state(tmp_path, kind, text)
    offered = 0
    for n, line in enumerate(text.splitlines()):
        for col in range(len(line) + 1):
            result = completion(ctx, state, types.Position(n, col), UTF16, capabilities)
            if not result.items:
                continue
            offered += 1
            token = _token_oracle(line, col)
            assert token is not None, (line, col)
            for item in result.items:
                edit = edit_of(result, item)
                if col < token[1]:  # text after the cursor: inserting keeps it
                    assert isinstance(edit, types.InsertReplaceEdit)
                    got = (edit.replace.start, edit.replace.end)
                    assert edit.insert.end == types.Position(n, col)
                else:  # at the token's end inserting and replacing are one range
                    assert isinstance(edit, types.TextEdit)
                    got = (edit.range.start, edit.range.end)
                want = (types.Position(n, token[0]), types.Position(n, token[1]))
                assert got == want, (line, col, item.label)
                replaced = line[token[0] : token[1]]
                assert "=" not in replaced and "[" not in replaced and "]" not in replaced
    assert offered > 20


def test_edits_count_columns_in_the_negotiated_encoding(tmp_path: Path) -> None:
    """`😀` is two UTF-16 units: the token after it starts one column later than in code points."""
    text = "[profile x]\nsource_profile = 😀 \n[profile 😀d\n"
    ctx, state = _state(tmp_path, FileKind.CONFIG, text)
    result = completion(ctx, state, types.Position(line=2, character=12), UTF16, NEOVIM)
    assert result.items
    for item in result.items:
        assert isinstance(item.text_edit, types.TextEdit)
        assert (item.text_edit.range.start.character, item.text_edit.range.end.character) == (1, 12)
    utf32 = types.PositionEncodingKind.Utf32
    result = completion(ctx, state, types.Position(line=2, character=11), utf32, NEOVIM)
    assert result.items
    for item in result.items:
        assert isinstance(item.text_edit, types.TextEdit)
        assert (item.text_edit.range.start.character, item.text_edit.range.end.character) == (1, 11)


@CLIENTS
def test_the_empty_line_after_the_final_newline_offers_keys(
    tmp_path: Path, capabilities: types.ClientCapabilities
) -> None:
    ctx, state = _state(tmp_path, FileKind.CONFIG, "[profile dev]\nregoin = us-west-2\n")
    result = completion(ctx, state, types.Position(line=2, character=0), UTF16, capabilities)
    labels = {item.label for item in result.items}
    assert "region" in labels and "sso_session" in labels
    for item in result.items:
        edit = edit_of(result, item)
        where = edit.replace if isinstance(edit, types.InsertReplaceEdit) else edit.range
        assert (where.start, where.end) == (types.Position(2, 0), types.Position(2, 0))
    [region] = [item for item in result.items if item.label == "region"]
    assert edit_of(result, region).new_text == "region = "  # a key comes with its delimiter


def test_list_defaults_leave_each_item_only_its_text(tmp_path: Path) -> None:
    """With `itemDefaults.editRange`, the range is sent once; an item whose text is its label
    carries no text at all, the others their `textEditText`."""
    ctx, state = _state(tmp_path, FileKind.CONFIG, "[profile dev]\nreg\n")
    result = completion(ctx, state, types.Position(line=1, character=3), UTF16, DEFAULTS)
    assert result.item_defaults is not None
    assert result.item_defaults.edit_range == types.Range(
        start=types.Position(1, 0), end=types.Position(1, 3)
    )
    by_label = {item.label: item for item in result.items}
    assert by_label["region"].text_edit_text == "region = "
    assert all(item.text_edit is None and item.insert_text is None for item in result.items)
    header = completion(ctx, state, types.Position(line=0, character=3), UTF16, DEFAULTS)
    assert any(item.text_edit_text is None for item in header.items)  # its bracket is written
