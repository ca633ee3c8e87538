"""Every parse-level problem: a file that has it, and the fixed file that does not."""

from __future__ import annotations

import pytest

from aws_config_ls.checks.structure import CODES, structure_problems
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.span import Pos

C, R, B = FileKind.CONFIG, FileKind.CREDENTIALS, FileKind.BOTO

# code, kind, text with the problem, the same text fixed, (line, col) where it is reported
CASES = [
    ("duplicate-section", C, "[profile a]\nx=1\n[profile a]\n", "[profile a]\nx=1\n", (2, 1)),
    ("duplicate-key", C, "[default]\nregion=a\nRegion=b\n", "[default]\nregion=a\n", (2, 0)),
    ("duplicate-key", C, "[DEFAULT]\na=1\n[DEFAULT]\na=2\n", "[DEFAULT]\na=1\n", (3, 0)),
    ("key-before-section", C, "region = x\n[default]\n", "[default]\nregion = x\n", (0, 0)),
    ("unparsable-line", C, "[default]\nfoo\n", "[default]\nfoo = 1\n", (1, 0)),
    ("unclosed-header", C, "[default]\n[dev\n", "[default]\n[profile dev]\n", (1, 0)),
    ("empty-header", C, "[default]\n[]\n", "[default]\n", (1, 0)),
    ("empty-key", C, "[default]\n= 1\n", "[default]\na = 1\n", (1, 0)),
    (
        "nested-line-without-equals",
        C,
        "[default]\ns3 =\n  addressing_style : path\n",
        "[default]\ns3 =\n  addressing_style = path\n",
        (2, 2),
    ),
    ("bom", C, "\ufeff[default]\n", "[default]\n", (0, 0)),
    ("nul-byte", C, "[default]\na = 1\x00\n", "[default]\na = 1\n", (1, 5)),
    (
        "comment-in-value",
        C,
        "[default]\nregion = us-east-1  # prod\n",
        "[default]\n# prod\nregion = us-east-1\n",
        (1, 18),
    ),
    (
        "comment-in-value",
        C,
        "[default]\ns3 =\n  addressing_style = path ; c\n",
        "[default]\ns3 =\n  addressing_style = path\n",
        (2, 25),
    ),
    ("continuation-folded", C, "[default]\na = 1\n  b = 2\n", "[default]\na = 1\nb = 2\n", (2, 2)),
    (
        "header-swallowed",
        C,
        "[default]\na = 1\n  [profile x]\n",
        "[default]\na = 1\n[profile x]\n",
        (2, 2),
    ),
    ("header-parsed-as-key", C, "[default]\n[x = 1\n", "[default]\nx = 1\n", (1, 0)),
    (
        "default-section-leak",
        C,
        "[DEFAULT]\nregion = x\n[default]\n",
        "[default]\nregion = x\n",
        (0, 1),
    ),
    (
        "default-profile-twice",
        C,
        "[default]\na=1\n[profile default]\nb=1\n",
        "[default]\na=1\nb=1\n",
        (0, 1),
    ),
    (
        "profile-spelled-twice",
        C,
        "[profile p]\na=1\n[profile  p]\nb=1\n",
        "[profile p]\na=1\nb=1\n",
        (0, 1),
    ),
    ("dropped-section", C, "[profile my team]\na=1\n", '[profile "my team"]\na=1\n', (0, 1)),
    ("dropped-section", C, "[profilefoo]\na=1\n", "[profile foo]\na=1\n", (0, 1)),
    ("dropped-section", C, "[profile it's]\na=1\n", '[profile "it\'s"]\na=1\n', (0, 1)),
    ("dropped-section", C, "[sso-sessionX]\na=1\n", "[sso-session X]\na=1\n", (0, 1)),
    ("loose-prefix", C, "[profiles x]\na=1\n", "[profile x]\na=1\n", (0, 1)),
    ("not-a-profile", C, "[dev]\nregion=x\n", "[profile dev]\nregion=x\n", (0, 1)),
    ("default-misspelled", C, "[Default]\nregion=x\n", "[default]\nregion=x\n", (0, 1)),
    ("default-misspelled", R, "[ default ]\na=1\n", "[default]\na=1\n", (0, 1)),
    ("profile-prefix-in-credentials", R, "[profile dev]\na=1\n", "[dev]\na=1\n", (0, 1)),
    ("config-only-section", R, "[sso-session corp]\na=1\n", "[corp]\na=1\n", (0, 1)),
    ("portability-colon", C, "[default]\nregion: x\n", "[default]\nregion = x\n", (1, 6)),
    ("portability-indented-key", C, "[default]\n  region = x\n", "[default]\nregion = x\n", (1, 2)),
    (
        "portability-empty-subkey",
        C,
        "[default]\ns3 =\n  = x\n",
        "[default]\ns3 =\n  a = x\n",
        (2, 2),
    ),
]


def codes(text: str, kind: FileKind) -> dict[str, list[Pos]]:
    found: dict[str, list[Pos]] = {}
    for p in structure_problems(Model.from_text(text, kind)):
        found.setdefault(p.code, []).append(p.span.start)
    return found


@pytest.mark.parametrize(("code", "kind", "bad", "good", "where"), CASES)
def test_problem_present_and_absent(
    code: str, kind: FileKind, bad: str, good: str, where: tuple[int, int]
) -> None:
    assert Pos(*where) in codes(bad, kind).get(code, []), codes(bad, kind)
    assert code not in codes(good, kind)


def test_every_code_has_a_case() -> None:
    assert {c[0] for c in CASES} | {"undecodable"} == set(CODES)


def test_undecodable_is_located_at_the_byte() -> None:
    model = Model.from_bytes(b"[default]\nregion = caf\xe9\n", C)
    [problem] = [p for p in structure_problems(model) if p.code == "undecodable"]
    assert problem.span.start == Pos(1, 12)


def test_duplicates_name_both_places() -> None:
    [problem] = [
        p
        for p in structure_problems(Model.from_text("[a]\n[b]\nx=1\nX=2\n[a]\n", C))
        if p.code == "duplicate-key"
    ]
    assert problem.related[0].span.start == Pos(2, 0)


def test_boto_files_have_no_profile_rules() -> None:
    assert codes("[Credentials]\naws_access_key_id = x\n[Boto]\n", B) == {}


def test_valid_everyday_file_is_clean() -> None:
    text = (
        "# comment\n[default]\nregion = us-east-1\n\n[profile dev]\nrole_arn = x\n"
        "source_profile = default\ns3 =\n  addressing_style = path\n"
        "[sso-session corp]\nsso_region = us-east-1\n[services local]\ns3 =\n"
        "  endpoint_url = http://localhost:4566\n[plugins]\n[preview]\n"
    )
    assert codes(text, C) == {}
