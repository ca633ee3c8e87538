"""The index every feature asks: (context, key) -> KnownKey, built on first use.

Curated keys are merged with what the installed botocore says (environment variables, defaults,
conversions); a key botocore reads that is not curated still gets a plain entry, so a newer
botocore never makes a valid key look unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from aws_config_ls.catalogue import (
    block_keys,
    boto2_keys,
    botocore_keys,
    cli_keys,
    credential_keys,
    sdk_keys,
    third_party_keys,
)
from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.effects import raises, silently
from aws_config_ls.catalogue.facts import SessionVariable, facts
from aws_config_ls.catalogue.known_key import KnownKey, Names
from aws_config_ls.catalogue.nearest import nearest
from aws_config_ls.catalogue.plugin_keys import plugin_lookup
from aws_config_ls.catalogue.valuetypes import Boolean, BooleanParse, Integer, Text, ValueType
from aws_config_ls.ini.records import NamedTuple

CURATED: tuple[KnownKey, ...] = (
    *botocore_keys.KEYS,
    *credential_keys.KEYS,
    *block_keys.KEYS,
    *cli_keys.KEYS,
    *third_party_keys.KEYS,
    *sdk_keys.KEYS,
    *boto2_keys.KEYS,
)

# Sub-keys of nested blocks keep their case (configloader._parse_nested) and botocore looks
# them up exactly: `Addressing_Style` inside `s3 =` is never read.
EXACT_CASE = frozenset(
    {
        Context.S3,
        Context.API_VERSIONS,
        Context.SERVICE_SIGNATURE,
        Context.SERVICE_BLOCK,
        Context.EMR,
    }
)

# Names people write for a key that the key's own environment variables do not cover.
_ALIASES = {"region_name": "region", "aws_region": "region", "default_region": "region"}


class _Index(NamedTuple):
    keys: Mapping[Context, Mapping[str, KnownKey]]
    patterns: Mapping[Context, KnownKey]


def exact_case(context: Context) -> bool:
    """Whether keys in `context` are matched case-sensitively (nested blocks)."""
    return context in EXACT_CASE


def lookup(
    context: Context, key: str, plugins: frozenset[str] = frozenset(), block: bool = False
) -> KnownKey | None:
    """The setting `key` is in `context`, or None. Section keys must come lower-cased.

    `plugins`: the AWS CLI plugin modules [plugins] declares, whose keys count too; `block`:
    the value is an indented block (a plugin's per-command blocks match only then).
    """
    found = _lookup(context, key)
    if found is None and plugins:
        found = plugin_lookup(plugins, context, key, block)
    return found


def _lookup(context: Context, key: str) -> KnownKey | None:
    index = _index()
    found = index.keys.get(context, {}).get(key)
    if found is not None:
        return found
    pattern = index.patterns.get(context)
    if pattern is not None and pattern.names is not None and _named(pattern.names, key):
        return pattern
    if context is Context.PROFILE:
        return third_party_keys.prefixed_key(key)
    return None


@cache
def keys_in(context: Context) -> Mapping[str, KnownKey]:
    """Every key `context` offers, for completion.

    Service ids ([services] blocks) and client names (api_versions) are listed one by one;
    signature blocks (`ec2 =`), plugins and preview names are matched by `lookup` only.
    """
    index = _index()
    found = dict(index.keys.get(context, {}))
    pattern = index.patterns.get(context)
    if pattern is not None and pattern.names in (Names.SERVICE_IDS, Names.CLIENT_NAMES):
        for name in sorted(_names(pattern.names)):
            found.setdefault(name, pattern)
    return MappingProxyType(found)


def closest_key(context: Context, key: str) -> str | None:
    """The key the user probably meant by a key `lookup` does not know; None if nothing is close."""
    if lookup(context, key) is not None:
        return None
    known = keys_in(context)
    folded = key.lower()
    if exact_case(context):
        for candidate in known:
            if candidate.lower() == folded:
                return candidate
    alias = _aliases(context).get(folded)
    if alias is not None:
        return alias
    return nearest(key, known, shortened_ok=True)


def elsewhere(key: str) -> tuple[KnownKey, ...]:
    """Every setting named `key`, in any context: where a misplaced key belongs."""
    index = _index()
    return tuple(
        keys[key]
        for context, keys in index.keys.items()
        if context is not Context.DEFAULT_SECTION and key in keys
    )


def regions() -> Mapping[str, str]:
    """Every region botocore knows, with the partition it belongs to."""
    return facts().regions


def region_name(region: str) -> str | None:
    """The name botocore's endpoint data gives a region ("Europe (Ireland)")."""
    return facts().region_names.get(region)


def is_known_region(name: str) -> bool:
    return name in facts().regions


@cache
def service_ids() -> frozenset[str]:
    """The block names botocore looks up in [services] sections."""
    return frozenset(facts().service_ids.values())


@cache
def _signature_services() -> frozenset[str]:
    return facts().signature_services | frozenset(facts().service_ids)


def _names(names: Names) -> frozenset[str]:
    if names is Names.SERVICE_IDS:
        return service_ids()
    if names is Names.CLIENT_NAMES:
        return frozenset(facts().service_ids)
    return _signature_services()


def _named(names: Names, key: str) -> bool:
    return names is Names.ANY or key in _names(names)


@cache
def _aliases(context: Context) -> Mapping[str, str]:
    """Lower-cased environment variable names, client names and common slips, to keys."""
    known = keys_in(context)
    aliases = {env.lower(): key for key, s in known.items() for env in s.env if "<" not in env}
    if context is Context.SERVICES:
        aliases.update({c.replace("-", "_"): sid for c, sid in facts().service_ids.items()})
    aliases.update({slip: key for slip, key in _ALIASES.items() if key in known})
    return {alias: key for alias, key in aliases.items() if alias not in known}


@cache
def _index() -> _Index:
    located: dict[tuple[Context, str], SessionVariable] = {}
    for found in facts().variables:
        place = _place(found.path)
        if place is not None:
            located[place] = found
    keys: dict[Context, dict[str, KnownKey]] = {}
    patterns: dict[Context, KnownKey] = {}
    for setting in CURATED:
        for context in setting.contexts:
            variable = located.get((context, setting.key))
            placed = setting if variable is None else _from_botocore(setting, variable)
            if setting.names is not None:
                patterns[context] = placed
            else:
                keys.setdefault(context, {})[setting.key] = placed
    for (context, key), variable in located.items():
        if key not in keys.setdefault(context, {}):
            keys[context][key] = _uncurated(context, key, variable)
    keys[Context.DEFAULT_SECTION] = {**keys[Context.SSO_SESSION], **keys[Context.PROFILE]}
    patterns[Context.DEFAULT_SECTION] = patterns[Context.PROFILE]
    return _Index(keys, patterns)


def _place(path: tuple[str, ...]) -> tuple[Context, str] | None:
    """Where a configprovider path sits: a profile key, or a sub-key of the s3 block."""
    if len(path) == 1:
        return Context.PROFILE, path[0]
    if len(path) == 2 and path[0] == "s3":
        return Context.S3, path[1]
    return None


def _from_botocore(setting: KnownKey, variable: SessionVariable) -> KnownKey:
    return setting._replace(
        env=variable.env,
        default=variable.default,
        logical_name=variable.logical_name,
        conversion=variable.conversion,
    )


def _uncurated(context: Context, key: str, variable: SessionVariable) -> KnownKey:
    """A key this catalogue does not describe yet: typed by its conversion, never unknown."""
    value_type: ValueType = Text()
    if variable.conversion in ("ensure_boolean", "normalize_boolean"):
        value_type = Boolean(BooleanParse.LENIENT, silently("botocore reads it as false"))
    elif variable.conversion == "int":
        value_type = Integer(raises("ValueError: invalid literal for int()"))
    description = f"Read by botocore as `{variable.logical_name}`; not described here yet."
    return _from_botocore(
        botocore_keys.botocore_key(
            key, value_type, variable.logical_name, description, context=context
        ),
        variable,
    )
