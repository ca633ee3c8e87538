"""Write the installed botocore's facts into the package.

    python -m aws_config_ls.catalogue.generate

Run it for each botocore version the package supports (after `pip install botocore==X`); the
file it writes ships in the wheel, so that version's first start derives nothing.
"""

from __future__ import annotations

import json

from aws_config_ls.catalogue.facts import derive, shipped_file


def main() -> None:
    data = derive()
    path = shipped_file(data["botocore_version"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(path)


if __name__ == "__main__":
    main()
