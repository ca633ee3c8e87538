"""Setting chains: every place a setting could come from, which one wins, what it shadows.

configprovider.py ChainProvider, as resolution/chain.py lists its candidates; the conversion
applies to the winner only (`ensure_boolean`: only "true", any case, is True). The endpoint
URL has its own chain (configprovider.py ConfiguredEndpointProvider), skipped entirely when
ignore_configured_endpoint_urls is true (args.py _compute_configured_endpoint_url).
Each chain is read from one simulated session, as botocore reads it from its own; the state
caches them per selection (ResolutionState.setting).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.resolution import chain
from aws_config_ls.resolution.chain import Candidate, in_credentials
from aws_config_ls.resolution.environment import SETTINGS, Lazy, SettingSpec
from aws_config_ls.resolution.fullconfig import FullConfig
from aws_config_ls.resolution.refs import (
    BotoError,
    Cause,
    EntryRef,
    Raised,
    VariableRef,
    botocore_message,
    raise_python,
)
from aws_config_ls.resolution.session import SessionModel

# Logical names that are not profile settings: they choose the profile and the files.
NOT_PROFILE_SETTINGS = ("profile", "config_file", "credentials_file")


class SettingChain(NamedTuple):
    """A setting for one profile selection: the winner, then everything it shadows."""

    name: str
    value: Any  # converted, as get_config_variable returns it (None: unset)
    winner: Candidate | None
    shadowed: tuple[Candidate, ...]
    error: BotoError | None = None
    # `s3 = virtual`: a section setting that is not a nested block hides all its sub-settings
    blocked_by: Candidate | None = None


def keys_to_settings() -> dict[str, tuple[str, ...]]:
    """Profile key -> logical settings that read it (nested `s3` sub-keys as "s3.<key>")."""
    out: dict[str, list[str]] = {}
    for spec in SETTINGS.values():
        if spec.name in NOT_PROFILE_SETTINGS:
            continue
        for key in spec.config_keys:
            name = key if isinstance(key, str) else f"{key[0]}.{key[1]}"
            out.setdefault(name, []).append(spec.name)
    return {k: tuple(v) for k, v in out.items()}


KEY_SETTINGS: Mapping[str, tuple[str, ...]] = Lazy(keys_to_settings)


def setting_chain(session: SessionModel, name: str) -> SettingChain:
    """Resolve logical setting `name` in a session, keeping every shadowed candidate.

    "s3.<key>" and "proxies_config.<key>" resolve as configprovider.py SectionConfigProvider
    does: the profile's nested block is read first, then each key's own chain.
    """
    section, dot, _ = name.partition(".")
    if not dot:
        return _chain(session, SETTINGS[name])
    try:
        block = session.scoped_config().get(section)
    except Raised as r:
        return SettingChain(name, None, None, (), r.error)
    chain = _chain(session, SETTINGS[name])
    if block is None or isinstance(block, Mapping):
        return chain
    everything = chain.shadowed if chain.winner is None else (chain.winner, *chain.shadowed)
    if block:  # a plain value: "The s3 config key is not a dictionary type, ignoring"
        origin = session.scoped_origin(section)
        source = "credentials-file" if in_credentials(origin) else "config-file"
        blocker = Candidate(source, block, origin, section)
        return SettingChain(name, None, None, everything, None, blocker)
    siblings = [n for n in SETTINGS if n.startswith(section + ".")]
    if any(_chain(session, SETTINGS[n]).winner is not None for n in siblings):
        # `s3 =` (empty) and any s3 value: section_config[var] = val on a str
        err = BotoError("TypeError", "'str' object does not support item assignment", None)
        return SettingChain(name, None, None, everything, err)
    return chain


def _chain(session: SessionModel, spec: SettingSpec) -> SettingChain:
    """Every candidate of resolution/chain.py, the first live one winning."""
    candidates = session.leading(spec)
    error: BotoError | None = None
    try:
        candidates += session.from_profile(spec)
    except Raised as r:
        if not candidates:  # botocore reaches the profile only when nothing came before
            error = r.error
    candidates += chain.default(spec)
    if error is not None:
        return SettingChain(spec.name, None, None, tuple(candidates), error)
    winner = chain.first_live(candidates)
    if winner is None:
        return SettingChain(spec.name, None, None, tuple(candidates))
    rest = tuple(c for c in candidates if c is not winner)
    try:
        value = chain.converted(spec, winner)
    except Raised as r:
        return SettingChain(spec.name, None, winner, rest, r.error)
    return SettingChain(spec.name, value, winner, rest)


def profile_settings() -> list[str]:
    """Every logical setting a profile can hold, in botocore's table order."""
    return [n for n in SETTINGS if n not in NOT_PROFILE_SETTINGS]


