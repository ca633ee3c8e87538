"""Keys of well-known tools that share the AWS files: explained on hover, never flagged unknown.

aws-vault, Granted, aws-azure-login, aws-okta, aws-google-auth and aws-adfs keep their settings
in config-file profiles; aws-sso-util marks the profiles it writes; saml2aws and aws-azure-login
write bookkeeping keys next to the credentials they store; aws-okta reads a section of its own.
Each source is the tool's own documentation or source, cited beside its keys.
"""

from __future__ import annotations

from functools import cache

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.effects import tool
from aws_config_ls.catalogue.known_key import BOTH_FILES, KnownKey, Reader, known_key
from aws_config_ls.catalogue.valuetypes import (
    Arn,
    Boolean,
    BooleanParse,
    Command,
    Integer,
    Pattern,
    Reference,
    Region,
    Text,
    Url,
    ValueType,
)
from aws_config_ls.ini.kinds import FileKind

AWS_VAULT = "https://github.com/99designs/aws-vault/blob/master/USAGE.md"
GRANTED = "https://docs.commonfate.io/granted/introduction"
AZURE = "https://github.com/aws-azure-login/aws-azure-login"
SAML2AWS = "https://github.com/Versent/saml2aws"
# aws-sso-util `configure populate` writes sso_account_name and sso_auto_populated = true, and
# rewrites or removes only the profiles so marked (docs/configure.md).
AWS_SSO_UTIL = "https://github.com/benkehoe/aws-sso-util/blob/master/docs/configure.md"
# aws-okta: `[okta]` holds aws_saml_url for every profile; profiles may override it and set the
# MFA and session settings (README, "Configuring your aws config").
AWS_OKTA = "https://github.com/segmentio/aws-okta#configuring-your-aws-config"
# aws-google-auth writes `google_config.*` keys into the profile (aws_google_auth/configuration.py)
AWS_GOOGLE_AUTH = "https://github.com/cevoaustralia/aws-google-auth"
# aws-mfa keeps `aws_mfa_device` (and `assume_role`) in the long-term profile of the credentials
# file and writes `assumed_role`, `assumed_role_arn` and `expiration` beside the short-term keys
# (README "Usage", aws-mfa's config.set calls).
AWS_MFA = "https://github.com/broamski/aws-mfa"
# aws-adfs writes `adfs_config.*` keys into the profile (aws_adfs/prepare.py config_storer)
AWS_ADFS = "https://github.com/venth/aws-adfs"

_NAMES = {
    Reader.AWS_VAULT: "aws-vault",
    Reader.GRANTED: "Granted",
    Reader.AWS_AZURE_LOGIN: "aws-azure-login",
    Reader.SAML2AWS: "saml2aws",
    Reader.AWS_OKTA: "aws-okta",
    Reader.AWS_SSO_UTIL: "aws-sso-util",
    Reader.AWS_GOOGLE_AUTH: "aws-google-auth",
    Reader.AWS_ADFS: "aws-adfs",
    Reader.AWS_MFA: "aws-mfa",
}

# Config-file sections a well-known tool reads by that exact name: not meant as profiles.
TOOL_SECTIONS: dict[str, tuple[str, str]] = {"okta": ("aws-okta", AWS_OKTA)}
# Key prefixes a tool owns inside profiles (`google_config.role_arn`).
TOOL_PREFIXES: dict[str, Reader] = {
    "google_config.": Reader.AWS_GOOGLE_AUTH,
    "adfs_config.": Reader.AWS_ADFS,
}
_PREFIX_DOCS = {Reader.AWS_GOOGLE_AUTH: AWS_GOOGLE_AUTH, Reader.AWS_ADFS: AWS_ADFS}


