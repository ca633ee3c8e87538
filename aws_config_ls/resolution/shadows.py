"""Shadowing facts for one entry of one file: what boto3 does with it right now, and why.

botocore's reading decides which source wins; this says it per entry, for hover (explain/,
lsp/) and for the environment checks (checks/) alike. `entry_facts` answers: the tier (or
setting chain) the entry belongs to, the value boto3 will actually use and where it comes
from, and every reason this entry is not that value. Results rest on per-profile resolutions
the state computes once.
"""

from __future__ import annotations

import os
from typing import Any, Final
from weakref import WeakKeyDictionary

from aws_config_ls.catalogue.secrets import is_secret_key, is_secret_variable, mask, shown
from aws_config_ls.ini.fileview import FileView
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import same_path
from aws_config_ls.ini.model import classify
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.span import Span
from aws_config_ls.resolution import tiers as T
from aws_config_ls.resolution.chain import Candidate
from aws_config_ls.resolution.credentials import WEB_IDENTITY_VARS
from aws_config_ls.resolution.environment import FileLocation
from aws_config_ls.resolution.refs import Cause, EntryRef, FileRef, ParameterRef, VariableRef
from aws_config_ls.resolution.settings import (
    KEY_SETTINGS,
    endpoint_chain,
)
from aws_config_ls.resolution.state import ResolutionState


class Where(NamedTuple):
    """A place in a file; span None when the file is known but the entry cannot be located."""

    path: str
    span: Span | None


class Shadow(NamedTuple):
    """One reason an entry is not what boto3 uses (or not used at all)."""

    reason: str  # stable: see SHADOW_REASONS
    message: str
    location: Where | None = None
    variable: str | None = None  # the environment variable, when that is the cause
    value: object = None  # the shadowing value, masked when secret


SHADOW_REASONS = {
    "environment": "an environment variable comes first in the chain",
    "explicit-parameter": "a value passed to Session(...) comes first",
    "credentials-file": "the same key in the credentials file overrides the config file",
    "later-section": "a later section for the same profile replaces this one wholesale",
    "higher-tier": "a higher credential provider of the same profile wins",
    "not-triggered": "the provider this key belongs to does not apply",
    "same-section": "another key of the same section is read first",
    "default-section": "a [DEFAULT] key is overridden by the section's own key",
    "unreached-profile": "no profile selection reaches this profile right now",
    "not-a-profile": "botocore does not treat this section as a profile",
    "boto-precedence": "an earlier boto2 file provides credentials first",
    "boto-ignored": "botocore reads only [Credentials] keys of boto2 files",
    "file-not-read": "boto3 does not read this file in this environment",
    "file-refused": "botocore refuses the whole file",
    "credentials-error": "resolving this profile's credentials raises instead",
    "endpoints-ignored": "ignore_configured_endpoint_urls is true",
}


class EntryFacts(NamedTuple):
    path: str
    section: str
    key: str
    profile: str | None = None  # the profile the section belongs to, when it is one
    tier: str | None = None  # "tier 7 of 14: shared credentials file", "setting: region"
    used: bool = False  # boto3 uses this entry's value right now
    value: object = None  # the value boto3 will actually use for this key (masked when secret)
    source: str | None = None  # where that value comes from ("this entry", "env:AWS_REGION" ...)
    source_location: Where | None = None
    shadowed_by: tuple[Shadow, ...] = ()
    notes: tuple[str, ...] = ()


class _Entry:
    """One entry of a profile's section as a chain explains it; the chain appends the
    reasons it is shadowed and its notes."""

    __slots__ = ("key", "notes", "profile", "reached", "ref", "section", "shadows", "state", "view")

    def __init__(
        self,
        state: ResolutionState,
        view: FileView,
        section: str,
        key: str,
        profile: str,
        ref: EntryRef,  # the entry (of its top-level key, for a nested one)
        reached: bool,  # a profile selection reaches the profile now
    ) -> None:
        self.state: Final = state
        self.view: Final = view
        self.section: Final = section
        self.key: Final = key
        self.profile: Final = profile
        self.ref: Final = ref
        self.reached: Final = reached
        self.shadows: Final[list[Shadow]] = []
        self.notes: Final[list[str]] = []


