"""Batch Emacs 28 with Debian's eglot 1.9 and the repo's editors/emacs/aws-config-ls.el, loaded
from an init file before eglot is, as the README says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.editors import HERE, Home, make_home, named_by_variables, required

EGLOT = Path("/usr/share/emacs/site-lisp/elpa/eglot-1.9")


def run_emacs(home: Home, env: dict[str, str] | None = None) -> str:
    emacs = required(shutil.which("emacs", path="/usr/bin"), "Emacs (apt-get install emacs-nox)")
    required(str(EGLOT) if EGLOT.is_dir() else None, "eglot 1.9 (apt-get install elpa-eglot)")
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
        env=env or home.env,
        cwd=home.root,
        capture_output=True,
        text=True,
        timeout=180,
    )
    result = home.result()
    assert done.returncode == 0 and "RESULT: PASS" in result, result + done.stderr[-3000:]
    assert "eglot loaded by init.el: nil" in result
    return result


def test_emacs_eglot_with_the_repo_file(tmp_path: Path) -> None:
    result = run_emacs(make_home(tmp_path))
    assert result.count("language aws-credentials") == 2
    assert "unknown-key is eglot-warning" in result
    assert result.count("definition:") == 2 and result.count("nothing") == 3


def test_files_named_by_the_variables(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    result = run_emacs(home, named_by_variables(home))
    assert "main.cfg: aws-config-mode" in result and "keys: aws-credentials-mode" in result
    assert "unknown-key is eglot-error" in result
