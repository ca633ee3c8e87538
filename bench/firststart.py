"""The server's first start as an editor meets it, beside the trivial server in the same run.

    python bench/firststart.py [--runs 7] [--bundle client-vscode/bundled/libs]

Process spawn → `initialize` answered, and spawn → the first publishDiagnostics after didOpen
of a small config (ours: the one with its `unknown-key` warning; the trivial server's, from
bench/server.py, is empty), through a real stdio client (pytest-lsp's VS Code), fastest of N
runs taken in turn, on a cold user cache. With `--bundle` (the extension's bundled/libs, after
`npm run bundle:python`), both servers also run from a fresh copy of it without bytecode, as
the extension's first start after an install does (Python compiles every module it imports
then), and again with the bytecode that start wrote, as every later start.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import Session, sandbox

CONFIG = "[default]\nregion = us-east-1\n\n[profile dev]\nregoin = us-west-2\n"


async def first_start(command: list[str], env: dict[str, str], path: Path) -> dict[str, float]:
    """Seconds from spawn to `initialize` answered, and to the first diagnostics of `path`."""
    trivial = command[-1].endswith("trivial.py")
    session = Session(trivial)
    client = session.client
    began = time.perf_counter()
    await client.start_io(*command, env=env, cwd=path.parent)  # -m: not this checkout first
    await client.initialize_session(
        types.InitializeParams(capabilities=_vs_code(), initialization_options={"awsConfig": {}})
    )
    out = {"initialize": time.perf_counter() - began}
    await session.opened(path, CONFIG, "regoin", 60)
    out["diagnostics"] = time.perf_counter() - began
    await client.shutdown_session()
    await client.stop()
    return out


def _vs_code() -> types.ClientCapabilities:
    """pytest-lsp's recorded VS Code, without dynamic registration of file watchers (its
    client does not answer client/registerCapability; nothing measured here waits on it)."""
    from pytest_lsp import client_capabilities

    capabilities = client_capabilities("visual-studio-code")
    if capabilities.workspace is not None:
        capabilities.workspace.did_change_watched_files = None
    return capabilities


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7, help="fastest of N runs, per figure")
    parser.add_argument("--bundle", type=Path, help="the extension's bundled/libs, to copy")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        path, trivial, env = sandbox(home, CONFIG)
        servers = {
            "trivial": [sys.executable, str(trivial)],
            "ours": [sys.executable, "-m", "aws_config_ls", "serve"],
        }
        setups = ["installed"] + (
            ["bundle, no bytecode", "bundle, its bytecode"] if args.bundle else []
        )
        best: dict[tuple[str, str, str], float] = {}
        for run in range(args.runs):
            for name, command in servers.items():
                libs = home / f"libs-{run}-{name}"
                if args.bundle:
                    shutil.copytree(args.bundle, libs, ignore=shutil.ignore_patterns("__pycache__"))
                for setup in setups:
                    cold = {**env, "XDG_CACHE_HOME": str(home / f"cache-{run}-{name}-{setup}")}
                    if setup != "installed":
                        cold["PYTHONPATH"] = str(libs)
                    got = await first_start(command, cold, path)
                    for measure, seconds in got.items():
                        key = (setup, measure, name)
                        best[key] = min(seconds, best.get(key, seconds))
    print(f"first start, fastest of {args.runs} runs, cold user cache")
    print(f"{'':44} {'trivial':>9} {'aws-config-ls':>14} {'ratio':>6}")
    for setup in setups:
        for measure in ("initialize", "diagnostics"):
            base, ours = best[(setup, measure, "trivial")], best[(setup, measure, "ours")]
            label = (
                f"{setup}: spawn -> {measure if measure == 'initialize' else 'first diagnostics'}"
            )
            print(f"{label:44} {base * 1e3:7.0f}ms {ours * 1e3:12.0f}ms {ours / base:5.2f}x")


if __name__ == "__main__":
    asyncio.run(main())
