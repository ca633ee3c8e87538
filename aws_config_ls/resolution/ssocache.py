"""The state of an SSO login in botocore's token cache, read-only (never refreshed or sent).

botocore looks the token up in `~/.aws/sso/cache/<sha1>.json` (credentials.py SSOProvider and
tokens.py SSOTokenProvider `_SSO_TOKEN_CACHE_DIR`, utils.py JSONFileCache), where the key is
the SHA-1 of the sso-session name, or of the start URL for a legacy profile without one
(utils.py SSOTokenLoader._generate_cache_key).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone

from aws_config_ls.ini.safe_read import read_whole
from aws_config_ls.resolution.environment import Environment

MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class TokenState:
    """What the cache holds for one login: never the token itself."""

    path: str
    present: bool
    problem: str | None = None  # unreadable, not JSON, no accessToken/expiresAt
    expires_at: str | None = None  # ISO 8601, UTC
    expired: bool | None = None
    hours: float | None = None  # until expiry (negative: since)
    refreshable: bool = False  # a refreshToken (sso-session logins) lets boto3 renew it

    @property
    def login_needed(self) -> bool:
        """boto3 cannot get credentials without a new `aws sso login`: no usable token, or an
        expired one it cannot refresh (credentials.py SSOCredentialFetcher._get_credentials
        raises UnauthorizedSSOTokenError for an expired legacy token; SSOTokenLoader raises
        SSOTokenLoadError for a missing one)."""
        return (
            not self.present
            or self.problem is not None
            or (bool(self.expired) and not self.refreshable)
        )

    def describe(self) -> str:
        if not self.present:
            return "no cached token: run `aws sso login` first"
        if self.problem is not None:
            return f"cached token unusable ({self.problem})"
        assert self.hours is not None
        hours = abs(self.hours)
        span = f"{hours:.1f} hours" if hours < 48 else f"{hours / 24:.1f} days"
        if self.expired:
            renew = "boto3 tries to refresh it" if self.refreshable else "run `aws sso login` again"
            return f"cached token expired {span} ago, at {self.expires_at} ({renew})"
        return f"cached token valid for {span}, until {self.expires_at}"


def cache_key(start_url: str | None, session_name: str | None) -> str | None:
    """utils.SSOTokenLoader._generate_cache_key."""
    text = session_name if session_name is not None else start_url
    return None if text is None else hashlib.sha1(text.encode("utf-8")).hexdigest()


def token_state(
    env: Environment, start_url: str | None, session_name: str | None, now: datetime | None = None
) -> TokenState | None:
    key = cache_key(start_url, session_name)
    if key is None:
        return None
    path = os.path.join(env.expanduser("~/.aws/sso/cache"), key + ".json")
    read = read_whole(path, MAX_BYTES)
    if read.missing:
        return TokenState(path, False)
    if read.data is None:
        return TokenState(path, True, read.error)
    try:
        token = json.loads(read.data)
    except ValueError as e:
        return TokenState(path, True, f"not readable JSON: {type(e).__name__}")
    if not isinstance(token, dict) or "accessToken" not in token or "expiresAt" not in token:
        return TokenState(path, True, "no accessToken or expiresAt")
    try:
        expires = datetime.fromisoformat(str(token["expiresAt"]).replace("Z", "+00:00"))
    except ValueError:
        return TokenState(path, True, "expiresAt is not a date")
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=timezone.utc)
    hours = (expires - (now or datetime.now(timezone.utc))).total_seconds() / 3600
    return TokenState(
        path,
        True,
        expires_at=expires.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        expired=hours <= 0,
        hours=round(hours, 2),
        refreshable=session_name is not None and "refreshToken" in token,
    )
