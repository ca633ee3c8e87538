"""A file that uses every setting boto3 and the AWS CLI read, correctly, gets no warning."""

from __future__ import annotations

from pathlib import Path

from aws_config_ls.catalogue.context import Context
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.problems import Severity
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.resolution.tiers import ASSUME_ROLE, SSO, STATIC_KEYS
from aws_config_ls.workspace import Workspace
from tests.test_values import GOOD

# Keys that choose a credential provider go to profiles of their own, as users write them.
CREDENTIAL_KEYS = {
    *STATIC_KEYS,
    *ASSUME_ROLE.keys,
    *SSO.keys,
    "web_identity_token_file",
    "credential_process",
    "sso_registration_scopes",
    "login_session",
    "services",
    # third-party keys that point at other profiles
    "include_profile",
    "parent_profile",
    "source_profile_name",
}


def block(context: Context, indent: str = "  ") -> str:
    return "".join(f"{indent}{k} = {v}\n" for (c, k), v in GOOD.items() if c is context)


def settings_file(home: Path) -> str:
    token = home / "token"
    token.write_text("token")
    plain = "".join(
        f"{k} = {v}\n"
        for (c, k), v in GOOD.items()
        if c is Context.PROFILE and k not in CREDENTIAL_KEYS and not v.startswith("\n")
    )
    return (
        "[default]\n"
        + plain
        + "s3 =\n"
        + block(Context.S3)
        + "api_versions =\n"
        + block(Context.API_VERSIONS)
        + "emr =\n"
        + block(Context.EMR)
        + "ec2 =\n"
        + block(Context.SERVICE_SIGNATURE)
        + "services = local\n"
        + "\n[profile role]\nrole_arn = arn:aws:iam::123456789012:role/Admin\n"
        "source_profile = keys\nrole_session_name = me\nexternal_id = abc\n"
        "mfa_serial = arn:aws:iam::123456789012:mfa/me\nduration_seconds = 3600\n"
        "\n[profile ec2]\nrole_arn = arn:aws:iam::123456789012:role/Admin\n"
        "credential_source = Ec2InstanceMetadata\n"
        f"\n[profile web]\nrole_arn = arn:aws:iam::123456789012:role/Web\n"
        f"web_identity_token_file = {token}\n"
        "\n[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\n"
        "sso_role_name = Admin\n"
        "\n[profile process]\ncredential_process = /bin/true\n"
        "\n[sso-session corp]\n"
        + block(Context.SSO_SESSION, "")
        + "\n[services local]\ns3 =\n"
        + block(Context.SERVICE_BLOCK, "  ")
        + "\n[plugins]\n"
        + block(Context.PLUGINS, "")
        + "\n[preview]\n"
        + block(Context.PREVIEW, "")
    )


def test_every_setting_written_correctly_gets_no_warning(tmp_path: Path) -> None:
    (tmp_path / ".aws").mkdir()
    config = tmp_path / ".aws" / "config"
    config.write_text(settings_file(tmp_path))
    credentials = tmp_path / ".aws" / "credentials"
    credentials.write_text(
        "[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
    )
    env = Environment(
        {
            "HOME": str(tmp_path),
            "AWS_CONFIG_FILE": str(config),
            "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
            "BOTO_CONFIG": str(tmp_path / "none"),
        }
    )
    workspace = Workspace(env)
    for path, kind in (
        (config, workspace.kind_of(str(config))),
        (credentials, workspace.kind_of(str(credentials))),
    ):
        assert kind is not None
        model = workspace.model(str(path), kind)
        assert model is not None and model.failure is None
        loud = [
            (p.span.start.line + 1, p.code, p.message)
            for p in workspace.problems(model)
            if p.severity in (Severity.ERROR, Severity.WARNING)
        ]
        assert loud == [], "\n".join(map(str, loud)) + "\n" + path.read_text()


MISTAKES = """[default]
region = us-east-1 # prod
regoin = us-west-2
use_fips_endpoint = yes
retry_mode = fast
max_attempts = three
output = jsn
[dev]
region = eu-west-1
[profile a]
role_arn = arn:aws:iam::123456789012:role/x
source_profile = ghost
[profile b]
role_arn = arn:aws:iam::123456789012:role/x
credential_source = environment
[profile c]
sso_session = nosuch
[profile my team]
region = us-east-1
[profile d]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
"""
# line (1-based) -> the code reported there
EXPECTED = {
    2: "comment-in-value",
    3: "unknown-key",
    4: "not-a-boolean",
    5: "invalid-choice",
    6: "not-an-integer",
    7: "invalid-choice",
    8: "not-a-profile",
    12: "unknown-source-profile",
    15: "wrong-case",
    17: "unknown-sso-session",
    18: "dropped-section",
    21: "partial-credentials",
}


def test_typical_mistakes_are_each_flagged_on_their_own_line(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.write_text(MISTAKES)
    env = Environment(
        {
            "HOME": str(tmp_path),
            "AWS_CONFIG_FILE": str(config),
            "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
            "BOTO_CONFIG": str(tmp_path / "x"),
        }
    )
    workspace = Workspace(env)
    model = workspace.model(str(config), FileKind.CONFIG)
    assert model is not None
    found: dict[int, set[str]] = {}
    for problem in workspace.problems(model):
        found.setdefault(problem.span.start.line + 1, set()).add(problem.code)
    for line, code in EXPECTED.items():
        assert code in found.get(line, set()), (line, code, found)
