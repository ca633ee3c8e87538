"""How many examples a property test runs, by hypothesis profile (registered in conftest.py).

`ci` runs each test's full count; the default `dev` profile a tenth of it (at least ten), for
the inner loop. `HYPOTHESIS_PROFILE=ci` selects CI's strength. `explore` runs ten times CI's
counts and draws new scenarios even where a test replays fixed ones in CI and the inner loop
(`derandomize=DERANDOMIZE`: a gate that fails on a fresh seed would block unrelated work; the
disagreements `explore` finds become hand cases).
"""

from __future__ import annotations

import os

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")


DERANDOMIZE = PROFILE != "explore"


def examples(ci: int) -> int:
    """`ci` under the ci profile, ten times it to explore, a tenth of it otherwise."""
    if PROFILE == "explore":
        return ci * 10
    return ci if PROFILE == "ci" else max(ci // 10, min(ci, 10))
