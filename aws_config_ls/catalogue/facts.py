"""What the installed botocore itself holds, shipped as data and derived only when it differs.

Reading it means importing botocore's config provider and listing its model directories (about
0.2 s, plus 0.1 s of imports), too slow for every start of the CLI and the server. So the package
ships it as JSON for the botocore versions it was generated for (`python -m
aws_config_ls.catalogue.generate`); for any other version it is derived once and kept in the user
cache directory, keyed by botocore's version and install path; a cache that cannot be read or
written only costs the recomputation. The installed version is read without importing botocore.
Nothing here runs at import time.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Mapping
from contextlib import suppress
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from aws_config_ls.ini.records import NamedTuple

SCHEMA = 4  # bump when the JSON shape below changes

_VERSION = re.compile(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)
SHIPPED = Path(__file__).with_name("data")  # botocore-<version>.json, one per supported version


class SessionVariable(NamedTuple):
    """One config-file location of a botocore session variable (configprovider.py tables)."""

    logical_name: str  # e.g. "retry_mode", "s3.use_arn_region", "proxies_config.proxy_ca_bundle"
    path: tuple[str, ...]  # ("region",) for a profile key, ("s3", "use_arn_region") when nested
    env: tuple[str, ...]
    default: str | None
    conversion: str | None  # "ensure_boolean", "int", "normalize_boolean" …


class SessionSetting(NamedTuple):
    """One row of botocore's configprovider tables, as the config store reads it."""

    name: str  # logical name, "s3." / "proxies_config." prefixed when nested
    instance: str  # the row's own name: the Session instance variable that overrides it
    config_keys: tuple[str | tuple[str, str], ...]  # botocore's order; (section, key) nested
    env_vars: tuple[str, ...]
    default: Any  # None, a bool, an int, a string or {} (JSON round-trips each exactly)
    conversion: str | None  # qualified: "builtins.int", "botocore.utils.ensure_boolean"


class Facts(NamedTuple):
    botocore_version: str
    variables: tuple[SessionVariable, ...]
    settings: tuple[SessionSetting, ...]
    regions: Mapping[str, str]  # region -> partition
    region_names: Mapping[str, str]  # region -> its description ("Europe (Ireland)")
    region_patterns: Mapping[str, str]  # partition -> regionRegex
    service_ids: Mapping[str, str]  # client name (create_client's) -> its [services x] block key
    signature_services: frozenset[str]  # endpoint prefixes: keys of `<service> =` blocks
    # botocore.exceptions class -> its `fmt`, for each class whose message is exactly
    # `fmt.format(**kwargs)` (BotoCoreError.__init__): no import of botocore to say an error
    error_formats: Mapping[str, str]


@cache
def facts() -> Facts:
    """botocore's facts: shipped with the package for the installed botocore, else from the
    disk cache when it matches, else derived (and cached)."""
    installed = _installed()
    if installed is not None:
        shipped = _load(shipped_file(installed[0]))
        if shipped is not None:
            return shipped
    path = _cache_file(installed)
    if path is not None:
        cached = _load(path)
        if cached is not None:
            return cached
    data = derive()
    if path is not None:
        _store(path, data)
    return _facts_from(data)


def shipped_file(version: str) -> Path:
    return SHIPPED / f"botocore-{version}.json"


def session_variable_tables() -> tuple[tuple[str, Mapping[str, tuple[Any, ...]]], ...]:
    """botocore's configprovider tables, the one place they are read: (logical-name prefix,
    rows of (config keys, env vars, default, conversion)), top-level, `s3.` then `proxies_config.`.
    """
    from botocore import configprovider as cp

    return (
        ("", cp.BOTOCORE_DEFAUT_SESSION_VARIABLES),
        ("s3.", cp.DEFAULT_S3_CONFIG_VARS),
        ("proxies_config.", cp.DEFAULT_PROXIES_CONFIG_VARS),
    )


