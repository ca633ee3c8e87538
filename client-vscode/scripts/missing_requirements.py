"""Print the requirements that the bundled libraries need on SOME supported Python but lack.

pip resolves environment markers for the Python that runs it, even with --python-version,
so a bundle built on 3.11 lacks e.g. `exceptiongroup; python_version < '3.11'`, which
cattrs needs on 3.10. This evaluates every Requires-Dist of every bundled distribution for
each supported Python version and prints the requirement strings (one per line, marker
removed) whose distribution is not in the bundle.

usage: python missing_requirements.py LIBS_DIR [MIN_MINOR=10] [MAX_MINOR=14]
"""

from __future__ import annotations

import re
import sys
from importlib import metadata

try:  # pip's vendored copy: always there when pip is
    from pip._vendor.packaging.requirements import Requirement
except ImportError:  # pragma: no cover
    from packaging.requirements import Requirement  # type: ignore[no-redef]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main() -> int:
    libs = sys.argv[1]
    lo = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    hi = int(sys.argv[3]) if len(sys.argv) > 3 else 14
    dists = list(metadata.distributions(path=[libs]))
    present = {canonical(d.metadata["Name"]) for d in dists}
    missing: dict[str, str] = {}
    for d in dists:
        for line in d.requires or []:
            req = Requirement(line)
            if canonical(req.name) in present:
                continue
            for minor in range(lo, hi + 1):
                env = {"python_version": f"3.{minor}", "python_full_version": f"3.{minor}.0", "extra": ""}
                if req.marker is None or req.marker.evaluate(env):
                    req.marker = None
                    missing.setdefault(canonical(req.name), str(req))
                    break
    for r in sorted(missing.values()):
        print(r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
