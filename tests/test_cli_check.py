"""`check` for CI and dotfiles: formats, machine independence, inputs, policy, exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aws_config_ls.cli import main
from aws_config_ls.output.github import escape_data, escape_property
from aws_config_ls.output.rules import HEADINGS, anchor, rules

ROOT = Path(__file__).resolve().parent.parent
CONFIG = (
    "[default]\nregion = us-east-1\n"
    "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Dev\nsource_profile = base\n"
    "[profile base]\nregion = eu-west-1\n"
    "[profile tool]\ncredential_process = /opt/nowhere/bin/creds --profile x\n"
    "[profile bad]\nregion = us-east-1 # prod\n"
    "[profile ec2]\nrole_arn = arn:aws:iam::123456789012:role/E\n"
    "credential_source = Ec2InstanceMetadata\n"
)


def run(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, stdin: str | bytes = b""
) -> subprocess.CompletedProcess[str]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    done = subprocess.run(
        [sys.executable, "-m", "aws_config_ls", *args],
        capture_output=True,
        cwd=cwd,
        env=env,
        input=data,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["check", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def dotfiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dotfiles repository: aws/config only (credentials never go in a repository)."""
    repo = tmp_path / "dotfiles"
    (repo / "aws").mkdir(parents=True)
    (repo / "aws" / "config").write_text(CONFIG)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("NO_COLOR", "1")
    return repo


