"""Nested blocks and the keys that name services: s3, signature blocks, api_versions, [services].

Sub-keys inside a block keep their case and botocore matches them exactly; the block's own key
is lower-cased like any other.
"""

from __future__ import annotations

from aws_config_ls.catalogue.botocore_keys import botocore_key
from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.effects import SDKREF, fails, raises, silently
from aws_config_ls.catalogue.known_key import KnownKey, Names
from aws_config_ls.catalogue.valuetypes import (
    Choice,
    Nested,
    Pattern,
    Reference,
    Url,
)

ENDPOINTS = SDKREF + "feature-ss-endpoints.html"
# Names botocore.auth.AUTH_TYPE_MAPS signs with (v4a needs the crt extra).
SIGNATURE_VERSIONS = ("v4", "s3v4", "v4a", "s3", "v2", "v3", "v3https")
NOT_A_DICT = "AttributeError: 'str' object has no attribute 'get'"
AT_SERVICE_CLIENT = "when a client for that service is created"


KEYS: tuple[KnownKey, ...] = (
    botocore_key(
        "s3",
        Nested(
            Context.S3,
            silently("botocore ignores an s3 value that is not an indented block"),
            empty_scalar_ok=True,
        ),
        "S3 client configuration; AWS CLI s3 transfer settings",
        "An indented block of S3 settings (addressing_style, use_accelerate_endpoint …) and of "
        "the AWS CLI's transfer settings.",
        context=Context.PROFILE,
    ),
    botocore_key(
        "<service>",
        Nested(
            Context.SERVICE_SIGNATURE,
            silently("botocore ignores it: only an indented block with signature_version is read"),
            empty_scalar_ok=True,
        ),
        "the signature version of that service's clients",
        "A block named after a service's endpoint prefix (ec2, sts …) that can set the "
        "signature_version its clients use.",
        names=Names.SIGNATURE_SERVICES,
        context=Context.PROFILE,
    ),
    botocore_key(
        "signature_version",
        Choice(
            SIGNATURE_VERSIONS,
            case_sensitive=True,
            invalid=fails("every request of that service fails with UnknownSignatureVersionError"),
        ),
        "the client's request signer",
        "How requests of this service are signed (v4 for almost all services).",
        context=Context.SERVICE_SIGNATURE,
    ),
    botocore_key(
        "signature_version",
        Choice(
            SIGNATURE_VERSIONS,
            case_sensitive=True,
            invalid=silently("S3 clients sign as the endpoint rules say and never use it"),
        ),
        "nothing in botocore 1.44: S3 signing follows the endpoint rules",
        "Once chose SigV2 or SigV4 for S3; S3 clients now sign as the endpoint rules say.",
        context=Context.S3,
    ),
    botocore_key(
        "<client_name>",
        Pattern(
            r"\d{4}-\d{2}-\d{2}",
            "an API version date such as 2016-11-15",
            raises("DataNotFoundError", AT_SERVICE_CLIENT),
        ),
        "create_client's api_version for that service",
        "The API version (a date) of the service model to load for this client name.",
        names=Names.CLIENT_NAMES,
        context=Context.API_VERSIONS,
    ),
    botocore_key(
        "endpoint_url",
        Url(raises("ValueError: Invalid endpoint")),
        "the configured endpoint of every client",
        "An endpoint for every client of this profile (LocalStack, proxies, VPC endpoints). "
        "Environment variables and [services] blocks take precedence.",
        ENDPOINTS,
        env=("AWS_ENDPOINT_URL_<SERVICE_ID>", "AWS_ENDPOINT_URL"),
        context=Context.PROFILE,
    ),
    botocore_key(
        "services",
        Reference(
            Context.SERVICES,
            raises('InvalidConfigError (the "" services configuration does not exist)'),
        ),
        "the configured endpoint lookup",
        "The [services] section whose per-service blocks apply to this profile.",
        ENDPOINTS,
        context=Context.PROFILE,
    ),
    botocore_key(
        "<service_id>",
        Nested(Context.SERVICE_BLOCK, raises(NOT_A_DICT, AT_SERVICE_CLIENT)),
        "the configured endpoint lookup for that service",
        "A block of settings for one service, named by its service id in lower case with "
        "underscores (dynamodb, elastic_beanstalk, s3_control …).",
        ENDPOINTS,
        names=Names.SERVICE_IDS,
        context=Context.SERVICES,
    ),
    botocore_key(
        "endpoint_url",
        Url(raises("ValueError: Invalid endpoint", AT_SERVICE_CLIENT)),
        "the configured endpoint of that service's clients",
        "The endpoint for this service's clients; beats the profile's endpoint_url, loses to "
        "AWS_ENDPOINT_URL_<SERVICE_ID> and AWS_ENDPOINT_URL.",
        ENDPOINTS,
        env=("AWS_ENDPOINT_URL_<SERVICE_ID>", "AWS_ENDPOINT_URL"),
        context=Context.SERVICE_BLOCK,
    ),
)
