"""Hover: what an entry means, its tier in boto3's chain, what boto3 uses and what shadows it."""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.known_key import KnownKey
from aws_config_ls.catalogue.registry import lookup
from aws_config_ls.catalogue.sections import nested_context, section_context
from aws_config_ls.catalogue.valuetypes import Nested, Reference
from aws_config_ls.explain.summary import role_cache
from aws_config_ls.ini.locations import same_path
from aws_config_ls.ini.model import classify
from aws_config_ls.ini.query import Part, Place, place_at
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.markup import content, hover_formats
from aws_config_ls.lsp.positions import to_pos, to_range
from aws_config_ls.resolution.environment import ProfileSelection
from aws_config_ls.resolution.shadows import EntryFacts, Where, entry_facts


def hover(
    ctx: ServerContext,
    doc: DocumentState,
    position: types.Position,
    encoding: str,
    capabilities: types.ClientCapabilities | None = None,
) -> types.Hover | None:
    place = place_at(doc.model, to_pos(doc.tree, position, encoding))
    if place.section is None:
        return None
    ctx = ctx.for_document(doc)
    if place.part is Part.HEADER:
        text = _section(ctx, doc, place)
    elif place.entry is not None and place.part in (Part.KEY, Part.VALUE, Part.CONTINUATION):
        text = _entry(ctx, doc, place, place.entry.key, None)
    elif place.entry is not None and place.subkey and place.part in (Part.SUBKEY, Part.SUBVALUE):
        text = _entry(ctx, doc, place, place.entry.key, place.subkey)
    else:
        return None
    text = ctx.workspace.state.redact(text)  # a folded value may carry a secret line
    return types.Hover(
        contents=content(text, hover_formats(capabilities)),
        range=to_range(doc.tree, place.word, encoding),
    )


def _entry(
    ctx: ServerContext, doc: DocumentState, place: Place, key: str, subkey: str | None
) -> str:
    assert place.section is not None
    context = section_context(doc.kind, place.section.name)
    if subkey is not None:
        nested = nested_context(context, key)
        setting = lookup(nested, subkey) if nested else None
        name = f"{key}.{subkey}"
    else:
        setting, name = lookup(context, key), key
    head, lines = f"**`{name}`**", describe(setting)
    if setting is None or not isinstance(setting.value_type, Nested):  # a block: see its keys
        facts = entry_facts(ctx.workspace.state, doc.path, place.section.name, name)
        verdict, why = _facts(ctx, facts, name)
        head += f" — {verdict}"
        lines = why + lines
    if place.part is Part.VALUE and setting is not None and subkey is None:
        lines += _reference(ctx, doc, place, setting)
    return "\n\n".join([head, *lines])


def describe(setting: KnownKey | None) -> list[str]:
    if setting is None:
        return ["No AWS tool reads this key here."]
    lines = [setting.description]
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


# What keeps an entry out of use without anything beating it: said plainly, without a ⚠.
_PLAIN = {"unreached-profile", "not-triggered", "boto-ignored", "not-a-profile"}
# What makes nothing of the file or the profile usable: not a shadow, yet worth a ⚠.
_UNUSABLE = {"file-refused", "file-not-read", "credentials-error"}


def _facts(ctx: ServerContext, facts: EntryFacts, name: str) -> tuple[str, list[str]]:
    """A short verdict for the first line, and the lines that explain it."""
    unreached = any(s.reason == "unreached-profile" for s in facts.shadowed_by)
    real = [s for s in facts.shadowed_by if s.reason not in _PLAIN]
    plain = [s for s in facts.shadowed_by if s.reason in _PLAIN - {"unreached-profile"}]
    value = "" if facts.value is None else f" `{facts.value}`"
    lines: list[str] = []
    if facts.used:
        # An endpoint chain's value is the profile's, not necessarily this key's (`services`).
        own = facts.source == "this entry" or (facts.tier or "").startswith("tier ")
        verdict = f"boto3 uses{value} from this entry" if value and own else "boto3 uses this entry"
    elif unreached:
        verdict = "not used now"
        if facts.profile is not None:
            lines.append(_not_in_use(ctx, facts.profile))
        else:
            lines += [s.message for s in facts.shadowed_by if s.reason == "unreached-profile"]
        # What would still beat it once selected: a fact, not a shadow now.
        lines += [
            f"Once selected: {s.message}{_at(s.location, facts.path, s.message)}" for s in real
        ]
        real = []
    elif real:
        source = _source(facts)
        if real[0].reason in _UNUSABLE:
            verdict = "⚠ not used"
        elif value and source:
            verdict = f"⚠ shadowed: boto3 uses{value} from {source}"
        else:
            verdict = "⚠ shadowed" + (
                f": credentials come from {facts.source}" if facts.source else ""
            )
    else:
        verdict = "not used" + (f": {plain[0].message}" if plain else "")
        plain = plain[1:]
    lines += [f"⚠ {s.message}{_at(s.location, facts.path, s.message)}" for s in real]
    lines += [s.message for s in plain]
    lines += list(facts.notes)
    if facts.tier and facts.tier.startswith("tier "):
        lines.append(f"Credential provider: {facts.tier}")
    elif facts.tier and facts.tier != f"setting: {name}" and facts.tier.startswith("setting: "):
        lines.append(f"Part of the `{facts.tier[9:]}` setting")
    return verdict, lines


