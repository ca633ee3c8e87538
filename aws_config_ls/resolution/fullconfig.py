"""`Session.full_config` rebuilt from FileViews, remembering where every value came from.

Mirrors configloader.py build_profile_map (config file) and session.py full_config (the
credentials file merged in key by key, credentials winning).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from aws_config_ls.ini.fileview import RawSections, RawValue
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import classify
from aws_config_ls.resolution.refs import EntryRef

Profile = dict[str, RawValue]
# Where a file's profiles come from: profile -> (section name as written, its keys).
Layer = tuple[str, FileKind, dict[str, tuple[str, Mapping[str, RawValue]]]]


class Origins(Mapping[str, dict[str, EntryRef]]):
    """profile -> key -> the entry providing the merged value, worked out per profile when
    first asked (thousands of profiles, few of them ever asked about)."""

    def __init__(self, layers: tuple[Layer, ...] = ()) -> None:
        self._layers = layers
        self._built: dict[str, dict[str, EntryRef]] = {}

    def with_layer(self, layer: Layer) -> Origins:
        return Origins((*self._layers, layer))

    def __getitem__(self, profile: str) -> dict[str, EntryRef]:
        found = self._built.get(profile)
        if found is None:
            found = {}
            present = False
            for path, kind, sections in self._layers:
                if profile in sections:
                    present = True
                    section, keys = sections[profile]
                    found.update({k: EntryRef(path, kind, section, k) for k in keys})
            if not present:
                raise KeyError(profile)
            self._built[profile] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter({name for _, _, sections in self._layers for name in sections})

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass
class FullConfig:
    """full_config's dicts plus, for each value, the entry it was read from."""

    profiles: dict[str, Profile] = field(default_factory=dict)
    sso_sessions: dict[str, Profile] = field(default_factory=dict)
    services: dict[str, Profile] = field(default_factory=dict)
    # profile -> key -> entry providing the merged value
    origins: Origins = field(default_factory=Origins)
    # profile -> the config section botocore kept (the last spelling wins wholesale)
    config_sections: dict[str, str] = field(default_factory=dict)
    sso_session_sections: dict[str, str] = field(default_factory=dict)
    services_sections: dict[str, str] = field(default_factory=dict)
    credentials_profiles: frozenset[str] = frozenset()


def load_config(path: str, sections: RawSections) -> FullConfig:
    """configloader.build_profile_map over one config file's raw sections, in file order."""
    fc = FullConfig()
    kept: dict[str, tuple[str, Mapping[str, RawValue]]] = {}
    for raw, values in sections.items():
        group, name = classify(raw, FileKind.CONFIG)
        if group == "other" or name is None:
            continue
        copy: Profile = dict(values)
        if group == "profiles":
            fc.profiles[name] = copy
            fc.config_sections[name] = raw
            kept[name] = (raw, copy)
        elif group == "sso_sessions":
            fc.sso_sessions[name] = copy
            fc.sso_session_sections[name] = raw
        else:
            fc.services[name] = copy
            fc.services_sections[name] = raw
    fc.origins = Origins(((path, FileKind.CONFIG, kept),))
    return fc


def merge_credentials(config: FullConfig, path: str, sections: RawSections) -> FullConfig:
    """session.py full_config: every credentials section is a profile, updated key by key.

    Returns a new FullConfig; `config` (cached, shared) is left as it was.
    """
    layer = {name: (name, values) for name, values in sections.items()}
    fc = replace(
        config,
        profiles=dict(config.profiles),
        origins=config.origins.with_layer((path, FileKind.CREDENTIALS, layer)),
    )
    for name, values in sections.items():
        fc.profiles[name] = {**fc.profiles.get(name, {}), **values}
    fc.credentials_profiles = frozenset(sections)
    return fc
