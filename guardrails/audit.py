"""Record guardrail decisions in the database: types, offsets, verdict names and escalation, never text."""

from __future__ import annotations

from sqlalchemy.orm import Session

from guardrails.decision import GuardrailDecision
from store.models.guardrails import GuardrailDecisionRecord


def record_decision(
    session: Session,
    decision: GuardrailDecision,
    *,
    message_id: int | None = None,
    conversation_id: int | None = None,
) -> GuardrailDecisionRecord:
    """Add the decision to ``session`` (flushed, not committed: the caller's transaction decides)."""
    escalation = decision.escalation
    row = GuardrailDecisionRecord(
        direction=decision.direction,
        action=decision.action,
        message_id=message_id,
        conversation_id=conversation_id,
        entities=[e.model_dump() for e in decision.entities],
        verdicts=[v.model_dump() for v in decision.verdicts],
        escalation_team=escalation.team if escalation else None,
        escalation_priority=escalation.priority if escalation else None,
        escalation_reason=escalation.reason if escalation else None,
    )
    session.add(row)
    session.flush()
    return row
