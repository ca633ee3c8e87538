"""Batch Emacs 28 with the repo's editors/emacs/aws-config-ls.el, loaded from an init file
before the client is, as the README says: Debian's eglot 1.9, and Debian's lsp-mode 8."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.editors import HERE, Home, make_home, named_by_variables, required

ELPA = Path("/usr/share/emacs/site-lisp/elpa")
CLIENTS = {"eglot": ELPA / "eglot-1.9", "lsp-mode": ELPA / "lsp-mode-8.0.0"}


def run_emacs(client: str, home: Home, env: dict[str, str] | None = None) -> str:
    emacs = required(shutil.which("emacs", path="/usr/bin"), "Emacs (apt-get install emacs-nox)")
    package = CLIENTS[client]
    required(str(package) if package.is_dir() else None, f"{package.name} (.ci/run installs it)")
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
        env={**(env or home.env), "AWS_LS_EMACS_CLIENT": client},
        cwd=home.root,
        capture_output=True,
        text=True,
        timeout=180,
    )
    result = home.result()
    assert done.returncode == 0 and "RESULT: PASS" in result, result + done.stderr[-3000:]
    assert f"{client} loaded by init.el: nil" in result
    return result


@pytest.mark.parametrize("client", CLIENTS)
def test_emacs_with_the_repo_file(tmp_path: Path, client: str) -> None:
    result = run_emacs(client, make_home(tmp_path))
    assert result.count("language aws-credentials") == 2
    assert "unknown-key is warning" in result
    assert result.count("definition:") == 2 and result.count("nothing") == 3


@pytest.mark.parametrize("client", CLIENTS)
def test_files_named_by_the_variables(tmp_path: Path, client: str) -> None:
    home = make_home(tmp_path)
    result = run_emacs(client, home, named_by_variables(home))
    assert "main.cfg: aws-config-mode" in result and "keys: aws-credentials-mode" in result
    assert "unknown-key is error" in result
