"""The catalogue knows every key botocore reads, and agrees with botocore on what it holds."""

from __future__ import annotations

import inspect
import json
import os
import re
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from botocore import args, client, configprovider, credentials, tokens, utils
from botocore.config import Config

from aws_config_ls.catalogue import (
    Names,
    closest_key,
    elsewhere,
    exact_case,
    generate,
    is_known_region,
    keys_in,
    lookup,
    regions,
    registry,
    service_ids,
)
from aws_config_ls.catalogue import facts as facts_module
from aws_config_ls.catalogue.block_keys import SIGNATURE_VERSIONS
from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.registry import CURATED
from aws_config_ls.catalogue.secrets import mask
from aws_config_ls.catalogue.valuetypes import Boolean, Choice, Integer, Text
from aws_config_ls.resolution.refs import botocore_message

P = Context.PROFILE


def words(text: str) -> list[str]:
    return text.split()


# Every key of the reference catalogue (shared/reference/settings-catalogue.json, 128 entries),
# by the context it sits in; patterns are represented by one name they stand for.
REFERENCE_KEYS: dict[Context, list[str]] = {
    Context.PROFILE: words("""
        aws_access_key_id aws_secret_access_key aws_session_token aws_security_token
        aws_account_id role_arn source_profile credential_source role_session_name
        external_id mfa_serial duration_seconds web_identity_token_file credential_process
        sso_session sso_account_id sso_role_name sso_start_url sso_region login_session
        region data_path ca_bundle api_versions metadata_service_timeout
        metadata_service_num_attempts ec2_metadata_service_endpoint
        ec2_metadata_service_endpoint_mode ec2_metadata_v1_disabled imds_use_ipv6
        use_dualstack_endpoint use_fips_endpoint ignore_configured_endpoint_urls
        parameter_validation csm_enabled csm_host csm_port csm_client_id
        endpoint_discovery_enabled sts_regional_endpoints retry_mode defaults_mode
        max_attempts sdk_ua_app_id request_min_compression_size_bytes
        disable_request_compression sigv4a_signing_region_set request_checksum_calculation
        response_checksum_validation account_id_endpoint_mode disable_host_prefix_injection
        auth_scheme_preference tcp_keepalive s3_disable_express_session_auth
        s3_use_arn_region s3_us_east_1_regional_endpoint s3 emr ec2 proxy_ca_bundle
        proxy_client_cert proxy_use_forwarding_for_https endpoint_url services output
        cli_timestamp_format cli_follow_urlparam cli_binary_format cli_pager cli_history
        cli_auto_prompt
    """),
    Context.SSO_SESSION: words("sso_start_url sso_region sso_registration_scopes"),
    Context.S3: words("""
        addressing_style use_accelerate_endpoint use_dualstack_endpoint
        payload_signing_enabled use_arn_region us_east_1_regional_endpoint
        s3_disable_multiregion_access_points max_concurrent_requests max_queue_size
        multipart_threshold multipart_chunksize max_bandwidth preferred_transfer_client
        target_bandwidth signature_version
    """),
    Context.SERVICE_SIGNATURE: words("signature_version"),
    Context.SERVICE_BLOCK: words("endpoint_url"),
    Context.EMR: words("""
        service_role instance_profile log_uri key_name key_pair_file enable_debugging
    """),
    Context.PLUGINS: words("my_plugin"),
    Context.PREVIEW: words("cloudfront"),
    Context.BOTO_CREDENTIALS: words("""
        aws_access_key_id aws_secret_access_key aws_security_token aws_credential_file
        keyring euca_access_key_id euca_secret_access_key ia_access_key_id
        ia_secret_access_key gs_access_key_id gs_secret_access_key gs_oauth2_refresh_token
        gs_service_client_id gs_service_key_file
    """),
    Context.BOTO_OTHER: words("""
        debug num_retries proxy proxy_port proxy_user proxy_pass connection_stale_duration
        is_secure https_validate_certificates ca_certificates_file http_socket_timeout
        send_crlf_after_proxy_auth_headers metadata_service_timeout
        metadata_service_num_attempts eucalyptus_host walrus_host ec2_region_name
        ec2_region_endpoint ec2_version
    """),
}

