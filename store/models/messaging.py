"""Contacts, conversations, messages and durable processing jobs."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.models.base import Base, JSONType, utcnow


class ConversationState(enum.StrEnum):
    BOT_ACTIVE = "bot_active"
    IN_FLOW = "in_flow"
    WAITING_HUMAN = "waiting_human"
    HUMAN_ACTIVE = "human_active"
    RESOLVED = "resolved"


class JobStatus(enum.StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Contact(Base):
    """A patient as WhatsApp identifies them: wa_id (phone-based) and/or the business-scoped user id."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "whatsapp" for patients on the Cloud API; "api" for `recepta ask`, POST /api/v1/chat and evals.
    channel: Mapped[str] = mapped_column(String(16), default="whatsapp")
    wa_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    user_id: Mapped[str | None] = mapped_column(String(128), unique=True)
    # The caller's id for "api" contacts: never confused with a WhatsApp identity.
    api_id: Mapped[str | None] = mapped_column(String(128), unique=True)
    profile_name: Mapped[str | None] = mapped_column(String(256))
    language: Mapped[str | None] = mapped_column(String(8))
    # Each inbound message opens/refreshes the 24-hour customer service window.
    last_inbound_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    conversations: Mapped[list[Conversation]] = relationship(back_populates="contact")


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    state: Mapped[str] = mapped_column(String(32), default=ConversationState.BOT_ACTIVE.value)
    language: Mapped[str | None] = mapped_column(String(8))
    # Short memory and flow state of the engine (redacted text only).
    memory: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    contact: Mapped[Contact] = relationship(back_populates="conversations")
    messages: Mapped[list[Message]] = relationship(back_populates="conversation", order_by="Message.id")


class Message(Base):
    """One inbound or outbound WhatsApp message. ``wamid`` is unique: the persistent deduplication key."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_created", "conversation_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    direction: Mapped[str] = mapped_column(String(8))  # inbound | outbound
    wamid: Mapped[str | None] = mapped_column(String(256), unique=True)
    # Outbound idempotency: the same reply is never created (or sent) twice.
    idempotency_key: Mapped[str | None] = mapped_column(String(256), unique=True)
    type: Mapped[str] = mapped_column(String(32))
    # Redacted text once processed; the raw payload is kept only until processing and then purged.
    text: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(16))
    status_history: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    error_code: Mapped[int | None]
    error_title: Mapped[str | None] = mapped_column(String(256))
    sender: Mapped[str | None] = mapped_column(String(32))  # outbound: bot | staff | system
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None]

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class Job(Base):
    """A durable unit of background work; the row, not the transport, decides that it runs once."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_run_after", "status", "run_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    dedupe_key: Mapped[str | None] = mapped_column(String(256), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0)
    run_after: Mapped[datetime] = mapped_column(default=utcnow)
    locked_at: Mapped[datetime | None]
    locked_by: Mapped[str | None] = mapped_column(String(128))
    # Error class and code only: never message text.
    last_error: Mapped[str | None] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
