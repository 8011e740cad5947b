"""The durable job queue in the database: enqueue in the caller's transaction, claim atomically, settle.

Producers (``enqueue``) join the caller's session so a job commits together with the row it is about.
Consumers (``claim``, ``complete``, ``fail``, ``retry_later``) run their own short transactions on an Engine.
Every settle is fenced on ``locked_by``: a worker whose lease expired and whose job was re-claimed elsewhere
cannot overwrite the newer outcome.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.models import Job, JobStatus

# SQLite has one writer at a time, so a candidate can be taken between our SELECT and UPDATE: try a few.
_SQLITE_CANDIDATES = 8

log = logging.getLogger("recepta.jobs")


def utc(value: datetime | None = None) -> datetime:
    """An aware UTC datetime (SQLite hands back naive ones, which are UTC by construction)."""
    if value is None:
        return datetime.now(UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enqueue(
    session: Session,
    *,
    kind: str,
    payload: dict[str, Any],
    dedupe_key: str | None = None,
    run_after: datetime | None = None,
    revive_failed: bool = False,
) -> int | None:
    """Insert a pending job in the caller's transaction; None if ``dedupe_key`` already exists.

    A duplicate raises nothing and leaves the caller's transaction usable (ON CONFLICT DO NOTHING, or a
    SAVEPOINT on other databases). The caller commits. With ``revive_failed``, a job of that key that failed
    for good is made pending again with fresh attempts and its id returned: the same event arrived again (a
    webhook redelivery), which is a new chance for work whose earlier attempts all failed.
    """
    if dedupe_key is not None and revive_failed:
        revived = session.execute(
            update(Job)
            .where(Job.dedupe_key == dedupe_key, Job.status == JobStatus.FAILED.value)
            .values(status=JobStatus.PENDING.value, attempts=0, run_after=utc(run_after) if run_after else utc())
            .returning(Job.id)
        ).scalar_one_or_none()
        if revived is not None:
            log.info("failed job revived", extra={"job_id": revived, "kind": kind})
            return revived
    now = utc()
    values: dict[str, Any] = {
        "kind": kind,
        "payload": payload,
        "dedupe_key": dedupe_key,
        "status": JobStatus.PENDING.value,
        "attempts": 0,
        "run_after": utc(run_after) if run_after else now,
        "created_at": now,
    }
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        module: Any = postgresql if dialect == "postgresql" else sqlite
        stmt = (
            module.insert(Job)
            .values(**values)
            .on_conflict_do_nothing(index_elements=[Job.dedupe_key])
            .returning(Job.id)
        )
        return session.execute(stmt).scalar_one_or_none()
    try:
        with session.begin_nested():
            return session.execute(insert(Job).values(**values).returning(Job.id)).scalar_one()
    except IntegrityError:
        return None


def _due(now: datetime, kinds: Sequence[str] | None) -> Any:
    clause = and_(Job.status == JobStatus.PENDING.value, Job.run_after <= now)
    return and_(clause, Job.kind.in_(kinds)) if kinds is not None else clause


def _claimed_values(worker_id: str, now: datetime) -> dict[str, Any]:
    return {"status": JobStatus.RUNNING.value, "attempts": Job.attempts + 1, "locked_at": now, "locked_by": worker_id}


def claim(engine: Engine, *, worker_id: str, kinds: Sequence[str] | None = None) -> Job | None:
    """Take the oldest due pending job for ``worker_id`` (status running, attempts + 1), or None.

    Atomic across threads and processes: PostgreSQL locks the row with FOR UPDATE SKIP LOCKED; SQLite
    takes it with a conditional UPDATE (still pending?) and checks the row count.
    """
    if kinds is not None and not kinds:
        return None
    now = utc()
    order = (Job.run_after, Job.id)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        if engine.dialect.name == "postgresql":
            job_id = session.execute(
                select(Job.id).where(_due(now, kinds)).order_by(*order).limit(1).with_for_update(skip_locked=True)
            ).scalar_one_or_none()
            candidates = [] if job_id is None else [job_id]
        else:
            candidates = list(
                session.execute(
                    select(Job.id).where(_due(now, kinds)).order_by(*order).limit(_SQLITE_CANDIDATES)
                ).scalars()
            )
        for job_id in candidates:
            taken = session.connection().execute(
                update(Job)
                .where(Job.id == job_id, Job.status == JobStatus.PENDING.value)
                .values(**_claimed_values(worker_id, now))
            )
            if taken.rowcount == 1:
                return session.get(Job, job_id)
    return None


def claim_by_id(engine: Engine, *, job_id: int, worker_id: str) -> Job | None:
    """Take one given job if it is pending and due (a broker delivered its id), else None.

    A duplicate delivery, a job already done, or an early delivery of a rescheduled job claims nothing.
    """
    now = utc()
    with Session(engine, expire_on_commit=False) as session, session.begin():
        taken = session.connection().execute(
            update(Job).where(Job.id == job_id, _due(now, None)).values(**_claimed_values(worker_id, now))
        )
        return session.get(Job, job_id) if taken.rowcount == 1 else None


def _settle(engine: Engine, job_id: int, worker_id: str, values: dict[str, Any]) -> bool:
    with engine.begin() as conn:
        result = conn.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == JobStatus.RUNNING.value, Job.locked_by == worker_id)
            .values(locked_at=None, locked_by=None, **values)
        )
        return result.rowcount == 1


def complete(engine: Engine, *, job_id: int, worker_id: str) -> bool:
    """Mark a claimed job done. False when the claim was lost (lease expired and re-claimed)."""
    return _settle(
        engine, job_id, worker_id, {"status": JobStatus.DONE.value, "finished_at": utc(), "last_error": None}
    )


def touch(engine: Engine, *, job_id: int, worker_id: str) -> bool:
    """Renew the lease of a job still running under ``worker_id`` (a heartbeat for long jobs)."""
    with engine.begin() as conn:
        result = conn.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == JobStatus.RUNNING.value, Job.locked_by == worker_id)
            .values(locked_at=utc())
        )
        return result.rowcount == 1


def backoff_seconds(attempts: int, *, base: float, cap: float) -> float:
    """Exponential backoff after the ``attempts``-th attempt: base, 2·base, 4·base, … capped."""
    return float(min(cap, base * (2 ** max(0, attempts - 1))))


def fail(
    engine: Engine,
    *,
    job: Job,
    worker_id: str,
    error: str,
    max_attempts: int,
    delay_seconds: float,
    permanent: bool = False,
) -> datetime | None:
    """Settle a failed attempt: reschedule after ``delay_seconds``, or fail for good.

    The job fails for good when ``permanent`` or when it has used ``max_attempts``. Returns the new
    ``run_after`` when rescheduled, None when failed (or the claim was lost). ``error`` is a class name or
    code, never message text.
    """
    now = utc()
    if permanent or job.attempts >= max_attempts:
        _settle(
            engine, job.id, worker_id, {"status": JobStatus.FAILED.value, "finished_at": now, "last_error": error[:512]}
        )
        return None
    run_after = now + timedelta(seconds=delay_seconds)
    settled = _settle(
        engine,
        job.id,
        worker_id,
        {"status": JobStatus.PENDING.value, "run_after": run_after, "last_error": error[:512]},
    )
    return run_after if settled else None
