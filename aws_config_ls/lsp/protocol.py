"""The wire: JSON-RPC over stdio as the LSP spec allows it, and the corners pygls leaves open.

pygls 2.1's stdio loop (`pygls.io_.run_async`) only knows the exact header
`Content-Length: N\\r\\n` (a lower-case name, no space after the colon or LF-only line ends
make it skip every later message in silence) and hands undecodable bodies to a pop-up with no
reply. Its protocol answers nothing to a request whose params do not deserialise or that
comes after `shutdown`, exits 0 on `exit` without `shutdown` (the `SystemExit` is swallowed),
and applies `didChange` to its own copy of the document first, mutating the request's
`Position` objects and raising `KeyError` for a document never opened. Here:

- `serve_stdio` reads headers case-insensitively with optional spaces and either line end,
  closes a malformed stream loudly (stderr, exit code 1), and answers every message it can
  attach to an id (parse error, invalid request, invalid params) instead of a pop-up;
- `Protocol` answers `InvalidRequest` after `shutdown` and `ServerNotInitialized` before
  `initialize`, and leaves document synchronisation to the server's own store (pygls'
  workspace holds no documents, so the request reaches our handler untouched).
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import os
import sys
import threading
import weakref
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol, default_converter, lsp_method

if TYPE_CHECKING:
    from cattrs import Converter  # pygls' converter class (lsprotocol depends on cattrs)

log = logging.getLogger(__name__)

HEADER_LINE_LIMIT = 8192
BODY_LIMIT = 256 * 1024 * 1024


class MalformedStream(Exception):
    """The byte stream cannot be framed into messages any more."""


class Protocol(LanguageServerProtocol):
    """pygls' protocol with the spec's answers where pygls gives none (see module doc)."""

    initialize_seen = False
    _warned: set[str]

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        msg_id = getattr(message, "id", None)
        is_request = msg_id is not None and method is not None
        if method == types.INITIALIZE:
            self.initialize_seen = True
        if is_request and self._shutdown and method != types.EXIT:
            self.reply_error(msg_id, types.ErrorCodes.InvalidRequest, "the server is shut down")
            return
        if is_request and not self.initialize_seen:
            self.reply_error(
                msg_id, types.ErrorCodes.ServerNotInitialized, "initialize comes first"
            )
            return
        super().handle_message(message)

    def _send_response(
        self, msg_id: Any, result: Any | None = None, error: types.ResponseError | None = None
    ) -> None:
        """An `Encoded` result is written as it is (see `encoded_once`)."""
        if error is not None or not isinstance(result, Encoded):
            super()._send_response(msg_id, result, error)
            return
        self._result_types.pop(msg_id, None)
        body = f'{{"jsonrpc": "2.0", "id": {json.dumps(msg_id)}, "result": {result.json}}}'
        if self.writer is None:
            log.error("no transport to answer %s", msg_id)
            return
        data = body.encode("utf-8")
        if self._include_headers:
            header = f"Content-Length: {len(data)}\r\n"
            header += f"Content-Type: {self.CONTENT_TYPE}; charset={self.CHARSET}\r\n\r\n"
            data = header.encode("ascii") + data
        written = self.writer.write(data)
        if inspect.isawaitable(written):  # an asynchronous transport (TCP)
            task = asyncio.ensure_future(written)
            _WRITING.add(task)
            task.add_done_callback(_WRITING.discard)

    def reply_error(self, msg_id: Any, code: int, message: str) -> None:
        self._send_response(msg_id, error=types.ResponseError(code=code, message=message))

    def warn_once(self, key: str, message: str, *args: Any) -> None:
        """Log a client's repeated mistake once, at warning, instead of on every message."""
        if not hasattr(self, "_warned"):
            self._warned = set()
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)

    # Document synchronisation is the server's own (lsp/store.py): these builtins only call
    # the server's handler, with the request as the client sent it.
    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: Any) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: Any) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: Any) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def _user(self, method: str, params: Any) -> Generator[Any, Any, None]:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None


@dataclass(frozen=True)
class Encoded:
    """A result already in its JSON form, written to the client as it is."""

    json: str


_WRITING: set[asyncio.Future[Any]] = set()  # writes under way, kept until done
_ENCODED: weakref.WeakKeyDictionary[Any, dict[str, Encoded]] = weakref.WeakKeyDictionary()


