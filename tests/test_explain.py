"""explain_report's JSON contract, its text rendering, secret masking, and profiles()."""

from __future__ import annotations

import json

from aws_config_ls.explain.report import explain_report, profiles, render_text
from tests.support.resolution import Scenario, state_of

SECRETS = [
    "AKIDFILESECRET1",
    "filesecretvalue",
    "filetokenvalue",
    "AKIDENVSECRET1",
    "envsecretvalue",
]
FILES = {
    ".aws/config": "[default]\nregion = us-east-1\n"
    "[profile dev]\nrole_arn = arn:r\nsource_profile = default\n",
    ".aws/credentials": "[default]\naws_access_key_id = AKIDFILESECRET1\n"
    "aws_secret_access_key = filesecretvalue\naws_session_token = filetokenvalue\n",
}


def report(scenario: Scenario, profile: str | None = None) -> tuple[dict[str, object], str]:
    with state_of(scenario) as (home, state):
        data = explain_report(state, profile)
        text = render_text(data)
    return json.loads(json.dumps(data).replace(home, "~")), text.replace(home, "~")


def test_shape() -> None:
    data, _ = report(Scenario(FILES))
    assert set(data) == {"profile", "files", "environment", "credentials", "settings"}
    assert data["profile"] == {"name": "default", "selected_by": "default"}
    files = data["files"]
    assert isinstance(files, dict) and set(files) == {
        "config",
        "credentials",
        "boto",
        "ec2_credentials",
    }
    assert files["config"] == {
        "path": "~/.aws/config",
        "chosen_by": "default",
        "exists": True,
        "error": None,
    }
    creds = data["credentials"]
    assert isinstance(creds, dict)
    assert creds["method"] == "shared-credentials-file" and creds["error"] is None
    assert creds["tier"] == "tier 7 of 14: shared credentials file"
    assert creds["location"] == {"path": "~/.aws/credentials", "line": 2}
    chain = creds["chain"]
    assert [c["tier"] for c in chain] == list(range(1, 15))
    assert {c["status"] for c in chain} <= {"used", "skipped", "not-applicable", "error"}
    assert chain[6] | {"reason": None} == {
        "tier": 7,
        "name": "shared credentials file",
        "method": "shared-credentials-file",
        "status": "used",
        "reason": None,
    }
    region = data["settings"]["region"]  # type: ignore[index]
    assert region == {
        "value": "us-east-1",
        "source": "config-file",
        "location": {"path": "~/.aws/config", "line": 2},
        "shadowed": [],
        "error": None,
    }


def test_region_always_present() -> None:
    data, text = report(Scenario({}))
    assert data["settings"]["region"]["value"] is None  # type: ignore[index]
    assert "region" in text


def test_explicit_profile_and_source_chain() -> None:
    data, text = report(
        Scenario(
            FILES,
            {"AWS_ACCESS_KEY_ID": "AKIDENVSECRET1", "AWS_SECRET_ACCESS_KEY": "envsecretvalue"},
        ),
        "dev",
    )
    assert data["profile"] == {"name": "dev", "selected_by": "explicit"}
    creds = data["credentials"]
    assert creds["method"] == "assume-role"  # type: ignore[index]
    assert creds["source_chain"] == [  # type: ignore[index]
        {
            "profile": "dev",
            "via": "source_profile",
            "source": "default",
            "method": "shared-credentials-file",
        }
    ]
    assert creds["chain"][2]["status"] == "not-applicable"  # type: ignore[index]
    assert "dev -> source_profile default (shared-credentials-file)" in text


def test_error_is_reported_with_botocore_class_and_message() -> None:
    data, text = report(Scenario(FILES, {"AWS_PROFILE": "ghost"}))
    assert data["credentials"]["error"] == {  # type: ignore[index]
        "type": "ProfileNotFound",
        "message": "The config profile (ghost) could not be found",
    }
    assert data["profile"]["selected_by"] == "AWS_PROFILE"  # type: ignore[index]
    assert data["settings"]["region"]["error"]["type"] == "ProfileNotFound"  # type: ignore[index]
    assert "ERROR ProfileNotFound" in text