class _Use(NamedTuple):
    """What the chain that reads an entry says of it: its tier or setting, whether boto3 uses
    the entry, and the value boto3 uses and where it comes from."""

    tier: str | None = None
    used: bool = False
    value: object = None
    source: str | None = None
    source_location: Where | None = None


def where(state: ResolutionState, cause: Cause | None) -> Where | None:
    if isinstance(cause, EntryRef):
        found = state.file_at(cause.path)
        span = None if found is None else found[1].locate(cause.section, cause.key)
        return Where(cause.path, span)
    if isinstance(cause, FileRef):
        return Where(cause.path, None)
    return None


def injected(view: FileView, section: str, key: str) -> bool:
    """The value of `key` in `section` comes from the file's [DEFAULT] section."""
    span = view.locate(section, key)
    return span is not None and span == view.locate("DEFAULT", key)


def _cause_text(state: ResolutionState, cause: Cause | None) -> str:
    if isinstance(cause, VariableRef):
        return cause.name
    if isinstance(cause, ParameterRef):
        return f"Session({cause.name}=...)"
    if isinstance(cause, EntryRef):
        found = state.file_at(cause.path)
        origin = ""
        if (
            found is not None
            and cause.key is not None
            and injected(found[1], cause.section, cause.key)
        ):
            origin = " (from [DEFAULT])"
        key = "" if cause.key is None else f"{cause.key} in "
        return f"{key}[{cause.section}] of {cause.path}{origin}"
    if isinstance(cause, FileRef):
        return cause.path
    return "nowhere"


def _shown_value(key: str | None, value: Any) -> object:
    secret = key is not None and (is_secret_key(key) or is_secret_variable(key))
    return shown(value, secret)


def _shadow_for(state: ResolutionState, c: Candidate, name: str) -> Shadow:
    if c.source.startswith("env:"):
        var = c.source[4:]
        return Shadow(
            "environment",
            f"{var} is set and comes before the profile for {name}",
            None,
            var,
            shown(c.value, is_secret_variable(var)),
        )
    if c.source == "explicit":
        return Shadow("explicit-parameter", f"Session(...) passes {name}", None, None, c.value)
    if c.source == "credentials-file":
        return Shadow(
            "credentials-file",
            f"the credentials file sets {c.key} for this profile too, and wins",
            where(state, c.cause),
            None,
            _shown_value(c.key, c.value),
        )
    return Shadow(
        "higher-tier", f"{_cause_text(state, c.cause)} comes first", where(state, c.cause)
    )


def _file_not_read_shadow(state: ResolutionState, path: str) -> Shadow:
    files = state.files
    home = state.env.expanduser("~")
    defaults = {
        os.path.join(home, ".aws", "config"): files.config_location,
        os.path.join(home, ".aws", "credentials"): files.credentials_location,
    }
    for default, loc in defaults.items():
        if same_path(default, path) and loc.chosen_by != "default":
            return Shadow(
                "file-not-read",
                f"{loc.chosen_by} points to {loc.path}: boto3 does not read this file",
                None,
                loc.chosen_by,
                loc.written,
            )
    boto = files.boto
    if boto and boto[0][0].chosen_by == "BOTO_CONFIG":
        for default in ("/etc/boto.cfg", os.path.join(home, ".boto")):
            if same_path(default, path):
                return Shadow(
                    "file-not-read",
                    f"BOTO_CONFIG points to {boto[0][0].path}: botocore reads no other boto2 file",
                    None,
                    "BOTO_CONFIG",
                    boto[0][0].written,
                )
    read = ", ".join(loc.path for loc, _ in files.views())
    return Shadow("file-not-read", f"boto3 does not read this file here (it reads {read})")


# Hover asks the same entry often: facts kept per state, (path, section, key).
_FACTS: WeakKeyDictionary[ResolutionState, dict[tuple[str, str, str], EntryFacts]] = (
    WeakKeyDictionary()
)


