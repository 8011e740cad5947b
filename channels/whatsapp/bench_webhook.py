"""Webhook benchmark: signed POSTs at a target rate against the real app (uvicorn subprocess, SQLite, in-process
jobs, a scripted engine, a recording fake Graph on loopback). Prints ack p50/p95/p99, sustained rate and how long
background processing took to answer and send every message.

    python -m channels.whatsapp.bench_webhook [--rate 200] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from channels.whatsapp.signature import sign

APP_SECRET = "bench-app-secret"
PHONE_NUMBER_ID = "100000000000001"
CONTACTS = 500


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# --- the server side (runs in the subprocess) -------------------------------------------------------------------


class _BenchEngine:
    """One short text reply per turn, with an inbound guardrail decision (no model, no retrieval)."""

    def handle(self, session: Any, turn: Any) -> Any:  # noqa: ARG002 - the port's signature
        from agent.turn import TurnResult
        from channels.messages import TextMessage
        from guardrails.decision import GuardrailDecision

        decision = GuardrailDecision(direction="inbound", action="allow", redacted=turn.text or "")
        return TurnResult(replies=[TextMessage(text="Gracias, le respondemos enseguida.")], guardrails=[decision])


def serve(port: int, data_dir: Path, graph_url: str, workers: int) -> None:
    import uvicorn

    from channels.whatsapp.settings import WhatsAppSettings
    from service.app import create_app
    from service.composition import build_services
    from service.jobs.settings import JobSettings
    from service.settings import Settings
    from store.migrate import upgrade

    settings = Settings(
        environment="test",
        data_dir=data_dir,
        log_level="WARNING",
        jobs=JobSettings(workers=max(1, workers)),
        whatsapp=WhatsAppSettings(
            app_secret=SecretStr(APP_SECRET),
            graph_base_url=graph_url,
            phone_number_id=PHONE_NUMBER_ID,
            rate_limit_per_second=1000.0,
        ),
    )
    services = build_services(settings)
    upgrade(services.engine)
    services.__dict__["conversation_engine"] = _BenchEngine()
    app = create_app(services=services, start_jobs=workers > 0)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# --- the fake Graph API (a thread of the bench process) ---------------------------------------------------------


class _FakeGraph:
    def __init__(self) -> None:
        import uvicorn
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import JSONResponse
        from starlette.routing import Route

        self.sends = 0
        self.reads = 0
        self.last_send_at = 0.0
        ids = itertools.count(1)

        async def messages(request: Request) -> JSONResponse:
            body = await request.json()
            if body.get("status") == "read":
                self.reads += 1
                return JSONResponse({"success": True})
            self.sends += 1
            self.last_send_at = time.perf_counter()
            return JSONResponse({"messaging_product": "whatsapp", "messages": [{"id": f"wamid.B{next(ids)}"}]})

        self.port = _free_port()
        app = Starlette(routes=[Route("/{version}/{phone}/messages", messages, methods=["POST"])])
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False, lifespan="off")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(5)


# --- the load generator ------------------------------------------------------------------------------------------


def _body(index: int, run: str) -> bytes:
    wa_id = f"3460{index % CONTACTS:07d}"
    update = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "34600000000", "phone_number_id": PHONE_NUMBER_ID},
                            "contacts": [{"profile": {"name": "Bench"}, "wa_id": wa_id}],
                            "messages": [
                                {
                                    "from": wa_id,
                                    "id": f"wamid.bench.{run}.{index}",
                                    "timestamp": str(int(time.time())),
                                    "type": "text",
                                    "text": {"body": f"Hola, pregunta número {index}"},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }
    return json.dumps(update).encode()


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next((int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")), 0)
    await reader.readexactly(length)
    return int(lines[0].split()[1])


async def _drive(url: str, rate: float, seconds: float, connections: int = 32) -> tuple[list[float], int, float, float]:
    """Open-loop load: request i is due at start + i/rate; latency counts from when it was due, so time spent
    waiting for a free connection (client-side queueing when the server falls behind) is included.

    A minimal HTTP/1.1 client over keep-alive connections: httpx costs more CPU per request than the server
    under test on a 2-core machine, which would measure the client instead.
    """
    parsed = httpx.URL(url)
    total = int(rate * seconds)
    run = os.urandom(4).hex()
    requests = []
    for index in range(total):
        body = _body(index, run)
        head = (
            f"POST {parsed.raw_path.decode()} HTTP/1.1\r\nHost: {parsed.host}:{parsed.port}\r\n"
            f"Content-Type: application/json\r\nX-Hub-Signature-256: {sign(body, APP_SECRET)}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        requests.append(head.encode() + body)
    due: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()
    latencies: list[float] = []
    errors = 0

    async def connection() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(parsed.host, parsed.port)
        try:
            while (item := await due.get()) is not None:
                due_at, request = item
                try:
                    status = await _exchange(reader, writer, request)
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(parsed.host, parsed.port)
                    continue
                if status == 200:
                    latencies.append(time.perf_counter() - due_at)
                else:
                    errors += 1
        finally:
            writer.close()

    workers = [asyncio.create_task(connection()) for _ in range(connections)]
    start = time.perf_counter()
    for index, request in enumerate(requests):
        due_at = start + index / rate
        delay = due_at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        due.put_nowait((due_at, request))
    for _ in workers:
        due.put_nowait(None)
    await asyncio.gather(*workers)
    return latencies, errors, start, time.perf_counter()


def _machine() -> str:
    """Load and CPU pressure while measuring: on a shared machine they explain most of the tail."""
    try:
        load = Path("/proc/loadavg").read_text().split()[0]
        pressure = Path("/proc/pressure/cpu").read_text().split()[1].split("=")[1]
    except (OSError, IndexError):
        return f"{os.cpu_count()} CPUs"
    return f"{os.cpu_count()} CPUs, load avg {load}, CPU pressure (some, 10 s) {pressure}%"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2, help="job threads; 0 measures the ack path alone")
    parser.add_argument("--connections", type=int, default=32, help="keep-alive connections of the load generator")
    args, _ = parser.parse_known_args()

    graph = _FakeGraph()
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="recepta-bench-") as tmp:
        env = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "TLDEXTRACT_CACHE_TIMEOUT": "0"}
        code = (
            f"from pathlib import Path; from channels.whatsapp.bench_webhook import serve; "
            f"serve({port}, Path({tmp!r}), {f'http://127.0.0.1:{graph.port}'!r}, {args.workers})"
        )
        server = subprocess.Popen([sys.executable, "-c", code], env=env)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(f"{base}/webhooks/whatsapp", timeout=1.0)
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("the app did not start") from None
                    time.sleep(0.2)
            warm, _, _, _ = asyncio.run(_drive(f"{base}/webhooks/whatsapp", min(args.rate, 50.0), 1.0))
            warm_deadline = time.monotonic() + 60
            while args.workers and graph.sends < len(warm) and time.monotonic() < warm_deadline:
                time.sleep(0.05)
            warm_sends = graph.sends
            latencies, errors, start, end = asyncio.run(
                _drive(f"{base}/webhooks/whatsapp", args.rate, args.seconds, args.connections)
            )
            machine = _machine()
            sent_target = warm_sends + len(latencies)
            drain_deadline = time.monotonic() + 300
            while args.workers and graph.sends < sent_target and time.monotonic() < drain_deadline:
                time.sleep(0.1)
            processed = graph.sends - warm_sends
        finally:
            server.terminate()
            server.wait(30)
            graph.stop()

    done = len(latencies)
    elapsed = end - start
    pct = {q: _percentile(latencies, q) * 1000 for q in (0.5, 0.95, 0.99)}
    print(
        f"webhook bench: target {args.rate:.0f} msg/s for {args.seconds:.0f} s, SQLite, "
        f"{args.workers} in-process job threads"
    )
    print(f"  machine           {machine}")
    print(f"  acked 200         {done} of {done + errors} ({errors} errors)")
    print(f"  sustained ack     {done / elapsed:.1f} msg/s")
    print(
        f"  ack latency ms    p50 {pct[0.5]:.1f}  p95 {pct[0.95]:.1f}  p99 {pct[0.99]:.1f}"
        f"  max {max(latencies, default=0.0) * 1000:.1f}"
    )
    print(f"  replies sent      {processed} of {done} (recording fake Graph)")
    if processed:
        span = graph.last_send_at - start
        print(
            f"  processing        {processed / span:.1f} msg/s end to end; last reply "
            f"{max(0.0, graph.last_send_at - end):.1f} s after the last POST"
        )


if __name__ == "__main__":
    main()