class EndpointChain(NamedTuple):
    """Where a client for `service` gets its endpoint URL (None: the service's own)."""

    service: str | None  # snake-case service id; None: every service without its own
    value: str | None
    winner: Candidate | None
    shadowed: tuple[Candidate, ...]
    ignored_by: Candidate | None = None  # ignore_configured_endpoint_urls = true
    error: BotoError | None = None


def endpoint_chain(session: SessionModel, service: str | None) -> EndpointChain:
    """AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > [services] block > profile endpoint_url.

    `service` is the snake-case service id ("s3", "elastic_beanstalk"); None: the chain of a
    service with no block and no variable of its own.
    """
    try:  # session.py create_client reads the scoped config before anything else
        scoped = session.scoped_config()
        fc = session.full_config()
    except Raised as r:
        return EndpointChain(service, None, None, (), None, r.error)
    env = session.env.variables
    candidates: list[Candidate] = []
    names = (
        ["AWS_ENDPOINT_URL"]
        if service is None
        else [f"AWS_ENDPOINT_URL_{service.upper()}", "AWS_ENDPOINT_URL"]
    )
    for var in names:
        if env.get(var):  # an empty variable is skipped (ConfiguredEndpointProvider.provide)
            candidates.append(Candidate(f"env:{var}", env[var], VariableRef(var)))
    from_env = bool(candidates)
    name = session.selection.name
    origins = fc.origins.get("default" if name is None else name, {})
    error: BotoError | None = None
    if service is not None and "services" in scoped:
        try:
            block = _services_block(session, fc, scoped, service, origins)
            if block is not None:
                candidates.append(block)
        except Raised as r:
            error = r.error
    if scoped.get("endpoint_url"):
        origin = origins.get("endpoint_url")
        source = "credentials-file" if in_credentials(origin) else "config-file"
        candidates.append(Candidate(source, scoped["endpoint_url"], origin, "endpoint_url"))
    ignore = setting_chain(session, "ignore_configured_endpoint_urls")
    if ignore.value:  # args.py _compute_configured_endpoint_url: nothing is consulted
        return EndpointChain(service, None, None, tuple(candidates), ignore.winner)
    if error is not None and not from_env:
        return EndpointChain(service, None, None, tuple(candidates), None, error)
    if not candidates:
        return EndpointChain(service, None, None, ())
    winner = candidates[0]
    return EndpointChain(service, winner.value, winner, tuple(candidates[1:]))


def _services_block(
    session: SessionModel,
    fc: FullConfig,
    scoped: Mapping[str, Any],
    service: str,
    origins: Mapping[str, Cause],
) -> Candidate | None:
    """configprovider.py ConfiguredEndpointProvider._get_endpoint_url_config_service."""
    name = scoped["services"]
    cause = origins.get("services")
    try:
        block = fc.services.get(name)
        if not block:
            msg = (
                "The profile is configured to use the services section but the "
                f'"{name}" services configuration does not exist.'
            )
            raise Raised(
                BotoError(
                    "InvalidConfigError",
                    botocore_message("InvalidConfigError", error_msg=msg),
                    cause,
                )
            )
        entry: Any = block.get(service, {})
        url = entry.get("endpoint_url")  # a plain `sts = x` is a str: AttributeError
    except Raised:
        raise
    except Exception as e:
        raise raise_python(e, cause) from None
    if not url:
        return None
    where = EntryRef(
        session.files.config_location.path, FileKind.CONFIG, fc.services_sections[name], service
    )
    return Candidate("config-file", url, where, f"{service}.endpoint_url")


def configured_services(session: SessionModel) -> list[str]:
    """Services with an endpoint of their own: AWS_ENDPOINT_URL_<X> or the profile's [services]."""
    names = {
        var[len("AWS_ENDPOINT_URL_") :].lower()
        for var in session.env.variables
        if var.startswith("AWS_ENDPOINT_URL_")
    }
    try:
        fc: FullConfig | None = session.full_config()
    except Raised:
        fc = None
    if fc is not None:
        name = session.selection.name
        profile = fc.profiles.get("default" if name is None else name, {})
        block = fc.services.get(profile.get("services"))  # type: ignore[arg-type]
        if isinstance(block, Mapping):
            names |= {k for k, v in block.items() if isinstance(v, Mapping)}
    return sorted(names)
