"""A real editor: headless Neovim (Debian's 0.7) drives the server over stdio."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.support.editors import editor_env

HERE = Path(__file__).resolve().parent


def test_neovim_gets_diagnostics_completion_and_hover(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    assert nvim, "Neovim is required for this test: apt-get install neovim (.ci/run does)"
    config, out, env = editor_env(tmp_path)
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