def entry_facts(state: ResolutionState, path: str, section: str, key: str) -> EntryFacts:
    """What boto3 does with `key` in `[section]` of the file at `path`, in this environment.

    `section` is the name as written ("profile dev", "DEFAULT"); `key` is lower-case, and a
    nested sub-key is written "s3.addressing_style".
    """

    known = _FACTS.setdefault(state, {})
    if (path, section, key) not in known:
        facts = _entry_facts(state, path, section, key)
        shadows = tuple(s._replace(message=state.redact(s.message)) for s in facts.shadowed_by)
        known[path, section, key] = facts._replace(shadowed_by=shadows)
    return known[path, section, key]


def _entry_facts(state: ResolutionState, path: str, section: str, key: str) -> EntryFacts:
    found = state.file_at(path)
    if found is None:
        return EntryFacts(path, section, key, shadowed_by=(_file_not_read_shadow(state, path),))
    loc, view = found
    if view.failure is not None:
        f = view.failure
        msg = f"botocore refuses {loc.path} ({f.type} at line {f.line + 1}): nothing in it is used"
        shadow = Shadow("file-refused", msg, Where(loc.path, f.span))
        return EntryFacts(path, section, key, shadowed_by=(shadow,))
    if loc.kind is FileKind.BOTO:
        return _boto_facts(state, loc, view, section, key)
    if section == "DEFAULT":
        return _default_facts(state, loc, view, key)
    if loc.kind is FileKind.CONFIG:
        group, name = classify(section, FileKind.CONFIG)
        if group in ("sso_sessions", "services") and name is not None:
            return _named_section_facts(state, loc, view, section, key, group, name)
        if group == "other" or name is None:
            why = (
                f"[{section}] is dropped: a profile header is [profile NAME] with one name"
                if group != "other"
                else f"[{section}] is not a profile in the config file (write [profile {section}])"
            )
            return EntryFacts(path, section, key, shadowed_by=(Shadow("not-a-profile", why),))
        profile = name
        fc = state.full_config
        if fc is not None and fc.config_sections.get(profile) != section:
            kept = fc.config_sections.get(profile)
            kept_at = where(state, EntryRef(loc.path, FileKind.CONFIG, kept)) if kept else None
            msg = f"[{kept}] later in this file defines profile {profile} again and replaces this"
            shadow = Shadow("later-section", msg, kept_at)
            return EntryFacts(path, section, key, profile, shadowed_by=(shadow,))
    else:
        profile = section
    return _profile_entry_facts(state, loc, view, section, key, profile)


def _profile_entry_facts(
    state: ResolutionState, loc: FileLocation, view: FileView, section: str, key: str, profile: str
) -> EntryFacts:
    top = key.split(".", 1)[0]
    ref = EntryRef(loc.path, view.kind, section, top)
    entry = _Entry(state, view, section, key, profile, ref, profile in state.reached_profiles)
    if not entry.reached:
        entry.shadows.append(
            Shadow(
                "unreached-profile",
                f"profile {profile} is not selected right now ({_selection_text(state)})",
            )
        )
    has_wi = _merged(state, profile).get("web_identity_token_file") is not None
    tier = T.tier_of_key(top, view.kind is FileKind.CREDENTIALS, has_wi)
    if key == "s3":  # the nested block as a whole
        settings = tuple(n for k, v in KEY_SETTINGS.items() if k.startswith("s3.") for n in v)
    else:
        settings = KEY_SETTINGS.get(key, ())
    if tier is not None:
        use = _credential_use(entry, tier)
    elif settings:
        use = _setting_use(entry, settings)
    elif top in ("endpoint_url", "services"):
        use = _endpoint_use(entry)
    else:
        use = _Use()
        entry.notes.append(f"no botocore chain reads {key}")
    return EntryFacts(
        loc.path,
        section,
        key,
        profile,
        use.tier,
        use.used,
        use.value,
        use.source,
        use.source_location,
        tuple(entry.shadows),
        tuple(entry.notes),
    )


def _merged(state: ResolutionState, profile: str) -> dict[str, Any]:
    fc = state.full_config
    return {} if fc is None else dict(fc.profiles.get(profile, {}))


