"""Checks born of real files, each proven against botocore in the sandbox of the other
differential tests: what botocore returns or runs, and the problem we report for it."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.session

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.problems import Problem
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace
from tests.support.resolution import Scenario, materialised, sandbox_environ
from tests.test_checks_differential import ENV, disagreements, files_of

ARGV_PROCESS = """#!/bin/sh
printf '%s\\n' "$@" > "$HOME/argv.txt"
echo '{"Version": 1, "AccessKeyId": "AKIDPROCESS0001", "SecretAccessKey": "procsecret"}'
"""


def _run(config: str, credentials: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    files = {
        ".aws/config": config,
        ".aws/credentials": credentials,
        "argv.sh": ARGV_PROCESS,
    }
    with materialised(Scenario(files, dict(ENV), executable=("argv.sh",))) as (home, env):
        yield home, env


def _botocore(env: dict[str, str], profile: str) -> Any:
    with sandbox_environ(env):
        session = boto3.Session(botocore_session=botocore.session.Session(), profile_name=profile)
        return session.get_credentials()


def _ours(home: str, env: dict[str, str], kind: FileKind) -> list[Problem]:
    workspace = Workspace(Environment(variables=env, cwd=home))
    rel = ".aws/config" if kind is FileKind.CONFIG else ".aws/credentials"
    model = workspace.model(os.path.join(home, rel), kind)
    assert model is not None
    return workspace.problems(model)


def _at(problems: list[Problem], code: str) -> list[int]:
    return [p.span.start.line + 1 for p in problems if p.code == code]


def test_empty_static_keys_are_the_credentials_botocore_returns() -> None:
    credentials = "[default]\naws_access_key_id =\naws_secret_access_key =\n"
    for home, env in _run("", credentials):
        found = _botocore(env, "default")
        assert found is not None and found.method == "shared-credentials-file"
        assert (found.access_key, found.secret_key) == ("", "")
        assert _at(_ours(home, env, FileKind.CREDENTIALS), "empty-credentials") == [2, 3]
    assert disagreements(files_of("", credentials)) == []


def test_an_empty_secret_alone_is_reported_and_a_filled_pair_is_not() -> None:
    config = "[default]\naws_access_key_id = AKIDFILE00001\naws_secret_access_key =\n"
    for home, env in _run(config):
        found = _botocore(env, "default")
        assert (found.method, found.secret_key) == ("config-file", "")
        assert _at(_ours(home, env, FileKind.CONFIG), "empty-credentials") == [3]
    filled = "[default]\naws_access_key_id = AKIDFILE00001\naws_secret_access_key = s\n"
    for home, env in _run(filled):
        assert _botocore(env, "default").secret_key == "s"
        assert _at(_ours(home, env, FileKind.CONFIG), "empty-credentials") == []


def test_credential_source_without_role_arn_is_ignored_by_botocore() -> None:
    keys = "aws_access_key_id = AKIDFILE00001\naws_secret_access_key = s\n"
    config = f"[profile a]\ncredential_source = Environment\n{keys}"
    for home, env in _run(config):
        assert _botocore(env, "a").method == "config-file"  # not assume-role
        assert _at(_ours(home, env, FileKind.CONFIG), "credential-source-ignored") == [2]
    with_role = (
        "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
        "credential_source = Environment\n[profile keys]\n" + keys
    )
    for home, env in _run(with_role):
        env = {**env, "AWS_ACCESS_KEY_ID": "AKIDENV0001", "AWS_SECRET_ACCESS_KEY": "e"}
        assert _botocore(env, "a").method == "assume-role"
        assert _at(_ours(home, env, FileKind.CONFIG), "credential-source-ignored") == []
    assert disagreements(files_of(config)) == []


def test_shell_syntax_reaches_the_program_as_arguments() -> None:
    config = "[default]\ncredential_process = {home}/argv.sh --json | base64 --decode > $OUT\n"
    for home, env in _run(config):
        assert _botocore(env, "default").access_key == "AKIDPROCESS0001"
        with open(os.path.join(home, "argv.txt"), encoding="utf-8") as f:
            received = f.read().splitlines()
        assert received == ["--json", "|", "base64", "--decode", ">", "$OUT"]
        (problem,) = [p for p in _ours(home, env, FileKind.CONFIG) if p.code == "shell-syntax"]
        shown = re.search(r"argv = \[(.*)\]", problem.message)
        assert shown is not None
        assert list(ast.literal_eval(f"[{shown.group(1)}]"))[1:] == received


def test_both_sources_is_reported_under_its_own_code() -> None:
    config = (
        "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = b\n"
        "credential_source = Environment\n[profile b]\naws_access_key_id = A\n"
        "aws_secret_access_key = s\n"
    )
    for home, env in _run(config):
        codes = [p.code for p in _ours(home, env, FileKind.CONFIG)]
        assert "conflicting-credential-sources" in codes
        assert "unknown-source-profile" not in codes
    assert disagreements(files_of(config)) == []


def test_one_cause_is_reported_once_on_its_line() -> None:
    config = (
        "[profile a]\nsso_session = ghost\nsso_account_id = 123456789012\nsso_role_name = R\n"
        "[profile b]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
        "credential_source = environment\n"
    )
    for home, env in _run(config):
        lines = [p.span.start.line + 1 for p in _ours(home, env, FileKind.CONFIG)]
        assert sorted(lines) == [2, 7]
    assert disagreements(files_of(config)) == []
