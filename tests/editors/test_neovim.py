"""A real editor: headless Neovim (Debian's 0.7) drives the server over stdio."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CONFIG = """[default]
region = us-east-1  # the main region
output = json

[profile dev]
role_arn = arn:aws:iam::123456789012:role/Dev
source_profile = default
"""


def test_neovim_gets_diagnostics_completion_and_hover(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    assert nvim, "Neovim is required for this test: apt-get install neovim (.ci/run does)"
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
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "BOTO_CONFIG": str(home / ".boto"),
    }
    done = subprocess.run(
        [
            nvim,
            "--headless",
            "-u",
            "NONE",
            "-i",
            "NONE",
            "-n",
            "-c",
            f"luafile {HERE / 'neovim.lua'}",
            str(config),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    result = out.read_text() if out.exists() else "(no result file)"
    assert done.returncode == 0 and "RESULT: PASS" in result, result + done.stderr
    opened = next(line for line in result.splitlines() if line.startswith("diagnostics(open)"))
    assert "1:comment-in-value" in opened and "0:source-without-credentials" in opened
    assert "completion:" in result and "region" in result
