"""The consequences messages report, worded once, and where each reader's documentation is."""

from __future__ import annotations

from aws_config_ls.catalogue.valuetypes import Effect
from aws_config_ls.ini.problems import Severity

AT_CLIENT = "when a client is created"
AT_CREDENTIALS = "when boto3 resolves credentials"
AT_STS = "when boto3 assumes the role"

SDKREF = "https://docs.aws.amazon.com/sdkref/latest/guide/"
BOTO3_CONFIG = "https://boto3.amazonaws.com/v1/documentation/api/latest/guide/configuration.html"
CLI_FILES = "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html"
CLI_S3 = "https://docs.aws.amazon.com/cli/latest/topic/s3-config.html"
CLI_VARS = "https://docs.aws.amazon.com/cli/latest/topic/config-vars.html"


def raises(exception: str, when: str = AT_CLIENT) -> Effect:
    """botocore refuses the value: the program fails."""
    return Effect(Severity.ERROR, f"botocore raises {exception} {when}")


def fails(outcome: str) -> Effect:
    """Something other than botocore's own checks makes boto3 fail (STS, a subprocess …)."""
    return Effect(Severity.ERROR, outcome)


def silently(outcome: str) -> Effect:
    """botocore accepts the value and quietly does something else than intended."""
    return Effect(Severity.WARNING, outcome)


def cli(outcome: str) -> Effect:
    """Only the AWS CLI reads the key: boto3 is unaffected, CLI commands are."""
    return Effect(Severity.WARNING, f"{outcome}; boto3 does not read this key")


def tool(name: str, outcome: str) -> Effect:
    """A third-party tool's key: worth a note, never more."""
    return Effect(Severity.INFORMATION, f"{name} {outcome}; boto3 does not read this key")
