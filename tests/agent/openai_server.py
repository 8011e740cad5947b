"""A scripted OpenAI-compatible chat server on loopback: real HTTP, SSE streaming and tool calls.

Tests enqueue responses (text, tool calls, HTTP errors) and read ``requests`` to assert what was sent.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse


@dataclass
class Scripted:
    content: str = ""
    tool_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    status: int = 200


class OpenAIServer:
    def __init__(self) -> None:
        self.script: deque[Scripted] = deque()
        self.requests: list[dict[str, Any]] = []
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self._completions)
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._server = uvicorn.Server(
            uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_config=None, access_log=False)
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def enqueue(self, *items: Scripted) -> None:
        self.script.extend(items)

    def reset(self) -> None:
        self.script.clear()
        self.requests.clear()

    def start(self) -> OpenAIServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("scripted OpenAI server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)

    def sent_text(self) -> str:
        """Everything clients sent, as one string (to assert that no raw PHI reached the endpoint)."""
        return json.dumps(self.requests, ensure_ascii=False)

    async def _completions(self, request: Request) -> Any:
        body = await request.json()
        self.requests.append(body)
        item = self.script.popleft() if self.script else Scripted(content="(no scripted reply)")
        if item.status != 200:
            return JSONResponse(
                {"error": {"message": "scripted failure", "type": "server_error"}}, status_code=item.status
            )
        if body.get("stream"):
            return StreamingResponse(_sse(item, body["model"]), media_type="text/event-stream")
        message: dict[str, Any] = {"role": "assistant", "content": item.content or None}
        if item.tool_calls:
            message["tool_calls"] = [
                {"id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}
                for i, (name, args) in enumerate(item.tool_calls)
            ]
        return {
            "id": f"chatcmpl-{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if item.tool_calls else "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        }


def _sse(item: Scripted, model: str) -> Iterator[str]:
    words = item.content.split(" ")
    for index, word in enumerate(words):
        piece = word if index == 0 else f" {word}"
        chunk = {
            "id": "chatcmpl-s",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": model,
            "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
        }
        yield f"data: {json.dumps(chunk)}\n\n"
    done = {
        "id": "chatcmpl-s",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
    }
    yield f"data: {json.dumps(done)}\n\n"
    yield "data: [DONE]\n\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
