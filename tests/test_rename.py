"""Rename and references: the name index, the refusals, and the differential test that botocore
reads the renamed files exactly as before, modulo the rename."""

from __future__ import annotations

import os
import tempfile
from typing import Any

import botocore.session
from botocore.configloader import load_config, raw_config_parse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from aws_config_ls.edit.names import find, name_at, occurrences
from aws_config_ls.edit.refusal import Refusal
from aws_config_ls.edit.rename import Edit, plan_rename, target_at
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.span import Pos
from tests.support.profiles import examples
from tests.support.strategies import entry_lines

CONFIG = """[default]
region = eu-west-1
[profile dev]
source_profile = default
[profile  "prod"]
source_profile = dev
sso_session = corp
include_profile = dev
region = dev
[sso-session corp]
sso_region = us-east-1
[services local]
s3 =
  endpoint_url = http://localhost
"""
CREDENTIALS = "[dev]\naws_access_key_id = AKIA\n[other]\nsource_profile = dev\n"


def models(config: str = CONFIG, credentials: str = CREDENTIALS) -> list[Model]:
    return [
        Model.from_text(config, FileKind.CONFIG, "/c"),
        Model.from_text(credentials, FileKind.CREDENTIALS, "/k"),
    ]


def apply(text: str, edits: list[Edit]) -> str:
    lines = text.split("\n")
    for edit in sorted(edits, reverse=True):
        line = lines[edit.span.start.line]
        lines[edit.span.start.line] = (
            line[: edit.span.start.col] + edit.text + line[edit.span.end.col :]
        )
    return "\n".join(lines)


def test_every_definition_and_reference_in_both_files() -> None:
    found = {(o.path, o.line, o.definition) for o in find(models(), "profiles", "dev")}
    # not `region = dev` (line 8): region names no profile
    assert found == {
        ("/c", 2, True),
        ("/c", 5, False),
        ("/c", 7, False),
        ("/k", 0, True),
        ("/k", 3, False),
    }
    assert [(o.line, o.definition) for o in find(models(), "sso_sessions", "corp")] == [
        (6, False),
        (9, True),
    ]
    config = models()[0]
    prod = name_at(config, Pos(4, 0))
    assert prod is not None and prod.name == "prod" and prod.span is not None
    assert config.tree.line(4).text[prod.span.start.col : prod.span.end.col] == '"prod"'
    assert name_at(config, Pos(5, 3)) is None  # on the key, not the value
    assert name_at(config, Pos(8, 12)) is None


def test_rename_edits_headers_and_references_in_both_files() -> None:
    plan = plan_rename(models(), "profiles", "dev", "develop")
    assert not isinstance(plan, Refusal)
    assert apply(CREDENTIALS, plan["/k"]) == CREDENTIALS.replace("dev", "develop")
    renamed = apply(CONFIG, plan["/c"])
    assert "[profile develop]" in renamed and "include_profile = develop" in renamed
    assert "region = dev" in renamed
    quoted = plan_rename(models(), "profiles", "prod", "p2")
    assert not isinstance(quoted, Refusal)
    assert '[profile  "p2"]' in apply(CONFIG, quoted["/c"])  # quoted as it was


def test_a_value_botocore_never_reads_as_nested_does_not_block_a_rename() -> None:
    # [DEFAULT] is not among configparser's sections, so botocore never parses its values as
    # nested ones; the file reads fine before and after (found by the differential test below).
    config = "[DEFAULT]\nsource_profile = dev\nregion = \n us-east-1\n"
    plan = plan_rename(models(config, "\n"), "profiles", "dev", "renamed")
    assert not isinstance(plan, Refusal), plan
    after = apply(config, plan["/c"])
    assert after == config.replace("= dev", "= renamed")
    assert botocore_reads(after, "\n") == renamed(
        botocore_reads(config, "\n"), "profiles", "dev", "renamed"
    )


