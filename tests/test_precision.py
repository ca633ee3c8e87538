"""Regression tests for false alarms and misses found on real files, one cause each."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aws_config_ls.catalogue import check_value, closest_key, lookup
from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.nearest import distance, nearest
from aws_config_ls.catalogue.plugin_keys import ENDPOINT_PLUGIN
from aws_config_ls.catalogue.values import ValueIssue
from aws_config_ls.checks import semantics
from aws_config_ls.checks.analysis import local_problems
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import Problem, Severity

P = Context.PROFILE
CONFIG, CREDENTIALS = FileKind.CONFIG, FileKind.CREDENTIALS


def problems(text: str, kind: FileKind = CONFIG) -> list[Problem]:
    return local_problems(Model.from_text(text, kind))


def found(text: str, kind: FileKind = CONFIG) -> list[tuple[int, str]]:
    return [(p.span.start.line + 1, p.code) for p in problems(text, kind)]


def value(key: str, text: str, real: bool = False, context: Context = P) -> list[ValueIssue]:
    setting = lookup(context, key)
    assert setting is not None
    return check_value(setting, text, real)


# -- false alarms ---------------------------------------------------------------------------


def test_an_undecodable_file_gets_one_error_and_nothing_about_its_text() -> None:
    data = b"region = x\n" + bytes(range(256)) * 4
    model = Model.from_bytes(data, CONFIG)
    assert [p.code for p in local_problems(model)] == ["undecodable"]


def test_an_empty_secret_is_no_secret_in_the_config_file() -> None:
    assert found("[default]\naws_secret_access_key =\n") == []
    assert found("[default]\naws_secret_access_key = s3cr3t\n") == [(2, "secret-in-config")]


def test_plugin_keys_are_accepted_when_and_only_when_the_plugin_is_declared() -> None:
    profile = "[profile wasabi]\ns3 =\n  endpoint_url = https://s3.wasabisys.com\n"
    profile += "s3api =\n  endpoint_url = https://s3.wasabisys.com\n  verify_ssl = false\n"
    declared = f"[plugins]\nendpoint = {ENDPOINT_PLUGIN}\n" + profile
    assert found(declared) == []
    undeclared = found(profile)
    assert undeclared == [(3, "key-in-wrong-section"), (4, "unknown-key")]
    assert "awscli_plugin_endpoint" in problems(profile)[0].message
    other = "[plugins]\nfoo = some_other_plugin\n" + profile
    assert found(other) == [(5, "key-in-wrong-section"), (6, "unknown-key")]
    # a scalar is no command block, even with the plugin: a misspelling stays one
    assert found(f"[plugins]\nendpoint = {ENDPOINT_PLUGIN}\n[default]\nregoin = x\n") == [
        (4, "unknown-key")
    ]


def test_tools_keys_and_sections_are_not_mistakes() -> None:
    text = (
        "[okta]\naws_saml_url = home/amazon_aws/0oa/272\n"
        "[profile a]\nsso_auto_populated = true\nsso_account_name = Sandbox\n"
        "google_config.role_arn = arn:aws:iam::210987654321:role/x\n"
        "adfs_config.adfs_host = sts.example.com\nmfa_provider = OKTA\n"
    )
    assert found(text) == []


def test_other_sdks_keys_are_information_naming_the_sdk() -> None:
    [problem] = problems("[default]\ncorrect_clock_skew = true\n")
    assert (problem.code, problem.severity) == ("other-sdk-key", Severity.INFORMATION)
    assert "the AWS SDK for Ruby, not by boto3" in problem.message
    assert "No AWS tool" not in problem.message


@pytest.mark.parametrize("text", ["#REMOVED#", "abc#1", "a;b"])
def test_a_hash_without_whitespace_before_it_is_part_of_the_value(text: str) -> None:
    assert "comment-in-value" not in [c for _, c in found(f"[default]\nnote = {text}\n")]


def test_comment_messages_have_no_empty_code_span() -> None:
    for text in ("[default]\nnote = # x\n", "[default]\naws_secret_access_key = # x\n"):
        for problem in problems(text):
            assert "``" not in problem.message


# -- misses ---------------------------------------------------------------------------------


def test_a_section_meant_as_a_profile_gets_its_keys_checked_and_one_header_problem() -> None:
    text = (
        "[dev]\nso_start_url = https://x.awsapps.com/start\nsso_account_id = nnnnnnnnnnnn\n"
        "AWS_DEFAULT_REGION=us-east-1\nregion = us east 1\n"
    )
    assert found(text) == [
        (1, "not-a-profile"),
        (2, "unknown-key"),
        (3, "placeholder"),
        (4, "unknown-key"),
        (5, "invalid-region"),
    ]
    # botocore never reads [dev]: nothing in it is more than a warning
    assert all(p.severity is not Severity.ERROR for p in problems(text))


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("aws_access_key_id", "XXXXXXXXXXXXXXXXXXXX"),
        ("sso_role_name", "xxx"),
        ("aws_access_key_id", "YOURACCESSKEY"),
        ("aws_access_key_id", "YOUR_ACCESS_KEY"),
        ("aws_secret_access_key", "{key_id}"),
        ("aws_access_key_id", "${AWS_KEY}"),
        ("role_arn", "arn:aws:iam::<account>:role/x"),
        ("sso_account_id", "nnnnnnnnnnnn"),
        ("sso_start_url", "https://yourcompany.awsapps.com/start"),
    ],
)
def test_placeholders_by_shape(key: str, text: str) -> None:
    assert [i.code for i in value(key, text)] == ["placeholder"]


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("aws_access_key_id", "AKIAZ2FAKEKEY0000001"),
        ("sso_role_name", "Xavier"),
        ("sso_start_url", "https://d-906700000.awsapps.com/start"),
        ("region", "ap-southeast-2"),
        ("role_session_name", "nnn"),
    ],
)
def test_real_values_are_no_placeholders(key: str, text: str) -> None:
    assert "placeholder" not in [i.code for i in value(key, text)]


def test_documentation_examples_count_only_in_a_file_that_otherwise_looks_real() -> None:
    arn = "arn:aws:iam::123456789012:role/x"
    assert value("role_arn", arn) == []
    assert [i.code for i in value("role_arn", arn, real=True)] == ["placeholder"]
    assert [i.code for i in value("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE", True)] == [
        "placeholder"
    ]
    sample = "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = b\n"
    assert found(sample) == []
    patterned = sample + "[profile b]\nrole_arn = arn:aws:iam::345678901234:role/y\n"
    assert found(patterned) == []  # a test file's ids: a run of digits is no real account
    real = sample + "[profile b]\nrole_arn = arn:aws:iam::583920174652:role/y\n"
    assert (2, "placeholder") in found(real)


# The ids a line holds, as one pattern of lookarounds reads them (what the faster scan of
# runs must agree with).
_IDS = re.compile(
    r"(?<![0-9])[0-9]{12}(?![0-9])|(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"
)
_PIECES = st.sampled_from(
    [
        "AKIA",
        "ASIA",
        "EXAMPLE",
        "123456789012",
        "100000001234",
        "0",
        "7",
        "A",
        "Z",
        " ",
        ":",
        "\u0663",
    ]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_a_real_looking_id_is_found_as_the_lookaround_pattern_finds_it(text: str) -> None:
    expected = any(semantics._looks_real(m.group()) for m in _IDS.finditer(text))
    assert semantics._real_in(text) is expected


def test_a_redaction_marker_is_information_only() -> None:
    [issue] = value("region", "#REMOVED#")
    assert (issue.code, issue.severity) == ("placeholder", Severity.INFORMATION)


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("echo abc | base64 --decode", "`|`"),
        ("a && b", "`&&`"),
        ("creds > /tmp/x", "`>`"),
        ("creds --out $(mktemp)", "`$(mktemp)`"),
        ("creds --home ~/x", "`~/x`"),
        ("creds --token $TOKEN", "`$TOKEN`"),
    ],
)
def test_shell_syntax_in_credential_process(command: str, shown: str) -> None:
    [issue] = value("credential_process", command)
    assert issue.code == "shell-syntax" and issue.message.startswith(shown)
    assert "argv = [" in issue.message


def test_plain_commands_and_explicit_shells_have_no_shell_syntax() -> None:
    for command in (
        "aws-vault export --format=json dev",
        "/opt/creds --profile 'a b'",
        'sh -c "pass show aws/dev | jq ."',  # a shell runs this text, and expands it
        "/bin/bash -c '$HOME/bin/creds --json'",
    ):
        assert value("credential_process", command) == []
    assert [i.code for i in value("credential_process", "creds --x; other")] == ["shell-syntax"]


def test_mfa_serial_claims_follow_the_sts_model() -> None:
    [typo] = value("mfa_serial", "aarn:aws:iam::210987654321:mfa/me")
    assert (typo.code, typo.severity) == ("invalid-arn", Severity.WARNING)
    assert typo.suggestion == "arn:aws:iam::210987654321:mfa/me"
    assert "ValidationError" not in typo.message
    assert value("mfa_serial", "GAHT12345678") == []  # a hardware serial
    # STS's pattern [\w+=/:,.@-]* accepts it: no claim that STS refuses it
    [odd] = value("mfa_serial", "arn:aws:iam::210987654321:user/me")
    assert odd.severity is Severity.WARNING and "ValidationError" not in odd.message
    [short] = value("mfa_serial", "GAHT1")
    assert "ParamValidationError" in short.message
    [bad] = value("mfa_serial", "arn:aws:iam::210987654321:mfa/a b")
    assert "ValidationError" in bad.message and bad.severity is Severity.ERROR


def test_a_comment_that_breaks_role_arn_is_an_error_in_every_file() -> None:
    line = "role_arn = arn:aws:iam::210987654321:role/Admin # prod\n"
    for text, kind in (("[default]\n" + line, CONFIG), ("[x]\n" + line, CREDENTIALS)):
        [problem] = problems(text, kind)
        assert (problem.code, problem.severity) == ("comment-in-value", Severity.ERROR)


# -- did you mean ---------------------------------------------------------------------------


def test_distance_counts_a_transposition_once() -> None:
    assert distance("regoin", "region") == 1
    assert distance("abc", "abc") == 0
    assert distance("", "ab") == 2


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("regoin", "region"),
        ("so_start_url", "sso_start_url"),
        ("Role-Arn", "role_arn"),
        ("foo_region", None),
        ("aws_secret_key", "aws_secret_access_key"),
        ("mfa_serial_number", None),
    ],
)
def test_closest_key_by_folded_edit_distance(typed: str, meant: str | None) -> None:
    assert closest_key(P, typed.lower()) == meant


def test_regions_are_suggested_through_case_and_separators() -> None:
    [issue] = value("region", "EU-west1")
    assert issue.suggestion == "eu-west-1"
    assert nearest("eu-wset-1", ["eu-west-1", "eu-west-2"]) == "eu-west-1"
    assert "Did you mean `eu-west-1`?" in problems("[default]\nregion = EU-west1\n")[0].message
