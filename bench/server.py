"""Server benchmark through a real stdio client, against a trivial pygls server in the same run.

    python bench/server.py [--profiles 2500] [--edits 60] [--typing 20] [--memory-edits 0] [--warn]
        [--runs 1] [--no-navigation]

On a generated config of 10 lines per profile (2,500 profiles: 25,000 lines), one profile of
which names a missing source profile (`--warn`: every other profile misspells a key, a warning
each): `initialize` on a cold user cache (process start included), didOpen → first
publishDiagnostics (with the server's CPU time for it, both as ratios to botocore's
`load_config` of the file, timed in this process in the same run), and after each
one-character edit of that missing name the *complete* diagnostics (the publication for that
version that reports the new name, which only resolution finds) in a burst and at typing
cadence (80–600 ms between keys),
a keystroke in ~/.aws/credentials with the config open, hover and completion round trips
(p95), resident memory with the file open, after the credentials keystrokes, then after half
and all of `--memory-edits` more edits, and the
p95 of the navigation and editing requests (references, rename, folding, semantic tokens of a
visible range, code lens, inlay hints, formatting), round trip beside the trivial server's and
in the server. The trivial server scans the lines on each change and answers with constants,
for navigation answers of the same shape and size as ours (a fold, lens or hint per header),
so the client decodes as much; for it "complete" is its only publication. Set PYTHONPATH to
measure another checkout of aws-config-ls.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

sys.path.insert(0, str(Path(__file__).resolve().parent))
from engine import best, generate

TRIVIAL = """
from lsprotocol import types
from pygls.lsp.server import LanguageServer
import logging
server = LanguageServer("trivial", "0")
lines_of = {}

def scan(ls, uri, version):
    if version is None:
        return
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

@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls, params):
    pass

@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls, params):
    return types.Hover(contents=types.MarkupContent(kind="markdown", value="hover"))

@server.feature(types.TEXT_DOCUMENT_COMPLETION)
def completion(ls, params):
    return types.CompletionList(is_incomplete=False, items=[types.CompletionItem(label="x")])

# Navigation: answers of the shape and size aws-config-ls gives (a fold per section and
# nested block, a lens or hint per header, tokens for each line of the range), from the lines
# found once per version: the client decodes as much, the server does next to nothing.
def placed(uri):
    doc = server.workspace.get_text_document(uri)
    key = (uri, doc.version)
    if key not in lines_of:
        lines_of.clear()
        headers = [i for i, line in enumerate(doc.lines) if line.startswith("[")]
        nested = [i for i, line in enumerate(doc.lines) if line.rstrip().endswith("=")]
        lines_of[key] = (headers, nested)
    return lines_of[key]

def at(line, start, end):
    return types.Range(start=types.Position(line, start), end=types.Position(line, end))

@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls, params):
    return [types.Location(uri=params.text_document.uri, range=at(params.position.line, 9, 15))]

@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls, params):
    edit = types.TextEdit(range=at(params.position.line, 9, 15), new_text=params.new_name)
    return types.WorkspaceEdit(changes={params.text_document.uri: [edit]})

@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
def folding(ls, params):
    headers, blocks = placed(params.text_document.uri)
    folds = [types.FoldingRange(start_line=a, end_line=b - 2) for a, b in zip(headers, headers[1:])]
    return folds + [types.FoldingRange(start_line=a, end_line=a + 2) for a in blocks]

@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE, types.SemanticTokensLegend(
    token_types=["class", "property", "operator", "string"], token_modifiers=[]))
def tokens_range(ls, params):
    lines = params.range.end.line - params.range.start.line
    return types.SemanticTokens(data=[1, 0, 6, 1, 0, 0, 7, 1, 2, 0, 0, 2, 9, 3, 0] * lines)

@server.feature(types.TEXT_DOCUMENT_CODE_LENS, types.CodeLensOptions(resolve_provider=True))
def code_lens(ls, params):
    uri = params.text_document.uri
    return [types.CodeLens(range=at(h, 9, 15), data=[uri, "profiles", "team-0"])
            for h in placed(uri)[0]]

