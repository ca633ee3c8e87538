"""configprovider.py ChainProvider, once: where a setting can come from, in botocore's order.

Instance variable > environment variables in order > the merged profile (credentials-file keys
override config-file keys, key by key; session.py full_config) > default. A session's
`get_config_variable` takes the first live candidate and reads the profile only when nothing
came before, as botocore does; `setting_chain` collects them all to say what the winner shadows.
This module holds the candidates and what is true of any list of them; the session lists its
own (`SessionModel.leading`, `SessionModel.from_profile`), so the session reads this module
and not the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.resolution.environment import Files, SettingSpec
from aws_config_ls.resolution.fullconfig import FullConfig
from aws_config_ls.resolution.refs import Cause, EntryRef, raise_python


class Candidate(NamedTuple):
    """One place in a setting's chain that holds a value right now."""

    source: str  # "explicit", "env:<VAR>", "credentials-file", "config-file" or "default"
    value: Any  # as written (before conversion)
    cause: Cause | None
    key: str | None = None  # the profile key ("s3_use_arn_region", "s3.use_arn_region")
    live: bool = True  # False: a config-file value the credentials file replaced (never wins)


def default(spec: SettingSpec) -> list[Candidate]:
    return [] if spec.default is None else [Candidate("default", spec.default, None)]


def first_live(candidates: Iterable[Candidate]) -> Candidate | None:
    return next((c for c in candidates if c.live), None)


def converted(spec: SettingSpec, winner: Candidate) -> Any:
    """The winner's value as botocore converts it; raises what the conversion raises."""
    if spec.convert is None:
        return winner.value
    try:
        return spec.convert(winner.value)
    except Exception as e:  # int('abc') -> ValueError, int({}) -> TypeError: botocore raises
        raise raise_python(e, winner.cause) from None


def in_credentials(origin: Cause | None) -> bool:
    return isinstance(origin, EntryRef) and origin.kind is FileKind.CREDENTIALS


def profile_candidates(
    fc: FullConfig, files: Files, profile: str, key: str | tuple[str, str]
) -> list[Candidate]:
    """The merged value of `key`, then the config-file value the credentials file replaced.

    session.py full_config updates key by key, so a credentials-file `s3` block replaces the
    config file's whole block: a sub-key only the config file has is lost, not inherited.
    """
    top = key if isinstance(key, str) else key[0]
    label = key if isinstance(key, str) else f"{key[0]}.{key[1]}"
    merged = fc.profiles.get(profile, {})
    out: list[Candidate] = []
    if top not in merged:
        return out
    origin = fc.origins.of(profile, top)
    value = _pick(merged[top], key)
    if value is not None:
        source = "credentials-file" if in_credentials(origin) else "config-file"
        out.append(Candidate(source, value, origin, label))
    section = fc.config_sections.get(profile)
    config = files.config
    if in_credentials(origin) and section is not None and config.sections is not None:
        shadowed = config.sections.get(section, {}).get(top)
        picked = None if shadowed is None else _pick(shadowed, key)
        if picked is not None:
            path = files.config_location.path
            out.append(
                Candidate(
                    "config-file",
                    picked,
                    EntryRef(path, FileKind.CONFIG, section, top),
                    label,
                    live=False,
                )
            )
    return out


def _pick(value: Any, key: str | tuple[str, str]) -> Any:
    if isinstance(key, str):
        return value
    return value.get(key[1]) if isinstance(value, Mapping) else None
