"""A real editor: Emacs 28 in batch mode with eglot 1.9 (Debian's) drives the server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.editors.test_neovim import CONFIG

HERE = Path(__file__).resolve().parent
EGLOT = "/usr/share/emacs/site-lisp/elpa/eglot-1.9"


def test_emacs_eglot_gets_diagnostics_completion_and_hover(tmp_path: Path) -> None:
    emacs = shutil.which("emacs")
    assert emacs, "Emacs is required for this test: apt-get install emacs-nox elpa-eglot"
    assert Path(EGLOT).is_dir(), "eglot 1.9 is required: apt-get install elpa-eglot"
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
    done = subprocess.run(
        [emacs, "--batch", "-Q", "-L", EGLOT, "-l", str(HERE / "emacs.el")],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
    )
    result = out.read_text() if out.exists() else "(no result file)"
    assert done.returncode == 0 and "RESULT: PASS" in result, result + done.stderr[-2000:]
    assert "boto3 has no inline comments" in result or "trailing comment" in result