def test_a_quoted_reference_is_renamed_as_written() -> None:
    # botocore unquotes a header's name (shlex) but reads a value as written: `"quoted"` in a
    # value names the sso-session '"quoted"', and renaming it writes the new name bare
    credentials = '[DEFAULT]\nsso_session = "quoted"\n[profile dev]\n'
    plan = plan_rename(models("[default]\n", credentials), "sso_sessions", '"quoted"', "renamed")
    assert not isinstance(plan, Refusal), plan
    assert apply(credentials, plan["/k"]) == credentials.replace('"quoted"', "renamed")


def test_a_credentials_header_is_renamed_as_written() -> None:
    # botocore reads a credentials file's section names as written (raw_config_parse; no shlex
    # as build_profile_map does in the config file): `["dev"]` is the profile '"dev"', and
    # renaming it writes the new name bare (found by the differential test below)
    credentials = '["dev"]\nregion = x\n'
    plan = plan_rename(models("[default]\n", credentials), "profiles", '"dev"', "renamed")
    assert not isinstance(plan, Refusal), plan
    assert apply(credentials, plan["/k"]) == "[renamed]\nregion = x\n"


def test_refusals_say_why() -> None:
    config = models()[0]
    default = target_at(config, Pos(0, 2))
    assert isinstance(default, Refusal) and "default profile" in default.message
    assert isinstance(target_at(config, Pos(1, 2)), Refusal)  # region is no name
    dropped = target_at(models("[profile a b]\n")[0], Pos(0, 3))
    assert isinstance(dropped, Refusal) and "botocore drops" in dropped.message
    cases = {
        "prod": "already exists",
        "a b": "whitespace",
        "it's": "quote",
        "x]": "bracket",
        "": "empty",
        "DEFAULT": "configparser",
        "default": "none is chosen",
    }
    for new, why in cases.items():
        refused = plan_rename(models(), "profiles", "dev", new)
        assert isinstance(refused, Refusal) and why in refused.message, (new, refused)
    broken = plan_rename(models(CONFIG + "[profile dev]\n"), "profiles", "dev", "x")
    assert isinstance(broken, Refusal) and "DuplicateSectionError" in broken.message
    spelled = plan_rename(models(CONFIG + "[profile\tx]\n"), "profiles", "dev", "x")
    assert isinstance(spelled, Refusal) and "already exists" in spelled.message
    # `\a` is shlex's `a`: both headers would become `[profile b]`
    merged = plan_rename(models("[profile a]\n[profile \\a]\n"), "profiles", "a", "b")
    assert isinstance(merged, Refusal) and "twice" in merged.message


# -- differential: botocore before and after -------------------------------------------------

DEFAULT = ("profiles", "default")  # refused: test_refusals_say_why
NAMES = ["dev", "prod", "corp", "a", "it's", "ü"]
NEW = ["renamed", "renamed", "dev2", "ü2", "prod", "a", "x y", "default", "DEFAULT", "n'q"]


@st.composite
def aws_files(draw: st.DrawFn) -> tuple[str, str]:
    """A config and a credentials file dense in names and references, mostly readable, in the
    spellings real files have: quotes, odd spacing and case, tabs, comments, CRLF."""
    name = st.sampled_from(NAMES)
    keys = ["source_profile", "sso_session", "services", "include_profile", "region", "s3"]
    written = ["{}", "{}", "{}", '"{}"', "'{}'", "{} ; c", "{}\t", "{} # c"]

    def section(header: str) -> list[str]:
        lines = [header]
        for key in draw(st.lists(st.sampled_from(keys), max_size=4, unique=True)):
            if key == "s3":
                lines += ["s3 =", f"  source_profile = {draw(name)}"]
            else:
                delim = draw(st.sampled_from([" = ", "=", " : ", "  =  ", "\t=\t"]))
                value = draw(st.sampled_from(written)).format(draw(name))
                comment = draw(st.sampled_from(["", "", "", "  # c"]))
                lines.append(f"{key}{delim}{value}{comment}")
        if draw(st.integers(0, 9)) == 0:
            lines.extend(draw(entry_lines()))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["# c", "; c", "", "\t"])))
        return lines

    spellings = ["[profile {}]", "[profile  {}]", '[profile "{}"]', "[profile\t{} ]", "[{}]"]
    spellings += ["[sso-session {}]", "[services {}]", "[profile '{}']", "[Profile {}]"]
    spellings += ["[profile {}] # c", "[sso-session  {}]", '[services "{}"]', " [profile {}]"]
    config_headers = st.one_of(
        st.sampled_from(["[default]", "[DEFAULT]", "[profile default]"]),
        st.builds(str.format, st.sampled_from(spellings), name),
    )
    credential_headers = st.one_of(
        st.sampled_from(["[default]", "[DEFAULT]"]),
        name.flatmap(lambda n: st.sampled_from([f"[{n}]", f"[profile {n}]", f'["{n}"]'])),
    )
    config = draw(st.lists(config_headers, min_size=1, max_size=6, unique=True))
    credentials = draw(st.lists(credential_headers, max_size=3, unique=True))
    eol = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return (
        eol.join(line for h in config for line in section(h)) + eol,
        eol.join(line for h in credentials for line in section(h)) + eol,
    )


