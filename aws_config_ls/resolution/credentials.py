"""botocore's credential chain, simulated step by step without running anything.

Mirrors credentials.py: `create_credential_resolver` (the config lookups it makes first, which
is where ProfileNotFound and ConfigParseError usually come from), then each provider's `load()`
in order. Deferred providers (assume-role, web identity, SSO) are modelled as botocore runs
them: their configuration is validated and source credentials resolved eagerly, STS is not
called. What cannot be known without running it is an explicit assumption: a
`credential_process` prints valid credentials, the container endpoint answers
(`Environment.container_reachable`), the instance metadata service answers only when
`Environment.imds_reachable`, and a `login_session` has a cached token.
"""

from __future__ import annotations

import errno
import os
import shlex
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from aws_config_ls.ini.fileview import RawValue
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.safe_read import read_head, read_text
from aws_config_ls.resolution import tiers as T
from aws_config_ls.resolution.fullconfig import FullConfig
from aws_config_ls.resolution.refs import (
    BotoError,
    Cause,
    EntryRef,
    FileRef,
    ParameterRef,
    Raised,
    VariableRef,
    botocore_message,
    raise_boto,
    raise_python,
)
from aws_config_ls.resolution.session import SessionModel, parsed

CANONICAL_SOURCES = ("Environment", "EcsContainer", "Ec2InstanceMetadata")
IMDS_MODES = ("ipv4", "ipv6")  # utils.py METADATA_ENDPOINT_MODES
CONTAINER_HOST = "169.254.170.2"  # utils.py ContainerMetadataFetcher.IP_ADDRESS
CONTAINER_HOSTS = (CONTAINER_HOST, "169.254.170.23", "fd00:ec2::23", "localhost")
WEB_IDENTITY_VARS = {
    "web_identity_token_file": "AWS_WEB_IDENTITY_TOKEN_FILE",
    "role_session_name": "AWS_ROLE_SESSION_NAME",
    "role_arn": "AWS_ROLE_ARN",
}
# credentials.py AssumeRoleWithWebIdentityProvider, verbatim (sic: "role_arnconfiguration")
MISSING_ROLE_ARN = (
    "The provided profile or the current environment is configured to assume role with web "
    "identity but has no role ARN configured. Ensure that the profile has the role_arn"
    "configuration set or the AWS_ROLE_ARN env var is set."
)
LOGIN_DEPENDENCY = (
    "Using the login credential provider requires an additional dependency. You will need "
    'to pip install "botocore[crt]" before proceeding.'
)


class Found(NamedTuple):
    """Credentials a provider returns: where from, and their values (masked on output)."""

    method: str
    cause: Cause | None  # the entry or variable that triggered the provider
    access_key: object = None
    secret_key: object = None
    token: object = None
    note: str = ""


class Step(NamedTuple):
    """One tier of the chain for one profile, as botocore walked it."""

    tier: T.Tier
    status: str  # "used", "skipped", "not-applicable" or "error"
    reason: str
    cause: Cause | None = None


class Hop(NamedTuple):
    """One link of an assume-role chain: `profile` gets source credentials from `source`."""

    profile: str
    via: str  # "source_profile" or "credential_source"
    source: str
    method: str | None  # how the source credentials were found
    cause: Cause | None


class CredentialOutcome(NamedTuple):
    profile: str  # the profile the chain looks in (credentials.py: `... or 'default'`)
    found: Found | None
    error: BotoError | None
    steps: tuple[Step, ...]
    hops: tuple[Hop, ...] = ()

    @property
    def method(self) -> str | None:
        return None if self.found is None else self.found.method

    @property
    def tier(self) -> T.Tier | None:
        for step in self.steps:
            if step.status in ("used", "error"):
                return step.tier
        return None


NotHere = str  # why a provider returned None
_new = tuple.__new__
_SSO_NOTE = "the SSO token cache is read on first use"
Loaded = Found | NotHere


def _static(profile: Mapping[str, RawValue]) -> bool:
    # credentials.py AssumeRoleProvider._has_static_credentials
    return any(k in profile for k in ("aws_secret_access_key", "aws_access_key_id"))


def _assume_role_vars(profile: Mapping[str, RawValue]) -> bool:
    # credentials.py AssumeRoleProvider._has_assume_role_config_vars
    return "role_arn" in profile and "web_identity_token_file" not in profile


