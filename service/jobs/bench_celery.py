"""Celery runner figures: enqueue→done latency and throughput with two real `recepta worker` processes.

Uses the local Redis (RECEPTA_BENCH_BROKER_URL to change it, e.g. amqp://guest:guest@127.0.0.1:5672//) and a
temporary SQLite database (RECEPTA_BENCH_DATABASE_URL for another). Prints "skipped" if the broker is down.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, func, select

from service.composition import build_services
from service.jobs.celery_app import drop_queue
from service.jobs.ports import JobHandler
from service.jobs.settings import JobSettings
from service.settings import Settings
from store.db import make_engine
from store.migrate import upgrade
from store.models import Job

if TYPE_CHECKING:
    from service.composition import Services

LATENCY_SAMPLES = 100
THROUGHPUT_JOBS = 500
ROOT = Path(__file__).resolve().parents[2]
# Not __name__: run with -m, this module is __main__, which a worker cannot import.
MODULE = "service.jobs.bench_celery"


def _noop(_services: Services, _payload: dict[str, Any]) -> None:
    """Does nothing: the figures are the runner's own cost."""


# Imported by the worker processes through RECEPTA_JOBS__HANDLER_MODULES.
HANDLERS: dict[str, JobHandler] = {"bench.noop": _noop}


def _done(engine: Engine, ids: list[int]) -> int:
    with engine.connect() as conn:
        query = select(func.count()).select_from(Job).where(Job.id.in_(ids), Job.status == "done")
        return int(conn.execute(query).scalar_one())


def _wait(engine: Engine, ids: list[int], timeout: float, pause: float) -> None:
    deadline = time.monotonic() + timeout
    while _done(engine, ids) < len(ids):
        if time.monotonic() > deadline:
            raise TimeoutError("bench jobs did not finish")
        time.sleep(pause)


def _broker_up(url: str) -> bool:
    from kombu.connection import Connection

    try:
        with Connection(url, connect_timeout=3) as conn:  # type: ignore[no-untyped-call]
            conn.ensure_connection(max_retries=1)
    except Exception:  # noqa: BLE001 - any failure means: no broker to measure
        return False
    return True


def main() -> None:
    broker = os.environ.get("RECEPTA_BENCH_BROKER_URL", "redis://127.0.0.1:6379/0")
    if not _broker_up(broker):
        print(f"jobs celery: skipped (no broker at {broker.split('@')[-1]})")
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("RECEPTA_BENCH_DATABASE_URL") or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        queue_name = f"recepta-bench-{uuid.uuid4().hex[:8]}"
        jobs = JobSettings(runner="celery", broker_url=broker, queue=queue_name, handler_modules=[MODULE])
        env = {
            **os.environ,
            "RECEPTA_DATABASE_URL": url,
            "RECEPTA_DATA_DIR": str(Path(tmp) / "worker"),
            "RECEPTA_LOG_LEVEL": "WARNING",
            "RECEPTA_JOBS": json.dumps(jobs.model_dump()),
        }
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "service.cli.worker", "--pool", "solo", "--name", f"bench{n}-{queue_name}@%h"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for n in range(2)
        ]
        services = build_services(Settings(data_dir=Path(tmp) / "producer", database_url=url, jobs=jobs))
        try:
            runner = services.jobs
            warm = [runner.enqueue("bench.noop", {}) or 0 for _ in range(4)]
            _wait(engine, warm, timeout=120, pause=0.05)
            latencies = []
            for _ in range(LATENCY_SAMPLES):
                begin = time.perf_counter()
                job_id = runner.enqueue("bench.noop", {}) or 0
                _wait(engine, [job_id], timeout=30, pause=0.001)
                latencies.append((time.perf_counter() - begin) * 1000)
            begin = time.perf_counter()
            ids = [runner.enqueue("bench.noop", {}) or 0 for _ in range(THROUGHPUT_JOBS)]
            _wait(engine, ids, timeout=300, pause=0.02)
            rate = THROUGHPUT_JOBS / (time.perf_counter() - begin)
        finally:
            services.close()
            for proc in workers:
                proc.terminate()
            for proc in workers:
                proc.wait(timeout=30)
            engine.dispose()
            drop_queue(broker, queue_name)
        ordered = sorted(latencies)
        print(
            f"jobs celery [{broker.split(':')[0]}, {engine.dialect.name}, 2 solo workers]: "
            f"enqueue→done p50 {statistics.median(ordered):.1f} ms, p95 {ordered[int(0.95 * len(ordered))]:.1f} ms; "
            f"throughput {rate:.0f} no-op jobs/s ({THROUGHPUT_JOBS} jobs)"
        )


if __name__ == "__main__":
    main()
