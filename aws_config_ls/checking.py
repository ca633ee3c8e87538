"""`check` on the command line: which files, read with which environment, filtered how.

Two modes. *On this machine* (no FILE, or `--this-machine`): the files boto3 reads now, with
the process environment, the real companion files and credential_process programs looked up
on PATH. *Machine-independent* (FILE arguments): each file on its own terms, so a dotfiles
repository checks the same under any HOME, PATH and AWS_* variables; a config is paired with
a credentials file only when both are named (two FILE arguments, `--credentials`, or one
directory of a tree, like `~/.aws`).
"""

from __future__ import annotations

import os
from collections.abc import Container, Mapping, Sequence

from aws_config_ls.checks.policy import Policy
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import RANK, Problem, Related
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.inputs import Target, Unreadable, read_bytes, read_stdin, targets
from aws_config_ls.output import CheckResult, Finding, printable
from aws_config_ls.resolution.environment import Environment, boto_locations, file_locations
from aws_config_ls.workspace import Workspace


class Request(NamedTuple):
    files: Sequence[str]
    kind: FileKind | None = None
    credentials: str | None = None  # --credentials: pairs with every config checked
    this_machine: bool = False


def run_check(request: Request, policy: Policy) -> CheckResult:
    if not request.files:
        return _machine_files(policy)
    found, empty = targets(list(request.files), request.kind)
    if request.credentials is not None:
        extra, _ = targets([request.credentials], FileKind.CREDENTIALS)
        found += [t for t in extra if t.path not in {f.path for f in found}]
    notes = [f"{d}: no AWS config, credentials or boto file found inside" for d in empty]
    data: dict[str, bytes] = {}
    unreadable: list[tuple[str, str]] = []
    readable: list[Target] = []
    for t in found:
        got = read_stdin() if t.shown == "<stdin>" else read_bytes(t.path)
        if isinstance(got, Unreadable):
            unreadable.append((printable(t.shown), got.reason))
        else:
            data[t.path] = got
            readable.append(t)
    pairs = _companions(readable, request)
    checked: list[tuple[Target, Workspace, bool]] = []
    workspaces: dict[tuple[str, str, str], Workspace] = {}
    for t in readable:
        config, credentials = pairs.get(t.path, ("", ""))
        boto = t.path if t.kind is FileKind.BOTO else ""
        key = (config, credentials, boto)
        if key not in workspaces:
            workspaces[key] = _workspace(key, data, request.this_machine)
        checked.append((t, workspaces[key], False))
    if request.this_machine:
        real = Workspace(Environment.current())
        checked = [(t, w, real.read_by_boto3(t.path)) for t, w, _ in checked]
    result = _findings(checked, data, policy)
    return result._replace(unreadable=unreadable, notes=notes)


def _companions(found: list[Target], request: Request) -> dict[str, tuple[str, str]]:
    """Each file's (config, credentials) pair; "" where it has no companion."""
    configs = [t for t in found if t.kind is FileKind.CONFIG]
    creds = [t for t in found if t.kind is FileKind.CREDENTIALS]
    named = os.path.abspath(os.path.expanduser(request.credentials)) if request.credentials else ""
    loose_configs = [t for t in configs if not t.group]
    loose_creds = [t for t in creds if not t.group]
    out: dict[str, tuple[str, str]] = {}
    for c in configs:
        partner = ""
        if named:
            partner = named
        elif c.group:
            partner = next((r.path for r in creds if r.group == c.group), "")
        elif len(loose_configs) == 1 and len(loose_creds) == 1:
            partner = loose_creds[0].path
        out[c.path] = (c.path, partner)
        if partner:
            out.setdefault(partner, (c.path, partner))
    for r in creds:
        out.setdefault(r.path, ("", r.path))
    return out


def _workspace(key: tuple[str, str, str], data: Mapping[str, bytes], machine: bool) -> Workspace:
    config, credentials, boto = key
    files = {
        "AWS_CONFIG_FILE": config,
        "AWS_SHARED_CREDENTIALS_FILE": credentials,
        "BOTO_CONFIG": boto,
    }
    if machine:
        variables = dict(os.environ)
        variables.update({k: v for k, v in files.items() if v})
        env = Environment(variables)
    else:  # nothing from this machine: "" names no file (botocore: isfile("") is False)
        env = Environment(files, cwd="/", this_machine=False)

    def load(path: str, kind: FileKind) -> Model | None:
        if path in data:
            return Model.from_bytes(data[path], kind, path)
        if not machine:
            return None
        got = read_bytes(path)
        return None if isinstance(got, Unreadable) else Model.from_bytes(got, kind, path)

    return Workspace(env, load)


