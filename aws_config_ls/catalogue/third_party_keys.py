"""Keys of well-known tools that share the AWS files: explained on hover, never flagged unknown.

aws-vault, Granted and aws-azure-login keep their settings in config-file profiles; saml2aws
and aws-azure-login write bookkeeping keys next to the credentials they store.
"""

from __future__ import annotations

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.effects import tool
from aws_config_ls.catalogue.setting import Reader, Setting, setting
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

_NAMES = {
    Reader.AWS_VAULT: "aws-vault",
    Reader.GRANTED: "Granted",
    Reader.AWS_AZURE_LOGIN: "aws-azure-login",
    Reader.SAML2AWS: "saml2aws",
}


def _key(
    reader: Reader,
    key: str,
    value_type: ValueType,
    description: str,
    doc: str,
    files: frozenset[FileKind] = frozenset({FileKind.CONFIG}),
    secret: bool = False,
) -> Setting:
    readers = frozenset({reader})
    return setting(
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


def _vault(key: str, value_type: ValueType, description: str) -> Setting:
    return _key(Reader.AWS_VAULT, key, value_type, description, AWS_VAULT)


def _granted(key: str, value_type: ValueType, description: str) -> Setting:
    return _key(Reader.GRANTED, key, value_type, description, GRANTED)


def _azure(key: str, value_type: ValueType, description: str, secret: bool = False) -> Setting:
    return _key(Reader.AWS_AZURE_LOGIN, key, value_type, description, AZURE, secret=secret)


VAULT_FAILS = tool("aws-vault", "cannot use it")
GRANTED_FAILS = tool("Granted", "cannot use it")
AZURE_FAILS = tool("aws-azure-login", "cannot use it")
ACCOUNT = r"\d{12}"
CREDENTIALS_FILE = frozenset({FileKind.CREDENTIALS})

SETTINGS: tuple[Setting, ...] = (
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
        CREDENTIALS_FILE,
    ),
    _key(
        Reader.SAML2AWS,
        "x_security_token_expires",
        Text(),
        "When the credentials saml2aws stored next to it expire.",
        SAML2AWS,
        CREDENTIALS_FILE,
    ),
)
