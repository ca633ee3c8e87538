"""The syntax tree is lossless, never raises, and an edit equals a fresh parse."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.span import Pos
from aws_config_ls.ini.syntax import Kind, SyntaxTree
from tests.support.profiles import examples
from tests.support.strategies import ini_bytes
from tests.test_parse_differential import assert_agrees

TEXTS = ini_bytes().map(lambda b: b.decode("utf-8", errors="surrogateescape"))


def shape(tree: SyntaxTree) -> list[tuple[object, ...]]:
    return [
        (
            line.kind,
            line.text,
            line.eol,
            line.indent,
            line.k0,
            line.k1,
            line.delim,
            line.v0,
            line.v1,
        )
        for line in tree.lines()
    ]


@settings(max_examples=examples(500), deadline=None)
@given(st.one_of(TEXTS, st.text()))
def test_round_trip_and_never_raises(text: str) -> None:
    tree = SyntaxTree.parse(text)
    assert tree.text() == text
    model = Model(tree, FileKind.CONFIG)
    model.failure  # noqa: B018 - computing it must not raise
    if model.failure is None:
        model.config()


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, Pos, Pos, str]:
    text = draw(TEXTS)
    tree = SyntaxTree.parse(text)
    lines = tree.lines()
    count = max(1, len(lines))
    a = draw(st.integers(0, count))
    b = draw(st.integers(a, min(count, a + 3)))

    def col(n: int) -> int:
        return draw(st.integers(0, len(lines[n].text) + 1)) if n < len(lines) else 0

    start, end = Pos(a, col(a)), Pos(b, col(b))
    if end < start:
        end = start
    insert = draw(
        st.sampled_from(
            [
                "",
                "x",
                "[",
                "\n",
                "\r",
                "\r\n",
                "[profile q]\n",
                "  a = 1\n",
                "]",
                "=",
                "#",
                "\n[default]",
                "  ",
            ]
        )
    )
    return text, start, end, insert


def _apply(text: str, start: Pos, end: Pos, insert: str) -> str:
    tree = SyntaxTree.parse(text)
    lines = tree.lines()
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.text) + len(line.eol))

    def offset(p: Pos) -> int:
        if p.line >= len(lines):
            return len(text)
        line = lines[p.line]
        return offsets[p.line] + min(p.col, len(line.text) + len(line.eol))

    s, e = offset(start), offset(end)
    return text[:s] + insert + text[max(s, e) :]


@settings(max_examples=examples(500), deadline=None)
@given(edits())
def test_incremental_edit_equals_fresh_parse(case: tuple[str, Pos, Pos, str]) -> None:
    text, start, end, insert = case
    edited = SyntaxTree.parse(text).edit(start, end, insert)
    expected = _apply(text, start, end, insert)
    assert edited.text() == expected
    assert shape(edited) == shape(SyntaxTree.parse(expected))


def test_line_parts_have_exact_columns() -> None:
    tree = SyntaxTree.parse("[profile dev]\n\tRegion : us-east-1 # x \n  more\n# c\n\n")
    header, entry, cont, comment, blank = tree.lines()
    assert header.kind is Kind.HEADER and header.key == "profile dev"
    assert entry.kind is Kind.ENTRY and entry.key == "Region" and entry.text[entry.delim] == ":"
    assert entry.value == "us-east-1 # x"
    assert cont.kind is Kind.CONTINUATION and cont.value == "more"
    assert comment.kind is Kind.COMMENT and blank.kind is Kind.BLANK


def test_edit_reuses_untouched_blocks() -> None:
    text = "".join(f"[profile p{i}]\nregion = us-east-1\n" for i in range(100))
    tree = SyntaxTree.parse(text)
    edited = tree.edit(Pos(101, 9), Pos(101, 10), "w")
    reused = sum(a is b for a, b in zip(tree.blocks, edited.blocks, strict=True))
    assert reused >= 97


def test_hostile_inputs_agree_with_botocore() -> None:
    for data in (
        b"a" * 1_000_000,
        b"[default]\nx = " + b"y" * 1_000_000,
        bytes(range(256)) * 4000,
        b"\r" * 200_000,
        b"[" * 100_000 + b"]",
    ):
        assert_agrees(data)
