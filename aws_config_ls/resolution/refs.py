"""Pointers to what causes a fact or an error, and the error botocore would raise.

A `Cause` names the one thing a user would edit: an entry of a file, an environment variable,
an argument passed to `Session(...)`, or a whole file. The checks layer turns an `EntryRef`
into a located problem with `FileView.locate`.
"""

from __future__ import annotations

from typing import Any

from aws_config_ls.catalogue.facts import facts
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.records import NamedTuple


class EntryRef(NamedTuple):
    """An entry (or, with key None, a section header) of one file."""

    path: str
    kind: FileKind
    section: str  # the section name as written in the file ("profile dev", "default")
    key: str | None = None


class VariableRef(NamedTuple):
    name: str


class ParameterRef(NamedTuple):
    """An argument of `Session(...)`: profile_name, region_name, aws_access_key_id."""

    name: str


class FileRef(NamedTuple):
    path: str
    kind: FileKind | None  # None: the AWS_CREDENTIAL_FILE key=value file


Cause = EntryRef | VariableRef | ParameterRef | FileRef


def botocore_message(type_name: str, /, **kwargs: Any) -> str:
    """The message botocore's exception class formats from these arguments (pure: no I/O).

    From the class's format string in botocore's facts when it has one (importing botocore
    costs `check` a sixth of its start), else from the class itself.
    """
    fmt = facts().error_formats.get(type_name)
    if fmt is not None:
        return fmt.format(**kwargs)  # exceptions.py BotoCoreError.__init__
    import botocore.exceptions

    cls = getattr(botocore.exceptions, type_name)
    return str(cls(**kwargs))


class BotoError(NamedTuple):
    """An exception botocore would raise: class name, exact message, and what causes it."""

    type: str
    message: str
    cause: Cause | None = None


class Raised(Exception):
    """Carries a `BotoError` out of the simulated call stack, as botocore's raise does."""

    def __init__(self, error: BotoError) -> None:
        super().__init__(error.message)
        self.error = error


def raise_boto(type_name: str, cause: Cause | None, /, **kwargs: Any) -> Raised:
    return Raised(BotoError(type_name, botocore_message(type_name, **kwargs), cause))


def raise_python(exc: BaseException, cause: Cause | None) -> Raised:
    """A plain Python exception botocore lets through (ValueError from int(), KeyError ...)."""
    return Raised(BotoError(type(exc).__name__, str(exc), cause))
