"""enqueue(revive_failed=True): the same event arriving again gives a job that failed for good a new run."""

from __future__ import annotations

from sqlalchemy import select, update

from service.jobs import queue
from store.db import make_session_factory
from store.models import Job
from store.models.messaging import JobStatus


def test_only_a_failed_job_is_revived_and_only_when_asked(db_engine):
    sessions = make_session_factory(db_engine)
    with sessions() as session, session.begin():
        first = queue.enqueue(session, kind="k", payload={}, dedupe_key="key:1")
    with sessions() as session, session.begin():
        assert queue.enqueue(session, kind="k", payload={}, dedupe_key="key:1", revive_failed=True) is None  # pending
        session.execute(update(Job).where(Job.id == first).values(status=JobStatus.FAILED.value, attempts=5))
    with sessions() as session, session.begin():
        assert queue.enqueue(session, kind="k", payload={}, dedupe_key="key:1") is None  # not asked: stays failed
    with sessions() as session, session.begin():
        assert queue.enqueue(session, kind="k", payload={}, dedupe_key="key:1", revive_failed=True) == first
    with sessions() as session:
        job = session.scalars(select(Job).where(Job.id == first)).one()
        assert (job.status, job.attempts) == (JobStatus.PENDING.value, 0)
