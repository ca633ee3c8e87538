"""Problems the environment causes in a file, reported only while they are true.

Each code is stable and documented in `CODES`. Problems sit on the entry they concern;
when there is none (a variable naming a missing profile), on the selected profile's header in
this file, else the first section header, else the start of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from shlex import quote
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from aws_config_ls.catalogue.secrets import is_secret_variable, mask
from aws_config_ls.ini.fileview import FileView, PerSection, RawValue
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import same_path
from aws_config_ls.ini.model import classify, profile_sections
from aws_config_ls.ini.problems import Code, Problem, Related, Severity
from aws_config_ls.ini.span import Span
from aws_config_ls.resolution import tiers as T
from aws_config_ls.resolution.refs import BotoError, FileRef, ParameterRef, Raised, VariableRef
from aws_config_ls.resolution.shadows import entry_facts
from aws_config_ls.resolution.state import ResolutionState

if TYPE_CHECKING:
    from aws_config_ls.resolution.ssocache import TokenState

CODES: dict[str, Code] = {
    "env-credentials-override": Code(
        Severity.WARNING,
        "Environment credentials beat every profile unless a profile is passed explicitly.",
        example=(
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set: aws_access_key_id in [default] "
            "is never used (it would be with Session(profile_name='default'))."
        ),
    ),
    "env-credentials-partial": Code(
        Severity.ERROR,
        "AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY: every profile fails.",
        example=(
            "AWS_ACCESS_KEY_ID=AKIA… alone: PartialCredentialsError for every profile not passed "
            "explicitly."
        ),
    ),
    "env-credentials-ignored": Code(
        Severity.INFORMATION,
        "Credential variables are set but AWS_ACCESS_KEY_ID is empty or unset, so botocore "
        "ignores them all.",
        example="AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN are set without AWS_ACCESS_KEY_ID.",
    ),
    "env-credentials-error": Code(
        Severity.ERROR,
        "Resolving the selected profile's credentials fails because of an environment variable.",
        example="AWS_CREDENTIAL_FILE=/missing: ConfigNotFound from get_credentials().",
    ),
    "env-profile-shadowed": Code(
        Severity.WARNING,
        "AWS_PROFILE is set but AWS_DEFAULT_PROFILE wins in boto3.",
        example=(
            "AWS_PROFILE=dev and AWS_DEFAULT_PROFILE=prod: boto3 uses prod (other SDKs use dev)."
        ),
    ),
    "env-profile-not-found": Code(
        Severity.ERROR,
        "The selected profile exists in neither the config nor the credentials file.",
        example=(
            "AWS_PROFILE=stagin: ProfileNotFound: The config profile (stagin) could not be found."
        ),
    ),
    "env-region-ignored": Code(
        Severity.WARNING,
        "AWS_REGION is set, but boto3 reads only AWS_DEFAULT_REGION.",
        example="AWS_REGION=eu-west-1 alone: boto3 uses region from the profile (or none).",
    ),
    "env-setting-override": Code(
        Severity.INFORMATION,
        "An environment variable overrides this setting of the selected profile.",
        example="AWS_DEFAULT_REGION=eu-west-1 overrides region = us-east-1 in [default].",
    ),
    "file-not-read": Code(
        Severity.INFORMATION,
        "boto3 does not read this file in this environment.",
        example="AWS_CONFIG_FILE=/work/config: ~/.aws/config is not read.",
    ),
    "other-file-refused": Code(
        Severity.ERROR,
        "Another file boto3 reads is refused by botocore, which breaks this one too.",
        example=(
            "~/.aws/credentials has a duplicate section: every profile raises ConfigParseError."
        ),
    ),
    "sso-token-expired": Code(
        Severity.INFORMATION,
        "The token of this SSO login in ~/.aws/sso/cache has expired (this machine only).",
        example=(
            "[sso-session corp] whose cached token expired 3 hours ago: run `aws sso login "
            "--sso-session corp`."
        ),
    ),
    "boto-file-shadowed": Code(
        Severity.INFORMATION,
        "An earlier boto2 file provides [Credentials] first.",
        example="/etc/boto.cfg has [Credentials]: those of ~/.boto are never used.",
    ),
}


def _problem(code: str, span: Span, message: str, related: tuple[Related, ...] = ()) -> Problem:
    return Problem(code, CODES[code].severity, span, message, related)


def _anchor(state: ResolutionState, view: FileView, profile: str | None) -> Span:
    """The selected profile's header in this file, else the first header, else the start."""
    if profile is not None:
        for _, section in profile_sections(view, profile):
            span = view.locate(section, None)
            if span is not None:
                return span
    for section in view.sections or {}:
        span = view.locate(section, None)
        if span is not None:
            return span
    return Span.of(0, 0, 0)


def _shown(var: str, value: str | None) -> str:
    return mask(value) if is_secret_variable(var) else repr(value)


# Asked once per publication of each file: problems kept per state and path.
_PROBLEMS: WeakKeyDictionary[ResolutionState, dict[str, list[Problem]]] = WeakKeyDictionary()


