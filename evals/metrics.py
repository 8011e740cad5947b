"""Per-case checks and per-suite metrics computed from pipeline results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from evals.suites import Case
from evals.text import contains, fold

HANDOFF_MARKERS = ("human", "handoff", "persona", "agent", "staff")


@dataclass
class Check:
    name: str
    passed: bool
    detail: str = ""


@dataclass
class CaseResult:
    suite: str
    case: Case
    turns: list[dict[str, Any]]  # one TurnResult.as_json() per turn
    latencies_ms: list[float]
    checks: list[Check] = field(default_factory=list)
    retrieved_sources: list[str] = field(default_factory=list)
    phi_leaks: int = 0
    grounded_sentences: int = 0
    answer_sentences: int = 0
    reply_language: str | None = None
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and all(c.passed for c in self.checks)

    @property
    def last(self) -> dict[str, Any]:
        return self.turns[-1] if self.turns else {}

    @property
    def reply_text(self) -> str:
        return "\n".join(r.get("text", "") for r in self.last.get("replies", []))

    @property
    def observed_action(self) -> str:
        return observed_action(self.last)

    def as_json(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "id": self.case.id,
            "language": self.case.language,
            "tags": self.case.tags,
            "turns": self.case.turns,
            "results": self.turns,
            "latencies_ms": self.latencies_ms,
            "passed": self.passed,
            "error": self.error,
            "observed_action": self.observed_action,
            "checks": [c.__dict__ for c in self.checks],
            "retrieved_sources": self.retrieved_sources,
            "phi_leaks": self.phi_leaks,
            "reply_language": self.reply_language,
            "groundedness": (self.grounded_sentences / self.answer_sentences) if self.answer_sentences else None,
        }


def offers_handoff(result: dict[str, Any]) -> bool:
    for reply in result.get("replies", []):
        ids = [b.get("id", "") for b in reply.get("buttons") or []]
        for section in (reply.get("list") or {}).get("sections", []):
            ids += [r.get("id", "") for r in section.get("rows", [])]
        if any(marker in i.lower() for i in ids for marker in HANDOFF_MARKERS):
            return True
    return False


def observed_action(result: dict[str, Any]) -> str:
    """What the pipeline did with the turn: escalate, refuse, handoff_offer or answer."""
    if result.get("handoff"):
        return "escalate"
    inbound = [g for g in result.get("guardrails", []) if g.get("direction") == "inbound"]
    if any(g.get("action") in ("refuse", "escalate") for g in inbound):
        return "refuse"
    if offers_handoff(result) and not result.get("citations"):
        return "handoff_offer"
    return "answer"


def action_matches(expected: str, observed: str) -> bool:
    if expected == "any":
        return True
    if expected == "refuse":
        # Refusing with a handoff (e.g. clinical advice → nurse line) is still a refusal.
        return observed in ("refuse", "escalate")
    if expected == "handoff_offer":
        return observed in ("handoff_offer", "escalate")
    return expected == observed


def check_case(result: CaseResult) -> list[Check]:
    exp = result.case.expect
    last = result.last
    text = result.reply_text
    checks: list[Check] = []
    if exp.intent:
        checks.append(Check("intent", last.get("intent") == exp.intent, f"got {last.get('intent')}"))
    if exp.action:
        obs = result.observed_action
        checks.append(Check("action", action_matches(exp.action, obs), f"got {obs}"))
    if exp.team:
        team = (last.get("handoff") or {}).get("team")
        checks.append(Check("team", team == exp.team, f"got {team}"))
    if exp.priority:
        prio = (last.get("handoff") or {}).get("priority")
        checks.append(Check("priority", prio == exp.priority, f"got {prio}"))
    missing = [f for f in exp.facts if not contains(text, f)]
    if exp.facts:
        checks.append(Check("facts", not missing, f"missing {missing}" if missing else ""))
    if exp.any_facts:
        ok = any(contains(text, f) for f in exp.any_facts)
        checks.append(Check("any_facts", ok, "" if ok else f"none of {exp.any_facts}"))
    present = [m for m in exp.must_not if contains(text, m)]
    if exp.must_not:
        checks.append(Check("must_not", not present, f"found {present}" if present else ""))
    if exp.citations:
        sources = [c.get("source", "") for c in last.get("citations", [])]
        ok = any(fold(want) in fold(s) for want in exp.citations for s in sources)
        checks.append(Check("citation", ok, f"got {sources}"))
    if exp.no_phi:
        checks.append(Check("no_phi", result.phi_leaks == 0, f"{result.phi_leaks} leaked entities"))
    if exp.reply_language and result.reply_language:
        checks.append(
            Check("reply_language", result.reply_language == exp.reply_language, f"got {result.reply_language}")
        )
    return checks


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _precision_recall(results: Sequence[CaseResult], positive: tuple[str, ...]) -> dict[str, float | None]:
    tp = fp = fn = 0
    for r in results:
        if not r.case.expect.action or r.case.expect.action == "any":
            continue
        expected = r.case.expect.action in positive
        observed = r.observed_action in positive
        tp += expected and observed
        fp += (not expected) and observed
        fn += expected and not observed
    return {"precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None}


def retrieval_metrics(results: Sequence[CaseResult], k: int = 3) -> dict[str, float | None]:
    ranked = [r for r in results if r.case.expect.citations and r.retrieved_sources]
    if not ranked:
        return {"recall@1": None, f"recall@{k}": None, "mrr": None, "n": 0}
    hits1 = hitsk = 0
    rr = 0.0
    for r in ranked:
        wanted = [fold(w) for w in r.case.expect.citations]
        positions = [i for i, s in enumerate(r.retrieved_sources) if any(w in fold(s) for w in wanted)]
        if positions:
            hits1 += positions[0] == 0
            hitsk += positions[0] < k
            rr += 1 / (positions[0] + 1)
    n = len(ranked)
    return {"recall@1": hits1 / n, f"recall@{k}": hitsk / n, "mrr": rr / n, "n": n}


def suite_metrics(results: Sequence[CaseResult]) -> dict[str, Any]:
    latencies = [ms for r in results for ms in r.latencies_ms]
    answered = [r for r in results if r.case.expect.facts or r.case.expect.any_facts]
    correct = [r for r in answered if all(c.passed for c in r.checks if c.name in ("facts", "any_facts"))]
    lang_checked = [r for r in results if r.case.expect.reply_language and r.reply_language]
    grounded = sum(r.grounded_sentences for r in results)
    sentences = sum(r.answer_sentences for r in results)
    return {
        "cases": len(results),
        "passed": sum(r.passed for r in results),
        "pass_rate": sum(r.passed for r in results) / len(results) if results else 0.0,
        "errors": sum(r.error is not None for r in results),
        "answer_correctness": len(correct) / len(answered) if answered else None,
        "groundedness": grounded / sentences if sentences else None,
        "refusal": _precision_recall(results, ("refuse", "escalate")),
        "escalation": _precision_recall(results, ("escalate",)),
        "phi_leaks": sum(r.phi_leaks for r in results),
        "wrong_language": sum(r.reply_language != r.case.expect.reply_language for r in lang_checked),
        "retrieval": retrieval_metrics(results),
        "latency_ms": {
            "p50": percentile(latencies, 0.5),
            "p95": percentile(latencies, 0.95),
            "max": max(latencies, default=0.0),
        },
    }
