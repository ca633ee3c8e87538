"""Completion of section headers, keys, nested keys and values, by where the cursor is.

Typing must never change text the user did not mean to replace, so every item carries an edit
of exactly the token under the cursor (`Place.token`: a key, the name inside `[ … ]`, a value's
first word, never the `=`, a space or a bracket) and positions between tokens offer nothing. No
trigger character is declared: `=`, a space or `[` would open a list whose accept on Enter
replaces what was typed after it; editors ask on their own when a word is typed. A value is the
last thing on its line, so for values the list is incomplete (the editor asks again at each
character) and empty once the typed value equals an item: Enter then inserts a new line.

The list is sent lean, as the editor asks for it at every keystroke: a key's documentation is
filled in by `completionItem/resolve` when the item is selected (the item's `data` names its
context), a client that takes list defaults gets the edit range once for all the items (each
keeps its text), and what the list reads from the files (regions, names) is kept per version.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from weakref import WeakKeyDictionary

from lsprotocol import types

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.known_key import KnownKey
from aws_config_ls.catalogue.registry import keys_in, lookup, region_name, regions
from aws_config_ls.catalogue.sections import nested_context, section_context
from aws_config_ls.catalogue.valuetypes import Boolean, Choice, Nested, Reference, Region
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model, classify
from aws_config_ls.ini.query import Part, Place, place_at
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import Block, BlockFact
from aws_config_ls.ini.syntax import Kind as LineKind
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.markup import content, documentation_formats
from aws_config_ls.lsp.positions import to_pos, to_range

Kind = types.CompletionItemKind
TRIGGER_CHARACTERS: list[str] = []
_VALUES = (Part.VALUE, Part.SUBVALUE)


def completion(
    ctx: ServerContext,
    state: DocumentState,
    position: types.Position,
    encoding: str,
    capabilities: types.ClientCapabilities | None = None,
) -> types.CompletionList:
    place = place_at(state.model, to_pos(state.tree, position, encoding))
    token = place.token
    if token is None or (place.section is None and place.part is not Part.HEADER):
        return types.CompletionList(is_incomplete=False, items=[])
    items = list(_items(ctx, state, place))
    typed = _line(state.model, place)[token.start.col : token.end.col]
    if place.pos.col == token.end.col and any(item.label == typed for item in items):
        return types.CompletionList(is_incomplete=False, items=[])
    replace = to_range(state.tree, token, encoding)
    insert = to_range(state.tree, Span(token.start, place.pos), encoding)
    both = _insert_replace(capabilities)
    incomplete = place.part in _VALUES and bool(items)
    if "editRange" in _item_defaults(capabilities):  # one range for all, each item its text
        for item in items:
            text = item.insert_text or item.label
            item.text_edit_text = text if text != item.label else None
            item.insert_text = None
        edit_range = (
            types.EditRangeWithInsertReplace(insert=insert, replace=replace) if both else replace
        )
        defaults = types.CompletionItemDefaults(edit_range=edit_range)
        return types.CompletionList(is_incomplete=incomplete, items=items, item_defaults=defaults)
    for item in items:
        text = item.insert_text or item.label
        item.text_edit = (
            types.InsertReplaceEdit(new_text=text, insert=insert, replace=replace)
            if both  # inserting stops at the cursor, replacing takes the whole token
            else types.TextEdit(range=replace, new_text=text)
        )
        item.insert_text = None
    return types.CompletionList(is_incomplete=incomplete, items=items)


def _item_defaults(capabilities: types.ClientCapabilities | None) -> Sequence[str]:
    """The item properties the client takes from the list (`completionList.itemDefaults`)."""
    text = capabilities.text_document if capabilities else None
    listed = text.completion.completion_list if text and text.completion else None
    return (listed.item_defaults if listed else None) or ()


def _insert_replace(capabilities: types.ClientCapabilities | None) -> bool:
    text = capabilities.text_document if capabilities else None
    item = text.completion.completion_item if text and text.completion else None
    return bool(item and item.insert_replace_support)


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
        yield from _keys(context, kind, present, not on_entry_line)
    elif place.part is Part.VALUE and place.entry is not None:
        yield from _values(ctx, state, place, lookup(context, place.entry.key))
    elif place.part in (Part.SUBKEY, Part.SUBVALUE) and place.entry is not None:
        nested = nested_context(context, place.entry.key)
        if nested is None:
            return
        if place.part is Part.SUBKEY:
            present = set(_subkeys(model, place))
            yield from _keys(nested, kind, present, "=" not in _line(model, place))
        elif place.subkey is not None:
            yield from _values(ctx, state, place, lookup(nested, place.subkey))


def _line(model: Model, place: Place) -> str:
    """The cursor's line ("" on the empty line after the final newline)."""
    tree = model.tree
    return tree.line(place.pos.line).text if place.pos.line < tree.line_count else ""


def _subkeys(model: Model, place: Place) -> Iterable[str]:
    assert place.section is not None and place.entry is not None
    for line, piece in model.nested_lines(place.section, place.entry):
        if line != place.pos.line and "=" in piece:
            yield piece.split("=", 1)[0].strip()


