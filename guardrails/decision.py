"""What the guardrail policy decides about one text in one direction. Records types and offsets, never text."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Direction = Literal["inbound", "retrieval", "outbound-bot", "outbound-staff"]
Action = Literal["allow", "redact", "refuse", "escalate"]
Team = Literal["reception", "billing", "nurse_line"]
Priority = Literal["urgent", "high", "normal", "low"]


class Entity(BaseModel):
    type: str
    start: int
    end: int
    score: float


class Escalation(BaseModel):
    team: Team
    priority: Priority
    reason: str


class Verdict(BaseModel):
    """One detector's finding, e.g. ``clinical_advice`` or ``emergency`` (name and score only)."""

    name: str
    score: float = 1.0


class GuardrailDecision(BaseModel):
    direction: Direction
    action: Action
    entities: list[Entity] = Field(default_factory=list)
    verdicts: list[Verdict] = Field(default_factory=list)
    escalation: Escalation | None = None
    # The text with PHI replaced by typed placeholders; callers use it, the decision log never stores it.
    redacted: str = ""
    # A safe reply to send instead, when the action is refuse or escalate.
    safe_reply: str | None = None

    def record(self) -> dict[str, object]:
        """The loggable form: no text at all."""
        return self.model_dump(exclude={"redacted", "safe_reply"})
