"""The AWS CLI's assumed-role credential cache: the file name proven equal to the one botocore's
own fetcher uses for the same profile, and its expiry read from planted files in a fake HOME
(never the credentials it holds)."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_config_ls.explain.summary import line, summarize
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.resolution.rolecache import assume_role_arguments, cache_key, role_cache_state
from tests.support.profiles import examples
from tests.support.resolution import Scenario, materialised, sandbox_environ, state_for

ROLE = "arn:aws:iam::123456789012:role/Admin"
BASE = (
    "[profile base]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\n"
    "aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n\n"
)
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)

# Values as they reach the profile's dictionary: empty, padded numbers, `_` (int() takes
# 1_000), non-ASCII digits, quotes and JSON's specials, so the hash input is really tested.
_TEXT = st.text(
    alphabet=st.sampled_from(list("aZ09 _-:/=\"'\\é٣{}[]+@.,")), min_size=0, max_size=12
).map(str.strip)
_OPTIONAL = st.none() | _TEXT
_DURATION = st.none() | _TEXT | st.integers(-5, 50_000).map(str)


def botocore_key(config: str, profile: str, home: str, env: dict[str, str]) -> str:
    """The cache key botocore's AssumeRoleProvider gives the fetcher it builds for `profile`
    (building it sends nothing: the credentials are deferred until first used)."""
    import botocore.session
    from botocore.credentials import AssumeRoleProvider

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no client may be created")

    with sandbox_environ(env):
        session = botocore.session.Session()
        provider = AssumeRoleProvider(
            load_config=lambda: session.full_config,
            client_creator=refuse,
            cache={},
            profile_name=profile,
        )
        credentials = provider.load()
    refresh = credentials._refresh_using  # type: ignore[union-attr]
    refresh = getattr(refresh, "_refresh", refresh)  # unwrapped from MFA's one-shot refresher
    fetcher = refresh.__self__
    key: str = fetcher._create_cache_key()
    return key


@pytest.mark.differential
@settings(max_examples=examples(300), deadline=None)
@given(
    session_name=_OPTIONAL,
    external_id=_OPTIONAL,
    mfa_serial=_OPTIONAL,
    duration=_DURATION,
)
def test_the_cache_file_is_the_one_botocores_fetcher_names(
    session_name: str | None, external_id: str | None, mfa_serial: str | None, duration: str | None
) -> None:
    text = BASE + f"[profile admin]\nrole_arn = {ROLE}\nsource_profile = base\n"
    for key, value in (
        ("role_session_name", session_name),
        ("external_id", external_id),
        ("mfa_serial", mfa_serial),
        ("duration_seconds", duration),
    ):
        if value is not None:
            text += f"{key} = {value}\n"
    scenario = Scenario(files={".aws/config": text}, env={"AWS_CONFIG_FILE": "{home}/.aws/config"})
    with materialised(scenario) as (home, env):
        env["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(home, "none")
        expected = botocore_key(text, "admin", home, env)
        full = state_for(scenario, home, env).full_config
        assert full is not None
        arguments = assume_role_arguments(full.profiles["admin"])
        assert arguments is not None
        assert cache_key(arguments) == expected


def plant(home: Path, profile: dict[str, str], expires: datetime | str) -> Path:
    arguments = assume_role_arguments(profile)
    assert arguments is not None
    folder = home / ".aws" / "cli" / "cache"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (cache_key(arguments) + ".json")
    stamp = expires if isinstance(expires, str) else expires.isoformat()
    path.write_text(
        json.dumps(
            {
                "Credentials": {
                    "AccessKeyId": "ASIANEVERSHOWN00000",
                    "SecretAccessKey": "never-shown-secret",
                    "SessionToken": "never-shown-token",
                    "Expiration": stamp,
                },
                "AssumedRoleUser": {"Arn": "arn:aws:sts::123456789012:assumed-role/Admin/x"},
            }
        )
    )
    return path


@pytest.mark.parametrize(
    ("expires", "said"),
    [
        (NOW + timedelta(minutes=40), "cached role credentials expire in 40 min"),
        (NOW + timedelta(hours=5), "cached role credentials expire in 5 h"),
        (NOW - timedelta(hours=3), "cached role credentials expired 3 h ago"),
        (
            NOW + timedelta(minutes=12),
            "cached role credentials expire in 12 min (the AWS CLI renews them: under 15 min left)",
        ),
        ("2026-12-01T12:30:00Z", "cached role credentials expire in 30 min"),
        ("soon", "cached role credentials unusable (Expiration is not a date)"),
    ],
)
def test_expiry_in_words(tmp_path: Path, expires: datetime | str, said: str) -> None:
    profile = {"role_arn": ROLE, "source_profile": "base", "role_session_name": "me"}
    plant(tmp_path, profile, expires)
    found = role_cache_state(Environment({"HOME": str(tmp_path)}), profile, NOW)
    assert found is not None and found.describe() == said
    assert "never" not in found.describe()


def test_nothing_without_a_role_or_a_file(tmp_path: Path) -> None:
    env = Environment({"HOME": str(tmp_path)})
    assert role_cache_state(env, {"region": "us-east-1"}, NOW) is None
    assert role_cache_state(env, {"role_arn": ROLE}, NOW) is None
    (tmp_path / ".aws" / "cli" / "cache").mkdir(parents=True)
    assert role_cache_state(env, {"role_arn": ROLE}, NOW) is None


def test_the_summary_line_ends_with_the_cache(tmp_path: Path) -> None:
    text = BASE + f"[profile admin]\nrole_arn = {ROLE}\nsource_profile = base\n"
    scenario = Scenario(files={".aws/config": text}, env={"AWS_CONFIG_FILE": "{home}/.aws/config"})
    with materialised(scenario) as (home, env):
        plant(Path(home), {"role_arn": ROLE}, NOW - timedelta(hours=3))
        state = state_for(scenario, home, env)
        assert line(summarize(state, "admin", NOW)) == (
            "assume-role via base (config-file) · no region · "
            "cached role credentials expired 3 h ago"
        )
        assert line(summarize(state, "base", NOW)) == "config-file · no region"
