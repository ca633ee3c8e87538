"""What a real editor test runs in: a HOME with a config file, and the editor's environment."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CONFIG = """[default]
region = us-east-1  # the main region
output = json

[profile dev]
role_arn = arn:aws:iam::123456789012:role/Dev
source_profile = default
"""


def editor_env(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A HOME with CONFIG as its config file, the result file, and the editor's environment."""
    home = tmp_path / "home"
    (home / ".aws").mkdir(parents=True)
    config = home / ".aws" / "config"
    config.write_text(CONFIG)
    out = tmp_path / "result.txt"
    env = {
        **os.environ,
        "HOME": str(home),
        "AWS_LS_PYTHON": sys.executable,
        "AWS_LS_OUT": str(out),
        "AWS_LS_FILE": str(config),
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "BOTO_CONFIG": str(home / ".boto"),
    }
    return config, out, env
