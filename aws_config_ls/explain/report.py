"""`aws-config-ls explain`: a complete `aws configure list`, as JSON and as text.

The JSON shape is a contract (the CLI prints it, tools parse it):

    {"profile": {"name", "selected_by"},
     "files": {"config", "credentials": {"path", "chosen_by", "exists", "error"}, "boto": [...],
               "ec2_credentials": {...} | null},
     "environment": {"<VAR>": value (credentials masked)},
     "credentials": {"method", "error": null | {"type", "message"}, "tier",
                     "location": {"path", "line"} | null, "access_key", "secret_key", "token",
                     "source_chain": [{"profile", "via", "source", "method"}],
                     "chain": [{"tier", "name", "method", "status", "reason"}],
                     "profiles": [{"name", "exists", "role_arn", "source_profile",
                                   "credential_source", "mfa_serial", "mfa_prompt",
                                   "external_id", "role_session_name", "duration_seconds",
                                   "web_identity_token_file", "credential_process",
                                   "sso": null | {"session", "start_url", "region", "account_id",
                                                  "role_name", "token": null | {"path",
                                                  "present", "problem", "expires_at", "expired",
                                                  "hours", "refreshable", "login_needed",
                                                  "summary"}}}]},
     "settings": {"<name>": {"value", "source", "location", "shadowed": [...], "error"}}}

`credentials.profiles` is every profile the credentials pass through, the selected one
first. `line` is 1-based. Every credential value is masked (last four characters), and so is
`external_id` and any secret-looking argument of `credential_process`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from aws_config_ls.catalogue.secrets import is_secret_variable, mask
from aws_config_ls.ini.fileview import FileView
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import classify
from aws_config_ls.resolution.chain import Candidate
from aws_config_ls.resolution.credentials import CredentialOutcome
from aws_config_ls.resolution.environment import (
    FileLocation,
    KeyValueFile,
    ProfileSelection,
    relevant_variables,
)
from aws_config_ls.resolution.refs import BotoError, Cause
from aws_config_ls.resolution.settings import (
    configured_services,
    endpoint_chain,
    profile_settings,
)
from aws_config_ls.resolution.shadows import Where, where
from aws_config_ls.resolution.ssocache import token_state
from aws_config_ls.resolution.state import ResolutionState

Json = dict[str, Any]


def _location(w: Where | None) -> Json | None:
    if w is None:
        return None
    return {"path": w.path, "line": None if w.span is None else w.span.start.line + 1}


def _error(state: ResolutionState, e: BotoError | None) -> Json | None:
    return None if e is None else {"type": e.type, "message": state.redact(e.message)}


def _file(state: ResolutionState, loc: FileLocation, view: FileView) -> Json:
    error = None
    if view.failure is not None:
        error = {
            "type": view.failure.type,
            "message": state.redact(view.failure.message),
            "line": view.failure.line + 1,
        }
    return {"path": loc.path, "chosen_by": loc.chosen_by, "exists": view.exists, "error": error}


def _key_value_file(state: ResolutionState, loc: FileLocation, kv: KeyValueFile) -> Json:
    error = None
    if kv.error is not None and kv.error[0] != "OSError":  # OSError: absent, not an error
        error = {"type": kv.error[0], "message": state.redact(kv.error[1]), "line": None}
    exists = kv.values is not None or error is not None
    return {"path": loc.path, "chosen_by": loc.chosen_by, "exists": exists, "error": error}


def _candidate(state: ResolutionState, c: Candidate) -> Json:
    return {"value": c.value, "source": c.source, "location": _location(where(state, c.cause))}


def _selection(state: ResolutionState, profile: str | None) -> ProfileSelection:
    if profile is None:
        return state.selection
    return ProfileSelection(profile, "explicit", True)


def _credentials(state: ResolutionState, outcome: CredentialOutcome) -> Json:
    found = outcome.found
    tier = outcome.tier
    cause: Cause | None = found.cause if found is not None else None
    return {
        "method": outcome.method,
        "error": _error(state, outcome.error),
        "tier": None if tier is None or found is None else tier.label,
        "location": _location(where(state, cause)),
        "access_key": None if found is None or found.access_key is None else mask(found.access_key),
        "secret_key": None if found is None or found.secret_key is None else mask(found.secret_key),
        "token": None if found is None or found.token is None else mask(found.token),
        "source_chain": [
            {"profile": h.profile, "via": h.via, "source": h.source, "method": h.method}
            for h in outcome.hops
        ],
        "chain": [
            {
                "tier": s.tier.number,
                "name": s.tier.name,
                "method": s.tier.method,
                "status": s.status,
                "reason": state.redact(s.reason),
            }
            for s in outcome.steps
        ],
        "profiles": _chain_profiles(state, outcome),
    }


def _chain_profiles(state: ResolutionState, outcome: CredentialOutcome) -> list[Json]:
    """The selected profile and every source_profile its credentials come through."""
    names = [outcome.profile, *(h.source for h in outcome.hops if h.via == "source_profile")]
    return [_profile_facts(state, name) for name in dict.fromkeys(names)]


def _profile_facts(state: ResolutionState, name: str) -> Json:
    full = state.full_config
    values = {} if full is None else full.profiles.get(name)
    p = values or {}

    def text(key: str) -> str | None:
        value = p.get(key)
        return value if isinstance(value, str) else None

    role = text("role_arn")
    process = text("credential_process")
    return {
        "name": name,
        "exists": values is not None,
        "role_arn": role,
        "source_profile": text("source_profile"),
        "credential_source": text("credential_source"),
        "mfa_serial": text("mfa_serial"),
        # AssumeRoleProvider passes mfa_serial as SerialNumber and asks getpass.getpass for
        # the code (credentials.py AssumeRoleProvider / AssumeRoleCredentialFetcher).
        "mfa_prompt": role is not None and text("mfa_serial") is not None,
        "external_id": None if text("external_id") is None else mask(text("external_id")),
        "role_session_name": text("role_session_name"),
        "duration_seconds": text("duration_seconds"),
        "web_identity_token_file": text("web_identity_token_file"),
        "credential_process": None if process is None else _masked_command(state, process),
        "sso": _sso(state, p),
    }


# `--token x`, `--client-secret=x`, `TOKEN=x`: an option or variable naming a secret, its value.
_SECRET_OPTION = re.compile(
    r"(?i)((?:^|\s)-{0,2}[\w-]*(?:secret|passw|token|credential|key)[\w-]*(?:=|\s+))"
    r"([^\s-]\S*)"
)


def _masked_command(state: ResolutionState, command: str) -> str:
    """A command line with known secrets and the values of secret-named options masked."""
    return _SECRET_OPTION.sub(lambda m: m.group(1) + mask(m.group(2)), state.redact(command))


def _sso(state: ResolutionState, profile: Mapping[str, object]) -> Json | None:
    """The SSO login a profile uses: its own keys or its [sso-session] (credentials.py
    SSOProvider._load_sso_config), and the cached token's state."""
    if "sso_account_id" not in profile and "sso_role_name" not in profile:
        return None
    session_name = profile.get("sso_session")
    session_name = session_name if isinstance(session_name, str) else None
    full = state.full_config
    session = full.sso_sessions.get(session_name, {}) if full and session_name else {}
    source = session if session_name is not None else profile

    def text(values: Mapping[str, object], key: str) -> str | None:
        value = values.get(key)
        return value if isinstance(value, str) else None

    start_url = text(source, "sso_start_url")
    token = token_state(state.env, start_url, session_name)
    return {
        "session": session_name,
        "start_url": start_url,
        "region": text(source, "sso_region"),
        "account_id": text(profile, "sso_account_id"),
        "role_name": text(profile, "sso_role_name"),
        "token": None
        if token is None
        else {
            "path": token.path,
            "present": token.present,
            "problem": token.problem,
            "expires_at": token.expires_at,
            "expired": token.expired,
            "hours": token.hours,
            "refreshable": token.refreshable,
            "login_needed": token.login_needed,
            "summary": token.describe(),
        },
    }


