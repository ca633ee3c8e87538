"""Kept credential outcomes: after any edit, reusing them gives what resolving afresh gives."""

from __future__ import annotations

import tempfile
import threading

from botocore.configloader import raw_config_parse
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_config_ls.checks.credentials import _KEPT, _profile_problems_of, credential_problems
from aws_config_ls.checks.environment import environment_problems
from aws_config_ls.ini.fileview import FileView
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model, profile_sections
from aws_config_ls.ini.problems import Problem
from aws_config_ls.ini.span import Pos
from aws_config_ls.ini.syntax import Kind
from aws_config_ls.resolution.environment import Environment, ProfileSelection, read_files
from aws_config_ls.resolution.fullconfig import _BUILT, ByProfile, load_config, recording
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


def _edited_state(models: dict[str, Model], outcomes: Outcomes) -> ResolutionState:
    env = Environment(
        {"AWS_CONFIG_FILE": "/x/config", "AWS_SHARED_CREDENTIALS_FILE": "/x/creds"},
        cwd="/x",
        login_supported=False,
    )

    def load(path: str, kind: FileKind) -> FileView:
        model = models.get(path)
        return FileView(path, kind, exists=False) if model is None else model.view()

    return ResolutionState(env, read_files(env, load, lambda path: None), outcomes)


def _problems(models: dict[str, Model], outcomes: Outcomes) -> list[Problem]:
    creds = models["/x/creds"]
    return credential_problems(
        _edited_state(models, outcomes),
        models["/x/config"],
        lambda path, section, key: creds.locate(section, key) if path == "/x/creds" else None,
    )


# A line of a profile, a header, or nothing: what one keystroke-sized edit leaves on a line.
LINES = [*ENTRIES, "", "[profile b]", "[default]", "[profile d]", "[okta]"]
# Profiles that read the edited ones, before them: their sections stay the same objects.
READERS = (
    "[profile e]\nsource_profile = a\nrole_arn = arn:aws:iam::1:role/r\n"
    "[profile f]\nsso_session = s\nsso_account_id = 1\nsso_role_name = r\n"
    "[profile g]\nservices = svc\ncredential_source = Environment\n"
    "[profile h]\nsource_profile = default\nrole_arn = arn:aws:iam::1:role/r\n"
    "[profile pad]\nregion = us-east-1\n\n"
)


