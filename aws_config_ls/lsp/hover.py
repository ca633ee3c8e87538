"""Hover: what an entry means, where it sits in boto3's chain, and what shadows it."""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.catalogue.registry import lookup
from aws_config_ls.catalogue.setting import Setting
from aws_config_ls.lsp.context import Context as ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_pos, to_range
from aws_config_ls.model import classify
from aws_config_ls.query import Part, place_at
from aws_config_ls.sections import nested_context, section_context


def hover(
    ctx: ServerContext, state: DocumentState, position: types.Position, encoding: str
) -> types.Hover | None:
    model = state.model
    place = place_at(model, to_pos(state.tree, position, encoding))
    if place.section is None:
        return None
    context = section_context(state.kind, place.section.name)
    lines: list[str] = []
    if place.part is Part.HEADER:
        placed = classify(place.section.name, state.kind)
        lines.append(f"**[{place.section.name}]** — {placed.group}: `{placed.name}`")
    elif place.entry is not None and place.part in (Part.KEY, Part.VALUE, Part.CONTINUATION):
        setting = lookup(context, place.entry.key)
        lines += describe(place.entry.key, setting)
    elif place.entry is not None and place.subkey and place.part in (Part.SUBKEY, Part.SUBVALUE):
        nested = nested_context(context, place.entry.key)
        setting = lookup(nested, place.subkey) if nested else None
        lines += describe(f"{place.entry.key}.{place.subkey}", setting)
    if not lines:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(lines)),
        range=to_range(state.tree, place.word, encoding),
    )


def describe(name: str, setting: Setting | None) -> list[str]:
    if setting is None:
        return [f"**{name}**: no AWS tool reads this key here."]
    lines = [f"**{name}** — {setting.description}"]
    facts = []
    if setting.env:
        facts.append("environment: " + ", ".join(f"`{e}`" for e in setting.env))
    if setting.default is not None:
        facts.append(f"default: `{setting.default}`")
    facts.append("read by: " + ", ".join(sorted(r.value for r in setting.readers)))
    lines.append(" · ".join(facts))
    if setting.doc:
        lines.append(f"[Documentation]({setting.doc})")
    return lines
