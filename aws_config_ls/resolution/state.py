"""One immutable snapshot (environment + files) and everything resolved from it, lazily.

Built once per change of the environment or of any file boto3 reads; hover and diagnostics
read it many times, so per-profile results are computed on first use and kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

from aws_config_ls.catalogue.secrets import is_secret_key, is_secret_variable, redact
from aws_config_ls.ini.fileview import FileView, PerSection, RawSections
from aws_config_ls.ini.locations import same_path
from aws_config_ls.ini.model import classify
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.resolution.credentials import CredentialOutcome, resolve_credentials
from aws_config_ls.resolution.environment import (
    Environment,
    FileLocation,
    Files,
    KeyValueReader,
    Loader,
    ProfileSelection,
    profile_selection,
    read_files,
    read_key_value_file,
)
from aws_config_ls.resolution.fullconfig import FullConfig, ProfileInputs, recording
from aws_config_ls.resolution.refs import Raised
from aws_config_ls.resolution.session import ProfileMaps, SessionModel, Value
from aws_config_ls.resolution.settings import SettingChain, setting_chain

Result = tuple[str, Any]  # ("ok", value) or (exception class name, message)


class SessionPrediction(NamedTuple):
    """What a program does with `boto3.Session(...)`: construct, get_credentials, region."""

    session: Result  # construction (boto3 reads data_path, hence the profile, right away)
    credentials: Result  # ("ok", method or None)
    region: Result  # get_config_variable('region') on the same session, afterwards
    fresh_region: Result  # the same on a fresh botocore session


class Outcomes:
    """Credential outcomes of explicitly selected profiles, kept from one state to the next.

    An outcome depends on the environment, on what the files hold besides profiles (their
    locations, whether they exist, [sso-session] and [services] sections, boto2 and EC2
    files: the `context`) and on the profiles the resolution read (recorded by
    fullconfig.recording). After an edit, an outcome whose context is equal and whose profiles
    are made of equal entries is the one resolving again would give, so only the profiles an
    edit touched, or that read one it touched, are resolved again. Shared by the server's
    event loop and its analysis thread: an entry serves only the very context object it was
    kept for (`canonical`), and each thread records its own reads.
    """

    def __init__(self) -> None:
        self._context: object = None
        self._kept: dict[
            str, tuple[object, tuple[tuple[str, ProfileInputs], ...], CredentialOutcome]
        ] = {}
        # profile -> the profiles whose kept outcome read it (a superset: never pruned until
        # the kept outcomes are forgotten, when `generation` moves on).
        self._readers: dict[str, set[str]] = {}
        self.generation = 0

    def canonical(self, context: object) -> object:
        """The kept context when `context` equals it (compared once per state, then by
        identity); else `context`, and the outcomes kept for another one are forgotten."""
        current = self._context
        if current is not None and (current is context or current == context):
            return current
        self._forget()
        self._context = context
        return context

    def clear(self) -> None:
        self._context = None
        self._forget()

    def _forget(self) -> None:
        self._kept, self._readers = {}, {}
        self.generation += 1

    def readers(self, names: set[str]) -> set[str]:
        """The profiles whose kept outcomes read any of `names` (other than themselves)."""
        found: set[str] = set()
        for name in names:
            found |= self._readers.get(name, set())
        return found

    def get(self, context: object, fc: FullConfig, name: str) -> CredentialOutcome | None:
        kept = self._kept.get(name)
        if kept is None or kept[0] is not context:
            return None
        _, read, outcome = kept
        inputs = fc.origins.inputs
        for name, was in read:
            if inputs(name) != was:
                return None
        return outcome

    def keep(
        self, context: object, fc: FullConfig, name: str, read: set[str], outcome: CredentialOutcome
    ) -> None:
        if len(self._kept) > 2 * len(fc.profiles) + 100:  # renamed profiles pile up
            self._forget()
        inputs = fc.origins.inputs
        self._kept[name] = (context, tuple([(n, inputs(n)) for n in read]), outcome)
        for n in read:
            if n != name:  # a profile reads itself: an edit of it is redone anyway
                self._readers.setdefault(n, set()).add(name)


OUTCOMES = Outcomes()  # one per process: the CLI and the server alike


def _section_secrets(name: str, section: Mapping[str, Any]) -> frozenset[str] | None:
    secrets: set[str] = set()
    for key, value in section.items():
        if isinstance(value, str):  # a plain value: the common case, tested first (C speed)
            if is_secret_key(key):
                secrets.add(value)
        else:  # a nested block
            secrets |= {v for k, v in value.items() if is_secret_key(k)}
    return frozenset(secrets) if secrets else None


# The secrets of each file's sections that hold any, kept from one state to the next.
_SECRETS: PerSection[frozenset[str]] = PerSection(_section_secrets)


class ResolutionState:
    """The environment, the files as boto3 reads them now, and lazily resolved answers."""

    def __init__(self, env: Environment, files: Files, outcomes: Outcomes | None = None) -> None:
        self.env = env
        self.files = files
        self.outcomes = OUTCOMES if outcomes is None else outcomes
        self.selection: ProfileSelection = profile_selection(env)
        # by explicitness, then profile: 25,000 profiles, no key tuple each
        self._credentials: tuple[dict[str | None, CredentialOutcome], ...] = ({}, {})
        self._settings: dict[tuple[str, ProfileSelection], SettingChain] = {}
        self._profile_maps = ProfileMaps()

    def session(self, selection: ProfileSelection | None = None) -> SessionModel:
        """A fresh simulated botocore Session for the current (or another) selection."""
        return SessionModel(self.env, self.files, selection or self.selection, self._profile_maps)

    def selection_for(self, profile: str | None) -> ProfileSelection:
        """Select `profile` the way the current selection works (explicitly or by variable)."""
        current = self.selection.name
        if profile is None or profile == current or (current is None and profile == "default"):
            return self.selection
        if self.selection.explicit:
            return ProfileSelection(profile, "explicit", True)
        return ProfileSelection(profile, "AWS_PROFILE", False)

    def setting(self, name: str, selection: ProfileSelection | None = None) -> SettingChain:
        """`setting_chain` once per state, setting and selection: hover asks the same often."""
        key = (name, selection or self.selection)
        if key not in self._settings:
            self._settings[key] = setting_chain(self.session(key[1]), name)
        return self._settings[key]

    def credentials(self, selection: ProfileSelection | None = None) -> CredentialOutcome:
        sel = selection or self.selection
        kept = self._credentials[sel.explicit]
        found = kept.get(sel.name)
        if found is None:
            found = kept[sel.name] = self._resolve(sel)
        return found

    def _resolve(self, sel: ProfileSelection) -> CredentialOutcome:
        fc = self.full_config
        context = self.reuse_context
        if not sel.explicit or sel.name is None or fc is None or context is None:
            return resolve_credentials(self.session(sel))
        outcome = self.outcomes.get(context, fc, sel.name)
        if outcome is None:
            with recording() as read:
                outcome = resolve_credentials(self.session(sel))
            self.outcomes.keep(context, fc, sel.name, read, outcome)
        return outcome

    @cached_property
    def reuse_context(self) -> object:
        """What every outcome depends on besides profiles; None: outcomes are not kept (a file
        is refused, and botocore's session then behaves statefully)."""
        files, fc = self.files, self.full_config
        if fc is None or any(v.exists and not v.usable for v in (files.config, files.credentials)):
            return None
        return self.outcomes.canonical(
            (
                self.env,
                (files.config_location, files.config.exists, files.config.kind),
                (files.credentials_location, files.credentials.exists, files.credentials.kind),
                files.boto,
                files.ec2,
                (fc.sso_sessions, fc.sso_session_sections, fc.services, fc.services_sections),
            )
        )

    @property
    def profile_files(self) -> tuple[RawSections | None, RawSections | None]:
        """The sections of the config and credentials files: what profiles are made of."""
        return self.files.config.sections, self.files.credentials.sections

    def profiles_changed_since(
        self, before: tuple[RawSections | None, RawSections | None]
    ) -> set[str] | None:
        """The profiles whose sections may differ from `before` (an earlier state's
        `profile_files`), through each file's `FileView.since`, else by comparing the two
        versions' sections (a file typed in without keeping its layout: the dicts of the
        sections an edit did not touch are the same objects); None when it cannot tell.
        Sections other than profiles are the outcomes' context (`reuse_context`)."""
        changed: set[str] = set()
        views = (self.files.config, self.files.credentials)
        for view, was in zip(views, before, strict=True):
            now = view.sections
            if now is was:
                continue
            if view.since is not None and view.since[0] is was:
                names: set[str] | frozenset[str] = view.since[1]
            elif now is not None and was is not None:
                names = {n for n in now.keys() | was.keys() if now.get(n) != was.get(n)}
            else:
                return None
            for raw in names:
                placed = classify(raw, view.kind)
                if placed.group == "profiles" and placed.name is not None:
                    changed.add(placed.name)
        return changed

    @cached_property
    def reached_profiles(self) -> frozenset[str]:
        """Profiles the current selection reads: the selected one and its source_profile chain."""
        sel = self.selection
        out = {sel.credential_profile, "default" if sel.name is None else sel.name}
        out |= {h.source for h in self.credentials().hops if h.via == "source_profile"}
        return frozenset(out)

    def file_at(self, path: str) -> tuple[FileLocation, FileView] | None:
        """The file boto3 reads that `path` names, and how it reads it; None: none of them."""
        for loc, view in self.files.views():
            if loc.path and same_path(self.env.absolute(loc.path), self.env.absolute(path)):
                return loc, view
        return None

    @cached_property
    def secrets(self) -> frozenset[str]:
        """Every credential value this state can see: masked out of any message it outputs."""
        found = {v for k, v in self.env.variables.items() if is_secret_variable(k)}
        for _, view in self.files.views():
            found = found.union(*_SECRETS(view).values())
        if self.files.ec2 is not None:
            found |= {v for k, v in (self.files.ec2[1].values or {}).items() if is_secret_key(k)}
        return frozenset(found)

    def redact(self, text: str) -> str:
        return redact(text, self.secrets)

    @cached_property
    def full_config(self) -> FullConfig | None:
        """full_config as a fresh session builds it; None when botocore refuses a file."""
        try:
            return self.session().full_config()
        except Raised:
            return None

    def config_variable(self, name: str, selection: ProfileSelection | None = None) -> Result:
        try:
            value: Value = self.session(selection).get_config_variable(name)
        except Raised as r:
            return r.error.type, r.error.message
        return "ok", value.value


def build_state(
    env: Environment, load: Loader, read_key_values: KeyValueReader = read_key_value_file
) -> ResolutionState:
    """Read every file boto3 would read in `env` (through `load`) and wrap them in a state."""
    return ResolutionState(env, read_files(env, load, read_key_values))


def _result(fn: Any) -> Result:
    try:
        return "ok", fn()
    except Raised as r:
        return r.error.type, r.error.message


def predict_session(state: ResolutionState) -> SessionPrediction:
    """boto3.Session(...); .get_credentials(); .get_config_variable('region'), in that order.

    When the construction raises, the rest is what a bare botocore Session does.
    """
    s = state.session()
    made = _result(lambda: s.construct_boto3())
    if made[0] != "ok":
        s = state.session()
    outcome = resolve_credentials(s)
    if outcome.error is not None:
        creds: Result = (outcome.error.type, outcome.error.message)
    else:
        creds = ("ok", outcome.method)
    region = _result(lambda: s.get_config_variable("region").value)
    fresh = state.session()
    fresh_region = _result(lambda: fresh.get_config_variable("region").value)
    return SessionPrediction(made, creds, region, fresh_region)


def credentials_for(state: ResolutionState, profile: str | None = None) -> CredentialOutcome:
    """The credential chain for `profile` (None: the current selection), selected the way the
    current selection is made; `outcome.error.cause` names the entry or variable to blame."""
    return state.credentials(state.selection_for(profile))


def region_for(state: ResolutionState, profile: str | None = None) -> Result:
    """`get_config_variable('region')` for `profile` on a fresh session: ("ok", value) or error."""
    return state.config_variable("region", state.selection_for(profile))
