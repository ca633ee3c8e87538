"""One line on how a profile resolves now, for code lens and inlay hints: the credential
method and the chain of profiles it goes through, the region, or the error botocore raises."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aws_config_ls.resolution.credentials import CredentialOutcome
from aws_config_ls.resolution.refs import VariableRef
from aws_config_ls.resolution.rolecache import role_cache_state
from aws_config_ls.resolution.ssocache import token_state
from aws_config_ls.resolution.state import ResolutionState, credentials_for, region_for

MAX_ERROR = 100


@dataclass(frozen=True)
class ProfileSummary:
    credentials: str  # "assume-role via dev → base (shared-credentials-file)", or the error
    region: str | None  # the region a client gets, None when there is none
    error: bool
    outside: str | None  # the variable the credentials come from, if they do
    chained: bool  # the credentials come through other profiles (source_profile)
    region_from: str | None  # the variable that sets the region, if one does
    sso_token: str | None = None  # an SSO profile's cached token: expires in …, expired …
    role_cache: str | None = None  # the AWS CLI's cached credentials of the profile's role


def summarize(state: ResolutionState, profile: str, now: datetime | None = None) -> ProfileSummary:
    """How `profile` resolves, selected as the current selection would select it; `now` for
    the SSO token's expiry (the current time by default)."""
    outcome = credentials_for(state, profile)
    kind, region = region_for(state, profile)
    if outcome.error is not None:
        message = state.redact(outcome.error.message)
        if len(message) > MAX_ERROR:
            message = message[: MAX_ERROR - 1] + "…"
        text = f"✗ {outcome.error.type}: {message}"
    else:
        text = credential_text(outcome)
    cause = outcome.found.cause if outcome.found is not None else None
    outside = cause.name if isinstance(cause, VariableRef) else None
    region_text = str(region) if kind == "ok" and region else None
    return ProfileSummary(
        text,
        region_text,
        outcome.error is not None,
        outside,
        bool(outcome.hops),
        _region_variable(state) if region_text else None,
        _sso_token(state, profile, now) if outcome.method == "sso" else None,
        role_cache(state, profile, now) if outcome.method == "assume-role" else None,
    )


def credential_text(outcome: CredentialOutcome) -> str:
    """`method via a → b (source method)`, or that no provider found any."""
    if outcome.found is None:
        return "no credentials: every provider is skipped"
    text = outcome.found.method
    if outcome.hops:
        chain = " → ".join(hop.source for hop in outcome.hops)
        last = outcome.hops[-1].method
        text += f" via {chain}" + (f" ({last})" if last else "")
    return text


def line(summary: ProfileSummary) -> str:
    """The code lens's line."""
    if summary.error:
        return summary.credentials
    region = summary.region or "no region"
    token = f" · {summary.sso_token}" if summary.sso_token else ""
    cached = f" · {summary.role_cache}" if summary.role_cache else ""
    return f"{summary.credentials} · {region}{token}{cached}"


def _sso_token(state: ResolutionState, profile: str, now: datetime | None) -> str | None:
    """The token botocore's SSO provider would load for this profile (its session's, or the
    legacy profile's start URL's)."""
    config = state.full_config
    values = config.profiles.get(profile, {}) if config is not None else {}
    session, url = values.get("sso_session"), values.get("sso_start_url")
    token = token_state(
        state.env,
        url if isinstance(url, str) else None,
        session if isinstance(session, str) else None,
        now,
    )
    return f"SSO: {token.describe()}" if token is not None else None


def role_cache(state: ResolutionState, profile: str, now: datetime | None = None) -> str | None:
    """What the AWS CLI's role-credential cache holds for the profile's role, in words."""
    config = state.full_config
    values = config.profiles.get(profile) if config is not None else None
    found = role_cache_state(state.env, values, now) if isinstance(values, dict) else None
    return found.describe() if found is not None else None


def _region_variable(state: ResolutionState) -> str | None:
    """botocore reads the region from AWS_DEFAULT_REGION before any profile's `region`."""
    return "AWS_DEFAULT_REGION" if state.env.get("AWS_DEFAULT_REGION") else None
