"""Celery end to end: two real worker processes on Redis and on RabbitMQ, PostgreSQL as the job database.

Each run uses its own queue name so parallel test sessions on the same brokers never share work.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from kombu.connection import Connection
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from service.composition import build_services
from service.jobs import queue
from service.jobs.celery_app import MAX_COUNTDOWN_SECONDS, create_celery_app, drop_queue
from service.jobs.celery_runner import CeleryJobRunner
from service.settings import Settings
from store.db import make_engine
from store.models import Job
from tests.jobs import support
from tests.jobs.conftest import job_settings, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
BROKERS = {"redis": "redis://127.0.0.1:6379/0", "rabbitmq": "amqp://guest:guest@127.0.0.1:5672//"}


@pytest.fixture(params=sorted(BROKERS))
def broker(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """A reachable broker and a queue name unique to this test; the queue is deleted afterwards."""
    url, queue_name = BROKERS[request.param], f"recepta-test-{uuid.uuid4().hex[:10]}"
    try:
        with Connection(url, connect_timeout=5) as conn:  # type: ignore[no-untyped-call]
            conn.ensure_connection(max_retries=1)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"{request.param} is not reachable at {url}: {type(exc).__name__}")
    yield url, queue_name
    drop_queue(url, queue_name)


@pytest.fixture
def job_db(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    with support.runs_table(engine):
        yield engine
    with engine.begin() as conn:
        conn.execute(delete(Job))
    engine.dispose()


class Workers:
    """Worker subprocesses, always terminated: warm shutdown first, then kill."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = (self.tmp_path / f"worker-{len(self.procs)}.log").open("wb")
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.procs.append(proc)
        return proc

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(self.tmp_path.glob("worker-*.log")))

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Workers]:
    group = Workers(tmp_path)
    yield group
    group.stop()


def test_two_workers_run_every_job_exactly_once_and_recover_a_crashed_one(
    broker, job_db, postgres_url, workers, tmp_path
):
    broker_url, queue_name = broker
    env = {
        **os.environ,
        "RECEPTA_DATABASE_URL": postgres_url,
        "RECEPTA_DATA_DIR": str(tmp_path / "data"),
        "RECEPTA_ENVIRONMENT": "test",
        "RECEPTA_LOG_LEVEL": "WARNING",
        "RECEPTA_JOBS__RUNNER": "celery",
        "RECEPTA_JOBS__BROKER_URL": broker_url,
        "RECEPTA_JOBS__QUEUE": queue_name,
        "RECEPTA_JOBS__HANDLER_MODULES": f'["{support.MODULE}"]',
        "RECEPTA_JOBS__SWEEP_INTERVAL_SECONDS": "1",
        "RECEPTA_JOBS__BACKOFF_BASE_SECONDS": "0.1",
    }
    suffix = uuid.uuid4().hex[:6]
    # One worker through the plain `celery` command, one through `recepta worker`.
    workers.start(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "service.jobs.celery_app",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            f"--queues={queue_name}",
            f"--hostname=a-{suffix}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env,
    )
    workers.start(
        [
            sys.executable,
            "-m",
            "service.cli.worker",
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--name",
            f"b-{suffix}@%h",
            "--loglevel",
            "WARNING",
        ],
        env,
    )

    settings = Settings(
        environment="test",
        data_dir=tmp_path / "producer",
        database_url=postgres_url,
        jobs=job_settings(runner="celery", broker_url=broker_url, queue=queue_name),
    )
    services = build_services(settings)
    try:
        runner = services.jobs
        assert isinstance(runner, CeleryJobRunner)

        def all_done(ids: list[int | None], *, alive: int = 2) -> bool:
            if sum(proc.poll() is None for proc in workers.procs) < alive:
                codes = [proc.poll() for proc in workers.procs]
                pytest.fail(f"a worker exited early {codes}:\n{workers.logs()}")
            with Session(job_db) as session:
                done = session.scalar(
                    select(func.count()).select_from(Job).where(Job.id.in_(ids), Job.status == "done")
                )
            return done == len(ids)

        # Both workers must be live: each rendezvous job blocks until two processes have joined.
        meet = [
            runner.enqueue("test.rendezvous", {"token": f"meet{n}", "group": "meet", "parties": 2}) for n in range(2)
        ]
        wait_for(lambda: all_done(meet), timeout=120, what="both workers live")
        # Duplicate deliveries of finished jobs run nothing.
        for job_id in meet * 3:
            assert job_id is not None
            runner.runtime.dispatch(job_id)
        ids = [runner.enqueue("test.record", {"token": f"job{n}", "sleep": 0.01}) for n in range(50)]
        wait_for(lambda: all_done(ids), timeout=120, what="50 jobs done")

        # A job whose worker dies mid-run is recovered and finished by the other worker.
        crash = runner.enqueue("test.crash_once", {"token": "crash"})
        wait_for(lambda: any(p.poll() == 17 for p in workers.procs), timeout=60, what="a worker crashed")
        wait_for(lambda: all_done([crash], alive=1), timeout=60, what="crashed job recovered")
    finally:
        services.close()
    workers.stop()  # warm shutdown: nothing is in flight when counting

    assert [support.count(job_db, f"job{n}") for n in range(50)] == [1] * 50
    assert [support.count(job_db, f"meet{n}") for n in range(2)] == [1, 1]
    assert (support.count(job_db, "crash", "start"), support.count(job_db, "crash", "done")) == (2, 1)
    with job_db.connect() as conn:
        by_worker = dict(
            conn.execute(
                select(support.runs.c.worker, func.count())
                .where(support.runs.c.phase == "done")
                .group_by(support.runs.c.worker)
            )
            .tuples()
            .all()
        )
        statuses = dict(conn.execute(select(Job.status, func.count()).group_by(Job.status)).tuples().all())
    assert len(by_worker) == 2 and min(by_worker.values()) >= 1
    assert statuses == {"done": 53}


def test_a_retry_due_later_than_the_broker_may_hold_it_is_left_to_the_sweeper(tmp_path):
    queue_name = f"recepta-test-{uuid.uuid4().hex[:10]}"
    settings = Settings(
        environment="test",
        data_dir=tmp_path / "data",
        jobs=job_settings(runner="celery", broker_url=BROKERS["redis"], queue=queue_name),
    )
    app = create_celery_app(settings)
    runtime = app.recepta_runtime
    try:
        runtime.dispatch(1, queue.utc() + timedelta(seconds=MAX_COUNTDOWN_SECONDS + 60))
        with Connection(BROKERS["redis"]) as conn:  # type: ignore[no-untyped-call]
            assert conn.default_channel.client.llen(queue_name) == 0
        runtime.dispatch(2, queue.utc() + timedelta(seconds=60))
        with Connection(BROKERS["redis"]) as conn:  # type: ignore[no-untyped-call]
            client = conn.default_channel.client
            assert client.llen(queue_name) == 1
    finally:
        app.close()
        drop_queue(BROKERS["redis"], queue_name)
