"""The command line contract: parse JSON, check formats and exit codes."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aws_config_ls import __version__
from aws_config_ls.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aws_config_ls", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_parse_prints_botocore_dictionaries_keyed_by_argument(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.write_text("[default]\nregion = us-east-1\n[profile dev]\ns3 =\n  a = 1\n")
    broken = tmp_path / "credentials"
    broken.write_text("[a]\nx=1\nX=2\n")
    done = run("parse", str(config), str(broken))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out[str(config)]["config"]["profiles"]["dev"] == {"s3": {"a": "1"}}
    assert out[str(config)]["sections"]["default"] == {"region": "us-east-1"}
    assert "config" not in out[str(broken)]
    assert out[str(broken)]["error"]["type"] == "DuplicateOptionError"
    assert out[str(broken)]["error"]["line"] == 3


def test_check_text_and_exit_codes(tmp_path: Path) -> None:
    bad = tmp_path / "config"
    bad.write_text("[default]\nregion = x # c\n[default]\n")
    done = run("check", str(bad))
    assert done.returncode == 1
    assert f"{bad}:3:2: error: " in done.stdout and "[duplicate-section]" in done.stdout
    good = tmp_path / "good"
    good.write_text("[default]\nregion = us-east-1\n")
    assert run("check", str(good)).returncode == 0


def test_check_json_contract(tmp_path: Path) -> None:
    bad = tmp_path / "config"
    bad.write_text("[default]\na=1\nA=2\n")
    done = run("check", "--format", "json", str(bad))
    [problem] = [p for p in json.loads(done.stdout) if p["code"] == "duplicate-key"]
    assert problem == {
        "path": str(bad),
        "line": 3,
        "column": 1,
        "end_line": 3,
        "end_column": 2,
        "severity": "error",
        "code": "duplicate-key",
        "message": problem["message"],
        "related": [
            {
                "path": str(bad),
                "line": 2,
                "column": 1,
                "end_line": 2,
                "end_column": 2,
                "message": "`a` first set here",
            }
        ],
    }


def test_missing_file_exits_2_and_still_checks_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "config"
    bad.write_text("[default]\nfoo\n")
    done = run("check", str(tmp_path / "missing"), str(bad))
    assert done.returncode == 2
    assert "missing" in done.stderr
    assert "[unparsable-line]" in done.stdout


@pytest.mark.parametrize("kind", ["config", "credentials"])
def test_check_without_files_reads_what_boto3_reads(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "somewhere"
    target.write_text("[default]\nfoo\n")
    env = {**os.environ, "HOME": str(tmp_path / "home"), "BOTO_CONFIG": str(tmp_path / "none")}
    env["AWS_CONFIG_FILE" if kind == "config" else "AWS_SHARED_CREDENTIALS_FILE"] = str(target)
    done = run("check", env=env)
    assert done.returncode == 1
    assert str(target) in done.stdout


def test_usage_error_exits_2() -> None:
    assert run("check", "--format", "yaml").returncode == 2


SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def test_parse_masks_secrets_unless_asked(tmp_path: Path) -> None:
    import botocore.configloader

    creds = tmp_path / "credentials"
    creds.write_text(
        f"[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\n"
    )
    config = tmp_path / "config"
    config.write_text(
        f"[profile x]\nregion = us-east-1\ns3 =\n  aws_secret_access_key = {SECRET}\n"
    )
    masked = run("parse", str(creds), str(config))
    assert masked.returncode == 0
    assert SECRET not in masked.stdout and "AKIAIOSFODNN7EXAMPLE" not in masked.stdout
    out = json.loads(masked.stdout)
    assert out[str(creds)]["sections"]["default"]["aws_secret_access_key"] == "****EKEY"
    assert out[str(config)]["config"]["profiles"]["x"]["s3"]["aws_secret_access_key"] == "****EKEY"
    shown = json.loads(run("parse", "--show-secrets", str(creds), str(config)).stdout)
    for path in (creds, config):
        assert shown[str(path)]["sections"] == botocore.configloader.raw_config_parse(str(path))
    assert shown[str(config)]["config"] == botocore.configloader.load_config(str(config))


def test_parse_error_quoting_a_line_is_masked(tmp_path: Path) -> None:
    import configparser

    broken = tmp_path / "credentials"
    broken.write_text(f"[default]\naws_secret_access_key {SECRET}\n")
    done = run("parse", str(broken))
    error = json.loads(done.stdout)[str(broken)]["error"]
    assert (
        error["type"] == "ParsingError" and SECRET not in done.stdout and "****EKEY" in done.stdout
    )
    shown = json.loads(run("parse", "--show-secrets", str(broken)).stdout)[str(broken)]["error"]
    parser = configparser.RawConfigParser()
    try:
        parser.read(str(broken))
    except configparser.ParsingError as e:
        assert shown["message"] == str(e)


def test_help_documents_every_command() -> None:
    top = run("--help").stdout
    assert "-V, --version" in top
    assert run("-V").stdout.startswith("aws-config-ls ")
    for command in ("check", "explain", "parse", "format", "serve"):
        text = run(command, "--help").stdout
        assert "exit status:" in text, command
        assert text.count("\n") > 8, command


def test_version_and_help_load_only_what_they_print() -> None:
    """`--version` loads no argparse and `--help` no shutil (its compression modules): both
    start within a few milliseconds of bare Python. The help keeps argparse's width."""
    probe = (
        "import sys; from aws_config_ls.cli import main\n"
        "try: main(sys.argv[1:])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('argparse', 'shutil', 'json', 'logging', 'typing', "
        "'dataclasses') if m in sys.modules), file=sys.stderr)"
    )
    for args, loaded in (
        (["--version"], "[]"),
        (["-V"], "[]"),
        (["--help"], "['argparse']"),
        (["check", "--help"], "['argparse']"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60
        )
        assert done.stderr.strip().splitlines()[-1] == loaded, args
    assert run("--version").stdout == f"aws-config-ls {__version__}\n"
    narrow = run("--help", env={**os.environ, "COLUMNS": "50"}).stdout
    assert (
        max(map(len, narrow.splitlines())) <= 48 < max(map(len, run("--help").stdout.splitlines()))
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "a", "b", "--select", "bom", "--fail-on", "never"],
        ["check", "--bogus"],
        ["check", "--format", "nope"],
        ["check", "--help"],
        ["explain", "--profile", "p", "--graph"],
        ["parse"],
        ["format", "--check", "a"],
        ["serve", "--port", "x"],
        ["serve"],
    ],
)
def test_a_command_alone_parses_as_among_all(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """main builds the parser of the command given only: the same answers, usage and errors."""

    def outcome(parser: argparse.ArgumentParser) -> tuple[object, str, str]:
        try:
            result: object = vars(parser.parse_args(argv))
        except SystemExit as e:
            result = e.code
        said = capsys.readouterr()
        return result, said.out, said.err

    assert outcome(build_parser(argv[0])) == outcome(build_parser())


def test_check_of_a_file_loads_only_what_it_uses(tmp_path: Path) -> None:
    """`check` of named files, even one botocore would raise on, imports neither botocore
    (its messages come from the shipped facts), dataclasses, logging, configparser nor the
    environment's checks: each costs every start."""
    import botocore

    from aws_config_ls.catalogue.facts import shipped_file

    if not shipped_file(botocore.__version__).exists():
        pytest.skip("no facts shipped for this botocore: a start imports it to derive them")
    heavy = [
        "botocore",
        "dataclasses",
        "logging",
        "configparser",
        "aws_config_ls.checks.environment",
    ]
    config = tmp_path / "config"
    config.write_text(
        "[default]\nregion = us-east-1\n\n"
        "[profile dev]\nsource_profile = nowhere\nrole_arn = arn:aws:iam::123456789012:role/d\n"
    )
    probe = (
        "import sys; from aws_config_ls.cli import main\n"
        "status = main(sys.argv[1:])\n"
        f"print(status, [m for m in {heavy!r} if m in sys.modules], file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "check", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert 'The source_profile "nowhere" referenced' in done.stdout  # botocore's message
    assert done.stderr.strip().splitlines()[-1] == "1 []"


def test_bare_command_on_a_terminal_prints_a_hint_and_serves() -> None:
    import pty

    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "aws_config_ls"],
        stdin=terminal,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert "waiting for a client on stdin" in line
        assert proc.poll() is None  # still serving
    finally:
        proc.kill()
        proc.wait()
        os.close(controller)
        os.close(terminal)


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    """`aws-config-ls parse … | head`: the pipe closes early; no traceback, the exit a shell
    gives a command killed by SIGPIPE."""
    config = tmp_path / "config"
    config.write_text("".join(f"[profile p{i}]\nregion = us-east-1\n" for i in range(20_000)))
    reader, writer = os.pipe()
    done = subprocess.Popen(
        [sys.executable, "-m", "aws_config_ls", "parse", str(config)],
        stdout=writer,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    os.close(writer)
    os.read(reader, 10)
    os.close(reader)
    _, stderr = done.communicate(timeout=120)
    assert done.returncode == 141, stderr
    assert b"Traceback" not in stderr