def botocore_reads(config: str, credentials: str) -> dict[str, Any]:
    """botocore's reading of a pair of files: load_config, the credentials file's sections,
    and the session's merged profile map (every profile's values, as resolution reads them)."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = os.path.join(tmp, "config"), os.path.join(tmp, "credentials")
        for path, text in zip(paths, (config, credentials), strict=True):
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        session = botocore.session.Session(session_vars={})
        session.set_config_variable("config_file", paths[0])
        session.set_config_variable("credentials_file", paths[1])
        return {
            "config": load_config(paths[0]),
            "credentials": raw_config_parse(paths[1]),
            "profiles": session.full_config["profiles"],
        }


def renamed(reads: dict[str, Any], group: str, old: str, new: str) -> dict[str, Any]:
    """What botocore must read after the rename: the group's key and every reference to it."""
    keys = {"profiles": ("source_profile", "include_profile"), "sso_sessions": ("sso_session",)}
    refs = keys.get(group, ("services",))

    def values(section: Any) -> Any:
        if not isinstance(section, dict):
            return section
        return {k: new if k in refs and v == old else v for k, v in section.items()}

    def names(sections: dict[str, Any]) -> dict[str, Any]:
        return {(new if k == old else k): values(v) for k, v in sections.items()}

    groups = ("profiles", "sso_sessions", "services")
    config = {k: values(v) for k, v in reads["config"].items() if k not in groups}
    for g in groups:
        sections = {k: values(v) for k, v in reads["config"][g].items()}
        config[g] = names(sections) if g == group else sections
    credentials = {k: values(v) for k, v in reads["credentials"].items()}
    profiles = {k: values(v) for k, v in reads["profiles"].items()}
    if group == "profiles":
        credentials, profiles = names(credentials), names(profiles)
    return {"config": config, "credentials": credentials, "profiles": profiles}


@settings(max_examples=examples(1000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(aws_files(), st.data())
def test_renamed_files_read_the_same_modulo_the_rename(
    files: tuple[str, str], data: st.DataObject
) -> None:
    config, credentials = files
    pair = models(config, credentials)
    written = sorted({(o.group, o.name) for m in pair for o in occurrences(m)} - {DEFAULT})
    group, old = data.draw(st.sampled_from(written or [("profiles", "dev")]))
    new = data.draw(st.sampled_from(NEW))
    plan = plan_rename(pair, group, old, new)
    if isinstance(plan, Refusal):
        event(f"refused: {plan.message.split(':')[0][:40]}")
        assert "change what botocore reads" not in plan.message, (files, group, old, new)
        return
    event("renamed" if plan else "nothing to rename")
    if not plan:
        return
    before = botocore_reads(config, credentials)
    after = botocore_reads(
        apply(config, plan.get("/c", [])), apply(credentials, plan.get("/k", []))
    )
    assert after == renamed(before, group, old, new)