def _machine_files(policy: Policy) -> CheckResult:
    """No FILE: the files boto3 reads in this environment, as it reads them now."""
    located = Workspace(Environment.current())
    present = []
    missing = []
    for path, kind in located.files():
        if os.path.lexists(path):
            present.append((path, kind))
        else:
            missing.append(path)
    data: dict[str, bytes] = {}
    unreadable = []
    checked = []
    for path, _ in present:
        got = read_bytes(path)
        if isinstance(got, Unreadable):
            unreadable.append((printable(path), got.reason))
            continue
        data[path] = got
    workspace = _workspace(("", "", ""), data, machine=True)  # the bytes just read, once
    for path, kind in present:
        if path in data:
            checked.append((Target(path, path, kind, ""), workspace, True))
    notes = [
        f"{loc.chosen_by} names {printable(loc.path)}, which does not exist"
        for loc in (*file_locations(workspace.env).values(), *boto_locations(workspace.env))
        if loc.chosen_by != "default" and not os.path.lexists(workspace.env.absolute(loc.path))
    ]
    if not present:
        named = [
            f"{var}={printable(workspace.env.get(var) or '')}"
            for var in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "BOTO_CONFIG")
            if workspace.env.get(var) is not None
        ]
        notes.append(
            "no AWS file found: boto3 would read "
            + ", ".join(printable(m) for m in missing)
            + (f" ({'; '.join(named)})" if named else "")
        )
    result = _findings(checked, data, policy)
    return result._replace(unreadable=unreadable, notes=notes)


def _findings(
    checked: list[tuple[Target, Workspace, bool]], data: Mapping[str, bytes], policy: Policy
) -> CheckResult:
    findings: list[tuple[int, Finding]] = []
    reported_environment: set[tuple[str, str]] = set()
    environment_codes: Container[str] = ()  # only environment problems have these codes
    for order, (t, workspace, environment) in enumerate(checked):
        model = workspace.model(t.path, t.kind)
        if model is None:
            continue
        problems = workspace.problems(model, environment=environment)
        if environment:  # imported only then: named files' checks need none of it
            from aws_config_ls.checks.environment import CODES

            environment_codes = CODES
        if not workspace.env.this_machine:
            problems = [p for p in problems if not _unknowable(p, workspace.env)]
        problems = _binary(problems, data.get(t.path, b""))
        for p in policy.apply(problems):
            if p.code in environment_codes and p.code != "file-not-read":
                # The environment is one: its problems are reported once, on the first file.
                if (p.code, p.message) in reported_environment:
                    continue
                reported_environment.add((p.code, p.message))
            findings.append((order, Finding(printable(t.shown), _printable(p))))
    findings.sort(key=lambda of: (-RANK[of[1].problem.severity], of[0], of[1].problem.span.start))
    return CheckResult([f for _, f in findings], [printable(t.shown) for t, _, _ in checked])


def _unknowable(problem: Problem, env: Environment) -> bool:
    """A problem a machine-independent check cannot know: what a credential_source finds
    depends on where the program runs; without a credentials file named, what it would hold
    is unknown, not missing."""
    if problem.code == "credential-source-empty":
        return True
    return problem.code == "source-without-credentials" and not env.get(
        "AWS_SHARED_CREDENTIALS_FILE"
    )


def _binary(problems: list[Problem], data: bytes) -> list[Problem]:
    """Binary data gets one problem (the first undecodable or NUL byte), not one per line."""
    if b"\x00" not in data[:65536]:
        return problems
    first = next((p for p in problems if p.code == "undecodable"), None) or next(
        (p for p in problems if p.code == "nul-byte"), None
    )
    if first is None:
        return problems
    return [first._replace(message="Binary data, not a text file. " + first.message)]


def _printable(p: Problem) -> Problem:
    return p._replace(
        message=printable(p.message),
        related=tuple(Related(r.span, printable(r.message), r.path) for r in p.related),
    )
