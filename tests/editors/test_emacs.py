"""A real editor: Emacs 28 in batch mode with eglot 1.9 (Debian's) drives the server."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.support.editors import editor_env

HERE = Path(__file__).resolve().parent
EGLOT = "/usr/share/emacs/site-lisp/elpa/eglot-1.9"


def test_emacs_eglot_gets_diagnostics_completion_and_hover(tmp_path: Path) -> None:
    emacs = shutil.which("emacs")
    assert emacs, "Emacs is required for this test: apt-get install emacs-nox elpa-eglot"
    assert Path(EGLOT).is_dir(), "eglot 1.9 is required: apt-get install elpa-eglot"
    _, out, env = editor_env(tmp_path)
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
