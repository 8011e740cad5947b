"""REST API of the clinic's documents: upload, add a URL, list, inspect, approve, retire (staff only).

Small uploads are ingested in the request (201); URLs and big uploads become an `ingest_document` job and
the answer is 202 with a status URL to poll.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ingestion import workflow
from ingestion.errors import FetchError, IngestionError, UnsupportedSourceError
from service.composition import Services
from service.deps import ServicesDep, SessionDep, StaffDep
from service.document_jobs import INGEST_KIND, queue_ingestion, read_task, recent_tasks, result_json
from store.models.messaging import Job

router = APIRouter(prefix="/api/v1/documents", tags=["documents"])

# Uploads up to this size are ingested synchronously; bigger ones go to a background job.
SYNC_UPLOAD_BYTES = 512 * 1024
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
PREVIEW_CHARS = 20_000


def _status_url(task_id: str) -> str:
    return f"/api/v1/documents/jobs/{task_id}"


def _accepted(task_id: str) -> JSONResponse:
    url = _status_url(task_id)
    return JSONResponse(
        {"task_id": task_id, "status": "queued", "status_url": url}, status_code=202, headers={"Location": url}
    )


def _ingestion_http_error(exc: IngestionError) -> HTTPException:
    code = 415 if isinstance(exc, UnsupportedSourceError) else 502 if isinstance(exc, FetchError) else 422
    return HTTPException(code, str(exc))


class AddUrl(BaseModel):
    url: str = Field(min_length=8, max_length=2048)

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("url must be an absolute http(s) URL")
        return value.strip()


class Approval(BaseModel):
    override_phi: bool = False
    reason: str | None = Field(default=None, max_length=500)


UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}


@router.post("/upload", status_code=201, response_model=None, openapi_extra=UPLOAD_SCHEMA)
async def upload_document(request: Request, staff: StaffDep, services: ServicesDep) -> JSONResponse | dict[str, Any]:
    """Multipart upload (field ``file``). The form is parsed here, after the size check, not before it."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES + 64 * 1024:
        raise HTTPException(413, f"file larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    try:
        form = await request.form(max_files=1, max_fields=5)
    except HTTPException:
        raise
    except Exception:  # noqa: BLE001 - any parse failure is the client's malformed body
        raise HTTPException(400, "expected a multipart/form-data body with a file field") from None
    file = form.get("file")
    if not isinstance(file, UploadFile):
        raise HTTPException(422, "the upload needs a file field")
    filename = (file.filename or "").strip()
    if not filename:
        raise HTTPException(422, "the upload needs a file name")
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    await form.close()
    if len(data) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, f"file larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    if not data:
        raise HTTPException(422, "the uploaded file is empty")
    if len(data) > SYNC_UPLOAD_BYTES:
        return _accepted(queue_ingestion(services, added_by=staff, upload=(filename, data)))
    return await run_in_threadpool(_add_upload_now, services, staff, filename, data)


def _add_upload_now(services: Services, staff: str, filename: str, data: bytes) -> dict[str, Any]:
    try:
        with services.sessions() as session, session.begin():
            result = workflow.add_upload(session, services, filename=filename, data=data, added_by=staff)
    except IngestionError as exc:
        raise _ingestion_http_error(exc) from None
    return {"document": result_json(result)}


@router.post("", status_code=202)
def add_url(body: AddUrl, staff: StaffDep, services: ServicesDep) -> JSONResponse:
    """Crawling a site takes a while: always a background job."""
    return _accepted(queue_ingestion(services, added_by=staff, url=body.url))


@router.get("")
def list_documents(
    _staff: StaffDep, session: SessionDep, status: Literal["pending", "approved", "retired"] | None = None
) -> dict[str, Any]:
    return {"documents": [asdict(d) for d in workflow.list_documents(session, status=status)]}


@router.get("/jobs")
def list_ingestion_jobs(_staff: StaffDep, services: ServicesDep, session: SessionDep) -> dict[str, Any]:
    return {"jobs": [_with_job_row(session, task) for task in recent_tasks(services)]}


@router.get("/jobs/{task_id}")
def ingestion_job(task_id: str, _staff: StaffDep, services: ServicesDep, session: SessionDep) -> dict[str, Any]:
    task = read_task(services, task_id)
    if task is None:
        raise HTTPException(404, "no such ingestion job")
    return _with_job_row(session, task)


def _with_job_row(session: Session, task: dict[str, Any]) -> dict[str, Any]:
    # The job row is the truth about failures the handler could not record (e.g. retries exhausted).
    job = session.scalar(select(Job).where(Job.kind == INGEST_KIND, Job.dedupe_key == f"ingest:{task['task_id']}"))
    if job is not None:
        task = {**task, "job_id": job.id, "job_status": job.status, "attempts": job.attempts}
        if job.status == "failed" and task.get("status") not in ("failed", "done"):
            task["status"] = "failed"
    return task


@router.get("/{document_id}")
def show_document(document_id: int, _staff: StaffDep, session: SessionDep) -> dict[str, Any]:
    info = workflow.get_document(session, document_id)
    text = workflow.document_text(session, document_id)
    return {
        "document": asdict(info),
        "text": text[:PREVIEW_CHARS],
        "text_chars": len(text),
        "truncated": len(text) > PREVIEW_CHARS,
    }


@router.get("/{document_id}/chunks")
def document_chunks(
    document_id: int,
    _staff: StaffDep,
    session: SessionDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    workflow.get_document(session, document_id)  # 404 before listing
    chunks = workflow.document_chunks(session, document_id)
    return {"total": len(chunks), "offset": offset, "chunks": [asdict(c) for c in chunks[offset : offset + limit]]}


@router.post("/{document_id}/approve")
def approve_document(
    document_id: int, staff: StaffDep, services: ServicesDep, session: SessionDep, body: Approval | None = None
) -> dict[str, Any]:
    body = body or Approval()
    if body.override_phi and not (body.reason and body.reason.strip()):
        raise HTTPException(422, "overriding PHI findings needs a reason")
    info = workflow.approve(
        session,
        services,
        document_id,
        by=staff,
        override_phi=body.override_phi,
        reason=body.reason.strip() if body.reason else None,
    )
    return {"document": asdict(info)}


@router.post("/{document_id}/retire")
def retire_document(document_id: int, staff: StaffDep, services: ServicesDep, session: SessionDep) -> dict[str, Any]:
    return {"document": asdict(workflow.retire(session, services, document_id, by=staff))}