def _selection_text(state: ResolutionState) -> str:
    sel = state.selection
    if sel.selected_by == "default":
        return "no profile is selected, so boto3 uses default"
    if sel.explicit:
        return f"Session(profile_name={sel.name!r}) selects it"
    return f"{sel.selected_by}={sel.name} selects it"


def _credential_use(entry: _Entry, tier: T.Tier) -> _Use:
    """A profile lent to an assume-role chain drops the shadows that do not hold for it."""
    state, key, profile = entry.state, entry.key, entry.profile
    shadows, notes = entry.shadows, entry.notes
    outcome = state.credentials(state.selection_for(profile))
    step = next(s for s in outcome.steps if s.tier is tier)
    win = outcome.tier
    found = outcome.found
    used = False
    value: object = None
    source: str | None = None
    source_at: Where | None = None
    if found is not None and win is not None:
        source, source_at = win.label, where(state, found.cause)
        field = STATIC_FIELDS.get(key)
        if field is not None:
            raw = getattr(found, field)
            value = None if raw is None else mask(raw)
        elif win is tier:
            value = _effective(state, profile, key, tier)
    if outcome.error is not None and win is not None:
        shadows.append(
            Shadow(
                "credentials-error",
                f"{win.label} raises {outcome.error.type}: {outcome.error.message}",
                where(state, outcome.error.cause),
            )
        )
        if win is tier:
            notes.append(f"this profile's credentials fail at {tier.label}")
    elif win is not None and win.number < tier.number:
        if win is T.ENV:
            shadows.append(
                Shadow(
                    "environment",
                    "AWS_ACCESS_KEY_ID is set and beats every profile unless a profile is passed "
                    "explicitly",
                    None,
                    "AWS_ACCESS_KEY_ID",
                    mask(state.env.variables.get("AWS_ACCESS_KEY_ID")),
                )
            )
        elif win.number <= 2:
            shadows.append(Shadow("explicit-parameter", "credentials are passed to Session(...)"))
        else:
            shadows.append(
                Shadow(
                    "higher-tier",
                    f"{win.label} wins ({_cause_text(state, found.cause if found else None)})",
                    source_at,
                )
            )
    elif win is tier and found is not None:
        used = True
        shadows += _within_tier(entry, tier)
        used = not any(
            s.reason in ("credentials-file", "same-section", "environment") for s in shadows
        )
    else:
        shadows.append(Shadow("not-triggered", f"{tier.label} does not apply: {step.reason}"))
    # A profile used as the source of an assume-role chain lends it its credentials.
    for hop in state.credentials().hops:
        if hop.via == "source_profile" and hop.source == profile and hop.method == tier.method:
            notes.append(f"used as source_profile of {hop.profile} ({tier.label})")
            used = True
            shadows[:] = [
                s
                for s in shadows
                if s.reason not in ("environment", "higher-tier", "unreached-profile")
            ]
    if not entry.reached and not any(n.startswith("used as source_profile") for n in notes):
        used = False
    return _Use(tier.label, used, value, source, source_at)


STATIC_FIELDS = {
    "aws_access_key_id": "access_key",
    "aws_secret_access_key": "secret_key",
    "aws_session_token": "token",
    "aws_security_token": "token",
}


def _effective(state: ResolutionState, profile: str, key: str, tier: T.Tier) -> object:
    """The value the winning provider reads for `key`: the merged profile, or the variable."""
    var = WEB_IDENTITY_VARS.get(key)
    explicit = state.selection_for(profile).explicit
    if tier is T.WEB_IDENTITY and var is not None and var in state.env.variables and not explicit:
        return state.env.variables[var]
    return _merged(state, profile).get(key)


