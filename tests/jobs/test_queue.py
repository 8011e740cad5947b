"""The durable queue on SQLite and PostgreSQL: enqueue, dedupe, atomic claims, backoff, recovery."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from service.jobs import queue, recovery
from service.jobs.identity import HOST, recover_orphans, worker_id
from store.models import Job, JobStatus


def _enqueue(engine: Engine, kind: str = "k", **kwargs) -> int:
    with Session(engine) as session, session.begin():
        job_id = queue.enqueue(session, kind=kind, payload={"n": 1}, **kwargs)
    assert job_id is not None
    return job_id


def _job(engine: Engine, job_id: int) -> Job:
    with Session(engine) as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def test_enqueue_stores_a_pending_job_due_now(db_engine):
    job_id = _enqueue(db_engine, "send_outbound")
    job = _job(db_engine, job_id)
    assert (job.kind, job.status, job.attempts, job.payload) == ("send_outbound", "pending", 0, {"n": 1})


def test_when_dedupe_key_exists_then_enqueue_returns_none_and_caller_transaction_survives(db_engine):
    assert _enqueue(db_engine, dedupe_key="inbound:1") is not None
    with Session(db_engine) as session, session.begin():
        assert queue.enqueue(session, kind="k", payload={}, dedupe_key="inbound:1") is None
        # The caller's transaction is still usable after the duplicate.
        other = queue.enqueue(session, kind="k", payload={}, dedupe_key="inbound:2")
    assert other is not None
    with Session(db_engine) as session:
        keys = sorted(str(key) for key in session.scalars(select(Job.dedupe_key)))
    assert keys == ["inbound:1", "inbound:2"]


def test_jobs_without_dedupe_key_never_collide(db_engine):
    assert len({_enqueue(db_engine) for _ in range(3)}) == 3


def test_a_rolled_back_enqueue_leaves_no_job(db_engine):
    with Session(db_engine) as session:
        session.begin()
        assert queue.enqueue(session, kind="k", payload={}, dedupe_key="gone") is not None
        session.rollback()
    assert _enqueue(db_engine, dedupe_key="gone") is not None


def test_claim_takes_the_oldest_due_job_of_the_wanted_kinds(db_engine):
    first = _enqueue(db_engine, "a")
    _enqueue(db_engine, "a", run_after=queue.utc() + timedelta(hours=1))
    other_kind = _enqueue(db_engine, "b")
    job = queue.claim(db_engine, worker_id="w1", kinds=["a"])
    assert job is not None and job.id == first
    assert (job.status, job.attempts, job.locked_by) == ("running", 1, "w1")
    # The future job is not due, and kind "b" is not wanted.
    assert queue.claim(db_engine, worker_id="w1", kinds=["a"]) is None
    assert queue.claim(db_engine, worker_id="w1", kinds=[]) is None
    taken = queue.claim(db_engine, worker_id="w1")
    assert taken is not None and taken.id == other_kind


def test_concurrent_claimers_never_get_the_same_job(db_engine):
    total = 40
    for _ in range(total):
        _enqueue(db_engine)
    claimed: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(4)

    def claimer(name: str) -> None:
        barrier.wait()
        while (job := queue.claim(db_engine, worker_id=name)) is not None:
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(claimed) == total
    assert len(set(claimed)) == total
    with Session(db_engine) as session:
        assert set(session.scalars(select(Job.attempts))) == {1}


def test_claim_by_id_runs_a_duplicate_delivery_only_once(db_engine):
    job_id = _enqueue(db_engine)
    assert queue.claim_by_id(db_engine, job_id=job_id, worker_id="w1") is not None
    assert queue.claim_by_id(db_engine, job_id=job_id, worker_id="w2") is None
    assert queue.complete(db_engine, job_id=job_id, worker_id="w1")
    assert queue.claim_by_id(db_engine, job_id=job_id, worker_id="w2") is None
    assert _job(db_engine, job_id).status == "done"


@pytest.mark.parametrize(("attempts", "expected"), [(1, 2.0), (2, 4.0), (3, 8.0), (10, 60.0)])
def test_backoff_doubles_per_attempt_up_to_the_cap(attempts, expected):
    assert queue.backoff_seconds(attempts, base=2.0, cap=60.0) == expected


def test_a_failed_attempt_is_rescheduled_until_max_attempts_then_failed(db_engine):
    job_id = _enqueue(db_engine)
    for attempt in (1, 2):
        job = queue.claim(db_engine, worker_id="w")
        assert job is not None and job.attempts == attempt
        before = queue.utc()
        run_after = queue.fail(
            db_engine, job=job, worker_id="w", error="RuntimeError", max_attempts=3, delay_seconds=30
        )
        assert run_after is not None and run_after >= before + timedelta(seconds=30)
        stored = _job(db_engine, job_id)
        assert (stored.status, stored.last_error, stored.locked_by) == ("pending", "RuntimeError", None)
        assert queue.claim(db_engine, worker_id="w") is None  # not due yet
        with db_engine.begin() as conn:
            conn.execute(update(Job).values(run_after=queue.utc() - timedelta(seconds=1)))
    job = queue.claim(db_engine, worker_id="w")
    assert job is not None and job.attempts == 3
    assert queue.fail(db_engine, job=job, worker_id="w", error="RuntimeError", max_attempts=3, delay_seconds=30) is None
    stored = _job(db_engine, job_id)
    assert stored.status == "failed" and stored.finished_at is not None


def test_a_worker_that_lost_its_lease_cannot_settle_the_job(db_engine):
    job_id = _enqueue(db_engine)
    assert queue.claim(db_engine, worker_id="slow") is not None
    assert recovery.recover_stale(db_engine, lease_seconds=-1, max_attempts=5) == [job_id]
    assert queue.claim(db_engine, worker_id="fresh") is not None
    assert not queue.complete(db_engine, job_id=job_id, worker_id="slow")
    assert queue.complete(db_engine, job_id=job_id, worker_id="fresh")


def test_recover_stale_requeues_expired_leases_only(db_engine):
    expired, fresh = _enqueue(db_engine), _enqueue(db_engine)
    for _ in range(2):
        queue.claim(db_engine, worker_id="elsewhere:1:boot:t")
    with db_engine.begin() as conn:
        conn.execute(update(Job).where(Job.id == expired).values(locked_at=queue.utc() - timedelta(hours=1)))
    assert recovery.recover_stale(db_engine, lease_seconds=60, max_attempts=5) == [expired]
    assert (_job(db_engine, expired).status, _job(db_engine, fresh).status) == ("pending", "running")
    assert _job(db_engine, expired).last_error == "LeaseExpired"


def test_a_crashed_job_out_of_attempts_is_failed_not_requeued(db_engine):
    job_id = _enqueue(db_engine)
    queue.claim(db_engine, worker_id="elsewhere:1:boot:t")
    assert recovery.recover_stale(db_engine, lease_seconds=-1, max_attempts=1) == []
    assert _job(db_engine, job_id).status == JobStatus.FAILED


def test_jobs_of_a_dead_process_on_this_host_are_recovered_at_once(db_engine):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    orphan, alive = _enqueue(db_engine), _enqueue(db_engine)
    queue.claim(db_engine, worker_id=f"{HOST}:{dead.stdout.strip()}:0000:thread-0")
    queue.claim(db_engine, worker_id=worker_id("thread-0"))
    assert recover_orphans(db_engine, max_attempts=5) == [orphan]
    assert (_job(db_engine, orphan).status, _job(db_engine, alive).status) == ("pending", "running")
    assert _job(db_engine, orphan).last_error == "WorkerCrashed"


def test_overdue_pending_jobs_are_picked_once_per_grace_period(db_engine):
    job_id = _enqueue(db_engine, run_after=queue.utc() - timedelta(minutes=5))
    _enqueue(db_engine)
    assert recovery.overdue_pending(db_engine, grace_seconds=60) == [job_id]
    assert recovery.overdue_pending(db_engine, grace_seconds=60) == []


def test_purge_deletes_old_done_jobs_and_keeps_failed_and_recent_ones(db_engine):
    old_done, recent_done, old_failed = _enqueue(db_engine), _enqueue(db_engine), _enqueue(db_engine)
    with db_engine.begin() as conn:
        conn.execute(update(Job).where(Job.id.in_([old_done, recent_done])).values(status="done"))
        conn.execute(update(Job).where(Job.id == old_failed).values(status="failed"))
        conn.execute(update(Job).where(Job.id != recent_done).values(finished_at=queue.utc() - timedelta(days=30)))
        conn.execute(update(Job).where(Job.id == recent_done).values(finished_at=queue.utc()))
    assert recovery.purge_finished(db_engine, older_than_seconds=7 * 86400) == 1
    with Session(db_engine) as session:
        assert sorted(session.scalars(select(Job.id))) == sorted([recent_done, old_failed])


def test_stats_count_jobs_per_status_and_the_oldest_due_lag(db_engine):
    _enqueue(db_engine, run_after=queue.utc() - timedelta(seconds=90))
    _enqueue(db_engine, run_after=queue.utc() + timedelta(hours=1))
    queue.claim(db_engine, worker_id="w")
    figures = recovery.stats(db_engine)
    assert figures["counts"] == {"pending": 1, "running": 1, "done": 0, "failed": 0}
    assert figures["oldest_due_seconds"] == 0.0  # the only pending job is not due yet
    _enqueue(db_engine, run_after=queue.utc() - timedelta(seconds=90))
    assert recovery.stats(db_engine)["oldest_due_seconds"] >= 90
