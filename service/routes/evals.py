"""Eval page of the web admin: start a run of the eval suites and browse its reports."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from evals.jobs import queue_eval_run, read_status, reports_root
from evals.suites import discover
from service.auth import presented_token, token_matches
from service.deps import ServicesDep, StaffDep

router = APIRouter(tags=["evals"])
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parents[1] / "templates" / "evals"), autoescape=select_autoescape(["html"])
)
RUN_ID = re.compile(r"^[0-9A-Za-z-]{6,64}$")


def _runs(services: Any) -> list[dict[str, Any]]:
    root = reports_root(services)
    if not root.exists():
        return []
    runs = []
    for run_dir in sorted(root.iterdir(), reverse=True):
        if run_dir.is_dir() and RUN_ID.match(run_dir.name):
            status = read_status(run_dir)
            status["run_id"] = run_dir.name
            status["has_report"] = (run_dir / "report.html").exists()
            runs.append(status)
    return runs


@router.get("/admin/evals", response_class=HTMLResponse, response_model=None)
def evals_page(request: Request, services: ServicesDep) -> Response:
    if not token_matches(request, presented_token(request)):
        return RedirectResponse("/admin/login?next=/admin/evals", status_code=303)
    suites = [{"name": s.suite, "cases": len(s.cases), "description": s.description} for s in discover()]
    html = TEMPLATES.get_template("evals.html").render(suites=suites, runs=_runs(services))
    return HTMLResponse(html)


@router.post("/admin/evals/runs")
def start_run(
    _staff: StaffDep, services: ServicesDep, suites: Annotated[list[str] | None, Form()] = None
) -> RedirectResponse:
    known = {s.suite for s in discover()}
    chosen = [s for s in (suites or []) if s in known]
    queue_eval_run(services, chosen)
    return RedirectResponse("/admin/evals", status_code=303)


@router.get("/api/v1/evals/runs")
def list_runs(_staff: StaffDep, services: ServicesDep) -> list[dict[str, Any]]:
    return _runs(services)


@router.get("/admin/evals/runs/{run_id}/report")
def run_report(run_id: str, _staff: StaffDep, services: ServicesDep) -> FileResponse:
    if not RUN_ID.match(run_id):
        raise HTTPException(404, "no such run")
    path = reports_root(services) / run_id / "report.html"
    if not path.exists():
        raise HTTPException(404, "this run has no report yet")
    return FileResponse(path, media_type="text/html")
