"""Hover and completion round trips of several checkouts and the trivial server, asked in turn.

    python bench/roundtrip.py [--profiles 2500] [--rounds 300] [--list-defaults] [--column 1]
        CHECKOUT ...

Every server has the same generated config open (bench/engine.py's, 10 lines per profile);
each round asks each server in turn for a hover and a completion at the same place (`--column`
of a line spread over the file: 1 by default, a key's first letter typed on most lines; 0, the
start of the line, asks for every key with the whole key to replace), so that a machine shared
with other jobs slows them alike:
p50 and p95 per server, and their ratio to the trivial server's (bench/server.py's TRIVIAL).
A CHECKOUT is a directory holding `aws_config_ls`, put first on the server's PYTHONPATH.
The client is pytest-lsp's recorded VS Code (1.65); `--list-defaults` adds what later VS Code
versions declare, completion lists' item defaults (`completionList.itemDefaults`).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

sys.path.insert(0, str(Path(__file__).resolve().parent))
from engine import generate
from server import Session, p, sandbox

REQUESTS = ("hover", "completion")


async def start(
    command: list[str], env: dict[str, str], path: Path, list_defaults: bool
) -> LanguageClient:
    """A server with `path` open and its first publication received."""
    session = Session(trivial=True)
    client = session.client
    await client.start_io(*command, env=env, cwd=path.parent)  # -m: not this checkout first
    capabilities = client_capabilities("visual-studio-code")
    if list_defaults:
        assert capabilities.text_document and capabilities.text_document.completion
        capabilities.text_document.completion.completion_list = types.CompletionListCapabilities(
            item_defaults=["editRange", "data"]
        )
    await client.initialize_session(types.InitializeParams(capabilities=capabilities))
    await session.opened(path, path.read_text(), None, 300)
    return client


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=2500)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--list-defaults", action="store_true")
    parser.add_argument("--column", type=int, default=1)
    parser.add_argument("checkouts", nargs="+", metavar="CHECKOUT")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, trivial, env = sandbox(Path(tmp), generate(args.profiles, broken=True))
        defaults = args.list_defaults
        servers = {"trivial": await start([sys.executable, str(trivial)], env, path, defaults)}
        for checkout in args.checkouts:
            command = [sys.executable, "-m", "aws_config_ls", "serve"]
            servers[checkout] = await start(
                command, {**env, "PYTHONPATH": str(Path(checkout).resolve())}, path, defaults
            )
        await asyncio.sleep(3.0)  # the deferred work after the first publication
        lines = args.profiles * 10 + 5
        times = {name: {r: [] for r in REQUESTS} for name in servers}
        doc = types.TextDocumentIdentifier(uri=path.as_uri())
        for i in range(args.rounds):
            at = types.Position(10 + (i * 97) % (lines - 20), args.column)
            for name, client in servers.items():
                began = time.perf_counter()
                await client.text_document_hover_async(
                    types.HoverParams(text_document=doc, position=at)
                )
                times[name]["hover"].append(time.perf_counter() - began)
                began = time.perf_counter()
                await client.text_document_completion_async(
                    types.CompletionParams(text_document=doc, position=at)
                )
                times[name]["completion"].append(time.perf_counter() - began)
        for client in servers.values():
            await client.shutdown_session()
            await client.stop()
    print(f"{lines} lines, {args.rounds} rounds at column {args.column}, servers asked in turn")
    for request in REQUESTS:
        base = times["trivial"][request]
        for name, spent in times.items():
            p50, p95 = p(spent[request], 0.5), p(spent[request], 0.95)
            print(
                f"{request:10} {name:30} p50 {p50 * 1e3:6.2f} ms ({p50 / p(base, 0.5):5.2f}x)"
                f"  p95 {p95 * 1e3:6.2f} ms ({p95 / p(base, 0.95):5.2f}x)"
            )


if __name__ == "__main__":
    asyncio.run(main())
