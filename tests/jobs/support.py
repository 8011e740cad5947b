"""Test-only job handlers, imported by runners and worker processes via RECEPTA_JOBS__HANDLER_MODULES.

Every handler records its execution in the ``job_test_runs`` table (its own metadata, not the app's),
so tests can count exactly how often each job ran and in which process.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, func, insert, select

from service.jobs.errors import PermanentJobError, RetryLater
from service.jobs.ports import JobHandler

if TYPE_CHECKING:
    from service.composition import Services

MODULE = __name__
# A phone number and a name, planted in exception messages: they must never reach a log.
PLANTED_PHI = "Lucía Fernández +34 612 345 678"

metadata = MetaData()
runs = Table(
    "job_test_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token", String(64), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("worker", String(128), nullable=False),
    Column("phase", String(16), nullable=False),
)


def process_label() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@contextmanager
def runs_table(engine: Engine) -> Iterator[Table]:
    metadata.drop_all(engine)
    metadata.create_all(engine)
    try:
        yield runs
    finally:
        metadata.drop_all(engine)


def record(engine: Engine, token: str, kind: str, phase: str = "done") -> None:
    with engine.begin() as conn:
        conn.execute(insert(runs).values(token=token, kind=kind, worker=process_label(), phase=phase))


def count(engine: Engine, token: str, phase: str | None = None) -> int:
    query = select(func.count()).select_from(runs).where(runs.c.token == token)
    if phase is not None:
        query = query.where(runs.c.phase == phase)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def _record(services: Services, payload: dict[str, Any]) -> None:
    if payload.get("sleep"):
        time.sleep(float(payload["sleep"]))
    record(services.engine, payload["token"], "test.record")


def _flaky(services: Services, payload: dict[str, Any]) -> None:
    """Fails (quoting PHI in the message) the first ``fail_times`` attempts, then succeeds."""
    record(services.engine, payload["token"], "test.flaky", phase="start")
    if count(services.engine, payload["token"], "start") <= int(payload.get("fail_times", 1)):
        raise RuntimeError(f"upstream rejected message for {PLANTED_PHI}")
    record(services.engine, payload["token"], "test.flaky")


def _retry_later(services: Services, payload: dict[str, Any]) -> None:
    record(services.engine, payload["token"], "test.retry_later", phase="start")
    if count(services.engine, payload["token"], "start") == 1:
        raise RetryLater(float(payload.get("delay", 0.0)), reason="graph_429")
    record(services.engine, payload["token"], "test.retry_later")


def _permanent(services: Services, payload: dict[str, Any]) -> None:
    record(services.engine, payload["token"], "test.permanent", phase="start")
    raise PermanentJobError("refused_by_policy")


def _crash_once(services: Services, payload: dict[str, Any]) -> None:
    """Kills its whole process on the first attempt, as a power cut or OOM kill would."""
    record(services.engine, payload["token"], "test.crash_once", phase="start")
    if count(services.engine, payload["token"], "start") == 1:
        os._exit(17)
    record(services.engine, payload["token"], "test.crash_once")


def _rendezvous(services: Services, payload: dict[str, Any]) -> None:
    """Blocks until ``parties`` distinct processes run this kind: proves that many workers are live."""
    record(services.engine, payload["group"], "test.rendezvous", phase="meet")
    query = select(func.count(func.distinct(runs.c.worker))).where(runs.c.token == payload["group"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with services.engine.connect() as conn:
            if conn.execute(query).scalar_one() >= int(payload["parties"]):
                break
        time.sleep(0.05)
    record(services.engine, payload["token"], "test.rendezvous")


HANDLERS: dict[str, JobHandler] = {
    "test.record": _record,
    "test.flaky": _flaky,
    "test.retry_later": _retry_later,
    "test.permanent": _permanent,
    "test.crash_once": _crash_once,
    "test.rendezvous": _rendezvous,
}


def crash_child_main() -> None:
    """Entry point of a subprocess: enqueue a crash_once job, run it in an in-process runner, die mid-job."""
    from service.composition import build_services
    from service.jobs.inprocess import InProcessJobRunner
    from service.settings import Settings

    services = build_services(Settings())
    runner = InProcessJobRunner(services)
    runner.enqueue("test.crash_once", {"token": os.environ["RECEPTA_TEST_TOKEN"]}, dedupe_key="crash-once")
    runner.start()
    time.sleep(60)  # the handler ends this process long before
    raise SystemExit(0)
