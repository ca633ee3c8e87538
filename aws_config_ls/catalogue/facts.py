"""What the installed botocore itself holds, read once and cached on disk.

Reading it means importing botocore's config provider and listing its model directories (about
0.2 s), too slow for every start of the CLI. So the result is kept as JSON in the user cache
directory, keyed by botocore's version and install path; a cache that cannot be read or written
only costs the recomputation. Nothing here runs at import time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

SCHEMA = 2  # bump when the JSON shape below changes

_VERSION = re.compile(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)


@dataclass(frozen=True)
class SessionVariable:
    """One config-file location of a botocore session variable (configprovider.py tables)."""

    logical_name: str  # e.g. "retry_mode", "s3.use_arn_region", "proxies_config.proxy_ca_bundle"
    path: tuple[str, ...]  # ("region",) for a profile key, ("s3", "use_arn_region") when nested
    env: tuple[str, ...]
    default: str | None
    conversion: str | None  # "ensure_boolean", "int", "normalize_boolean" …


@dataclass(frozen=True)
class Facts:
    botocore_version: str
    variables: tuple[SessionVariable, ...]
    regions: Mapping[str, str]  # region -> partition
    region_names: Mapping[str, str]  # region -> its description ("Europe (Ireland)")
    region_patterns: Mapping[str, str]  # partition -> regionRegex
    service_ids: Mapping[str, str]  # client name (create_client's) -> its [services x] block key
    signature_services: frozenset[str]  # endpoint prefixes: keys of `<service> =` blocks


@cache
def facts() -> Facts:
    """botocore's facts, from the disk cache when it matches the installed botocore."""
    path = _cache_file()
    if path is not None:
        cached = _load(path)
        if cached is not None:
            return cached
    data = _read_botocore()
    if path is not None:
        _store(path, data)
    return _facts_from(data)


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


def _read_botocore() -> dict[str, Any]:
    """Everything `Facts` holds, straight from botocore, as JSON-ready data."""
    from botocore import __version__, loaders, utils

    variables = []
    for prefix, table in session_variable_tables():
        for logical, (names, env, default, conversion) in table.items():
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
    return {
        "schema": SCHEMA,
        "botocore_version": __version__,
        "variables": variables,
        "regions": regions,
        "region_names": {r: n for r, n in names.items() if n},
        "region_patterns": {p["id"]: p["regionRegex"] for p in partitions},
        # ConfiguredEndpointProvider._get_snake_case_service_id, for every client name
        "service_ids": {c: overrides.get(c, c).replace("-", "_").lower() for c in clients},
        "signature_services": sorted({s for p in endpoints for s in p["services"]}),
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
        regions=dict(data["regions"]),
        region_names=dict(data["region_names"]),
        region_patterns=dict(data["region_patterns"]),
        service_ids=dict(data["service_ids"]),
        signature_services=frozenset(data["signature_services"]),
    )


def _cache_dir() -> Path:
    """The per-user cache directory, by each platform's convention."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aws-config-ls"


def _cache_file() -> Path | None:
    """The cache file for the installed botocore, found without importing it."""
    spec = find_spec("botocore")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = next(iter(spec.submodule_search_locations))
    try:
        match = _VERSION.search((Path(root) / "__init__.py").read_text(encoding="utf-8"))
    except OSError:
        return None
    if match is None:
        return None
    where = hashlib.sha256(root.encode()).hexdigest()[:12]
    return _cache_dir() / f"botocore-facts-v{SCHEMA}-{match.group(1)}-{where}.json"


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
