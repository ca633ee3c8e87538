"""Shadowing facts (entry_facts): one test per reason an entry is not what boto3 uses."""

from __future__ import annotations

import time

from aws_config_ls.resolution.shadows import SHADOW_REASONS, EntryFacts, entry_facts
from tests.support.resolution import FAKE_PROCESS, Scenario, state_of

KEYS = "aws_access_key_id = AKIDFILE0001\naws_secret_access_key = filesecret01\n"


def facts(
    scenario: Scenario, file: str, section: str, key: str, redirect: dict[str, str] | None = None
) -> EntryFacts:
    with state_of(scenario, redirect) as (home, state):
        result = entry_facts(state, f"{home}/{file}", section, key)
    return result


def reasons(f: EntryFacts) -> list[str]:
    return [s.reason for s in f.shadowed_by]


def test_every_reason_is_documented() -> None:
    assert all(SHADOW_REASONS.values())


def test_setting_used_with_its_source() -> None:
    f = facts(
        Scenario({".aws/config": "[default]\nregion = eu-west-1\n"}),
        ".aws/config",
        "default",
        "region",
    )
    assert f.used and f.value == "eu-west-1" and f.source == "this entry"
    assert f.tier == "setting: region" and f.shadowed_by == ()
    assert f.source_location is not None and f.source_location.span is not None
    assert f.source_location.span.start.line == 1


def test_environment_variable_shadows_a_setting() -> None:
    sc = Scenario(
        {".aws/config": "[default]\nregion = eu-west-1\n"}, {"AWS_DEFAULT_REGION": "us-east-2"}
    )
    f = facts(sc, ".aws/config", "default", "region")
    assert not f.used and f.value == "us-east-2" and f.source == "env:AWS_DEFAULT_REGION"
    assert reasons(f) == ["environment"] and f.shadowed_by[0].variable == "AWS_DEFAULT_REGION"


def test_environment_credentials_shadow_static_keys_masked() -> None:
    sc = Scenario(
        {".aws/credentials": f"[default]\n{KEYS}"},
        {"AWS_ACCESS_KEY_ID": "AKIDENVIRON99", "AWS_SECRET_ACCESS_KEY": "envsecretvalue"},
    )
    f = facts(sc, ".aws/credentials", "default", "aws_access_key_id")
    assert not f.used and f.tier == "tier 7 of 14: shared credentials file"
    assert f.value == "****ON99" and f.source == "tier 3 of 14: environment variables"
    (shadow,) = f.shadowed_by
    assert shadow.reason == "environment" and shadow.variable == "AWS_ACCESS_KEY_ID"
    assert shadow.value == "****ON99" and "unless a profile is passed explicitly" in shadow.message
    secret = facts(sc, ".aws/credentials", "default", "aws_secret_access_key")
    assert secret.value == "****alue"


def test_explicit_profile_removes_the_environment_provider() -> None:
    sc = Scenario(
        {".aws/credentials": f"[default]\n{KEYS}"},
        {"AWS_ACCESS_KEY_ID": "AKIDENVIRON99", "AWS_SECRET_ACCESS_KEY": "envsecretvalue"},
        profile="default",
    )
    f = facts(sc, ".aws/credentials", "default", "aws_access_key_id")
    assert f.used and f.value == "****0001" and f.shadowed_by == ()


def test_credentials_file_overrides_config_key_by_key() -> None:
    sc = Scenario(
        {
            ".aws/config": "[default]\nregion = us-east-1\noutput = json\n",
            ".aws/credentials": "[default]\nregion = eu-west-1\n",
        }
    )
    f = facts(sc, ".aws/config", "default", "region")
    assert not f.used and f.value == "eu-west-1" and reasons(f) == ["credentials-file"]
    loc = f.shadowed_by[0].location
    assert loc is not None and loc.path.endswith(".aws/credentials") and loc.span is not None
    winner = facts(sc, ".aws/credentials", "default", "region")
    assert winner.used


def test_credentials_file_overrides_a_credential_key_of_the_same_tier() -> None:
    sc = Scenario(
        {
            ".aws/config": "[default]\nrole_arn = arn:config\ncredential_source = Environment\n",
            ".aws/credentials": "[default]\nrole_arn = arn:creds\n",
        },
        {"AWS_ACCESS_KEY_ID": "AKIDENVIRON99", "AWS_SECRET_ACCESS_KEY": "x"},
        profile="default",
    )
    f = facts(sc, ".aws/config", "default", "role_arn")
    assert f.tier == "tier 4 of 14: assume role" and not f.used
    assert reasons(f) == ["credentials-file"] and f.value == "arn:creds"


def test_later_duplicate_section_replaces_the_earlier() -> None:
    sc = Scenario(
        {".aws/config": "[default]\nregion = us-east-1\n[profile default]\nregion = eu-west-1\n"}
    )
    f = facts(sc, ".aws/config", "default", "region")
    assert not f.used and reasons(f) == ["later-section"]
    loc = f.shadowed_by[0].location
    assert loc is not None and loc.span is not None and loc.span.start.line == 2
    assert facts(sc, ".aws/config", "profile default", "region").used


