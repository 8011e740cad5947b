"""Release gates: per-suite thresholds from evals/gates.yaml; a failed gate makes `recepta eval` exit non-zero.

Format::

    default: {pass_rate: 0.9, phi_leaks: 0}
    suites:
      emergencies_self_harm: {pass_rate: 1.0}

``release`` (optional) lists the suites that gate a release (`make test` runs them); default: all.
Metrics named in ``MAXIMA`` are upper bounds; every other metric is a lower bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from evals.suites import SuiteError

GATES_FILE = Path(__file__).parent / "gates.yaml"
MAXIMA = {"phi_leaks", "wrong_language", "errors", "latency_p95_ms"}


@dataclass
class GateResult:
    suite: str
    metric: str
    threshold: float
    value: float | None
    passed: bool


def load_gates(path: Path = GATES_FILE) -> dict[str, Any]:
    if not path.exists():
        return {"default": {}, "suites": {}, "release": []}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SuiteError(f"{path.name} must be a mapping with 'default' and 'suites'")
    return {
        "default": data.get("default") or {},
        "suites": data.get("suites") or {},
        "release": list(data.get("release") or []),
    }


def _metric(metrics: dict[str, Any], name: str) -> float | None:
    if name == "latency_p95_ms":
        return float(metrics["latency_ms"]["p95"])
    if "." in name:
        group, key = name.split(".", 1)
        value = (metrics.get(group) or {}).get(key)
    else:
        value = metrics.get(name)
    return None if value is None else float(value)


def evaluate_gates(suite_metrics: dict[str, dict[str, Any]], gates: dict[str, Any]) -> list[GateResult]:
    results = []
    for suite, metrics in suite_metrics.items():
        thresholds = {**gates["default"], **(gates["suites"].get(suite) or {})}
        for metric, threshold in thresholds.items():
            value = _metric(metrics, metric)
            if value is None:
                continue  # the metric does not apply to this suite (e.g. no retrieval cases)
            passed = value <= threshold if metric in MAXIMA else value >= threshold
            results.append(GateResult(suite, metric, float(threshold), value, passed))
    return results
