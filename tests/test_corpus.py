"""A corpus of realistic files, each with the diagnostics expected on it (code and line).

Every directory under tests/corpus/ holds a `config` and/or `credentials` file, written as
people write them, and an `expected` sidecar: one `file:line code` per diagnostic, `#`
comments allowed; an empty sidecar means no diagnostic at all. Directories named `clean-*`
are realistic files of one style each and must get no warning or error.

The files are read as boto3 reads them in a sandboxed HOME. The programs their
`credential_process` lines name exist there (as harmless stubs on PATH), as they do on the
machine of the person who wrote the file. `python -m tests.test_corpus DIR` prints what the
engine reports, to write a sidecar from after review.
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
import tempfile
from pathlib import Path

import pytest

from aws_config_ls.checks.policy import Policy
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.problems import Problem, Severity
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
FILES = {"config": FileKind.CONFIG, "credentials": FileKind.CREDENTIALS}
NO_PORTABILITY = Policy(portability=False)
STUB = '#!/bin/sh\necho \'{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s"}\'\n'


def _programs(data: bytes) -> set[str]:
    """The bare program names of the credential_process lines of a file."""
    found = set()
    for line in data.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition("=")
        if key.strip().lower() == "credential_process":
            try:
                argv = shlex.split(value)
            except ValueError:
                continue
            if argv and "/" not in argv[0]:
                found.add(argv[0])
    return found


def diagnostics(case: str) -> list[tuple[str, int, str, Severity, str]]:
    """(file, line, code, severity, message) of every problem of the case's files."""
    source = CORPUS / case
    with tempfile.TemporaryDirectory(prefix="acls-corpus-") as home:
        aws, bin_dir = Path(home, ".aws"), Path(home, "bin")
        aws.mkdir()
        bin_dir.mkdir()
        present = {}
        for name in FILES:
            if (source / name).exists():
                data = (source / name).read_bytes()
                (aws / name).write_bytes(data)
                present[name] = data
        for program in set().union(*map(_programs, present.values())):
            stub = bin_dir / program
            stub.write_text(STUB)
            stub.chmod(stub.stat().st_mode | stat.S_IXUSR)
        env = Environment(
            {
                "HOME": home,
                "PATH": f"{bin_dir}:/usr/bin:/bin",
                "AWS_CONFIG_FILE": str(aws / "config"),
                "AWS_SHARED_CREDENTIALS_FILE": str(aws / "credentials"),
                "BOTO_CONFIG": str(Path(home, "no-boto")),
                "AWS_EC2_METADATA_DISABLED": "true",
            },
            cwd=home,
        )
        workspace = Workspace(env)
        out = []
        for name in present:
            model = workspace.model(str(aws / name), FILES[name])
            assert model is not None
            problems: list[Problem] = NO_PORTABILITY.apply(workspace.problems(model))
            out += [(name, p.span.start.line + 1, p.code, p.severity, p.message) for p in problems]
        return out


def expected(case: str) -> set[tuple[str, int, str]]:
    found = set()
    for raw in (CORPUS / case / "expected").read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            place, code = line.split()
            name, number = place.split(":")
            found.add((name, int(number), code))
    return found


@pytest.mark.parametrize("case", CASES)
def test_corpus_case_gets_exactly_the_expected_diagnostics(case: str) -> None:
    got = diagnostics(case)
    assert {(f, n, c) for f, n, c, _, _ in got} == expected(case), "\n".join(
        f"{f}:{n} {c} ({s.value}) {m}" for f, n, c, s, m in got
    )


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("clean-")])
def test_clean_files_of_every_style_get_no_warning(case: str) -> None:
    loud = [d for d in diagnostics(case) if d[3] in (Severity.ERROR, Severity.WARNING)]
    assert loud == []


def test_every_case_has_a_sidecar_and_the_mistakes_are_one_per_line() -> None:
    for case in CASES:
        assert (CORPUS / case / "expected").exists(), case
    for case in CASES:
        places = [(f, n, c) for f, n, c, _, _ in diagnostics(case)]
        assert len(places) == len(set(places)), case


if __name__ == "__main__":
    for case in sys.argv[1:] or CASES:
        print(f"== {case}")
        for f, n, c, s, m in diagnostics(case):
            print(f"{f}:{n} {c}  # {s.value}: {m}")
    os.sys.exit(0)
