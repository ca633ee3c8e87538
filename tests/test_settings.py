"""Server settings: camelCase JSON to typed values, and safe defaults for anything invalid."""

from __future__ import annotations

from aws_config_ls.ini.problems import Severity
from aws_config_ls.lsp.settings import Settings, parse_settings


def test_every_setting_by_its_camel_case_name() -> None:
    settings, error = parse_settings(
        {
            "environment": {"AWS_PROFILE": "dev"},
            "inheritEnvironment": False,
            "explicitProfile": "ops",
            "severityOverrides": {"comment-in-value": "error"},
            "disabledCodes": ["bom"],
            "portabilityChecks": False,
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
    )
    assert settings.effective_environment({"HOME": "/h"}) == {"AWS_PROFILE": "dev"}


def test_environment_is_added_to_the_process_one_by_default() -> None:
    settings, _ = parse_settings({"environment": {"AWS_PROFILE": "dev"}})
    assert settings.effective_environment({"HOME": "/h", "AWS_PROFILE": "x"}) == {
        "HOME": "/h",
        "AWS_PROFILE": "dev",
    }


def test_nothing_sent_means_the_defaults() -> None:
    assert parse_settings(None) == (Settings(), None)
    assert parse_settings({"explicitProfile": None}) == (Settings(), None)


def test_invalid_settings_fall_back_to_the_defaults_with_a_message() -> None:
    for raw in ({"environment": "dev"}, {"severityOverrides": {"bom": "fatal"}}, ["x"]):
        settings, error = parse_settings(raw)
        assert settings == Settings()
        assert error is not None and "defaults" in error
