"""The kinds of file boto3 reads: each has its own section rules."""

from __future__ import annotations

from enum import Enum


class FileKind(str, Enum):
    """Which of boto3's files a text is; each has its own section rules."""

    CONFIG = "config"
    CREDENTIALS = "credentials"
    BOTO = "boto"
