"""The process environment boto3 runs in, and the files it reads because of it.

Resolution never reads `os.environ` or the disk itself: it sees an `Environment` (a snapshot
of the variables plus what the calling code passes to `Session(...)`) and the files a `Loader`
returns. The server injects a loader that prefers open editor buffers; the CLI reads the disk.
Path expansion is re-implemented against the snapshot, because botocore's `os.path.expandvars`
/ `expanduser` read the live `os.environ` (configloader.py raw_config_parse).
"""

from __future__ import annotations

import builtins
import importlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from importlib.util import find_spec
from typing import Any, Final, TypeVar

from aws_config_ls.catalogue.facts import facts
from aws_config_ls.ini.fileview import FileView
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.safe_read import read_text

# Credential and location variables read outside configprovider's table (credentials.py).
CREDENTIAL_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SECURITY_TOKEN",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_ACCOUNT_ID",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_EC2_METADATA_DISABLED",
    "AWS_CREDENTIAL_FILE",
    "BOTO_CONFIG",
    "AWS_ENDPOINT_URL",
)

BOTO_DEFAULT_FILES = ("/etc/boto.cfg", "~/.boto")  # credentials.py BotoProvider


class SettingSpec(NamedTuple):
    """One logical setting of botocore's config store (configprovider.py)."""

    name: str  # logical name; nested ones are "s3.use_arn_region", "proxies_config.proxy_ca_bundle"
    config_keys: tuple[str | tuple[str, str], ...]  # scoped-config keys, in botocore's order
    env_vars: tuple[str, ...]
    default: Any
    convert: Callable[[Any], Any] | None
    instance: str  # the Session instance variable that overrides it

    @property
    def conversion(self) -> str | None:
        """Name of the conversion: `bool` accepts only "true" (any case) as True."""
        if self.convert is None:
            return None
        return {"ensure_boolean": "bool", "normalize_boolean": "bool"}.get(
            self.convert.__name__, self.convert.__name__
        )


V = TypeVar("V")


