"""`make bench`: run every benchmark module and print its figures. Benchmarks measure; tests never time."""

from __future__ import annotations

import importlib
import os
import sys
import time

BENCHMARKS = (
    ("webhook acknowledgement and throughput", "channels.whatsapp.bench_webhook"),
    ("simulator: Graph stand-in and patient messages", "channels.simulator.bench_standin"),
    ("job runner latency and throughput (in-process)", "service.jobs.bench_jobs"),
    ("job runner latency and throughput (Celery, two workers)", "service.jobs.bench_celery"),
    ("retrieval quality", "knowledge.bench_retrieval"),
    ("ingestion throughput and query latency", "ingestion.bench_ingest"),
    ("PHI detection (MEDDOCAN dev, chat set) and latency", "guardrails.bench_phi"),
    ("safety detectors and full inbound check", "guardrails.bench_guard"),
    ("grounded answers and conversation engine", "agent.bench_agent"),
)


def main() -> None:
    for var, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("TLDEXTRACT_CACHE_TIMEOUT", "0"),
        ("OMP_NUM_THREADS", "1"),
        ("ANONYMIZED_TELEMETRY", "False"),
    ):
        os.environ.setdefault(var, value)
    only = set(sys.argv[1:])
    failed = []
    for title, module in BENCHMARKS:
        if only and module.rsplit(".", 1)[-1] not in only and module not in only:
            continue
        print(f"\n=== {title} ({module}) ===", flush=True)
        start = time.perf_counter()
        try:
            importlib.import_module(module).main()
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            failed.append(module)
            print(f"benchmark failed: {type(exc).__name__}: {exc}", flush=True)
        print(f"--- {time.perf_counter() - start:.1f} s", flush=True)
    if failed:
        sys.exit(f"failed benchmarks: {', '.join(failed)}")


if __name__ == "__main__":
    main()
