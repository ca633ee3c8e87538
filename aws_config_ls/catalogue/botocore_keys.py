"""Keys of botocore's config-provider tables (configprovider.py), in the project's words.

Environment variables, defaults and conversions are not written here: the registry copies them
from the installed botocore. What botocore does not say (value rules, consequences, prose) is.
"""

from __future__ import annotations

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.effects import (
    AT_CLIENT,
    AT_CREDENTIALS,
    BOTO3_CONFIG,
    SDKREF,
    raises,
    silently,
)
from aws_config_ls.catalogue.known_key import KnownKey, Names, Reader, known_key
from aws_config_ls.catalogue.valuetypes import (
    Boolean,
    BooleanParse,
    Choice,
    Integer,
    Nested,
    Path,
    Region,
    Text,
    Url,
    ValueType,
)

BOTOCORE_AND_CLI = frozenset({Reader.BOTOCORE, Reader.AWS_CLI_V1, Reader.AWS_CLI_V2})

LENIENT = Boolean(BooleanParse.LENIENT, silently("botocore reads it as false"))


def botocore_key(
    key: str,
    value_type: ValueType,
    feeds: str,
    description: str,
    doc: str | None = BOTO3_CONFIG,
    *,
    context: Context | frozenset[Context] = Context.PROFILE,
    env: tuple[str, ...] = (),
    secret: bool = False,
    names: Names | None = None,
) -> KnownKey:
    """A key botocore and the AWS CLI read: the factory of this table, the credential keys
    and the block keys."""
    return known_key(
        key,
        context,
        value_type,
        BOTOCORE_AND_CLI,
        feeds,
        description,
        doc,
        env=env,
        secret=secret,
        names=names,
    )


def _choice(values: tuple[str, ...], exception: str, when: str = AT_CLIENT) -> Choice:
    return Choice(values, case_sensitive=True, invalid=raises(exception, when))


def _any_case(values: tuple[str, ...], exception: str, when: str = AT_CLIENT) -> Choice:
    return Choice(values, case_sensitive=False, invalid=raises(exception, when))


