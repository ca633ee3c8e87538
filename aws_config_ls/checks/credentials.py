"""Problems botocore raises only when a profile is used: broken references, loops, partial keys.

Each profile of the file is resolved as `Session(profile_name=…)` would resolve it (the
environment's credentials cannot hide the problem), with resolution's own model of botocore;
the error is placed on the entry that causes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from aws_config_ls.catalogue.values import REDACTED
from aws_config_ls.checks.placed import relocated, shifted
from aws_config_ls.ini.fileview import RawSections
from aws_config_ls.ini.locations import same_path
from aws_config_ls.ini.model import Basis, Model, Section
from aws_config_ls.ini.problems import Code, Problem, Related, Severity
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.span import Span
from aws_config_ls.resolution import CredentialOutcome, EntryRef, Found, ResolutionState
from aws_config_ls.resolution.environment import ProfileSelection
from aws_config_ls.resolution.fullconfig import FullConfig
from aws_config_ls.resolution.refs import BotoError

E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {
    "unknown-source-profile": Code(E, "`source_profile` names a profile that does not exist"),
    "unknown-sso-session": Code(E, "`sso_session` names an [sso-session] that does not exist"),
    "unknown-services": Code(E, "`services` names a [services] section that does not exist"),
    "source-profile-loop": Code(E, "`source_profile` references that come back to a profile"),
    "conflicting-credential-sources": Code(E, "both `source_profile` and `credential_source`"),
    "partial-credentials": Code(E, "a credential set with a part missing"),
    "source-without-credentials": Code(E, "a `source_profile` whose profile has no credentials"),
    "incomplete-sso": Code(E, "an SSO profile missing a key botocore requires"),
    "sso-session-conflict": Code(E, "a profile and its [sso-session] disagree on a value"),
    "credential-error": Code(E, "any other error botocore raises while resolving credentials"),
    "credential-source-empty": Code(
        Severity.INFORMATION,
        "`credential_source` finds no credentials where the server runs (true only here)",
    ),
    "empty-credentials": Code(W, "an empty access key or secret that boto3 uses as it is"),
    "credential-source-ignored": Code(
        W, "`credential_source` without `role_arn`: boto3 ignores it"
    ),
}
# The program of a credential_process that a shell would have expanded (`~/bin/x`, `$HOME/x`):
# it fails on every machine.
UNEXPANDED_PROGRAM = re.compile(r"directory: '(~|[^']*\$)")
STATIC_METHODS = frozenset({"shared-credentials-file", "config-file", "boto-config"})
# What subprocess.Popen raises when the program is missing or cannot be executed.
_EXEC_ERRORS = frozenset({"FileNotFoundError", "PermissionError", "NotADirectoryError", "OSError"})
# Locates an entry of another file (path, section, key) for related information.
Locate = Callable[[str, str, str | None], Span | None]


class _Kept(NamedTuple):
    """One profile's problems, reused while its section and its outcome are the very same
    objects (an untouched section of an edited file; an outcome `Outcomes` kept, which it keeps
    only while every profile it read, this one included, is made of equal entries)."""

    section: Section | None
    outcome: CredentialOutcome
    located: tuple[Problem, ...]  # from its credential error, before the file's dedupe
    empty: tuple[Problem, ...]
    client: tuple[Problem, ...]  # client-time ones its credential error does not already say
    ignored: tuple[Problem, ...]


class _FileKept(NamedTuple):
    """The last call's problems for one file, and what they depend on besides their
    profile: the state's context, secrets, the file's kind and [okta] section (`depends`),
    the outcomes kept (`generation`), the version of the file (`sections`) and of the
    profile files (`files`)."""

    depends: tuple[object, ...]
    generation: int
    sections: tuple[Section, ...]
    files: tuple[RawSections | None, RawSections | None]
    each: dict[str, _Kept]  # every profile whose problems can be reused
    noisy: dict[str, tuple[Section, _Kept]]  # every profile with a problem, reusable or not


_KEPT: dict[str, _FileKept] = {}
_new = tuple.__new__  # a record made at C speed: once per profile


def credential_problems(state: ResolutionState, model: Model, locate: Locate) -> list[Problem]:
    """The errors botocore would raise for the profiles written in `model`'s file.

    After an edit that kept the layout (`ini.model.Basis`), only the profiles whose sections
    changed and those whose outcome read one of them are looked at again; after any other
    edit, a profile whose section and outcome are the very objects of the last call has the
    problems it had then. Either way a keystroke costs the profiles it touched.

    While botocore refuses either file (`full_config` None), every profile's resolution
    raises ConfigParseError reading it, a cause that is a file and not an entry: there is
    nothing to place, and nothing is resolved (typing a new key is a refused line until its
    `=`; tests/test_resolution_incremental.py compares with resolving every profile, and
    the resolution of refused files is botocore-differential).
    """
    if state.full_config is None:
        _follow(model)
        return []
    return _profile_problems_of(state, model, locate)


def _follow(model: Model) -> None:
    """While the file is refused, the problems kept for it follow its edits that keep the
    layout (moved with their lines): reading it again then costs the profiles changed
    meanwhile (`_changed` compares the profiles with the version they were found in)."""
    last = _KEPT.get(model.path)
    basis = model.basis
    if last is None or basis is None or basis.facts.get("sections") is not last.sections:
        return
    noisy = _moved(last.noisy, model, basis) if basis.shift else last.noisy
    _KEPT[model.path] = last._replace(sections=model.sections, noisy=noisy)


def _profile_problems_of(state: ResolutionState, model: Model, locate: Locate) -> list[Problem]:
    """`credential_problems`, each profile resolved (or its outcome and problems reused)."""
    context = state.reuse_context
    depends = (context, model.kind, "okta" in model.first_by_name, state.secrets)
    generation = state.outcomes.generation
    last = _KEPT.get(model.path)
    changed = _changed(state, model, last, depends) if context is not None else None
    if last is not None and changed is not None:
        each, noisy = dict(last.each), dict(last.noisy)
        basis = model.basis
        if basis is not None and basis.shift and model.sections is not last.sections:
            noisy = _moved(noisy, model, basis)  # every reusable one lies in its own section
        redo = changed | state.outcomes.readers(changed)
        redo |= {name for name, (_, kept) in last.noisy.items() if kept.section is None}
        for profile in redo:
            each.pop(profile, None)
            noisy.pop(profile, None)
            section = model.winners.get(("profiles", profile))
            if section is not None:
                _update(each, noisy, profile, section, None, state, model, locate)
    else:
        before = last.each if context is not None and last and last.depends == depends else {}
        each, noisy = {}, {}
        for profile, section in _profiles(model):
            _update(each, noisy, profile, section, before.get(profile), state, model, locate)
    if context is not None and state.outcomes.generation == generation:
        _KEPT[model.path] = _FileKept(
            depends, generation, model.sections, state.profile_files, each, noisy
        )
    else:
        _KEPT.pop(model.path, None)
    return _assemble(noisy)


def _changed(
    state: ResolutionState, model: Model, last: _FileKept | None, depends: tuple[object, ...]
) -> set[str] | None:
    """The profiles that may have changed since `last` (None: any of them may have)."""
    if last is None or last.depends != depends or last.generation != state.outcomes.generation:
        return None
    basis = model.basis
    if model.sections is not last.sections and (
        basis is None or basis.facts.get("sections") is not last.sections
    ):
        return None
    return state.profiles_changed_since(last.files)


def _update(
    each: dict[str, _Kept],
    noisy: dict[str, tuple[Section, _Kept]],
    profile: str,
    section: Section,
    kept: _Kept | None,
    state: ResolutionState,
    model: Model,
    locate: Locate,
) -> None:
    """Put `profile`'s problems in `each` and `noisy`, reusing `kept` when it still holds:
    the same outcome, and its section the same parse of the same block (its node), where
    it was or moved (its problems then move with it)."""
    outcome = state.credentials(_new(ProfileSelection, (profile, "explicit", True)))
    if (
        kept is None
        or kept.section is None
        or kept.section.node is not section.node
        or kept.outcome is not outcome
        or model.first_by_name.get(section.name) is not section
    ):
        kept = _profile_problems(state, model, profile, section, outcome, locate)
    elif kept.section.header != section.header and (
        kept.located or kept.empty or kept.client or kept.ignored
    ):
        kept = _to(kept, section)
    if kept.section is not None:
        each[profile] = kept
    if kept.located or kept.empty or kept.client or kept.ignored:
        noisy[profile] = (section, kept)


def _to(kept: _Kept, section: Section) -> _Kept:
    """`kept`, whose problems lie in its section, for the same section where it is now."""
    lines = section.header - kept.section.header  # type: ignore[union-attr]
    return _placed(kept, section, lambda p: shifted(p, lines))


def _placed(kept: _Kept, section: Section, move: Callable[[Problem], Problem]) -> _Kept:
    """`kept` for `section`, each of its problems moved by `move`."""
    return _Kept(
        section,
        kept.outcome,
        tuple(map(move, kept.located)),
        tuple(map(move, kept.empty)),
        tuple(map(move, kept.client)),
        tuple(map(move, kept.ignored)),
    )


def _moved(
    noisy: dict[str, tuple[Section, _Kept]], model: Model, basis: Basis
) -> dict[str, tuple[Section, _Kept]]:
    """The problems of the earlier version where its lines moved to (those not reusable are
    looked at again anyway)."""
    out = {}
    for name, (section, kept) in noisy.items():
        now = model.winners.get(("profiles", name), section)
        if kept.section is not None:
            kept = _placed(kept, now, lambda p: relocated(p, basis))
        out[name] = (now, kept)
    return out


def _assemble(noisy: dict[str, tuple[Section, _Kept]]) -> list[Problem]:
    """The profiles' problems in file order. The same error at the same place (a source
    profile several profiles use) is said once, for the first of them."""
    seen: set[tuple[str, Span]] = set()
    out: list[Problem] = []
    client: list[Problem] = []
    ignored: list[Problem] = []
    for _, kept in sorted(noisy.values(), key=lambda found: found[0].header):
        for problem in kept.located:
            key = (problem.code, problem.span)
            if key not in seen:
                seen.add(key)
                out.append(problem)
        out += kept.empty
        client += kept.client
        ignored += kept.ignored
    return out + client + ignored


def _profile_problems(
    state: ResolutionState,
    model: Model,
    profile: str,
    section: Section,
    outcome: CredentialOutcome,
    locate: Locate,
) -> _Kept:
    """One profile's problems; `_Kept.section` None when they cannot be reused (a problem
    outside the profile's own section, or one that asked the other file where it is)."""
    asked: list[str] = []
    located: list[Problem] = []
    empty: list[Problem] = []
    if outcome.error is None:
        empty = _empty_credentials(model, profile, outcome.found)
    else:

        def located_elsewhere(path: str, name: str, key: str | None) -> Span | None:
            asked.append(path)
            return locate(path, name, key)

        line = model.tree.line(section.header)
        header = Span.of(section.header, line.k0, line.k1)
        located = list(_located(state, model, outcome.error, header, profile, located_elsewhere))
    client = list(_client_time(state, model, profile))
    if located and client:
        # A profile whose credentials already fail never gets to create a client: the same
        # error at the same place is said once.
        failed = {(p.code, p.span) for p in located}
        client = [p for p in client if (p.code, p.span) not in failed]
    ignored = list(_ignored_credential_source(state, model, profile))
    if not (located or empty or client or ignored):  # most profiles: nothing to place
        return _Kept(section, outcome, (), (), (), ())
    kept = _Kept(section, outcome, tuple(located), tuple(empty), tuple(client), tuple(ignored))
    first = section.header - section.node.header
    lines = range(section.header, first + section.node.end)
    inside = not asked and all(
        p.span.start.line in lines
        and p.span.end.line in lines
        and all(r.path is None and r.span.start.line in lines for r in p.related)
        for p in (*located, *empty, *client, *ignored)
    )
    return kept if inside else kept._replace(section=None)