class _Run:
    """The state of one `get_credentials()` call."""

    __slots__ = ("disable_env", "hops", "profile", "s", "visited")

    def __init__(self, s: SessionModel, profile: str, disable_env: bool) -> None:
        self.s = s
        self.profile = profile
        self.disable_env = disable_env
        self.visited: list[str] = []
        self.hops: list[Hop] = []

    # -- helpers ------------------------------------------------------------------------
    @property
    def env(self) -> Mapping[str, str]:
        return self.s.env.variables

    def origin(self, profile: str, key: str) -> Cause | None:
        fc = self.s.full_config()
        return fc.origins.of(profile, key)

    def header(self, profile: str) -> Cause | None:
        fc = self.s.full_config()
        keys = fc.origins.get(profile, {})
        if profile in fc.credentials_profiles:
            path = self.s.files.credentials_location.path
            return EntryRef(path, self.s.files.credentials.kind, profile)
        if profile in fc.config_sections:
            path = self.s.files.config_location.path
            return EntryRef(path, self.s.files.config.kind, fc.config_sections[profile])
        return next(iter(keys.values()), None)

    def invalid(self, cause: Cause | None, msg: str) -> Raised:
        return raise_boto("InvalidConfigError", cause, error_msg=msg)

    # -- tier 3: EnvProvider ----------------------------------------------------------------
    def env_provider(self) -> Loaded:
        env = self.env
        access_key = env.get("AWS_ACCESS_KEY_ID", "")
        if not access_key:
            return "AWS_ACCESS_KEY_ID is " + ("empty" if "AWS_ACCESS_KEY_ID" in env else "not set")
        secret_key = env.get("AWS_SECRET_ACCESS_KEY", "")
        if not secret_key:
            raise raise_boto(
                "PartialCredentialsError",
                VariableRef("AWS_ACCESS_KEY_ID"),
                provider="env",
                cred_var="AWS_SECRET_ACCESS_KEY",
            )
        token = next(
            (env[v] for v in ("AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN") if env.get(v)), None
        )
        expiry = env.get("AWS_CREDENTIAL_EXPIRATION", "")
        if expiry:
            from dateutil.parser import parse  # type: ignore[import-untyped,unused-ignore]

            try:
                parse(expiry)
            except Exception as e:
                raise raise_python(e, VariableRef("AWS_CREDENTIAL_EXPIRATION")) from None
        return Found("env", VariableRef("AWS_ACCESS_KEY_ID"), access_key, secret_key, token)

    # -- tier 4: AssumeRoleProvider -----------------------------------------------------------
    def assume_role(self) -> Loaded:
        self.visited = [self.profile]
        profile = self.s.full_config().profiles.get(self.profile, {})
        if not _assume_role_vars(profile):
            if "role_arn" in profile:
                return "role_arn is read by web identity (the profile has web_identity_token_file)"
            return "no role_arn in the profile"
        return self.via_assume_role(self.profile)

    def via_assume_role(self, name: str) -> Found:
        role = self.role_config(name)
        self.source_credentials(role, name)
        return Found(
            "assume-role",
            self.origin(name, "role_arn"),
            note="STS AssumeRole is called on first use",
        )

    def role_config(self, name: str) -> dict[str, Any]:
        """credentials.py AssumeRoleProvider._get_role_config (same checks, same order)."""
        profile = self.s.full_config().profiles[name]
        source_profile = profile.get("source_profile")
        credential_source = profile.get("credential_source")
        duration = profile.get("duration_seconds")
        if duration is not None:
            try:
                int(duration)  # type: ignore[arg-type]
            except ValueError:
                pass  # silently dropped
            except Exception as e:  # a nested block: TypeError escapes
                raise raise_python(e, self.origin(name, "duration_seconds")) from None
        if credential_source is not None and source_profile is not None:
            raise self.invalid(
                self.origin(name, "credential_source"),
                f'The profile "{name}" contains both source_profile and credential_source.',
            )
        if credential_source is None and source_profile is None:
            raise raise_boto(
                "PartialCredentialsError",
                self.origin(name, "role_arn"),
                provider="assume-role",
                cred_var="source_profile or credential_source",
            )
        if credential_source is not None:
            if credential_source not in CANONICAL_SOURCES:  # case-sensitive: `in` a list
                raise self.invalid(
                    self.origin(name, "credential_source"),
                    f'The credential source "{credential_source}" referenced in profile '
                    f'"{name}" is not valid.',
                )
        else:
            self.validate_source_profile(name, source_profile)
        return {"source_profile": source_profile, "credential_source": credential_source}

    def validate_source_profile(self, parent: str, source: Any) -> None:
        profiles = self.s.full_config().profiles
        cause = self.origin(parent, "source_profile")
        if source not in profiles:
            raise self.invalid(
                cause,
                f'The source_profile "{source}" referenced in the profile "{parent}" does not '
                "exist.",
            )
        if source not in self.visited:
            return
        if source != parent or not _static(profiles[source]):
            raise raise_boto(
                "InfiniteLoopConfigError",
                cause,
                source_profile=source,
                visited_profiles=list(self.visited),
            )

    def source_credentials(self, role: dict[str, Any], name: str) -> None:
        """credentials.py AssumeRoleProvider._resolve_source_credentials (eager)."""
        source = role["credential_source"]
        index = len(self.hops)
        if source is not None:
            cause = self.origin(name, "credential_source")
            self.hops.append(Hop(name, "credential_source", source, None, cause))
            found = self.from_canonical_source(source, name, cause)
        else:
            source = role["source_profile"]
            cause = self.origin(name, "source_profile")
            self.hops.append(Hop(name, "source_profile", source, None, cause))
            self.visited.append(source)
            found = self.from_source_profile(source)
        self.hops[index] = self.hops[index]._replace(method=found.method)

    def from_canonical_source(self, source: str, name: str, cause: Cause | None) -> Found:
        provider: Callable[[], Loaded] = {
            "Environment": self.env_provider,
            "EcsContainer": self.container,
            "Ec2InstanceMetadata": self.instance_metadata,
        }[source]
        loaded = provider()
        if isinstance(loaded, Found):
            return loaded
        raise raise_boto(
            "CredentialRetrievalError",
            cause,
            provider=source,
            error_msg=f"No credentials found in credential_source referenced in profile {name}",
        )

    def from_source_profile(self, name: str) -> Found:
        """credentials.py AssumeRoleProvider._resolve_credentials_from_profile."""
        profile = self.s.full_config().profiles[name]
        if _static(profile) or not _assume_role_vars(profile):
            for _tier, load in self.profile_providers(name, disable_env=True):
                loaded = load()
                if isinstance(loaded, Found):
                    return loaded
            raise self.invalid(
                self.header(name), f'The source profile "{name}" must have credentials.'
            )
        return self.via_assume_role(name)

    # -- tiers 5-10: ProfileProviderBuilder.providers ---------------------------------------
    def profile_providers(
        self, name: str, disable_env: bool
    ) -> list[tuple[T.Tier, Callable[[], Loaded]]]:
        return [
            (p.tier, partial(p.load, self, name, disable_env)) for p in PROVIDERS if p.per_profile
        ]

    def web_identity(self, name: str, disable_env: bool) -> Loaded:
        profile: dict[str, RawValue] | None = None

        def get(key: str) -> tuple[Any, Cause | None]:
            nonlocal profile
            var = WEB_IDENTITY_VARS[key]
            if not disable_env and var in self.env:  # an empty variable still wins
                return self.env[var], VariableRef(var)
            if profile is None:  # loaded lazily, once (AssumeRoleWithWebIdentityProvider)
                profile = self.s.full_config().profiles.get(name, {})
            value = profile.get(key)
            return (value, self.origin(name, key)) if value is not None else (None, None)

        token_path, cause = get("web_identity_token_file")
        if not token_path:
            if disable_env or "AWS_WEB_IDENTITY_TOKEN_FILE" not in self.env:
                return "no web_identity_token_file"
            return "AWS_WEB_IDENTITY_TOKEN_FILE is empty"
        role_arn, _ = get("role_arn")
        if not role_arn:
            raise self.invalid(cause, MISSING_ROLE_ARN)
        get("role_session_name")
        return Found(
            "assume-role-with-web-identity",
            cause,
            note="STS AssumeRoleWithWebIdentity is called on first use",
        )

    def sso(self, name: str) -> Loaded:
        """credentials.py SSOProvider._load_sso_config."""
        fc = self.s.full_config()
        profile = fc.profiles.get(name, {})
        if "sso_role_name" not in profile and "sso_account_id" not in profile:
            return "no sso_account_id or sso_role_name"
        trigger = self.origin(
            name, "sso_account_id" if "sso_account_id" in profile else "sso_role_name"
        )
        # the profile's keys and its session's, which must agree (read without copying
        # either: every profile of a file passes here)
        session: Mapping[str, Any] = {}
        extra: tuple[str, ...] = ()
        session_name = profile.get("sso_session")
        if session_name is not None:
            if session_name not in fc.sso_sessions:
                raise self.invalid(
                    self.origin(name, "sso_session"),
                    f'The specified sso-session does not exist: "{session_name}"',
                )
            session = fc.sso_sessions[session_name]
            for key, val in session.items():
                if profile.get(key, val) != val:
                    raise self.invalid(
                        self.origin(name, key),
                        f"The value for {key} is inconsistent between profile ({profile[key]}) "
                        f"and sso-session ({val}).",
                    )
            extra = ("sso_session",)
        required = ("sso_role_name", "sso_account_id", "sso_start_url", "sso_region", *extra)
        missing = [k for k in required if k not in profile and k not in session]
        if missing:
            raise self.invalid(
                trigger,
                f'The profile "{name}" is configured to use SSO but is missing required '
                f"configuration: {', '.join(missing)}",
            )
        return _new(Found, ("sso", trigger, None, None, None, _SSO_NOTE))  # Found(..., note=)

    def shared_file(self, name: str) -> Loaded:
        """credentials.py SharedCredentialProvider: re-parses the credentials file itself."""
        view, path = self.s.files.credentials, self.s.files.credentials_location.path
        sections = parsed(view, path)
        if sections is None:
            return "no credentials file"
        section = sections.get(name)
        if section is None:
            return f"no [{name}] section in {path}"
        if "aws_access_key_id" not in section:
            return f"no aws_access_key_id in [{name}] of {path}"
        return self.static(
            section, "shared-credentials-file", EntryRef(path, view.kind, name, "aws_access_key_id")
        )

    def static(self, section: Mapping[str, RawValue], method: str, cause: EntryRef) -> Found:
        if "aws_secret_access_key" not in section:
            raise raise_boto(
                "PartialCredentialsError", cause, provider=method, cred_var="aws_secret_access_key"
            )
        token = next(
            (section[k] for k in ("aws_security_token", "aws_session_token") if k in section), None
        )
        return Found(
            method, cause, section["aws_access_key_id"], section["aws_secret_access_key"], token
        )

    def login(self, name: str) -> Loaded:
        profile = self.s.full_config().profiles.get(name, {})
        if "login_session" not in profile:
            return "no login_session"
        cause = self.origin(name, "login_session")
        if not self.s.env.login_supported:
            raise raise_boto("MissingDependencyException", cause, msg=LOGIN_DEPENDENCY)
        return Found("login", cause, note="assumes `aws login` left a cached token")

    def process(self, name: str) -> Loaded:
        profile = self.s.full_config().profiles.get(name, {})
        command = profile.get("credential_process")
        if command is None:
            return "no credential_process"
        cause = self.origin(name, "credential_process")
        try:
            argv = shlex.split(command)  # type: ignore[arg-type]  # compat_shell_split (POSIX)
            exec_error = (  # subprocess.Popen
                _exec_error(argv, self.env, self.s.env.cwd)
                if self.s.env.this_machine
                else _exec_error_anywhere(argv)
            )
        except Exception as e:
            raise raise_python(e, cause) from None
        if exec_error is not None:
            raise raise_python(exec_error, cause)
        return Found("custom-process", cause, note="assumes the command prints valid credentials")

    def config_file(self, name: str) -> Loaded:
        """credentials.py ConfigProvider: re-parses the config file alone (no credentials)."""
        view, path = self.s.files.config, self.s.files.config_location.path
        if parsed(view, path) is None:
            return "no config file"
        fc: FullConfig = self.s.config_only()
        if name not in fc.profiles:
            return f"no profile {name} in {path}"
        section = fc.profiles[name]
        if "aws_access_key_id" not in section:
            return f"no aws_access_key_id in the config profile {name}"
        cause = EntryRef(path, view.kind, fc.config_sections[name], "aws_access_key_id")
        return self.static(section, "config-file", cause)

    # -- tiers 11-14 -----------------------------------------------------------------------
    def ec2_file(self) -> Loaded:
        ec2 = self.s.files.ec2
        if ec2 is None:
            return "AWS_CREDENTIAL_FILE is not set"
        loc, kv = ec2
        cause = VariableRef("AWS_CREDENTIAL_FILE")
        if kv.values is None:
            if kv.error is not None and kv.error[0] == "UnicodeDecodeError":
                raise Raised(BotoError("UnicodeDecodeError", kv.error[1], FileRef(loc.path, None)))
            raise raise_boto("ConfigNotFound", cause, path=loc.path)
        if "AWSAccessKeyId" not in kv.values:
            return f"no AWSAccessKeyId in {loc.path}"
        if "AWSSecretKey" not in kv.values:
            raise raise_python(KeyError("AWSSecretKey"), FileRef(loc.path, None))
        return Found(
            "ec2-credentials-file",
            FileRef(loc.path, None),
            kv.values["AWSAccessKeyId"],
            kv.values["AWSSecretKey"],
        )

    def boto(self) -> Loaded:
        """credentials.py BotoProvider: the first file with [Credentials] aws_access_key_id."""
        for loc, view in self.s.files.boto:
            sections = parsed(view, loc.path)
            if sections is None:
                continue
            section = sections.get("Credentials")
            if section is not None and "aws_access_key_id" in section:
                cause = EntryRef(loc.path, view.kind, "Credentials", "aws_access_key_id")
                found = self.static(section, "boto-config", cause)
                return Found(found.method, cause, found.access_key, found.secret_key)
        return "no [Credentials] aws_access_key_id in " + " or ".join(
            loc.path for loc, _ in self.s.files.boto
        )

    def container(self) -> Loaded:
        env = self.env
        relative = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
        full = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
        if relative not in env and full not in env:
            return "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor _FULL_URI is set"
        if relative in env:
            url, cause = f"http://{CONTAINER_HOST}{env[relative]}", VariableRef(relative)
        else:
            url, cause = env[full], VariableRef(full)
        try:
            _container_checks(url, env, self.s.env.cwd)
        except Raised:
            raise
        except Exception as e:
            raise raise_python(e, cause) from None
        if not self.s.env.container_reachable:
            raise raise_boto(
                "CredentialRetrievalError",
                cause,
                provider="container-role",
                error_msg=f"Error retrieving metadata: {url} is assumed unreachable",
            )
        return Found("container-role", cause, note=f"fetched from {url}")

    def instance_metadata(self) -> Loaded:
        if self.env.get("AWS_EC2_METADATA_DISABLED", "false").lower() == "true":
            return "AWS_EC2_METADATA_DISABLED=true"
        if not self.s.env.imds_reachable:
            return "the instance metadata service is assumed unreachable (not on EC2)"
        return Found("iam-role", None, note="the instance's role")


