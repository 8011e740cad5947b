"""Handoffs: a conversation handed from the bot to a person (team, priority, reason, who owns it)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from store.models.base import Base, utcnow


class HandoffStatus(enum.StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    RESOLVED = "resolved"


class HandoffRequest(Base):
    """One request for a person. ``reason`` is a short code (e.g. ``human_request``), never patient text."""

    __tablename__ = "handoffs"
    __table_args__ = (Index("ix_handoffs_status_team", "status", "team"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    team: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=HandoffStatus.OPEN.value)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
