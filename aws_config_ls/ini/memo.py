"""`by_name`: a function of a section name and a file kind, remembered in plain dicts.

A file of 25,000 profiles asks thousands of names once each and then again on an edit that
moves headers. `functools.lru_cache` keeps a key tuple and a link per entry, about three
times a dict slot; forgetting everything past a bound serves these callers as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from aws_config_ls.ini.kinds import FileKind

V = TypeVar("V")


class by_name(Generic[V]):  # a decorator, named like functools' own
    def __init__(self, compute: Callable[[str, FileKind], V], limit: int = 65_536) -> None:
        self._compute = compute
        self._limit = limit
        self._found: dict[FileKind, dict[str, V]] = {kind: {} for kind in FileKind}
        self.__doc__ = compute.__doc__

    def __call__(self, name: str, kind: FileKind) -> V:
        found = self._found[kind]
        value = found.get(name)
        if value is None:
            if len(found) > self._limit:
                found.clear()
            value = found[name] = self._compute(name, kind)
        return value

    def cache_clear(self) -> None:
        for found in self._found.values():
            found.clear()