def environment_problems(state: ResolutionState, path: str) -> list[Problem]:
    """Problems the current environment causes in the file at `path`."""

    known = _PROBLEMS.setdefault(state, {})
    if path not in known:
        known[path] = [
            p._replace(
                message=state.redact(p.message),
                related=tuple(r._replace(message=state.redact(r.message)) for r in p.related),
            )
            for p in _environment_problems(state, path)
        ]
    return known[path]


def _environment_problems(state: ResolutionState, path: str) -> list[Problem]:
    found = state.file_at(path)
    if found is None:
        facts = entry_facts(state, path, "", "")
        shadow = facts.shadowed_by[0]
        if shadow.variable is None:  # no variable moved boto3 away from it: nothing to say
            return []
        return [_problem("file-not-read", Span.of(0, 0, 0), shadow.message)]
    loc, view = found
    out: list[Problem] = []
    sel = state.selection
    selected = sel.name if sel.name is not None else "default"
    anchor = _anchor(state, view, selected)
    out += _refused_elsewhere(state, path, anchor)
    if view.failure is not None:
        return out
    env = state.env.variables
    error = state.credentials().error
    missing = _missing_profile(state)
    if missing is not None:
        who = "Session(profile_name=...)" if sel.explicit else sel.selected_by
        out.append(
            _problem(
                "env-profile-not-found",
                anchor,
                f"{who} selects profile {sel.name!r}, which exists in neither "
                f"{state.files.config_location.path} nor {state.files.credentials_location.path}: "
                f"{missing.type}: {missing.message}",
            )
        )
    elif (
        error is not None
        and error.type == "PartialCredentialsError"
        and error.cause == VariableRef("AWS_ACCESS_KEY_ID")
    ):
        out.append(
            _problem(
                "env-credentials-partial",
                anchor,
                "AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY: boto3 raises "
                f"{error.type} ({error.message}) for every profile not passed explicitly",
            )
        )
    elif error is not None and isinstance(error.cause, (VariableRef, ParameterRef)):
        out.append(
            _problem(
                "env-credentials-error",
                anchor,
                f"the credentials of profile {sel.credential_profile} fail because of "
                f"{error.cause.name}: {error.type}: {error.message}",
            )
        )
    if not sel.explicit and not env.get("AWS_ACCESS_KEY_ID"):
        stray = [
            v
            for v in ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")
            if env.get(v)
        ]
        if stray:
            out.append(
                _problem(
                    "env-credentials-ignored",
                    anchor,
                    f"{', '.join(stray)} {'is' if len(stray) == 1 else 'are'} set but "
                    "AWS_ACCESS_KEY_ID is "
                    + ("empty" if "AWS_ACCESS_KEY_ID" in env else "not set")
                    + ": botocore ignores the environment credentials",
                )
            )
    if (
        not sel.explicit
        and "AWS_PROFILE" in env
        and "AWS_DEFAULT_PROFILE" in env
        and env["AWS_PROFILE"] != env["AWS_DEFAULT_PROFILE"]
    ):
        out.append(
            _problem(
                "env-profile-shadowed",
                _anchor(state, view, env["AWS_PROFILE"]),
                f"AWS_PROFILE={env['AWS_PROFILE']} but AWS_DEFAULT_PROFILE="
                f"{env['AWS_DEFAULT_PROFILE']} wins in boto3 (other AWS SDKs read AWS_PROFILE)",
            )
        )
    if (
        "AWS_REGION" in env
        and "AWS_DEFAULT_REGION" not in env
        and state.env.explicit_region is None
    ):
        out.append(_region_ignored(state, view, selected))
    out += _entry_problems(state, loc.path, view)
    return out + _expired_tokens(state, view)


def _expired_tokens(state: ResolutionState, view: FileView) -> list[Problem]:
    """An expired token in botocore's SSO cache, on the header of its [sso-session] or legacy
    SSO profile. Only on this machine (the cache is this machine's), and only for a token that
    is there: none at all is the normal state of a machine that never logged in."""
    if not state.env.this_machine or view.kind is not FileKind.CONFIG or view.sections is None:
        return []
    from aws_config_ls.resolution.ssocache import token_state  # hashlib, datetime: this machine

    out = []
    tokens: dict[tuple[str | None, str | None], TokenState | None] = {}  # legacy URLs repeat
    for section in _TOKEN_SECTIONS(view):
        values = view.sections[section]
        group, name = classify(section, FileKind.CONFIG)
        start_url = values.get("sso_start_url")
        key: tuple[str | None, str | None]
        if group == "sso_sessions" and name is not None:
            key, login = (None, name), f"--sso-session {quote(name)}"
        elif group == "profiles" and name and isinstance(start_url, str):
            if "sso_session" in values:
                continue
            key, login = (start_url, None), f"--profile {quote(name)}"
        else:
            continue
        if key not in tokens:
            tokens[key] = token_state(state.env, *key)
        token = tokens[key]
        span = view.locate(section, None)
        if token is None or token.problem is not None or not token.expired or span is None:
            continue
        renew = " boto3 tries its refresh token first; if that fails," if token.refreshable else ""
        out.append(
            _problem(
                "sso-token-expired",
                span,
                f"The SSO token expired {_ago(-(token.hours or 0))} ago ({token.expires_at}):"
                f"{renew} run `aws sso login {login}`.",
            )
        )
    return out


