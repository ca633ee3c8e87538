"""`Session.full_config` rebuilt from FileViews, remembering where every value came from.

Mirrors configloader.py build_profile_map (config file) and session.py full_config (the
credentials file merged in key by key, credentials winning).
"""

from __future__ import annotations

from _thread import _local  # threading.local itself: threading costs check's start ~1 ms
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from aws_config_ls.ini.fileview import RawSections, RawValue
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import classify
from aws_config_ls.resolution.refs import EntryRef

Profile = dict[str, RawValue]
# Where a file's profiles come from: profile -> (section name as written, its keys).
Layer = tuple[str, FileKind, dict[str, tuple[str, Mapping[str, RawValue]]]]
# Everything one profile's entries are, file by file: (path, kind, section, keys) per layer.
ProfileInputs = tuple[tuple[str, FileKind, str, Mapping[str, RawValue]], ...]

V = TypeVar("V")


class _Readers(_local):
    """Per thread (the server analyses off its event loop): the recordings under way."""

    def __init__(self) -> None:
        self.stack: list[set[str]] = []


_readers = _Readers()


def recording() -> _Recording:
    """Collect the names of the profiles read (through a FullConfig) inside the block: what a
    resolution depends on besides the environment and the files' other sections."""
    return _Recording()


class _Recording:
    """`with recording() as read:` (a class, not a generator: entered once per profile)."""

    def __enter__(self) -> set[str]:
        self.read: set[str] = set()
        _readers.stack.append(self.read)
        return self.read

    def __exit__(self, *_: object) -> None:
        _readers.stack.pop()


def _note(name: object) -> None:
    stack = _readers.stack
    if stack and isinstance(name, str):
        stack[-1].add(name)


class ByProfile(dict[str, V]):
    """A dict keyed by profile name that notes each name looked up while recording."""

    def __getitem__(self, name: str) -> V:
        _note(name)  # before the lookup: a missing profile is read too
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        found = super().get(name, default)
        _note(name)
        return found

    def __contains__(self, name: object) -> bool:
        found = super().__contains__(name)  # first: `{} in profiles` raises as botocore's does
        _note(name)
        return found


class Origins(Mapping[str, dict[str, EntryRef]]):
    """profile -> key -> the entry providing the merged value, worked out per profile when
    first asked (thousands of profiles, few of them ever asked about)."""

    def __init__(self, layers: tuple[Layer, ...] = ()) -> None:
        self._layers = layers
        self._built: dict[str, dict[str, EntryRef]] = {}

    def with_layer(self, layer: Layer) -> Origins:
        return Origins((*self._layers, layer))

    def inputs(self, profile: str) -> ProfileInputs:
        """What `profile` is made of: equal inputs, equal merged profile and origins."""
        found = []  # a loop, not a generator: asked for every profile on every keystroke
        for path, kind, sections in self._layers:
            entry = sections.get(profile)
            if entry is not None:
                found.append((path, kind, entry[0], entry[1]))
        return tuple(found)

    def of(self, profile: str, key: str) -> EntryRef | None:
        """The entry providing `profile`'s `key` (the last layer that has it), without
        building the profile's whole map: a check over thousands of profiles asks one key."""
        _note(profile)
        for path, kind, sections in reversed(self._layers):
            found = sections.get(profile)
            if found is not None and key in found[1]:
                return EntryRef(path, kind, found[0], key)
        return None

    def __getitem__(self, profile: str) -> dict[str, EntryRef]:
        _note(profile)
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


class FullConfig:
    """full_config's dicts plus, for each value, the entry it was read from (a plain class:
    see `ini.fileview.FileView`)."""

    __slots__ = (
        "config_sections",
        "credentials_profiles",
        "origins",
        "profiles",
        "services",
        "services_sections",
        "sso_session_sections",
        "sso_sessions",
    )

    def __init__(
        self,
        profiles: dict[str, Profile] | None = None,
        origins: Origins | None = None,
    ) -> None:
        self.profiles: dict[str, Profile] = ByProfile() if profiles is None else profiles
        self.sso_sessions: dict[str, Profile] = {}
        self.services: dict[str, Profile] = {}
        # profile -> key -> entry providing the merged value
        self.origins = Origins() if origins is None else origins
        # profile -> the config section botocore kept (the last spelling wins wholesale)
        self.config_sections: dict[str, str] = ByProfile()
        self.sso_session_sections: dict[str, str] = {}
        self.services_sections: dict[str, str] = {}
        self.credentials_profiles: frozenset[str] = frozenset()


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
            # The section's own dict, not the copy: an edit shares the dicts of untouched
            # sections (ini/model.raw), so comparing a profile's inputs is then by identity.
            kept[name] = (raw, values)
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
    fc = FullConfig(
        ByProfile(config.profiles), config.origins.with_layer((path, FileKind.CREDENTIALS, layer))
    )
    fc.sso_sessions, fc.services = config.sso_sessions, config.services
    fc.config_sections = config.config_sections
    fc.sso_session_sections = config.sso_session_sections
    fc.services_sections = config.services_sections
    for name, values in sections.items():
        fc.profiles[name] = {**fc.profiles.get(name, {}), **values}
    fc.credentials_profiles = frozenset(sections)
    return fc