@server.feature(types.CODE_LENS_RESOLVE)
def lens_resolve(ls, lens):
    command = types.Command(title="static · us-east-1", command="awsConfig.explainProfile")
    return types.CodeLens(range=lens.range, command=command, data=lens.data)

@server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
def inlay_hints(ls, params):
    start, end = params.range.start.line, params.range.end.line
    return [types.InlayHint(position=types.Position(h, 16), label="region us-east-1")
            for h in placed(params.text_document.uri)[0] if start <= h <= end]

@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls, params):
    return []

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


class Session:
    """One server under test: every publication it sent, in order (a waiter for "the next
    notification" misses two that arrive together), and waits on them by predicate."""

    def __init__(self, trivial: bool) -> None:
        self.trivial = trivial
        self.seen: list[types.PublishDiagnosticsParams] = []
        self.read = 0
        self.arrived = asyncio.Event()
        default = DEFAULT_CLIENT_FEATURES[PUBLISH]

        def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
            self.seen.append(params)
            self.arrived.set()
            default(ls, params)

        self.client = LanguageClient(converter_factory=default_converter)
        register_lsp_features(self.client, {**DEFAULT_CLIENT_FEATURES, PUBLISH: publish})

    async def opened(self, path: Path, text: str, wanted: str | None, timeout: float) -> None:
        """didOpen of `text` as the config at `path`, until its first publication that
        mentions `wanted`."""
        uri = path.as_uri()
        waiter = asyncio.ensure_future(self.published(uri, 1, wanted))
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="aws-config", version=1, text=text
                )
            )
        )
        await asyncio.wait_for(waiter, timeout)

    async def published(self, uri: str, version: int | None, wanted: str | None) -> None:
        """The next publication for `uri`/`version` that mentions `wanted` (the trivial
        server: any)."""
        while True:
            while self.read < len(self.seen):
                got = self.seen[self.read]
                self.read += 1
                if got.uri != uri or (version is not None and got.version != version):
                    continue
                if self.trivial or wanted is None:
                    return
                if any(wanted in d.message for d in got.diagnostics):
                    return
            self.arrived.clear()
            await self.arrived.wait()


