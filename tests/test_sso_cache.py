"""The SSO token cache as botocore finds it: the same file, the token never shown."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from botocore.utils import JSONFileCache, SSOTokenLoader

from aws_config_ls.explain.sso_cache import describe, token_path, token_state
from aws_config_ls.resolution.environment import Environment

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
LOGIN = "aws sso login --sso-session corp"


def plant(home: Path, name: str | None, url: str | None, token: object) -> Environment:
    env = Environment({"HOME": str(home)})
    path = Path(token_path(env, name, url))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(token))
    return env


def test_botocore_reads_the_file_we_name(tmp_path: Path) -> None:
    token = {"accessToken": "secret-token", "expiresAt": "2026-12-01T15:00:00Z"}
    plant(tmp_path, "corp", None, token)
    plant(tmp_path, None, "https://legacy.awsapps.com/start", token)
    loader = SSOTokenLoader(JSONFileCache(str(tmp_path / ".aws" / "sso" / "cache")))
    assert loader("https://x", session_name="corp") == token
    assert loader("https://legacy.awsapps.com/start") == token


def test_states_and_lines(tmp_path: Path) -> None:
    env = plant(tmp_path, "corp", None, {"accessToken": "t", "expiresAt": "2026-12-01T15:30:00Z"})
    state = token_state(env, "corp", None)
    assert describe(state, LOGIN, NOW) == "SSO token expires in 3 h 30 min"
    assert describe(state, LOGIN, NOW + timedelta(hours=6, minutes=30)) == (
        "the SSO token expired 3 h ago: run `aws sso login --sso-session corp`"
    )
    assert "secret" not in describe(state, LOGIN, NOW)
    missing = token_state(env, "other", None)
    assert missing.problem == "missing"
    assert describe(missing, LOGIN, NOW).startswith("no SSO token cached")
    plant(tmp_path, "bad", None, ["not", "a", "token"])
    assert token_state(env, "bad", None).problem == "invalid"
    os.mkdir(token_path(env, "dir", None))
    assert token_state(env, "dir", None).problem == "unreadable"