class Lazy(Mapping[str, V]):
    """A table built on first read, so importing the engine costs nothing (the CLI's
    `--version` must not pay for botocore's tables)."""

    def __init__(self, build: Callable[[], Mapping[str, V]]) -> None:
        self._build = build

    @cached_property
    def _table(self) -> Mapping[str, V]:
        return self._build()

    def __getitem__(self, key: str) -> V:
        return self._table[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def ensure_boolean(val: Any) -> bool:
    """botocore.utils.ensure_boolean (importing botocore.utils costs 0.1 s: mirrored)."""
    if isinstance(val, bool):
        return val
    if isinstance(val, str):
        return val.lower() == "true"
    return False


def normalize_boolean(val: Any) -> bool | None:
    """botocore.utils.normalize_boolean."""
    return None if val is None else ensure_boolean(val)


MIRRORED: Mapping[str, Callable[[Any], Any]] = {
    "botocore.utils.ensure_boolean": ensure_boolean,
    "botocore.utils.normalize_boolean": normalize_boolean,
}


def _converter(qualified: str | None) -> Callable[[Any], Any] | None:
    """botocore's conversion function: a built-in, a mirror, or botocore's own imported only
    when a value is converted (a conversion a later botocore adds)."""
    if qualified is None:
        return None
    if qualified in MIRRORED:
        return MIRRORED[qualified]
    module, _, name = qualified.rpartition(".")
    if module == "builtins":
        found: Callable[[Any], Any] = getattr(builtins, name)
        return found

    def convert(value: Any) -> Any:
        return getattr(importlib.import_module(module), name)(value)

    convert.__name__ = name
    return convert


def _derive_settings() -> dict[str, SettingSpec]:
    # The table is botocore's own (configprovider.py), shipped per version as catalogue facts.
    return {
        s.name: SettingSpec(
            s.name, s.config_keys, s.env_vars, s.default, _converter(s.conversion), s.instance
        )
        for s in facts().settings
    }


SETTINGS: Mapping[str, SettingSpec] = Lazy(_derive_settings)
# Environment variable -> logical settings it feeds.
SETTING_VARIABLES: Mapping[str, tuple[str, ...]] = Lazy(
    lambda: {
        var: tuple(s.name for s in SETTINGS.values() if var in s.env_vars)
        for var in sorted({v for s in SETTINGS.values() for v in s.env_vars})
    }
)


def _crt_available() -> bool:
    # credentials.py LoginProvider needs awscrt's EC (botocore.compat.EC). botocore.compat
    # costs 0.1 s to import, and without awscrt installed its EC is None anyway.
    if find_spec("awscrt") is None:
        return False
    from botocore import compat

    return getattr(compat, "EC", None) is not None


class Environment:
    """What boto3 would see when the program starts: variables and `Session(...)` arguments.

    The `*_reachable` fields are assumptions: resolution never contacts the instance
    metadata service or a container endpoint, so it states what it assumes they answer.
    `cwd` defaults to this process's, `login_supported` to whether awscrt is installed.
    Immutable, equal field by field (a plain class: see `FileView`).
    """

    __slots__ = (
        "container_reachable",
        "cwd",
        "explicit_credentials",
        "explicit_profile",
        "explicit_region",
        "imds_reachable",
        "login_supported",
        "this_machine",
        "variables",
    )

    def __init__(
        self,
        variables: Mapping[str, str],
        explicit_profile: str | None = None,  # Session(profile_name=...)
        explicit_region: str | None = None,  # Session(region_name=...)
        explicit_credentials: bool = False,  # Session(aws_access_key_id=...)
        cwd: str | None = None,
        imds_reachable: bool = False,
        container_reachable: bool = True,
        login_supported: bool | None = None,
        # Look credential_process programs up on this machine (PATH, the disk); False for a
        # check whose result must not depend on the machine it runs on.
        this_machine: bool = True,
    ) -> None:
        self.variables: Final = variables
        self.explicit_profile: Final = explicit_profile
        self.explicit_region: Final = explicit_region
        self.explicit_credentials: Final = explicit_credentials
        self.cwd: Final = os.getcwd() if cwd is None else cwd
        self.imds_reachable: Final = imds_reachable
        self.container_reachable: Final = container_reachable
        supported = _crt_available() if login_supported is None else login_supported
        self.login_supported: Final = supported
        self.this_machine: Final = this_machine

    def _session(self) -> tuple[str | None, str | None, bool, str, bool, bool, bool, bool]:
        """Everything but the variables, in the constructor's order."""
        return (
            self.explicit_profile,
            self.explicit_region,
            self.explicit_credentials,
            self.cwd,
            self.imds_reachable,
            self.container_reachable,
            self.login_supported,
            self.this_machine,
        )

    def _fields(self) -> tuple[object, ...]:
        return (self.variables, *self._session())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Environment):
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        return f"Environment{self._fields()!r}"

    def with_variables(self, variables: Mapping[str, str]) -> Environment:
        """The same environment with other variables."""
        return Environment(variables, *self._session())

    @classmethod
    def current(cls, **overrides: Any) -> Environment:
        return cls(variables=dict(os.environ), **overrides)

    def get(self, name: str) -> str | None:
        return self.variables.get(name)

    def expanduser(self, path: str) -> str:
        """posixpath.expanduser against this environment's HOME."""
        if not path.startswith("~"):
            return path
        i = path.find("/", 1)
        if i < 0:
            i = len(path)
        if i == 1:
            home = self.variables.get("HOME")
            if home is None:
                try:
                    import pwd

                    home = pwd.getpwuid(os.getuid()).pw_dir
                except (ImportError, KeyError):
                    return path
        else:
            try:
                import pwd

                home = pwd.getpwnam(path[1:i]).pw_dir
            except (ImportError, KeyError):
                return path
        home = home.rstrip("/")
        return (home + path[i:]) or "/"

    def expandvars(self, path: str) -> str:
        """posixpath.expandvars against this environment: unknown variables stay."""
        if "$" not in path:
            return path
        i = 0
        while True:
            m = _VARPROG.search(path, i)
            if not m:
                return path
            i, j = m.span(0)
            name = m.group(1)
            if name.startswith("{") and name.endswith("}"):
                name = name[1:-1]
            if name not in self.variables:
                i = j
                continue
            tail = path[j:]
            path = path[:i] + self.variables[name]
            i = len(path)
            path += tail

    def absolute(self, path: str) -> str:
        """Where a path botocore opens lies, relative paths taken from the program's cwd."""
        return os.path.join(self.cwd, path)

    def expand(self, path: str) -> str:
        """The path botocore opens for a config-style file (configloader.raw_config_parse)."""
        return self.expanduser(self.expandvars(path))


_VARPROG = re.compile(r"\$(\w+|\{[^}]*\})", re.ASCII)


class FileLocation(NamedTuple):
    """Where one of boto3's files is, and what decided it."""

    kind: FileKind | None  # None: the EC2-CLI key=value file of AWS_CREDENTIAL_FILE
    path: str  # as botocore opens it (expanded); its messages quote this string
    written: str  # as configured, before expansion
    chosen_by: str  # the variable that set it, or "default"


