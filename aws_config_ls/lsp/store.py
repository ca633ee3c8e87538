"""The server's documents: open ones by URI and by path, and when their diagnostics go out.

One place keeps the two indexes in step (a document is found by URI from the client and by
path from the workspace that reads it in place of the disk), and holds the publishing
policy: each change schedules a publication, and a later change of the same document
cancels the one not yet started, so a burst of keystrokes costs one analysis, not one each.
Analyses run on one worker thread, so a request never waits for one to finish (the two
share the interpreter, so a request is slowed, not queued); a result that a later edit made
stale is dropped.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import normalized
from aws_config_ls.lsp.documents import DocumentState, open_state
from aws_config_ls.lsp.files import ModelSource

log = logging.getLogger(__name__)

# Up to this size (past the 250,000 lines the benchmark measures) a file gets every problem
# after each edit: a keystroke that keeps the layout costs what it touched (ini.model.Basis),
# any other edit re-resolves only the profiles it touched (resolution/state.Outcomes). Beyond,
# a safety valve: what needs the other files and the environment follows once typing pauses
# for FULL_ANALYSIS_DELAY seconds.
FULL_ANALYSIS_LINES = 300_000
FULL_ANALYSIS_DELAY = 0.3
# A file this large, once opened and analysed, is frozen out of the garbage collector's sight
# (settle()); until then the collector is paused (DocumentStore._collector).
FREEZE_LINES = 5_000

# (document, full?) → the work to run off the event loop, computing its diagnostics.
Analyse = Callable[[DocumentState, bool], Callable[[], list[types.Diagnostic]]]
Send = Callable[[DocumentState, list[types.Diagnostic]], None]


def path_of(uri: str) -> str:
    return normalized(to_fs_path(uri) or uri)


def uri_of(path: str) -> str:
    return from_fs_path(path) or path


class DocumentStore:
    """Open documents and the files boto3 reads (an open document wins over its disk copy)."""

    def __init__(self, analyse: Analyse, send: Send) -> None:
        self.files = ModelSource()
        self._analyse = analyse
        self._send = send
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis")
        self._by_uri: dict[str, DocumentState] = {}
        self._pending: dict[tuple[str, bool], asyncio.Task[None]] = {}
        self._unknown: set[str] = set()
        self._settling: set[str] = set()  # large files opened, not yet fully published
        self._paused = False  # the collector, by this store (see `_collector`)

    def __iter__(self) -> Iterator[DocumentState]:
        return iter(list(self._by_uri.values()))

    def get(self, uri: str) -> DocumentState | None:
        return self._by_uri.get(uri)

    def open(self, uri: str, version: int | None, kind: FileKind, text: str) -> DocumentState:
        self._collector(pause=True)
        try:
            state = open_state(uri, path_of(uri), version, kind, text)
            self._put(state)
            if state.tree.line_count >= FREEZE_LINES:
                self._settling.add(uri)
        finally:
            self._collector()
        return state

    def change(
        self,
        uri: str,
        version: int | None,
        changes: Sequence[types.TextDocumentContentChangeEvent],
        encoding: str,
    ) -> DocumentState | None:
        """The edited document; None (logged once per URI) for one never opened."""
        old = self._by_uri.get(uri)
        if old is None:
            if uri not in self._unknown:
                self._unknown.add(uri)
                log.warning("didChange for %s, which is not open here: ignored", uri)
            return None
        state = old.edited(version, changes, encoding)
        self._put(state)
        return state

    def close(self, uri: str) -> DocumentState | None:
        state = self._by_uri.pop(uri, None)
        self._cancel(uri)
        self._settling.discard(uri)
        self._collector()
        if state is not None:
            self.files.open.pop(state.path, None)
            self.files.forget(state.path)
        return state

    def forget_disk(self, uri: str) -> None:
        """The file on disk changed (saved, or a watcher said so): read it afresh."""
        self.files.forget(path_of(uri))

    def schedule(self, state: DocumentState) -> None:
        """Publish `state`'s diagnostics soon, unless a later edit of it comes first.

        A file up to FULL_ANALYSIS_LINES gets every problem at once; a larger one its own
        problems at once and the rest when typing pauses.
        """
        small = state.tree.line_count <= FULL_ANALYSIS_LINES
        self._later(state.uri, 0.0, full=small)
        if not small:
            self._later(state.uri, FULL_ANALYSIS_DELAY, full=True)

    def _later(self, uri: str, delay: float, full: bool) -> None:
        key = (uri, full)
        pending = self._pending.pop(key, None)
        if pending is not None:
            pending.cancel()

        async def run() -> None:
            await asyncio.sleep(delay)
            state = self._by_uri.get(uri)
            if state is None:
                return
            work = self._analyse(state, full)
            try:
                diagnostics = await asyncio.get_running_loop().run_in_executor(self._worker, work)
            except Exception:  # a bug in a check must not take the server's diagnostics down
                log.exception("analysis of %s failed", uri)
                self._settling.discard(uri)
                self._collector()
                return
            if self._pending.get(key) is task:
                del self._pending[key]
            if self._by_uri.get(uri) is state:
                self._send(state, diagnostics)
                if full and uri in self._settling:
                    self._settling.discard(uri)
                    settle()
                    self._collector()

        task = asyncio.ensure_future(run())
        self._pending[key] = task

    def _collector(self, pause: bool = False) -> None:
        """Pause the garbage collector (`pause`), or resume it once no large file waits for
        its first complete publication. What opening a large file allocates (its tree, model
        and resolved profiles) lives on, so a collection meanwhile frees nothing, but walks
        all of it: at 25,000 lines, a third more time to the first publication. `settle()`
        then takes it out of the collector's sight. Only a pause this store made is ended."""
        if pause or self._settling:
            if gc.isenabled():
                gc.disable()
                self._paused = True
        elif self._paused:
            self._paused = False
            gc.enable()

    def _cancel(self, uri: str) -> None:
        for key in [k for k in self._pending if k[0] == uri]:
            self._pending.pop(key).cancel()

    def _put(self, state: DocumentState) -> None:
        self._by_uri[state.uri] = self.files.open[state.path] = state
        self._unknown.discard(state.uri)


def settle() -> None:
    """Take what lives now (an opened file's tree, model and resolved profiles, which last as
    long as it stays open) out of the collector's generations: otherwise every generation-2
    collection walks them all, and at 25,000 lines those landed on keystrokes (typing cadence
    p95 94-114 ms, frozen 55-68 ms). Garbage is collected first so that none is kept; frozen
    objects are still freed when no longer referenced. With next to nothing left in generation
    2, CPython would collect it every 70,000 allocations (a credentials keystroke re-resolving
    every profile then paid several): it collects ten times less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(700, 10, 100)
