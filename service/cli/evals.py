"""`recepta eval`: run eval suites through the real pipeline, write reports, enforce release gates."""

from __future__ import annotations

import json
from pathlib import Path

import typer

DEFAULT_REPORTS = Path("reports/eval")


def eval_command(
    suites: list[str] = typer.Argument(None, help="Suite names (files in evals/suites) or paths; all by default."),
    report: Path = typer.Option(DEFAULT_REPORTS, help="Directory for this run's reports (a run-id subfolder)."),
    baseline: Path = typer.Option(None, help="A previous run's report directory, to compare and find regressions."),
    workers: int = typer.Option(2, help="Cases run in parallel."),
    mutate: list[str] = typer.Option(
        None, help="Also run mutated copies: typos, no_accents, casing, emojis, code_switch, politeness (repeatable)."
    ),
    gates_file: Path = typer.Option(None, "--gates", help="Gate thresholds (default evals/gates.yaml)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Run eval suites; exit 1 when a gate fails."""
    from evals.gates import GATES_FILE, evaluate_gates, load_gates
    from evals.report import load_baseline, write_report
    from evals.robustness import mutate_suites
    from evals.runner import EvalRunner
    from evals.suites import discover
    from service.cli.context import cli_services

    selected = discover(suites or None)
    if mutate:
        selected = selected + mutate_suites(selected, list(mutate))
    total = sum(len(s.cases) for s in selected)
    services = cli_services()
    base = load_baseline(baseline) if baseline else None
    typer.echo(f"running {total} cases from {len(selected)} suites with {workers} workers", err=True)
    done = {"n": 0, "failed": 0}

    def progress(result: object) -> None:
        done["n"] += 1
        done["failed"] += not getattr(result, "passed", True)
        if done["n"] % 10 == 0 or done["n"] == total:
            typer.echo(f"  {done['n']}/{total} cases, {done['failed']} failing", err=True)

    run = EvalRunner(services, workers=workers).run(selected, progress=progress)
    gates = evaluate_gates(run.suites, load_gates(gates_file or GATES_FILE))
    out_dir = report / run.run_id
    summary = write_report(run, out_dir, gates=gates, baseline=base)
    services.close()
    if as_json:
        typer.echo(json.dumps({k: v for k, v in summary.items() if k != "cases"}, ensure_ascii=False, indent=2))
    else:
        for name, m in run.suites.items():
            typer.echo(
                f"{name:32s} {m['passed']:4d}/{m['cases']:<4d} pass {m['pass_rate']:.3f}  "
                f"PHI leaks {m['phi_leaks']}  p95 {m['latency_ms']['p95']:.0f} ms"
            )
        for base, kinds in summary["robustness"].items():
            moves = ", ".join(
                f"{kind} {d['pass_rate']:+.3f}" for kind, d in kinds.items() if d["pass_rate"] is not None
            )
            typer.echo(f"robustness {base}: pass rate {moves}")
        for r in summary["regressions"]:
            typer.echo(f"REGRESSION {r['case']}: {r['failed']}")
        for g in gates:
            if not g.passed:
                typer.echo(f"GATE FAILED {g.suite} {g.metric}={g.value:.3f} (threshold {g.threshold})")
        typer.echo(f"report: {out_dir / 'report.html'}  ({run.wall_seconds:.1f} s)")
    if not summary["gates_passed"] or summary["regressions"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
