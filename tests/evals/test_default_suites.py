"""The release gate: the default eval suites, through the real pipeline, on the demo clinic's knowledge."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.gates import evaluate_gates, load_gates
from evals.report import write_report
from evals.runner import EvalRunner
from evals.suites import discover

pytestmark = [pytest.mark.eval, pytest.mark.slow]


def test_when_default_suites_run_on_demo_clinic_then_every_gate_passes(demo_services, tmp_path: Path):
    gates_config = load_gates()
    suites = discover(gates_config.get("release") or None)
    run = EvalRunner(demo_services, workers=2).run(suites)
    gates = evaluate_gates(run.suites, gates_config)
    summary = write_report(run, tmp_path / "report", gates=gates)

    assert summary["overall"]["cases"] == sum(len(s.cases) for s in suites) >= 150
    assert summary["overall"]["phi_leaks"] == 0
    assert summary["overall"]["errors"] == 0
    failed = [f"{g.suite} {g.metric}={g.value:.3f} (needs {g.threshold})" for g in gates if not g.passed]
    failing_cases = [f"{r.suite}/{r.case.id}" for r in run.results if not r.passed]
    assert not failed, f"gates failed: {failed}; failing cases: {failing_cases}"
