"""Batch Emacs 28 with Debian's eglot 1.9 and the repo's editors/emacs/aws-config-ls.el, loaded
from an init file before eglot is, as the README says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.editors import HERE, make_home, required

EGLOT = Path("/usr/share/emacs/site-lisp/elpa/eglot-1.9")


def test_emacs_eglot_with_the_repo_file(tmp_path: Path) -> None:
    emacs = required(shutil.which("emacs", path="/usr/bin"), "Emacs (apt-get install emacs-nox)")
    required(str(EGLOT) if EGLOT.is_dir() else None, "eglot 1.9 (apt-get install elpa-eglot)")
    home = make_home(tmp_path)
    # As an interactive Emacs starts: the installed packages' autoloads (eglot-ensure), then
    # the init file (--batch reads no ~/.emacs), then the test.
    done = subprocess.run(
        [
            emacs,
            "--batch",
            "--eval",
            "(package-activate-all)",
            "-l",
            str(HERE / "init.el"),
            "-l",
            str(HERE / "emacs.el"),
        ],
        env=home.env,
        cwd=home.root,
        capture_output=True,
        text=True,
        timeout=180,
    )
    result = home.result()
    assert done.returncode == 0 and "RESULT: PASS" in result, result + done.stderr[-3000:]
    assert "eglot loaded by init.el: nil" in result
    assert result.count("language aws-credentials") == 2
    assert result.count("definition:") == 2 and result.count("nothing") == 3
