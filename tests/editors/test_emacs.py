"""Batch Emacs 28 with the repo's editors/emacs/aws-config-ls.el, loaded from an init file
before the client is, as the README says: Debian's eglot 1.9, and Debian's lsp-mode 8."""

from __future__ import annotations

import shutil
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
    init, test = str(HERE / "init.el"), str(HERE / "emacs.el")
    result = home.run(
        [emacs, "--batch", "--eval", "(package-activate-all)", "-l", init, "-l", test],
        {**(env or home.env), "AWS_LS_EMACS_CLIENT": client},
        timeout=180,
    )
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
