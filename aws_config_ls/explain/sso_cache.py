"""The SSO token cache, read-only: where botocore looks for an [sso-session]'s token (or a
legacy SSO profile's) and when it expires. Never refreshes, never sends, never shows a token.

botocore.utils.SSOTokenLoader: the file is `~/.aws/sso/cache/<sha1(name)>.json`, the name
being the session's name, else the legacy profile's `sso_start_url`; the token must hold
`accessToken` and `expiresAt`.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import datetime, timezone

from aws_config_ls.resolution.environment import Environment

CACHE_DIR = "~/.aws/sso/cache"
MAX_BYTES = 1 << 20


@dataclass(frozen=True)
class TokenState:
    path: str
    expires_at: datetime | None  # None: no usable token (see `problem`)
    problem: str | None = None  # "missing", "unreadable" or "invalid"


def token_path(env: Environment, session_name: str | None, start_url: str | None) -> str:
    key = session_name if session_name is not None else start_url or ""
    name = hashlib.sha1(key.encode("utf-8")).hexdigest()  # botocore's cache key
    return os.path.join(env.expanduser(CACHE_DIR), name + ".json")


def token_state(env: Environment, session_name: str | None, start_url: str | None) -> TokenState:
    path = token_path(env, session_name, start_url)
    try:
        info = os.stat(path)
    except OSError:
        return TokenState(path, None, "missing")
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
        return TokenState(path, None, "unreadable")
    try:
        with open(path, encoding="utf-8") as handle:
            token = json.load(handle)
        expires = token["expiresAt"] if "accessToken" in token else None
        moment = datetime.fromisoformat(str(expires).replace("Z", "+00:00"))
    except (OSError, ValueError, TypeError, KeyError):
        return TokenState(path, None, "invalid")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return TokenState(path, moment)


def describe(state: TokenState, login: str, now: datetime) -> str:
    """One line for a lens or a hover: expires in …, expired … ago, or none cached."""
    if state.expires_at is None:
        what = "no SSO token cached" if state.problem == "missing" else "the SSO token is unusable"
        return f"{what}: run `{login}`"
    seconds = (state.expires_at - now).total_seconds()
    if seconds > 0:
        return f"SSO token expires in {_duration(seconds)}"
    return f"the SSO token expired {_duration(-seconds)} ago: run `{login}`"


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h {minutes % 60} min" if minutes % 60 else f"{hours} h"
    return f"{hours // 24} days"
