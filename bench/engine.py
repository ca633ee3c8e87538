"""Engine benchmark: full analysis and re-analysis after an edit, as ratios to botocore.

    python bench/engine.py [--profiles 250,2500,25000] [--repeat 7] [--cpu]

Generates configs of 10 lines per profile (SSO profiles with nested `s3` blocks, one naming a
missing source profile), then times, in the same run (fastest of N runs taken in turn, garbage
collection paused as timeit does, caches cleared): botocore's `load_config` on the file
(`raw_config_parse` and `build_profile_map`); our engine (read, parse, model, botocore's
failure, parse-level problems); the full local analysis with key and value checks; every
problem of the file on open (every profile resolved); and after a one-character edit of the
missing name, the local re-analysis and every problem again (only the edited profile is
resolved again); and formatting (read, parse and format; an open file; one where every `=`
needs spaces).
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from botocore.configloader import load_config, raw_config_parse

from aws_config_ls.checks import semantics, structure
from aws_config_ls.checks.analysis import file_problems
from aws_config_ls.checks.structure import structure_problems
from aws_config_ls.edit.formatting import format_text
from aws_config_ls.ini import model as model_module
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model, classify
from aws_config_ls.ini.span import Pos
from aws_config_ls.resolution import state as state_module
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace


def generate(profiles: int, broken: bool = False, warn: bool = False) -> str:
    """`profiles` SSO profiles (10 lines each); `broken`: the middle one also names a missing
    source profile, a problem only resolution finds; `warn`: every other profile misspells
    `output` (an unknown-key warning on each)."""
    parts = [
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
        "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n"
    ]
    for i in range(profiles):
        if broken and i == profiles // 2:
            parts.append(  # ten lines too: the profile headers stay on lines 5 + 10 i
                f"[profile team-{i}]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = nope\n"
                "region = us-east-1\noutput = json\nduration_seconds = 3600\ns3 =\n"
                "  max_concurrent_requests = 20\n  addressing_style = path\n\n"
            )
            continue
        parts.append(
            f"[profile team-{i}]\n"
            "sso_session = corp\n"
            f"sso_account_id = {100000000000 + i}\n"
            "sso_role_name = Developer\n"
            "region = us-east-1\n"
            f"{'outptu' if warn else 'output'} = json\n"
            "s3 =\n"
            "  max_concurrent_requests = 20\n"
            "  addressing_style = path\n"
            "\n"
        )
    return "".join(parts)


clock = time.perf_counter  # --cpu: time.process_time


def best(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """Fastest of `repeat` runs of each, in seconds, run in turn (ABCABC…) so that whatever
    else the machine does disturbs them alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, spent in zip(fns, times, strict=True):
            gc.collect()
            gc.disable()  # as timeit does: a collection would land on whoever runs next
            began = clock()
            fn()
            spent.append(clock() - began)
            gc.enable()
    return [min(spent) for spent in times]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", default="250,2500", help="sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time this process's CPU rather than the wall clock (a machine others share)",
    )
    args = parser.parse_args()
    if args.cpu:
        global clock
        clock = time.process_time
    for size in (int(n) for n in args.profiles.split(",")):
        # 250k lines: a third of the repetitions, or one run takes minutes on 2 cores
        measure(size, args.repeat if size <= 2500 else max(2, args.repeat // 3))


def measure(profiles: int, repeat: int) -> None:
    text = generate(profiles, broken=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "config"
        path.write_text(text)
        lines = text.count("\n")
        env = Environment(
            {"AWS_CONFIG_FILE": str(path), "AWS_SHARED_CREDENTIALS_FILE": str(Path(tmp) / "c")},
            cwd=tmp,
        )
        kept = getattr(state_module, "OUTCOMES", None)  # absent before incremental resolution
        # the shared names, values and records too (classify's cache alone before them)
        forget = getattr(model_module, "clear_cache", classify.cache_clear)

        def cold() -> Model:
            """A file never seen before: no cached names, values or outcomes of earlier runs."""
            forget()
            semantics.clear_cache()
            structure.clear_cache()
            if kept is not None:
                kept.clear()
            return Model.from_bytes(path.read_bytes(), FileKind.CONFIG, str(path))

        def engine() -> None:
            model = cold()
            model.failure  # noqa: B018
            structure_problems(model)

        def full() -> None:
            model = cold()
            model.failure  # noqa: B018
            file_problems(model)

        def opened() -> None:
            model = cold()
            Workspace(env, lambda p, kind: model if p == str(path) else None).problems(model)

        model = Model.from_bytes(path.read_bytes(), FileKind.CONFIG, str(path))
        Workspace(env, lambda p, kind: model if p == str(path) else None).problems(model)
        line = text.splitlines().index("source_profile = nope")
        state = {"model": model, "flip": False}

        def edited() -> Model:
            # type one character at the end of a missing profile's name, then take it back
            old = state["model"]
            assert isinstance(old, Model)
            col = len(old.tree.line(line).text)
            if state["flip"]:
                tree = old.tree.edit(Pos(line, col - 1), Pos(line, col), "")
            else:
                tree = old.tree.edit(Pos(line, col), Pos(line, col), "x")
            state["flip"] = not state["flip"]
            new = state["model"] = old.edited(tree)  # as the server does
            return new

        def local_edit() -> None:
            file_problems(edited())

        def complete_edit() -> None:
            new = edited()
            problems = Workspace(env, lambda p, kind: new if p == str(path) else None).problems(new)
            assert any(p.code == "unknown-source-profile" for p in problems)

        parsed = Model.from_bytes(path.read_bytes(), FileKind.CONFIG, str(path))
        parsed.failure  # noqa: B018
        messy = Model.from_text(text.replace(" = ", "="), FileKind.CONFIG, str(path))
        messy.failure  # noqa: B018

        def read_and_format() -> None:
            format_text(cold())

        raw, botocore, parse_only, ours, open_time, formatted, tidy, untidy = best(
            [
                lambda: raw_config_parse(str(path)),
                lambda: load_config(str(path)),
                engine,
                full,
                opened,
                read_and_format,
                lambda: format_text(parsed),
                lambda: format_text(messy),
            ],
            repeat,
        )
        # each its own sequence of keystrokes, as the server makes them: every version of the
        # one gets the local analysis, of the other every problem
        (again,) = best([local_edit], repeat * 3)
        (complete,) = best([complete_edit], repeat * 3)

    print(f"file: {lines} lines, {profiles} profiles, {len(text) / 1e6:.2f} MB, best of {repeat}")
    print(f"{'botocore load_config (raw_config_parse too):':48} {botocore * 1e3:8.2f} ms  (1.000x)")
    rows = [
        ("botocore raw_config_parse alone", raw, ""),
        ("engine: parse, model, parse-level problems", parse_only, f"{parse_only / raw:.2f}x raw"),
        ("full local analysis, key and value checks", ours, ""),
        ("open: every problem (resolution included)", open_time, "target <= 2x"),
        ("edit: local re-analysis", again, "target <= 0.05x"),
        ("edit: every problem (resolution included)", complete, ""),
        ("format: read, parse and format the file", formatted, f"{formatted / raw:.2f}x raw"),
        ("format an open (parsed) file", tidy, ""),
        ("format it with every `=` unspaced", untidy, ""),
    ]
    for name, seconds, target in rows:
        print(f"{name + ':':48} {seconds * 1e3:8.2f} ms  ({seconds / botocore:.3f}x)  {target}")


if __name__ == "__main__":
    main()
