"""Every row of botocore-semantics.md §2.3 (and the odd corners found since), by hand.

Each case states what botocore does; the test checks botocore still does it (the oracle) and
that the model predicts exactly the same: method or exception class, message, and region.
"""

from __future__ import annotations

import pytest

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.resolution import EntryRef, FileRef, ParameterRef, VariableRef, credentials_for
from tests.support.resolution import FAKE_PROCESS, Scenario, oracle, predicted, state_of

CREDS = "aws_access_key_id = AKIDCREDS0001\naws_secret_access_key = credssecret01\n"
CONFIG_KEYS = "aws_access_key_id = AKIDCONFIG001\naws_secret_access_key = configsecret1\n"
ENV_KEYS = {"AWS_ACCESS_KEY_ID": "AKIDENV000001", "AWS_SECRET_ACCESS_KEY": "envsecret0001"}
PROC = {"proc.sh": FAKE_PROCESS}


def s(
    config: str | None = None,
    credentials: str | None = None,
    env: dict[str, str] | None = None,
    profile: str | None = None,
    extra: dict[str, str] | None = None,
    region: str | None = None,
) -> Scenario:
    files = dict(extra or {})
    if config is not None:
        files[".aws/config"] = config
    if credentials is not None:
        files[".aws/credentials"] = credentials
    return Scenario(files, dict(env or {}), profile, region, executable=("proc.sh",))