def derive() -> dict[str, Any]:
    """Everything `Facts` holds, straight from the installed botocore, as JSON-ready data."""
    from botocore import __version__, exceptions, loaders, utils

    variables = []
    settings = []
    for prefix, table in session_variable_tables():
        for logical, (names, env, default, conversion) in table.items():
            keys = names if isinstance(names, list) else ([] if names is None else [names])
            settings.append(
                {
                    "name": prefix + logical,
                    "instance": logical,
                    "config_keys": keys,
                    "env_vars": env if isinstance(env, list) else ([] if env is None else [env]),
                    "default": default,
                    "conversion": None
                    if conversion is None
                    else f"{conversion.__module__}.{conversion.__name__}",
                }
            )
            for path in _config_paths(names):
                variables.append(
                    {
                        "logical_name": prefix + logical,
                        "path": path,
                        "env": [env] if isinstance(env, str) else list(env or ()),
                        "default": _default_text(default),
                        "conversion": getattr(conversion, "__name__", None),
                    }
                )

    loader = loaders.Loader(
        extra_search_paths=[loaders.Loader.BUILTIN_DATA_PATH],
        include_default_search_paths=False,
    )
    partitions = loader.load_data("partitions")["partitions"]
    endpoints = loader.load_data("endpoints")["partitions"]
    regions = {r: p["partition"] for p in endpoints for r in p["regions"]}
    regions.update({r: p["id"] for p in partitions for r in p["regions"]})
    names = {r: d.get("description", "") for p in endpoints for r, d in p["regions"].items()}
    names.update({r: d.get("description", "") for p in partitions for r, d in p["regions"].items()})
    clients = sorted(loader.list_available_services("service-2"))
    overrides = utils.CLIENT_NAME_TO_HYPHENIZED_SERVICE_ID_OVERRIDES
    base: Any = exceptions.BotoCoreError
    errors: dict[str, Any] = {
        name: cls
        for name, cls in vars(exceptions).items()
        if isinstance(cls, type) and issubclass(cls, base)
    }
    return {
        "schema": SCHEMA,
        "botocore_version": __version__,
        "variables": variables,
        "settings": settings,
        "regions": regions,
        "region_names": {r: n for r, n in names.items() if n},
        "region_patterns": {p["id"]: p["regionRegex"] for p in partitions},
        # ConfiguredEndpointProvider._get_snake_case_service_id, for every client name
        "service_ids": {c: overrides.get(c, c).replace("-", "_").lower() for c in clients},
        "signature_services": sorted({s for p in endpoints for s in p["services"]}),
        "error_formats": {
            name: cls.fmt
            for name, cls in errors.items()
            if cls.__init__ is base.__init__ and cls.__str__ is BaseException.__str__
        },
    }


def _config_paths(names: object) -> list[list[str]]:
    """A configprovider name entry: None, "key", ("s3", "key"), or a list of those."""
    if names is None:
        return []
    if isinstance(names, str):
        return [[names]]
    if isinstance(names, tuple):
        return [list(names)]
    return [path for entry in names for path in _config_paths(entry)]  # type: ignore[attr-defined]


def _default_text(default: object) -> str | None:
    if default is None or default == {}:
        return None
    if isinstance(default, bool):
        return "true" if default else "false"
    return str(default)


def _facts_from(data: Mapping[str, Any]) -> Facts:
    return Facts(
        botocore_version=str(data["botocore_version"]),
        variables=tuple(
            SessionVariable(
                logical_name=v["logical_name"],
                path=tuple(v["path"]),
                env=tuple(v["env"]),
                default=v["default"],
                conversion=v["conversion"],
            )
            for v in data["variables"]
        ),
        settings=tuple(
            SessionSetting(
                name=s["name"],
                instance=s["instance"],
                config_keys=tuple(_config_key(k) for k in s["config_keys"]),
                env_vars=tuple(s["env_vars"]),
                default=s["default"],
                conversion=s["conversion"],
            )
            for s in data["settings"]
        ),
        regions=dict(data["regions"]),
        region_names=dict(data["region_names"]),
        region_patterns=dict(data["region_patterns"]),
        service_ids=dict(data["service_ids"]),
        signature_services=frozenset(data["signature_services"]),
        error_formats=dict(data["error_formats"]),
    )


def _config_key(key: str | list[str]) -> str | tuple[str, str]:
    return key if isinstance(key, str) else (key[0], key[1])


def _cache_dir() -> Path:
    """The per-user cache directory, by each platform's convention."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aws-config-ls"


def _installed() -> tuple[str, str] | None:
    """The installed botocore's version and directory, found without importing it."""
    spec = find_spec("botocore")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = next(iter(spec.submodule_search_locations))
    try:
        match = _VERSION.search((Path(root) / "__init__.py").read_text(encoding="utf-8"))
    except OSError:
        return None
    return None if match is None else (match.group(1), root)


def _cache_file(installed: tuple[str, str] | None) -> Path | None:
    """The user cache file for the installed botocore."""
    if installed is None:
        return None
    import hashlib  # only here: loading OpenSSL costs every start ~10 ms

    version, root = installed
    where = hashlib.sha256(root.encode()).hexdigest()[:12]
    return _cache_dir() / f"botocore-facts-v{SCHEMA}-{version}-{where}.json"


def _load(path: Path) -> Facts | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != SCHEMA:
            return None
        return _facts_from(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _store(path: Path, data: Mapping[str, Any]) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