def _source(facts: EntryFacts) -> str:
    """Where the value boto3 uses comes from, in words, with its own line."""
    source = facts.source or ""
    if source.startswith("env:"):
        return f"the environment variable `{source[4:]}`"
    if source == "explicit":
        return "Session(...) (simulated in the editor)"
    return f"{source}{_at(facts.source_location, facts.path, source)}" if source else ""


def _at(where: Where | None, path: str, text: str = "") -> str:
    """A line, with its file only when it is another one that `text` does not name."""
    if where is None or where.span is None:
        return ""
    line = f"line {where.span.start.line + 1}"
    if line in text:
        return ""
    if same_path(where.path, path) or where.path in text:
        return f" ({line})"
    return f" ({where.path}, {line})"


_CHOSEN_BY = {
    "explicit": "the profile_name passed to Session (simulated in the editor)",
    "AWS_PROFILE": "the AWS_PROFILE variable",
    "AWS_DEFAULT_PROFILE": "the AWS_DEFAULT_PROFILE variable",
    "default": "default: no profile is selected",
}


def chosen_by(selected_by: str) -> str:
    """What selects the profile in use, in plain words."""
    return _CHOSEN_BY.get(selected_by, selected_by)


def _not_in_use(ctx: ServerContext, profile: str) -> str:
    selection = ctx.workspace.state.selection
    current = selection.name or "default"
    how = (
        f"`Session(profile_name='{profile}')`" if selection.explicit else f"`AWS_PROFILE={profile}`"
    )
    return (
        f"Profile `{profile}` is not the one in use (`{current}`, chosen by "
        f"{chosen_by(selection.selected_by)}). {how} or a `source_profile` would use it."
    )


def _section(ctx: ServerContext, doc: DocumentState, place: Place) -> str:
    assert place.section is not None
    name = place.section.name
    placed = classify(name, doc.kind)
    if placed.group != "profiles" or placed.name is None:
        what = {"sso_sessions": "an [sso-session]", "services": "a [services] section"}
        if placed.name is not None and placed.group in what:
            return f"**[{name}]** — {what[placed.group]} named `{placed.name}`"
        return f"**[{name}]** — not a profile: botocore does not read it as one."
    state = ctx.workspace.state
    profile = placed.name
    selection = state.selection
    if (selection.name or "default") == profile:
        head = f"**[{name}]** — profile `{profile}`, the one in use"
        lines = [f"Chosen by {chosen_by(selection.selected_by)}."]
        if_used = ""
    else:
        source = profile in state.reached_profiles
        head = f"**[{name}]** — profile `{profile}`" + (
            ", the source_profile of the one in use" if source else ", not in use"
        )
        lines = [] if source else [_not_in_use(ctx, profile)]
        if_used = f"Used as `Session(profile_name='{profile}')`: "
    outcome = state.credentials(
        None if not if_used else ProfileSelection(profile, "explicit", True)
    )
    if outcome.error is not None:
        lines.append(
            f"{if_used}boto3 raises **{outcome.error.type}**: {state.redact(outcome.error.message)}"
        )
    elif outcome.found is not None and outcome.tier is not None:
        lines.append(f"{if_used}credentials from **{outcome.found.method}** ({outcome.tier.label})")
    else:
        lines.append(f"{if_used}no credentials: every provider of the chain is skipped.")
    cached = role_cache(state, profile) if outcome.method == "assume-role" else None
    if cached:
        lines.append(f"AWS CLI: {cached} (`~/.aws/cli/cache`; boto3 keeps its own in memory).")
    return "\n\n".join([head, *lines])


def _reference(
    ctx: ServerContext, doc: DocumentState, place: Place, setting: KnownKey
) -> list[str]:
    """A summary of the profile or sso-session a reference names."""
    if not isinstance(setting.value_type, Reference) or place.entry is None:
        return []
    assert place.section is not None
    target = doc.model.value(place.section, place.entry)
    if setting.value_type.target is Context.PROFILE:
        outcome = ctx.workspace.state.credentials(ProfileSelection(target, "explicit", True))
        if outcome.error is not None:
            return [f"→ profile `{target}`: boto3 raises {outcome.error.type}"]
        return [f"→ profile `{target}`: credentials from **{outcome.method or 'nowhere'}**"]
    if setting.value_type.target is Context.SSO_SESSION:
        config = ctx.workspace.model(ctx.workspace.config_path, doc.kind)
        found = config.winners.get(("sso_sessions", target)) if config else None
        if found is None:
            return [f"→ [sso-session {target}] does not exist"]
        keys = ", ".join(f"`{e.key}`" for e in found.node.entries)
        return [f"→ [sso-session {target}] (line {found.header + 1}): {keys}"]
    return []
