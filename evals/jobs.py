"""Eval runs as background jobs (started from the admin page): status in the run's report directory."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.gates import evaluate_gates, load_gates
from evals.report import write_report
from evals.runner import EvalRunner, new_run_id
from evals.suites import discover

if TYPE_CHECKING:
    from service.composition import Services

log = logging.getLogger("recepta.evals")


def reports_root(services: Services) -> Path:
    return services.settings.data_dir / "reports" / "eval"


def write_status(run_dir: Path, **status: Any) -> None:
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "status.json").write_text(json.dumps(status), encoding="utf-8")


def read_status(run_dir: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads((run_dir / "status.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {"status": "unknown"}
    return data


def queue_eval_run(services: Services, suites: list[str]) -> str:
    """Create the run directory and a durable `eval_run` job; returns the run id."""
    run_id = new_run_id()
    write_status(reports_root(services) / run_id, status="queued", suites=suites, done=0, total=0)
    services.jobs.enqueue("eval_run", {"run_id": run_id, "suites": suites}, dedupe_key=f"eval:{run_id}")
    return run_id


def run_eval_job(services: Services, payload: dict[str, Any]) -> None:
    run_id = str(payload["run_id"])
    run_dir = reports_root(services) / run_id
    suites = discover(list(payload.get("suites") or []) or None)
    total = sum(len(s.cases) for s in suites)
    counter = {"done": 0}
    write_status(run_dir, status="running", suites=payload.get("suites") or [], done=0, total=total)

    def progress(_result: object) -> None:
        counter["done"] += 1
        if counter["done"] % 5 == 0:
            write_status(run_dir, status="running", done=counter["done"], total=total)

    run = EvalRunner(services, workers=2).run(suites, progress=progress, run_id=run_id)
    gates = evaluate_gates(run.suites, load_gates())
    summary = write_report(run, run_dir, gates=gates)
    write_status(
        run_dir,
        status="done",
        done=total,
        total=total,
        pass_rate=summary["overall"]["pass_rate"],
        gates_passed=summary["gates_passed"],
    )
    log.info("eval run finished", extra={"run_id": run_id, "cases": total})