# (id, scenario, expected credentials result, expected region or None to skip)
CASES: list[tuple[str, Scenario, tuple[str, object], object]] = [
    (
        "static keys in credentials [default]",
        s(credentials=f"[default]\n{CREDS}"),
        ("ok", "shared-credentials-file"),
        None,
    ),
    (
        "static keys in config [default]",
        s(config=f"[default]\n{CONFIG_KEYS}"),
        ("ok", "config-file"),
        None,
    ),
    (
        "different static keys in both files",
        s(config=f"[default]\n{CONFIG_KEYS}", credentials=f"[default]\n{CREDS}"),
        ("ok", "shared-credentials-file"),
        None,
    ),
    (
        "region in both files: credentials file wins",
        s(config="[default]\nregion = us-east-1\n", credentials="[default]\nregion = eu-west-1\n"),
        ("ok", None),
        "eu-west-1",
    ),
    (
        "[profile p] in credentials, profile_name p",
        s(credentials=f"[profile p]\n{CREDS}", profile="p"),
        ("ProfileNotFound", "The config profile (p) could not be found"),
        None,
    ),
    (
        "[profile p] in credentials, profile_name 'profile p'",
        s(credentials=f"[profile p]\n{CREDS}", profile="profile p"),
        ("ok", "shared-credentials-file"),
        None,
    ),
    (
        "[p] in config, profile_name p",
        s(config=f"[p]\n{CONFIG_KEYS}", profile="p"),
        ("ProfileNotFound", "The config profile (p) could not be found"),
        None,
    ),
    (
        "[default] then [profile default]",
        s(config="[default]\nregion = us-east-1\n[profile default]\nregion = eu-west-1\n"),
        ("ok", None),
        "eu-west-1",
    ),
    (
        "[profile default] then [default]",
        s(config="[profile default]\nregion = eu-west-1\n[default]\nregion = us-east-1\n"),
        ("ok", None),
        "us-east-1",
    ),
    (
        "[Default] only is not the default",
        s(config=f"[Default]\n{CONFIG_KEYS}"),
        ("ok", None),
        None,
    ),
    (
        "env keys beat the credentials file",
        s(credentials=f"[default]\n{CREDS}", env=ENV_KEYS),
        ("ok", "env"),
        None,
    ),
    (
        "env keys + AWS_PROFILE",
        s(credentials=f"[p]\n{CREDS}", env={**ENV_KEYS, "AWS_PROFILE": "p"}),
        ("ok", "env"),
        None,
    ),
    (
        "env keys + explicit profile",
        s(credentials=f"[p]\n{CREDS}", env=ENV_KEYS, profile="p"),
        ("ok", "shared-credentials-file"),
        None,
    ),
    (
        "env keys + explicit profile without credentials",
        s(config="[profile p]\nregion = eu-west-1\n", env=ENV_KEYS, profile="p"),
        ("ok", None),
        "eu-west-1",
    ),
    (
        "only AWS_ACCESS_KEY_ID",
        s(env={"AWS_ACCESS_KEY_ID": "AKIDENV000001"}),
        (
            "PartialCredentialsError",
            "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY",
        ),
        None,
    ),
    (
        "AWS_SESSION_TOKEN without keys is ignored",
        s(credentials=f"[default]\n{CREDS}", env={"AWS_SESSION_TOKEN": "x"}),
        ("ok", "shared-credentials-file"),
        None,
    ),
    (
        "empty AWS_ACCESS_KEY_ID is ignored",
        s(
            credentials=f"[default]\n{CREDS}",
            env={"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "x"},
        ),
        ("ok", "shared-credentials-file"),
        None,
    ),
    (
        "AWS_DEFAULT_PROFILE beats AWS_PROFILE",
        s(
            config="[profile a]\nregion = us-east-1\n[profile b]\nregion = eu-west-1\n",
            env={"AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": "b"},
        ),
        ("ok", None),
        "eu-west-1",
    ),
    (
        "role_arn + source_profile",
        s(
            config="[profile r]\nrole_arn = arn:r\nsource_profile = base\n",
            credentials=f"[base]\n{CREDS}",
            profile="r",
        ),
        ("ok", "assume-role"),
        None,
    ),
    (
        "role_arn + credential_source Environment",
        s(
            config="[profile r]\nrole_arn = arn:r\ncredential_source = Environment\n",
            env=ENV_KEYS,
            profile="r",
        ),
        ("ok", "assume-role"),
        None,
    ),
    (
        "credential_source Environment without env keys",
        s(
            config="[profile r]\nrole_arn = arn:r\ncredential_source = Environment\n",
            profile="r",
        ),
        (
            "CredentialRetrievalError",
            "Error when retrieving credentials from Environment: No credentials "
            "found in credential_source referenced in profile r",
        ),
        None,
    ),
    (
        "credential_source Ec2InstanceMetadata with IMDS disabled",
        s(
            config="[profile r]\nrole_arn = arn:r\ncredential_source = Ec2InstanceMetadata\n",
            profile="r",
        ),
        ("CredentialRetrievalError", None),
        None,
    ),
    (
        "role_arn only",
        s(config="[profile r]\nrole_arn = arn:r\n", profile="r"),
        (
            "PartialCredentialsError",
            "Partial credentials found in assume-role, missing: source_profile or "
            "credential_source",
        ),
        None,
    ),
    (
        "both sources",
        s(
            config="[profile r]\nrole_arn = x\nsource_profile = r\n"
            "credential_source = Environment\n",
            profile="r",
        ),
        (
            "InvalidConfigError",
            'The profile "r" contains both source_profile and credential_source.',
        ),
        None,
    ),
    (
        "credential_source case matters",
        s(config="[profile r]\nrole_arn = x\ncredential_source = environment\n", profile="r"),
        (
            "InvalidConfigError",
            'The credential source "environment" referenced in profile "r" is not valid.',
        ),
        None,
    ),
    (
        "source_profile ghost",
        s(config="[profile r]\nrole_arn = x\nsource_profile = ghost\n", profile="r"),
        (
            "InvalidConfigError",
            'The source_profile "ghost" referenced in the profile "r" does not exist.',
        ),
        None,
    ),
    (
        "a -> b -> a",
        s(
            config="[profile a]\nrole_arn = x\nsource_profile = b\n"
            "[profile b]\nrole_arn = y\nsource_profile = a\n",
            profile="a",
        ),
        (
            "InfiniteLoopConfigError",
            "Infinite loop in credential configuration detected. Attempting to load "
            "from profile a which has already been visited. Visited profiles: ['a', 'b']",
        ),
        None,
    ),
    (
        "self source_profile with static keys",
        s(config=f"[profile a]\nrole_arn = x\nsource_profile = a\n{CONFIG_KEYS}", profile="a"),
        ("ok", "assume-role"),
        None,
    ),
    (
        "self source_profile without static keys",
        s(config="[profile a]\nrole_arn = x\nsource_profile = a\n", profile="a"),
        ("InfiniteLoopConfigError", None),
        None,
    ),
    (
        "source profile without credentials",
        s(
            config="[profile r]\nrole_arn = x\nsource_profile = b\n"
            "[profile b]\nregion = eu-west-1\n",
            profile="r",
        ),
        ("InvalidConfigError", 'The source profile "b" must have credentials.'),
        None,
    ),
    (
        "source profile with role_arn and static keys uses the keys",
        s(
            config="[profile r]\nrole_arn = x\nsource_profile = b\n"
            f"[profile b]\nrole_arn = y\n{CONFIG_KEYS}",
            profile="r",
        ),
        ("ok", "assume-role"),
        None,
    ),
    (
        "role_arn + web_identity_token_file",
        s(config="[profile w]\nrole_arn = x\nweb_identity_token_file = /tmp/t\n", profile="w"),
        ("ok", "assume-role-with-web-identity"),
        None,
    ),
    (
        "web identity from env",
        s(env={"AWS_WEB_IDENTITY_TOKEN_FILE": "/tmp/t", "AWS_ROLE_ARN": "x"}),
        ("ok", "assume-role-with-web-identity"),
        None,
    ),
    (
        "web identity env ignored with an explicit profile",
        s(
            config="[profile p]\nregion = eu-west-1\n",
            env={"AWS_WEB_IDENTITY_TOKEN_FILE": "/tmp/t", "AWS_ROLE_ARN": "x"},
            profile="p",
        ),
        ("ok", None),
        None,
    ),
    (
        "empty AWS_ROLE_ARN masks the profile's role_arn",
        s(
            config="[default]\nrole_arn = x\nweb_identity_token_file = /tmp/t\n",
            env={"AWS_ROLE_ARN": ""},
        ),
        ("InvalidConfigError", None),
        None,
    ),
    (
        "legacy sso",
        s(
            config="[profile s]\nsso_account_id = 1\nsso_role_name = r\nsso_start_url = u\n"
            "sso_region = us-east-1\n",
            profile="s",
        ),
        ("ok", "sso"),
        None,
    ),
    (
        "sso_session",
        s(
            config="[profile s]\nsso_account_id = 1\nsso_role_name = r\nsso_session = x\n"
            "[sso-session x]\nsso_start_url = u\nsso_region = us-east-1\n",
            profile="s",
        ),
        ("ok", "sso"),
        None,
    ),
    (
        "sso_session ghost",
        s(
            config="[profile s]\nsso_account_id = 1\nsso_role_name = r\nsso_session = ghost\n",
            profile="s",
        ),
        ("InvalidConfigError", 'The specified sso-session does not exist: "ghost"'),
        None,
    ),
    (
        "only sso_account_id",
        s(config="[profile s]\nsso_account_id = 1\n", profile="s"),
        (
            "InvalidConfigError",
            'The profile "s" is configured to use SSO but is missing required '
            "configuration: sso_role_name, sso_start_url, sso_region",
        ),
        None,
    ),
    (
        "sso_region differs between profile and session",
        s(
            config="[profile s]\nsso_account_id = 1\nsso_role_name = r\n"
            "sso_region = us-west-2\nsso_session = x\n"
            "[sso-session x]\nsso_start_url = u\nsso_region = us-east-1\n",
            profile="s",
        ),
        (
            "InvalidConfigError",
            "The value for sso_region is inconsistent between profile (us-west-2) and "
            "sso-session (us-east-1).",
        ),
        None,
    ),
    (
        "sso profile + static keys in the credentials file",
        s(
            config="[profile s]\nsso_account_id = 1\nsso_role_name = r\n"
            "sso_start_url = u\nsso_region = x\n",
            credentials=f"[s]\n{CREDS}",
            profile="s",
        ),
        ("ok", "sso"),
        None,
    ),
    (
        "[sso-session] in the credentials file is a profile",
        s(
            config="[profile s]\nsso_account_id = 1\nsso_role_name = r\nsso_session = x\n",
            credentials="[sso-session x]\nsso_start_url = u\nsso_region = us-east-1\n",
            profile="s",
        ),
        ("InvalidConfigError", 'The specified sso-session does not exist: "x"'),
        None,
    ),
    (
        "credential_process in config",
        s(config="[default]\ncredential_process = {home}/proc.sh\n", extra=PROC),
        ("ok", "custom-process"),
        None,
    ),
    (
        "credential_process in credentials",
        s(credentials="[default]\ncredential_process = {home}/proc.sh\n", extra=PROC),
        ("ok", "custom-process"),
        None,
    ),
    (
        "credential_process beats static keys in config",
        s(config=f"[default]\ncredential_process = {{home}}/proc.sh\n{CONFIG_KEYS}", extra=PROC),
        ("ok", "custom-process"),
        None,
    ),
    (
        "credential_process loses to static keys in credentials",
        s(
            config="[default]\ncredential_process = {home}/proc.sh\n",
            credentials=f"[default]\n{CREDS}",
            extra=PROC,
        ),
        ("ok", "shared-credentials-file"),
        None,
    ),
    (
        "credential_process missing command",
        s(config="[default]\ncredential_process = nope-xyz\n"),
        ("FileNotFoundError", "[Errno 2] No such file or directory: 'nope-xyz'"),
        None,
    ),
    (
        "login_session without awscrt",
        s(config="[default]\nlogin_session = x\n"),
        ("MissingDependencyException", None),
        None,
    ),
    (
        "BOTO_CONFIG",
        s(
            env={"BOTO_CONFIG": "{home}/boto"},
            extra={"boto": "[Credentials]\naws_access_key_id = A\naws_secret_access_key = B\n"},
        ),
        ("ok", "boto-config"),
        None,
    ),
    (
        "~/.boto",
        s(extra={".boto": "[Credentials]\naws_access_key_id = A\naws_secret_access_key = B\n"}),
        ("ok", "boto-config"),
        None,
    ),
    (
        "BOTO_CONFIG disables ~/.boto",
        s(
            env={"BOTO_CONFIG": "{home}/none"},
            extra={".boto": "[Credentials]\naws_access_key_id = A\n"},
        ),
        ("ok", None),
        None,
    ),
    (
        "malformed .boto",
        s(extra={".boto": "[Credentials]\nfoo\n"}),
        ("ConfigParseError", "Unable to parse config file: {home}/.boto"),
        None,
    ),
    (
        "malformed credentials",
        s(credentials="[default]\na = 1\n[default]\n"),
        ("ConfigParseError", "Unable to parse config file: {home}/.aws/credentials"),
        None,
    ),
    (
        "malformed config",
        s(config="region = x\n"),
        ("ConfigParseError", "Unable to parse config file: {home}/.aws/config"),
        None,
    ),
    (
        "AWS_CREDENTIAL_FILE",
        s(
            env={"AWS_CREDENTIAL_FILE": "~/ec2"},
            extra={"ec2": "AWSAccessKeyId=A\nAWSSecretKey=B\n"},
        ),
        ("ok", "ec2-credentials-file"),
        None,
    ),
    (
        "AWS_CREDENTIAL_FILE missing",
        s(env={"AWS_CREDENTIAL_FILE": "{home}/none"}),
        ("ConfigNotFound", "The specified config file ({home}/none) could not be found."),
        None,
    ),
    (
        "access key without secret in credentials",
        s(credentials="[default]\naws_access_key_id = A\n"),
        (
            "PartialCredentialsError",
            "Partial credentials found in shared-credentials-file, missing: aws_secret_access_key",
        ),
        None,
    ),
    (
        "empty key and secret are credentials",
        s(credentials="[default]\naws_access_key_id =\naws_secret_access_key =\n"),
        ("ok", "shared-credentials-file"),
        None,
    ),
    (
        "keys split across files do not combine",
        s(
            config="[default]\naws_secret_access_key = x\n",
            credentials="[default]\naws_access_key_id = A\n",
        ),
        ("PartialCredentialsError", None),
        None,
    ),
    (
        "[DEFAULT] keys reach every section",
        s(credentials=f"[DEFAULT]\n{CREDS}[p]\nregion = eu-west-1\n", profile="p"),
        ("ok", "shared-credentials-file"),
        "eu-west-1",
    ),
    (
        "[profiles x] is profile x (not dropped)",
        s(config="[profiles x]\nregion = eu-west-1\n", profile="x"),
        ("ok", None),
        "eu-west-1",
    ),
    (
        "empty AWS_PROFILE selects '' for settings and default for credentials",
        s(
            credentials=f"[default]\n{CREDS}",
            config='[profile ""]\nregion = eu-west-1\n',
            env={"AWS_PROFILE": ""},
        ),
        ("ok", "shared-credentials-file"),
        "eu-west-1",
    ),
    (
        "profile names with spaces",
        s(config='[profile "my p"]\nregion = eu-west-1\n', profile="my p"),
        ("ok", None),
        "eu-west-1",
    ),
    ("AWS_REGION is ignored", s(env={"AWS_REGION": "eu-west-1"}), ("ok", None), None),
    (
        "explicit region wins",
        s(env={"AWS_DEFAULT_REGION": "eu-west-1"}, region="sa-east-1"),
        ("ok", None),
        "sa-east-1",
    ),
    (
        "metadata_service_timeout junk raises",
        s(config="[default]\nmetadata_service_timeout = abc\n"),
        ("ValueError", "invalid literal for int() with base 10: 'abc'"),
        None,
    ),
    (
        "bad IMDS endpoint mode",
        s(env={"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "ipv5"}),
        ("InvalidIMDSEndpointModeError", None),
        None,
    ),
    (  # the resolver's IMDS lookups skip to botocore's defaults only when nothing is set
        "bad IMDS endpoint mode in the profile",
        s(config="[default]\nec2_metadata_service_endpoint_mode = ipv5\n"),
        ("InvalidIMDSEndpointModeError", None),
        None,
    ),
    (
        "bad IMDS endpoint in the profile",
        s(config="[default]\nimds_use_ipv6 = true\nec2_metadata_service_endpoint = bogus\n"),
        ("InvalidIMDSEndpointError", None),
        None,
    ),
    (
        "broken credentials file, region from the cached config on the same session",
        s(config="[default]\nregion = eu-west-1\n", credentials="[default]\n[default]\n"),
        ("ConfigParseError", None),
        "eu-west-1",
    ),
]


@pytest.mark.parametrize(
    ("scenario", "expected", "region"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_scenario(scenario: Scenario, expected: tuple[str, object], region: object) -> None:
    real = oracle(scenario)
    kind, detail = expected
    assert real.credentials[0] == kind
    if detail is not None:
        assert real.credentials[1] == detail
    if region is not None:
        assert real.region == ("ok", region)
    assert predicted(scenario) == real


BLAME: list[tuple[str, Scenario, object]] = [
    (
        "source_profile ghost",
        s(config="[profile r]\nrole_arn = x\nsource_profile = ghost\n", profile="r"),
        ("config", "profile r", "source_profile"),
    ),
    (
        "secret missing in the credentials file",
        s(credentials="[default]\naws_access_key_id = A\n"),
        ("credentials", "default", "aws_access_key_id"),
    ),
    ("profile from AWS_PROFILE", s(env={"AWS_PROFILE": "nope"}), VariableRef("AWS_PROFILE")),
    ("profile passed explicitly", s(profile="nope"), ParameterRef("profile_name")),
    (
        "refused credentials file",
        s(credentials="[a]\n[a]\n"),
        FileRef("{home}/.aws/credentials", FileKind.CREDENTIALS),
    ),
    (
        "SSO keys missing",
        s(config="[default]\nsso_role_name = r\n"),
        ("config", "default", "sso_role_name"),
    ),
    (
        "login without awscrt",
        s(config="[default]\nlogin_session = x\n"),
        ("config", "default", "login_session"),
    ),
    (
        "loop closes at b",
        s(
            config="[default]\nrole_arn = x\nsource_profile = b\n"
            "[profile b]\nrole_arn = y\nsource_profile = default\n"
        ),
        ("config", "profile b", "source_profile"),
    ),
    (
        "source profile without credentials: its header",
        s(config="[default]\nrole_arn = x\nsource_profile = b\n[profile b]\nregion = x\n"),
        ("config", "profile b", None),
    ),
    (
        "credential_process from the credentials file",
        s(credentials="[default]\ncredential_process = nope-xyz\n"),
        ("credentials", "default", "credential_process"),
    ),
    (
        "metadata_service_timeout junk",
        s(credentials="[default]\nmetadata_service_timeout = x\n"),
        ("credentials", "default", "metadata_service_timeout"),
    ),
    (
        "partial env credentials",
        s(env={"AWS_ACCESS_KEY_ID": "A"}),
        VariableRef("AWS_ACCESS_KEY_ID"),
    ),
]


@pytest.mark.parametrize(("scenario", "blame"), [b[1:] for b in BLAME], ids=[b[0] for b in BLAME])
def test_error_names_its_cause(scenario: Scenario, blame: object) -> None:
    with state_of(scenario) as (home, state):
        outcome = credentials_for(state)
    assert outcome.error is not None
    cause = outcome.error.cause
    if type(blame) is tuple:  # a plain (file, section, key); the refs are named tuples
        file, section, key = blame
        path = f"{home}/.aws/{file}"
        kind = FileKind.CONFIG if file == "config" else FileKind.CREDENTIALS
        assert cause == EntryRef(path, kind, section, key)
    elif isinstance(blame, FileRef):
        assert cause == FileRef(blame.path.replace("{home}", home), blame.kind)
    else:
        assert cause == blame
