"""Real editors driving the server with the repo's own editor files (editors/), loaded as a
user loads them: a HOME with real ~/.aws files, a dotfiles copy of them, and INI files that
are not AWS files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = REPO / "tests" / "editors"  # the drivers: init files and the scripts the editors run

CONFIG = """[default]
region = us-east-1
regoin = us-west-2

[profile dev]
role_arn = arn:aws:iam::123456789012:role/Dev
source_profile = base
"""
CREDENTIALS = """[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[profile extra]
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
"""


def required(tool: str | None, what: str) -> str:
    """A tool the test needs: missing, the test fails (CI installs it; see .ci/run)."""
    assert tool and Path(tool).exists(), f"{what} is required for this test (.ci/run installs it)"
    return tool


@dataclass
class Home:
    """A HOME with ~/.aws/{config,credentials}, a dotfiles copy, and two non-AWS INI files."""

    root: Path
    pairs: list[tuple[Path, Path]]
    others: list[Path]
    env: dict[str, str]
    out: Path

    def result(self) -> str:
        return self.out.read_text() if self.out.exists() else "(no result file)"

    def run(self, argv: list[str], env: dict[str, str], timeout: float) -> str:
        """Run an editor's driver script in this HOME: its result file, which must say PASS."""
        done = subprocess.run(
            argv, env=env, cwd=self.root, capture_output=True, text=True, timeout=timeout
        )
        result = self.result()
        assert done.returncode == 0 and "RESULT: PASS" in result, result + done.stderr[-3000:]
        return result


def make_home(tmp_path: Path) -> Home:
    home = tmp_path / "home"
    pairs = []
    for folder in (home / ".aws", home / "dotfiles" / "aws"):
        folder.mkdir(parents=True)
        (folder / "config").write_text(CONFIG)
        (folder / "credentials").write_text(CREDENTIALS)
        pairs.append((folder / "config", folder / "credentials"))
    # Neovim: gitconfig, dosini, confini (0.11+); Emacs: conf-unix-mode for each.
    others = [home / ".gitconfig", home / "settings.ini", home / "pacman.conf"]
    others[0].write_text("[user]\n\tname = me\n[user]\n")
    for other in others[1:]:
        other.write_text("[default]\nregoin = x\n[default]\n")
    # The server as a user has it: `aws-config-ls` on PATH, nothing else from the venv.
    server = required(
        shutil.which("aws-config-ls", path=str(Path(sys.executable).parent)),
        "the aws-config-ls command (pip install -e .)",
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "aws-config-ls").symlink_to(server)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "BOTO"))}
    out = tmp_path / "result.txt"
    env.update(
        HOME=str(home),
        PATH=f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_LS_REPO=str(REPO),
        AWS_LS_OUT=str(out),
        AWS_LS_PAIRS=";".join(f"{c}|{k}" for c, k in pairs),
        AWS_LS_OTHERS=";".join(map(str, others)),
    )
    return Home(home, pairs, others, env, out)


def named_by_variables(home: Home) -> dict[str, str]:
    """Files with no AWS name, named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE (with
    `$HOME` and `~`, which botocore expands): the editor and the server take them as the files
    boto3 reads."""
    work = home.root / "work"
    work.mkdir()
    config, credentials = work / "main.cfg", work / "keys"
    config.write_text(CONFIG)
    credentials.write_text(CREDENTIALS)
    return {
        **home.env,
        "AWS_CONFIG_FILE": "$HOME/work/main.cfg",
        "AWS_SHARED_CREDENTIALS_FILE": "~/work/keys",
        "AWS_LS_PAIRS": f"{config}|{credentials}",
        "AWS_LS_OTHERS": "",
        "AWS_LS_UNKNOWN_KEY": "error",  # the settings line of the README, in the init file
    }
