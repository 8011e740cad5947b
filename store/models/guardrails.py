"""Guardrail decisions: direction, action, entity types with offsets, verdict names, escalation. Never text."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from store.models.base import Base, JSONType, utcnow


class GuardrailDecisionRecord(Base):
    """One decision of the guardrail policy about one text (a message, a reply, a chunk, a document)."""

    __tablename__ = "guardrail_decisions"
    __table_args__ = (Index("ix_guardrail_decisions_direction_action", "direction", "action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"), index=True)
    # [{"type", "start", "end", "score"}]: offsets into the checked text, which is not stored here.
    entities: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    # [{"name", "score"}]
    verdicts: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    escalation_team: Mapped[str | None] = mapped_column(String(16))
    escalation_priority: Mapped[str | None] = mapped_column(String(8))
    # A short code such as "emergency" or "clinical_advice", never patient text.
    escalation_reason: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
