"""The Celery job runner: rows in the database, their ids sent to Celery workers over Redis or RabbitMQ."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from celery import Celery
from sqlalchemy.orm import Session

from service.jobs.celery_app import WorkerRuntime, create_celery_app
from service.jobs.inprocess import enqueue_and_dispatch

if TYPE_CHECKING:
    from service.composition import Services

log = logging.getLogger("recepta.jobs.celery")


class CeleryJobRunner:
    """Producer side: store the job, send its id. Workers (``recepta worker``) claim and run it."""

    def __init__(self, services: Services, *, app: Celery | None = None) -> None:
        self.services = services
        self.app = app or create_celery_app(services.settings, services=services)
        self.runtime: WorkerRuntime = self.app.recepta_runtime

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
            self.runtime.dispatch,
            kind,
            payload,
            dedupe_key=dedupe_key,
            run_after=run_after,
            session=session,
            revive_failed=revive_failed,
        )

    def start(self) -> None:
        # Workers recover crashed jobs and re-dispatch lost messages (see WorkerRuntime.sweep).
        log.info("celery job runner ready", extra={"queue": self.services.settings.jobs.queue})

    def stop(self) -> None:
        self.app.close()