# Names the source scan below finds that are not config keys: a key of tokens.py's own SSO
# settings dictionary, and endpoint metadata read in args.py.
NOT_CONFIG_KEYS = {"session_name", "tags"}


def curated_keys() -> dict[Context, set[str]]:
    found: dict[Context, set[str]] = {}
    for setting in CURATED:
        for context in setting.contexts:
            found.setdefault(context, set()).add(setting.key)
    return found


@pytest.mark.parametrize(
    ("context", "key"), [(c, k) for c, keys in REFERENCE_KEYS.items() for k in keys]
)
def test_every_reference_key_is_known(context: Context, key: str) -> None:
    assert lookup(context, key) is not None


def botocore_config_paths() -> set[tuple[Context, str]]:
    """Every config-file location botocore's config-provider tables read."""
    tables = (
        configprovider.BOTOCORE_DEFAUT_SESSION_VARIABLES,
        configprovider.DEFAULT_S3_CONFIG_VARS,
        configprovider.DEFAULT_PROXIES_CONFIG_VARS,
    )
    paths: set[tuple[Context, str]] = set()
    for table in tables:
        for names, *_ in table.values():
            entries = names if isinstance(names, list) else [names]
            for entry in entries:
                if isinstance(entry, str):
                    paths.add((P, entry))
                elif isinstance(entry, tuple):
                    assert entry[0] == "s3", f"botocore reads a new nested block: {entry}"
                    paths.add((Context.S3, entry[1]))
    return paths


def uncurated_config_paths() -> set[tuple[Context, str]]:
    curated = curated_keys()
    return {(c, k) for c, k in botocore_config_paths() if k not in curated.get(c, set())}


def test_every_config_provider_key_is_curated() -> None:
    missing = uncurated_config_paths()
    assert not missing, f"botocore reads keys the catalogue does not describe: {missing}"


