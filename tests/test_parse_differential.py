"""Our parse equals botocore's raw_config_parse and load_config, or fails the same way."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from aws_config_ls.cli import parse_result
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from tests.support.oracle import botocore_parse
from tests.support.profiles import examples
from tests.support.strategies import ini_bytes


def ours(data: bytes, kind: FileKind) -> dict[str, Any]:
    model = Model.from_bytes(data, kind, "<path>")
    return parse_result(model, show_secrets=True)


def assert_agrees(data: bytes, kind: FileKind = FileKind.CONFIG) -> None:
    expected = botocore_parse(data, kind is FileKind.CONFIG)
    actual = ours(data, kind)
    if "error" not in expected:
        assert actual == expected, data
        # dictionaries in the same order, too
        assert list(actual["sections"]) == list(expected["sections"])
        return
    assert "error" in actual, (data, expected)
    want, got = expected["error"], actual["error"]
    assert got["type"] == want["type"], (data, want, got)
    if want["line"] is not None:
        assert got["line"] == want["line"], (data, want, got)
    if want["type"] != "UnicodeDecodeError":
        assert got["message"] == want["message"], (data, want, got)
    else:
        assert got["message"] == want["message"] or "codec can't decode" in got["message"]


@settings(max_examples=examples(2500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ini_bytes())
def test_generated_files_agree_with_botocore(data: bytes) -> None:
    assert_agrees(data)


@settings(max_examples=examples(300), deadline=None)
@given(ini_bytes())
def test_generated_credentials_files_agree_with_botocore(data: bytes) -> None:
    assert_agrees(data, FileKind.CREDENTIALS)


# Every row of botocore-semantics.md §1.3-§1.5, plus corners found while building.
CASES = [
    b"[default]\na = 1\n[default]\nb = 2\n",
    b"[default]\na = 1\na = 2\n",
    b"[default]\nRegion=1\nregion=2\n",
    b"region = us-east-1\n",
    b"[default]\nfoo\n",
    b"[default]\n= 1\n",
    b"[default]\n= 1\n= 2\n",
    b"[default\n",
    b"[]\n",
    b"[default]\n[default\n",
    b"[default]\n[]\n",
    b"[default] # c\na=1\n",
    b"[profile a]b]\nx=1\n",
    b"[default]\na = 1\n  more\n\tmore2\n",
    b"[default]\na = 1\n  b = 2\n",
    b"[default]\n\ta = 1\n",
    b"[default]\na=1\n  [profile x]\n",
    b"  [default]\na=1\n",
    b"[default]\ns3 =\n  # c\n  addressing_style = path\n",
    b"[default]\na =\nb=\n",
    b'[default]\na = "quoted"\n',
    b"[default]\na = 1   \nb =\t1\t\n",
    b"[default]\nmy key = 1\n",
    b"[default]\r\na=1\r\n[profile p]\rb=2\r",
    b"\xef\xbb\xbf[default]\na=1\n",
    b"[default]\na=\xe9\n",
    b"\xff\xfe[\x00d\x00",
    b"[default]\na=1\x00\n",
    b"[default]\na=" + b"x" * 100_000 + b"\n",
    b"",
    b"# only a comment\n; another\n",
    b"[DEFAULT]\nregion=x\n[default]\na=1\n[profile p]\nb=2\n",
    b"[DEFAULT]\nregion=x\n",
    b"[DEFAULT]\na=1\n[DEFAULT]\na=2\n[x]\n",
    b"[DEFAULT]\na=1\n[DEFAULT]\nb=2\n[x]\n",
    b"[default]\ns3 =\n  addressing_style = path\n  signature_version = s3v4\n",
    b"[default]\ns3 =\n  addressing_style : path\n",
    b"[default]\ns3 =\n  no equals\n",
    b"[default]\ns3 = x\n  a = 1\n",
    b"[default]\ns3 =\n  = x\n",
    b"[default]\ns3 =\n  a =\n",
    b"[default]\ns3 =\n  a = 1\n  a = 2\n",
    b"[default]\na =\n    b = 1\n",
    b"[default]\ns3 =\n  Addressing_Style = path\nS3X =\n  a=1\n",
    b"[default]\na =\n\n  b = 1\n",
    b"[DEFAULT]\ns3 =\n  bad\n[default]\nx=1\n",
    b"[DEFAULT]\ns3 =\n  bad\n",
    b"[DEFAULT]\ns3 =\n  bad\n[default]\ns3=1\n",
    b"[default]\na=1\n[profile default]\na=2\n",
    b"[profile default]\na=2\n[default]\na=1\n",
    b"[profile foo]\na=1\n[profile\tfoo]\nb=1\n",
    b"[profile  foo ]\na=1\n",
    b"[profile \"my p\"]\na=1\n[profile 'a b']\nb=1\n[profile a\\ b]\nc=1\n",
    b"[profile my p]\na=1\n[profile it's]\nb=1\n[profile]\nc=1\n[profilefoo]\nd=1\n",
    b"[profile-x]\na=1\n[profiles x]\nb=1\n[profiler]\nc=1\n",
    b"[sso-session corp]\na=1\n[sso-sessionX]\nb=1\n[services s]\nc=1\n[servicesfoo]\nd=1\n",
    b"[foo]\na=1\n[Default]\nb=1\n[ default ]\nc=1\n[preview]\nd=1\n[plugins]\ne=1\n",
    b"[sso_sessions]\na=1\n[profiles]\nb=1\n",
    b"[default]\nfoo\n[default]\n",
    b"[default]\nfoo\na=1\na=2\n",
    b"[default]\n  a = 1\n b\n  c\n",
    b"[default]\na = 1\n\n\n",
    b"[default]\na =\n\n\n  b=1\n\n",
    b"[default]\na = 1\n\x0c\n",
    b"[default]\ns3 =\n  a=1\x0cb=2\n",
    b"[default]\ns3 =\n  a=1\x0cb\n",
    b"[default]\n\x1cx = 1\n",
    b"[x = 1\n",
    b"[default]\n[x = 1\n",
    b"[default]\nhttp://x = 1\n",
]


@pytest.mark.parametrize("data", CASES)
def test_hand_written_cases_agree_with_botocore(data: bytes) -> None:
    assert_agrees(data)
    assert_agrees(data, FileKind.CREDENTIALS)


def test_decode_error_in_a_late_chunk_loses_to_an_earlier_duplicate() -> None:
    head = b"[default]\na=1\n[default]\n"
    data = head + b"#" * 20_000 + b"\n[x]\nb=\xe9\n"
    assert_agrees(data)
    assert ours(data, FileKind.CONFIG)["error"]["type"] == "DuplicateSectionError"


def test_decode_error_in_the_first_chunk_wins() -> None:
    data = b"[default]\na=\xe9\n[default]\n"
    assert_agrees(data)
    assert ours(data, FileKind.CONFIG)["error"] == {
        "type": "UnicodeDecodeError",
        "line": 2,
        "message": "'utf-8' codec can't decode byte 0xe9 in position 12: invalid continuation byte",
    }
