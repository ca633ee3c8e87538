"""Keys other AWS SDKs read from the shared files and boto3 does not: worth a note, not a fault.

Sources: the AWS SDK for Ruby's `Aws::SharedConfig.config_reader` list
(gems/aws-sdk-core/lib/aws-sdk-core/shared_config.rb) and the AWS SDK for Go v2's key
constants (config/shared_config.go); the AWS SDKs and Tools reference guide documents each.
"""

from __future__ import annotations

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.effects import SDKREF, tool
from aws_config_ls.catalogue.known_key import KnownKey, Reader, known_key
from aws_config_ls.catalogue.valuetypes import Boolean, BooleanParse, ValueType

RUBY = "https://docs.aws.amazon.com/sdk-for-ruby/v3/api/Aws/SharedConfig.html"
RUBY_READS = frozenset({Reader.SDK_RUBY})


def _key(
    key: str, readers: frozenset[Reader], value_type: ValueType, description: str, doc: str
) -> KnownKey:
    feeds = ", ".join(sorted(r.value for r in readers))
    return known_key(key, Context.PROFILE, value_type, readers, feeds, description, doc)


def _boolean(reader: str) -> Boolean:
    return Boolean(BooleanParse.STRICT, tool(reader, "cannot use it"))


KEYS: tuple[KnownKey, ...] = (
    _key(
        "adaptive_retry_wait_to_fill",
        RUBY_READS,
        _boolean("the AWS SDK for Ruby"),
        "In adaptive retry mode, whether the Ruby SDK waits for send capacity instead of failing.",
        RUBY,
    ),
    _key(
        "correct_clock_skew",
        RUBY_READS,
        _boolean("the AWS SDK for Ruby"),
        "Whether the Ruby SDK corrects its signing time by the clock skew the service reports.",
        RUBY,
    ),
    _key(
        "s3_disable_multiregion_access_points",
        frozenset({Reader.SDK_RUBY, Reader.SDK_GO}),
        _boolean("the other AWS SDKs"),
        "Refuse requests to S3 multi-Region access points. boto3 reads it only inside the "
        "`s3 =` block.",
        SDKREF + "feature-s3-mrap.html",
    ),
)
