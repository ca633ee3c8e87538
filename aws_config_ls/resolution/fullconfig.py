"""`Session.full_config` rebuilt from FileViews, remembering where every value came from.

Mirrors configloader.py build_profile_map (config file) and session.py full_config (the
credentials file merged in key by key, credentials winning).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from aws_config_ls.fileview import RawSections, RawValue
from aws_config_ls.kinds import FileKind
from aws_config_ls.model import classify
from aws_config_ls.resolution.refs import EntryRef

Profile = dict[str, RawValue]


@dataclass
class FullConfig:
    """full_config's dicts plus, for each value, the entry it was read from."""

    profiles: dict[str, Profile] = field(default_factory=dict)
    sso_sessions: dict[str, Profile] = field(default_factory=dict)
    services: dict[str, Profile] = field(default_factory=dict)
    # profile -> key -> entry providing the merged value
    origins: dict[str, dict[str, EntryRef]] = field(default_factory=dict)
    # profile -> the config section botocore kept (the last spelling wins wholesale)
    config_sections: dict[str, str] = field(default_factory=dict)
    sso_session_sections: dict[str, str] = field(default_factory=dict)
    services_sections: dict[str, str] = field(default_factory=dict)
    credentials_profiles: frozenset[str] = frozenset()


def load_config(path: str, sections: RawSections) -> FullConfig:
    """configloader.build_profile_map over one config file's raw sections, in file order."""
    fc = FullConfig()
    for raw, values in sections.items():
        group, name = classify(raw, FileKind.CONFIG)
        if group == "other" or name is None:
            continue
        copy: Profile = dict(values)
        if group == "profiles":
            fc.profiles[name] = copy
            fc.config_sections[name] = raw
            fc.origins[name] = {k: EntryRef(path, FileKind.CONFIG, raw, k) for k in copy}
        elif group == "sso_sessions":
            fc.sso_sessions[name] = copy
            fc.sso_session_sections[name] = raw
        else:
            fc.services[name] = copy
            fc.services_sections[name] = raw
    return fc


def merge_credentials(config: FullConfig, path: str, sections: RawSections) -> FullConfig:
    """session.py full_config: every credentials section is a profile, updated key by key.

    Returns a new FullConfig; `config` (cached, shared) is left as it was.
    """
    fc = replace(config, profiles=dict(config.profiles), origins=dict(config.origins))
    for name, values in sections.items():
        fc.profiles[name] = {**fc.profiles.get(name, {}), **values}
        fc.origins[name] = {
            **fc.origins.get(name, {}),
            **{k: EntryRef(path, FileKind.CREDENTIALS, name, k) for k in values},
        }
    fc.credentials_profiles = frozenset(sections)
    return fc