def _setting(
    state: ResolutionState,
    value: object,
    winner: Candidate | None,
    shadowed: Sequence[Candidate],
    error: BotoError | None,
) -> Json:
    """One setting: its value, where it comes from ("default", "unset" without a source)."""
    fallback = "unset" if value is None else "default"
    return {
        "value": value,
        "source": fallback if winner is None else winner.source,
        "location": None if winner is None else _location(where(state, winner.cause)),
        "shadowed": [_candidate(state, c) for c in shadowed],
        "error": _error(state, error),
    }


def explain_report(state: ResolutionState, profile: str | None, every: bool = False) -> Json:
    """Everything boto3 resolves for `profile` (passed explicitly) or the current selection;
    `every`: unset settings too."""
    sel = _selection(state, profile)
    files = state.files
    settings: Json = {}
    # Every setting that has a value (its default included) or fails; region always.
    for name in profile_settings():
        chain = state.setting(name, sel)
        if every or chain.value is not None or chain.error is not None or name == "region":
            settings[name] = _setting(state, chain.value, chain.winner, chain.shadowed, chain.error)
    for service in [None, *configured_services(state.session(sel))]:
        ep = endpoint_chain(state.session(sel), service)
        if ep.value is not None or ep.error is not None:
            key = "endpoint_url" if service is None else f"endpoint_url.{service}"
            settings[key] = _setting(state, ep.value, ep.winner, ep.shadowed, ep.error)
    environment = {
        k: (mask(v) if is_secret_variable(k) else v)
        for k, v in relevant_variables(state.env).items()
    }
    return {
        "profile": {
            "name": sel.name if sel.name is not None else "default",
            "selected_by": sel.selected_by,
        },
        "files": {
            "config": _file(state, files.config_location, files.config),
            "credentials": _file(state, files.credentials_location, files.credentials),
            "boto": [_file(state, loc, view) for loc, view in files.boto],
            "ec2_credentials": None if files.ec2 is None else _key_value_file(state, *files.ec2),
        },
        "environment": environment,
        "credentials": _credentials(state, state.credentials(sel)),
        "settings": settings,
    }