def _exec_error(argv: list[str], env: Mapping[str, str], cwd: str) -> OSError | None:
    """What `subprocess.Popen(argv)` raises before running anything, on POSIX (or None)."""
    if not argv:
        raise IndexError("list index out of range")
    exe = argv[0]
    if os.path.dirname(exe):
        candidates = [exe]
    else:
        path = env.get("PATH", os.defpath)
        candidates = [os.path.join(d, exe) for d in path.split(os.pathsep)]
    first: int | None = None
    code = errno.ENOENT
    for candidate in candidates:
        result = _exec_errno(os.path.join(cwd, candidate))
        if result is None:
            return None
        code = result
        if code not in (errno.ENOENT, errno.ENOTDIR) and first is None:
            first = code  # _posixsubprocess reports the first such error, else the last one
    code = code if first is None else first
    return OSError(code, os.strerror(code), exe)


def _exec_error_anywhere(argv: list[str]) -> OSError | None:
    """What Popen raises on every machine: no shell expands `~` or `$VAR` in the program."""
    if not argv:
        raise IndexError("list index out of range")
    exe = argv[0]
    if exe.startswith("~") or "$" in exe:
        return OSError(errno.ENOENT, os.strerror(errno.ENOENT), exe)
    return None


def _exec_errno(path: str) -> int | None:
    """The errno execve would fail with (None: it would run), judged from the file alone."""
    if not os.path.exists(path):
        parent = os.path.dirname(path)
        while parent and not os.path.exists(parent):
            parent = os.path.dirname(parent)
        return errno.ENOTDIR if parent and not os.path.isdir(parent) else errno.ENOENT
    if os.path.isdir(path) or not os.access(path, os.X_OK):
        return errno.EACCES
    head = read_head(path, 256).data  # execve refuses what is not a regular file: EACCES
    if head is None:
        return errno.EACCES
    if head.startswith(b"#!"):
        interpreter = head[2:].split(b"\n", 1)[0].strip().split(b" ", 1)[0]
        return None if os.path.exists(os.fsdecode(interpreter)) else errno.ENOENT
    return None if head.startswith(b"\x7fELF") else errno.ENOEXEC


