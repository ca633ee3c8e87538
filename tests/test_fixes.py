"""Fixes: each applied to a file and the file read again by botocore, which must read the same
but the repaired value; `fix_all` applies only the safe ones, checked."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aws_config_ls.checks.analysis import local_problems
from aws_config_ls.checks.fixes import SAFE, edit_of, fix_all, safe_fixes, verified
from aws_config_ls.edit.rename import Edit
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import Problem
from tests.support.oracle import botocore_parse


def apply(text: str, edits: list[Edit]) -> str:
    lines = text.split("\n")
    for e in sorted(edits, reverse=True):
        line = lines[e.span.start.line]
        lines[e.span.start.line] = line[: e.span.start.col] + e.text + line[e.span.end.col :]
    return "\n".join(lines)


def problem(text: str, code: str, kind: FileKind = FileKind.CONFIG) -> Problem:
    [found] = [p for p in local_problems(Model.from_text(text, kind)) if p.code == code]
    return found


def codes(text: str, kind: FileKind = FileKind.CONFIG) -> set[str]:
    return {p.code for p in local_problems(Model.from_text(text, kind))}


def reads(text: str, kind: FileKind = FileKind.CONFIG) -> dict[str, Any]:
    return botocore_parse(text.encode(), kind is FileKind.CONFIG)


def profiles(text: str) -> dict[str, Any]:
    return dict(reads(text)["config"]["profiles"])


ROLE = "role_arn = arn:aws:iam::123456789012:role/x\n"
REGION = "[profile {}]\nregion = eu-west-1\n"


def value_fix(
    code: str,
    key: str,
    written: str,
    fixed: str,
    profile: str = "default",
    before: str = "",
    after: str = "",
) -> tuple[str, str, str, tuple[str, str, str]]:
    """A case whose fix repairs one value: `key = written` becomes `key = fixed` in `profile`
    (between the lines `before` and `after`), and botocore reads the fixed value."""
    header = "[default]\n" if profile == "default" else f"[profile {profile}]\n"
    text, fixed_text = (f"{header}{before}{key} = {v}\n{after}" for v in (written, fixed))
    return code, text, fixed_text, (profile, key, fixed)


# (code, text, fixed text, the profile and key whose value changes, its value after; None: the
# profile map botocore builds is the same)
SAFE_CASES = [
    ("portability-colon", "[default]\nregion: eu-west-1\n", "[default]\nregion= eu-west-1\n", None),
    (
        "loose-prefix",
        "[profiles dev]\nregion = eu-west-1\n",
        "[profile dev]\nregion = eu-west-1\n",
        None,
    ),
    value_fix("quoted-value", "region", '"eu-west-1"', "eu-west-1"),
    value_fix("comment-in-value", "output", "json  # mine", "json"),
    value_fix("wrong-case", "credential_source", "environment", "Environment", "a", ROLE),
    value_fix("not-a-boolean", "use_fips_endpoint", "yes", "true"),
    value_fix(
        "prefixed-reference", "source_profile", "profile b", "b", "a", ROLE, REGION.format("b")
    ),
    value_fix("invalid-account-id", "sso_account_id", "1234-5678-9012", "123456789012"),
]


@pytest.mark.parametrize(("code", "text", "fixed", "changed"), SAFE_CASES)
def test_each_safe_fix_changes_only_the_value_it_repairs(
    code: str, text: str, fixed: str, changed: tuple[str, str, str] | None
) -> None:
    found = problem(text, code)
    edit = edit_of(found)
    assert edit is not None
    assert apply(text, [edit]) == fixed
    assert code not in codes(fixed)
    assert verified(Model.from_text(text, FileKind.CONFIG), [found])
    expected = profiles(text)
    if changed is not None:
        name, key, value = changed
        assert expected[name][key] != value
        expected[name] = {**expected[name], key: value}
    assert profiles(fixed) == expected
    assert {c for c, *_ in SAFE_CASES} == SAFE


# Fixes offered as quick fixes only: a guess, or a change of the section botocore finds.
GUESSES = [
    ("unknown-key", "[default]\nregoin = eu-west-1\n", "region"),
    ("invalid-region", "[default]\nregion = us east 1\n", "us-east-1"),
    ("not-a-profile", "[dev]\nregion = eu-west-1\n", "profile dev"),
    ("default-misspelled", "[Default]\nregion = eu-west-1\n", "default"),
    ("invalid-url", "[default]\nendpoint_url = localhost:4566\n", "http://localhost:4566"),
    ("nul-byte", "[default]\nregion = eu-west-1\x00\n", ""),
]


@pytest.mark.parametrize(("code", "text", "fix"), GUESSES)
def test_quick_fixes_that_fix_all_leaves_alone(code: str, text: str, fix: str) -> None:
    found = problem(text, code)
    assert found.fix == fix and code not in SAFE
    assert code not in codes(apply(text, [Edit(found.span, fix)]))
    model = Model.from_text(text, FileKind.CONFIG)
    assert fix_all(model) == [] and safe_fixes(model, [found]) == []


def test_a_profile_fix_that_changes_the_section_fails_the_check() -> None:
    text = "[dev]\nregion = eu-west-1\n"
    assert not verified(Model.from_text(text, FileKind.CONFIG), [problem(text, "not-a-profile")])


def test_fix_all_repairs_every_safe_problem_at_once() -> None:
    text = (
        "[profiles x]\n"
        'region: "us-east-1"\n'
        "use_fips_endpoint = yes\n"
        "aws_secret_access_key = abc  # not a comment?\n"
        "regoin = eu-west-1\n"
        "[dev]\n"
        "output = json ; text\n"
    )
    model = Model.from_text(text, FileKind.CONFIG)
    fixed = apply(text, fix_all(model))
    assert fixed == (
        "[profile x]\n"
        "region= us-east-1\n"
        "use_fips_endpoint = true\n"
        "aws_secret_access_key = abc  # not a comment?\n"  # a secret's text is left alone
        "regoin = eu-west-1\n"  # a guess: a quick fix only
        "[dev]\n"
        "output = json\n"
    )
    before, after = reads(text), reads(fixed)
    assert after["config"]["profiles"]["x"] == {
        **before["config"]["profiles"]["x"],
        "region": "us-east-1",
        "use_fips_endpoint": "true",
    }
    assert after["sections"]["dev"] == {"output": "json"}
    left = local_problems(Model.from_text(fixed, FileKind.CONFIG))
    assert [(p.code, p.span.start.line) for p in left if p.code in SAFE] == [
        ("comment-in-value", 3)
    ]


def test_one_fix_may_reveal_another() -> None:
    text = '[default]\nregion: "eu-west-1"  # prod\ns3 =\n  addressing_style = "path"\n'
    edits = fix_all(Model.from_text(text, FileKind.CONFIG))
    fixed = apply(text, edits)
    assert fixed == "[default]\nregion= eu-west-1\ns3 =\n  addressing_style = path\n"
    assert [e.span.start.line for e in edits] == [1, 3]  # one edit per line
    assert reads(fixed)["config"]["profiles"]["default"] == {
        "region": "eu-west-1",
        "s3": {"addressing_style": "path"},
    }


def test_a_file_botocore_refuses_stays_refused() -> None:
    # Two `[profiles b]` are a DuplicateSectionError; fixing one to `[profile b]` would make
    # botocore read the file (found by fix-all over generated files; configparser's
    # RawConfigParser._read raises on the second header)
    for text in ("[profiles b]\n[profiles b]\n", "[profiles b]\nregion: x\n[profiles b]\n"):
        fixed = apply(text, fix_all(Model.from_text(text, FileKind.CONFIG)))
        assert reads(fixed)["error"]["type"] == "DuplicateSectionError", fixed


def test_fix_all_keeps_what_it_is_told_to() -> None:
    text = "[default]\nregion: eu-west-1\nuse_fips_endpoint = yes\n"
    model = Model.from_text(text, FileKind.CONFIG)
    fixed = apply(text, fix_all(model, lambda p: p.code != "portability-colon"))
    assert fixed == "[default]\nregion: eu-west-1\nuse_fips_endpoint = true\n"


def test_fixes_in_the_credentials_file() -> None:
    text = "[default]\naws_access_key_id: AKIAIOSFODNN7EXAMPLE\nregion = 'eu-west-1'\n"
    fixed = apply(text, fix_all(Model.from_text(text, FileKind.CREDENTIALS)))
    assert fixed == "[default]\naws_access_key_id= AKIAIOSFODNN7EXAMPLE\nregion = eu-west-1\n"
    assert reads(fixed, FileKind.CREDENTIALS)["sections"]["default"]["region"] == "eu-west-1"


SLIPS = [
    "region = eu-west-1",
    "region: eu-west-1",
    'region = "eu-west-1"',
    "output = json # note",
    'output = "json" ; note',
    "region = 'eu-west-1' # note",
    "use_fips_endpoint = YES",
    "use_dualstack_endpoint = no",
    "credential_source = ec2instancemetadata",
    "source_profile = profile b",
    "sso_account_id = 1234 5678 9012",
    "retry_mode = Standard",
    "regoin = x",
    "  s3 =",
    "    addressing_style: path",
    "mfa_serial = 'arn:aws:iam::123456789012:mfa/me'",
    'region = "us-east-1" ; x',
    "\tsource_profile = profile  b",
    "use_fips_endpoint: Yes",
    "region =",
    "  'us-east-1' # c",
]
HEADERS = ["[default]", "[profile a]", "[profiles b]", "[b]", "[sso-session s]", "[profile b]"]
HEADERS += ["[DEFAULT]", "[profiles  a]", '[profiles "c"]']


@st.composite
def files(draw: st.DrawFn) -> str:
    out: list[str] = []
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=4, unique=True))
    if draw(st.integers(0, 5)) == 0:  # a section twice: botocore refuses the file
        headers.append(draw(st.sampled_from(headers)))
    for header in headers:
        out.append(header)
        out += draw(st.lists(st.sampled_from(SLIPS), max_size=5, unique_by=lambda s: s[:6]))
    return "\n".join(out) + draw(st.sampled_from(["\n", ""]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_fix_all_never_changes_what_botocore_reads_but_the_fixed_values(text: str) -> None:
    model = Model.from_text(text, FileKind.CONFIG)
    edits = fix_all(model)
    fixed = apply(text, edits)
    before, after = reads(text), reads(fixed)
    if "error" in before:
        assert "error" in after
        return
    changed = set()
    for e in edits:
        section = model.section_at(e.span.start.line)
        entry = None if section is None else model.entry_at(section, e.span.start.line)
        changed |= {entry.key} if entry is not None else set()
    for name, values in before["config"]["profiles"].items():
        now = after["config"]["profiles"][name]
        assert set(now) == set(values)
        assert {k: v for k, v in now.items() if k not in changed} == {
            k: v for k, v in values.items() if k not in changed
        }
    assert set(after["config"]) == set(before["config"])
    assert fix_all(Model.from_text(fixed, FileKind.CONFIG)) == []  # once is enough
