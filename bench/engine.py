"""Engine benchmark: full analysis and re-analysis after an edit, as ratios to botocore.

    python bench/engine.py [--profiles 2500] [--repeat 7]

Generates a 25,000-line config (SSO profiles with nested `s3` blocks), then times, in the
same run (fastest of N runs taken in turn, garbage collection paused as timeit does, caches
cleared): botocore's bare `raw_config_parse` on the file; our
engine (read, parse, model, botocore's failure, parse-level problems); the full analysis with
key and value checks; the re-analysis after a one-character edit in the middle; and formatting
(read, parse and format; an open file; one where every `=` needs spaces).
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from botocore.configloader import raw_config_parse

from aws_config_ls.checks import semantics
from aws_config_ls.checks.analysis import analyze
from aws_config_ls.checks.structure import structure_problems
from aws_config_ls.edit.formatting import format_text
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model, classify
from aws_config_ls.ini.span import Pos


def generate(profiles: int) -> str:
    parts = [
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
        "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n"
    ]
    for i in range(profiles):
        parts.append(
            f"[profile team-{i}]\n"
            "sso_session = corp\n"
            f"sso_account_id = {100000000000 + i}\n"
            "sso_role_name = Developer\n"
            "region = us-east-1\n"
            "output = json\n"
            "s3 =\n"
            "  max_concurrent_requests = 20\n"
            "  addressing_style = path\n"
            "\n"
        )
    return "".join(parts)


def best(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """Fastest of `repeat` runs of each, in seconds, run in turn (ABCABC…) so that whatever
    else the machine does disturbs them alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, spent in zip(fns, times, strict=True):
            gc.collect()
            gc.disable()  # as timeit does: a collection would land on whoever runs next
            began = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - began)
            gc.enable()
    return [min(spent) for spent in times]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=2500)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    text = generate(args.profiles)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "config"
        path.write_text(text)
        lines = text.count("\n")

        def cold() -> Model:
            """A file never seen before: no cached names or values from earlier runs."""
            classify.cache_clear()
            semantics.clear_cache()
            return Model.from_bytes(path.read_bytes(), FileKind.CONFIG, str(path))

        def engine() -> None:
            model = cold()
            model.failure  # noqa: B018
            structure_problems(model)

        def full() -> None:
            model = cold()
            model.failure  # noqa: B018
            analyze(model)

        model = Model.from_bytes(path.read_bytes(), FileKind.CONFIG, str(path))
        analyze(model)
        middle = lines // 2
        state = {"model": model, "flip": False}

        def edit() -> None:
            # type one character in the middle of a value, then take it back next time
            old = state["model"]
            assert isinstance(old, Model)
            line = old.tree.line(middle)
            col = len(line.text)
            if state["flip"]:
                tree = old.tree.edit(Pos(middle, col - 1), Pos(middle, col), "")
            else:
                tree = old.tree.edit(Pos(middle, col), Pos(middle, col), "x")
            state["flip"] = not state["flip"]
            new = Model(tree, FileKind.CONFIG, str(path))
            analyze(new)
            state["model"] = new

        parsed = Model.from_bytes(path.read_bytes(), FileKind.CONFIG, str(path))
        parsed.failure  # noqa: B018
        messy = Model.from_text(text.replace(" = ", "="), FileKind.CONFIG, str(path))
        messy.failure  # noqa: B018

        def read_and_format() -> None:
            format_text(cold())

        botocore, parse_only, ours, formatted, tidy, untidy = best(
            [
                lambda: raw_config_parse(str(path)),
                engine,
                full,
                read_and_format,
                lambda: format_text(parsed),
                lambda: format_text(messy),
            ],
            args.repeat,
        )
        [again] = best([edit], args.repeat * 5)

    print(f"file: {lines} lines, {args.profiles} profiles, {len(text) / 1e6:.2f} MB")
    print(f"{'botocore raw_config_parse:':44} {botocore * 1e3:8.2f} ms  (1.000x)")
    rows = [
        ("engine: parse, model, parse-level problems", parse_only, "target <= 1.0x"),
        ("full analysis, key and value checks too", ours, ""),
        ("re-analysis after a one-character edit", again, "target <= 0.05x"),
        ("format: read, parse and format the file", formatted, "target <= 1.0x"),
        ("format an open (parsed) file", tidy, ""),
        ("format it with every `=` unspaced", untidy, ""),
    ]
    for name, seconds, target in rows:
        print(f"{name + ':':44} {seconds * 1e3:8.2f} ms  ({seconds / botocore:.3f}x)  {target}")


if __name__ == "__main__":
    main()
