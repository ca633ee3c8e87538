"""Value validation: what boto3 (or the tool that reads the key) will do with a value.

`check_value` is pure: one setting, one value (exactly as configparser returns it, already
stripped), a list of issues. A secret's value never appears in a message.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from urllib.parse import urlsplit

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.effects import AT_STS
from aws_config_ls.catalogue.facts import facts
from aws_config_ls.catalogue.known_key import KnownKey
from aws_config_ls.catalogue.nearest import nearest
from aws_config_ls.catalogue.secrets import redact
from aws_config_ls.catalogue.valuetypes import (
    Arn,
    Boolean,
    BooleanParse,
    Choice,
    Command,
    Effect,
    Integer,
    Nested,
    Path,
    Pattern,
    Reference,
    Region,
    Size,
    Text,
    Url,
    ValueType,
)
from aws_config_ls.ini.problems import RANK, Severity
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.syntax import INLINE_COMMENT

# botocore.utils.validate_region_name: a host label, not all digits.
REGION_SHAPE = re.compile(r"^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{,63}(?<!-)$")
# awscli.customizations.s3.utils.SIZE_SUFFIX
SIZE_SUFFIX = {
    "kb": 1024,
    "mb": 1024**2,
    "gb": 1024**3,
    "tb": 1024**4,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
    "tib": 1024**4,
}
# botocore's bundled STS model, serialNumberType: min 9, max 256, pattern [\w+=/:,.@-]*
MFA_SERIAL = re.compile(r"[\w+=/:,.@-]*")
# Text left for someone to fill in: <…>, {{ … }}, {% … %}, ${…}, {name}, a run of X or n
# (XXXX, xxx, nnnnnnnnnnnn), YOUR… (YOURACCESSKEY, YOUR_ACCESS_KEY), CHANGEME, REPLACE_ME.
# (Not 000000000000: LocalStack's account id.) In a command or a path, `${VAR}` is the shell's.
PLACEHOLDER = re.compile(
    r"<[^<>]+>|\{\{.*?\}\}|\{%.*?%\}|(?<!\$)\{[A-Za-z_][\w.-]*\}|\$\{[^}]*\}"
    r"|(?<![A-Za-z0-9])(?:[Xx]{3,}|[Nn]{6,})(?![A-Za-z0-9])"
    r"|(?i:(?<![a-z0-9])your[_-]?[a-z][a-z_-]*|change[_-]?me|replace[_-]?me)"
)
# Markers that replace a value in a file shared publicly: #REMOVED#, ***, [REDACTED].
REDACTED = re.compile(r"#+[A-Za-z_ -]+#+|\*{3,}|\[?(?i:redacted|removed|hidden)\]?")
# AWS's documentation examples: the access key pair and account ids of the guides. Reported
# only in a file that otherwise holds real-looking values (a sample file is all examples).
DOC_EXAMPLE = re.compile(
    r"(?<![A-Za-z0-9])(?:AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    r"|123456789012|111122223333|444455556666|777788889999)(?![A-Za-z0-9])"
)
# IAM user, role and MFA device names and paths (IAM API: [\w+=,.@-]+, paths of them and /).
IAM_RESOURCE = re.compile(r"[\w+=,.@/:-]+")
# Shell syntax botocore passes to the program as literal arguments (no shell runs it).
SHELL_TOKENS = frozenset({"|", "||", "&&", "&", ";", ">", ">>", "<", "2>", "2>&1", "&>"})
SHELL_TEXT = re.compile(r"\$\(|`|\$\{?[A-Za-z_]|^~|^[0-9]?>>?|^\||&&|;$")
# `sh -c "… | …"` hands the text to a shell, which does expand it.
SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "fish", "pwsh", "powershell", "cmd"})
TRUTHY = {"yes", "y", "on", "1", "enabled", "enable", "t"}
FALSY = {"no", "n", "off", "0", "disabled", "disable", "f"}
PREFIXES = {
    Context.PROFILE: "profile ",
    Context.SSO_SESSION: "sso-session ",
    Context.SERVICES: "services ",
}
W = Severity.WARNING


class ValueIssue(NamedTuple):
    """A problem with a value. `code` is stable; `suggestion` is a replacement value."""

    code: str
    severity: Severity
    message: str
    suggestion: str | None = None


class ValueCode(NamedTuple):
    """A value code: reported as a warning unless its use says otherwise (`check_value`), and
    documented with a minimal example and its correction (tests run each). The fields of a
    `Code`, then its own."""

    severity: Severity
    summary: str
    context: Context
    key: str
    bad: str  # a value of `key` that has the issue
    good: str  # one that does not
    example: str = ""  # as `Code`'s


VALUE_CODES: Mapping[str, ValueCode] = MappingProxyType(
    {
        "invalid-choice": ValueCode(
            W,
            "The value is not one the key accepts.",
            Context.PROFILE,
            "retry_mode",
            "fast",
            "standard",
        ),
        "wrong-case": ValueCode(
            W,
            "The value is right but for its case, and its reader compares exactly.",
            Context.PROFILE,
            "credential_source",
            "environment",
            "Environment",
        ),
        "not-a-boolean": ValueCode(
            W,
            "Not true or false; botocore reads anything but `true` as false.",
            Context.PROFILE,
            "use_fips_endpoint",
            "yes",
            "true",
        ),
        "not-an-integer": ValueCode(
            W, "Not a whole number.", Context.PROFILE, "max_attempts", "three", "3"
        ),
        "out-of-range": ValueCode(
            W,
            "A whole number outside the range the reader allows.",
            Context.PROFILE,
            "max_attempts",
            "0",
            "3",
        ),
        "invalid-size": ValueCode(
            W,
            "Not a size (8MB, 1GiB, bytes) or rate (10MB/s) the AWS CLI understands.",
            Context.S3,
            "multipart_chunksize",
            "64M",
            "64MB",
        ),
        "invalid-region": ValueCode(
            W,
            "Not shaped like a region: botocore refuses it.",
            Context.PROFILE,
            "region",
            "us east 1",
            "us-east-1",
        ),
        "unknown-region": ValueCode(
            W,
            "Shaped like a region, but not one of botocore's partitions.",
            Context.PROFILE,
            "region",
            "us-east-9",
            "us-east-1",
        ),
        "invalid-arn": ValueCode(
            W,
            "Not a well-formed ARN (or, for mfa_serial, hardware serial).",
            Context.PROFILE,
            "role_arn",
            "arn:aws:iam::role/admin",
            "arn:aws:iam::123456789012:role/admin",
        ),
        "wrong-arn-type": ValueCode(
            W,
            "A well-formed ARN of the wrong kind of resource.",
            Context.PROFILE,
            "role_arn",
            "arn:aws:iam::123456789012:user/admin",
            "arn:aws:iam::123456789012:role/admin",
        ),
        "invalid-url": ValueCode(
            W,
            "Not a URL its reader accepts.",
            Context.PROFILE,
            "endpoint_url",
            "localhost:4566",
            "http://localhost:4566",
        ),
        "invalid-account-id": ValueCode(
            W,
            "Not a 12-digit AWS account id.",
            Context.PROFILE,
            "sso_account_id",
            "1234-5678-9012",
            "123456789012",
        ),
        "invalid-format": ValueCode(
            W,
            "Does not have the form the key requires.",
            Context.PROFILE,
            "role_session_name",
            "my session",
            "my-session",
        ),
        "empty-value": ValueCode(
            W,
            "Present but empty, where the reader then fails.",
            Context.PROFILE,
            "region",
            "",
            "eu-west-1",
        ),
        "too-long": ValueCode(
            W,
            "Longer than its reader allows.",
            Context.PROFILE,
            "sdk_ua_app_id",
            "a" * 51,
            "my-app",
        ),
        "invalid-command": ValueCode(
            W,
            "A command line shlex cannot split.",
            Context.PROFILE,
            "credential_process",
            '"/opt/creds --profile dev',
            '"/opt/creds" --profile dev',
        ),
        "unexpanded-path": ValueCode(
            W,
            "Uses ~ or an environment variable where the reader does not expand them.",
            Context.PROFILE,
            "web_identity_token_file",
            "~/token",
            "/var/run/secrets/token",
        ),
        "prefixed-reference": ValueCode(
            W,
            "Names a section with its header prefix (`profile dev`) instead of its bare name.",
            Context.PROFILE,
            "source_profile",
            "profile dev",
            "dev",
        ),
        "block-expected": ValueCode(
            W,
            "A plain value where an indented block of sub-keys belongs.",
            Context.PROFILE,
            "s3",
            "path",
            "",
        ),
        "shell-syntax": ValueCode(
            W,
            "Shell syntax (|, &&, >, $(…), ~, $VAR) in a command botocore runs without a shell.",
            Context.PROFILE,
            "credential_process",
            "cat /tmp/creds.json | jq .",
            "/opt/bin/print-creds --profile dev",
        ),
        "placeholder": ValueCode(
            W,
            "A placeholder (<…>, {{ … }}, ${…}, {name}, XXXX, YOUR_KEY …) never filled in.",
            Context.PROFILE,
            "role_arn",
            "arn:aws:iam::<account-id>:role/admin",
            "arn:aws:iam::123456789012:role/admin",
        ),
        "comment-in-value": ValueCode(
            W,
            "A trailing `# …` or `; …` comment, which botocore keeps as part of the value.",
            Context.PROFILE,
            "region",
            "us-east-1 # prod",
            "us-east-1",
        ),
        "quoted-value": ValueCode(
            W,
            "A value in quotes, which botocore keeps as part of the value.",
            Context.PROFILE,
            "region",
            '"us-east-1"',
            "us-east-1",
        ),
    }
)


def check_value(setting: KnownKey, value: str, real_file: bool = False) -> list[ValueIssue]:
    """The issues of `value` for `setting`: none when its reader uses it as intended.

    For a setting whose value is a block (`s3 =`), pass the plain text written instead of one.
    `real_file`: the file otherwise holds real-looking account ids or keys, so AWS's
    documentation examples in it are leftovers too.
    """
    issues = _check(setting, value)
    floor = Severity.INFORMATION if setting.third_party else Severity.WARNING
    # Digits alone (an account id, a number) hold no placeholder, quotes or comment: a
    # file's unique values are mostly such, each checked once.
    for detect in () if value.isdigit() else (_placeholder, _quoted, _inline_comment):
        found = detect(setting, value, issues, floor)
        if found is not None:
            return [found]
    if real_file and not issues and not setting.third_party:
        example = _doc_example(setting, value, floor)
        if example is not None:
            return [example]
    return issues


def _worst(severities: Iterable[Severity]) -> Severity:
    return max(severities, key=RANK.__getitem__)


def _least(*severities: Severity) -> Severity:
    return min(severities, key=RANK.__getitem__)


# -- the checks of each value type -----------------------------------------------------------


def _check(setting: KnownKey, value: str) -> list[ValueIssue]:
    t = setting.value_type
    v = setting.shown(value)
    if value == "" and not isinstance(t, Url | Nested):
        empty = _empty_effect(t)
        return [] if empty is None else [_issue("empty-value", empty, "The value is empty")]
    match t:
        case Text():
            return _text(t, value)
        case Boolean():
            return _boolean(t, v, value)
        case Integer():
            return _integer(t, v, value)
        case Choice():
            return _choice(t, v, value)
        case Region():
            return _region(t, v, value)
        case Arn():
            return _arn(t, v, value)
        case Url():
            return _url(t, v, value)
        case Pattern():
            return _pattern(t, v, value)
        case Size():
            return _size(t, v, value)
        case Path():
            return _path(t, v, value)
        case Command():
            return _command(t, v, value)
        case Reference():
            return _reference(t, v, value)
        case Nested():
            return _nested(t, setting.key, value)


def _empty_effect(t: ValueType) -> Effect | None:
    if isinstance(t, Path):
        return t.empty
    if isinstance(t, Choice):
        return None if t.empty_ok else t.invalid
    if isinstance(t, Integer):
        return t.not_integer
    if isinstance(t, Region | Reference | Command):
        return t.empty
    if isinstance(t, Boolean | Arn | Pattern | Size):
        return t.invalid
    return None


def _text(t: Text, value: str) -> list[ValueIssue]:
    if t.max_length is not None and t.too_long is not None and len(value) > t.max_length:
        return [
            _issue(
                "too-long",
                t.too_long,
                f"The value has {len(value)} characters, more than {t.max_length}",
            )
        ]
    return []


def _boolean(t: Boolean, v: str, value: str) -> list[ValueIssue]:
    folded = value.lower()
    if folded in ("true", "false"):
        if t.parse is not BooleanParse.LITERAL or value == folded:
            return []
        return [_issue("wrong-case", t.invalid, f"`{v}` must be written `{folded}`", folded)]
    guess = "true" if folded in TRUTHY else "false" if folded in FALSY else None
    return [_issue("not-a-boolean", t.invalid, f"`{v}` is neither true nor false", guess)]


def _integer(t: Integer, v: str, value: str) -> list[ValueIssue]:
    try:
        number = int(value)
    except ValueError:
        return [_issue("not-an-integer", t.not_integer, f"`{v}` is not a whole number")]
    if t.out_of_range is None:
        return []
    if t.minimum is not None and number < t.minimum:
        problem = f"{number} is less than {t.minimum}"
    elif t.maximum is not None and number > t.maximum:
        problem = f"{number} is more than {t.maximum}"
    else:
        return []
    return [_issue("out-of-range", t.out_of_range, problem)]


def _choice(t: Choice, v: str, value: str) -> list[ValueIssue]:
    if value in t.choices or (not t.case_sensitive and value.lower() in _folded(t.choices)):
        return []
    choices = ", ".join(t.choices)
    right_case = _folded(t.choices).get(value.lower())
    if right_case is not None:
        problem = f"`{v}` must be written `{right_case}` (case matters)"
        return [_issue("wrong-case", t.invalid, problem, right_case)]
    guess = _repair(value, lambda c: c in t.choices, t.choices)
    return [_issue("invalid-choice", t.invalid, f"`{v}` is not one of {choices}", guess)]


def _region(t: Region, v: str, value: str) -> list[ValueIssue]:
    known = facts().regions
    if not REGION_SHAPE.match(value):
        guess = _repair(value, known.__contains__, known, value.lower().replace(" ", "-"))
        return [_issue("invalid-region", t.invalid, f"`{v}` is not shaped like a region", guess)]
    if value in known:
        return []
    partition = next((p for p, rx in facts().region_patterns.items() if re.match(rx, value)), None)
    looks = f"; it looks like a new {partition} region" if partition else ""
    squashed = re.sub(r"[-_ ]", "", value.lower())
    guess = next((r for r in known if r.replace("-", "") == squashed), None)
    if guess is None:
        close = _repair(value, known.__contains__, known)
        # another number is another region, not a typo
        guess = close if close is not None and _letters(close) != _letters(value) else None
    effect = Effect(
        t.unknown,
        "boto3 builds endpoint names for it anyway, and requests fail if the region does not exist",
    )
    problem = f"botocore {facts().botocore_version} knows no region `{v}`{looks}"
    return [_issue("unknown-region", effect, problem, guess)]


def _arn(t: Arn, v: str, value: str) -> list[ValueIssue]:
    if t.mfa_serial:
        return _mfa_serial(t, v, value)
    parts = value.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn" or not all(parts[i] for i in (1, 2, 5)):
        return [_issue("invalid-arn", t.invalid, f"`{v}` is not an ARN (arn:partition:service:…)")]
    _, partition, service, region, account, resource = parts
    if partition not in facts().region_patterns:
        return [_issue("invalid-arn", t.invalid, f"`{partition}` is not an AWS partition")]
    if service == "iam" and (region or not re.fullmatch(r"\d{12}", account)):
        problem = f"`{v}` is not an IAM ARN: no region, then a 12-digit account id"
        return [_issue("invalid-arn", t.invalid, problem)]
    if service == "iam" and not IAM_RESOURCE.fullmatch(resource):
        problem = f"`{v}` names an IAM resource with characters IAM names cannot hold"
        return [_issue("invalid-arn", t.invalid, problem)]
    if (t.service and service != t.service) or (t.resource and not resource.startswith(t.resource)):
        wanted = f"{t.service or service}:…:{t.resource or ''}…"
        return [_issue("wrong-arn-type", t.invalid, f"`{v}` is not an ARN of the form {wanted}")]
    return []


def _mfa_serial(t: Arn, v: str, value: str) -> list[ValueIssue]:
    """What STS's model says of SerialNumber (botocore checks the length, STS the pattern);
    any other slip is a warning: STS takes the text and finds no device by it."""
    if len(value) < 9:
        effect = Effect(
            Severity.ERROR, "botocore refuses the parameter (ParamValidationError) " + AT_STS
        )
        return [_issue("invalid-arn", effect, f"`{v}` is shorter than 9 characters")]
    if len(value) > 256 or not MFA_SERIAL.fullmatch(value):
        return [_issue("invalid-arn", t.invalid, f"`{v}` has characters or a length STS refuses")]
    no_device = Effect(
        Severity.WARNING,
        "STS accepts the text but no MFA device answers to it, so AssumeRole fails",
    )
    if not value.startswith("arn:"):
        if ":" in value:
            problem = f"`{v}` looks like a mistyped ARN (it does not start with `arn:`)"
            guess = "arn:" + value.split(":", 1)[1] if value.count(":") >= 5 else None
            return [_issue("invalid-arn", no_device, problem, guess)]
        return []  # a hardware device's serial number
    return _arn(Arn(no_device, service="iam", resource="mfa/"), v, value)


def _url(t: Url, v: str, value: str) -> list[ValueIssue]:
    if value == "" or _valid_url(t, value):
        return []
    host = value.split("/")[0].split(":")[0]
    scheme = "http://" if host in ("localhost", "127.0.0.1") and not t.https else "https://"
    guess = scheme + value if "://" not in value and _valid_url(t, scheme + value) else None
    return [_issue("invalid-url", t.invalid, f"`{v}` is not a valid URL here", guess)]


def _valid_url(t: Url, value: str) -> bool:
    try:
        if not t.botocore_rules:
            parts = urlsplit(value)
            schemes = ("https",) if t.https else ("http", "https")
            return parts.scheme in schemes and bool(parts.hostname)
        from botocore.utils import is_valid_endpoint_url, is_valid_ipv6_endpoint_url

        return bool(is_valid_endpoint_url(value) or is_valid_ipv6_endpoint_url(value))
    except ValueError:  # urlsplit refuses it outright ("Invalid IPv6 URL")
        return False


def _pattern(t: Pattern, v: str, value: str) -> list[ValueIssue]:
    compiled = _REGEXES.get(t.regex)
    if compiled is None:  # re's own cache is looked up by a key tuple on every call
        compiled = _REGEXES[t.regex] = re.compile(t.regex)
    if compiled.fullmatch(value):
        return []
    compact = re.sub(r"[\s-]", "", value)
    guess = compact if t.code == "invalid-account-id" and re.fullmatch(t.regex, compact) else None
    return [_issue(t.code, t.invalid, f"`{v}` is not {t.meaning}", guess)]


_REGEXES: dict[str, re.Pattern[str]] = {}


def _size(t: Size, v: str, value: str) -> list[ValueIssue]:
    parse = _rate if t.rate else _bytes
    if (parse(value) or 0) > 0:
        return []
    kind = "a positive rate (bytes per second, 10MB/s, 800Kb/s)" if t.rate else "a positive size"
    endings = ("/s", "B/s") if t.rate else ("B",)
    guess = next((value + e for e in endings if (parse(value + e) or 0) > 0), None)
    return [_issue("invalid-size", t.invalid, f"`{v}` is not {kind}", guess)]


def _bytes(value: str) -> int | None:
    """awscli human_readable_to_int: 10, 10MB, 1GiB (suffix case-insensitive)."""
    folded = value.lower()
    suffix = folded[-3:] if folded[-2:] == "ib" else folded[-2:]
    try:
        if len(folded) >= 2 and suffix in SIZE_SUFFIX:
            return int(folded[: -len(suffix)]) * SIZE_SUFFIX[suffix]
        return int(folded)
    except ValueError:
        return None


def _rate(value: str) -> int | None:
    """awscli RuntimeConfig._convert_human_readable_rates: 1024, 10MB/s, 800Kb/s."""
    if value.endswith(("B/s", "b/s")):
        amount = _bytes(value[:-3]) if _is_int(value[:-3]) else _bytes(value[:-2])
        if amount is None or value.endswith("B/s"):
            return amount
        return amount // 8
    return int(value) if _is_int(value) else None


def _is_int(value: str) -> bool:
    try:
        int(value)
    except ValueError:
        return False
    return True


def _path(t: Path, v: str, value: str) -> list[ValueIssue]:
    if t.expanded or not _unexpanded(value):
        return []
    return [_unexpanded_issue(v)]


def _command(t: Command, v: str, value: str) -> list[ValueIssue]:
    try:
        argv = shlex.split(value)
    except ValueError as error:
        problem = f"`{v}` cannot be split into a command line ({error})"
        return [_issue("invalid-command", t.invalid, problem)]
    if argv and _unexpanded(argv[0]):
        return [_unexpanded_issue(argv[0], "runs it without a shell")]
    if _runs_a_shell(argv):
        return []
    shell = [a for a in argv[1:] if a in SHELL_TOKENS or SHELL_TEXT.search(a)]
    if argv and SHELL_TEXT.search(argv[0]):
        shell.insert(0, argv[0])
    if not shell:
        return []
    shown = ", ".join(f"`{a}`" for a in shell[:3])
    args = redact(", ".join(repr(a) for a in argv[:8]), ()) + (", …" if len(argv) > 8 else "")
    one = len(shell) == 1
    effect = Effect(
        Severity.WARNING,
        "botocore runs the command without a shell (shlex split, subprocess.Popen), so the "
        f"program gets {'it as a literal argument' if one else 'them as literal arguments'}: "
        f"argv = [{args}]",
    )
    return [_issue("shell-syntax", effect, f"{shown} {'is' if one else 'are'} shell syntax")]


def _runs_a_shell(argv: list[str]) -> bool:
    program = re.split(r"[/\\]", argv[0])[-1].lower().removesuffix(".exe") if argv else ""
    return program in SHELLS and any(a.lower() in ("-c", "/c", "-command") for a in argv[1:])


def _reference(t: Reference, v: str, value: str) -> list[ValueIssue]:
    prefix = PREFIXES.get(t.target, "")
    if not value.startswith(prefix) or not value[len(prefix) :].strip():
        return []
    bare = value[len(prefix) :].strip()
    severity = _least(Severity.WARNING, t.empty.severity)
    effect = Effect(severity, f"the name looked up is `{v}`, not `{bare}`")
    problem = f"`{v}` repeats the `{prefix.strip()}` of the section header"
    return [_issue("prefixed-reference", effect, problem, bare)]


def _nested(t: Nested, key: str, value: str) -> list[ValueIssue]:
    if value == "" and t.empty_scalar_ok:
        return []
    problem = f"`{key} =` needs an indented block of sub-keys on the lines below, not a value"
    return [_issue("block-expected", t.scalar, problem)]


# -- mistakes of any value: placeholders, quotes, inline comments ----------------------------


def _placeholder(
    setting: KnownKey, value: str, issues: list[ValueIssue], floor: Severity
) -> ValueIssue | None:
    if REDACTED.fullmatch(value):
        # A value blanked out before the file was shared: nothing else about it is known.
        what = "" if setting.secret else f" `{value}`"
        message = f"The value is a redaction marker{what}; boto3 would use the marker as written."
        return ValueIssue("placeholder", Severity.INFORMATION, message)
    match = PLACEHOLDER.search(value)
    if match is not None and match.group().startswith("${") and _expanding(setting):
        match = PLACEHOLDER.search(value, match.end())
    if match is None:
        return None
    what = "" if setting.secret else f" (`{match.group()}`)"
    message = f"The value holds a placeholder{what} that was never filled in"
    return _merged("placeholder", message, issues, floor, None)


def _expanding(setting: KnownKey) -> bool:
    """A command or a path, where `${VAR}` is an expansion, reported as such, not a template."""
    return isinstance(setting.value_type, Command | Path)


def _doc_example(setting: KnownKey, value: str, floor: Severity) -> ValueIssue | None:
    match = DOC_EXAMPLE.search(value)
    if match is None:
        return None
    what = "" if setting.secret else f" (`{match.group()}`)"
    message = (
        f"The value holds an example from AWS's documentation{what}, in a file whose other "
        "values look real: it names no account or key of yours."
    )
    return ValueIssue("placeholder", floor, message)


def _quoted(
    setting: KnownKey, value: str, issues: list[ValueIssue], floor: Severity
) -> ValueIssue | None:
    if isinstance(setting.value_type, Command) or len(value) < 2:
        return None
    if value[0] != value[-1] or value[0] not in "\"'":
        return None
    bare = value[1:-1]
    message = "botocore keeps the quotes as part of the value"
    return _merged("quoted-value", message, issues, floor, _fixed(setting, bare))


def _inline_comment(
    setting: KnownKey, value: str, issues: list[ValueIssue], floor: Severity
) -> ValueIssue | None:
    match = INLINE_COMMENT.search(value)
    if match is None:
        return None
    bare = value[: match.start()].rstrip()
    comment = "" if setting.secret else f" (`{value[match.start() :].strip()}`)"
    message = f"botocore keeps the trailing comment{comment} as part of the value"
    return _merged("comment-in-value", message, issues, floor, _fixed(setting, bare))


def _merged(
    code: str, message: str, issues: list[ValueIssue], floor: Severity, suggestion: str | None
) -> ValueIssue:
    """One issue for a slip and whatever it breaks: the worst severity, both explanations."""
    severity = _worst([floor, *(i.severity for i in issues)])
    detail = f"; {issues[0].message}" if issues else "."
    return ValueIssue(code, severity, message + detail, suggestion)


def _fixed(setting: KnownKey, repaired: str) -> str | None:
    """`repaired` as a suggestion, if it passes the checks (and the setting is not secret)."""
    if setting.secret or not repaired or _check(setting, repaired):
        return None
    return repaired


# -- shared helpers ---------------------------------------------------------------------------


def _issue(code: str, effect: Effect, problem: str, suggestion: str | None = None) -> ValueIssue:
    return ValueIssue(code, effect.severity, f"{problem}: {effect.outcome}.", suggestion)


def _unexpanded(value: str) -> bool:
    return value.startswith("~") or "$" in value or re.search(r"%\w+%", value) is not None


def _unexpanded_issue(v: str, how: str = "opens it as written") -> ValueIssue:
    effect = Effect(Severity.WARNING, f"botocore does not expand `~` or variables here and {how}")
    return _issue("unexpanded-path", effect, f"`{v}` relies on expansion")


def _letters(value: str) -> str:
    return re.sub(r"[^a-z]", "", value.lower())


def _folded(choices: Iterable[str]) -> dict[str, str]:
    return {c.lower(): c for c in choices}


def _repair(
    value: str,
    valid: Callable[[str], bool],
    vocabulary: Iterable[str],
    *extra: str,
) -> str | None:
    """A plausible intended value: a case fix, then the nearest known word."""
    for candidate in (*extra, value.lower()):
        if candidate != value and valid(candidate):
            return candidate
    return nearest(value, vocabulary)