def _keys(
    context: Context, kind: FileKind, present: set[str], with_delimiter: bool
) -> Iterable[types.CompletionItem]:
    for key, setting in keys_in(context).items():
        if key in present or kind not in setting.files:
            continue
        block = isinstance(setting.value_type, Nested)
        yield types.CompletionItem(
            label=key,
            kind=Kind.Module if block else Kind.Property,
            detail=_detail(setting),
            insert_text=(f"{key} =" if block else f"{key} = ") if with_delimiter else key,
            sort_text=("1" if setting.third_party else "0") + key,
            data=context.value,
        )


def resolve(
    item: types.CompletionItem, capabilities: types.ClientCapabilities | None = None
) -> types.CompletionItem:
    """The item with its documentation: a key's, found by the context its `data` names."""
    try:
        context = Context(item.data) if isinstance(item.data, str) else None
    except ValueError:
        context = None  # not an item of ours (or of this version): answered as it came
    setting = keys_in(context).get(item.label) if context is not None else None
    if setting is not None and item.documentation is None:
        item.documentation = content(_documentation(setting), documentation_formats(capabilities))
    return item


def _values(
    ctx: ServerContext, state: DocumentState, place: Place, setting: KnownKey | None
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
        used = _regions_used(ctx, state)
        for region, partition in sorted(regions().items()):
            name = region_name(region) or f"partition {partition}"
            rank = "0" if region in used else "1" if partition == "aws" else "2"
            yield types.CompletionItem(
                label=region,
                label_details=types.CompletionItemLabelDetails(description=name),
                kind=Kind.Value,
                detail=name if region not in used else f"{name} · used in your files",
                sort_text=rank + region,
            )
    elif isinstance(vt, Reference):
        itself = _own_name(state, place) if vt.target is Context.PROFILE else None
        for name, detail in names_of(ctx, state, vt.target):
            if name != itself:
                yield types.CompletionItem(label=name, kind=Kind.Reference, detail=detail)


def _own_name(state: DocumentState, place: Place) -> str | None:
    """The profile the section under the cursor defines (a profile never sources itself)."""
    if place.section is None:
        return None
    placed = classify(place.section.name, state.kind)
    return placed.name if placed.group == "profiles" else None


def _regions_used(ctx: ServerContext, state: DocumentState) -> frozenset[str]:
    """Region values written in this file and its companion, offered first."""
    other = ctx.companion(state)
    models: list[Model] = [state.model] if other is None else [state.model, other]
    return frozenset().union(*map(_model_regions, models)) & regions().keys()


_MODEL_REGIONS: WeakKeyDictionary[Model, frozenset[str]] = WeakKeyDictionary()


def _model_regions(model: Model) -> frozenset[str]:
    """The region values of one version of a file, kept while that version lives."""
    found = _MODEL_REGIONS.get(model)
    if found is None:
        found = frozenset().union(*map(_block_regions, model.tree.blocks))
        _MODEL_REGIONS[model] = found
    return found


_REGIONS = BlockFact[frozenset[str]]("values of …region keys")


def _block_regions(block: Block) -> frozenset[str]:
    """The values of `…region` keys in a block, kept with it (an edit shares the others)."""
    return _REGIONS.get_or(
        block,
        lambda b: frozenset(
            line.value
            for line in b.lines
            if line.kind is LineKind.ENTRY and line.key.lower().endswith("region")
        ),
    )


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
        for name, detail in _model_names(model).get(group, ()):
            found.setdefault(name, detail)
    return sorted(found.items())


_MODEL_NAMES: WeakKeyDictionary[Model, dict[str, list[tuple[str, str]]]] = WeakKeyDictionary()


def _model_names(model: Model) -> dict[str, list[tuple[str, str]]]:
    """The names one version of a file defines, by group, each with where it is written."""
    found = _MODEL_NAMES.get(model)
    if found is None:
        found = {}
        for section, placed in model.placements:
            if placed.name is not None:
                found.setdefault(placed.group, []).append(
                    (placed.name, f"[{section.name}] in {model.kind.value}")
                )
        _MODEL_NAMES[model] = found
    return found


def _headers(
    ctx: ServerContext, state: DocumentState, place: Place
) -> Iterable[types.CompletionItem]:
    line = _line(state.model, place)
    close = "" if "]" in line[place.pos.col :] else "]"
    if state.kind is FileKind.BOTO:
        for name in ("Credentials", "Boto"):
            yield types.CompletionItem(label=name, kind=Kind.Module, insert_text=name + close)
        return
    existing = state.model.first_by_name  # every written name, kept with the model version
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


def _detail(setting: KnownKey) -> str:
    env = f" · ${setting.env[0]}" if setting.env else ""
    return f"{type(setting.value_type).__name__.lower()}{env}"


def _documentation(setting: KnownKey) -> str:
    lines = [setting.description]
    if setting.default is not None:
        lines.append(f"\nDefault: `{setting.default}`")
    if setting.env:
        lines.append("\nEnvironment: " + ", ".join(f"`{e}`" for e in setting.env))
    if setting.doc:
        lines.append(f"\n[Documentation]({setting.doc})")
    return "\n".join(lines)