def _empty_credentials(model: Model, profile: str, found: Found | None) -> list[Problem]:
    """Static keys present but empty: botocore's providers test that the key is there, not
    that it holds anything (credentials.py SharedCredentialProvider, ConfigProvider), so they
    return empty credentials, the chain stops, and every request is refused."""
    if found is None or found.method not in STATIC_METHODS:
        return []
    cause = found.cause
    if not isinstance(cause, EntryRef) or not same_path(cause.path, model.path):
        return []
    pair = (("aws_access_key_id", found.access_key), ("aws_secret_access_key", found.secret_key))
    if any(isinstance(v, str) and REDACTED.fullmatch(v) for _, v in pair):
        return []  # a file with its secrets blanked out before it was shared
    empty = [key for key, value in pair if value == ""]
    out = []
    for key in empty:
        span = model.locate(cause.section, key)
        if span is not None:
            out.append(
                Problem(
                    "empty-credentials",
                    W,
                    span,
                    f"`{key}` is empty: botocore takes these keys as the credentials of profile "
                    f"`{profile}` ({found.method}) and looks no further, so every request "
                    "is refused. Fill it in or remove the empty keys.",
                )
            )
    return out


def _ignored_credential_source(
    state: ResolutionState, model: Model, profile: str
) -> Iterator[Problem]:
    """`credential_source` is read only by the assume-role provider, which applies only with
    `role_arn` and without web identity (credentials.py
    AssumeRoleProvider._has_assume_role_config_vars); otherwise the chain goes on as if it
    were not there (on EC2: to the instance role, whatever the key says)."""
    full = state.full_config
    if full is None:
        return
    merged = full.profiles.get(profile, {})
    if "credential_source" not in merged:  # then no file writes it for this profile
        return
    origin = full.origins.of(profile, "credential_source")
    if origin is None or not same_path(origin.path, model.path):
        return
    if "role_arn" in merged and "web_identity_token_file" not in merged:
        return
    span = model.locate(origin.section, "credential_source")
    if span is None:
        return
    why = "without `role_arn`" if "role_arn" not in merged else "beside web identity"
    yield Problem(
        "credential-source-ignored",
        W,
        span,
        f"boto3 ignores `credential_source` {why}: the assume-role provider does not apply, "
        f"and profile `{profile}` gets its credentials from the rest of the chain. Add "
        "`role_arn` to assume a role with these source credentials.",
    )


