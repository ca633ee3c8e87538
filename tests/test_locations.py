"""Which paths the server takes for AWS files without an AWS language: pure functions."""

from __future__ import annotations

import pytest

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import glob_regex, kind_by_name, sibling


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("**/aws/config", "/home/me/dotfiles/aws/config", True),
        ("aws/config", "/home/me/dotfiles/aws/config", True),  # any depth
        ("aws/config", "/home/me/dotfiles/xaws/config", False),  # whole names only
        ("**/dot_aws/*", "/home/me/chezmoi/dot_aws/private_credentials", True),
        ("/home/*/aws/config", "/home/me/x/aws/config", False),  # `*` stays in one folder
        ("/home/**/config", "/home/me/x/aws/config", True),
        ("**/aws/{config,credentials}", "/d/aws/credentials", True),
        ("**/aws/{config,credentials}", "/d/aws/cred", False),
        ("**/a?s/config", "/d/aws/config", True),
        ("**/aws/config.[ch]", "/d/aws/config.[ch]", True),  # regex characters are literal
    ],
)
def test_globs(glob: str, path: str, matches: bool) -> None:
    assert bool(glob_regex(glob).fullmatch(path)) is matches


def test_home_in_globs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/me")
    glob_regex.cache_clear()
    assert glob_regex("~/dotfiles/**").fullmatch("/home/me/dotfiles/aws/credentials")
    assert not glob_regex("~/dotfiles/**").fullmatch("/elsewhere/dotfiles/aws/credentials")


def test_kind_by_name() -> None:
    extra = ["**/dotfiles/aws-*"]
    assert kind_by_name("/h/.aws/credentials", "confini", ()) is FileKind.CREDENTIALS
    assert kind_by_name("/h/.aws/config", "conf-unix", ()) is FileKind.CONFIG
    assert kind_by_name("/h/.aws/config", "gitconfig", ()) is None  # not a generic INI language
    assert kind_by_name("/h/.gitconfig", "ini", ()) is None
    assert kind_by_name("/h/dotfiles/aws-credentials", "text", extra) is FileKind.CREDENTIALS
    assert kind_by_name("/h/dotfiles/aws-main", "", extra) is FileKind.CONFIG
    assert kind_by_name("/h/other/aws-main", "ini", extra) is None


def test_sibling() -> None:
    assert sibling("/d/aws/config") == "/d/aws/credentials"
    assert sibling("/d/aws/credentials") == "/d/aws/config"
    assert sibling("/d/dot_aws/private_credentials") == "/d/dot_aws/private_config"
    assert sibling("/d/settings.ini") is None
