"""The job-runner port. A job is a durable row (store.models.Job); runners only decide where it runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

# A handler receives the job's payload; it must be idempotent, since a crashed job runs again.
JobHandler = Callable[[dict[str, Any]], None]


class JobRunner(Protocol):
    def enqueue(self, kind: str, payload: dict[str, Any], *, dedupe_key: str | None = None,
                run_after: datetime | None = None) -> int | None:
        """Store a job (None when ``dedupe_key`` already exists) and get it running."""
        ...

    def start(self) -> None:
        """Begin running jobs, including ones left pending or crashed by a previous process."""
        ...

    def stop(self) -> None:
        ...
