"""A loopback OpenAI-compatible server for the agent benchmark: it "answers" by copying the first sentence of
the first approved chunk it was given, through the structured GroundedAnswer tool call. Measures the adapter's
HTTP, tool-calling and support-check overhead, not a model's quality."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from typing import Any

import uvicorn
from fastapi import FastAPI, Request

_CHUNK = re.compile(r"^\[1\] [^:]+: (.+?[.!?])(?:\s|$)", re.MULTILINE)


class EchoingOpenAIServer:
    def __init__(self) -> None:
        self.count = 0
        app = FastAPI()
        app.post("/v1/chat/completions")(self._completions)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_config=None, access_log=False)
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> EchoingOpenAIServer:
        self._thread.start()
        while not self._server.started:
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)

    async def _completions(self, request: Request) -> dict[str, Any]:
        body = await request.json()
        self.count += 1
        tool_text = next((m.get("content") or "" for m in reversed(body["messages"]) if m["role"] == "tool"), "")
        found = _CHUNK.search(tool_text)
        args = (
            {"answer": found.group(1), "citations": [1], "action": "answer"}
            if found
            else {"answer": "", "citations": [], "action": "dont_know"}
        )
        call = {
            "id": "call_0",
            "type": "function",
            "function": {"name": "GroundedAnswer", "arguments": json.dumps(args, ensure_ascii=False)},
        }
        return {
            "id": f"chatcmpl-{self.count}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": None, "tool_calls": [call]},
                    "finish_reason": "tool_calls",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
