"""Job-runner figures: wake-up latency and throughput of the in-process runner (SQLite by default).

Set RECEPTA_BENCH_DATABASE_URL to a migrated-or-empty database URL (e.g. PostgreSQL) to measure it too.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.composition import build_services
from service.jobs.inprocess import InProcessJobRunner
from service.jobs.settings import JobSettings
from service.settings import Settings
from store.db import make_engine
from store.migrate import upgrade

if TYPE_CHECKING:
    from service.composition import Services

LATENCY_SAMPLES = 200
THROUGHPUT_JOBS = 1000


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _measure(url: str, data_dir: Path, workers: int) -> dict[str, float]:
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    started: dict[int, float] = {}
    done = threading.Semaphore(0)

    def noop(_services: Services, payload: dict[str, Any]) -> None:
        started[int(payload["n"])] = time.perf_counter()
        done.release()

    settings = Settings(
        environment="test",
        data_dir=data_dir,
        database_url=url,
        jobs=JobSettings(workers=workers, poll_interval_seconds=0.5),
    )
    services = build_services(settings)
    runner = InProcessJobRunner(services, handlers={"bench.noop": noop})
    runner.start()
    try:
        latencies = []
        for n in range(LATENCY_SAMPLES):
            enqueued = time.perf_counter()
            runner.enqueue("bench.noop", {"n": n})
            done.acquire(timeout=30)
            latencies.append((started[n] - enqueued) * 1000)
        enqueue_times = []
        begin = time.perf_counter()
        for n in range(LATENCY_SAMPLES, LATENCY_SAMPLES + THROUGHPUT_JOBS):
            t = time.perf_counter()
            runner.enqueue("bench.noop", {"n": n})
            enqueue_times.append((time.perf_counter() - t) * 1000)
        for _ in range(THROUGHPUT_JOBS):
            done.acquire(timeout=60)
        elapsed = time.perf_counter() - begin
    finally:
        runner.stop()
        services.close()
    return {
        "wake_p50_ms": statistics.median(latencies),
        "wake_p95_ms": _percentile(latencies, 0.95),
        "enqueue_p50_ms": statistics.median(enqueue_times),
        "enqueue_p95_ms": _percentile(enqueue_times, 0.95),
        "jobs_per_s": THROUGHPUT_JOBS / elapsed,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")]
        if os.environ.get("RECEPTA_BENCH_DATABASE_URL"):
            targets.append(("custom", os.environ["RECEPTA_BENCH_DATABASE_URL"]))
        for name, url in targets:
            figures = _measure(url, Path(tmp) / name, workers=2)
            print(
                f"jobs in-process [{name}, 2 workers]: "
                f"enqueue→handler p50 {figures['wake_p50_ms']:.1f} ms, p95 {figures['wake_p95_ms']:.1f} ms; "
                f"enqueue call p50 {figures['enqueue_p50_ms']:.1f} ms, p95 {figures['enqueue_p95_ms']:.1f} ms; "
                f"throughput {figures['jobs_per_s']:.0f} no-op jobs/s ({THROUGHPUT_JOBS} jobs)"
            )


if __name__ == "__main__":
    main()
