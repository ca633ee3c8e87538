"""Shared helpers for the resolution tests: FileViews from disk, a botocore sandbox, the oracle.

botocore is the oracle here and only here. The sandbox replaces os.environ completely (HOME
too), disables the instance metadata service and never sets container variables, so no test
reaches the network; credential_process points at a local script printing fake credentials.
"""

from __future__ import annotations

import configparser
import contextlib
import http.server
import json
import os
import re
import shutil
import stat
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from botocore.configloader import _parse_nested

from aws_config_ls.ini.fileview import Failure, FileView
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.span import Span
from aws_config_ls.resolution import ResolutionState, build_state
from aws_config_ls.resolution.environment import Environment, Files, read_files


class _ContainerHandler(http.server.BaseHTTPRequestHandler):
    """A loopback stand-in for the ECS/EKS credential endpoint."""

    def do_GET(self) -> None:
        body = json.dumps(
            {
                "AccessKeyId": "AKIDCONTAINER1",
                "SecretAccessKey": "containersecret",
                "Token": "containertoken",
                "Expiration": "2099-01-01T00:00:00Z",
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


_SERVER = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ContainerHandler)
threading.Thread(target=_SERVER.serve_forever, daemon=True).start()
CONTAINER_URL = f"http://127.0.0.1:{_SERVER.server_address[1]}/creds"

HEADER = re.compile(r"\[(?P<header>.+)\]")
KEY = re.compile(r"(?P<key>[^=:]+?)\s*[=:]")
FAKE_PROCESS = """#!/bin/sh
echo '{"Version": 1, "AccessKeyId": "AKIDPROCESS0001", "SecretAccessKey": "procsecret"}'
"""


def _locator(text: str) -> Any:
    """A small locator for the well-formed files tests write: header lines and key lines."""
    lines = text.splitlines()
    headers: dict[str, int] = {}
    keys: dict[tuple[str, str], tuple[int, int, int]] = {}
    current: str | None = None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        m = HEADER.match(stripped)
        if m and not line[:1].isspace():
            current = m.group("header")
            headers[current] = number
            continue
        k = KEY.match(stripped)
        if k and current is not None and not line[:1].isspace():
            start = line.index(k.group("key"))
            keys[(current, k.group("key").strip().lower())] = (
                number,
                start,
                start + len(k.group("key")),
            )

    def locate(section: str, key: str | None) -> Span | None:
        if key is None:
            line = headers.get(section)
            return None if line is None else Span.of(line, 0, len(lines[line]))
        hit = keys.get((section, key)) or keys.get(("DEFAULT", key))
        return None if hit is None else Span.of(*hit)

    return locate


def disk_view(path: str, kind: FileKind) -> FileView:
    """A FileView exactly as botocore's raw_config_parse sees `path` (already expanded)."""
    if not os.path.isfile(path):
        return FileView(path, kind, exists=False)
    cp = configparser.RawConfigParser()
    try:
        cp.read([path])
        sections: dict[str, dict[str, Any]] = {}
        for section in cp.sections():
            sections[section] = {}
            for option in cp.options(section):
                value = cp.get(section, option)
                sections[section][option] = (
                    _parse_nested(value) if value.startswith("\n") else value
                )
    except (configparser.Error, UnicodeDecodeError, ValueError) as e:
        line = getattr(e, "lineno", 1) or 1
        return FileView(path, kind, failure=Failure(type(e).__name__, str(e), line - 1))
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        text = ""
    return FileView(path, kind, sections=sections, locate=_locator(text))


@dataclass
class Scenario:
    """Files (relative to HOME, or absolute) and an environment, for both oracle and model."""

    files: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    profile: str | None = None  # Session(profile_name=...)
    region: str | None = None  # Session(region_name=...)
    executable: tuple[str, ...] = ()  # files to chmod +x


@contextlib.contextmanager
def materialised(scenario: Scenario) -> Iterator[tuple[str, dict[str, str]]]:
    """A temporary HOME holding the scenario's files; yields (home, full environment)."""
    home = tempfile.mkdtemp(prefix="acls-")
    try:
        for rel, text in scenario.files.items():
            path = os.path.join(home, rel.replace("{home}", home))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace("{home}", home))
            if rel in scenario.executable:
                os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
        env = {k: v.replace("{home}", home) for k, v in scenario.env.items()}
        env.setdefault("HOME", home)
        env.setdefault("AWS_EC2_METADATA_DISABLED", "true")
        env.setdefault("PATH", "/usr/bin:/bin")
        yield home, env
    finally:
        shutil.rmtree(home, ignore_errors=True)


