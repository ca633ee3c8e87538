"""Go to definition: from `source_profile`, `sso_session` or `services` to the section it names."""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.catalogue.registry import lookup
from aws_config_ls.catalogue.sections import GROUP_OF, section_context
from aws_config_ls.catalogue.valuetypes import Reference
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.query import Part, place_at
from aws_config_ls.ini.span import Span
from aws_config_ls.lsp.context import Context as ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_pos, to_range


def definition(
    ctx: ServerContext, state: DocumentState, position: types.Position, encoding: str
) -> list[types.Location]:
    place = place_at(state.model, to_pos(state.tree, position, encoding))
    if place.part is not Part.VALUE or place.section is None or place.entry is None:
        return []
    setting = lookup(section_context(state.kind, place.section.name), place.entry.key)
    if setting is None or not isinstance(setting.value_type, Reference):
        return []
    target = state.model.value(place.section, place.entry)
    group = GROUP_OF[setting.value_type.target]
    models = [state.model]
    other = ctx.companion(state)
    if other is not None:
        models.append(other)
    found = []
    for model in models:
        if model.kind is FileKind.CREDENTIALS and group != "profiles":
            continue  # [sso-session] and [services] count only in the config file
        section = model.winners.get((group, target))
        if section is not None:
            found.append(_location(ctx, model, section.header, encoding))
    return found


def _location(ctx: ServerContext, model: Model, line: int, encoding: str) -> types.Location:
    """The name in a section's header."""
    header = model.tree.line(line)
    return types.Location(
        uri=ctx.uri(model.path),
        range=to_range(model.tree, Span.of(line, header.k0, header.k1), encoding),
    )
