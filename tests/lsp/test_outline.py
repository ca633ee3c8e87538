"""The outline of a very large file lists its sections only (a reply must stay fast)."""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.lsp.documents import open_state
from aws_config_ls.lsp.symbols import OUTLINE_LIMIT, symbols


def outline(profiles: int) -> list[types.DocumentSymbol]:
    text = "".join(f"[profile p{i}]\nregion = us-east-1\n" for i in range(profiles))
    state = open_state("file:///w/config", "/w/config", 1, FileKind.CONFIG, text)
    return symbols(state, types.PositionEncodingKind.Utf16)


def test_keys_under_sections_up_to_the_limit_then_sections_only() -> None:
    small = outline(OUTLINE_LIMIT // 2)
    assert all(s.children and s.children[0].name == "region" for s in small)
    large = outline(OUTLINE_LIMIT // 2 + 1)
    assert len(large) == OUTLINE_LIMIT // 2 + 1 and all(not s.children for s in large)
