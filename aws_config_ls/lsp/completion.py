"""Completion of section headers, keys, nested keys and values, by where the cursor is."""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.registry import lookup, regions, settings_in
from aws_config_ls.catalogue.sections import nested_context, section_context
from aws_config_ls.catalogue.setting import Setting
from aws_config_ls.catalogue.valuetypes import Boolean, Choice, Nested, Reference, Region
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.query import Part, Place, place_at
from aws_config_ls.lsp.context import Context as ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_pos, to_range

Kind = types.CompletionItemKind


def completion(
    ctx: ServerContext,
    state: DocumentState,
    position: types.Position,
    encoding: str,
    capabilities: types.ClientCapabilities | None = None,
) -> types.CompletionList:
    place = place_at(state.model, to_pos(state.tree, position, encoding))
    items = list(_items(ctx, state, place))
    word = to_range(state.tree, place.word, encoding)
    for item in items:
        text = item.insert_text or item.label
        item.text_edit = types.TextEdit(range=word, new_text=text)
        item.insert_text = None
        item.filter_text = item.filter_text or item.label
    return types.CompletionList(is_incomplete=False, items=items)


def _items(
    ctx: ServerContext, state: DocumentState, place: Place
) -> Iterable[types.CompletionItem]:
    kind = state.kind
    if place.part is Part.HEADER:
        yield from _headers(ctx, state, place)
        return
    if place.section is None:
        return
    context = section_context(kind, place.section.name)
    model = state.model
    if place.part is Part.KEY:
        present = {e.key for e in place.section.node.entries}
        on_entry_line = place.entry is not None
        yield from _keys(context, kind, present, with_delimiter=not on_entry_line)
    elif place.part is Part.VALUE and place.entry is not None:
        yield from _values(ctx, state, lookup(context, place.entry.key))
    elif place.part in (Part.SUBKEY, Part.SUBVALUE) and place.entry is not None:
        nested = nested_context(context, place.entry.key)
        if nested is None:
            return
        if place.part is Part.SUBKEY:
            present = set(_subkeys(model, place))
            yield from _keys(nested, kind, present, with_delimiter="=" not in _line(model, place))
        elif place.subkey is not None:
            yield from _values(ctx, state, lookup(nested, place.subkey))


def _line(model: Model, place: Place) -> str:
    return model.tree.line(place.pos.line).text


def _subkeys(model: Model, place: Place) -> Iterable[str]:
    assert place.section is not None and place.entry is not None
    for line, piece in model.nested_lines(place.section, place.entry):
        if line != place.pos.line and "=" in piece:
            yield piece.split("=", 1)[0].strip()


def _keys(
    context: Context, kind: FileKind, present: set[str], with_delimiter: bool
) -> Iterable[types.CompletionItem]:
    for key, setting in settings_in(context).items():
        if key in present or kind not in setting.files:
            continue
        block = isinstance(setting.value_type, Nested)
        yield types.CompletionItem(
            label=key,
            kind=Kind.Module if block else Kind.Property,
            detail=_detail(setting),
            documentation=_documentation(setting),
            insert_text=(f"{key} =" if block else f"{key} = ") if with_delimiter else key,
            sort_text=("1" if setting.third_party else "0") + key,
        )


def _values(
    ctx: ServerContext, state: DocumentState, setting: Setting | None
) -> Iterable[types.CompletionItem]:
    if setting is None:
        return
    vt = setting.value_type
    if isinstance(vt, Choice):
        for value in vt.choices:
            yield types.CompletionItem(label=value, kind=Kind.EnumMember, detail=setting.key)
    elif isinstance(vt, Boolean):
        for value in ("true", "false"):
            yield types.CompletionItem(label=value, kind=Kind.Value, detail=setting.key)
    elif isinstance(vt, Region):
        for region, partition in sorted(regions().items()):
            yield types.CompletionItem(
                label=region,
                kind=Kind.Value,
                detail=f"partition {partition}",
                sort_text=("0" if partition == "aws" else "1") + region,
            )
    elif isinstance(vt, Reference):
        for name, detail in names_of(ctx, state, vt.target):
            yield types.CompletionItem(label=name, kind=Kind.Reference, detail=detail)


def names_of(ctx: ServerContext, state: DocumentState, target: Context) -> list[tuple[str, str]]:
    """Profile, sso-session or services names boto3 knows, across the config/credentials pair."""
    models = [state.model]
    other = ctx.companion(state)
    if other is not None:
        models.append(other)
    group = {Context.PROFILE: "profiles", Context.SSO_SESSION: "sso_sessions"}.get(
        target, "services"
    )
    found: dict[str, str] = {}
    for model in models:
        if model.kind is FileKind.CREDENTIALS and target is not Context.PROFILE:
            continue
        for section, placed in model.placements:
            if placed.group == group and placed.name is not None:
                found.setdefault(placed.name, f"[{section.name}] in {model.kind.value}")
    return sorted(found.items())


def _headers(
    ctx: ServerContext, state: DocumentState, place: Place
) -> Iterable[types.CompletionItem]:
    line = _line(state.model, place)
    close = "" if "]" in line[place.word.end.col :] else "]"
    if state.kind is FileKind.BOTO:
        for name in ("Credentials", "Boto"):
            yield types.CompletionItem(label=name, kind=Kind.Module, insert_text=name + close)
        return
    existing = {s.name for s in state.model.sections}
    if "default" not in existing and "profile default" not in existing:
        yield types.CompletionItem(
            label="default",
            kind=Kind.Module,
            insert_text="default" + close,
            detail="the default profile",
        )
    if state.kind is FileKind.CREDENTIALS:
        for name, detail in names_of(ctx, state, Context.PROFILE):
            if name not in existing:
                yield types.CompletionItem(
                    label=name,
                    kind=Kind.Module,
                    insert_text=name + close,
                    detail=f"credentials for {detail}",
                )
        return
    for prefix, detail in (
        ("profile", "a named profile"),
        ("sso-session", "IAM Identity Center settings shared by profiles"),
        ("services", "endpoint URLs per service, chosen with `services = NAME`"),
    ):
        yield types.CompletionItem(
            label=prefix + " ",
            kind=Kind.Keyword,
            detail=detail,
            insert_text=prefix + " ",
            sort_text="0" + prefix,
        )
    other = ctx.companion(state)
    if other is not None:
        for section, placed in other.placements:
            profile = placed.name
            if profile and profile != "default" and f"profile {profile}" not in existing:
                yield types.CompletionItem(
                    label=f"profile {profile}",
                    kind=Kind.Module,
                    insert_text=f"profile {profile}{close}",
                    detail=f"settings for the credentials profile [{section.name}]",
                )
    for name in ("plugins", "preview"):
        if name not in existing:
            yield types.CompletionItem(
                label=name, kind=Kind.Module, insert_text=name + close, sort_text="2" + name
            )


def _detail(setting: Setting) -> str:
    env = f" · ${setting.env[0]}" if setting.env else ""
    return f"{type(setting.value_type).__name__.lower()}{env}"


def _documentation(setting: Setting) -> types.MarkupContent:
    lines = [setting.description]
    if setting.default is not None:
        lines.append(f"\nDefault: `{setting.default}`")
    if setting.env:
        lines.append("\nEnvironment: " + ", ".join(f"`{e}`" for e in setting.env))
    if setting.doc:
        lines.append(f"\n[Documentation]({setting.doc})")
    return types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n".join(lines))
