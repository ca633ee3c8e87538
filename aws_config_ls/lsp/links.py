"""Document links: paths a key names to the file (when it is a regular file: stat only, never
opened), `credential_process`'s program, URLs (`sso_start_url`, endpoints) to the page.

Which values can link is kept with each block; only the `stat` calls happen per request.
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat

from lsprotocol import types
from pygls.uris import from_fs_path

from aws_config_ls.catalogue.registry import lookup
from aws_config_ls.catalogue.sections import section_context
from aws_config_ls.catalogue.valuetypes import Command, Path, Url
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import Block, KindFact
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_range
from aws_config_ls.resolution.environment import Environment

Linkable = tuple[int, int, int, Path | Command | Url, str]  # rel line, start, end, type, value


def _linkable(block: Block, kind: FileKind) -> list[Linkable]:
    found: list[Linkable] = []
    lines = block.lines
    for node in block.sections:
        if node.name is None:
            continue
        context = section_context(kind, node.name)
        for entry in node.entries:
            line = lines[entry.line]
            if not line.value or entry.value(lines) != line.value:
                continue  # empty, or folded over several lines
            setting = lookup(context, entry.key)
            if setting is not None and isinstance(setting.value_type, Path | Command | Url):
                found.append((entry.line, line.v0, line.v1, setting.value_type, line.value))
    return found


_block_linkable = KindFact[list[Linkable]]("links", _linkable)


def document_links(
    state: DocumentState, env: Environment, encoding: str
) -> list[types.DocumentLink]:
    tree = state.tree
    out = []
    for _, block, start in tree.placed():
        for rel, c0, c1, value_type, value in _block_linkable(block, state.kind):
            target = _target(value_type, value, env)
            if target is not None:
                span = Span.of(start + rel, c0, c1)
                out.append(types.DocumentLink(range=to_range(tree, span, encoding), target=target))
    return out


def _target(value_type: Path | Command | Url, value: str, env: Environment) -> str | None:
    if isinstance(value_type, Url):
        return value if value.startswith(("https://", "http://")) else None
    if isinstance(value_type, Path):
        path = env.expand(value) if value_type.expanded else value
        return _file(env.absolute(path))
    try:
        program = shlex.split(value)[0]
    except (ValueError, IndexError):
        return None
    if "/" in program:
        return _file(env.absolute(program))
    found = shutil.which(program, path=env.get("PATH") or os.defpath)
    return _file(found) if found else None


def _file(path: str) -> str | None:
    """A file URI when `path` is a regular file (stat only)."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None
    return from_fs_path(path) if regular else None