def _profiles(model: Model) -> Iterator[tuple[str, Section]]:
    for section, placed in model.placements:
        name = placed.name
        if placed.group == "profiles" and name and model.winners.get(("profiles", name)) is section:
            yield name, section


def _located(
    state: ResolutionState,
    model: Model,
    error: BotoError,
    header: Span,
    profile: str,
    locate: Locate,
) -> Iterator[Problem]:
    cause = error.cause
    code, severity = _code(error), E
    detail = state.redact(error.message)
    message = f"boto3 raises {error.type} when profile `{profile}` is used: {detail}"
    if error.type == "CredentialRetrievalError" and _key(cause) == "credential_source":
        # Environment variables, instance metadata or a container endpoint: what the source
        # holds depends on where the program runs, so here it is a fact, not a fault.
        code, severity = "credential-source-empty", Severity.INFORMATION
    elif (
        _key(cause) == "credential_process"
        and error.type in _EXEC_ERRORS
        and not UNEXPANDED_PROGRAM.search(error.message)
    ):
        # The program is looked up on this machine; the file may be meant for another one.
        severity = Severity.WARNING
        message = "On this machine, " + message
    if (
        code == "partial-credentials"
        and _key(cause) == "role_arn"
        and _okta_profile(model, state, profile)
    ):
        # aws-okta signs in with SAML and assumes `role_arn` itself (README: "[okta]
        # aws_saml_url" for every profile), so these profiles are used through it.
        severity = Severity.INFORMATION
        message += " (aws-okta assumes this role itself; used by boto3 alone, it fails.)"
    unexpanded = (
        error.type == "FileNotFoundError"
        and _key(cause) == "credential_process"
        and UNEXPANDED_PROGRAM.search(error.message) is not None
    )
    if isinstance(cause, EntryRef) and same_path(cause.path, model.path):
        span = model.locate(cause.section, cause.key)
        if span is not None:
            why = (Related(span, "botocore runs the command without a shell: no `~` or $VAR"),)
            yield Problem(code, severity, span, message, why if unexpanded else ())
            return
    related: tuple[Related, ...] = ()
    if isinstance(cause, EntryRef):
        where = locate(cause.path, cause.section, cause.key)
        if where is not None:
            related = (Related(where, "the entry that causes it", cause.path),)
    if cause is None or isinstance(cause, EntryRef):
        yield Problem(code, severity, header, message, related)


