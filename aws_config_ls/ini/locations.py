"""Paths as botocore expands them, and which kind of AWS file a name suggests."""

from __future__ import annotations

import os

from aws_config_ls.ini.kinds import FileKind


def expand(path: str) -> str:
    """botocore's expansion of a configured path (configloader.raw_config_parse)."""
    return os.path.expanduser(os.path.expandvars(path))


def normalized(path: str) -> str:
    """An expanded, absolute path: the key under which a file is known."""
    return os.path.abspath(expand(path))


def same_path(a: str, b: str) -> bool:
    """Whether two absolute paths name one file (through symlinks, in the platform's case)."""
    return a == b or os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def kind_from_name(path: str) -> FileKind:
    """The kind a file name suggests when no variable names it: config by default."""
    name = os.path.basename(path).lower()
    if "credentials" in name:
        return FileKind.CREDENTIALS
    if name in (".boto", "boto.cfg", "boto") or name.endswith(".boto"):
        return FileKind.BOTO
    return FileKind.CONFIG


# Languages editors give AWS files when no extension claims them.
GENERIC_LANGUAGES = frozenset({"ini", "plaintext", "properties", "dosini", "conf", ""})


def looks_like_aws(path: str) -> bool:
    """`.aws/config`, `.aws/credentials`, `.boto`, `boto.cfg`: names AWS tools use."""
    parts = path.replace("\\", "/").split("/")
    name = parts[-1].lower()
    return (len(parts) > 1 and parts[-2] == ".aws" and name in ("config", "credentials")) or (
        name in (".boto", "boto.cfg")
    )
