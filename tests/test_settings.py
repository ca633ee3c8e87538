"""Server settings: camelCase JSON to typed values, and safe defaults for anything invalid."""

from __future__ import annotations

from aws_config_ls.checks.policy import Policy
from aws_config_ls.ini.problems import Problem, Severity
from aws_config_ls.ini.span import Span
from aws_config_ls.lsp.settings import Settings, layered, parse_settings


def test_every_setting_by_its_camel_case_name() -> None:
    settings, error = parse_settings(
        {
            "environment": {"AWS_PROFILE": "dev"},
            "inheritEnvironment": False,
            "explicitProfile": "ops",
            "severityOverrides": {"comment-in-value": "error"},
            "disabledCodes": ["bom"],
            "portabilityChecks": False,
            "extraFiles": ["**/dotfiles/aws/config"],
            "server": {"python": "ignored: the client's own key"},
        }
    )
    assert error is None
    assert settings == Settings(
        environment={"AWS_PROFILE": "dev"},
        inherit_environment=False,
        explicit_profile="ops",
        severity_overrides={"comment-in-value": Severity.ERROR},
        disabled_codes=frozenset({"bom"}),
        portability_checks=False,
        extra_files=("**/dotfiles/aws/config",),
    )
    assert settings.effective_environment({"HOME": "/h"}) == {"AWS_PROFILE": "dev"}


def test_environment_is_added_to_the_process_one_by_default() -> None:
    settings, _ = parse_settings({"environment": {"AWS_PROFILE": "dev"}})
    assert settings.effective_environment({"HOME": "/h", "AWS_PROFILE": "x"}) == {
        "HOME": "/h",
        "AWS_PROFILE": "dev",
    }


def test_the_settings_filter_problems_as_check_does() -> None:
    """The server's filters are a `Policy`, as `check`'s are: disabled codes and severity
    overrides may be globs, as in `check` and `.aws-config-ls.toml`."""
    found = [
        Problem(code, Severity.WARNING, Span.of(0, 0, 1), code)
        for code in ("bom", "portability-colon", "comment-in-value", "nul-byte", "unknown-key")
    ]
    settings, error = parse_settings(
        {
            "severityOverrides": {"comment-in-value": "error", "unknown-*": "hint"},
            "disabledCodes": ["bom", "nul-*"],
            "portabilityChecks": False,
        }
    )
    assert error is None
    kept = settings.policy.apply(found)
    assert [(p.code, p.severity) for p in kept] == [
        ("comment-in-value", Severity.ERROR),
        ("unknown-key", Severity.HINT),
    ]
    assert Settings().policy.apply(found) == found
    assert Settings(disabled_codes=frozenset({"portability-*"})).policy.apply(found) == [
        p for p in found if p.code != "portability-colon"
    ]


def test_a_policy_matches_codes_and_globs_as_fnmatch_does() -> None:
    found = [
        Problem(code, Severity.WARNING, Span.of(0, 0, 1), code)
        for code in ("bom", "env-region-ignored", "env-profile-shadowed", "nul-byte", "x[1]")
    ]
    policy = Policy(select=("env-*", "bom", "x[[]1]"), ignore=("env-region-*",))
    assert [p.code for p in policy.apply(found)] == ["bom", "env-profile-shadowed", "x[1]"]
    assert [p.code for p in Policy(ignore=("nul-byte", "?om")).apply(found)] == [
        "env-region-ignored",
        "env-profile-shadowed",
        "x[1]",
    ]


def test_a_code_own_severity_beats_a_glob_and_a_longer_glob_a_shorter() -> None:
    levels = {
        "*": Severity.HINT,
        "env-region-ignored": Severity.ERROR,
        "env-*": Severity.WARNING,
        "env-profile-*": Severity.INFORMATION,
        "env-?rofile-*": Severity.ERROR,  # as long: the first written wins
    }
    policy = Policy(severity=levels)
    assert policy.severity_of("env-region-ignored") == Severity.ERROR
    assert policy.severity_of("env-profile-shadowed") == Severity.INFORMATION
    assert policy.severity_of("env-other") == Severity.WARNING
    assert policy.severity_of("bom") == Severity.HINT
    assert Policy(severity={"b?m": Severity.ERROR}).severity_of("bom") == Severity.ERROR
    assert Policy(severity={"b?m": Severity.ERROR}).severity_of("nul-byte") is None


def test_nothing_sent_means_the_defaults() -> None:
    assert parse_settings(None) == (Settings(), None)
    assert parse_settings({"explicitProfile": None}) == (Settings(), None)


def test_invalid_settings_fall_back_to_the_defaults_with_a_message() -> None:
    for raw in ({"environment": "dev"}, {"severityOverrides": {"bom": "fatal"}}, ["x"]):
        settings, error = parse_settings(raw)
        assert settings == Settings()
        assert error is not None and "defaults" in error


def test_one_glob_is_a_list_of_one() -> None:
    settings, error = parse_settings({"extraFiles": "**/dot_aws/config"})
    assert error is None and settings.extra_files == ("**/dot_aws/config",)


def test_a_configuration_answer_overrides_the_options_key_by_key() -> None:
    options = {"portabilityChecks": False, "explicitProfile": "dev"}
    assert layered(options, {}) == options  # lsp-mode's answer for a section it has no values for
    assert layered(options, {"explicitProfile": "ops"}) == {
        "portabilityChecks": False,
        "explicitProfile": "ops",
    }
    assert layered(None, {"explicitProfile": "ops"}) == {"explicitProfile": "ops"}
    assert layered(options, "nope") == "nope"  # still reported as invalid


def test_a_code_that_names_no_check_is_said_as_check_says_it() -> None:
    """A misspelt code in the server's filters does nothing: the client is told, with the
    nearest code, and the rest of the settings apply (globs may match nothing)."""
    settings, error = parse_settings(
        {"disabledCodes": ["unknwon-key", "portability-*"], "severityOverrides": {"bom": "hint"}}
    )
    assert error == (
        "aws-config-ls: disabledCodes: unknown code 'unknwon-key'; did you mean unknown-key? "
        "(ignored)."
    )
    assert settings.disabled_codes == frozenset({"unknwon-key", "portability-*"})
    assert parse_settings({"severityOverrides": {"nope-*": "hint"}})[1] is None
