"""A document edited change by change is the document opened fresh with the final text: same
text, same syntax tree, same problems and diagnostics (no server: the store's edit path)."""

from __future__ import annotations

import random
import threading
import time

from _pytest.monkeypatch import MonkeyPatch
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types

from aws_config_ls.checks.analysis import local_problems
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model
from aws_config_ls.lsp.diagnostics import to_diagnostics
from aws_config_ls.lsp.documents import DocumentState, open_state
from aws_config_ls.lsp.settings import Settings
from tests.lsp.edits import LONG, Change, apply_change, lines_of, random_change, random_text
from tests.support.profiles import DERANDOMIZE
from tests.test_syntax import shape

SEQUENCES = 2000 if LONG else 100
EDITS = 25
ENCODINGS = [
    types.PositionEncodingKind.Utf16,
    types.PositionEncodingKind.Utf8,
    types.PositionEncodingKind.Utf32,
]


def event(change: Change) -> types.TextDocumentContentChangeEvent:
    span, text = change
    if span is None:
        return types.TextDocumentContentChangeWholeDocument(text=text)
    (l0, c0), (l1, c1) = span
    return types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(l0, c0), types.Position(l1, c1)), text=text
    )


def keystroke(rng: random.Random, text: str) -> Change:
    """A character typed or deleted inside a line: most keep the layout (`changed_since`),
    and one typed inside a header's brackets renames a section (`retitled_since`)."""
    lines = lines_of(text)
    if rng.random() < 0.3 and any(line.startswith("[") and "]" in line for line in lines):
        return _in_a_header(rng, text)
    line = rng.randrange(len(lines))
    ascii_line = lines[line].isascii()
    col = rng.randint(0, len(lines[line])) if ascii_line else 0
    if ascii_line and col < len(lines[line]) and rng.random() < 0.4:
        return ((line, col), (line, col + 1)), ""
    return ((line, col), (line, col)), rng.choice("ab1 =#;:[]\t'\"")


def model_facts(model: Model) -> tuple[object, ...]:
    """Every whole-file fact of a model, by value (an edit that keeps the layout patches
    them from the last version's: `ini.model.Basis`), in their order (botocore's maps keep
    the file's)."""
    return (
        [(s.name, s.header, s.node) for s in model.sections],
        [(name, s.header) for name, s in model.first_by_name.items()],
        {key: s.header for key, (s, _) in model.defaults.items()},
        model.fatal,
        model.failure,
        model.first_bad_nested,
        list(model.raw().items()) if model.failure is None else None,
        [(s.header, placed) for s, placed in model.placements],
        model.placement_at,
        [(key, s.header) for key, s in model.winners.items()],
        [s.header for s in model.losers],
        {name: [s.header for s in found] for name, found in model.odd_profiles.items()},
    )


def assert_same_as_fresh(state: DocumentState, text: str, encoding: str) -> None:
    fresh = open_state(state.uri, state.path, state.version, state.kind, text)
    assert state.tree.text() == text
    assert shape(state.tree) == shape(fresh.tree)
    assert model_facts(state.model) == model_facts(fresh.model)
    assert local_problems(state.model) == local_problems(fresh.model)
    settings_ = Settings()
    assert to_diagnostics(
        state, local_problems(state.model), settings_, encoding
    ) == to_diagnostics(fresh, local_problems(fresh.model), settings_, encoding)


@settings(max_examples=SEQUENCES, deadline=None, derandomize=DERANDOMIZE)
@given(
    st.randoms(use_true_random=False), st.sampled_from(ENCODINGS), st.sampled_from(list(FileKind))
)
def test_incremental_state_equals_a_fresh_open(
    rng: random.Random, encoding: str, kind: FileKind
) -> None:
    text = random_text(rng, rng.randint(0, 30))
    state = open_state("file:///w/config", "/w/config", 1, kind, text)
    big = rng.random() < 0.03
    for version in range(2, EDITS + 2):
        changes = [
            keystroke(rng, text) if rng.random() < 0.5 else random_change(rng, text, big, encoding)
        ]
        if rng.random() < 0.2:  # several changes in one notification, applied in order
            changes.append(
                random_change(rng, apply_change(text, changes[0], encoding), big, encoding)
            )
        for change in changes:
            text = apply_change(text, change, encoding)
        state = state.edited(version, [event(c) for c in changes], encoding)
        assert state.tree.text() == text
        if rng.random() < 0.5:  # published: later conversions reuse what did not change
            to_diagnostics(state, local_problems(state.model), Settings(), encoding)
            if rng.random() < 0.5:  # analysed: the next versions patch these facts
                model_facts(state.model)
    assert_same_as_fresh(state, text, encoding)


NAMES = ["a", "ab", "b", "b1", "default", "dev", "profile a", "sso-session s", "services v"]


