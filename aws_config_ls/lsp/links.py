"""Document links: paths a key names to the file (when it is a regular file: stat only, never
opened), `credential_process`'s executable, URLs (`sso_start_url`, endpoints) to the page, and
each known key to its documentation."""

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
from aws_config_ls.ini.span import Span
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_range
from aws_config_ls.resolution.environment import Environment


def document_links(
    state: DocumentState, env: Environment, encoding: str
) -> list[types.DocumentLink]:
    model, tree = state.model, state.tree
    out = []
    for section in model.sections:
        context = section_context(state.kind, section.name)
        for entry in section.node.entries:
            setting = lookup(context, entry.key)
            if setting is None:
                continue
            line = model.entry_line(section, entry)
            written = tree.line(line)
            if setting.doc:
                out.append((Span.of(line, written.k0, written.k1), setting.doc))
            value = written.value
            if not value or model.value(section, entry) != value:
                continue  # empty, or folded over several lines
            target = _target(setting.value_type, value, env)
            if target is not None:
                out.append((Span.of(line, written.v0, written.v1), target))
    return [types.DocumentLink(range=to_range(tree, s, encoding), target=t) for s, t in out]


def _target(value_type: object, value: str, env: Environment) -> str | None:
    if isinstance(value_type, Url):
        return value if value.startswith(("https://", "http://")) else None
    if isinstance(value_type, Path):
        path = env.expand(value) if value_type.expanded else value
        return _file(env.absolute(path))
    if isinstance(value_type, Command):
        try:
            program = shlex.split(value)[0]
        except (ValueError, IndexError):
            return None
        if "/" in program:
            return _file(env.absolute(program))
        found = shutil.which(program, path=env.get("PATH") or os.defpath)
        return _file(found) if found else None
    return None


def _file(path: str) -> str | None:
    """A file URI when `path` is a regular file (stat only)."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None
    return from_fs_path(path) if regular else None
