"""Paths as botocore expands them, and which kind of AWS file a name suggests."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache

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


# Languages editors give AWS files when no extension claims them: VS Code and Helix `ini`,
# `properties` or `plaintext`; Neovim its filetype (`dosini`, `confini`, `conf`); eglot the
# major mode's name without `-mode` (`conf-unix`, `conf-windows`).
GENERIC_LANGUAGES = frozenset(
    {"ini", "plaintext", "properties", "dosini", "confini", "conf", "conf-unix", "conf-windows", ""}
)


def looks_like_aws(path: str) -> bool:
    """`.aws/config`, `.aws/credentials`, `.boto`, `boto.cfg`: names AWS tools use."""
    parts = path.replace("\\", "/").split("/")
    name = parts[-1].lower()
    return (len(parts) > 1 and parts[-2] == ".aws" and name in ("config", "credentials")) or (
        name in (".boto", "boto.cfg")
    )


def kind_by_name(path: str, language_id: str, extra_files: Iterable[str]) -> FileKind | None:
    """The kind of a document sent without an AWS language: by its name when the language is a
    generic INI one and the name is an AWS one, or whatever the language when the user listed
    it in `extraFiles` (a dotfiles repo's `aws/config`); else None, and the server stays silent."""
    if (language_id in GENERIC_LANGUAGES and looks_like_aws(path)) or any(
        glob_regex(glob).fullmatch(path.replace("\\", "/")) for glob in extra_files
    ):
        return kind_from_name(path)
    return None


@lru_cache(maxsize=256)
def glob_regex(glob: str) -> re.Pattern[str]:
    """A path glob as editors write them, over a whole absolute path: `**/` any folders, `*` and
    `?` within a name, `{a,b}` either; `~` is the home folder, and a glob that starts with
    neither `/` nor `~` matches at any depth (`aws/config` is `**/aws/config`)."""
    glob = os.path.expanduser(glob).replace("\\", "/")
    if not glob.startswith(("/", "**")) and not re.match(r"[A-Za-z]:/", glob):
        glob = "**/" + glob
    out: list[str] = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "{" and "}" in glob[i:]:
            end = glob.index("}", i)
            out.append("(?:" + "|".join(re.escape(a) for a in glob[i + 1 : end].split(",")) + ")")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out))


def sibling(path: str) -> str | None:
    """The file next to a config (credentials) file that a copy outside the places boto3 reads
    pairs with: `dotfiles/aws/config` ↔ `dotfiles/aws/credentials`; None for other names."""
    folder, name = os.path.split(path)
    for this, other in (("credentials", "config"), ("config", "credentials")):
        at = name.rfind(this)
        if at >= 0:
            return os.path.join(folder, name[:at] + other + name[at + len(this) :])
    return None
