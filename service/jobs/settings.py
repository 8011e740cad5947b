"""Job-runner settings (RECEPTA_JOBS__*)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class JobSettings(BaseModel):
    # inprocess: durable jobs in the database, run by threads of the serving process (default);
    # celery: the same jobs dispatched to Celery workers over Redis or RabbitMQ.
    runner: Literal["inprocess", "celery"] = "inprocess"
    broker_url: str = "redis://127.0.0.1:6379/0"
    workers: int = 2
    # A job claimed longer ago than this without finishing is considered crashed and re-run.
    lease_seconds: float = 120.0
    poll_interval_seconds: float = 0.5
    max_attempts: int = 8
