"""The document store: both indexes in step, and one analysis per burst of edits."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable

from lsprotocol import types

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.store import (
    FREEZE_LINES,
    FULL_ANALYSIS_DELAY,
    FULL_ANALYSIS_LINES,
    DocumentStore,
)

URI = "file:///w/config"


def recording() -> tuple[
    DocumentStore, list[tuple[int | None, bool]], list[tuple[int | None, bool]]
]:
    analysed: list[tuple[int | None, bool]] = []
    sent: list[tuple[int | None, bool]] = []
    full_of: dict[int | None, bool] = {}

    def analyse(state: DocumentState, full: bool) -> Callable[[], list[types.Diagnostic]]:
        def work() -> list[types.Diagnostic]:
            analysed.append((state.version, full))
            full_of[state.version] = full
            return []

        return work

    def send(state: DocumentState, diagnostics: list[types.Diagnostic]) -> None:
        sent.append((state.version, full_of[state.version]))

    return DocumentStore(analyse, send), analysed, sent


def typed(store: DocumentStore, version: int) -> DocumentState:
    at = types.Position(line=0, character=0)
    change = types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text="x")
    state = store.change(URI, version, [change], types.PositionEncodingKind.Utf16)
    assert state is not None
    return state


async def test_a_burst_of_edits_is_analysed_once() -> None:
    store, analysed, sent = recording()
    store.schedule(store.open(URI, 1, FileKind.CONFIG, "[default]\n"))
    for version in range(2, 12):
        store.schedule(typed(store, version))
    await asyncio.sleep(0.2)
    assert analysed == sent == [(11, True)]
    assert store.files.open["/w/config"] is store.get(URI)


async def test_a_huge_file_gets_its_own_problems_first_and_the_rest_after_a_pause() -> None:
    """Beyond FULL_ANALYSIS_LINES (a safety valve: below it every problem comes at once)."""
    store, _analysed, sent = recording()
    store.schedule(store.open(URI, 1, FileKind.CONFIG, "[default]\n" * (FULL_ANALYSIS_LINES + 1)))
    await asyncio.sleep(0.05)
    assert sent == [(1, False)]
    await asyncio.sleep(FULL_ANALYSIS_DELAY + 0.2)
    assert sent == [(1, False), (1, True)]


async def test_unknown_and_closed_documents() -> None:
    store, _analysed, sent = recording()
    at = types.Position(line=0, character=0)
    change = types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text="x")
    assert store.change("file:///never", 2, [change], types.PositionEncodingKind.Utf16) is None
    store.schedule(store.open(URI, 1, FileKind.CONFIG, "[default]\n"))
    assert store.close(URI) is not None
    await asyncio.sleep(0.1)
    assert sent == [] and store.get(URI) is None and "/w/config" not in store.files.open


async def test_a_large_file_is_frozen_out_of_the_collector_once_published() -> None:
    gc.unfreeze()
    thresholds = gc.get_threshold()
    store, _analysed, sent = recording()
    store.schedule(store.open("file:///w/small", 1, FileKind.CONFIG, "[default]\n"))
    await asyncio.sleep(0.05)
    assert sent == [(1, True)] and gc.get_freeze_count() == 0
    try:
        store.schedule(store.open(URI, 1, FileKind.CONFIG, "[default]\n" * FREEZE_LINES))
        await asyncio.sleep(0.1)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


async def test_the_collector_pauses_from_a_large_files_open_to_its_first_publication() -> None:
    gc.unfreeze()
    thresholds = gc.get_threshold()
    store, _analysed, sent = recording()
    try:
        store.open("file:///w/small", 1, FileKind.CONFIG, "[default]\n")
        assert gc.isenabled()  # a small file: paused while parsing only
        state = store.open(URI, 1, FileKind.CONFIG, "[default]\n" * FREEZE_LINES)
        assert not gc.isenabled()
        store.schedule(state)
        await asyncio.sleep(0.1)
        assert sent == [(1, True)] and gc.isenabled()
        other = "file:///w/other"
        store.open(other, 1, FileKind.CONFIG, "[default]\n" * FREEZE_LINES)
        assert not gc.isenabled()
        store.close(other)  # closed before its publication: nothing left to wait for
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
        gc.set_threshold(*thresholds)
