"""Keys only the AWS CLI reads: output, cli_*, s3 transfer tuning, emr, [plugins], [preview].

boto3 ignores all of them; a value the CLI cannot use is a warning, never an error.
"""

from __future__ import annotations

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.effects import CLI_FILES, CLI_S3, CLI_VARS, cli
from aws_config_ls.catalogue.known_key import KnownKey, Names, Reader, known_key
from aws_config_ls.catalogue.valuetypes import (
    Boolean,
    BooleanParse,
    Choice,
    Integer,
    Nested,
    Path,
    Size,
    Text,
    ValueType,
)

V1 = frozenset({Reader.AWS_CLI_V1})
V2 = frozenset({Reader.AWS_CLI_V2})
BOTH = V1 | V2
TRANSFER_FAILS = cli("`aws s3` commands stop with InvalidConfigError")


def _key(
    key: str,
    value_type: ValueType,
    description: str,
    readers: frozenset[Reader] = BOTH,
    context: Context = Context.PROFILE,
    feeds: str = "the AWS CLI",
    doc: str | None = CLI_FILES,
    env: tuple[str, ...] = (),
    default: str | None = None,
    names: Names | None = None,
) -> KnownKey:
    return known_key(
        key,
        context,
        value_type,
        readers,
        feeds,
        description,
        doc,
        env=env,
        default=default,
        names=names,
    )


def _transfer(
    key: str, value_type: ValueType, description: str, readers: frozenset[Reader]
) -> KnownKey:
    return _key(
        key,
        value_type,
        description,
        readers,
        Context.S3,
        "`aws s3` transfers (awscli/customizations/s3/transferconfig.py)",
        CLI_S3,
    )


def _emr(key: str, value_type: ValueType, description: str) -> KnownKey:
    return _key(key, value_type, description, BOTH, Context.EMR, "`aws emr` commands", CLI_VARS)


def _choice(values: tuple[str, ...], outcome: str) -> Choice:
    return Choice(values, case_sensitive=True, invalid=cli(outcome))


POSITIVE = Integer(TRANSFER_FAILS, minimum=1, out_of_range=TRANSFER_FAILS)

