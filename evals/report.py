"""Write a run's reports: a JSON per case, summary.json, junit.xml and a readable report.html."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from jinja2 import Environment, FileSystemLoader, select_autoescape

from evals.gates import GateResult
from evals.runner import RunResult

TEMPLATES = Path(__file__).parent / "templates"


def load_baseline(path: Path) -> dict[str, Any]:
    """A previous run's summary and per-case outcomes, from its report directory."""
    summary_file = path / "summary.json"
    if not summary_file.exists():
        raise FileNotFoundError(f"no summary.json in baseline {path}")
    summary: dict[str, Any] = json.loads(summary_file.read_text(encoding="utf-8"))
    return summary


def regressions(run: RunResult, baseline: dict[str, Any]) -> list[dict[str, str]]:
    """Cases that passed in the baseline and fail now."""
    before = baseline.get("cases", {})
    found = []
    for r in run.results:
        key = f"{r.suite}/{r.case.id}"
        if before.get(key) is True and not r.passed:
            failing = [c.name for c in r.checks if not c.passed] or [r.error or "error"]
            found.append({"case": key, "failed": ", ".join(failing)})
    return found


def summary_dict(
    run: RunResult, gates: list[GateResult], regressed: list[dict[str, str]], baseline: dict[str, Any] | None
) -> dict[str, Any]:
    slowest = sorted(run.results, key=lambda r: max(r.latencies_ms, default=0), reverse=True)[:10]
    return {
        "run_id": run.run_id,
        "started_at": run.started_at,
        "wall_seconds": round(run.wall_seconds, 2),
        "overall": run.overall,
        "suites": run.suites,
        "gates": [asdict(g) for g in gates],
        "gates_passed": all(g.passed for g in gates),
        "regressions": regressed,
        "baseline_run": baseline.get("run_id") if baseline else None,
        "baseline_suites": baseline.get("suites") if baseline else None,
        "slowest": [
            {"case": f"{r.suite}/{r.case.id}", "ms": round(max(r.latencies_ms, default=0), 1)} for r in slowest
        ],
        "tags": _by_tag(run),
        "robustness": robustness(run.suites),
        "cases": {f"{r.suite}/{r.case.id}": r.passed for r in run.results},
    }


STABILITY_METRICS = ("pass_rate", "answer_correctness", "phi_leaks", "wrong_language")


def robustness(suites: dict[str, dict[str, Any]]) -> dict[str, dict[str, dict[str, float | None]]]:
    """For each mutated copy ``<suite>~<kind>``: how each metric moved against the original suite."""
    table: dict[str, dict[str, dict[str, float | None]]] = {}
    for name, metrics in suites.items():
        if "~" not in name:
            continue
        base, kind = name.split("~", 1)
        original = suites.get(base)
        if original is None:
            continue
        deltas: dict[str, float | None] = {}
        for metric in STABILITY_METRICS:
            before, after = original.get(metric), metrics.get(metric)
            deltas[metric] = None if before is None or after is None else round(float(after) - float(before), 4)
        table.setdefault(base, {})[kind] = deltas
    return table


def _by_tag(run: RunResult) -> dict[str, dict[str, int]]:
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for r in run.results:
        for tag in r.case.tags:
            total[tag] += 1
            passed[tag] += r.passed
    return {tag: {"cases": total[tag], "passed": passed[tag]} for tag in sorted(total)}


def junit_xml(run: RunResult) -> bytes:
    root = ET.Element("testsuites", name="recepta-eval", tests=str(len(run.results)))
    for suite, metrics in run.suites.items():
        cases = [r for r in run.results if r.suite == suite]
        node = ET.SubElement(
            root,
            "testsuite",
            name=suite,
            tests=str(len(cases)),
            failures=str(sum(not r.passed and r.error is None for r in cases)),
            errors=str(sum(r.error is not None for r in cases)),
            time=f"{sum(sum(r.latencies_ms) for r in cases) / 1000:.3f}",
        )
        for r in cases:
            case = ET.SubElement(
                node, "testcase", classname=suite, name=r.case.id, time=f"{sum(r.latencies_ms) / 1000:.3f}"
            )
            if r.error:
                ET.SubElement(case, "error", type=r.error, message=r.error)
            elif not r.passed:
                failing = [f"{c.name}: {c.detail}" for c in r.checks if not c.passed]
                ET.SubElement(case, "failure", message="; ".join(failing))
        ET.SubElement(node, "properties").append(
            ET.Element("property", name="pass_rate", value=f"{metrics['pass_rate']:.3f}")
        )
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


def latency_histogram(values: list[float], bins: int = 20) -> list[dict[str, float]]:
    if not values:
        return []
    top = max(values) or 1.0
    width = top / bins
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int(v / width))] += 1
    return [{"from": i * width, "to": (i + 1) * width, "count": c} for i, c in enumerate(counts)]


def write_report(
    run: RunResult, directory: Path, *, gates: list[GateResult], baseline: dict[str, Any] | None = None
) -> dict[str, Any]:
    directory.mkdir(parents=True, exist_ok=True)
    for r in run.results:
        case_dir = directory / "cases" / r.suite
        case_dir.mkdir(parents=True, exist_ok=True)
        (case_dir / f"{r.case.id}.json").write_text(
            json.dumps(r.as_json(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    regressed = regressions(run, baseline) if baseline else []
    summary = summary_dict(run, gates, regressed, baseline)
    (directory / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    (directory / "junit.xml").write_bytes(junit_xml(run))
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    html = env.get_template("report.html").render(
        summary=summary,
        run=run,
        failing=[r for r in run.results if not r.passed],
        histogram=latency_histogram([ms for r in run.results for ms in r.latencies_ms]),
    )
    (directory / "report.html").write_text(html, encoding="utf-8")
    return summary
