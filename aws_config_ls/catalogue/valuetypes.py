"""What a setting's value may be, and what its reader does with one it cannot use.

Each type is plain data; `values.check_value` interprets it. The `Effect` attached to a type is
the consequence a message reports, so one check can say "botocore raises X" for one key and
"the AWS CLI ignores it" for another.
"""

from __future__ import annotations

from enum import Enum

from aws_config_ls.catalogue.context import Context
from aws_config_ls.ini.problems import Severity
from aws_config_ls.ini.records import NamedTuple


class Effect(NamedTuple):
    """What happens to a value the reader cannot use: how bad, and in words."""

    severity: Severity
    outcome: str  # e.g. "botocore raises InvalidRetryModeError when a client is created"


class BooleanParse(str, Enum):
    """How a reader turns text into a boolean."""

    LENIENT = "lenient"  # botocore ensure_boolean: case-insensitive "true", anything else false
    STRICT = "strict"  # case-insensitive "true"/"false"; anything else is refused
    LITERAL = "literal"  # only the exact text "true" (AWS CLI `== 'true'` comparisons)


class Text(NamedTuple):
    """Free text; `max_length` only where a reader reacts to it."""

    max_length: int | None = None
    too_long: Effect | None = None


class Boolean(NamedTuple):
    parse: BooleanParse
    invalid: Effect  # what a value other than true/false does


class Integer(NamedTuple):
    """A whole number as Python's int() reads it (`+5`, `1_000`, surrounding blanks)."""

    not_integer: Effect
    minimum: int | None = None
    maximum: int | None = None
    out_of_range: Effect | None = None


class Choice(NamedTuple):
    choices: tuple[str, ...]
    case_sensitive: bool
    invalid: Effect
    empty_ok: bool = False  # an empty value means "the default" to the reader


class Region(NamedTuple):
    """A region name: botocore checks its shape, and knows the regions of its partitions."""

    invalid: Effect  # botocore.utils.validate_region_name refuses it
    empty: Effect
    unknown: Severity = Severity.WARNING  # well-formed but not in botocore's partitions


class Arn(NamedTuple):
    """An ARN; `service`/`resource` narrow it (an IAM role: "iam", "role/")."""

    invalid: Effect
    service: str | None = None
    resource: str | None = None
    mfa_serial: bool = False  # a hardware MFA serial number is accepted too


class Url(NamedTuple):
    invalid: Effect
    botocore_rules: bool = True  # botocore's is_valid_endpoint_url / is_valid_ipv6_endpoint_url
    https: bool = False  # otherwise: any absolute http(s) URL with a host


class Pattern(NamedTuple):
    """Text that must match `regex` (fully); `code` names the issue when it does not."""

    regex: str
    meaning: str  # what a match is, for messages: "a 12-digit AWS account id"
    invalid: Effect
    code: str = "invalid-format"


class Size(NamedTuple):
    """AWS CLI s3 transfer sizes (`8MB`, `1GiB`, bytes) or, with `rate`, speeds (`10MB/s`)."""

    invalid: Effect
    rate: bool = False


class Path(NamedTuple):
    expanded: bool  # the reader expands `~` and `$VARS` itself
    empty: Effect | None = None


class Command(NamedTuple):
    """A command line split with shlex and run without a shell."""

    invalid: Effect
    empty: Effect


class Reference(NamedTuple):
    """The name of another section: a profile, an [sso-session] or a [services] section."""

    target: Context  # PROFILE, SSO_SESSION or SERVICES
    empty: Effect


class Nested(NamedTuple):
    """A key whose value must be an indented block of sub-keys, read in context `block`."""

    block: Context
    scalar: Effect  # what a plain value written instead of a block does
    empty_scalar_ok: bool = False  # `key =` with nothing under it is harmless


ValueType = (
    Text
    | Boolean
    | Integer
    | Choice
    | Region
    | Arn
    | Url
    | Pattern
    | Size
    | Path
    | Command
    | Reference
    | Nested
)
