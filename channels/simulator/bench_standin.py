"""Benchmark of the simulator: Graph stand-in sends and patient messages through the real webhook route.

Run: ``.venv/bin/python -m channels.simulator.bench_standin``. Serves the app with uvicorn on loopback
(SQLite in a temp dir, job runner off so only the HTTP paths are measured) and prints latency percentiles
and throughput for N requests from C concurrent clients.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

REQUESTS = 400
CONCURRENCY = 8


async def _drive(
    call: Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]], base_url: str, requests: int, concurrency: int
) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    failures = 0
    counter = iter(range(requests))

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal failures
        for i in counter:
            start = time.perf_counter()
            response = await call(client, i)
            latencies.append((time.perf_counter() - start) * 1000)
            failures += response.status_code != 200

    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return latencies, elapsed, failures


def _report(name: str, latencies: list[float], elapsed: float, failures: int) -> None:
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{name}: n={len(ordered)} p50={statistics.median(ordered):.1f} ms p95={p95:.1f} ms "
        f"max={ordered[-1]:.1f} ms throughput={len(ordered) / elapsed:.0f} req/s failures={failures}"
    )


def _send(graph: str, token: dict[str, str]) -> Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]:
    def send(client: httpx.AsyncClient, i: int) -> Awaitable[httpx.Response]:
        body = {
            "messaging_product": "whatsapp",
            "to": f"3460000{i % 50:04d}",
            "type": "text",
            "text": {"body": f"Respuesta de prueba {i}"},
        }
        return client.post(graph, headers=token, json=body)

    return send


def _patient(client: httpx.AsyncClient, i: int) -> Awaitable[httpx.Response]:
    body = {"phone": f"3461000{i % 50:04d}", "name": "Paciente de prueba", "text": f"Mensaje {i}"}
    return client.post("/simulator/api/send", json=body)


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from channels.simulator.loopback import free_port, serve_in_thread
    from service.app import create_app
    from service.settings import Settings
    from store.db import make_engine
    from store.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'recepta.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        port = free_port()
        settings = Settings(
            environment="test", data_dir=Path(tmp) / "data", database_url=url, public_url=f"http://127.0.0.1:{port}"
        )
        graph = f"/simulator/graph/{settings.whatsapp.api_version}/{settings.whatsapp.phone_number_id}/messages"
        token = {"authorization": f"Bearer {settings.whatsapp.access_token.get_secret_value()}"}
        with serve_in_thread(create_app(settings, start_jobs=False), port) as base:
            print(f"simulator bench: {REQUESTS} requests, {CONCURRENCY} concurrent clients, loopback uvicorn")
            _report("graph stand-in send (ack)", *asyncio.run(_drive(_send(graph, token), base, REQUESTS, CONCURRENCY)))
            _report(
                "patient message -> signed webhook -> stored",
                *asyncio.run(_drive(_patient, base, REQUESTS, CONCURRENCY)),
            )


if __name__ == "__main__":
    main()
