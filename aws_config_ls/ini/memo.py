"""Memos in plain dicts, forgotten past a bound: `Bounded` (a function of one key) and
`by_name` (of a section name and a file kind).

A file of 25,000 profiles asks thousands of names and values once each, and repeats most
(`region = us-east-1`) thousands of times. `functools.lru_cache` keeps a key tuple and a link
per entry, about three times a dict slot; forgetting everything past a bound serves these
callers as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from aws_config_ls.ini.kinds import FileKind

K = TypeVar("K")
V = TypeVar("V")


class Bounded(Generic[K, V]):
    """`compute(key)` remembered in a plain dict, emptied past `limit` entries: what a file
    repeats is computed, and held, once; a file of ever new keys cannot grow it unbounded."""

    __slots__ = ("_compute", "_found", "_limit")

    def __init__(self, compute: Callable[[K], V], limit: int) -> None:
        self._compute = compute
        self._limit = limit
        self._found: dict[K, V] = {}

    def __call__(self, key: K) -> V:
        found = self._found.get(key)
        if found is None:
            if len(self._found) > self._limit:
                self._found.clear()
            found = self._found[key] = self._compute(key)
        return found

    def clear(self) -> None:
        self._found.clear()


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