async def measure(
    command: list[str], env: dict[str, str], path: Path, args: argparse.Namespace, trivial: bool
) -> dict[str, float]:
    session = Session(trivial)
    client = session.client
    # not in this checkout: `-m` puts the working directory first, before PYTHONPATH
    await client.start_io(*command, env=env, cwd=path.parent)
    began = time.perf_counter()
    await client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    out: dict[str, float] = {"initialize": time.perf_counter() - began}
    uri = path.as_uri()
    text = path.read_text()
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines) if t == "source_profile = nope")
    col = len(lines[line])

    cpu = _cpu(client)
    began = time.perf_counter()
    await session.opened(path, text, '"nope"', 300)
    out["open"] = time.perf_counter() - began
    out["open_cpu"] = _cpu(client) - cpu
    state = {"version": 1, "typed": 0}

    async def keystroke() -> float:
        """Type one character at the end of the missing name, or take it back."""
        state["version"] += 1
        version, typed = state["version"], state["typed"]
        grow = typed == 0
        state["typed"] = 1 if grow else 0
        change = types.TextDocumentContentChangePartial(
            range=types.Range(
                start=types.Position(line, col),
                end=types.Position(line, col if grow else col + 1),
            ),
            text="x" if grow else "",
        )
        name = '"nopex"' if grow else '"nope"'
        waiter = asyncio.ensure_future(session.published(uri, version, name))
        began = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change],
            )
        )
        await asyncio.wait_for(waiter, 300)
        return time.perf_counter() - began

    burst = [await keystroke() for _ in range(args.edits)]
    out["burst_p50"], out["burst_p95"] = statistics.median(burst), p(burst, 0.95)
    pace = random.Random(15)
    typing = []
    for _ in range(args.typing):
        await asyncio.sleep(pace.uniform(0.08, 0.6))
        typing.append(await keystroke())
    if typing:
        out["typing_p50"], out["typing_p95"] = statistics.median(typing), p(typing, 0.95)

    hover_times, completion_times = [], []
    doc = types.TextDocumentIdentifier(uri=uri)
    for i in range(args.edits):
        at = 10 + (i * 97) % (len(lines) - 20)
        began = time.perf_counter()
        await client.text_document_hover_async(
            types.HoverParams(text_document=doc, position=types.Position(at, 1))
        )
        hover_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        await client.text_document_completion_async(
            types.CompletionParams(text_document=doc, position=types.Position(at, 1))
        )
        completion_times.append(time.perf_counter() - began)
    out["hover_p95"], out["completion_p95"] = p(hover_times, 0.95), p(completion_times, 0.95)
    if args.navigation:
        out.update(await _navigation(client, uri, len(lines), args.edits))
    out["rss_open"] = _rss(client)

    # a keystroke in ~/.aws/credentials with the large config open: until the config is
    # published again (aws-config-ls: both files are read together) or the credentials file is
    credentials = path.with_name("credentials")
    cred_uri = credentials.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=cred_uri, language_id="aws-credentials", version=1, text="[x]\n"
            )
        )
    )
    await asyncio.sleep(1.0 if trivial else 3.0)
    cred_times = []
    for version in range(2, 2 + max(3, args.edits // 4)):
        waiter = asyncio.ensure_future(
            session.published(uri if not trivial else cred_uri, None, None)
        )
        began = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=cred_uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangeWholeDocument(text=f"[x{version}]\n")
                ],
            )
        )
        await asyncio.wait_for(waiter, 300)
        cred_times.append(time.perf_counter() - began)
    out["credentials_p95"] = p(cred_times, 0.95)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=cred_uri))
    )

    # RSS halfway as well: growth in the first half only is the allocator's high-water mark
    # (the credentials keystrokes above re-resolve every profile), growth in both a leak.
    out["rss_credentials"] = _rss(client)
    for i in range(args.memory_edits):
        await keystroke()
        if i + 1 == args.memory_edits // 2:
            out["rss_half"] = _rss(client)
    if args.memory_edits:
        out["rss_after"] = _rss(client)
    await client.shutdown_session()
    await client.stop()
    return out


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


PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS


def _botocore(path: Path) -> list[float]:
    """botocore's `raw_config_parse` and `load_config` (which runs it) of the file, wall
    clock and CPU: what the first publication after didOpen is measured against."""
    import engine
    from botocore.configloader import load_config, raw_config_parse

    fns: list[Callable[[], object]] = [
        lambda: raw_config_parse(str(path)),
        lambda: load_config(str(path)),
    ]
    wall = best(fns, 5)
    engine.clock = time.process_time
    try:
        return [*wall, *best(fns, 5)]
    finally:
        engine.clock = time.perf_counter


def sandbox(home: Path, text: str) -> tuple[Path, Path, dict[str, str]]:
    """In `home`: `text` as ~/.aws/config, the trivial server's script, and the environment
    both servers run in (this process's PYTHONPATH kept, made absolute)."""
    (home / ".aws").mkdir()
    path = home / ".aws" / "config"
    path.write_text(text)
    trivial = home / "trivial.py"
    trivial.write_text(TRIVIAL)
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "AWS_CONFIG_FILE": str(path),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "BOTO_CONFIG": str(home / ".boto"),
    }
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = _absolute(os.environ["PYTHONPATH"])
    return path, trivial, env


def _absolute(search_path: str) -> str:
    """PYTHONPATH with each entry absolute: the servers run in the temporary directory."""
    return os.pathsep.join(str(Path(p).resolve()) for p in search_path.split(os.pathsep) if p)


