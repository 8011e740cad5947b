"""One conversational turn: what goes into the engine and what comes out (the `recepta ask --json` shape)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from channels.messages import OutboundMessage, message_text
from guardrails.decision import GuardrailDecision, Priority, Team


class InboundTurn(BaseModel):
    conversation_id: int
    message_id: int | None = None
    message_type: str = "text"
    # Raw text as the patient wrote it; only the engine sees it, and it redacts before storing or prompting.
    text: str | None = None
    button_id: str | None = None
    received_at: datetime
    is_first_contact: bool = False


class Citation(BaseModel):
    title: str
    source: str
    page_or_section: str | None = None
    document_id: int | None = None


class Handoff(BaseModel):
    team: Team
    reason: str
    priority: Priority


class TurnResult(BaseModel):
    replies: list[OutboundMessage] = Field(default_factory=list)
    intent: str = "unknown"
    language: str = "es"
    citations: list[Citation] = Field(default_factory=list)
    handoff: Handoff | None = None
    guardrails: list[GuardrailDecision] = Field(default_factory=list)
    # What the engine did: answer | welcome | handoff_offer | escalate | refuse | quiet (evals read it).
    action: str = "answer"

    def as_json(self) -> dict[str, Any]:
        """The documented JSON shape of `recepta ask --json` and `POST /api/v1/chat`."""
        replies = []
        for reply in self.replies:
            item: dict[str, Any] = {"type": reply.type, "text": message_text(reply)}
            if reply.type == "buttons":
                item["buttons"] = [b.model_dump() for b in reply.buttons]
            elif reply.type == "list":
                item["list"] = {"button": reply.button, "sections": [s.model_dump() for s in reply.sections]}
            replies.append(item)
        return {
            "replies": replies,
            "intent": self.intent,
            "language": self.language,
            "citations": [c.model_dump(exclude={"document_id"}) for c in self.citations],
            "handoff": self.handoff.model_dump() if self.handoff else None,
            "guardrails": [g.record() for g in self.guardrails],
            "action": self.action,
        }
