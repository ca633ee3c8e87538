"""Keep secrets out of logs: mask known secret values and anything shaped like one."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

MASK = "••••••"
SECRET_NAMES = (
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
    "aws_container_authorization_token",
    "gs_secret_access_key",
    "gs_oauth2_refresh_token",
    "azure_default_password",
)
# `name = value`, `"name": "value"`, `name='value'` for any secret-looking name.
_NAMED = re.compile(
    r"(?i)((?:" + "|".join(SECRET_NAMES) + r"|[a-z_]*(?:secret|password|token)[a-z_]*)"
    r"['\"]?\s*[:=]\s*['\"]?)([^'\"\s,}\\]+)"
)
# A 40-character AWS secret access key standing alone.
_SHAPED = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")


def is_secret_variable(name: str) -> bool:
    """An environment variable whose value must never be shown."""
    lowered = name.lower()
    return lowered in SECRET_NAMES or any(w in lowered for w in ("secret", "token", "password"))


class Redactor(logging.Filter):
    """A logging filter that rewrites each record's message with secrets masked."""

    def __init__(self) -> None:
        super().__init__()
        self.known: set[str] = set()

    def remember(self, values: Iterable[str]) -> None:
        self.known.update(v for v in values if len(v) >= 4)

    def redact(self, text: str) -> str:
        for value in sorted(self.known, key=len, reverse=True):
            if value in text:
                text = text.replace(value, MASK)
        text = _NAMED.sub(lambda m: m.group(1) + MASK, text)
        return _SHAPED.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the template only
            message = str(record.msg)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = self.redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True
