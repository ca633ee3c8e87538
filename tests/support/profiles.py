"""How many examples a property test runs, by hypothesis profile (registered in conftest.py).

`ci` runs each test's full count; the default `dev` profile a tenth of it (at least ten), for
the inner loop. `HYPOTHESIS_PROFILE=ci` selects CI's strength.
"""

from __future__ import annotations

import os

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")


def examples(ci: int) -> int:
    """`ci` under the ci profile, a tenth of it otherwise."""
    return ci if PROFILE == "ci" else max(ci // 10, min(ci, 10))
