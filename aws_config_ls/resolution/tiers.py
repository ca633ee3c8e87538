"""botocore's credential chain as data (credentials.py create_credential_resolver).

Tiers 1-2 are credentials passed in code; 3-14 are the providers of the default resolver in
its order, with `ProfileProviderBuilder.providers()` supplying 5-10.
"""

from __future__ import annotations

from aws_config_ls.ini.records import NamedTuple

# Profile keys that belong to a tier (the provider that reads them).
STATIC_KEYS = (
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
    "aws_account_id",
)


class Tier(NamedTuple):
    number: int
    name: str
    method: str  # the provider's METHOD, what `Credentials.method` reports
    trigger: str
    keys: tuple[str, ...] = ()  # the profile keys its provider reads

    @property
    def label(self) -> str:
        return f"tier {self.number} of {len(TIERS)}: {self.name}"


CLIENT = Tier(1, "client parameters", "explicit", "aws_access_key_id passed to client()")
SESSION = Tier(2, "session parameters", "explicit", "aws_access_key_id passed to Session()")
ENV = Tier(3, "environment variables", "env", "AWS_ACCESS_KEY_ID non-empty")
ASSUME_ROLE = Tier(
    4,
    "assume role",
    "assume-role",
    "role_arn without web_identity_token_file",
    (
        "role_arn",
        "source_profile",
        "credential_source",
        "role_session_name",
        "external_id",
        "mfa_serial",
        "duration_seconds",
    ),
)
WEB_IDENTITY = Tier(
    5,
    "web identity",
    "assume-role-with-web-identity",
    "web_identity_token_file (or AWS_WEB_IDENTITY_TOKEN_FILE)",
    ("web_identity_token_file", "role_arn", "role_session_name"),
)
SSO = Tier(
    6,
    "IAM Identity Center (SSO)",
    "sso",
    "sso_account_id or sso_role_name",
    ("sso_account_id", "sso_role_name", "sso_start_url", "sso_region", "sso_session"),
)
SHARED_FILE = Tier(
    7,
    "shared credentials file",
    "shared-credentials-file",
    "aws_access_key_id in the credentials file section",
    STATIC_KEYS,
)
LOGIN = Tier(8, "console login", "login", "login_session", ("login_session",))
PROCESS = Tier(
    9, "credential process", "custom-process", "credential_process", ("credential_process",)
)
CONFIG_FILE = Tier(
    10,
    "config file",
    "config-file",
    "aws_access_key_id in the config file profile",
    STATIC_KEYS,
)
EC2_FILE = Tier(11, "EC2 credentials file", "ec2-credentials-file", "AWS_CREDENTIAL_FILE")
BOTO = Tier(12, "boto2 config file", "boto-config", "[Credentials] aws_access_key_id")
CONTAINER = Tier(
    13,
    "container credentials",
    "container-role",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI",
)
IMDS = Tier(14, "instance metadata", "iam-role", "always, unless AWS_EC2_METADATA_DISABLED=true")

TIERS: tuple[Tier, ...] = (
    CLIENT,
    SESSION,
    ENV,
    ASSUME_ROLE,
    WEB_IDENTITY,
    SSO,
    SHARED_FILE,
    LOGIN,
    PROCESS,
    CONFIG_FILE,
    EC2_FILE,
    BOTO,
    CONTAINER,
    IMDS,
)
BY_METHOD = {t.method: t for t in TIERS[2:]}
BY_NUMBER = {t.number: t for t in TIERS}


def tier_of_key(key: str, in_credentials_file: bool, has_web_identity: bool) -> Tier | None:
    """The tier whose provider reads `key` of a profile; None for settings and unknown keys."""
    if key in STATIC_KEYS:
        return SHARED_FILE if in_credentials_file else CONFIG_FILE
    if key == "web_identity_token_file" or (has_web_identity and key in WEB_IDENTITY.keys):
        return WEB_IDENTITY
    return next((t for t in (ASSUME_ROLE, SSO, LOGIN, PROCESS) if key in t.keys), None)
