"""Formatting never changes what botocore reads: differential over generated files, and fixed
points (formatting twice is formatting once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from aws_config_ls.edit.formatting import format_edits, format_text
from aws_config_ls.edit.refusal import Refusal
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from tests.support.oracle import botocore_parse
from tests.support.profiles import examples
from tests.support.strategies import ini_bytes, ini_lines
from tests.test_cli import run

# One case for each rule in formatting.py's docstring: (as written, formatted).
CASES = {
    "one space each side of a delimiter": (
        "[default]\nregion=us-east-1\noutput   :   json\n",
        "[default]\nregion = us-east-1\noutput : json\n",
    ),
    "no trailing whitespace, comments kept": (
        "[default]  \nregion = x \t\n# a comment, kept as written  \n",
        "[default]\nregion = x\n# a comment, kept as written\n",
    ),
    "keys at column 0, nested lines by two": (
        "[profile dev]\n  source_profile=default\ns3 =\n      addressing_style=path\n"
        "    max_concurrent_requests   =   20\n[x]\n  a = 1\n b = 2\n",
        "[profile dev]\nsource_profile = default\ns3 =\n  addressing_style = path\n"
        "  max_concurrent_requests = 20\n\n[x]\na = 1\nb = 2\n",
    ),
    "continuation lines by two, blank lines inside a value kept": (
        "[a]\nd = multi\n   line\n\n\n   value\nk =\n  x = 1\n\n\n  y = 2\n",
        "[a]\nd = multi\n  line\n\n\n  value\nk =\n  x = 1\n\n\n  y = 2\n",
    ),
    "blank runs to one, none at the start or end": (
        "\n\n[a]\nk = 1\n\n\n\n[b]\n\n\nj = 2\n\n\n",
        "[a]\nk = 1\n\n[b]\n\nj = 2\n",
    ),
    "a blank line before a header after content, not after a comment": (
        "[a]\nk = 1\n[b]\nj = 2\n# about c\n[c]\n",
        "[a]\nk = 1\n\n[b]\nj = 2\n# about c\n[c]\n",
    ),
    "a final newline, in the file's own line endings": (
        "[a]\r\nk=1\r\n[b]\r\nj=2",
        "[a]\r\nk = 1\r\n\r\n[b]\r\nj = 2\r\n",
    ),
}


def formatted(text: str, kind: FileKind = FileKind.CONFIG) -> str:
    result = format_text(Model.from_text(text, kind))
    assert not isinstance(result, Refusal)
    return result


@pytest.mark.parametrize(("written", "tidy"), CASES.values(), ids=CASES.keys())
def test_formatting_rules(written: str, tidy: str) -> None:
    assert formatted(written) == tidy
    assert formatted(tidy) == tidy
    assert format_edits(Model.from_text(tidy, FileKind.CONFIG)) == []


def test_range_formats_only_the_blocks_it_touches() -> None:
    model = Model.from_text("[a]\nk=1\n[b]\nj=2\n[c]\nl=3\n", FileKind.CONFIG)
    edits = format_edits(model, 2, 3)
    assert not isinstance(edits, Refusal)
    assert [(e.start, e.end, e.text) for e in edits] == [(2, 4, "[b]\nj = 2\n\n")]


def test_a_file_botocore_refuses_is_not_formatted() -> None:
    refused = format_edits(Model.from_text("[a]\nk=1\n[a]\n", FileKind.CONFIG))
    assert isinstance(refused, Refusal) and "DuplicateSectionError" in refused.message


@settings(max_examples=examples(3000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ini_bytes(), st.sampled_from(list(FileKind)))
def test_formatting_keeps_botocores_reading(data: bytes, kind: FileKind) -> None:
    model = Model.from_bytes(data, kind)
    result = format_text(model)
    before = botocore_parse(data, kind is FileKind.CONFIG)
    if isinstance(result, Refusal):
        assert "error" in before
        event("refused")
        return
    event("changed" if result != model.tree.text() else "unchanged")
    after = botocore_parse(result.encode("utf-8", errors="surrogatepass"), kind is FileKind.CONFIG)
    assert after == before
    assert formatted(result, kind) == result


@settings(max_examples=examples(1000), deadline=None)
@given(ini_lines())
def test_formatting_is_a_fixed_point_after_one_pass(lines: list[str]) -> None:
    model = Model.from_text("\n".join(lines), FileKind.CONFIG)
    once = format_text(model)
    if not isinstance(once, Refusal):
        assert formatted(once) == once


def test_cli_formats_in_place_and_checks(tmp_path: Path) -> None:
    written, expected = CASES["keys at column 0, nested lines by two"]
    messy, tidy, broken = tmp_path / "config", tmp_path / "tidy" / "config", tmp_path / "bad"
    tidy.parent.mkdir()
    messy.write_bytes(written.encode())
    tidy.write_bytes(expected.encode())
    broken.write_text("[a]\nk=1\n[a]\n")
    check = run("format", "--check", str(messy), str(tidy))
    assert check.returncode == 1 and "would reformat" in check.stderr
    assert str(tidy) not in check.stderr and messy.read_bytes() == written.encode()
    done = run("format", str(messy), str(tidy))
    assert done.returncode == 0, done.stderr
    assert messy.read_bytes() == expected.encode() and tidy.read_bytes() == expected.encode()
    assert run("format", "--check", str(messy)).returncode == 0
    refused = run("format", "--kind", "config", str(broken))
    assert refused.returncode == 1 and "DuplicateSectionError" in refused.stderr
    assert broken.read_text() == "[a]\nk=1\n[a]\n"
    assert run("format", str(tmp_path / "missing")).returncode == 2
