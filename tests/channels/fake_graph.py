"""A recording fake of the Graph API, served by a real uvicorn server on a loopback port.

Tests script its answers (``fake.script(Answer(500), ...)``); unscripted calls succeed with a fresh wamid.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


@dataclass
class Answer:
    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    @classmethod
    def graph_error(cls, code: int, status: int = 400, **headers: str) -> Answer:
        body = {"error": {"message": "scripted", "type": "OAuthException", "code": code, "fbtrace_id": "x"}}
        return cls(status=status, body=body, headers=dict(headers))


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    json: dict[str, Any]
    status: int
    response: dict[str, Any]


class FakeGraph:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._script: list[Answer] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        # Bumped by reset(): a slow answer of an earlier test is not recorded into the next one.
        self._generation = 0
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = Starlette(routes=[Route("/{version}/{phone}/messages", self._messages, methods=["POST"])])
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> FakeGraph:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake Graph did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(5)

    def script(self, *answers: Answer) -> None:
        with self._lock:
            self._script.extend(answers)

    def reset(self) -> None:
        with self._lock:
            self._generation += 1
            self._script.clear()
            self.requests.clear()

    @property
    def sends(self) -> list[Recorded]:
        """Message sends that Graph accepted (read receipts excluded)."""
        return [r for r in self.requests if r.json.get("status") != "read" and r.status == 200]

    @property
    def reads(self) -> list[Recorded]:
        return [r for r in self.requests if r.json.get("status") == "read"]

    async def _messages(self, request: Request) -> JSONResponse:
        body = await request.json()
        with self._lock:
            generation = self._generation
            answer = self._script.pop(0) if self._script else Answer()
        if answer.delay:
            await asyncio.sleep(answer.delay)
        payload = answer.body
        if payload is None and answer.status == 200:
            if body.get("status") == "read":
                payload = {"success": True}
            else:
                wamid = f"wamid.FAKE{next(self._ids)}"
                payload = {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": body.get("to")}],
                    "messages": [{"id": wamid}],
                }
        with self._lock:
            if generation == self._generation:
                self.requests.append(
                    Recorded(request.url.path, dict(request.headers), body, answer.status, payload or {})
                )
        return JSONResponse(payload or {}, status_code=answer.status, headers=answer.headers)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
