"""Reading guardrail decisions: which verdicts mean an emergency, a human request, clinical advice or spam."""

from __future__ import annotations

from agent.intents import Intent
from guardrails.decision import GuardrailDecision

# Verdict names are the detectors' names; matched by prefix so "self_harm" and "emergency_chest" both count.
_VERDICT_INTENTS = (
    (("emergency", "self_harm", "suicid"), Intent.EMERGENCY),
    (("clinical",), Intent.CLINICAL_ADVICE),
    (("human",), Intent.HUMAN),
    (("spam",), Intent.SPAM),
)


def _names(decision: GuardrailDecision) -> list[str]:
    return [v.name.lower() for v in decision.verdicts]


def intent_from_decision(decision: GuardrailDecision) -> Intent | None:
    """An intent the guardrails already established (they outrank keyword routing), else None."""
    names = _names(decision)
    for prefixes, intent in _VERDICT_INTENTS:
        if any(name.startswith(prefixes) for name in names):
            return intent
    return None


def is_emergency(decision: GuardrailDecision) -> bool:
    urgent = decision.escalation is not None and decision.escalation.priority == "urgent"
    return urgent or intent_from_decision(decision) == Intent.EMERGENCY
