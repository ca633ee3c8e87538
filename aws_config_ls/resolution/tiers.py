"""botocore's credential chain as data (credentials.py create_credential_resolver).

Tiers 1-2 are credentials passed in code; 3-14 are the providers of the default resolver in
its order, with `ProfileProviderBuilder.providers()` supplying 5-10.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tier:
    number: int
    name: str
    method: str  # the provider's METHOD, what `Credentials.method` reports
    trigger: str

    @property
    def label(self) -> str:
        return f"tier {self.number} of {len(TIERS)}: {self.name}"


TIERS: tuple[Tier, ...] = (
    Tier(1, "client parameters", "explicit", "aws_access_key_id passed to client()"),
    Tier(2, "session parameters", "explicit", "aws_access_key_id passed to Session()"),
    Tier(3, "environment variables", "env", "AWS_ACCESS_KEY_ID non-empty"),
    Tier(4, "assume role", "assume-role", "role_arn without web_identity_token_file"),
    Tier(
        5,
        "web identity",
        "assume-role-with-web-identity",
        "web_identity_token_file (or AWS_WEB_IDENTITY_TOKEN_FILE)",
    ),
    Tier(6, "IAM Identity Center (SSO)", "sso", "sso_account_id or sso_role_name"),
    Tier(
        7,
        "shared credentials file",
        "shared-credentials-file",
        "aws_access_key_id in the credentials file section",
    ),
    Tier(8, "console login", "login", "login_session"),
    Tier(9, "credential process", "custom-process", "credential_process"),
    Tier(10, "config file", "config-file", "aws_access_key_id in the config file profile"),
    Tier(11, "EC2 credentials file", "ec2-credentials-file", "AWS_CREDENTIAL_FILE"),
    Tier(12, "boto2 config file", "boto-config", "[Credentials] aws_access_key_id"),
    Tier(
        13,
        "container credentials",
        "container-role",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI",
    ),
    Tier(14, "instance metadata", "iam-role", "always, unless AWS_EC2_METADATA_DISABLED=true"),
)
BY_METHOD = {t.method: t for t in TIERS[2:]}
BY_NUMBER = {t.number: t for t in TIERS}

ENV, ASSUME_ROLE, WEB_IDENTITY, SSO, SHARED_FILE, LOGIN, PROCESS, CONFIG_FILE = TIERS[2:10]
EC2_FILE, BOTO, CONTAINER, IMDS = TIERS[10:]

# Profile keys that belong to a tier (the provider that reads them).
STATIC_KEYS = (
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
    "aws_account_id",
)
ASSUME_ROLE_KEYS = (
    "role_arn",
    "source_profile",
    "credential_source",
    "role_session_name",
    "external_id",
    "mfa_serial",
    "duration_seconds",
)
SSO_KEYS = ("sso_account_id", "sso_role_name", "sso_start_url", "sso_region", "sso_session")


def tier_of_key(key: str, in_credentials_file: bool, has_web_identity: bool) -> Tier | None:
    """The tier whose provider reads `key` of a profile; None for settings and unknown keys."""
    if key in STATIC_KEYS:
        return SHARED_FILE if in_credentials_file else CONFIG_FILE
    if key == "web_identity_token_file" or (
        has_web_identity and key in ("role_arn", "role_session_name")
    ):
        return WEB_IDENTITY
    if key in ASSUME_ROLE_KEYS:
        return ASSUME_ROLE
    if key in SSO_KEYS:
        return SSO
    if key == "login_session":
        return LOGIN
    if key == "credential_process":
        return PROCESS
    return None
