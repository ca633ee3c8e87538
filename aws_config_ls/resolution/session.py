"""A model of one `botocore.session.Session` (and boto3's `Session()` around it).

Stateful on purpose, like botocore: `full_config` is cached, and when the credentials file is
refused *after* the config file loaded, botocore keeps the config-only dict cached, so a
second call succeeds without the credentials file (session.py full_config). Everything else
is pure: values come from an `Environment` snapshot and `Files`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from aws_config_ls.ini.fileview import FileView, RawSections, RawValue
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.resolution import chain
from aws_config_ls.resolution.chain import Candidate
from aws_config_ls.resolution.environment import (
    SETTINGS,
    Environment,
    Files,
    ProfileSelection,
    SettingSpec,
)
from aws_config_ls.resolution.fullconfig import FullConfig, load_config, merge_credentials
from aws_config_ls.resolution.refs import (
    Cause,
    FileRef,
    ParameterRef,
    VariableRef,
    raise_boto,
    raise_python,
)


class Value(NamedTuple):
    """A config variable as `get_config_variable` returns it, and where it came from."""

    value: Any  # converted; None when no source has it
    source: Cause | None  # None: the default (or nothing)


def parsed(view: FileView, path: str) -> RawSections | None:
    """The sections of a file botocore reads, None when there is none; a file configparser
    refuses raises ConfigParseError (configloader.raw_config_parse)."""
    if not view.exists:
        return None
    if view.failure is not None or view.sections is None:
        raise raise_boto("ConfigParseError", FileRef(path, view.kind), path=path)
    return view.sections


class ProfileMaps:
    """Parsed profile maps depend on the files only: the sessions of one state share them."""

    __slots__ = ("config", "merged")

    def __init__(self) -> None:
        self.config: FullConfig | None = None  # build_profile_map of the config file alone
        self.merged: FullConfig | None = None  # with the credentials file merged in


class SessionModel:
    """Answers what botocore's Session would, for a given profile selection."""

    def __init__(
        self,
        env: Environment,
        files: Files,
        selection: ProfileSelection,
        shared: ProfileMaps | None = None,
    ) -> None:
        self.env = env
        self.files = files
        self.selection = selection
        self._config: FullConfig | None = None
        self._shared = ProfileMaps() if shared is None else shared

    def config_only(self) -> FullConfig:
        """build_profile_map of the config file alone (the caller checked it is readable)."""
        if self._shared.config is None:
            view = self.files.config
            assert view.sections is not None
            self._shared.config = load_config(
                self.files.config_location.path, view.sections, view.since
            )
        return self._shared.config

    # -- session.py ----------------------------------------------------------------------
    def full_config(self) -> FullConfig:
        if self._config is None:
            config = parsed(self.files.config, self.files.config_location.path)
            self._config = FullConfig() if config is None else self.config_only()
            cloc = self.files.credentials_location
            # On a refused credentials file, self._config stays cached without the
            # credentials (botocore quirk).
            creds = parsed(self.files.credentials, cloc.path)
            if creds is not None:
                if self._shared.merged is None:
                    self._shared.merged = merge_credentials(self._config, cloc.path, creds)
                self._config = self._shared.merged
        return self._config

    def profile_source(self) -> Cause | None:
        sel = self.selection
        if sel.explicit:
            return ParameterRef("profile_name")
        return None if sel.name is None else VariableRef(sel.selected_by)

    def scoped_config(self) -> Mapping[str, RawValue]:
        """session.py get_scoped_config."""
        name = self.selection.name
        profiles = self.full_config().profiles
        if name is None:
            return profiles.get("default", {})
        if name not in profiles:
            raise raise_boto("ProfileNotFound", self.profile_source(), profile=name)
        return profiles[name]

    def scoped_origin(self, key: str) -> Cause | None:
        name = self.selection.name
        profile = "default" if name is None else name
        assert self._config is not None
        return self._config.origins.of(profile, key)

    def instance_value(self, name: str) -> Any:
        if name == "profile" and self.selection.explicit:
            return self.selection.name
        if name == "region":
            return self.env.explicit_region
        return None

    def leading(self, spec: SettingSpec) -> list[Candidate]:
        """A setting's instance variable, then its environment variables in order: never
        raises (resolution/chain.py)."""
        out: list[Candidate] = []
        instance = self.instance_value(spec.instance)
        if instance is not None:
            out.append(Candidate("explicit", instance, ParameterRef(f"{spec.instance}_name")))
        variables = self.env.variables
        for var in spec.env_vars:
            if var in variables:
                out.append(Candidate(f"env:{var}", variables[var], VariableRef(var)))
        return out

    def from_profile(self, spec: SettingSpec) -> list[Candidate]:
        """A setting's profile keys in order; raises what botocore raises reading the profile
        (ProfileNotFound, ConfigParseError) when the setting has profile keys at all."""
        if not spec.config_keys:
            return []
        self.scoped_config()
        fc = self.full_config()
        name = self.selection.name
        profile = "default" if name is None else name
        out: list[Candidate] = []
        for key in spec.config_keys:
            out += chain.profile_candidates(fc, self.files, profile, key)
        return out

    def get_config_variable(self, name: str) -> Value:
        """configprovider.py ChainProvider: the first live candidate (resolution/chain.py)."""
        spec = SETTINGS[name]
        winner = (
            chain.first_live(self.leading(spec))
            or chain.first_live(self.from_profile(spec))
            or chain.first_live(chain.default(spec))
        )
        if winner is None:
            return Value(None, None)
        return Value(chain.converted(spec, winner), winner.cause)

    def only_defaults(self, names: tuple[str, ...]) -> bool:
        """Whether every one of these settings falls to botocore's default: no instance
        value, no environment variable and no key in the profile. With no variable set, the
        first lookup reads the profile, so this raises what it raises (ProfileNotFound, a
        refused file); with one set, the lookups decide (False)."""
        instances, variables, keys = _inputs_of(names)
        for name in instances:
            if self.instance_value(name) is not None:
                return False
        env = self.env.variables
        for var in variables:
            if var in env:
                return False
        return keys.isdisjoint(self.scoped_config())

    # -- boto3/session.py ------------------------------------------------------------------
    def construct_boto3(self) -> None:
        """boto3.Session.__init__: _setup_loader resolves data_path, reading the profile."""
        data_path = self.get_config_variable("data_path")
        if data_path.value is not None:
            try:  # loaders.py create_loader: search_path_string.split(os.pathsep)
                data_path.value.split(":")
            except Exception as e:
                raise raise_python(e, data_path.source) from None


@cache
def _inputs_of(names: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """The instance variables, environment variables and profile keys (a nested key: its
    block) these settings read."""
    specs = [SETTINGS[name] for name in names]
    return (
        tuple(spec.instance for spec in specs),
        frozenset(var for spec in specs for var in spec.env_vars),
        frozenset(k if isinstance(k, str) else k[0] for spec in specs for k in spec.config_keys),
    )