def test_a_new_botocore_key_is_noticed_and_still_known(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {**configprovider.BOTOCORE_DEFAUT_SESSION_VARIABLES}
    table["shiny"] = ("shiny_new_key", "AWS_SHINY", None, utils.ensure_boolean)
    monkeypatch.setattr(configprovider, "BOTOCORE_DEFAUT_SESSION_VARIABLES", table)
    assert uncurated_config_paths() == {(P, "shiny_new_key")}
    real = facts_module.facts()
    extra = facts_module.SessionVariable("shiny", ("shiny_new_key",), ("AWS_SHINY",), None, None)
    monkeypatch.setattr(
        registry, "facts", lambda: real._replace(variables=(*real.variables, extra))
    )
    registry._index.cache_clear()
    try:
        setting = lookup(P, "shiny_new_key")
        assert setting is not None and setting.env == ("AWS_SHINY",) and setting.read_by_botocore
    finally:
        registry._index.cache_clear()


def test_curated_types_match_botocore_conversions() -> None:
    for context, key in botocore_config_paths():
        setting = lookup(context, key)
        assert setting is not None
        if setting.conversion in ("ensure_boolean", "normalize_boolean"):
            assert isinstance(setting.value_type, Boolean), key
        if setting.conversion == "int":
            assert isinstance(setting.value_type, Integer), key


def scanned_keys() -> set[str]:
    """Config keys botocore's credential, token and client code read, found in its source."""
    names = r"(?:self\.)?_?(?:scoped|profile|role|sso|service)?_?(?:config|profile)"
    readers = [
        rf"""\b{names}\s*(?:\.get\(|\[)\s*['"]([a-z][a-z0-9_]*)['"]""",
        rf"""['"]([a-z][a-z0-9_]*)['"]\s+(?:not\s+)?in\s+{names}\b""",
        r"""\._get_\w*config\(\s*['"]([a-z][a-z0-9_]*)['"]""",
        r"""\.get\(\s*[\w'"]+,\s*\{\}\s*\)\s*\.get\(\s*['"]([a-z][a-z0-9_]*)['"]""",
    ]
    found: set[str] = set()
    for module in (credentials, tokens, args, client, configprovider):
        source = inspect.getsource(module)
        for pattern in readers:
            found.update(re.findall(pattern, source))
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for name, value in vars(cls).items():
                if not re.search(r"(_KEY|TOKENS|ACCOUNT_ID|_VARS?|_TO_ENV_VAR)$", name):
                    continue
                values = value if isinstance(value, list | tuple | dict) else [value]
                found.update(v for v in values if isinstance(v, str) and v.islower())
    return found - NOT_CONFIG_KEYS


def test_every_key_botocore_code_reads_is_curated() -> None:
    curated = set().union(*curated_keys().values())
    scanned = scanned_keys()
    assert {"role_arn", "sso_session", "credential_process", "login_session"} <= scanned
    assert scanned <= curated, f"botocore reads keys the catalogue lacks: {scanned - curated}"


def test_environment_variables_and_defaults_come_from_botocore() -> None:
    retry = lookup(P, "retry_mode")
    assert retry is not None
    assert (retry.env, retry.default, retry.logical_name) == (
        ("AWS_RETRY_MODE",),
        "standard",
        "retry_mode",
    )
    app_id = lookup(P, "sdk_ua_app_id")
    assert app_id is not None and app_id.logical_name == "user_agent_appid"
    arn_region = lookup(Context.S3, "use_arn_region")
    assert arn_region is not None and arn_region.env == ("AWS_S3_USE_ARN_REGION",)
    assert arn_region.conversion == "ensure_boolean"
    validation = lookup(P, "parameter_validation")
    assert validation is not None and validation.default == "true"


def test_credential_environment_variables_match_botocore() -> None:
    def env(key: str) -> tuple[str, ...]:
        setting = lookup(P, key)
        assert setting is not None
        return setting.env

    provider = credentials.EnvProvider
    assert env("aws_access_key_id") == (provider.ACCESS_KEY,)
    assert env("aws_secret_access_key") == (provider.SECRET_KEY,)
    assert env("aws_account_id") == (provider.ACCOUNT_ID,)
    assert {*env("aws_security_token"), *env("aws_session_token")} == set(provider.TOKENS)
    for key, variable in credentials.AssumeRoleWithWebIdentityProvider._CONFIG_TO_ENV_VAR.items():
        assert env(key) == (variable,)


def choices(context: Context, key: str) -> set[str]:
    setting = lookup(context, key)
    assert setting is not None and isinstance(setting.value_type, Choice)
    return set(setting.value_type.choices)


def test_enumerations_match_botocore() -> None:
    assert choices(P, "sts_regional_endpoints") == set(args.VALID_REGIONAL_ENDPOINTS_CONFIG)
    assert choices(P, "s3_us_east_1_regional_endpoint") == set(args.VALID_REGIONAL_ENDPOINTS_CONFIG)
    assert choices(P, "request_checksum_calculation") == set(
        args.VALID_REQUEST_CHECKSUM_CALCULATION_CONFIG
    )
    assert choices(P, "response_checksum_validation") == set(
        args.VALID_RESPONSE_CHECKSUM_VALIDATION_CONFIG
    )
    assert choices(P, "account_id_endpoint_mode") == set(args.VALID_ACCOUNT_ID_ENDPOINT_MODE_CONFIG)
    assert {c.lower() for c in choices(P, "ec2_metadata_service_endpoint_mode")} == set(
        utils.METADATA_ENDPOINT_MODES
    )
    sources = {
        credentials.EnvProvider.CANONICAL_NAME,
        credentials.ContainerProvider.CANONICAL_NAME,
        credentials.InstanceMetadataProvider.CANONICAL_NAME,
    }
    assert choices(P, "credential_source") == sources
    retry_source = inspect.getsource(Config._validate_retry_configuration)
    modes = re.search(r"valid_modes = (\(.*?\))", retry_source)
    assert modes is not None and choices(P, "retry_mode") == set(eval(modes.group(1)))
    s3_source = inspect.getsource(Config._validate_s3_configuration)
    styles = re.search(r"not in (\[.*?\])", s3_source)
    assert styles is not None
    assert choices(Context.S3, "addressing_style") == set(eval(styles.group(1))) - {None}


def test_limits_match_botocore() -> None:
    app_id = lookup(P, "sdk_ua_app_id")
    assert app_id is not None and isinstance(app_id.value_type, Text)
    assert app_id.value_type.max_length == args.USERAGENT_APPID_MAXLEN
    compression = lookup(P, "request_min_compression_size_bytes")
    assert compression is not None and isinstance(compression.value_type, Integer)
    source = inspect.getsource(args.ClientArgsCreator._validate_min_compression_size)
    low, high = (int(n) for n in re.findall(r"_allowed_min_size = (\d+)", source))
    assert (compression.value_type.minimum, compression.value_type.maximum) == (low, high)


def test_defaults_modes_match_botocore_data() -> None:
    from botocore.configprovider import DefaultConfigResolver
    from botocore.loaders import create_loader

    data = create_loader().load_data("sdk-default-configuration")
    modes = DefaultConfigResolver(data).get_default_modes()
    assert choices(P, "defaults_mode") == set(modes)


def test_signature_versions_are_botocore_signers() -> None:
    from botocore.auth import AUTH_TYPE_MAPS

    assert set(SIGNATURE_VERSIONS) - {"v4a"} <= set(AUTH_TYPE_MAPS)


def test_service_ids_follow_configured_endpoint_provider() -> None:
    from botocore.loaders import create_loader

    expected = set()
    for name in create_loader().list_available_services("service-2"):
        provider = configprovider.ConfiguredEndpointProvider({}, {}, name, environ={})
        expected.add(provider._transformed_service_id)
    assert service_ids() == expected
    assert {"s3", "dynamodb", "elastic_beanstalk", "api_gateway", "s3_control"} <= service_ids()


def test_regions_cover_every_partition() -> None:
    assert regions()["us-east-1"] == "aws"
    assert regions()["cn-north-1"] == "aws-cn"
    assert regions()["us-gov-west-1"] == "aws-us-gov"
    assert is_known_region("aws-global") and not is_known_region("us-east-99")


def test_curated_keys_are_unique_and_described() -> None:
    places = Counter((c, s.key) for s in CURATED for c in s.contexts)
    assert [place for place, n in places.items() if n > 1] == []
    for setting in CURATED:
        assert setting.description.endswith("."), setting.key
        assert setting.feeds and setting.readers and setting.files, setting.key
        assert setting.doc is None or setting.doc.startswith("https://"), setting.key
        assert (setting.names is None) == ("<" not in setting.key), setting.key


def test_nested_keys_are_exact_and_close_matches_fix_the_case() -> None:
    assert exact_case(Context.S3) and exact_case(Context.SERVICE_BLOCK) and not exact_case(P)
    assert lookup(Context.S3, "Addressing_Style") is None
    assert closest_key(Context.S3, "Addressing_Style") == "addressing_style"
    assert closest_key(Context.SERVICE_BLOCK, "Endpoint_URL") == "endpoint_url"


@pytest.mark.parametrize(
    ("context", "typed", "meant"),
    [
        (P, "regoin", "region"),
        (P, "so_start_url", "sso_start_url"),
        (P, "aws_default_region", "region"),
        (P, "region_name", "region"),
        (P, "aws_secret_key", "aws_secret_access_key"),
        (P, "aws_retry_mode", "retry_mode"),
        (P, "rolearn", "role_arn"),
        (Context.SERVICES, "elasticbeanstalk", "elastic_beanstalk"),
        (Context.SERVICES, "dynamo_db", "dynamodb"),
        (Context.SSO_SESSION, "sso_start_ur", "sso_start_url"),
        (Context.API_VERSIONS, "cloudformaton", "cloudformation"),
    ],
)
def test_closest_key(context: Context, typed: str, meant: str) -> None:
    assert closest_key(context, typed) == meant


@pytest.mark.parametrize("typed", ["region", "colour", "x", "my_company_setting"])
def test_closest_key_stays_quiet(typed: str) -> None:
    assert closest_key(P, typed) is None


def test_patterns() -> None:
    dynamodb = lookup(Context.SERVICES, "dynamodb")
    assert dynamodb is not None and dynamodb.names is Names.SERVICE_IDS
    assert lookup(Context.SERVICES, "endpoint_url") is None
    assert lookup(Context.SERVICES, "elasticbeanstalk") is None  # the client name is not read
    assert "dynamodb" in keys_in(Context.SERVICES)
    assert "ec2" in keys_in(Context.API_VERSIONS)
    signature = lookup(P, "ec2")
    assert signature is not None and signature.names is Names.SIGNATURE_SERVICES
    assert "ec2" not in keys_in(P)
    assert lookup(Context.PLUGINS, "anything") is not None
    assert lookup(Context.PLUGINS, "cli_legacy_plugin_path") is not None


def test_default_section_and_other_sections() -> None:
    assert lookup(Context.DEFAULT_SECTION, "region") is lookup(P, "region")
    assert lookup(Context.DEFAULT_SECTION, "sso_registration_scopes") is not None
    assert lookup(Context.OTHER, "region") is None
    assert keys_in(Context.OTHER) == {}


def test_misplaced_keys_can_be_found() -> None:
    contexts = {c for s in elsewhere("addressing_style") for c in s.contexts}
    assert contexts == {Context.S3}
    assert len(elsewhere("endpoint_url")) == 2


def test_third_party_keys_are_known_and_not_aws() -> None:
    for key in ("include_profile", "mfa_process", "granted_sso_start_url", "azure_tenant_id"):
        setting = lookup(P, key)
        assert setting is not None and setting.third_party and not setting.read_by_botocore
    region = lookup(P, "region")
    assert region is not None and region.read_by_botocore and not region.third_party


def test_secrets_are_marked() -> None:
    for key in ("aws_secret_access_key", "aws_session_token", "aws_security_token"):
        setting = lookup(P, key)
        assert setting is not None and setting.secret
        assert setting.shown("wJalrXUtnFEMI") == mask("wJalrXUtnFEMI")
    key_id = lookup(P, "aws_access_key_id")
    assert key_id is not None and not key_id.secret
    assert "wJal" not in mask("wJalrXUtnFEMI") and mask("") == ""


def test_shipped_facts_equal_derivation() -> None:
    """The data the package ships for a botocore version is what that version derives."""
    shipped = facts_module.shipped_file(utils.botocore.__version__)
    if not shipped.exists():
        pytest.skip(f"no facts shipped for this botocore: python -m {generate.__name__}")
    derived = json.loads(json.dumps(facts_module.derive()))
    assert json.loads(shipped.read_text(encoding="utf-8")) == derived
    assert facts_module._facts_from(derived) == facts_module._load(shipped)


def test_error_messages_are_botocores() -> None:
    """Each exception message said from botocore's facts (without importing botocore) is the
    one its class formats, and the classes that format otherwise are asked themselves."""
    from botocore import exceptions

    formats = facts_module.facts().error_formats
    assert {"ProfileNotFound", "InvalidConfigError", "ConfigParseError"} <= set(formats)
    assert "HTTPClientError" not in formats  # takes request and response first
    for name in [*formats, "HTTPClientError"]:
        cls = getattr(exceptions, name)
        fields = {f for _, f, _, _ in string.Formatter().parse(cls.fmt) if f}
        kwargs = {f: f"<{f} {i}>" for i, f in enumerate(sorted(fields))}
        assert botocore_message(name, **kwargs) == str(cls(**kwargs)), name


def test_the_wheel_ships_the_facts() -> None:
    """Every shipped data file is matched by pyproject's package-data (else the wheel lacks it)."""
    tomllib = pytest.importorskip("tomllib")
    root = Path(facts_module.__file__).parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["aws_config_ls"]
    package = root / "aws_config_ls"
    matched = {p for pattern in patterns for p in package.glob(pattern)}
    shipped = set(facts_module.SHIPPED.glob("*.json"))
    assert shipped and shipped <= matched


def test_facts_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(facts_module, "SHIPPED", tmp_path / "nothing-shipped")
    facts_module.facts.cache_clear()
    try:
        computed = facts_module.facts()
        [stored] = (tmp_path / "aws-config-ls").iterdir()
        assert json.loads(stored.read_text())["botocore_version"] == computed.botocore_version
        facts_module.facts.cache_clear()
        assert facts_module.facts() == computed  # read back from the file
        stored.write_text("{not json")
        facts_module.facts.cache_clear()
        assert facts_module.facts() == computed  # a broken cache is recomputed
    finally:
        facts_module.facts.cache_clear()


def test_facts_survive_an_unwritable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "below-a-file"))
    monkeypatch.setattr(facts_module, "SHIPPED", tmp_path / "nothing-shipped")
    facts_module.facts.cache_clear()
    try:
        assert facts_module.facts().regions["eu-west-1"] == "aws"
        assert list(tmp_path.iterdir()) == [blocker]
    finally:
        facts_module.facts.cache_clear()