def encoded_once(owner: Any, key: str, answer: Callable[[], str]) -> Encoded:
    """The JSON text `answer()` writes, made once while `owner` (a document's model: its
    version) lives: a client asks for a whole-file answer (thousands of folds or code lenses)
    again and again while the text stays the same (scrolling, switching tabs)."""
    kept = _ENCODED.setdefault(owner, {})
    found = kept.get(key)
    if found is None:
        found = kept[key] = Encoded(answer())
    return found


def converter() -> Converter:
    """pygls' converter, remembering each diagnostic's JSON form while the diagnostic lives:
    a publication after an edit re-sends the diagnostics it did not convert again
    (lsp/documents.Converted) without encoding them again."""
    made: Converter = default_converter()  # type: ignore[no-untyped-call]
    general = made.get_unstructure_hook(types.Diagnostic)

    def encode(diagnostic: types.Diagnostic) -> Any:
        """The shape every diagnostic of ours has (no tags, links or related places) written
        out, as pygls' converter writes it: a first publication carries thousands (a file
        with a warning on each profile), and cattrs' general function took four times as
        long. Any other shape goes to that function."""
        d = diagnostic
        if d.related_information or d.tags is not None or d.code_description is not None:
            return general(d)
        start, end = d.range.start, d.range.end
        wire: dict[str, Any] = {
            "range": {
                "start": {"line": start.line, "character": start.character},
                "end": {"line": end.line, "character": end.character},
            },
            "message": d.message,
        }
        if d.severity is not None:
            wire["severity"] = d.severity.value
        if d.code is not None:
            wire["code"] = d.code
        if d.source is not None:
            wire["source"] = d.source
        if d.related_information is not None:
            wire["relatedInformation"] = []
        data = d.data
        if type(data) is dict and all(type(v) is str for v in data.values()):
            wire["data"] = dict(data)  # ours: {"fix": text}
        elif data is not None:
            wire["data"] = made.unstructure(data)
        return wire

    made.register_unstructure_hook(types.Diagnostic, _Remembered(encode))
    return made


class _Remembered:
    """Diagnostics are never changed once made, so their JSON form can be kept by identity
    (a weak reference: the entry goes with the diagnostic, and an id reused since is told
    apart by the reference)."""

    def __init__(self, encode: Callable[[Any], Any]) -> None:
        self._encode = encode
        self._known: dict[int, tuple[weakref.ref[types.Diagnostic], Any]] = {}

    def __call__(self, diagnostic: types.Diagnostic) -> Any:
        key = id(diagnostic)
        known = self._known.get(key)
        if known is not None and known[0]() is diagnostic:
            return known[1]
        wire = self._encode(diagnostic)
        self._known[key] = (weakref.ref(diagnostic, self._forget(key)), wire)
        return wire

    def _forget(self, key: int) -> Callable[[weakref.ref[types.Diagnostic]], None]:
        def forget(ref: weakref.ref[types.Diagnostic]) -> None:
            known = self._known.get(key)
            if known is not None and known[0] is ref:
                del self._known[key]

        return forget


