"""The places a key can sit, as the catalogue sees them."""

from __future__ import annotations

from enum import Enum


class Context(str, Enum):
    """Where a key sits, as the catalogue sees it: a section kind or a nested block.

    Completion, hover and the semantic checks look a key up by (context, key).
    """

    PROFILE = "profile"  # [default], [profile x] in config; every section of credentials
    SSO_SESSION = "sso-session"  # [sso-session x] (config only)
    SERVICES = "services"  # top level of [services x] (config only): `<service_id> =` blocks
    SERVICE_BLOCK = "service-block"  # inside a `<service_id> =` block of [services x]
    S3 = "s3"  # nested `s3 =` block in a profile
    API_VERSIONS = "api_versions"  # nested `api_versions =` block in a profile
    SERVICE_SIGNATURE = "service-signature"  # nested `<service> =` block in a profile
    EMR = "emr"  # nested `emr =` block in a profile (AWS CLI)
    PLUGINS = "plugins"  # [plugins] (AWS CLI v1)
    PREVIEW = "preview"  # [preview] (AWS CLI)
    BOTO_CREDENTIALS = "boto-credentials"  # [Credentials] in a boto2 file
    BOTO_OTHER = "boto-other"  # any other section of a boto2 file ([Boto], [GSUtil] …)
    DEFAULT_SECTION = "DEFAULT"  # configparser's [DEFAULT], injected into every section
    OTHER = "other"  # a config section botocore keeps but nothing reads ([dev], [Default])
