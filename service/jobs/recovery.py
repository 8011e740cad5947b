"""Queue upkeep: re-queue jobs of crashed workers, re-dispatch lost ones, purge old ones, report counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, and_, delete, func, or_, select, update

from service.jobs.queue import utc
from store.models import Job, JobStatus

# Runners delete old done jobs at most this often.
PURGE_EVERY_SECONDS = 3600.0


def requeue_where(engine: Engine, condition: Any, *, max_attempts: int, error: str) -> list[int]:
    """Put running jobs matching ``condition`` back to pending (or failed when out of attempts).

    Used by recovery: the process that claimed them is gone. Returns the ids made pending again.
    """
    now = utc()
    running = and_(Job.status == JobStatus.RUNNING.value, condition)
    released: dict[str, Any] = {"locked_at": None, "locked_by": None, "last_error": error}
    with engine.begin() as conn:
        conn.execute(
            update(Job)
            .where(running, Job.attempts >= max_attempts)
            .values(status=JobStatus.FAILED.value, finished_at=now, **released)
        )
        requeued = conn.execute(
            update(Job)
            .where(running)
            .values(status=JobStatus.PENDING.value, run_after=now, **released)
            .returning(Job.id)
        )
        return sorted(requeued.scalars())


def recover_stale(engine: Engine, *, lease_seconds: float, max_attempts: int) -> list[int]:
    """Re-queue jobs left running longer than the lease (their worker crashed or hangs)."""
    expired = utc() - timedelta(seconds=lease_seconds)
    return requeue_where(
        engine, or_(Job.locked_at.is_(None), Job.locked_at < expired), max_attempts=max_attempts, error="LeaseExpired"
    )


def overdue_pending(engine: Engine, *, grace_seconds: float, limit: int = 500) -> list[int]:
    """Pending jobs due for longer than ``grace_seconds`` (their broker message was probably lost).

    Their ``run_after`` moves to now, so the next sweep leaves them alone for another grace period.
    """
    now = utc()
    cutoff = now - timedelta(seconds=grace_seconds)
    with engine.begin() as conn:
        ids = list(
            conn.execute(
                select(Job.id)
                .where(Job.status == JobStatus.PENDING.value, Job.run_after <= cutoff)
                .order_by(Job.run_after, Job.id)
                .limit(limit)
            ).scalars()
        )
        if not ids:
            return []
        bumped = conn.execute(
            update(Job)
            .where(Job.id.in_(ids), Job.status == JobStatus.PENDING.value)
            .values(run_after=now)
            .returning(Job.id)
        )
        return sorted(bumped.scalars())


def purge_finished(engine: Engine, *, older_than_seconds: float) -> int:
    """Delete done jobs finished longer ago than this (failed ones stay for operators); returns how many."""
    cutoff = utc() - timedelta(seconds=older_than_seconds)
    with engine.begin() as conn:
        result = conn.execute(delete(Job).where(Job.status == JobStatus.DONE.value, Job.finished_at < cutoff))
        return result.rowcount


def stats(engine: Engine) -> dict[str, Any]:
    """Job counts per status and the age of the oldest due pending job (for health pages and metrics)."""
    now = utc()
    with engine.connect() as conn:
        counts = dict(conn.execute(select(Job.status, func.count()).group_by(Job.status)).tuples().all())
        oldest = conn.execute(
            select(func.min(Job.run_after)).where(Job.status == JobStatus.PENDING.value, Job.run_after <= now)
        ).scalar_one_or_none()
    lag = (now - utc(oldest)).total_seconds() if oldest is not None else 0.0
    return {
        "counts": {status.value: int(counts.get(status.value, 0)) for status in JobStatus},
        "oldest_due_seconds": round(max(0.0, lag), 3),
    }
