"""The Celery app, built from Settings: one task runs a job by id, a sweeper re-dispatches lost ones.

The database row stays the source of truth: a task carries only the job id and claims the row atomically,
so a message delivered twice runs nothing twice. ``celery -A service.jobs.celery_app worker`` works too:
the module's ``app`` attribute is built from environment settings on first access, never at import.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from celery import Celery, signals

from service.jobs import queue, recovery
from service.jobs.execution import execute
from service.jobs.handlers import load_handlers
from service.jobs.identity import recover_orphans, worker_id
from service.jobs.ports import JobHandler

if TYPE_CHECKING:
    from service.composition import Services
    from service.settings import Settings

log = logging.getLogger("recepta.jobs.celery")

RUN_JOB = "recepta.jobs.run"
MAX_COUNTDOWN_SECONDS = 900.0


class WorkerRuntime:
    """What tasks need in a worker process: services built lazily from settings, the handler registry."""

    def __init__(self, app: Celery, settings: Settings, services: Services | None) -> None:
        self.app = app
        self.settings = settings
        self._services = services
        self._lock = threading.Lock()
        self._sweeper: threading.Thread | None = None
        self._stop = threading.Event()
        self._next_purge = 0.0

    @property
    def services(self) -> Services:
        with self._lock:
            if self._services is None:
                from service.composition import build_services
                from service.jobs.celery_runner import CeleryJobRunner

                services = build_services(self.settings)
                # Handlers that enqueue follow-up jobs dispatch them through this same app.
                services.jobs = CeleryJobRunner(services, app=self.app)
                self._services = services
            return self._services

    @functools.cached_property
    def handlers(self) -> dict[str, JobHandler]:
        return load_handlers(self.settings.jobs.handler_modules)

    def dispatch(self, job_id: int, run_after: datetime | None = None) -> None:
        """Send the job id to the queue; a failure only logs: the row is durable and the sweeper resends it."""
        countdown = 0.0
        if run_after is not None:
            countdown = max(0.0, (queue.utc(run_after) - queue.utc()).total_seconds())
        if countdown > MAX_COUNTDOWN_SECONDS:
            # Brokers hold delayed messages unacked (RabbitMQ closes channels past its consumer timeout,
            # Redis redelivers past its visibility timeout): the sweeper dispatches the row once it is due.
            return
        try:
            self.app.send_task(RUN_JOB, args=[job_id], queue=self.settings.jobs.queue, countdown=countdown or None)
        except Exception as exc:  # noqa: BLE001 - broker down: the sweeper dispatches the row later
            log.warning("job dispatch failed", extra={"job_id": job_id, "exc_type": type(exc).__name__})

    def run(self, job_id: int) -> None:
        services, wid = self.services, worker_id("celery")
        job = queue.claim_by_id(services.engine, job_id=job_id, worker_id=wid)
        if job is None and recover_orphans(
            services.engine, max_attempts=self.settings.jobs.max_attempts, job_ids=[job_id]
        ):
            # Redelivered after its worker died (acks_late + reject_on_worker_lost): claim it again.
            job = queue.claim_by_id(services.engine, job_id=job_id, worker_id=wid)
        if job is None:
            log.debug("job not claimable (done, running or not due)", extra={"job_id": job_id})
            return
        outcome = execute(services, self.handlers, job, worker_id=wid)
        if outcome.status == "retry":
            self.dispatch(job.id, outcome.run_after)

    def sweep(self) -> list[int]:
        """Re-queue crashed jobs and re-dispatch pending ones whose message was lost; returns the ids sent."""
        cfg, engine = self.settings.jobs, self.services.engine
        ids = recover_orphans(engine, max_attempts=cfg.max_attempts)
        ids += recovery.recover_stale(engine, lease_seconds=cfg.lease_seconds, max_attempts=cfg.max_attempts)
        ids += recovery.overdue_pending(engine, grace_seconds=cfg.sweep_interval_seconds)
        if time.monotonic() >= self._next_purge:
            self._next_purge = time.monotonic() + recovery.PURGE_EVERY_SECONDS
            recovery.purge_finished(engine, older_than_seconds=cfg.keep_done_hours * 3600)
        for job_id in sorted(set(ids)):
            self.dispatch(job_id)
        if ids:
            log.info("sweep re-dispatched jobs", extra={"count": len(ids)})
        return ids

    def start_sweeper(self) -> None:
        if self._sweeper is not None:
            return
        self._stop.clear()
        self._sweeper = threading.Thread(target=self._sweep_loop, name="recepta-sweeper", daemon=True)
        self._sweeper.start()

    def stop_sweeper(self) -> None:
        self._stop.set()
        if self._sweeper is not None:
            self._sweeper.join(timeout=10)
            self._sweeper = None

    def after_fork(self) -> None:
        # A pool child must not share the parent's database connections.
        if self._services is not None:
            self._services.engine.dispose(close=False)

    def _sweep_loop(self) -> None:
        while True:
            try:
                self.sweep()
            except Exception as exc:  # noqa: BLE001 - keep sweeping through database outages
                log.error("sweep failed", extra={"exc_type": type(exc).__name__})
            if self._stop.wait(self.settings.jobs.sweep_interval_seconds):
                return


def create_celery_app(settings: Settings, *, services: Services | None = None) -> Celery:
    """A Celery app for ``settings.jobs``: late acks, one message prefetched, JSON, no result backend."""
    cfg = settings.jobs
    app = Celery("recepta", broker=cfg.broker_url, set_as_current=False)
    app.conf.update(
        task_default_queue=cfg.queue,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        # Redis redelivers unacked messages after this long; the claim makes a redelivery harmless.
        broker_transport_options={"visibility_timeout": max(3600.0, 2 * cfg.lease_seconds)},
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5},
    )
    runtime = WorkerRuntime(app, settings, services)
    app.recepta_runtime = runtime

    @app.task(name=RUN_JOB, ignore_result=True, acks_late=True, reject_on_worker_lost=True)  # type: ignore[untyped-decorator]
    def run_job(job_id: int) -> None:
        runtime.run(job_id)

    return app


def serve_as_worker(app: Celery) -> Celery:
    """Hook the runtime into this process's worker lifecycle: sweeper on ready/shutdown, reset after fork.

    Called only where a worker runs (``recepta worker``, ``celery -A service.jobs.celery_app``), so producer
    processes connect no global signal receivers.
    """
    runtime: WorkerRuntime = app.recepta_runtime

    def _ours(sender: Any) -> bool:
        return getattr(sender, "app", None) is app

    def _on_ready(sender: Any = None, **_: Any) -> None:
        if _ours(sender):
            runtime.start_sweeper()

    def _on_shutdown(sender: Any = None, **_: Any) -> None:
        if _ours(sender):
            runtime.stop_sweeper()

    def _on_child(**_: Any) -> None:
        runtime.after_fork()

    signals.worker_ready.connect(_on_ready, weak=False)
    signals.worker_shutdown.connect(_on_shutdown, weak=False)
    signals.worker_process_init.connect(_on_child, weak=False)
    return app


@functools.cache
def worker_app() -> Celery:
    """The app of a worker started by the ``celery`` command: settings from the environment."""
    from service.logging_setup import configure_logging
    from service.settings import Settings

    settings = Settings()
    configure_logging(settings.log_level)
    return serve_as_worker(create_celery_app(settings))


def __getattr__(name: str) -> Any:
    # `celery -A service.jobs.celery_app` looks up `app`; building it here keeps imports free of settings.
    if name in ("app", "celery"):
        return worker_app()
    raise AttributeError(name)


def drop_queue(broker_url: str, queue_name: str) -> None:
    """Delete a throwaway queue and what the broker keeps for it (benchmarks and test runs use one each)."""
    from kombu.connection import Connection

    with Connection(broker_url) as conn:  # type: ignore[no-untyped-call]
        channel = conn.default_channel
        if broker_url.startswith("redis"):
            client = channel.client
            client.delete(queue_name, *client.keys(f"_kombu.binding*.{queue_name}"))
            return
        channel.queue_delete(queue_name)
        channel.exchange_delete(queue_name)