def serve_stdio(protocol: Protocol, stdin: int, stdout: BinaryIO) -> int:
    """Run the server until `exit` or the end of input (`stdin` a file descriptor); the
    process exit code."""
    from pygls.io_ import StdoutWriter

    protocol.set_writer(StdoutWriter(stdout))
    try:
        asyncio.run(_read_loop(protocol, stdin))
    except SystemExit as exit_:  # pygls' `exit` handler: 0 after shutdown, else 1
        return exit_.code if isinstance(exit_.code, int) else 1
    except MalformedStream as error:
        print(f"aws-config-ls: malformed message stream, closing: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        log.error("the client closed the connection")
    return 0 if protocol._shutdown else 1


async def _read_loop(protocol: Protocol, stdin: int) -> None:
    """Messages are read on a daemon thread (a blocked read never keeps the process alive
    after `exit`) and handled here, one at a time, in order. The thread reads the raw file
    descriptor: were it blocked inside `sys.stdin.buffer`, whose lock it would hold, the
    interpreter would abort while closing stdin at exit."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[bytes | Exception | None] = asyncio.Queue()

    def read_all() -> None:
        stream = FdReader(stdin)
        item: bytes | Exception | None = b""
        while item is not None and not isinstance(item, Exception):
            try:
                item = read_message(stream)
            except (MalformedStream, OSError, ValueError) as error:
                item = error
            loop.call_soon_threadsafe(queue.put_nowait, item)

    threading.Thread(target=read_all, name="stdin", daemon=True).start()
    while True:
        item = await queue.get()
        if item is None:
            return
        if isinstance(item, Exception):
            raise item if isinstance(item, MalformedStream) else MalformedStream(str(item))
        dispatch(protocol, item)


class FdReader:
    """`readline` and `read` over a file descriptor, with a buffer of its own."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()
        self.eof = False

    def _fill(self) -> bool:
        if not self.eof:
            chunk = os.read(self.fd, 65536)
            self.buffer += chunk
            self.eof = not chunk
        return not self.eof

    def readline(self, limit: int) -> bytes:
        while self.buffer.find(b"\n", 0, limit) < 0 and len(self.buffer) < limit and self._fill():
            pass
        end = self.buffer.find(b"\n", 0, limit)
        return self._take(min(len(self.buffer), limit) if end < 0 else end + 1)

    def read(self, n: int) -> bytes:
        while len(self.buffer) < n and self._fill():
            pass
        return self._take(n)

    def _take(self, n: int) -> bytes:
        data = bytes(self.buffer[:n])
        del self.buffer[:n]
        return data


def read_message(stdin: FdReader) -> bytes | None:
    """One message body (None at the end of input). Headers: any case, optional spaces around
    the value, CRLF or LF line ends; Content-Length required, Content-Type ignored."""
    length: int | None = None
    seen_any = False
    while True:
        line = stdin.readline(HEADER_LINE_LIMIT)
        if not line:
            if seen_any:
                raise MalformedStream("input ended inside a header")
            return None
        if not line.endswith(b"\n"):
            raise MalformedStream(f"header line too long or unterminated: {line[:80]!r}")
        text = line.rstrip(b"\r\n")
        if not text:
            if length is None:
                if not seen_any:
                    continue  # a stray blank line between messages
                raise MalformedStream("a header block without Content-Length")
            break
        seen_any = True
        name, colon, value = text.partition(b":")
        if not colon:
            raise MalformedStream(f"not a header: {text[:80]!r}")
        if name.strip().lower() == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                raise MalformedStream(f"bad Content-Length: {value[:40]!r}") from None
            if not 0 <= length <= BODY_LIMIT:
                raise MalformedStream(f"Content-Length out of range: {length}")
    chunks = []
    left = length
    while left > 0:
        chunk = stdin.read(left)
        if not chunk:
            raise MalformedStream("input ended inside a message body")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def dispatch(protocol: Protocol, body: bytes) -> None:
    """Decode, validate and hand one message to the protocol; a reply for what cannot be."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        msg_id = _salvage_id(body)
        log.warning("unreadable message (%s)", error)
        if msg_id is not None:
            protocol.reply_error(msg_id, types.ErrorCodes.ParseError, f"unreadable: {error}")
        return
    if not isinstance(data, dict):
        log.warning("message is not a JSON object: %s", type(data).__name__)
        return
    msg_id = data.get("id")
    if not isinstance(msg_id, (int, str)) or isinstance(msg_id, bool):
        msg_id = None
    if data.get("jsonrpc") != "2.0":
        log.warning("not a JSON-RPC 2.0 message: jsonrpc=%r", data.get("jsonrpc"))
        if msg_id is not None and "method" in data:
            protocol.reply_error(msg_id, types.ErrorCodes.InvalidRequest, 'jsonrpc must be "2.0"')
        return
    method = data.get("method")
    if "method" in data and not isinstance(method, str):
        if msg_id is not None:
            protocol.reply_error(msg_id, types.ErrorCodes.InvalidRequest, "method must be a string")
        return
    try:
        message = protocol.structure_message(data)
    except JsonRpcException as error:
        if msg_id is not None and method is not None:
            protocol.reply_error(
                msg_id, types.ErrorCodes.InvalidParams, f"invalid params for {method}"
            )
        elif msg_id is not None:  # the client's answer to our request: fail its waiter
            waiter = protocol._request_futures.pop(msg_id, None)
            if waiter is not None and not waiter.done():
                waiter.set_exception(error)
        else:
            protocol.warn_once(f"bad:{method}", "dropped a malformed %s message: %s", method, error)
        return
    try:
        protocol.handle_message(message)
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception:
        log.exception("failed to handle %s", method)
        if msg_id is not None and method is not None:
            protocol.reply_error(msg_id, types.ErrorCodes.InternalError, "internal error")


def _salvage_id(body: bytes) -> int | str | None:
    """The id of a request whose body is not valid UTF-8 JSON, when it can still be read."""
    try:
        data = json.loads(body.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError):
        return None
    msg_id = data.get("id") if isinstance(data, dict) else None
    return msg_id if isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool) else None
