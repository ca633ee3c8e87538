"""Value checks: every code has an example that shows it and a correction that clears it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_config_ls.catalogue import VALUE_CODES, KnownKey, check_value, lookup
from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.known_key import AWS_TOOLS
from aws_config_ls.catalogue.registry import CURATED
from aws_config_ls.catalogue.values import ValueIssue
from aws_config_ls.catalogue.valuetypes import Nested
from aws_config_ls.ini.problems import Severity
from tests.support.profiles import examples

P = Context.PROFILE
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFORMATION


def check(key: str, value: str, context: Context = P) -> list[ValueIssue]:
    setting = lookup(context, key)
    assert setting is not None, key
    return check_value(setting, value)


def codes(key: str, value: str, context: Context = P) -> list[str]:
    return [issue.code for issue in check(key, value, context)]


def one(key: str, value: str, context: Context = P) -> ValueIssue:
    [issue] = check(key, value, context)
    return issue


@pytest.mark.parametrize("code", sorted(VALUE_CODES))
def test_each_code_has_an_example_and_a_correction(code: str) -> None:
    info = VALUE_CODES[code]
    assert [i.code for i in check(info.key, info.bad, info.context)] == [code]
    assert check(info.key, info.good, info.context) == []


# A value for every key boto3 and the AWS CLI read, written correctly (blocks are written as
# blocks, so their keys take no value here).
GOOD: dict[tuple[Context, str], str] = {
    (P, "aws_access_key_id"): "AKIAIOSFODNN7EXAMPLE",
    (P, "aws_secret_access_key"): "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    (P, "aws_session_token"): "IQoJb3JpZ2luX2VjEXAMPLE==",
    (P, "aws_security_token"): "IQoJb3JpZ2luX2VjEXAMPLE==",
    (P, "aws_account_id"): "123456789012",
    (P, "role_arn"): "arn:aws:iam::123456789012:role/path/Admin",
    (P, "source_profile"): "base",
    (P, "credential_source"): "Ec2InstanceMetadata",
    (P, "role_session_name"): "alice@example.com",
    (P, "external_id"): "a1b2c3:d4/e5",
    (P, "mfa_serial"): "arn:aws:iam::123456789012:mfa/alice",
    (P, "duration_seconds"): "43200",
    (P, "web_identity_token_file"): "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
    (P, "credential_process"): '"/opt/my tools/creds" --profile "dev one"',
    (P, "sso_session"): "corp",
    (P, "sso_account_id"): "123456789012",
    (P, "sso_role_name"): "AdministratorAccess",
    (P, "sso_start_url"): "https://d-1234567890.awsapps.com/start/#",
    (P, "sso_region"): "eu-central-1",
    (Context.SSO_SESSION, "sso_start_url"): "https://d-1234567890.awsapps.com/start",
    (Context.SSO_SESSION, "sso_region"): "us-gov-west-1",
    (Context.SSO_SESSION, "sso_registration_scopes"): "sso:account:access",
    (P, "login_session"): "arn:aws:iam::123456789012:user/alice",
    (P, "region"): "ap-southeast-7",
    (P, "data_path"): "~/models:$HOME/more-models",
    (P, "ca_bundle"): "/etc/ssl/certs/ca-certificates.crt",
    (P, "metadata_service_timeout"): "5",
    (P, "metadata_service_num_attempts"): "3",
    (P, "ec2_metadata_service_endpoint"): "http://[fd00:ec2::254]",
    (P, "ec2_metadata_service_endpoint_mode"): "ipv6",
    (P, "ec2_metadata_v1_disabled"): "true",
    (P, "imds_use_ipv6"): "False",
    (P, "use_dualstack_endpoint"): "TRUE",
    (P, "use_fips_endpoint"): "false",
    (P, "ignore_configured_endpoint_urls"): "false",
    (P, "parameter_validation"): "true",
    (P, "csm_enabled"): "false",
    (P, "csm_host"): "127.0.0.1",
    (P, "csm_port"): "31000",
    (P, "csm_client_id"): "my-app",
    (P, "endpoint_discovery_enabled"): "Auto",
    (P, "sts_regional_endpoints"): "regional",
    (P, "retry_mode"): "adaptive",
    (P, "defaults_mode"): "in-region",
    (P, "max_attempts"): "10",
    (P, "sdk_ua_app_id"): "billing-service",
    (P, "request_min_compression_size_bytes"): "1048576",
    (P, "disable_request_compression"): "true",
    (P, "sigv4a_signing_region_set"): "us-*,eu-west-1",
    (P, "request_checksum_calculation"): "WHEN_REQUIRED",
    (P, "response_checksum_validation"): "when_supported",
    (P, "account_id_endpoint_mode"): "disabled",
    (P, "disable_host_prefix_injection"): "true",
    (P, "auth_scheme_preference"): "sigv4a, sigv4",
    (P, "tcp_keepalive"): "true",
    (P, "s3_disable_express_session_auth"): "False",
    (P, "s3_use_arn_region"): "true",
    (P, "s3_us_east_1_regional_endpoint"): "legacy",
    (P, "proxy_ca_bundle"): "/etc/proxy-ca.pem",
    (P, "proxy_client_cert"): "/etc/proxy-client.pem",
    (P, "proxy_use_forwarding_for_https"): "true",
    (P, "endpoint_url"): "http://localhost:4566",
    (P, "services"): "local",
    (Context.S3, "addressing_style"): "path",
    (Context.S3, "use_accelerate_endpoint"): "false",
    (Context.S3, "use_dualstack_endpoint"): "true",
    (Context.S3, "payload_signing_enabled"): "true",
    (Context.S3, "use_arn_region"): "true",
    (Context.S3, "us_east_1_regional_endpoint"): "regional",
    (Context.S3, "s3_disable_multiregion_access_points"): "false",
    (Context.S3, "signature_version"): "s3v4",
    (Context.S3, "max_concurrent_requests"): "20",
    (Context.S3, "max_queue_size"): "10000",
    (Context.S3, "multipart_threshold"): "64MB",
    (Context.S3, "multipart_chunksize"): "16MiB",
    (Context.S3, "max_bandwidth"): "50MB/s",
    (Context.S3, "preferred_transfer_client"): "crt",
    (Context.S3, "target_bandwidth"): "5Gb/s",
    (Context.S3, "io_chunksize"): "1048576",
    (Context.S3, "disk_throughput"): "800Kb/s",
    (Context.S3, "should_stream"): "true",
    (Context.S3, "direct_io"): "false",
    (Context.SERVICE_SIGNATURE, "signature_version"): "v4",
    (Context.API_VERSIONS, "ec2"): "2016-11-15",
    (Context.SERVICE_BLOCK, "endpoint_url"): "http://localhost:8000",
    (Context.EMR, "service_role"): "EMR_DefaultRole",
    (Context.EMR, "instance_profile"): "EMR_EC2_DefaultRole",
    (Context.EMR, "log_uri"): "s3://logs/emr/",
    (Context.EMR, "key_name"): "ops",
    (Context.EMR, "key_pair_file"): "~/.ssh/ops.pem",
    (Context.EMR, "enable_debugging"): "True",
    (P, "output"): "yaml-stream",
    (P, "cli_timestamp_format"): "iso8601",
    (P, "cli_follow_urlparam"): "false",
    (P, "cli_binary_format"): "raw-in-base64-out",
    (P, "cli_pager"): "",
    (P, "cli_history"): "enabled",
    (P, "cli_auto_prompt"): "on-partial",
    (P, "cli_error_format"): "standard",
    (Context.PLUGINS, "cli_legacy_plugin_path"): "/opt/cli-plugins/lib/python3.11/site-packages",
    (Context.PLUGINS, "my_plugin"): "my_plugin.module",
    (Context.PREVIEW, "cloudfront"): "true",
    (Context.BOTO_CREDENTIALS, "aws_access_key_id"): "AKIAIOSFODNN7EXAMPLE",
    (Context.BOTO_CREDENTIALS, "aws_secret_access_key"): "wJalrXUtnFEMI/K7MDENG",
}


def test_good_values_cover_every_key_an_aws_tool_reads() -> None:
    valued = [s for s in CURATED if s.readers & AWS_TOOLS and not isinstance(s.value_type, Nested)]
    expected = {(c, s.key) for s in valued if s.names is None for c in s.contexts}
    assert expected - set(GOOD) == set()
    patterns = {(c, s.key) for s in valued if s.names is not None for c in s.contexts}
    shown = {(c, s.key) for (c, k) in GOOD if (s := lookup(c, k)) is not None and s.names}
    assert patterns - shown == set()


@pytest.mark.parametrize(("place", "value"), sorted(GOOD.items()))
def test_a_correct_file_has_no_issue(place: tuple[Context, str], value: str) -> None:
    context, key = place
    assert check(key, value, context) == []


def test_booleans() -> None:
    issue = one("use_fips_endpoint", "yes")
    assert issue.severity is WARNING and "`yes`" in issue.message and "false" in issue.message
    assert issue.suggestion == "true"
    assert one("use_fips_endpoint", "0").suggestion == "false"
    assert one("parameter_validation", "no").message.endswith(
        "stops validating request parameters."
    )
    assert one("use_fips_endpoint", "").code == "empty-value"
    assert one("s3_disable_express_session_auth", "1").severity is ERROR
    literal = one("cli_follow_urlparam", "True")
    assert (literal.code, literal.severity, literal.suggestion) == ("wrong-case", WARNING, "true")
    assert codes("enable_debugging", "TRUE", Context.EMR) == []
    assert one("cloudfront", "yes", Context.PREVIEW).severity is WARNING


def test_integers_follow_python_int() -> None:
    for value in ("+5", "1_0", "٣", "0010"):
        assert codes("max_attempts", value) == [], value
    assert one("max_attempts", "5.0").code == "not-an-integer"
    assert one("max_attempts", "-1").code == "out-of-range"
    assert one("duration_seconds", "abc").severity is WARNING  # botocore drops it silently
    assert one("duration_seconds", "899").severity is ERROR
    assert one("duration_seconds", "43201").message.startswith("43201 is more than 43200")
    assert one("request_min_compression_size_bytes", "0").severity is ERROR
    assert one("metadata_service_num_attempts", "0").severity is WARNING
    assert one("csm_port", "x").severity is WARNING  # only read when csm_enabled is true


def test_enumerations() -> None:
    assert one("retry_mode", "Standard").suggestion == "standard"
    assert one("retry_mode", "standrd").suggestion == "standard"
    assert one("credential_source", "ec2instancemetadata").suggestion == "Ec2InstanceMetadata"
    assert codes("ec2_metadata_service_endpoint_mode", "IPV4") == []
    assert one("ec2_metadata_service_endpoint_mode", "ipv5").severity is ERROR
    assert codes("defaults_mode", "Cross-Region") == []
    assert codes("sts_regional_endpoints", "") == []  # empty means regional
    assert one("sts_regional_endpoints", "Legacy").code == "wrong-case"
    assert one("addressing_style", "Path", Context.S3).severity is ERROR
    assert one("output", "JSON").severity is WARNING
    assert one("signature_version", "unsigned", Context.SERVICE_SIGNATURE).severity is ERROR
    assert one("signature_version", "sigv4", Context.S3).severity is WARNING


def test_regions() -> None:
    assert one("region", "").message.endswith(
        "Invalid endpoint: https://sts..amazonaws.com when a client is created."
    )
    upper = one("region", "US-EAST-1")
    assert (upper.code, upper.severity, upper.suggestion) == (
        "unknown-region",
        WARNING,
        "us-east-1",
    )
    assert one("region", "useast1").suggestion == "us-east-1"
    assert one("region", "us_east_1").code == "invalid-region"
    assert one("region", "us_east_1").suggestion == "us-east-1"
    assert one("region", "123").code == "invalid-region"
    new = one("region", "eu-north-9")
    assert "looks like a new aws region" in new.message and new.suggestion is None
    assert one("region", "global").suggestion is None
    assert codes("region", "aws-global") == []
    assert one("sso_region", "").severity is ERROR
    assert one("granted_sso_region", "bad region").severity is INFO


def test_arns() -> None:
    assert codes("role_arn", "arn:aws-cn:iam::123456789012:role/admin") == []
    assert one("role_arn", "arn:aws:iam:us-east-1:123456789012:role/x").code == "invalid-arn"
    assert "partition" in one("role_arn", "arn:awz:iam::123456789012:role/x").message
    assert one("role_arn", "arn:aws:sts::123456789012:assumed-role/x/y").code == "wrong-arn-type"
    assert one("role_arn", "admin").code == "invalid-arn"
    assert codes("mfa_serial", "GAHT12345678") == []
    assert one("mfa_serial", "1234").code == "invalid-arn"
    assert one("mfa_serial", "arn:aws:iam::123456789012:role/x").code == "wrong-arn-type"
    assert one("azure_default_role_arn", "nope").severity is INFO


def test_urls() -> None:
    assert one("endpoint_url", "http://under_score.local").severity is ERROR
    assert one("endpoint_url", "http://[::1").code == "invalid-url"
    assert codes("endpoint_url", "") == []  # botocore ignores an empty one
    assert one("endpoint_url", "s3.example.com").suggestion == "https://s3.example.com"
    assert one("ec2_metadata_service_endpoint", "169.254.169.254").severity is ERROR
    assert one("sso_start_url", "http://d-1.awsapps.com/start").severity is WARNING
    assert codes("endpoint_url", "http://localhost:4566", Context.SERVICE_BLOCK) == []


def test_sizes_and_rates_follow_the_aws_cli() -> None:
    for value in ("8MB", "8mb", "1GiB", "1048576", "2tb", "8 MB"):
        assert codes("multipart_threshold", value, Context.S3) == [], value
    for value in ("0", "1.5GB", "8M", "-1", "8XB"):
        assert codes("multipart_threshold", value, Context.S3) == ["invalid-size"], value
    for value in ("10MB/s", "800Kb/s", "1024B/s", "1024", "1GiB/s"):
        assert codes("max_bandwidth", value, Context.S3) == [], value
    assert one("max_bandwidth", "10MB", Context.S3).suggestion == "10MB/s"
    assert one("max_bandwidth", "10MB/sec", Context.S3).code == "invalid-size"


def test_paths_and_commands() -> None:
    assert one("ca_bundle", "~/ca.pem").code == "unexpanded-path"
    assert one("web_identity_token_file", "$HOME/token").code == "unexpanded-path"
    assert one("ca_bundle", "").severity is ERROR
    assert codes("data_path", "~/models") == []  # botocore expands data_path itself
    assert one("credential_process", "~/bin/creds --json").code == "unexpanded-path"
    assert one("credential_process", "").severity is ERROR
    assert codes("credential_process", "aws-vault export --format=json dev") == []


def test_references() -> None:
    assert one("sso_session", "sso-session corp").suggestion == "corp"
    assert one("services", "services local").suggestion == "local"
    assert one("source_profile", "").severity is ERROR
    assert codes("source_profile", "profile") == []  # a profile may be named "profile"
    vault = one("include_profile", "profile base")
    assert (vault.suggestion, vault.severity) == ("base", INFO)


def test_blocks_written_as_values() -> None:
    assert one("api_versions", "").severity is ERROR
    assert one("api_versions", "2016-11-15").code == "block-expected"
    assert one("dynamodb", "http://localhost:8000", Context.SERVICES).severity is ERROR
    assert one("s3", "path").severity is WARNING
    assert one("ec2", "v4").severity is WARNING
    assert one("ec2", "latest", Context.API_VERSIONS).code == "invalid-format"


def test_slips_of_any_value() -> None:
    comment = one("sso_role_name", "Admin # prod account")
    assert (comment.code, comment.severity, comment.suggestion) == (
        "comment-in-value",
        WARNING,
        "Admin",
    )
    assert one("region", "us-east-1 ; prod").severity is ERROR
    assert one("retry_mode", "'standard'").suggestion == "standard"
    assert codes("credential_process", '"/opt/creds"') == []  # shlex removes the quotes
    assert one("role_arn", "arn:aws:iam::{{ .account }}:role/x").code == "placeholder"
    assert one("azure_tenant_id", "<tenant>").severity is INFO
    assert one("mfa_process", "ykman oath code # x").severity is INFO


def test_secrets_never_appear_in_messages() -> None:
    for value in ("s3cr3t # note", '"s3cr3t"', "<s3cr3t>"):
        issue = one("aws_secret_access_key", value)
        assert "s3cr3t" not in issue.message and "note" not in issue.message
        assert issue.suggestion is None


SETTINGS = [s for s in CURATED if not s.key.startswith("<")] + [
    s for s in CURATED if s.key.startswith("<")
]


@settings(max_examples=examples(300), deadline=None)
@given(
    setting=st.sampled_from(SETTINGS),
    value=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(str.strip),
)
def test_any_value_gets_registered_codes_and_masked_messages(setting: KnownKey, value: str) -> None:
    issues = check_value(setting, value)
    assert len(issues) <= 1
    for issue in issues:
        assert issue.code in VALUE_CODES
        assert issue.message.endswith(".")
        if setting.secret and len(value) > 3:
            assert value not in issue.message
        if issue.suggestion is not None:
            assert check_value(setting, issue.suggestion) == []


@given(st.text(st.characters(categories=["Nd"]), min_size=1), st.sampled_from(CURATED))
def test_digits_alone_hold_no_placeholder_quotes_or_comment(digits: str, setting: KnownKey) -> None:
    """check_value skips these three detectors for a value of digits alone."""
    from aws_config_ls.catalogue import values

    for detect in (values._placeholder, values._quoted, values._inline_comment):
        assert detect(setting, digits, [], WARNING) is None