def test_secrets_are_always_masked() -> None:
    env = {
        "AWS_ACCESS_KEY_ID": "AKIDENVSECRET1",
        "AWS_SECRET_ACCESS_KEY": "envsecretvalue",
        "AWS_SESSION_TOKEN": "envsecretvalue",
    }
    for scenario, profile in (
        (Scenario(FILES), None),
        (Scenario(FILES, env), None),
        (Scenario(FILES, env), "default"),
    ):
        data, text = report(scenario, profile)
        dumped = json.dumps(data)
        for secret in SECRETS:
            assert secret not in dumped and secret not in text
    data, _ = report(Scenario(FILES, env))
    assert data["credentials"]["access_key"] == "****RET1"  # type: ignore[index]
    assert data["environment"]["AWS_SECRET_ACCESS_KEY"] == "****alue"  # type: ignore[index]


def test_text_rendering() -> None:
    _, text = report(Scenario(FILES))
    assert text.splitlines()[0] == (
        "profile      default  (the default: nothing selects another profile)"
    )
    assert "credentials  shared-credentials-file  (tier 7 of 14: shared credentials file)" in text
    assert "   7 shared credentials file      used" in text


def test_profiles_lists_every_profile_botocore_knows() -> None:
    files = {
        ".aws/config": '[default]\n[profile dev]\n[dev2]\n[profile "my p"]\n[sso-session s]\n',
        ".aws/credentials": "[dev]\n[profile x]\n",
    }
    with state_of(Scenario(files)) as (home, state):
        found = profiles(state)
    names = {p["name"]: [f.replace(home, "~") for f in p["files"]] for p in found}
    assert names == {
        "default": ["~/.aws/config"],
        "dev": ["~/.aws/config", "~/.aws/credentials"],
        "my p": ["~/.aws/config"],
        "profile x": ["~/.aws/credentials"],
    }


def test_secrets_quoted_by_parse_errors_are_masked() -> None:
    from aws_config_ls.checks.environment import environment_problems
    from aws_config_ls.resolution.shadows import entry_facts

    for broken in (
        "aws_secret_access_key = QUOTEDSECRET1\n[default]\n",  # MissingSectionHeaderError
        "[default]\naws_secret_access_key QUOTEDSECRET1\n",  # ParsingError
    ):
        scenario = Scenario({".aws/credentials": broken, ".aws/config": "[default]\n"})
        data, text = report(scenario)
        assert data["files"]["credentials"]["error"] is not None  # type: ignore[index]
        assert "QUOTEDSECRET1" not in json.dumps(data) and "QUOTEDSECRET1" not in text
        with state_of(scenario) as (home, state):
            found = environment_problems(state, f"{home}/.aws/config")
            facts = entry_facts(state, f"{home}/.aws/credentials", "default", "x")
        assert found and all("QUOTEDSECRET1" not in repr(p) for p in found)
        assert "QUOTEDSECRET1" not in repr(facts)


def test_sso_inconsistency_message_masks_secret_values() -> None:
    config = (
        "[default]\nsso_account_id = 1\nsso_role_name = r\nsso_session = s\n"
        "aws_secret_access_key = PROFILESECRET1\n"
        "[sso-session s]\nsso_start_url = u\nsso_region = x\n"
        "aws_secret_access_key = SESSIONSECRET1\n"
    )
    data, text = report(Scenario({".aws/config": config}))
    error = data["credentials"]["error"]  # type: ignore[index]
    assert error["type"] == "InvalidConfigError"
    assert "****ET1" not in error["message"] and "****RET1" in error["message"]
    assert "PROFILESECRET1" not in json.dumps(data) + text and "SESSIONSECRET1" not in text
