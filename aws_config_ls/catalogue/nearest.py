"""Did-you-mean: the known word nearest to a misspelling, by edit distance on folded text.

Case and separators (`-`, `_`, `.`, blanks) are folded before comparing, so `EU-west1` is one
edit from `eu-west-1` and `AWS_Region` none from `aws region`; a transposition counts as one
edit (`regoin`). Only candidates within about one edit per five characters are offered, so
`foo_region` suggests nothing rather than `sso_region`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[-_.\s]+")


def fold(text: str) -> str:
    return _SEPARATORS.sub("", text.lower())


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def nearest(word: str, candidates: Iterable[str], shortened_ok: bool = False) -> str | None:
    """The candidate nearest to `word`, if near enough; ties go to the first in sorted order.

    With `shortened_ok` (key names), failing that, the shortest candidate that holds all of
    `word` in order and is not much longer (`aws_secret_key` for `aws_secret_access_key`).
    """
    folded = fold(word)
    if not folded:
        return None
    allowed = max(1, len(folded) // 5)
    best: tuple[int, str] | None = None
    shortened: tuple[int, str] | None = None
    for candidate in candidates:
        if candidate == word:
            continue
        other = fold(candidate)
        if abs(len(other) - len(folded)) <= allowed:
            d = distance(folded, other)
            if d <= allowed and (best is None or (d, candidate) < best):
                best = (d, candidate)
        elif (
            shortened_ok
            and _shortened(folded, other)
            and (shortened is None or (len(other), candidate) < shortened)
        ):
            shortened = (len(other), candidate)
    found = best or shortened
    return None if found is None else found[1]


def _shortened(short: str, long: str) -> bool:
    """`short` is `long` with a few letters left out (at least two thirds kept)."""
    if len(short) < 6 or len(short) * 3 < len(long) * 2:
        return False
    rest = iter(long)
    return all(c in rest for c in short)