def _within_tier(entry: _Entry, tier: T.Tier) -> list[Shadow]:
    """Why this entry is not the one the winning provider reads, though its tier wins."""
    state, section, key, ref = entry.state, entry.section, entry.key, entry.ref
    out: list[Shadow] = []
    sections = entry.view.sections or {}
    if key == "aws_session_token" and "aws_security_token" in sections.get(section, {}):
        out.append(
            Shadow(
                "same-section",
                "aws_security_token is read before aws_session_token",
                where(state, EntryRef(ref.path, ref.kind, section, "aws_security_token")),
            )
        )
    if tier in (T.SHARED_FILE, T.CONFIG_FILE):
        return out
    fc = state.full_config
    origin = None if fc is None else fc.origins.get(entry.profile, {}).get(key)
    if origin is not None and origin != ref and origin.kind is FileKind.CREDENTIALS:
        out.append(
            Shadow(
                "credentials-file",
                f"the credentials file sets {key} for this profile too, and wins",
                where(state, origin),
            )
        )
    env_var = WEB_IDENTITY_VARS.get(key)
    sel = state.selection_for(entry.profile)
    if tier is T.WEB_IDENTITY and env_var and not sel.explicit and env_var in state.env.variables:
        out.append(
            Shadow(
                "environment",
                f"{env_var} is set and wins over the profile unless a profile is passed explicitly",
                None,
                env_var,
                state.env.variables[env_var],
            )
        )
    return out


def _setting_use(entry: _Entry, settings: tuple[str, ...]) -> _Use:
    state, key, ref, shadows = entry.state, entry.key, entry.ref, entry.shadows
    sel = state.selection_for(entry.profile)
    used = False
    value: object = None
    source: str | None = None
    source_at: Where | None = None
    for name in settings:
        chain = state.setting(name, sel)
        if chain.error is not None:
            shadows.append(
                Shadow("credentials-error", f"{name}: {chain.error.type}: {chain.error.message}")
            )
            continue
        blocker = chain.blocked_by
        if blocker is not None:
            message = (
                f"{blocker.key} = {blocker.value!r} is not a nested block: botocore ignores "
                f"every {blocker.key} setting"
            )
            if not any(s.message == message for s in shadows):
                shadows.append(Shadow("not-triggered", message, where(state, blocker.cause)))
            continue
        winner = chain.winner
        if winner is None:
            continue
        if winner.cause == ref:
            used = True
            value, source, source_at = (
                _shown_value(key, chain.value),
                "this entry",
                where(state, ref),
            )
            continue
        mine = [c for c in chain.shadowed if c.cause == ref]
        if not mine:
            continue
        value = _shown_value(key, chain.value)
        source, source_at = winner.source, where(state, winner.cause)
        shadows.append(_shadow_for(state, winner, name))
    label = settings[0] if len(settings) == 1 else key
    return _Use(f"setting: {label}", used and entry.reached, value, source, source_at)


def _endpoint_use(entry: _Entry) -> _Use:
    state, key, ref, shadows = entry.state, entry.key, entry.ref, entry.shadows
    chain = endpoint_chain(state.session(state.selection_for(entry.profile)), None)
    used = (
        entry.reached
        and key == "endpoint_url"
        and chain.winner is not None
        and chain.winner.cause == ref
    )
    if chain.ignored_by is not None:
        shadows.append(
            Shadow(
                "endpoints-ignored",
                "ignore_configured_endpoint_urls is true "
                f"({_cause_text(state, chain.ignored_by.cause)})",
                where(state, chain.ignored_by.cause),
            )
        )
    elif key == "endpoint_url" and chain.winner is not None and chain.winner.cause != ref:
        shadows.append(_shadow_for(state, chain.winner, "endpoint_url"))
    if chain.error is not None:
        shadows.append(Shadow("credentials-error", chain.error.message))
    if key == "endpoint_url":
        env_services = sorted(v for v in state.env.variables if v.startswith("AWS_ENDPOINT_URL_"))
        if env_services:
            entry.notes.append(
                "services with their own variable ignore it: " + ", ".join(env_services)
            )
    winner = chain.winner
    return _Use(
        "setting: endpoint_url",
        used or (key == "services" and entry.reached and chain.error is None),
        chain.value,
        None if winner is None else winner.source,
        None if winner is None else where(state, winner.cause),
    )


