"""What counts as a secret, and how one is shown: masked, the last four characters at most.

Every output path (hover, diagnostics, explain, logs) goes through `mask` or `redact`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aws_config_ls.ini.model import Model

# Variables whose values are secrets; every credential value is masked in any output.
SECRET_VARIABLES = frozenset(
    {
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    }
)
# File keys holding credential values (config, credentials, boto and EC2-CLI files).
SECRET_KEYS = frozenset(
    {
        "aws_access_key_id",
        "aws_secret_access_key",
        "aws_session_token",
        "aws_security_token",
        "awsaccesskeyid",
        "awssecretkey",
    }
)


def mask(value: object) -> str:
    """A credential value as it may be shown: the last four characters only."""
    if not isinstance(value, str):
        return "****"
    if value == "":
        return ""
    return "****" + value[-4:] if len(value) >= 8 else "****"


_SECRET_NAMES = (
    r"(aws_access_key_id|aws_secret_access_key|aws_session_token|aws_security_token|"
    r"aws_container_authorization_token|awsaccesskeyid|awssecretkey)"
)
_VALUE = r"([^\s'\"\\,)`]+)"


# `name = value` anywhere; `name: value` (configparser's other delimiter) only at the start
# of a line a message quotes: in prose, `AWS_SECRET_ACCESS_KEY: boto3 raises …` names a
# variable and assigns nothing.
# Compiled on first use: most runs redact nothing, and these cost a start-up a millisecond.
@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    assigned = re.compile(
        r"(?i)"
        + _SECRET_NAMES
        + r"(\s*=\s*)"
        + _VALUE
        + r"|(?<=['\"])(\s*"
        + _SECRET_NAMES[1:-1]
        + r")(\s*:\s*)"
        + _VALUE
    )
    quoted_line = re.compile(r"(?i)('\s*" + _SECRET_NAMES + r"\s+)(?![=:])" + _VALUE)
    return assigned, quoted_line


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` (a botocore or configparser message) with every credential value masked.

    Known values are replaced wherever they appear; a value written after a secret key name
    is masked too, which covers lines quoted from a file botocore refused to parse.
    """
    for value in sorted((v for v in secrets if len(v) >= 4), key=len, reverse=True):
        text = text.replace(value, mask(value))
    # Every name holds "key" or "token", and `(?i)` matches no other letters than lower()
    # turns into theirs (the Kelvin sign's k included): most messages need no pattern.
    lowered = text.lower()
    if "key" not in lowered and "token" not in lowered:
        return text
    assigned, quoted_line = _patterns()
    text = assigned.sub(_mask_assigned, text)
    return quoted_line.sub(lambda m: m.group(1) + mask(m.group(3)), text)


def _mask_assigned(m: re.Match[str]) -> str:
    name, sep, value = m.groups()[:3] if m.group(1) else m.groups()[3:]
    return name + sep + mask(value)


def is_secret_variable(name: str) -> bool:
    return name in SECRET_VARIABLES


def is_secret_key(key: str) -> bool:
    return key.lower() in SECRET_KEYS


def shown(value: object, secret: bool) -> object:
    """A value ready for output: masked when secret, nested blocks masked key by key."""
    if secret:
        return mask(value)
    if isinstance(value, Mapping):
        return {k: (mask(v) if is_secret_key(k) else v) for k, v in value.items()}
    return value


def secret_values(model: Model) -> Iterator[str]:
    """The values of secret keys written in a file (for the log filter to mask)."""
    for section in model.sections:
        for entry in section.node.entries:
            if is_secret_key(entry.key):
                yield model.value(section, entry)