@contextlib.contextmanager
def sandbox_environ(env: Mapping[str, str]) -> Iterator[None]:
    """Replace os.environ entirely for the duration (HOME included)."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def outcome(fn: Any) -> tuple[str, Any]:
    try:
        return "ok", fn()
    except Exception as e:
        return type(e).__name__, str(e)


def botocore_session(scenario: Scenario) -> Any:
    """A botocore Session for the scenario's profile and region. Builtin handlers only matter
    to clients; skipping them saves ~10 ms a session."""
    import botocore.session

    session = botocore.session.Session(profile=scenario.profile, include_builtin_handlers=False)
    if scenario.region is not None:
        session.set_config_variable("region", scenario.region)
    return session


@dataclass(frozen=True)
class Observed:
    session: tuple[str, Any]  # boto3.Session(...) construction
    credentials: tuple[str, Any]  # ("ok", method|None) or (exception class, message)
    region: tuple[str, Any]  # region on the same session, after get_credentials
    fresh_region: tuple[str, Any]  # region on a fresh botocore session


def oracle(scenario: Scenario) -> Observed:
    """What boto3/botocore really do for the scenario (sandboxed)."""
    import boto3
    import botocore.session

    assert not os.path.exists("/etc/boto.cfg"), "/etc/boto.cfg would leak into the tests"
    with materialised(scenario) as (home, env), sandbox_environ(env):
        os.chdir(home)
        try:
            made = outcome(
                lambda: boto3.Session(
                    profile_name=scenario.profile,
                    region_name=scenario.region,
                    botocore_session=botocore.session.Session(include_builtin_handlers=False),
                )
            )
            session = made[1]._session if made[0] == "ok" else botocore_session(scenario)

            def method() -> Any:
                creds = session.get_credentials()
                return None if creds is None else creds.method

            creds = outcome(method)
            region = outcome(lambda: session.get_config_variable("region"))
            fresh = botocore_session(scenario)
            fresh_region = outcome(lambda: fresh.get_config_variable("region"))
        finally:
            os.chdir("/")
        made = ("ok", None) if made[0] == "ok" else made
        return Observed(
            _scrub(made, home),
            _scrub(creds, home),
            _scrub(region, home),
            _scrub(fresh_region, home),
        )


def _scrub(result: tuple[str, Any], home: str) -> tuple[str, Any]:
    kind, value = result
    if kind == "ok" and not isinstance(value, (str, type(None), dict)):
        return kind, "<object>"
    if isinstance(value, str):
        value = value.replace(home, "{home}")
    return kind, value


def environment_for(scenario: Scenario, home: str, env: dict[str, str]) -> Environment:
    """The environment a program of the scenario runs in: Session(profile_name, region_name)."""
    return Environment(
        variables=env,
        explicit_profile=scenario.profile,
        explicit_region=scenario.region,
        cwd=home,
        login_supported=False,
    )


def state_for(scenario: Scenario, home: str, env: dict[str, str]) -> ResolutionState:
    return build_state(environment_for(scenario, home, env), disk_view)


def files_for(scenario: Scenario, home: str, env: dict[str, str]) -> Files:
    return read_files(Environment(variables=env, cwd=home), disk_view)


def predicted(scenario: Scenario) -> Observed:
    """What the model says for the same scenario (the same sequence of calls)."""
    from aws_config_ls.resolution import predict_session

    with materialised(scenario) as (home, env):
        state = state_for(scenario, home, env)
        p = predict_session(state)
        return Observed(
            _scrub(p.session, home),
            _scrub(p.credentials, home),
            _scrub(p.region, home),
            _scrub(p.fresh_region, home),
        )


@contextlib.contextmanager
def state_of(
    scenario: Scenario, redirect: Mapping[str, str] | None = None
) -> Iterator[tuple[str, ResolutionState]]:
    """A ResolutionState over the scenario's files; `redirect` maps paths boto3 opens (such as
    /etc/boto.cfg, which tests cannot write) to files of the temporary HOME."""
    with materialised(scenario) as (home, env):
        moved = {k: v.replace("{home}", home) for k, v in (redirect or {}).items()}

        def load(path: str, kind: FileKind) -> FileView:
            if path in moved:
                return disk_view(moved[path], kind).at(path)
            return disk_view(path, kind)

        yield home, build_state(environment_for(scenario, home, env), load)
