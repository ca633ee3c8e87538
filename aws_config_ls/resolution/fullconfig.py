"""`Session.full_config` rebuilt from FileViews, remembering where every value came from.

Mirrors configloader.py build_profile_map (config file) and session.py full_config (the
credentials file merged in key by key, credentials winning).
"""

from __future__ import annotations

from _thread import _local  # threading.local itself: threading costs check's start ~1 ms
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar, cast

from aws_config_ls.ini.fileview import RawSections, RawValue
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Placed, classify
from aws_config_ls.resolution.refs import EntryRef

Profile = dict[str, RawValue]
# Where a file's profiles come from: profile -> (section name as written, its keys).
Layer = tuple[str, FileKind, dict[str, tuple[str, Mapping[str, RawValue]]]]
# Everything one profile's entries are, file by file: (path, kind, section, keys) per layer.
ProfileInputs = tuple[tuple[str, FileKind, str, Mapping[str, RawValue]], ...]

V = TypeVar("V")
_new = tuple.__new__


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
    """A dict keyed by profile name that notes each name looked up while recording (the
    dict's own methods called by name: `super()` costs an object per call, and every
    profile's resolution asks a dozen times)."""

    def __getitem__(self, name: str) -> V:
        _note(name)  # before the lookup: a missing profile is read too
        return dict.__getitem__(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        found = dict.get(self, name, default)
        _note(name)
        return found

    def __contains__(self, name: object) -> bool:
        found = dict.__contains__(self, name)  # first: `{} in profiles` raises as botocore's
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

    def layer(self, i: int) -> dict[str, tuple[str, Mapping[str, RawValue]]]:
        return self._layers[i][2]

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
                return _new(EntryRef, (path, kind, found[0], key))  # EntryRef(...), at C speed
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

    def __init__(  # None: a new, empty one
        self,
        profiles: dict[str, Profile] | None = None,
        sso_sessions: dict[str, Profile] | None = None,
        services: dict[str, Profile] | None = None,
        # profile -> key -> entry providing the merged value
        origins: Origins | None = None,
        # profile -> the config section botocore kept (the last spelling wins wholesale)
        config_sections: dict[str, str] | None = None,
        sso_session_sections: dict[str, str] | None = None,
        services_sections: dict[str, str] | None = None,
        credentials_profiles: frozenset[str] = frozenset(),
    ) -> None:
        self.profiles: dict[str, Profile] = ByProfile() if profiles is None else profiles
        self.sso_sessions = {} if sso_sessions is None else sso_sessions
        self.services = {} if services is None else services
        self.origins = Origins() if origins is None else origins
        self.config_sections: dict[str, str] = (
            ByProfile() if config_sections is None else config_sections
        )
        self.sso_session_sections = {} if sso_session_sections is None else sso_session_sections
        self.services_sections = {} if services_sections is None else services_sections
        self.credentials_profiles = credentials_profiles


# The last profile map built for each config path, with the sections it was built from: an
# edit that changed a few sections (FileView.since) patches it instead of building anew.
_BUILT: dict[str, tuple[RawSections, FullConfig]] = {}


def load_config(
    path: str, sections: RawSections, since: tuple[RawSections, frozenset[str]] | None = None
) -> FullConfig:
    """configloader.build_profile_map over one config file's raw sections, in file order.

    The last map built for `path` is patched when `since` links the two versions, or when
    they have the same names in the same order (an edit that was not one keystroke, a file
    read again after botocore refused it): only the sections whose dicts are not the very
    ones are placed again."""
    last = _BUILT.get(path)
    if last is not None and last[0] is sections:
        return last[1]  # read-only once built: the sessions of every state share it
    fc: FullConfig | None = None
    if since is not None and last is not None and last[0] is since[0]:
        fc = _patched(path, last[1], sections, since[1])
    elif last is not None and list(last[0]) == list(sections):
        before = last[0]
        changed = frozenset(n for n, values in sections.items() if before[n] is not values)
        fc = _patched(path, last[1], sections, changed)
    if fc is None:
        fc = FullConfig()
        kept: dict[str, tuple[str, Mapping[str, RawValue]]] = {}
        for raw, values in sections.items():
            _place(fc, kept, raw, values)
        fc.origins = Origins(((path, FileKind.CONFIG, kept),))
    _BUILT[path] = (sections, fc)
    return fc


def _place(
    fc: FullConfig, kept: dict[str, tuple[str, Mapping[str, RawValue]]], raw: str, values: Any
) -> None:
    group, name = classify(raw, FileKind.CONFIG)
    if group == "other" or name is None:
        return
    # The section's own dict, read-only (botocore deep-copies, then never writes): an edit
    # shares the dicts of untouched sections (ini/model.raw), so comparing a profile's inputs
    # is then by identity, and 25,000 profiles are not held twice.
    copy = cast(Profile, values)
    if group == "profiles":
        fc.profiles[name] = copy
        fc.config_sections[name] = raw
        kept[name] = (raw, values)
    elif group == "sso_sessions":
        fc.sso_sessions[name] = copy
        fc.sso_session_sections[name] = raw
    else:
        fc.services[name] = copy
        fc.services_sections[name] = raw


def _patched(
    path: str, last: FullConfig, sections: RawSections, names: frozenset[str]
) -> FullConfig | None:
    """`last` with the sections `names` placed again: the same names in the same order (an
    edit inside sections), so each lands where it was and the maps keep botocore's order.
    A name no longer in `sections` is a header retyped (`ini.model.Basis.renamed`: unique
    names, landing in the same map): the new name takes its place in that order. None when
    no such new name is found (built anew then)."""
    was = next((raw for raw in names if raw not in sections), None)
    swap = None
    if was is not None:
        swap = _renaming(classify(was, FileKind.CONFIG), names, sections)
        if swap is None:
            return None

    def copy(found: dict[str, V], group: str) -> dict[str, V]:
        if swap is None or swap[0] != group:
            return dict(found)
        _, old, new, _ = swap
        return {(new if name == old else name): value for name, value in found.items()}

    kept = copy(last.origins.layer(0), "profiles")
    fc = FullConfig(
        profiles=ByProfile(copy(last.profiles, "profiles")),
        sso_sessions=copy(last.sso_sessions, "sso_sessions"),
        services=copy(last.services, "services"),
        config_sections=ByProfile(copy(last.config_sections, "profiles")),
        sso_session_sections=copy(last.sso_session_sections, "sso_sessions"),
        services_sections=copy(last.services_sections, "services"),
    )
    winners: dict[str, dict[str, str]] = {
        "profiles": fc.config_sections,
        "sso_sessions": fc.sso_session_sections,
        "services": fc.services_sections,
    }
    if swap is not None and swap[0] in winners:  # placed below, as the section that wins
        winners[swap[0]][swap[2]] = swap[3]
    for raw in names:
        group, name = classify(raw, FileKind.CONFIG)
        # Placed again only where it wins: a later spelling of the same name replaces it.
        found = winners.get(group)
        if (
            raw in sections
            and found is not None
            and name is not None
            and dict.get(found, name) == raw
        ):
            _place(fc, kept, raw, sections[raw])
    fc.origins = Origins(((path, FileKind.CONFIG, kept),))
    return fc


def _renaming(
    before: Placed, names: frozenset[str], sections: RawSections
) -> tuple[str, str, str, str] | None:
    """(group, old name, new name, new section) of what a retyped header renamed: the one
    of `names` still in `sections` that lands in the same map under another name."""
    group, old = before
    for raw in names:
        placed = classify(raw, FileKind.CONFIG)
        if raw in sections and placed.group == group and placed.name != old:
            return group, cast(str, old), cast(str, placed.name), raw
    return None  # (Model.edited makes sure of one)


def merge_credentials(config: FullConfig, path: str, sections: RawSections) -> FullConfig:
    """session.py full_config: every credentials section is a profile, updated key by key.

    Returns a new FullConfig; `config` (cached, shared) is left as it was.
    """
    layer = {name: (name, values) for name, values in sections.items()}
    fc = FullConfig(
        profiles=ByProfile(config.profiles),
        sso_sessions=config.sso_sessions,
        services=config.services,
        origins=config.origins.with_layer((path, FileKind.CREDENTIALS, layer)),
        config_sections=config.config_sections,
        sso_session_sections=config.sso_session_sections,
        services_sections=config.services_sections,
    )
    for name, values in sections.items():
        fc.profiles[name] = {**fc.profiles.get(name, {}), **values}
    fc.credentials_profiles = frozenset(sections)
    return fc
