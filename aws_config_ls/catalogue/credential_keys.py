"""Keys botocore's credential providers read (credentials.py, tokens.py), in our own words."""

from __future__ import annotations

from aws_config_ls.catalogue.botocore_keys import botocore_key
from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.effects import AT_CREDENTIALS, AT_STS, SDKREF, fails, raises, silently
from aws_config_ls.catalogue.known_key import KnownKey, Reader, known_key
from aws_config_ls.catalogue.valuetypes import (
    Arn,
    Choice,
    Command,
    Integer,
    Path,
    Pattern,
    Reference,
    Region,
    Text,
    Url,
)

STATIC_DOC = SDKREF + "feature-static-credentials.html"
ASSUME_DOC = SDKREF + "feature-assume-role-credentials.html"
SSO_DOC = SDKREF + "feature-sso-credentials.html"
AT_SSO = "when boto3 fetches the SSO role credentials"
# Only where STS's model (botocore's bundled sts service-2.json) holds the rule: its patterns
# and lengths. A role ARN's shape is not in the model (arnType accepts any text of 20+).
STS_REFUSES = fails(f"STS refuses it with a ValidationError {AT_STS}")
NO_ROLE = fails(f"STS finds no role to assume by it {AT_STS}")


KEYS: tuple[KnownKey, ...] = (
    botocore_key(
        "aws_access_key_id",
        Text(),
        "shared-credentials-file (credentials file) or config-file provider",
        "The access key id of a long-term or temporary credential. Its presence alone picks "
        "the provider, which then needs aws_secret_access_key too.",
        STATIC_DOC,
        env=("AWS_ACCESS_KEY_ID",),
    ),
    botocore_key(
        "aws_secret_access_key",
        Text(),
        "shared-credentials-file or config-file provider",
        "The secret half of the access key.",
        STATIC_DOC,
        env=("AWS_SECRET_ACCESS_KEY",),
        secret=True,
    ),
    botocore_key(
        "aws_session_token",
        Text(),
        "shared-credentials-file or config-file provider",
        "The session token of temporary credentials. In a profile, aws_security_token is "
        "read first when both are present.",
        STATIC_DOC,
        env=("AWS_SESSION_TOKEN",),
        secret=True,
    ),
    botocore_key(
        "aws_security_token",
        Text(),
        "shared-credentials-file or config-file provider",
        "Older name of aws_session_token, still read first by botocore; other SDKs ignore it.",
        STATIC_DOC,
        env=("AWS_SECURITY_TOKEN",),
        secret=True,
    ),
    botocore_key(
        "aws_account_id",
        Pattern(
            r"\d{12}",
            "a 12-digit AWS account id",
            silently("botocore passes it as is to account-based endpoints (DynamoDB)"),
            code="invalid-account-id",
        ),
        "the account id of static credentials (account-based endpoints)",
        "The account the static credentials belong to, used to build account-based endpoints.",
        SDKREF + "feature-account-endpoints.html",
        env=("AWS_ACCOUNT_ID",),
    ),
    botocore_key(
        "role_arn",
        Arn(NO_ROLE, service="iam", resource="role/"),
        "assume-role provider; web-identity provider",
        "The IAM role to assume. Needs source_profile or credential_source, or "
        "web_identity_token_file. AWS_ROLE_ARN applies only to web identity.",
        ASSUME_DOC,
        env=("AWS_ROLE_ARN",),
    ),
    botocore_key(
        "source_profile",
        Reference(
            Context.PROFILE,
            raises('InvalidConfigError (The source_profile "" … does not exist)', AT_CREDENTIALS),
        ),
        "assume-role provider",
        "The profile whose credentials call AssumeRole: a bare profile name, without "
        "`profile `. Excludes credential_source.",
        ASSUME_DOC,
    ),
    botocore_key(
        "credential_source",
        Choice(
            ("Environment", "Ec2InstanceMetadata", "EcsContainer"),
            case_sensitive=True,
            invalid=raises(
                "InvalidConfigError (The credential source … is not valid)", AT_CREDENTIALS
            ),
        ),
        "assume-role provider",
        "Where the credentials that call AssumeRole come from when there is no source "
        "profile: the environment, the EC2 instance role or the ECS task role. Excludes "
        "source_profile.",
        ASSUME_DOC,
    ),
    botocore_key(
        "role_session_name",
        Pattern(r"[\w+=,.@-]{2,64}", "2 to 64 letters, digits or _+=,.@-", STS_REFUSES),
        "assume-role and web-identity providers (RoleSessionName)",
        "The name of the assumed-role session, seen in CloudTrail. AWS_ROLE_SESSION_NAME "
        "applies only to web identity.",
        ASSUME_DOC,
        env=("AWS_ROLE_SESSION_NAME",),
    ),
    botocore_key(
        "external_id",
        Pattern(r"[\w+=,.@:/-]{2,1224}", "2 to 1224 letters, digits or _+=,.@:/-", STS_REFUSES),
        "assume-role provider (ExternalId)",
        "The external id the role's trust policy asks for.",
        ASSUME_DOC,
    ),
    botocore_key(
        "mfa_serial",
        Arn(STS_REFUSES, service="iam", resource="mfa/", mfa_serial=True),
        "assume-role provider (SerialNumber)",
        "The MFA device (virtual device ARN or hardware serial) whose code is asked for when "
        "the role is assumed; without role_arn botocore ignores it.",
        ASSUME_DOC,
    ),
    botocore_key(
        "duration_seconds",
        Integer(
            silently("botocore drops it without a word and STS grants the default hour"),
            minimum=900,
            maximum=43200,
            out_of_range=STS_REFUSES,
        ),
        "assume-role provider (DurationSeconds)",
        "How long the assumed-role session lasts, up to the role's maximum session duration.",
        ASSUME_DOC,
    ),
    botocore_key(
        "web_identity_token_file",
        Path(
            expanded=False,
            empty=silently("botocore skips web identity and goes on down the chain"),
        ),
        "assume-role-with-web-identity provider",
        "A file holding an OIDC token to exchange for the role in role_arn (EKS, CI systems).",
        ASSUME_DOC,
        env=("AWS_WEB_IDENTITY_TOKEN_FILE",),
    ),
    botocore_key(
        "credential_process",
        Command(
            invalid=raises("ValueError", AT_CREDENTIALS),
            empty=fails(f"botocore runs an empty command: IndexError {AT_CREDENTIALS}"),
        ),
        "custom-process provider",
        "A command (run without a shell) that prints credentials as JSON. Static keys in the "
        "credentials file take precedence; static keys in the config file do not.",
        SDKREF + "feature-process-credentials.html",
    ),
    botocore_key(
        "sso_session",
        Reference(
            Context.SSO_SESSION,
            raises(
                'InvalidConfigError (The specified sso-session does not exist: "")', AT_CREDENTIALS
            ),
        ),
        "sso provider and SSO token provider",
        "The [sso-session] section (in the config file) that holds the start URL and region.",
        SSO_DOC,
    ),
    botocore_key(
        "sso_account_id",
        Pattern(
            r"\d{12}",
            "a 12-digit AWS account id",
            fails(f"IAM Identity Center refuses the GetRoleCredentials call {AT_SSO}"),
            code="invalid-account-id",
        ),
        "sso provider",
        "The account to get role credentials in; with sso_role_name it selects the SSO provider.",
        SSO_DOC,
    ),
    botocore_key(
        "sso_role_name",
        Text(),
        "sso provider",
        "The permission set (role) to get credentials for in sso_account_id.",
        SSO_DOC,
    ),
    botocore_key(
        "sso_start_url",
        Url(
            silently("IAM Identity Center sign-in cannot use it, so no SSO token is found"),
            botocore_rules=False,
            https=True,
        ),
        "sso provider and SSO token provider",
        "The AWS access portal URL. A profile and the sso-session it names must agree on it.",
        SSO_DOC,
        context=frozenset({Context.PROFILE, Context.SSO_SESSION}),
    ),
    botocore_key(
        "sso_region",
        Region(
            invalid=raises("InvalidRegionError", AT_SSO),
            empty=raises("ValueError: Invalid endpoint", AT_SSO),
        ),
        "sso provider and SSO token provider",
        "The region of the IAM Identity Center instance. A profile and the sso-session it "
        "names must agree on it.",
        SSO_DOC,
        context=frozenset({Context.PROFILE, Context.SSO_SESSION}),
    ),
    botocore_key(
        "login_session",
        Text(),
        "login provider",
        "A session created by `aws login`; botocore needs its crt extra (botocore[crt]) to "
        "use it and fails without.",
        None,
    ),
    known_key(
        "sso_registration_scopes",
        Context.SSO_SESSION,
        Text(),
        frozenset({Reader.AWS_CLI_V2}),
        "aws sso login (client registration)",
        "Comma-separated OAuth scopes requested when the AWS CLI registers for "
        "IAM Identity Center tokens; boto3 only reads tokens the CLI has cached.",
        SSO_DOC,
    ),
)
