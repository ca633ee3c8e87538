"""What the command line is asked to check: files, directories and stdin, read safely.

Every FILE goes through `ini/safe_read` (regular files only, size capped), so a wrong argument
costs one clear message, never a hang or a flood.
"""

from __future__ import annotations

import errno
import os
import sys

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import kind_from_name
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.safe_read import read_whole

MAX_BYTES = 16 * 1024 * 1024  # far beyond any real AWS file
STDIN = "-"
# Directory names a dotfiles repository gives `~/.aws` (chezmoi: dot_aws, private_dot_aws).
AWS_DIRS = frozenset({".aws", "aws", "dot_aws", "private_dot_aws"})
AWS_NAMES = {"config": FileKind.CONFIG, "credentials": FileKind.CREDENTIALS}
BOTO_NAMES = frozenset({".boto", "boto", "dot_boto", "private_dot_boto", "boto.cfg"})
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"})


class Unreadable(NamedTuple):
    """An argument that cannot be checked, and why in words a user acts on."""

    path: str
    reason: str


class Target(NamedTuple):
    """One file to check: its name as given, where it lies, its kind, its directory group."""

    shown: str
    path: str  # absolute; a virtual "<stdin>" path for `-`
    kind: FileKind
    group: str  # files found in one directory of a tree are paired, as one ~/.aws


def read_bytes(path: str) -> bytes | Unreadable:
    """A regular file's bytes, or why not in words: missing, a directory, not a regular file
    (a FIFO or device would hang a reader), unreadable, too large (ini/safe_read)."""
    read = read_whole(path, MAX_BYTES)
    if read.data is not None:
        return read.data
    if read.missing:
        return Unreadable(path, "no such file")
    if read.not_regular == "a directory":
        return Unreadable(path, "is a directory")
    if read.not_regular is not None:
        return Unreadable(path, f"not a regular file ({read.not_regular})")
    if read.errno == errno.EFBIG:
        return Unreadable(path, f"larger than {MAX_BYTES // (1024 * 1024)} MiB, not an AWS file")
    if read.errno == errno.EACCES:
        return Unreadable(path, "permission denied")
    return Unreadable(path, f"cannot read: {os.strerror(read.errno or errno.EIO)}")


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
