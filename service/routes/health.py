"""GET /healthz: the database answers and its migrations are current."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from service.deps import ServicesDep
from store.migrate import current_revision, head_revision

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(services: ServicesDep) -> JSONResponse:
    try:
        with services.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        current = current_revision(services.engine)
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy; report the class only
        return JSONResponse({"status": "error", "database": type(exc).__name__}, status_code=503)
    head = head_revision()
    ok = current == head
    body = {"status": "ok" if ok else "error", "database": "ok", "migration": current, "head": head}
    return JSONResponse(body, status_code=200 if ok else 503)