@settings(max_examples=examples(150), deadline=None)
@given(
    before=config(),
    creds=config(credentials=True),
    edits=st.lists(
        st.tuples(
            st.floats(0, 1),
            st.sampled_from(LINES),
            st.sampled_from(["put", "add", "cut"]),
            st.sampled_from(["same", "moved", "typed"]),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_kept_credential_problems_equal_fresh_ones(
    before: str, creds: str, edits: list[tuple[float, str, str, str]]
) -> None:
    """Edits made as the editor makes them (untouched sections shared, and a layout kept:
    `Model.edited`), and the credentials file moving under them or typed in: the problems
    kept per profile are the ones a fresh analysis finds."""
    kept = Outcomes()
    lead = READERS.count("\n")
    shifted = (Model.from_text(t, FileKind.CREDENTIALS, "/x/creds") for t in (creds, "\n" + creds))
    credentials = dict(zip(("same", "moved"), shifted, strict=True))
    model = Model.from_text(READERS + before, FileKind.CONFIG, "/x/config")
    _problems({"/x/config": model, "/x/creds": credentials["same"]}, kept)
    for where, text, how, moved in edits:
        if moved == "typed":  # a line of the credentials file rewritten in place
            typed = credentials["same"]
            if typed.tree.line_count:
                at = int(where * (typed.tree.line_count - 1))
                old = typed.tree.line(at).text
                typed = typed.edited(typed.tree.edit(Pos(at, 0), Pos(at, len(old)), text))
            credentials["typed"] = credentials["same"] = typed
        tree = model.tree
        line = min(lead + int(where * (tree.line_count - lead)), tree.line_count - 1)
        end = len(tree.line(line).text)
        if how == "add":
            tree = tree.edit(Pos(line, 0), Pos(line, 0), text + "\n")
        elif how == "put":
            tree = tree.edit(Pos(line, 0), Pos(line, end), text)
        else:
            tree = tree.edit(Pos(line, 0), Pos(line + 1, 0), "")
        model = model.edited(tree)
        again = _problems({"/x/config": model, "/x/creds": credentials[moved]}, kept)
        remembered = dict(_KEPT)
        _KEPT.clear()
        fresh_model = Model.from_text(tree.text(), FileKind.CONFIG, "/x/config")
        fresh = _problems({"/x/config": fresh_model, "/x/creds": credentials[moved]}, Outcomes())
        _KEPT.clear()
        _KEPT.update(remembered)
        assert again == fresh, tree.text()
        assert _maps(model) == _maps(fresh_model, "/x/fresh")


def test_an_edit_checks_only_the_profiles_it_touched() -> None:
    text = "".join(
        f"[profile p{i}]\nsso_session = nope\nsource_profile = p{i}\nrole_arn = r\n\n"
        for i in range(40)
    )
    model = Model.from_text(text, FileKind.CONFIG, "/x/config")
    credentials_file = Model.from_text("", FileKind.CREDENTIALS, "/x/creds")
    kept = Outcomes()
    first = _problems({"/x/config": model, "/x/creds": credentials_file}, kept)
    assert {p.code for p in first} == {"source-profile-loop", "unknown-sso-session"}
    profiles = dict(_KEPT["/x/config"].each)
    line = text.splitlines().index("source_profile = p20")
    tree = model.tree.edit(Pos(line, 16), Pos(line, 18), "p0")  # same length: nothing moves
    edited = Model(tree, FileKind.CONFIG, "/x/config")
    _problems({"/x/config": edited, "/x/creds": credentials_file}, kept)
    now = _KEPT["/x/config"].each
    touched = {name for name in now if now[name] is not profiles[name]}
    # the edited section only (the block before it is parsed again, and shared unchanged)
    assert touched == {"p20"}


def test_a_problem_pointing_into_the_other_file_follows_it() -> None:
    """Where the other file's entry is written is asked again: the file moved, or it was not
    known the first time."""
    config = Model.from_text(
        "[profile e]\nsource_profile = a\nrole_arn = arn:aws:iam::1:role/r\n",
        FileKind.CONFIG,
        "/x/config",
    )
    kept = Outcomes()
    creds = Model.from_text("[a]\naws_access_key_id = A\n", FileKind.CREDENTIALS, "/x/creds")
    models = {"/x/config": config, "/x/creds": creds}
    (unplaced,) = credential_problems(_edited_state(models, kept), config, lambda *_: None)
    assert unplaced.related == ()
    for lead in ("", "\n\n"):
        creds = Model.from_text(lead + creds.tree.text().lstrip(), FileKind.CREDENTIALS, "/x/creds")
        (problem,) = _problems({"/x/config": config, "/x/creds": creds}, kept)
        assert [r.span.start.line for r in problem.related] == [len(lead) + 1]


# Headers that spell one profile several ways (botocore keeps the last), and ones that name none.
HEADERS = [
    "[profile a]",
    "[profile  a]",
    "[profile 'a']",
    "[a]",
    "[default]",
    "[profile default]",
    "[profile b]",
    "[sso-session a]",
    "[profile a b]",
    "[DEFAULT]",
    "[profile 'a b']",
]
LOOKED_UP = ["a", "'a'", "a b", "b", "default", "DEFAULT", "profile a", "sso-session a"]
SETTINGS = ["region = eu-west-1", "aws_access_key_id = AKIAFILE", "source_profile = b", "x = 1"]
ENVIRONMENTS = [
    {"AWS_REGION": "us-west-2"},
    {"AWS_PROFILE": "a", "AWS_REGION": "us-west-2"},
    {"AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": "b", "AWS_ACCESS_KEY_ID": "AKIAENV"},
    {"AWS_DEFAULT_PROFILE": "a", "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "s"},
    {"AWS_PROFILE": "nope", "AWS_DEFAULT_REGION": "us-west-2", "AWS_DEFAULT_OUTPUT": "text"},
]


@settings(max_examples=examples(300), deadline=None)
@given(
    sections=st.lists(
        st.tuples(st.sampled_from(HEADERS), st.lists(st.sampled_from(SETTINGS), unique=True)),
        max_size=6,
    ),
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.sampled_from(HEADERS + SETTINGS + [""]), st.booleans()),
        min_size=1,
        max_size=4,
    ),
    variables=st.sampled_from(ENVIRONMENTS),
    kind=st.sampled_from([FileKind.CONFIG, FileKind.CREDENTIALS]),
)
def test_environment_problems_after_edits_equal_fresh_ones(
    sections: list[tuple[str, list[str]]],
    edits: list[tuple[float, str, bool]],
    variables: dict[str, str],
    kind: FileKind,
) -> None:
    """The environment problems find a profile's sections by looking its name up in the model:
    after edits that share untouched blocks, that finds what walking botocore's sections finds,
    and the problems are a fresh model's."""
    path = "/x/config" if kind is FileKind.CONFIG else "/x/creds"
    text = "".join(h + "\n" + "".join(s + "\n" for s in body) for h, body in sections)
    model = Model.from_text(text + "\n", kind, path)
    _environment(model, variables)
    for where, line_text, add in edits:
        tree = model.tree
        line = min(int(where * tree.line_count), tree.line_count - 1)
        end = len(tree.line(line).text)
        if add:
            tree = tree.edit(Pos(line, 0), Pos(line, 0), line_text + "\n")
        else:
            tree = tree.edit(Pos(line, 0), Pos(line, end), line_text)
        model = Model(tree, kind, path)
        view = model.view()
        if view.sections is not None:
            with tempfile.NamedTemporaryFile("w", suffix=".ini") as f:
                f.write(tree.text())
                f.flush()
                walked = FileView(path, kind, sections=raw_config_parse(f.name))
            for name in LOOKED_UP:
                found = [s for _, s in profile_sections(view, name)]
                assert found == [s for _, s in profile_sections(walked, name)], tree.text()
        assert _environment(model, variables) == _environment(
            Model.from_text(tree.text(), kind, path), variables
        ), tree.text()


def _environment(model: Model, variables: dict[str, str]) -> list[Problem]:
    env = Environment(
        {"AWS_CONFIG_FILE": "/x/config", "AWS_SHARED_CREDENTIALS_FILE": "/x/creds", **variables},
        cwd="/x",
        login_supported=False,
    )

    def load(path: str, kind: FileKind) -> FileView:
        return model.view() if path == model.path else FileView(path, kind, exists=False)

    return environment_problems(
        ResolutionState(env, read_files(env, load, lambda path: None), Outcomes()), model.path
    )


@settings(max_examples=examples(200), deadline=None)
@given(
    before=config(),
    creds=config(credentials=True),
    keys=st.lists(
        st.tuples(st.floats(0, 1), st.floats(0, 1), st.sampled_from(["a", "b", "s", "1", " ", ""])),
        min_size=1,
        max_size=12,
    ),
    in_credentials=st.lists(st.booleans(), min_size=12, max_size=12),
    names_only=st.booleans(),
)
def test_keystrokes_keep_credential_problems_equal_fresh_ones(
    before: str,
    creds: str,
    keys: list[tuple[float, float, str]],
    in_credentials: list[bool],
    names_only: bool,
) -> None:
    """Characters typed and deleted inside entries and headers of either file (`names_only`:
    in the names of headers), the edits that keep the layout or rename a section
    (`Model.edited` gives them a basis, `Basis.renamed` when the names stay unique): only the
    profiles they touched and those that read them are looked at again, and the problems
    and the profile map are the ones a fresh analysis finds."""
    models, kept = _analysed(before, creds)
    typed = (Kind.HEADER,) if names_only else (Kind.ENTRY, Kind.HEADER)
    for (where, column, char), other in zip(keys, in_credentials, strict=False):
        path = "/x/creds" if other else "/x/config"
        tree = models[path].tree
        lines = [i for i, line in enumerate(tree.lines()) if line.kind in typed]
        if not lines:
            continue
        line = lines[int(where * (len(lines) - 1))]
        text = tree.line(line).text
        col = int(column * len(text))
        if tree.line(line).kind is Kind.HEADER:  # inside the brackets (the name: past a space)
            start = text.find(" ") + 1 or 1 if names_only else 1
            col = max(start, min(col, text.index("]")))
        _type_and_compare(models, kept, path, line, col, char)


def _analysed(before: str, creds: str) -> tuple[dict[str, Model], Outcomes]:
    """The config (the readers first) and credentials files, their problems found once."""
    kept = Outcomes()
    models = {
        "/x/config": Model.from_text(READERS + before, FileKind.CONFIG, "/x/config"),
        "/x/creds": Model.from_text(creds, FileKind.CREDENTIALS, "/x/creds"),
    }
    _problems(models, kept)
    return models, kept


def _type_and_compare(
    models: dict[str, Model], kept: Outcomes, path: str, line: int, col: int, char: str
) -> None:
    """`char` typed at `col` of `line` in `path` ("" deletes the character there), then the
    credential problems and the profile map compared with a fresh analysis's."""
    model = models[path]
    text = model.tree.line(line).text
    end = col + (not char and col < len(text))
    models[path] = model.edited(model.tree.edit(Pos(line, col), Pos(line, end), char))
    again = _problems(models, kept)
    remembered = dict(_KEPT)
    _KEPT.clear()
    fresh = {path: Model.from_text(m.tree.text(), m.kind, path) for path, m in models.items()}
    assert again == _problems(fresh, Outcomes()), models["/x/config"].tree.text()
    assert _maps(models["/x/config"]) == _maps(fresh["/x/config"], "/x/fresh")
    _KEPT.clear()
    _KEPT.update(remembered)


def _maps(model: Model, path: str | None = None) -> list[object] | None:
    """The config's profile map as the state builds it (patched from the last one built for
    its path: `FileView.since`, or the same names), in botocore's order; at another `path`,
    built anew."""
    view = model.view()
    if view.sections is None:
        return None
    if path is not None:
        _BUILT.pop(path, None)
    built = load_config(path or model.path, view.sections, view.since)
    maps = (built.profiles, built.config_sections, built.sso_sessions, built.services)
    return [list(found.items()) for found in maps]


def _prelude_variables(mode: str) -> dict[str, str]:
    """Every variable the resolver's prelude reads, set (so it reads no profile first), with
    the IMDS endpoint mode `mode` (an invalid one raises there, before any provider)."""
    from aws_config_ls.resolution.credentials import _PRELUDE
    from aws_config_ls.resolution.settings import SETTINGS

    found = {SETTINGS[name].env_vars[0]: "1" for name in _PRELUDE}
    found[SETTINGS["ec2_metadata_service_endpoint_mode"].env_vars[0]] = mode
    found[SETTINGS["ec2_metadata_service_endpoint"].env_vars[0]] = "http://169.254.169.254"
    return found


REFUSED_LINES = ["oops", "[]", "source_profile = a\nsource_profile = b", "  [x", "=x"]


@settings(max_examples=examples(200), deadline=None)
@given(
    before=config(),
    creds=config(credentials=True),
    where=st.floats(0, 1),
    line=st.sampled_from(REFUSED_LINES),
    refused=st.sampled_from(["/x/config", "/x/creds"]),
    variables=st.sampled_from(
        [*ENVIRONMENTS, _prelude_variables("ipv4"), _prelude_variables("bogus")]
    ),
)
def test_a_refused_file_leaves_no_profile_a_credential_problem(
    before: str, creds: str, where: float, line: str, refused: str, variables: dict[str, str]
) -> None:
    """While botocore refuses either file, `credential_problems` resolves nothing: resolving
    every profile of either file, in any environment (the resolver's prelude read from
    variables only, or raising on one), finds no problem to place."""
    texts = {"/x/config": READERS + before, "/x/creds": creds}
    lines = texts[refused].split("\n")
    at = int(where * len(lines))
    texts[refused] = "\n".join([*lines[:at], *line.split("\n"), *lines[at:]])
    kinds = {"/x/config": FileKind.CONFIG, "/x/creds": FileKind.CREDENTIALS}
    models = {path: Model.from_text(text, kinds[path], path) for path, text in texts.items()}
    env = Environment(
        {"AWS_CONFIG_FILE": "/x/config", "AWS_SHARED_CREDENTIALS_FILE": "/x/creds", **variables},
        cwd="/x",
        login_supported=False,
    )

    def load(path: str, kind: FileKind) -> FileView:
        model = models.get(path)
        return FileView(path, kind, exists=False) if model is None else model.view()

    state = ResolutionState(env, read_files(env, load, lambda path: None), Outcomes())
    if models[refused].failure is None:
        return  # the line happened to be read (a continuation, a key of its own)
    assert state.full_config is None
    for model in models.values():
        assert _profile_problems_of(state, model, lambda *_: None) == [], texts[refused]
        assert credential_problems(state, model, lambda *_: None) == []


@settings(max_examples=examples(100), deadline=None)
@given(
    before=config(),
    creds=config(credentials=True),
    where=st.floats(0, 1),
    typed=st.sampled_from(["source_profile = a", "region = x", "sso_session = s", "oops", "[x"]),
    in_credentials=st.booleans(),
)
def test_typing_a_new_line_through_a_refused_file_keeps_problems_equal_fresh_ones(
    before: str, creds: str, where: float, typed: str, in_credentials: bool
) -> None:
    """Enter, then a new line typed key by key: botocore refuses the file until its `=` (the
    problems kept follow the edits meanwhile, `_follow`), and reads it again after; after
    every keystroke the problems and the profile map are a fresh analysis's."""
    models, kept = _analysed(before, creds)
    path = "/x/creds" if in_credentials else "/x/config"
    tree = models[path].tree
    if not tree.line_count:
        return
    line = int(where * (tree.line_count - 1))
    _type_and_compare(models, kept, path, line, len(tree.line(line).text), "\n")
    for col, char in enumerate(typed):
        _type_and_compare(models, kept, path, line + 1, col, char)
