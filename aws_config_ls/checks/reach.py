"""Whether botocore ever reads an entry: an error on a value it never reads is only a warning.

A value check says what botocore does *when it reads the value*; these rules say when it
does not: another file or the section itself overrides it, nothing names the section, or
the key only matters beside another one (`credential_source` needs `role_arn`).
"""

from __future__ import annotations

from aws_config_ls.catalogue.values import VALUE_CODES
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import DEFAULT, Model
from aws_config_ls.ini.problems import Problem, Severity
from aws_config_ls.resolution import TIERS, ResolutionState
from aws_config_ls.resolution.environment import ProfileSelection


def soften_unread(problems: list[Problem], model: Model, state: ResolutionState) -> list[Problem]:
    """Value errors on entries botocore never reads become warnings saying why."""
    out = []
    for problem in problems:
        if problem.severity is Severity.ERROR and problem.code in VALUE_CODES:
            why = _unread(model, state, problem.span.start.line)
            if why is not None:
                problem = problem._replace(
                    severity=Severity.WARNING,
                    message=f"{problem.message} (Not now: {why}.)",
                )
        out.append(problem)
    return out


def _unread(model: Model, state: ResolutionState, line: int) -> str | None:
    section = model.section_at(line)
    if section is None:
        return None
    entry = model.entry_at(section, line)
    if entry is None:
        return None
    key = entry.key
    full = state.full_config
    if section.name == DEFAULT:
        for reader, where in model.placements:
            if where.group != "profiles" or any(e.key == key for e in reader.node.entries):
                continue
            if not _credentials_win(model, state, where.name, key):
                return None
        return (
            "no profile of this file takes this value: each sets its own (or the credentials "
            "file does), or there is none"
        )
    if full is None:
        return None
    placed = model.placement_at.get(section.header)
    if placed is None or placed.name is None:
        return None
    if placed.group == "services" and model.kind is FileKind.CONFIG:
        if not any(p.get("services") == placed.name for p in full.profiles.values()):
            return f"no profile names `services = {placed.name}`"
        return None
    if placed.group != "profiles":
        return None
    merged = full.profiles.get(placed.name, {})
    if _credentials_win(model, state, placed.name, key):
        return "the credentials file sets the same key for this profile, and its value wins"
    if key == "credential_source" and (
        "role_arn" not in merged or "web_identity_token_file" in merged
    ):
        return "botocore reads `credential_source` only beside `role_arn` (without web identity)"
    if key == "region" and not model.value(section, entry) and merged.get("endpoint_url"):
        return "`endpoint_url` is set, so no endpoint is built from the region"
    if key == "credential_process":
        outcome = state.credentials(ProfileSelection(placed.name, "explicit", True))
        tier = outcome.tier
        if tier is not None and tier.method != "custom-process" and tier.number < PROCESS_TIER:
            return f"a higher provider of this profile ({tier.method}) comes first"
    return None


def _credentials_win(model: Model, state: ResolutionState, profile: str | None, key: str) -> bool:
    """Whether the credentials file gives `profile` its `key`, over this config file's value
    (session.py full_config: the credentials file's sections update the config's profiles)."""
    full = state.full_config
    if full is None or profile is None or model.kind is not FileKind.CONFIG:
        return False
    origin = full.origins.of(profile, key)
    return origin is not None and origin.kind is not model.kind


PROCESS_TIER = next(t.number for t in TIERS if t.method == "custom-process")
