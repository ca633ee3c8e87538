"""`explain` answers what people ask, checked against botocore on the same files.

Role chains with MFA, SSO profiles with and without a cached token, credential_process, a
missing profile: the report's facts are compared with botocore's own configuration, its
credential method (the sandboxed oracle) and its SSO token cache lookup.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from aws_config_ls.explain.report import explain_report, render_text
from tests.support.resolution import Scenario, materialised, oracle, sandbox_environ, state_of

ROOT = Path(__file__).resolve().parent.parent
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
CONFIG = f"""\
[default]
region = us-east-1
[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = staging
role_session_name = me
[profile staging]
role_arn = arn:aws:iam::123456789012:role/Stage
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/me
external_id = ext-0123456789
duration_seconds = 3600
[profile base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = {SECRET}
[profile sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin
[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-2
sso_account_id = 210987654321
sso_role_name = ReadOnly
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile proc]
credential_process = {{home}}/creds.sh --client-secret TOPSECRETVALUE1 --profile x
"""
CREDS_SCRIPT = (
    '#!/bin/sh\necho \'{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s"}\'\n'
)


def scenario(profile: str | None, token: dict[str, str] | None = None) -> Scenario:
    files = {".aws/config": CONFIG, "creds.sh": CREDS_SCRIPT}
    if token is not None:
        key = hashlib.sha1(b"corp").hexdigest()
        files[f".aws/sso/cache/{key}.json"] = json.dumps(token)
    return Scenario(files, profile=profile, executable=("creds.sh",))


def report(s: Scenario) -> tuple[str, dict[str, Any], str]:
    with state_of(s) as (home, state):
        data = explain_report(state, s.profile)
        return home, data, render_text(data)


def botocore_profiles(s: Scenario) -> dict[str, Any]:
    import botocore.session

    with materialised(s) as (_, env), sandbox_environ(env):
        return dict(botocore.session.Session().full_config["profiles"])


def test_role_chain_with_mfa_matches_botocore() -> None:
    s = scenario("admin")
    _, data, text = report(s)
    creds = data["credentials"]
    assert creds["method"] == oracle(s).credentials[1] == "assume-role"
    truth = botocore_profiles(s)
    chain = creds["profiles"]
    assert [p["name"] for p in chain] == ["admin", "staging", "base"]
    for facts in chain:
        for key in ("role_arn", "source_profile", "mfa_serial", "role_session_name"):
            assert facts[key] == truth[facts["name"]].get(key), (facts["name"], key)
    staging = chain[1]
    assert staging["mfa_prompt"] is True and chain[0]["mfa_prompt"] is False
    assert staging["external_id"] == "****6789" and staging["duration_seconds"] == "3600"
    assert "boto3 asks for an MFA code" in text
    assert "ext-0123456789" not in text + json.dumps(data) and SECRET not in text


def _botocore_token_lookup(home: str, start_url: str, session: str | None) -> tuple[str, bool]:
    """Where botocore's SSO providers look for the token, and whether the loader finds one."""
    from botocore.exceptions import SSOTokenLoadError
    from botocore.utils import JSONFileCache, SSOTokenLoader

    cache = JSONFileCache(os.path.join(home, ".aws", "sso", "cache"))
    key = SSOTokenLoader()._generate_cache_key(start_url, session)
    path = cache._convert_cache_key(key)
    try:
        SSOTokenLoader(cache=cache)(start_url, session)
    except SSOTokenLoadError:
        return path, False
    return path, True


@pytest.mark.parametrize("hours", [None, -30.0, 5.0])
def test_sso_token_state_matches_botocore_cache_lookup(hours: float | None) -> None:
    token = None
    if hours is not None:
        expires = datetime.now(timezone.utc) + timedelta(hours=hours)
        token = {
            "accessToken": "SECRETACCESSTOKEN",
            "expiresAt": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    s = scenario("sso", token)
    with state_of(s) as (home, state):
        data = explain_report(state, "sso")
        text = render_text(data)
        path, present = _botocore_token_lookup(home, "https://corp.awsapps.com/start", "corp")
    [facts] = data["credentials"]["profiles"]
    sso = facts["sso"]
    assert (sso["session"], sso["start_url"], sso["region"]) == (
        "corp",
        "https://corp.awsapps.com/start",
        "eu-west-1",
    )
    assert (sso["account_id"], sso["role_name"]) == ("123456789012", "Admin")
    assert sso["token"]["path"] == path and sso["token"]["present"] is present
    assert "SECRETACCESSTOKEN" not in json.dumps(data) + text
    if hours is None:
        assert "no cached token" in text
    elif hours < 0:
        assert sso["token"]["expired"] is True and "expired 30.0 hours ago" in text
    else:
        assert sso["token"]["expired"] is False and "valid for 5.0 hours" in text


def test_legacy_sso_profile_keys_the_cache_by_start_url() -> None:
    with state_of(scenario("legacy-sso")) as (home, state):
        sso = explain_report(state, "legacy-sso")["credentials"]["profiles"][0]["sso"]
        path, _ = _botocore_token_lookup(home, "https://legacy.awsapps.com/start", None)
    assert sso["session"] is None and sso["region"] == "us-east-2"
    assert sso["token"]["path"] == path


def test_credential_process_command_is_shown_masked() -> None:
    s = scenario("proc")
    home, data, text = report(s)
    assert data["credentials"]["method"] == oracle(s).credentials[1] == "custom-process"
    command = data["credentials"]["profiles"][0]["credential_process"]
    assert command == f"{home}/creds.sh --client-secret ****LUE1 --profile x"
    assert "TOPSECRETVALUE1" not in text


def cli(*args: str, home: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aws_config_ls", "explain", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": home, "AWS_EC2_METADATA_DISABLED": "true", **env},
        cwd=ROOT,
        timeout=120,
    )


def test_exit_codes_and_missing_profile_message() -> None:
    s = scenario(None)
    with materialised(s) as (home, _):
        assert oracle(Scenario(s.files, {"AWS_PROFILE": "stagin"})).session[0] == "ProfileNotFound"
        missing = cli(home=home, AWS_PROFILE="stagin")
        assert missing.returncode == 2 and missing.stdout == ""
        assert missing.stderr.count("\n") == 1
        assert "'stagin' (AWS_PROFILE) is not defined" in missing.stderr
        assert "did you mean 'staging'" in missing.stderr
        assert cli("--profile", "base", home=home).returncode == 0
        assert cli(home=home).returncode == 1  # [default] has no credentials
        as_json = cli("--format", "json", "--profile", "nope", home=home)
        assert as_json.returncode == 2 and json.loads(as_json.stdout)["profile"]["name"] == "nope"
        every = cli("--all", "--profile", "base", home=home)
        assert "more at their defaults" not in every.stdout
        assert "proxies_config.proxy_ca_bundle" in every.stdout
        plain = cli("--profile", "base", home=home).stdout.splitlines()[0]
        assert "explicit" not in plain and "Session(profile_name=...)" in plain


def _botocore_frozen_credentials(s: Scenario) -> str:
    """What `get_frozen_credentials()` raises in botocore for the scenario's profile. Its SSO
    cache directory is fixed when botocore is imported; point it at the sandbox's HOME."""
    import botocore.credentials
    import botocore.session
    import botocore.tokens

    with materialised(s) as (home, env), sandbox_environ(env):
        cache = os.path.join(home, ".aws", "sso", "cache")
        saved = botocore.credentials.SSOProvider._SSO_TOKEN_CACHE_DIR
        botocore.credentials.SSOProvider._SSO_TOKEN_CACHE_DIR = cache
        botocore.tokens.SSOTokenProvider._SSO_TOKEN_CACHE_DIR = cache
        try:
            creds = botocore.session.Session(profile=s.profile).get_credentials()
            creds.get_frozen_credentials()
        except Exception as e:
            return type(e).__name__
        finally:
            botocore.credentials.SSOProvider._SSO_TOKEN_CACHE_DIR = saved
            botocore.tokens.SSOTokenProvider._SSO_TOKEN_CACHE_DIR = saved
    return "ok"


@pytest.mark.parametrize(
    ("profile", "hours", "raised"),
    [
        ("sso", None, "SSOTokenLoadError"),
        ("legacy-sso", None, "SSOTokenLoadError"),
        ("legacy-sso", -2.0, "UnauthorizedSSOTokenError"),
    ],
)
def test_login_needed_agrees_with_botocore(profile: str, hours: float | None, raised: str) -> None:
    files = {".aws/config": CONFIG}
    if hours is not None:
        expires = datetime.now(timezone.utc) + timedelta(hours=hours)
        key = hashlib.sha1(b"https://legacy.awsapps.com/start").hexdigest()
        files[f".aws/sso/cache/{key}.json"] = json.dumps(
            {"accessToken": "x", "expiresAt": expires.strftime("%Y-%m-%dT%H:%M:%SZ")}
        )
    s = Scenario(files, profile=profile)
    assert _botocore_frozen_credentials(s) == raised
    with state_of(s) as (home, _):
        done = cli("--profile", profile, home=home)
    assert done.returncode == 1
    assert ("no cached token" if hours is None else "run `aws sso login` again") in done.stdout
