"""Differential tests: where botocore validates a value, our error ⇔ botocore raises.

Each example writes a config file in a sandbox HOME, makes a fresh botocore session and creates
a client (which touches no network); environment credentials are fake and IMDS is off.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import botocore.loaders
import botocore.session
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aws_config_ls.catalogue import check_value, lookup
from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.values import ValueIssue
from aws_config_ls.ini.problems import Severity

P = Context.PROFILE
FAST = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@dataclass
class Sandbox:
    config: Path
    loader: botocore.loaders.Loader

    def session(self, text: str) -> botocore.session.Session:
        self.config.write_text(text, encoding="utf-8")
        session = botocore.session.Session()
        session.register_component("data_loader", self.loader)
        return session

    def failure(self, text: str, service: str = "sts") -> Exception | None:
        """What creating a client under this config raises, if anything."""
        try:
            self.session(text).create_client(service)
        except Exception as error:
            return error
        return None


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith(("AWS_", "BOTO")) or name == "REQUESTS_CA_BUNDLE":
                patch.delenv(name)
        patch.setenv("HOME", str(home))
        patch.setenv("AWS_CONFIG_FILE", str(home / "config"))
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "no-credentials"))
        patch.setenv("AWS_EC2_METADATA_DISABLED", "true")
        patch.setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        yield Sandbox(home / "config", botocore.loaders.create_loader())


def ours(context: Context, key: str, value: str) -> list[ValueIssue]:
    setting = lookup(context, key)
    assert setting is not None
    return check_value(setting, value)


def is_error(issues: list[ValueIssue]) -> bool:
    return any(issue.severity is Severity.ERROR for issue in issues)


def profile(*lines: str, region: str | None = "us-east-1") -> str:
    head = [] if region is None else [f"region = {region}"]
    return "\n".join(["[default]", *head, *lines, ""])


# Single-line values as configparser hands them over: stripped, no line breaks.
def texts(*seeds: str) -> st.SearchStrategy[str]:
    characters = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
    noise = st.text(characters, max_size=12).map(str.strip)
    variants = st.sampled_from(seeds).flatmap(
        lambda s: st.sampled_from([s, s.upper(), s.title(), s + "x", s[:-1], f"{s} # c", f'"{s}"'])
    )
    return st.one_of(st.sampled_from(seeds), variants, noise).filter(lambda v: v == v.strip())


ENUMS = [
    ("retry_mode", ("standard", "adaptive", "legacy")),
    ("defaults_mode", ("legacy", "standard", "in-region", "cross-region", "mobile", "auto")),
    ("sts_regional_endpoints", ("regional", "legacy")),
    ("request_checksum_calculation", ("when_supported", "when_required")),
    ("response_checksum_validation", ("when_supported", "when_required")),
    ("account_id_endpoint_mode", ("preferred", "disabled", "required")),
    ("s3_us_east_1_regional_endpoint", ("regional", "legacy")),
    ("s3_disable_express_session_auth", ("true", "false")),
    ("ec2_metadata_service_endpoint_mode", ("ipv4", "ipv6")),
]


@pytest.mark.parametrize(("key", "seeds"), ENUMS, ids=[k for k, _ in ENUMS])
@FAST
@given(data=st.data())
def test_enumerations(
    sandbox: Sandbox, key: str, seeds: tuple[str, ...], data: st.DataObject
) -> None:
    value = data.draw(texts(*seeds), label="value")
    raised = sandbox.failure(profile(f"{key} = {value}"))
    assert is_error(ours(P, key, value)) == (raised is not None), raised


INTEGERS = ["max_attempts", "request_min_compression_size_bytes", "metadata_service_timeout"]


@pytest.mark.parametrize("key", INTEGERS)
@FAST
@given(value=st.one_of(st.integers(-3, 1048580).map(str), texts("1", "10240", "+5", "1_000")))
@example(value="0")
@example(value="1048577")
@example(value="")
def test_integers(sandbox: Sandbox, key: str, value: str) -> None:
    raised = sandbox.failure(profile(f"{key} = {value}"))
    assert is_error(ours(P, key, value)) == (raised is not None), raised


@FAST
@given(value=texts("us-east-1", "eu-west-1", "aws-global", "us east 1", "US-EAST-1", "x" * 63))
@example(value="")
@example(value="123")
@example(value="-abc")
@example(value="x" * 64)
def test_region(sandbox: Sandbox, value: str) -> None:
    raised = sandbox.failure(profile(f"region = {value}", region=None))
    assert is_error(ours(P, "region", value)) == (raised is not None), raised


@FAST
@given(value=texts("true", "false", "yes", "1", "on"))
def test_use_fips_endpoint(sandbox: Sandbox, value: str) -> None:
    read = sandbox.session(profile(f"use_fips_endpoint = {value}"))
    resolved = read.get_config_variable("use_fips_endpoint")
    assert resolved == (value.lower() == "true")
    assert bool(ours(P, "use_fips_endpoint", value)) == (value.lower() not in ("true", "false"))


URLS = ("http://localhost:4566", "https://s3.example.com", "http://[::1]:9000", "localhost:4566")


@FAST
@given(value=st.one_of(texts(*URLS), st.text(max_size=15).map(lambda s: f"http://{s}".strip())))
@example(value="http://under_score.example")
@example(value="http://[::1")
def test_endpoint_url(sandbox: Sandbox, value: str) -> None:
    raised = sandbox.failure(profile(f"endpoint_url = {value}"))
    assert is_error(ours(P, "endpoint_url", value)) == (raised is not None), raised


@FAST
@given(value=texts(*URLS))
def test_services_block_endpoint_url(sandbox: Sandbox, value: str) -> None:
    text = profile("services = local") + f"[services local]\nsts =\n  endpoint_url = {value}\n"
    raised = sandbox.failure(text)
    assert is_error(ours(Context.SERVICE_BLOCK, "endpoint_url", value)) == (raised is not None)


@FAST
@given(value=texts("http://169.254.169.254", "http://[fd00:ec2::254]", "169.254.169.254"))
def test_ec2_metadata_service_endpoint(sandbox: Sandbox, value: str) -> None:
    raised = sandbox.failure(profile(f"ec2_metadata_service_endpoint = {value}"))
    assert is_error(ours(P, "ec2_metadata_service_endpoint", value)) == (raised is not None)


@FAST
@given(value=texts("auto", "virtual", "path"))
def test_s3_addressing_style(sandbox: Sandbox, value: str) -> None:
    raised = sandbox.failure(profile("s3 =", f"  addressing_style = {value}"))
    assert is_error(ours(Context.S3, "addressing_style", value)) == (raised is not None), raised


@FAST
@given(value=texts("true", "false", "auto"))
def test_endpoint_discovery_enabled(sandbox: Sandbox, value: str) -> None:
    raised = sandbox.failure(profile(f"endpoint_discovery_enabled = {value}"), "dynamodb")
    assert is_error(ours(P, "endpoint_discovery_enabled", value)) == (raised is not None), raised


@FAST
@given(value=texts("2011-06-15", "2099-01-01", "latest"))
def test_api_versions(sandbox: Sandbox, value: str) -> None:
    raised = sandbox.failure(profile("api_versions =", f"  sts = {value}"))
    issues = ours(Context.API_VERSIONS, "sts", value)
    if raised is None:
        assert not is_error(issues)
    elif value.count("-") != 2 or not value.replace("-", "").isdigit():
        assert is_error(issues)  # a well-formed date botocore lacks is beyond a value check


@pytest.mark.parametrize(
    ("lines", "context", "key", "value"),
    [
        (["ca_bundle ="], P, "ca_bundle", ""),
        (["ca_bundle = /nonexistent.pem"], P, "ca_bundle", "/nonexistent.pem"),
        (["api_versions ="], P, "api_versions", ""),
        (["api_versions = 2011-06-15"], P, "api_versions", "2011-06-15"),
        (["s3 = path"], P, "s3", "path"),
        (["sts = v4"], P, "sts", "v4"),
        (["services ="], P, "services", ""),
        (["csm_port = abc"], P, "csm_port", "abc"),
        (["parameter_validation = maybe"], P, "parameter_validation", "maybe"),
        (["sdk_ua_app_id = " + "a" * 60], P, "sdk_ua_app_id", "a" * 60),
    ],
)
def test_single_cases(
    sandbox: Sandbox, lines: list[str], context: Context, key: str, value: str
) -> None:
    raised = sandbox.failure(profile(*lines))
    assert is_error(ours(context, key, value)) == (raised is not None), raised


def test_services_block_written_as_a_value(sandbox: Sandbox) -> None:
    text = profile("services = local") + "[services local]\nsts = http://localhost:4566\n"
    assert sandbox.failure(text) is not None
    assert is_error(ours(Context.SERVICES, "sts", "http://localhost:4566"))


def test_a_correct_profile_creates_clients(sandbox: Sandbox, tmp_path: Path) -> None:
    """Every non-credential setting botocore reads, at once, with values our checks accept."""
    bundle = tmp_path / "ca.pem"
    bundle.write_text("")
    lines = {
        "data_path": str(tmp_path),
        "ca_bundle": str(bundle),
        "metadata_service_timeout": "2",
        "metadata_service_num_attempts": "2",
        "ec2_metadata_service_endpoint": "http://[fd00:ec2::254]",
        "ec2_metadata_service_endpoint_mode": "IPv6",
        "ec2_metadata_v1_disabled": "true",
        "imds_use_ipv6": "true",
        "use_dualstack_endpoint": "true",
        "use_fips_endpoint": "true",
        "ignore_configured_endpoint_urls": "false",
        "parameter_validation": "true",
        "csm_enabled": "false",
        "csm_host": "127.0.0.1",
        "csm_port": "31000",
        "endpoint_discovery_enabled": "auto",
        "sts_regional_endpoints": "legacy",
        "retry_mode": "adaptive",
        "defaults_mode": "standard",
        "max_attempts": "5",
        "sdk_ua_app_id": "checker",
        "request_min_compression_size_bytes": "2048",
        "disable_request_compression": "false",
        "sigv4a_signing_region_set": "*",
        "request_checksum_calculation": "when_required",
        "response_checksum_validation": "when_required",
        "account_id_endpoint_mode": "disabled",
        "disable_host_prefix_injection": "false",
        "auth_scheme_preference": "sigv4",
        "tcp_keepalive": "true",
        "s3_disable_express_session_auth": "false",
        "s3_use_arn_region": "true",
        "s3_us_east_1_regional_endpoint": "regional",
        "proxy_ca_bundle": str(bundle),
        "proxy_client_cert": str(bundle),
        "proxy_use_forwarding_for_https": "false",
        "endpoint_url": "http://localhost:4566",
        "services": "local",
        "aws_account_id": "123456789012",
    }
    s3 = {
        "addressing_style": "path",
        "use_accelerate_endpoint": "false",
        "payload_signing_enabled": "true",
    }
    for key, value in lines.items():
        assert ours(P, key, value) == [], key
    for key, value in s3.items():
        assert ours(Context.S3, key, value) == [], key
    text = (
        profile(
            *(f"{k} = {v}" for k, v in lines.items()),
            "s3 =",
            *(f"  {k} = {v}" for k, v in s3.items()),
            "api_versions =",
            "  sts = 2011-06-15",
            "sts =",
            "  signature_version = v4",
        )
        + "[services local]\ns3 =\n  endpoint_url = http://localhost:9000\n"
    )
    for service in ("sts", "s3", "dynamodb"):
        assert sandbox.failure(text, service) is None, service