def _key(
    reader: Reader,
    key: str,
    value_type: ValueType,
    description: str,
    doc: str,
    files: frozenset[FileKind] = frozenset({FileKind.CONFIG}),
    secret: bool = False,
) -> KnownKey:
    readers = frozenset({reader})
    return known_key(
        key,
        Context.PROFILE,
        value_type,
        readers,
        _NAMES[reader],
        description,
        doc,
        files=files,
        secret=secret,
    )


def _vault(key: str, value_type: ValueType, description: str) -> KnownKey:
    return _key(Reader.AWS_VAULT, key, value_type, description, AWS_VAULT)


def _granted(key: str, value_type: ValueType, description: str) -> KnownKey:
    return _key(Reader.GRANTED, key, value_type, description, GRANTED)


def _azure(key: str, value_type: ValueType, description: str, secret: bool = False) -> KnownKey:
    return _key(Reader.AWS_AZURE_LOGIN, key, value_type, description, AZURE, secret=secret)


def _okta(key: str, value_type: ValueType, description: str) -> KnownKey:
    return _key(Reader.AWS_OKTA, key, value_type, description, AWS_OKTA)


@cache
def prefixed_key(key: str) -> KnownKey | None:
    """A key under a prefix a tool owns (`google_config.duration`), or None."""
    for prefix, reader in TOOL_PREFIXES.items():
        if key.startswith(prefix) and len(key) > len(prefix):
            return _key(
                reader,
                key,
                Text(),
                f"A setting {_NAMES[reader]} keeps in the profile it signs in for.",
                _PREFIX_DOCS[reader],
            )
    return None


VAULT_FAILS = tool("aws-vault", "cannot use it")
GRANTED_FAILS = tool("Granted", "cannot use it")
AZURE_FAILS = tool("aws-azure-login", "cannot use it")
ACCOUNT = r"\d{12}"
CREDENTIALS_FILE = frozenset({FileKind.CREDENTIALS})

