"""The FastAPI application factory. Settings and services are built here, never at import."""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from service.composition import Services, build_services
from service.errors import ConflictError, NotFoundError, ReceptaError
from service.settings import Settings

log = logging.getLogger("recepta.app")

# Each module exposes ``router``; one APIRouter per resource.
ROUTER_MODULES = (
    "service.routes.health",
    "service.routes.webhooks",
    "service.routes.simulator",
    "service.routes.documents",
    "service.routes.admin_pages",
    "service.routes.chat",
    "service.routes.handoffs",
    "service.routes.evals",
)

STATIC_DIR = Path(__file__).parent / "static"


OFFLINE_ENVIRONMENT = {
    # Model libraries must never reach for a hub, whichever server (uvicorn --factory, gunicorn) runs the app.
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TLDEXTRACT_CACHE_TIMEOUT": "0",
    "ANONYMIZED_TELEMETRY": "False",
}


def create_app(
    settings: Settings | None = None, *, services: Services | None = None, start_jobs: bool = True
) -> FastAPI:
    for name, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    settings = settings or (services.settings if services else Settings())
    owned = services is None
    services = services or build_services(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if start_jobs:
            services.jobs.start()
        try:
            yield
        finally:
            if start_jobs:
                services.jobs.stop()
            if owned:
                services.close()

    app = FastAPI(title="Recepta", version="0.1.0", lifespan=lifespan)
    app.state.services = services
    for name in ROUTER_MODULES:
        app.include_router(importlib.import_module(name).router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.exception_handler(ReceptaError)
    async def _domain_error(_request: Request, exc: ReceptaError) -> JSONResponse:
        code = 404 if isinstance(exc, NotFoundError) else 409 if isinstance(exc, ConflictError) else 400
        return JSONResponse({"detail": str(exc), "error": type(exc).__name__}, status_code=code)

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's default body echoes the submitted values ("input"), which may be a patient's message.
        errors = [{"loc": list(e.get("loc", ())), "type": e.get("type", "invalid")} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    return app