def test_role_arn_beats_static_keys_of_the_same_profile() -> None:
    sc = Scenario(
        {".aws/config": f"[default]\nrole_arn = arn:r\ncredential_source = Environment\n{KEYS}"},
        {"AWS_ACCESS_KEY_ID": "AKIDENVIRON99", "AWS_SECRET_ACCESS_KEY": "x"},
        profile="default",
    )
    f = facts(sc, ".aws/config", "default", "aws_access_key_id")
    assert not f.used and reasons(f) == ["higher-tier"]
    assert "tier 4 of 14: assume role" in f.shadowed_by[0].message
    assert facts(sc, ".aws/config", "default", "role_arn").used


def test_credentials_file_keys_beat_credential_process() -> None:
    sc = Scenario(
        {
            ".aws/config": "[default]\ncredential_process = {home}/proc.sh\n",
            ".aws/credentials": f"[default]\n{KEYS}",
            "proc.sh": FAKE_PROCESS,
        },
        executable=("proc.sh",),
    )
    f = facts(sc, ".aws/config", "default", "credential_process")
    assert f.tier == "tier 9 of 14: credential process" and not f.used
    assert reasons(f) == ["higher-tier"] and "tier 7 of 14" in f.shadowed_by[0].message


def test_credential_process_beats_config_file_keys() -> None:
    sc = Scenario(
        {
            ".aws/config": f"[default]\ncredential_process = {{home}}/proc.sh\n{KEYS}",
            "proc.sh": FAKE_PROCESS,
        },
        executable=("proc.sh",),
    )
    f = facts(sc, ".aws/config", "default", "aws_access_key_id")
    assert f.tier == "tier 10 of 14: config file" and reasons(f) == ["higher-tier"]
    assert "tier 9 of 14: credential process" in f.shadowed_by[0].message
    assert facts(sc, ".aws/config", "default", "credential_process").used


def test_default_section_injection() -> None:
    text = "[DEFAULT]\nregion = eu-north-1\n[default]\nregion = us-east-1\n"
    text += "[profile dev]\noutput = json\n"
    sc = Scenario({".aws/config": text}, {"AWS_PROFILE": "dev"})
    f = facts(sc, ".aws/config", "DEFAULT", "region")
    assert f.used and f.notes == ("injected into [profile dev]",)
    assert reasons(f) == ["default-section"]
    loc = f.shadowed_by[0].location
    assert loc is not None and loc.span is not None and loc.span.start.line == 3


def test_default_injected_role_arn_shadows_static_keys() -> None:
    text = f"[DEFAULT]\nrole_arn = arn:r\n[default]\ncredential_source = Environment\n{KEYS}"
    sc = Scenario(
        {".aws/config": text},
        {"AWS_ACCESS_KEY_ID": "AKIDENVIRON99", "AWS_SECRET_ACCESS_KEY": "x"},
        "default",
    )
    f = facts(sc, ".aws/config", "default", "aws_access_key_id")
    assert reasons(f) == ["higher-tier"] and "(from [DEFAULT])" in f.shadowed_by[0].message


def test_unreached_profile_is_information() -> None:
    sc = Scenario(
        {".aws/config": "[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n"}
    )
    f = facts(sc, ".aws/config", "profile dev", "region")
    assert not f.used and reasons(f) == ["unreached-profile"]
    assert f.value == "eu-west-1"  # what it would be if dev were selected


def test_source_profile_keys_are_used_through_the_role() -> None:
    sc = Scenario(
        {
            ".aws/config": "[profile r]\nrole_arn = arn:r\nsource_profile = base\n",
            ".aws/credentials": f"[base]\n{KEYS}",
        },
        {"AWS_PROFILE": "r"},
    )
    f = facts(sc, ".aws/credentials", "base", "aws_access_key_id")
    assert f.used and f.notes == (
        "used as source_profile of r (tier 7 of 14: shared credentials file)",
    )


def test_security_token_is_read_before_session_token() -> None:
    text = f"[default]\n{KEYS}aws_session_token = a\naws_security_token = b\n"
    f = facts(
        Scenario({".aws/credentials": text}), ".aws/credentials", "default", "aws_session_token"
    )
    assert not f.used and reasons(f) == ["same-section"]


def test_not_a_profile_section() -> None:
    f = facts(Scenario({".aws/config": "[dev]\nregion = x\n"}), ".aws/config", "dev", "region")
    assert reasons(f) == ["not-a-profile"] and "[profile dev]" in f.shadowed_by[0].message