def profiles(state: ResolutionState) -> list[Json]:
    """Every profile botocore knows (config and credentials files), with the files defining it."""
    found: dict[str, list[str]] = {}
    for loc, view in (
        (state.files.config_location, state.files.config),
        (state.files.credentials_location, state.files.credentials),
    ):
        for section in view.sections or {}:
            if view.kind is FileKind.CONFIG:
                group, name = classify(section, FileKind.CONFIG)
                if group != "profiles" or name is None:
                    continue
            else:
                name = section
            paths = found.setdefault(name, [])
            if loc.path not in paths:
                paths.append(loc.path)
    return [{"name": n, "files": p} for n, p in found.items()]


def _at(location: Json | None) -> str:
    if location is None:
        return ""
    line = location.get("line")
    return f"{location['path']}:{line}" if line else str(location["path"])


_SELECTED_BY = {
    "explicit": "passed by name, as Session(profile_name=...) does",
    "AWS_PROFILE": "selected by the AWS_PROFILE variable",
    "AWS_DEFAULT_PROFILE": "selected by the AWS_DEFAULT_PROFILE variable",
    "default": "the default: nothing selects another profile",
}
_FACTS = (
    ("role_arn", "role"),
    ("source_profile", "source profile"),
    ("credential_source", "credential source"),
    ("mfa_serial", "MFA device"),
    ("external_id", "external id"),
    ("role_session_name", "session name"),
    ("duration_seconds", "duration (s)"),
    ("web_identity_token_file", "web identity token"),
    ("credential_process", "process"),
)


