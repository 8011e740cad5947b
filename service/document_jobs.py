"""Document ingestion as a background job (`ingest_document`): URL crawls and big uploads, with progress.

Progress lives in a small JSON status file per task under the data dir (like eval runs), so the API and
the admin page can poll it whichever process runs the job. Files hold ids, counts and titles, never text.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingestion.errors import FetchError, IngestionError
from ingestion.workflow import AddResult, add_source, add_upload
from service.jobs.errors import PermanentJobError, RetryLater
from store.db import transaction
from store.models.base import utcnow

if TYPE_CHECKING:
    from service.composition import Services

log = logging.getLogger("recepta.documents")

INGEST_KIND = "ingest_document"
TASK_ID = re.compile(r"^[0-9a-f]{32}$")


def tasks_dir(services: Services) -> Path:
    return services.settings.data_dir / "jobs" / "ingest"


def _write(services: Services, task_id: str, **status: Any) -> None:
    path = tasks_dir(services) / f"{task_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    previous = read_task(services, task_id) or {}
    merged = {**previous, **status, "task_id": task_id, "updated_at": utcnow().isoformat()}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(merged, default=str), encoding="utf-8")
    tmp.replace(path)  # atomic: a poller never reads half a file


def read_task(services: Services, task_id: str) -> dict[str, Any] | None:
    if not TASK_ID.match(task_id):
        return None
    try:
        data: dict[str, Any] = json.loads((tasks_dir(services) / f"{task_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data


def recent_tasks(services: Services, *, limit: int = 20) -> list[dict[str, Any]]:
    root = tasks_dir(services)
    if not root.exists():
        return []
    files = sorted(root.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[:limit]
    return [t for t in (read_task(services, f.stem) for f in files) if t is not None]


def queue_ingestion(
    services: Services, *, added_by: str, url: str | None = None, upload: tuple[str, bytes] | None = None
) -> str:
    """Queue a URL crawl or a stored upload; returns the task id whose status the API serves."""
    task_id = uuid.uuid4().hex
    payload: dict[str, Any] = {"task_id": task_id, "added_by": added_by}
    if upload is not None:
        filename, data = upload
        staged = services.settings.uploads_dir / "staging" / f"{task_id}.bin"
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        payload |= {"filename": filename, "staged": staged.name}
        label = filename
    elif url is not None:
        payload["url"] = url
        label = url
    else:
        raise ValueError("queue_ingestion needs a url or an upload")
    _write(services, task_id, status="queued", source=label, stage="queued", done=0, total=0, results=[])
    services.jobs.enqueue(INGEST_KIND, payload, dedupe_key=f"ingest:{task_id}")
    return task_id


def result_json(result: AddResult) -> dict[str, Any]:
    return asdict(result)


def ingest_document(services: Services, payload: dict[str, Any]) -> None:
    """Job handler: idempotent, since re-adding an unchanged source records nothing new."""
    task_id = str(payload["task_id"])
    added_by = str(payload.get("added_by") or "staff")

    def progress(stage: str, done: int, total: int) -> None:
        _write(services, task_id, status="running", stage=stage, done=done, total=total)

    _write(services, task_id, status="running", stage="load", attempts_started=utcnow().isoformat())
    staged = services.settings.uploads_dir / "staging" / Path(str(payload.get("staged", ""))).name
    try:
        with transaction(services.sessions) as session:
            if "staged" in payload:
                if not staged.is_file():
                    raise PermanentJobError("staged upload missing")
                results = [
                    add_upload(
                        session,
                        services,
                        filename=str(payload["filename"]),
                        data=staged.read_bytes(),
                        added_by=added_by,
                    )
                ]
            else:
                results = add_source(session, services, str(payload["url"]), added_by=added_by, progress=progress)
    except FetchError as exc:
        _write(services, task_id, status="retrying", error=str(exc), error_class=type(exc).__name__)
        raise RetryLater(60, reason="fetch_failed") from None
    except IngestionError as exc:
        # Ingestion errors name the source and the problem, never its content: safe to show staff.
        _write(services, task_id, status="failed", error=str(exc), error_class=type(exc).__name__)
        _discard(payload, staged)
        raise PermanentJobError("ingestion_failed") from None
    except PermanentJobError:
        _write(services, task_id, status="failed", error="the uploaded file is no longer available")
        raise
    _discard(payload, staged)
    _write(services, task_id, status="done", stage="done", results=[result_json(r) for r in results])
    log.info("ingestion finished", extra={"task_id": task_id, "documents": len(results)})


def _discard(payload: dict[str, Any], staged: Path) -> None:
    # Once the outcome is final the staged copy goes (add_upload keeps its own copy of added versions).
    if "staged" in payload:
        staged.unlink(missing_ok=True)
