"""A byte-level client: spawns `python -m aws_config_ls` and writes whatever bytes a test wants,
to check the server against clients no LSP library would let us imitate."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from tests.support.lsp import base_env

Message = dict[str, Any]


def frame(body: bytes, header: bytes | None = None) -> bytes:
    return (header if header is not None else b"Content-Length: %d\r\n\r\n" % len(body)) + body


class RawClient:
    """Messages the server sent are collected on a thread; requests the server makes
    (configuration, registration) are answered by `answers`, a method → result map, or
    left unanswered when absent."""

    def __init__(
        self, home: Path, env: dict[str, str] | None = None, answers: dict[str, Any] | None = None
    ) -> None:
        self.answers = answers if answers is not None else {}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aws_config_ls"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**base_env(home), **(env or {})},
        )
        self.inbox: queue.Queue[Message] = queue.Queue()
        self.seen: list[Message] = []
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            message = json.loads(out.read(length))
            if "method" in message and "id" in message:  # a request from the server
                method = message["method"]
                if method in self.answers:
                    answer = self.answers[method]
                    reply = {"jsonrpc": "2.0", "id": message["id"]}
                    reply.update(answer if isinstance(answer, dict) else {"result": answer})
                    self.send(reply)
            self.inbox.put(message)

    def write(self, data: bytes) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(data)
        stdin.flush()

    def send(self, message: Any) -> None:
        self.write(frame(json.dumps(message).encode()))

    def request(self, method: str, params: Any = None, **extra: Any) -> int:
        self._next += 1
        self.send({"jsonrpc": "2.0", "id": self._next, "method": method, "params": params, **extra})
        return self._next

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def next_message(self, timeout: float = 10) -> Message:
        message = self.inbox.get(timeout=timeout)
        self.seen.append(message)
        return message

    def reply_to(self, msg_id: Any, timeout: float = 10) -> Message:
        """The server's response to request `msg_id` (other messages are kept in `seen`)."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.next_message(max(0.01, deadline - time.monotonic()))
            if message.get("id") == msg_id and "method" not in message:
                return message

    def notification(self, method: str, timeout: float = 10) -> Message:
        deadline = time.monotonic() + timeout
        while True:
            message = self.next_message(max(0.01, deadline - time.monotonic()))
            if message.get("method") == method and "id" not in message:
                return message

    def drain(self, seconds: float = 0.3) -> list[Message]:
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.next_message(max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                return self.seen

    def initialize(self, capabilities: Any = None, initialized: bool = True) -> Message:
        reply = self.reply_to(
            self.request(
                "initialize",
                {"processId": None, "rootUri": None, "capabilities": capabilities or {}},
            )
        )
        if initialized:
            self.notify("initialized", {})
        return reply

    def pop_ups(self) -> list[Message]:
        return [m for m in self.seen if m.get("method") == "window/showMessage"]

    def wait(self, timeout: float = 10) -> int:
        return self.process.wait(timeout)

    def close(self) -> str:
        """Kill the server if it still runs; its stderr."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        assert self.process.stderr is not None
        return self.process.stderr.read().decode(errors="replace")
