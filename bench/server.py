"""Server benchmark through a real stdio client, against a trivial pygls server in the same run.

    python bench/server.py [--profiles 2500] [--edits 60]

On the generated 25,000-line config: `initialize` round trip, didChange → publishDiagnostics
(p50/p95), hover and completion round trips (p95), resident memory with the file open, and
the p95 of the navigation and editing requests (references, rename, folding, semantic tokens
of a visible range, code lens, inlay hints, formatting) of aws-config-ls alone.
The trivial server scans the lines on each change and answers hover with a constant.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

sys.path.insert(0, str(Path(__file__).resolve().parent))
from engine import generate

TRIVIAL = """
from lsprotocol import types
from pygls.lsp.server import LanguageServer
import logging
server = LanguageServer("trivial", "0")

def scan(ls, uri, version):
    doc = ls.workspace.get_text_document(uri)
    found = [i for i, line in enumerate(doc.lines) if line.startswith("!")]
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
        uri=uri, version=version, diagnostics=[]))

@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls, params):
    scan(ls, params.text_document.uri, params.text_document.version)

@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls, params):
    scan(ls, params.text_document.uri, params.text_document.version)

@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls, params):
    return types.Hover(contents=types.MarkupContent(kind="markdown", value="hover"))

@server.feature(types.TEXT_DOCUMENT_COMPLETION)
def completion(ls, params):
    return types.CompletionList(is_incomplete=False, items=[types.CompletionItem(label="x")])

