"""Environment diagnostics: each code appears exactly when its condition holds right now."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone

from aws_config_ls.checks.environment import CODES, environment_problems
from aws_config_ls.ini.problems import Problem, Severity
from aws_config_ls.resolution import build_state
from aws_config_ls.resolution.environment import Environment
from tests.support.resolution import Scenario, disk_view, materialised, state_of

KEYS = "aws_access_key_id = AKIDFILE0001\naws_secret_access_key = filesecret01\n"
ENV_KEYS = {"AWS_ACCESS_KEY_ID": "AKIDENVIRON99", "AWS_SECRET_ACCESS_KEY": "envsecretvalue"}


def problems(
    scenario: Scenario, file: str, redirect: dict[str, str] | None = None
) -> list[Problem]:
    with state_of(scenario, redirect) as (home, state):
        return environment_problems(state, f"{home}/{file}")


def codes(found: list[Problem]) -> list[str]:
    return [p.code for p in found]


def test_registry_is_documented_and_kebab_case() -> None:
    for code, info in CODES.items():
        assert code == code.lower() and " " not in code and "_" not in code
        assert info.summary and info.example


def test_quiet_when_nothing_is_wrong() -> None:
    sc = Scenario({".aws/config": f"[default]\nregion = us-east-1\n{KEYS}"})
    assert problems(sc, ".aws/config") == []


def test_env_credentials_override_static_keys() -> None:
    sc = Scenario({".aws/credentials": f"[default]\n{KEYS}"}, ENV_KEYS)
    (p,) = problems(sc, ".aws/credentials")
    assert p.code == "env-credentials-override" and p.severity is Severity.WARNING
    assert p.span.start.line == 1
    assert "unless a profile is passed explicitly" in p.message
    assert "AKIDENVIRON99" not in p.message and "****ON99" in p.message


def test_explicit_profile_silences_env_credentials() -> None:
    sc = Scenario({".aws/credentials": f"[default]\n{KEYS}"}, ENV_KEYS, profile="default")
    assert problems(sc, ".aws/credentials") == []


def test_env_credentials_partial() -> None:
    sc = Scenario(
        {".aws/config": "[default]\nregion = x\n"}, {"AWS_ACCESS_KEY_ID": "AKIDENVIRON99"}
    )
    (p,) = problems(sc, ".aws/config")
    assert p.code == "env-credentials-partial" and p.severity is Severity.ERROR
    assert p.span.start.line == 0  # the [default] header


def test_env_credentials_ignored() -> None:
    sc = Scenario({".aws/config": "[default]\nregion = x\n"}, {"AWS_SESSION_TOKEN": "tok"})
    assert codes(problems(sc, ".aws/config")) == ["env-credentials-ignored"]


def test_aws_profile_shadowed_by_aws_default_profile() -> None:
    text = "[profile dev]\nregion = x\n[profile prod]\nregion = y\n"
    sc = Scenario({".aws/config": text}, {"AWS_PROFILE": "dev", "AWS_DEFAULT_PROFILE": "prod"})
    (p,) = problems(sc, ".aws/config")
    assert p.code == "env-profile-shadowed" and p.span.start.line == 0  # on [profile dev]
    assert "AWS_PROFILE=dev but AWS_DEFAULT_PROFILE=prod wins" in p.message


def test_selected_profile_not_found() -> None:
    sc = Scenario({".aws/config": "[default]\nregion = x\n"}, {"AWS_PROFILE": "stagin"})
    for file in (".aws/config",):
        (p,) = problems(sc, file)
        assert p.code == "env-profile-not-found" and p.severity is Severity.ERROR
        assert "The config profile (stagin) could not be found" in p.message


def test_aws_region_is_ignored() -> None:
    sc = Scenario({".aws/config": "[default]\nregion = us-east-1\n"}, {"AWS_REGION": "eu-west-1"})
    (p,) = problems(sc, ".aws/config")
    assert p.code == "env-region-ignored" and p.span.start.line == 1  # on region
    assert "'us-east-1' from the profile" in p.message


def test_aws_region_with_aws_default_region_is_fine_but_overrides() -> None:
    sc = Scenario(
        {".aws/config": "[default]\nregion = us-east-1\n"},
        {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1"},
    )
    (p,) = problems(sc, ".aws/config")
    assert p.code == "env-setting-override" and p.severity is Severity.INFORMATION


def test_file_not_read() -> None:
    sc = Scenario(
        {".aws/config": "[default]\nregion = x\n", "w/config": "[default]\n"},
        {"AWS_CONFIG_FILE": "{home}/w/config"},
    )
    (p,) = problems(sc, ".aws/config")
    assert p.code == "file-not-read" and "AWS_CONFIG_FILE" in p.message


def test_other_file_refused() -> None:
    sc = Scenario({".aws/config": "[default]\nregion = x\n", ".aws/credentials": "[a]\n[a]\n"})
    (p,) = problems(sc, ".aws/config")
    assert p.code == "other-file-refused" and p.related and p.related[0].path is not None
    assert problems(sc, ".aws/credentials") == []  # its own parse error is the parser's business


def test_boto_file_shadowed() -> None:
    boto = "[Credentials]\naws_access_key_id = AKIDBOTO0001\naws_secret_access_key = b\n"
    sc = Scenario({".boto": boto, "etc.cfg": boto})
    (p,) = problems(sc, ".boto", redirect={"/etc/boto.cfg": "{home}/etc.cfg"})
    assert p.code == "boto-file-shadowed" and p.span.start.line == 1


def test_env_credentials_error() -> None:
    sc = Scenario(
        {".aws/config": "[default]\nregion = x\n"}, {"AWS_CREDENTIAL_FILE": "{home}/missing"}
    )
    (p,) = problems(sc, ".aws/config")
    assert p.code == "env-credentials-error" and "ConfigNotFound" in p.message


def test_unreached_profiles_get_no_environment_problems() -> None:
    text = f"[default]\nregion = x\n[profile other]\n{KEYS}"
    sc = Scenario({".aws/config": text}, {**ENV_KEYS, "AWS_DEFAULT_REGION": "eu-west-1"})
    found = problems(sc, ".aws/config")
    assert codes(found) == ["env-setting-override"] and found[0].span.start.line == 1


SSO_CONFIG = """[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-2
sso_account_id = 210987654321
sso_role_name = ReadOnly
"""


def sso_scenario(hours: dict[str, float], refresh: bool = False) -> Scenario:
    """The config above, with a token cached for each named login that expires in `hours`
    (negative: expired that long ago), keyed as botocore keys it (the SHA-1 of the session's
    name or the legacy start URL)."""
    files = {".aws/config": SSO_CONFIG}
    for login, h in hours.items():
        expires = datetime.now(timezone.utc) + timedelta(hours=h)
        token = {"accessToken": "SECRET-TOKEN", "expiresAt": expires.strftime("%Y-%m-%dT%H:%M:%SZ")}
        if refresh:
            token["refreshToken"] = "SECRET-REFRESH"
        files[f".aws/sso/cache/{hashlib.sha1(login.encode()).hexdigest()}.json"] = json.dumps(token)
    return Scenario(files)


def test_an_expired_sso_token_is_said_on_its_header() -> None:
    found = problems(
        sso_scenario({"corp": -3.2, "https://legacy.awsapps.com/start": -0.5}), ".aws/config"
    )
    expired = [p for p in found if p.code == "sso-token-expired"]
    assert [(p.span.start.line, p.severity) for p in expired] == [
        (4, Severity.INFORMATION),
        (7, Severity.INFORMATION),
    ]
    assert expired[0].message.startswith("The SSO token expired 3 hours ago (")
    assert expired[0].message.endswith(": run `aws sso login --sso-session corp`.")
    assert expired[1].message.startswith("The SSO token expired 30 min ago")
    assert expired[1].message.endswith("run `aws sso login --profile legacy`.")
    assert all("SECRET" not in p.message for p in found)


def test_a_refreshable_token_says_boto3_tries_first() -> None:
    [found] = [p for p in problems(sso_scenario({"corp": -30}, refresh=True), ".aws/config")]
    assert "30 hours ago" in found.message and "refresh token first" in found.message


def test_no_sso_problem_for_a_valid_or_missing_token() -> None:
    for hours in ({"corp": 5.0, "https://legacy.awsapps.com/start": 0.2}, {}):
        assert "sso-token-expired" not in codes(problems(sso_scenario(hours), ".aws/config"))


def test_no_sso_problem_when_the_check_is_not_of_this_machine() -> None:
    scenario = sso_scenario({"corp": -3})
    with materialised(scenario) as (home, env):
        environment = Environment(variables=env, cwd=home, this_machine=False)
        state = build_state(environment, disk_view)
        assert environment_problems(state, f"{home}/.aws/config") == []
