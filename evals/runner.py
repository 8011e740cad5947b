"""Run eval suites through the real pipeline (the same path as a WhatsApp message) and score every case."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from evals.metrics import CaseResult, check_case, suite_metrics
from evals.suites import Case, Suite
from evals.text import fold, sentences

if TYPE_CHECKING:
    from agent.ports import Retriever
    from guardrails.public_values import PublicValues
    from service.composition import Services

log = logging.getLogger("recepta.evals")

Progress = Callable[[CaseResult], None]
# A turn function: (text, conversation key) -> TurnResult.as_json(); the real one is service.pipeline.run_turn.
TurnFn = Callable[[str, str], dict[str, Any]]
MIN_LEAK_CHARS = 4


@dataclass
class RunResult:
    run_id: str
    started_at: str
    wall_seconds: float
    results: list[CaseResult]
    suites: dict[str, dict[str, Any]] = field(default_factory=dict)
    overall: dict[str, Any] = field(default_factory=dict)


class EvalRunner:
    def __init__(
        self,
        services: Services | None,
        *,
        workers: int = 2,
        turn_fn: TurnFn | None = None,
        analyzer: Any = None,
        retriever: Retriever | None = None,
        public: PublicValues | None = None,
    ) -> None:
        self.services = services
        self.workers = max(1, workers)
        self.turn_fn = turn_fn or self._pipeline_turn
        self._analyzer = analyzer
        self._retriever = retriever
        self._public = public

    def _pipeline_turn(self, text: str, key: str) -> dict[str, Any]:
        from service.pipeline import run_turn

        assert self.services is not None
        return run_turn(self.services, text=text, from_id=key).as_json()

    def warm_up(self) -> None:
        """Build the heavy adapters once, before threads race to build them."""
        if self.services is None:
            return
        engine, _ = self.services.conversation_engine, self.services.guardrails
        # Latency is measured on a warm engine: wait for the background embedding of approved sentences.
        warmup = getattr(getattr(engine, "answering", None), "warmup", None)
        if warmup is not None:
            warmup.join()
        if self._retriever is None:
            self._retriever = self.services.retriever
        if self._analyzer is None:
            from guardrails.analyzer import build_analyzer

            self._analyzer = build_analyzer(self.services.settings.guardrails)
        if self._public is None:
            from guardrails.public_values import clinic_public_values

            self._public = clinic_public_values(self.services.settings)

    def run(self, suites: Sequence[Suite], *, progress: Progress | None = None, run_id: str | None = None) -> RunResult:
        self.warm_up()
        run_id = run_id or new_run_id()
        started = time.perf_counter()
        jobs = [(suite.suite, case) for suite in suites for case in suite.cases]

        def one(item: tuple[str, Case]) -> CaseResult:
            result = self.run_case(item[0], item[1], run_id)
            if progress:
                progress(result)
            return result

        with ThreadPoolExecutor(self.workers) as pool:
            results = list(pool.map(one, jobs))
        run = RunResult(run_id, datetime.now(UTC).isoformat(timespec="seconds"), time.perf_counter() - started, results)
        for suite in suites:
            run.suites[suite.suite] = suite_metrics([r for r in results if r.suite == suite.suite])
        run.overall = suite_metrics(results)
        return run

    def run_case(self, suite: str, case: Case, run_id: str) -> CaseResult:
        key = f"eval-{run_id}-{suite}-{case.id}"
        result = CaseResult(suite=suite, case=case, turns=[], latencies_ms=[])
        try:
            for text in case.turns:
                t0 = time.perf_counter()
                result.turns.append(self.turn_fn(text, key))
                result.latencies_ms.append((time.perf_counter() - t0) * 1000)
            self._score(result)
        except Exception as exc:  # noqa: BLE001 - a crashing case is a failed case, not a crashed run
            log.exception("eval case crashed", extra={"suite": suite, "case": case.id})
            result.error = type(exc).__name__
        result.checks = check_case(result) if result.error is None else []
        return result

    def _score(self, result: CaseResult) -> None:
        reply = result.reply_text
        result.phi_leaks = self._phi_leaks(result.case.turns, reply)
        result.reply_language = detect_reply_language(reply) if reply.strip() else None
        query = result.case.turns[-1]
        single = len(result.case.turns) == 1
        chunks = self._retriever.retrieve(query, k=10) if single and self._retriever else []
        result.retrieved_sources = [c.source for c in chunks[:5]]
        if result.last.get("citations") and chunks:
            support = fold(" ".join(c.text for c in chunks))
            for sentence in answer_sentences(reply):
                words = [w.strip(".,;:()¿?¡!\"'«»") for w in fold(sentence).split()]
                words = [w for w in words if len(w) >= 4]
                if len(words) < 3:
                    continue  # fixed glue phrases carry no facts
                result.answer_sentences += 1
                result.grounded_sentences += sum(w in support for w in words) / len(words) >= 0.7

    def _phi_leaks(self, turns: Sequence[str], reply: str) -> int:
        """PHI the patient sent that shows up again in a reply, plus sensitive identifiers in any reply."""
        from guardrails.entities import SENSITIVE_IDENTIFIERS

        leaks = 0
        folded_reply = fold(reply)
        for text in turns:
            for entity in self._analyzer.analyze(text):
                span = text[entity.start : entity.end]
                if self._public is not None and self._public.covers(span):
                    continue  # the clinic's own details ("Madrid", its phone) are no patient's PHI, as in the policy
                value = fold(span)
                if len(value) >= MIN_LEAK_CHARS and value in folded_reply:
                    leaks += 1
        leaks += sum(e.type in SENSITIVE_IDENTIFIERS for e in self._analyzer.analyze(reply))
        return leaks


_SOURCE_LINE = re.compile(r"^_?(?:fuente|source)s?:", re.IGNORECASE)


def answer_sentences(reply: str) -> list[str]:
    """The factual sentences of a reply: no source lines, no glue ending in ':', quote and bullet marks off."""
    kept = []
    for line in reply.splitlines():
        line = line.strip().lstrip(">•-* ").strip()
        if not line or _SOURCE_LINE.match(line) or line.endswith(":"):
            continue
        kept.extend(sentences(line))
    return kept


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


_QUOTED = re.compile(r"«[^»]*»")


def detect_reply_language(text: str) -> str | None:
    """The language of the assistant's own words in a reply.

    Verbatim excerpts of approved documents (lines quoted with ``>``, titles in «») keep the document's
    language, since no translation is available offline; they are marked as quotes and are not counted.
    """
    from agent.language import detect_language

    own = [_QUOTED.sub("", line) for line in text.splitlines() if not line.lstrip().startswith(">")]
    remaining = " ".join(own).strip()
    return detect_language(remaining) if len(remaining) >= 3 else None