logging.basicConfig(level=logging.WARNING)
server.start_io()
"""


NAVIGATION = (
    "references",
    "rename",
    "folding",
    "tokens_range",
    "code_lens",
    "lens_resolve",
    "inlay_hints",
    "formatting",
)


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(
    command: list[str], env: dict[str, str], path: Path, edits: int, ours: bool = False
) -> dict[str, float]:
    client: LanguageClient = make_test_lsp_client()
    await client.start_io(*command, env=env)
    began = time.perf_counter()
    await client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    init = time.perf_counter() - began
    uri = path.as_uri()
    text = path.read_text()
    lines = text.splitlines()
    middle = len(lines) // 2

    async def diagnostics(version: int) -> None:
        while True:
            got = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if got.uri == uri and got.version == version:
                return

    waiter = asyncio.ensure_future(diagnostics(1))
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="aws-config", version=1, text=text
            )
        )
    )
    await asyncio.wait_for(waiter, 60)
    change_times = []
    col = len(lines[middle])
    for version in range(2, edits + 2):
        typed = version % 2 == 0
        change = types.TextDocumentContentChangePartial(
            range=types.Range(
                start=types.Position(middle, col),
                end=types.Position(middle, col if typed else col + 1),
            ),
            text="x" if typed else "",
        )
        waiter = asyncio.ensure_future(diagnostics(version))
        began = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change],
            )
        )
        await asyncio.wait_for(waiter, 60)
        change_times.append(time.perf_counter() - began)
    hover_times, completion_times = [], []
    doc = types.TextDocumentIdentifier(uri=uri)
    for i in range(edits):
        line = 10 + (i * 97) % (len(lines) - 20)
        began = time.perf_counter()
        await client.text_document_hover_async(
            types.HoverParams(text_document=doc, position=types.Position(line, 1))
        )
        hover_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        await client.text_document_completion_async(
            types.CompletionParams(text_document=doc, position=types.Position(line, 1))
        )
        completion_times.append(time.perf_counter() - began)
    navigation = await _navigation(client, uri, len(lines), edits) if ours else {}
    rss = _rss(client)
    await client.shutdown_session()
    await client.stop()
    return {
        "initialize": init,
        "change_p50": statistics.median(change_times),
        "change_p95": p(change_times, 0.95),
        "hover_p95": p(hover_times, 0.95),
        "completion_p95": p(completion_times, 0.95),
        "rss_mb": rss,
        **navigation,
    }


async def _navigation(
    client: LanguageClient, uri: str, line_count: int, count: int
) -> dict[str, float]:
    """p95 of the navigation and editing requests on profile headers spread over the file
    (the generated profile i has its header on line 5 + 10 i) and 50-line visible ranges."""
    doc = types.TextDocumentIdentifier(uri=uri)
    profiles = (line_count - 5) // 10
    times: dict[str, list[float]] = {}

    async def timed(name: str, request: Any) -> Any:
        began = time.perf_counter()
        result = await request
        times.setdefault(name, []).append(time.perf_counter() - began)
        return result

    for i in range(count):
        header = types.Position(5 + 10 * ((i * 37) % profiles), 10)
        top = (i * 977) % (line_count - 50)
        visible = types.Range(start=types.Position(top, 0), end=types.Position(top + 50, 0))
        await timed(
            "references",
            client.text_document_references_async(
                types.ReferenceParams(
                    text_document=doc,
                    position=header,
                    context=types.ReferenceContext(include_declaration=True),
                )
            ),
        )
        await timed(
            "rename",
            client.text_document_rename_async(
                types.RenameParams(text_document=doc, position=header, new_name=f"renamed-{i}")
            ),
        )
        await timed(
            "folding",
            client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc)),
        )
        await timed(
            "tokens_range",
            client.text_document_semantic_tokens_range_async(
                types.SemanticTokensRangeParams(text_document=doc, range=visible)
            ),
        )
        lenses = await timed(
            "code_lens",
            client.text_document_code_lens_async(types.CodeLensParams(text_document=doc)),
        )
        await timed("lens_resolve", client.code_lens_resolve_async(lenses[(i * 37) % profiles]))
        await timed(
            "inlay_hints",
            client.text_document_inlay_hint_async(
                types.InlayHintParams(text_document=doc, range=visible)
            ),
        )
    options = types.FormattingOptions(tab_size=2, insert_spaces=True)
    for _ in range(5):
        await timed(
            "formatting",
            client.text_document_formatting_async(
                types.DocumentFormattingParams(text_document=doc, options=options)
            ),
        )
    return {name: p(spent, 0.95) for name, spent in times.items()}


def _rss(client: LanguageClient) -> float:
    server = getattr(client, "_server", None)
    if server is None:
        return float("nan")
    try:
        for line in Path(f"/proc/{server.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def in_process(path: Path, env: dict[str, str], count: int) -> dict[str, float]:
    """The same requests without the client's decoding: the feature function and the
    encoding of its answer to JSON, as the server spends them (p95)."""
    import json

    from pygls.protocol import default_converter

    from aws_config_ls.edit.names import _INDEXES
    from aws_config_ls.ini.kinds import FileKind
    from aws_config_ls.lsp import code_lens, folding, formatting, inlay_hints, references
    from aws_config_ls.lsp.context import Context
    from aws_config_ls.lsp.documents import open_state
    from aws_config_ls.lsp.semantic_tokens import semantic_tokens
    from aws_config_ls.lsp.settings import Settings
    from aws_config_ls.resolution.environment import Environment
    from aws_config_ls.workspace import Workspace

    converter = default_converter()
    state = open_state(path.as_uri(), str(path), 1, FileKind.CONFIG, path.read_text())
    ctx = Context(Settings(), Workspace(Environment(env)))
    lines = state.tree.line_count
    profiles = (lines - 5) // 10
    utf16 = types.PositionEncodingKind.Utf16
    times: dict[str, list[float]] = {}

    def timed(name: str, answer: Any, *args: Any) -> Any:
        began = time.perf_counter()
        result = answer(*args)
        json.dumps(converter.unstructure(result))
        times.setdefault(name, []).append(time.perf_counter() - began)
        return result

    _INDEXES.clear()  # as after an edit: the first request builds the name index
    for i in range(count):
        header = types.Position(5 + 10 * ((i * 37) % profiles), 10)
        top = (i * 977) % (lines - 50)
        visible = types.Range(start=types.Position(top, 0), end=types.Position(top + 50, 0))
        timed("references", references.references, ctx, state, header, True, utf16)
        timed("rename", references.rename, ctx, state, header, f"renamed-{i}", utf16)
        timed("folding", folding.folding_ranges, state)
        timed("tokens_range", semantic_tokens, state, utf16, visible)
        lenses = timed("code_lens", code_lens.code_lenses, state, utf16)
        timed("lens_resolve", code_lens.resolve_lens, ctx, lenses[(i * 37) % profiles])
        timed("inlay_hints", inlay_hints.inlay_hints, ctx, state, visible, utf16)
    for _ in range(5):
        timed("formatting", lambda: formatting.formatting(state, utf16)[0])
    return {name: p(spent, 0.95) for name, spent in times.items()}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=2500)
    parser.add_argument("--edits", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / ".aws").mkdir()
        path = home / ".aws" / "config"
        path.write_text(generate(args.profiles))
        trivial = home / "trivial.py"
        trivial.write_text(TRIVIAL)
        env = {
            "HOME": str(home),
            "PATH": "/usr/bin:/bin",
            "AWS_CONFIG_FILE": str(path),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
            "BOTO_CONFIG": str(home / ".boto"),
        }
        base = await measure([sys.executable, str(trivial)], env, path, args.edits)
        ours = await measure(
            [sys.executable, "-m", "aws_config_ls", "serve"], env, path, args.edits, ours=True
        )
        inside = in_process(path, env, args.edits)
    print(f"{'measure':28} {'trivial':>10} {'aws-config-ls':>14} {'ratio':>7}  target")
    rows = [
        ("initialize round trip", "initialize", "<= 1.5x"),
        ("didChange->diagnostics p50", "change_p50", ""),
        ("didChange->diagnostics p95", "change_p95", "<= 2x"),
        ("hover p95", "hover_p95", "<= 5 ms and <= 10x"),
        ("completion p95", "completion_p95", "<= 5 ms"),
    ]
    for name, key, target in rows:
        print(
            f"{name:28} {base[key] * 1e3:8.2f}ms {ours[key] * 1e3:12.2f}ms "
            f"{ours[key] / base[key]:6.2f}x  {target}"
        )
    print(f"{'resident memory':28} {base['rss_mb']:8.1f}MB {ours['rss_mb']:12.1f}MB")
    print(f"{'request (p95)':28} {'round trip':>10} {'in server':>14}  target")
    for key in NAVIGATION:
        target = "" if key in ("lens_resolve", "formatting") else "<= 10 ms"
        print(
            f"{key.replace('_', ' '):28} {ours[key] * 1e3:8.2f}ms "
            f"{inside[key] * 1e3:12.2f}ms  {target}"
        )


if __name__ == "__main__":
    asyncio.run(main())
