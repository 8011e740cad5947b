"""Job-runner settings (RECEPTA_JOBS__*)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field


class JobSettings(BaseModel):
    # inprocess: durable jobs in the database, run by threads of the serving process (default);
    # celery: the same jobs dispatched to Celery workers over Redis or RabbitMQ.
    runner: Literal["inprocess", "celery"] = "inprocess"
    broker_url: str = "redis://127.0.0.1:6379/0"
    # The Celery queue the runner sends to and `recepta worker` consumes.
    queue: str = "recepta"
    workers: Annotated[int, Field(ge=1)] = 2
    # A running job renews its lease (heartbeat); one not renewed for this long is considered crashed and re-run.
    lease_seconds: Annotated[float, Field(gt=0)] = 120.0
    poll_interval_seconds: Annotated[float, Field(gt=0)] = 0.5
    max_attempts: Annotated[int, Field(ge=1)] = 8
    # Retry delay after a crash: base * 2**(attempt-1), capped.
    backoff_base_seconds: float = 2.0
    backoff_max_seconds: float = 900.0
    # Celery workers re-dispatch pending jobs overdue by this much (a lost broker message) and stale leases.
    sweep_interval_seconds: Annotated[float, Field(gt=0)] = 30.0
    # Done jobs are deleted after this long (hourly); failed ones are kept for operators.
    keep_done_hours: float = 168.0
    # Graceful stop: how long to wait for running jobs to finish.
    stop_timeout_seconds: float = 30.0
    # Extra modules exposing HANDLERS (job kind → handler), imported by runners and workers.
    handler_modules: list[str] = Field(default_factory=list)
