"""Formatting never changes what botocore reads: differential over generated files, and fixed
points (formatting twice is formatting once)."""

from __future__ import annotations

from pathlib import Path

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

MESSY = """

[default]
region=us-east-1~~~
output   :   json
[profile dev]
  source_profile=default
  role_arn = arn:aws:iam::123456789012:role/Dev
s3 =
      addressing_style=path
    max_concurrent_requests   =   20
# a comment, kept as written~~~
[profile x]
  a = 1
 b = 2
d = multi
   line


   value



[profile y]
k = v""".replace("~", " ")  # trailing blanks

TIDY = """[default]
region = us-east-1
output : json

[profile dev]
source_profile = default
role_arn = arn:aws:iam::123456789012:role/Dev
s3 =
  addressing_style = path
  max_concurrent_requests = 20
# a comment, kept as written
[profile x]
a = 1
b = 2
d = multi
  line


  value

[profile y]
k = v
"""


def formatted(text: str, kind: FileKind = FileKind.CONFIG) -> str:
    result = format_text(Model.from_text(text, kind))
    assert not isinstance(result, Refusal)
    return result


def test_a_messy_file() -> None:
    assert formatted(MESSY) == TIDY
    assert formatted(TIDY) == TIDY
    assert format_edits(Model.from_text(TIDY, FileKind.CONFIG)) == []


def test_blank_lines_inside_a_value_stay() -> None:
    text = "[a]\nk =\n  x = 1\n\n\n  y = 2\n"
    assert formatted(text) == text
    assert formatted("[a]\nk = 1\n\n\n\n[b]\n\n\nj = 2\n\n\n") == "[a]\nk = 1\n\n[b]\n\nj = 2\n"


def test_crlf_and_a_missing_final_newline() -> None:
    assert formatted("[a]\r\nk=1\r\n[b]\r\nj=2") == "[a]\r\nk = 1\r\n\r\n[b]\r\nj = 2\r\n"


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
    messy, tidy, broken = tmp_path / "config", tmp_path / "tidy" / "config", tmp_path / "bad"
    tidy.parent.mkdir()
    messy.write_bytes(MESSY.encode())
    tidy.write_bytes(TIDY.encode())
    broken.write_text("[a]\nk=1\n[a]\n")
    check = run("format", "--check", str(messy), str(tidy))
    assert check.returncode == 1 and "would reformat" in check.stderr
    assert str(tidy) not in check.stderr and messy.read_bytes() == MESSY.encode()
    done = run("format", str(messy), str(tidy))
    assert done.returncode == 0, done.stderr
    assert messy.read_bytes() == TIDY.encode() and tidy.read_bytes() == TIDY.encode()
    assert run("format", "--check", str(messy)).returncode == 0
    refused = run("format", "--kind", "config", str(broken))
    assert refused.returncode == 1 and "DuplicateSectionError" in refused.stderr
    assert broken.read_text() == "[a]\nk=1\n[a]\n"
    assert run("format", str(tmp_path / "missing")).returncode == 2