def _cpu(client: LanguageClient) -> float:
    """The server's CPU time so far, every thread (its analysis runs on one of its own), in
    seconds: a figure the machine's other load barely moves. Read as the client gets the
    publication, it may hold the first moments of whatever the server does next."""
    server = getattr(client, "_server", None)
    total = 0
    try:
        for task in Path(f"/proc/{server.pid}/task").iterdir():  # type: ignore[union-attr]
            total += int((task / "schedstat").read_text().split()[0])
    except (AttributeError, OSError, ValueError):
        return float("nan")
    return total / 1e9


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
    from aws_config_ls.lsp import code_lens, formatting, inlay_hints, references
    from aws_config_ls.lsp.code_lens import code_lens_json as lens_json
    from aws_config_ls.lsp.context import ServerContext
    from aws_config_ls.lsp.documents import open_state
    from aws_config_ls.lsp.folding import folding_json
    from aws_config_ls.lsp.protocol import Encoded, encoded_once
    from aws_config_ls.lsp.semantic_tokens import semantic_tokens
    from aws_config_ls.lsp.settings import Settings
    from aws_config_ls.lsp.store import settle
    from aws_config_ls.resolution.environment import Environment
    from aws_config_ls.workspace import Workspace

    converter = default_converter()
    state = open_state(path.as_uri(), str(path), 1, FileKind.CONFIG, path.read_text())
    ctx = ServerContext(Settings(), Workspace(Environment(env)))
    lines = state.tree.line_count
    profiles = (lines - 5) // 10
    utf16 = types.PositionEncodingKind.Utf16
    times: dict[str, list[float]] = {}

    def timed(name: str, answer: Any, *args: Any) -> Any:
        began = time.perf_counter()
        result = answer(*args)
        if not isinstance(result, Encoded):  # the server sends an Encoded answer as it is
            json.dumps(converter.unstructure(result))
        times.setdefault(name, []).append(time.perf_counter() - began)
        return result

    ctx.workspace.problems(state.model)  # what the server has done by its first publication,
    settle()  # and then, the file being large (lsp/store.py)
    _INDEXES.clear()  # as after an edit: the first request builds the name index
    for i in range(count):
        header = types.Position(5 + 10 * ((i * 37) % profiles), 10)
        top = (i * 977) % (lines - 50)
        visible = types.Range(start=types.Position(top, 0), end=types.Position(top + 50, 0))
        timed("references", references.references, ctx, state, header, True, utf16)
        timed("rename", references.rename, ctx, state, header, f"renamed-{i}", utf16)
        timed("folding", encoded_once, state.model, "folding", lambda: folding_json(state))
        timed("tokens_range", semantic_tokens, state, utf16, visible)
        timed("code_lens", encoded_once, state.model, "lenses", lambda: lens_json(state, utf16))
        lenses = converter.structure(json.loads(lens_json(state, utf16)), list[types.CodeLens])
        timed("lens_resolve", code_lens.resolve_lens, ctx, lenses[(i * 37) % profiles])
        timed("inlay_hints", inlay_hints.inlay_hints, ctx, state, visible, utf16)
    for _ in range(5):
        timed("formatting", lambda: formatting.formatting(state, utf16)[0])
    # The first request after a keystroke: nothing of this version is encoded yet.
    edited = state
    for i in range(count):
        at = types.Position(5 + 10 * ((i * 37) % profiles) + 1, 0)
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=at, end=at), text=" " if i % 2 == 0 else ""
        )
        edited = edited.edited(i + 2, [change], utf16)
        timed("folding_edit", folding_json, edited)
        timed("code_lens_edit", lens_json, edited, utf16)
    return {name: p(spent, 0.95) for name, spent in times.items()}


