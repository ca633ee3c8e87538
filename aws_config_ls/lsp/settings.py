"""Typed server settings, named in camelCase like the VS Code extension's `awsConfig.*`."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override

from aws_config_ls.checks.policy import Policy, misspelled
from aws_config_ls.ini.problems import Severity

log = logging.getLogger(__name__)


@attrs.frozen
class Settings:
    """What the client can tell the server; every field has a safe default."""

    # Variables to add or override in the environment boto3 is simulated in.
    environment: Mapping[str, str] = attrs.field(factory=dict)
    # Start from the server process's own environment (else from an empty one).
    inherit_environment: bool = True
    # Simulate boto3.Session(profile_name=…): disables environment credentials.
    explicit_profile: str | None = None
    # Problem code or glob → "error" | "warning" | "information" | "hint".
    severity_overrides: Mapping[str, Severity] = attrs.field(factory=dict)
    disabled_codes: frozenset[str] = frozenset()  # codes or globs
    portability_checks: bool = True
    # Editor help that reads resolution: lenses on profile headers, inlay hints.
    code_lens: bool = True
    inlay_hints_headers: bool = True  # after a header: credentials/region from elsewhere
    inlay_hints_chains: bool = True  # after source_profile: the chain of profiles
    # Globs of AWS files outside the places boto3 reads (a dotfiles repo's `aws/config`):
    # analysed whatever language the editor gives them, the kind read from the name.
    extra_files: tuple[str, ...] = ()

    @property
    def policy(self) -> Policy:
        """The problems the user wants, as `check` filters them: a disabled code or a
        severity override may be a glob (`portability-*`)."""
        return Policy(
            ignore=tuple(sorted(self.disabled_codes)),
            severity=self.severity_overrides,
            portability=self.portability_checks,
        )

    def effective_environment(self, process: Mapping[str, str] | None = None) -> dict[str, str]:
        base = dict(os.environ if process is None else process) if self.inherit_environment else {}
        base.update(self.environment)
        return base


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


_converter = cattrs.Converter(forbid_extra_keys=False)
_converter.register_structure_hook(
    Settings,
    make_dict_structure_fn(
        Settings,
        _converter,
        **{f.name: override(rename=_camel(f.name)) for f in attrs.fields(Settings)},  # type: ignore[arg-type]
    ),
)


def layered(options: Any, configuration: Any) -> Any:
    """A workspace/configuration answer over the initializationOptions, key by key: lsp-mode
    answers `{}` for a section it has no variables for, which must not drop the options."""
    if isinstance(options, Mapping) and isinstance(configuration, Mapping):
        return {**options, **configuration}
    return configuration


def parse_settings(raw: Any) -> tuple[Settings, str | None]:
    """Settings from a client's JSON; on anything invalid, the defaults and a message."""
    if raw is None:
        return Settings(), None
    if not isinstance(raw, Mapping):
        kind = type(raw).__name__
        return (
            Settings(),
            f"aws-config-ls: settings must be an object, not {kind}; using the defaults.",
        )
    cleaned = {k: v for k, v in raw.items() if v is not None}
    if isinstance(cleaned.get("extraFiles"), str):  # one glob, not a list of its characters
        cleaned["extraFiles"] = [cleaned["extraFiles"]]
    try:
        settings = _converter.structure(cleaned, Settings)
    except (cattrs.BaseValidationError, ValueError, TypeError) as error:
        detail = (
            "; ".join(cattrs.transform_error(error))
            if isinstance(error, cattrs.BaseValidationError)
            else str(error)
        )
        log.warning("invalid settings, using defaults: %s", detail)
        return Settings(), f"aws-config-ls: invalid settings ({detail}); using the defaults."
    return settings, _unknown_codes(settings)


def _unknown_codes(settings: Settings) -> str | None:
    """A code that names no check does nothing: said, as `check` says it (the rest applies)."""
    wrong = [
        f"{name}: {why}"
        for name, codes in (
            ("disabledCodes", settings.disabled_codes),
            ("severityOverrides", settings.severity_overrides),
        )
        for code in sorted(codes)
        if (why := misspelled(code)) is not None
    ]
    return f"aws-config-ls: {'; '.join(wrong)} (ignored)." if wrong else None
