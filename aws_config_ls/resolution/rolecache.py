"""The AWS CLI's cache of assumed-role credentials, read-only: when the credentials it holds for
a profile's role expire. Only the expiry is read; the credentials are never shown, the file is
never written, and nothing is sent to STS.

The AWS CLI gives botocore's AssumeRoleProvider a JSONFileCache in `~/.aws/cli/cache`
(awscli/customizations/assumerole.py); the file is `<key>.json` (utils.JSONFileCache), the key
made by credentials.BaseAssumeRoleCredentialFetcher._create_cache_key from the AssumeRole
arguments that AssumeRoleProvider._resolve_role_credentials builds from the profile. boto3
itself keeps these credentials in memory only: the cache is what the next `aws` command reuses.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from aws_config_ls.ini.safe_read import read_whole
from aws_config_ls.resolution.environment import Environment

MAX_BYTES = 1024 * 1024
# credentials.CachedCredentialFetcher.DEFAULT_EXPIRY_WINDOW_SECONDS: cached credentials with
# less than this left are not used; the CLI assumes the role again.
EXPIRY_WINDOW_SECONDS = 60 * 15


def assume_role_arguments(profile: Mapping[str, Any]) -> dict[str, Any] | None:
    """The AssumeRole arguments botocore's fetcher is built with for a profile with `role_arn`
    (credentials.AssumeRoleProvider._get_role_config and _resolve_role_credentials), the
    generated session name left out as the cache key leaves it out; None without a role."""
    role_arn = profile.get("role_arn")
    if not isinstance(role_arn, str):
        return None
    args: dict[str, Any] = {"RoleArn": role_arn}
    for key, name in (
        ("role_session_name", "RoleSessionName"),
        ("external_id", "ExternalId"),
        ("mfa_serial", "SerialNumber"),
    ):
        if profile.get(key) is not None:
            args[name] = profile[key]
    duration = profile.get("duration_seconds")
    # _get_role_config drops what int() refuses (a nested block's TypeError raises there).
    with contextlib.suppress(TypeError, ValueError):
        if duration is not None:
            args["DurationSeconds"] = int(duration)
    if not args.get("RoleSessionName"):  # an empty name: the fetcher generates one
        args.pop("RoleSessionName", None)
    return args


def cache_key(arguments: Mapping[str, Any]) -> str:
    """BaseAssumeRoleCredentialFetcher._create_cache_key and _make_file_safe (no `Policy`:
    no profile key sets one)."""
    digest = hashlib.sha1(json.dumps(arguments, sort_keys=True).encode("utf-8")).hexdigest()
    return digest.replace(":", "_").replace(os.sep, "_").replace("/", "_")


@dataclass(frozen=True)
class RoleCacheState:
    """What the cache file says of one role: its expiry, never the credentials."""

    path: str
    problem: str | None = None  # unreadable, not JSON, no Credentials.Expiration
    minutes: float | None = None  # until expiry (negative: since)

    def describe(self) -> str:
        if self.problem is not None or self.minutes is None:
            return f"cached role credentials unusable ({self.problem})"
        if self.minutes <= 0:
            return f"cached role credentials expired {_span(-self.minutes)} ago"
        text = f"cached role credentials expire in {_span(self.minutes)}"
        if self.minutes * 60 < EXPIRY_WINDOW_SECONDS:
            text += " (the AWS CLI renews them: under 15 min left)"
        return text


def _span(minutes: float) -> str:
    if minutes < 60:
        return f"{max(1, round(minutes))} min"
    if minutes < 48 * 60:
        return f"{round(minutes / 60)} h"
    return f"{round(minutes / 1440)} days"


def role_cache_state(
    env: Environment, profile: Mapping[str, Any], now: datetime | None = None
) -> RoleCacheState | None:
    """The cached credentials of the profile's role; None when the profile assumes no role
    or the cache holds nothing for it."""
    arguments = assume_role_arguments(profile)
    if arguments is None:
        return None
    folder = env.expanduser(os.path.join("~", ".aws", "cli", "cache"))
    path = os.path.join(folder, cache_key(arguments) + ".json")
    read = read_whole(path, MAX_BYTES)
    if read.missing:
        return None
    if read.data is None:
        return RoleCacheState(path, read.error or "unreadable")
    try:
        cached = json.loads(read.data)
    except ValueError as e:
        return RoleCacheState(path, f"not readable JSON: {type(e).__name__}")
    credentials = cached.get("Credentials") if isinstance(cached, dict) else None
    expiration = credentials.get("Expiration") if isinstance(credentials, dict) else None
    if not isinstance(expiration, str):
        return RoleCacheState(path, "no Credentials.Expiration")
    try:
        expires = datetime.fromisoformat(expiration.replace("Z", "+00:00"))
    except ValueError:
        return RoleCacheState(path, "Expiration is not a date")
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=timezone.utc)
    left = (expires - (now or datetime.now(timezone.utc))).total_seconds() / 60
    return RoleCacheState(path, minutes=round(left, 2))
