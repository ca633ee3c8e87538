"""Kept credential outcomes: after any edit, reusing them gives what resolving afresh gives."""

from __future__ import annotations

import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from aws_config_ls.ini.fileview import FileView
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.resolution.environment import Environment, ProfileSelection, read_files
from aws_config_ls.resolution.fullconfig import ByProfile, recording
from aws_config_ls.resolution.state import Outcomes, ResolutionState
from tests.support.profiles import examples

NAMES = ["default", "a", "b", "c"]
ENTRIES = [
    "source_profile = default",
    "source_profile = a",
    "source_profile = b",
    "source_profile = missing",
    "role_arn = arn:aws:iam::123456789012:role/r",
    "credential_source = Environment",
    "aws_access_key_id = AKIAEXAMPLE",
    "aws_secret_access_key = secret",
    "sso_session = s",
    "sso_session = t",
    "sso_account_id = 123456789012",
    "sso_role_name = Dev",
    "credential_process = /bin/true",
    "services = svc",
    "web_identity_token_file = /tmp/token",
]
SECTIONS = [
    "[sso-session s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n",
    "[sso-session t]\nsso_region = us-east-1\n",
    "[services svc]\ns3 =\n  endpoint_url = http://localhost\n",
]


@st.composite
def config(draw: st.DrawFn, credentials: bool = False) -> str:
    out = []
    for name in draw(st.lists(st.sampled_from(NAMES), unique=True)):
        header = name if credentials or name == "default" else f"profile {name}"
        entries = draw(st.lists(st.sampled_from(ENTRIES), unique=True, max_size=4))
        out.append(f"[{header}]\n" + "".join(e + "\n" for e in entries))
    if not credentials:
        out += draw(st.lists(st.sampled_from(SECTIONS), unique=True))
    return "".join(out)


def state(texts: dict[str, str], variables: dict[str, str], outcomes: Outcomes) -> ResolutionState:
    env = Environment(
        {
            "AWS_CONFIG_FILE": "/x/config",
            "AWS_SHARED_CREDENTIALS_FILE": "/x/creds",
            **variables,
        },
        cwd="/x",
        login_supported=False,
    )

    def load(path: str, kind: FileKind) -> FileView:
        text = texts.get(path)
        if text is None:
            return FileView(path, kind, exists=False)
        return Model.from_bytes(text.encode(), kind, path).view()

    return ResolutionState(env, read_files(env, load, lambda path: None), outcomes)


@settings(max_examples=examples(400), deadline=None)
@given(
    before=st.tuples(config(), config(credentials=True)),
    after=st.tuples(config(), config(credentials=True)),
    variables=st.sampled_from([{}, {"AWS_ACCESS_KEY_ID": "AKIA", "AWS_SECRET_ACCESS_KEY": "x"}]),
    same_env=st.booleans(),
)
def test_kept_outcomes_equal_fresh_ones(
    before: tuple[str, str], after: tuple[str, str], variables: dict[str, str], same_env: bool
) -> None:
    kept = Outcomes()
    names = [*NAMES, "missing"]
    first = state({"/x/config": before[0], "/x/creds": before[1]}, variables, kept)
    for name in names:
        first.credentials(ProfileSelection(name, "explicit", True))
    texts = {"/x/config": after[0], "/x/creds": after[1]}
    later = variables if same_env else {}
    again = state(texts, later, kept)
    fresh = state(texts, later, Outcomes())
    for name in names:
        selection = ProfileSelection(name, "explicit", True)
        assert again.credentials(selection) == fresh.credentials(selection), name


def test_an_edit_resolves_only_what_it_touched() -> None:
    profiles = "".join(
        f"[profile p{i}]\nsource_profile = p{i - 1}\nrole_arn = arn:aws:iam::1:role/r\n"
        if i
        else "[profile p0]\naws_access_key_id = A\naws_secret_access_key = B\n"
        for i in range(6)
    )
    kept = Outcomes()
    first = state({"/x/config": profiles}, {}, kept)
    outcomes = {n: first.credentials(ProfileSelection(f"p{n}", "explicit", True)) for n in range(6)}
    edited = profiles.replace(
        "[profile p3]\nsource_profile = p2", "[profile p3]\nsource_profile = p0"
    )
    again = state({"/x/config": edited}, {}, kept)
    for n in range(6):
        outcome = again.credentials(ProfileSelection(f"p{n}", "explicit", True))
        # p0..p2 do not read p3: the very same outcome; p3 and what sources it: resolved again
        assert (outcome is outcomes[n]) == (n < 3), n


def test_secrets_follow_an_edit() -> None:
    """Secrets are kept per section between states: an edited one is read again."""
    other = "[profile other]\naws_secret_access_key = kept-secret\n"
    first = state({"/x/config": other + "[default]\naws_secret_access_key = old\n"}, {}, Outcomes())
    assert first.secrets == {"kept-secret", "old"}
    again = state({"/x/config": other + "[default]\naws_secret_access_key = new\n"}, {}, Outcomes())
    assert again.secrets == {"kept-secret", "new"}


def test_recordings_are_per_thread() -> None:
    """The server resolves on its analysis thread and its event loop: neither records the
    other's reads, nor loses its own when the other stops."""
    profiles: ByProfile[str] = ByProfile({"a": "1", "b": "2"})
    inside, outside = threading.Event(), threading.Event()
    seen: dict[str, set[str]] = {}

    def other() -> None:
        with recording() as read:
            inside.set()
            outside.wait(5)
            profiles.get("b")
        seen["other"] = read

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with recording() as read:
        profiles.get("a")
        outside.set()
        thread.join(5)
        _ = "c" in profiles  # after the other thread stopped recording
    assert read == {"a", "c"} and seen["other"] == {"b"}
