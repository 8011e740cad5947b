"""The embedded default runner: worker threads in the serving process run durable jobs from the database."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from service.jobs import queue, recovery
from service.jobs.execution import execute
from service.jobs.handlers import load_handlers
from service.jobs.identity import recover_orphans, worker_id
from service.jobs.ports import JobHandler
from store.db import transaction

if TYPE_CHECKING:
    from service.composition import Services

log = logging.getLogger("recepta.jobs")


def enqueue_and_dispatch(
    services: Services,
    dispatch: Callable[[int, datetime | None], None],
    kind: str,
    payload: dict[str, Any],
    *,
    dedupe_key: str | None,
    run_after: datetime | None,
    session: Session | None,
    revive_failed: bool = False,
) -> int | None:
    """Insert the row (in ``session`` or a transaction of our own), then dispatch it once committed."""
    options: dict[str, Any] = {"dedupe_key": dedupe_key, "run_after": run_after, "revive_failed": revive_failed}
    if session is None:
        with transaction(services.sessions) as own:
            job_id = queue.enqueue(own, kind=kind, payload=payload, **options)
        if job_id is not None:
            dispatch(job_id, run_after)
        return job_id
    job_id = queue.enqueue(session, kind=kind, payload=payload, **options)
    if job_id is not None:
        # Only a committed row can be claimed; on rollback the listener fires on a later commit of this
        # session and dispatches an id that claims nothing, which is harmless.
        event.listen(session, "after_commit", lambda _s: dispatch(job_id, run_after), once=True)
    return job_id


class InProcessJobRunner:
    """N threads claim and run jobs; ``enqueue`` wakes them at once, a poll catches retries and recoveries."""

    def __init__(self, services: Services, *, handlers: Mapping[str, JobHandler] | None = None) -> None:
        self.services = services
        self.cfg = services.settings.jobs
        self.handlers = dict(handlers) if handlers is not None else load_handlers(self.cfg.handler_modules)
        self._kinds = sorted(self.handlers)
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._next_recovery = 0.0
        self._next_purge = 0.0

    def enqueue(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        dedupe_key: str | None = None,
        run_after: datetime | None = None,
        session: Session | None = None,
        revive_failed: bool = False,
    ) -> int | None:
        return enqueue_and_dispatch(
            self.services,
            lambda _id, _at: self.wake(),
            kind,
            payload,
            dedupe_key=dedupe_key,
            run_after=run_after,
            session=session,
            revive_failed=revive_failed,
        )

    def wake(self) -> None:
        self._wake.set()

    def recover(self) -> list[int]:
        """Re-queue jobs of dead processes of this host, and jobs of any host whose lease expired."""
        engine = self.services.engine
        ids = recover_orphans(engine, max_attempts=self.cfg.max_attempts)
        ids += recovery.recover_stale(engine, lease_seconds=self.cfg.lease_seconds, max_attempts=self.cfg.max_attempts)
        if ids:
            log.warning("re-queued jobs of crashed workers", extra={"count": len(ids), "job_ids": ids[:50]})
        if time.monotonic() >= self._next_purge:
            self._next_purge = time.monotonic() + recovery.PURGE_EVERY_SECONDS
            recovery.purge_finished(engine, older_than_seconds=self.cfg.keep_done_hours * 3600)
        self._next_recovery = time.monotonic() + max(self.cfg.poll_interval_seconds, self.cfg.lease_seconds / 4)
        return ids

    def start(self) -> None:
        with self._lock:
            if self._threads:
                return
            self._stopping.clear()
            self.recover()
            for index in range(max(1, self.cfg.workers)):
                thread = threading.Thread(
                    target=self._work, args=(worker_id(f"thread-{index}"),), name=f"recepta-jobs-{index}", daemon=True
                )
                thread.start()
                self._threads.append(thread)
        log.info("job runner started", extra={"workers": len(self._threads), "kinds": len(self._kinds)})

    def stop(self, timeout: float | None = None) -> None:
        """Let running jobs finish (bounded wait); a job still running afterwards is recovered later."""
        with self._lock:
            threads, self._threads = self._threads, []
            self._stopping.set()
            self._wake.set()
        deadline = time.monotonic() + (self.cfg.stop_timeout_seconds if timeout is None else timeout)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        still = sum(thread.is_alive() for thread in threads)
        if still:
            log.warning("job threads still busy at stop", extra={"count": still})

    def run_pending(self, *, limit: int | None = None) -> int:
        """Run due jobs in the calling thread until none is left (or ``limit``); returns how many ran."""
        wid = worker_id("sync")
        count = 0
        while limit is None or count < limit:
            job = queue.claim(self.services.engine, worker_id=wid, kinds=self._kinds)
            if job is None:
                break
            execute(self.services, self.handlers, job, worker_id=wid)
            count += 1
        return count

    def _work(self, wid: str) -> None:
        while not self._stopping.is_set():
            try:
                # Clear before claiming: a wake-up that lands after the claim found nothing is not lost.
                self._wake.clear()
                job = queue.claim(self.services.engine, worker_id=wid, kinds=self._kinds)
                if job is not None:
                    execute(self.services, self.handlers, job, worker_id=wid)
                    continue
                if time.monotonic() >= self._next_recovery:
                    self.recover()
            except Exception as exc:  # noqa: BLE001 - a database outage must not kill the worker thread
                log.error("job worker loop error", extra={"exc_type": type(exc).__name__})
                self._stopping.wait(max(1.0, self.cfg.poll_interval_seconds))
                continue
            self._wake.wait(self.cfg.poll_interval_seconds)
