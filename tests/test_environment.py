"""The environment model: path expansion, profile selection, file locations, the setting table."""

from __future__ import annotations

import os

from botocore.configprovider import BOTOCORE_DEFAUT_SESSION_VARIABLES
from botocore.utils import parse_key_val_file_contents
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_config_ls.catalogue.secrets import mask
from aws_config_ls.resolution.credentials import IMDS_DEFAULT_URLS
from aws_config_ls.resolution.environment import (
    MIRRORED,
    SETTING_VARIABLES,
    SETTINGS,
    Environment,
    boto_locations,
    ec2_location,
    ensure_boolean,
    file_locations,
    normalize_boolean,
    parse_key_values,
    profile_selection,
    read_key_value_file,
)
from tests.support.profiles import examples
from tests.support.resolution import sandbox_environ

PIECES = ["$HOME", "${HOME}", "$X", "${X}", "$UNSET", "~", "~/", "/a", "$", "${", "}", "~root", "x"]


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=6).map("".join),
    st.dictionaries(st.sampled_from(["HOME", "X"]), st.sampled_from(["/h", "/h/", "", "$X", "~"])),
)
def test_expansion_matches_os_path(path: str, env: dict[str, str]) -> None:
    model = Environment(variables=env).expand(path)
    with sandbox_environ(env):
        real = os.path.expanduser(os.path.expandvars(path))
    assert model == real


def test_profile_selection_order() -> None:
    both = {"AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": "b"}
    assert profile_selection(Environment(both)).name == "b"
    assert profile_selection(Environment(both)).selected_by == "AWS_DEFAULT_PROFILE"
    assert profile_selection(Environment({"AWS_PROFILE": "a"})).selected_by == "AWS_PROFILE"
    explicit = profile_selection(Environment(both, explicit_profile="c"))
    assert (explicit.name, explicit.selected_by, explicit.explicit) == ("c", "explicit", True)
    none = profile_selection(Environment({}))
    assert (none.name, none.selected_by, none.credential_profile) == (None, "default", "default")
    empty = profile_selection(Environment({"AWS_PROFILE": ""}))
    assert (empty.name, empty.credential_profile) == ("", "default")


def test_file_locations() -> None:
    env = Environment(
        {"HOME": "/h", "AWS_CONFIG_FILE": "$HOME/c", "AWS_SHARED_CREDENTIALS_FILE": ""}
    )
    locs = file_locations(env)
    assert (locs["config"].path, locs["config"].chosen_by) == ("/h/c", "AWS_CONFIG_FILE")
    assert locs["credentials"].path == ""  # an empty variable still wins: no file
    default = file_locations(Environment({"HOME": "/h"}))
    assert default["credentials"].path == "/h/.aws/credentials"
    assert default["credentials"].chosen_by == "default"


def test_boto_and_ec2_locations() -> None:
    env = Environment({"HOME": "/h"})
    assert [loc.path for loc in boto_locations(env)] == ["/etc/boto.cfg", "/h/.boto"]
    env = Environment({"HOME": "/h", "BOTO_CONFIG": "~/b", "AWS_CREDENTIAL_FILE": "$HOME/e"})
    assert [loc.path for loc in boto_locations(env)] == ["/h/b"]
    ec2 = ec2_location(env)
    assert ec2 is not None and ec2.path == "$HOME/e"  # expanduser only (OriginalEC2Provider)
    assert ec2_location(Environment({})) is None


def test_setting_table_comes_from_botocore() -> None:
    assert set(BOTOCORE_DEFAUT_SESSION_VARIABLES) <= set(SETTINGS)
    assert SETTINGS["region"].env_vars == ("AWS_DEFAULT_REGION",)
    assert SETTINGS["profile"].env_vars == ("AWS_DEFAULT_PROFILE", "AWS_PROFILE")
    assert SETTINGS["user_agent_appid"].config_keys == ("sdk_ua_app_id",)
    assert SETTINGS["s3.use_arn_region"].config_keys == (
        "s3_use_arn_region",
        ("s3", "use_arn_region"),
    )
    assert SETTINGS["use_fips_endpoint"].conversion == "bool"
    assert SETTINGS["max_attempts"].conversion == "int"
    assert SETTING_VARIABLES["AWS_DEFAULT_REGION"] == ("region",)
    assert SETTING_VARIABLES["BOTOCORE_TCP_KEEPALIVE"] == ("tcp_keepalive",)
    assert "AWS_REGION" not in SETTING_VARIABLES


@settings(max_examples=examples(300))
@given(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=6), st.just("TrUe")))
def test_mirrored_conversions_match_botocore(value: object) -> None:
    from botocore import utils

    assert ensure_boolean(value) == utils.ensure_boolean(value)
    assert normalize_boolean(value) == utils.normalize_boolean(value)
    for qualified in MIRRORED:
        assert qualified.startswith("botocore.utils.")
        assert MIRRORED[qualified](value) == getattr(utils, qualified.rsplit(".")[-1])(value)


def test_default_imds_addresses_are_botocores_and_valid() -> None:
    from botocore import utils

    assert (utils.METADATA_BASE_URL, utils.METADATA_BASE_URL_IPv6) == IMDS_DEFAULT_URLS
    assert all(utils.is_valid_uri(url) for url in IMDS_DEFAULT_URLS)


def test_mask() -> None:
    assert mask("AKIAABCDEFGH1234") == "****1234"
    assert mask("short") == "****"
    assert mask("") == ""
    assert mask({"a": "b"}) == "****"


@given(st.text(alphabet="ab=\n \r\t\x0bc", max_size=40))
def test_key_value_parsing_matches_botocore(text: str) -> None:
    assert parse_key_values(text) == parse_key_val_file_contents(text)


def test_read_key_value_file(tmp_path: os.PathLike[str]) -> None:
    missing = read_key_value_file(os.path.join(tmp_path, "none"))
    assert missing.values is None and missing.error is not None and missing.error[0] == "OSError"
    path = os.path.join(tmp_path, "f")
    with open(path, "w") as f:
        f.write("AWSAccessKeyId = A\nAWSSecretKey=B=C\n")
    assert read_key_value_file(path).values == {"AWSAccessKeyId": "A", "AWSSecretKey": "B=C"}