def test_import_and_warm_lookup_do_not_load_botocore(tmp_path: Path) -> None:
    program = (
        "import sys; from aws_config_ls.catalogue import lookup, check_value;"
        "from aws_config_ls.catalogue.context import Context;"
        "s = lookup(Context.PROFILE, 'region'); check_value(s, 'eu-west-1');"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'botocore'))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    run = [sys.executable, "-c", program]
    subprocess.run(run, env=env, check=True, capture_output=True)  # fills the cache
    warm = subprocess.run(run, env=env, check=True, capture_output=True, text=True)
    assert warm.stdout.strip() == "[]"


def test_checking_a_file_loads_no_heavy_botocore_module(tmp_path: Path) -> None:
    """With the shipped facts, a check imports only botocore's exceptions (for its messages):
    not configprovider or utils (0.1 s each), and derives nothing into the user cache."""
    config = tmp_path / "config"
    config.write_text(
        "[default]\nregion = eu-west-1\ns3 =\n  use_arn_region = true\n"
        "[profile dev]\nsource_profile = default\nrole_arn = arn:aws:iam::123456789012:role/r\n"
    )
    program = (
        "import sys; from aws_config_ls.workspace import Workspace;"
        "from aws_config_ls.resolution.environment import Environment;"
        "from aws_config_ls.ini.kinds import FileKind;"
        f"ws = Workspace(Environment({{'AWS_CONFIG_FILE': {str(config)!r}}}));"
        f"print(len(ws.problems(ws.model({str(config)!r}, FileKind.CONFIG))));"
        "print(sorted(m for m in sys.modules if m.startswith('botocore.')"
        " and m.split('.')[1] in ('configprovider', 'utils', 'loaders', 'compat')))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    if not facts_module.shipped_file(utils.botocore.__version__).exists():
        pytest.skip("no facts shipped for this botocore")
    run = subprocess.run(
        [sys.executable, "-c", program], env=env, check=True, capture_output=True, text=True
    )
    count, modules = run.stdout.split("\n")[:2]
    assert int(count) > 0 and modules == "[]"
    assert not (tmp_path / "cache").exists()