def _default_facts(
    state: ResolutionState, loc: FileLocation, view: FileView, key: str
) -> EntryFacts:
    """A [DEFAULT] entry: injected into every section of the file that lacks the key."""
    into: list[str] = []
    shadows: list[Shadow] = []
    used = False
    for section in view.sections or {}:
        if injected(view, section, key):
            into.append(section)
            used = used or entry_facts(state, loc.path, section, key).used
        elif key in (view.sections or {})[section]:
            shadows.append(
                Shadow(
                    "default-section",
                    f"[{section}] sets {key} itself",
                    where(state, EntryRef(loc.path, view.kind, section, key)),
                )
            )
    notes = ["injected into " + ", ".join(f"[{s}]" for s in into)] if into else ["injected nowhere"]
    return EntryFacts(
        loc.path, "DEFAULT", key, used=used, shadowed_by=tuple(shadows), notes=tuple(notes)
    )


def _named_section_facts(
    state: ResolutionState,
    loc: FileLocation,
    view: FileView,
    section: str,
    key: str,
    group: str,
    name: str,
) -> EntryFacts:
    fc = state.full_config
    kept = (
        None
        if fc is None
        else (fc.sso_session_sections if group == "sso_sessions" else fc.services_sections).get(
            name
        )
    )
    if kept is not None and kept != section:
        msg = f"[{kept}] later in this file defines {name} again and replaces this section"
        at = where(state, EntryRef(loc.path, FileKind.CONFIG, kept))
        return EntryFacts(loc.path, section, key, shadowed_by=(Shadow("later-section", msg, at),))
    ref_key = "sso_session" if group == "sso_sessions" else "services"
    users = sorted(
        p for p, values in (fc.profiles.items() if fc else []) if values.get(ref_key) == name
    )
    reached = [p for p in users if p in state.reached_profiles]
    shadows = []
    if not reached:
        shadows.append(
            Shadow("unreached-profile", f"no selected profile uses {ref_key} = {name} right now")
        )
    notes = (
        [f"used by profile {', '.join(users)}"]
        if users
        else [f"no profile sets {ref_key} = {name}"]
    )
    tier = T.SSO.label if group == "sso_sessions" else "setting: endpoint_url"
    return EntryFacts(
        loc.path,
        section,
        key,
        tier=tier,
        used=bool(reached),
        shadowed_by=tuple(shadows),
        notes=tuple(notes),
    )


def _boto_facts(
    state: ResolutionState, loc: FileLocation, view: FileView, section: str, key: str
) -> EntryFacts:
    if section != "Credentials" or key not in ("aws_access_key_id", "aws_secret_access_key"):
        msg = "botocore reads only aws_access_key_id and aws_secret_access_key of [Credentials]"
        return EntryFacts(loc.path, section, key, shadowed_by=(Shadow("boto-ignored", msg),))
    shadows: list[Shadow] = []
    for other, other_view in state.files.boto:
        if same_path(other.path, loc.path):
            break
        creds = (other_view.sections or {}).get("Credentials", {})
        if "aws_access_key_id" in creds:
            at = where(
                state, EntryRef(other.path, FileKind.BOTO, "Credentials", "aws_access_key_id")
            )
            shadows.append(
                Shadow("boto-precedence", f"{other.path} is read first and has credentials", at)
            )
    outcome = state.credentials()
    win = outcome.tier
    if win is not None and win.number < T.BOTO.number and outcome.found is not None:
        shadows.append(
            Shadow(
                "higher-tier",
                f"{win.label} wins ({_cause_text(state, outcome.found.cause)})",
                where(state, outcome.found.cause),
            )
        )
    elif outcome.error is not None:
        shadows.append(
            Shadow("credentials-error", f"{outcome.error.type}: {outcome.error.message}")
        )
    used = not shadows and outcome.method == T.BOTO.method
    return EntryFacts(
        loc.path,
        section,
        key,
        tier=T.BOTO.label,
        used=used,
        value=outcome.method,
        source=None if win is None else win.label,
        source_location=None if outcome.found is None else where(state, outcome.found.cause),
        shadowed_by=tuple(shadows),
    )
