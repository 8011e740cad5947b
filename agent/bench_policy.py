"""An allow-all guardrail policy for benchmarks run before (or without) the real policy: never for serving."""

from __future__ import annotations

from guardrails.decision import Direction, GuardrailDecision


class AllowPolicy:
    def check(self, text: str, *, direction: Direction, language: str | None = None) -> GuardrailDecision:
        del language
        return GuardrailDecision(direction=direction, action="allow", redacted=text)
