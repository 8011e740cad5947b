"""Run one claimed job through its handler and settle the row; shared by every runner."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from service.jobs.errors import PermanentJobError, RetryLater
from service.jobs.ports import JobHandler
from service.jobs.queue import backoff_seconds, complete, fail, touch
from store.models import Job

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from service.composition import Services

log = logging.getLogger("recepta.jobs")


@dataclass(frozen=True)
class Outcome:
    status: Literal["done", "retry", "failed", "lost"]
    # When status is "retry": the job runs again from this time.
    run_after: datetime | None = None


@contextmanager
def heartbeat(engine: Engine, job: Job, *, worker_id: str, lease_seconds: float) -> Iterator[None]:
    """Renew the job's lease a few times per lease while its handler runs, so long jobs are not re-run."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(lease_seconds / 3):
            try:
                touch(engine, job_id=job.id, worker_id=worker_id)
            except Exception as exc:  # noqa: BLE001 - a missed beat only risks a re-run, never a crash
                log.warning("job heartbeat failed", extra={"job_id": job.id, "exc_type": type(exc).__name__})

    thread = threading.Thread(target=beat, name=f"recepta-job-{job.id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def execute(services: Services, handlers: Mapping[str, JobHandler], job: Job, *, worker_id: str) -> Outcome:
    """Call the handler of ``job`` and record the outcome. Never raises for a handler error.

    Logs carry the job id, kind, attempt and exception CLASS only: exception messages may quote user text.
    """
    cfg = services.settings.jobs
    extra: dict[str, object] = {"job_id": job.id, "kind": job.kind, "attempt": job.attempts}
    handler = handlers.get(job.kind)
    if handler is None:
        log.error("job kind has no handler", extra=extra)
        fail(
            services.engine,
            job=job,
            worker_id=worker_id,
            error="UnknownJobKind",
            max_attempts=cfg.max_attempts,
            delay_seconds=0,
            permanent=True,
        )
        return Outcome("failed")
    try:
        with heartbeat(services.engine, job, worker_id=worker_id, lease_seconds=cfg.lease_seconds):
            handler(services, dict(job.payload))
    except RetryLater as exc:
        run_after = fail(
            services.engine,
            job=job,
            worker_id=worker_id,
            error=f"RetryLater:{exc.reason[:64]}",
            max_attempts=cfg.max_attempts,
            delay_seconds=exc.delay_seconds,
        )
        log.info(
            "job will retry later", extra={**extra, "delay_seconds": exc.delay_seconds, "gave_up": run_after is None}
        )
        return Outcome("retry", run_after) if run_after else Outcome("failed")
    except PermanentJobError as exc:
        fail(
            services.engine,
            job=job,
            worker_id=worker_id,
            error=f"PermanentJobError:{exc.reason[:64]}",
            max_attempts=cfg.max_attempts,
            delay_seconds=0,
            permanent=True,
        )
        log.warning("job failed permanently", extra=extra)
        return Outcome("failed")
    except Exception as exc:  # noqa: BLE001 - any handler bug is one failed attempt, never a dead worker
        delay = backoff_seconds(job.attempts, base=cfg.backoff_base_seconds, cap=cfg.backoff_max_seconds)
        run_after = fail(
            services.engine,
            job=job,
            worker_id=worker_id,
            error=type(exc).__name__,
            max_attempts=cfg.max_attempts,
            delay_seconds=delay,
        )
        log.warning("job raised", extra={**extra, "exc_type": type(exc).__name__, "gave_up": run_after is None})
        return Outcome("retry", run_after) if run_after else Outcome("failed")
    if not complete(services.engine, job_id=job.id, worker_id=worker_id):
        log.warning("job finished after its lease was taken over", extra=extra)
        return Outcome("lost")
    log.debug("job done", extra=extra)
    return Outcome("done")