def _names_token(section: str, values: Mapping[str, RawValue]) -> bool | None:
    """Only an [sso-session] or a profile with sso_start_url can name a token: a test
    cheaper than classifying each of thousands of sections (None: it cannot)."""
    return ("sso_start_url" in values or section.startswith("sso-session")) or None


# The sections that may name a token, per file, kept from one state to the next (the
# problems are sorted by place afterwards).
_TOKEN_SECTIONS: PerSection[bool] = PerSection(_names_token)


def _ago(hours: float) -> str:
    if hours < 1:
        return f"{max(1, round(hours * 60))} min"
    if hours < 48:
        return f"{round(hours)} hour{'s' if round(hours) != 1 else ''}"
    return f"{round(hours / 24)} days"


def _missing_profile(state: ResolutionState) -> BotoError | None:
    """ProfileNotFound as boto3.Session() raises it: on the first read of the profile."""
    try:
        state.session().scoped_config()
    except Raised as r:
        return r.error if r.error.type == "ProfileNotFound" else None
    return None


def _refused_elsewhere(state: ResolutionState, path: str, anchor: Span) -> list[Problem]:
    out = []
    for loc, view in (
        (state.files.config_location, state.files.config),
        (state.files.credentials_location, state.files.credentials),
    ):
        here = same_path(state.env.absolute(loc.path), state.env.absolute(path))
        if view.failure is not None and not here:
            f = view.failure
            out.append(
                _problem(
                    "other-file-refused",
                    anchor,
                    f"botocore refuses {loc.path} ({f.type} at line {f.line + 1}), so every "
                    "profile raises ConfigParseError",
                    (Related(f.span or Span.of(f.line, 0, 0), f.message, loc.path),),
                )
            )
    error = state.credentials().error
    if (
        error is not None
        and error.type == "ConfigParseError"
        and isinstance(error.cause, FileRef)
        and error.cause.kind is FileKind.BOTO
        and not same_path(state.env.absolute(error.cause.path), state.env.absolute(path))
    ):
        out.append(
            _problem(
                "other-file-refused",
                anchor,
                f"botocore refuses the boto2 file {error.cause.path}, and the credential chain "
                "reaches it: get_credentials() raises ConfigParseError",
            )
        )
    return out


def _region_ignored(state: ResolutionState, view: FileView, selected: str) -> Problem:
    region = state.config_variable("region")
    span = None
    for _, section in profile_sections(view, selected):
        if "region" in (view.sections or {})[section]:
            span = view.locate(section, "region")  # the last, as botocore's profile map keeps
    used = region[1] if region[0] == "ok" else None
    value = state.env.variables["AWS_REGION"]
    return _problem(
        "env-region-ignored",
        span or _anchor(state, view, selected),
        f"AWS_REGION={value} is set, but boto3 reads only AWS_DEFAULT_REGION: the region is "
        + (f"{used!r} from the profile" if used is not None else "unset"),
    )


def _entry_problems(state: ResolutionState, path: str, view: FileView) -> list[Problem]:
    """Problems on entries of reached profiles: overridden by the environment, shadowed boto."""
    out: list[Problem] = []
    sections = view.sections or {}
    if view.kind is FileKind.BOTO:
        if "aws_access_key_id" in sections.get("Credentials", {}):
            facts = entry_facts(state, path, "Credentials", "aws_access_key_id")
            for shadow in facts.shadowed_by:
                if shadow.reason == "boto-precedence":
                    out.append(
                        _at(
                            view,
                            "Credentials",
                            "aws_access_key_id",
                            "boto-file-shadowed",
                            shadow.message,
                        )
                    )
        return out
    reached = (p for name in state.reached_profiles for p in profile_sections(view, name))
    for _, section in sorted(reached):
        values = sections[section]
        for key in values:
            facts = entry_facts(state, path, section, key)
            for shadow in facts.shadowed_by:
                if shadow.reason != "environment" or shadow.variable is None:
                    continue
                shown = _shown(shadow.variable, state.env.variables.get(shadow.variable))
                if shadow.variable == "AWS_ACCESS_KEY_ID":
                    if key in (
                        *T.STATIC_KEYS[:1],
                        "role_arn",
                        "web_identity_token_file",
                        "sso_account_id",
                        "sso_role_name",
                        "login_session",
                        "credential_process",
                    ):
                        out.append(
                            _at(
                                view,
                                section,
                                key,
                                "env-credentials-override",
                                f"never used: AWS_ACCESS_KEY_ID={shown} is set and beats every "
                                "profile unless a profile is passed explicitly",
                            )
                        )
                else:
                    out.append(
                        _at(
                            view,
                            section,
                            key,
                            "env-setting-override",
                            f"{shadow.variable}={shown} overrides {key} here",
                        )
                    )
    return out


def _at(view: FileView, section: str, key: str, code: str, message: str) -> Problem:
    span = view.locate(section, key) or view.locate(section, None) or Span.of(0, 0, 0)
    return _problem(code, span, message)
