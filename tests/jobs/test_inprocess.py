"""The in-process runner end to end on SQLite and PostgreSQL: wake-ups, retries, crash recovery, stop."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.jobs.factory import build_job_runner
from service.jobs.inprocess import InProcessJobRunner
from service.logging_setup import JsonFormatter
from store.models import Job
from tests.jobs import support
from tests.jobs.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]


def _status(engine, job_id: int) -> tuple[str, int]:
    with Session(engine) as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job.status, job.attempts


def test_the_factory_builds_the_in_process_runner_by_default(make_services):
    services = make_services()
    assert isinstance(build_job_runner(services), InProcessJobRunner)
    assert isinstance(services.jobs, InProcessJobRunner)


def test_every_enqueued_job_runs_exactly_once(make_services, runs, db_engine):
    services = make_services(workers=3)
    runner = services.jobs
    runner.start()
    ids = [runner.enqueue("test.record", {"token": f"t{n}"}) for n in range(30)]
    wait_for(lambda: all(_status(db_engine, i)[0] == "done" for i in ids), what="30 jobs done")
    assert [support.count(db_engine, f"t{n}") for n in range(30)] == [1] * 30


def test_a_duplicate_enqueue_runs_nothing_twice(make_services, runs, db_engine):
    runner = make_services().jobs
    first = runner.enqueue("test.record", {"token": "dup"}, dedupe_key="inbound:7")
    assert runner.enqueue("test.record", {"token": "dup"}, dedupe_key="inbound:7") is None
    runner.start()
    wait_for(lambda: _status(db_engine, first)[0] == "done", what="job done")
    assert support.count(db_engine, "dup") == 1


def test_a_job_enqueued_in_the_callers_transaction_runs_only_after_commit(make_services, runs, db_engine):
    services = make_services()
    runner = services.jobs
    runner.start()
    with services.sessions() as session:
        session.begin()
        rolled_back = runner.enqueue("test.record", {"token": "rolled-back"}, session=session)
        session.rollback()
    with services.sessions() as session, session.begin():
        committed = runner.enqueue("test.record", {"token": "committed"}, session=session)
    assert rolled_back is not None and committed is not None
    wait_for(lambda: _status(db_engine, committed)[0] == "done", what="committed job done")
    assert support.count(db_engine, "committed") == 1
    with Session(db_engine) as session:
        assert session.scalar(select(Job).where(Job.payload["token"].as_string() == "rolled-back")) is None


def test_a_failing_job_is_retried_with_backoff_until_it_succeeds(make_services, runs, db_engine):
    runner = make_services().jobs
    runner.start()
    job_id = runner.enqueue("test.flaky", {"token": "flaky", "fail_times": 2})
    wait_for(lambda: _status(db_engine, job_id)[0] == "done", what="flaky job done")
    assert _status(db_engine, job_id) == ("done", 3)
    assert support.count(db_engine, "flaky", "done") == 1


def test_a_job_failing_every_attempt_ends_failed_after_max_attempts(make_services, runs, db_engine):
    runner = make_services(max_attempts=3).jobs
    runner.start()
    job_id = runner.enqueue("test.flaky", {"token": "hopeless", "fail_times": 99})
    wait_for(lambda: _status(db_engine, job_id)[0] == "failed", what="job failed")
    assert _status(db_engine, job_id) == ("failed", 3)
    assert support.count(db_engine, "hopeless", "start") == 3


def test_retry_later_reschedules_and_permanent_error_fails_at_once(make_services, runs, db_engine):
    runner = make_services().jobs
    runner.start()
    later = runner.enqueue("test.retry_later", {"token": "later", "delay": 0.1})
    doomed = runner.enqueue("test.permanent", {"token": "doomed"})
    wait_for(lambda: _status(db_engine, later)[0] == "done", what="retried job done")
    wait_for(lambda: _status(db_engine, doomed)[0] == "failed", what="permanent failure")
    assert _status(db_engine, later) == ("done", 2)
    assert _status(db_engine, doomed) == ("failed", 1)
    assert support.count(db_engine, "doomed", "start") == 1


def test_failures_log_job_id_kind_and_exception_class_but_never_message_text(make_services, runs, db_engine, caplog):
    caplog.set_level(logging.DEBUG, logger="recepta")
    runner = make_services().jobs
    runner.start()
    job_id = runner.enqueue("test.flaky", {"token": "phi", "fail_times": 1})
    wait_for(lambda: _status(db_engine, job_id)[0] == "done", what="job done")
    failures = [r for r in caplog.records if r.getMessage() == "job raised"]
    assert [(r.job_id, r.kind, r.exc_type) for r in failures] == [(job_id, "test.flaky", "RuntimeError")]
    formatted = "\n".join(JsonFormatter().format(r) for r in caplog.records)
    assert support.PLANTED_PHI not in formatted and "612 345 678" not in formatted
    with Session(db_engine) as session:
        job = session.get(Job, job_id)
        assert job is not None and "612" not in str(job.last_error)


def test_a_job_persisted_before_a_crash_runs_once_after_restart(make_services, runs, db_engine, settings):
    env = {
        **os.environ,
        "RECEPTA_DATABASE_URL": settings.resolved_database_url,
        "RECEPTA_DATA_DIR": str(settings.data_dir),
        "RECEPTA_ENVIRONMENT": "test",
        "RECEPTA_JOBS__HANDLER_MODULES": f'["{support.MODULE}"]',
        "RECEPTA_TEST_TOKEN": "crash",
        "RECEPTA_LOG_LEVEL": "WARNING",
    }
    child = subprocess.run(
        [sys.executable, "-c", "from tests.jobs.support import crash_child_main as m; m()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=90,
    )
    assert child.returncode == 17, child.stderr.decode()[-2000:]
    with Session(db_engine) as session:
        job = session.scalars(select(Job)).one()
    assert (job.status, job.attempts) == ("running", 1)  # left behind by the dead process

    runner = make_services().jobs  # the restarted process
    runner.start()
    wait_for(lambda: _status(db_engine, job.id)[0] == "done", what="recovered job done")
    assert _status(db_engine, job.id) == ("done", 2)
    assert support.count(db_engine, "crash", "start") == 2
    assert support.count(db_engine, "crash", "done") == 1


def test_a_job_running_longer_than_its_lease_is_kept_alive_and_runs_once(make_services, runs, db_engine):
    # Recovery sweeps every lease/4: without the heartbeat the job would be re-queued and run again.
    runner = make_services(workers=2, lease_seconds=0.3).jobs
    runner.start()
    job_id = runner.enqueue("test.record", {"token": "long", "sleep": 1.5})
    wait_for(lambda: _status(db_engine, job_id)[0] == "done", what="long job done")
    assert _status(db_engine, job_id) == ("done", 1)
    assert support.count(db_engine, "long") == 1


def test_stop_lets_the_running_job_finish(make_services, runs, db_engine):
    runner = make_services(workers=1).jobs
    runner.start()
    job_id = runner.enqueue("test.record", {"token": "slow", "sleep": 0.5})
    wait_for(lambda: _status(db_engine, job_id)[0] == "running", what="job started")
    runner.stop()
    assert _status(db_engine, job_id)[0] == "done"
    assert support.count(db_engine, "slow") == 1


def test_run_pending_drains_due_jobs_in_the_calling_thread(make_services, runs, db_engine):
    runner = make_services().jobs
    for n in range(5):
        runner.enqueue("test.record", {"token": f"sync{n}"})
    assert runner.run_pending() == 5
    assert runner.run_pending() == 0
    assert [support.count(db_engine, f"sync{n}") for n in range(5)] == [1] * 5