AFTER_EDIT = {"folding_edit": "folding, first after an edit", "code_lens_edit": "code lens, same"}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=2500)
    parser.add_argument("--edits", type=int, default=60)
    parser.add_argument("--typing", type=int, default=20, help="keystrokes at typing cadence")
    parser.add_argument("--memory-edits", type=int, default=0)
    parser.add_argument("--runs", type=int, default=1, help="fastest of N runs, per figure")
    parser.add_argument("--warn", action="store_true", help="an unknown-key warning per profile")
    parser.add_argument(
        "--no-navigation",
        dest="navigation",
        action="store_false",
        help="skip the navigation and editing requests (minutes at 250,000 lines)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        path, trivial, env = sandbox(home, generate(args.profiles, broken=True, warn=args.warn))
        base: dict[str, float] = {}
        ours: dict[str, float] = {}
        boto: dict[str, float] = {}
        for run in range(args.runs):
            # botocore reading the same file in this process, wall clock like the rest, in
            # turn with the servers so that it meets the same load
            timed = zip(("raw", "load", "raw_cpu", "load_cpu"), _botocore(path), strict=True)
            for key, seconds in timed:
                boto[key] = min(seconds, boto.get(key, seconds))
            cold = {**env, "XDG_CACHE_HOME": str(home / f"cache-{run}")}  # a cold user cache
            for into, command, is_trivial in (
                (base, [sys.executable, str(trivial)], True),
                (ours, [sys.executable, "-m", "aws_config_ls", "serve"], False),
            ):
                got = await measure(command, cold, path, args, is_trivial)
                for key, value in got.items():
                    into[key] = min(value, into.get(key, value))
        inside = in_process(path, env, args.edits) if args.navigation else {}
    lines = path.name and args.profiles * 10 + 5
    print(f"{lines} lines, {args.profiles} profiles, fastest of {args.runs} run(s)")
    print(f"{'measure':34} {'trivial':>10} {'aws-config-ls':>14} {'ratio':>7}")
    rows = [
        ("initialize, cold cache", "initialize"),
        ("didOpen -> first diagnostics", "open"),
        ("edit -> complete diags p50", "burst_p50"),
        ("edit -> complete diags p95", "burst_p95"),
        ("typing cadence: complete p50", "typing_p50"),
        ("typing cadence: complete p95", "typing_p95"),
        ("credentials keystroke p95", "credentials_p95"),
        ("hover p95", "hover_p95"),
        ("completion p95", "completion_p95"),
    ]
    for name, key in rows:
        if key in base and key in ours:
            print(
                f"{name:34} {base[key] * 1e3:8.1f}ms {ours[key] * 1e3:12.1f}ms "
                f"{ours[key] / base[key]:6.2f}x"
            )
    print(
        f"{'didOpen -> first diags, server CPU':34} {base['open_cpu'] * 1e3:8.1f}ms "
        f"{ours['open_cpu'] * 1e3:12.1f}ms {ours['open_cpu'] / base['open_cpu']:6.2f}x"
    )
    print(
        f"botocore in this process (fastest of {5 * args.runs}): raw_config_parse "
        f"{boto['raw'] * 1e3:.1f}ms, load_config {boto['load'] * 1e3:.1f}ms wall; "
        f"{boto['raw_cpu'] * 1e3:.1f}ms, {boto['load_cpu'] * 1e3:.1f}ms CPU\n"
        f"didOpen -> first diagnostics: {ours['open'] / boto['load']:.2f}x load_config wall, "
        f"{ours['open_cpu'] / boto['load_cpu']:.2f}x CPU (target <= 2x)"
    )
    for name, key in (
        ("RSS, file open", "rss_open"),
        ("RSS after credentials keystrokes", "rss_credentials"),
        ("RSS after half the more edits", "rss_half"),
        ("RSS after more edits", "rss_after"),
    ):
        if key in base and key in ours:
            print(f"{name:34} {base[key]:8.1f}MB {ours[key]:12.1f}MB {ours[key] / base[key]:6.2f}x")

    if not args.navigation:
        return
    print(
        f"{'request (p95)':34} {'trivial':>10} {'round trip':>11} {'ratio':>7} "
        f"{'in server':>10}  target"
    )
    for key in NAVIGATION:
        target = "" if key in ("lens_resolve", "formatting") else "<= 10 ms"
        print(
            f"{key.replace('_', ' '):34} {base[key] * 1e3:8.2f}ms {ours[key] * 1e3:9.2f}ms "
            f"{ours[key] / base[key]:6.2f}x {inside[key] * 1e3:8.2f}ms  {target}"
        )
    for key, name in AFTER_EDIT.items():
        print(f"{name:34} {'':>10} {'':>11} {'':>7} {inside[key] * 1e3:8.2f}ms")


if __name__ == "__main__":
    asyncio.run(main())
