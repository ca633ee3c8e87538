"""`.pre-commit-hooks.yaml` works through pre-commit itself (`pre-commit try-repo`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def test_files_pattern_matches_aws_names_only() -> None:
    pattern = re.search(r"^\s*files: (.*)$", HOOKS.read_text(), re.MULTILINE)
    assert pattern is not None
    files = re.compile(pattern.group(1))
    for name in ("aws/config", ".aws/credentials", "home/dot_aws/config", ".boto", "x/boto.cfg"):
        assert files.search(name), name
    for name in ("config", "src/config", ".aws/config.bak", "aws/cli/alias", "my.boto.txt"):
        assert not files.search(name), name


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_try_repo(tmp_path: Path) -> None:
    here = os.path.dirname(sys.executable)  # a virtualenv's bin, when pytest runs from one
    tool = shutil.which("pre-commit") or shutil.which("pre-commit", path=here)
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install pre-commit (pip install pre-commit)")
        pytest.skip("pre-commit is not installed")
    repo = tmp_path / "dotfiles"
    (repo / ".aws").mkdir(parents=True)
    (repo / ".aws" / "config").write_text("[default]\nregion = us-east-1\n[default]\n")
    (repo / "notes.txt").write_text("[default]\nfoo\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "init")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [tool, "try-repo", str(ROOT), "aws-config-ls", "--all-files", "-v"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert ".aws/config:3:2: error:" in done.stdout and "[duplicate-section]" in done.stdout
    assert "notes.txt" not in done.stdout
