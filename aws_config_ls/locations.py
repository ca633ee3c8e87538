"""Where boto3 looks for its files in an environment, and which kind a file is."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from aws_config_ls.kinds import FileKind


def expand(path: str) -> str:
    """botocore's expansion of a configured path (configloader.raw_config_parse)."""
    return os.path.expanduser(os.path.expandvars(path))


def normalized(path: str) -> str:
    """An expanded, absolute path: the key under which a file is known."""
    return os.path.abspath(expand(path))


@dataclass(frozen=True)
class Locations:
    """Where boto3 looks, given an environment (configprovider / credentials.BotoProvider)."""

    config: str
    credentials: str
    boto: tuple[str, ...]

    @staticmethod
    def of(env: Mapping[str, str]) -> Locations:
        boto = (env["BOTO_CONFIG"],) if env.get("BOTO_CONFIG") else ("/etc/boto.cfg", "~/.boto")
        return Locations(
            normalized(env.get("AWS_CONFIG_FILE") or "~/.aws/config"),
            normalized(env.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials"),
            tuple(normalized(p) for p in boto),
        )

    def kind_of(self, path: str) -> FileKind | None:
        path = normalized(path)
        if path == self.config:
            return FileKind.CONFIG
        if path == self.credentials:
            return FileKind.CREDENTIALS
        if path in self.boto:
            return FileKind.BOTO
        return None

    def all(self) -> list[tuple[str, FileKind]]:
        return [
            (self.config, FileKind.CONFIG),
            (self.credentials, FileKind.CREDENTIALS),
            *((p, FileKind.BOTO) for p in self.boto),
        ]


def kind_from_name(path: str) -> FileKind:
    """The kind a file name suggests when no variable names it: config by default."""
    name = os.path.basename(path).lower()
    if "credentials" in name:
        return FileKind.CREDENTIALS
    if name in (".boto", "boto.cfg", "boto") or name.endswith(".boto"):
        return FileKind.BOTO
    return FileKind.CONFIG


def kind_of(path: str, env: Mapping[str, str]) -> FileKind:
    """The kind of a file: what an AWS_* / BOTO_CONFIG variable says, else its name."""
    return Locations.of(env).kind_of(path) or kind_from_name(path)


# Languages editors give AWS files when no extension claims them.
GENERIC_LANGUAGES = frozenset({"ini", "plaintext", "properties", "dosini", "conf", ""})


def looks_like_aws(path: str) -> bool:
    """`.aws/config`, `.aws/credentials`, `.boto`, `boto.cfg`: names AWS tools use."""
    parts = path.replace("\\", "/").split("/")
    name = parts[-1].lower()
    return (len(parts) > 1 and parts[-2] == ".aws" and name in ("config", "credentials")) or (
        name in (".boto", "boto.cfg")
    )