KEYS: tuple[KnownKey, ...] = (
    botocore_key(
        "region",
        Region(
            invalid=raises("InvalidRegionError"),
            empty=raises("ValueError: Invalid endpoint: https://sts..amazonaws.com"),
        ),
        "every client's region; STS and SSO fall back to it",
        "The region clients talk to when the code names none. botocore reads only "
        "AWS_DEFAULT_REGION from the environment, not AWS_REGION.",
        SDKREF + "feature-region.html",
    ),
    botocore_key(
        "data_path",
        Path(expanded=True),
        "the loader's search path for service models",
        "Extra directories (separated like PATH) where botocore looks for service models "
        "before its own.",
    ),
    botocore_key(
        "ca_bundle",
        Path(
            expanded=False,
            empty=raises("InvalidConfigError (Invalid CA bundle)"),
        ),
        "the `verify` argument of every client",
        "A PEM file of certificate authorities to trust for TLS instead of the bundled ones; "
        "read when a request is made, so a missing file fails the first call.",
        SDKREF + "feature-gen-config.html",
    ),
    botocore_key(
        "api_versions",
        Nested(
            Context.API_VERSIONS,
            raises("AttributeError: 'str' object has no attribute 'get'"),
        ),
        "create_client's api_version",
        "An indented block mapping client names to the API version (a date) to load.",
    ),
    botocore_key(
        "metadata_service_timeout",
        Integer(raises("ValueError: invalid literal for int()", AT_CREDENTIALS)),
        "the instance-metadata (IMDS) credential and region fetchers",
        "Seconds to wait for each call to the EC2 instance metadata service.",
        SDKREF + "feature-imds-credentials.html",
    ),
    botocore_key(
        "metadata_service_num_attempts",
        Integer(
            raises("ValueError: invalid literal for int()", AT_CREDENTIALS),
            minimum=1,
            out_of_range=silently(
                "botocore makes no call to the instance metadata service, so instance-role "
                "credentials are never found"
            ),
        ),
        "the instance-metadata (IMDS) credential and region fetchers",
        "How many times to try the EC2 instance metadata service before giving up.",
        SDKREF + "feature-imds-credentials.html",
    ),
    botocore_key(
        "ec2_metadata_service_endpoint",
        Url(raises("InvalidIMDSEndpointError", AT_CREDENTIALS)),
        "the instance-metadata (IMDS) fetchers",
        "A different address for the EC2 instance metadata service (a URL with scheme).",
        SDKREF + "feature-imds-client.html",
    ),
    botocore_key(
        "ec2_metadata_service_endpoint_mode",
        _any_case(("IPv4", "IPv6"), "InvalidIMDSEndpointModeError", AT_CREDENTIALS),
        "the instance-metadata (IMDS) fetchers",
        "Whether to reach the instance metadata service over IPv4 or IPv6; takes precedence "
        "over imds_use_ipv6.",
        SDKREF + "feature-imds-client.html",
    ),
    botocore_key(
        "ec2_metadata_v1_disabled",
        LENIENT,
        "the instance-metadata (IMDS) fetchers",
        "Refuse to fall back to IMDSv1 when an IMDSv2 token cannot be had.",
        SDKREF + "feature-ec2-instance-metadata.html",
    ),
    botocore_key(
        "imds_use_ipv6",
        LENIENT,
        "the instance-metadata (IMDS) fetchers",
        "Reach the instance metadata service over IPv6 (older form of "
        "ec2_metadata_service_endpoint_mode).",
    ),
    botocore_key(
        "use_dualstack_endpoint",
        LENIENT,
        "the endpoint rules (UseDualStack)",
        "Send requests to endpoints that answer over both IPv4 and IPv6.",
        SDKREF + "feature-endpoints.html",
    ),
    botocore_key(
        "use_fips_endpoint",
        LENIENT,
        "the endpoint rules (UseFIPS)",
        "Send requests to FIPS 140 validated endpoints where the service has them.",
        SDKREF + "feature-endpoints.html",
    ),
    botocore_key(
        "ignore_configured_endpoint_urls",
        LENIENT,
        "the configured endpoint URL lookup",
        "Disregard every endpoint_url from the files and AWS_ENDPOINT_URL* variables.",
        SDKREF + "feature-ss-endpoints.html",
    ),
    botocore_key(
        "parameter_validation",
        Boolean(
            BooleanParse.LENIENT,
            silently("botocore reads it as false and stops validating request parameters"),
        ),
        "client-side validation of request parameters",
        "Check request parameters against the service model before sending. Any value other "
        "than true turns the checks off.",
    ),
    botocore_key(
        "csm_enabled",
        LENIENT,
        "client-side monitoring",
        "Send client-side monitoring events over UDP; internal to botocore.",
    ),
    botocore_key(
        "csm_host",
        Text(),
        "client-side monitoring",
        "Host that receives client-side monitoring events; internal to botocore.",
    ),
    botocore_key(
        "csm_port",
        Integer(
            silently(
                "botocore raises ValueError: invalid literal for int() as soon as csm_enabled "
                "is true"
            )
        ),
        "client-side monitoring",
        "UDP port for client-side monitoring events; internal to botocore.",
    ),
    botocore_key(
        "csm_client_id",
        Text(),
        "client-side monitoring",
        "Identifier put in client-side monitoring events; internal to botocore.",
    ),
    botocore_key(
        "endpoint_discovery_enabled",
        Choice(
            ("true", "false", "auto"),
            case_sensitive=False,
            invalid=raises(
                "InvalidEndpointDiscoveryConfigurationError",
                "when a client for a service with endpoint discovery (DynamoDB, Timestream …) "
                "is created",
            ),
        ),
        "endpoint discovery for services that support it",
        "Whether to look up endpoints through the service's discovery operation; auto uses "
        "it only where the service requires it.",
        SDKREF + "feature-endpoint-discovery.html",
    ),
    botocore_key(
        "sts_regional_endpoints",
        Choice(
            ("regional", "legacy"),
            case_sensitive=True,
            invalid=raises("InvalidSTSRegionalEndpointsConfigError"),
            empty_ok=True,
        ),
        "STS endpoint resolution",
        "legacy sends STS calls from some regions to the global endpoint sts.amazonaws.com; "
        "regional keeps them in the client's region.",
        SDKREF + "feature-sts-regionalized-endpoints.html",
    ),
    botocore_key(
        "retry_mode",
        _choice(("standard", "adaptive", "legacy"), "InvalidRetryModeError"),
        "the client's retry handler",
        "Which retry strategy clients use; adaptive also rate-limits the client.",
        SDKREF + "feature-retry-behavior.html",
    ),
    botocore_key(
        "defaults_mode",
        _any_case(
            ("legacy", "standard", "in-region", "cross-region", "mobile", "auto"),
            "InvalidDefaultsMode",
        ),
        "the defaults of retry_mode, sts_regional_endpoints, S3 us-east-1 and timeouts",
        "A named set of defaults for timeouts and retries; auto picks one from where the code "
        "runs.",
        SDKREF + "feature-smart-config-defaults.html",
    ),
    botocore_key(
        "max_attempts",
        Integer(
            raises("ValueError: invalid literal for int()"),
            minimum=1,
            out_of_range=raises("InvalidMaxRetryAttemptsError"),
        ),
        "the client's retry handler (total_max_attempts)",
        "Most attempts for one request, the first one included.",
        SDKREF + "feature-retry-behavior.html",
    ),
    botocore_key(
        "sdk_ua_app_id",
        Text(
            max_length=50,
            too_long=silently("botocore logs a warning and sends it anyway"),
        ),
        "the User-Agent header (user_agent_appid)",
        "An application name added to the User-Agent of every request.",
        SDKREF + "feature-appid.html",
    ),
    botocore_key(
        "request_min_compression_size_bytes",
        Integer(
            raises("InvalidConfigError"),
            minimum=1,
            maximum=1048576,
            out_of_range=raises("InvalidConfigError"),
        ),
        "request compression",
        "Smallest request body, in bytes, that is gzip-compressed for operations that allow it.",
        SDKREF + "feature-compression.html",
    ),
    botocore_key(
        "disable_request_compression",
        LENIENT,
        "request compression",
        "Never compress request bodies.",
        SDKREF + "feature-compression.html",
    ),
    botocore_key(
        "sigv4a_signing_region_set",
        Text(),
        "SigV4a signing",
        "Comma-separated regions (wildcards allowed) a SigV4a signature is valid for.",
        SDKREF + "feature-auth-scheme.html",
    ),
    botocore_key(
        "request_checksum_calculation",
        _any_case(("when_supported", "when_required"), "InvalidChecksumConfigError"),
        "flexible checksums on requests",
        "When to add a checksum to request payloads: whenever the operation supports one, or "
        "only when it requires one.",
        SDKREF + "feature-dataintegrity.html",
    ),
    botocore_key(
        "response_checksum_validation",
        _any_case(("when_supported", "when_required"), "InvalidChecksumConfigError"),
        "flexible checksums on responses",
        "When to validate checksums of response payloads.",
        SDKREF + "feature-dataintegrity.html",
    ),
    botocore_key(
        "account_id_endpoint_mode",
        _any_case(("preferred", "disabled", "required"), "InvalidConfigError"),
        "account-based endpoints (DynamoDB)",
        "Whether to route requests to endpoints that contain the account id.",
        SDKREF + "feature-account-endpoints.html",
    ),
    botocore_key(
        "disable_host_prefix_injection",
        LENIENT,
        "host prefixes of modeled operations",
        "Do not prepend the operation's host prefix to the endpoint host name.",
        SDKREF + "feature-host-prefix.html",
    ),
    botocore_key(
        "auth_scheme_preference",
        Text(),
        "the choice of signing scheme",
        "Comma-separated signing schemes (sigv4, sigv4a, httpBearerAuth …) in order of "
        "preference, where an operation offers several.",
        SDKREF + "feature-auth-scheme.html",
    ),
    botocore_key(
        "tcp_keepalive",
        LENIENT,
        "socket options of every connection",
        "Turn on TCP keep-alive on client connections.",
    ),
    botocore_key(
        "s3_disable_express_session_auth",
        Boolean(
            BooleanParse.STRICT,
            raises("InvalidConfigError (Value must be a boolean)"),
        ),
        "S3 Express One Zone session authentication",
        "Sign S3 Express One Zone requests with plain SigV4 instead of session credentials.",
        SDKREF + "feature-s3-express.html",
    ),
    botocore_key(
        "s3_use_arn_region",
        LENIENT,
        "S3 (use_arn_region), read before the nested s3 key",
        "Let an access-point ARN's region override the client's region.",
        SDKREF + "feature-s3-access-point.html",
    ),
    botocore_key(
        "s3_us_east_1_regional_endpoint",
        _choice(("regional", "legacy"), "InvalidS3UsEast1RegionalEndpointConfigError"),
        "S3 (us_east_1_regional_endpoint), read before the nested s3 key",
        "regional sends us-east-1 S3 requests to s3.us-east-1.amazonaws.com; legacy to the "
        "global s3.amazonaws.com.",
    ),
    botocore_key(
        "proxy_ca_bundle",
        Path(expanded=False),
        "proxies_config",
        "CA bundle to verify an HTTPS proxy with. boto3 clients apply it only when given in "
        "their Config.",
    ),
    botocore_key(
        "proxy_client_cert",
        Path(expanded=False),
        "proxies_config",
        "Client certificate to present to the proxy. boto3 clients apply it only when given in "
        "their Config.",
    ),
    botocore_key(
        "proxy_use_forwarding_for_https",
        LENIENT,
        "proxies_config",
        "Forward HTTPS requests through the proxy instead of tunnelling with CONNECT. boto3 "
        "clients apply it only when given in their Config.",
    ),
    # The nested `s3 =` block (DEFAULT_S3_CONFIG_VARS).
    botocore_key(
        "addressing_style",
        _choice(("auto", "virtual", "path"), "InvalidS3AddressingStyleError"),
        "S3 endpoint and request layout",
        "Where the bucket name goes: in the host name (virtual), in the path (path), or "
        "whichever fits (auto).",
        context=Context.S3,
    ),
    botocore_key(
        "use_accelerate_endpoint",
        LENIENT,
        "S3 endpoint rules (Accelerate)",
        "Use S3 Transfer Acceleration endpoints.",
        context=Context.S3,
    ),
    botocore_key(
        "use_dualstack_endpoint",
        LENIENT,
        "S3 endpoint rules (UseDualStack)",
        "Use dual-stack (IPv4 and IPv6) S3 endpoints.",
        context=Context.S3,
    ),
    botocore_key(
        "payload_signing_enabled",
        LENIENT,
        "S3 SigV4 payload signing",
        "Include a SHA-256 of the body in S3 request signatures.",
        context=Context.S3,
    ),
    botocore_key(
        "use_arn_region",
        LENIENT,
        "S3 endpoint rules (UseArnRegion)",
        "Let an access-point ARN's region override the client's region; the flat "
        "s3_use_arn_region is read first.",
        SDKREF + "feature-s3-access-point.html",
        context=Context.S3,
    ),
    botocore_key(
        "us_east_1_regional_endpoint",
        _choice(("regional", "legacy"), "InvalidS3UsEast1RegionalEndpointConfigError"),
        "S3 endpoint rules (UseGlobalEndpoint)",
        "regional or legacy (global) S3 endpoint for us-east-1; the flat "
        "s3_us_east_1_regional_endpoint is read first.",
        context=Context.S3,
    ),
    botocore_key(
        "s3_disable_multiregion_access_points",
        LENIENT,
        "S3 endpoint rules (DisableMultiRegionAccessPoints)",
        "Refuse requests to multi-Region access points.",
        SDKREF + "feature-s3-mrap.html",
        context=Context.S3,
    ),
)