def _container_checks(url: str, env: Mapping[str, str], cwd: str) -> None:
    """credentials.py ContainerProvider: the auth token header, then the allowed hosts."""
    from ipaddress import ip_address
    from urllib.parse import urlparse

    token: str | None = None
    if "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE" in env:
        token = read_text(os.path.join(cwd, env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"]))
    elif "AWS_CONTAINER_AUTHORIZATION_TOKEN" in env:
        token = env["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
    if token is not None and ("\r" in token or "\n" in token):
        raise ValueError("Auth token value is not a legal header value")
    parsed = urlparse(url)
    if parsed.scheme == "https":
        return
    if parsed.scheme != "http" and parsed.hostname in CONTAINER_HOSTS:
        # urllib3 refuses the scheme once the host check passed (httpsession.py)
        raise Raised(
            BotoError(
                "HTTPClientError",
                botocore_message(
                    "HTTPClientError", error=f"Not supported URL scheme {parsed.scheme}"
                ),
                None,
            )
        )
    try:
        if ip_address(parsed.hostname or "").is_loopback:
            return
    except ValueError:
        pass
    if parsed.hostname not in CONTAINER_HOSTS:
        raise ValueError(
            f"Unsupported host '{parsed.hostname}'.  Can only retrieve metadata from a loopback "
            f"address or one of these hosts: {', '.join(CONTAINER_HOSTS)}"
        )


IMDS_DEFAULT_URLS = ("http://169.254.169.254/", "http://[fd00:ec2::254]/")  # utils.IMDSFetcher


_PRELUDE = (
    "metadata_service_timeout",
    "metadata_service_num_attempts",
    "ec2_metadata_service_endpoint",
    "ec2_metadata_service_endpoint_mode",
    "imds_use_ipv6",
    "ec2_metadata_v1_disabled",
)


def _prelude(s: SessionModel) -> None:
    """The config lookups `create_credential_resolver` makes before any provider runs."""
    if s.only_defaults(_PRELUDE):  # botocore's defaults pass every check below
        return
    s.get_config_variable("metadata_service_timeout")
    s.get_config_variable("metadata_service_num_attempts")
    endpoint = s.get_config_variable("ec2_metadata_service_endpoint")
    mode = s.get_config_variable("ec2_metadata_service_endpoint_mode")
    resolved = "ipv4"
    if mode.value is not None:
        try:
            resolved = mode.value.lower()
        except Exception as e:
            raise raise_python(e, mode.source) from None
        if resolved not in IMDS_MODES:
            raise raise_boto(
                "InvalidIMDSEndpointModeError", mode.source, mode=mode.value, valid_modes=IMDS_MODES
            )
    elif s.get_config_variable("imds_use_ipv6").value:
        resolved = "ipv6"
    s.get_config_variable("ec2_metadata_v1_disabled")
    # utils.py IMDSFetcher._select_base_url, run when the resolver is built; botocore's own
    # default addresses (IMDS_DEFAULT_URLS) are valid, so only a configured one is checked.
    if not endpoint.value:
        return
    from botocore.utils import is_valid_uri  # pure validation of the IMDS endpoint

    base = endpoint.value
    try:
        valid = is_valid_uri(base)
    except Exception as e:
        raise raise_python(e, endpoint.source) from None
    if not valid:
        raise raise_boto("InvalidIMDSEndpointError", endpoint.source, endpoint=base)


def resolve_credentials(s: SessionModel) -> CredentialOutcome:
    """`session.get_credentials()`: the method botocore reports, or the exception it raises."""
    sel = s.selection
    profile = sel.credential_profile
    if s.env.explicit_credentials:
        steps = [_NO_PARAMETERS[0]]
        steps.append(
            Step(T.TIERS[1], "used", "passed to Session()", ParameterRef("aws_access_key_id"))
        )
        steps += [
            Step(t, "skipped", "not consulted: tier 2 provided credentials") for t in T.TIERS[2:]
        ]
        found = Found("explicit", ParameterRef("aws_access_key_id"))
        return CredentialOutcome(profile, found, None, tuple(steps))
    run = _Run(s, profile, sel.explicit)
    steps = list(_NO_PARAMETERS)
    try:
        _prelude(s)
    except Raised as r:
        reason = f"not reached: {r.error.type} while building the resolver"
        steps += [Step(t, "skipped", reason) for t in T.TIERS[2:]]
        return CredentialOutcome(profile, None, r.error, tuple(steps))
    for i, provider in enumerate(PROVIDERS):
        tier = provider.tier
        if tier is T.ENV and sel.explicit:
            steps.append(_not_applicable(i, "removed: the profile is passed explicitly"))
            continue
        try:
            try:
                loaded = provider.load(run, profile, sel.explicit)
            except Raised:
                raise
            except Exception as e:  # botocore applies the same operation to the same value
                raise raise_python(e, None) from None  # e.g. `{} in profiles`: TypeError
        except Raised as r:
            steps.append(Step(tier, "error", r.error.message, r.error.cause))
            steps += [
                Step(p.tier, "skipped", f"not reached: tier {tier.number} raised")
                for p in PROVIDERS[i + 1 :]
            ]
            return CredentialOutcome(profile, None, r.error, tuple(steps), tuple(run.hops))
        if isinstance(loaded, Found):  # the records made at C speed: once per profile
            steps.append(
                _new(Step, (tier, "used", loaded.note or "credentials found", loaded.cause))
            )
            steps += _unconsulted(run, i + 1, tier)
            return _new(CredentialOutcome, (profile, loaded, None, tuple(steps), tuple(run.hops)))
        steps.append(_not_applicable(i, loaded))
    return CredentialOutcome(profile, None, None, tuple(steps), tuple(run.hops))


_STEPS: dict[tuple[int, str, str], Step] = {}


def _shared(tier: T.Tier, status: str, reason: str) -> Step:
    """A step without a cause: one per tier, status and reason, shared by the profiles (most
    reasons name no profile; the few that do are forgotten past a bound)."""
    key = (tier.number, status, reason)
    step = _STEPS.get(key)
    if step is None:
        if len(_STEPS) > 1000:
            _STEPS.clear()
        step = _STEPS[key] = Step(tier, status, reason)
    return step


def _not_applicable(i: int, reason: str) -> Step:
    """PROVIDERS[i] passed for `reason`."""
    return _shared(PROVIDERS[i].tier, "not-applicable", reason)


def _unconsulted(run: _Run, first: int, winner: T.Tier) -> tuple[Step, ...]:
    """The tiers from PROVIDERS[first] on, after the winner: "skipped" when configured, else
    "not-applicable" (judged from configuration alone; nothing is configured when botocore
    cannot read the files)."""
    try:
        profile: Profile | None = run.s.full_config().profiles.get(run.profile, {})
    except Raised:
        profile = None
    providers = PROVIDERS[first:]
    if profile is None:
        triggers: tuple[str | None, ...] = (None,) * len(providers)
    else:
        triggers = tuple([provider.configured(run, profile) for provider in providers])
    # the same steps for every profile configured alike (most of a file's profiles)
    key = (first, winner.number, triggers)
    steps = _UNCONSULTED.get(key)
    if steps is None:
        if len(_UNCONSULTED) > 1000:
            _UNCONSULTED.clear()
        steps = _UNCONSULTED[key] = tuple(
            idle
            if trigger is None
            else _shared(
                provider.tier, "skipped", f"{trigger}, but tier {winner.number} comes first"
            )
            for provider, idle, trigger in zip(providers, _IDLE[first:], triggers, strict=True)
        )
    return steps


_UNCONSULTED: dict[tuple[int, int, tuple[str | None, ...]], tuple[Step, ...]] = {}


Profile = Mapping[str, RawValue]


class Provider(NamedTuple):
    """One tier of botocore's default resolver: its provider and what would trigger it.

    `load(run, profile, disable_env)` is the provider's `load()`; `configured(run, profile)`
    says from configuration alone what would make it answer (None: nothing). `per_profile`
    tiers are ProfileProviderBuilder.providers, which also serve source profiles. A new tier
    is a `Tier` in tiers.py (its number, method and keys) and a row here.
    """

    tier: T.Tier
    load: Callable[[_Run, str, bool], Loaded]
    configured: Callable[[_Run, Profile], str | None]
    per_profile: bool = False


def _key_set(*keys: str) -> Callable[[_Run, Profile], str | None]:
    def configured(run: _Run, profile: Profile) -> str | None:
        for key in keys:  # a loop, not next(generator): thousands of profiles ask
            if key in profile:
                return f"{key} is set"
        return None

    return configured


def _variable_set(*names: str) -> Callable[[_Run, Profile], str | None]:
    def configured(run: _Run, profile: Profile) -> str | None:
        for name in names:
            if name in run.env:
                return f"{name} is set"
        return None

    return configured


def _web_identity_set(run: _Run, profile: Profile) -> str | None:
    if not run.disable_env and run.env.get("AWS_WEB_IDENTITY_TOKEN_FILE"):
        return "AWS_WEB_IDENTITY_TOKEN_FILE is set"
    return "web_identity_token_file is set" if profile.get("web_identity_token_file") else None


def _shared_file_set(run: _Run, profile: Profile) -> str | None:
    section = (run.s.files.credentials.sections or {}).get(run.profile, {})
    return "the credentials file has aws_access_key_id" if "aws_access_key_id" in section else None


def _config_file_set(run: _Run, profile: Profile) -> str | None:
    fc, view = run.s.full_config(), run.s.files.config
    if view.sections is None or run.profile not in fc.config_sections:
        return None
    section = view.sections.get(fc.config_sections[run.profile], {})
    return "the config file has aws_access_key_id" if "aws_access_key_id" in section else None


def _boto_set(run: _Run, profile: Profile) -> str | None:
    for loc, view in run.s.files.boto:
        if "aws_access_key_id" in (view.sections or {}).get("Credentials", {}):
            return f"{loc.path} has [Credentials] aws_access_key_id"
    return None


def _imds_set(run: _Run, profile: Profile) -> str | None:
    disabled = run.env.get("AWS_EC2_METADATA_DISABLED", "false").lower() == "true"
    return None if disabled else "the instance metadata service is always tried"


# Tiers 3-14 in the order of credentials.py create_credential_resolver.
PROVIDERS: tuple[Provider, ...] = (
    Provider(T.ENV, lambda run, name, d: run.env_provider(), lambda run, profile: None),
    Provider(
        T.ASSUME_ROLE,
        lambda run, name, d: run.assume_role(),
        lambda run, profile: "role_arn is set" if _assume_role_vars(profile) else None,
    ),
    Provider(T.WEB_IDENTITY, _Run.web_identity, _web_identity_set, per_profile=True),
    Provider(
        T.SSO,
        lambda run, name, d: run.sso(name),
        _key_set("sso_account_id", "sso_role_name"),
        per_profile=True,
    ),
    Provider(
        T.SHARED_FILE,
        lambda run, name, d: run.shared_file(name),
        _shared_file_set,
        per_profile=True,
    ),
    Provider(
        T.LOGIN, lambda run, name, d: run.login(name), _key_set("login_session"), per_profile=True
    ),
    Provider(
        T.PROCESS,
        lambda run, name, d: run.process(name),
        _key_set("credential_process"),
        per_profile=True,
    ),
    Provider(
        T.CONFIG_FILE,
        lambda run, name, d: run.config_file(name),
        _config_file_set,
        per_profile=True,
    ),
    Provider(T.EC2_FILE, lambda run, name, d: run.ec2_file(), _variable_set("AWS_CREDENTIAL_FILE")),
    Provider(T.BOTO, lambda run, name, d: run.boto(), _boto_set),
    Provider(
        T.CONTAINER,
        lambda run, name, d: run.container(),
        _variable_set(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"
        ),
    ),
    Provider(T.IMDS, lambda run, name, d: run.instance_metadata(), _imds_set),
)
assert tuple(p.tier for p in PROVIDERS) == T.TIERS[2:], "PROVIDERS must follow the tiers' order"

# The steps every profile shares (steps are immutable; thousands of profiles make them alike).
_NO_PARAMETERS = (
    Step(T.TIERS[0], "not-applicable", "no credentials passed to client()"),
    Step(T.TIERS[1], "not-applicable", "no credentials passed to Session()"),
)
_IDLE = tuple(Step(p.tier, "not-applicable", "nothing configured for it") for p in PROVIDERS)


__all__ = ["CredentialOutcome", "Found", "Hop", "Step", "botocore_message", "resolve_credentials"]
