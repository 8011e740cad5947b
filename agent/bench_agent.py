"""Quality and latency of the conversation engine on the issue-4 eval set (evals/suites, group "engine"), and
on the two sets written blind to it (group "blind").

Prints: share of answerable questions whose reply has the gold facts, share of unanswerable questions answered
without invented facts and with a person offered, wrong-language replies, latency p50/p95 per message on the
embedded default and with the LLM adapter against a scripted OpenAI-compatible server on loopback.
Run: ``.venv/bin/python -m agent.bench_agent [-v] [--no-llm] [--cold]`` (ingests demo/clinic into a temp data dir
on first use; ``-v`` lists failing cases; ``--cold`` skips the sentence-embedding warm-up).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Literal

import yaml

ROOT = Path(__file__).resolve().parents[1]
ANSWERABLE = ("faq_es", "faq_en", "faq_en_on_es")
# Written blind to the answerer and the other suites (evals/suites/README.md): faq_heldout was the development
# set generalisation was improved on, faq_blind is only ever measured.
BLIND = ("faq_heldout", "faq_blind")


def _data_dir() -> Path:
    path = Path(os.environ.get("RECEPTA_BENCH_DATA_DIR") or Path(tempfile.gettempdir()) / "recepta-bench-agent")
    fresh = not (path / "recepta.sqlite3").exists()
    env = {**os.environ, "RECEPTA_DATA_DIR": str(path)}
    recepta = str(Path(sys.executable).with_name("recepta"))
    # Migrating is idempotent and cheap; it keeps a reused data dir on the current schema.
    subprocess.run([recepta, "migrate"], env=env, check=True, capture_output=True)
    if fresh:
        subprocess.run(
            [recepta, "docs", "add", str(ROOT / "demo" / "clinic"), "--approve", "--by", "bench"],
            env=env,
            check=True,
            capture_output=True,
        )
    return path


def _services(data_dir: Path, **llm: Any) -> Any:
    from service.composition import build_services
    from service.settings import Settings

    # "test" skips the background warm-up of sentence embeddings: ``--cold`` measures first-sight latency.
    environment: Literal["test", "development"] = "test" if "--cold" in sys.argv else "development"
    settings = Settings(environment=environment, data_dir=data_dir)
    if llm:
        settings = settings.model_copy(update={"llm": settings.llm.model_copy(update=llm)})
    return build_services(settings)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


def _passed(result: Any, names: tuple[str, ...]) -> bool:
    return all(c.passed for c in result.checks if c.name in names)


def run(services: Any, suite_names: list[str], *, verbose: bool = False) -> dict[str, Any]:
    from evals.runner import EvalRunner
    from evals.suites import discover

    suites = discover(suite_names)
    warmup = services.conversation_engine.answering.warmup
    if warmup is not None:
        # Serving starts this thread at the first turn; measure the steady state, as patients meet it.
        warmup.join()
    runner = EvalRunner(services, workers=1)
    results = runner.run(suites).results
    latencies = [ms for r in results for ms in r.latencies_ms]
    # The blind suites mix both kinds: their cases say which by the action they expect.
    answerable = [
        r for r in results if r.suite in ANSWERABLE or (r.suite in BLIND and r.case.expect.action == "answer")
    ]
    facts_ok = [r for r in answerable if r.error is None and _passed(r, ("facts", "any_facts"))]
    unanswerable = [
        r
        for r in results
        if r.suite == "unanswerable" or (r.suite in BLIND and r.case.expect.action == "handoff_offer")
    ]
    honest = [r for r in unanswerable if r.error is None and _passed(r, ("must_not", "action"))]
    wrong_language = [
        r
        for r in results
        if r.case.expect.reply_language and r.reply_language not in (None, r.case.expect.reply_language)
    ]
    if verbose:
        for r in results:
            if not r.passed:
                bad = [f"{c.name}: {c.detail}" for c in r.checks if not c.passed] or [str(r.error)]
                print(f"FAIL {r.case.id} {r.case.turns[-1]!r} -> {bad} | {r.reply_text[:160]!r}")
    return {
        "messages": len(latencies),
        "cases": len(results),
        "pass_rate": sum(r.passed for r in results) / max(1, len(results)),
        "answerable_with_gold_fact": len(facts_ok) / max(1, len(answerable)),
        "unanswerable_honest_with_handoff": len(honest) / max(1, len(unanswerable)),
        "wrong_language_replies": len(wrong_language),
        "latency_ms_p50": _percentile(latencies, 0.5),
        "latency_ms_p95": _percentile(latencies, 0.95),
        "per_suite": {
            name: sum(r.passed for r in results if r.suite == name) / max(1, sum(r.suite == name for r in results))
            for name in suite_names
        },
    }


def _print(title: str, figures: dict[str, Any]) -> None:
    print(f"\n== {title}")
    for key, value in figures.items():
        if key == "per_suite":
            print("  pass rate per suite: " + ", ".join(f"{k} {v:.2f}" for k, v in value.items()))
        elif isinstance(value, float):
            print(f"  {key}: {value:.3f}" if value < 10 else f"  {key}: {value:.0f}")
        else:
            print(f"  {key}: {value}")


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TLDEXTRACT_CACHE_TIMEOUT", "0")
    verbose = "-v" in sys.argv
    groups = yaml.safe_load((ROOT / "evals" / "gates.yaml").read_text())["groups"]
    names = list(groups["engine"])
    data_dir = _data_dir()
    services = _services(data_dir)
    started = time.perf_counter()
    _print("embedded default (extractive, no LLM)", run(services, names, verbose=verbose))
    print(f"  wall: {time.perf_counter() - started:.1f} s")
    for name, how in zip(BLIND, ("the development set generalisation was improved on", "never tuned on"), strict=True):
        figures = run(services, [name])
        keys = ("cases", "answerable_with_gold_fact", "unanswerable_honest_with_handoff", "wrong_language_replies")
        _print(f"{name}: written blind to the answerer; {how}", {k: figures[k] for k in keys})
    services.close()
    if "--no-llm" in sys.argv:
        return
    from agent.bench_llm_server import EchoingOpenAIServer

    server = EchoingOpenAIServer().start()
    try:
        llm_services = _services(
            data_dir,
            provider="openai",
            base_url=server.base_url,
            model="loopback-echo",
            timeout_seconds=5.0,
            max_retries=0,
        )
        figures = run(llm_services, list(ANSWERABLE) + ["unanswerable"])
        # The loopback server copies the first approved chunk: only the latency of the path (HTTP, tool
        # calling, support check, fallback) is meaningful here, not answer quality.
        latency = {k: figures[k] for k in ("messages", "latency_ms_p50", "latency_ms_p95")}
        _print("LLM adapter against a loopback OpenAI-compatible server (latency of the path only)", latency)
        print(f"  requests served: {server.count}")
        llm_services.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
