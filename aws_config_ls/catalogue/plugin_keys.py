"""Keys that AWS CLI plugins read, accepted only where `[plugins]` declares the plugin.

A plugin is declared as `name = module` in [plugins] of the config file; the AWS CLI imports
the module, which may read keys of its own from the profile. Without the declaration nothing
reads them, so they stay unknown.

awscli-plugin-endpoint (`endpoint = awscli_plugin_endpoint`, the usual setup for S3-compatible
storage): for the CLI command being run (`s3`, `s3api`, `dynamodb` …) it reads `endpoint_url`,
`verify_ssl` and `ca_bundle` from the profile's block named after the command
(awscli_plugin_endpoint/__init__.py: get_endpoint_from_profile, get_verify_from_profile,
get_ca_bundle_from_profile; README "Getting Started").
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.effects import cli
from aws_config_ls.catalogue.known_key import KnownKey, Names, Reader, known_key
from aws_config_ls.catalogue.valuetypes import Boolean, BooleanParse, Nested, Path, Url, ValueType

ENDPOINT_PLUGIN = "awscli_plugin_endpoint"
ENDPOINT_DOC = "https://github.com/wbingli/awscli-plugin-endpoint"
_READERS = frozenset({Reader.AWSCLI_PLUGIN_ENDPOINT})
# The blocks the plugin reads: `s3 =`, a signature block (`dynamodb =`), or any other command's.
_BLOCKS = frozenset({Context.S3, Context.SERVICE_SIGNATURE})


def _key(
    key: str,
    contexts: frozenset[Context],
    value_type: ValueType,
    description: str,
    names: Names | None = None,
) -> KnownKey:
    feeds = "awscli-plugin-endpoint (the AWS CLI command of the block's name)"
    return known_key(
        key, contexts, value_type, _READERS, feeds, description, ENDPOINT_DOC, names=names
    )


_ENDPOINT: tuple[KnownKey, ...] = (
    _key(
        "<command>",
        frozenset({Context.PROFILE}),
        Nested(
            Context.SERVICE_SIGNATURE,
            cli("awscli-plugin-endpoint reads only an indented block"),
            empty_scalar_ok=True,
        ),
        "A block of endpoint settings awscli-plugin-endpoint applies to this AWS CLI command "
        "(s3api, dynamodb …).",
        names=Names.ANY,
    ),
    _key(
        "endpoint_url",
        _BLOCKS,
        Url(cli("the AWS CLI refuses it (ValueError: Invalid endpoint)")),
        "The endpoint awscli-plugin-endpoint gives this AWS CLI command (--endpoint-url).",
    ),
    _key(
        "verify_ssl",
        _BLOCKS,
        Boolean(BooleanParse.LENIENT, cli("awscli-plugin-endpoint reads it as false")),
        "Whether this AWS CLI command verifies TLS certificates (false: --no-verify-ssl).",
    ),
    _key(
        "ca_bundle",
        _BLOCKS,
        Path(expanded=False),
        "The CA bundle this AWS CLI command verifies TLS certificates with (--ca-bundle).",
    ),
)

# Each plugin module this catalogue knows, with the keys it reads.
PLUGINS: Mapping[str, tuple[KnownKey, ...]] = MappingProxyType({ENDPOINT_PLUGIN: _ENDPOINT})


def plugin_lookup(
    plugins: frozenset[str], context: Context, key: str, block: bool
) -> KnownKey | None:
    """The setting a declared plugin makes of `key` in `context`; a command pattern only
    matches a key whose value is a block."""
    for module in plugins:
        for known in PLUGINS.get(module, ()):
            if context not in known.contexts:
                continue
            if known.names is None and known.key == key:
                return known
            if known.names is not None and block:
                return known
    return None
