"""What the command line is asked to check: files, directories and stdin, read safely.

Reading here never follows a FILE argument into something that is not a regular file (a FIFO
or a device would hang the check) and caps the size, so a wrong argument costs one clear
message, never a hang or a flood.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import kind_from_name

MAX_BYTES = 16 * 1024 * 1024  # far beyond any real AWS file
STDIN = "-"
# Directory names a dotfiles repository gives `~/.aws` (chezmoi: dot_aws, private_dot_aws).
AWS_DIRS = frozenset({".aws", "aws", "dot_aws", "private_dot_aws"})
AWS_NAMES = {"config": FileKind.CONFIG, "credentials": FileKind.CREDENTIALS}
BOTO_NAMES = frozenset({".boto", "boto", "dot_boto", "private_dot_boto", "boto.cfg"})
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"})


@dataclass(frozen=True)
class Unreadable:
    """An argument that cannot be checked, and why in words a user acts on."""

    path: str
    reason: str


@dataclass(frozen=True)
class Target:
    """One file to check: its name as given, where it lies, its kind, its directory group."""

    shown: str
    path: str  # absolute; a virtual "<stdin>" path for `-`
    kind: FileKind
    group: str  # files found in one directory of a tree are paired, as one ~/.aws


def read_bytes(path: str) -> bytes | Unreadable:
    """A regular file's bytes, or why not: missing, a directory, not a file, unreadable, huge."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Unreadable(path, "no such file")
    except NotADirectoryError:
        return Unreadable(path, "no such file (a parent is not a directory)")
    except OSError as e:
        return Unreadable(path, f"cannot read: {e.strerror}")
    if stat.S_ISDIR(info.st_mode):
        return Unreadable(path, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        return Unreadable(path, "not a regular file")
    if info.st_size > MAX_BYTES:
        return Unreadable(path, f"larger than {MAX_BYTES // (1024 * 1024)} MiB, not an AWS file")
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except PermissionError:
        return Unreadable(path, "permission denied")
    except OSError as e:
        return Unreadable(path, f"cannot read: {e.strerror}")


def read_stdin() -> bytes | Unreadable:
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return Unreadable(STDIN, f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
    return data


def aws_kind(relative: str) -> FileKind | None:
    """The kind of an AWS file found inside a directory, by its name alone (None: not one)."""
    parts = relative.replace(os.sep, "/").split("/")
    name = parts[-1].lower()
    if name in BOTO_NAMES:
        return FileKind.BOTO
    if len(parts) > 1 and parts[-2].lower() in AWS_DIRS:
        return AWS_NAMES.get(name)
    return None


def find_in(directory: str) -> list[tuple[str, FileKind]]:
    """The AWS files of a tree (a dotfiles repository), sorted; VCS and venvs skipped."""
    found: list[tuple[str, FileKind]] = []
    directory = directory.rstrip(os.sep) or os.sep
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(files):
            path = os.path.join(root, name)
            kind = aws_kind(os.path.relpath(path, os.path.dirname(directory)))
            if kind is not None and os.path.isfile(path):
                found.append((path, kind))
    return found


def targets(args: list[str], kind: FileKind | None) -> tuple[list[Target], list[str]]:
    """FILE arguments as targets, directories expanded; and the directories holding none."""
    out: list[Target] = []
    empty: list[str] = []
    for arg in args:
        if arg == STDIN:
            out.append(Target("<stdin>", os.path.abspath("<stdin>"), kind or FileKind.CONFIG, ""))
            continue
        path = os.path.abspath(os.path.expanduser(arg))
        if os.path.isdir(path):
            found = find_in(path)
            if not found:
                empty.append(arg)
            for file, file_kind in found:
                shown = os.path.join(arg, os.path.relpath(file, path))
                out.append(Target(shown, file, file_kind, os.path.dirname(file)))
        else:  # a missing or unreadable file is reported when it is read
            out.append(Target(arg, path, kind or kind_from_name(arg), ""))
    return out, empty
