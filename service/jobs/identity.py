"""Who holds a job: ``host:pid:boot:label`` worker ids, and recovery of jobs whose process is gone."""

from __future__ import annotations

import os
import socket
import uuid

from sqlalchemy import Engine, select

from service.jobs.recovery import requeue_where
from store.models import Job, JobStatus

HOST = socket.gethostname().replace(":", "-")
# A nonce per interpreter: a restarted container often gets the same pid back, but never the same nonce.
BOOT = uuid.uuid4().hex[:8]


def worker_id(label: str) -> str:
    return f"{HOST}:{os.getpid()}:{BOOT}:{label}"[:128]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def is_orphan(locked_by: str | None) -> bool:
    """True when the claimer ran on this host and its process is gone (or was an earlier life of this pid)."""
    parts = (locked_by or "").split(":")
    if len(parts) < 4 or parts[0] != HOST or not parts[1].isdigit():
        return False
    pid, boot = int(parts[1]), parts[2]
    if pid == os.getpid():
        return boot != BOOT
    return not _pid_alive(pid)


def recover_orphans(engine: Engine, *, max_attempts: int, job_ids: list[int] | None = None) -> list[int]:
    """Re-queue jobs left running by a dead process of this host, at once (no need to wait for the lease).

    Jobs claimed on other hosts are recovered by ``recovery.recover_stale`` when their lease expires.
    """
    query = select(Job.id, Job.locked_by).where(Job.status == JobStatus.RUNNING.value, Job.locked_by.like(f"{HOST}:%"))
    if job_ids is not None:
        query = query.where(Job.id.in_(job_ids))
    with engine.connect() as conn:
        orphans = [job_id for job_id, locked_by in conn.execute(query) if is_orphan(locked_by)]
    if not orphans:
        return []
    return requeue_where(engine, Job.id.in_(orphans), max_attempts=max_attempts, error="WorkerCrashed")