def file_locations(env: Environment) -> dict[str, FileLocation]:
    """The config and credentials files (session.py full_config via configprovider)."""
    out: dict[str, FileLocation] = {}
    for role, kind, var, default in (
        ("config", FileKind.CONFIG, "AWS_CONFIG_FILE", "~/.aws/config"),
        ("credentials", FileKind.CREDENTIALS, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"),
    ):
        value = env.get(var)  # an empty variable still counts (configprovider EnvironmentProvider)
        written, chosen_by = (default, "default") if value is None else (value, var)
        out[role] = FileLocation(kind, env.expand(written), written, chosen_by)
    return out


def boto_locations(env: Environment) -> tuple[FileLocation, ...]:
    """BotoProvider's candidates in order: $BOTO_CONFIG alone, else /etc/boto.cfg then ~/.boto."""
    value = env.get("BOTO_CONFIG")
    if value is not None:
        return (FileLocation(FileKind.BOTO, env.expand(value), value, "BOTO_CONFIG"),)
    return tuple(
        FileLocation(FileKind.BOTO, env.expand(p), p, "default") for p in BOTO_DEFAULT_FILES
    )


def ec2_location(env: Environment) -> FileLocation | None:
    """OriginalEC2Provider's file: expanduser only, no expandvars (credentials.py)."""
    value = env.get("AWS_CREDENTIAL_FILE")
    if value is None:
        return None
    return FileLocation(None, env.expanduser(value), value, "AWS_CREDENTIAL_FILE")


class KeyValueFile(NamedTuple):
    """An EC2-CLI credential file as botocore.utils.parse_key_val_file reads it."""

    path: str
    values: Mapping[str, str] | None  # None when it could not be read
    error: tuple[str, str] | None = None  # (exception class, message) when reading failed


def read_key_value_file(path: str) -> KeyValueFile:
    """Read an AWS_CREDENTIAL_FILE from disk: lines with '=' only, split on the first one."""
    try:
        contents = read_text(path)  # botocore.utils.parse_key_val_file: open(path).read()
    except OSError as e:
        return KeyValueFile(path, None, ("OSError", str(e)))
    except UnicodeDecodeError as e:
        return KeyValueFile(path, None, ("UnicodeDecodeError", str(e)))
    return KeyValueFile(path, parse_key_values(contents))


def parse_key_values(contents: str) -> dict[str, str]:
    """botocore.utils.parse_key_val_file_contents."""
    final: dict[str, str] = {}
    for line in contents.splitlines():
        if "=" not in line:
            continue
        key, val = line.split("=", 1)
        final[key.strip()] = val.strip()
    return final


Loader = Callable[[str, FileKind], FileView]
KeyValueReader = Callable[[str], KeyValueFile]


class Files(NamedTuple):
    """Every file boto3 would read in an environment, as it is right now."""

    config: FileView
    config_location: FileLocation
    credentials: FileView
    credentials_location: FileLocation
    boto: tuple[tuple[FileLocation, FileView], ...]
    ec2: tuple[FileLocation, KeyValueFile] | None

    def views(self) -> list[tuple[FileLocation, FileView]]:
        return [
            (self.config_location, self.config),
            (self.credentials_location, self.credentials),
            *self.boto,
        ]


def read_files(
    env: Environment, load: Loader, read_key_values: KeyValueReader = read_key_value_file
) -> Files:
    """Read the files boto3 would read in `env` through `load` (and `read_key_values`).

    `load` gets absolute paths (a relative one is relative to the program's `env.cwd`) and
    must return a FileView with `exists` False for anything that is not a regular file.
    """
    locs = file_locations(env)
    ec2 = ec2_location(env)

    def view(loc: FileLocation) -> FileView:
        if not loc.path:  # botocore: os.path.isfile("") is False
            return FileView(loc.path, loc.kind or FileKind.CONFIG, exists=False)
        return load(env.absolute(loc.path), loc.kind or FileKind.CONFIG)

    return Files(
        config=view(locs["config"]),
        config_location=locs["config"],
        credentials=view(locs["credentials"]),
        credentials_location=locs["credentials"],
        boto=tuple((loc, view(loc)) for loc in boto_locations(env)),
        ec2=None if ec2 is None else (ec2, read_key_values(env.absolute(ec2.path))),
    )


class ProfileSelection(NamedTuple):
    """Which profile a session uses and why (session.py get_config_variable('profile'))."""

    name: str | None  # the profile variable; None: nothing selected (the default applies)
    selected_by: str  # "explicit", "AWS_DEFAULT_PROFILE", "AWS_PROFILE" or "default"
    explicit: bool

    @property
    def credential_profile(self) -> str:
        # credentials.py create_credential_resolver: `... or 'default'` (an empty name too).
        return self.name or "default"


def profile_selection(env: Environment) -> ProfileSelection:
    if env.explicit_profile is not None:
        return ProfileSelection(env.explicit_profile, "explicit", True)
    for var in SETTINGS["profile"].env_vars:  # AWS_DEFAULT_PROFILE, then AWS_PROFILE
        value = env.get(var)
        if value is not None:
            return ProfileSelection(value, var, False)
    return ProfileSelection(None, "default", False)


def relevant_variables(env: Environment) -> dict[str, str]:
    """The variables of `env` that boto3's resolution reads (values not masked)."""
    names = set(CREDENTIAL_VARIABLES) | set(SETTING_VARIABLES)
    out = {n: v for n, v in env.variables.items() if n in names}
    out.update({n: v for n, v in env.variables.items() if n.startswith("AWS_ENDPOINT_URL_")})
    return dict(sorted(out.items()))
