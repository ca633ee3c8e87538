"""The server over raw stdio: malformed clients and the protocol's corners get answers (or a
loud close), never silence, a pop-up or a hang."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lsp.raw import RawClient, frame

INVALID_REQUEST, PARSE_ERROR, INVALID_PARAMS = -32600, -32700, -32602
NOT_INITIALIZED = -32002


@pytest.fixture
def raw(home: Path) -> Iterator[RawClient]:
    client = RawClient(home)
    yield client
    client.close()


def hover(client: RawClient, line: object = 0, character: object = 0) -> int:
    return client.request(
        "textDocument/hover",
        {
            "textDocument": {"uri": "file:///nowhere/config"},
            "position": {"line": line, "character": character},
        },
    )


def alive(client: RawClient) -> None:
    """The server still answers a well-formed request."""
    assert "result" in client.reply_to(hover(client), timeout=10)


def test_headers_in_any_case_and_spacing_with_lf_line_ends(raw: RawClient) -> None:
    body = b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
    raw.write(
        frame(body, b"content-length:%d\nContent-Type : application/vscode-jsonrpc\n\n" % len(body))
    )
    assert "capabilities" in raw.reply_to(1)["result"]
    raw.notify("initialized", {})
    body = b'{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
    raw.write(frame(body, b"CONTENT-LENGTH:   %d  \r\n\r\n" % len(body)))
    assert raw.reply_to(2)["result"] is None


def test_params_that_do_not_deserialise_get_invalid_params(raw: RawClient) -> None:
    raw.initialize()
    assert raw.reply_to(hover(raw, line=-1))["error"]["code"] == INVALID_PARAMS
    no_position = raw.request("textDocument/hover", {"textDocument": {"uri": "file:///x"}})
    assert raw.reply_to(no_position)["error"]["code"] == INVALID_PARAMS
    alive(raw)
    assert raw.pop_ups() == []


def test_bodies_that_are_not_json_rpc_get_an_answer_where_an_id_is_known(raw: RawClient) -> None:
    raw.initialize()
    raw.write(frame(b"{not json"))
    raw.write(frame(b"null"))
    raw.write(frame(b"[1, 2]"))
    raw.write(frame(b'{"jsonrpc":"2.0","id":77,"method":"textDocument/hover","params":"\xff\xfe"}'))
    assert raw.reply_to(77)["error"]["code"] == PARSE_ERROR
    old = raw.request("textDocument/hover", {}, jsonrpc="1.0")
    assert raw.reply_to(old)["error"]["code"] == INVALID_REQUEST
    alive(raw)
    assert raw.pop_ups() == []


def test_notifications_for_unknown_documents_and_bad_code_action_data(raw: RawClient) -> None:
    raw.initialize()
    change = {
        "textDocument": {"uri": "file:///never/opened", "version": 2},
        "contentChanges": [
            {
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "text": "x",
            }
        ],
    }
    for _ in range(3):
        raw.notify("textDocument/didChange", change)
    diagnostic = {
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
        "message": "m",
        "source": "aws-config-ls",
    }
    actions = []
    for data in ({"fix": 5}, {"fix": ["x"]}, [1], "fix", {"nofix": 1}, None):
        params = {
            "textDocument": {"uri": "file:///x"},
            "range": diagnostic["range"],
            "context": {"diagnostics": [{**diagnostic, "data": data}]},
        }
        actions.append(raw.reply_to(raw.request("textDocument/codeAction", params)))
    assert all(a.get("result") == [] for a in actions), actions
    alive(raw)
    assert raw.pop_ups() == []


def test_a_document_opened_before_initialize_is_kept(raw: RawClient, home: Path) -> None:
    uri = (home / ".aws" / "config").as_uri()
    text = "[default]\nregion = us-east-1\nregoin = x\n"
    raw.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "aws-config", "version": 1, "text": text}},
    )
    early = raw.reply_to(hover(raw))
    assert early["error"]["code"] == NOT_INITIALIZED
    raw.initialize()
    published = raw.notification("textDocument/publishDiagnostics")
    assert published["params"]["uri"] == uri and published["params"]["diagnostics"]
    assert raw.pop_ups() == []


def test_requests_after_shutdown_are_invalid_and_exit_is_zero(raw: RawClient) -> None:
    raw.initialize()
    assert raw.reply_to(raw.request("shutdown"))["result"] is None
    assert raw.reply_to(hover(raw))["error"]["code"] == INVALID_REQUEST
    raw.notify("exit")
    assert raw.wait() == 0


def test_exit_without_shutdown_is_one(raw: RawClient) -> None:
    raw.initialize()
    raw.notify("exit")
    assert raw.wait() == 1


def test_a_malformed_stream_is_closed_loudly(raw: RawClient) -> None:
    raw.initialize()
    raw.write(b"this is not a header\r\n\r\n")
    assert raw.wait() == 1
    assert "malformed" in raw.close()


@pytest.mark.parametrize(
    "answer",
    [None, {"error": {"code": -32603, "message": "no"}}, "absent", [None], 5],
    ids=["null", "error", "never", "list-of-null", "number"],
)
def test_start_up_never_waits_on_the_client_for_long(home: Path, answer: object) -> None:
    answers = (
        {}
        if answer == "absent"
        else {"workspace/configuration": answer, "client/registerCapability": answer}
    )
    client = RawClient(home, answers=answers)
    try:
        capabilities = {
            "workspace": {
                "configuration": True,
                "didChangeWatchedFiles": {"dynamicRegistration": True},
            }
        }
        client.initialize(capabilities)
        start = time.monotonic()
        alive(client)
        assert time.monotonic() - start < 6  # two client timeouts at most
        assert client.pop_ups() == []
        assert client.reply_to(client.request("shutdown"))["result"] is None
    finally:
        client.close()


def test_no_initialized_notification_still_serves(raw: RawClient) -> None:
    raw.initialize(initialized=False)
    start = time.monotonic()
    alive(raw)
    assert time.monotonic() - start < 4


def test_a_diagnostic_is_encoded_once_while_it_lives() -> None:
    """The server's converter gives pygls' JSON, the same object for the same diagnostic,
    and forgets it with the diagnostic (a new one at the same address is encoded anew)."""
    import gc

    from lsprotocol import types
    from pygls.protocol import default_converter

    from aws_config_ls.lsp.protocol import converter

    ours, theirs = converter(), default_converter()

    def made(message: str) -> types.Diagnostic:
        at = types.Position(line=1, character=2)
        return types.Diagnostic(
            range=types.Range(start=at, end=at), message=message, code="x", data={"fix": "y"}
        )

    first = made("first")
    params = types.PublishDiagnosticsParams(uri="file:///c", diagnostics=[first, made("two")])
    assert ours.unstructure(params) == theirs.unstructure(params)
    wire = ours.unstructure(first)
    assert ours.unstructure(first) is wire
    hook = ours.get_unstructure_hook(types.Diagnostic)
    del params
    gc.collect()
    assert len(hook._known) == 1  # the params' second diagnostic went with them
    del first
    gc.collect()
    assert not hook._known


def test_each_shape_of_diagnostic_is_encoded_as_pygls_encodes_it() -> None:
    """The common shape is written out by hand; every shape must still be pygls' JSON."""
    from lsprotocol import types
    from pygls.protocol import default_converter

    from aws_config_ls.lsp.protocol import converter

    ours, theirs = converter(), default_converter()
    at = types.Range(start=types.Position(line=0, character=1), end=types.Position(3, 4))
    shapes = [  # every optional field absent, then each kind of one the server may send
        types.Diagnostic(range=at, message="m"),
        types.Diagnostic(
            range=at,
            message="m",
            severity=types.DiagnosticSeverity.Hint,
            code=7,
            source="s",
            data={"fix": ""},
        ),
        types.Diagnostic(range=at, message="m", data=[1, {"a": "b"}], related_information=[]),
        types.Diagnostic(
            range=at,
            message="m",
            tags=[types.DiagnosticTag.Unnecessary],
            code_description=types.CodeDescription(href="https://x"),
            related_information=[
                types.DiagnosticRelatedInformation(
                    location=types.Location(uri="file:///c", range=at), message="here"
                )
            ],
        ),
    ]
    for shape in shapes:
        assert ours.unstructure(shape) == theirs.unstructure(shape)
