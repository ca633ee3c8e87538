"""botocore itself, run on the same bytes: the truth every parse test compares against."""

from __future__ import annotations

import configparser
import os
import tempfile
from typing import Any

from botocore.configloader import load_config, raw_config_parse
from botocore.exceptions import ConfigParseError


def botocore_parse(data: bytes, config_kind: bool) -> dict[str, Any]:
    """What `aws-config-ls parse` must print for these bytes, computed by botocore."""
    fd, path = tempfile.mkstemp(prefix="oracle-", suffix=".ini")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        try:
            result: dict[str, Any] = {"sections": raw_config_parse(path)}
            if config_kind:
                result["config"] = load_config(path)
            return result
        except ConfigParseError as wrapped:
            error = wrapped.kwargs["error"]
            line = getattr(error, "lineno", None)
            if isinstance(error, configparser.ParsingError) and not line:
                line = error.errors[0][0]
            return {
                "error": {
                    "type": type(error).__name__,
                    "line": line,
                    "message": str(error).replace(path, "<path>"),
                }
            }
    finally:
        os.unlink(path)
