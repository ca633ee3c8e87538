"""Hover: what an entry means, its tier in boto3's chain, what boto3 uses and what shadows it."""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.registry import lookup
from aws_config_ls.catalogue.sections import nested_context, section_context
from aws_config_ls.catalogue.setting import Setting
from aws_config_ls.catalogue.valuetypes import Nested, Reference
from aws_config_ls.explain.facts import EntryFacts, Where, entry_facts
from aws_config_ls.ini.model import classify
from aws_config_ls.ini.query import Part, Place, place_at
from aws_config_ls.lsp.context import Context as ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_pos, to_range
from aws_config_ls.resolution.environment import ProfileSelection


def hover(
    ctx: ServerContext, state: DocumentState, position: types.Position, encoding: str
) -> types.Hover | None:
    place = place_at(state.model, to_pos(state.tree, position, encoding))
    if place.section is None:
        return None
    if place.part is Part.HEADER:
        text = _section(ctx, state, place)
    elif place.entry is not None and place.part in (Part.KEY, Part.VALUE, Part.CONTINUATION):
        text = _entry(ctx, state, place, place.entry.key, None)
    elif place.entry is not None and place.subkey and place.part in (Part.SUBKEY, Part.SUBVALUE):
        text = _entry(ctx, state, place, place.entry.key, place.subkey)
    else:
        return None
    text = ctx.workspace.state.redact(text)  # a folded value may carry a secret line
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=to_range(state.tree, place.word, encoding),
    )


def _entry(
    ctx: ServerContext, state: DocumentState, place: Place, key: str, subkey: str | None
) -> str:
    assert place.section is not None
    context = section_context(state.kind, place.section.name)
    if subkey is not None:
        nested = nested_context(context, key)
        setting = lookup(nested, subkey) if nested else None
        name = f"{key}.{subkey}"
    else:
        setting, name = lookup(context, key), key
    lines = describe(name, setting)
    if setting is None or not isinstance(setting.value_type, Nested):  # a block: see its keys
        facts = entry_facts(ctx.workspace.state, state.path, place.section.name, name)
        lines += _facts(facts)
    if place.part is Part.VALUE and setting is not None and subkey is None:
        lines += _reference(ctx, state, place, setting)
    return "\n\n".join(lines)


def describe(name: str, setting: Setting | None) -> list[str]:
    if setting is None:
        return [f"**`{name}`** — no AWS tool reads this key here."]
    lines = [f"**`{name}`** — {setting.description}"]
    facts = [f"type: {type(setting.value_type).__name__.lower()}"]
    values = getattr(setting.value_type, "choices", None)
    if values:
        facts.append("values: " + ", ".join(f"`{v}`" for v in values))
    if setting.env:
        facts.append("environment: " + ", ".join(f"`{e}`" for e in setting.env))
    if setting.default is not None:
        facts.append(f"default: `{setting.default}`")
    facts.append("read by: " + ", ".join(sorted(r.value for r in setting.readers)))
    lines.append(" · ".join(facts))
    if setting.doc:
        lines.append(f"[Documentation]({setting.doc})")
    return lines


def _facts(facts: EntryFacts) -> list[str]:
    lines = []
    if facts.tier:
        lines.append(f"**{facts.tier[0].upper()}{facts.tier[1:]}**")
    if facts.value is not None or facts.source:
        where = f" from {facts.source}" if facts.source else ""
        if facts.used or facts.source != "this entry":
            lead = "boto3 uses" if facts.used else "For this profile, boto3 uses"
            lines.append(f"{lead} `{facts.value}`{where}{_at(facts.source_location)}")
        else:
            lines.append(f"boto3 does not use this value now (`{facts.value}`): see below")
    for shadow in facts.shadowed_by:
        lines.append(f"⚠ Shadowed: {shadow.message}{_at(shadow.location)}")
    lines += list(facts.notes)
    return lines


def _at(where: Where | None) -> str:
    if where is None or where.span is None:
        return ""
    return f" ({where.path}:{where.span.start.line + 1})"


def _section(ctx: ServerContext, state: DocumentState, place: Place) -> str:
    assert place.section is not None
    name = place.section.name
    placed = classify(name, state.kind)
    if placed.group != "profiles" or placed.name is None:
        what = {"sso_sessions": "an [sso-session]", "services": "a [services] section"}
        if placed.name is not None and placed.group in what:
            return f"**[{name}]** — {what[placed.group]} named `{placed.name}`"
        return f"**[{name}]** — not a profile: botocore does not read it as one."
    rs = ctx.workspace.state
    outcome = rs.credentials(ProfileSelection(placed.name, "explicit", True))
    lines = [f"**[{name}]** — profile `{placed.name}`"]
    if outcome.error is not None:
        lines.append(
            f"Used as `Session(profile_name='{placed.name}')`, boto3 raises "
            f"**{outcome.error.type}**: {rs.redact(outcome.error.message)}"
        )
    elif outcome.found is not None and outcome.tier is not None:
        lines.append(f"Credentials: **{outcome.found.method}** ({outcome.tier.label})")
    else:
        lines.append("No credentials: every provider of the chain is skipped.")
    lines.append(_selected(ctx, placed.name))
    return "\n\n".join(lines)


def _selected(ctx: ServerContext, profile: str) -> str:
    selection = ctx.workspace.state.selection
    current = selection.name or "default"
    if current == profile:
        return f"Selected now by {selection.selected_by}."
    return (
        f"Not selected now: {selection.selected_by} selects `{current}`. "
        f"It is used with `AWS_PROFILE={profile}` or as a `source_profile`."
    )


def _reference(
    ctx: ServerContext, state: DocumentState, place: Place, setting: Setting
) -> list[str]:
    """A summary of the profile or sso-session a reference names."""
    if not isinstance(setting.value_type, Reference) or place.entry is None:
        return []
    assert place.section is not None
    target = state.model.value(place.section, place.entry)
    if setting.value_type.target is Context.PROFILE:
        outcome = ctx.workspace.state.credentials(ProfileSelection(target, "explicit", True))
        if outcome.error is not None:
            return [f"→ profile `{target}`: boto3 raises {outcome.error.type}"]
        return [f"→ profile `{target}`: credentials from **{outcome.method or 'nowhere'}**"]
    if setting.value_type.target is Context.SSO_SESSION:
        config = ctx.workspace.model(ctx.workspace.config_path, state.kind)
        found = config.winners.get(("sso_sessions", target)) if config else None
        if found is None:
            return [f"→ [sso-session {target}] does not exist"]
        keys = ", ".join(f"`{e.key}`" for e in found.node.entries)
        return [f"→ [sso-session {target}] (line {found.header + 1}): {keys}"]
    return []