KEYS: tuple[KnownKey, ...] = (
    _vault(
        "include_profile",
        Reference(Context.PROFILE, VAULT_FAILS),
        "aws-vault copies the settings of the named profile into this one.",
    ),
    _vault(
        "parent_profile",
        Reference(Context.PROFILE, VAULT_FAILS),
        "Older aws-vault name of include_profile.",
    ),
    _vault(
        "session_tags",
        Text(),
        "Session tags (key=value, comma-separated) aws-vault passes when assuming the role.",
    ),
    _vault(
        "transitive_session_tags",
        Text(),
        "Comma-separated session-tag keys aws-vault marks transitive for role chaining.",
    ),
    _vault("source_identity", Text(), "The source identity aws-vault sets when assuming the role."),
    _vault(
        "mfa_process",
        Command(VAULT_FAILS, VAULT_FAILS),
        "A command aws-vault runs to get the MFA code instead of prompting.",
    ),
    _vault(
        "web_identity_token_process",
        Command(VAULT_FAILS, VAULT_FAILS),
        "A command that prints the OIDC token aws-vault exchanges for the role.",
    ),
    _granted(
        "granted_sso_start_url",
        Url(GRANTED_FAILS, botocore_rules=False, https=True),
        "The IAM Identity Center portal Granted signs in to for this profile.",
    ),
    _granted(
        "granted_sso_region",
        Region(invalid=GRANTED_FAILS, empty=GRANTED_FAILS, unknown=GRANTED_FAILS.severity),
        "The region of that IAM Identity Center instance, for Granted.",
    ),
    _granted(
        "granted_sso_account_id",
        Pattern(ACCOUNT, "a 12-digit AWS account id", GRANTED_FAILS, code="invalid-account-id"),
        "The account Granted gets role credentials in.",
    ),
    _granted("granted_sso_account_name", Text(), "The account's display name, for Granted."),
    _granted("granted_sso_role_name", Text(), "The permission set Granted gets credentials for."),
    _granted(
        "granted_sso_registration_scopes",
        Text(),
        "OAuth scopes Granted requests when it registers with IAM Identity Center.",
    ),
    _granted(
        "common_fate_generated_from",
        Text(),
        "Marks a profile written by `granted sso populate`, which may rewrite or remove it.",
    ),
    _granted(
        "granted_generated_from",
        Text(),
        "Marks a profile written by `granted sso populate`, which may rewrite or remove it.",
    ),
    _azure("azure_tenant_id", Text(), "The Microsoft Entra tenant aws-azure-login signs in to."),
    _azure("azure_app_id_uri", Text(), "The identifier of the AWS enterprise application."),
    _azure("azure_default_username", Text(), "The user name aws-azure-login fills in."),
    _azure(
        "azure_default_password",
        Text(),
        "A password aws-azure-login fills in; kept in plain text.",
        secret=True,
    ),
    _azure(
        "azure_default_role_arn",
        Arn(AZURE_FAILS, service="iam", resource="role/"),
        "The role aws-azure-login picks without asking.",
    ),
    _azure(
        "azure_default_duration_hours",
        Integer(AZURE_FAILS, minimum=1, maximum=12, out_of_range=AZURE_FAILS),
        "How many hours the credentials aws-azure-login gets last.",
    ),
    _azure(
        "azure_default_remember_me",
        Boolean(BooleanParse.LITERAL, AZURE_FAILS),
        "Stay signed in so aws-azure-login can refresh without asking.",
    ),
    _key(
        Reader.AWS_SSO_UTIL,
        "sso_auto_populated",
        Text(),
        "Marks a profile written by `aws-sso-util configure populate`, which may rewrite or "
        "remove it.",
        AWS_SSO_UTIL,
    ),
    _key(
        Reader.AWS_SSO_UTIL,
        "sso_account_name",
        Text(),
        "The account's display name, written by aws-sso-util for the profile name.",
        AWS_SSO_UTIL,
    ),
    *(
        _key(Reader.AWS_MFA, key, value_type, description, AWS_MFA, CREDENTIALS_FILE)
        for key, value_type, description in (
            ("aws_mfa_device", Text(), "The MFA device aws-mfa asks a code for."),
            ("assume_role", Text(), "The role aws-mfa assumes with the MFA session."),
            ("assumed_role", Text(), "Whether aws-mfa assumed a role for these credentials."),
            ("assumed_role_arn", Text(), "The role aws-mfa assumed for these credentials."),
            ("expiration", Text(), "When the credentials aws-mfa stored next to it expire."),
        )
    ),
    _okta("aws_saml_url", Text(), "The Okta app aws-okta signs in through."),
    _okta("okta_aws_saml_url", Text(), "Older name of aws_saml_url, for aws-okta."),
    _okta("mfa_provider", Text(), "The MFA provider aws-okta uses (OKTA, DUO …)."),
    _okta("mfa_factor_type", Text(), "The MFA factor aws-okta asks for (push …)."),
    _okta("mfa_duo_device", Text(), "The Duo device aws-okta sends the push to."),
    _okta("assume_role_ttl", Text(), "How long the role session aws-okta gets lasts (1h, 12h …)."),
    _okta("session_ttl", Text(), "How long aws-okta keeps its Okta session (1h, 12h …)."),
    _key(
        Reader.AWS_AZURE_LOGIN,
        "aws_expiration",
        Text(),
        "When the credentials aws-azure-login stored next to it expire.",
        AZURE,
        CREDENTIALS_FILE,
    ),
    _key(
        Reader.SAML2AWS,
        "x_principal_arn",
        Text(),
        "The SAML principal saml2aws assumed the role with.",
        SAML2AWS,
        BOTH_FILES,
    ),
    # saml2aws, okta-aws-cli (-x) and scripts copy it; `aws configure set` puts a key it does
    # not know into the config file, so it is found in either file.
    _key(
        Reader.SAML2AWS,
        "x_security_token_expires",
        Text(),
        "When the credentials stored next to it expire (saml2aws and other sign-in helpers).",
        SAML2AWS,
        BOTH_FILES,
    ),
)
