"""Bytes to text as configparser reads a file: the locale encoding, chunk by chunk.

`open(path)` in text mode decodes 8 KiB chunks; configparser acts on each line as it comes,
so an error it raises on an early line beats a decoding error in a later chunk. We replay the
same reader over the bytes to learn how many lines configparser saw before the decoder failed.
"""

from __future__ import annotations

import io
import locale

from aws_config_ls.ini.records import NamedTuple


class Decoded(NamedTuple):
    """The text (undecodable bytes kept as surrogate escapes, so nothing is lost)."""

    text: str
    encoding: str
    error: UnicodeDecodeError | None = None
    error_line: int = 0  # 0-based line holding the first undecodable byte
    error_col: int = 0
    lines_read: int = 0  # lines configparser finished before the decoder raised


def locale_encoding() -> str:
    """What `open()` without an encoding uses, as configparser.read does."""
    return locale.getpreferredencoding(False)


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    encoding = encoding or locale_encoding()
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as whole:
        first_bad, fallback = whole.start, whole
    except LookupError:  # an encoding Python does not know: read as UTF-8
        return decode(data, "utf-8")
    text = data.decode(encoding, errors="surrogateescape")
    reader = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=None)
    lines_read = 0
    error: UnicodeDecodeError | None = None
    try:
        for _ in reader:
            lines_read += 1
    except UnicodeDecodeError as raised:
        error = raised
    prefix = data[:first_bad].decode(encoding, errors="surrogateescape")
    line = prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n")
    col = len(prefix) - max(prefix.rfind("\n"), prefix.rfind("\r")) - 1
    return Decoded(text, encoding, error or fallback, line, col, lines_read)
