"""Keep secrets out of logs: a logging filter over every record the server writes."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from aws_config_ls.catalogue.secrets import redact

# Secret-looking names beyond the credential keys (`"password": "x"`, `token=x`) …
_NAMED = re.compile(
    r"(?i)([a-z_]*(?:secret|password|token)[a-z_]*['\"]?\s*[:=]\s*['\"]?)([^'\"\s,}\\]+)"
)
# … and a 40-character AWS secret access key standing alone.
_SHAPED = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")


class Redactor(logging.Filter):
    """Rewrites each record's message with known secrets and secret-shaped text masked."""

    def __init__(self) -> None:
        super().__init__()
        self.known: set[str] = set()

    def remember(self, values: Iterable[str]) -> None:
        self.known.update(v for v in values if len(v) >= 4)

    def redact(self, text: str) -> str:
        text = redact(text, self.known)
        text = _NAMED.sub(lambda m: m.group(1) + "****", text)
        return _SHAPED.sub("****", text)

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