def test_boto_file_shadowed_by_etc_boto_cfg() -> None:
    boto = "[Credentials]\naws_access_key_id = AKIDBOTO0001\naws_secret_access_key = b\n"
    sc = Scenario({".boto": boto, "etc-boto.cfg": boto})
    f = facts(
        sc,
        ".boto",
        "Credentials",
        "aws_access_key_id",
        redirect={"/etc/boto.cfg": "{home}/etc-boto.cfg"},
    )
    assert not f.used and reasons(f) == ["boto-precedence"]
    assert (
        f.shadowed_by[0].location is not None and f.shadowed_by[0].location.path == "/etc/boto.cfg"
    )


def test_boto_file_ignored_because_boto_config_points_elsewhere() -> None:
    boto = "[Credentials]\naws_access_key_id = AKIDBOTO0001\naws_secret_access_key = b\n"
    sc = Scenario({".boto": boto, "other.cfg": boto}, {"BOTO_CONFIG": "{home}/other.cfg"})
    f = facts(sc, ".boto", "Credentials", "aws_access_key_id")
    assert reasons(f) == ["file-not-read"] and f.shadowed_by[0].variable == "BOTO_CONFIG"
    assert facts(sc, "other.cfg", "Credentials", "aws_access_key_id").used


def test_boto_keys_other_than_credentials_are_ignored() -> None:
    sc = Scenario({".boto": "[Boto]\nproxy = x\n"})
    assert reasons(facts(sc, ".boto", "Boto", "proxy")) == ["boto-ignored"]


def test_whole_file_not_read() -> None:
    sc = Scenario(
        {".aws/config": "[default]\nregion = x\n", "work/config": "[default]\nregion = y\n"},
        {"AWS_CONFIG_FILE": "{home}/work/config"},
    )
    f = facts(sc, ".aws/config", "default", "region")
    assert reasons(f) == ["file-not-read"] and f.shadowed_by[0].variable == "AWS_CONFIG_FILE"


def test_refused_file() -> None:
    sc = Scenario({".aws/config": "[default]\nregion = x\n[default]\n"})
    f = facts(sc, ".aws/config", "default", "region")
    assert not f.used and reasons(f) == ["file-refused"]
    assert "DuplicateSectionError at line 3" in f.shadowed_by[0].message


def test_web_identity_variables_override_the_profile() -> None:
    sc = Scenario(
        {".aws/config": "[default]\nrole_arn = arn:profile\nweb_identity_token_file = /t\n"},
        {"AWS_ROLE_ARN": "arn:env"},
    )
    f = facts(sc, ".aws/config", "default", "role_arn")
    assert f.tier == "tier 5 of 14: web identity" and f.value == "arn:env"
    assert reasons(f) == ["environment"] and not f.used


def test_ignore_configured_endpoint_urls() -> None:
    sc = Scenario(
        {
            ".aws/config": "[default]\nendpoint_url = http://x\n"
            "ignore_configured_endpoint_urls = true\n"
        }
    )
    f = facts(sc, ".aws/config", "default", "endpoint_url")
    assert not f.used and reasons(f) == ["endpoints-ignored"]


def test_endpoint_url_shadowed_by_the_environment() -> None:
    sc = Scenario(
        {".aws/config": "[default]\nendpoint_url = http://x\n"}, {"AWS_ENDPOINT_URL": "http://y"}
    )
    f = facts(sc, ".aws/config", "default", "endpoint_url")
    assert not f.used and f.value == "http://y" and reasons(f) == ["environment"]


def test_credentials_error_is_a_fact() -> None:
    sc = Scenario({".aws/config": "[default]\nrole_arn = x\nsource_profile = ghost\n"})
    f = facts(sc, ".aws/config", "default", "role_arn")
    assert reasons(f) == ["credentials-error"] and "InvalidConfigError" in f.shadowed_by[0].message


def test_nested_s3_key() -> None:
    sc = Scenario({".aws/config": "[default]\ns3 =\n  addressing_style = path\n"})
    f = facts(sc, ".aws/config", "default", "s3.addressing_style")
    assert f.used and f.tier == "setting: s3.addressing_style" and f.value == "path"


def test_facts_are_fast_and_cached() -> None:
    profiles = "".join(
        f"[profile p{i}]\nregion = us-east-1\nrole_arn = arn:{i}\nsource_profile = p{i + 1}\n"
        for i in range(40)
    )
    sc = Scenario({".aws/config": profiles + "[profile p40]\n" + KEYS}, {"AWS_PROFILE": "p0"})
    with state_of(sc) as (home, state):
        start = time.perf_counter()
        for i in range(40):
            entry_facts(state, f"{home}/.aws/config", f"profile p{i}", "region")
            entry_facts(state, f"{home}/.aws/config", f"profile p{i}", "role_arn")
        first = time.perf_counter() - start
        start = time.perf_counter()
        entry_facts(state, f"{home}/.aws/config", "profile p7", "region")
        again = time.perf_counter() - start
    assert first < 2.0 and again < 0.001
