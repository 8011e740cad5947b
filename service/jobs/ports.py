"""The job-runner port. A job is a durable row (store.models.Job); runners only decide where it runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from service.composition import Services

# A handler gets the services and the job's payload; it must be idempotent: a crashed job runs again.
# It raises service.jobs.errors.RetryLater for transient failures and PermanentJobError to give up.
JobHandler = Callable[["Services", dict[str, Any]], None]


class JobRunner(Protocol):
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
        """Store a job (None when ``dedupe_key`` already exists) and get it running.

        With ``session`` the row joins the caller's transaction and is dispatched only after it commits
        (nothing runs if it rolls back); without, the runner commits the row itself. ``revive_failed``: a job
        of that key that failed for good runs again (the event that caused it arrived again).
        """
        ...

    def start(self) -> None:
        """Begin running jobs, including ones left pending or crashed by a previous process."""
        ...

    def stop(self) -> None: ...