def test_text_summary_and_errors_first(dotfiles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = check(capsys, "aws/config")
    lines = out.splitlines()
    assert status == 1
    assert lines[-1] == "1 error, 0 warnings in 1 file"
    assert lines[0].startswith("aws/config:11:19: error:") and "[comment-in-value]" in lines[0]
    severities = [line.split(": ")[1] for line in lines[:-1] if not line.startswith(" ")]
    assert severities == sorted(severities, key=["error", "warning", "information", "hint"].index)


def test_independent_of_the_machine(dotfiles: Path, tmp_path: Path) -> None:
    """Any HOME (with its own ~/.aws), PATH and AWS_* variables: the same result."""
    home = tmp_path / "home"
    (home / ".aws").mkdir(parents=True)
    (home / ".aws" / "credentials").write_text("[base]\naws_access_key_id = AKIAHOME\n")
    (home / ".aws" / "config").write_text("[default]\nfoo\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    environments = [
        {"PATH": os.environ["PATH"]},
        {
            "PATH": str(bin_dir),
            "HOME": str(home),
            "AWS_PROFILE": "stagin",
            "AWS_ACCESS_KEY_ID": "AKIAONLYTHEKEY",
            "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
            "AWS_DEFAULT_REGION": "eu-west-1",
            "BOTO_CONFIG": str(home / "boto"),
        },
    ]
    results = set()
    for env in environments:
        for fmt in ("json", "text"):
            done = run("check", "--format", fmt, ".", cwd=dotfiles, env={**env, "NO_COLOR": "1"})
            results.add((fmt, done.returncode, done.stdout, done.stderr))
    assert len(results) == 2, results  # one per format
    text = next(r for r in results if r[0] == "text")[2]
    assert "credential_process" not in text and "source-without-credentials" not in text
    assert "credential-source-empty" not in text


def test_this_machine_warns_about_a_missing_program(
    dotfiles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = check(capsys, "--this-machine", "aws/config")
    [line] = [x for x in out.splitlines() if "[credential-error]" in x]
    assert ": warning: On this machine, boto3 raises FileNotFoundError" in line
    assert "/opt/nowhere/bin/creds" in line


def test_two_files_are_paired(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config"
    config.write_text(
        "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\n"
    )
    creds = tmp_path / "credentials"
    creds.write_text("[base]\nregion = x\n")
    _, alone, _ = check(capsys, str(config))
    assert "source-without-credentials" not in alone  # what credentials hold is unknown
    for args in ([str(config), str(creds)], [str(config), "--credentials", str(creds)]):
        status, out, _ = check(capsys, *args)
        assert status == 1 and "[source-without-credentials]" in out


def test_directory_finds_aws_files_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for rel in ("a/.aws/config", "a/.aws/credentials", "b/dot_aws/config", "c/.boto", "d/README"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("[default]\nfoo\n")
    (tmp_path / ".git" / "aws").mkdir(parents=True)
    (tmp_path / ".git" / "aws" / "config").write_text("[default]\nfoo\n")
    status, out, _ = check(capsys, str(tmp_path))
    assert status == 1
    named = {line.split(":")[0] for line in out.splitlines() if "[unparsable-line]" in line}
    assert {os.path.relpath(p, tmp_path) for p in named} == {
        "a/.aws/config",
        "a/.aws/credentials",
        "b/dot_aws/config",
        "c/.boto",
    }
    empty = tmp_path / "d"
    status, out, _ = check(capsys, str(empty))
    assert status == 0 and "no AWS config, credentials or boto file found" in out


def test_stdin_needs_kind_and_is_checked() -> None:
    assert run("check", "-").returncode == 2
    done = run("check", "--kind", "config", "-", stdin="[default]\nfoo\n")
    assert done.returncode == 1 and "<stdin>:2:1: error:" in done.stdout


def test_unreadable_inputs_are_told_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "config").mkdir()  # a directory where a file is expected
    status, _, err = check(capsys, str(tmp_path / "missing"), "/dev/null", str(tmp_path / "d/"))
    assert status == 2
    assert f"{tmp_path / 'missing'}: no such file" in err
    assert "/dev/null: not a regular file" in err
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "BOTO_CONFIG": "/nonexistent"}
    done = run("check", env={**env, "AWS_CONFIG_FILE": str(tmp_path / "d" / "config")})
    assert done.returncode == 2
    assert f"{tmp_path / 'd' / 'config'}: is a directory" in done.stderr


def test_binary_gets_one_problem_and_no_raw_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blob = tmp_path / "config"
    blob.write_bytes(bytes(range(256)) * 12 + b"\n[\x1b[31m\x00x\n")
    status, out, _ = check(capsys, str(blob))
    assert status == 1
    problems = [line for line in out.splitlines()[:-1] if not line.startswith(" ")]
    assert len(problems) == 1 and "[undecodable]" in problems[0]
    assert all(c.isprintable() or c == "\n" for c in out)
    status, out, _ = check(capsys, "--kind", "config", "/bin/true")
    assert out.count("\n") == 2


def test_select_ignore_severity_fail_on(dotfiles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = check(capsys, "--select", "comment-in-value", "aws/config")
    assert status == 1 and out.count("[") == out.count("[comment-in-value]")
    status, out, _ = check(capsys, "--ignore", "comment-in-value", "aws/config")
    assert status == 0 and "comment-in-value" not in out
    status, out, _ = check(capsys, "--severity", "comment-in-value=hint", "aws/config")
    assert status == 0 and ": hint: " in out
    status, out, _ = check(capsys, "--severity", "comment-*=hint", "aws/config")
    assert status == 0 and ": hint: " in out
    status, _, _ = check(
        capsys, "--severity", "comment-in-value=warning", "--fail-on", "warning", "aws/config"
    )
    assert status == 1
    status, _, err = check(capsys, "--ignore", "coment-in-value", "aws/config")
    assert status == 2 and "did you mean comment-in-value" in err


@pytest.mark.parametrize("where", ["own", "pyproject"])
def test_settings_file_found_upwards(
    dotfiles: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    table = 'disabledCodes = ["comment-in-value"]\nseverityOverrides = {unknown-key = "error"}\n'
    if where == "own":
        (dotfiles / ".aws-config-ls.toml").write_text(table)
    else:
        (dotfiles / "pyproject.toml").write_text("[tool.aws-config-ls]\n" + table)
    (dotfiles / "aws" / "config").write_text("[default]\nregion = x # c\nfoo_bar = 1\n")
    monkeypatch.chdir(dotfiles / "aws")
    status, out, _ = check(capsys, "config")
    assert status == 1 and "comment-in-value" not in out and ": error: " in out
    assert "[unknown-key]" in out


def test_github_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("config").write_text("[default]\na=1\nA=2\n")
    status, out, _ = check(capsys, "--format", "github", "config")
    assert status == 1
    pattern = re.compile(
        r"^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),"
        r"endColumn=(\d+),title=([^,:]+)::(.*)$"
    )
    parsed = [pattern.match(line) for line in out.splitlines()]
    assert all(parsed), out
    dup = next(m for m in parsed if m and "duplicate-key" in m.group(7))
    assert dup.group(1, 2, 3, 4) == ("error", "config", "3", "1")
    assert "%0Aconfig:2: `a` first set here" in dup.group(8)
    status, out, _ = check(capsys, "--format", "github", "missing")
    assert status == 2
    assert out == "::error file=missing,title=aws-config-ls::cannot check missing: no such file\n"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("50% a:b,\r\n") == "50%25 a:b,%0D%0A"


def _sarif(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, dict[str, object]]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my dir").mkdir()
    Path("my dir/config").write_text("[default]\na=1\nA=2\nregion = x # c\n")
    _, text, _ = check(capsys, "--format", "sarif", "my dir/config")
    out = tmp_path / "out.sarif"
    out.write_text(text)
    return out, json.loads(out.read_text())


def test_sarif_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, log = _sarif(tmp_path, monkeypatch, capsys)
    [run_] = log["runs"]  # type: ignore[index]
    driver = run_["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == list(rules())
    assert all(r["helpUri"].startswith("https://") for r in driver["rules"])
    dup = next(r for r in run_["results"] if r["ruleId"] == "duplicate-key")
    assert driver["rules"][dup["ruleIndex"]]["id"] == "duplicate-key"
    assert dup["level"] == "error"
    location = dup["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "my%20dir/config", "uriBaseId": "SRCROOT"}
    assert location["region"] == {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 2}
    assert dup["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 2


def _multitool() -> list[str] | None:
    """The SARIF multitool: SARIF_MULTITOOL, or `sarif-multitool` on PATH (npm install -g
    @microsoft/sarif-multitool)."""
    named = os.environ.get("SARIF_MULTITOOL") or shutil.which("sarif-multitool")
    return [named] if named else None


def test_sarif_is_valid_for_microsofts_validator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = _multitool()
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install @microsoft/sarif-multitool (npm install -g)")
        pytest.skip("sarif-multitool is not installed")
    out, _ = _sarif(tmp_path, monkeypatch, capsys)
    report = tmp_path / "validation.sarif"
    subprocess.run(
        [*tool, "validate", str(out), "--output", str(report), "--log", "ForceOverwrite"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    findings = json.loads(report.read_text())["runs"][0]["results"]
    assert [f for f in findings if f.get("level") in ("error", "warning")] == []


def test_readme_headings_match_the_rule_anchors() -> None:
    headings = re.findall(r"^### (.*)$", (ROOT / "README.md").read_text(), re.MULTILINE)
    assert set(HEADINGS.values()) <= set(headings)
    assert anchor(HEADINGS["credentials"]) == (
        "profiles-in-use-resolution-of-the-credential-chain-as-sessionprofile_name"
    )


def test_no_file_found_says_so(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "AWS_CONFIG_FILE": str(tmp_path / "nope"),
        "BOTO_CONFIG": str(tmp_path / "none"),
    }
    done = run("check", env=env)
    assert done.returncode == 0
    assert f"AWS_CONFIG_FILE names {tmp_path / 'nope'}, which does not exist" in done.stdout
    assert "no AWS file found" in done.stdout


def test_environment_problems_reported_once(tmp_path: Path) -> None:
    (tmp_path / ".aws").mkdir()
    (tmp_path / ".aws" / "config").write_text("[default]\nregion = us-east-1\n")
    (tmp_path / ".aws" / "credentials").write_text("[default]\n")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "AWS_ACCESS_KEY_ID": "AKIAONLYTHEKEY",
        "BOTO_CONFIG": str(tmp_path / "none"),
    }
    done = run("check", env=env)
    assert done.stdout.count("[env-credentials-partial]") == 1


def test_colour_only_when_asked(tmp_path: Path) -> None:
    import io

    from aws_config_ls.ini.problems import Problem, Severity
    from aws_config_ls.ini.span import Span
    from aws_config_ls.output import CheckResult, Finding
    from aws_config_ls.output.text import render

    result = CheckResult(
        [Finding("c", Problem("bom", Severity.ERROR, Span.of(0, 0, 1), "m"))], ["c"]
    )
    plain, coloured = io.StringIO(), io.StringIO()
    render(result, plain, colour=False)
    render(result, coloured, colour=True)
    assert plain.getvalue() == "c:1:1: error: m [bom]\n1 error, 0 warnings in 1 file\n"
    assert "\033[1;31merror\033[0m" in coloured.getvalue()


def test_invalid_settings_are_a_usage_error(
    dotfiles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (dotfiles / ".aws-config-ls.toml").write_text('severityOverrides = "loud"\n')
    status, _, err = check(capsys, "aws/config")
    assert status == 2 and "severityOverrides" in err
    (dotfiles / ".aws-config-ls.toml").write_text('failOn = "loud"\n')
    status, _, err = check(capsys, "aws/config")
    assert status == 2 and "failOn: 'loud' is not one of" in err
    (dotfiles / ".aws-config-ls.toml").write_text("failOn = [")
    status, _, err = check(capsys, "aws/config")
    assert status == 2 and "not valid TOML" in err


def test_settings_pair_a_credentials_file_and_select(
    dotfiles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (dotfiles / "aws" / "config").write_text(
        "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\n"
        "region = x # c\n"
    )
    (dotfiles / "secrets").mkdir()
    (dotfiles / "secrets" / "credentials").write_text("[base]\nregion = us-east-1\n")
    (dotfiles / ".aws-config-ls.toml").write_text(
        'credentialsFile = "secrets/credentials"\nselect = ["source-*"]\n'
    )
    status, out, _ = check(capsys, "aws/config")
    assert status == 1
    problems = [line for line in out.splitlines()[:-1] if not line.startswith(" ")]
    assert [line.rsplit(" ", 1)[1] for line in problems] == ["[source-without-credentials]"]


def test_a_program_no_shell_expands_fails_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config"
    config.write_text("[profile a]\ncredential_process = ~/bin/creds\n")
    for mode in ([], ["--this-machine"]):
        status, out, _ = check(capsys, *mode, str(config))
        assert status == 1
        assert ":2:1: error: boto3 raises FileNotFoundError when profile `a` is used" in out


def test_an_expired_sso_token_only_on_this_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    (home / ".aws" / "config").write_text(
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
        "sso_region = eu-west-1\n"
    )
    token = {"accessToken": "SECRET-TOKEN", "expiresAt": "2020-01-01T00:00:00Z"}
    (cache / f"{hashlib.sha1(b'corp').hexdigest()}.json").write_text(json.dumps(token))
    for var in [v for v in os.environ if v.startswith("AWS_")]:
        monkeypatch.delenv(var)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    _, out, _ = check(capsys)
    assert "[sso-token-expired]" in out and "aws sso login --sso-session corp" in out
    assert "SECRET" not in out
    _, out, _ = check(capsys, str(home / ".aws" / "config"))
    assert "sso-token-expired" not in out
