"""Differential tests: the model against botocore itself on generated scenarios.

Each scenario is a temporary HOME with config, credentials, boto and EC2-CLI files plus a full
environment; botocore runs sandboxed (see test_resolution_support) and the model must agree
on the credential method or exception (class and message), on the construction of
boto3.Session, and on the region.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import partial
from typing import TypeVar

from botocore.loaders import create_loader
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aws_config_ls.resolution import endpoint_chain, setting_chain
from aws_config_ls.resolution.environment import SETTINGS
from aws_config_ls.resolution.settings import EndpointChain, SettingChain
from tests.support.profiles import DERANDOMIZE, examples
from tests.support.resolution import (
    CONTAINER_URL,
    FAKE_PROCESS,
    Scenario,
    botocore_session,
    materialised,
    oracle,
    outcome,
    predicted,
    sandbox_environ,
    state_for,
    state_of,
)

T = TypeVar("T")

NAMES = ["default", "dev", "prod", "a", "b", "my p", "ghost", ""]
EXISTING = ["default", "dev", "prod", "a", "b", "my p"]
REGIONS = ["us-east-1", "eu-west-1", "", "ap-south-1"]
SSO_VALUES = {
    "sso_account_id": ["123456789012"],
    "sso_role_name": ["Admin"],
    "sso_start_url": ["https://a", "https://b"],
    "sso_region": ["us-east-1", "eu-west-1"],
    "sso_session": ["s1", "s2", "ghost"],
}
NESTED = "\n  addressing_style = path\n  Use_Arn_Region = true"
PROCESSES = [
    "{home}/proc.sh",
    "{home}/proc.sh --flag 'a b'",
    "{home}/missing.sh",
    "{home}/notexec.sh",
    "nonexistent-command-xyz",
    "sh -c true 'unbalanced",
    "",
]


class Gen:
    """Uniform choices from one hypothesis-controlled Random (its own draws are edge-biased)."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        # Clean scenarios: well-formed headers and files, existing selections, so the success
        # paths (assume-role chains, SSO, processes) are exercised as often as the errors.
        self.clean = rnd.random() < 0.4

    def odd(self, p: float) -> bool:
        return not self.clean and self.chance(p)

    def chance(self, p: float) -> bool:
        return self.rnd.random() < p

    def pick(self, options: Sequence[T]) -> T:
        return self.rnd.choice(list(options))

    def header(self, name: str, kind: str) -> str:
        if self.clean:
            quoted = f'"{name}"' if " " in name else name
            return (
                f"[{name}]" if kind == "credentials" or name == "default" else f"[profile {quoted}]"
            )
        if kind == "credentials":
            return f"[{self.pick([name, name, name, f'profile {name}'])}]"
        if name == "default":
            return self.pick(
                ["[default]"] * 6 + ["[profile default]", "[profile default]", "[Default]"]
            )
        quoted = f'"{name}"' if " " in name else name
        odd = f"[profile {name}]" if " " in name else f"[profile {name} x]"
        return self.pick(
            [f"[profile {quoted}]"] * 10
            + [f"[profile  {quoted}]", f"[profiles {quoted}]", f"[{name}]", odd]
        )

    def entries(self, name: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if self.chance(0.45):
            out.append(("aws_access_key_id", self.pick(["AKIDFILE00001"] * 5 + [""])))
            if self.chance(0.85):
                out.append(("aws_secret_access_key", self.pick(["secretvalue1"] * 5 + [""])))
            if self.chance(0.3):
                out.append((self.pick(["aws_session_token", "aws_security_token"]), "tok"))
        elif self.chance(0.08):
            out.append(("aws_secret_access_key", "secretonly1"))
        if self.chance(0.3):
            out.append(("role_arn", self.pick(["arn:aws:iam::123456789012:role/r"] * 4 + [""])))
            if self.chance(0.8):
                out.append(("source_profile", self.pick([*EXISTING, *EXISTING, name, "ghost"])))
            if self.chance(0.25):
                sources = ["Environment", "Ec2InstanceMetadata", "EcsContainer", "environment", ""]
                out.append(("credential_source", self.pick(sources)))
        elif self.chance(0.05):
            out.append(("source_profile", self.pick(EXISTING)))
        if self.chance(0.12):
            out.append(("web_identity_token_file", self.pick(["/tmp/token"] * 3 + [""])))
            if self.chance(0.5) and not any(k == "role_arn" for k, _ in out):
                out.append(("role_arn", "arn:aws:iam::123456789012:role/w"))
        if self.chance(0.2):
            keys = [k for k in SSO_VALUES if self.chance(0.7)]
            out.extend((k, self.pick(SSO_VALUES[k])) for k in keys)
        if self.chance(0.06):
            out.append(("login_session", "arn:aws:sts::1:assumed-role/x"))
        if self.chance(0.15):
            out.append(("credential_process", self.pick(PROCESSES[:2] * 3 + PROCESSES[2:])))
        if self.chance(0.4):
            out.append(("region", self.pick(REGIONS)))
        for key, values, p in (
            ("duration_seconds", ["900", "abc", NESTED], 0.05),
            ("s3", [NESTED, "virtual"], 0.03),
            ("source_profile", [NESTED], 0.01),
            ("credential_process", [NESTED], 0.01),
            ("region", [NESTED], 0.01),
            ("sso_region", [NESTED], 0.01),
            ("metadata_service_timeout", ["2", "abc", NESTED], 0.02),
            ("ec2_metadata_service_endpoint_mode", [NESTED], 0.005),
            ("ec2_metadata_service_endpoint_mode", ["IPv6", "ipv5"], 0.02),
            ("ec2_metadata_service_endpoint", ["http://[::1]/", "bogus"], 0.02),
            ("data_path", ["{home}/data"], 0.02),
        ):
            if self.chance(p):
                out.append((key, self.pick(values)))
        self.rnd.shuffle(out)
        return list(dict(out).items())

    def ini_file(self, kind: str, names: list[str]) -> str:
        sections = [(self.header(n, kind), self.entries(n)) for n in names]
        if kind == "config" and self.chance(0.4):
            for s in self.rnd.sample(["s1", "s2"], self.rnd.randint(1, 2)):
                items = [("sso_start_url", self.pick(["https://a", "https://b"]))]
                if self.chance(0.7):
                    items.append(("sso_region", self.pick(["us-east-1", "eu-west-1"])))
                if self.chance(0.15):
                    items.append(("region", self.pick(REGIONS)))
                sections.append((f"[sso-session {s}]", items))
        if self.chance(0.1):
            default = self.pick(
                [
                    ("region", "eu-north-1"),
                    ("aws_access_key_id", "AKIDDEFAULT01"),
                    ("role_arn", "arn:x"),
                ]
            )
            sections.insert(0, ("[DEFAULT]", [default]))
        if kind == "credentials" and self.odd(0.05):
            sections.append(
                (
                    self.pick(["[sso-session s1]", '[profile ""]', "[services x]"]),
                    [("sso_start_url", "https://a"), ("aws_access_key_id", "AKIDODD000001")],
                )
            )
        if kind == "config" and self.odd(0.04):
            sections.append(('[profile ""]', [("region", "eu-central-1")]))
        if sections and self.odd(0.05):
            sections.append((sections[0][0], []))  # a duplicate section: the file is refused
        if sections and sections[-1][1] and self.odd(0.03):
            key, value = sections[-1][1][0]
            sections[-1][1].append((key.upper(), value))  # a duplicate key (case-insensitive)
        lines: list[str] = []
        for head, items in sections:
            lines.append(head)
            lines.extend(f"{k} = {v}" for k, v in items)
            lines.append("")
        text = "\n".join(lines)
        return ("\ufeff" + text) if text and self.odd(0.02) else text

    def scenario(self) -> Scenario:
        files = {"proc.sh": FAKE_PROCESS, "notexec.sh": FAKE_PROCESS}
        env: dict[str, str] = {}
        config_at = self.pick([".aws/config"] * 3 + ["alt/config"])
        creds_at = self.pick([".aws/credentials"] * 3 + ["alt/creds"])
        written: list[str] = []
        if self.chance(0.85):
            names = self.rnd.sample(EXISTING, self.rnd.randint(0, 4))
            files[config_at] = self.ini_file("config", names)
            written += names
        if self.chance(0.7):
            names = self.rnd.sample(EXISTING, self.rnd.randint(0, 3))
            files[creds_at] = self.ini_file("credentials", names)
            written += names
        likely = written * 10 + EXISTING + ["ghost", ""]
        if self.clean and written:
            likely = written
        if config_at != ".aws/config" or self.chance(0.08):
            forms = ["{home}/", "$HOME/", "${HOME}/", "~/", ""]  # "": relative to the cwd
            env["AWS_CONFIG_FILE"] = self.pick(
                [f + config_at for f in forms] * 2 + ["", "{home}/nowhere"]
            )
        if creds_at != ".aws/credentials" or self.chance(0.08):
            env["AWS_SHARED_CREDENTIALS_FILE"] = self.pick(
                ["{home}/" + creds_at, "~/" + creds_at] * 3 + ["", "{home}/" + config_at, "~"]
            )
        for var in ("AWS_DEFAULT_PROFILE", "AWS_PROFILE"):
            if self.chance(0.25):
                env[var] = self.pick(likely)
        self.env_credentials(env)
        if self.chance(0.1):
            env["AWS_WEB_IDENTITY_TOKEN_FILE"] = self.pick(["/tmp/token"] * 3 + [""])
        if self.chance(0.08):
            env["AWS_ROLE_ARN"] = self.pick(["arn:aws:iam::1:role/w"] * 3 + [""])
        self.boto(files, env)
        self.ec2(files, env)
        if self.chance(0.3):
            env["AWS_DEFAULT_REGION"] = self.pick(REGIONS)
        if self.chance(0.2):
            env["AWS_REGION"] = self.pick(REGIONS)
        if self.chance(0.05):
            env["AWS_DATA_PATH"] = "{home}/data"
        if self.chance(0.03):
            env["AWS_METADATA_SERVICE_TIMEOUT"] = self.pick(["3", "x", ""])
        if self.chance(0.03):
            env["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"] = self.pick(["ipv4", "IPV4", "bad"])
        if self.chance(0.05):
            self.container(files, env)
        profile = self.pick([None, *likely] if self.chance(0.5) else [None])
        region = self.pick([None] * 5 + ["sa-east-1"])
        return Scenario(files, env, profile, region, executable=("proc.sh",))

    def env_credentials(self, env: dict[str, str]) -> None:
        keys = self.pick(
            ["none"] * 10
            + ["full", "full", "id-only", "empty-id", "token-only", "full-token", "expiry"]
        )
        if keys in ("full", "full-token", "id-only", "expiry"):
            env["AWS_ACCESS_KEY_ID"] = "AKIDENV000001"
        if keys in ("full", "full-token", "expiry"):
            env["AWS_SECRET_ACCESS_KEY"] = "envsecret0001"
        if keys == "empty-id":
            env["AWS_ACCESS_KEY_ID"] = ""
            env["AWS_SECRET_ACCESS_KEY"] = "envsecret0001"
        if keys in ("token-only", "full-token"):
            env["AWS_SESSION_TOKEN"] = "envtoken"
        if keys == "expiry":
            env["AWS_CREDENTIAL_EXPIRATION"] = self.pick(["2030-01-01T00:00:00Z", "not a date"])

    def boto(self, files: dict[str, str], env: dict[str, str]) -> None:
        kind = self.pick(["none"] * 4 + ["home", "env", "env-missing", "env-empty", "broken"])
        text = "[Credentials]\naws_access_key_id = AKIDBOTO00001\naws_secret_access_key = bs\n"
        if self.chance(0.15):
            text = "[Credentials]\naws_access_key_id = AKIDBOTO00001\n"
        if kind == "home":
            files[".boto"] = text
        elif kind == "env":
            files["b/boto.cfg"] = text
            env["BOTO_CONFIG"] = self.pick(
                ["{home}/b/boto.cfg", "~/b/boto.cfg", "$HOME/b/boto.cfg"]
            )
            if self.chance(0.5):
                files[".boto"] = "[Credentials]\naws_access_key_id = AKIDIGNORED01\n"
        elif kind == "env-missing":
            env["BOTO_CONFIG"] = "{home}/b/none.cfg"
            files[".boto"] = text
        elif kind == "env-empty":
            env["BOTO_CONFIG"] = ""
        elif kind == "broken":
            files[".boto"] = "[Credentials]\nfoo\n"

    def container(self, files: dict[str, str], env: dict[str, str]) -> None:
        """Only loopback or refused-before-connecting URLs: no test reaches the network."""
        env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = self.pick(
            [CONTAINER_URL, CONTAINER_URL, "http://169.254.170.99/creds", "ftp://localhost:1/"]
        )
        token = self.pick(["none", "value", "newline", "file", "missing-file"])
        if token == "value":
            env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "tokenvalue"
        elif token == "newline":
            env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "token\nvalue"
        elif token == "file":
            files["ctoken"] = self.pick(["tokenvalue", "tokenvalue\n"])
            env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = "{home}/ctoken"
        elif token == "missing-file":
            env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = "{home}/nope"

    def ec2(self, files: dict[str, str], env: dict[str, str]) -> None:
        kind = self.pick(["none"] * 8 + ["ok", "no-secret", "missing", "no-key"])
        if kind == "none":
            return
        env["AWS_CREDENTIAL_FILE"] = self.pick(
            ["{home}/ec2creds", "~/ec2creds", "$HOME/ec2creds", "ec2creds"]
        )
        text = {
            "ok": "AWSAccessKeyId=AKIDEC2000001\nAWSSecretKey=ec2secret\n",
            "no-secret": "AWSAccessKeyId=AKIDEC2000001\n",
            "no-key": "junk\n",
        }.get(kind)
        if text is not None:
            files["ec2creds"] = text


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    return Gen(draw(st.randoms(use_true_random=True))).scenario()


@settings(
    max_examples=examples(1000),
    deadline=None,
    derandomize=DERANDOMIZE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenarios())
def test_model_agrees_with_botocore(scenario: Scenario) -> None:
    assert predicted(scenario) == oracle(scenario), scenario


def test_a_missing_container_token_file_is_opens_error() -> None:
    # ContainerProvider opens the token file: FileNotFoundError says "[Errno 2] No such file or
    # directory: '...'" (we said the path twice; found with another seed of the test above)
    scenario = Scenario(
        env={
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": CONTAINER_URL,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "{home}/nope",
        }
    )
    assert predicted(scenario) == oracle(scenario)


SERVICES = ("sts", "sso")
URLS = ["http://env-svc", "http://env-global", "http://block", "http://profile", ""]


def endpoint_scenario(rnd: random.Random) -> Scenario:
    """Endpoint URL sources for the services sts and sso, plus the ignore switch."""

    def chance(p: float) -> bool:
        return rnd.random() < p

    env = {"AWS_ACCESS_KEY_ID": "AKIDENV000001", "AWS_SECRET_ACCESS_KEY": "envsecret0001"}
    for var, value in (
        ("AWS_ENDPOINT_URL_STS", "http://env-sts"),
        ("AWS_ENDPOINT_URL_SSO", "http://env-sso"),
        ("AWS_ENDPOINT_URL", "http://env-global"),
    ):
        if chance(0.25):
            env[var] = rnd.choice([value, value, ""])
    if chance(0.15):
        env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = rnd.choice(["true", "TRUE", "yes", "false"])
    lines = ["[default]"]
    if chance(0.5):
        lines.append("endpoint_url = " + rnd.choice(["http://profile", ""]))
    if chance(0.6):
        lines.append("services = " + rnd.choice(["x", "x", "x", "ghost", "empty"]))
    if chance(0.15):
        lines.append("ignore_configured_endpoint_urls = " + rnd.choice(["true", "false", "on"]))
    lines.append("[services x]")
    for service in SERVICES:
        form = rnd.choice(["nested", "nested", "none", "plain", "empty-url"])
        if form == "nested":
            lines += [f"{service} =", f"  endpoint_url = http://block-{service}"]
        elif form == "plain":
            lines.append(f"{service} = http://plain")
        elif form == "empty-url":
            lines += [f"{service} =", "  endpoint_url ="]
    lines += ["[services empty]", ""]
    creds = {}
    if chance(0.2):
        creds[".aws/credentials"] = "[default]\nendpoint_url = http://from-credentials\n"
    profile = rnd.choice([None, None, None, "default", "ghost"])
    return Scenario({".aws/config": "\n".join(lines), **creds}, env, profile)


def endpoints_oracle(scenario: Scenario) -> dict[str, tuple[str, object]]:
    def endpoint(service: str) -> object:
        session = botocore_session(scenario)
        session.register_component("data_loader", _LOADER)
        url = session.create_client(service, region_name="us-east-1").meta.endpoint_url
        return None if url == _DEFAULTS[service] else url

    with materialised(scenario) as (_home, env), sandbox_environ(env):
        return {service: outcome(partial(endpoint, service)) for service in SERVICES}


def endpoints_predicted(scenario: Scenario) -> dict[str, tuple[str, object]]:
    with state_of(scenario) as (_home, state):
        return {s: chain_outcome(endpoint_chain(state.session(), s)) for s in SERVICES}


def chain_outcome(chain: SettingChain | EndpointChain) -> tuple[str, object]:
    """A chain's value as the oracle says it: ("ok", value), or the error botocore raises."""
    error = chain.error
    return ("ok", chain.value) if error is None else (error.type, error.message)


def _default_endpoints() -> dict[str, str]:
    import botocore.session

    urls = {}
    with sandbox_environ(
        {"AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "HOME": "/nonexistent"}
    ):
        for service in SERVICES:
            session = botocore.session.Session(include_builtin_handlers=False)
            session.register_component("data_loader", _LOADER)
            urls[service] = session.create_client(
                service, region_name="us-east-1"
            ).meta.endpoint_url
    return urls


_LOADER = create_loader()  # shared: the service models load once, not per scenario
_DEFAULTS = _default_endpoints()


@settings(max_examples=examples(300), deadline=None, derandomize=DERANDOMIZE)
@given(st.randoms(use_true_random=True))
def test_endpoint_chain_agrees_with_botocore(rnd: random.Random) -> None:
    scenario = endpoint_scenario(rnd)
    assert endpoints_predicted(scenario) == endpoints_oracle(scenario), scenario


SETTING_VALUES = ["true", "TRUE", "yes", "false", "1", "abc", "", "legacy", "120", NESTED]


def settings_scenario(rnd: random.Random) -> Scenario:
    """Random values for random settings, in the profile (either file) and the environment."""
    names = [n for n in SETTINGS if n not in ("profile", "config_file", "credentials_file")]
    config, creds, env = ["[default]"], ["[default]"], {}
    for name in rnd.sample(names, rnd.randint(1, 8)):
        spec = SETTINGS[name]
        if spec.env_vars and rnd.random() < 0.3:
            env[rnd.choice(spec.env_vars)] = rnd.choice(SETTING_VALUES[:-1])
        for key in spec.config_keys:
            target = rnd.choice([config, config, creds])
            value = rnd.choice(SETTING_VALUES)
            if isinstance(key, str) and rnd.random() < 0.5:
                target.append(f"{key} = {value}")
            elif isinstance(key, tuple) and rnd.random() < 0.5:
                target += [f"{key[0]} =", f"  {key[1]} = {rnd.choice(SETTING_VALUES[:-1])}"]
    if rnd.random() < 0.1:
        rnd.choice([config, creds]).append(
            rnd.choice(["s3 = virtual", "s3 =", "proxies_config = x"])
        )
    files = {
        ".aws/config": "\n".join(_dedupe(config)) + "\n",
        ".aws/credentials": "\n".join(_dedupe(creds)) + "\n",
    }
    profile = rnd.choice([None, None, None, "default", "ghost"])
    return Scenario(files, env, profile, rnd.choice([None, None, "eu-west-3"]))


def _dedupe(lines: list[str]) -> list[str]:
    """One line per key (a duplicate key refuses the file, which other tests cover)."""
    seen: set[str] = set()
    out = []
    for line in lines:
        key = line.split("=")[0].strip() if not line.startswith(" ") else line
        if key in seen:
            continue
        seen.add(key)
        out.append(line)
    return out


def settings_oracle(scenario: Scenario) -> dict[str, tuple[str, object]]:
    def value(name: str) -> object:
        session = botocore_session(scenario)
        section, dot, key = name.partition(".")
        if not dot:
            return session.get_config_variable(name)
        block = session.get_config_variable(section)
        return block.get(key) if isinstance(block, dict) else None

    with materialised(scenario) as (_home, env), sandbox_environ(env):
        return {name: outcome(partial(value, name)) for name in SETTINGS}


def settings_predicted(scenario: Scenario) -> dict[str, tuple[str, object]]:
    out: dict[str, tuple[str, object]] = {}
    with materialised(scenario) as (home, env):
        state = state_for(scenario, home, env)
        for name in SETTINGS:
            if name in ("config_file", "credentials_file"):
                out[name] = state.config_variable(name)
                continue
            if name == "profile":
                out[name] = ("ok", state.selection.name)
                continue
            out[name] = chain_outcome(setting_chain(state.session(), name))
    return out


@settings(max_examples=examples(200), deadline=None, derandomize=DERANDOMIZE)
@given(st.randoms(use_true_random=True))
def test_setting_chains_agree_with_botocore(rnd: random.Random) -> None:
    scenario = settings_scenario(rnd)
    assert settings_predicted(scenario) == settings_oracle(scenario), scenario
