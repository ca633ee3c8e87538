"""The masker hides secret values and nothing else: every message template, real values.

Two sources of text reach users: botocore's exception templates (quoted in our messages) and
our own problem messages. Both go through `secrets.redact` with realistic values filled in;
anything masked must be the tail of a secret value, never an ordinary word like "boto3".
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import botocore.exceptions
import pytest

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.secrets import redact
from aws_config_ls.catalogue.values import VALUE_CODES
from aws_config_ls.checks import credentials, environment, semantics, structure
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "FwoGZXIvYXdzEBAaDEXAMPLETOKENVALUE0123"
SECRETS = (KEY_ID, SECRET, TOKEN, "ENVKEYID0000EXAMPLE", "envSecretValue/0000EXAMPLE")
# Realistic values for botocore's template fields, none of them secret.
WORDS = [
    "boto3",
    "default",
    "dev",
    "arn:aws:iam::123456789012:role/Admin",
    "us-east-1",
    "/home/me/.aws/config",
    "aws_secret_access_key",
    "AWS_SECRET_ACCESS_KEY",
    "env",
    "shared-credentials-file",
]


def _masked_tails(text: str) -> list[str]:
    return re.findall(r"\*\*\*\*([A-Za-z0-9/+=]{0,4})", text)


def assert_only_secrets_masked(text: str) -> None:
    tails = {s[-4:] for s in SECRETS}
    for tail in _masked_tails(text):
        assert tail in tails, f"masked something that is not a secret: {text!r}"
    for secret in SECRETS:
        assert secret not in text, f"secret shown in full: {text!r}"


def _templates() -> list[tuple[str, str]]:
    out = []
    for name in dir(botocore.exceptions):
        cls = getattr(botocore.exceptions, name)
        fmt = getattr(cls, "fmt", None)
        if isinstance(cls, type) and isinstance(fmt, str):
            out.append((name, fmt))
    return out


@pytest.mark.parametrize(("name", "fmt"), _templates())
def test_botocore_templates_with_realistic_values_are_left_alone(name: str, fmt: str) -> None:
    fields = [f for _, f, _, _ in string.Formatter().parse(fmt) if f]
    for word in WORDS:
        text = fmt.format(**dict.fromkeys(fields, word))
        assert redact(text, []) == text, name
        # a variable named, then prose: the original bug
        prose = f"AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY: {text}"
        assert redact(prose, []) == prose


def test_a_key_name_in_any_case_is_masked() -> None:
    """The patterns ignore case as `re` does (the Kelvin sign is a k), and the quick test
    that skips them for a message with no key name must miss none."""
    for name in ("AWS_Secret_Access_Key", "aws_secret_access_\u212aey", "aws_session_TOKEN"):
        assert redact(f"{name} = abcdefgh1234", []) == f"{name} = ****1234"
        assert redact(f"'{name} abcdefgh1234'", []) == f"'{name} ****1234'"


def test_code_summaries_are_left_alone() -> None:
    texts = [i.summary for i in structure.CODES.values()]
    texts += [i.summary for i in semantics.CODES.values()]
    texts += [i.summary for i in credentials.CODES.values()]
    texts += [i.summary for i in VALUE_CODES.values()]
    texts += [i.summary for i in environment.CODES.values()]
    for text in texts:
        assert redact(text, []) == text


def _value_profile() -> str:
    """A profile with a bad value for each value code that sits in a profile."""
    return "".join(
        f"[profile value-{code}]\n{i.key} = {i.bad}\n"
        for code, i in VALUE_CODES.items()
        if i.context is Context.PROFILE
    )


TRAPS = (ROOT / "examples/.aws/config").read_text()  # botocore refuses it
CONFIG = (
    _value_profile()
    + "[profile chain]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = keys\n"
    "[profile keys]\naws_access_key_id = "
    + KEY_ID
    + "\n[profile loop]\nsource_profile = loop\nrole_arn = arn:aws:iam::1:role/x\n"
    "[profile proc]\ncredential_process = /nonexistent/creds --x\n"
    "[profile ghost]\nsource_profile = nobody\nrole_arn = arn:aws:iam::1:role/x\n"
)
CREDENTIALS = (
    f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    f"aws_session_token = {TOKEN}\n[partial]\naws_access_key_id = {KEY_ID}\n"
    f"[profile odd]\naws_secret_access_key: {SECRET}\n"
)
ENVIRONMENTS = [
    {},
    {"AWS_ACCESS_KEY_ID": SECRETS[3]},
    {"AWS_SECRET_ACCESS_KEY": SECRETS[4]},
    {"AWS_ACCESS_KEY_ID": SECRETS[3], "AWS_SECRET_ACCESS_KEY": SECRETS[4]},
    {"AWS_PROFILE": "stagin", "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-1"},
    {"AWS_PROFILE": "dev", "AWS_DEFAULT_PROFILE": "partial"},
    {"AWS_CREDENTIAL_FILE": "/nonexistent/file"},
]


@pytest.mark.parametrize("variables", ENVIRONMENTS)
@pytest.mark.parametrize("broken", ["", "config", "credentials"])
def test_every_problem_message_masks_secrets_only(
    tmp_path: Path, variables: dict[str, str], broken: str
) -> None:
    config, creds = tmp_path / "config", tmp_path / "credentials"
    config.write_text((TRAPS if broken == "config" else "") + CONFIG)
    # A file botocore refuses quotes its lines in the error message.
    creds.write_text(
        CREDENTIALS + (f"aws_secret_access_key {SECRET}\n" if broken == "credentials" else "")
    )
    env = {
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(creds),
        "BOTO_CONFIG": str(tmp_path / "none"),
        **variables,
    }
    workspace = Workspace(Environment(env, cwd=str(tmp_path)))
    codes = set()
    for path, kind in ((str(config), FileKind.CONFIG), (str(creds), FileKind.CREDENTIALS)):
        model = workspace.model(path, kind)
        assert model is not None
        for problem in workspace.problems(model):
            codes.add(problem.code)
            # as the front ends show it: the server masks every message once more
            assert_only_secrets_masked(redact(problem.message, ()))
            for related in problem.related:
                assert_only_secrets_masked(redact(related.message, ()))
    if not broken:  # the corpus reaches the codes that quote values
        assert {"partial-credentials", "credential-error", "invalid-choice"} <= codes
        if variables == ENVIRONMENTS[1]:
            assert "env-credentials-partial" in codes