def _profile_lines(facts: Json) -> list[str]:
    """One profile of the credential chain: what it assumes, with what, through which login."""
    shown = [(label, facts[key]) for key, label in _FACTS if facts.get(key) is not None]
    sso = facts.get("sso")
    if not shown and sso is None:
        return []
    lines = ["", f"  [{facts['name']}]" + ("" if facts["exists"] else "  (not defined)")]
    lines += [f"    {label:<19}{value}" for label, value in shown]
    if facts.get("mfa_prompt"):
        lines.append(
            "    note               boto3 asks for an MFA code on the terminal (getpass) when it "
            "assumes this role; a program without a terminal cannot answer"
        )
    if sso is not None:
        for key, label in (
            ("session", "sso-session"),
            ("start_url", "SSO start URL"),
            ("region", "SSO region"),
            ("account_id", "account"),
            ("role_name", "SSO role"),
        ):
            if sso[key] is not None:
                lines.append(f"    {label:<19}{sso[key]}")
        if sso["token"] is not None:
            lines.append(f"    {'login':<19}{sso['token']['summary']}")
            lines.append(f"    {'token cache':<19}{sso['token']['path']}")
    return lines


def render_text(report: Json, every: bool = False) -> str:
    """The report for a terminal: a few aligned tables, secrets already masked."""
    out: list[str] = []
    p = report["profile"]
    out.append(
        f"profile      {p['name']}  ({_SELECTED_BY.get(p['selected_by'], p['selected_by'])})"
    )
    for role in ("config", "credentials"):
        f = report["files"][role]
        state = (
            "refused: " + f["error"]["type"]
            if f["error"]
            else ("present" if f["exists"] else "absent")
        )
        out.append(f"{role:<12} {f['path']}  ({f['chosen_by']}; {state})")
    for f in report["files"]["boto"]:
        present = "present" if f["exists"] else "absent"
        out.append(f"{'boto2':<12} {f['path']}  ({f['chosen_by']}; {present})")
    ec2 = report["files"]["ec2_credentials"]
    if ec2 is not None:
        out.append(f"{'ec2 file':<12} {ec2['path']}  ({'present' if ec2['exists'] else 'absent'})")
    c = report["credentials"]
    out.append("")
    if c["error"] is not None:
        out.append(f"credentials  ERROR {c['error']['type']}: {c['error']['message']}")
    elif c["method"] is None:
        out.append("credentials  none found (NoCredentialsError when a client signs a request)")
    else:
        out.append(f"credentials  {c['method']}  ({c['tier']})  {_at(c['location'])}".rstrip())
        for label in ("access_key", "secret_key", "token"):
            if c[label] is not None:
                out.append(f"  {label:<11}{c[label]}")
    for hop in c["source_chain"]:
        out.append(
            f"  {hop['profile']} -> {hop['via']} {hop['source']} ({hop['method'] or 'failed'})"
        )
    for facts in c.get("profiles", []):
        out.extend(_profile_lines(facts))
    out.append("")
    out.append("chain")
    for step in c["chain"]:
        out.append(f"  {step['tier']:>2} {step['name']:<28} {step['status']:<15} {step['reason']}")
    out.append("")
    out.append("settings")
    quiet = 0
    for name, s in report["settings"].items():
        quiet_setting = s["source"] in (None, "default", "unset") and s["error"] is None
        if not every and name != "region" and quiet_setting:
            quiet += 1
            continue
        value = (
            "ERROR " + s["error"]["type"]
            if s["error"]
            else "(not set)"
            if s["value"] is None
            else repr(s["value"])
        )
        out.append(f"  {name:<36} {value:<24} {s['source'] or '-'}  {_at(s['location'])}".rstrip())
        for sh in s["shadowed"]:
            if sh["source"] == "default":
                continue
            out.append(
                f"    shadowed: {sh['value']!r} from {sh['source']}  {_at(sh['location'])}".rstrip()
            )
    if quiet:
        out.append(f"  ({quiet} more at their defaults or unset; --all lists them)")
    if report["environment"]:
        out.append("")
        out.append("environment")
        for k, v in report["environment"].items():
            out.append(f"  {k}={v}")
    return "\n".join(out) + "\n"
