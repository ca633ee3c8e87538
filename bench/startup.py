"""Process start-up benchmark: the CLI against bare Python and botocore's parser import.

    python bench/startup.py [--repeat 7] [--cpu]

Fastest of N runs of each command, taken in turn, on a cold user cache (XDG_CACHE_HOME set
to an empty directory), so that the figures include what a first start costs. Set PYTHONPATH
(an absolute path: the commands run in a temporary directory) to measure another checkout of
aws-config-ls.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SMALL = """[default]
region = us-east-1
output = json

[profile dev]
source_profile = default
role_arn = arn:aws:iam::123456789012:role/dev
region = eu-west-1

[profile sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile ci]
credential_process = /usr/local/bin/creds
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="the process's CPU time (user + system) rather than the wall clock",
    )
    args = parser.parse_args()
    clock = _children_cpu if args.cpu else time.perf_counter
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config"
        config.write_text(SMALL)
        py = [sys.executable]
        commands = {
            "python -c pass": [*py, "-c", "pass"],
            "import botocore.configloader": [*py, "-c", "import botocore.configloader"],
            "aws-config-ls --version": [*py, "-m", "aws_config_ls", "--version"],
            "aws-config-ls --help": [*py, "-m", "aws_config_ls", "--help"],
            "aws-config-ls check (20 lines)": [*py, "-m", "aws_config_ls", "check", str(config)],
        }
        best = {name: float("inf") for name in commands}
        for run in range(args.repeat):
            for name, command in commands.items():
                cold = Path(tmp) / f"cache-{run}-{len(name)}"  # a user cache never filled
                env = {**os.environ, "XDG_CACHE_HOME": str(cold), "HOME": tmp}
                began = clock()
                # in the temporary directory: `-m` puts the working directory before
                # PYTHONPATH, and this checkout's package would shadow the one measured
                subprocess.run(command, env=env, capture_output=True, check=False, cwd=tmp)
                best[name] = min(best[name], clock() - began)
    bare, botocore = best["python -c pass"], best["import botocore.configloader"]
    print(f"fastest of {args.repeat} runs, cold user cache{', CPU time' if args.cpu else ''}")
    for name, seconds in best.items():
        print(
            f"{name:32} {seconds * 1e3:8.1f} ms  {seconds / bare:5.2f}x bare python  "
            f"{seconds / botocore:5.2f}x botocore import"
        )


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


if __name__ == "__main__":
    main()