def _okta_profile(model: Model, state: ResolutionState, profile: str) -> bool:
    """A profile aws-okta uses: it or the file's [okta] section names the Okta app."""
    full = state.full_config
    merged = full.profiles.get(profile, {}) if full is not None else {}
    return "aws_saml_url" in merged or "okta" in model.first_by_name


def _key(cause: object) -> str | None:
    return cause.key if isinstance(cause, EntryRef) else None


def _code(error: BotoError) -> str:
    text = error.message
    if error.type == "InfiniteLoopConfigError":
        return "source-profile-loop"
    if error.type == "PartialCredentialsError":
        return "partial-credentials"
    if error.type == "InvalidConfigError":
        for needle, code in (
            # the most specific text first: the conflict message names source_profile too
            ("both source_profile and credential_source", "conflicting-credential-sources"),
            ("must have credentials", "source-without-credentials"),
            ("source_profile", "unknown-source-profile"),
            ("sso-session does not exist", "unknown-sso-session"),
            ("missing required configuration", "incomplete-sso"),
            ("inconsistent between profile", "sso-session-conflict"),
        ):
            if needle in text:
                return code
    return "credential-error"


def _client_time(state: ResolutionState, model: Model, profile: str) -> Iterator[Problem]:
    """What `Session.create_client` raises for a profile even when its credentials resolve:
    the [services] section it names (configprovider._get_services_config) and the
    [sso-session] the SSO token provider loads (tokens.SSOTokenProvider._load_sso_config).
    Both read the merged profile, so the entry may sit in either file."""
    full = state.full_config
    if full is None:
        return
    merged = full.profiles.get(profile, {})
    for key, problem in (("services", _services), ("sso_session", _sso_session_problem)):
        if key not in merged:
            continue
        origin = full.origins.of(profile, key)
        if origin is None or not same_path(origin.path, model.path):
            continue  # the other file's own analysis reports it there
        message = problem(full, profile, merged[key])
        span = None if message is None else model.locate(origin.section, key)
        if message is not None and span is not None:
            code, text = message
            yield Problem(
                code,
                E,
                span,
                f"boto3 raises InvalidConfigError when a client is created for profile "
                f"`{profile}`: {text}",
            )


def _services(full: FullConfig, profile: str, name: object) -> tuple[str, str] | None:
    if isinstance(name, str) and full.services.get(name):
        return None
    return (
        "unknown-services",
        f'The profile is configured to use the services section but the "{name}" services '
        "configuration does not exist.",
    )


def _sso_session_problem(full: FullConfig, profile: str, name: object) -> tuple[str, str] | None:
    config = full.sso_sessions.get(name) if isinstance(name, str) else None
    if config and "sso_start_url" in config and "sso_region" in config:
        return None  # most profiles: nothing to say
    lead = f'The profile "{profile}" is configured to use the SSO token provider but'
    if not config:
        return (
            "unknown-sso-session",
            f'{lead} the "{name}" sso_session configuration does not exist.',
        )
    missing = [var for var in ("sso_start_url", "sso_region") if var not in config]
    return "incomplete-sso", f"{lead} is missing the following configuration: {missing}."
