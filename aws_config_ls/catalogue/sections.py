"""Which catalogue context a section, or a nested block inside it, is."""

from __future__ import annotations

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.registry import lookup
from aws_config_ls.catalogue.valuetypes import Nested
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import DEFAULT, classify

# The model's section groups (model.classify) and the context of each: one table both ways.
GROUPS = {
    "profiles": Context.PROFILE,
    "sso_sessions": Context.SSO_SESSION,
    "services": Context.SERVICES,
}
GROUP_OF = {context: group for group, context in GROUPS.items()}
_TOP = {"plugins": Context.PLUGINS, "preview": Context.PREVIEW}


def section_context(kind: FileKind, name: str) -> Context:
    """What reads the keys of section `name` in a file of `kind`."""
    if name == DEFAULT:
        return Context.DEFAULT_SECTION
    if kind is FileKind.BOTO:
        return Context.BOTO_CREDENTIALS if name == "Credentials" else Context.BOTO_OTHER
    placed = classify(name, kind)
    if placed.group in GROUPS:
        return GROUPS[placed.group]
    return _TOP.get(name, Context.OTHER)


def nested_context(parent: Context, key: str) -> Context | None:
    """The context of the block under `key =` in `parent`, if that key takes a block."""
    setting = lookup(parent, key)
    if setting is not None and isinstance(setting.value_type, Nested):
        return setting.value_type.block
    return None
