"""How serious a problem is: its own module, so that the command line's options can name the
levels without loading the problems' classes."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFORMATION = "information"
    HINT = "hint"