KEYS: tuple[KnownKey, ...] = (
    _key(
        "output",
        _choice(
            ("json", "text", "table", "yaml", "yaml-stream", "off"),
            "every AWS CLI command stops with an invalid-choice error",
        ),
        "The AWS CLI's output format; yaml, yaml-stream and off exist in version 2 only.",
        env=("AWS_DEFAULT_OUTPUT",),
        default="json",
    ),
    _key(
        "cli_timestamp_format",
        _choice(("iso8601", "wire", "none"), "AWS CLI commands that print timestamps fail"),
        "How the AWS CLI prints timestamps: iso8601, or as received (wire in version 2, none "
        "in version 1).",
        default="none (v1), iso8601 (v2)",
    ),
    _key(
        "cli_follow_urlparam",
        Boolean(
            BooleanParse.LITERAL,
            cli("the AWS CLI v1 stops fetching URL parameters unless it is exactly `true`"),
        ),
        "Whether AWS CLI v1 replaces a parameter that starts with http:// or https:// by the "
        "content at that URL. Version 2 never does.",
        V1,
        default="true",
    ),
    _key(
        "cli_binary_format",
        _choice(("base64", "raw-in-base64-out"), "AWS CLI v2 commands stop with an error"),
        "How AWS CLI version 2 reads blob parameters: as base64 text, or raw bytes "
        "(raw-in-base64-out, version 1's behaviour).",
        default="base64",
    ),
    _key(
        "cli_pager",
        Text(),
        "The pager AWS CLI version 2 sends output through; empty turns paging off.",
        V2,
        env=("AWS_PAGER",),
    ),
    _key(
        "cli_history",
        _choice(("enabled", "disabled"), "the AWS CLI records history only for `enabled`"),
        "Record every AWS CLI command in a local history database (`aws history`).",
    ),
    _key(
        "cli_auto_prompt",
        _choice(("on", "on-partial", "off"), "AWS CLI v2 commands stop with an error"),
        "Whether AWS CLI version 2 prompts for commands and parameters.",
        V2,
        env=("AWS_CLI_AUTO_PROMPT",),
    ),
    _key(
        "cli_error_format",
        Text(),
        "How recent AWS CLI version 2 releases print service errors.",
        V2,
    ),
    _key(
        "emr",
        Nested(
            Context.EMR,
            cli("`aws emr` commands stop with an error: a block is needed"),
            empty_scalar_ok=True,
        ),
        "An indented block of defaults for `aws emr` commands.",
        doc=CLI_VARS,
    ),
    _emr("service_role", Text(), "Default IAM service role of `aws emr create-cluster`."),
    _emr("instance_profile", Text(), "Default EC2 instance profile of new EMR clusters."),
    _emr("log_uri", Text(), "Default S3 location for EMR cluster logs."),
    _emr("key_name", Text(), "Default EC2 key pair name of new EMR clusters."),
    _emr("key_pair_file", Path(expanded=True), "Private key file `aws emr ssh` uses."),
    _emr(
        "enable_debugging",
        Boolean(BooleanParse.STRICT, cli("`aws emr` commands stop with InvalidBooleanConfigError")),
        "Turn on EMR debugging for new clusters by default.",
    ),
    _transfer(
        "max_concurrent_requests",
        POSITIVE,
        "Most requests `aws s3` runs at once.",
        BOTH,
    ),
    _transfer("max_queue_size", POSITIVE, "Most transfer tasks waiting in the queue.", BOTH),
    _transfer(
        "multipart_threshold",
        Size(TRANSFER_FAILS),
        "File size from which uploads and copies are multipart (bytes, or 8MB, 1GiB …).",
        BOTH,
    ),
    _transfer(
        "multipart_chunksize",
        Size(TRANSFER_FAILS),
        "Size of each part of a multipart transfer (bytes, or 8MB, 1GiB …).",
        BOTH,
    ),
    _transfer(
        "max_bandwidth",
        Size(TRANSFER_FAILS, rate=True),
        "Bandwidth cap of `aws s3` (bytes per second, or 10MB/s, 800Kb/s …).",
        BOTH,
    ),
    _transfer(
        "preferred_transfer_client",
        _choice(("auto", "classic", "crt", "default"), "`aws s3` commands stop with an error"),
        "Which transfer engine `aws s3` uses; crt is the AWS Common Runtime client.",
        V2,
    ),
    _transfer(
        "target_bandwidth",
        Size(TRANSFER_FAILS, rate=True),
        "Throughput the CRT transfer client aims for (bytes per second or 10MB/s …).",
        V2,
    ),
    _transfer(
        "io_chunksize",
        Size(TRANSFER_FAILS),
        "Size of the chunks read from and written to disk during transfers.",
        V2,
    ),
    _transfer(
        "disk_throughput",
        Size(TRANSFER_FAILS, rate=True),
        "Disk throughput the CRT transfer client assumes.",
        V2,
    ),
    _transfer(
        "should_stream",
        Boolean(BooleanParse.LENIENT, cli("the AWS CLI reads it as false")),
        "Let the CRT transfer client stream uploads instead of buffering parts.",
        V2,
    ),
    _transfer(
        "direct_io",
        Boolean(BooleanParse.LENIENT, cli("the AWS CLI reads it as false")),
        "Let the CRT transfer client bypass the operating system's file cache.",
        V2,
    ),
    _key(
        "cli_legacy_plugin_path",
        Path(expanded=False),
        "Directory AWS CLI version 2 adds to the import path to load [plugins] modules.",
        V2,
        Context.PLUGINS,
        "AWS CLI plugin loading",
        CLI_VARS,
    ),
    _key(
        "<plugin_name>",
        Text(),
        "A plugin to load: any name, the value being the Python module that registers it.",
        BOTH,
        Context.PLUGINS,
        "AWS CLI plugin loading",
        CLI_VARS,
        names=Names.ANY,
    ),
    _key(
        "<service_name>",
        Boolean(
            BooleanParse.LITERAL,
            cli("the AWS CLI keeps the preview service hidden unless it is exactly `true`"),
        ),
        "Turn on an AWS CLI command group that is still in preview (cloudfront, sdb …).",
        BOTH,
        Context.PREVIEW,
        "AWS CLI preview commands",
        CLI_VARS,
        names=Names.ANY,
    ),
)
