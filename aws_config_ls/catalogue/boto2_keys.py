"""Keys of boto2 files (~/.boto, /etc/boto.cfg): botocore reads two, boto2 and gsutil the rest.

gsutil writes many more keys into [GSUtil], [OAuth2] and the like; they are not listed, and a
missing entry here means "not for botocore", never "wrong".
"""

from __future__ import annotations

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.known_key import KnownKey, Reader, known_key
from aws_config_ls.catalogue.valuetypes import Text
from aws_config_ls.ini.kinds import FileKind

BOTO2_DOC = "https://boto.cloudhackers.com/en/latest/boto_config_tut.html"
GSUTIL_DOC = "https://cloud.google.com/storage/docs/boto-gsutil"
BOTO2 = frozenset({Reader.BOTO2})


BOTO_FILE = frozenset({FileKind.BOTO})


def _key(
    key: str,
    context: Context,
    description: str,
    readers: frozenset[Reader] = BOTO2,
    feeds: str = "boto2",
    secret: bool = False,
) -> KnownKey:
    doc = GSUTIL_DOC if Reader.GSUTIL in readers else BOTO2_DOC
    return known_key(
        key, context, Text(), readers, feeds, description, doc, files=BOTO_FILE, secret=secret
    )


def _credentials(key: str, description: str, secret: bool = False) -> KnownKey:
    return _key(key, Context.BOTO_CREDENTIALS, description, secret=secret)


def _gsutil(key: str, description: str, secret: bool = False) -> KnownKey:
    gsutil = frozenset({Reader.GSUTIL})
    return _key(key, Context.BOTO_CREDENTIALS, description, gsutil, "gsutil", secret)


def _boto(key: str, description: str, secret: bool = False) -> KnownKey:
    return _key(key, Context.BOTO_OTHER, description, secret=secret)


BOTO_PROVIDER = frozenset({Reader.BOTOCORE, Reader.BOTO2})

KEYS: tuple[KnownKey, ...] = (
    _key(
        "aws_access_key_id",
        Context.BOTO_CREDENTIALS,
        "Access key id botocore's boto-config provider uses, late in the chain, when no other "
        "source has credentials.",
        BOTO_PROVIDER,
        "boto-config provider",
    ),
    _key(
        "aws_secret_access_key",
        Context.BOTO_CREDENTIALS,
        "Secret key that goes with it; botocore reads no session token from boto files.",
        BOTO_PROVIDER,
        "boto-config provider",
        secret=True,
    ),
    _credentials("aws_security_token", "Session token for boto2 only.", secret=True),
    _credentials("aws_credential_file", "Another file boto2 reads credentials from."),
    _credentials("keyring", "Keyring service boto2 fetches the secret key from."),
    _credentials("euca_access_key_id", "Eucalyptus access key id for boto2."),
    _credentials("euca_secret_access_key", "Eucalyptus secret key for boto2.", secret=True),
    _credentials("ia_access_key_id", "Internet Archive access key id for boto2."),
    _credentials("ia_secret_access_key", "Internet Archive secret key for boto2.", secret=True),
    _gsutil("gs_access_key_id", "Google Cloud Storage HMAC access id for gsutil."),
    _gsutil("gs_secret_access_key", "Google Cloud Storage HMAC secret for gsutil.", secret=True),
    _gsutil("gs_oauth2_refresh_token", "OAuth2 refresh token gsutil signs in with.", secret=True),
    _gsutil("gs_service_client_id", "Service account gsutil authenticates as."),
    _gsutil("gs_service_key_file", "Key file of that service account."),
    _boto("debug", "boto2 log level (0, 1 or 2)."),
    _boto("num_retries", "How often boto2 retries a failed request."),
    _boto("proxy", "Proxy host boto2 connects through."),
    _boto("proxy_port", "Port of that proxy."),
    _boto("proxy_user", "User name for that proxy."),
    _boto("proxy_pass", "Password for that proxy.", secret=True),
    _boto("connection_stale_duration", "Seconds after which boto2 drops a pooled connection."),
    _boto("is_secure", "Whether boto2 uses HTTPS."),
    _boto("https_validate_certificates", "Whether boto2 checks server certificates."),
    _boto("ca_certificates_file", "Certificate authorities boto2 trusts."),
    _boto("http_socket_timeout", "Socket timeout of boto2 connections, in seconds."),
    _boto("send_crlf_after_proxy_auth_headers", "Proxy compatibility switch of boto2."),
    _boto("metadata_service_timeout", "Timeout of boto2's calls to the instance metadata service."),
    _boto(
        "metadata_service_num_attempts", "Attempts boto2 makes at the instance metadata service."
    ),
    _boto("eucalyptus_host", "Eucalyptus endpoint host for boto2."),
    _boto("walrus_host", "Walrus (Eucalyptus storage) endpoint host for boto2."),
    _boto("ec2_region_name", "Default EC2 region of boto2."),
    _boto("ec2_region_endpoint", "Default EC2 endpoint of boto2."),
    _boto("ec2_version", "EC2 API version boto2 uses."),
)