@settings(max_examples=SEQUENCES, deadline=None, derandomize=DERANDOMIZE)
@given(
    st.randoms(use_true_random=False),
    st.lists(st.sampled_from(NAMES), unique=True, min_size=1),
    st.sampled_from(list(FileKind)),
)
def test_typing_in_the_headers_of_a_readable_file_equals_a_fresh_open(
    rng: random.Random, names: list[str], kind: FileKind
) -> None:
    """Headers retyped key by key in a file botocore reads (the names unique), each version
    analysed: the renamed section's facts are patched (`Basis.renamed`) or found afresh,
    and either way are a fresh open's, in the same order."""
    text = "".join(f"[{name}]\nregion = r{i}\n" for i, name in enumerate(names))
    state = open_state("file:///w/config", "/w/config", 1, kind, text)
    for version in range(2, EDITS + 2):
        change = keystroke(rng, text) if rng.random() < 0.2 else _in_a_header(rng, text)
        text = apply_change(text, change, "utf-16")
        state = state.edited(version, [event(change)], "utf-16")
        assert_same_as_fresh(state, text, "utf-16")


def _in_a_header(rng: random.Random, text: str) -> Change:
    lines = lines_of(text)
    headers = [i for i, line in enumerate(lines) if line.startswith("[") and "]" in line]
    if not headers:
        return keystroke(rng, text)
    line = rng.choice(headers)
    end = lines[line].index("]")
    col = rng.randint(1, end)
    if col < end and rng.random() < 0.4:
        return ((line, col), (line, col + 1)), ""
    return ((line, col), (line, col)), rng.choice("abdefilorp1 -'")


def test_a_publication_converts_only_the_problems_that_changed() -> None:
    """An edit elsewhere keeps the other diagnostics' objects; a problem whose line changed
    (here a wider character before it) is converted again."""
    text = "[profile a]\noutptu = json\n[profile b]\noutptu = json\n"
    state = open_state("file:///w/config", "/w/config", 1, FileKind.CONFIG, text)
    utf16 = types.PositionEncodingKind.Utf16

    def diagnostics(state: DocumentState) -> list[types.Diagnostic]:
        return to_diagnostics(state, local_problems(state.model), Settings(), utf16)

    before = diagnostics(state)
    assert [d.range.start.line for d in before] == [1, 3]
    # a comment between the profiles (shifts b), then 😀 inside b's unknown key
    state = state.edited(2, [event((((2, 0), (2, 0)), "# x\n"))], utf16)
    after = diagnostics(state)
    assert after[0] is before[0]
    assert after[1] is not before[1] and after[1].range.start.line == 4
    state = state.edited(3, [event((((4, 0), (4, 0)), "😀"))], utf16)
    wide = diagnostics(state)
    assert wide[0] is before[0] and wide[1].range.end.character == after[1].range.end.character + 2
    assert wide == to_diagnostics(
        open_state(state.uri, state.path, 3, state.kind, state.tree.text()),
        local_problems(state.model),
        Settings(),
        utf16,
    )


def test_a_column_past_the_end_of_the_last_line_is_its_end() -> None:
    state = open_state("file:///w/config", "/w/config", 1, FileKind.CONFIG, "[default]\nregion = u")
    edited = state.edited(2, [event((((1, 11), (1, 11)), "s"))], types.PositionEncodingKind.Utf16)
    assert edited.tree.text() == "[default]\nregion = us"


def test_characters_python_splits_lines_on_are_not_line_breaks() -> None:
    text = "[default]\nx = a\u2028b\x0cc\nregion = u\n"
    state = open_state("file:///w/config", "/w/config", 1, FileKind.CONFIG, text)
    edited = state.edited(2, [event((((2, 10), (2, 10)), "s"))], types.PositionEncodingKind.Utf16)
    assert edited.tree.text() == "[default]\nx = a\u2028b\x0cc\nregion = us\n"


def test_two_threads_asking_for_the_sections_get_the_same_ones(monkeypatch: MonkeyPatch) -> None:
    """The analysis thread and a request may ask a new version for its sections at once:
    both get the very same tuple (every fact holding sections holds these objects), even
    when the first computation is slow to finish."""
    state = open_state("file:///w/config", "/w/config", 1, FileKind.CONFIG, "[a]\nx = 1\n")
    model_facts(state.model)
    edited = state.edited(2, [event((((1, 5), (1, 5)), "2"))], "utf-16").model
    assert edited.basis is not None
    compute = Model._sections

    def slow(self: Model) -> tuple[object, ...]:
        time.sleep(0.05)
        return compute(self)

    monkeypatch.setattr(Model, "_sections", slow)
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(edited.sections)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert got[0] is got[1] is edited.sections
    assert edited.first_by_name["a"] is edited.sections[0]
